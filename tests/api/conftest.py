"""Fixtures for the API tests: a loopback document server, the real engine, a running app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Api, make_settings
from fastapi.testclient import TestClient

from kagaz.api import create_app
from kagaz.fetch.testing import DocServer
from kagaz.settings import Settings


@pytest.fixture(scope="session")
def engine() -> Any:
    from kagaz.pipeline import Engine

    return Engine()


@pytest.fixture
def doc_server() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def make_api(engine: Any) -> Iterator[Callable[..., Api]]:
    """Start an app (real engine unless ``processor_factory`` is given); stopped at teardown."""
    started: list[TestClient] = []

    def start(settings: Settings, **kwargs: Any) -> Api:
        kwargs.setdefault("processor_factory", lambda: engine.process)
        app = create_app(settings, **kwargs)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        started.append(client)
        return Api(client, settings)

    yield start
    for client in started:
        client.__exit__(None, None, None)


@pytest.fixture
def api(make_api: Callable[..., Api], settings: Settings) -> Api:
    return make_api(settings)
