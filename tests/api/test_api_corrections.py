"""Reviewers' corrections: PUT a field, read it back corrected everywhere fields are shown,
export the latest corrections as JSON lines (ground truth)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from api_helpers import Api, make_settings, pan_pdf

from kagaz.database.db import Database
from kagaz.services.results import apply_corrections, overlay
from kagaz.settings import WorkerSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _put(api: Api, token: str, file_uuid: str, field: str, body: Any) -> Any:
    return api.client.put(f"/v1/files/{file_uuid}/fields/{field}", json=body, headers={"Token": token})


def _read_pan(api: Api, token: str, data: bytes | None = None, family: str = "bulk") -> dict[str, Any]:
    r = api.client.post(f"/v1/{family}/upload", files=[("files", ("pan.pdf", data or pan_pdf(), "application/pdf"))],
                        headers={"Token": token})
    assert r.status_code == 201, r.text
    (item,) = api.wait_final(token, r.json()[0]["batch_id"])
    assert item["status"] == "done"
    return {**item, "batch_id": r.json()[0]["batch_id"]}


def test_correction_is_served_and_exported(api: Api) -> None:
    creds = api.new_client("acme-lending")
    token = api.token(creds)
    pdf = pan_pdf()
    item = _read_pan(api, token, pdf)
    original = item["file_data"]["name_as_per_pan"]
    assert original["value"] == "RAHUL KUMAR"

    r = _put(api, token, item["file_uuid"], "name_as_per_pan", {"value": "RAHUL KUMAR SINGH"})
    assert r.status_code == 200, r.text
    first = r.json()
    assert set(first) == {"file_uuid", "field", "value", "previous_value", "reviewer", "corrected_at"}
    assert first["field"] == "name_as_per_pan" and first["value"] == "RAHUL KUMAR SINGH"
    assert first["previous_value"] == "RAHUL KUMAR"
    assert first["reviewer"] == "acme-lending"  # default: the client's name
    assert dt.datetime.fromisoformat(first["corrected_at"].replace("Z", "+00:00"))

    # The latest correction wins; it replaced the first correction.
    r = _put(api, token, item["file_uuid"], "name_as_per_pan", {"value": "RAHUL K SINGH", "reviewer": "Priya"})
    assert r.status_code == 200
    assert r.json()["previous_value"] == "RAHUL KUMAR SINGH" and r.json()["reviewer"] == "Priya"
    # "Not on the document": null
    assert _put(api, token, item["file_uuid"], "dob", {"value": None}).status_code == 200

    for family in ("bulk", "docstream"):
        (shown,) = api.extracts(token, item["batch_id"], family=family).json()["data"]
        name = shown["file_data"]["name_as_per_pan"]
        assert name["value"] == "RAHUL K SINGH" and name["confidence_score"] == 1.0 and name["corrected"] is True
        assert name["page"] == original["page"] and name["bbox"] == original["bbox"]
        assert shown["file_data"]["dob"]["value"] is None and shown["file_data"]["dob"]["corrected"] is True
        assert "corrected" not in shown["file_data"]["pan_number"]

    r = api.client.get("/v1/corrections/export", headers={"Token": token})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x["field"] for x in lines] == ["name_as_per_pan", "dob"]  # one line per field, latest
    name = lines[0]
    assert {"file_uuid", "document_id", "document_type", "field", "value", "previous_value", "reviewer",
            "corrected_at", "original_sha256"} <= set(name)
    assert name["value"] == "RAHUL K SINGH" and name["previous_value"] == "RAHUL KUMAR SINGH"
    assert name["engine_value"] == "RAHUL KUMAR" and name["document_type"] == "PAN"
    assert name["document_id"] == "pan.pdf" and name["file_uuid"] == item["file_uuid"]
    assert name["original_sha256"] == hashlib.sha256(pdf).hexdigest()

    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    r = api.client.get("/v1/corrections/export", params={"since": later.isoformat()}, headers={"Token": token})
    assert r.status_code == 200 and r.text == ""
    r = api.client.get("/v1/corrections/export", params={"since": "2000-01-01T00:00:00Z"}, headers={"Token": token})
    assert len(r.text.splitlines()) == 2
    assert api.client.get("/v1/corrections/export", params={"since": "yesterday"},
                          headers={"Token": token}).status_code == 400

    # The function the Flow API's extracts and callbacks (and the console) apply.
    db = Database(api.settings.resolved_database_url())
    with db.connect() as conn:
        results = {item["file_uuid"]: json.loads(json.dumps(item["file_data"])), "other-uuid": {"x": 1}}
        assert apply_corrections(conn, results) is results
    db.dispose()
    assert results[item["file_uuid"]]["name_as_per_pan"]["value"] == "RAHUL K SINGH"
    assert results[item["file_uuid"]]["name_as_per_pan"]["corrected"] is True
    assert results["other-uuid"] == {"x": 1}

    # Another client sees none of it, and cannot correct it.
    other = api.token(api.new_client("other"))
    assert api.client.get("/v1/corrections/export", headers={"Token": other}).text == ""
    r = _put(api, other, item["file_uuid"], "name_as_per_pan", {"value": "X"})
    assert r.status_code == 404 and r.json()["error_code"] == "404"


BAD = [
    ("no_such_field", {"value": "x"}, 404),
    ("document_type", {"value": "AADHAAR"}, 404),
    ("pan_number[0].x", {"value": "x"}, 404),
    ("pan_number", {"value": 12}, 400),
    ("pan_number", {"value": "x", "extra": 1}, 400),
    ("pan_number", {}, 400),
    ("pan_number", {"value": "x", "reviewer": ""}, 400),
    ("pan_number", {"value": "x" * 5000}, 400),
]


def test_bad_corrections_are_refused(api: Api) -> None:
    token = api.token(api.new_client())
    item = _read_pan(api, token)
    for field, body, status in BAD:
        r = _put(api, token, item["file_uuid"], field, body)
        assert r.status_code == status, (field, body, r.text)
        assert set(r.json()) == {"error_code", "error_message"}
    r = api.client.put(f"/v1/files/{item['file_uuid']}/fields/pan_number", content=b"{not json",
                       headers={"Token": token, "Content-Type": "application/json"})
    assert r.status_code == 422
    (shown,) = api.extracts(token, item["batch_id"]).json()["data"]
    assert not any(isinstance(v, dict) and v.get("corrected") for v in shown["file_data"].values())


def test_unknown_file_is_404_and_unfinished_document_is_409(make_api: Any, tmp_path: Path) -> None:
    api = make_api(make_settings(tmp_path, worker=WorkerSettings(count=0)))  # nothing gets read
    token = api.token(api.new_client())
    r = api.client.post("/v1/bulk/upload", files=[("files", ("pan.pdf", pan_pdf(), "application/pdf"))],
                        headers={"Token": token})
    file_uuid = r.json()[0]["file_uuid"]
    r = _put(api, token, file_uuid, "pan_number", {"value": "ABCPK1234F"})
    assert r.status_code == 409 and r.json()["error_code"] == "409"
    r = _put(api, token, "00000000-0000-0000-0000-000000000000", "pan_number", {"value": "x"})
    assert r.status_code == 404
    assert api.client.put(f"/v1/files/{file_uuid}/fields/pan_number", json={"value": "x"}).status_code == 401


def test_overlay_of_scalar_fields_and_list_rows() -> None:
    data = {
        "document_type": "BANK_STATEMENT",
        "account_number": {"value": "1234", "confidence_score": 0.7, "page": 1, "bbox": [0.1, 0.1, 0.2, 0.2]},
        "transactions": {"value": [{"date": "01/04/2024", "debit": "10.00", "confidence_score": 0.8},
                                   {"date": "02/04/2024", "debit": "20.00", "confidence_score": 0.8}],
                         "confidence_score": 0.8},
    }
    overlay(data, {"account_number": "12345", "transactions[1].debit": "200.00",
                   "transactions[9].debit": "1", "gone": "x"})
    assert data["account_number"] == {"value": "12345", "confidence_score": 1.0, "corrected": True,
                                      "page": 1, "bbox": [0.1, 0.1, 0.2, 0.2]}
    rows = data["transactions"]["value"]
    assert rows[0] == {"date": "01/04/2024", "debit": "10.00", "confidence_score": 0.8}
    assert rows[1]["debit"] == "200.00" and rows[1]["corrected"] is True
    assert "gone" not in data
