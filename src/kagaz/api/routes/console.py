"""The review console: its static page at ``/console`` and the read-only JSON it needs.

The page is plain HTML, CSS and one ES module (``kagaz/console/static``), served with a strict
Content-Security-Policy of its own (scripts, styles and connections only from this origin,
images also from ``blob:`` for the page images fetched with the token). Assets are addressed
with their content hash (``?v=<sha256 prefix>``) and cached for a year; the index is revalidated
by ETag, so a new release is picked up at once.

The JSON endpoints (``/v1/console/...``) take the same ``Token`` header as the rest of the API
and only ever read rows of the calling client: an unknown id and another client's id answer the
same 404. Their queries are in :mod:`kagaz.database.console`; this module checks the parameters and
shapes the answers. Corrections, page images, uploads and the ground-truth export are the API's
own endpoints; the console calls them as any client would.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.services.errors import BadRequest, NotFound
from kagaz.api.schemas import ErrorEnvelope
from kagaz.api.state import ServerState
from kagaz.database import console as store
from kagaz.database.models import FINAL_STATUSES, DocumentStatus
from kagaz.services.results import mask_aadhaar_numbers

__all__ = ["CSP", "LOW_CONFIDENCE", "router"]

# A field below this confidence is flagged for review (the page reads it from /v1/console/config).
LOW_CONFIDENCE = 0.9

# No inline script or style, nothing from another origin; blob: images are the page images
# the script fetched with the token. frame-ancestors keeps the console out of other sites' frames.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_ASSETS = ("app.js", "app.css")
_IMMUTABLE = "public, max-age=31536000, immutable"

MAX_PER_PAGE = 100
_STATUSES = [s.value for s in DocumentStatus]
_FINAL = {s.value for s in FINAL_STATUSES}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope},
    401: {"model": ErrorEnvelope},
    404: {"model": ErrorEnvelope},
    503: {"model": ErrorEnvelope},
}


# -- static files ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Asset:
    body: bytes
    media_type: str
    etag: str


@lru_cache(maxsize=1)
def _assets() -> dict[str, _Asset]:
    """The static files, read once, each with its content hash; index.html gets the hashes."""
    root = resources.files("kagaz.console") / "static"
    out: dict[str, _Asset] = {}
    for name in _ASSETS:
        body = (root / name).read_bytes()
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name.endswith(".js"):
            media = "text/javascript"
        out[name] = _Asset(body, f"{media}; charset=utf-8", hashlib.sha256(body).hexdigest()[:16])
    index = (root / "index.html").read_text("utf-8")
    for name, asset in out.items():
        index = index.replace(f'"{name}"', f'"/console/assets/{name}?v={asset.etag}"')
    body = index.encode()
    out["index.html"] = _Asset(
        body, "text/html; charset=utf-8", hashlib.sha256(body).hexdigest()[:16]
    )
    return out


def _serve(request: Request, asset: _Asset, cache_control: str) -> Response:
    etag = f'"{asset.etag}"'
    headers = {**_PAGE_HEADERS, "ETag": etag, "Cache-Control": cache_control}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)


# -- answers --------------------------------------------------------------------------------


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


def _batch_head(scope: store.Scope) -> dict[str, Any]:
    return {
        "kind": "batch",
        "id": scope.id,
        "family": scope.family,
        "product_type": scope.product_type,
        "created_at": _iso(scope.created_at),
        **_summary(scope.counts),
    }


def _listed(scope: store.Scope) -> dict[str, Any]:
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


def _list_batches(
    state: ServerState, client_id: str, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    with state.db.connect() as conn:
        scopes, total = store.list_scopes(conn, client_id=client_id, offset=offset, limit=limit)
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


def _row(doc: store.DocumentItem, checks: list[dict[str, Any]]) -> dict[str, Any]:
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
class _Listing:
    """The documents table's query: SQL filters, filters on derived values, and the page."""

    status: str | None
    document_type: str | None
    low_confidence: bool
    failed: bool
    offset: int
    limit: int

    def checked(self) -> _Listing:
        """The listing with a known status (else 400) and an empty type read as none."""
        if self.status is not None and self.status not in _STATUSES:
            raise BadRequest(f"Invalid parameters: status (one of {', '.join(_STATUSES)})")
        return replace(self, document_type=self.document_type or None)

    def keep(self, row: dict[str, Any]) -> bool:
        if self.low_confidence and not row["low_confidence_fields"]:
            return False
        if self.failed and not (
            row["status"] == "failed" or row["failed_validations"] or row["failed_cross_checks"]
        ):
            return False
        return True


def _documents(
    state: ServerState, client_id: str, listing: _Listing, kind: store.Kind, scope_id: str
) -> dict[str, Any] | None:
    """One page of a batch's or a flow's documents; None if not the client's."""
    with state.db.connect() as conn:
        scope = store.get_scope(conn, client_id=client_id, kind=kind, scope_id=scope_id)
        if scope is None:
            return None
        checks = _cross_checks(scope.cross_checks)

        def pick(doc: store.DocumentItem) -> dict[str, Any] | None:
            row = _row(doc, checks)
            return row if listing.keep(row) else None

        page = store.documents_page(
            conn,
            scope,
            status=listing.status,
            document_type=listing.document_type,
            offset=listing.offset,
            limit=listing.limit,
            pick=pick,
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


def _mask_aadhaar(data: dict[str, Any]) -> None:
    """Belt and braces: the worker never stores a full Aadhaar number; the console never shows
    one (by the one rule, kagaz.text.masking) even if a result from an older release had it."""
    mask_aadhaar_numbers(data)


def _document(state: ServerState, client_id: str, file_uuid: str) -> dict[str, Any] | None:
    with state.db.connect() as conn:
        doc = store.get_document(conn, client_id=client_id, file_uuid=file_uuid)
    if doc is None:
        return None
    checks = [c for c in _cross_checks(doc.flow_cross_checks) if file_uuid in c["file_uuids"]]
    data = doc.result
    _mask_aadhaar(data)
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


# -- routes ---------------------------------------------------------------------------------

_Status = Annotated[str | None, Query(max_length=16)]
_Type = Annotated[str | None, Query(alias="type", max_length=64)]
_Offset = Annotated[int, Query(ge=0, le=10_000_000)]
_Limit = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]
_Id = Annotated[str, Path(min_length=1, max_length=64)]


def _listing(
    status: _Status = None,
    document_type: _Type = None,
    low_confidence: bool = False,
    failed: bool = False,
    offset: _Offset = 0,
    limit: _Limit = 50,
) -> _Listing:
    """The documents endpoints' query parameters (one dependency, so one declaration)."""
    return _Listing(status, document_type, low_confidence, failed, offset, limit)


_ListingDep = Annotated[_Listing, Depends(_listing)]


# The ids are dependencies too, declared before the listing: a 400 then names a bad id before
# bad query parameters, as when they were the endpoints' own parameters.
def _batch_id(batch_id: _Id) -> str:
    return batch_id


def _flow_uuid(flow_uuid: _Id) -> str:
    return flow_uuid


# kind: (path, the dependency that reads the id, summary)
_DOCUMENT_ROUTES: dict[store.Kind, tuple[str, Callable[[str], str], str]] = {
    "batch": (
        "/v1/console/batches/{batch_id}/documents",
        _batch_id,
        "A batch's documents with type, status, lowest confidence and failed checks",
    ),
    "flow": (
        "/v1/console/flows/{flow_uuid}/documents",
        _flow_uuid,
        "A flow's documents (all its uploads) with cross-check failures",
    ),
}


def _documents_endpoint(
    kind: store.Kind, scope_id: Callable[[str], str]
) -> Callable[..., Awaitable[JSONResponse]]:
    """The documents endpoint of batches or of flows. The id's dependency is a default, not an
    annotation: annotations are strings here, resolved in the module, and this one differs."""

    async def endpoint(
        *,
        client_id: CurrentClient,
        state: StateDep,
        ident: str = Depends(scope_id),
        listing: _ListingDep,
    ) -> JSONResponse:
        body = await state.read(_documents, state, client_id, listing.checked(), kind, ident)
        if body is None:
            raise NotFound(f"No such {kind}")
        return JSONResponse(body)

    return endpoint


def router() -> APIRouter:
    api = APIRouter()

    @api.get("/console", include_in_schema=False)
    def index(request: Request) -> Response:
        return _serve(request, _assets()["index.html"], "no-cache")

    @api.get("/console/", include_in_schema=False)
    def index_slash() -> Response:
        return RedirectResponse("/console", status_code=308)

    @api.get("/console/assets/{name}", include_in_schema=False)
    def asset(request: Request, name: str, v: str | None = None) -> Response:
        found = _assets().get(name) if name in _ASSETS else None
        if found is None:
            raise NotFound("No such file")
        # Only a URL naming the current hash may be cached for good.
        return _serve(request, found, _IMMUTABLE if v == found.etag else "no-cache")

    tag = ["console"]

    @api.get(
        "/v1/console/config",
        tags=tag,
        operation_id="console_config",
        summary="Console settings: the low-confidence threshold and whether flows exist",
        responses=_ERRORS,
    )
    def config(client_id: CurrentClient) -> JSONResponse:
        # "flows" is always true now that the Flow API exists; kept for clients that read it.
        return JSONResponse(
            {"client_id": client_id, "low_confidence": LOW_CONFIDENCE, "flows": True}
        )

    @api.get(
        "/v1/console/batches",
        tags=tag,
        operation_id="console_batches",
        summary="The client's batches and flows, newest first, with counts by status",
        responses=_ERRORS,
    )
    async def list_batches(
        client_id: CurrentClient,
        state: StateDep,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 25,
    ) -> JSONResponse:
        items, total = await state.read(
            _list_batches, state, client_id, (page - 1) * per_page, per_page
        )
        return JSONResponse(
            {
                "data": items,
                "page": page,
                "per_page": per_page,
                "total_items": total,
                "has_next": page * per_page < total,
            }
        )

    for kind, (path, scope_id, summary) in _DOCUMENT_ROUTES.items():
        api.add_api_route(
            path,
            _documents_endpoint(kind, scope_id),
            methods=["GET"],
            name=f"{kind}_documents",
            tags=tag,
            operation_id=f"console_{kind}_documents",
            summary=summary,
            responses=_ERRORS,
        )

    @api.get(
        "/v1/console/documents/{file_uuid}",
        tags=tag,
        operation_id="console_document",
        summary="One document: fields with page and bbox, validations, correction history",
        responses=_ERRORS,
    )
    async def document(
        client_id: CurrentClient, state: StateDep, file_uuid: _Id
    ) -> JSONResponse:
        body = await state.read(_document, state, client_id, file_uuid)
        if body is None:
            raise NotFound("No such document")
        return JSONResponse(body)

    return api
