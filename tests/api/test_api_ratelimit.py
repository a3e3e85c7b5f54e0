"""Rate limits on authtoken (brute force) and on batch submissions, per client, in process and
shared through Redis (db 13) by several API processes."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from api_helpers import add_client, make_settings
from fastapi.testclient import TestClient

from kagaz.api import create_app
from kagaz.api.ratelimit import MemoryCounter, RedisCounter, limits_from_settings
from kagaz.settings import ApiSettings, Settings, WorkerSettings

REDIS = "redis://127.0.0.1:6379/13"


def _settings(tmp_path: Path, **api: Any) -> Settings:
    limits = {
        "rate_limit_authtoken_per_address": 8,
        "rate_limit_authtoken_failures": 3,
        "rate_limit_submissions_per_client": 3,
        # Fixed windows start on multiples of their length: an hour makes a reset mid-test
        # (and a flaky expectation) all but impossible.
        "rate_limit_window_seconds": 3600,
        **api,
    }
    return make_settings(tmp_path, api=ApiSettings(**limits), worker=WorkerSettings(count=0))


@pytest.fixture
def start() -> Iterator[Any]:
    clients: list[TestClient] = []

    def run(settings: Settings, address: str = "203.0.113.7") -> TestClient:
        client = TestClient(create_app(settings), client=(address, 40000))
        client.__enter__()
        clients.append(client)
        return client

    yield run
    for c in clients:
        c.__exit__(None, None, None)


def _auth(client: TestClient, cid: str, secret: str) -> Any:
    return client.post("/v1/bulk/authtoken", headers={"Client-Id": cid, "Client-Secret": secret})


def _upload(client: TestClient, token: str, family: str = "bulk") -> Any:
    body = {"product_type": "POC_CDL", "file_urls": [{"file_url": "https://docs.example/a.pdf", "document_id": "1"}]}
    return client.post(f"/v1/{family}/multiupload", json=body, headers={"Token": token})


def _assert_429(r: Any) -> None:
    assert r.status_code == 429, r.text
    assert r.json()["error_code"] == "429"
    assert r.json()["error_message"].startswith("Too Many Requests: ")
    assert 1 <= int(r.headers["Retry-After"]) <= 3600
    assert r.headers["X-Content-Type-Options"] == "nosniff"  # inside the usual middleware


def test_authtoken_brute_force_is_cut_off_per_client_id(tmp_path: Path, start: Any) -> None:
    settings = _settings(tmp_path)
    app = start(settings)
    victim, other = add_client(settings, "victim"), add_client(settings, "other")
    for _ in range(3):
        assert _auth(app, victim[0], "ks_wrong").status_code == 401
    _assert_429(_auth(app, victim[0], "ks_wrong"))
    _assert_429(_auth(app, victim[0], victim[1]))  # even the right secret, from this address
    assert _auth(app, other[0], other[1]).status_code == 200  # another client is not starved
    # The same client id from its owner's address is not locked out by the attacker's failures.
    owner = start(settings, address="198.51.100.20")
    assert _auth(owner, victim[0], victim[1]).status_code == 200


def test_authtoken_is_limited_per_address(tmp_path: Path, start: Any) -> None:
    settings = _settings(tmp_path, rate_limit_authtoken_failures=100)
    app = start(settings)
    creds = add_client(settings)
    answers = [_auth(app, f"kc_guess{i}", "ks_x").status_code for i in range(8)]
    assert answers == [401] * 8
    _assert_429(_auth(app, creds[0], creds[1]))
    _assert_429(app.post("/v3/verification/authtoken", headers={"Client-Id": creds[0]}))
    elsewhere = start(settings, address="198.51.100.21")
    assert _auth(elsewhere, creds[0], creds[1]).status_code == 200


def test_submissions_are_limited_per_client(tmp_path: Path, start: Any) -> None:
    settings = _settings(tmp_path)
    app = start(settings)
    a, b = add_client(settings, "a"), add_client(settings, "b")
    token_a = _auth(app, *a).json()["access_token"]
    token_b = _auth(app, *b).json()["access_token"]
    assert [_upload(app, token_a, f).status_code for f in ("bulk", "docstream", "bulk")] == [201] * 3
    _assert_429(_upload(app, token_a))
    _assert_429(app.post("/v1/bulk/upload", headers={"Token": token_a}))
    _assert_429(app.post("/v3/verification/multiupload", headers={"Token": token_a}, json={}))
    assert _upload(app, token_b).status_code == 201  # b has its own allowance
    # A forged token is limited by address, not charged to the client it names.
    for _ in range(3):
        assert _upload(app, token_a + "x").status_code == 401
    _assert_429(_upload(app, token_a + "x"))
    assert _upload(app, token_b).status_code == 201


def test_openapi_declares_429(tmp_path: Path, start: Any) -> None:
    schema = start(_settings(tmp_path)).get("/openapi.json").json()
    for path in (
        "/v1/bulk/authtoken",
        "/v1/docstream/multiupload",
        "/v1/bulk/upload",
        "/v3/verification/authtoken",
        "/v3/verification/multiupload",
    ):
        assert "429" in schema["paths"][path]["post"]["responses"], path


def test_limits_can_be_turned_off(tmp_path: Path, start: Any) -> None:
    settings = _settings(tmp_path, rate_limit_enabled=False)
    app = start(settings)
    cid, _ = add_client(settings)
    assert {_auth(app, cid, "ks_wrong").status_code for _ in range(6)} == {401}


# -- shared through Redis -----------------------------------------------------------------------


@pytest.fixture
def redis_db() -> Iterator[redis.Redis]:
    r = redis.Redis.from_url(REDIS)
    try:
        r.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    for key in r.scan_iter("kagaz:rl:*"):
        r.delete(key)
    yield r
    for key in r.scan_iter("kagaz:rl:*"):
        r.delete(key)
    r.close()


def test_redis_counters_are_shared_by_several_api_processes(
    tmp_path: Path, start: Any, redis_db: redis.Redis
) -> None:
    settings = _settings(tmp_path, rate_limit_redis_url=REDIS)
    first, second = start(settings), start(settings)  # two API processes, one database
    assert first is not second
    a, b = add_client(settings, "a"), add_client(settings, "b")
    token_a = _auth(first, *a).json()["access_token"]
    token_b = _auth(second, *b).json()["access_token"]
    assert _upload(first, token_a).status_code == 201
    assert _upload(second, token_a).status_code == 201
    assert _upload(first, token_a).status_code == 201
    _assert_429(_upload(second, token_a))  # the fourth, wherever it lands
    assert _upload(second, token_b).status_code == 201
    for client in (first, second, first):
        assert _auth(client, a[0], "ks_wrong").status_code == 401
    _assert_429(_auth(second, a[0], a[1]))
    assert any(k.startswith(b"kagaz:rl:submit-client:") for k in redis_db.scan_iter("kagaz:rl:*"))
    assert all(0 < redis_db.ttl(k) <= 3601 for k in redis_db.scan_iter("kagaz:rl:*"))


def test_broker_redis_is_used_and_an_outage_fails_open(tmp_path: Path, start: Any) -> None:
    celery = Settings(
        _env_file=None, data_dir=tmp_path, queue="celery", broker_url=REDIS  # type: ignore[call-arg]
    )
    chosen = limits_from_settings(celery)
    assert chosen is not None and isinstance(chosen[1], RedisCounter)
    embedded = limits_from_settings(make_settings(tmp_path))
    assert embedded is not None and isinstance(embedded[1], MemoryCounter)
    # Nothing listens on this port: limiting is skipped (and logged), authentication still works.
    dead = f"redis://127.0.0.1:1/{uuid.uuid4().int % 16}"
    settings = _settings(tmp_path, rate_limit_redis_url=dead, rate_limit_authtoken_failures=1)
    app = start(settings)
    cid, secret = add_client(settings)
    assert [_auth(app, cid, "ks_wrong").status_code for _ in range(3)] == [401] * 3
    assert _auth(app, cid, secret).status_code == 200
