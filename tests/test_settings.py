"""The settings object: docs/configuration.md lists every setting, and unsafe or inconsistent
combinations fail at startup."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from kagaz.settings import Settings, parse_storage_url
from kagaz.settings.markdown import markdown_tables

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"


def test_configuration_doc_lists_every_setting() -> None:
    text = DOC.read_text()
    block = text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()
    assert block == markdown_tables().strip(), (
        "docs/configuration.md is out of date: regenerate its table block with "
        "`python -m kagaz.settings --markdown`"
    )
    documented = set(re.findall(r"`(KAGAZ_[A-Z0-9_]+)`", block))
    for name, field in Settings.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and hasattr(sub, "model_fields"):
            for sub_name in sub.model_fields:
                assert f"KAGAZ_{name.upper()}__{sub_name.upper()}" in documented
        else:
            assert f"KAGAZ_{name.upper()}" in documented


def test_markdown_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "kagaz.settings", "--markdown"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out == markdown_tables()


def test_scale_out_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "KAGAZ_DATABASE_URL": "postgresql+psycopg://kagaz:pw@db.internal/kagaz",
        "KAGAZ_QUEUE": "celery",
        "KAGAZ_BROKER_URL": "redis://:pw@redis.internal:6379/0",
        "KAGAZ_STORAGE_URL": "s3://kyc-archive/kagaz/prod",
        "KAGAZ_STORAGE__S3_REGION": "ap-south-1",
        "KAGAZ_STORAGE__S3_ENDPOINT_URL": "https://minio.internal:9000",
        "KAGAZ_STORAGE__S3_ADDRESSING_STYLE": "path",
        "KAGAZ_STORAGE__S3_SECRET_ACCESS_KEY": "sekrit",
        "KAGAZ_STORAGE__REDACT_LINKS": "presigned",
        "KAGAZ_STORAGE__PRESIGN_EXPIRY_SECONDS": "600",
        "KAGAZ_WORKER__CONCURRENCY": "4",
        "KAGAZ_WORKER__DISPATCH_WINDOW": "200",
        "KAGAZ_API__MAX_URLS_PER_REQUEST": "100000",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.queue == "celery" and s.broker_url is not None
    assert s.broker_url.get_secret_value() == "redis://:pw@redis.internal:6379/0"
    assert "pw" not in repr(s.broker_url) and "sekrit" not in repr(s)
    location = s.storage_location()
    assert (location.kind, location.bucket, location.prefix) == ("s3", "kyc-archive", "kagaz/prod")
    assert s.storage.redact_links == "presigned" and s.storage.presign_expiry_seconds == 600
    assert s.worker.concurrency == 4 and s.worker.dispatch_window == 200
    assert s.api.max_urls_per_request == 100_000


@pytest.mark.parametrize(
    "env",
    [
        {"KAGAZ_QUEUE": "celery"},  # no broker
        {"KAGAZ_QUEUE": "rabbit"},
        {"KAGAZ_BROKER_URL": "http://redis:6379"},
        {"KAGAZ_STORAGE_URL": "gs://bucket/x"},
        {"KAGAZ_STORAGE_URL": "s3://UPPER/x"},
        {"KAGAZ_STORAGE_URL": "s3://bucket/../etc"},
        {"KAGAZ_STORAGE__REDACT_LINKS": "presigned"},  # with local storage
        {"KAGAZ_STORAGE__PRESIGN_EXPIRY_SECONDS": "999999"},  # over S3's 7 days
        {"KAGAZ_STORAGE__S3_ENDPOINT_URL": "minio:9000"},
        {"KAGAZ_WORKER__CELERY_QUEUE": "bad queue"},
        {"KAGAZ_API__MAX_URLS_PER_REQUEST": "100001"},
    ],
)
def test_inconsistent_settings_fail_at_startup(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_storage_urls() -> None:
    data = Path("/srv/kagaz")
    assert parse_storage_url("/mnt/blobs", data).path == Path("/mnt/blobs")
    assert parse_storage_url("file:///mnt/blobs", data).path == Path("/mnt/blobs")
    assert parse_storage_url("s3://b-1.x", data).prefix == ""
