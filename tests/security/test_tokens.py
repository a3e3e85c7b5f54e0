"""Token edge cases not covered in tests/api/test_api_auth.py (revocation, expiry, alg none,
wrong key and tampered payloads are there, through the API): a token that expires *after* its
signature was cached, and keys that must not cross between tokens and links."""

from __future__ import annotations

import base64
import json

import jwt
import pytest

from kagaz.services import credentials as security
from kagaz.services.credentials import LinkSigner, TokenService, derive_key
from kagaz.services.errors import AuthenticationError

MASTER = b"m" * 32


def test_a_cached_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = TokenService(derive_key(MASTER, "jwt/v1"), ttl_seconds=60)
    now = security.time.time()
    token = tokens.issue("kc_a", now=now)
    assert tokens.verify(token).client_id == "kc_a"  # now cached
    monkeypatch.setattr(security.time, "time", lambda: now + 61)
    with pytest.raises(AuthenticationError, match="expired"):
        tokens.verify(token)


def test_keys_do_not_cross_between_tokens_and_links() -> None:
    link_key = derive_key(MASTER, "redact-link/v1")
    tokens = TokenService(derive_key(MASTER, "jwt/v1"), ttl_seconds=60)
    claims = {"iss": "kagaz", "sub": "kc_a", "iat": 1, "exp": 4_000_000_000, "jti": "j"}
    for key in (link_key, MASTER, b"k" * 32):
        forged = jwt.encode(claims, key, algorithm="HS256")
        with pytest.raises(AuthenticationError):
            tokens.verify(forged)
    links = LinkSigner(link_key, ttl_seconds=60)
    with pytest.raises(AuthenticationError):
        links.verify(tokens.issue("kc_a"))


def test_every_single_byte_change_is_refused() -> None:
    tokens = TokenService(derive_key(MASTER, "jwt/v1"), ttl_seconds=60)
    token = tokens.issue("kc_a")
    header, payload, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    for change in ({"sub": "kc_b"}, {"exp": claims["exp"] + 86_400}, {"iss": "atlas"}):
        body = base64.urlsafe_b64encode(json.dumps({**claims, **change}).encode()).rstrip(b"=")
        with pytest.raises(AuthenticationError):
            tokens.verify(f"{header}.{body.decode()}.{sig}")
    flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
    with pytest.raises(AuthenticationError):
        tokens.verify(f"{header}.{payload}.{flipped}")
