"""The review console's reads: a client's batches and flows with counts by status, a batch's or
a flow's documents page by page, one document with its correction history.

Queries only: rows come back as typed records holding datetimes and the stored JSON as stored;
:mod:`kagaz.services.console_views` overlays the reviewers' corrections and shapes the answers.
Every read is scoped to one client, and an unknown id and another client's id look alike
(None). Keyword-only after the connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, Generic, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute

from kagaz.database.corrections import CorrectionRow
from kagaz.database.flows import get_flow
from kagaz.database.models import Batch, Correction, StoredDocument, DocumentStatus, Flow

__all__ = [
    "MAX_CORRECTIONS",
    "MAX_SCAN",
    "DocumentDetail",
    "DocumentItem",
    "DocumentPage",
    "Kind",
    "Scope",
    "correction_history",
    "documents_page",
    "get_document",
    "get_scope",
    "list_scopes",
]

# Filters on derived values (the caller's ``pick``) are applied while scanning: one request
# reads at most this many rows, then answers with the offset to continue from.
MAX_SCAN = 5000
_SCAN_CHUNK = 250
# A document's history is shown newest first, this many at most.
MAX_CORRECTIONS = 500
_STATUSES = tuple(s.value for s in DocumentStatus)

T = TypeVar("T")
Kind = Literal["batch", "flow"]


@dataclass(frozen=True, slots=True)
class Scope:
    """A stand-alone batch, or a flow (all its uploads), with its documents counted by status
    (every status, 0 when none)."""

    kind: Kind
    id: str
    client_id: str
    family: str  # "flow" for a flow
    product_type: str
    created_at: dt.datetime
    counts: dict[str, int]
    # A flow's only:
    application_id: str | None = None
    completed_at: dt.datetime | None = None
    cross_checks: Any = None  # as stored (kagaz.matching's items), unchecked


@dataclass(frozen=True, slots=True)
class DocumentItem:
    """A document as the documents table lists it; ``result`` is {} until there is one."""

    file_uuid: str
    document_id: str
    batch_id: str
    status: str
    error_code: str | None
    error_message: str | None
    document_type: str | None
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentDetail(DocumentItem):
    """One document with what its own view shows: batch, flow, artifacts and history."""

    artifacts: dict[str, Any]
    created_at: dt.datetime
    finished_at: dt.datetime | None
    family: str
    product_type: str
    flow_uuid: str | None
    flow_cross_checks: Any  # the flow's cross-checks as stored; None outside a flow
    corrections: list[CorrectionRow]  # newest first


@dataclass(frozen=True, slots=True)
class DocumentPage(Generic[T]):
    document_types: list[str]  # every type in the scope, sorted
    items: list[T]
    next_offset: int | None  # where the next page starts; None after the last


_FLOW_COLUMNS = (
    Flow.flow_uuid,
    Flow.client_id,
    Flow.product_type,
    Flow.application_id,
    Flow.created_at,
    Flow.completed_at,
    Flow.cross_checks,
)
_BATCH_COLUMNS = (
    Batch.batch_id,
    Batch.client_id,
    Batch.family,
    Batch.product_type,
    Batch.created_at,
)
# The columns of a DocumentItem, named by its fields.
_ITEM_COLUMNS = tuple(getattr(StoredDocument, f.name) for f in fields(DocumentItem))


def _zeros() -> dict[str, int]:
    return dict.fromkeys(_STATUSES, 0)


def _counts(
    conn: sa.Connection, key: QueryableAttribute[Any], ids: list[str]
) -> dict[str, dict[str, int]]:
    """``{id: {status: n}}``: the documents of each of ``ids`` (values of ``key``, a batch's or
    a flow's id) counted by status; an id without documents is left out."""
    out: dict[str, dict[str, int]] = {}
    if not ids:
        return out
    rows = conn.execute(
        sa.select(key, StoredDocument.status, sa.func.count())
        .join_from(StoredDocument, Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(key.in_(ids))
        .group_by(key, StoredDocument.status)
    )
    for ident, status, n in rows:
        out.setdefault(ident, _zeros())[status] = int(n)
    return out


def _batch_scope(row: Any, counts: dict[str, int] | None) -> Scope:
    return Scope(
        "batch",
        row.batch_id,
        row.client_id,
        row.family,
        row.product_type,
        row.created_at,
        counts or _zeros(),
    )


def _flow_scope(row: Any, counts: dict[str, int] | None) -> Scope:
    """From a flows row or a :class:`kagaz.database.flows.FlowRow`."""
    return Scope(
        "flow",
        row.flow_uuid,
        row.client_id,
        "flow",
        row.product_type,
        row.created_at,
        counts or _zeros(),
        row.application_id,
        row.completed_at,
        row.cross_checks,
    )


def list_scopes(
    conn: sa.Connection, *, client_id: str, offset: int, limit: int
) -> tuple[list[Scope], int]:
    """One page of the client's stand-alone batches and flows, newest first, and their total.
    A flow's uploads are listed as the flow, not as batches of their own."""
    plain = sa.select(
        sa.literal_column("'batch'").label("kind"),
        Batch.batch_id.label("id"),
        Batch.created_at.label("created_at"),
    ).where(Batch.client_id == client_id, Batch.flow_uuid.is_(None))
    flows = sa.select(
        sa.literal_column("'flow'").label("kind"),
        Flow.flow_uuid.label("id"),
        Flow.created_at.label("created_at"),
    ).where(Flow.client_id == client_id)
    listing = sa.union_all(plain, flows).subquery()
    total = conn.execute(sa.select(sa.func.count()).select_from(listing)).scalar_one()
    page = conn.execute(
        sa.select(listing.c.kind, listing.c.id)
        .order_by(listing.c.created_at.desc(), listing.c.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    batch_ids = [i for k, i in page if k == "batch"]
    flow_ids = [i for k, i in page if k == "flow"]
    batch_rows = {
        r.batch_id: r
        for r in conn.execute(sa.select(*_BATCH_COLUMNS).where(Batch.batch_id.in_(batch_ids)))
    }
    flow_rows = {
        r.flow_uuid: r
        for r in conn.execute(sa.select(*_FLOW_COLUMNS).where(Flow.flow_uuid.in_(flow_ids)))
    }
    batch_counts = _counts(conn, StoredDocument.batch_id, batch_ids)
    flow_counts = _counts(conn, Batch.flow_uuid, flow_ids)
    scopes = [
        _batch_scope(batch_rows[ident], batch_counts.get(ident))
        if kind == "batch"
        else _flow_scope(flow_rows[ident], flow_counts.get(ident))
        for kind, ident in page
    ]
    return scopes, int(total)


def _in_scope(scope: Scope) -> sa.ColumnElement[bool]:
    """The documents of ``scope``."""
    if scope.kind == "batch":
        return StoredDocument.batch_id == scope.id
    return StoredDocument.batch_id.in_(
        sa.select(Batch.batch_id).where(
            Batch.flow_uuid == scope.id, Batch.client_id == scope.client_id
        )
    )


def get_scope(conn: sa.Connection, *, client_id: str, kind: Kind, scope_id: str) -> Scope | None:
    """The client's batch or flow with its counts; None if it is not the client's."""
    if kind == "flow":
        flow = get_flow(conn, flow_uuid=scope_id, client_id=client_id)
        if flow is None:
            return None
        scope = _flow_scope(flow, None)
    else:
        batch = conn.execute(
            sa.select(*_BATCH_COLUMNS).where(
                Batch.batch_id == scope_id, Batch.client_id == client_id
            )
        ).first()
        if batch is None:
            return None
        scope = _batch_scope(batch, None)
    counts = _zeros()
    for status, n in conn.execute(
        sa.select(StoredDocument.status, sa.func.count())
        .where(_in_scope(scope))
        .group_by(StoredDocument.status)
    ):
        counts[status] = int(n)
    return replace(scope, counts=counts)


def documents_page(
    conn: sa.Connection,
    scope: Scope,
    *,
    status: str | None,
    document_type: str | None,
    offset: int,
    limit: int,
    pick: Callable[[list[DocumentItem]], list[T | None]],
    selective: bool,
) -> DocumentPage[T]:
    """The documents of ``scope`` in upload order (batch by batch, file by file), from
    ``offset``: up to ``limit`` of them that ``pick`` turns into an item. ``pick`` takes the rows
    read together and answers one item (or None, which drops the row) for each.

    ``selective`` says that ``pick`` drops rows: they are then read in chunks, at most
    :data:`MAX_SCAN` rows a call, and ``next_offset`` continues the scan after the last read.
    """
    in_scope = _in_scope(scope)
    types = sorted(
        t
        for (t,) in conn.execute(
            sa.select(StoredDocument.document_type)
            .where(in_scope, StoredDocument.document_type.is_not(None))
            .distinct()
        )
    )
    query = (
        sa.select(*_ITEM_COLUMNS)
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(in_scope)
        .order_by(Batch.created_at, StoredDocument.batch_id, StoredDocument.position)
    )
    if status:
        query = query.where(StoredDocument.status == status)
    if document_type:
        query = query.where(StoredDocument.document_type == document_type)
    items: list[T] = []
    scanned = 0
    position = offset
    more = False
    while len(items) < limit and scanned < MAX_SCAN:
        chunk = _SCAN_CHUNK if selective else limit + 1
        rows = conn.execute(query.offset(position).limit(chunk)).all()
        picked = pick([_item(row) for row in rows])
        for item in picked:
            if len(items) == limit:
                more = True
                break
            scanned += 1
            position += 1
            if item is not None:
                items.append(item)
        if len(rows) < chunk:
            break
        if scanned >= MAX_SCAN:
            more = True
    return DocumentPage(types, items, position if more else None)


def _item(row: Any) -> DocumentItem:
    return DocumentItem(*row[:-1], row.result if isinstance(row.result, dict) else {})


def correction_history(
    conn: sa.Connection, file_uuid: str, *, limit: int = MAX_CORRECTIONS
) -> list[CorrectionRow]:
    """The document's corrections, newest first."""
    rows = conn.execute(
        sa.select(
            Correction.file_uuid,
            Correction.field,
            Correction.value,
            Correction.previous_value,
            Correction.reviewer,
            Correction.created_at,
        )
        .where(Correction.file_uuid == file_uuid)
        .order_by(Correction.id.desc())
        .limit(limit)
    ).all()
    return [CorrectionRow(*r) for r in rows]


def get_document(conn: sa.Connection, *, client_id: str, file_uuid: str) -> DocumentDetail | None:
    """The client's document, its flow's cross-checks and its correction history; None if it
    is not the client's."""
    row = conn.execute(
        sa.select(
            *_ITEM_COLUMNS,
            StoredDocument.artifacts,
            StoredDocument.created_at,
            StoredDocument.finished_at,
            Batch.family,
            Batch.product_type,
            Batch.flow_uuid,
        )
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .where(StoredDocument.file_uuid == file_uuid, Batch.client_id == client_id)
    ).first()
    if row is None:
        return None
    flow = get_flow(conn, flow_uuid=row.flow_uuid) if row.flow_uuid is not None else None
    history = correction_history(conn, file_uuid)
    return DocumentDetail(
        *row[: len(_ITEM_COLUMNS) - 1],
        result=row.result if isinstance(row.result, dict) else {},
        artifacts=row.artifacts if isinstance(row.artifacts, dict) else {},
        created_at=row.created_at,
        finished_at=row.finished_at,
        family=row.family,
        product_type=row.product_type,
        flow_uuid=row.flow_uuid,
        flow_cross_checks=flow.cross_checks if flow is not None else None,
        corrections=history,
    )
