"""``POST /v1/address/match/batch``: one source address against many targets (Atlas Address
Match). Static credentials in the ``client_id`` / ``client_secret`` headers (no token), scores
0-100 and per-target errors inline (:mod:`kagaz.services.address_match`).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from kagaz.api.deps import StateDep
from kagaz.api.schemas import ErrorEnvelope
from kagaz.api.state import ServerState
from kagaz.services import access
from kagaz.services.address_match import (
    MAX_ADDRESS_CHARS,
    MAX_NAME_CHARS,
    MAX_TARGETS,
    match_batch,
)
from kagaz.services.errors import AuthenticationError, Unprocessable

__all__ = ["AddressMatchCreate", "router"]


class AddressTarget(BaseModel):
    address: str = Field(examples=["12 Greenview Apt, Mahatma Gandhi Rd, Bengaluru"])
    index: int | None = Field(None, description="Echoed back; default: the position")
    name: str | None = Field(
        None,
        max_length=MAX_NAME_CHARS,
        description="Additive: whose address this is; with source_name it enters "
        "same_person_score",
    )


class AddressMatchCreate(BaseModel):
    application_id: str = Field(examples=["lentra_app_001"])
    source_address: str = Field(max_length=MAX_ADDRESS_CHARS)
    source_name: str | None = Field(
        None,
        max_length=MAX_NAME_CHARS,
        description="Additive: whose the source address is (e.g. the Aadhaar's name)",
    )
    target_addresses: list[AddressTarget] = Field(min_length=1, max_length=MAX_TARGETS)


class AddressMatchItem(BaseModel):
    source_address: str
    target_address: str | None
    index: int
    similarity_score: float | None = Field(description="0-100; null when matching failed")
    same_person_score: int | None = Field(
        description="0-10: the address score over ten, or with both names the geometric mean "
        "of the name and address scores over ten; null when matching failed"
    )
    result: str | None = Field(description="Additive: MATCH, PARTIAL or MISMATCH; null on error")
    reasons: list[str] = Field(description="Additive: what the matcher found (snake_case codes)")
    error_code: str | None = Field(description="NORMALIZATION_FAILED for an unusable target")


class AddressMatchPublic(BaseModel):
    match_data: list[AddressMatchItem]


def _authenticate(
    state: ServerState, remembered: access.RememberedCredentials, request: Request
) -> str:
    h = request.headers
    client_id = h.get("client_id") or h.get("client-id")
    secret = h.get("client_secret") or h.get("client-secret")
    if not client_id or not secret:
        raise AuthenticationError("Missing client_id or client_secret")
    return access.authenticate(
        state.parts, client_id=client_id, secret=secret, gate=state.auth_gate, remembered=remembered
    )


def router() -> APIRouter:
    api = APIRouter(prefix="/v1/address", tags=["address"])
    remembered = access.RememberedCredentials()

    @api.post(
        "/match/batch",
        operation_id="address_match_batch",
        summary="Score target addresses against a source address (0-100 each)",
        response_model=AddressMatchPublic,
        responses={
            400: {"model": ErrorEnvelope},
            401: {"model": ErrorEnvelope},
            422: {"model": ErrorEnvelope},
            503: {"model": ErrorEnvelope},
        },
        openapi_extra={
            "parameters": [
                {
                    "name": "client_id",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
                {
                    "name": "client_secret",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/AddressMatchCreate"}
                    }
                },
            },
        },
    )
    async def match(request: Request, state: StateDep) -> JSONResponse:
        await run_in_threadpool(_authenticate, state, remembered, request)
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise Unprocessable() from exc
        return JSONResponse(await run_in_threadpool(match_batch, payload))

    return api
