"""Cross-checks of a loan file's bank details (issue 16): the cheque's and the NACH mandate's
account number and IFSC against the bank statement's, and the mandate's account holder against
the applicant's name, as the rule files declare them."""

from __future__ import annotations

from typing import Any

import pytest

from kagaz.matching import FlowDocument, load_rules, run_cross_checks
from kagaz.matching.values import compare_ids


def doc(doc_id: str, dtype: str, **fields: Any) -> FlowDocument:
    return FlowDocument(doc_id, f"uuid-{doc_id}", dtype,
                        {k: {"value": v, "confidence_score": 0.95} for k, v in fields.items()})


def by(items: list[dict[str, Any]], check: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["source_document"], i["target_document"]): i for i in items if i["check"] == check}


def bank_file(*, statement_account: str = "50100123456789", cheque_account: str = "50100123456789",
              mandate_ifsc: str = "HDFC0001234", holder: str = "RAVI KUMAR") -> list[FlowDocument]:
    return [
        doc("1", "PAN", name_as_per_pan="RAVI KUMAR", pan_number="ABCPK1234F"),
        doc("2", "BANK_STATEMENT", account_holder_name="Mr. Ravi Kumar", account_number=statement_account,
            ifsc="HDFC0001234"),
        doc("3", "CHEQUE", account_holder_name="RAVI KUMAR", account_number=cheque_account, ifsc="HDFC0001234"),
        doc("4", "ACH_FORM", account_holder_name=holder, account_number="50100123456789", ifsc=mandate_ifsc),
    ]


@pytest.mark.parametrize("product", [None, "PROD_CDL"])
def test_the_same_account_everywhere_matches(product):
    items = run_cross_checks(bank_file(), product)
    accounts, ifscs = by(items, "bank_account_number"), by(items, "bank_ifsc")
    for pair in (("BANK_STATEMENT", "CHEQUE"), ("BANK_STATEMENT", "ACH_FORM"), ("CHEQUE", "ACH_FORM")):
        assert accounts[pair]["result"] == "MATCH" and ifscs[pair]["result"] == "MATCH"
    names = by(items, "name")
    assert names[("PAN", "ACH_FORM")]["result"] == "MATCH"
    assert names[("BANK_STATEMENT", "ACH_FORM")]["result"] == "MATCH"


def test_a_cheque_of_another_account_is_a_mismatch():
    accounts = by(run_cross_checks(bank_file(cheque_account="50100123456780"), None), "bank_account_number")
    assert accounts[("BANK_STATEMENT", "CHEQUE")]["result"] == "MISMATCH"
    assert accounts[("BANK_STATEMENT", "CHEQUE")]["reasons"] == ["id_differs"]
    assert accounts[("BANK_STATEMENT", "ACH_FORM")]["result"] == "MATCH"


def test_a_mandate_on_another_branch_and_someone_elses_name():
    items = run_cross_checks(bank_file(mandate_ifsc="HDFC0009999", holder="SUNITA DESAI"), None)
    assert by(items, "bank_ifsc")[("BANK_STATEMENT", "ACH_FORM")]["result"] == "MISMATCH"
    assert by(items, "name")[("PAN", "ACH_FORM")]["result"] == "MISMATCH"


def test_a_masked_statement_number_is_compared_by_the_digits_it_shows():
    items = by(run_cross_checks(bank_file(statement_account="XXXXXXXXXX6789"), None), "bank_account_number")
    masked = items[("BANK_STATEMENT", "CHEQUE")]
    assert masked["result"] == "PARTIAL" and masked["reasons"] == ["masked_digits_agree"]
    other = by(run_cross_checks(bank_file(statement_account="****1111"), None), "bank_account_number")
    assert other[("BANK_STATEMENT", "ACH_FORM")]["result"] == "MISMATCH"


def test_masks_are_not_read_into_ordinary_identifiers():
    assert compare_ids("MH12XX1234", "MH12XX1234").result == "MATCH"
    assert compare_ids("MH12XX1234", "MH12XY1234").result == "MISMATCH"
    assert compare_ids("XXXX XXXX 1234", "XXXX XXXX 1234").result == "MATCH"  # both masked: as printed


def test_a_file_without_a_statement_is_not_applicable_nowhere():
    items = run_cross_checks([doc("3", "CHEQUE", account_number="123456789"),
                              doc("4", "ACH_FORM", ifsc="SBIN0001234")], None)
    pair = by(items, "bank_account_number")[("CHEQUE", "ACH_FORM")]
    assert pair["result"] == "NOT_APPLICABLE" and pair["reasons"] == ["missing_target_value"]


@pytest.mark.parametrize("product", [None, "PROD_CDL", "POC_CDL", "PFL_CDL"])
def test_rules_declare_the_bank_checks(product):
    ids = {c.id for c in load_rules(product).checks}
    assert {"bank_account_number", "bank_ifsc"} <= ids
    name = next(c for c in load_rules(product).checks if c.id == "name")
    assert "ACH_FORM" in {p.document for p in name.participants}
