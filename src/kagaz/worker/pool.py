"""The in-process worker pool: threads that claim documents under leases and process them.

One document's life in a worker: claim (lease taken, ``attempts`` + 1) → fetch and store the
original (unless a stored one exists from an earlier try) → process with the engine → store
derived images → write the single final result, fenced by the lease. A heartbeat renews the
leases of documents in flight, so a short lease suffices and a killed server's documents are
taken up again soon after restart. A crash of the processor puts the document back in the queue
with a backoff; after ``max_attempts`` tries it fails alone with an error code.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable

from kagaz.errors import FetchError, InputError, KagazError
from kagaz.fetch.fetcher import Fetcher
from kagaz.fetch.sniff import EXTENSIONS
from kagaz.pipeline.document import ExtractResult, Status
from kagaz.settings import WorkerSettings
from kagaz.storage.base import BlobNotFound, Storage
from kagaz.store import queue
from kagaz.store.db import Database, utcnow
from kagaz.store.models import DocumentStatus
from kagaz.worker.processor import Processor, ProcessorFactory, mask_aadhaar_numbers

__all__ = ["WorkerPool"]

log = logging.getLogger(__name__)

_ENGINE_RETRY_SECONDS = 30.0


class WorkerPool:
    """``settings.count`` worker threads plus one heartbeat thread."""

    def __init__(
        self,
        *,
        db: Database,
        storage: Storage,
        fetcher: Fetcher,
        processor_factory: ProcessorFactory,
        settings: WorkerSettings,
        max_hold_seconds: float = 900.0,
        reveal_aadhaar: bool = False,
        on_finished: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.storage = storage
        self.fetcher = fetcher
        self.processor_factory = processor_factory
        self.settings = settings
        self.max_hold_seconds = max_hold_seconds
        self.reveal_aadhaar = reveal_aadhaar
        self.on_finished = on_finished
        self.owner_prefix = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._inflight: dict[str, tuple[str, float]] = {}  # file_uuid -> (owner, since)
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        for i in range(self.settings.count):
            t = threading.Thread(
                target=self._run,
                args=(f"{self.owner_prefix}:{i}",),
                name=f"kagaz-worker-{i}",
                daemon=True,
            )
            self._threads.append(t)
        if self._threads:
            self._threads.append(
                threading.Thread(target=self._heartbeat, name="kagaz-heartbeat", daemon=True)
            )
        for t in self._threads:
            t.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking work; wait up to ``timeout`` for documents in flight (their leases
        expire and another server picks them up if they do not finish)."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))

    def wake(self) -> None:
        """New work arrived: stop idling now."""
        self._wake.set()

    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._inflight)

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

    def _heartbeat(self) -> None:
        interval = max(0.2, self.settings.lease_seconds / 3)
        while not self._stop.wait(interval):
            now_mono = time.monotonic()
            with self._lock:
                held: dict[str, list[str]] = {}
                for file_uuid, (owner, since) in self._inflight.items():
                    if now_mono - since < self.max_hold_seconds:  # a stuck engine loses its lease
                        held.setdefault(owner, []).append(file_uuid)
            for owner, uuids in held.items():
                try:
                    with self.db.session() as session:
                        queue.renew_leases(
                            session,
                            owner=owner,
                            file_uuids=uuids,
                            lease_seconds=self.settings.lease_seconds,
                            now=utcnow(),
                        )
                except KagazError:
                    log.exception("heartbeat: cannot renew leases")

    # -- one document ----------------------------------------------------------------------
    def run_once(self, owner: str, processor: Processor) -> bool:
        """Claim and process one document; False when none was due."""
        with self.db.session() as session:
            job = queue.claim_next(
                session, owner=owner, lease_seconds=self.settings.lease_seconds, now=utcnow()
            )
        if job is None:
            return False
        with self._lock:
            self._inflight[job.file_uuid] = (owner, time.monotonic())
        try:
            self._handle(job, owner, processor)
        finally:
            with self._lock:
                self._inflight.pop(job.file_uuid, None)
        if self.on_finished is not None:
            self.on_finished(job.file_uuid)
        return True

    def _handle(self, job: queue.Job, owner: str, processor: Processor) -> None:
        if job.attempts > self.settings.max_attempts:
            self._fail(
                job,
                owner,
                "ENGINE_ERROR",
                f"Processing failed after {self.settings.max_attempts} attempts",
            )
            return
        try:
            data, filename = self._load(job, owner)
            result = processor(data, filename)
            self._record(job, owner, result)
        except _LeaseLost:
            log.warning("document %s: lease lost; leaving it to its new owner", job.file_uuid)
        except (FetchError, InputError) as exc:  # the document's fault: final at once
            log.info("document %s failed: %s", job.file_uuid, exc.code)
            self._fail(job, owner, exc.code, exc.message)
        except Exception as exc:  # the processor or infrastructure broke: retry, bounded
            log.exception("document %s: attempt %d crashed", job.file_uuid, job.attempts)
            self._crashed(job, owner, exc)

    def _load(self, job: queue.Job, owner: str) -> tuple[bytes, str]:
        if job.original_key is not None:
            try:
                data = self.storage.get(job.original_key)
                fmt = job.original_format or "pdf"
                return data, f"document.{EXTENSIONS.get(fmt, 'bin')}"
            except BlobNotFound:
                log.warning("document %s: stored original missing; fetching again", job.file_uuid)
        fetched = self.fetcher.fetch(job.file_url)
        now = utcnow()
        key = f"originals/{now:%Y/%m/%d}/{job.file_uuid}.{EXTENSIONS[fetched.format]}"
        self.storage.put(key, fetched.data)
        with self.db.session() as session:
            if not queue.mark_fetched(
                session,
                file_uuid=job.file_uuid,
                owner=owner,
                key=key,
                fmt=fetched.format,
                size=len(fetched.data),
                now=now,
            ):
                raise _LeaseLost(job.file_uuid)
        return fetched.data, fetched.filename

    def _record(self, job: queue.Job, owner: str, result: ExtractResult) -> None:
        artifacts: dict[str, str] = {}
        for name, blob in (result.artifacts or {}).items():
            safe = "".join(c for c in name if c.isalnum() or c in "_-")[:64]
            if safe and blob:
                key = f"derived/{job.file_uuid}/{safe}"
                self.storage.put(key, blob)
                artifacts[safe] = key
        file_data = result.file_data()
        if not self.reveal_aadhaar:  # only entities licensed to hold the number turn this off
            file_data = mask_aadhaar_numbers(file_data)
        failed = result.status == Status.FAILED
        with self.db.session() as session:
            ok = queue.finish(
                session,
                file_uuid=job.file_uuid,
                owner=owner,
                status=DocumentStatus.FAILED if failed else DocumentStatus.DONE,
                now=utcnow(),
                error_code=result.error_code or ("ENGINE_ERROR" if failed else None),
                error_message=result.error_message,
                document_type=result.document_type,
                result=file_data,
                artifacts=artifacts,
            )
        if not ok:
            log.warning("document %s: lease lost before the result was written", job.file_uuid)

    def _fail(self, job: queue.Job, owner: str, code: str, message: str) -> None:
        with self.db.session() as session:
            queue.finish(
                session,
                file_uuid=job.file_uuid,
                owner=owner,
                status=DocumentStatus.FAILED,
                now=utcnow(),
                error_code=code,
                error_message=message,
            )

    def _crashed(self, job: queue.Job, owner: str, exc: Exception) -> None:
        if job.attempts >= self.settings.max_attempts:
            code = exc.code if isinstance(exc, KagazError) else "ENGINE_ERROR"
            self._fail(
                job,
                owner,
                code,
                f"Processing failed after {job.attempts} attempts ({type(exc).__name__})",
            )
            return
        delay = self.settings.retry_backoff_seconds * 2 ** (job.attempts - 1)
        with self.db.session() as session:
            queue.release_for_retry(
                session, file_uuid=job.file_uuid, owner=owner, delay_seconds=delay, now=utcnow()
            )


class _LeaseLost(Exception):
    """Another worker took the document over; this one must not write anything more."""
