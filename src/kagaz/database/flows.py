"""Store functions for Flow API v3 flows: create, upload into, read status, claim completions.

A flow's documents are those of its batches (``batches.flow_uuid``). A flow *completes* when it
has documents and every one of them is final; :func:`claim_completion` records that with one
conditional UPDATE (``completions + 1``, ``completed_at``) that succeeds for exactly one caller,
whatever the number of racing senders. An upload re-opens the flow in the same transaction that
inserts its documents (``completed_at`` back to NULL), so the next completion is a new one.

On PostgreSQL both sides lock the flow row first, so that the completion's check for unfinished
documents runs on a snapshot taken after any concurrent upload committed. On SQLite writers are
serialised and the UPDATE's own check is atomic.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.batches import BatchRow, NewFile, commit_new_batch, insert_batch
from kagaz.database.models import Batch, StoredDocument, DocumentStatus, Family, Flow

__all__ = [
    "FlowDocumentRow",
    "FlowRow",
    "add_upload",
    "claim_completion",
    "create_flow",
    "flow_documents",
    "flow_status",
    "get_flow",
    "ready_flows",
    "flow_of_document",
    "set_cross_checks",
]

_FINAL = (DocumentStatus.DONE.value, DocumentStatus.FAILED.value)
# A document that failed with this code was read: it is reported, and does not fail the flow.
UNRECOGNISED = "UNRECOGNISED"


@dataclass(frozen=True, slots=True)
class FlowRow:
    flow_uuid: str
    client_id: str
    product_type: str
    application_id: str
    auth_url: str
    callback_url: str
    flow_params: dict[str, Any]
    auth_config: dict[str, Any] | None
    completions: int
    created_at: dt.datetime
    updated_at: dt.datetime
    completed_at: dt.datetime | None
    cross_checks: list[dict[str, Any]] | None


@dataclass(frozen=True, slots=True)
class FlowDocumentRow:
    """One document of a flow, in upload order."""

    file_uuid: str
    document_id: str
    batch_id: str
    status: str
    error_code: str | None
    error_message: str | None
    document_type: str | None
    result: dict[str, Any] | None
    downloaded: bool
    artifacts: dict[str, str] | None = None


def create_flow(
    session: Session,
    *,
    client_id: str,
    product_type: str,
    application_id: str,
    auth_url: str,
    callback_url: str,
    flow_params: dict[str, Any],
    auth_config: dict[str, Any] | None,
    now: dt.datetime,
) -> str:
    """Insert a flow and commit; returns its ``flow_uuid`` (a random UUID4)."""
    flow_uuid = str(uuid.uuid4())
    session.execute(
        sa.insert(Flow).values(
            flow_uuid=flow_uuid,
            client_id=client_id,
            product_type=product_type,
            application_id=application_id,
            auth_url=auth_url,
            callback_url=callback_url,
            flow_params=flow_params,
            auth_config=auth_config,
            completions=0,
            created_at=now,
            updated_at=now,
        )
    )
    session.commit()
    return flow_uuid


_COLUMNS = (
    Flow.flow_uuid,
    Flow.client_id,
    Flow.product_type,
    Flow.application_id,
    Flow.auth_url,
    Flow.callback_url,
    Flow.flow_params,
    Flow.auth_config,
    Flow.completions,
    Flow.created_at,
    Flow.updated_at,
    Flow.completed_at,
    Flow.cross_checks,
)


def get_flow(
    conn: sa.Connection | Session, *, flow_uuid: str, client_id: str | None = None
) -> FlowRow | None:
    """The flow, if it exists and (when ``client_id`` is given) belongs to that client."""
    stmt = sa.select(*_COLUMNS).where(Flow.flow_uuid == flow_uuid)
    if client_id is not None:
        stmt = stmt.where(Flow.client_id == client_id)
    row = conn.execute(stmt).first()
    return FlowRow(*row) if row is not None else None


def _lock_flow(session: Session, flow_uuid: str) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            sa.select(Flow.flow_uuid).where(Flow.flow_uuid == flow_uuid).with_for_update()
        )


def add_upload(
    session: Session,
    *,
    flow_uuid: str,
    client_id: str,
    files: Sequence[NewFile],
    now: dt.datetime,
) -> BatchRow | None:
    """Insert one batch of queued documents into the flow, re-open the flow, and commit.

    None when the flow does not exist or belongs to another client (nothing is written)."""
    def write() -> BatchRow | None:
        _lock_flow(session, flow_uuid)
        reopened = session.execute(
            sa.update(Flow)
            .where(Flow.flow_uuid == flow_uuid, Flow.client_id == client_id)
            .values(completed_at=None, updated_at=now)
            .returning(Flow.product_type)
        ).first()
        if reopened is None:
            return None
        return insert_batch(
            session, client_id=client_id, family=Family.FLOW.value,
            product_type=reopened[0], files=files, now=now, flow_uuid=flow_uuid,
        )

    return commit_new_batch(session, write)


def flow_documents(conn: sa.Connection | Session, *, flow_uuid: str) -> list[FlowDocumentRow]:
    """Every document of the flow, in upload order (batch by batch, file by file), results as
    stored (:func:`kagaz.services.results.corrected_flow_documents` overlays corrections)."""
    rows = conn.execute(
        sa.select(
            StoredDocument.file_uuid,
            StoredDocument.document_id,
            StoredDocument.batch_id,
            StoredDocument.status,
            StoredDocument.error_code,
            StoredDocument.error_message,
            StoredDocument.document_type,
            StoredDocument.result,
            StoredDocument.original_stored_at.is_not(None),
            StoredDocument.artifacts,
        )
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(Batch.flow_uuid == flow_uuid)
        .order_by(Batch.created_at, Batch.batch_id, StoredDocument.position)
    )
    return [FlowDocumentRow(*row) for row in rows]


def _unfinished(flow_uuid: Any) -> sa.Exists:
    return (
        sa.select(StoredDocument.file_uuid)
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(Batch.flow_uuid == flow_uuid, StoredDocument.status.not_in(_FINAL))
        .exists()
    )


def _has_batches(flow_uuid: Any) -> sa.Exists:
    return sa.select(Batch.batch_id).where(Batch.flow_uuid == flow_uuid).exists()


def ready_flows(session: Session, *, limit: int = 100) -> list[str]:
    """Open flows whose documents are all final: completions waiting to be claimed."""
    return list(
        session.scalars(
            sa.select(Flow.flow_uuid)
            .where(
                Flow.completed_at.is_(None),
                _has_batches(Flow.flow_uuid),
                ~_unfinished(Flow.flow_uuid),
            )
            .order_by(Flow.updated_at)
            .limit(limit)
        )
    )


def claim_completion(session: Session, *, flow_uuid: str, now: dt.datetime) -> int | None:
    """Mark the flow completed if it is open and every document is final; returns the new
    completion number, or None when there is nothing to claim (someone else did, or documents
    are still pending). Does not commit: the caller records the completion's delivery in the
    same transaction."""
    _lock_flow(session, flow_uuid)
    row = session.execute(
        sa.update(Flow)
        .where(
            Flow.flow_uuid == flow_uuid,
            Flow.completed_at.is_(None),
            _has_batches(Flow.flow_uuid),
            ~_unfinished(Flow.flow_uuid),
        )
        .values(completions=Flow.completions + 1, completed_at=now, updated_at=now)
        .returning(Flow.completions)
    ).first()
    return int(row[0]) if row is not None else None


def flow_of_document(session: Session, *, file_uuid: str) -> str | None:
    """The flow a document was uploaded to, or None for a Bulk/Docstream document."""
    return session.scalar(
        sa.select(Batch.flow_uuid).join(StoredDocument, StoredDocument.batch_id == Batch.batch_id)
        .where(StoredDocument.file_uuid == file_uuid)
    )


def set_cross_checks(
    session: Session, *, flow_uuid: str, cross_checks: list[dict[str, Any]]
) -> None:
    session.execute(
        sa.update(Flow).where(Flow.flow_uuid == flow_uuid).values(cross_checks=cross_checks)
    )


# -- status -------------------------------------------------------------------------------


def _document_failed(doc: FlowDocumentRow) -> bool:
    """A document that makes the flow FAILED: failed for any reason but UNRECOGNISED."""
    return doc.status == DocumentStatus.FAILED.value and doc.error_code != UNRECOGNISED


def flow_status(flow: FlowRow, docs: Sequence[FlowDocumentRow]) -> dict[str, str]:
    """The four fields of ``GET /v3/verification/status`` (see docs/flows.md for the rules)."""
    if not docs:
        return {
            "upload_status": "NOT_STARTED",
            "processing_status": "NOT_STARTED",
            "crossheck_status": "NOT_STARTED",
            "master_status": "NOT_STARTED",
        }
    final = [d.status in _FINAL for d in docs]
    fetch_failed = [d.status == DocumentStatus.FAILED.value and not d.downloaded for d in docs]
    downloaded = [d.downloaded for d in docs]
    if any(fetch_failed):
        upload = "FAILED"
    elif all(downloaded):
        upload = "SUCCESS"
    elif any(downloaded) or any(d.status == DocumentStatus.FETCHING.value for d in docs):
        upload = "IN_PROGRESS"
    else:
        upload = "NOT_STARTED"
    processed = [d.status in _FINAL and d.downloaded for d in docs]
    if all(final):
        processing = "FAILED" if any(_document_failed(d) for d in docs) else "SUCCESS"
    elif any(d.status == DocumentStatus.PROCESSING.value for d in docs):
        processing = "IN_PROGRESS"
    elif any(processed):
        processing = "PENDING"  # some read, the rest waiting for a download or a worker
    else:
        processing = "NOT_STARTED"
    completed = flow.completed_at is not None
    if completed:
        crosscheck = "COMPLETED"
    elif any(final):
        crosscheck = "PENDING"
    else:
        crosscheck = "NOT_STARTED"
    if not completed:
        master = "IN_PROGRESS"
    else:
        master = "FAILED" if any(_document_failed(d) for d in docs) else "SUCCESS"
    return {
        "upload_status": upload,
        "processing_status": processing,
        "crossheck_status": crosscheck,
        "master_status": master,
    }
