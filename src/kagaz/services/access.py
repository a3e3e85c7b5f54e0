"""Who may call: API clients, their credentials, their access tokens and their revocation.

A client authenticates with its ``client_id`` and ``client_secret`` (argon2id: a few at a time,
behind the caller's gate) and gets an access token; every request's token is checked against
the database, so a revocation takes effect at once. ``kagaz clients`` creates, lists and revokes
clients and shows or rotates their webhook secrets (:mod:`kagaz.cli.clients`).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from kagaz.callbacks.signing import new_secret as new_webhook_secret
from kagaz.database import callbacks as db_callbacks
from kagaz.database import clients, refresh_tokens
from kagaz.database.db import Database, utcnow
from kagaz.services.credentials import hash_secret, new_credentials, verify_secret
from kagaz.services.errors import AuthenticationError, ServiceUnavailable
from kagaz.services.wiring import Parts

__all__ = [
    "MAX_CREDENTIAL",
    "NewClient",
    "RememberedCredentials",
    "authenticate",
    "client_list",
    "create_client",
    "has_clients",
    "issue_token",
    "revoke_client",
    "token_client",
    "webhook_secret",
]

MAX_CREDENTIAL = 256  # characters of a client_id or a client_secret
_GATE_WAIT_SECONDS = 10.0
_REMEMBER_SECONDS = 300.0
_REMEMBER_SIZE = 1024


class RememberedCredentials:
    """Remembers credentials that passed argon2 for a few minutes (keyed by a hash of the pair,
    never the secret), so a client that authenticates on every call (Address Match) does not
    pay ~0.1 s of CPU each time. Revocation is still checked in the database on every request."""

    def __init__(self) -> None:
        self._seen: OrderedDict[bytes, float] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(client_id: str, secret: str) -> bytes:
        return hashlib.sha256(f"{client_id}\x00{secret}".encode()).digest()

    def fresh(self, key: bytes) -> bool:
        with self._lock:
            at = self._seen.get(key)
            return at is not None and time.monotonic() - at < _REMEMBER_SECONDS

    def add(self, key: bytes) -> None:
        with self._lock:
            self._seen[key] = time.monotonic()
            self._seen.move_to_end(key)
            while len(self._seen) > _REMEMBER_SIZE:
                self._seen.popitem(last=False)


def authenticate(
    parts: Parts,
    *,
    client_id: str,
    secret: str,
    gate: threading.BoundedSemaphore,
    remembered: RememberedCredentials | None = None,
) -> str:
    """The id of the active client these credentials belong to; 401 otherwise (unknown,
    revoked and wrong secret look alike), 503 when too many hashes are being checked."""
    if len(client_id) > MAX_CREDENTIAL or len(secret) > MAX_CREDENTIAL:
        raise AuthenticationError("Invalid client_id or client_secret")
    key = RememberedCredentials.key(client_id, secret) if remembered is not None else b""
    with parts.db.session() as session:
        client = clients.get_client(session, client_id=client_id)
    if remembered is not None and client is not None and client.revoked_at is None:
        if remembered.fresh(key):
            return client.id
    if not gate.acquire(timeout=_GATE_WAIT_SECONDS):
        raise ServiceUnavailable("Too many authentication requests; retry shortly")
    try:  # argon2 costs 64 MiB and tens of ms: a few at a time
        ok = verify_secret(client.secret_hash if client else None, secret)
    finally:
        gate.release()
    if not ok or client is None or client.revoked_at is not None:
        raise AuthenticationError("Invalid client_id or client_secret")
    if remembered is not None:
        remembered.add(key)
    return client.id


def issue_token(
    parts: Parts, *, client_id: str, secret: str, gate: threading.BoundedSemaphore
) -> tuple[str, int]:
    """An access token for the client and its lifetime in seconds."""
    client = authenticate(parts, client_id=client_id, secret=secret, gate=gate)
    return parts.tokens.issue(client), parts.tokens.ttl_seconds


def token_client(parts: Parts, token: str) -> str:
    """The id of the client whose valid, unrevoked token ``token`` is."""
    claims = parts.tokens.verify(token)
    with parts.db.connect() as conn:
        state = clients.client_state(conn, client_id=claims.client_id)
    if state is None:
        raise AuthenticationError("Invalid token")
    if state == "revoked":
        raise AuthenticationError("Token has been revoked")
    return claims.client_id


# -- kagaz clients ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewClient:
    client_id: str
    client_secret: str  # shown once: only its hash is kept
    webhook_secret: str


def create_client(db: Database, *, name: str) -> NewClient:
    """A new client with fresh credentials and a webhook signing secret."""
    client_id, secret = new_credentials()
    webhook = new_webhook_secret()
    with db.session() as session:
        now = utcnow()
        clients.create_client(
            session, client_id=client_id, name=name, secret_hash=hash_secret(secret), now=now
        )
        db_callbacks.set_secret(session, client_id=client_id, secret=webhook, now=now)
        session.commit()
    return NewClient(client_id, secret, webhook)


def webhook_secret(db: Database, *, client_id: str, rotate: bool = False) -> str | None:
    """The client's webhook signing secret (``whsec_...``), made if it has none, or a new one
    (``rotate``: the old one stops at once); None for an unknown client."""
    with db.session() as session:
        if clients.get_client(session, client_id=client_id) is None:
            return None
        if rotate:
            secret = new_webhook_secret()
            db_callbacks.set_secret(session, client_id=client_id, secret=secret, now=utcnow())
            session.commit()
            return secret
        return db_callbacks.get_or_create_secret(
            session, client_id=client_id, now=utcnow(), new=new_webhook_secret
        )


def client_list(db: Database) -> list[dict[str, Any]]:
    """Every client (never a secret), oldest first."""
    with db.session() as session:
        return [
            {
                "client_id": c.id,
                "name": c.name,
                "created_at": c.created_at.isoformat(timespec="seconds"),
                "revoked_at": c.revoked_at.isoformat(timespec="seconds") if c.revoked_at else None,
            }
            for c in clients.list_clients(session)
        ]


def has_clients(db: Database) -> bool:
    with db.session() as session:
        return bool(clients.list_clients(session))


def revoke_client(db: Database, *, client_id: str) -> bool:
    """Revoke the client (its credentials and every token it holds stop working at once; its
    refresh tokens are marked revoked too); False for an unknown client."""
    with db.session() as session:
        now = utcnow()
        found = clients.revoke_client(session, client_id=client_id, now=now)
        if found:
            refresh_tokens.revoke_client_tokens(session, client_id=client_id, now=now)
        session.commit()
    return found
