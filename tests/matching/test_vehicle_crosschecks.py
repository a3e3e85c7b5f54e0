"""Cross-checks of a vehicle loan's documents (issue 16): the RC's owner and the policy's insured
against the applicant's PAN and Aadhaar names; the registration mark and the chassis number across
the RC, the motor policy and the RTO forms."""

from __future__ import annotations

from typing import Any

from kagaz.matching import FlowDocument, load_rules, run_cross_checks


def doc(doc_id: str, dtype: str, **fields: Any) -> FlowDocument:
    return FlowDocument(doc_id, f"uuid-{doc_id}", dtype,
                        {k: {"value": v, "confidence_score": 0.95} for k, v in fields.items()})


def by(items: list[dict[str, Any]], check: str) -> list[dict[str, Any]]:
    return [i for i in items if i["check"] == check]


def pairs(items: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    return {(i["source_document"], i["target_document"]): i["result"] for i in items}


VIN = "MA3EWDE1S00123456"


def vehicle_file(*, insured: str = "Mr. Rahul K Sharma", policy_mark: str = "MH-12-AB-1234",
                 form_mark: str = "MH12AB1234") -> list[FlowDocument]:
    return [
        doc("1", "PAN", name_as_per_pan="RAHUL KUMAR SHARMA", pan_number="ABCPS1234F"),
        doc("2", "AADHAAR", name="Rahul Kumar Sharma"),
        doc("3", "VEHICLE_RC", owner_name="RAHUL KUMAR SHARMA", registration_number="MH12AB1234",
            chassis_number=VIN),
        doc("4", "INSURANCE", insured_name=insured, registration_number=policy_mark, chassis_number=VIN),
        doc("5", "RTO_FORM_34", owner_name="RAHUL KUMAR SHARMA", registration_number=form_mark,
            chassis_number=VIN, financier_name="HDFC Bank Ltd"),
    ]


def test_rc_owner_and_insured_are_checked_against_pan_and_aadhaar() -> None:
    items = by(run_cross_checks(vehicle_file(), None), "name")
    got = pairs(items)
    for kyc in ("PAN", "AADHAAR"):
        assert got[(kyc, "VEHICLE_RC")] == "MATCH"
        assert got[(kyc, "INSURANCE")] in ("MATCH", "PARTIAL")  # "Rahul K Sharma": an initial
    assert got[("VEHICLE_RC", "INSURANCE")] in ("MATCH", "PARTIAL")


def test_an_insured_who_is_someone_else_is_a_mismatch() -> None:
    items = by(run_cross_checks(vehicle_file(insured="SUNITA DEVI"), None), "name")
    got = pairs(items)
    assert got[("PAN", "INSURANCE")] == got[("VEHICLE_RC", "INSURANCE")] == "MISMATCH"
    assert got[("PAN", "VEHICLE_RC")] == "MATCH"


def test_registration_mark_across_rc_policy_and_form_34() -> None:
    items = by(run_cross_checks(vehicle_file(), None), "registration_number")
    # printed "MH-12-AB-1234" on the policy: compared compact
    assert pairs(items) == {("VEHICLE_RC", "INSURANCE"): "MATCH", ("VEHICLE_RC", "RTO_FORM_34"): "MATCH",
                            ("INSURANCE", "RTO_FORM_34"): "MATCH"}
    assert items[0]["source_field"] == items[0]["target_field"] == "registration_number"


def test_form_34_for_another_vehicle_is_a_mismatch() -> None:
    items = by(run_cross_checks(vehicle_file(form_mark="MH12AB1284"), None), "registration_number")
    got = pairs(items)
    assert got[("VEHICLE_RC", "RTO_FORM_34")] == got[("INSURANCE", "RTO_FORM_34")] == "MISMATCH"
    assert got[("VEHICLE_RC", "INSURANCE")] == "MATCH"
    assert all("id_differs" in i["reasons"] for i in items if i["result"] == "MISMATCH")


def test_chassis_numbers_and_a_missing_one() -> None:
    docs = vehicle_file()
    docs[3] = doc("4", "INSURANCE", insured_name="RAHUL KUMAR SHARMA", registration_number="MH12AB1234")
    got = pairs(by(run_cross_checks(docs, None), "chassis_number"))
    assert got[("VEHICLE_RC", "RTO_FORM_34")] == "MATCH"
    assert got[("VEHICLE_RC", "INSURANCE")] == "NOT_APPLICABLE"


def test_the_consumer_durable_flow_keeps_the_vehicle_checks() -> None:
    rules = load_rules("PROD_CDL")
    name = next(c for c in rules.checks if c.id == "name")
    assert {p.document for p in name.participants} >= {"VEHICLE_RC", "INSURANCE", "PAN", "AADHAAR"}
    assert {"registration_number", "chassis_number"} <= {c.id for c in rules.checks}
    got = pairs(by(run_cross_checks(vehicle_file(), "PROD_CDL"), "name"))
    assert got[("PAN", "VEHICLE_RC")] == "MATCH"


def test_the_financier_on_the_rc_against_form_34() -> None:
    # an RC that prints no financier: nothing to compare
    assert pairs(by(run_cross_checks(vehicle_file(), None), "financier_name")) == {
        ("VEHICLE_RC", "RTO_FORM_34"): "NOT_APPLICABLE"}
    docs = vehicle_file()
    docs[2] = doc("3", "VEHICLE_RC", owner_name="RAHUL KUMAR SHARMA", registration_number="MH12AB1234",
                  financier_name="HDFC BANK LIMITED")
    assert pairs(by(run_cross_checks(docs, None), "financier_name")) == {("VEHICLE_RC", "RTO_FORM_34"): "MATCH"}
    docs[2] = doc("3", "VEHICLE_RC", owner_name="RAHUL KUMAR SHARMA", financier_name="ICICI BANK LTD")
    assert pairs(by(run_cross_checks(docs, None), "financier_name")) == {("VEHICLE_RC", "RTO_FORM_34"): "MISMATCH"}
