"""What operators ask of a running process: is each dependency reachable (``/readyz``), and how
many documents wait in each state (the queue gauges of ``/metrics``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import sqlalchemy as sa

from kagaz.database import dispatch
from kagaz.database.db import Database
from kagaz.services.wiring import Parts

__all__ = ["Pingable", "queue_depth", "readiness_checks"]


class Pingable(Protocol):
    def ping(self) -> None:
        """Raise unless the dependency answers."""


def _database(db: Database) -> None:
    with db.connect() as conn:
        conn.execute(sa.text("SELECT 1"))


def readiness_checks(parts: Parts, broker: Pingable | None = None) -> dict[str, Callable[[], None]]:
    """``{name: check}``: each raises unless its dependency answers (the broker only with the
    Celery queue)."""
    checks: dict[str, Callable[[], None]] = {
        "database": lambda: _database(parts.db),
        "storage": parts.storage.check,
    }
    if broker is not None:
        checks["broker"] = broker.ping
    return checks


def queue_depth(db: Database) -> dict[str, int]:
    """Documents by queue state (kagaz.database.dispatch.queue_depth)."""
    with db.session() as session:
        return dispatch.queue_depth(session)
