"""Fixtures for the worker tests (a module, not conftest.py: see tests/api/api_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kagaz.fetch import AddressPolicy, Fetcher
from kagaz.fetch.testing import DocServer
from kagaz.settings import FetchSettings
from kagaz.storage import LocalStorage
from kagaz.database import Database, clients, upgrade
from kagaz.database.db import utcnow


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(database)
    with database.session() as s:
        clients.create_client(s, client_id="c", name="c", secret_hash="h", now=utcnow())
        s.commit()
    yield database
    database.dispose()


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


@pytest.fixture
def docs() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    f = Fetcher(
        FetchSettings(attempts=1, read_timeout=2, total_timeout=5),
        AddressPolicy.from_setting("127.0.0.1"),
    )
    yield f
    f.close()
