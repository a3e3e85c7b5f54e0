"""Short schemathesis run over every operation of the OpenAPI schema (``make fuzz`` runs the long
one): no 5xx, status codes, content types and bodies as declared, stateful along the links."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.responses import JSONResponse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_helpers import Report, Target, fuzz_operations, run_fuzz  # noqa: E402

pytestmark = pytest.mark.slow


def test_every_operation_conforms_to_the_schema() -> None:
    report = run_fuzz(examples=15, stateful_examples=12, budget_seconds=40)
    print(report.summary())
    assert not report.failures, report.summary()
    assert report.server_errors == 0
    # Not vacuous: the fuzzer got past authentication and validation, and followed the links.
    assert report.statuses.get(200, 0) > 20 and report.statuses.get(201, 0) > 5, report.statuses
    assert report.stateful_links >= 2 and report.stateful_steps > 0
    for name in ("/v1/bulk/multiupload", "/v1/bulk/extracts", "/v1/files/redacted/{token}"):
        assert any(name in op for op in report.operations), report.operations


def test_the_harness_catches_a_server_error_and_an_undeclared_answer() -> None:
    app = FastAPI()

    @app.get("/boom", responses={200: {"description": "never"}})
    def boom(n: int = 0) -> JSONResponse:
        return JSONResponse({"x": n}, status_code=500 if n % 2 else 418)

    t = Target(app, schemathesis.openapi.from_asgi("/openapi.json", app), ("a", "b"), "t")
    report = Report()
    fuzz_operations(t, report, examples=10, deadline=time.monotonic() + 20)
    titles = " ".join(f.message for f in report.failures)
    assert "Server error" in titles and "Undocumented status code" in titles, titles
