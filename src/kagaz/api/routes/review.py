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
import hashlib
import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.services.errors import BadRequest, Conflict, NotFound, Unprocessable
from kagaz.api.schemas import ErrorEnvelope
from kagaz.api.state import ServerState
from kagaz.storage.base import BlobNotFound, StorageError
from kagaz.callbacks.completion import refresh_cross_checks
from kagaz.database import corrections, flows
from kagaz.database.db import utcnow
from kagaz.database.models import FINAL_STATUSES
from kagaz.services.blob_keys import is_page_artifact, page_artifact

__all__ = ["CorrectionCreate", "CorrectionPublic", "router"]

log = logging.getLogger(__name__)

MAX_PAGE = 1000
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_UUID = r"^[0-9a-fA-F-]{1,36}$"
_FINAL = {s.value for s in FINAL_STATUSES}


class CorrectionCreate(BaseModel):
    """A reviewer's value for one field: a string, or null for "not on the document"."""

    model_config = ConfigDict(extra="forbid")

    value: str | None = Field(max_length=corrections.MAX_VALUE_LENGTH, pattern=r"^[^\x00-\x08\x0b-\x1f\x7f]*$")
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


def _page_image(state: ServerState, client_id: str, file_uuid: str, page: int) -> tuple[bytes, int]:
    with state.db.session() as session:
        doc = corrections.get_reviewable(session, file_uuid=file_uuid, client_id=client_id)
        artifacts = _artifacts(session, file_uuid) if doc is not None else {}
    key = artifacts.get(page_artifact(page))
    if not isinstance(key, str):
        raise NotFound("No such page")
    count = sum(1 for name in artifacts if is_page_artifact(name))
    try:
        return state.storage.get(key), count
    except BlobNotFound as exc:
        raise NotFound("No such page") from exc


def _artifacts(session: Any, file_uuid: str) -> dict[str, Any]:
    from kagaz.database.models import Document

    value = session.get(Document, file_uuid).artifacts
    return value if isinstance(value, dict) else {}


def _correct(
    state: ServerState, client_id: str, file_uuid: str, field: str, body: CorrectionCreate
) -> corrections.CorrectionRow:
    path = corrections.parse_path(field)
    if path is None:
        raise NotFound("No such field")
    with state.db.session() as session:
        doc = corrections.get_reviewable(session, file_uuid=file_uuid, client_id=client_id)
        if doc is None:
            raise NotFound("No such file")
        if doc.status not in _FINAL:
            raise Conflict("The document is still being read; correct it once it is done")
        shown = corrections.overlay(
            dict(doc.result or {}),
            corrections.latest_values(session, [file_uuid]).get(file_uuid, {}),
        )
        found, previous = corrections.current_value(shown, path)
        if not found:
            raise NotFound("No such field")
        value = body.value
        if path.key == "aadhaar_number" and isinstance(value, str):
            # A reviewer may type the full number: it is masked before it is stored, as results are.
            value = state.parts.aadhaar.value(value)
        row = corrections.record(
            session,
            file_uuid=file_uuid,
            client_id=client_id,
            path=path,
            value=value,
            previous_value=previous,
            reviewer=body.reviewer or doc.client_name,
            original_sha256=_sha256(state, doc.original_key),
            now=utcnow(),
        )
        flow_uuid = flows.flow_of_document(session, file_uuid=file_uuid)
        if flow_uuid is not None:
            refresh_cross_checks(session, state.settings.callbacks.rules_dir,
                                 flow_uuid=flow_uuid)
        return row


def _sha256(state: ServerState, key: str | None) -> str | None:
    """SHA-256 of the stored original, or None once retention has deleted it."""
    if key is None:
        return None
    try:
        return hashlib.sha256(state.storage.get(key)).hexdigest()
    except StorageError:
        return None


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
        data, count = await run_in_threadpool(_page_image, state, client_id, file_uuid, page)
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
        row = await run_in_threadpool(_correct, state, client_id, file_uuid, field, body)
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
        when = _parse_since(since)

        def lines() -> Any:
            with state.db.connect() as conn:
                yield from corrections.export_rows(conn, client_id=client_id, since=when)

        return StreamingResponse(
            lines(),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="corrections.jsonl"'},
        )

    return api
