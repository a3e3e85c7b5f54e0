"""Authentication: authtoken, the Token header, forged/expired/revoked tokens."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from api_helpers import Api, make_settings

from kagaz.database import clients
from kagaz.database.db import utcnow
from kagaz.services.credentials import TokenService
from kagaz.settings import ApiSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _b64(obj: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def _assert_401(r, detail: str | None = None) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == 401, r.text
    body = r.json()
    assert body["error_code"] == "401"
    assert body["error_message"].startswith("Authentication Error: ")
    if detail:
        assert detail in body["error_message"]


@pytest.mark.parametrize("family", ["bulk", "docstream"])
def test_authtoken_returns_hs256_jwt(api: Api, family: str) -> None:
    cid, secret = api.new_client()
    r = api.client.post(
        f"/v1/{family}/authtoken", headers={"Client-Id": cid, "Client-Secret": secret}
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"access_token", "expires_in"}
    assert body["expires_in"] == 3600
    token = body["access_token"]
    assert token.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")  # {"alg":"HS256","typ":"JWT"}
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == cid and {"iat", "exp", "jti"} <= set(claims)
    assert claims["exp"] - claims["iat"] == 3600


def test_token_lifetime_and_status_are_configurable(make_api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    api = make_api(
        make_settings(tmp_path, api=ApiSettings(token_ttl_seconds=120, authtoken_status=201))
    )
    cid, secret = api.new_client()
    r = api.client.post("/v1/bulk/authtoken", headers={"Client-Id": cid, "Client-Secret": secret})
    assert r.status_code == 201
    assert r.json()["expires_in"] == 120
    assert (
        "201"
        in api.client.get("/openapi.json").json()["paths"]["/v1/bulk/authtoken"]["post"][
            "responses"
        ]
    )


def test_tokens_work_across_families(api: Api, doc_server) -> None:  # type: ignore[no-untyped-def]
    creds = api.new_client()
    docstream_token = api.token(creds, family="docstream")
    rows = api.upload(docstream_token, [doc_server.url("/missing")], family="bulk")
    r = api.extracts(api.token(creds, "bulk"), rows[0]["batch_id"], family="docstream")
    assert r.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"Client-Id": "x"}, {"Client-Secret": "y"}, {"Client-Id": "", "Client-Secret": ""}],
)
def test_authtoken_missing_headers_is_400(api: Api, headers: dict[str, str]) -> None:
    r = api.client.post("/v1/bulk/authtoken", headers=headers)
    assert r.status_code == 400
    assert r.json() == {
        "error_code": "400",
        "error_message": "Bad Request: Missing Client-Id or Client-Secret",
    }


def test_authtoken_bad_credentials_are_401(api: Api) -> None:
    cid, secret = api.new_client()
    for headers in (
        {"Client-Id": cid, "Client-Secret": secret + "x"},
        {"Client-Id": "kc_unknown", "Client-Secret": secret},
        {"Client-Id": cid, "Client-Secret": "s" * 10_000},
    ):
        r = api.client.post("/v1/bulk/authtoken", headers=headers)
        _assert_401(r, "Invalid client_id or client_secret")


def test_protected_routes_reject_missing_and_garbage_tokens(api: Api) -> None:
    _assert_401(api.client.get("/v1/bulk/extracts", params={"batch_id": "B"}), "Missing Token")
    _assert_401(api.client.post("/v1/bulk/multiupload", json={}), "Missing Token")
    for garbage in ("garbage", "a.b.c", "eyJ" + "A" * 5000, " "):
        r = api.client.get(
            "/v1/bulk/extracts", params={"batch_id": "B"}, headers={"Token": garbage}
        )
        _assert_401(r)


def test_authorization_bearer_is_not_the_token_header(api: Api) -> None:
    token = api.token(api.new_client())
    r = api.client.get(
        "/v1/bulk/extracts", params={"batch_id": "B"}, headers={"Authorization": f"Bearer {token}"}
    )
    _assert_401(r, "Missing Token")


def _forge(api: Api, cid: str) -> dict[str, str]:
    tokens: TokenService = api.client.app.state.services.tokens  # type: ignore[attr-defined]
    now = int(time.time())
    good = tokens.issue(cid)
    header, payload, sig = good.split(".")
    claims = {"iss": "kagaz", "sub": cid, "iat": now, "exp": now + 3600, "jti": "x"}
    return {
        "expired": tokens.issue(cid, now=now - 7200),
        "wrong_key": jwt.encode(claims, b"k" * 32, algorithm="HS256"),
        "alg_none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "alg_none_unsigned": jwt.encode(claims, None, algorithm="none"),
        "tampered": f"{header}.{_b64({**claims, 'sub': 'kc_someone_else'})}.{sig}",
        "hs512": jwt.encode(claims, tokens._key, algorithm="HS512"),  # noqa: SLF001
        "no_exp": jwt.encode(
            {k: v for k, v in claims.items() if k != "exp"}, tokens._key, algorithm="HS256"
        ),  # noqa: SLF001
        "wrong_issuer": jwt.encode({**claims, "iss": "atlas"}, tokens._key, algorithm="HS256"),  # noqa: SLF001
    }


def test_forged_and_expired_tokens_are_401(api: Api) -> None:
    cid, _ = api.new_client()
    forged = _forge(api, cid)
    for name, token in forged.items():
        r = api.client.get("/v1/bulk/extracts", params={"batch_id": "B"}, headers={"Token": token})
        _assert_401(r, "Token has expired" if name == "expired" else "Invalid token")


def test_revoking_a_client_invalidates_its_tokens(api: Api) -> None:
    creds = api.new_client()
    token = api.token(creds)
    assert (
        api.extracts(token, "BATCH-00000-AAAAA-20250101000000").status_code == 400
    )  # authenticated
    services = api.client.app.state.services  # type: ignore[attr-defined]
    with services.db.session() as session:
        assert clients.revoke_client(session, client_id=creds[0], now=utcnow())
        session.commit()
    _assert_401(api.extracts(token, "BATCH-00000-AAAAA-20250101000000"), "revoked")
    r = api.client.post(
        "/v1/bulk/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    _assert_401(r, "Invalid client_id or client_secret")


def test_signing_key_is_generated_once_and_shared(make_api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path)
    first = make_api(settings)
    creds = first.new_client()
    token = first.token(creds)
    second = make_api(make_settings(tmp_path))  # a second process on the same database
    assert second.extracts(token, "BATCH-00000-AAAAA-20250101000000").status_code == 400


def test_configured_signing_key_is_used(make_api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = "k" * 40
    a = make_api(make_settings(tmp_path / "a", api=ApiSettings(signing_key=key)))
    b = make_api(make_settings(tmp_path / "b", api=ApiSettings(signing_key=key)))
    c = make_api(make_settings(tmp_path / "c"))
    creds = a.new_client()
    token = a.token(creds)
    # b shares the key but not the client table: the signature passes, the client is unknown.
    _assert_401(b.extracts(token, "B"), "Invalid token")
    _assert_401(c.extracts(token, "B"), "Invalid token")
