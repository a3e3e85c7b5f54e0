"""GST registration certificate (REG-06): GSTIN repairs and checks, label layouts, declining others."""

from __future__ import annotations

import pytest

from kagaz.doctypes import gst_cert
from kagaz.doctypes.address_format import add_formatted_addresses
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, h: float = 28, page: int = 0, score: float = 0.98) -> TextLine:
    return TextLine(text, score, (x, y, x + 13 * len(text), y + h), page)


def extract(lay: Layout) -> dict:
    """The type's fields as the extract stage leaves them (formatted_address added)."""
    fields = gst_cert.extract(lay, ExtractOptions())
    add_formatted_addresses(fields, gst_cert.FIELDS)
    return fields


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in extract(lay).items()}


REG06 = """Government of India
Form GST REG-06
[See Rule 10(1)]
Registration Certificate
Registration Number : 27AAPFU0939F1ZV
1. Legal Name: UNIQUE TRADERS
2. Trade Name, if any: UNIQUE TRADING CO
3. Constitution of Business: Partnership
4. Address of Principal Place of Business: Shop 4, MG Road, Pune, Maharashtra, 411001
5. Date of Liability: 01/07/2017
6. Period of Validity: From 01/07/2017 To Not Applicable
7. Type of Registration: Regular
8. Particulars of Approving Authority: Signature Not Verified
Date: 2017.09.18 10:43:50 IST
9. Date of issue of Certificate: 18/09/2017"""


def test_reg06_lines():
    assert values(layout(REG06)) == {
        "gst_number": "27AAPFU0939F1ZV",
        "legal_name": "UNIQUE TRADERS",
        "trade_name": "UNIQUE TRADING CO",
        "constitution_of_business": "Partnership",
        "type_of_registration": "Regular",
        "address": "Shop 4, MG Road, Pune, Maharashtra, 411001",
        "formatted_address": {"address_line_1": "Shop 4", "address_line_2": "MG Road", "city": "Pune",
                              "state": "Maharashtra", "postcode": "411001"},
        "date_of_liability": "01/07/2017",
        "date_of_issue": "18/09/2017",
        "valid_from": "01/07/2017",
    }
    assert gst_cert.score(layout(REG06)) >= 0.9


def test_table_with_wrapped_label_and_address():
    """Numbered table: label and value in separate boxes, both wrapping onto a second line."""
    lines = [
        at("Form GST REG-06", 600, 100), at("Registration Certificate", 560, 150),
        at("Registration Number", 100, 220), at("24NAPCR6095P1Z1", 500, 220),
        at("1.", 120, 300), at("Legal Name", 200, 300), at("ROYAL AUTOMOBILES PRIVATE LIMITED", 760, 302),
        at("2.", 120, 370), at("Trade Name, if any", 200, 370), at("ROYAL AUTOMOBILES", 760, 372),
        at("3.", 120, 440), at("Constitution of Business", 200, 440), at("Private Limited Company", 760, 442),
        at("4.", 120, 510), at("Address of Principal Place of", 200, 510),
        at("Plot 70, Market Yard, Rajiv Chowk,", 760, 512),
        at("Business", 200, 548), at("Ahmedabad, Gujarat 383439", 760, 550),
        at("5.", 120, 620), at("Date of Liability", 200, 620), at("01/07/2017", 760, 622),
        at("6.", 120, 690), at("Period of Validity", 200, 690), at("From 23/08/2017", 760, 692),
        at("To 21/10/2017", 760, 730),
        at("7.", 120, 800), at("Type of Registration", 200, 800), at("Casual Taxable Person", 760, 802),
    ]
    got = values(Layout(lines))
    assert got["address"] == "Plot 70, Market Yard, Rajiv Chowk, Ahmedabad, Gujarat 383439"
    assert got["legal_name"] == "ROYAL AUTOMOBILES PRIVATE LIMITED"
    assert got["valid_from"] == "23/08/2017" and got["valid_to"] == "21/10/2017"
    assert got["type_of_registration"] == "Casual Taxable Person"
    assert got["formatted_address"]["state"] == "Gujarat"


def test_label_above_value_grid():
    """Portal print: label small above its value, two cells per row."""
    lines = [
        at("GOODS AND SERVICES TAX", 500, 40), at("Form GST REG-06 | Registration Certificate", 500, 150),
        at("GSTIN", 115, 320), at("08QHYPQ7175P1ZG", 113, 360),
        at("Legal Name of Business", 115, 447), at("Mahesh Chand Qureshi", 115, 489),
        at("Constitution of Business", 116, 703), at("Type of Registration", 841, 702),
        at("Proprietorship", 113, 745), at("Regular", 838, 742),
        at("Date of Liability", 112, 957), at("Date of Issue", 841, 960),
        at("14-12-2019", 113, 999), at("10-05-2020", 842, 999),
        at("Valid From", 110, 1084), at("Valid To", 836, 1082),
        at("14-12-2019", 113, 1127), at("NA", 837, 1124),
    ]
    got = values(Layout(lines))
    assert got["constitution_of_business"] == "Proprietorship"
    assert got["type_of_registration"] == "Regular"
    assert got["date_of_liability"] == "14/12/2019" and got["date_of_issue"] == "10/05/2020"
    assert got["valid_from"] == "14/12/2019" and "valid_to" not in got
    assert "trade_name" not in got


@pytest.mark.parametrize("printed,expected,repaired", [
    ("27AAPFU0939F1ZV", "27AAPFU0939F1ZV", False),
    ("27AAPFUO939F1ZV", "27AAPFU0939F1ZV", True),   # O for 0 in the PAN's digits
    ("27AAPFU0939F12V", "27AAPFU0939F1ZV", True),   # 2 for the fixed Z
    ("27 AAPFU 0939F 1ZV", "27AAPFU0939F1ZV", False),
    ("GSTIN:27AAPFU0939F1ZV", "27AAPFU0939F1ZV", False),
    ("03IWJPM7802T1Z0", "03IWJPM7802T1ZO", True),   # the check character O read as 0
])
def test_gstin_repairs(printed, expected, repaired):
    f = gst_cert.extract(layout(f"Form GST REG-06\nRegistration Number {printed}"), ExtractOptions())
    assert f["gst_number"].value == expected
    assert (f["gst_number"].confidence_score < 0.95) == repaired


def _finish(text: str) -> Document:
    fields = extract(layout(text))
    issues = gst_cert.validate(fields)
    doc = Document(data=b"", fields=fields)
    gst_cert.finish(doc)
    doc.issues = issues  # type: ignore[assignment]
    return doc


def test_validations_pass_on_a_consistent_certificate():
    doc = _finish(REG06)
    assert {k: v["valid"] for k, v in doc.validations.items()} == {
        "gstin_checksum": True, "gstin_embedded_pan": True, "gstin_state": True}
    assert doc.validations["gstin_embedded_pan"]["pan"] == "AAPFU0939F"


def test_bad_checksum_is_reported_and_lowers_confidence():
    doc = _finish(REG06.replace("27AAPFU0939F1ZV", "27AAPFU0939F1ZW"))
    assert doc.fields["gst_number"].value == "27AAPFU0939F1ZW"
    assert doc.validations["gstin_checksum"]["valid"] is False
    assert doc.fields["gst_number"].confidence_score <= 0.5


def test_state_code_against_address():
    doc = _finish(REG06.replace("Pune, Maharashtra, 411001", "Bengaluru, Karnataka, 560001"))
    check = doc.validations["gstin_state"]
    assert check["valid"] is False and check["code_state"] == "Maharashtra"
    assert doc.fields["formatted_address"].confidence_score <= 0.5


def test_embedded_pan_holder_type_against_constitution():
    doc = _finish(REG06.replace("Partnership", "Proprietorship"))  # an F (firm) PAN
    assert doc.validations["gstin_embedded_pan"]["valid"] is False
    assert doc.validations["gstin_embedded_pan"]["fits_constitution"] is False


def test_annexure_page_alone():
    text = ("Annexure B\nGSTIN 27AAPFU0939F1ZV\nLegal Name UNIQUE TRADERS\nTrade Name, if any UNIQUE TRADING CO\n"
            "Details of Managing / Authorized Partners / Karta\n1 Name RAVI KUMAR\nDesignation/Status Partner")
    assert gst_cert.score(layout(text)) >= 0.5
    got = values(layout(text))
    assert got == {"gst_number": "27AAPFU0939F1ZV", "legal_name": "UNIQUE TRADERS", "trade_name": "UNIQUE TRADING CO"}


def test_date_that_lost_a_separator_is_read_at_lower_confidence():
    f = gst_cert.extract(layout("Form GST REG-06\nDate of Liability: 14/102024\nDate of Issue: 02/11/2024"),
                         ExtractOptions())
    assert f["date_of_liability"].value == "14/10/2024"
    assert f["date_of_liability"].confidence_score < f["date_of_issue"].confidence_score


def test_garbled_labels_are_still_found():
    text = ("Form GST REG-06\nRegistration Number: 27AAPFU0939F1ZV\nLegal Mane: UNIQUE TRADERS\n"
            "Constitntion of Business: Partnership\nPenod of Validity: From 01/07/2017 To Not Applicable")
    got = values(layout(text))
    assert got["legal_name"] == "UNIQUE TRADERS"
    assert got["constitution_of_business"] == "Partnership"
    assert got["valid_from"] == "01/07/2017"


def test_blank_trade_name_and_not_applicable_validity_are_absent():
    text = REG06.replace("UNIQUE TRADING CO", "").replace("To Not Applicable", "To NA")
    got = values(layout(text))
    assert "trade_name" not in got and "valid_to" not in got


def test_joined_business_words_are_split_on_scans():
    got = gst_cert.extract(layout("Form GST REG-06\nTrade Name: LAXMIENTERPRISES"), ExtractOptions())
    assert got["trade_name"].value == "LAXMI ENTERPRISES"
    assert got["trade_name"].confidence_score <= 0.85


@pytest.mark.parametrize("text", [
    # a tax invoice prints GSTINs, legal and trade names
    "TAX INVOICE\nInvoice No: INV-1021\nSeller GSTIN: 27AAPFU0939F1ZV\nLegal Name: UNIQUE TRADERS\n"
    "Trade Name: UNIQUE\nHSN 8471 Qty 1 Rate 45,000.00\nTaxable Value 45,000.00",
    # a Udyam certificate of the same firm
    "UDYAM REGISTRATION CERTIFICATE\nUDYAM-MH-26-0012345\nName of Enterprise UNIQUE TRADERS",
    # a PAN card
    "INCOME TAX DEPARTMENT\nRAVI KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
    # a letter that mentions GST registration
    "Dear Sir,\nPlease find our GST registration certificate attached.\nRegards",
    "",
    "🙂 ### 1234 ABCD",
])
def test_declines_other_documents(text):
    assert (gst_cert.score(layout(text)) or 0.0) < 0.5


def test_identity_modules_decline_a_certificate():
    from kagaz.doctypes import aadhaar, driving_license, pan, passport, voter_id

    for module in (pan, aadhaar, driving_license, voter_id, passport):
        assert (module.score(layout(REG06)) or 0.0) < 0.5, module.CODE


# ---- end to end on synthetic certificates ----------------------------------------------------

@pytest.fixture(scope="module")
def engine():
    from kagaz.pipeline import Engine

    return Engine()


def _check(result, truth: dict) -> None:
    assert result.document_type == "GST_CERT"
    got = {k: f.value for k, f in result.fields.items()}
    for key, value in truth.items():
        assert got.get(key) == value, key
    assert result.validations["gstin_checksum"]["valid"] is True


@pytest.mark.parametrize("layout_name", ["reg06", "reg06_full", "reg06_annexure", "portal", "certificate"])
def test_born_digital_pdf(engine, layout_name):
    from kagaz.synth import generate

    doc = generate("GST_CERT", 11, "pdf_text", layout_name)
    result = engine.process(doc.data, "cert.pdf")
    _check(result, doc.fields)
    assert result.timings["ocr"] < 1.0  # read from the text layer


@pytest.mark.slow
def test_scanned_certificate(engine):
    from kagaz.synth import generate

    doc = generate("GST_CERT", 5, "photocopy", "reg06")
    _check(engine.process(doc.data, "cert.png"), doc.fields)


def test_provisional_registration_reg25_is_a_gst_certificate():
    # Rule 24(1): taxpayers migrated from the earlier laws received Form GST REG-25 first.
    lay = layout(
        "Government of India\nForm GST REG-25\n[See Rule 24(1)]\nCertificate of Provisional Registration\n"
        "Provisional ID / GSTIN: 27AAPFU0939F1ZV\nLegal Name of Business: UMESH TRADING COMPANY\n"
        "Trade Name, if any: UMESH TRADERS\nConstitution of Business: Partnership\n"
        "Address of Principal Place of Business: 14, Station Road, Nashik, Maharashtra, 422001\n"
        "Date of issue of Certificate: 30/06/2017")
    assert gst_cert.score(lay) >= 0.5
    v = values(lay)
    assert v["gst_number"] == "27AAPFU0939F1ZV"
    assert v["legal_name"] == "UMESH TRADING COMPANY"
