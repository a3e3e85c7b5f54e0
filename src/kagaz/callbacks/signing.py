"""Standard Webhooks signatures (https://www.standardwebhooks.com/).

Every request kagaz sends to a lender (the ``auth_url`` call and the callback POST) carries::

    webhook-id:        msg_…            (the same on every retry of one message)
    webhook-timestamp: 1700000000       (integer seconds, when this attempt was signed)
    webhook-signature: v1,<base64 HMAC-SHA256(key, f"{id}.{timestamp}.{body}")>

``key`` is the base64-decoded part of the client's secret ``whsec_<base64>``. A receiver checks
the HMAC over the raw body, compares in constant time, and rejects timestamps more than a few
minutes away from its clock (replays).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time

from kagaz.errors import KagazError

__all__ = [
    "PREFIX",
    "SignatureError",
    "new_secret",
    "secret_key",
    "sign",
    "signed_headers",
    "verify",
]

PREFIX = "whsec_"
_KEY_BYTES = 32
TOLERANCE_SECONDS = 300


class SignatureError(KagazError):
    """A webhook signature or secret that does not check out."""

    code = "SIGNATURE_INVALID"
    message = "The webhook signature is invalid"


def new_secret() -> str:
    """A fresh ``whsec_`` secret: 32 random bytes, base64.

    >>> s = new_secret(); s.startswith("whsec_") and len(secret_key(s))
    32
    """
    return PREFIX + base64.b64encode(secrets.token_bytes(_KEY_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_`` secret (the prefix is optional, as in the spec's libraries)."""
    try:
        key = base64.b64decode(secret.removeprefix(PREFIX), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("The webhook secret is not valid base64") from exc
    if len(key) < 24:
        raise SignatureError("The webhook secret is too short")
    return key


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<signature>`` of one message.

    >>> sign("whsec_" + "A" * 44, "msg_1", 1700000000, b"{}")[:3]
    'v1,'
    """
    content = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    secret: str, msg_id: str, body: bytes, *, now: float | None = None
) -> dict[str, str]:
    """The three ``webhook-*`` headers for ``body``, signed now."""
    ts = int(now if now is not None else time.time())
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secret, msg_id, ts, body),
    }


def verify(
    secret: str,
    headers: dict[str, str],
    body: bytes,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> None:
    """Raise :class:`SignatureError` unless ``headers`` sign ``body`` with ``secret`` (any of
    the space-separated ``v1,`` signatures) within ``tolerance`` seconds."""
    lower = {k.lower(): v for k, v in headers.items()}
    msg_id = lower.get("webhook-id", "")
    stamp = lower.get("webhook-timestamp", "")
    if not msg_id or not stamp.isdigit():
        raise SignatureError("Missing webhook-id or webhook-timestamp")
    if abs(int(now if now is not None else time.time()) - int(stamp)) > tolerance:
        raise SignatureError("The webhook timestamp is outside the tolerance")
    expected = sign(secret, msg_id, int(stamp), body).encode()
    for candidate in lower.get("webhook-signature", "").split():
        if hmac.compare_digest(candidate.encode(), expected):
            return
    raise SignatureError("No matching webhook signature")
