"""One processing path: one attempt at one claimed document, the same in the local pool and in a
Celery task.

Load the original once (from storage, or fetched and stored under its key), with the format
sniffed once, where it was first seen (the upload, or the download) → read it with the engine,
the document's password opened just for that call → store the derived images → write the single
final result, Aadhaar numbers masked, fenced by the lease. A crash of the processor puts the
document back in the queue with a backoff; after ``max_attempts`` tries it fails alone with an
error code. A worker that finds its lease taken over stops writing.

The engine is a :class:`~kagaz.services.wiring.Processor`, one per worker thread or process
(:func:`kagaz.services.wiring.engine_factory`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from kagaz.database import queue
from kagaz.database.db import Database, utcnow
from kagaz.database.models import DocumentStatus
from kagaz.database.passwords import PasswordBox, UnreadablePassword
from kagaz.errors import FetchError, InputError, KagazError
from kagaz.fetch.fetcher import Fetcher
from kagaz.model import ExtractResult, Status
from kagaz.observability import metrics
from kagaz.observability.logs import bind
from kagaz.services.blob_keys import artifact_name, derived_key, original_key, page_artifact
from kagaz.services.results import mask_aadhaar_numbers
from kagaz.services.submission import is_upload
from kagaz.services.wiring import Processor
from kagaz.settings import WorkerSettings
from kagaz.storage.base import BlobNotFound, Storage
from kagaz.text.masking import AadhaarMasking

__all__ = ["DocumentRunner", "LeaseLost", "Original", "OriginalMissing"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Original:
    """A document's original as submitted, with the format sniffed when it first arrived (None
    for a row stored without one: the engine then sniffs it)."""

    data: bytes
    format: str | None


class LeaseLost(Exception):
    """Another worker took the document over; this one must not write anything more."""


class OriginalMissing(InputError):
    """An uploaded document's stored original is gone: there is no URL to fetch it from again."""

    code = "ORIGINAL_MISSING"
    message = "The uploaded file is no longer stored"


class DocumentRunner:
    """Handles claimed documents (:class:`~kagaz.database.queue.Job`) for any worker kind."""

    def __init__(
        self,
        *,
        db: Database,
        storage: Storage,
        fetcher: Fetcher,
        settings: WorkerSettings,
        aadhaar: AadhaarMasking = AadhaarMasking(),
        passwords: PasswordBox | None = None,
    ) -> None:
        self.db = db
        self.storage = storage
        self.fetcher = fetcher
        self.settings = settings
        self.aadhaar = aadhaar
        self.passwords = passwords  # None: documents with a password are read without it

    def claim_next(self, owner: str) -> queue.Job | None:
        """Claim the next due document under a lease for ``owner`` (the local pool)."""
        with self.db.session() as session:
            return queue.claim_next(
                session, owner=owner, lease_seconds=self.settings.lease_seconds, now=utcnow()
            )

    def claim(self, file_uuid: str, owner: str) -> queue.Job | None:
        """Claim ``file_uuid`` under a lease for ``owner`` (a Celery task); None when there is
        nothing to do (final, held by a live worker, or waiting for a retry)."""
        with self.db.session() as session:
            return queue.claim(
                session,
                file_uuid=file_uuid,
                owner=owner,
                lease_seconds=self.settings.lease_seconds,
                now=utcnow(),
            )

    def handle(self, job: queue.Job, owner: str, processor: Processor) -> str:
        """Take ``job`` as far as it goes; returns what happened (``done``, ``failed``,
        ``retry`` or ``lease_lost``)."""
        started = time.perf_counter()
        with bind(batch_id=job.batch_id, file_uuid=job.file_uuid):
            try:
                return self._handle(job, owner, processor)
            finally:
                metrics.DOCUMENT_SECONDS.observe(time.perf_counter() - started)

    def _handle(self, job: queue.Job, owner: str, processor: Processor) -> str:
        if job.attempts > self.settings.max_attempts:
            return self._fail(
                job,
                owner,
                "ENGINE_ERROR",
                f"Processing failed after {self.settings.max_attempts} attempts",
            )
        try:
            original = self._load(job, owner)
            started = time.perf_counter()
            result = self._read(job, original, processor)
            metrics.PROCESSING_SECONDS.labels(
                metrics.document_type_label(result.document_type)
            ).observe(time.perf_counter() - started)
            return self._record(job, owner, result)
        except LeaseLost:
            log.warning("document %s: lease lost; leaving it to its new owner", job.file_uuid)
            metrics.LEASES_LOST.inc()
            return "lease_lost"
        except (FetchError, InputError) as exc:  # the document's fault: final at once
            log.info("document %s failed: %s", job.file_uuid, exc.code)
            if isinstance(exc, FetchError):
                metrics.FETCH_FAILURES.labels(exc.code).inc()
            return self._fail(job, owner, exc.code, exc.message)
        except Exception as exc:  # the processor or infrastructure broke: retry, bounded
            log.exception("document %s: attempt %d crashed", job.file_uuid, job.attempts)
            return self._crashed(job, owner, exc)

    def _read(self, job: queue.Job, original: Original, processor: Processor) -> ExtractResult:
        """The engine's reading of ``original``, in the format sniffed when it arrived (never
        again), with the document's password when it has one (opened only now, and kept only
        for this call)."""
        password = self._password(job)
        if password is None:
            return processor(original.data, format=original.format)
        return processor(original.data, format=original.format, password=password)

    def _password(self, job: queue.Job) -> str | None:
        """The document's password, opened from its sealed form; None when it has none. One
        that does not open (the master key changed) is left out: a locked PDF then fails with
        PASSWORD_REQUIRED, and the client sends it again."""
        if job.password_sealed is None:
            return None
        if self.passwords is None:
            log.warning("document %s has a password but this worker cannot open it", job.file_uuid)
            return None
        try:
            return self.passwords.open(job.password_sealed, job.file_uuid)
        except UnreadablePassword as exc:
            log.warning("document %s: %s; reading it without", job.file_uuid, exc.code)
            return None

    def _load(self, job: queue.Job, owner: str) -> Original:
        """The stored original, or the document fetched now and stored under its key (the
        format as the upload or the download sniffed it, never again)."""
        if job.original_key is not None:
            try:
                return Original(self.storage.get(job.original_key), job.original_format)
            except BlobNotFound:
                if is_upload(job.file_url):
                    raise OriginalMissing() from None
                log.warning("document %s: stored original missing; fetching again", job.file_uuid)
        if is_upload(job.file_url):  # an uploaded file has nothing to fetch
            raise OriginalMissing()
        fetched = self.fetcher.fetch(job.file_url)
        now = utcnow()
        key = original_key(job.file_uuid, fetched.format, now)
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
                raise LeaseLost(job.file_uuid)
        return Original(fetched.data, fetched.format)

    def _record(self, job: queue.Job, owner: str, result: ExtractResult) -> str:
        artifacts: dict[str, str] = {}
        for name, blob in (result.artifacts or {}).items():
            safe = artifact_name(name)
            if safe and blob:
                key = derived_key(job.file_uuid, safe)
                self.storage.put(key, blob)
                artifacts[safe] = key
        # The review console's page images: the normalised pages, masked by the engine.
        for n, image in enumerate(result.page_images or (), start=1):
            if image is not None:
                key = derived_key(job.file_uuid, page_artifact(n))
                self.storage.put(key, image)
                artifacts[page_artifact(n)] = key
        file_data = mask_aadhaar_numbers(result.file_data(), self.aadhaar)
        failed = result.status == Status.FAILED
        status = DocumentStatus.FAILED if failed else DocumentStatus.DONE
        with self.db.session() as session:
            ok = queue.finish(
                session,
                file_uuid=job.file_uuid,
                owner=owner,
                status=status,
                now=utcnow(),
                error_code=result.error_code or ("ENGINE_ERROR" if failed else None),
                error_message=result.error_message,
                document_type=result.document_type,
                result=file_data,
                artifacts=artifacts,
            )
        if not ok:
            log.warning("document %s: lease lost before the result was written", job.file_uuid)
            metrics.LEASES_LOST.inc()
            return "lease_lost"
        metrics.DOCUMENTS_FINISHED.labels(
            status.value, metrics.document_type_label(result.document_type)
        ).inc()
        return status.value

    def _fail(self, job: queue.Job, owner: str, code: str, message: str) -> str:
        with self.db.session() as session:
            ok = queue.finish(
                session,
                file_uuid=job.file_uuid,
                owner=owner,
                status=DocumentStatus.FAILED,
                now=utcnow(),
                error_code=code,
                error_message=message,
            )
        if not ok:
            metrics.LEASES_LOST.inc()
            return "lease_lost"
        metrics.DOCUMENTS_FINISHED.labels("failed", "none").inc()
        return "failed"

    def _crashed(self, job: queue.Job, owner: str, exc: Exception) -> str:
        if job.attempts >= self.settings.max_attempts:
            code = exc.code if isinstance(exc, KagazError) else "ENGINE_ERROR"
            return self._fail(
                job,
                owner,
                code,
                f"Processing failed after {job.attempts} attempts ({type(exc).__name__})",
            )
        delay = self.settings.retry_backoff_seconds * 2 ** (job.attempts - 1)
        with self.db.session() as session:
            queue.release_for_retry(
                session, file_uuid=job.file_uuid, owner=owner, delay_seconds=delay, now=utcnow()
            )
        return "retry"
