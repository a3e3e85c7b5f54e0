"""Refresh tokens (the reference's chat-onboarding authtoken and /refresh-token): the answer
shapes, the three refresh paths, storage as a hash only, bounds, expiry and revocation."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import jwt
import pytest
import sqlalchemy as sa
from api_helpers import Api, make_settings

from kagaz.database import refresh_tokens
from kagaz.database.db import Database, utcnow
from kagaz.database.models import RefreshToken
from kagaz.services.access import revoke_client
from kagaz.services.credentials import RefreshTokenCodec, TokenService, derive_key
from kagaz.settings import ApiSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

SIGNING_KEY = "refresh-token-tests-signing-key-0123456789"
REFRESH_PATHS = ["/v1/verification/refresh-token", "/refresh-token", "/v3/verification/refresh-token"]
NO_BATCH = "BATCH-00000-AAAAA-20250101000000"


@pytest.fixture
def keyed_api(make_api, tmp_path: Path) -> Api:  # type: ignore[no-untyped-def]
    return make_api(make_settings(tmp_path, api=ApiSettings(signing_key=SIGNING_KEY)))


def _master() -> bytes:
    return SIGNING_KEY.encode()  # the configured key is the master (kagaz.database.keys)


def _login(api: Api, creds: tuple[str, str]) -> dict[str, object]:
    r = api.client.post(
        "/v1/verification/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def _refresh(api: Api, token: str, path: str = REFRESH_PATHS[0]):  # type: ignore[no-untyped-def]
    return api.client.post(path, headers={"Token": token})


def _error(r, status: int) -> str:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error_code", "error_message"} and body["error_code"] == str(status)
    return str(body["error_message"])


def _authorised(api: Api, token: str) -> bool:
    """Does a protected endpoint accept the token? (An unknown batch is 400 past the check.)"""
    status = api.extracts(token, NO_BATCH).status_code
    assert status in (400, 401)
    return status == 400


def test_verification_authtoken_adds_a_refresh_token(keyed_api: Api) -> None:
    body = _login(keyed_api, keyed_api.new_client())
    assert set(body) == {"access_token", "expires_in", "refresh_token"}
    assert body["expires_in"] == 3600
    refresh = str(body["refresh_token"])
    assert refresh.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")  # a JWT, as the reference
    assert jwt.decode(refresh, options={"verify_signature": False})["typ"] == "refresh"
    assert _authorised(keyed_api, str(body["access_token"]))


@pytest.mark.parametrize("family", ["bulk", "docstream", "v3"])
def test_other_token_endpoints_keep_their_shape(keyed_api: Api, family: str) -> None:
    creds = keyed_api.new_client()
    path = "/v3/verification/authtoken" if family == "v3" else f"/v1/{family}/authtoken"
    r = keyed_api.client.post(path, headers={"Client-Id": creds[0], "Client-Secret": creds[1]})
    assert set(r.json()) == {"access_token", "expires_in"}


@pytest.mark.parametrize("path", REFRESH_PATHS)
def test_refresh_answers_a_new_access_token_and_no_new_refresh_token(
    keyed_api: Api, path: str
) -> None:
    cid, secret = keyed_api.new_client()
    refresh = str(_login(keyed_api, (cid, secret))["refresh_token"])
    first = _refresh(keyed_api, refresh, path)
    second = _refresh(keyed_api, refresh, path)  # not rotated: usable again
    for r in (first, second):
        assert r.status_code == 200, r.text
        assert set(r.json()) == {"access_token", "expires_in"} and r.json()["expires_in"] == 3600
        claims = jwt.decode(r.json()["access_token"], options={"verify_signature": False})
        assert claims["sub"] == cid
        assert _authorised(keyed_api, r.json()["access_token"])
    assert first.json()["access_token"] != second.json()["access_token"]


def test_refresh_status_follows_the_authtoken_status(make_api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    api = make_api(make_settings(tmp_path, api=ApiSettings(authtoken_status=201)))
    creds = api.new_client()
    r = api.client.post(
        "/v1/verification/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    assert r.status_code == 201
    assert _refresh(api, r.json()["refresh_token"]).status_code == 201


def test_a_valid_access_token_is_renewed_too(keyed_api: Api) -> None:
    token = keyed_api.token(keyed_api.new_client())  # bulk: no refresh token handed out
    r = _refresh(keyed_api, token, "/refresh-token")
    assert r.status_code == 200 and _authorised(keyed_api, r.json()["access_token"])
    old = jwt.decode(token, options={"verify_signature": False})
    new = jwt.decode(r.json()["access_token"], options={"verify_signature": False})
    assert new["auth_time"] == old["auth_time"]  # renewal keeps when the secret was shown


def test_renewing_access_tokens_stops_after_the_refresh_lifetime(keyed_api: Api) -> None:
    cid, _ = keyed_api.new_client()
    tokens = TokenService(derive_key(_master(), "jwt/v1"), ttl_seconds=3600)
    ttl = keyed_api.settings.api.refresh_token_ttl_seconds
    stale = tokens.issue(cid, auth_time=int(time.time()) - ttl - 5)
    assert _authorised(keyed_api, stale)  # still a valid access token ...
    assert "Session has expired" in _error(_refresh(keyed_api, stale), 401)  # ... not renewable


def test_missing_and_bad_tokens(keyed_api: Api) -> None:
    assert _error(keyed_api.client.post("/refresh-token"), 400) == (
        "Bad Request: Missing Token header"
    )
    assert _error(_refresh(keyed_api, "   "), 400) == "Bad Request: Missing Token header"
    for garbage in ("not-a-token", "eyJhbGciOiJub25lIn0.e30.", "x" * 5000):
        assert _error(_refresh(keyed_api, garbage), 401).startswith("Authentication Error: ")


def test_a_refresh_token_is_no_access_token(keyed_api: Api) -> None:
    refresh = str(_login(keyed_api, keyed_api.new_client())["refresh_token"])
    assert not _authorised(keyed_api, refresh)
    r = keyed_api.client.get("/v3/verification/status", params={"flow_uuid": "x"},
                             headers={"Token": refresh})
    assert _error(r, 401) == "Authentication Error: Invalid token"


def test_a_forged_refresh_token_is_refused(keyed_api: Api) -> None:
    cid, _ = keyed_api.new_client()
    wrong_key = RefreshTokenCodec(derive_key(b"another-master-key-0123456789abcdef", "refresh-jwt/v1"),
                                  ttl_seconds=600)
    forged, _ = wrong_key.issue(cid)
    assert _error(_refresh(keyed_api, forged), 401) == "Authentication Error: Invalid token"
    right_key = RefreshTokenCodec(derive_key(_master(), "refresh-jwt/v1"), ttl_seconds=600)
    unstored, _ = right_key.issue(cid)  # right key, but kagaz never handed it out
    assert _error(_refresh(keyed_api, unstored), 401) == "Authentication Error: Invalid token"


def test_stored_as_a_hash_only(keyed_api: Api) -> None:
    cid, secret = keyed_api.new_client()
    refresh = str(_login(keyed_api, (cid, secret))["refresh_token"])
    db = Database(keyed_api.settings.resolved_database_url())
    try:
        with db.session() as session:
            rows = session.scalars(sa.select(RefreshToken).where(RefreshToken.client_id == cid))
            (row,) = list(rows)
    finally:
        db.dispose()
    assert row.token_hash == hashlib.sha256(refresh.encode()).hexdigest()
    ttl = keyed_api.settings.api.refresh_token_ttl_seconds
    assert abs((row.expires_at - row.created_at).total_seconds() - ttl) < 5
    files = [p for p in Path(keyed_api.settings.data_dir).rglob("*") if p.is_file()]
    signature = refresh.rsplit(".", 1)[1].encode()
    assert files and not any(signature in p.read_bytes() for p in files)


def test_expired_refresh_tokens_are_refused(keyed_api: Api) -> None:
    cid, secret = keyed_api.new_client()
    codec = RefreshTokenCodec(derive_key(_master(), "refresh-jwt/v1"), ttl_seconds=300)
    old, _ = codec.issue(cid, now=time.time() - 400)
    assert _error(_refresh(keyed_api, old), 401) == "Authentication Error: Token has expired"
    refresh = str(_login(keyed_api, (cid, secret))["refresh_token"])
    db = Database(keyed_api.settings.resolved_database_url())
    try:  # the row is what counts: expired there, refused even with a valid signature
        with db.session() as session:
            session.execute(sa.update(RefreshToken).values(expires_at=utcnow()))
            session.commit()
    finally:
        db.dispose()
    assert _error(_refresh(keyed_api, refresh), 401) == "Authentication Error: Token has expired"


def test_revoking_the_client_revokes_its_refresh_tokens(keyed_api: Api) -> None:
    cid, secret = keyed_api.new_client()
    other = keyed_api.new_client("other")
    refresh = str(_login(keyed_api, (cid, secret))["refresh_token"])
    kept = str(_login(keyed_api, other)["refresh_token"])
    db = Database(keyed_api.settings.resolved_database_url())
    try:
        assert revoke_client(db, client_id=cid)
        with db.session() as session:
            rows = list(session.scalars(sa.select(RefreshToken)))
    finally:
        db.dispose()
    assert {r.client_id: r.revoked_at is not None for r in rows} == {cid: True, other[0]: False}
    assert _error(_refresh(keyed_api, refresh), 401) == "Authentication Error: Token has been revoked"
    assert _refresh(keyed_api, kept).status_code == 200


def test_a_client_keeps_a_bounded_number_of_refresh_tokens(keyed_api: Api) -> None:
    cid, _ = keyed_api.new_client()
    db = Database(keyed_api.settings.resolved_database_url())
    now = utcnow()
    try:
        with db.session() as session:
            session.add(RefreshToken(token_hash="e" * 64, client_id=cid, created_at=now,
                                     expires_at=now - dt.timedelta(seconds=1)))
            for i in range(4):
                refresh_tokens.add_refresh_token(
                    session, token_hash=f"{i:064x}", client_id=cid, now=now + dt.timedelta(seconds=i),
                    expires_at=now + dt.timedelta(days=1, seconds=i), keep=2,
                )
            session.commit()
            rows = {r.token_hash: r.revoked_at for r in session.scalars(sa.select(RefreshToken))}
    finally:
        db.dispose()
    assert "e" * 64 not in rows  # expired: deleted
    assert sorted(h for h, revoked in rows.items() if revoked is None) == [
        f"{2:064x}", f"{3:064x}"
    ]


def test_the_schema_documents_the_refresh_endpoints(keyed_api: Api) -> None:
    schema = keyed_api.client.get("/openapi.json").json()
    for path in REFRESH_PATHS:
        operation = schema["paths"][path]["post"]
        assert {"200", "400", "401"} <= set(operation["responses"])
        assert any(p["name"] == "Token" and p["in"] == "header" for p in operation["parameters"])
    answer = schema["paths"]["/v1/verification/authtoken"]["post"]["responses"]["200"]
    ref = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ref]["required"]) == {
        "access_token", "expires_in", "refresh_token"
    }


def test_failed_refreshes_are_rate_limited_per_address(make_api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    api = make_api(make_settings(tmp_path, api=ApiSettings(
        signing_key=SIGNING_KEY, rate_limit_authtoken_failures=3)))
    refresh = str(_login(api, api.new_client())["refresh_token"])
    assert _refresh(api, refresh).status_code == 200  # successes do not count
    for _ in range(3):
        _error(_refresh(api, "eyJguessed.token.value", "/refresh-token"), 401)
    r = _refresh(api, refresh)  # this address has spent its failures: even a good token waits
    assert _error(r, 429).startswith("Too Many Requests: ") and int(r.headers["Retry-After"]) >= 1
    schema = api.client.get("/openapi.json").json()
    assert "429" in schema["paths"]["/refresh-token"]["post"]["responses"]
