"""``POST /v1/{family}/authtoken``: client credentials in, access token out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from kagaz.api.deps import StateDep
from kagaz.services.errors import AuthenticationError, BadRequest, ServiceUnavailable
from kagaz.api.schemas import ErrorEnvelope, TokenPublic
from kagaz.services.credentials import verify_secret
from kagaz.database import clients

__all__ = ["router"]

_GATE_WAIT_SECONDS = 10.0
_MAX_CREDENTIAL = 256


def router(family: str, *, status_code: int, prefix: str | None = None) -> APIRouter:
    """``POST {prefix}/authtoken`` (prefix ``/v1/{family}`` unless given, e.g. the Flow API's
    ``/v3/verification``); every family issues the same tokens."""
    api = APIRouter(prefix=prefix or f"/v1/{family}", tags=[family])

    @api.post(
        "/authtoken",
        operation_id=f"{family}_authtoken",
        summary="Exchange Client-Id and Client-Secret for an access token",
        status_code=status_code,
        response_model=TokenPublic,
        responses={400: {"model": ErrorEnvelope}, 401: {"model": ErrorEnvelope}},
    )
    def authtoken(
        state: StateDep,
        client_id: Annotated[str | None, Header(alias="Client-Id")] = None,
        client_secret: Annotated[str | None, Header(alias="Client-Secret")] = None,
    ) -> JSONResponse:
        if not client_id or not client_secret:
            raise BadRequest("Missing Client-Id or Client-Secret")
        if len(client_id) > _MAX_CREDENTIAL or len(client_secret) > _MAX_CREDENTIAL:
            raise AuthenticationError("Invalid client_id or client_secret")
        with state.db.session() as session:
            client = clients.get_client(session, client_id=client_id)
        if not state.auth_gate.acquire(timeout=_GATE_WAIT_SECONDS):
            raise ServiceUnavailable("Too many authentication requests; retry shortly")
        try:  # argon2 costs 64 MiB and tens of ms: a few at a time
            ok = verify_secret(client.secret_hash if client else None, client_secret)
        finally:
            state.auth_gate.release()
        if not ok or client is None or client.revoked_at is not None:
            raise AuthenticationError("Invalid client_id or client_secret")
        body = TokenPublic(
            access_token=state.tokens.issue(client.id),
            expires_in=state.tokens.ttl_seconds,
        )
        return JSONResponse(body.model_dump(), status_code=status_code)

    return api
