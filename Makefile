# kagaz — make targets. Every target works on a fresh Debian/Ubuntu machine with Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
SAMPLES ?= ../shared/samples
REAL    ?= tests/real

.PHONY: install system-deps run test test-fast eval bench fuzz faults scan-secrets clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	@touch $(STAMP)

# Debian packages: Tesseract's Devanagari data lets kagaz read Hindi lines; the fonts draw the
# synthetic evaluation corpus (kagaz.synth); Chromium runs the review console's browser tests
# (tests/console, which skip without /usr/bin/chromium). Everything else comes from PyPI. Without
# root or apt the engine still runs (it skips Devanagari re-reading) and the missing packages are named.
DEBIAN_PACKAGES := tesseract-ocr-eng tesseract-ocr-hin tesseract-ocr-mar fonts-dejavu-core fonts-dejavu-extra \
	fonts-liberation2 fonts-freefont-ttf fonts-noto-core chromium

system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then \
		echo "debian packages: present"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing:$$missing"; \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "note: install these Debian packages for Devanagari reading, the synthetic corpus and the browser tests:$$missing"; \
	fi

run: install
	@echo ""
	@echo "kagaz is starting on http://$(HOST):$(PORT)  (API docs: http://$(HOST):$(PORT)/docs)"
	@echo "Create credentials in another terminal with:"
	@echo "    $(VENV)/bin/kagaz clients create --name my-lender"
	@echo ""
	$(VENV)/bin/kagaz serve --host $(HOST) --port $(PORT)

# Tests write their databases, data directories and logs under .pytest-tmp, which
# `make scan-secrets` (run after the tests by .ci/run) searches for secrets left at rest.
test: install
	$(PY) -m pytest -n 2 --dist loadfile -q --basetemp=.pytest-tmp

test-fast: install
	$(PY) -m pytest -q -m "not slow"

eval: install
	$(PY) -m kagaz.evaluation --samples $(SAMPLES) --real $(REAL) --out docs/accuracy.md

# Benchmarks are not tests: each script measures and rewrites its own section of docs/benchmarks.md.
bench: install
	$(PY) bench/bench_engine.py --out docs/benchmarks.md
	@for b in bench/bench_statements.py bench/bench_api.py bench/bench_scaleout.py bench/bench_load.py \
		bench/bench_serve_scaling.py; do \
		if [ -f $$b ]; then $(PY) $$b --out docs/benchmarks.md || exit 1; fi; \
	done

# Schemathesis over every operation of the OpenAPI schema, in process (about 10 minutes; a short
# run is part of make test): no 5xx, answers as the schema declares them.
fuzz: install
	$(PY) tests/fuzz/fuzz_helpers.py --examples 500 --stateful 300 --budget 600

# Fault injection with 1,000 documents (several minutes each; short runs are part of make test):
# kagaz serve SIGKILLed mid-batch (embedded default), then kagaz worker SIGKILLed and a private
# PostgreSQL and Redis restarted mid-batch (scale-out; needs postgresql and redis-server installed).
faults: install
	$(PY) tests/faults/fault_helpers.py embedded --docs 1000 --kills 6
	$(PY) tests/faults/fault_helpers.py scaleout --docs 1000 --kills 6

# No full Aadhaar number, client secret or access token at rest (docs/security.md): scans every
# database, data directory and log under SCAN_PATHS (default: the pytest basetemp .pytest-tmp, so
# run the tests with --basetemp=.pytest-tmp first) and any SCAN_DATABASE_URL. Exit 1 on a finding.
# Skipped: truth.jsonl, the ground truth of generated corpora (kagaz.synth: invented people).
SCAN_PATHS ?= .pytest-tmp
SCAN_DATABASE_URL ?=
scan-secrets: install
	$(PY) -m kagaz.security.scan $(foreach p,$(SCAN_PATHS),--path $(p)) --exclude '*/truth.jsonl' \
		$(foreach u,$(SCAN_DATABASE_URL),--database-url $(u))

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
