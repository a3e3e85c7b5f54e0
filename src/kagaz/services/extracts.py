"""Bulk and Docstream ``extracts``: a page of a batch's documents in upload order, each
``file_data`` as the one view shows it (:func:`kagaz.services.results.file_data_json`).

Reading a page is one indexed range scan, plus one query for the corrections of its final
documents; stored results stay JSON text, and only a document with corrections or a redact link
is decoded (once).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from kagaz.database import batches, corrections
from kagaz.database.batches import DocumentRow
from kagaz.database.models import FINAL_STATUSES
from kagaz.services.errors import BadRequest
from kagaz.services.results import RedactLinks, file_data_json
from kagaz.services.wiring import Parts

__all__ = ["MAX_PER_PAGE", "BatchPage", "read_page"]

MAX_PER_PAGE = 50
_FINAL = frozenset(s.value for s in FINAL_STATUSES)


@dataclass(frozen=True, slots=True)
class BatchPage:
    """One page: each document with its ``file_data`` as JSON text, and the paging numbers."""

    documents: list[tuple[DocumentRow, str]]
    meta: dict[str, Any]  # page, per_page, total_pages, total_items, has_next, has_prev


def read_page(
    parts: Parts, *, client_id: str, batch_id: str, page: int, per_page: int, base_url: str
) -> BatchPage:
    """Page ``page`` (1-based) of the client's batch, ``per_page`` documents a page (at most
    :data:`MAX_PER_PAGE`); an unknown batch and another client's answer the same 400."""
    per_page = min(per_page, MAX_PER_PAGE)
    offset = (page - 1) * per_page
    with parts.db.connect() as conn:
        batch = batches.get_batch(conn, batch_id=batch_id, client_id=client_id)
        if batch is None:
            raise BadRequest("batch_id is invalid")
        rows: list[DocumentRow] = []
        corrected: dict[str, dict[str, Any]] = {}
        if offset < batch.document_count:
            rows = batches.page_documents(conn, batch_id=batch_id, offset=offset, limit=per_page)
            final = [d.file_uuid for d in rows if d.status in _FINAL]
            corrected = corrections.latest_values(conn, final) if final else {}
    links = RedactLinks.of(parts, base_url=base_url, client_id=client_id)
    documents = [
        (
            d,
            file_data_json(
                d.result_json,
                d.artifacts_json,
                file_uuid=d.file_uuid,
                corrected=corrected.get(d.file_uuid),
                links=links,
            ),
        )
        for d in rows
    ]
    total = batch.document_count
    total_pages = math.ceil(total / per_page)
    meta = {
        "page": page,
        "per_page": per_page,
        "total_pages": total_pages,
        "total_items": total,
        "has_next": page < total_pages,
        "has_prev": page > 1,
    }
    return BatchPage(documents, meta)
