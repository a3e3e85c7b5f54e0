"""Flow API v3 end to end: real documents served by DocServer, the real engine, and a real
lender (auth_url + callback_url) on 127.0.0.1 receiving signed callbacks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Api, make_settings, pan_pdf, text_pdf

from kagaz.callbacks.signing import new_secret
from kagaz.callbacks.testing import Answer, Receiver
from kagaz.fetch.testing import DocServer
from kagaz.settings import CallbackSettings, Settings
from kagaz.database import callbacks as db_callbacks
from kagaz.database.db import Database, utcnow

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

V3 = "/v3/verification"
AADHAAR_NUMBER = "726018159082"  # Verhoeff-valid; must never leave kagaz unmasked
ADDRESS = "Address: S/O Suresh Kumar, 12 MG Road, Indiranagar, Bengaluru, Karnataka - 560038"


def aadhaar_pdf(name: str = "RAHUL KUMAR") -> bytes:
    return text_pdf(
        [
            "Government of India",
            name,
            "DOB: 15/08/1990",
            "Male",
            AADHAAR_NUMBER[:4] + " " + AADHAAR_NUMBER[4:8] + " " + AADHAAR_NUMBER[8:],
            "Aadhaar - Aam Aadmi ka Adhikar",
            ADDRESS,
        ]
    )


def bank_pdf(name: str = "RAHUL KUMAR") -> bytes:
    return text_pdf(
        [
            "State Bank of India",
            "Account Statement",
            f"Account Name: {name}",
            "Account Number: 30012345678",
            "IFSC: SBIN0001234",
            "Address: 12 MG Road, Indiranagar, Bengaluru, Karnataka - 560038",
            "Statement Period: 01/04/2024 to 30/04/2024",
            "Date  Description  Debit  Credit  Balance",
            "01/04/2024  Opening Balance    10000.00",
            "05/04/2024  SALARY APRIL   50000.00  60000.00",
            "10/04/2024  ATM WITHDRAWAL  2000.00   58000.00",
        ]
    )


def flow_settings(tmp_path: Path, **callbacks: Any) -> Settings:
    options: dict[str, Any] = {
        "retry_schedule": (0.05, 0.1),
        "poll_seconds": 0.05,
        "connect_timeout": 1,
        "read_timeout": 0.5,
        "total_timeout": 1,
    }
    options.update(callbacks)
    return make_settings(tmp_path, callbacks=CallbackSettings(**options))


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


@pytest.fixture
def flow_api(make_api: Any, tmp_path: Path) -> Api:
    return make_api(flow_settings(tmp_path))


def v3_token(api: Api, creds: tuple[str, str]) -> str:
    r = api.client.post(
        f"{V3}/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"access_token", "expires_in"}
    return str(r.json()["access_token"])


def init_flow(api: Api, token: str, rx: Receiver, **extra: Any) -> str:
    body = {
        "product_type": "POC_CDL",
        "application_id": "LOS-2291",
        "auth_url": rx.url("/auth"),
        "callback_url": rx.url("/cb"),
        "flow_params": {"branch": "Pune", "loan_amount": 45000},
        **extra,
    }
    r = api.client.post(f"{V3}/flow/init", json=body, headers={"Token": token})
    assert r.status_code == 201, r.text
    assert set(r.json()) == {"flow_uuid"}
    return str(r.json()["flow_uuid"])


def upload(api: Api, token: str, flow_uuid: str, urls: list[str]) -> list[dict[str, str]]:
    body = {
        "flow_uuid": flow_uuid,
        "file_urls": [{"file_url": u, "document_id": str(i + 1)} for i, u in enumerate(urls)],
    }
    r = api.client.post(f"{V3}/multiupload", json=body, headers={"Token": token})
    assert r.status_code == 201, r.text
    return list(r.json())


def get(api: Api, token: str, path: str, flow_uuid: str) -> Any:
    return api.client.get(f"{V3}/{path}", params={"flow_uuid": flow_uuid}, headers={"Token": token})


def wait_master(api: Api, token: str, flow_uuid: str, timeout: float = 60.0) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        r = get(api, token, "status", flow_uuid)
        assert r.status_code == 200, r.text
        if r.json()["master_status"] in ("SUCCESS", "FAILED"):
            return dict(r.json())
        if time.monotonic() > deadline:
            raise AssertionError(f"flow not done in {timeout}s: {r.json()}")
        time.sleep(0.05)


def wait_log(api: Api, token: str, flow_uuid: str, done: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        r = get(api, token, "callbacks", flow_uuid)
        assert r.status_code == 200, r.text
        if done(r.json()["deliveries"]):
            return r.json()["deliveries"]
        if time.monotonic() > deadline:
            raise AssertionError(f"delivery log: {r.json()}")
        time.sleep(0.05)


def delivered(deliveries: list[dict[str, Any]]) -> bool:
    return bool(deliveries) and all(d["status"] == "delivered" for d in deliveries)


def webhook_secret(api: Api, client_id: str) -> str:
    db = Database(api.settings.resolved_database_url())
    try:
        with db.session() as s:
            return db_callbacks.get_or_create_secret(
                s, client_id=client_id, now=utcnow(), new=new_secret
            )
    finally:
        db.dispose()


def check_signature(secret: str, headers: dict[str, str], body: bytes) -> None:
    """What a lender does (docs/flows.md), written here without kagaz's own code."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert any(hmac.compare_digest(expected, s) for s in headers["webhook-signature"].split())
    assert abs(time.time() - int(headers["webhook-timestamp"])) < 300


def without_links(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        item = dict(item)
        if isinstance(item.get("aadhaar_number"), dict):
            item["aadhaar_number"] = {
                k: v for k, v in item["aadhaar_number"].items() if k != "redact_url"
            }
        out.append(item)
    return out


def names_check(cross_checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in cross_checks if "name" in str(c.get("field", "")).lower()]


@pytest.mark.slow
def test_same_person_flow_end_to_end(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    creds = flow_api.new_client()
    token = v3_token(flow_api, creds)
    rx.script("/cb", Answer(500), Answer(502))  # the lender fails twice, then takes it
    flow_uuid = init_flow(flow_api, token, rx)
    assert get(flow_api, token, "status", flow_uuid).json() == {
        "upload_status": "NOT_STARTED",
        "processing_status": "NOT_STARTED",
        "crossheck_status": "NOT_STARTED",
        "master_status": "NOT_STARTED",
    }
    urls = [
        doc_server.add("/pan.pdf", pan_pdf()),
        doc_server.add("/aadhaar.pdf", aadhaar_pdf()),
    ]
    first = upload(flow_api, token, flow_uuid, urls)
    second = upload(flow_api, token, flow_uuid, [doc_server.add("/bank.pdf", bank_pdf())])
    assert len({f["batch_id"] for f in first}) == 1
    assert first[0]["batch_id"] != second[0]["batch_id"]
    assert [f["document_id"] for f in first + second] == ["1", "2", "1"]

    status = wait_master(flow_api, token, flow_uuid)
    assert status == {
        "upload_status": "SUCCESS",
        "processing_status": "SUCCESS",
        "crossheck_status": "COMPLETED",
        "master_status": "SUCCESS",
    }
    extracts = get(flow_api, token, "extracts", flow_uuid).json()
    ocr = extracts["ocr_data"]
    assert [d["document_type"] for d in ocr] == ["PAN", "AADHAAR", "BANK_STATEMENT"]
    assert [d["file_uuid"] for d in ocr] == [f["file_uuid"] for f in first + second]
    assert all(d["error_code"] is None for d in ocr)
    assert ocr[0]["name_as_per_pan"]["value"] == "RAHUL KUMAR"
    assert ocr[1]["aadhaar_number"]["value"].endswith(AADHAAR_NUMBER[-4:])
    # The statement's analysis (issue 19) comes with its fields, in extracts and callbacks alike.
    assert ocr[2]["analysis"]["monthly"][0]["month"] == "2024-04"

    deliveries = wait_log(flow_api, token, flow_uuid, delivered)
    (delivery,) = deliveries
    assert [a["status"] for a in delivery["attempts"]] == ["failed", "failed", "delivered"]
    assert [a["http_status"] for a in delivery["attempts"]] == [500, 502, 200]
    calls = rx.calls_to("/cb")
    assert len(calls) == 3 and len(rx.calls_to("/auth")) == 3
    assert {c.headers["webhook-id"] for c in calls} == {delivery["webhook_id"]}
    final = calls[-1]
    check_signature(webhook_secret(flow_api, creds[0]), final.headers, final.body)
    assert final.headers["Token"] == "lender-token-1"
    assert AADHAAR_NUMBER.encode() not in final.body
    payload = final.json()
    assert payload["application_id"] == "LOS-2291"
    assert payload["flow_params"] == {"branch": "Pune", "loan_amount": 45000}
    assert payload["master_status"] == "SUCCESS"
    # The callback carries what extracts answers (redact links are minted per read only).
    assert payload["ocr_data"] == without_links(ocr)
    assert payload["cross_checks"] == extracts["cross_checks"]
    checks = extracts["cross_checks"]
    assert checks, "the same person's PAN, Aadhaar and bank statement are cross-checked"
    assert all(c["result"] != "MISMATCH" for c in checks), checks
    assert names_check(checks) and all(c["result"] == "MATCH" for c in names_check(checks))
    assert all(
        c["similarity_score"] is None or 0 <= c["similarity_score"] <= 100 for c in checks
    )

    # A reviewer's correction is what the flow's extracts show from then on.
    pan_uuid = first[0]["file_uuid"]
    r = flow_api.client.put(
        f"/v1/files/{pan_uuid}/fields/name_as_per_pan",
        json={"value": "RAHUL KUMAR SINGH", "reviewer": "ops-1"},
        headers={"Token": token},
    )
    assert r.status_code == 200, r.text
    corrected = get(flow_api, token, "extracts", flow_uuid).json()["ocr_data"][0]
    assert corrected["name_as_per_pan"]["value"] == "RAHUL KUMAR SINGH"
    assert corrected["name_as_per_pan"]["confidence_score"] == 1.0
    assert corrected["name_as_per_pan"]["corrected"] is True


@pytest.mark.slow
def test_mismatching_name_auth_refusal_and_silent_receiver(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    rx.script("/auth", Answer(401, {"error": "invalid client"}))
    rx.script("/cb", Answer(200, delay=30))  # never answers in time the first time it is called
    flow_uuid = init_flow(flow_api, token, rx)
    urls = [
        doc_server.add("/pan.pdf", pan_pdf(name="VIKRAM SINGH RATHORE")),
        doc_server.add("/aadhaar.pdf", aadhaar_pdf()),
    ]
    upload(flow_api, token, flow_uuid, urls)
    assert wait_master(flow_api, token, flow_uuid)["master_status"] == "SUCCESS"
    checks = get(flow_api, token, "extracts", flow_uuid).json()["cross_checks"]
    assert any(c["result"] == "MISMATCH" for c in names_check(checks)), checks
    started = time.monotonic()
    (delivery,) = wait_log(flow_api, token, flow_uuid, delivered)
    assert time.monotonic() - started < 10  # the silent receiver held a sender for ≤ 1 s
    attempts = delivery["attempts"]
    assert [a["status"] for a in attempts] == ["auth_failed", "timeout", "delivered"]
    assert attempts[0]["http_status"] == 401 and attempts[1]["http_status"] is None
    assert len(rx.calls_to("/cb")) == 2


def test_a_correction_computes_a_completed_flows_cross_checks_again(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    flow_uuid = init_flow(flow_api, token, rx)
    upload(flow_api, token, flow_uuid, [
        doc_server.add("/pan.pdf", pan_pdf(name="VIKRAM SINGH RATHORE")),
        doc_server.add("/aadhaar.pdf", aadhaar_pdf()),
    ])
    assert wait_master(flow_api, token, flow_uuid)["master_status"] == "SUCCESS"
    wait_log(flow_api, token, flow_uuid, delivered)
    body = get(flow_api, token, "extracts", flow_uuid).json()
    assert [c["result"] for c in names_check(body["cross_checks"])] == ["MISMATCH"]
    pan = next(d for d in body["ocr_data"] if d["document_type"] == "PAN")

    # A reviewer puts the name on the PAN right (say OCR had misread it).
    r = flow_api.client.put(f"/v1/files/{pan['file_uuid']}/fields/name_as_per_pan",
                            json={"value": "RAHUL KUMAR"}, headers={"Token": token})
    assert r.status_code == 200, r.text
    checks = names_check(get(flow_api, token, "extracts", flow_uuid).json()["cross_checks"])
    assert [c["result"] for c in checks] == ["MATCH"]
    assert checks[0]["source_value"] == "RAHUL KUMAR" or checks[0]["target_value"] == "RAHUL KUMAR"
    # the callback already delivered is not sent again by a correction
    time.sleep(0.3)
    assert len(rx.calls_to("/cb")) == 1


def test_failed_download_fails_the_flow_and_is_still_called_back(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    flow_uuid = init_flow(flow_api, token, rx)
    upload(flow_api, token, flow_uuid, [doc_server.add("/gone.pdf", b"", status=404)])
    status = wait_master(flow_api, token, flow_uuid)
    assert status == {
        "upload_status": "FAILED",
        "processing_status": "FAILED",
        "crossheck_status": "COMPLETED",
        "master_status": "FAILED",
    }
    wait_log(flow_api, token, flow_uuid, delivered)
    payload = rx.calls_to("/cb")[0].json()
    assert payload["master_status"] == "FAILED"
    assert payload["ocr_data"][0]["error_code"] == "FETCH_FAILED"
    assert payload["cross_checks"] == []


def test_unrecognised_document_does_not_fail_the_flow(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    flow_uuid = init_flow(flow_api, token, rx)
    url = doc_server.add("/note.pdf", text_pdf(["Grocery list", "milk", "bread", "eggs"]))
    upload(flow_api, token, flow_uuid, [url])
    status = wait_master(flow_api, token, flow_uuid)
    assert status["master_status"] == "SUCCESS" and status["processing_status"] == "SUCCESS"
    (item,) = get(flow_api, token, "extracts", flow_uuid).json()["ocr_data"]
    assert item["error_code"] == "UNRECOGNISED"


def test_reopened_flow_completes_again_and_replay(
    flow_api: Api, doc_server: DocServer, rx: Receiver
) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    flow_uuid = init_flow(flow_api, token, rx)
    r = flow_api.client.post(
        f"{V3}/callbacks/replay", json={"flow_uuid": flow_uuid}, headers={"Token": token}
    )
    assert r.status_code == 409 and "not completed" in r.json()["error_message"]
    upload(flow_api, token, flow_uuid, [doc_server.add("/a.pdf", b"", status=404)])
    wait_master(flow_api, token, flow_uuid)
    wait_log(flow_api, token, flow_uuid, delivered)
    upload(flow_api, token, flow_uuid, [doc_server.add("/b.pdf", b"", status=404)])
    wait_master(flow_api, token, flow_uuid)
    deliveries = wait_log(flow_api, token, flow_uuid, lambda d: len(d) == 2 and delivered(d))
    assert [(d["completion"], d["replay"]) for d in deliveries] == [(1, 0), (2, 0)]
    assert len(rx.calls_to("/cb")[-1].json()["ocr_data"]) == 2

    r = flow_api.client.post(
        f"{V3}/callbacks/replay",
        json={"flow_uuid": flow_uuid, "delivery_id": deliveries[0]["delivery_id"]},
        headers={"Token": token},
    )
    assert r.status_code == 202, r.text
    replayed = r.json()
    assert replayed["completion"] == 1 and replayed["replay"] == 1
    assert replayed["delivery_id"] not in {d["delivery_id"] for d in deliveries}
    wait_log(flow_api, token, flow_uuid, lambda d: len(d) == 3 and delivered(d))
    last = rx.calls_to("/cb")[-1]
    assert last.headers["webhook-id"] == replayed["delivery_id"]
    assert len(last.json()["ocr_data"]) == 1  # completion 1's payload, as it was sent then


# -- the wire contract, without waiting for documents -------------------------------------


def _error(r: Any, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error_code", "error_message"} and body["error_code"] == str(status)
    return str(body["error_message"])


def test_flow_init_names_every_missing_field(flow_api: Api, rx: Receiver) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    r = flow_api.client.post(
        f"{V3}/flow/init",
        json={"product_type": "POC_CDL", "auth_url": rx.url("/auth"), "application_id": " "},
        headers={"Token": token},
    )
    assert _error(r, 400) == (
        "Bad Request: Missing or empty required parameters: ['application_id', 'callback_url']"
    )
    r = flow_api.client.post(f"{V3}/flow/init", json={}, headers={"Token": token})
    assert _error(r, 400).endswith(
        "['product_type', 'application_id', 'auth_url', 'callback_url']"
    )
    r = flow_api.client.post(f"{V3}/flow/init", content=b"{nope", headers={"Token": token})
    _error(r, 422)
    r = flow_api.client.post(f"{V3}/flow/init", json={"product_type": "X"})
    _error(r, 401)


MALFORMED = [
    ({"callback_url": "ftp://lender.example/cb"}, "callback_url"),
    ({"auth_url": "not a url"}, "auth_url"),
    ({"callback_url": "http://169.254.169.254/latest"}, "callback_url"),
    ({"flow_params": ["a"]}, "flow_params"),
    ({"auth_config": {"method": "DELETE"}}, "auth_config.method"),
    ({"application_id": "x" * 300}, "application_id"),
]


def test_flow_init_refuses_malformed_values(flow_api: Api, rx: Receiver) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    for change, named in MALFORMED:
        body = {
            "product_type": "POC_CDL",
            "application_id": "LOS-1",
            "auth_url": rx.url("/auth"),
            "callback_url": rx.url("/cb"),
            **change,
        }
        r = flow_api.client.post(f"{V3}/flow/init", json=body, headers={"Token": token})
        message = _error(r, 400)
        assert message.startswith("Bad Request: Invalid parameters: ") and named in message


def test_private_callback_address_refused_at_init_unless_allowed(
    make_api: Any, tmp_path: Path
) -> None:
    api = make_api(flow_settings(tmp_path, enabled=False), run_workers=False)
    api.settings.fetch_allow_private = ""  # the production default: loopback is refused
    token = v3_token(api, api.new_client())
    body = {
        "product_type": "POC_CDL",
        "application_id": "LOS-1",
        "auth_url": "https://lender.example/auth",  # a host name: checked at delivery
        "callback_url": "http://127.0.0.1:9/cb",
    }
    r = api.client.post(f"{V3}/flow/init", json=body, headers={"Token": token})
    assert "callback_url (Refused to connect to a loopback address)" in _error(r, 400)
    for spelled in ("http://2130706433/cb", "http://[::1]:8080/cb", "http://10.1.2.3/cb"):
        r = api.client.post(
            f"{V3}/flow/init", json={**body, "callback_url": spelled}, headers={"Token": token}
        )
        assert "callback_url (Refused to connect" in _error(r, 400), spelled
    api.settings.fetch_allow_private = "127.0.0.1"  # tests reach their receiver this way
    r = api.client.post(f"{V3}/flow/init", json=body, headers={"Token": token})
    assert r.status_code == 201, r.text


def test_unknown_and_foreign_flows_answer_409(flow_api: Api, rx: Receiver) -> None:
    mine = v3_token(flow_api, flow_api.new_client("a"))
    theirs = v3_token(flow_api, flow_api.new_client("b"))
    flow_uuid = init_flow(flow_api, theirs, rx)
    for fid in (flow_uuid, "ec57821d-d766-4e24-81ef-a2768094511b", "LOS-17cab13b", "x" * 100):
        for path in ("status", "extracts", "callbacks"):
            r = get(flow_api, mine, path, fid)
            assert _error(r, 409) == "Resource Conflict: Flow not found"
        r = flow_api.client.post(
            f"{V3}/multiupload",
            json={"flow_uuid": fid, "file_urls": [{"file_url": "https://x.example/a.pdf",
                                                   "document_id": "1"}]},
            headers={"Token": mine},
        )
        assert _error(r, 409) == "Resource Conflict: Flow not found"
        r = flow_api.client.post(
            f"{V3}/callbacks/replay", json={"flow_uuid": fid}, headers={"Token": mine}
        )
        assert _error(r, 409) == "Resource Conflict: Flow not found"
    assert get(flow_api, theirs, "status", flow_uuid).status_code == 200


def test_missing_flow_uuid_messages(flow_api: Api) -> None:
    token = v3_token(flow_api, flow_api.new_client())
    for path in ("status", "extracts", "callbacks"):
        r = flow_api.client.get(f"{V3}/{path}", headers={"Token": token})
        assert _error(r, 400) == "Bad Request: Missing required ['flow_uuid'] parameters"
    r = flow_api.client.post(
        f"{V3}/multiupload",
        json={"file_urls": [{"file_url": "https://x.example/a.pdf", "document_id": "1"}]},
        headers={"Token": token},
    )
    assert _error(r, 400) == "Bad Request: Missing or empty required parameters: ['flow_uuid']"
    r = flow_api.client.post(
        f"{V3}/multiupload", json={"flow_uuid": "f", "file_urls": []}, headers={"Token": token}
    )
    assert "file_urls" in _error(r, 400)


def test_v3_tokens_are_the_same_tokens(flow_api: Api) -> None:
    creds = flow_api.new_client()
    token = v3_token(flow_api, creds)
    r = flow_api.client.get("/v1/bulk/extracts", params={"batch_id": "x"}, headers={"Token": token})
    assert r.status_code == 400  # accepted as a token: the batch is what is unknown
    bulk = flow_api.token(creds)
    assert flow_api.client.get(f"{V3}/status", params={"flow_uuid": "x"},
                               headers={"Token": bulk}).status_code == 409
    r = flow_api.client.post(f"{V3}/authtoken", headers={"Client-Id": creds[0]})
    assert _error(r, 400) == "Bad Request: Missing Client-Id or Client-Secret"
    paths = flow_api.client.get("/openapi.json").json()["paths"]
    for path in ("authtoken", "flow/init", "multiupload", "status", "extracts", "callbacks",
                 "callbacks/replay"):
        assert f"{V3}/{path}" in paths
    assert "/v1/address/match/batch" in paths
