"""Standard Webhooks signing, checked against a few lines of independent hmac/base64 code."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from kagaz.callbacks.signing import (
    SignatureError,
    new_secret,
    secret_key,
    sign,
    signed_headers,
    verify,
)

# The Standard Webhooks spec's own test vector (standard-webhooks/libraries, spec tests).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TS = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def independent_signature(secret: str, msg_id: str, ts: str, body: bytes) -> str:
    key = base64.b64decode(secret.split("_", 1)[1])
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def test_matches_the_spec_vector() -> None:
    assert sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY) == SPEC_SIG
    assert independent_signature(SPEC_SECRET, SPEC_ID, str(SPEC_TS), SPEC_BODY) == SPEC_SIG


def test_headers_verify_independently_and_with_ours() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_") and len(secret_key(secret)) == 32
    body = b'{"application_id":"LOS-1","ocr_data":[]}'
    headers = signed_headers(secret, "msg_abc", body, now=1_700_000_000)
    assert headers["webhook-id"] == "msg_abc"
    assert headers["webhook-timestamp"] == "1700000000"
    assert headers["webhook-signature"] == independent_signature(
        secret, "msg_abc", "1700000000", body
    )
    verify(secret, headers, body, now=1_700_000_100)


@pytest.mark.parametrize(
    "change",
    ["body", "id", "timestamp", "secret", "too_old"],
)
def test_verify_rejects_any_change(change: str) -> None:
    secret = new_secret()
    body = b'{"x":1}'
    headers = signed_headers(secret, "msg_1", body, now=1_700_000_000)
    now = 1_700_000_000
    if change == "body":
        body = b'{"x":2}'
    elif change == "id":
        headers["webhook-id"] = "msg_2"
    elif change == "timestamp":
        headers["webhook-timestamp"] = "1700000001"
    elif change == "secret":
        secret = new_secret()
    elif change == "too_old":
        now += 301
    with pytest.raises(SignatureError):
        verify(secret, headers, body, now=now)


def test_bad_secrets_are_refused() -> None:
    with pytest.raises(SignatureError):
        secret_key("whsec_not base64!")
    with pytest.raises(SignatureError):
        secret_key("whsec_" + base64.b64encode(b"short").decode())
