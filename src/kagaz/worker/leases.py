"""Keeping the leases of documents in flight: a heartbeat thread renews them every third of
the lease, so that a short lease suffices and a dead worker's documents are taken up again soon.

A document held longer than ``max_hold_seconds`` is no longer renewed: an engine stuck for good
loses its document to another worker instead of holding it forever.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kagaz.errors import KagazError
from kagaz.settings import Settings
from kagaz.database import queue
from kagaz.database.db import Database, utcnow

__all__ = ["LeaseKeeper", "hold_seconds"]

log = logging.getLogger(__name__)


def hold_seconds(settings: Settings) -> float:
    """Longest a worker may keep one document: twice the engine's budget plus every download
    attempt. Past it the lease is no longer renewed (and, in Celery, the hard time limit of the
    task follows a minute later)."""
    return settings.engine.timeout_seconds * 2 + (
        settings.fetch.total_timeout * settings.fetch.attempts
    )


class LeaseKeeper:
    """Renews the leases registered with :meth:`hold`, from one daemon thread."""

    def __init__(self, db: Database, *, lease_seconds: float, max_hold_seconds: float) -> None:
        self.db = db
        self.lease_seconds = lease_seconds
        self.max_hold_seconds = max_hold_seconds
        self._lock = threading.Lock()
        self._inflight: dict[str, tuple[str, float]] = {}  # file_uuid -> (owner, since)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the heartbeat (idempotent)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(
                    target=self._run, name="kagaz-heartbeat", daemon=True
                )
                self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._inflight)

    @contextmanager
    def hold(self, file_uuid: str, owner: str) -> Iterator[None]:
        """Renew ``owner``'s lease on ``file_uuid`` while the block runs."""
        with self._lock:
            self._inflight[file_uuid] = (owner, time.monotonic())
        try:
            yield
        finally:
            with self._lock:
                self._inflight.pop(file_uuid, None)

    def renew_now(self) -> None:
        """One heartbeat: extend every lease still held (and not held too long)."""
        now_mono = time.monotonic()
        held: dict[str, list[str]] = {}
        with self._lock:
            for file_uuid, (owner, since) in self._inflight.items():
                if now_mono - since < self.max_hold_seconds:
                    held.setdefault(owner, []).append(file_uuid)
        for owner, uuids in held.items():
            try:
                with self.db.session() as session:
                    queue.renew_leases(
                        session,
                        owner=owner,
                        file_uuids=uuids,
                        lease_seconds=self.lease_seconds,
                        now=utcnow(),
                    )
            except KagazError:
                log.exception("heartbeat: cannot renew leases")

    def _run(self) -> None:
        interval = max(0.2, self.lease_seconds / 3)
        while not self._stop.wait(interval):
            self.renew_now()
