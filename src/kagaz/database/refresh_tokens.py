"""Store functions for refresh tokens, each kept as the SHA-256 of the token (never the token).
Keyword-only; the caller commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.models import RefreshToken

__all__ = ["StoredRefresh", "add_refresh_token", "find_refresh_token", "revoke_client_tokens"]


@dataclass(frozen=True, slots=True)
class StoredRefresh:
    client_id: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


def add_refresh_token(
    session: Session,
    *,
    token_hash: str,
    client_id: str,
    now: dt.datetime,
    expires_at: dt.datetime,
    keep: int,
) -> None:
    """Store one token's hash; the client's expired ones go, and beyond ``keep`` live ones the
    oldest are revoked, so a client that authenticates in a loop cannot grow the table."""
    session.execute(
        sa.delete(RefreshToken).where(
            RefreshToken.client_id == client_id, RefreshToken.expires_at <= now
        )
    )
    session.add(
        RefreshToken(
            token_hash=token_hash, client_id=client_id, created_at=now, expires_at=expires_at
        )
    )
    session.flush()
    live = (
        sa.select(RefreshToken.token_hash)
        .where(RefreshToken.client_id == client_id, RefreshToken.revoked_at.is_(None))
        .order_by(RefreshToken.expires_at.desc(), RefreshToken.created_at.desc())
        .offset(keep)
    )
    surplus = list(session.scalars(live))
    if surplus:
        session.execute(
            sa.update(RefreshToken)
            .where(RefreshToken.token_hash.in_(surplus))
            .values(revoked_at=now)
        )


def find_refresh_token(session: Session, *, token_hash: str) -> StoredRefresh | None:
    row = session.get(RefreshToken, token_hash)
    if row is None:
        return None
    return StoredRefresh(row.client_id, row.expires_at, row.revoked_at)


def revoke_client_tokens(session: Session, *, client_id: str, now: dt.datetime) -> int:
    """Revoke every refresh token of the client; how many were live."""
    result = session.execute(
        sa.update(RefreshToken)
        .where(RefreshToken.client_id == client_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)
