"""Structured logs: JSON lines with the bound ids, and never an Aadhaar number, a token or a
secret, whoever logs it."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from kagaz.observability.logs import bind, configure_logging, redact
from kagaz.services.credentials import LinkSigner, TokenService, new_credentials


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    configure_logging("json", "debug", stream=stream)
    yield stream
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])


def _lines(stream: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UID 234567890123 read", "UID XXXX XXXX 0123 read"),
        ("UID 2345 6789 0123", "UID XXXX XXXX 0123"),
        ("UID 2345-6789-0123.", "UID XXXX XXXX 0123."),
        ('{"aadhaar":"987654321098"}', '{"aadhaar":"XXXX XXXX 1098"}'),
        ("13 digits 2345678901234 stay", "13 digits 2345678901234 stay"),
        ("batch BATCH-30732-SIYKJ-20251121113228", "batch BATCH-30732-SIYKJ-20251121113228"),
        (
            "doc 6f1c2b3a-1d2e-4f5a-9b8c-123456789012",
            "doc 6f1c2b3a-1d2e-4f5a-9b8c-123456789012",
        ),
        ("Client-Secret: ks_" + "a" * 43, "Client-Secret: [redacted]"),
        ("and ks_" + "b" * 43 + " alone", "and ks_[redacted] alone"),
        ("client_secret=hunter2hunter2", "client_secret=[redacted]"),
        ('{"password": "p@ss"}', '{"password": "[redacted]"}'),
        ("amqp://kagaz:pw@mq:5672//", "amqp://kagaz:***@mq:5672//"),
        (
            "GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc123",
            "GET https://b.s3.amazonaws.com/k?X-Amz-Credential=[redacted]"
            "&X-Amz-Signature=[redacted]",
        ),
        ("/v1/files/redacted/eyJmIjoi.c2ln", "/v1/files/redacted/[redacted]"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_real_tokens_and_links_are_redacted() -> None:
    token = TokenService(b"k" * 32, ttl_seconds=60).issue("kc_1")
    link = LinkSigner(b"k" * 32, ttl_seconds=60).sign(file_uuid="u", artifact="a", client_id="c")
    _, secret = new_credentials()
    text = redact(f"token {token} secret {secret} link /v1/files/redacted/{link}")
    assert token not in text and secret not in text and link not in text


def test_json_lines_carry_ids_and_no_secrets(captured: io.StringIO) -> None:
    log = logging.getLogger("kagaz.test")
    token = TokenService(b"k" * 32, ttl_seconds=60).issue("kc_1")
    with bind(request_id="r1", batch_id="BATCH-1"), bind(file_uuid="f1"):
        log.info("read %s for %s", "2345 6789 0123", token)
    log.warning("outside")
    try:
        raise ValueError("aadhaar 234567890123 in an exception")
    except ValueError:
        logging.getLogger("third.party").exception("failed with %r", {"secret": "s3cr3t"})
    first, second, third = _lines(captured)
    assert first["message"] == "read XXXX XXXX 0123 for [redacted-jwt]"
    assert (first["request_id"], first["batch_id"], first["file_uuid"]) == ("r1", "BATCH-1", "f1")
    assert first["level"] == "info" and first["logger"] == "kagaz.test"
    assert "request_id" not in second
    assert "234567890123" not in third["exc"] and "XXXX XXXX 0123" in third["exc"]
    assert "s3cr3t" not in third["message"]
    raw = captured.getvalue()
    assert "234567890123" not in raw and token not in raw and "2345 6789 0123" not in raw


def test_text_format(captured: io.StringIO) -> None:
    stream = io.StringIO()
    configure_logging("text", "info", stream=stream)
    with bind(batch_id="B1"):
        logging.getLogger("kagaz.x").info("number 234567890123")
    line = stream.getvalue().strip()
    assert line.endswith("number XXXX XXXX 0123 [batch_id=B1]")


def test_api_requests_log_their_ids(captured: io.StringIO, tmp_path: object) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
    from api_helpers import add_client, make_settings
    from fastapi.testclient import TestClient

    from kagaz.api import create_app

    settings = make_settings(Path(str(tmp_path)), worker={"count": 0})
    creds = add_client(settings)
    with TestClient(create_app(settings)) as client:
        tok = client.post(
            "/v1/bulk/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
        ).json()["access_token"]
        r = client.post(
            "/v1/bulk/multiupload",
            headers={"Token": tok, "X-Request-Id": "req-42"},
            json={
                "product_type": "P",
                "file_urls": [{"file_url": "https://x.example/a.pdf", "document_id": "1"}],
            },
        )
    assert r.status_code == 201 and r.headers["x-request-id"] == "req-42"
    accepted = [line for line in _lines(captured) if line["message"].startswith("batch accepted")]
    assert accepted and accepted[0]["request_id"] == "req-42"
    assert accepted[0]["batch_id"] == r.json()[0]["batch_id"]
    assert tok not in captured.getvalue()
