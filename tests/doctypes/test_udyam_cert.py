"""Udyam registration certificate: number repairs, classification tables, address grid, NIC codes."""

from __future__ import annotations

import pytest

from kagaz.doctypes import udyam_cert
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, h: float = 20, score: float = 0.98) -> TextLine:
    return TextLine(text, score, (x, y, x + 11 * len(text), y + h))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in udyam_cert.extract(lay, ExtractOptions()).items()}


def official() -> Layout:
    """The portal's certificate, as boxes: label column at x=93, tables from x=523."""
    return Layout([
        at("Ministry of Micro, Small and Medium Enterprises", 480, 220),
        at("UDYAM REGISTRATION CERTIFICATE", 420, 300, h=34),
        at("UDYAM REGISTRATION NUMBER", 93, 443), at("UDYAM-MP-29-5750747", 524, 444),
        at("NAME OF ENTERPRISE", 93, 499), at("OM PRINTERS", 523, 499),
        at("TYPE OF ENTERPRISE *", 92, 555), at("SNo.", 523, 555), at("Classification Year", 613, 555),
        at("Enterprise Type", 894, 555), at("Classification Date", 1173, 555),
        at("1", 524, 595), at("2022-23", 613, 595), at("SMALL", 894, 595), at("27/08/2022", 1173, 595),
        at("2", 523, 635), at("2020-21", 613, 635), at("MICRO", 894, 635), at("07/02/2021", 1173, 635),
        at("MAJOR ACTIVITY", 93, 731), at("SERVICES", 523, 731),
        at("SOCIAL CATEGORY OF", 92, 786), at("OBC", 523, 786), at("ENTREPRENEUR", 93, 817),
        at("NAME OF UNIT(S)", 93, 872), at("S.No.", 523, 872), at("Name of Unit(s)", 614, 872),
        at("1", 524, 912), at("OM PRINTERS", 613, 912),
        at("OFFICIAL ADDRESS OF", 92, 968), at("Flat/Door/Block No.", 524, 968), at("Shop No 286", 753, 968),
        at("Name of Premises/", 1044, 968), at("Ganesh Chambers", 1273, 968),
        at("ENTERPRISE", 93, 999), at("Building", 1044, 999),
        at("Village/Town", 522, 1039), at("Anna Nagar", 752, 1039), at("Block", 1044, 1039), at("GWALIOR", 1273, 1039),
        at("Road/Street/Lane", 524, 1079), at("Subhash Road", 753, 1079), at("City", 1043, 1079),
        at("GWALIOR", 1273, 1079),
        at("State", 523, 1119), at("MADHYA PRADESH", 754, 1119), at("District", 1044, 1119),
        at("GWALIOR", 1273, 1119),
        at("Pin", 524, 1159), at("477528", 753, 1160), at("Mobile", 1044, 1159), at("939*****30", 1273, 1159),
        at("Email", 524, 1199), at("gee***@gmail.com", 753, 1199),
        at("DATE OF INCORPORATION /", 93, 1255), at("29/07/2009", 523, 1255),
        at("REGISTRATION OF ENTERPRISE", 93, 1286),
        at("DATE OF COMMENCEMENT OF", 93, 1341), at("24/10/2009", 523, 1341),
        at("PRODUCTION/BUSINESS", 93, 1372),
        at("NATIONAL INDUSTRY", 93, 1427), at("SNo.", 523, 1427), at("NIC 2 Digit", 594, 1427),
        at("NIC 4 Digit", 864, 1427), at("NIC 5 Digit", 1134, 1427), at("Activity", 1423, 1427),
        at("CLASSIFICATION CODE(S)", 92, 1458),
        at("1", 524, 1468), at("56 - Food and beverage", 593, 1467), at("5610 - Restaurants and", 863, 1467),
        at("56101 - Restaurants", 1133, 1467), at("Services", 1423, 1467),
        at("service activities", 593, 1497), at("mobile food service", 863, 1497), at("without bars", 1132, 1497),
        at("2", 524, 1540), at("62 - Computer", 593, 1540), at("6201 - Computer", 863, 1540),
        at("62011 - Writing, modifying", 1133, 1540), at("Services", 1423, 1540),
        at("DATE OF UDYAM REGISTRATION", 93, 1600), at("07/02/2021", 523, 1600),
    ])


def test_official_certificate():
    assert values(official()) == {
        "udyam_number": "UDYAM-MP-29-5750747",
        "enterprise_name": "OM PRINTERS",
        "type_of_enterprise": "SMALL",  # the latest classification year (2022-23)
        "major_activity": "SERVICES",
        "date_of_incorporation": "29/07/2009",
        "date_of_registration": "07/02/2021",
        "address": "Shop No 286, Ganesh Chambers, Anna Nagar, GWALIOR, Subhash Road, GWALIOR, MADHYA PRADESH, "
                   "GWALIOR, 477528",
        "nic_codes": ["56101", "62011"],
    }
    assert udyam_cert.score(official()) >= 0.9


def test_print_with_separator_boxes():
    lay = Layout([
        at("Udyam Registration - Print", 640, 94),
        at("Udyam Registration Number", 102, 238), at(":", 561, 243), at("UDYAM-KA-10-1982867", 602, 239),
        at("Name of Entrepreneur", 102, 300), at(":", 561, 305), at("SANDEEP BHAT", 601, 301),
        at("PAN", 102, 364), at(":", 561, 368), at("RMJPB4052K", 602, 364),
        at("Name of Enterprise", 102, 425), at(":", 561, 430), at("OM AGENCIES", 601, 426),
        at("Enterprise Type", 102, 549), at(":", 561, 554), at("MICRO", 602, 550),
        at("Official Address", 101, 736), at(":", 561, 741),
        at("Office No 171, Commercial Complex, Old City, Hubballi,", 601, 736),
        at("Karnataka - 570615", 602, 773),
        at("Date of Incorporation", 102, 835), at(":", 561, 840), at("11/02/2010", 602, 836),
        at("NIC Code", 102, 959), at(":", 561, 964), at("45200 - Maintenance and repair of motor vehicles", 600, 959),
        at("47110 - Retail sale in non-specialized stores", 600, 996),
        at("Date of Udyam Registration", 102, 1022), at(":", 561, 1027), at("03/02/2021", 602, 1022),
    ])
    got = values(lay)
    assert got["owner_name"] == "SANDEEP BHAT"
    assert got["address"] == "Office No 171, Commercial Complex, Old City, Hubballi, Karnataka - 570615"
    assert got["nic_codes"] == ["45200", "47110"]
    assert got["type_of_enterprise"] == "MICRO"
    assert got["date_of_registration"] == "03/02/2021"


def test_commencement_stands_in_for_incorporation_at_lower_confidence():
    text = ("UDYAM REGISTRATION CERTIFICATE\nUdyam Registration Number UDYAM-DL-48-5083216\n"
            "Name of the enterprise Sharma Engineering Works\nOwner's name Rajesh Kumar Sharma\nSize Micro\n"
            "Business address H.No 42, Gandhi Nagar, New Delhi, Delhi - 110085\nBusiness started on 15/02/2018")
    f = udyam_cert.extract(layout(text), ExtractOptions())
    assert f["date_of_incorporation"].value == "15/02/2018"
    assert f["date_of_incorporation"].confidence_score <= 0.8
    assert f["owner_name"].value == "Rajesh Kumar Sharma"
    assert f["type_of_enterprise"].value == "Micro"
    assert "date_of_registration" not in f


@pytest.mark.parametrize("printed,expected,repaired", [
    ("UDYAM-MH-26-0012345", "UDYAM-MH-26-0012345", False),
    ("UDYAM MH 26 0012345", "UDYAM-MH-26-0012345", False),
    ("UDYAM-MH-26-OO12345", "UDYAM-MH-26-0012345", True),
    ("UDYAM-M H-2б-0012345", None, None),
    ("UDYAM_MH_Z6_0012345", "UDYAM-MH-26-0012345", True),
])
def test_number_repairs(printed, expected, repaired):
    f = udyam_cert.extract(layout(f"UDYAM REGISTRATION CERTIFICATE\n{printed}"), ExtractOptions())
    if expected is None:
        assert "udyam_number" not in f or f["udyam_number"].value != "UDYAM-MH-26-0012345"
        return
    assert f["udyam_number"].value == expected
    assert (f["udyam_number"].confidence_score < 0.95) == repaired


def test_format_validation():
    def check(number: str) -> dict:
        fields = udyam_cert.extract(layout(f"UDYAM REGISTRATION CERTIFICATE\n{number}"), ExtractOptions())
        udyam_cert.validate(fields)
        doc = Document(data=b"", fields=fields)
        udyam_cert.finish(doc)
        return doc.validations["udyam_format"] | {"conf": fields["udyam_number"].confidence_score}

    assert check("UDYAM-GJ-01-0000001")["valid"] is True
    bad = check("UDYAM-QQ-01-0000001")
    assert bad["valid"] is False and bad["conf"] <= 0.5


@pytest.mark.parametrize("text", [
    # an invoice that prints its seller's Udyam number in the footer
    "TAX INVOICE\nInvoice No: 1021\nGSTIN 27AAPFU0939F1ZV\nHSN 8471 Qty 1\nTaxable Value 45,000.00\n"
    "MSME Udyam No: UDYAM-MH-26-0012345",
    "Form GST REG-06\nRegistration Certificate\nRegistration Number 27AAPFU0939F1ZV\nLegal Name X TRADERS",
    "FORM 'B'\nMaharashtra Shops and Establishments Act\nName of the Establishment SAI TRADERS",
    "Dear Sir, we are registered under Udyam and request the MSME benefit. Regards",
    "",
])
def test_declines_other_documents(text):
    assert (udyam_cert.score(layout(text)) or 0.0) < 0.5


def test_identity_modules_decline_a_certificate():
    from kagaz.doctypes import aadhaar, driving_license, pan, passport, voter_id

    for module in (pan, aadhaar, driving_license, voter_id, passport):
        assert (module.score(official()) or 0.0) < 0.5, module.CODE


# ---- end to end on synthetic certificates ----------------------------------------------------

@pytest.fixture(scope="module")
def engine():
    from kagaz.pipeline import Engine

    return Engine()


def _check(result, truth: dict) -> None:
    assert result.document_type == "UDYAM_CERT"
    got = {k: f.value for k, f in result.fields.items()}
    for key, value in truth.items():
        assert got.get(key) == value, key
    assert result.validations["udyam_format"]["valid"] is True


@pytest.mark.parametrize("layout_name", ["official", "certificate", "print"])
def test_born_digital_pdf(engine, layout_name):
    from kagaz.synth import generate

    doc = generate("UDYAM_CERT", 7, "pdf_text", layout_name)
    _check(engine.process(doc.data, "udyam.pdf"), doc.fields)


@pytest.mark.slow
def test_scanned_certificate(engine):
    from kagaz.synth import generate

    doc = generate("UDYAM_CERT", 3, "clean", "official")
    _check(engine.process(doc.data, "udyam.png"), doc.fields)
