"""Store functions for API clients (tenants). Keyword-only; the caller commits."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.store.models import Client

__all__ = ["create_client", "get_client", "list_clients", "revoke_client"]


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
