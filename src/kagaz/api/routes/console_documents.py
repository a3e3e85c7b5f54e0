"""The review console's document: ``/v1/console/documents/{file_uuid}``, its fields with page
and bbox, validations, cross-checks and correction history (the view is
:func:`kagaz.services.console_views.document`). Another client's document answers 404, like an
unknown one.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.routes.console_batches import ERRORS, Id
from kagaz.services import console_views
from kagaz.services.errors import NotFound

__all__ = ["router"]


def router() -> APIRouter:
    api = APIRouter()

    @api.get(
        "/v1/console/documents/{file_uuid}",
        tags=["console"],
        operation_id="console_document",
        summary="One document: fields with page and bbox, validations, correction history",
        responses=ERRORS,
    )
    async def document(client_id: CurrentClient, state: StateDep, file_uuid: Id) -> JSONResponse:
        body = await state.read(
            console_views.document, state.parts, client_id=client_id, file_uuid=file_uuid
        )
        if body is None:
            raise NotFound("No such document")
        return JSONResponse(body)

    return api
