"""``POST /v1/{family}/authtoken``: client credentials in, access token out; the
chat-onboarding family's ``/v1/verification/authtoken`` adds a refresh token, and
``/refresh-token`` renews an access token with it (:mod:`kagaz.services.sessions`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from kagaz.api.deps import StateDep
from kagaz.api.schemas import ErrorEnvelope, TokenPublic, TokenWithRefreshPublic
from kagaz.services import access, sessions
from kagaz.services.errors import BadRequest

__all__ = ["REFRESH_PATHS", "refresh_router", "router"]

# The reference names the refresh endpoint twice: on its own page (chat onboarding,
# /v1/verification/refresh-token) and as "POST /refresh-token" on the v3 token page, which may
# be read from the host's root or from the v3 prefix: all three renew the same tokens.
REFRESH_PATHS = (
    "/v1/verification/refresh-token",
    "/refresh-token",
    "/v3/verification/refresh-token",
)
_ERRORS = {400: {"model": ErrorEnvelope}, 401: {"model": ErrorEnvelope}}


def router(
    family: str, *, status_code: int, prefix: str | None = None, with_refresh: bool = False
) -> APIRouter:
    """``POST {prefix}/authtoken`` (prefix ``/v1/{family}`` unless given, e.g. the Flow API's
    ``/v3/verification``); every family issues the same tokens, ``with_refresh`` adds a
    ``refresh_token`` to the answer."""
    api = APIRouter(prefix=prefix or f"/v1/{family}", tags=[family])

    @api.post(
        "/authtoken",
        operation_id=f"{family}_authtoken",
        summary="Exchange Client-Id and Client-Secret for an access token",
        status_code=status_code,
        response_model=TokenWithRefreshPublic if with_refresh else TokenPublic,
        responses=_ERRORS,
    )
    def authtoken(
        state: StateDep,
        client_id: Annotated[str | None, Header(alias="Client-Id")] = None,
        client_secret: Annotated[str | None, Header(alias="Client-Secret")] = None,
    ) -> JSONResponse:
        if not client_id or not client_secret:
            raise BadRequest("Missing Client-Id or Client-Secret")
        if with_refresh:
            issued = sessions.issue_with_refresh(
                state.parts, client_id=client_id, secret=client_secret, gate=state.auth_gate
            )
            body: TokenPublic = TokenWithRefreshPublic(
                access_token=issued.access_token,
                expires_in=issued.expires_in,
                refresh_token=issued.refresh_token or "",
            )
        else:
            token, ttl = access.issue_token(
                state.parts, client_id=client_id, secret=client_secret, gate=state.auth_gate
            )
            body = TokenPublic(access_token=token, expires_in=ttl)
        return JSONResponse(body.model_dump(), status_code=status_code)

    return api


def refresh_router(*, status_code: int) -> APIRouter:
    """``POST /refresh-token`` (each of :data:`REFRESH_PATHS`): the ``Token`` header holds a
    refresh token or a still-valid access token; answers a new access token."""
    api = APIRouter(tags=["verification"])

    async def refresh_token(
        state: StateDep, token: Annotated[str | None, Header(alias="Token")] = None
    ) -> JSONResponse:
        if not token or not token.strip():
            raise BadRequest("Missing Token header")
        issued = await run_in_threadpool(sessions.renew_access_token, state.parts, token.strip())
        body = TokenPublic(access_token=issued.access_token, expires_in=issued.expires_in)
        return JSONResponse(body.model_dump(), status_code=status_code)

    for path in REFRESH_PATHS:
        api.add_api_route(
            path,
            refresh_token,
            methods=["POST"],
            operation_id="refresh_token" + path.split("/refresh-token")[0].replace("/", "_"),
            summary="Renew an access token with a refresh token (or a valid access token)",
            status_code=status_code,
            response_model=TokenPublic,
            responses=_ERRORS,
        )
    return api
