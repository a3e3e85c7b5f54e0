"""The work queue: documents claimed under leases, and fenced writes of their results.

A worker *claims* a document with one conditional UPDATE that succeeds only if the row is still
claimable (queued and due, or held under an expired lease). On SQLite writers are serialised, so
``rowcount == 1`` proves the claim; on PostgreSQL the candidate is first locked with ``FOR UPDATE
SKIP LOCKED`` so that concurrent workers pick different rows, and the same conditional UPDATE
follows. Every later write names the lease owner and the statuses it expects (*fencing*): a worker
whose lease was taken over can no longer write, so each document gets exactly one final result.

The local pool asks for the next due document (:func:`claim_next`); a Celery task names its
document (:func:`claim`), and claims it under the same conditions, so a task delivered twice, late,
or for a document that is already done simply finds nothing to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.models import StoredDocument, DocumentStatus

__all__ = [
    "Job",
    "claim",
    "claim_next",
    "finish",
    "mark_fetched",
    "originals_to_purge",
    "release_for_retry",
    "renew_leases",
    "set_original_purged",
    "status_counts",
]

_Q = DocumentStatus.QUEUED.value
_F = DocumentStatus.FETCHING.value
_P = DocumentStatus.PROCESSING.value
_ACTIVE = (_F, _P)
_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class Job:
    """A claimed document: what the worker needs to process it."""

    file_uuid: str
    batch_id: str
    document_id: str
    file_url: str
    attempts: int
    original_key: str | None
    original_format: str | None
    # Sealed (kagaz.database.passwords): read from the row at the claim, never from a message.
    password_sealed: bytes | None = field(default=None, repr=False)


def _claimable(now: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(StoredDocument.status == _Q, StoredDocument.available_at <= now),
        sa.and_(StoredDocument.status.in_(_ACTIVE), StoredDocument.lease_expires_at < now),
    )


def _candidates(session: Session, now: dt.datetime, *, lock: bool) -> list[str]:
    # Expired leases first (they are older work), then the queue in arrival order. With row
    # locks (PostgreSQL) take one row, so that concurrent workers skip only what is being claimed.
    limit = 1 if lock else _CANDIDATES
    expired = (
        sa.select(StoredDocument.file_uuid)
        .where(StoredDocument.status.in_(_ACTIVE), StoredDocument.lease_expires_at < now)
        .order_by(StoredDocument.lease_expires_at)
        .limit(limit)
    )
    queued = (
        sa.select(StoredDocument.file_uuid)
        .where(StoredDocument.status == _Q, StoredDocument.available_at <= now)
        .order_by(StoredDocument.available_at, StoredDocument.batch_id, StoredDocument.position)
        .limit(limit)
    )
    out: list[str] = []
    for stmt in (expired, queued):
        if lock:
            stmt = stmt.with_for_update(skip_locked=True)
        out.extend(session.scalars(stmt))
        if out:
            break
    return out


def claim_next(
    session: Session, *, owner: str, lease_seconds: float, now: dt.datetime
) -> Job | None:
    """Claim one due document for ``owner`` and commit, or return None when none is due."""
    lock = session.get_bind().dialect.name == "postgresql"
    for file_uuid in _candidates(session, now, lock=lock):
        job = _claim_one(session, file_uuid, owner, lease_seconds, now)
        if job is not None:
            return job
    session.commit()
    return None


def claim(
    session: Session, *, file_uuid: str, owner: str, lease_seconds: float, now: dt.datetime
) -> Job | None:
    """Claim the document ``file_uuid`` for ``owner`` and commit, if it is claimable now:
    queued and due, or active under an expired lease. None otherwise (final, held under a live
    lease, waiting for a retry, or unknown)."""
    job = _claim_one(session, file_uuid, owner, lease_seconds, now)
    if job is None:
        session.commit()
    return job


def _claim_one(
    session: Session, file_uuid: str, owner: str, lease_seconds: float, now: dt.datetime
) -> Job | None:
    claimed = session.execute(
        sa.update(StoredDocument)
        .where(StoredDocument.file_uuid == file_uuid, _claimable(now))
        .values(
            status=sa.case((StoredDocument.original_key.is_(None), _F), else_=_P),
            lease_owner=owner,
            lease_expires_at=now + dt.timedelta(seconds=lease_seconds),
            attempts=StoredDocument.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    row = session.execute(
        sa.select(
            StoredDocument.file_uuid,
            StoredDocument.batch_id,
            StoredDocument.document_id,
            StoredDocument.file_url,
            StoredDocument.attempts,
            StoredDocument.original_key,
            StoredDocument.original_format,
            StoredDocument.password_sealed,
        ).where(StoredDocument.file_uuid == file_uuid)
    ).one()
    session.commit()
    return Job(*row)


def _fenced(file_uuid: str, owner: str, statuses: Sequence[str]) -> sa.ColumnElement[bool]:
    return sa.and_(
        StoredDocument.file_uuid == file_uuid,
        StoredDocument.lease_owner == owner,
        StoredDocument.status.in_(statuses),
    )


def _update(session: Session, where: sa.ColumnElement[bool], **values: Any) -> bool:
    result = session.execute(
        sa.update(StoredDocument)
        .where(where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]


def renew_leases(
    session: Session,
    *,
    owner: str,
    file_uuids: Sequence[str],
    lease_seconds: float,
    now: dt.datetime,
) -> int:
    """Extend the leases ``owner`` still holds; returns how many were extended."""
    if not file_uuids:
        return 0
    result = session.execute(
        sa.update(StoredDocument)
        .where(
            StoredDocument.file_uuid.in_(list(file_uuids)),
            StoredDocument.lease_owner == owner,
            StoredDocument.status.in_(_ACTIVE),
        )
        .values(lease_expires_at=now + dt.timedelta(seconds=lease_seconds))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def mark_fetched(
    session: Session,
    *,
    file_uuid: str,
    owner: str,
    key: str,
    fmt: str,
    size: int,
    now: dt.datetime,
) -> bool:
    """Record the stored original and move on to processing (only while the lease is held)."""
    return _update(
        session,
        _fenced(file_uuid, owner, _ACTIVE),
        status=_P,
        original_key=key,
        original_format=fmt,
        original_size=size,
        original_stored_at=now,
        updated_at=now,
    )


def finish(
    session: Session,
    *,
    file_uuid: str,
    owner: str,
    status: DocumentStatus,
    now: dt.datetime,
    error_code: str | None = None,
    error_message: str | None = None,
    document_type: str | None = None,
    result: dict[str, Any] | None = None,
    artifacts: dict[str, str] | None = None,
) -> bool:
    """Write the one final result, releasing the lease and erasing the sealed password in the
    same UPDATE (a final document is never read again); False if the lease was lost."""
    if status not in (DocumentStatus.DONE, DocumentStatus.FAILED):
        raise ValueError(f"not a final status: {status}")
    return _update(
        session,
        _fenced(file_uuid, owner, _ACTIVE),
        status=status.value,
        error_code=error_code,
        error_message=(error_message or None) and error_message[:1000],
        document_type=document_type,
        result=result,
        artifacts=artifacts or None,
        completions=StoredDocument.completions + 1,
        lease_owner=None,
        lease_expires_at=None,
        password_sealed=None,
        finished_at=now,
        updated_at=now,
    )


def release_for_retry(
    session: Session, *, file_uuid: str, owner: str, delay_seconds: float, now: dt.datetime
) -> bool:
    """Put a document back in the queue after a crash, due again after ``delay_seconds`` (and,
    on the broker path, to be dispatched again then)."""
    return _update(
        session,
        _fenced(file_uuid, owner, _ACTIVE),
        status=_Q,
        lease_owner=None,
        lease_expires_at=None,
        enqueued_at=None,
        available_at=now + dt.timedelta(seconds=delay_seconds),
        updated_at=now,
    )


def status_counts(session: Session, *, batch_id: str | None = None) -> dict[str, int]:
    stmt = sa.select(StoredDocument.status, sa.func.count()).group_by(StoredDocument.status)
    if batch_id is not None:
        stmt = stmt.where(StoredDocument.batch_id == batch_id)
    return {status: int(n) for status, n in session.execute(stmt)}


def originals_to_purge(
    session: Session, *, older_than: dt.datetime, limit: int = 500
) -> list[tuple[str, str]]:
    """(file_uuid, original_key) of finished documents whose original is past retention."""
    rows = session.execute(
        sa.select(StoredDocument.file_uuid, StoredDocument.original_key)
        .where(
            StoredDocument.original_stored_at < older_than,
            StoredDocument.original_key.is_not(None),
            StoredDocument.status.in_((DocumentStatus.DONE.value, DocumentStatus.FAILED.value)),
        )
        .order_by(StoredDocument.original_stored_at)
        .limit(limit)
    )
    return [(u, k) for u, k in rows if k is not None]


def set_original_purged(session: Session, *, file_uuid: str, now: dt.datetime) -> None:
    """Forget a deleted original, and drop the URL's query (pre-signed credentials) with it."""
    url = session.scalar(sa.select(StoredDocument.file_url).where(StoredDocument.file_uuid == file_uuid))
    values: dict[str, Any] = {"original_key": None, "original_purged_at": now, "updated_at": now}
    if url is not None and "?" in url:
        values["file_url"] = url.split("?", 1)[0]
    session.execute(
        sa.update(StoredDocument)
        .where(StoredDocument.file_uuid == file_uuid)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
