"""The database side of the broker path (``KAGAZ_QUEUE=celery``): the dispatch window and the
sweeper's conditional updates.

A document is *dispatched* when a task naming it has been handed to the broker: ``enqueued_at``
is set while it is still ``queued``. At most ``window`` documents are dispatched and not yet
started at any time; the rest wait in the database, so a batch of 100,000 URLs costs the broker
a bounded number of messages and drains steadily as workers free up. Every function here is a
conditional UPDATE that reports which rows it changed (``RETURNING``), so that several API
servers and sweepers may run them at once: a document is handed out by exactly one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.models import DISPATCHED, UNDISPATCHED, StoredDocument, DocumentStatus

__all__ = [
    "count_dispatched",
    "queue_depth",
    "requeue_expired",
    "take_stale",
    "take_undispatched",
    "unmark",
]

_Q = DocumentStatus.QUEUED.value
_ACTIVE = (DocumentStatus.FETCHING.value, DocumentStatus.PROCESSING.value)
_UNDISPATCHED = sa.text(UNDISPATCHED)
_DISPATCHED = sa.text(DISPATCHED)


def _locking(session: Session, stmt: sa.Select[tuple[str]]) -> sa.Select[tuple[str]]:
    # On PostgreSQL concurrent dispatchers skip each other's candidates instead of colliding.
    if session.get_bind().dialect.name == "postgresql":
        return stmt.with_for_update(skip_locked=True)
    return stmt


def _mark(
    session: Session, ids: list[str], where: sa.ColumnElement[bool], **values: object
) -> list[str]:
    """Apply ``values`` to those of ``ids`` that still match ``where``; commit; return them in
    the order given."""
    if not ids:
        session.commit()
        return []
    changed = set(
        session.scalars(
            sa.update(StoredDocument)
            .where(StoredDocument.file_uuid.in_(ids), where)
            .values(**values)
            .returning(StoredDocument.file_uuid)
            .execution_options(synchronize_session=False)
        )
    )
    session.commit()
    return [u for u in ids if u in changed]


def count_dispatched(session: Session) -> int:
    """Documents handed to the broker and not yet claimed by a worker."""
    return int(session.scalar(sa.select(sa.func.count()).select_from(StoredDocument).where(_DISPATCHED)))


def take_undispatched(session: Session, *, limit: int, window: int, now: dt.datetime) -> list[str]:
    """Mark up to ``limit`` due documents as dispatched, without exceeding ``window``
    dispatched-and-unstarted documents; commit and return their ids in dispatch order (oldest
    first, then upload order). The caller sends one task per id."""
    room = min(limit, window - count_dispatched(session))
    if room <= 0:
        session.commit()
        return []
    ids = list(
        session.scalars(
            _locking(
                session,
                sa.select(StoredDocument.file_uuid)
                .where(_UNDISPATCHED, StoredDocument.available_at <= now)
                .order_by(StoredDocument.available_at, StoredDocument.batch_id, StoredDocument.position)
                .limit(room),
            )
        )
    )
    return _mark(session, ids, _UNDISPATCHED, enqueued_at=now)


def take_stale(
    session: Session, *, sent_before: dt.datetime, limit: int, now: dt.datetime
) -> list[str]:
    """Dispatched documents whose task was sent before ``sent_before`` and never started: the
    broker lost them (or is very slow). Marks them sent again at ``now``; the caller re-sends."""
    stale = sa.and_(_DISPATCHED, StoredDocument.enqueued_at < sent_before)
    ids = list(
        session.scalars(
            _locking(
                session,
                sa.select(StoredDocument.file_uuid)
                .where(stale)
                .order_by(StoredDocument.enqueued_at)
                .limit(limit),
            )
        )
    )
    return _mark(session, ids, stale, enqueued_at=now)


def requeue_expired(session: Session, *, now: dt.datetime, limit: int) -> list[str]:
    """Documents whose worker stopped renewing its lease (killed, host lost, stuck): back to
    ``queued`` and marked dispatched at ``now``; the caller sends their tasks. Their worker, if
    it still runs, can no longer write (its fenced writes find the lease gone)."""
    expired = sa.and_(StoredDocument.status.in_(_ACTIVE), StoredDocument.lease_expires_at < now)
    ids = list(
        session.scalars(
            _locking(
                session,
                sa.select(StoredDocument.file_uuid)
                .where(expired)
                .order_by(StoredDocument.lease_expires_at)
                .limit(limit),
            )
        )
    )
    return _mark(
        session,
        ids,
        expired,
        status=_Q,
        lease_owner=None,
        lease_expires_at=None,
        available_at=now,
        enqueued_at=now,
        updated_at=now,
    )


def unmark(session: Session, *, file_uuids: Sequence[str], sent_at: dt.datetime) -> int:
    """Undo :func:`take_undispatched` for tasks that could not be sent (broker down), so that
    they are dispatched again at the next chance rather than after ``requeue_after``."""
    ids = list(file_uuids)
    if not ids:
        return 0
    return len(
        _mark(
            session,
            ids,
            sa.and_(_DISPATCHED, StoredDocument.enqueued_at == sent_at),
            enqueued_at=None,
        )
    )


def queue_depth(session: Session) -> dict[str, int]:
    """Unfinished documents: ``queued`` (waiting in the database), ``dispatched`` (a task is at
    the broker), ``fetching`` and ``processing``. Index-only counts; final documents, however
    many, are not read."""
    counts = {status: 0 for status in (_Q, *_ACTIVE)}
    rows = session.execute(
        sa.select(StoredDocument.status, sa.func.count())
        .where(StoredDocument.status.in_((_Q, *_ACTIVE)))
        .group_by(StoredDocument.status)
    )
    counts.update({status: int(n) for status, n in rows})
    dispatched = count_dispatched(session)
    counts[_Q] -= dispatched
    counts["dispatched"] = dispatched
    session.commit()
    return counts
