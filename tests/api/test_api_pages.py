"""GET /v1/files/{file_uuid}/pages/{page}: the page as the engine read it, for the review
console; Aadhaar numbers masked exactly where the redacted image masks them."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from api_helpers import Api, pan_pdf
from PIL import Image

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _upload(api: Api, token: str, name: str, data: bytes) -> dict[str, Any]:
    r = api.client.post("/v1/bulk/upload", files=[("files", (name, data, "application/octet-stream"))],
                        headers={"Token": token})
    assert r.status_code == 201, r.text
    (item,) = api.wait_final(token, r.json()[0]["batch_id"], timeout=60)
    return item


def test_page_image_is_served_to_its_owner_only(api: Api) -> None:
    token = api.token(api.new_client())
    item = _upload(api, token, "pan.pdf", pan_pdf())
    url = f"/v1/files/{item['file_uuid']}/pages/1"
    r = api.client.get(url, headers={"Token": token})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/jpeg"
    assert r.headers["cache-control"] == "private, max-age=300"
    assert r.headers["x-page-count"] == "1"
    im = Image.open(io.BytesIO(r.content))
    assert im.format == "JPEG" and max(im.size) <= 1600
    # the page the boxes refer to: the PAN's box holds dark ink on this image
    x0, y0, x1, y1 = item["file_data"]["pan_number"]["bbox"]
    crop = np.asarray(im.convert("L").crop((x0 * im.width, y0 * im.height, x1 * im.width, y1 * im.height)))
    assert crop.min() < 100 and np.asarray(im.convert("L")).mean() > 200

    assert api.client.get(f"/v1/files/{item['file_uuid']}/pages/2", headers={"Token": token}).status_code == 404
    other = api.token(api.new_client("other"))
    r = api.client.get(url, headers={"Token": other})
    assert r.status_code == 404 and r.json() == {"error_code": "404", "error_message": "Not Found: No such page"}
    unknown = api.client.get("/v1/files/00000000-0000-0000-0000-000000000000/pages/1", headers={"Token": token})
    assert unknown.json() == r.json()
    # the token goes in the header, never in the URL
    assert api.client.get(url, params={"token": token}).status_code == 401
    assert api.client.get(url).status_code == 401
    assert api.client.get(f"/v1/files/{item['file_uuid']}/pages/0", headers={"Token": token}).status_code == 400


def test_aadhaar_page_is_masked_like_the_redacted_image(api: Api) -> None:
    from kagaz.synth.generator import generate

    synth = generate("AADHAAR", 3, "clean")
    token = api.token(api.new_client())
    item = _upload(api, token, synth.filename(0), synth.data)
    data = item["file_data"]
    assert data["document_type"] == "AADHAAR"
    number = data["aadhaar_number"]
    assert number["value"].startswith("XXXX XXXX ")
    page = Image.open(io.BytesIO(api.client.get(
        f"/v1/files/{item['file_uuid']}/pages/1", headers={"Token": token}).content)).convert("L")
    redacted = Image.open(io.BytesIO(api.client.get(number["redact_url"]).content)).convert("RGB")
    # Where the redacted image is black but the card is not (the masked digits) ...
    original = Image.open(io.BytesIO(synth.data)).convert("L")
    assert original.size == redacted.size == page.size  # clean capture: nothing turned
    masked = (np.asarray(redacted) == 0).all(axis=2) & (np.asarray(original) > 60)
    assert masked.sum() > 500
    # ... the page image is black too (JPEG blurs the edges: look inside the boxes)
    inner = masked & np.roll(masked, 3, axis=0) & np.roll(masked, -3, axis=0) \
        & np.roll(masked, 3, axis=1) & np.roll(masked, -3, axis=1)
    assert inner.sum() > 200
    assert np.asarray(page)[inner].mean() < 40
    # and the number's box on the wire is where the masked digits are
    rows, cols = np.nonzero(masked)
    x0, y0, x1, y1 = number["bbox"]
    assert x0 * page.width <= cols.max() and x1 * page.width >= cols.min()
    assert y0 * page.height <= rows.max() and y1 * page.height >= rows.min()
