"""``POST /v1/{family}/multiupload`` and ``GET /v1/{family}/extracts``."""

from __future__ import annotations

import json
import logging
import math
import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.background import BackgroundTask

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.services.errors import BadRequest, PayloadTooLarge, Unprocessable
from kagaz.api.passwords import new_files
from kagaz.api.schemas import (
    ErrorEnvelope,
    ExtractsPage,
    MultiuploadCreate,
    UploadedFilePublic,
)
from kagaz.api.state import ServerState
from kagaz.errors import KagazError
from kagaz.fetch.fetcher import parse_url
from kagaz.observability import metrics
from kagaz.observability.logs import bind
from kagaz.storage.base import StorageError
from kagaz.database import batches, corrections
from kagaz.database.db import utcnow
from kagaz.database.models import FINAL_STATUSES

__all__ = ["MAX_PER_PAGE", "router"]

log = logging.getLogger(__name__)

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
    if not isinstance(payload, dict):
        raise BadRequest("The body must be a JSON object with product_type and file_urls")
    urls = payload.get("file_urls")
    if isinstance(urls, list) and len(urls) > max_urls:
        raise PayloadTooLarge(f"At most {max_urls} file_urls per request (got {len(urls)})")
    try:
        body = MultiuploadCreate.model_validate(payload)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from exc
    bad: list[str] = []
    for i, item in enumerate(body.file_urls):
        if not _acceptable_url(item.file_url, max_url_length):
            bad.append(f"file_urls[{i}].file_url")
    if bad:
        shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise BadRequest(
            f"Invalid parameters: {shown} (must be an absolute http or https URL of at most "
            f"{max_url_length} characters)"
        )
    return body


# Plain http(s) URLs with an ASCII host name or IPv4 address and printable ASCII after it: what
# nearly every submitted URL (a pre-signed S3 URL included) looks like. These pass without the
# full parse, which costs ~40 µs a URL (4 s for a 100,000-URL batch); anything else is parsed.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_URL = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})*\.?(?::(\d{{1,5}}))?(?:[/?#][!-~]*)?")


def _acceptable_url(url: str, max_length: int) -> bool:
    """True for an absolute http(s) URL with a host, of at most ``max_length`` characters.

    >>> _acceptable_url("https://b.s3.ap-south-1.amazonaws.com/k.pdf?X-Amz-Signature=a%2F", 8192)
    True
    >>> [_acceptable_url(u, 8192) for u in ("ftp://x/y", "https:///p", "mailto:a@b.example")]
    [False, False, False]
    """
    if len(url) > max_length:
        return False
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None and (plain.group(1) is None or int(plain.group(1)) <= 65535):
        return True
    try:
        parse_url(url)
    except (KagazError, ValueError):
        return False
    return True


def _create(state: ServerState, client_id: str, family: str, body: MultiuploadCreate) -> bytes:
    """Commit the batch, then build the answer as JSON text (no dict per file)."""
    files = new_files(body.file_urls, state.parts.passwords)  # passwords sealed here
    with state.db.session() as session:
        row = batches.create_batch(
            session,
            client_id=client_id,
            family=family,
            product_type=body.product_type,
            files=files,
            now=utcnow(),
        )
    metrics.DOCUMENTS_ACCEPTED.labels(family).inc(row.document_count)
    with bind(batch_id=row.batch_id):
        log.info("batch accepted: %d document(s)", row.document_count)
    return accepted_json(row)


def accepted_json(row: batches.BatchRow) -> bytes:
    """The answer to every submission (multiupload, upload, the Flow API's multiupload): one
    ``{batch_id, document_id, file_uuid}`` per file, as JSON text (no dict per file)."""
    head = f'{{"batch_id":{_str(row.batch_id)},"document_id":'
    return (
        "["
        + ",".join(
            f'{head}{json.dumps(doc_id, ensure_ascii=False)},"file_uuid":"{file_uuid}"}}'
            for doc_id, file_uuid in row.files
        )
        + "]"
    ).encode()


def accepted_response(answer: bytes, state: ServerState) -> Response:
    """201 with a submission's answer; the workers are woken (or the tasks sent to the broker)
    once it is on its way, after the rows were committed."""
    return Response(
        answer,
        status_code=201,
        media_type="application/json",
        background=BackgroundTask(state.wake_workers),
    )


_PENDING = '{"document_type":null}'
_FINAL = frozenset(s.value for s in FINAL_STATUSES)


def _file_data(
    state: ServerState,
    base_url: str,
    client_id: str,
    doc: batches.DocumentRow,
    corrected: dict[str, Any] | None = None,
) -> str:
    """``file_data`` as JSON text: the stored result as is, or with a fresh redact_url and the
    reviewers' corrections (``corrected``: {field path: value}) applied."""
    text = doc.result_json if doc.result_json and doc.result_json != "null" else _PENDING
    if corrected and text is not _PENDING:
        text = json.dumps(corrections.overlay(json.loads(text), corrected), ensure_ascii=False)
    if doc.artifacts_json and REDACTED_ARTIFACT in doc.artifacts_json and text is not _PENDING:
        data = json.loads(text)
        aadhaar = data.get("aadhaar_number")
        artifacts = json.loads(doc.artifacts_json)
        if isinstance(aadhaar, dict) and REDACTED_ARTIFACT in artifacts:
            url = _redact_url(state, base_url, client_id, doc, artifacts[REDACTED_ARTIFACT])
            data["aadhaar_number"] = {**aadhaar, "redact_url": url}
            text = json.dumps(data)
    return text


def _redact_url(
    state: ServerState, base_url: str, client_id: str, doc: batches.DocumentRow, key: Any
) -> str:
    """A pre-signed URL of the stored image (``KAGAZ_STORAGE__REDACT_LINKS=presigned``, signed
    locally, no request made) or kagaz's own signed link."""
    presigner = state.parts.presigner()
    if presigner is not None and isinstance(key, str):
        try:
            return presigner.presign(
                key, expires_in=state.settings.storage.presign_expiry_seconds
            )
        except StorageError:
            log.warning("cannot pre-sign a redact link; answering kagaz's own link")
    token = state.links.sign(
        file_uuid=doc.file_uuid, artifact=REDACTED_ARTIFACT, client_id=client_id
    )
    return f"{base_url}/v1/files/redacted/{token}"


def _read_page(
    state: ServerState, batch_id: str, client_id: str, offset: int, limit: int
) -> tuple[batches.BatchRow | None, list[batches.DocumentRow], dict[str, dict[str, Any]]]:
    with state.db.connect() as conn:
        batch = batches.get_batch(conn, batch_id=batch_id, client_id=client_id)
        if batch is None or offset >= batch.document_count:
            return batch, [], {}
        rows = batches.page_documents(conn, batch_id=batch_id, offset=offset, limit=limit)
        final = [d.file_uuid for d in rows if d.status in _FINAL]
        return batch, rows, corrections.latest_values(conn, final) if final else {}


def render_page(
    state: ServerState,
    base_url: str,
    client_id: str,
    rows: list[batches.DocumentRow],
    meta: dict[str, Any],
    corrected: dict[str, dict[str, Any]] | None = None,
) -> bytes:
    """The extracts body, built as text: stored results are spliced in without re-encoding
    (only a document with corrections, ``{file_uuid: {field: value}}``, is decoded)."""
    corrected = corrected or {}
    items = ",".join(
        f'{{"document_id":{_str(d.document_id)},"file_uuid":{_str(d.file_uuid)},'
        f'"status":{_str(d.status)},"error_code":{_opt(d.error_code)},'
        f'"error_message":{_opt(d.error_message)},'
        f'"file_data":{_file_data(state, base_url, client_id, d, corrected.get(d.file_uuid))}}}'
        for d in rows
    )
    return f'{{"data":[{items}],{json.dumps(meta)[1:]}'.encode()


_str = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]  # the C encoder


def _opt(value: str | None) -> str:
    return "null" if value is None else _str(value)


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
        per_page = min(per_page, MAX_PER_PAGE)
        batch, rows, corrected = await state.read(
            _read_page, state, batch_id, client_id, (page - 1) * per_page, per_page
        )
        if batch is None:  # unknown and another tenant's batch answer the same
            raise BadRequest("batch_id is invalid")
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
        base_url = state.settings.api.public_base_url or str(request.base_url).rstrip("/")
        body = render_page(state, base_url, client_id, rows, meta, corrected)
        return Response(body, media_type="application/json")

    return api
