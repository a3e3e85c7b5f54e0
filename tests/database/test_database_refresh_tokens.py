"""Refresh-token rows on SQLite and on PostgreSQL (a fresh database): stored by hash, found,
bounded per client, revoked with the client, expired ones dropped."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres  # noqa: E402

from kagaz.database import Database, clients, refresh_tokens, upgrade  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.models import RefreshToken  # noqa: E402


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    def opened(url: str) -> Database:
        database = Database(url)
        upgrade(database)
        with database.session() as s:
            for cid in ("a", "b"):
                clients.create_client(s, client_id=cid, name=cid, secret_hash="h", now=utcnow())
            s.commit()
        return database

    if request.param == "sqlite":
        database = opened(f"sqlite:///{tmp_path / 'k.db'}")
        yield database
        database.dispose()
    else:
        with fresh_postgres() as url:
            database = opened(url)
            yield database
            database.dispose()


def _add(db: Database, client: str, n: int, now: dt.datetime, keep: int = 3) -> None:
    with db.session() as s:
        refresh_tokens.add_refresh_token(
            s, token_hash=f"{client}{n:063x}", client_id=client,
            now=now + dt.timedelta(seconds=n), expires_at=now + dt.timedelta(days=1, seconds=n),
            keep=keep,
        )
        s.commit()


def test_rows_are_found_bounded_and_revoked_with_the_client(db: Database) -> None:
    now = utcnow()
    with db.session() as s:
        s.add(RefreshToken(token_hash="a" + "f" * 63, client_id="a", created_at=now,
                           expires_at=now - dt.timedelta(seconds=1)))
        s.commit()
    for n in range(5):
        _add(db, "a", n, now)
    _add(db, "b", 0, now)
    with db.session() as s:
        assert refresh_tokens.find_refresh_token(s, token_hash="a" + "f" * 63) is None  # expired: gone
        found = refresh_tokens.find_refresh_token(s, token_hash=f"a{4:063x}")
        assert found is not None and found.client_id == "a" and found.revoked_at is None
        live = s.scalars(sa.select(RefreshToken.token_hash).where(
            RefreshToken.client_id == "a", RefreshToken.revoked_at.is_(None)))
        assert sorted(live) == [f"a{n:063x}" for n in (2, 3, 4)]  # the newest 3 of 5
        assert refresh_tokens.revoke_client_tokens(s, client_id="a", now=now) == 3
        s.commit()
        assert refresh_tokens.find_refresh_token(s, token_hash=f"a{4:063x}").revoked_at is not None  # type: ignore[union-attr]
        assert refresh_tokens.find_refresh_token(s, token_hash=f"b{0:063x}").revoked_at is None  # type: ignore[union-attr]
