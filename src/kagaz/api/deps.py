"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from kagaz.api.state import ServerState
from kagaz.services.errors import AuthenticationError, ServiceUnavailable
from kagaz.database import clients

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


def _client_state(state: ServerState, client_id: str) -> str | None:
    with state.db.connect() as conn:
        return clients.client_state(conn, client_id=client_id)


async def current_client(
    state: StateDep, token: Annotated[str | None, Security(_token_header)] = None
) -> str:
    """The id of the client whose valid, unrevoked token is in the ``Token`` header; checked
    against the database on every request, so a revocation takes effect at once."""
    if not token:
        raise AuthenticationError("Missing Token header")
    claims = state.tokens.verify(token.strip())
    found = await state.read(_client_state, state, claims.client_id)
    if found is None:
        raise AuthenticationError("Invalid token")
    if found == "revoked":
        raise AuthenticationError("Token has been revoked")
    return claims.client_id


CurrentClient = Annotated[str, Depends(current_client)]
