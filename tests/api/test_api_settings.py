"""The service settings read from KAGAZ_* environment variables, with their bounds."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kagaz.settings import Settings


def test_nested_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "KAGAZ_API__AUTHTOKEN_STATUS": "201",
        "KAGAZ_API__TOKEN_TTL_SECONDS": "600",
        "KAGAZ_API__PUBLIC_BASE_URL": "https://kagaz.lender.example/",
        "KAGAZ_API__MAX_URLS_PER_REQUEST": "10",
        "KAGAZ_FETCH__MAX_BYTES": "1000",
        "KAGAZ_FETCH__MAX_REDIRECTS": "0",
        "KAGAZ_WORKER__COUNT": "0",
        "KAGAZ_WORKER__LEASE_SECONDS": "2.5",
        "KAGAZ_STORAGE__RETENTION_DAYS": "0",
        "KAGAZ_FETCH_ALLOW_PRIVATE": "10.0.0.0/8,minio.internal",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.api.authtoken_status == 201 and s.api.token_ttl_seconds == 600
    assert s.api.public_base_url == "https://kagaz.lender.example"
    assert s.api.max_urls_per_request == 10
    assert s.fetch.max_bytes == 1000 and s.fetch.max_redirects == 0
    assert s.worker.count == 0 and s.worker.lease_seconds == 2.5
    assert s.storage.retention_days == 0
    assert s.fetch_allow_private == "10.0.0.0/8,minio.internal"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("KAGAZ_API__AUTHTOKEN_STATUS", "204"),
        ("KAGAZ_API__TOKEN_TTL_SECONDS", "5"),
        ("KAGAZ_API__SIGNING_KEY", "short"),
        ("KAGAZ_API__PUBLIC_BASE_URL", "https://x.example/?q=1"),
        ("KAGAZ_API__PUBLIC_BASE_URL", "javascript:alert(1)"),
        ("KAGAZ_FETCH__MAX_REDIRECTS", "50"),
        ("KAGAZ_WORKER__MAX_ATTEMPTS", "0"),
        ("KAGAZ_FETCH__CONNECT_TIMEOUT", "0"),
    ],
)
def test_unsafe_values_are_rejected(monkeypatch: pytest.MonkeyPatch, key: str, value: str) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]
