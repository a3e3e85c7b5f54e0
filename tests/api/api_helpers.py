"""Helpers and fixtures shared by the API tests (imported by each test module: the project runs
with --doctest-modules, under which several conftest.py files in plain folders collide)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF
from PIL import Image

from kagaz.api import create_app
from kagaz.database import clients, migrate
from kagaz.database.db import Database, utcnow
from kagaz.fetch.testing import DocServer
from kagaz.services.credentials import hash_secret, new_credentials
from kagaz.settings import FetchSettings, Settings, WorkerSettings

FINAL = {"done", "failed"}


def text_pdf(lines: list[str]) -> bytes:
    """A born-digital PDF whose text layer the engine reads without OCR."""
    pdf = FPDF(format=(240, 150))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


PAN_LINES = [
    "INCOME TAX DEPARTMENT",
    "GOVT. OF INDIA",
    "Permanent Account Number Card",
    "ABCPK1234F",
    "Name",
    "RAHUL KUMAR",
    "Father's Name",
    "SURESH KUMAR",
    "Date of Birth",
    "15/08/1990",
]


def pan_pdf(pan: str = "ABCPK1234F", name: str = "RAHUL KUMAR") -> bytes:
    lines = [pan if x == "ABCPK1234F" else name if x == "RAHUL KUMAR" else x for x in PAN_LINES]
    return text_pdf(lines)


def png_bytes(size: tuple[int, int] = (64, 32)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    base: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": None,
        "fetch_allow_private": "127.0.0.1",
        "worker": WorkerSettings(
            count=1, poll_seconds=0.05, lease_seconds=5, retry_backoff_seconds=0, max_attempts=3
        ),
        "fetch": FetchSettings(
            attempts=2, backoff_seconds=0, connect_timeout=2, read_timeout=1, total_timeout=4
        ),
    }
    base.update(overrides)
    return Settings(_env_file=None, **base)  # type: ignore[call-arg]


@dataclass
class Api:
    """A running app plus helpers that speak its wire format."""

    client: TestClient
    settings: Settings

    def new_client(self, name: str = "acme") -> tuple[str, str]:
        return add_client(self.settings, name)

    def token(self, creds: tuple[str, str], family: str = "bulk") -> str:
        r = self.client.post(
            f"/v1/{family}/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
        )
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])

    def upload(
        self, token: str, urls: list[str], family: str = "bulk", product_type: str = "POC_CDL"
    ) -> list[dict[str, str]]:
        body = {
            "product_type": product_type,
            "file_urls": [{"file_url": u, "document_id": str(i + 1)} for i, u in enumerate(urls)],
        }
        r = self.client.post(f"/v1/{family}/multiupload", json=body, headers={"Token": token})
        assert r.status_code == 201, r.text
        return list(r.json())

    def extracts(self, token: str, batch_id: str, family: str = "bulk", **params: Any) -> Any:
        return self.client.get(
            f"/v1/{family}/extracts",
            params={"batch_id": batch_id, **params},
            headers={"Token": token},
        )

    def wait_final(self, token: str, batch_id: str, timeout: float = 30.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            items: list[dict[str, Any]] = []
            page = 1
            while True:
                body = self.extracts(token, batch_id, page=page).json()
                items.extend(body["data"])
                if not body["has_next"]:
                    break
                page += 1
            if all(i["status"] in FINAL for i in items):
                return items
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"batch not final in {timeout}s: {[i['status'] for i in items]}"
                )
            time.sleep(0.05)


def add_client(settings: Settings, name: str = "acme") -> tuple[str, str]:
    db = Database(settings.resolved_database_url())
    migrate.upgrade(db)
    client_id, secret = new_credentials()
    with db.session() as session:
        clients.create_client(
            session, client_id=client_id, name=name, secret_hash=hash_secret(secret), now=utcnow()
        )
        session.commit()
    db.dispose()
    return client_id, secret


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture
def doc_server() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def make_api(engine: Any) -> Iterator[Callable[..., Api]]:
    """Start an app (the real engine, from tests/conftest.py, unless ``processor_factory`` is
    given); stopped at teardown."""
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
