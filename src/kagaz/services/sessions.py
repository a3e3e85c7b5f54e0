"""Refresh tokens: ``/v1/verification/authtoken`` hands one out beside the access token, and
``/refresh-token`` renews an access token without the client's secret.

The reference (chat-onboarding pages): the refresh answer is ``{access_token, expires_in}``
only, so a refresh token is not rotated: it stays usable until it expires
(``KAGAZ_API__REFRESH_TOKEN_TTL_SECONDS``) or its client is revoked. ``/refresh-token`` also
takes a still-valid *access* token (the reference: "an access token or a refresh token"); the
new token keeps the time the secret was last shown (``auth_time``), and renewal stops once that
is older than the refresh lifetime, so a leaked access token cannot be renewed for ever.

Only the SHA-256 of a refresh token is stored (:mod:`kagaz.database.refresh_tokens`); the token
is checked three ways on every use: its signature (a key of its own, so it never passes as an
access token, nor the other way round), its row (present, unrevoked, unexpired) and its client
(active).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from kagaz.database import clients, refresh_tokens
from kagaz.database.db import utcnow
from kagaz.services.access import authenticate
from kagaz.services.credentials import token_hash
from kagaz.services.errors import AuthenticationError
from kagaz.services.wiring import Parts

__all__ = ["KEEP_PER_CLIENT", "IssuedTokens", "issue_with_refresh", "renew_access_token"]

# Live refresh tokens one client may hold; the oldest are revoked beyond it (a client that
# authenticates on every call must not grow the table without bound).
KEEP_PER_CLIENT = 100


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str | None = None


def issue_with_refresh(
    parts: Parts, *, client_id: str, secret: str, gate: threading.BoundedSemaphore
) -> IssuedTokens:
    """Check the credentials, then an access token and a refresh token (its hash stored)."""
    client = authenticate(parts, client_id=client_id, secret=secret, gate=gate)
    now = time.time()
    refresh, claims = parts.refresh.issue(client, now=now)
    with parts.db.session() as session:
        refresh_tokens.add_refresh_token(
            session,
            token_hash=token_hash(refresh),
            client_id=client,
            now=utcnow(),
            expires_at=dt.datetime.fromtimestamp(claims.expires_at, dt.UTC),
            keep=KEEP_PER_CLIENT,
        )
        session.commit()
    access = parts.tokens.issue(client, now=now, auth_time=claims.issued_at)
    return IssuedTokens(access, parts.tokens.ttl_seconds, refresh)


def renew_access_token(parts: Parts, token: str) -> IssuedTokens:
    """A new access token for a valid refresh token or a valid access token; 401 otherwise."""
    claims = parts.refresh.decode(token)
    if claims is not None:
        client_id, auth_time = _stored_refresh(parts, token), claims.issued_at
    else:
        access = parts.tokens.verify(token)  # 401 when neither kind of token
        client_id, auth_time = access.client_id, access.auth_time
        if auth_time + parts.refresh.ttl_seconds <= time.time():
            raise AuthenticationError("Session has expired; authenticate again")
    with parts.db.connect() as conn:
        state = clients.client_state(conn, client_id=client_id)
    if state != "active":
        raise AuthenticationError("Token has been revoked" if state else "Invalid token")
    renewed = parts.tokens.issue(client_id, auth_time=auth_time)
    return IssuedTokens(renewed, parts.tokens.ttl_seconds)


def _stored_refresh(parts: Parts, token: str) -> str:
    """The client of a refresh token whose hash is stored, unrevoked and unexpired."""
    with parts.db.session() as session:
        row = refresh_tokens.find_refresh_token(session, token_hash=token_hash(token))
    if row is None:
        raise AuthenticationError("Invalid token")
    if row.revoked_at is not None:
        raise AuthenticationError("Token has been revoked")
    if row.expires_at <= utcnow():
        raise AuthenticationError("Token has expired")
    return row.client_id
