"""What ``GET /v3/verification/extracts`` answers and a callback carries (``CallbackData``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kagaz.database.flows import FlowDocumentRow, FlowRow

__all__ = ["callback_payload", "compute_cross_checks", "ocr_item", "ocr_items"]

log = logging.getLogger(__name__)

# Keys kagaz puts on every ocr_data item; a document field of the same name never overrides them.
_ITEM_KEYS = ("document_id", "file_uuid", "batch_id", "status", "document_type", "error_code")


def ocr_item(doc: FlowDocumentRow) -> dict[str, Any]:
    """One ``ocr_data`` item: ids, status and error, then the document's fields
    (``{value, confidence_score}`` objects) at the top level, as in the reference."""
    fields = dict(doc.result) if isinstance(doc.result, dict) else {}
    document_type = fields.pop("document_type", None) or doc.document_type
    item: dict[str, Any] = {
        "document_id": doc.document_id,
        "file_uuid": doc.file_uuid,
        "batch_id": doc.batch_id,
        "status": doc.status,
        "document_type": document_type,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
    }
    for key, value in fields.items():
        if key not in item:
            item[key] = value
    return item


def ocr_items(docs: Sequence[FlowDocumentRow]) -> list[dict[str, Any]]:
    return [ocr_item(d) for d in docs]


def compute_cross_checks(
    flow: FlowRow, docs: Sequence[FlowDocumentRow], *, rules_dir: Path | None = None
) -> list[dict[str, Any]]:
    """The product's cross-checks over the flow's read documents (kagaz.matching)."""
    from kagaz.matching.crosschecks import FlowDocument, run_cross_checks

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
    """``CallbackData``: the extracts answer plus the flow's ids, status and ``flow_params``."""
    return {
        "flow_uuid": flow.flow_uuid,
        "application_id": flow.application_id,
        "flow_params": flow.flow_params,
        "master_status": status["master_status"],
        "ocr_data": ocr_items(docs),
        "cross_checks": cross_checks,
    }
