"""Short fault-injection runs (``make faults`` runs 1,000 documents): kagaz serve, kagaz worker,
PostgreSQL and Redis killed mid-batch; every document must end with exactly one final result."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_helpers import PG_BIN, run_embedded, run_scaleout  # noqa: E402

pytestmark = pytest.mark.slow


def _assert_exactly_once(report) -> None:  # type: ignore[no-untyped-def]
    print(report.summary())
    assert report.lost == 0 and report.duplicates == 0, report.summary()
    assert not report.problems, report.summary()
    assert report.final == report.documents == report.done
    # Not vacuous: kills landed while documents were in flight, which were then taken up again.
    assert report.killed_in_flight >= 1 and report.retried >= 1, report.summary()


def test_embedded_server_sigkilled_mid_batch() -> None:
    report = run_embedded(100, 3, timeout=120)
    assert report.kills == 3
    _assert_exactly_once(report)


@pytest.mark.skipif(
    not (PG_BIN / "initdb").exists() or shutil.which("redis-server") is None,
    reason="needs PostgreSQL server binaries and redis-server for private instances",
)
def test_scaleout_workers_killed_database_and_broker_restarted() -> None:
    report = run_scaleout(100, 3, timeout=120)
    assert report.kills == 3 and report.db_restarts == 1 and report.broker_restarts == 1
    _assert_exactly_once(report)
