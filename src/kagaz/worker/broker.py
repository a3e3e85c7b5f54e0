"""Handing documents to the broker (``KAGAZ_QUEUE=celery``): one task per document, carrying
only its id, never more than ``dispatch_window`` waiting at the broker.

The database row is the truth; a task is only a nudge ("look at document X"). A document is
marked dispatched in the database first (:mod:`kagaz.database.dispatch`), then its task is sent; if
sending fails the mark is undone, and if the broker loses the task later the sweeper sends it
again. A task that arrives twice, or late, finds the document claimed or final and does nothing.

Tasks are published to the queue through the default (nameless) exchange, so a broker that lost
its exchange bindings (a flushed Redis) still delivers them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from kagaz.settings import WorkerSettings
from kagaz.database import dispatch as db_dispatch
from kagaz.database.db import Database, utcnow

__all__ = ["BROKER_BACKOFF_SECONDS", "TASK_NAME", "Dispatcher"]

log = logging.getLogger(__name__)

TASK_NAME = "kagaz.process_document"
BROKER_BACKOFF_SECONDS = 5.0
_PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1}


class Dispatcher:
    """Sends document tasks through ``celery_app`` within the dispatch window."""

    def __init__(self, *, db: Database, celery_app: Any, settings: WorkerSettings) -> None:
        self.db = db
        self.app = celery_app
        self.settings = settings
        self._broker_down_until = 0.0

    def dispatch(self, limit: int | None = None, *, probe: bool = False) -> int:
        """Fill the window (or send at most ``limit``); returns how many tasks were sent.

        After a failed send, calls skip the broker for ``BROKER_BACKOFF_SECONDS`` (requests do
        not each wait for an unreachable broker); the sweeper passes ``probe=True`` to try."""
        if not probe and time.monotonic() < self._broker_down_until:
            return 0
        now = utcnow()
        with self.db.session() as session:
            ids = db_dispatch.take_undispatched(
                session,
                limit=limit or self.settings.dispatch_window,
                window=self.settings.dispatch_window,
                now=now,
            )
        return self.send(ids, sent_at=now)

    def send(self, file_uuids: Sequence[str], *, sent_at: Any) -> int:
        """Publish one task per id (already marked dispatched at ``sent_at``); ids whose task
        could not be published are unmarked. Returns how many were published."""
        sent = 0
        if not file_uuids:
            return 0
        try:
            with self.app.producer_or_acquire() as producer:
                for file_uuid in file_uuids:
                    self.app.send_task(
                        TASK_NAME,
                        args=[file_uuid],
                        queue=self.settings.celery_queue,
                        producer=producer,
                        retry=True,
                        retry_policy=_PUBLISH_RETRY,
                        ignore_result=True,
                    )
                    sent += 1
        except Exception as exc:  # kombu/redis errors: the broker is unreachable
            self._broker_down_until = time.monotonic() + BROKER_BACKOFF_SECONDS
            log.warning(
                "broker unavailable (%s): %d task(s) not sent; they will be sent later",
                type(exc).__name__,
                len(file_uuids) - sent,
            )
            try:
                with self.db.session() as session:
                    db_dispatch.unmark(session, file_uuids=file_uuids[sent:], sent_at=sent_at)
            except Exception:
                log.exception("cannot unmark unsent tasks; the sweeper will re-send them")
        return sent

    def broker_depth(self) -> int | None:
        """Tasks at the broker (waiting plus delivered-but-unacknowledged), when the transport
        can say (Redis); None otherwise."""
        with self.app.connection_for_write() as conn:
            channel = conn.default_channel
            client = getattr(channel, "client", None)
            size = getattr(channel, "_size", None)
            unacked_key = getattr(channel, "unacked_key", None)
            if client is None or size is None or unacked_key is None:
                return None
            return int(size(self.settings.celery_queue)) + int(client.hlen(unacked_key))

    def ping(self) -> None:
        """Raise unless the broker answers (for ``/readyz``)."""
        with self.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
            client = getattr(conn.default_channel, "client", None)
            if client is not None and hasattr(client, "ping"):
                client.ping()
