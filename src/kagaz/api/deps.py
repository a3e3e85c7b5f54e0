"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from kagaz.api.errors import AuthenticationError, ServiceUnavailable
from kagaz.api.services import Services
from kagaz.store import clients

__all__ = ["CurrentClient", "ServicesDep", "get_services"]

_token_header = APIKeyHeader(
    name="Token", auto_error=False, description="Access token from POST …/authtoken"
)


def get_services(request: Request) -> Services:
    services = getattr(request.app.state, "services", None)
    if services is None:
        raise ServiceUnavailable("The server is starting")
    return services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


def current_client(
    services: ServicesDep, token: Annotated[str | None, Security(_token_header)] = None
) -> str:
    """The id of the client whose valid, unrevoked token is in the ``Token`` header."""
    if not token:
        raise AuthenticationError("Missing Token header")
    claims = services.tokens.verify(token.strip())
    with services.db.session() as session:
        client = clients.get_client(session, client_id=claims.client_id)
        if client is None:
            raise AuthenticationError("Invalid token")
        if client.revoked_at is not None:
            raise AuthenticationError("Token has been revoked")
    return claims.client_id


CurrentClient = Annotated[str, Depends(current_client)]
