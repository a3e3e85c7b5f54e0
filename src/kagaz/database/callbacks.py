"""Store functions for callback deliveries, their attempt log, and clients' webhook secrets.

A delivery is one message (one ``webhook-id``) to a flow's ``callback_url``. Senders *claim* a
due delivery with one conditional UPDATE (``pending`` and due, or ``sending`` under an expired
lease) exactly as workers claim documents, so two senders racing on one delivery make one POST.
Each attempt is written together with the delivery's new state, fenced by the lease owner; the
unique ``(delivery_id, attempt)`` key is a second guard against a duplicate log line.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.models import CallbackAttempt, CallbackDelivery, Flow, WebhookSecret

__all__ = [
    "DeliveryJob",
    "claim_due",
    "get_or_create_secret",
    "insert_delivery",
    "list_deliveries",
    "new_delivery_id",
    "next_replay",
    "record_attempt",
    "set_secret",
]

PENDING = "pending"
SENDING = "sending"
DELIVERED = "delivered"
FAILED = "failed"
_CANDIDATES = 4


def new_delivery_id() -> str:
    """``msg_<32 hex>``: the delivery's id and its ``webhook-id``."""
    return f"msg_{uuid.uuid4().hex}"


def insert_delivery(
    session: Session,
    *,
    flow_uuid: str,
    completion: int,
    replay: int,
    payload: dict[str, Any],
    now: dt.datetime,
    give_up_at: dt.datetime,
) -> str:
    """Add a pending delivery, due now (the caller commits). A second delivery for the same
    ``(flow_uuid, completion, replay)`` raises IntegrityError."""
    delivery_id = new_delivery_id()
    session.execute(
        sa.insert(CallbackDelivery).values(
            id=delivery_id,
            flow_uuid=flow_uuid,
            completion=completion,
            replay=replay,
            status=PENDING,
            payload=payload,
            attempts=0,
            next_attempt_at=now,
            give_up_at=give_up_at,
            created_at=now,
            updated_at=now,
        )
    )
    return delivery_id


def next_replay(session: Session, *, flow_uuid: str, completion: int) -> int:
    found = session.scalar(
        sa.select(sa.func.max(CallbackDelivery.replay)).where(
            CallbackDelivery.flow_uuid == flow_uuid, CallbackDelivery.completion == completion
        )
    )
    return int(found or 0) + 1


def get_delivery_payload(
    session: Session, *, flow_uuid: str, delivery_id: str | None
) -> tuple[int, dict[str, Any]] | None:
    """(completion, payload) of the named delivery of the flow, or of its latest completion."""
    stmt = sa.select(CallbackDelivery.completion, CallbackDelivery.payload).where(
        CallbackDelivery.flow_uuid == flow_uuid
    )
    if delivery_id is not None:
        stmt = stmt.where(CallbackDelivery.id == delivery_id)
    else:
        stmt = stmt.order_by(CallbackDelivery.completion.desc(), CallbackDelivery.replay)
    row = session.execute(stmt.limit(1)).first()
    return (int(row[0]), row[1]) if row is not None else None


@dataclass(frozen=True, slots=True)
class DeliveryJob:
    """A claimed delivery: everything one attempt needs."""

    id: str
    flow_uuid: str
    client_id: str
    application_id: str
    auth_url: str
    callback_url: str
    auth_config: dict[str, Any] | None
    payload: dict[str, Any]
    attempt: int
    give_up_at: dt.datetime


def _claimable(now: dt.datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(CallbackDelivery.status == PENDING, CallbackDelivery.next_attempt_at <= now),
        sa.and_(CallbackDelivery.status == SENDING, CallbackDelivery.lease_expires_at < now),
    )


def claim_due(
    session: Session, *, owner: str, lease_seconds: float, now: dt.datetime
) -> DeliveryJob | None:
    """Claim one due delivery for ``owner`` and commit; None when none is due."""
    lock = session.get_bind().dialect.name == "postgresql"
    stmt = (
        sa.select(CallbackDelivery.id)
        .where(_claimable(now))
        .order_by(CallbackDelivery.next_attempt_at)
        .limit(1 if lock else _CANDIDATES)
    )
    if lock:
        stmt = stmt.with_for_update(skip_locked=True)
    for delivery_id in list(session.scalars(stmt)):
        job = claim(
            session, delivery_id=delivery_id, owner=owner, lease_seconds=lease_seconds, now=now
        )
        if job is not None:
            return job
    session.commit()
    return None


def claim(
    session: Session, *, delivery_id: str, owner: str, lease_seconds: float, now: dt.datetime
) -> DeliveryJob | None:
    """Claim the named delivery if it is claimable now, and commit; None otherwise."""
    claimed = session.execute(
        sa.update(CallbackDelivery)
        .where(CallbackDelivery.id == delivery_id, _claimable(now))
        .values(
            status=SENDING,
            lease_owner=owner,
            lease_expires_at=now + dt.timedelta(seconds=lease_seconds),
            attempts=CallbackDelivery.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.commit()
        return None
    row = session.execute(
        sa.select(
            CallbackDelivery.id,
            CallbackDelivery.flow_uuid,
            Flow.client_id,
            Flow.application_id,
            Flow.auth_url,
            Flow.callback_url,
            Flow.auth_config,
            CallbackDelivery.payload,
            CallbackDelivery.attempts,
            CallbackDelivery.give_up_at,
        )
        .join(Flow, Flow.flow_uuid == CallbackDelivery.flow_uuid)
        .where(CallbackDelivery.id == delivery_id)
    ).one()
    session.commit()
    return DeliveryJob(*row)


def record_attempt(
    session: Session,
    *,
    job: DeliveryJob,
    owner: str,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    status: str,
    http_status: int | None,
    error: str | None,
    next_attempt_at: dt.datetime | None,
) -> bool:
    """Log one attempt and move the delivery on (delivered, pending again, or failed for good
    when ``next_attempt_at`` is None), releasing the lease; False if the lease was lost."""
    if status == DELIVERED:
        state = DELIVERED
    elif next_attempt_at is None:
        state = FAILED
    else:
        state = PENDING
    moved = session.execute(
        sa.update(CallbackDelivery)
        .where(
            CallbackDelivery.id == job.id,
            CallbackDelivery.lease_owner == owner,
            CallbackDelivery.status == SENDING,
            CallbackDelivery.attempts == job.attempt,
        )
        .values(
            status=state,
            lease_owner=None,
            lease_expires_at=None,
            next_attempt_at=next_attempt_at,
            delivered_at=finished_at if state == DELIVERED else None,
            updated_at=finished_at,
        )
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return False
    session.execute(
        sa.insert(CallbackAttempt).values(
            delivery_id=job.id,
            attempt=job.attempt,
            webhook_id=job.id,
            started_at=started_at,
            finished_at=finished_at,
            status=status,
            http_status=http_status,
            error=(error or None) and error[:1000],
            next_attempt_at=next_attempt_at,
        )
    )
    session.commit()
    return True


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z") if value else None


def list_deliveries(conn: sa.Connection | Session, *, flow_uuid: str) -> list[dict[str, Any]]:
    """The delivery log of a flow, oldest first, each delivery with its attempts."""
    deliveries = conn.execute(
        sa.select(
            CallbackDelivery.id,
            CallbackDelivery.completion,
            CallbackDelivery.replay,
            CallbackDelivery.status,
            CallbackDelivery.attempts,
            CallbackDelivery.created_at,
            CallbackDelivery.next_attempt_at,
            CallbackDelivery.delivered_at,
            CallbackDelivery.give_up_at,
        )
        .where(CallbackDelivery.flow_uuid == flow_uuid)
        .order_by(CallbackDelivery.created_at, CallbackDelivery.completion, CallbackDelivery.replay)
    ).all()
    attempts: dict[str, list[dict[str, Any]]] = {d.id: [] for d in deliveries}
    if deliveries:
        rows = conn.execute(
            sa.select(
                CallbackAttempt.delivery_id,
                CallbackAttempt.attempt,
                CallbackAttempt.webhook_id,
                CallbackAttempt.started_at,
                CallbackAttempt.finished_at,
                CallbackAttempt.status,
                CallbackAttempt.http_status,
                CallbackAttempt.error,
                CallbackAttempt.next_attempt_at,
            )
            .where(CallbackAttempt.delivery_id.in_(list(attempts)))
            .order_by(CallbackAttempt.delivery_id, CallbackAttempt.attempt)
        )
        for r in rows:
            attempts[r.delivery_id].append(
                {
                    "attempt": r.attempt,
                    "webhook_id": r.webhook_id,
                    "started_at": _iso(r.started_at),
                    "finished_at": _iso(r.finished_at),
                    "status": r.status,
                    "http_status": r.http_status,
                    "error": r.error,
                    "next_attempt_at": _iso(r.next_attempt_at),
                }
            )
    return [
        {
            "delivery_id": d.id,
            "webhook_id": d.id,
            "completion": d.completion,
            "replay": d.replay,
            "status": d.status,
            "attempt_count": d.attempts,
            "created_at": _iso(d.created_at),
            "next_attempt_at": _iso(d.next_attempt_at) if d.status == PENDING else None,
            "delivered_at": _iso(d.delivered_at),
            "give_up_at": _iso(d.give_up_at),
            "attempts": attempts[d.id],
        }
        for d in deliveries
    ]


# -- webhook secrets ------------------------------------------------------------------------


def get_or_create_secret(
    session: Session, *, client_id: str, now: dt.datetime, new: Any
) -> str:
    """The client's webhook secret, created with ``new()`` (and committed) on first use;
    race-safe: a concurrent creator's secret wins."""
    row = session.get(WebhookSecret, client_id)
    if row is not None:
        return row.secret
    secret = str(new())
    try:
        session.add(WebhookSecret(client_id=client_id, secret=secret, created_at=now))
        session.commit()
        return secret
    except sa.exc.IntegrityError:
        session.rollback()
        row = session.get(WebhookSecret, client_id)
        assert row is not None
        return row.secret


def set_secret(session: Session, *, client_id: str, secret: str, now: dt.datetime) -> None:
    """Store (or replace: rotation) the client's webhook secret; the caller commits."""
    row = session.get(WebhookSecret, client_id)
    if row is None:
        session.add(WebhookSecret(client_id=client_id, secret=secret, created_at=now))
    else:
        row.secret = secret
        row.created_at = now
    session.flush()
