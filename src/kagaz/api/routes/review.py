"""The review console's API: page images, field corrections and their export as ground truth.

* ``GET /v1/files/{file_uuid}/pages/{page}``: a page as the engine read it (JPEG, Aadhaar
  numbers masked), the picture the fields' ``bbox`` fractions refer to.
* ``PUT /v1/files/{file_uuid}/fields/{field}``: correct one field (or ``key[row].column``).
* ``GET /v1/corrections/export``: the latest correction of every field, as JSON lines.

Every route takes the ``Token`` header (never a token in the URL) and shows only the calling
client's documents: another client's document answers 404, like an unknown one.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.api.schemas import ErrorEnvelope
from kagaz.services import images, review
from kagaz.services.errors import BadRequest, Unprocessable

__all__ = ["CorrectionCreate", "CorrectionPublic", "router"]

log = logging.getLogger(__name__)

MAX_PAGE = 1000
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_UUID = r"^[0-9a-fA-F-]{1,36}$"


class CorrectionCreate(BaseModel):
    """A reviewer's value for one field: a string, or null for "not on the document"."""

    model_config = ConfigDict(extra="forbid")

    value: str | None = Field(max_length=review.MAX_VALUE_LENGTH, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")
    reviewer: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        pattern=_NO_CONTROL,
        description="Who corrected it; default: the API client's name",
    )


class CorrectionPublic(BaseModel):
    file_uuid: str
    field: str = Field(examples=["pan_number", "transactions[3].debit"])
    value: str | None
    previous_value: Any = Field(description="The value shown before this correction")
    reviewer: str
    corrected_at: str = Field(description="UTC, ISO 8601", examples=["2026-11-28T17:04:18.123456Z"])


def _parse_since(since: str | None) -> dt.datetime | None:
    if since is None:
        return None
    try:
        when = dt.datetime.fromisoformat(since.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadRequest("Invalid parameters: since (an ISO 8601 timestamp)") from exc
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope},
    401: {"model": ErrorEnvelope},
    404: {"model": ErrorEnvelope},
}


def router() -> APIRouter:
    api = APIRouter(tags=["review"])

    @api.get(
        "/v1/files/{file_uuid}/pages/{page}",
        operation_id="files_page_image",
        summary="A page of a document as the engine read it (JPEG; Aadhaar numbers masked)",
        response_class=Response,
        responses={
            200: {"content": {"image/jpeg": {}}, "description": "The page image"},
            **_ERRORS,
        },
    )
    async def page_image(
        client_id: CurrentClient,
        state: StateDep,
        file_uuid: Annotated[str, Path(pattern=_UUID)],
        page: Annotated[int, Path(ge=1, le=MAX_PAGE, description="1-based")],
    ) -> Response:
        data, count = await run_in_threadpool(
            images.page_image, state.parts, client_id=client_id, file_uuid=file_uuid, page=page
        )
        return Response(
            data,
            media_type="image/jpeg",
            headers={
                "Cache-Control": "private, max-age=300",
                "Content-Disposition": "inline",
                "X-Page-Count": str(count),
            },
        )

    @api.put(
        "/v1/files/{file_uuid}/fields/{field}",
        operation_id="files_correct_field",
        summary="Correct one field of a finished document",
        response_model=CorrectionPublic,
        responses={**_ERRORS, 409: {"model": ErrorEnvelope}, 422: {"model": ErrorEnvelope}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": CorrectionCreate.model_json_schema()}
                },
            }
        },
    )
    async def correct_field(
        request: Request,
        client_id: CurrentClient,
        state: StateDep,
        file_uuid: Annotated[str, Path(pattern=_UUID)],
        field: Annotated[str, Path(min_length=1, max_length=200)],
    ) -> Response:
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise Unprocessable() from exc
        try:
            body = CorrectionCreate.model_validate(payload)
        except ValidationError as exc:
            raise BadRequest(describe_validation_errors(exc.errors())) from exc
        row = await run_in_threadpool(
            review.correct_field,
            state.parts,
            client_id=client_id,
            file_uuid=file_uuid,
            field=field,
            value=body.value,
            reviewer=body.reviewer,
        )
        log.info("field corrected: %s", row.field)  # never the value: it may be personal data
        return Response(json.dumps(row.public(), ensure_ascii=False), media_type="application/json")

    @api.get(
        "/v1/corrections/export",
        operation_id="corrections_export",
        summary="The latest correction of every corrected field, as JSON lines (ground truth)",
        response_class=StreamingResponse,
        responses={200: {"content": {"application/x-ndjson": {}}}, 400: _ERRORS[400], 401: _ERRORS[401]},
    )
    async def export(
        client_id: CurrentClient,
        state: StateDep,
        since: Annotated[
            str | None,
            Query(max_length=64, description="Only corrections made at or after this ISO 8601 time"),
        ] = None,
    ) -> Response:
        lines = review.export_lines(state.parts, client_id=client_id, since=_parse_since(since))
        return StreamingResponse(
            lines,
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="corrections.jsonl"'},
        )

    return api
