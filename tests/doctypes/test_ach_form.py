"""NACH / ACH mandates: the boxes, the ticked options, the validations; what is not a mandate."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import ach_form, cheque, registry
from kagaz.doctypes.ach_form_values import FREQUENCIES, ticked, umrn_in, umrn_valid
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def at(text: str, x: float, y: float, *, h: float = 24, score: float = 0.98) -> TextLine:
    return TextLine(text, score, (x, y, x + 12 * len(text), y + h))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in ach_form.extract(lay, ExtractOptions()).items()}


def _boxes(chars: str, x: float, y: float) -> list[TextLine]:
    return [at(ch, x + 34 * i, y) for i, ch in enumerate(chars)]


# NPCI's form as a reader returns it: one line per box, ticks apart, the IFSC's boxes read in pairs.
NPCI = Layout([
    at("MANDATE FORM- NACH/ECS / DIRECT DEBIT", 64, 59), at("UMRN", 64, 124),
    *_boxes("ICIC7770149783920071", 163, 124), at("Date", 965, 124), *_boxes("26062022", 1043, 124),
    at("Sponsor Bank Code", 65, 177), at("HDFC0033202", 283, 177), at("Utility Code", 686, 179),
    at("NACH00000000193588", 835, 179),
    at("I/We hereby authorize", 65, 229), at("Annapurna Credit Services Ltd.", 316, 228),
    at("to debit (tick)", 965, 228),
    at("Bank a/c number", 66, 290), *_boxes("906882979188", 275, 289),
    at("with Bank· ICICI Bank", 64, 344), at("IFSC", 666, 344), at("I", 733, 345), at("C I", 758, 344),
    at("C0", 822, 343), *_boxes("036609", 888, 346), at("or MICR", 1095, 344),
    *_boxes("110229509", 1202, 345),
    at("an amount of Rupees", 65, 405), at("Eight Thousand Two Hundred only", 306, 401),
    at("8200.00", 1224, 400),
    at("FREQUENCY", 66, 458), at("XMthly", 202, 457), at("Qtly☐H-YrlyYrly ☐As & when presented", 292, 455),
    at("DEBIT TYPE", 967, 458), at("Fixed Amount", 1109, 459), at("X", 1260, 458),
    at("Maximum Amount", 1285, 457),
    at("PERIOD From", 66, 599), at("0 9 0 7 2", 230, 594), at("0", 374, 598), at("2 2", 400, 595),
    at("To", 485, 599), at("0 9 0 7 2", 528, 594), at("0", 679, 598), at("6 2", 704, 595),
    at("Or Until Cancelled", 127, 642), at("Signature Primary Account holder", 849, 638),
    at("AJAY GHOSH", 880, 673), at("1. Name as in bank records", 866, 704),
    at("2. Name as in bank records", 1127, 704),
])


def test_npci_form_read_box_by_box():
    assert ach_form.score(NPCI) > 0.9
    assert values(NPCI) == {
        "umrn": "ICIC7770149783920071", "mandate_date": "26/06/2022", "ifsc": "ICIC0036609",
        "bank_name": "ICICI Bank", "micr": "110229509", "account_number": "906882979188",
        "account_holder_name": "AJAY GHOSH", "amount": "8200.00", "frequency": "monthly",
        "debit_type": "maximum", "start_date": "09/07/2022", "end_date": "09/07/2062",
        "creditor_name": "Annapurna Credit Services Ltd.",
    }


LENDER = """Kaveri Finance Limited
NACH DEBIT MANDATE FORM
Mandate Date : 12/10/2023
Sponsor Bank Code : HDFC0000001
Utility Code : NACH00000000012345
Account Holder Name : Priya Sharma
Bank Name : Punjab National Bank
Account Number : 1234567890123456
IFSC : PUNB0123400
MICR : 400024011
Maximum Amount : Rs. 1,25,000.00
Amount in words : Rupees One Lakh Twenty Five Thousand only
Frequency : Quarterly
Debit Type : Maximum Amount
Start Date : 01/11/2023
End Date : Until Cancelled
Loan Account No. : LN0012345678"""


def test_lender_printed_mandate():
    lay = layout(LENDER)
    assert ach_form.score(lay) > 0.8
    got = values(lay)
    assert got["account_holder_name"] == "Priya Sharma"
    assert got["bank_name"] == "Punjab National Bank" and got["ifsc"] == "PUNB0123400"
    assert got["account_number"] == "1234567890123456" and got["micr"] == "400024011"
    assert got["amount"] == "125000.00" and got["frequency"] == "quarterly"
    assert got["start_date"] == "01/11/2023" and "end_date" not in got  # until cancelled
    assert "umrn" not in got  # a fresh form: no UMRN yet, none invented
    assert got["ifsc"] != "HDFC0000001"  # the sponsor bank's code is not the debtor's IFSC


@pytest.mark.parametrize("text,expected", [
    ("Frequency  X Mthly  Qtly  H-Yrly  Yrly", "monthly"),
    ("FREQUENCY Mthly Qtly X H-YrlyYrly", "half_yearly"),
    ("Frequency [✓] Yrly Mthly", "yearly"),
    ("Frequency : As and when presented", "as_presented"),
    ("Frequency Mthly Qtly H-Yrly Yrly", None),  # nothing ticked: nothing returned
    ("Frequency X Mthly X Qtly", None),  # two ticks: undecided
])
def test_ticked_frequency(text, expected):
    assert ticked(text, FREQUENCIES) == expected


def test_umrn_shape():
    assert umrn_in("UMRN: UTIB7O21002210019797") == "UTIB7021002210019797"  # an O among digits
    assert umrn_in("UMRN") is None
    assert umrn_valid("UTIB7021002210019797") and not umrn_valid("UTIB70210022100197")
    assert not umrn_valid("1234567890123456789A")


def _finish(fields: dict) -> Document:
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=[])])
    doc.fields = fields
    ach_form.finish(doc)
    return doc


def test_validations():
    lay = layout(LENDER.replace("End Date : Until Cancelled", "End Date : 31/10/2021")
                 .replace("MICR : 400024011", "MICR : 400229011"))
    fields = ach_form.extract(lay, ExtractOptions())
    issues = ach_form.validate(fields)
    assert "The mandate's end date is before its start date" in issues
    assert "The MICR code's bank digits are not those of the IFSC's bank" in issues
    v = _finish(fields).validations
    assert v["ifsc_format"]["valid"] and v["micr_format"]["valid"]
    assert not v["micr_bank_matches_ifsc"]["valid"]  # 229 is ICICI's code, not PNB's 024
    assert not v["mandate_period"]["valid"]
    assert v["amount_positive"]["valid"]
    assert "umrn_format" not in v


def test_ifsc_of_another_bank_than_the_one_named():
    fields = ach_form.extract(layout(LENDER.replace("PUNB0123400", "SBIN0123400")), ExtractOptions())
    assert "The IFSC belongs to another bank than the one named on the mandate" in ach_form.validate(fields)
    assert fields["ifsc"].confidence_score <= 0.7


STATEMENT = """HDFC BANK
Statement of Account
Account No : 50100123456789
Date Narration Withdrawal Amt Deposit Amt Closing Balance
05/04/2024 ACH D- KAVERI FINANCE-LN0012345 12,500.00 45,000.00
05/05/2024 NACH DR MANDATE UMRN HDFC7021807230034086 12,500.00 32,500.00"""
CHEQUE = """HDFC BANK
Kothrud Branch, Pune
RTGS/NEFT IFSC: HDFC0001234
Pay
OR BEARER
Rupees
A/c No. 50100123456789
RAVI KUMAR
Please sign above
⑈004512⑈ 411240012⑆ 456789⑈ 10"""
LETTER = """Dear Customer,
Your NACH mandate registration with UMRN HDFC7021807230034086 has been rejected by your bank.
Please submit a fresh mandate form at the branch. Yours faithfully, Kaveri Finance Limited"""


BANK_LETTER = """HDFC BANK
Sub: NACH Mandate Registration
UMRN: HDFC7021807230034086
Account No: 50100123456789   IFSC: HDFC0001234
Frequency: Monthly   Amount: Rs. 12,500.00
Dear Customer, the mandate above is registered. Yours faithfully"""


@pytest.mark.parametrize("text", [STATEMENT, CHEQUE, LETTER, BANK_LETTER],
                         ids=["statement", "cheque", "letter", "registration_letter"])
def test_declines_documents_that_print_bank_details(text):
    s = ach_form.score(layout(text))
    assert s is None or s < 0.5


def test_cheque_and_mandate_decline_each_other():
    """Both sides of the boundary: the cheque module declines every mandate this module takes."""
    for text in (LENDER, "\n".join(ln.text for ln in NPCI)):
        assert (cheque.score(layout(text)) or 0) < 0.5
        assert ach_form.score(layout(text)) > 0.8
    assert (ach_form.score(layout(CHEQUE)) or 0) < 0.5 < cheque.score(layout(CHEQUE))


def test_declared_as_a_business_type_with_its_generator():
    assert registry()["ACH_FORM"] is ach_form
    assert ach_form.GROUP == "business" and ach_form.GENERATOR == "kagaz.synth.nach"
    assert {k for k, s in ach_form.FIELDS.items() if s.kind == "identifier"} == {
        "umrn", "ifsc", "micr", "account_number"}


@pytest.mark.parametrize("layout_name", ["npci", "lender", "ecs"])
def test_born_digital_mandate_end_to_end(layout_name):
    """A mandate saved as a PDF with its text layer (fast: no OCR): every field, as printed."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import nach
    from kagaz.synth.render import to_pdf

    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for seed in range(3):
        drawn = nach.LAYOUTS[layout_name](random.Random(seed))
        result = engine.process(to_pdf(drawn.canvas))
        assert result.document_type == "ACH_FORM"
        data = result.file_data()
        assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields
        assert result.validations["ifsc_format"]["valid"]


@pytest.mark.slow
@pytest.mark.parametrize("layout_name,seed", [("npci", 5), ("lender", 0), ("ecs", 1)])
def test_image_mandate_end_to_end(engine, layout_name, seed):
    from kagaz.synth import generate

    doc = generate("ACH_FORM", seed, "clean", layout_name)
    result = engine.process(doc.data)
    assert result.document_type == "ACH_FORM"
    data = result.file_data()
    got = {k: data.get(k, {}).get("value") for k in doc.fields}
    required = {"bank_name", "ifsc", "account_number", "account_holder_name", "amount", "start_date"}
    if layout_name == "lender":  # printed as a word; a tick in a box the reader may not see
        required.add("frequency")
    required &= set(doc.fields)
    assert {k: got[k] for k in required} == {k: doc.fields[k] for k in required}
    # the rest (a tick the reader may not see on a scan) may be missing, never wrong
    assert all(got[k] in (None, v) for k, v in doc.fields.items()), got
