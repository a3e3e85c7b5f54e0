"""Store functions for API clients (tenants). Keyword-only; the caller commits."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.db import FastQuery
from kagaz.database.models import Client

__all__ = ["client_state", "create_client", "get_client", "list_clients", "revoke_client"]

_STATE = FastQuery(
    sa.select(Client.id, Client.revoked_at).where(Client.id == sa.bindparam("client_id"))
)


def create_client(
    session: Session, *, client_id: str, name: str, secret_hash: str, now: dt.datetime
) -> Client:
    client = Client(id=client_id, name=name, secret_hash=secret_hash, created_at=now)
    session.add(client)
    session.flush()
    return client


def get_client(session: Session, *, client_id: str) -> Client | None:
    return session.get(Client, client_id)


def list_clients(session: Session) -> list[Client]:
    return list(session.scalars(sa.select(Client).order_by(Client.created_at, Client.id)))


def revoke_client(session: Session, *, client_id: str, now: dt.datetime) -> bool:
    """Mark a client revoked; False if no such client. Revoking twice keeps the first time."""
    client = session.get(Client, client_id)
    if client is None:
        return False
    if client.revoked_at is None:
        client.revoked_at = now
        session.flush()
    return True


def client_state(conn: sa.Connection | Session, *, client_id: str) -> str | None:
    """``"active"``, ``"revoked"`` or None (unknown): the per-request check, one indexed read."""
    connection = conn.connection() if isinstance(conn, Session) else conn
    rows = _STATE.all(connection, {"client_id": client_id})
    if not rows:
        return None
    return "active" if rows[0][1] is None else "revoked"
