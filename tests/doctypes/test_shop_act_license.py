"""Shops and Establishments registrations: Maharashtra Form B / Form G, other states' Form C."""

from __future__ import annotations

import pytest

from kagaz.doctypes import registry

from kagaz.doctypes import shop_act_license as shop
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, h: float = 26, score: float = 0.98) -> TextLine:
    return TextLine(text, score, (x, y, x + 12 * len(text), y + h))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in shop.extract(lay, ExtractOptions()).items()}


def test_form_b_bilingual_labels_as_the_latin_reader_leaves_them():
    """"आस्थापनेचे नाव / Name of the Establishment" is read as "/Name of the Establishment"."""
    lay = Layout([
        at("/FORM 'B'", 680, 190),
        at("Maharashtra Shops and Establishments (Regulation of Employment and Conditions of Service) Act, 2017",
           283, 326),
        at("/REGISTRATION CERTIFICATE", 449, 376),
        at("Registration No. : 2732000346468695", 105, 462), at("Issue Date : 28/12/2023", 1291, 464),
        at("/Name of the Establishment", 118, 550), at("PRADEEP TRADERS", 718, 555),
        at("/ Postal Address of the", 119, 615), at("Plot 326, Sai Plaza, Shanti Vihar, Pune,", 720, 621),
        at("Establishment", 60, 652), at("Maharashtra 438876", 720, 655),
        at("/ Name of the Employer", 118, 715), at("PRADEEP QURESHI", 720, 723),
        at("/ Residential Addres of the Employer", 117, 778), at("H.No 107, MG Road, Thane - 442589", 718, 786),
        at("/ Category of Establishment", 119, 845), at("Restaurant", 717, 848),
        at("/Nature of Business", 118, 908), at("Wholesale of pharmaceuticals", 721, 913),
        at("/Date of Commencement", 120, 973), at("08/11/2020", 718, 977),
        at("/ Total Number of Workers", 119, 1036), at("Male: 31 Female: 2 Total: 33", 720, 1042),
        at("Place : Pune", 105, 1149),
    ])
    assert values(lay) == {
        "registration_number": "2732000346468695",
        "establishment_name": "PRADEEP TRADERS",
        "employer_name": "PRADEEP QURESHI",
        "address": "Plot 326, Sai Plaza, Shanti Vihar, Pune, Maharashtra 438876",
        "nature_of_business": "Wholesale of pharmaceuticals",
        "total_employees": "33",
        "date_of_issue": "28/12/2023",
    }
    assert shop.score(lay) >= 0.9


def test_marathi_label_printed_over_the_english_one():
    """The value sits beside the Marathi label; the English label is on the line below."""
    lay = Layout([
        at("Maharashtra Shops and Establishments (Regulation of Employment and Conditions of Service) Act, 2017",
           280, 282),
        at("Registration No. : 2725000379748562", 105, 413),
        at("1.", 117, 505), at("आस्थापनेचे नाव", 186, 502, score=0.4), at("PERFECT CATERERS", 750, 508),
        at("Name of the Establishment", 190, 543),
        at("2.", 116, 598), at("॥2॥ ॥2९॥॥|६२॥६", 191, 598, score=0.0),
        at("Flat 46, Ground Floor, Subhash Road, Pune,", 748, 597),
        at("Postal Address of the Establishment", 190, 635), at("Maharashtra - 437679", 750, 634),
        at("3.", 116, 695), at("2० [२५॥७॥॥", 187, 694, score=0.0), at("Meena Devi Patel", 748, 694),
        at("Name of the Employer", 189, 729),
        at("9.", 117, 1253), at("10/10/2029", 749, 1252), at("Valid up to", 185, 1282),
    ])
    got = values(lay)
    assert got["establishment_name"] == "PERFECT CATERERS"
    assert got["address"] == "Flat 46, Ground Floor, Subhash Road, Pune, Maharashtra - 437679"
    assert got["employer_name"] == "Meena Devi Patel"
    assert got["valid_till"] == "10/10/2029"


FORM_C = """FORM - C
(See Rule 5)
CERTIFICATE OF REGISTRATION
The Delhi Shops and Establishments Act, 1954
Registration No. : SE/NORTH/58683/2O14
Name of the Establishment : QURESHI TRADERS
Name of the Employer : MAHESH CHAND QURESHI
Postal Address : Door No 137, Gandhi Nagar, New Delhi, Delhi, 110069
Nature of Business : Wholesale trade of general goods
No. of Employees : 12
Date of Issue : 21.10.2014
This certificate is valid up to 21.10.2017."""


def test_form_c_with_validity_in_a_sentence():
    f = shop.extract(layout(FORM_C), ExtractOptions())
    assert {k: v.value for k, v in f.items()} == {
        "registration_number": "SE/NORTH/58683/2014",
        "establishment_name": "QURESHI TRADERS",
        "employer_name": "MAHESH CHAND QURESHI",
        "address": "Door No 137, Gandhi Nagar, New Delhi, Delhi, 110069",
        "nature_of_business": "Wholesale trade of general goods",
        "total_employees": "12",
        "date_of_issue": "21/10/2014",
        "valid_till": "21/10/2017",
    }
    assert f["registration_number"].confidence_score < 0.95  # the O read as 0 was repaired


def test_form_g_has_no_validity():
    text = ("FORM 'G'\nMaharashtra Shops and Establishments (Regulation of Employment and Conditions of "
            "Service) Act, 2017\nRECEIPT OF INTIMATION\nIntimation Receipt No. : 2731000312345678\n"
            "Name of the Establishment : SAI KIRANA STORES\nName of the Employer : Ravi Patil\n"
            "Number of Workers : 3\nDate of Issue : 02/03/2021")
    got = values(layout(text))
    assert got["registration_number"] == "2731000312345678"
    assert got["total_employees"] == "3"
    assert "valid_till" not in got


def test_validity_before_issue_is_flagged():
    fields = shop.extract(layout(FORM_C.replace("21.10.2017", "21.10.2013")), ExtractOptions())
    assert shop.validate(fields)
    assert fields["valid_till"].confidence_score <= 0.5


@pytest.mark.parametrize("text", [
    "TAX INVOICE\nInvoice No: 1021\nGSTIN 27AAPFU0939F1ZV\nShop Act Licence No: 2731000312345678\nHSN 8471",
    "UDYAM REGISTRATION CERTIFICATE\nUDYAM-MH-26-0012345\nName of Enterprise SAI TRADERS\nMajor Activity SERVICES",
    "Form GST REG-06\nRegistration Certificate\nRegistration Number 27AAPFU0939F1ZV",
    "INCOME TAX DEPARTMENT\nRAVI KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
    "Dear Sir, please renew our shop act licence before the due date. Regards",
    "",
])
def test_declines_other_documents(text):
    assert (shop.score(layout(text)) or 0.0) < 0.5


def test_identity_modules_decline_a_licence():
    from kagaz.doctypes import aadhaar, driving_license, pan, passport, voter_id

    for module in (pan, aadhaar, driving_license, voter_id, passport):
        assert (module.score(layout(FORM_C)) or 0.0) < 0.5, module.CODE


# ---- end to end on synthetic licences ----------------------------------------------------------

@pytest.fixture(scope="module")
def engine():
    from kagaz.pipeline import Engine

    return Engine()


@pytest.mark.parametrize("layout_name", ["mh_form_b", "mh_form_g", "form_c"])
def test_born_digital_pdf(engine, layout_name):
    from kagaz.synth import generate

    doc = generate("SHOP_ACT_LICENSE", 9, "pdf_text", layout_name)
    result = engine.process(doc.data, "licence.pdf")
    assert result.document_type == "SHOP_ACT_LICENSE"
    declared = registry()["SHOP_ACT_LICENSE"].FIELDS  # what it prints, not what is derived
    assert {k: f.value for k, f in result.fields.items() if k in declared and declared[k].scored} == doc.fields


@pytest.mark.slow
def test_scanned_licence(engine):
    from kagaz.synth import generate

    doc = generate("SHOP_ACT_LICENSE", 4, "photocopy", "mh_form_b")
    result = engine.process(doc.data, "licence.png")
    assert result.document_type == "SHOP_ACT_LICENSE"
    got = {k: f.value for k, f in result.fields.items()}
    for key in ("registration_number", "date_of_issue", "total_employees", "establishment_name"):
        assert got.get(key) == doc.fields[key], key


@pytest.mark.parametrize("label", ["Date of Certificate", "Registration Date", "Registered on",
                                   "Date of Receipt of Intimation", "Issued on"])
def test_date_of_issue_under_other_labels(label):
    lay = layout("FORM 'C'\nThe Karnataka Shops and Commercial Establishments Act, 1961\n"
                 "Registration Certificate\nRegistration No: 24/67/CE/0123/2019\n"
                 "Name of the Establishment: Sri Ganesh Stores\nName of the Employer: Ramesh Rao\n"
                 "Date of Commencement: 01/02/2018\n"
                 f"{label}: 14/03/2019\nValid till: 31/12/2023")
    v = values(lay)
    assert v["date_of_issue"] == "14/03/2019"
    assert v["valid_till"] == "31/12/2023"
