"""The review console shows whether an Aadhaar's UIDAI-signed QR verified (issue 18): a verified
badge on a genuine card, the reason on a card whose QR was signed by another key."""

from __future__ import annotations

import io
import random
import time
from typing import Any

import pytest
from console_helpers import Server, sign_in

from kagaz.imaging.qr import read_qr_codes
from kagaz.synth import aadhaar
from kagaz.synth.secure_qr import QrPerson, payload, qr_image
from kagaz.synth.secure_qr import test_signer as signer

pytest_plugins = ["console_helpers"]  # fixtures: server, browser


@pytest.fixture(scope="module")
def engine(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The session's engine with the synthetic QR's test certificate added to UIDAI's."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    folder = tmp_path_factory.mktemp("uidai")
    (folder / "test.pem").write_bytes(signer()[1])
    return Engine(EngineSettings(ocr_threads=1, uidai_certificates_dir=folder), ocr=engine.ocr)


def _cards() -> dict[str, bytes]:
    genuine = aadhaar.back(random.Random(3)).image
    forged = genuine.copy()
    [code] = read_qr_codes(forged)
    x0, y0, x1, y1 = (int(v) for v in code.box)
    other = payload(QrPerson("Somebody Else", "01-01-1980", "M", {"state": "Goa"}, "0000"),
                    signer("a forger")[0])
    forged.paste(qr_image(other, max(x1 - x0, y1 - y0) + 16), (x0 - 8, y0 - 8))
    out = {}
    for name, img in (("genuine.png", genuine), ("forged.png", forged)):
        buf = io.BytesIO()
        img.save(buf, "PNG")
        out[name] = buf.getvalue()
    return out


def _wait(server: Server, token: str, file_uuid: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        status, doc = server.json("GET", f"/v1/console/documents/{file_uuid}", token=token)
        assert status == 200, doc
        if doc["status"] in ("done", "failed"):
            return doc
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_the_console_shows_the_qr_badge(server: Server, browser: Any) -> None:
    creds = server.new_client("qr")
    token = server.token(creds)
    status, body = server.upload(token, _cards())
    assert status == 201, body
    uuids = {n: item["file_uuid"] for n, item in zip(("genuine.png", "forged.png"), body, strict=True)}
    docs = {name: _wait(server, token, u) for name, u in uuids.items()}
    assert docs["genuine.png"]["file_data"]["validations"]["aadhaar_qr"]["valid"] is True
    assert docs["forged.png"]["file_data"]["validations"]["aadhaar_qr"]["signature_valid"] is False

    badges = {}
    for name, u in uuids.items():
        # A browser of its own for each document: going from one document's hash to the next in
        # one page could read the first one's badges before the second one's were drawn.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        sign_in(page, server, creds)
        page.goto(f"{server.base}/console#/doc/{u}")
        page.wait_for_selector(".page-head .chip")
        badges[name] = [c.inner_text() for c in page.query_selector_all(".page-head .chip")]
        context.close()
    assert "UIDAI QR verified" in badges["genuine.png"]
    assert "QR not verified: signature invalid" in badges["forged.png"]
