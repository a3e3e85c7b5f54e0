"""The review console's views: the client's batches and flows with counts by status, a batch's
or a flow's documents (filtered on derived values: low confidence, failed checks), and one
document with its fields, validations, cross-checks and correction history.

The rows come from :mod:`kagaz.database.console`; each document's fields are the one view's
(:mod:`kagaz.services.results`: corrections overlaid, Aadhaar numbers masked). Every read is
scoped to one client: an unknown id and another client's id both answer None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

from kagaz.database import console
from kagaz.database.console import Kind
from kagaz.database.models import FINAL_STATUSES, DocumentStatus
from kagaz.services.errors import BadRequest
from kagaz.services.results import corrected_results, mask_aadhaar_numbers
from kagaz.services.wiring import Parts

__all__ = [
    "LOW_CONFIDENCE",
    "Kind",
    "MAX_PER_PAGE",
    "STATUSES",
    "Listing",
    "document",
    "documents",
    "field_items",
    "list_batches",
]

# A field below this confidence is flagged for review (the page reads it from /v1/console/config).
LOW_CONFIDENCE = 0.9
MAX_PER_PAGE = 100
STATUSES = [s.value for s in DocumentStatus]
_FINAL = {s.value for s in FINAL_STATUSES}


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else None


def _summary(counts: dict[str, int]) -> dict[str, Any]:
    total = sum(counts.values())
    final = sum(counts[s] for s in _FINAL)
    return {"counts": counts, "total": total, "finished": final == total}


def _cross_checks(raw: Any) -> list[dict[str, Any]]:
    """A flow's cross-checks (kagaz.matching's items) for the console: each keeps its keys and
    gains ``name``, ``result``, ``failed`` (MISMATCH), ``message`` and ``file_uuids`` (the two
    documents compared), which the documents table and the document view read.

    >>> c = _cross_checks([{"check": "name", "result": "MISMATCH", "source_document": "PAN",
    ...     "target_document": "AADHAAR", "source_file_uuid": "u1", "target_file_uuid": "u2",
    ...     "source_value": "A", "target_value": "B", "reasons": ["NAME_DIFFERS"]}])[0]
    >>> c["name"], c["failed"], c["file_uuids"], c["message"]
    ('name', True, ['u1', 'u2'], "PAN 'A' vs AADHAAR 'B' (NAME_DIFFERS)")
    """
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        result = str(item.get("result") or "").upper()
        uuids = [
            str(item[k])
            for k in ("source_file_uuid", "target_file_uuid")
            if isinstance(item.get(k), str)
        ]
        message = None
        if item.get("source_document") or item.get("target_document"):
            message = (
                f"{item.get('source_document')} {item.get('source_value')!r} vs "
                f"{item.get('target_document')} {item.get('target_value')!r}"
            )
            reasons = [str(r) for r in item.get("reasons") or [] if r]
            if reasons:
                message += f" ({', '.join(reasons)})"
        out.append(
            {
                **item,
                "name": str(item.get("check") or item.get("name") or "check"),
                "result": result or None,
                "failed": result == "MISMATCH",
                "message": message,
                "file_uuids": uuids,
            }
        )
    return out


def _batch_head(scope: console.Scope) -> dict[str, Any]:
    return {
        "kind": "batch",
        "id": scope.id,
        "family": scope.family,
        "product_type": scope.product_type,
        "created_at": _iso(scope.created_at),
        **_summary(scope.counts),
    }


def _listed(scope: console.Scope) -> dict[str, Any]:
    """A row of the batches page."""
    if scope.kind == "batch":
        return _batch_head(scope)
    checks = _cross_checks(scope.cross_checks)
    return {
        "kind": "flow",
        "id": scope.id,
        "family": "flow",
        "product_type": scope.product_type,
        "application_id": scope.application_id,
        "created_at": _iso(scope.created_at),
        "cross_check_failures": sum(1 for c in checks if c["failed"]),
        **_summary(scope.counts),
    }


def list_batches(
    parts: Parts, *, client_id: str, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the client's batches and flows, newest first, and their total."""
    with parts.db.connect() as conn:
        scopes, total = console.list_scopes(conn, client_id=client_id, offset=offset, limit=limit)
    return [_listed(s) for s in scopes], total


def field_items(data: Any) -> dict[str, dict[str, Any]]:
    """The fields of a stored result: every ``{"value", "confidence_score"}`` object.

    >>> field_items({"document_type": "PAN", "pan_number": {"value": "A", "confidence_score": 1},
    ...              "validations": {}})
    {'pan_number': {'value': 'A', 'confidence_score': 1}}
    """
    if not isinstance(data, dict):
        return {}
    return {
        k: v
        for k, v in data.items()
        if isinstance(v, dict) and "value" in v and k not in ("validations", "document_type")
    }


def _derived(data: Any, flow_checks: list[dict[str, Any]], file_uuid: str) -> dict[str, Any]:
    fields = field_items(data)
    scores = [
        float(v["confidence_score"])
        for v in fields.values()
        if isinstance(v.get("confidence_score"), int | float)
    ]
    validations = data.get("validations") if isinstance(data, dict) else None
    failed = sorted(
        k for k, v in (validations or {}).items() if isinstance(v, dict) and v.get("valid") is False
    )
    cross = sorted({c["name"] for c in flow_checks if c["failed"] and file_uuid in c["file_uuids"]})
    return {
        "field_count": len(fields),
        "lowest_confidence": round(min(scores), 4) if scores else None,
        "low_confidence_fields": sum(1 for s in scores if s < LOW_CONFIDENCE),
        "corrected_fields": sum(1 for v in fields.values() if v.get("corrected") is True),
        "failed_validations": failed,
        "failed_cross_checks": cross,
    }


def _row(doc: console.DocumentItem, checks: list[dict[str, Any]]) -> dict[str, Any]:
    """A document as the documents table and the document view show it."""
    return {
        "file_uuid": doc.file_uuid,
        "document_id": doc.document_id,
        "batch_id": doc.batch_id,
        "status": doc.status,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
        "document_type": doc.document_type or doc.result.get("document_type"),
        **_derived(doc.result, checks, doc.file_uuid),
    }


@dataclass(frozen=True, slots=True)
class Listing:
    """The documents table's query: SQL filters, filters on derived values, and the page."""

    status: str | None
    document_type: str | None
    low_confidence: bool
    failed: bool
    offset: int
    limit: int

    def checked(self) -> Listing:
        """The listing with a known status (else 400) and an empty type read as none."""
        if self.status is not None and self.status not in STATUSES:
            raise BadRequest(f"Invalid parameters: status (one of {', '.join(STATUSES)})")
        return replace(self, document_type=self.document_type or None)

    def keep(self, row: dict[str, Any]) -> bool:
        if self.low_confidence and not row["low_confidence_fields"]:
            return False
        if self.failed and not (
            row["status"] == "failed" or row["failed_validations"] or row["failed_cross_checks"]
        ):
            return False
        return True


def _pick(
    conn: sa.Connection,
    docs: list[console.DocumentItem],
    checks: list[dict[str, Any]],
    listing: Listing,
) -> list[dict[str, Any] | None]:
    """The table rows of ``docs`` (read together: one query for their corrections), None for a
    row the listing's filters on derived values drop."""
    results = corrected_results(conn, docs)
    rows = [_row(replace(d, result=results.get(d.file_uuid, {})), checks) for d in docs]
    return [row if listing.keep(row) else None for row in rows]


def documents(
    parts: Parts, *, client_id: str, listing: Listing, kind: Kind, scope_id: str
) -> dict[str, Any] | None:
    """One page of a batch's or a flow's documents; None if not the client's."""
    listing = listing.checked()
    with parts.db.connect() as conn:
        scope = console.get_scope(conn, client_id=client_id, kind=kind, scope_id=scope_id)
        if scope is None:
            return None
        checks = _cross_checks(scope.cross_checks)
        page = console.documents_page(
            conn,
            scope,
            status=listing.status,
            document_type=listing.document_type,
            offset=listing.offset,
            limit=listing.limit,
            pick=lambda docs: _pick(conn, docs, checks, listing),
            selective=listing.low_confidence or listing.failed,
        )
    if scope.kind == "batch":
        head = _batch_head(scope)
    else:
        head = {
            "kind": "flow",
            "id": scope.id,
            "product_type": scope.product_type,
            "application_id": scope.application_id,
            "created_at": _iso(scope.created_at),
            "completed_at": _iso(scope.completed_at),
            "cross_checks": checks,
            **_summary(scope.counts),
        }
    return {
        **head,
        "document_types": page.document_types,
        "data": page.items,
        "offset": listing.offset,
        "next_offset": page.next_offset,
    }


def document(parts: Parts, *, client_id: str, file_uuid: str) -> dict[str, Any] | None:
    """One document as its own view shows it; None if not the client's."""
    with parts.db.connect() as conn:
        doc = console.get_document(conn, client_id=client_id, file_uuid=file_uuid)
        if doc is None:
            return None
        data = corrected_results(conn, [doc]).get(doc.file_uuid, {})
    checks = [c for c in _cross_checks(doc.flow_cross_checks) if file_uuid in c["file_uuids"]]
    # Belt and braces: the worker never stores a full Aadhaar number; the console never shows
    # one (by the one rule, kagaz.text.masking) even if a result from an older release had it.
    mask_aadhaar_numbers(data)
    fields = field_items(data)
    pages = max(
        [1]
        + [int(f["page"]) for f in fields.values() if isinstance(f.get("page"), int)]
        + [int(p) for p in (data.get("pages"),) if isinstance(p, int)]
        + [
            int(m.group(1))
            for k in doc.artifacts
            if (m := re.fullmatch(r"page[_-]?(\d{1,4})", str(k))) is not None
        ]
    )
    return {
        "file_uuid": doc.file_uuid,
        "document_id": doc.document_id,
        "batch_id": doc.batch_id,
        "flow_uuid": doc.flow_uuid,
        "family": doc.family,
        "product_type": doc.product_type,
        "status": doc.status,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
        "document_type": doc.document_type or data.get("document_type"),
        "created_at": _iso(doc.created_at),
        "finished_at": _iso(doc.finished_at),
        "pages": pages,
        "file_data": data,
        "validations": data.get("validations") or {},
        "cross_checks": checks,
        "corrections": [
            {
                "field": c.field,
                "value": c.value,
                "previous_value": c.previous_value,
                "reviewer": c.reviewer,
                "corrected_at": _iso(c.corrected_at),
            }
            for c in doc.corrections
        ],
        **_derived(data, checks, doc.file_uuid),
    }
