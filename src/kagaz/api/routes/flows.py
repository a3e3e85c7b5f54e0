"""Flow API v3: ``/v3/verification/{authtoken, flow/init, multiupload, status, extracts}`` and
the callback log and replay (``/v3/verification/callbacks``). See docs/flows.md.

An unknown flow and another client's flow answer the same ``409 Flow not found`` (never 403), so
a flow's existence does not leak across tenants.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.services.errors import (
    BadRequest,
    Conflict,
    FlowNotFound,
    PayloadTooLarge,
    Unprocessable,
)
from kagaz.api.passwords import new_files
from kagaz.api.routes.batches import (
    REDACTED_ARTIFACT,
    _acceptable_url,
    _redact_url,
    accepted_json,
    accepted_response,
)
from kagaz.api.schemas import ErrorEnvelope, FileUrlCreate, UploadedFilePublic
from kagaz.api.state import ServerState
from kagaz.callbacks.auth import validate_auth_config
from kagaz.callbacks.payload import ocr_item
from kagaz.errors import FetchError, FetchRefused
from kagaz.fetch.guard import AddressPolicy, check_url, parse_url
from kagaz.observability import metrics
from kagaz.observability.logs import bind
from kagaz.database import callbacks as db_callbacks
from kagaz.database import flows
from kagaz.database.db import utcnow
from kagaz.database.models import Family

__all__ = ["FlowInitCreate", "router"]

log = logging.getLogger(__name__)

PREFIX = "/v3/verification"
MAX_FLOW_PARAMS_BYTES = 16 * 1024
_REQUIRED = ("product_type", "application_id", "auth_url", "callback_url")
_LIMITS = {"product_type": 128, "application_id": 256}
_MAX_FLOW_UUID = 64
_REPLAY_TRIES = 5
# Characters of IPv4/IPv6 literals in any spelling a resolver accepts (0x7f.1, 2130706433, ::1).
_LITERAL_CHARS = frozenset("0123456789abcdefx.:")


class FlowInitCreate(BaseModel):
    """Body of ``POST /v3/verification/flow/init`` (documentation; parsed by hand)."""

    product_type: str = Field(max_length=128, examples=["POC_CDL"])
    application_id: str = Field(max_length=256, examples=["LOS-2291"])
    auth_url: str = Field(description="kagaz calls it for a token before each callback")
    callback_url: str = Field(description="kagaz POSTs the signed CallbackData here")
    flow_params: dict[str, Any] = Field(
        default_factory=dict, description="Passed through to the callback (at most 16 KiB)"
    )
    auth_config: dict[str, str] | None = Field(
        None,
        description="Additive: how to call auth_url: method (GET/POST), token_field (dotted "
        "path), header, prefix; default from KAGAZ_CALLBACKS__AUTH_*",
    )


class FlowPublic(BaseModel):
    flow_uuid: str


class FlowUploadCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    flow_uuid: str = Field(min_length=1)
    file_urls: list[FileUrlCreate] = Field(min_length=1)


class FlowStatusPublic(BaseModel):
    upload_status: str = Field(examples=["SUCCESS"])
    processing_status: str = Field(examples=["SUCCESS"])
    crossheck_status: str = Field(examples=["COMPLETED"], description="Atlas's own spelling")
    master_status: str = Field(examples=["SUCCESS"])


class FlowExtractsPublic(BaseModel):
    flow_uuid: str
    master_status: str
    ocr_data: list[dict[str, Any]]
    cross_checks: list[dict[str, Any]]


class ReplayCreate(BaseModel):
    flow_uuid: str
    delivery_id: str | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope},
    401: {"model": ErrorEnvelope},
    409: {"model": ErrorEnvelope},
    503: {"model": ErrorEnvelope},
}


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise Unprocessable() from exc
    if not isinstance(payload, dict):
        raise BadRequest("The body must be a JSON object")
    return payload


def _missing(payload: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    out = []
    for name in names:
        value = payload.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(name)
    return out


def _check_callback_url(name: str, value: str, state: ServerState) -> str | None:
    """Why ``value`` cannot be a callback or auth URL, or None. The syntax is checked here;
    an address is refused here only when the URL spells it (no DNS lookup at init: a host
    name is resolved and checked by the guard on every delivery instead)."""
    policy = AddressPolicy.from_setting(state.settings.fetch_allow_private)

    def no_dns(host: str, port: int) -> list[str]:
        raise OSError("not resolved at flow/init")

    max_length = state.settings.api.max_url_length
    try:
        host = parse_url(value, max_length=max_length).host
        if _LITERAL_CHARS.issuperset(host.lower()):  # may spell an address: check it now
            check_url(value, policy, no_dns, max_length=max_length)
    except FetchRefused as exc:
        return f"{name} ({exc.message})"
    except FetchError:
        return None  # a host name after all: decided at delivery
    return None


def parse_flow_init(raw: bytes, state: ServerState) -> dict[str, Any]:
    payload = _json_object(raw)
    if isinstance(payload.get("application_id"), int | float) and not isinstance(
        payload.get("application_id"), bool
    ):
        payload["application_id"] = str(payload["application_id"])
    missing = _missing(payload, _REQUIRED)
    if missing:
        raise BadRequest(f"Missing or empty required parameters: {missing}")
    invalid: list[str] = []
    for name in _REQUIRED:
        value = payload[name]
        if not isinstance(value, str) or not value.isprintable():
            invalid.append(f"{name} (must be a string without control characters)")
        elif name in _LIMITS and len(value) > _LIMITS[name]:
            invalid.append(f"{name} (at most {_LIMITS[name]} characters)")
    if not invalid:
        for name in ("auth_url", "callback_url"):
            reason = _check_callback_url(name, payload[name], state)
            if reason:
                invalid.append(reason)
    flow_params = payload.get("flow_params")
    if flow_params is None:
        flow_params = {}
    if not isinstance(flow_params, dict):
        invalid.append("flow_params (must be a JSON object)")
    elif len(json.dumps(flow_params)) > MAX_FLOW_PARAMS_BYTES:
        invalid.append(f"flow_params (at most {MAX_FLOW_PARAMS_BYTES} bytes of JSON)")
    try:
        auth = validate_auth_config(payload.get("auth_config"))
    except ValueError as exc:
        invalid.append(str(exc))
        auth = None
    if invalid:
        raise BadRequest("Invalid parameters: " + ", ".join(invalid))
    return {
        "product_type": payload["product_type"].strip(),
        "application_id": payload["application_id"],
        "auth_url": payload["auth_url"],
        "callback_url": payload["callback_url"],
        "flow_params": flow_params,
        "auth_config": auth or None,
    }


def parse_upload(raw: bytes, *, max_urls: int, max_url_length: int) -> FlowUploadCreate:
    payload = _json_object(raw)
    urls = payload.get("file_urls")
    if isinstance(urls, list) and len(urls) > max_urls:
        raise PayloadTooLarge(f"At most {max_urls} file_urls per request (got {len(urls)})")
    try:
        body = FlowUploadCreate.model_validate(payload)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from exc
    bad = [
        f"file_urls[{i}].file_url"
        for i, item in enumerate(body.file_urls)
        if not _acceptable_url(item.file_url, max_url_length)
    ]
    if bad:
        raise BadRequest(
            f"Invalid parameters: {', '.join(bad[:10])} (must be an absolute http or https URL "
            f"of at most {max_url_length} characters)"
        )
    return body


def _flow_uuid(value: str | None) -> str:
    if value is None or not value.strip():
        raise BadRequest("Missing required ['flow_uuid'] parameters")
    if len(value) > _MAX_FLOW_UUID:
        raise FlowNotFound()
    return value.strip()


def _read_flow(
    state: ServerState, client_id: str, flow_uuid: str
) -> tuple[flows.FlowRow, list[flows.FlowDocumentRow]]:
    with state.db.connect() as conn:
        flow = flows.get_flow(conn, flow_uuid=flow_uuid, client_id=client_id)
        if flow is None:
            raise FlowNotFound()
        return flow, flows.flow_documents(conn, flow_uuid=flow_uuid)


def _create_flow(state: ServerState, client_id: str, fields: dict[str, Any]) -> str:
    with state.db.session() as session:
        return flows.create_flow(session, client_id=client_id, now=utcnow(), **fields)


def _upload(state: ServerState, client_id: str, body: FlowUploadCreate) -> bytes:
    files = new_files(body.file_urls, state.parts.passwords)  # passwords sealed here
    with state.db.session() as session:
        row = flows.add_upload(
            session, flow_uuid=body.flow_uuid, client_id=client_id, files=files, now=utcnow()
        )
    if row is None:
        raise FlowNotFound()
    metrics.DOCUMENTS_ACCEPTED.labels(Family.FLOW.value).inc(row.document_count)
    with bind(batch_id=row.batch_id, flow_uuid=body.flow_uuid):
        log.info("flow upload accepted: %d document(s)", row.document_count)
    return accepted_json(row)


def _with_redact_urls(
    state: ServerState, base_url: str, client_id: str, doc: flows.FlowDocumentRow
) -> dict[str, Any]:
    item = ocr_item(doc)
    key = (doc.artifacts or {}).get(REDACTED_ARTIFACT)
    aadhaar = item.get("aadhaar_number")
    if key and isinstance(aadhaar, dict):
        item["aadhaar_number"] = {
            **aadhaar,
            "redact_url": _redact_url(state, base_url, client_id, doc, key),  # type: ignore[arg-type]
        }
    return item


def _replay(
    state: ServerState, client_id: str, flow_uuid: str, delivery_id: str | None
) -> dict[str, Any]:
    now = utcnow()
    for _ in range(_REPLAY_TRIES):
        with state.db.session() as session:
            if flows.get_flow(session, flow_uuid=flow_uuid, client_id=client_id) is None:
                raise FlowNotFound()
            found = db_callbacks.get_delivery_payload(
                session, flow_uuid=flow_uuid, delivery_id=delivery_id
            )
            if found is None:
                if delivery_id is not None:
                    raise Conflict("Delivery not found")
                raise Conflict("The flow has not completed yet: there is nothing to replay")
            completion, payload = found
            replay = db_callbacks.next_replay(
                session, flow_uuid=flow_uuid, completion=completion
            )
            try:
                new_id = db_callbacks.insert_delivery(
                    session,
                    flow_uuid=flow_uuid,
                    completion=completion,
                    replay=replay,
                    payload=payload,
                    now=now,
                    give_up_at=now
                    + dt.timedelta(seconds=state.settings.callbacks.retry_for_seconds),
                )
                session.commit()
            except sa.exc.IntegrityError:  # a concurrent replay took this number
                session.rollback()
                continue
        return {
            "delivery_id": new_id,
            "flow_uuid": flow_uuid,
            "completion": completion,
            "replay": replay,
            "status": db_callbacks.PENDING,
        }
    raise Conflict("Too many concurrent replays; try again")


def router() -> APIRouter:
    api = APIRouter(prefix=PREFIX, tags=["flow"])

    @api.post(
        "/flow/init",
        operation_id="flow_init",
        summary="Start a flow (one loan application)",
        status_code=201,
        response_model=FlowPublic,
        responses={**_ERRORS, 422: {"model": ErrorEnvelope}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/FlowInitCreate"}
                    }
                },
            }
        },
    )
    async def flow_init(
        request: Request, client_id: CurrentClient, state: StateDep
    ) -> JSONResponse:
        fields = parse_flow_init(await request.body(), state)
        flow_uuid = await run_in_threadpool(_create_flow, state, client_id, fields)
        with bind(flow_uuid=flow_uuid):
            log.info("flow created")
        return JSONResponse({"flow_uuid": flow_uuid}, status_code=201)

    @api.post(
        "/multiupload",
        operation_id="flow_multiupload",
        summary="Add documents to a flow (any number of uploads per flow)",
        status_code=201,
        response_model=list[UploadedFilePublic],
        responses={**_ERRORS, 413: {"model": ErrorEnvelope}, 422: {"model": ErrorEnvelope}},
    )
    async def multiupload(
        request: Request, client_id: CurrentClient, state: StateDep
    ) -> Response:
        s = state.settings.api
        body = parse_upload(
            await request.body(), max_urls=s.max_urls_per_request, max_url_length=s.max_url_length
        )
        answer = await run_in_threadpool(_upload, state, client_id, body)
        return accepted_response(answer, state)

    @api.get(
        "/status",
        operation_id="flow_status",
        summary="The flow's upload, processing, cross-check and overall status",
        response_model=FlowStatusPublic,
        responses=_ERRORS,
    )
    async def status(
        client_id: CurrentClient,
        state: StateDep,
        flow_uuid: Annotated[str | None, Query()] = None,
    ) -> JSONResponse:
        flow, docs = await state.read(_read_flow, state, client_id, _flow_uuid(flow_uuid))
        return JSONResponse(flows.flow_status(flow, docs))

    @api.get(
        "/extracts",
        operation_id="flow_extracts",
        summary="Every document's fields and the flow's cross-checks (CallbackData)",
        response_model=FlowExtractsPublic,
        responses=_ERRORS,
    )
    async def extracts(
        request: Request,
        client_id: CurrentClient,
        state: StateDep,
        flow_uuid: Annotated[str | None, Query()] = None,
    ) -> JSONResponse:
        flow, docs = await state.read(_read_flow, state, client_id, _flow_uuid(flow_uuid))
        base_url = state.settings.api.public_base_url or str(request.base_url).rstrip("/")
        completed = flow.completed_at is not None
        return JSONResponse(
            {
                "flow_uuid": flow.flow_uuid,
                "master_status": flows.flow_status(flow, docs)["master_status"],
                "ocr_data": [_with_redact_urls(state, base_url, client_id, d) for d in docs],
                "cross_checks": (flow.cross_checks or []) if completed else [],
            }
        )

    @api.get(
        "/callbacks",
        operation_id="flow_callbacks",
        summary="The flow's callback delivery log (every attempt)",
        responses=_ERRORS,
    )
    async def callbacks(
        client_id: CurrentClient,
        state: StateDep,
        flow_uuid: Annotated[str | None, Query()] = None,
    ) -> JSONResponse:
        uuid = _flow_uuid(flow_uuid)

        def read() -> list[dict[str, Any]]:
            with state.db.connect() as conn:
                if flows.get_flow(conn, flow_uuid=uuid, client_id=client_id) is None:
                    raise FlowNotFound()
                return db_callbacks.list_deliveries(conn, flow_uuid=uuid)

        deliveries = await state.read(read)
        return JSONResponse({"flow_uuid": uuid, "deliveries": deliveries})

    @api.post(
        "/callbacks/replay",
        operation_id="flow_callbacks_replay",
        summary="Send a completed flow's callback again (a new delivery, new webhook-id)",
        status_code=202,
        responses={**_ERRORS, 422: {"model": ErrorEnvelope}},
    )
    async def replay(
        request: Request, client_id: CurrentClient, state: StateDep
    ) -> JSONResponse:
        payload = _json_object(await request.body())
        if _missing(payload, ("flow_uuid",)):
            raise BadRequest("Missing or empty required parameters: ['flow_uuid']")
        flow_uuid, delivery_id = payload["flow_uuid"], payload.get("delivery_id")
        if not isinstance(flow_uuid, str) or len(flow_uuid) > _MAX_FLOW_UUID:
            raise FlowNotFound()
        if delivery_id is not None and (not isinstance(delivery_id, str) or len(delivery_id) > 40):
            raise Conflict("Delivery not found")
        answer = await run_in_threadpool(_replay, state, client_id, flow_uuid, delivery_id)
        if state.callbacks is not None:
            state.callbacks.wake()
        return JSONResponse(answer, status_code=202)

    return api
