"""Flow cross-checks of Maharashtra's land records (issue 17): the applicant among the 7/12's and
8A's holders, one survey number across the 7/12, 8A, Index II and the deed."""

from __future__ import annotations

import pytest

from kagaz.matching import FlowDocument, run_cross_checks
from kagaz.matching.land import match_name_in_holders, match_survey_number, survey_numbers_in

HOLDERS = [{"name": "रमेश सुरेश पाटील", "name_latin": "RAMESH SURESH PATIL", "area": "0.80.00"},
           {"name": "सुनीता रमेश पाटील", "name_latin": "SUNITA RAMESH PATIL", "area": "0.40.00"}]


def doc(i: str, kind: str, **fields: object) -> FlowDocument:
    return FlowDocument(i, f"u{i}", kind, {k: {"value": v, "confidence_score": 0.9} for k, v in fields.items()})


def items(docs: list[FlowDocument], check: str) -> list[dict]:
    return [c for c in run_cross_checks(docs, None) if c["check"] == check]


@pytest.mark.parametrize("name,result", [
    ("RAMESH SURESH PATIL", "MATCH"),
    ("Ramesh S Patil", "MATCH"),          # the middle name as an initial, as PAN cards print it
    ("SUNITA PATIL", "PARTIAL"),          # the father's/husband's name left out
    ("VIKRAM ANIL JOSHI", "MISMATCH"),
])
def test_applicant_among_the_holders(name, result):
    assert match_name_in_holders(name, HOLDERS).result == result


def test_devanagari_holders_without_latin_are_transliterated_by_the_name_rules():
    assert match_name_in_holders("RAMESH SURESH PATIL", ["रमेश सुरेश पाटील"]).result == "MATCH"


def test_pan_against_the_712_and_the_712_against_the_8a_in_a_flow():
    docs = [doc("1", "PAN", name_as_per_pan="SUNITA RAMESH PATIL"),
            doc("2", "SATBARA", holders=HOLDERS, survey_number="123/2"),
            doc("3", "NAMUNA_8", holders=HOLDERS[:1], survey_numbers=["45", "123/2"])]
    got = {(c["source_document"], c["target_document"]): c["result"] for c in items(docs, "land_holder_name")}
    assert got == {("PAN", "SATBARA"): "MATCH", ("PAN", "NAMUNA_8"): "PARTIAL", ("SATBARA", "NAMUNA_8"): "MATCH"}
    assert [c["result"] for c in items(docs, "survey_number")] == ["MATCH"]
    assert items(docs, "name") == [] and items(docs, "land_holder_name_aadhaar") == []


def test_survey_number_in_index_2_and_a_sale_deed():
    docs = [doc("1", "SATBARA", survey_number="123/2"),
            doc("2", "INDEX_2", property_description="सदनिका क्र. 302, सर्व्हे नं. १२३/२, मौजे वाघोली"),
            doc("3", "SALE_DEED", property_address="Flat No. 302, Survey No. 123/3, Wagholi, Pune")]
    got = {(c["source_document"], c["target_document"]): (c["result"], c["reasons"])
           for c in items(docs, "survey_number")}
    assert got[("SATBARA", "INDEX_2")] == ("MATCH", [])
    assert got[("SATBARA", "SALE_DEED")] == ("PARTIAL", ["sub_division_differs"])
    assert got[("INDEX_2", "SALE_DEED")][0] == "PARTIAL"


def test_no_survey_number_is_not_applicable_and_another_is_a_mismatch():
    assert match_survey_number("123/2", "Flat 5, Lotus Heights").result == "NOT_APPLICABLE"
    assert match_survey_number("123/2", "Gat No. 77").result == "MISMATCH"
    assert survey_numbers_in("गट क्रमांक : ४५/१") == ["45/1"]
