"""``POST /v1/address/match/batch``: one source address against many targets (Atlas Address
Match). Static credentials in the ``client_id`` / ``client_secret`` headers (no token), scores
0-100 from :func:`kagaz.matching.addresses.match_addresses`, and per-target errors inline.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from kagaz.api.deps import StateDep
from kagaz.services.errors import (
    AuthenticationError,
    BadRequest,
    ServiceUnavailable,
    Unprocessable,
)
from kagaz.api.schemas import ErrorEnvelope
from kagaz.services.credentials import verify_secret
from kagaz.api.state import ServerState
from kagaz.matching.addresses import match_addresses, normalise_address
from kagaz.database import clients

__all__ = ["AddressMatchCreate", "router"]

MAX_TARGETS = 100
MAX_ADDRESS_CHARS = 1000
NORMALIZATION_FAILED = "NORMALIZATION_FAILED"
_INVALID = "source_address or target_addresses is missing or invalid"
_MAX_CREDENTIAL = 256
_GATE_WAIT_SECONDS = 10.0
_CACHE_SECONDS = 300.0
_CACHE_SIZE = 1024


class AddressTarget(BaseModel):
    address: str = Field(examples=["12 Greenview Apt, Mahatma Gandhi Rd, Bengaluru"])
    index: int | None = Field(None, description="Echoed back; default: the position")


class AddressMatchCreate(BaseModel):
    application_id: str = Field(examples=["lentra_app_001"])
    source_address: str = Field(max_length=MAX_ADDRESS_CHARS)
    target_addresses: list[AddressTarget] = Field(min_length=1, max_length=MAX_TARGETS)


class AddressMatchItem(BaseModel):
    source_address: str
    target_address: str | None
    index: int
    similarity_score: float | None = Field(description="0-100; null when matching failed")
    same_person_score: float | None = Field(description="Not computed by kagaz: always null")
    result: str | None = Field(description="Additive: MATCH, PARTIAL or MISMATCH; null on error")
    reasons: list[str] = Field(description="Additive: what the matcher found (snake_case codes)")
    error_code: str | None = Field(description="NORMALIZATION_FAILED for an unusable target")


class AddressMatchPublic(BaseModel):
    match_data: list[AddressMatchItem]


class _Verified:
    """Remembers credentials that passed argon2 for a few minutes (keyed by a hash of the pair,
    never the secret), so a client calling per address does not pay ~0.1 s of CPU each time.
    Revocation is still checked in the database on every request."""

    def __init__(self) -> None:
        self._seen: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(client_id: str, secret: str) -> bytes:
        return hashlib.sha256(f"{client_id}\x00{secret}".encode()).digest()

    def fresh(self, key: bytes) -> bool:
        with self._lock:
            at = self._seen.get(key)
            return at is not None and time.monotonic() - at < _CACHE_SECONDS

    def add(self, key: bytes) -> None:
        with self._lock:
            self._seen[key] = time.monotonic()
            self._seen.move_to_end(key)
            while len(self._seen) > _CACHE_SIZE:
                self._seen.popitem(last=False)


def _authenticate(state: ServerState, verified: _Verified, request: Request) -> str:
    h = request.headers
    client_id = h.get("client_id") or h.get("client-id")
    secret = h.get("client_secret") or h.get("client-secret")
    if not client_id or not secret:
        raise AuthenticationError("Missing client_id or client_secret")
    if len(client_id) > _MAX_CREDENTIAL or len(secret) > _MAX_CREDENTIAL:
        raise AuthenticationError("Invalid client_id or client_secret")
    key = _Verified.key(client_id, secret)
    with state.db.session() as session:
        client = clients.get_client(session, client_id=client_id)
    if client is not None and client.revoked_at is None and verified.fresh(key):
        return client.id
    if not state.auth_gate.acquire(timeout=_GATE_WAIT_SECONDS):
        raise ServiceUnavailable("Too many authentication requests; retry shortly")
    try:
        ok = verify_secret(client.secret_hash if client else None, secret)
    finally:
        state.auth_gate.release()
    if not ok or client is None or client.revoked_at is not None:
        raise AuthenticationError("Invalid client_id or client_secret")
    verified.add(key)
    return client.id


def _targets(raw: Any) -> list[tuple[int, Any]]:
    """(index, address) per target; plain strings are accepted too (index = position)."""
    if not isinstance(raw, list) or not raw:
        raise BadRequest(_INVALID)
    if len(raw) > MAX_TARGETS:
        raise BadRequest(f"At most {MAX_TARGETS} target_addresses per request")
    out = []
    for position, item in enumerate(raw):
        if isinstance(item, str):
            out.append((position, item))
            continue
        if not isinstance(item, dict) or "address" not in item:
            raise BadRequest(_INVALID)
        index = item.get("index", position)
        if isinstance(index, bool) or not isinstance(index, int):
            raise BadRequest("Invalid parameters: target_addresses[].index (must be an integer)")
        out.append((index, item["address"]))
    return out


def match_batch(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise BadRequest(_INVALID)
    application_id = payload.get("application_id")
    if application_id is None or (isinstance(application_id, str) and not application_id.strip()):
        raise BadRequest("Missing or empty required parameters: ['application_id']")
    source = payload.get("source_address")
    if not isinstance(source, str) or not source.strip():
        raise BadRequest(_INVALID)
    if len(source) > MAX_ADDRESS_CHARS:
        raise BadRequest(f"source_address is longer than {MAX_ADDRESS_CHARS} characters")
    targets = _targets(payload.get("target_addresses"))
    if not normalise_address(source).tokens:
        raise Unprocessable("source_address could not be normalized")
    items = []
    for index, target in targets:
        item: dict[str, Any] = {
            "source_address": source,
            "target_address": target if isinstance(target, str) else None,
            "index": index,
            "similarity_score": None,
            "same_person_score": None,
            "result": None,
            "reasons": [],
            "error_code": None,
        }
        usable = (
            isinstance(target, str)
            and target.strip()
            and len(target) <= MAX_ADDRESS_CHARS
            and normalise_address(target).tokens
        )
        if not usable:
            item["error_code"] = NORMALIZATION_FAILED
        else:
            m = match_addresses(source, target)
            item.update(similarity_score=m.score, result=m.result, reasons=list(m.reasons))
        items.append(item)
    return {"match_data": items}


def router() -> APIRouter:
    api = APIRouter(prefix="/v1/address", tags=["address"])
    verified = _Verified()

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
        await run_in_threadpool(_authenticate, state, verified, request)
        raw = await request.body()
        try:
            payload = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise Unprocessable() from exc
        return JSONResponse(await run_in_threadpool(match_batch, payload))

    return api
