"""aadhaar_number.redact_url: an absolute, signed, expiring kagaz link to the masked image."""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from api_helpers import Api, make_settings, pan_pdf, png_bytes

from kagaz.model import ExtractResult, Field, Status
from kagaz.settings import ApiSettings
from kagaz.database import clients
from kagaz.database.db import Database, utcnow
from kagaz.database.models import StoredDocument

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

MASKED_PNG = png_bytes((120, 80))


def aadhaar_processor(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
    """Engine double at the seam: an Aadhaar result with a full number and a masked image."""
    return ExtractResult(
        document_type="AADHAAR",
        fields={
            "name": Field(value="D MANIKANDAN", confidence_score=0.95),
            # A full number: the worker must mask it before it reaches the database.
            "aadhaar_number": Field(value="2345 6789 9012", confidence_score=0.99),
        },
        status=Status.SUCCESS,
        artifacts={"aadhaar_redacted": MASKED_PNG},
    )


@pytest.fixture
def aadhaar_api(make_api: Any, tmp_path: Any) -> Api:
    return make_api(
        make_settings(tmp_path, api=ApiSettings(redact_link_ttl_seconds=60)),
        processor_factory=lambda: aadhaar_processor,
    )


def _finished(api: Api, doc_server: Any) -> tuple[str, dict[str, Any], tuple[str, str]]:
    creds = api.new_client()
    token = api.token(creds)
    rows = api.upload(token, [doc_server.add("/aadhaar.pdf", pan_pdf())])
    (item,) = api.wait_final(token, rows[0]["batch_id"])
    return token, item, creds


def test_redact_url_serves_the_masked_image(aadhaar_api: Api, doc_server: Any) -> None:
    _, item, _ = _finished(aadhaar_api, doc_server)
    field = item["file_data"]["aadhaar_number"]
    assert field["value"] == "XXXX XXXX 9012"
    url = field["redact_url"]
    assert url.startswith("http://testserver/v1/files/redacted/")
    r = aadhaar_api.client.get(urlsplit(url).path)  # no Token header needed: the link is the key
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.content == MASKED_PNG
    assert "no-store" in r.headers["cache-control"]


def test_full_aadhaar_number_never_reaches_the_database(aadhaar_api: Api, doc_server: Any) -> None:
    _finished(aadhaar_api, doc_server)
    db = Database(aadhaar_api.settings.resolved_database_url())
    with db.engine.connect() as conn:
        raw = conn.execute(sa.text("SELECT result FROM documents")).scalar_one()
    db.dispose()
    # The hidden digits in any spacing; a bare "2345" would also match a random UUID's hex.
    assert not re.search(r"2345\D?6789|6789\D?9012", raw) and "9012" in raw
    assert "redact_url" not in raw  # links are minted per request, never stored


def test_tampered_or_expired_links(aadhaar_api: Api, doc_server: Any) -> None:
    _, item, creds = _finished(aadhaar_api, doc_server)
    path = urlsplit(item["file_data"]["aadhaar_number"]["redact_url"]).path
    payload, sig = path.rsplit("/", 1)[1].split(".")
    flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
    for bad in (f"{payload}.{flipped}", f"{payload[:-2]}xx.{sig}", "x" * 20, f"{payload}."):
        r = aadhaar_api.client.get(f"/v1/files/redacted/{bad}")
        assert r.status_code == 401 and r.json()["error_code"] == "401", bad
    links = aadhaar_api.client.app.state.services.links  # type: ignore[attr-defined]
    expired = links.sign(
        file_uuid=item["file_uuid"],
        artifact="aadhaar_redacted",
        client_id=creds[0],
        now=time.time() - 120,
    )
    r = aadhaar_api.client.get(f"/v1/files/redacted/{expired}")
    assert r.status_code == 410
    assert r.json() == {"error_code": "410", "error_message": "Resource Gone: The link has expired"}
    other = links.sign(
        file_uuid=item["file_uuid"], artifact="aadhaar_redacted", client_id="kc_other"
    )
    assert (
        aadhaar_api.client.get(f"/v1/files/redacted/{other}").status_code == 401
    )  # unknown client
    services = aadhaar_api.client.app.state.services  # type: ignore[attr-defined]
    with services.db.session() as session:
        clients.revoke_client(session, client_id=creds[0], now=utcnow())
        session.commit()
    assert aadhaar_api.client.get(path).status_code == 401


def test_links_expire_relative_to_the_read(aadhaar_api: Api, doc_server: Any) -> None:
    token, item, _ = _finished(aadhaar_api, doc_server)
    services = aadhaar_api.client.app.state.services  # type: ignore[attr-defined]
    with services.db.session() as session:
        bid = session.scalar(sa.select(StoredDocument.batch_id))
    url = aadhaar_api.extracts(token, bid).json()["data"][0]["file_data"]["aadhaar_number"][
        "redact_url"
    ]
    payload = url.rsplit("/", 1)[1].split(".")[0]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert time.time() + 55 <= claims["e"] <= time.time() + 61  # ttl 60 s from this read
    assert claims["f"] == item["file_uuid"]


def test_public_base_url_setting(make_api: Any, tmp_path: Any, doc_server: Any) -> None:
    api = make_api(
        make_settings(tmp_path, api=ApiSettings(public_base_url="https://kagaz.lender.example/")),
        processor_factory=lambda: aadhaar_processor,
    )
    _, item, _ = _finished(api, doc_server)
    assert item["file_data"]["aadhaar_number"]["redact_url"].startswith(
        "https://kagaz.lender.example/v1/files/redacted/"
    )


def test_real_aadhaar_image_through_the_engine(
    make_api: Any, tmp_path: Any, doc_server: Any
) -> None:
    """One real image end to end: synthetic Aadhaar -> OCR -> masked number and masked image."""
    from kagaz.synth import generate

    doc = generate("AADHAAR", 0, "clean")
    api = make_api(make_settings(tmp_path))
    token = api.token(api.new_client())
    rows = api.upload(token, [doc_server.add(f"/aadhaar.{doc.ext}", doc.data)])
    (item,) = api.wait_final(token, rows[0]["batch_id"], timeout=90)
    assert item["status"] == "done" and item["file_data"]["document_type"] == "AADHAAR"
    field = item["file_data"]["aadhaar_number"]
    assert re.fullmatch(r"XXXX XXXX \d{4}", field["value"])
    r = api.client.get(urlsplit(field["redact_url"]).path)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert r.content.startswith(b"\x89PNG") and r.content != doc.data
