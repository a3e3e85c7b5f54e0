"""formatted_address on the wire: every address a type declares comes with its split, in the
reference's shape ({"value": {address_line_1, address_line_2, city, state, postcode},
"confidence_score"}), for types that never wrote one themselves too."""

from __future__ import annotations

import pytest
from api_helpers import Api

from kagaz.doctypes import registry
from kagaz.doctypes.fields import formatted_key, names_of
from kagaz.fetch.testing import DocServer
from kagaz.synth import generate

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

PARTS = {"address_line_1", "address_line_2", "city", "state", "postcode"}


@pytest.mark.parametrize("doc_type", ["GST_CERT", "DELIVERY_ORDER", "SALE_DEED", "INVOICE"])
def test_every_declared_address_is_formatted(api: Api, doc_server: DocServer, doc_type: str) -> None:
    sample = generate(doc_type, 1, "pdf_text")
    token = api.token(api.new_client())
    rows = api.upload(token, [doc_server.add(f"/{doc_type}.pdf", sample.data)])
    (item,) = api.wait_final(token, rows[0]["batch_id"], timeout=60)
    data = item["file_data"]
    assert item["status"] == "done" and data["document_type"] == doc_type, item
    addresses = names_of(registry()[doc_type].FIELDS, "address") & data.keys()
    assert addresses, data.keys()
    for key in addresses:
        formatted = data[formatted_key(key)]
        assert set(formatted["value"]) == PARTS
        assert formatted["value"]["postcode"] and formatted["value"]["postcode"] in data[key]["value"]
        assert formatted["value"]["state"]
        assert 0 < formatted["confidence_score"] <= data[key]["confidence_score"]
        # Where the address is printed (the provenance stage fits each box to its own value).
        (ax0, ay0, ax1, ay1), (fx0, fy0, fx1, fy1) = data[key]["bbox"], formatted["bbox"]
        assert formatted["page"] == data[key]["page"]
        assert fx0 < ax1 and ax0 < fx1 and fy0 < ay1 and ay0 < fy1
