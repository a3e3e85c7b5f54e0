"""The sweeper of the broker path: the database stays the truth when tasks go missing.

Every ``sweep_interval_seconds`` (in each API process, and in ``kagaz worker --beat``):

1. **Expired leases.** A document whose worker stopped renewing its lease (SIGKILL, host lost,
   stuck engine) goes back to ``queued`` and its task is sent again; its attempt counts, so a
   document that kills every worker fails after ``max_attempts``.
2. **Lost tasks.** A dispatched document not started ``requeue_after_seconds`` after its task was
   sent is sent again. When the broker can count its messages (Redis) and holds fewer than the
   database says were sent (a flushed broker), the wait shrinks to a few seconds.
3. **Refill.** Due documents are dispatched up to the window (workers also refill as they start
   documents; this catches up after a broker outage).

Every step is a conditional update that several sweepers may run at once: each document is
handed out by one of them, and a task sent twice is harmless (the second finds nothing to do).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from kagaz.observability import metrics
from kagaz.settings import WorkerSettings
from kagaz.database import dispatch as db_dispatch
from kagaz.database.db import Database, utcnow
from kagaz.worker.broker import Dispatcher
from kagaz.worker.periodic import Periodic

__all__ = ["SweepReport", "Sweeper"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SweepReport:
    expired: int = 0
    lost: int = 0
    dispatched: int = 0
    broker_depth: int | None = None


class Sweeper:
    """One sweep on demand (:meth:`sweep`) or every interval in a thread (:meth:`start`)."""

    def __init__(self, *, db: Database, dispatcher: Dispatcher, settings: WorkerSettings) -> None:
        self.db = db
        self.dispatcher = dispatcher
        self.settings = settings
        self._periodic: Periodic | None = None

    @property
    def grace_seconds(self) -> float:
        """How old a dispatch must be before a short-counting broker makes it count as lost."""
        return max(3.0, 2 * self.settings.sweep_interval_seconds)

    def sweep(self, now: dt.datetime | None = None) -> SweepReport:
        now = now or utcnow()
        window = self.settings.dispatch_window
        with self.db.session() as session:
            expired = db_dispatch.requeue_expired(session, now=now, limit=window)
        if expired:
            log.warning("sweeper: %d document(s) with expired leases re-queued", len(expired))
            metrics.REQUEUED.labels("expired_lease").inc(len(expired))
            self.dispatcher.send(expired, sent_at=now)
        depth = self._broker_depth()
        cutoff = now - dt.timedelta(seconds=self.settings.requeue_after_seconds)
        limit = window
        if depth is not None:
            with self.db.session() as session:
                outstanding = db_dispatch.count_dispatched(session)
            if depth < outstanding:  # the broker holds fewer tasks than were sent: some are lost
                cutoff = max(cutoff, now - dt.timedelta(seconds=self.grace_seconds))
                limit = max(window, outstanding)  # all at once: no second round of duplicates
        with self.db.session() as session:
            lost = db_dispatch.take_stale(session, sent_before=cutoff, limit=limit, now=now)
        if lost:
            log.warning("sweeper: %d task(s) lost by the broker sent again", len(lost))
            metrics.REQUEUED.labels("lost_task").inc(len(lost))
            self.dispatcher.send(lost, sent_at=now)
        dispatched = self.dispatcher.dispatch(probe=True)
        return SweepReport(len(expired), len(lost), dispatched, depth)

    def _broker_depth(self) -> int | None:
        try:
            return self.dispatcher.broker_depth()
        except Exception as exc:
            log.warning("sweeper: cannot count the broker's messages (%s)", type(exc).__name__)
            return None

    def start(self) -> None:
        self._periodic = Periodic("sweeper", self.settings.sweep_interval_seconds, self.sweep)
        self._periodic.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._periodic is not None:
            self._periodic.stop(timeout)
