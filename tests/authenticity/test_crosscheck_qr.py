"""The Flow cross-check ``aadhaar_qr``: an Aadhaar's signed QR against its own printed fields."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kagaz.matching import FlowDocument, run_cross_checks
from kagaz.matching.crosschecks import CheckRule

FIELDS = {"name": True, "date_of_birth": True, "gender": True, "address": None, "last_four": True}


def aadhaar(entry: dict | None, doc_id: str = "1") -> FlowDocument:
    fields = {"name": {"value": "Ravi Kumar", "confidence_score": 0.9}}
    if entry is not None:
        fields["validations"] = {"aadhaar_qr": entry}
    return FlowDocument(doc_id, f"u{doc_id}", "AADHAAR", fields)


def qr_check(doc: FlowDocument, product: str | None = None) -> dict:
    [item] = [c for c in run_cross_checks([doc], product) if c["check"] == "aadhaar_qr"]
    return item


@pytest.mark.parametrize(("entry", "result", "reason"), [
    ({"present": True, "decoded": True, "signature_valid": True, "fields_match": FIELDS}, "MATCH", "signature_valid"),
    ({"present": True, "decoded": True, "signature_valid": None, "fields_match": FIELDS}, "PARTIAL", "signature_unchecked"),
    ({"present": True, "decoded": True, "signature_valid": False, "fields_match": FIELDS}, "MISMATCH", "signature_invalid"),
    ({"present": True, "decoded": True, "signature_valid": True, "fields_match": FIELDS | {"name": False}},
     "MISMATCH", "name_disagrees"),
    ({"present": True, "decoded": False, "signature_valid": None, "fields_match": {}}, "NOT_APPLICABLE", "qr_unreadable"),
    ({"present": False, "decoded": False}, "NOT_APPLICABLE", "qr_not_found"),
    (None, "NOT_APPLICABLE", "qr_not_found"),
])
def test_results(entry, result, reason) -> None:
    item = qr_check(aadhaar(entry))
    assert item["result"] == result and reason in item["reasons"]
    assert item["source_document"] == item["target_document"] == "AADHAAR"
    assert item["source_document_id"] == item["target_document_id"] == "1"
    assert (item["similarity_score"] is None) == (result == "NOT_APPLICABLE")


def test_every_aadhaar_of_a_flow_gets_its_own_item_in_every_product() -> None:
    entry = {"present": True, "decoded": True, "signature_valid": True, "fields_match": FIELDS}
    for product in (None, "PROD_CDL", "POC_CDL", "PFL_CDL"):
        items = [c for c in run_cross_checks([aadhaar(entry, "1"), aadhaar(None, "2")], product)
                 if c["check"] == "aadhaar_qr"]
        assert [(c["source_document_id"], c["result"]) for c in items] == [("1", "MATCH"), ("2", "NOT_APPLICABLE")]


def test_the_rule_schema_keeps_document_checks_apart() -> None:
    one = [{"document": "AADHAAR", "field": "aadhaar_number"}]
    CheckRule(id="q", comparator="aadhaar_qr", field="q", scope="document", participants=one)
    with pytest.raises(ValidationError):
        CheckRule(id="q", comparator="aadhaar_qr", field="q", participants=one + [{"document": "PAN", "field": "x"}])
    with pytest.raises(ValidationError):
        CheckRule(id="n", comparator="name", field="n", participants=one)
