"""``kagaz clients create|list|revoke`` honour the server's settings (KAGAZ_DATA_DIR, …)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import typer
from api_helpers import make_settings
from typer.testing import CliRunner

from kagaz.cli.clients import register
from kagaz.settings import get_settings
from kagaz.database.db import Database

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    for key in ("KAGAZ_DATA_DIR", "KAGAZ_DATABASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("KAGAZ_DATA_DIR", str(tmp_path / "data"))
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    get_settings.cache_clear()

    def invoke(*args: str) -> Any:
        get_settings.cache_clear()
        return runner.invoke(app, list(args))

    yield invoke
    get_settings.cache_clear()


def test_create_list_revoke(cli: Any, tmp_path: Path, make_api: Any) -> None:
    r = cli("clients", "create", "--name", "Acme Finance", "--json")
    assert r.exit_code == 0, r.output
    created = json.loads(r.output)
    assert created["client_id"].startswith("kc_") and len(created["client_secret"]) >= 40

    db = Database(f"sqlite:///{tmp_path / 'data' / 'kagaz.db'}")
    with db.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT secret_hash FROM clients")).scalar_one()
    db.dispose()
    assert stored.startswith("$argon2id$") and created["client_secret"] not in stored

    listed = cli("clients", "list")
    assert created["client_id"] in listed.output and "active" in listed.output
    assert created["client_secret"] not in listed.output

    # The server on the same data directory accepts the credentials …
    api = make_api(make_settings(tmp_path / "data", worker={"count": 0}))
    token = api.token((created["client_id"], created["client_secret"]))
    assert api.extracts(token, "BATCH-00000-AAAAA-20250101000000").status_code == 400

    r = cli("clients", "revoke", created["client_id"])
    assert r.exit_code == 0 and "Revoked" in r.output
    assert "revoked" in cli("clients", "list").output
    # … and stops accepting its token at once after the revoke.
    assert api.extracts(token, "BATCH-00000-AAAAA-20250101000000").status_code == 401


def test_plain_create_prints_secret_once(cli: Any) -> None:
    r = cli("clients", "create", "--name", "x")
    assert r.exit_code == 0
    assert (
        "client_id:" in r.output
        and "client_secret:" in r.output
        and "cannot show it again" in r.output
    )


def test_revoke_unknown_client_fails(cli: Any) -> None:
    r = cli("clients", "revoke", "kc_nope")
    assert r.exit_code == 1


def test_empty_name_is_refused(cli: Any) -> None:
    assert cli("clients", "create", "--name", "  ").exit_code != 0


def test_database_url_setting_is_honoured(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "k.db"
    monkeypatch.setenv("KAGAZ_DATABASE_URL", f"sqlite:///{other}")
    r = cli("clients", "create", "--name", "y", "--json")
    assert r.exit_code == 0
    assert other.exists()
    assert not (tmp_path / "data" / "kagaz.db").exists()
    assert json.loads(r.output)["client_id"] in cli("clients", "list").output
