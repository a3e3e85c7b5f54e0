"""Credentials, access tokens and signed links.

* Client secrets are random and stored only as argon2id hashes.
* Access tokens are HS256 JWTs with ``sub`` (client id), ``iat``, ``exp``, ``jti`` and
  ``iss="kagaz"``; only HS256 is accepted, so ``alg: none`` and algorithm confusion fail.
  Revocation is checked on every request against the database, so revoking a client kills
  every token it holds at once. Tokens are not tied to an API family.
* Refresh tokens (``/v1/verification/authtoken``) are HS256 JWTs too, under their own key and
  with ``typ="refresh"``, so neither kind of token passes as the other; they are valid only while
  their SHA-256 is in the database (:mod:`kagaz.services.sessions`).
* Redact links carry ``{file_uuid, artifact, client, exp}`` and an HMAC-SHA256 over them.

Both keys derive from one master secret (``KAGAZ_API__SIGNING_KEY``, or one generated once and
kept in the database) with HMAC and distinct labels, so a token can never pass as a link.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kagaz.database.keys import derive_key  # re-exported: every key derives from the master
from kagaz.services.errors import AuthenticationError, ResourceGone

__all__ = [
    "LinkClaims",
    "LinkSigner",
    "RefreshClaims",
    "RefreshTokenCodec",
    "TokenClaims",
    "TokenService",
    "derive_key",
    "hash_secret",
    "token_hash",
    "new_credentials",
    "verify_secret",
]

_ISSUER = "kagaz"
_MAX_TOKEN_LENGTH = 4096
# OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~0.1 s here. Secrets are 256-bit random,
# so the hash guards a leaked table, not guessable passwords; the cost bounds authtoken's CPU.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def new_credentials() -> tuple[str, str]:
    """A fresh ``(client_id, client_secret)``."""
    return f"kc_{secrets.token_hex(10)}", f"ks_{secrets.token_urlsafe(32)}"


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    """True if ``secret`` matches; with no hash, spends the same time and returns False."""
    try:
        return _hasher.verify(secret_hash or _dummy_hash(), secret) and secret_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class TokenClaims:
    client_id: str
    jti: str
    issued_at: int
    expires_at: int
    # When the client last showed its secret; a token renewed at /refresh-token keeps it, so
    # renewing cannot outlive the refresh lifetime (kagaz.services.sessions).
    auth_time: int


class TokenService:
    """Issues and verifies access tokens."""

    def __init__(self, key: bytes, *, ttl_seconds: int, cache_size: int = 4096) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds
        self._verified: OrderedDict[str, TokenClaims] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def issue(
        self, client_id: str, *, now: float | None = None, auth_time: int | None = None
    ) -> str:
        iat = int(now if now is not None else time.time())
        claims = {
            "iss": _ISSUER,
            "sub": client_id,
            "iat": iat,
            "exp": iat + self.ttl_seconds,
            "jti": uuid.uuid4().hex,
            "auth_time": iat if auth_time is None else auth_time,
        }
        return jwt.encode(claims, self._key, algorithm="HS256")

    def verify(self, token: str) -> TokenClaims:
        """The claims of a valid token; raises :class:`AuthenticationError` otherwise.

        Signatures already checked are remembered (a small LRU keyed by the whole token), so a
        client polling with one token pays for HMAC and JSON decoding once; expiry is checked on
        every call. Revocation is not cached: the caller checks it in the database.
        """
        with self._lock:
            cached = self._verified.get(token)
            if cached is not None:
                self._verified.move_to_end(token)
        if cached is not None:
            if cached.expires_at <= time.time():
                raise AuthenticationError("Token has expired")
            return cached
        claims = self._decode(token)
        with self._lock:
            self._verified[token] = claims
            if len(self._verified) > self._cache_size:
                self._verified.popitem(last=False)
        return claims

    def _decode(self, token: str) -> TokenClaims:
        if len(token) > _MAX_TOKEN_LENGTH:
            raise AuthenticationError("Invalid token")
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=["HS256"],
                issuer=_ISSUER,
                options={"require": ["exp", "iat", "sub", "jti", "iss"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthenticationError("Token has expired") from exc
        except jwt.InvalidTokenError as exc:
            raise AuthenticationError("Invalid token") from exc
        if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("jti"), str):
            raise AuthenticationError("Invalid token")
        iat = int(claims["iat"])
        auth_time = claims.get("auth_time", iat)  # tokens issued before auth_time existed
        if isinstance(auth_time, bool) or not isinstance(auth_time, int):
            raise AuthenticationError("Invalid token")
        return TokenClaims(claims["sub"], claims["jti"], iat, int(claims["exp"]), auth_time)


@dataclass(frozen=True, slots=True)
class RefreshClaims:
    client_id: str
    issued_at: int
    expires_at: int


class RefreshTokenCodec:
    """Signs and checks refresh tokens: a JWT under a key of their own with ``typ="refresh"``.
    A valid signature is not enough: the caller also finds the token's hash in the database."""

    def __init__(self, key: bytes, *, ttl_seconds: int) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds

    def issue(self, client_id: str, *, now: float | None = None) -> tuple[str, RefreshClaims]:
        iat = int(now if now is not None else time.time())
        claims = RefreshClaims(client_id, iat, iat + self.ttl_seconds)
        payload = {
            "iss": _ISSUER,
            "sub": client_id,
            "iat": iat,
            "exp": claims.expires_at,
            "jti": secrets.token_urlsafe(24),
            "typ": "refresh",
        }
        return jwt.encode(payload, self._key, algorithm="HS256"), claims

    def decode(self, token: str) -> RefreshClaims | None:
        """The claims of a token signed with this key; None when it is not a refresh token
        (another key, malformed); :class:`AuthenticationError` when it is one, but expired."""
        if len(token) > _MAX_TOKEN_LENGTH:
            return None
        try:
            claims = jwt.decode(
                token,
                self._key,
                algorithms=["HS256"],
                issuer=_ISSUER,
                options={"require": ["exp", "iat", "sub", "jti", "iss", "typ"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise AuthenticationError("Token has expired") from exc
        except jwt.InvalidTokenError:
            return None
        if claims.get("typ") != "refresh" or not isinstance(claims.get("sub"), str):
            return None
        return RefreshClaims(claims["sub"], int(claims["iat"]), int(claims["exp"]))


def token_hash(token: str) -> str:
    """What is stored of a refresh token: its SHA-256, hex (the token is 256 bits of secret
    and signature, so an unsalted fast hash is enough to make the table useless to a thief)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class LinkClaims:
    file_uuid: str
    artifact: str
    client_id: str
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LinkSigner:
    """Signed, expiring links to derived images (``redact_url``)."""

    def __init__(self, key: bytes, *, ttl_seconds: int) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds

    def sign(
        self, *, file_uuid: str, artifact: str, client_id: str, now: float | None = None
    ) -> str:
        exp = int(now if now is not None else time.time()) + self.ttl_seconds
        payload = json.dumps(
            {"f": file_uuid, "a": artifact, "c": client_id, "e": exp}, separators=(",", ":")
        ).encode()
        sig = hmac.new(self._key, payload, hashlib.sha256).digest()
        return f"{_b64(payload)}.{_b64(sig)}"

    def verify(self, token: str, *, now: float | None = None) -> LinkClaims:
        """Raises :class:`AuthenticationError` (401) if forged, :class:`ResourceGone` (410) if
        expired."""
        try:
            body, sig = token.split(".")
            payload, given = _unb64(body), _unb64(sig)
        except (ValueError, binascii.Error) as exc:
            raise AuthenticationError("Invalid link signature") from exc
        expected = hmac.new(self._key, payload, hashlib.sha256).digest()
        if not hmac.compare_digest(expected, given):
            raise AuthenticationError("Invalid link signature")
        data = json.loads(payload)
        claims = LinkClaims(str(data["f"]), str(data["a"]), str(data["c"]), int(data["e"]))
        if claims.expires_at < (now if now is not None else time.time()):
            raise ResourceGone("The link has expired")
        return claims
