"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from kagaz.api.state import ServerState
from kagaz.services import access
from kagaz.services.errors import AuthenticationError, ServiceUnavailable

__all__ = ["CurrentClient", "StateDep", "get_state"]

_token_header = APIKeyHeader(
    name="Token", auto_error=False, description="Access token from POST …/authtoken"
)


async def get_state(request: Request) -> ServerState:
    state = getattr(request.app.state, "services", None)
    if state is None:
        raise ServiceUnavailable("The server is starting")
    return state  # type: ignore[no-any-return]


StateDep = Annotated[ServerState, Depends(get_state)]


async def current_client(
    state: StateDep, token: Annotated[str | None, Security(_token_header)] = None
) -> str:
    """The id of the client whose valid, unrevoked token is in the ``Token`` header; checked
    against the database on every request, so a revocation takes effect at once."""
    if not token:
        raise AuthenticationError("Missing Token header")
    return await state.read(access.token_client, state.parts, token.strip())


CurrentClient = Annotated[str, Depends(current_client)]
