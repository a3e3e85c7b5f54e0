"""A vehicle loan's Flow end to end (issue 16): PAN, RC, motor policy and Form 34 uploaded to a flow,
read by the engine, cross-checked by the packaged rules (the owner and the insured against the
PAN's name, the registration mark across the RC, the policy and Form 34)."""

from __future__ import annotations

from typing import Any

import pytest
from api_helpers import Api, pan_pdf, text_pdf
from test_api_flows import flow_api, get, init_flow, rx, upload, v3_token, wait_master  # noqa: F401

from kagaz.callbacks.testing import Receiver
from kagaz.fetch.testing import DocServer

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def rc_pdf(mark: str = "MH 12 AB 1234") -> bytes:
    return text_pdf(["GOVERNMENT OF MAHARASHTRA", "CERTIFICATE OF REGISTRATION", f"Regn. No.: {mark}",
                     "Date of Regn.: 14/08/2019", "Chassis No.: MA3EWDE1S00123456", "Engine No.: K12M1234567",
                     "Owner Name: RAHUL KUMAR", "Maker / Model: MARUTI SUZUKI INDIA LTD / SWIFT VXI",
                     "Financier: HDFC BANK LTD, PUNE"])


def policy_pdf(insured: str = "Mr. Rahul Kumar", mark: str = "MH-12-AB-1234") -> bytes:
    return text_pdf(["Bajaj Allianz General Insurance Company Limited",
                     "Certificate of Insurance cum Policy Schedule", "Policy Number: OG-25-1901-1801-00012345",
                     f"Insured Name: {insured}", f"Registration No.: {mark}",
                     "Period of Insurance: From 12/03/2024 to 11/03/2025", "Total IDV (Rs.): 5,25,000",
                     "Total Premium Payable: 14,532.00"])


def form34_pdf(mark: str = "MH12AB1234") -> bytes:
    return text_pdf(["FORM 34", "[See Rule 60]", "APPLICATION FOR MAKING AN ENTRY OF AN AGREEMENT OF",
                     "HIRE PURCHASE/LEASE/HYPOTHECATION SUBSEQUENT TO REGISTRATION",
                     f"1. Registration number: {mark}", "2. Name of the registered owner: RAHUL KUMAR",
                     "3. Name and full address of the financier: HDFC Bank Ltd, Pune",
                     "4. Chassis number: MA3EWDE1S00123456"])


def run_flow(api: Api, doc_server: DocServer, rx: Receiver, docs: dict[str, bytes]) -> list[dict[str, Any]]:
    token = v3_token(api, api.new_client())
    flow_uuid = init_flow(api, token, rx, product_type="PROD_CDL")
    upload(api, token, flow_uuid, [doc_server.add(f"/{name}.pdf", data) for name, data in docs.items()])
    assert wait_master(api, token, flow_uuid)["crossheck_status"] == "COMPLETED"
    extracts = get(api, token, "extracts", flow_uuid).json()
    assert [d["document_type"] for d in extracts["ocr_data"]] == ["PAN", "VEHICLE_RC", "INSURANCE", "RTO_FORM_34"]
    return list(extracts["cross_checks"])


def results(checks: list[dict[str, Any]], check: str) -> dict[tuple[str, str], str]:
    return {(c["source_document"], c["target_document"]): c["result"] for c in checks if c["check"] == check}


@pytest.mark.slow
def test_one_vehicle_one_applicant(flow_api: Api, doc_server: DocServer, rx: Receiver) -> None:  # noqa: F811
    checks = run_flow(flow_api, doc_server, rx, {"pan": pan_pdf(), "rc": rc_pdf(), "policy": policy_pdf(),
                                                 "form34": form34_pdf()})
    names = results(checks, "name")
    assert names[("PAN", "VEHICLE_RC")] == names[("PAN", "INSURANCE")] == "MATCH"
    assert set(results(checks, "registration_number").values()) == {"MATCH"}
    assert len(results(checks, "registration_number")) == 3
    assert results(checks, "chassis_number")[("VEHICLE_RC", "RTO_FORM_34")] == "MATCH"


@pytest.mark.slow
def test_a_policy_for_another_vehicle_and_person(flow_api: Api, doc_server: DocServer,  # noqa: F811
                                                 rx: Receiver) -> None:  # noqa: F811
    checks = run_flow(flow_api, doc_server, rx, {
        "pan": pan_pdf(), "rc": rc_pdf(), "policy": policy_pdf(insured="SUNITA DEVI", mark="MH 14 CD 9876"),
        "form34": form34_pdf()})
    assert results(checks, "name")[("PAN", "INSURANCE")] == "MISMATCH"
    marks = results(checks, "registration_number")
    assert marks[("VEHICLE_RC", "INSURANCE")] == marks[("INSURANCE", "RTO_FORM_34")] == "MISMATCH"
    assert marks[("VEHICLE_RC", "RTO_FORM_34")] == "MATCH"
