"""``POST /v1/{family}/multiupload`` and ``GET /v1/{family}/extracts``: parsed and serialised
here; the submission is :mod:`kagaz.services.submission`'s, the page
:mod:`kagaz.services.extracts`'."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.api.schemas import (
    ErrorEnvelope,
    ExtractsPage,
    MultiuploadCreate,
    UploadedFilePublic,
)
from kagaz.api.state import ServerState
from kagaz.api.wire import (
    accepted_json,
    accepted_response,
    bad_urls,
    base_url,
    json_object,
    json_opt,
    json_str,
)
from kagaz.services import extracts as extracts_service
from kagaz.services import submission
from kagaz.services.errors import BadRequest, PayloadTooLarge
from kagaz.services.extracts import MAX_PER_PAGE

__all__ = ["MAX_PER_PAGE", "router"]

MAX_PAGE = 1_000_000

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope},
    401: {"model": ErrorEnvelope},
    503: {"model": ErrorEnvelope},
}


def _request_body_schema() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/MultiuploadCreate"}}
            },
        }
    }


def parse_multiupload(raw: bytes, *, max_urls: int, max_url_length: int) -> MultiuploadCreate:
    """Validate a multiupload body: 422 if not JSON, 413 if too many URLs, 400 naming fields."""
    payload = json_object(raw, "The body must be a JSON object with product_type and file_urls")
    urls = payload.get("file_urls")
    if isinstance(urls, list) and len(urls) > max_urls:
        raise PayloadTooLarge(f"At most {max_urls} file_urls per request (got {len(urls)})")
    try:
        body = MultiuploadCreate.model_validate(payload)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from exc
    bad = bad_urls(body.file_urls, max_url_length)
    if bad:
        shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise BadRequest(
            f"Invalid parameters: {shown} (must be an absolute http or https URL of at most "
            f"{max_url_length} characters)"
        )
    return body


def _create(state: ServerState, client_id: str, family: str, body: MultiuploadCreate) -> bytes:
    """Commit the batch, then build the answer as JSON text (no dict per file)."""
    row = submission.submit_urls(
        state.parts,
        client_id=client_id,
        family=family,
        product_type=body.product_type,
        items=body.file_urls,
    )
    return accepted_json(row)


def _page_json(page: extracts_service.BatchPage) -> bytes:
    """The extracts body, built as text: each ``file_data`` is spliced in as the view gave it."""
    items = ",".join(
        f'{{"document_id":{json_str(d.document_id)},"file_uuid":{json_str(d.file_uuid)},'
        f'"status":{json_str(d.status)},"error_code":{json_opt(d.error_code)},'
        f'"error_message":{json_opt(d.error_message)},"file_data":{file_data}}}'
        for d, file_data in page.documents
    )
    return f'{{"data":[{items}],{json.dumps(page.meta)[1:]}'.encode()


def router(family: str) -> APIRouter:
    api = APIRouter(prefix=f"/v1/{family}", tags=[family])

    @api.post(
        "/multiupload",
        operation_id=f"{family}_multiupload",
        summary="Submit a batch of document URLs",
        status_code=201,
        response_model=list[UploadedFilePublic],
        responses={
            **_ERRORS,
            # An OpenAPI link: clients (and stateful fuzzers) follow batch_id to extracts.
            201: {
                "links": {
                    "extracts": {
                        "operationId": f"{family}_extracts",
                        "parameters": {"batch_id": "$response.body#/0/batch_id"},
                    }
                }
            },
            413: {"model": ErrorEnvelope},
            422: {"model": ErrorEnvelope},
        },
        openapi_extra=_request_body_schema(),
    )
    async def multiupload(
        request: Request, client_id: CurrentClient, state: StateDep
    ) -> Response:
        api_settings = state.settings.api
        raw = await request.body()
        # Validating 1,000 URLs takes tens of milliseconds: off the event loop, like the insert.
        body = await run_in_threadpool(
            parse_multiupload,
            raw,
            max_urls=api_settings.max_urls_per_request,
            max_url_length=api_settings.max_url_length,
        )
        # The answer is built only after the rows are committed (create_batch commits).
        answer = await run_in_threadpool(_create, state, client_id, family, body)
        del body, raw
        return accepted_response(answer, state)

    @api.get(
        "/extracts",
        operation_id=f"{family}_extracts",
        summary="Page through a batch's results, in upload order",
        response_model=ExtractsPage,
        responses=_ERRORS,
    )
    async def extracts(
        request: Request,
        client_id: CurrentClient,
        state: StateDep,
        batch_id: Annotated[str, Query(min_length=1, max_length=64)],
        page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based")] = 1,
        per_page: Annotated[
            int,
            Query(
                ge=1, description=f"Items per page; values over {MAX_PER_PAGE} give {MAX_PER_PAGE}"
            ),
        ] = MAX_PER_PAGE,
    ) -> Response:
        page_read = await state.read(
            extracts_service.read_page,
            state.parts,
            client_id=client_id,
            batch_id=batch_id,
            page=page,
            per_page=per_page,
            base_url=base_url(request, state),
        )
        return Response(_page_json(page_read), media_type="application/json")

    return api
