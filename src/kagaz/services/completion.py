"""Flow completion: when every document of a flow is final, claim the completion once, compute
the cross-checks, and queue exactly one callback delivery (``CallbackData``: the flow's
documents as the one view shows them, :mod:`kagaz.services.results`), all in one transaction. A
reviewer's correction to a document of a completed flow computes its cross-checks again
(:func:`refresh_cross_checks`).

Any process may run :func:`complete_ready_flows` at any time (every callback sender does, each
poll and whenever a worker finishes a document): the claim is a conditional UPDATE that one
caller wins, and the delivery's unique ``(flow_uuid, completion, replay)`` key backs it up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kagaz.database import callbacks as db_callbacks
from kagaz.database import flows
from kagaz.database.db import Database, utcnow
from kagaz.matching.crosschecks import FlowDocument, run_cross_checks
from kagaz.observability.logs import bind
from kagaz.services.results import corrected_flow_documents, ocr_items
from kagaz.settings import CallbackSettings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "callback_payload",
    "complete_flow",
    "complete_ready_flows",
    "compute_cross_checks",
    "refresh_cross_checks",
]

log = logging.getLogger(__name__)


def complete_ready_flows(
    db: Database, settings: CallbackSettings, *, now: dt.datetime | None = None
) -> int:
    """Complete every flow whose documents are all final; returns how many this call did."""
    with db.session() as session:
        ready = flows.ready_flows(session)
    done = 0
    for flow_uuid in ready:
        if complete_flow(db, settings, flow_uuid=flow_uuid, now=now) is not None:
            done += 1
    return done


def complete_flow(
    db: Database, settings: CallbackSettings, *, flow_uuid: str, now: dt.datetime | None = None
) -> str | None:
    """Claim the flow's completion and queue its delivery; returns the delivery id, or None if
    there was nothing to claim (not ready, or another process claimed it)."""
    now = now or utcnow()
    with bind(flow_uuid=flow_uuid):
        return _complete(db, settings, flow_uuid, now)


def _complete(
    db: Database, settings: CallbackSettings, flow_uuid: str, now: dt.datetime
) -> str | None:
    with db.session() as session:
        completion = flows.claim_completion(session, flow_uuid=flow_uuid, now=now)
        if completion is None:
            session.rollback()
            return None
        flow = flows.get_flow(session, flow_uuid=flow_uuid)
        assert flow is not None
        docs = corrected_flow_documents(session, flow_uuid=flow_uuid)
        checks = _cross_checks(flow, docs, settings.rules_dir)
        flows.set_cross_checks(session, flow_uuid=flow_uuid, cross_checks=checks)
        # The status as it is once this transaction commits (completed_at set).
        status = flows.flow_status(_completed(flow, now), docs)
        delivery_id = db_callbacks.insert_delivery(
            session,
            flow_uuid=flow_uuid,
            completion=completion,
            replay=0,
            payload=callback_payload(flow, docs, checks, status),
            now=now,
            give_up_at=now + dt.timedelta(seconds=settings.retry_for_seconds),
        )
        session.commit()
    log.info(
        "flow completed (%s, completion %d, %d document(s)); callback queued",
        status["master_status"],
        completion,
        len(docs),
    )
    return delivery_id


def refresh_cross_checks(
    session: Session, rules_dir: Path | None, *, flow_uuid: str
) -> list[dict[str, Any]] | None:
    """Compute a completed flow's cross-checks again, from its documents as corrected, and
    commit them; None for a flow not completed (its completion will compute them).

    A reviewer's correction changes what the checks compare ("RAHUL KUMAR" put right on a PAN
    whose OCR read "RAHUL KUMAB"): ``extracts`` must not keep showing the mismatch. The callback
    already delivered is not sent again, and a replay sends that delivery as it was.
    """
    flow = flows.get_flow(session, flow_uuid=flow_uuid)
    if flow is None or flow.completed_at is None:
        return None
    docs = corrected_flow_documents(session, flow_uuid=flow_uuid)
    checks = _cross_checks(flow, docs, rules_dir)
    flows.set_cross_checks(session, flow_uuid=flow_uuid, cross_checks=checks)
    session.commit()
    return checks


def _completed(flow: flows.FlowRow, now: dt.datetime) -> flows.FlowRow:
    return replace(flow, completed_at=flow.completed_at or now)


def _cross_checks(
    flow: flows.FlowRow, docs: list[flows.FlowDocumentRow], rules_dir: Path | None
) -> list[dict[str, Any]]:
    # A bug in one matcher must not hold the callback back for ever: the flow completes with
    # no cross-checks and the error is logged (the lender still gets every document).
    try:
        return compute_cross_checks(flow, docs, rules_dir=rules_dir)
    except Exception:
        log.exception("cross-checks failed for product %r", flow.product_type[:64])
        return []


def compute_cross_checks(
    flow: FlowRow, docs: Sequence[FlowDocumentRow], *, rules_dir: Path | None = None
) -> list[dict[str, Any]]:
    """The product's cross-checks over the flow's read documents (kagaz.matching)."""
    documents = []
    for d in docs:
        if d.status != "done" or not isinstance(d.result, dict):
            continue
        fields = {k: v for k, v in d.result.items() if k != "document_type"}
        doc_type = d.document_type or d.result.get("document_type")
        documents.append(FlowDocument(d.document_id, d.file_uuid, doc_type, fields))
    return list(run_cross_checks(documents, flow.product_type, rules_dir=rules_dir))


def callback_payload(
    flow: FlowRow,
    docs: Sequence[FlowDocumentRow],
    cross_checks: list[dict[str, Any]],
    status: dict[str, str],
) -> dict[str, Any]:
    """``CallbackData``: the Flow API's extracts (without redact links, which are minted per
    answer) plus the flow's ids, status and ``flow_params``."""
    return {
        "flow_uuid": flow.flow_uuid,
        "application_id": flow.application_id,
        "flow_params": flow.flow_params,
        "master_status": status["master_status"],
        "ocr_data": ocr_items(docs),
        "cross_checks": cross_checks,
    }
