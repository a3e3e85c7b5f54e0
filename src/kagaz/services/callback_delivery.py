"""Callback deliveries: claim the next due one, run one attempt (auth_url, then the signed POST:
:mod:`kagaz.callbacks.attempts`) with the client's webhook secret, and log it, fenced by the
lease. A revoked client's data goes nowhere any more: its deliveries end ``refused``.
"""

from __future__ import annotations

import logging

from kagaz.callbacks.attempts import (
    DELIVERED,
    FAILED,
    FINAL,
    REFUSED,
    Outcome,
    attempt,
    next_attempt_at,
)
from kagaz.callbacks.http import CallbackClient
from kagaz.callbacks.signing import new_secret
from kagaz.database import callbacks as db_callbacks
from kagaz.database.db import Database, utcnow
from kagaz.database.models import Client
from kagaz.observability.logs import bind
from kagaz.settings import CallbackSettings

__all__ = ["deliver", "deliver_next"]

log = logging.getLogger(__name__)


def deliver_next(
    db: Database, client: CallbackClient, settings: CallbackSettings, *, owner: str
) -> bool:
    """Claim one due delivery under a lease and run its attempt; False when none was due."""
    with db.session() as session:
        job = db_callbacks.claim_due(
            session, owner=owner, lease_seconds=settings.lease_seconds, now=utcnow()
        )
    if job is None:
        return False
    deliver(db, client, settings, job, owner=owner)
    return True


def deliver(
    db: Database,
    client: CallbackClient,
    settings: CallbackSettings,
    job: db_callbacks.DeliveryJob,
    *,
    owner: str,
) -> Outcome:
    """Run one attempt of a claimed delivery and log it (fenced by the lease)."""
    with bind(flow_uuid=job.flow_uuid):
        started = utcnow()
        with db.session() as session:
            tenant = session.get(Client, job.client_id)
            revoked = tenant is None or tenant.revoked_at is not None
            secret = db_callbacks.get_or_create_secret(
                session, client_id=job.client_id, now=started, new=new_secret
            )
        try:
            if revoked:  # a revoked client's data goes nowhere any more, not even to its receiver
                outcome = Outcome(REFUSED, None, "The client was revoked")
            else:
                outcome = attempt(client, settings, job, secret=secret)
        except Exception as exc:  # a bug must not leave the delivery claimed until the lease ends
            log.exception("callback attempt crashed")
            outcome = Outcome(FAILED, None, f"Internal error ({type(exc).__name__})")
        finished = utcnow()
        nxt = next_attempt_at(
            settings, attempt=job.attempt, outcome=outcome, now=finished, give_up_at=job.give_up_at
        )
        if nxt is None and outcome.status not in FINAL and started < job.give_up_at:
            # began inside the window and ended past it: one more attempt, so that the last one
            # always starts at (or after) the window's end
            nxt = finished
        with db.session() as session:
            recorded = db_callbacks.record_attempt(
                session,
                job=job,
                owner=owner,
                started_at=started,
                finished_at=finished,
                status=outcome.status,
                http_status=outcome.http_status,
                error=outcome.error,
                next_attempt_at=nxt,
            )
        if not recorded:
            log.warning("callback %s: lease lost before the attempt was logged", job.id)
        elif outcome.status == DELIVERED:
            log.info("callback %s delivered (attempt %d)", job.id, job.attempt)
        else:
            log.warning(
                "callback %s attempt %d: %s (%s)%s",
                job.id,
                job.attempt,
                outcome.status,
                outcome.error,
                "; will retry" if nxt is not None else "; giving up",
            )
    return outcome
