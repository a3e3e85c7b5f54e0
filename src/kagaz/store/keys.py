"""Secrets that every server process must share, generated once and kept in the database."""

from __future__ import annotations

import base64
import datetime as dt
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.store.models import SigningKey

__all__ = ["get_or_create_key"]


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
