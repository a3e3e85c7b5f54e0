"""Flow cross-checks of the income and address documents (issue 16): the pay slip's employer in
the statement's credits, the electricity bill's address against Aadhaar's, and the income
documents' name and PAN against the PAN card."""

from __future__ import annotations

import random

import pytest

from kagaz.matching import FlowDocument, run_cross_checks
from kagaz.matching.crosschecks import load_rules
from kagaz.matching.credits import match_employer_in_credits


def doc(i: str, kind: str, **fields: object) -> FlowDocument:
    return FlowDocument(i, f"u{i}", kind, {k: {"value": v, "confidence_score": 0.9} for k, v in fields.items()})


def items(docs: list[FlowDocument], check: str, product: str | None = None) -> list[dict]:
    return [c for c in run_cross_checks(docs, product) if c["check"] == check]


ROWS = [
    {"date": "01/03/2025", "description": "NEFT CR-HDFC0000240-SAI KRUPA TECHNOLO-SAL MAR25", "debit": None,
     "credit": "40500.00", "balance": "90500.00"},
    {"date": "05/03/2025", "description": "ACH D- LIC OF INDIA PREMIUM", "debit": "2000.00", "credit": None,
     "balance": "88500.00"},
]


@pytest.mark.parametrize("narration,result", [
    ("NEFT CR-HDFC0000240-SAI KRUPA TECHNOLO-SAL MAR25", "MATCH"),      # cut short
    ("ACH C- SAIKRUPA TECHNOLOGIES PVT LTD", "MATCH"),                  # words run together
    ("SALARY FOR MAR 2025 SAI KRUPA TECH", "PARTIAL"),                   # two of three words
    ("IMPS/P2A/ORION SOFTWARE/SALARY", "MISMATCH"),                      # another payer's salary
])
def test_employer_in_narrations(narration, result):
    rows = [{"description": narration, "credit": "40500.00"}]
    assert match_employer_in_credits("SAI KRUPA TECHNOLOGIES PVT LTD", rows).result == result


def test_no_salary_credit_is_nothing_to_compare():
    m = match_employer_in_credits("SAI KRUPA TECHNOLOGIES PVT LTD", [
        {"description": "UPI/CR/RAVI/REFUND", "credit": "500.00"},
        {"description": "SALARY SAI KRUPA TECHNOLOGIES", "debit": "40000.00", "credit": None}])  # a debit
    assert m.result == "NOT_APPLICABLE" and m.reasons == ["no_salary_credits"]


def test_employer_salary_credit_in_a_flow():
    docs = [doc("1", "BANK_STATEMENT", account_holder_name="RAVI KUMAR", transactions=ROWS),
            doc("2", "SALARY_SLIP", employer_name="SAI KRUPA TECHNOLOGIES PVT LTD", employee_name="RAVI KUMAR")]
    (item,) = items(docs, "employer_salary_credit")
    assert item["source_document"] == "SALARY_SLIP" and item["target_document"] == "BANK_STATEMENT"
    assert item["result"] == "MATCH" and "salary_word" in item["reasons"]
    assert item["target_field"] == "transactions"


def test_ebill_address_against_aadhaar():
    aadhaar = doc("1", "AADHAAR", name="Ravi Kumar",
                  address="S/O Ramesh Kumar, Flat 1204, Lotus Heights, Baner Road, Baner, Pune, Maharashtra 411045")
    same = doc("2", "EBILL", address="FLAT 1204, LOTUS HEIGHTS, BANER RD, BANER, PUNE 411045")
    other = doc("3", "EBILL", address="H.No 22, Rajarampuri, Kolhapur, Maharashtra 416008")
    results = {c["target_document_id"]: c["result"] for c in items([aadhaar, same, other], "ebill_address")}
    assert results == {"2": "MATCH", "3": "MISMATCH"}


def test_income_documents_against_the_pan_card():
    docs = [doc("1", "PAN", name_as_per_pan="RAVI KUMAR", pan_number="ABCPK1234F"),
            doc("2", "SALARY_SLIP", employee_name="Ravi Kumar", pan_number="ABCPK1234F"),
            doc("3", "ITR_V", name="RAVI KUMAR", pan_number="ABCPK1234F"),
            doc("4", "FORM_16", employee_name="RAVI KUMAR", employee_pan="ABCPK1234E")]
    names = {(c["source_document"], c["target_document"]): c["result"] for c in items(docs, "income_name")}
    assert names[("PAN", "SALARY_SLIP")] == names[("PAN", "ITR_V")] == names[("PAN", "FORM_16")] == "MATCH"
    pans = {(c["source_document"], c["target_document"]): c for c in items(docs, "income_pan")}
    assert pans[("PAN", "ITR_V")]["result"] == "MATCH"
    assert pans[("PAN", "FORM_16")]["result"] == "MISMATCH" and pans[("PAN", "FORM_16")]["target_field"] == "employee_pan"
    # a slip that prints no PAN: reported, not guessed
    docs[1] = doc("2", "SALARY_SLIP", employee_name="Ravi Kumar")
    (slip,) = [c for c in items(docs, "income_pan") if c["target_document"] == "SALARY_SLIP"]
    assert slip["result"] == "NOT_APPLICABLE" and slip["reasons"] == ["missing_target_value"]


def test_the_consumer_loan_rules_inherit_them():
    ids = [c.id for c in load_rules("PROD_CDL").checks]
    assert {"employer_salary_credit", "ebill_address", "income_name", "income_pan"} <= set(ids)


def test_a_slip_read_by_the_engine_meets_its_statement():
    """The pay slip's fields as the engine returns them (born-digital, no OCR) feed the check."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import salary_slip
    from kagaz.synth.render import to_pdf

    drawn = salary_slip.LAYOUTS["corporate"](random.Random(3))
    data = Engine(EngineSettings(devanagari=False, page_images=0)).process(to_pdf(drawn.canvas)).file_data()
    employer = drawn.fields["employer_name"]
    slip = FlowDocument("2", "u2", data["document_type"], data)
    rows = [{"description": f"NEFT CR-{employer.upper()[:22]}-SALARY", "credit": data["net_pay"]["value"]}]
    statement = doc("1", "BANK_STATEMENT", transactions=rows)
    (item,) = items([statement, slip], "employer_salary_credit")
    assert item["source_value"] == employer and item["result"] in ("MATCH", "PARTIAL")


def test_a_statement_read_by_the_engine_feeds_the_employer_check():
    """The statement's transactions as the engine returns them (rows with description, credit,
    page and bbox) are what the comparator reads."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth.generator import statement

    data = Engine(EngineSettings(devanagari=False, page_images=0)).process(statement(5, "pdf_text").data).file_data()
    rows = data["transactions"]["value"]
    credit = next(r for r in rows if r.get("credit"))
    words = [w for w in credit["description"].replace("/", " ").replace("-", " ").split() if w.isalpha() and len(w) > 3]
    stmt = FlowDocument("1", "u1", data["document_type"], data)
    known = doc("2", "SALARY_SLIP", employer_name=" ".join(words[:2]) + " PVT LTD")
    (item,) = items([stmt, known], "employer_salary_credit")
    assert item["result"] in ("MATCH", "PARTIAL"), (credit, words)
    stranger = doc("3", "SALARY_SLIP", employer_name="ZQXWV YTTRIUM WORKS PVT LTD")
    (item,) = items([stmt, stranger], "employer_salary_credit")
    assert item["result"] in ("MISMATCH", "NOT_APPLICABLE")
