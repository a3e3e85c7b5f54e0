"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from kagaz.services.errors import AuthenticationError, ServiceUnavailable
from kagaz.api.services import Services
from kagaz.database import clients

__all__ = ["CurrentClient", "ServicesDep", "get_services"]

_token_header = APIKeyHeader(
    name="Token", auto_error=False, description="Access token from POST …/authtoken"
)


async def get_services(request: Request) -> Services:
    services = getattr(request.app.state, "services", None)
    if services is None:
        raise ServiceUnavailable("The server is starting")
    return services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


def _client_state(services: Services, client_id: str) -> str | None:
    with services.db.connect() as conn:
        return clients.client_state(conn, client_id=client_id)


async def current_client(
    services: ServicesDep, token: Annotated[str | None, Security(_token_header)] = None
) -> str:
    """The id of the client whose valid, unrevoked token is in the ``Token`` header; checked
    against the database on every request, so a revocation takes effect at once."""
    if not token:
        raise AuthenticationError("Missing Token header")
    claims = services.tokens.verify(token.strip())
    state = await services.read(_client_state, services, claims.client_id)
    if state is None:
        raise AuthenticationError("Invalid token")
    if state == "revoked":
        raise AuthenticationError("Token has been revoked")
    return claims.client_id


CurrentClient = Annotated[str, Depends(current_client)]
