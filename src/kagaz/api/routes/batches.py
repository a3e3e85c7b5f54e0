"""``POST /v1/{family}/multiupload`` and ``GET /v1/{family}/extracts``."""

from __future__ import annotations

import json
import math
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from kagaz.api.deps import CurrentClient, ServicesDep
from kagaz.api.errors import (
    BadRequest,
    PayloadTooLarge,
    Unprocessable,
    describe_validation_errors,
)
from kagaz.api.schemas import (
    ErrorEnvelope,
    ExtractItem,
    ExtractsPage,
    MultiuploadCreate,
    UploadedFilePublic,
)
from kagaz.api.services import Services
from kagaz.errors import KagazError
from kagaz.fetch.fetcher import parse_url
from kagaz.store import batches
from kagaz.store.db import utcnow

__all__ = ["MAX_PER_PAGE", "router"]

MAX_PER_PAGE = 50
MAX_PAGE = 1_000_000
REDACTED_ARTIFACT = "aadhaar_redacted"

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
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise Unprocessable() from exc
    if isinstance(payload, dict) and isinstance(payload.get("file_urls"), list):
        if len(payload["file_urls"]) > max_urls:
            raise PayloadTooLarge(
                f"At most {max_urls} file_urls per request (got {len(payload['file_urls'])})"
            )
    if not isinstance(payload, dict):
        raise BadRequest("The body must be a JSON object with product_type and file_urls")
    try:
        body = MultiuploadCreate.model_validate(payload)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from exc
    bad: list[str] = []
    for i, item in enumerate(body.file_urls):
        try:
            if len(item.file_url) > max_url_length:
                raise ValueError
            parse_url(item.file_url)
        except (KagazError, ValueError):
            bad.append(f"file_urls[{i}].file_url")
    if bad:
        shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise BadRequest(
            f"Invalid parameters: {shown} (must be an absolute http or https URL of at most "
            f"{max_url_length} characters)"
        )
    return body


def _create(services: Services, client_id: str, family: str, body: MultiuploadCreate) -> list[dict[str, str]]:
    files = [batches.NewFile(f.file_url, f.document_id) for f in body.file_urls]
    with services.db.session() as session:
        row = batches.create_batch(
            session, client_id=client_id, family=family, product_type=body.product_type,
            files=files, now=utcnow(),
        )
    services.wake_workers()
    return [
        {"batch_id": row.batch_id, "document_id": doc_id, "file_uuid": file_uuid}
        for doc_id, file_uuid in row.files
    ]


def _item(services: Services, request: Request, client_id: str, doc: batches.DocumentRow) -> dict[str, Any]:
    file_data: dict[str, Any] = dict(doc.result) if doc.result else {"document_type": None}
    aadhaar = file_data.get("aadhaar_number")
    if doc.artifacts and REDACTED_ARTIFACT in doc.artifacts and isinstance(aadhaar, dict):
        token = services.links.sign(
            file_uuid=doc.file_uuid, artifact=REDACTED_ARTIFACT, client_id=client_id
        )
        base = services.settings.api.public_base_url or str(request.base_url).rstrip("/")
        file_data["aadhaar_number"] = {**aadhaar, "redact_url": f"{base}/v1/files/redacted/{token}"}
    return {
        "document_id": doc.document_id,
        "file_uuid": doc.file_uuid,
        "status": doc.status,
        "error_code": doc.error_code,
        "error_message": doc.error_message,
        "file_data": file_data,
    }


def router(family: str) -> APIRouter:
    api = APIRouter(prefix=f"/v1/{family}", tags=[family])

    @api.post(
        "/multiupload",
        operation_id=f"{family}_multiupload",
        summary="Submit a batch of document URLs",
        status_code=201,
        response_model=list[UploadedFilePublic],
        responses={**_ERRORS, 413: {"model": ErrorEnvelope}, 422: {"model": ErrorEnvelope}},
        openapi_extra=_request_body_schema(),
    )
    async def multiupload(
        request: Request, client_id: CurrentClient, services: ServicesDep
    ) -> JSONResponse:
        api_settings = services.settings.api
        body = parse_multiupload(
            await request.body(),
            max_urls=api_settings.max_urls_per_request,
            max_url_length=api_settings.max_url_length,
        )
        # The answer is built only after the rows are committed (create_batch commits).
        answer = await run_in_threadpool(_create, services, client_id, family, body)
        return JSONResponse(answer, status_code=201)

    @api.get(
        "/extracts",
        operation_id=f"{family}_extracts",
        summary="Page through a batch's results, in upload order",
        response_model=ExtractsPage,
        responses=_ERRORS,
    )
    def extracts(
        request: Request,
        client_id: CurrentClient,
        services: ServicesDep,
        batch_id: Annotated[str, Query(min_length=1, max_length=64)],
        page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based")] = 1,
        per_page: Annotated[
            int, Query(ge=1, description=f"Items per page; values over {MAX_PER_PAGE} give {MAX_PER_PAGE}")
        ] = MAX_PER_PAGE,
    ) -> JSONResponse:
        per_page = min(per_page, MAX_PER_PAGE)
        with services.db.session() as session:
            batch = batches.get_batch(session, batch_id=batch_id, client_id=client_id)
            if batch is None:  # unknown and another tenant's batch answer the same
                raise BadRequest("batch_id is invalid")
            offset = (page - 1) * per_page
            rows = (
                batches.page_documents(session, batch_id=batch_id, offset=offset, limit=per_page)
                if offset < batch.document_count
                else []
            )
        total = batch.document_count
        total_pages = math.ceil(total / per_page)
        return JSONResponse(
            {
                "data": [_item(services, request, client_id, r) for r in rows],
                "page": page,
                "per_page": per_page,
                "total_pages": total_pages,
                "total_items": total,
                "has_next": page < total_pages,
                "has_prev": page > 1,
            }
        )

    return api
