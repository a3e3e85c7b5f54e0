"""Pay slips: the month, the totals on one row, the net pay arithmetic; what is not a pay slip."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import bank_statement, invoice, pan, registry, salary_slip
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def values(text: str) -> dict:
    return {k: v.value for k, v in salary_slip.extract(layout(text), ExtractOptions()).items()}


SLIP = """SAI KRUPA TECHNOLOGIES PVT LTD
4th Floor, Lotus Heights, Baner Road, Pune 411045
SALARY SLIP - MAR-25
Name RAVI KUMAR
Emp Code E1043
PAN No. ABCPK1234F
EARNINGS
Basic 30,000.00
House Rent Allowance 15,000.00
Gross Salary 45,000.00
DEDUCTIONS
Provident Fund 1,800.00
Professional Tax 200.00
Income Tax 2,500.00
Total Deduction 4,500.00
Net Salary Payable : Rs. 40,500.00"""
PAYROLL = """Kaveri Foods LLP
Payslip
Pay Period : 01/11/2024 - 30/11/2024
Employee Name : Sunita Lal
EARNINGS AMOUNT DEDUCTIONS AMOUNT
Basic 20,000.00 Provident Fund 1,800.00
Gross Earnings 32,000.00 Total Deductions 2,000.00
Total Net Payable Rs. 30,000.00"""


def test_a_small_firms_slip():
    lay = layout(SLIP)
    assert salary_slip.score(lay) >= 0.9
    assert values(SLIP) == {
        "employer_name": "SAI KRUPA TECHNOLOGIES PVT LTD", "employee_name": "RAVI KUMAR",
        "pay_period": "03/2025", "gross_pay": "45000.00", "net_pay": "40500.00",
        "total_deductions": "4500.00", "pan_number": "ABCPK1234F"}


def test_a_period_from_the_first_to_the_last_and_totals_sharing_a_row():
    got = values(PAYROLL)
    assert got["pay_period"] == "11/2024"
    assert (got["gross_pay"], got["total_deductions"], got["net_pay"]) == ("32000.00", "2000.00", "30000.00")
    assert "pan_number" not in got  # not printed: never taken from elsewhere
    assert got["employer_name"] == "Kaveri Foods LLP"


def _finished(text: str) -> Document:
    lay = layout(text)
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=list(lay))])
    doc.fields = salary_slip.extract(lay, ExtractOptions())
    salary_slip.finish(doc)
    return doc


def test_net_pay_arithmetic():
    assert _finished(SLIP).validations["net_pay_arithmetic"]["valid"]
    doc = _finished(SLIP.replace("40,500.00", "41,500.00"))
    check = doc.validations["net_pay_arithmetic"]
    assert not check["valid"] and check["expected_net_pay"] == "40500.00"
    assert salary_slip.validate(doc.fields) and doc.fields["net_pay"].confidence_score <= 0.7


def test_no_arithmetic_without_the_deductions_total():
    doc = _finished(SLIP.replace("Total Deduction 4,500.00\n", ""))
    assert "net_pay_arithmetic" not in doc.validations


STATEMENT = """HDFC BANK
Statement of Account
Account No : 50100123456789
Date Narration Withdrawal Amt. Deposit Amt. Closing Balance
01/03/25 NEFT CR-SAI KRUPA TECHNOLOGIES-SALARY MAR 2025 40,500.00 90,500.00
05/03/25 ACH D- LIC PREMIUM 2,000.00 88,500.00
Opening Balance 50,000.00 Net Salary credits 1"""
INVOICE = """TAX INVOICE
Invoice No : INV/24-25/0012 Date : 12/04/2024
GSTIN : 27AAACS1234A1Z5
Description HSN Qty Rate Amount
Payroll processing services 998311 1 5,000.00 5,000.00
Net Payable 5,900.00"""
OFFER = """SAI KRUPA TECHNOLOGIES PVT LTD
Letter of Offer
Dear Ravi, we are pleased to offer you the position of Engineer.
Annexure: Salary Structure (Cost to Company)
Earnings Basic 3,60,000 per annum
Deductions Provident Fund 21,600 per annum
Net Salary 3,20,000 per annum"""
FORM_16 = """FORM NO. 16
Certificate under section 203 of the Income-tax Act, 1961 for tax deducted at source on salary
Gross Salary 850000.00
Deductions under Chapter VI-A 150000.00
Net Salary 700000.00"""


@pytest.mark.parametrize("text", [STATEMENT, INVOICE, OFFER, FORM_16],
                         ids=["statement", "invoice", "offer", "form16"])
def test_declines_what_is_not_a_slip(text):
    assert (salary_slip.score(layout(text)) or 0.0) < 0.5


def test_the_others_leave_slips_alone():
    """A slip prints "Income Tax" and a PAN beside its label, "Net Payable" and amounts: the PAN,
    invoice and statement types score it below the slip's own type."""
    for text in (SLIP, PAYROLL):
        lay = layout(text)
        for module in (pan, invoice, bank_statement):
            assert (module.score(lay) or 0.0) < salary_slip.score(lay) - 0.2, module.CODE


def test_born_digital_end_to_end():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import salary_slip as synth
    from kagaz.synth.render import to_pdf

    assert len(synth.LAYOUTS) >= 3 and registry()["SALARY_SLIP"].GENERATOR == synth.__name__
    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for name, draw in synth.LAYOUTS.items():
        for seed in range(3):
            drawn = draw(random.Random(seed))
            result = engine.process(to_pdf(drawn.canvas))
            assert result.document_type == "SALARY_SLIP", (name, seed)
            data = result.file_data()
            assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields, (name, seed)
            assert result.validations["net_pay_arithmetic"]["valid"]


def test_labels_run_into_the_name_and_a_takehome_slip():
    got = values("""PAYSLIP
Company Name: Acme Hospital Trust
Emp Name: Mohd Irfan Emp Code: 778
Month: Mar'24
Gross Salary Rs. 30000.00
Total Deductions Rs. 1800.00
Take Home Rs. 28200.00""")
    assert got == {"employer_name": "Acme Hospital Trust", "employee_name": "Mohd Irfan",
                   "pay_period": "03/2024", "gross_pay": "30000.00", "total_deductions": "1800.00",
                   "net_pay": "28200.00"}


def test_net_pay_in_a_box_under_its_label():
    got = values("""ACME TOOLS PRIVATE LIMITED
Payslip for April 2024
Employee Name: Ravi Verma
Earnings Deductions
Gross Earnings 50,000.00 Total Deductions 5,000.00
NET PAY
Rs. 45,000.00""")
    assert (got["net_pay"], got["gross_pay"], got["pay_period"]) == ("45000.00", "50000.00", "04/2024")
