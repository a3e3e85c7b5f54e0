"""The worker goes on: one batch of hostile URLs followed by a good document, through the real
API and the in-process worker pool. Every hostile document fails alone with its own error code;
the good one after them is done. Nothing reaches the refused canary."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
sys.path.insert(0, str(Path(__file__).parent))

import hostile_files as H  # noqa: E402
from api_helpers import Api, add_client, make_settings, pan_pdf  # noqa: E402
from test_hostile_fetch import _endless, _header_drip  # noqa: E402

from kagaz.api import create_app  # noqa: E402
from kagaz.fetch.testing import DocServer  # noqa: E402
from kagaz.ocr.fake import FakeOcrEngine  # noqa: E402
from kagaz.pipeline import Engine  # noqa: E402
from kagaz.settings import EngineSettings, FetchSettings, WorkerSettings  # noqa: E402


@pytest.fixture
def servers() -> Iterator[tuple[DocServer, DocServer]]:
    with DocServer("127.0.0.1") as origin, DocServer("127.0.0.2") as canary:
        canary.add("/", b"%PDF-1.7\n")
        yield origin, canary


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    settings = make_settings(
        tmp_path,
        worker=WorkerSettings(
            count=1, poll_seconds=0.05, lease_seconds=10, retry_backoff_seconds=0, max_attempts=2
        ),
        fetch=FetchSettings(
            attempts=1, backoff_seconds=0, connect_timeout=1, read_timeout=1, total_timeout=1.5,
            max_bytes=5_000_000,
        ),
    )
    # The real engine and settings; OCR is faked (these documents are about loading).
    engine = Engine(EngineSettings(devanagari=False), ocr=FakeOcrEngine([]))
    app = create_app(settings, processor_factory=lambda: engine.process)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, settings)


def test_hostile_batch_then_a_good_document(
    api: Api, servers: tuple[DocServer, DocServer]
) -> None:
    origin, canary = servers
    hostile: list[tuple[str, str]] = [
        (origin.add("/bomb.pdf", H.pdf_flate_bomb()), "TOO_LARGE"),
        (origin.add("/lzw.pdf", H.pdf_hidden_lzw_bomb()), "TOO_LARGE"),  # aborted PDFium
        (origin.add("/huge.png", H.png_huge_header()), "TOO_LARGE"),
        (origin.add("/frames.tif", H.tiff_many_frames()), "TOO_LARGE"),
        (origin.add("/kids.pdf", H.pdf_recursive_kids()), "INVALID_DOC"),
        (origin.add("/cut.jpg", H.truncated(H.good_jpeg())), "INVALID_DOC"),
        (origin.add("/bad.png", H.corrupted(H.good_png())), "INVALID_DOC"),
        (origin.add("/login", H.html_page(), headers={"Content-Type": "image/png"}), "UNSUPPORTED_FORMAT"),
        (origin.add("/empty", b""), "EMPTY_DOCUMENT"),
        (origin.add("/lying", handler=_endless({"Content-Length": "1073741824"})), "TOO_LARGE"),
        (origin.add("/drip", handler=_header_drip), "FETCH_TIMEOUT"),
        (origin.add("/r", redirect=canary.url("/")), "FETCH_REFUSED"),
        (f"http://2130706434:{canary.port}/", "FETCH_REFUSED"),
        (f"http://[::ffff:127.0.0.2]:{canary.port}/", "FETCH_REFUSED"),
        (f"http://127.0.0.2:{canary.port}/", "FETCH_REFUSED"),
    ]
    good = origin.add("/pan.pdf", pan_pdf())
    token = api.token(add_client(api.settings))
    rows = api.upload(token, [u for u, _ in hostile] + [good])
    items = api.wait_final(token, rows[0]["batch_id"], timeout=60)
    got = [(i["status"], i["error_code"]) for i in items]
    want: list[tuple[str, Any]] = [("failed", code) for _, code in hostile] + [("done", None)]
    assert got == want, [(i["document_id"], i["status"], i["error_code"], i["error_message"]) for i in items]
    assert items[-1]["file_data"]["document_type"] == "PAN"
    assert canary.requests == []


def test_credentials_and_over_long_urls_are_refused_at_submission(
    api: Api, servers: tuple[DocServer, DocServer]
) -> None:
    origin, _ = servers
    origin.add("/x.pdf", pan_pdf())
    token = api.token(add_client(api.settings))
    host = f"127.0.0.1:{origin.port}"
    for url in (
        f"http://user:secret@{host}/x.pdf",
        f"http://{host}/x.pdf?" + "q" * api.settings.api.max_url_length,
    ):
        body = {"product_type": "POC_CDL", "file_urls": [{"file_url": url, "document_id": "1"}]}
        r = api.client.post("/v1/bulk/multiupload", json=body, headers={"Token": token})
        assert r.status_code == 400, r.text
        assert r.json()["error_code"] == "400"
    assert origin.requests == []
