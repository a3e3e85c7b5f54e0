"""The in-process worker pool (``KAGAZ_QUEUE=local``): threads that claim documents under leases
and process them.

Each thread has the :class:`~kagaz.services.processing.DocumentRunner` claim the next due document
and take it through (fetch, engine, storage, one fenced final result) while a :class:`~kagaz.worker.leases.LeaseKeeper` renews its lease, and idles for
``poll_seconds`` when nothing is due (new uploads wake it at once). Documents of a server that
died are taken up when their leases expire.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable

from kagaz.database.db import Database
from kagaz.database.passwords import PasswordBox
from kagaz.fetch.fetcher import Fetcher
from kagaz.services.processing import DocumentRunner
from kagaz.services.wiring import Processor, ProcessorFactory
from kagaz.settings import WorkerSettings
from kagaz.storage.base import Storage
from kagaz.text.masking import AadhaarMasking
from kagaz.worker.leases import LeaseKeeper

__all__ = ["WorkerPool"]

log = logging.getLogger(__name__)

_ENGINE_RETRY_SECONDS = 30.0


class WorkerPool:
    """``settings.threads`` worker threads (one document each, read by the processor: in `kagaz
    serve`, an engine process per thread, :func:`kagaz.services.wiring.engine_pool_factory`) plus
    one heartbeat thread."""

    def __init__(
        self,
        *,
        db: Database,
        storage: Storage,
        fetcher: Fetcher,
        processor_factory: ProcessorFactory,
        settings: WorkerSettings,
        max_hold_seconds: float = 900.0,
        aadhaar: AadhaarMasking = AadhaarMasking(),
        passwords: PasswordBox | None = None,
        on_finished: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.processor_factory = processor_factory
        self.settings = settings
        self.on_finished = on_finished
        self.runner = DocumentRunner(
            db=db,
            storage=storage,
            fetcher=fetcher,
            settings=settings,
            aadhaar=aadhaar,
            passwords=passwords,
        )
        self.leases = LeaseKeeper(
            db, lease_seconds=settings.lease_seconds, max_hold_seconds=max_hold_seconds
        )
        self.owner_prefix = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        for i in range(self.settings.threads):
            t = threading.Thread(
                target=self._run,
                args=(f"{self.owner_prefix}:{i}",),
                name=f"kagaz-worker-{i}",
                daemon=True,
            )
            self._threads.append(t)
        for t in self._threads:
            t.start()
        if self._threads:
            self.leases.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking work; wait up to ``timeout`` for documents in flight (their leases
        expire and another server picks them up if they do not finish)."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self.leases.stop()

    def wake(self) -> None:
        """New work arrived: stop idling now."""
        self._wake.set()

    @property
    def busy(self) -> int:
        return self.leases.busy

    # -- threads ---------------------------------------------------------------------------
    def _run(self, owner: str) -> None:
        processor: Processor | None = None
        while processor is None:
            if self._stop.is_set():
                return
            try:
                processor = self.processor_factory()
            except Exception:
                log.exception("worker %s: cannot start the engine; retrying", owner)
                self._stop.wait(_ENGINE_RETRY_SECONDS)
        while not self._stop.is_set():
            try:
                worked = self.run_once(owner, processor)
            except Exception:
                log.exception("worker %s: unexpected error; continuing", owner)
                worked = False
            if not worked:
                self._wake.wait(self.settings.poll_seconds)
                self._wake.clear()

    # -- one document ----------------------------------------------------------------------
    def run_once(self, owner: str, processor: Processor) -> bool:
        """Claim and process one document; False when none was due."""
        job = self.runner.claim_next(owner)
        if job is None:
            return False
        with self.leases.hold(job.file_uuid, owner):
            self.runner.handle(job, owner, processor)
        if self.on_finished is not None:
            self.on_finished(job.file_uuid)
        return True
