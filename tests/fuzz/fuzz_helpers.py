"""Schemathesis against the real app, in process: every operation of the OpenAPI schema, then
stateful sequences along the schema's links.

A module, not conftest.py (see tests/api/api_helpers.py). :func:`run_fuzz` is used by the short
run in ``tests/fuzz/test_fuzz_api.py`` (part of ``make test``) and by ``make fuzz``::

    python tests/fuzz/fuzz_helpers.py --examples 500 --budget 600

The app is :func:`kagaz.api.create_app` with a temporary data directory (SQLite, local files),
no worker threads (fuzzed URLs are never fetched) and a real client whose valid ``Token`` is sent
with every request, so that authenticated operations are exercised past the 401; ``authtoken``
gets the client's real credentials in half of its cases. Each operation is fuzzed with valid
(positive) and invalid (negative) data. Checks: no 5xx answer, status codes, content types and
bodies as the schema declares them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis.errors import FlakyStrategyDefinition, Unsatisfiable
from hypothesis import settings as hsettings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure as CheckFailure
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_helpers import add_client, make_settings  # noqa: E402

from kagaz.api import create_app  # noqa: E402
from kagaz.settings import Settings  # noqa: E402
from kagaz.database import queue  # noqa: E402
from kagaz.database.db import Database, utcnow  # noqa: E402
from kagaz.database.models import DocumentStatus  # noqa: E402

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class Failure:
    operation: str
    mode: str
    status: int
    message: str
    curl: str


@dataclass
class Report:
    operations: list[str] = field(default_factory=list)
    examples: dict[str, int] = field(default_factory=dict)  # "GET /x [positive]" -> cases run
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    stateful_steps: int = 0
    stateful_links: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.examples.values()) + self.stateful_steps

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> str:
        lines = [
            f"{len(self.operations)} operations, {self.total} requests "
            f"({sum(self.examples.values())} per-operation cases, {self.stateful_steps} stateful "
            f"steps over {self.stateful_links} links) in {self.seconds:.0f} s",
            f"answers by status: {dict(sorted(self.statuses.items()))}",
            f"failures: {len(self.failures)}",
        ]
        lines += [f"note: {n}" for n in self.notes]
        for name, n in self.examples.items():
            lines.append(f"  {name}: {n}")
        for f in self.failures[:20]:
            lines.append(f"FAIL {f.operation} [{f.mode}] {f.status}: {f.message}\n    {f.curl}")
        return "\n".join(lines)


@dataclass
class Target:
    """The app under test, its schema, and a client's credentials and token."""

    app: Any
    schema: Any
    creds: tuple[str, str]
    token: str
    batch_id: str = ""  # a batch of this client: one document done, one failed, one queued


@contextmanager
def target(data_dir: Path | None = None, **overrides: Any) -> Iterator[Target]:
    """A real app (temporary data directory unless given) with one client and its token."""
    with tempfile.TemporaryDirectory(prefix="kagaz-fuzz-") as tmp:
        settings: Settings = make_settings(data_dir or Path(tmp), **overrides)
        app = create_app(settings, run_workers=False)
        creds = add_client(settings, "fuzz")
        # schemathesis starts the app's lifespan once per process and keeps it; so do we.
        with asgi.get_client(app) as client:
            r = client.post(
                "http://testserver/v1/bulk/authtoken",
                headers={"Client-Id": creds[0], "Client-Secret": creds[1]},
            )
            assert r.status_code in (200, 201), r.text
            token = str(r.json()["access_token"])
            r = client.post(
                "http://testserver/v1/bulk/multiupload",
                headers={"Token": token},
                json={
                    "product_type": "POC_CDL",
                    "file_urls": [
                        {"file_url": f"https://docs.example.com/{i}.pdf", "document_id": str(i)}
                        for i in range(3)
                    ],
                },
            )
            assert r.status_code == 201, r.text
            batch_id = str(r.json()[0]["batch_id"])
        _finish_two(settings)
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        yield Target(app, schema, creds, token, batch_id)


def _finish_two(settings: Settings) -> None:
    """Give the known batch a done document (with a stored redacted image) and a failed one,
    written through the queue's own functions, so that extracts renders real results."""
    db = Database(settings.resolved_database_url())
    try:
        for status in (DocumentStatus.DONE, DocumentStatus.FAILED):
            with db.session() as session:
                job = queue.claim_next(session, owner="fuzz", lease_seconds=60, now=utcnow())
                assert job is not None
                queue.finish(
                    session,
                    file_uuid=job.file_uuid,
                    owner="fuzz",
                    status=status,
                    now=utcnow(),
                    document_type="AADHAAR" if status is DocumentStatus.DONE else None,
                    result={
                        "document_type": "AADHAAR",
                        "aadhaar_number": {"value": "XXXX XXXX 0123", "confidence_score": 0.9},
                    }
                    if status is DocumentStatus.DONE
                    else None,
                    artifacts={"aadhaar_redacted": "derived/x/aadhaar_redacted"}
                    if status is DocumentStatus.DONE
                    else None,
                    error_code=None if status is DocumentStatus.DONE else "UNRECOGNISED",
                    error_message=None if status is DocumentStatus.DONE else "Not a document",
                )
    finally:
        db.dispose()


def _headers_for(t: Target, case: Any, rng: random.Random) -> dict[str, str]:
    headers = {"Token": t.token}
    if case.operation.path.endswith("/authtoken") and rng.random() < 0.5:
        headers.update({"Client-Id": t.creds[0], "Client-Secret": t.creds[1]})
    return headers


def _repair(case: Any, rng: random.Random) -> None:
    """Half of the generated multiupload bodies get plausible URLs, so that the fuzzer reaches
    the 201 path (and, statefully, extracts of real batches), not only the URL check's 400."""
    body = case.body
    if not case.operation.path.endswith("/multiupload") or not isinstance(body, dict):
        return
    items = body.get("file_urls")
    if isinstance(items, list) and rng.random() < 0.5:
        for i, item in enumerate(items):
            if isinstance(item, dict):
                item["file_url"] = f"https://docs.example.com/{rng.randrange(10**6)}/{i}.pdf"


def _record(report: Report, t: Target, name: str, mode: str, case: Any, response: Any) -> None:
    report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
    try:
        case.validate_response(response, checks=CHECKS)
    except (CheckFailure, FailureGroup) as exc:
        failures = getattr(exc, "exceptions", None) or [exc]
        for failure in failures:
            title = getattr(failure, "title", type(failure).__name__)
            message = str(getattr(failure, "message", failure)).strip().splitlines()
            report.failures.append(
                Failure(
                    name,
                    mode,
                    response.status_code,
                    f"{title}: {' '.join(message)[:400]}",
                    case.as_curl_command(headers={"Token": "<token>"})[:600],
                )
            )


def fuzz_operations(
    t: Target, report: Report, *, examples: int, deadline: float, seed: int = 0
) -> None:
    """Every operation, with valid and with invalid data; the time left is shared out evenly,
    so that a slow operation cannot starve the ones after it."""
    rng = random.Random(seed)
    runs: list[tuple[Any, str, str, GenerationMode, dict[str, Any]]] = []
    for result in t.schema.get_all_operations():
        operation = result.ok()
        name = f"{operation.method.upper()} {operation.path}"
        report.operations.append(name)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            runs.append((operation, name, f"{name} [{mode.value}]", mode, {}))
        if operation.path.endswith("/extracts") and "/v1/bulk/" in operation.path:
            # The same, on a batch of this client's that exists (pages of real results).
            fixed = {"query": {"batch_id": t.batch_id}}
            runs.append((operation, name, f"{name} [known batch]", GenerationMode.POSITIVE, fixed))
    for left, (operation, name, key, mode, fixed) in zip(
        range(len(runs), 0, -1), runs, strict=True
    ):
        report.examples[key] = 0
        now = time.monotonic()
        if now > deadline:
            continue
        until = now + (deadline - now) / left
        _fuzz_one(t, report, operation, name, key, mode, examples, until, rng, **fixed)


def _fuzz_one(
    t: Target,
    report: Report,
    operation: Any,
    name: str,
    key: str,
    mode: GenerationMode,
    examples: int,
    deadline: float,
    rng: random.Random,
    **fixed: Any,
) -> None:
    @hsettings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    def run(case: Any) -> None:
        if time.monotonic() > deadline:
            return
        if mode is GenerationMode.POSITIVE:
            _repair(case, rng)
        response = case.call(headers=_headers_for(t, case, rng))
        report.examples[key] += 1
        _record(report, t, name, mode.value, case, response)

    try:
        run()
    except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
        report.examples.pop(key, None)


class _OutOfTime(Exception):
    pass


def fuzz_stateful(t: Target, report: Report, *, examples: int, deadline: float) -> None:
    """Sequences along the schema's links (multiupload -> extracts by batch_id)."""
    machine = t.schema.as_state_machine()
    report.stateful_links = sum(len(v) for v in _links(t.schema.raw_schema).values())
    if report.stateful_links == 0 or time.monotonic() > deadline:
        return

    class Machine(machine):  # type: ignore[misc, valid-type]
        def before_call(self, case: Any) -> None:
            if time.monotonic() > deadline:
                raise _OutOfTime
            # Decided by the case itself: hypothesis replays scenarios and wants them identical.
            _repair(case, random.Random(repr(case.body)))

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": {"Token": t.token}}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            name = f"{case.operation.method.upper()} {case.operation.path}"
            report.stateful_steps += 1
            _record(report, t, name, "stateful", case, response)

    try:
        Machine.run(
            settings=hsettings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.generate],
                stateful_step_count=6,
                suppress_health_check=list(HealthCheck),
            )
        )
    except _OutOfTime:
        report.notes.append("stateful run stopped at the time budget")
    except FlakyStrategyDefinition as exc:
        # The server's state changes between replays (every multiupload makes a new batch):
        # hypothesis may notice and stop generating; the steps already run still count.
        report.notes.append(f"stateful run stopped early: {type(exc).__name__}")


def _links(raw: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path, item in raw.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            for answer in op.get("responses", {}).values():
                for link in (answer.get("links") or {}).values():
                    out.setdefault(f"{method.upper()} {path}", []).append(link.get("operationId"))
    return out


def run_fuzz(*, examples: int, stateful_examples: int, budget_seconds: float) -> Report:
    report = Report()
    started = time.monotonic()
    deadline = started + budget_seconds
    with target() as t:
        # Three quarters of the budget for the operations one by one, the rest for sequences.
        fuzz_operations(t, report, examples=examples, deadline=started + 0.75 * budget_seconds)
        fuzz_stateful(t, report, examples=stateful_examples, deadline=deadline)
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fuzz every operation of kagaz's OpenAPI schema")
    ap.add_argument("--examples", type=int, default=500, help="cases per operation and mode")
    ap.add_argument("--stateful", type=int, default=200, help="stateful scenarios")
    ap.add_argument("--budget", type=float, default=600, help="stop generating after (s)")
    args = ap.parse_args(argv)
    report = run_fuzz(
        examples=args.examples, stateful_examples=args.stateful, budget_seconds=args.budget
    )
    print(report.summary())
    return 1 if report.failures else 0



if __name__ == "__main__":
    raise SystemExit(main())
