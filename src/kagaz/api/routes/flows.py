"""Flow API v3: ``/v3/verification/{authtoken, flow/init, multiupload, status, extracts}`` and
the callback log and replay (``/v3/verification/callbacks``), parsed and serialised here; what
they do is :mod:`kagaz.services.flow_requests`' (and the submission's, for uploads). See
docs/flows.md.

An unknown flow and another client's flow answer the same ``409 Flow not found`` (never 403), so
a flow's existence does not leak across tenants.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kagaz.api.deps import CurrentClient, StateDep
from kagaz.api.errors import describe_validation_errors
from kagaz.api.schemas import ErrorEnvelope, FileUrlCreate, UploadedFilePublic
from kagaz.api.state import ServerState
from kagaz.api.wire import accepted_json, accepted_response, bad_urls, base_url, json_object
from kagaz.services import flow_requests, submission
from kagaz.services.auth_url_check import check_flow_auth_url
from kagaz.services.errors import BadRequest, Conflict, FlowNotFound, PayloadTooLarge

__all__ = ["FlowInitCreate", "router"]

PREFIX = "/v3/verification"
_MAX_FLOW_UUID = 64


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


def parse_upload(raw: bytes, *, max_urls: int, max_url_length: int) -> FlowUploadCreate:
    payload = json_object(raw)
    urls = payload.get("file_urls")
    if isinstance(urls, list) and len(urls) > max_urls:
        raise PayloadTooLarge(f"At most {max_urls} file_urls per request (got {len(urls)})")
    try:
        body = FlowUploadCreate.model_validate(payload)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from exc
    bad = bad_urls(body.file_urls, max_url_length)
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


def _upload(state: ServerState, client_id: str, body: FlowUploadCreate) -> bytes:
    # Before anything is stored: a 422 leaves no batch behind (docs/flows.md).
    check_flow_auth_url(state.parts, client_id=client_id, flow_uuid=body.flow_uuid)
    row = submission.submit_flow_urls(
        state.parts, client_id=client_id, flow_uuid=body.flow_uuid, items=body.file_urls
    )
    return accepted_json(row)


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
        payload = json_object(await request.body())
        flow_uuid = await run_in_threadpool(
            flow_requests.start_flow, state.parts, client_id=client_id, payload=payload
        )
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
        answer = await state.read(
            flow_requests.flow_status,
            state.parts,
            client_id=client_id,
            flow_uuid=_flow_uuid(flow_uuid),
        )
        return JSONResponse(answer)

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
        answer = await state.read(
            flow_requests.flow_extracts,
            state.parts,
            client_id=client_id,
            flow_uuid=_flow_uuid(flow_uuid),
            base_url=base_url(request, state),
        )
        return JSONResponse(answer)

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
        deliveries = await state.read(
            flow_requests.deliveries, state.parts, client_id=client_id, flow_uuid=uuid
        )
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
        payload = json_object(await request.body())
        if flow_requests.missing(payload, ("flow_uuid",)):
            raise BadRequest("Missing or empty required parameters: ['flow_uuid']")
        flow_uuid, delivery_id = payload["flow_uuid"], payload.get("delivery_id")
        if not isinstance(flow_uuid, str) or len(flow_uuid) > _MAX_FLOW_UUID:
            raise FlowNotFound()
        if delivery_id is not None and (not isinstance(delivery_id, str) or len(delivery_id) > 40):
            raise Conflict("Delivery not found")
        answer = await run_in_threadpool(
            flow_requests.replay,
            state.parts,
            client_id=client_id,
            flow_uuid=flow_uuid,
            delivery_id=delivery_id,
        )
        if state.callbacks is not None:
            state.callbacks.wake()
        return JSONResponse(answer, status_code=202)

    return api
