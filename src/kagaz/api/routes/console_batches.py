"""The review console's batches: ``/v1/console/config``, the client's batches and flows
(``/v1/console/batches``) and a batch's or a flow's documents
(``/v1/console/{batches,flows}/{id}/documents``), read-only, parsed and serialised here; the
views are :mod:`kagaz.services.console_views`'. They take the same ``Token`` header as the rest
of the API and only ever read rows of the calling client: an unknown id and another client's id
answer the same 404.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.schemas import ErrorEnvelope
from kagaz.services import console_views
from kagaz.services.console_views import LOW_CONFIDENCE, MAX_PER_PAGE, Kind, Listing
from kagaz.services.errors import NotFound

__all__ = ["ERRORS", "Id", "router"]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope},
    401: {"model": ErrorEnvelope},
    404: {"model": ErrorEnvelope},
    503: {"model": ErrorEnvelope},
}

_Status = Annotated[str | None, Query(max_length=16)]
_Type = Annotated[str | None, Query(alias="type", max_length=64)]
_Offset = Annotated[int, Query(ge=0, le=10_000_000)]
_Limit = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]
Id = Annotated[str, Path(min_length=1, max_length=64)]


def _listing(
    status: _Status = None,
    document_type: _Type = None,
    low_confidence: bool = False,
    failed: bool = False,
    offset: _Offset = 0,
    limit: _Limit = 50,
) -> Listing:
    """The documents endpoints' query parameters (one dependency, so one declaration)."""
    return Listing(status, document_type, low_confidence, failed, offset, limit)


_ListingDep = Annotated[Listing, Depends(_listing)]


# The ids are dependencies too, declared before the listing: a 400 then names a bad id before
# bad query parameters, as when they were the endpoints' own parameters.
def _batch_id(batch_id: Id) -> str:
    return batch_id


def _flow_uuid(flow_uuid: Id) -> str:
    return flow_uuid


# kind: (path, the dependency that reads the id, summary)
_DOCUMENT_ROUTES: dict[Kind, tuple[str, Callable[[str], str], str]] = {
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
    kind: Kind, scope_id: Callable[[str], str]
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
        body = await state.read(
            console_views.documents,
            state.parts,
            client_id=client_id,
            listing=listing,
            kind=kind,
            scope_id=ident,
        )
        if body is None:
            raise NotFound(f"No such {kind}")
        return JSONResponse(body)

    return endpoint


def router() -> APIRouter:
    api = APIRouter()
    tag = ["console"]

    @api.get(
        "/v1/console/config",
        tags=tag,
        operation_id="console_config",
        summary="Console settings: the low-confidence threshold and whether flows exist",
        responses=ERRORS,
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
        responses=ERRORS,
    )
    async def list_batches(
        client_id: CurrentClient,
        state: StateDep,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 25,
    ) -> JSONResponse:
        items, total = await state.read(
            console_views.list_batches,
            state.parts,
            client_id=client_id,
            offset=(page - 1) * per_page,
            limit=per_page,
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
            responses=ERRORS,
        )

    return api
