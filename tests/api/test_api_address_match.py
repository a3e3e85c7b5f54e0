"""POST /v1/address/match/batch: static credentials, 0-100 scores, per-target errors."""

from __future__ import annotations

from typing import Any

import pytest
from api_helpers import Api, make_settings

from kagaz.settings import CallbackSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

URL = "/v1/address/match/batch"
SOURCE = "Flat 12, Green View Apartments, MG Road, Bangalore"


@pytest.fixture
def address_api(make_api: Any, tmp_path: Any) -> Api:
    settings = make_settings(tmp_path, callbacks=CallbackSettings(enabled=False))
    return make_api(settings, run_workers=False)


def headers(creds: tuple[str, str]) -> dict[str, str]:
    return {"client_id": creds[0], "client_secret": creds[1]}


def _error(r: Any, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error_code", "error_message"} and body["error_code"] == str(status)
    return str(body["error_message"])


def test_reference_example(address_api: Api) -> None:
    creds = address_api.new_client()
    body = {
        "application_id": "lentra_app_001",
        "source_address": SOURCE,
        "target_addresses": [
            {"address": "12 Greenview Apt, Mahatma Gandhi Rd, Bengaluru", "index": 0},
            {"address": "45 Lake View, Whitefield, Bangalore", "index": 1},
            {"address": "  ", "index": 7},
            "Flat No. 12, Green View Apts, M.G. Road, Bengaluru",
        ],
    }
    r = address_api.client.post(URL, json=body, headers=headers(creds))
    assert r.status_code == 200, r.text
    items = r.json()["match_data"]
    assert [i["index"] for i in items] == [0, 1, 7, 3]
    assert all(i["source_address"] == SOURCE for i in items)
    same, other, empty, plain = items
    assert same["target_address"] == body["target_addresses"][0]["address"]
    assert same["result"] == "MATCH" and 80 <= same["similarity_score"] <= 100
    assert other["result"] == "MISMATCH" and 0 <= other["similarity_score"] < 60
    assert same["error_code"] is None and other["error_code"] is None
    assert empty["error_code"] == "NORMALIZATION_FAILED" and empty["similarity_score"] is None
    assert plain["result"] == "MATCH"
    # 0-10, the address score over ten (the reference: 89.92 beside 9); null with no score
    for item in (same, other, plain):
        assert item["same_person_score"] == int(item["similarity_score"] / 10 + 0.5)
    assert same["same_person_score"] >= 8 and other["same_person_score"] <= 5
    assert empty["same_person_score"] is None
    # The second call is served from the verified-credentials cache: same answer.
    again = address_api.client.post(URL, json=body, headers=headers(creds))
    assert again.json() == r.json()


def test_credentials(address_api: Api) -> None:
    creds = address_api.new_client()
    body = {"application_id": "a", "source_address": SOURCE, "target_addresses": [SOURCE]}
    assert "Missing client_id" in _error(address_api.client.post(URL, json=body), 401)
    wrong = {"client_id": creds[0], "client_secret": "ks_wrong"}
    assert _error(address_api.client.post(URL, json=body, headers=wrong), 401) == (
        "Authentication Error: Invalid client_id or client_secret"
    )
    # A JWT is not accepted here: the reference uses static credentials on this endpoint.
    token = address_api.token(creds)
    _error(address_api.client.post(URL, json=body, headers={"Token": token}), 401)
    # The capitalised spellings of the other families work too.
    r = address_api.client.post(
        URL, json=body, headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    assert r.status_code == 200


INVALID = [
    ({"source_address": SOURCE, "target_addresses": [SOURCE]}, 400,
     "Bad Request: Missing or empty required parameters: ['application_id']"),
    ({"application_id": "a", "target_addresses": [SOURCE]}, 400,
     "Bad Request: source_address or target_addresses is missing or invalid"),
    ({"application_id": "a", "source_address": SOURCE, "target_addresses": []}, 400,
     "Bad Request: source_address or target_addresses is missing or invalid"),
    ({"application_id": "a", "source_address": SOURCE, "target_addresses": [{"x": 1}]}, 400,
     "Bad Request: source_address or target_addresses is missing or invalid"),
    ({"application_id": "a", "source_address": SOURCE, "target_addresses": [SOURCE] * 101},
     400, "Bad Request: At most 100 target_addresses per request"),
    ({"application_id": "a", "source_address": "-- , --", "target_addresses": [SOURCE]},
     422, "Unprocessable Entity: source_address could not be normalized"),
]


def test_invalid_requests(address_api: Api) -> None:
    creds = address_api.new_client()
    for body, status, message in INVALID:
        r = address_api.client.post(URL, json=body, headers=headers(creds))
        assert _error(r, status) == message
    r = address_api.client.post(URL, content=b"{oops", headers=headers(creds))
    _error(r, 422)


def test_same_person_score_uses_the_names_when_both_are_given(address_api: Api) -> None:
    creds = address_api.new_client()
    target = "Flat No. 12, Green View Apts, M.G. Road, Bengaluru"
    body = {
        "application_id": "lentra_app_001",
        "source_address": SOURCE,
        "source_name": "RAHUL KUMAR SHARMA",
        "target_addresses": [
            {"address": target, "name": "Rahul Kumar Sharma"},  # same person
            {"address": target, "name": "SUNITA DEVI"},  # same home, someone else
            {"address": target},  # no name: the address alone
            {"address": target, "name": "  "},  # a blank name counts as none
        ],
    }
    r = address_api.client.post(URL, json=body, headers=headers(creds))
    assert r.status_code == 200, r.text
    same, household, unnamed, blank = r.json()["match_data"]
    assert len({i["similarity_score"] for i in (same, household, unnamed, blank)}) == 1
    address_only = int(unnamed["similarity_score"] / 10 + 0.5)
    assert unnamed["same_person_score"] == blank["same_person_score"] == address_only
    assert same["same_person_score"] == address_only >= 8
    assert household["same_person_score"] <= 5 < same["same_person_score"]
    without_source_name = {k: v for k, v in body.items() if k != "source_name"}
    r = address_api.client.post(URL, json=without_source_name, headers=headers(creds))
    assert [i["same_person_score"] for i in r.json()["match_data"]] == [address_only] * 4


@pytest.mark.parametrize(
    "change",
    [{"source_name": 7}, {"source_name": "x" * 201},
     {"target_addresses": [{"address": SOURCE, "name": ["RAHUL"]}]}],
)
def test_malformed_names_are_400(address_api: Api, change: dict[str, Any]) -> None:
    body = {"application_id": "a", "source_address": SOURCE, "target_addresses": [SOURCE], **change}
    r = address_api.client.post(URL, json=body, headers=headers(address_api.new_client()))
    assert "Invalid parameters:" in _error(r, 400) and "name" in r.json()["error_message"]
