# kagaz — make targets. Every target works on a fresh Debian/Ubuntu machine with Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
SAMPLES ?= ../shared/samples

.PHONY: install system-deps run test test-fast eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	@touch $(STAMP)

# Tesseract's Devanagari data (Debian) lets kagaz read Hindi lines; everything else comes from PyPI.
# Without root or apt the engine still runs and skips Devanagari re-reading.
system-deps:
	@if [ -f /usr/share/tesseract-ocr/5/tessdata/hin.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/hin.traineddata ]; then \
		echo "tesseract hin data: present"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr-hin tesseract-ocr-eng fonts-noto-core >/dev/null; \
	else \
		echo "note: install tesseract-ocr-hin (Debian) to read Devanagari; continuing without it"; \
	fi

run: install
	@echo ""
	@echo "kagaz is starting on http://$(HOST):$(PORT)  (API docs: http://$(HOST):$(PORT)/docs)"
	@echo "Create credentials in another terminal with:"
	@echo "    $(VENV)/bin/kagaz clients create --name my-lender"
	@echo ""
	$(VENV)/bin/kagaz serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest -n 2 --dist loadfile -q

test-fast: install
	$(PY) -m pytest -q -m "not slow"

eval: install
	$(PY) -m kagaz.evaluation --samples $(SAMPLES) --out docs/accuracy.md

# Benchmarks are not tests: each script measures and rewrites its own section of docs/benchmarks.md.
bench: install
	$(PY) bench/bench_engine.py --out docs/benchmarks.md
	@for b in bench/bench_statements.py bench/bench_api.py bench/bench_scaleout.py; do \
		if [ -f $$b ]; then $(PY) $$b --out docs/benchmarks.md || exit 1; fi; \
	done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
