"""``kagaz clients create`` prints the webhook secret once; ``kagaz clients webhook-secret``
shows it again or rotates it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kagaz.cli.clients import register
from kagaz.callbacks.signing import secret_key
from kagaz.settings import get_settings


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    monkeypatch.delenv("KAGAZ_DATABASE_URL", raising=False)
    monkeypatch.setenv("KAGAZ_DATA_DIR", str(tmp_path / "data"))
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        get_settings.cache_clear()
        return runner.invoke(app, list(args))

    yield invoke
    get_settings.cache_clear()


def test_webhook_secret_created_shown_and_rotated(cli: Any) -> None:
    r = cli("clients", "create", "--name", "Acme", "--json")
    assert r.exit_code == 0, r.output
    created = json.loads(r.output)
    secret = created["webhook_secret"]
    assert secret.startswith("whsec_") and len(secret_key(secret)) == 32
    shown = cli("clients", "webhook-secret", created["client_id"])
    assert shown.exit_code == 0 and shown.output.strip() == secret
    rotated = cli("clients", "webhook-secret", created["client_id"], "--rotate")
    assert rotated.exit_code == 0 and rotated.output.strip() not in ("", secret)
    assert cli("clients", "webhook-secret", created["client_id"]).output == rotated.output
    assert secret not in cli("clients", "list").output
    assert cli("clients", "webhook-secret", "kc_nope").exit_code == 1
    plain = cli("clients", "create", "--name", "Other")
    assert "webhook_secret: whsec_" in plain.output
