"""``POST /v1/{family}/authtoken``: client credentials in, access token out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse

from kagaz.api.deps import StateDep
from kagaz.api.schemas import ErrorEnvelope, TokenPublic
from kagaz.services import access
from kagaz.services.errors import BadRequest

__all__ = ["router"]


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
        token, ttl = access.issue_token(
            state.parts, client_id=client_id, secret=client_secret, gate=state.auth_gate
        )
        body = TokenPublic(access_token=token, expires_in=ttl)
        return JSONResponse(body.model_dump(), status_code=status_code)

    return api
