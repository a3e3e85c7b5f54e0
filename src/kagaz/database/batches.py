"""Store functions for batches and their documents as the API sees them."""

from __future__ import annotations

import datetime as dt
import secrets
import string
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.db import FastQuery
from kagaz.database.models import Batch, StoredDocument, DocumentStatus

__all__ = [
    "BatchRow",
    "DocumentRow",
    "NewFile",
    "commit_new_batch",
    "create_batch",
    "get_artifact_key",
    "get_artifacts",
    "get_batch",
    "insert_batch",
    "new_batch_id",
    "page_documents",
]

_BATCH_ID_TRIES = 5
INSERT_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class NewFile:
    file_url: str
    document_id: str
    # An uploaded file is stored before its row exists: its id and original come with it, and
    # the worker reads the original instead of fetching ``file_url`` (``upload:<name>``).
    file_uuid: str | None = None
    original_key: str | None = None
    original_format: str | None = None
    original_size: int | None = None
    # A locked PDF's password, already sealed for ``file_uuid`` (kagaz.database.passwords).
    password_sealed: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class BatchRow:
    batch_id: str
    client_id: str
    family: str
    product_type: str
    document_count: int
    files: tuple[tuple[str, str], ...] = ()  # (document_id, file_uuid) in upload order


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document as ``extracts`` shows it; ``result`` and ``artifacts`` stay JSON text, so
    that the hot path can splice them into the answer without decoding them."""

    file_uuid: str
    document_id: str
    status: str
    error_code: str | None
    error_message: str | None
    result_json: str | None
    artifacts_json: str | None


def new_batch_id(now: dt.datetime) -> str:
    """``BATCH-<5 digits>-<5 capitals>-<YYYYMMDDHHMMSS>`` (UTC), random parts from ``secrets``.

    >>> import re, datetime as dt
    >>> bid = new_batch_id(dt.datetime(2025, 11, 21, 11, 32, 28, tzinfo=dt.UTC))
    >>> bool(re.fullmatch(r"BATCH-\\d{5}-[A-Z]{5}-20251121113228", bid))
    True
    """
    digits = "".join(secrets.choice(string.digits) for _ in range(5))
    letters = "".join(secrets.choice(string.ascii_uppercase) for _ in range(5))
    return f"BATCH-{digits}-{letters}-{now.astimezone(dt.UTC):%Y%m%d%H%M%S}"


def create_batch(
    session: Session,
    *,
    client_id: str,
    family: str,
    product_type: str,
    files: Sequence[NewFile],
    now: dt.datetime,
) -> BatchRow:
    """Insert a batch and one queued document per file in one transaction, and commit; retried
    on id collision."""
    batch = commit_new_batch(session, lambda: insert_batch(
        session, client_id=client_id, family=family, product_type=product_type, files=files,
        now=now))
    assert batch is not None
    return batch


def commit_new_batch(session: Session, write: Callable[[], BatchRow | None]) -> BatchRow | None:
    """Run ``write`` (which inserts a batch under a fresh random id) and commit. A batch-id
    collision rolls back and runs it again, at most ``_BATCH_ID_TRIES`` times; a ``write`` that
    returns None has nothing to insert, and its transaction is rolled back."""
    for attempt in range(_BATCH_ID_TRIES):
        try:
            batch = write()
            if batch is None:
                session.rollback()
                return None
            session.commit()
        except sa.exc.IntegrityError:
            session.rollback()
            if attempt == _BATCH_ID_TRIES - 1:
                raise
            continue
        return batch
    raise AssertionError("unreachable")  # pragma: no cover


def insert_batch(
    session: Session,
    *,
    client_id: str,
    family: str,
    product_type: str,
    files: Sequence[NewFile],
    now: dt.datetime,
    flow_uuid: str | None = None,
) -> BatchRow:
    """Insert a batch under a fresh id and one queued document per file, without committing (the
    caller commits, and retries with a new id on IntegrityError). Rows go in chunks of
    ``INSERT_CHUNK``, so that a 100,000-document batch never holds more than one chunk of row
    dictionaries in memory."""
    batch_id = new_batch_id(now)
    uuids = [f.file_uuid or str(uuid.uuid4()) for f in files]
    session.execute(
        sa.insert(Batch).values(
            batch_id=batch_id,
            client_id=client_id,
            product_type=product_type,
            family=family,
            document_count=len(files),
            created_at=now,
            flow_uuid=flow_uuid,
        )
    )
    for start in range(0, len(files), INSERT_CHUNK):
        session.execute(
            sa.insert(StoredDocument),
            [
                _document_values(batch_id, i, files[i], uuids[i], now)
                for i in range(start, min(start + INSERT_CHUNK, len(files)))
            ],
        )
    return BatchRow(
        batch_id=batch_id,
        client_id=client_id,
        family=family,
        product_type=product_type,
        document_count=len(files),
        files=tuple((f.document_id, u) for f, u in zip(files, uuids, strict=True)),
    )


def _document_values(
    batch_id: str, position: int, file: NewFile, file_uuid: str, now: dt.datetime
) -> dict[str, Any]:
    return {
        "file_uuid": file_uuid,
        "batch_id": batch_id,
        "position": position,
        "document_id": file.document_id,
        "file_url": file.file_url,
        "status": DocumentStatus.QUEUED.value,
        "attempts": 0,
        "completions": 0,
        "available_at": now,
        "created_at": now,
        "updated_at": now,
        "original_key": file.original_key,
        "original_format": file.original_format,
        "original_size": file.original_size,
        "original_stored_at": now if file.original_key is not None else None,
        "password_sealed": file.password_sealed,
    }


_GET_BATCH = FastQuery(
    sa.select(
        Batch.batch_id, Batch.client_id, Batch.family, Batch.product_type, Batch.document_count
    ).where(
        Batch.batch_id == sa.bindparam("batch_id"), Batch.client_id == sa.bindparam("client_id")
    )
)


def _connection(conn: sa.Connection | Session) -> sa.Connection:
    return conn.connection() if isinstance(conn, Session) else conn


def get_batch(conn: sa.Connection | Session, *, batch_id: str, client_id: str) -> BatchRow | None:
    """The batch if it exists *and* belongs to ``client_id``; None otherwise (same answer)."""
    rows = _GET_BATCH.all(_connection(conn), {"batch_id": batch_id, "client_id": client_id})
    return BatchRow(*rows[0]) if rows else None


_PAGE = FastQuery(
    sa.select(
        StoredDocument.file_uuid,
        StoredDocument.document_id,
        StoredDocument.status,
        StoredDocument.error_code,
        StoredDocument.error_message,
        sa.cast(StoredDocument.result, sa.Text),
        sa.cast(StoredDocument.artifacts, sa.Text),
    )
    .where(
        StoredDocument.batch_id == sa.bindparam("batch_id"),
        StoredDocument.position >= sa.bindparam("offset"),
    )
    .order_by(StoredDocument.position)
    .limit(sa.bindparam("limit"))
)


def page_documents(
    conn: sa.Connection | Session, *, batch_id: str, offset: int, limit: int
) -> list[DocumentRow]:
    """Documents of a batch in upload order (one indexed range scan on batch_id, position)."""
    params = {"batch_id": batch_id, "offset": offset, "limit": limit}
    return [DocumentRow(*row) for row in _PAGE.all(_connection(conn), params)]


def get_artifact_key(
    conn: sa.Connection | Session, *, file_uuid: str, client_id: str, artifact: str
) -> str | None:
    """Storage key of a derived image of a document that belongs to ``client_id``."""
    row = conn.execute(
        sa.select(StoredDocument.artifacts)
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(StoredDocument.file_uuid == file_uuid, Batch.client_id == client_id)
    ).first()
    if row is None or not isinstance(row[0], dict):
        return None
    key = row[0].get(artifact)
    return key if isinstance(key, str) else None


def get_artifacts(
    conn: sa.Connection | Session, *, file_uuid: str, client_id: str
) -> dict[str, str] | None:
    """``{artifact: storage key}`` of a document that belongs to ``client_id`` ({} when it has
    none yet); None when it is not the client's (unknown and foreign look alike)."""
    row = conn.execute(
        sa.select(StoredDocument.artifacts)
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(StoredDocument.file_uuid == file_uuid, Batch.client_id == client_id)
    ).first()
    if row is None:
        return None
    return row[0] if isinstance(row[0], dict) else {}
