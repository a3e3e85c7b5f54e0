"""Secrets that every server process must share, generated once and kept in the database, and
the keys derived from the master secret (tokens, signed links, sealed document passwords)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.db import Database, utcnow
from kagaz.database.models import SigningKey

__all__ = ["derive_key", "get_or_create_key", "master_key"]


def get_or_create_key(session: Session, *, name: str, now: dt.datetime, size: int = 32) -> bytes:
    """The secret called ``name``; created (and committed) on first use, race-safe."""
    row = session.get(SigningKey, name)
    if row is not None:
        return base64.b64decode(row.secret)
    secret = secrets.token_bytes(size)
    try:
        session.add(SigningKey(name=name, secret=base64.b64encode(secret).decode(), created_at=now))
        session.commit()
        return secret
    except sa.exc.IntegrityError:
        session.rollback()  # another process created it first: use theirs
        row = session.get(SigningKey, name)
        assert row is not None
        return base64.b64decode(row.secret)


def master_key(db: Database, configured: str | None) -> bytes:
    """The configured master secret (``KAGAZ_API__SIGNING_KEY``), or the one generated once and
    kept in the database: API servers and ``kagaz worker`` processes all resolve the same one."""
    if configured is not None:
        return configured.encode()
    with db.session() as session:
        return get_or_create_key(session, name="master", now=utcnow())


def derive_key(master: bytes, label: str) -> bytes:
    """A key for one purpose (HMAC-SHA256 of a distinct label): a token can never pass as a
    link, nor a link key open a sealed password."""
    return hmac.new(master, f"kagaz/{label}".encode(), hashlib.sha256).digest()
