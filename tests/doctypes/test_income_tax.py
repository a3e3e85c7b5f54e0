"""ITR-V and Form 16: what they print, their validations, and that each declines the other."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import form_16, itr_v, pan, registry, tax_ids
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def finished(module, lay: Layout) -> Document:
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=list(lay))])
    doc.fields = module.extract(lay, ExtractOptions())
    module.finish(doc)
    return doc


ITR_V = """INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT
[Where the data of the Return of Income in Form ITR-1(SAHAJ), ITR-2, ITR-3, ITR-4(SUGAM), ITR-5, ITR-6, ITR-7 filed]
Assessment Year 2023-24
PAN AAAPL1234C
Name SUNITA LAL
Form Number ITR-2
e-Filing Acknowledgement Number 712345678901234
1 Current Year business loss, if any 0
Total Income 2 1,245,600
Income Tax Return submitted electronically on 30-07-2023 21:14:02 from IP address 10.1.2.3"""
OLD_ITR_V = """INDIAN INCOME TAX RETURN VERIFICATION FORM
ITR-V
Assessment Year 2019-20
Name RAVI KUMAR
PAN ABCPK1234F
1 Gross Total Income 612000
2 Deductions under Chapter-VI-A 150000
3 Total Income 462000
Acknowledgement Number : 223456789012345 Date(s) of e-filing : 31-08-2019"""
FORM_16 = """FORM NO. 16
[See rule 31(1)(a)]
PART A
Certificate under section 203 of the Income-tax Act, 1961 for tax deducted at source on salary
Certificate No. QWERTYU
Name and address of the Employer
KAVERI FOODS PRIVATE LIMITED, Plot 12, MIDC, Pune
TAN of the Deductor PNEK12345B
PAN of the Employee ABCPK1234F
Name and address of the Employee
RAVI KUMAR, Flat 12, Kothrud, Pune
Assessment Year 2024-25
1. Gross Salary
(a) Salary as per provisions contained in section 17(1) 850000.00
(d) Total 850000.00
Tax deducted at source u/s 192 42,000.00"""
SALARY_SLIP = """KAVERI FOODS PRIVATE LIMITED
Pay Slip for the month of March 2025
Employee Name : RAVI KUMAR   PAN : ABCPK1234F
Earnings Amount Deductions Amount
Basic 40,000.00 Provident Fund 4,800.00
Gross Earnings 70,000.00 Total Deductions 7,000.00
Net Pay 63,000.00"""
PAN_CARD = """INCOME TAX DEPARTMENT GOVT. OF INDIA
Permanent Account Number Card
ABCPK1234F
Name
RAVI KUMAR"""
FORM_16A = """FORM NO. 16A
[See rule 31(1)(b)]
Certificate under section 203 of the Income-tax Act, 1961 for tax deducted at source
TAN of the Deductor PNEK12345B
PAN of the Deductee ABCPK1234F
Assessment Year 2024-25"""


def test_current_itr_v():
    lay = layout(ITR_V)
    assert itr_v.score(lay) >= 0.9
    f = {k: v.value for k, v in itr_v.extract(lay, ExtractOptions()).items()}
    assert f == {"acknowledgement_number": "712345678901234", "pan_number": "AAAPL1234C",
                 "name": "SUNITA LAL", "assessment_year": "2023-24", "total_income": "1245600.00",
                 "filing_date": "30/07/2023", "form_number": "ITR-2"}
    doc = finished(itr_v, lay)
    assert doc.validations["pan_format"]["valid"]
    assert doc.validations["acknowledgement_format"]["valid"]
    assert doc.validations["assessment_year_vs_filing_date"]["valid"]


def test_old_itr_v_reads_total_income_not_gross():
    f = itr_v.extract(layout(OLD_ITR_V), ExtractOptions())
    assert f["total_income"].value == "462000.00"
    assert f["filing_date"].value == "31/08/2019"
    assert f["acknowledgement_number"].value == "223456789012345"


def test_filing_date_outside_the_assessment_years_window():
    lay = layout(ITR_V.replace("30-07-2023", "30-07-2022"))
    doc = finished(itr_v, lay)
    check = doc.validations["assessment_year_vs_filing_date"]
    assert not check["valid"] and check["window_from"] == "01/04/2023"
    assert itr_v.validate(doc.fields)


def test_acknowledgement_shape():
    doc = finished(itr_v, layout(ITR_V))
    doc.fields["acknowledgement_number"].value = "71234567890123"
    itr_v.finish(doc)
    assert not doc.validations["acknowledgement_format"]["valid"]


def test_form_16_fields_and_tan():
    lay = layout(FORM_16)
    assert form_16.score(lay) >= 0.9
    f = {k: v.value for k, v in form_16.extract(lay, ExtractOptions()).items()}
    assert f == {"employee_name": "RAVI KUMAR", "employee_pan": "ABCPK1234F",
                 "employer_name": "KAVERI FOODS PRIVATE LIMITED", "employer_tan": "PNEK12345B",
                 "assessment_year": "2024-25", "gross_salary": "850000.00",
                 "tax_deducted": "42000.00", "certificate_number": "QWERTYU"}
    tan = finished(form_16, lay).validations["tan_format"]
    assert tan["valid"] and tan["name_initial_matches"]


def test_tan_initial_against_the_employer():
    lay = layout(FORM_16.replace("PNEK12345B", "PNEA12345B"))
    doc = finished(form_16, lay)
    assert doc.validations["tan_format"]["structure_valid"]
    assert doc.validations["tan_format"]["name_initial_matches"] is False
    assert not doc.validations["tan_format"]["valid"]
    assert form_16.validate(doc.fields)


def test_tan_structure():
    assert tax_ids.tan_valid("PNEK12345B")
    assert not tax_ids.tan_valid("PNE123456B") and not tax_ids.tan_valid("PNEK1234B")
    assert tax_ids.tan_initial_ok("MUMT01234E", "The Tata Steel Ltd") is True


@pytest.mark.parametrize("text,owner", [
    (ITR_V, "ITR_V"), (OLD_ITR_V, "ITR_V"), (FORM_16, "FORM_16"), (SALARY_SLIP, None),
    (PAN_CARD, "PAN"), (FORM_16A, None)])
def test_each_declines_the_others(text, owner):
    lay = layout(text)
    for module in (itr_v, form_16):
        s = module.score(lay) or 0.0
        assert (s >= 0.5) == (module.CODE == owner), (module.CODE, s)
    if owner in ("ITR_V", "FORM_16"):
        assert (pan.score(lay) or 0.0) < 0.5  # the PAN type leaves them to these types


@pytest.mark.parametrize("code,generator", [("ITR_V", "itr_v"), ("FORM_16", "form_16")])
def test_born_digital_end_to_end(code, generator):
    """Every layout saved as a PDF with its text layer (fast: no OCR): every field as printed."""
    import importlib

    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth.render import to_pdf

    module = importlib.import_module(f"kagaz.synth.{generator}")
    assert len(module.LAYOUTS) >= 3 and registry()[code].GENERATOR == module.__name__
    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for name, draw in module.LAYOUTS.items():
        for seed in range(2):
            drawn = draw(random.Random(seed))
            result = engine.process(to_pdf(drawn.canvas))
            assert result.document_type == code, (name, seed)
            data = result.file_data()
            assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields, (name, seed)


def at(text: str, x: float, y: float, h: float = 16) -> TextLine:
    return TextLine(text, 0.97, (x, y, x + 10 * len(text), y + h))


# TRACES Part A as text runs: the three codes' headers on one row, their values under them; the
# employer's PAN (AAACS…) would fit a TAN's shape with S read as 5.
TRACES = Layout([
    at("FORM NO. 16", 700, 60, 24), at("[See rule 31(1)(a)]", 720, 100), at("PART A", 760, 130),
    at("Certificate under section 203 of the Income-tax Act, 1961 for tax deducted at source on salary", 200, 160),
    at("Name and address of the Employer", 120, 250), at("Name and address of the Employee", 850, 250),
    at("SHREE GANESH AGENCIES LIMITED", 120, 290), at("ANITA DESAI", 850, 290),
    at("PAN of the Deductor", 120, 400), at("TAN of the Deductor", 600, 400),
    at("PAN of the Employee", 1100, 400),
    at("AAACS4321K", 120, 440), at("MUMS12345C", 600, 440), at("BXCPD4321L", 1100, 440),
    at("Assessment Year", 600, 500), at("2025-26", 600, 540),
    at("Quarter(s)", 120, 620), at("Amount paid/credited", 500, 620),
    at("Amount of tax deducted", 850, 620), at("Amount of tax deposited", 1200, 620),
    at("Total (Rs.)", 120, 700), at("1200000.00", 500, 700), at("96000.00", 850, 700),
    at("96000.00", 1200, 700),
])


def test_traces_part_a_codes_under_their_headers():
    assert form_16.score(TRACES) >= 0.9
    got = {k: v.value for k, v in form_16.extract(TRACES, ExtractOptions()).items()}
    assert got == {"employee_name": "ANITA DESAI", "employee_pan": "BXCPD4321L",
                   "employer_name": "SHREE GANESH AGENCIES LIMITED", "employer_tan": "MUMS12345C",
                   "employer_pan": "AAACS4321K", "assessment_year": "2025-26", "tax_deducted": "96000.00"}


def test_acknowledgement_label_as_ocr_misspells_it():
    lay = layout(OLD_ITR_V.replace("Acknowledgement Number :", "Acknowledgemen Number"))
    assert itr_v.extract(lay, ExtractOptions())["acknowledgement_number"].value == "223456789012345"


def test_traces_wording_with_specified_bank_and_the_codes_in_one_run():
    """TRACES' labels carry "/Specified Bank" and "/Specified senior citizen"; a text layer may
    hold the three codes' headers, and their values, each as one run."""
    lay = layout("""Form No.16
[See rule 31(1)(a)]
PART A
Certificate under Section 203 of the Income-tax Act, 1961 for tax deducted at source on salary
Certificate No. KLMNOPQ Last updated on 10-Jun-2024
Name and address of the Employer/Specified Bank
INFOSYS LIMITED
Name and address of the Employee/Specified senior citizen
RAHUL SHARMA
PAN of the Deductor TAN of the Deductor PAN of the Employee/Specified senior citizen
AAACI4798L BLRI03556G AKLPS1234D
Assessment Year 2024-25
Total (Rs.) 1500000.00 120000.00 120000.00
1. Gross Salary
(d) Total 1500000.00""")
    got = {k: v.value for k, v in form_16.extract(lay, ExtractOptions()).items()}
    assert got == {"employee_name": "RAHUL SHARMA", "employer_name": "INFOSYS LIMITED",
                   "employee_pan": "AKLPS1234D", "employer_tan": "BLRI03556G", "employer_pan": "AAACI4798L",
                   "assessment_year": "2024-25", "gross_salary": "1500000.00", "tax_deducted": "120000.00",
                   "certificate_number": "KLMNOPQ"}
