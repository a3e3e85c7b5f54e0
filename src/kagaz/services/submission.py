"""One submission path: documents sent as URLs (Bulk and Docstream ``multiupload``, the Flow
API's ``multiupload``) and documents sent as files (``upload``) become one batch of queued rows.

A URL is fetched later, by the worker (:mod:`kagaz.services.processing`); an uploaded file is
stored now, under its key (:func:`kagaz.services.blob_keys.original_key`), with the format its
bytes were sniffed as, and the worker reads it from storage: its ``file_url`` is
``upload:<filename>``, which is never a fetchable URL. A locked PDF's password is sealed for its
document's ``file_uuid`` (:class:`kagaz.database.passwords.PasswordBox`) before the row is
written; the plaintext lives only in the request's memory.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from kagaz.database import batches, flows
from kagaz.database.batches import BatchRow, NewFile
from kagaz.database.db import utcnow
from kagaz.database.models import Family
from kagaz.database.passwords import PasswordBox
from kagaz.imaging.formats import sniff
from kagaz.observability import metrics
from kagaz.observability.logs import bind
from kagaz.services.blob_keys import original_key
from kagaz.services.errors import BadRequest, FlowNotFound
from kagaz.services.wiring import Parts
from kagaz.storage.base import StorageError

__all__ = [
    "UPLOAD_SCHEME",
    "StoredUpload",
    "UrlItem",
    "forget_uploads",
    "is_upload",
    "store_upload",
    "submit_flow_urls",
    "submit_uploads",
    "submit_urls",
]

log = logging.getLogger(__name__)

UPLOAD_SCHEME = "upload:"


def is_upload(file_url: str) -> bool:
    """Was the document uploaded (``upload:<filename>``) rather than submitted as a URL?"""
    return file_url.startswith(UPLOAD_SCHEME)


class UrlItem(Protocol):
    """One ``file_urls`` item as the API parsed it (:class:`kagaz.api.schemas.FileUrlCreate`)."""

    @property
    def file_url(self) -> str: ...

    @property
    def document_id(self) -> str: ...

    @property
    def password(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """An uploaded file, stored before its row exists."""

    file_uuid: str
    filename: str
    key: str
    format: str  # sniffed from its bytes, once
    size: int


def _seal(box: PasswordBox, password: str | None, file_uuid: str) -> bytes | None:
    """``password`` sealed for ``file_uuid``, or None when there is none."""
    return box.seal(password, file_uuid) if password else None


def _url_files(items: Sequence[UrlItem], box: PasswordBox) -> list[NewFile]:
    """The rows to insert for ``file_urls``; a document with a password gets its ``file_uuid``
    here, because its sealed password is bound to it."""
    files: list[NewFile] = []
    for item in items:
        if item.password:
            file_uuid = str(uuid.uuid4())
            sealed = _seal(box, item.password, file_uuid)
            files.append(NewFile(item.file_url, item.document_id, file_uuid, password_sealed=sealed))
        else:
            files.append(NewFile(item.file_url, item.document_id))
    return files


def _accepted(row: BatchRow, family: str, message: str, **context: str) -> BatchRow:
    """Count and log a committed submission (``message`` takes the number of documents)."""
    metrics.DOCUMENTS_ACCEPTED.labels(family).inc(row.document_count)
    with bind(batch_id=row.batch_id, **context):
        log.info(message, row.document_count)
    return row


def _new_batch(parts: Parts, client_id: str, family: str, product_type: str,
               files: list[NewFile], message: str) -> BatchRow:
    """A Bulk or Docstream batch of ``files``, committed, counted and logged."""
    with parts.db.session() as session:
        row = batches.create_batch(session, client_id=client_id, family=family,
                                   product_type=product_type, files=files, now=utcnow())
    return _accepted(row, family, message)


def submit_urls(
    parts: Parts, *, client_id: str, family: str, product_type: str, items: Sequence[UrlItem]
) -> BatchRow:
    """A Bulk or Docstream batch of URLs, committed (the workers are woken by the caller)."""
    files = _url_files(items, parts.passwords)
    return _new_batch(parts, client_id, family, product_type, files,
                      "batch accepted: %d document(s)")


def submit_flow_urls(
    parts: Parts, *, client_id: str, flow_uuid: str, items: Sequence[UrlItem]
) -> BatchRow:
    """One more upload of URLs into the client's flow (which re-opens it); raises
    :class:`FlowNotFound` for an unknown flow and another client's alike."""
    files = _url_files(items, parts.passwords)
    with parts.db.session() as session:
        row = flows.add_upload(
            session, flow_uuid=flow_uuid, client_id=client_id, files=files, now=utcnow()
        )
    if row is None:
        raise FlowNotFound()
    return _accepted(
        row, Family.FLOW.value, "flow upload accepted: %d document(s)", flow_uuid=flow_uuid
    )


def store_upload(parts: Parts, data: bytes, *, index: int, filename: str) -> StoredUpload:
    """Store one uploaded file (``files[index]``) as its document's original, before the batch
    exists; its format is sniffed here, once, from its bytes."""
    if not data:
        raise BadRequest(f"files[{index}] is empty")
    fmt = sniff(data)
    if fmt is None:
        raise BadRequest(f"files[{index}] is not a JPEG, PNG, WebP, TIFF or PDF file")
    file_uuid = str(uuid.uuid4())
    key = original_key(file_uuid, fmt, utcnow())
    parts.storage.put(key, data)
    return StoredUpload(file_uuid, filename, key, fmt, len(data))


def forget_uploads(parts: Parts, uploads: Sequence[StoredUpload]) -> None:
    """The request failed after some files were stored: delete them (best effort)."""
    for upload in uploads:
        try:
            parts.storage.delete(upload.key)
        except StorageError:
            log.warning("could not delete an orphaned upload")


def submit_uploads(
    parts: Parts,
    *,
    client_id: str,
    family: str,
    product_type: str,
    uploads: Sequence[StoredUpload],
    document_ids: Sequence[str],
    passwords: Sequence[str | None],
) -> BatchRow:
    """The batch of stored uploads (one id and one password, or None, per file), committed."""
    files = [
        NewFile(
            file_url=f"{UPLOAD_SCHEME}{u.filename}",
            document_id=doc_id,
            file_uuid=u.file_uuid,
            original_key=u.key,
            original_format=u.format,
            original_size=u.size,
            password_sealed=_seal(parts.passwords, password, u.file_uuid),
        )
        for u, doc_id, password in zip(uploads, document_ids, passwords, strict=True)
    ]
    return _new_batch(parts, client_id, family, product_type, files,
                      "batch accepted: %d uploaded document(s)")
