"""Driving licence: number parsing and repairs, label variants, NT/TR validity, the issuing
state, cross-reading the number's year with the issue date, and declining other documents."""

from __future__ import annotations

import pytest

from kagaz.doctypes.fields import COMMON

from kagaz.doctypes import driving_license as dl
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def fields(text: str):
    f = dl.extract(layout(text), ExtractOptions())
    dl.validate(f)
    return f


def values(text: str) -> dict[str, str]:
    return {k: v.value for k, v in fields(text).items()}


MH_CARD = """MAHARASHTRA STATE MOTOR DRIVING LICENCE
Form 7 (See Rule 16(2))
DL No MH02 20110012345
DOI 12-05-2011
Valid Till 11-05-2031 (NT)
Name RAVI KUMAR SHARMA
S/D/W of SURESH KUMAR SHARMA
Add H.No 12, MG Road, Pune
PIN 411001
DOB 01-01-1985
BG O+
COV DOI
LMV 12-05-2011"""

UNION_CARD = """Indian Union Driving Licence
Issued by Government of Karnataka
DL No.
KA01 20150012345
Issue Date
03/02/2015
Validity (NT)
02/02/2035
Validity (TR)
-
Name
Priya Nair
Date of Birth
17/04/1988
Son/Daughter/Wife of
Gopal Nair"""


def test_state_card_with_labels_on_the_line():
    assert values(MH_CARD) == {
        "dl_number": "MH0220110012345",
        "name": "RAVI KUMAR SHARMA",
        "date_of_birth": "01/01/1985",
        "issue_date": "12/05/2011",
        "valid_till": "11/05/2031",
        "state": "MAHARASHTRA",
    }
    assert dl.score(layout(MH_CARD)) >= 0.9


def test_union_card_with_values_under_labels():
    f = fields(UNION_CARD)
    assert {k: v.value for k, v in f.items()} == {
        "dl_number": "KA0120150012345",
        "name": "Priya Nair",
        "date_of_birth": "17/04/1988",
        "issue_date": "03/02/2015",
        "valid_till": "02/02/2035",
        "state": "KARNATAKA",
    }
    # the number's year matches the issue date's: both readings agree
    assert f["dl_number"].confidence_score >= 0.95 and f["issue_date"].confidence_score >= 0.95
    assert f["state"].confidence_score >= 0.9


@pytest.mark.parametrize(
    "printed,expected",
    [
        ("MH02 20110012345", "MH0220110012345"),
        ("MH-02-2011-0012345", "MH0220110012345"),
        ("MH0220110012345", "MH0220110012345"),
        ("KA01 20150012345", "KA0120150012345"),
        ("DL-0420110012345", "DL0420110012345"),
        ("TN72 19980001234", "TN7219980001234"),
        ("UP14 2010 0123456", "UP1420100123456"),
    ],
)
def test_number_formats(printed, expected):
    assert dl.parse_number(printed) == (expected, 0)
    assert values(f"DRIVING LICENCE\nDL No: {printed}")["dl_number"] == expected


@pytest.mark.parametrize(
    "printed,expected,repairs",
    [
        ("MHO2 2O110012345", "MH0220110012345", 2),  # O read for 0 among the digits
        ("K401 20150012345", "KA0120150012345", 1),  # 4 read for A in the state code
        ("0D05 20120012345", "OD0520120012345", 1),  # 0 read for O in the state code
        ("GJ01 2O1S0012345", "GJ0120150012345", 2),
    ],
)
def test_confused_numbers_are_repaired_with_lower_confidence(printed, expected, repairs):
    assert dl.parse_number(printed) == (expected, repairs)
    clean = fields(f"DRIVING LICENCE\nDL No: {expected}")["dl_number"].confidence_score
    f = fields(f"DRIVING LICENCE\nDL No: {printed}")["dl_number"]
    assert f.value == expected and f.confidence_score < clean


@pytest.mark.parametrize("text", ["XY02 20110012345", "MH02 20990012345", "MH02 19200012345",
                                  "MH02 2011001234", "27AAPFU0939F1ZV", "MH02AB1234"])
def test_not_a_number(text):
    assert dl.parse_number(text) is None


def test_label_glued_to_the_number():
    assert values("DRIVING LICENCE\nDLNoMH0220110012345")["dl_number"] == "MH0220110012345"


@pytest.mark.parametrize(
    "line",
    ["DOB:17/04/1988", "Date of Birth 17-04-1988", "जन्म तिथि/DOB: 17/04/1988", "D.O.B. 17.04.1988"],
)
def test_birth_date_label_variants(line):
    assert values(f"DRIVING LICENCE\nDL No MH0220110012345\n{line}")["date_of_birth"] == "17/04/1988"


@pytest.mark.parametrize("label", ["DOI", "Date of Issue", "Issue Date", "Date of First Issue", "Issued On"])
def test_issue_date_label_variants(label):
    assert values(f"DRIVING LICENCE\n{label}: 12/05/2011")["issue_date"] == "12/05/2011"


@pytest.mark.parametrize(
    "text",
    [
        "Valid Till : 11-05-2031 (NT) 11-05-2014 (TR)",
        "Valid Till : 11-05-2014 (TR) 11-05-2031 (NT)",
        "Validity (TR) : 11-05-2014\nValidity (NT) : 11-05-2031",
        "Validity (NT)\n11-05-2031\nValidity (TR)\n-",
        "Valid Upto 11/05/2031",
        "Valid From 12-05-2011 To 11-05-2031",
        "Validity: 12-05-2011 to 11-05-2031",
    ],
)
def test_valid_till_prefers_non_transport(text):
    assert values(f"DRIVING LICENCE\n{text}")["valid_till"] == "11/05/2031"


@pytest.mark.parametrize(
    "text,key,value",
    [
        ("Dote of Birt 17/04/1988", "date_of_birth", "17/04/1988"),
        ("D0I 12.05.2011", "issue_date", "12/05/2011"),
        ("DOI 30,11.2022", "issue_date", "30/11/2022"),  # a comma misread for a dot
        ("Valid:Till 11-05-2031 (NT)", "valid_till", "11/05/2031"),
        ("Validty (NT) 11-05-2031", "valid_till", "11/05/2031"),
        ("Nome : Ravi Kumar", "name", "Ravi Kumar"),
    ],
)
def test_misread_labels(text, key, value):
    assert values(f"DRIVING LICENCE\n{text}")[key] == value


def test_glued_names():
    f = fields("DRIVING LICENCE\nName : ArjunSharma")["name"]
    assert f.value == "Arjun Sharma" and f.confidence_score < 0.95
    f = fields("DRIVING LICENCE\nName : SUNILGHOSH")["name"]  # cannot be split: say so
    assert f.value == "SUNILGHOSH" and f.confidence_score <= 0.8


def test_value_far_to_the_right_is_another_column():
    lines = [TextLine("INDIAN UNION DRIVING LICENCE", 0.99, (120, 10, 650, 45)),
             TextLine("Name", 0.99, (280, 233, 333, 254)),
             TextLine("Bed Grep", 0.8, (700, 229, 804, 259)),  # "Blood Group", misread
             TextLine("Ramesh Mishra", 0.99, (279, 256, 499, 288))]
    assert dl.extract(Layout(lines), ExtractOptions())["name"].value == "Ramesh Mishra"


def test_relative_is_never_the_holder():
    text = "DRIVING LICENCE\nDL No MH0220110012345\nS/D/W of : SURESH KUMAR\nDOB : 01-01-1985"
    assert "name" not in values(text)
    text = "DRIVING LICENCE\nFather's or guardian's name\nAbdul Rahim\nName : Arif Ansari"
    assert values(text)["name"] == "Arif Ansari"


def test_unlabelled_name_above_the_relative():
    text = """DRIVING LICENCE
Mohammed Arif Ansari
Father's or guardian's name
Abdul Rahim Ansari
Date of birth
30/01/1979
DL No.
MH40 20189006971"""
    f = fields(text)
    assert f["name"].value == "Mohammed Arif Ansari"
    assert f["name"].confidence_score < 0.9  # not beside a label


@pytest.mark.parametrize(
    "issuer,state",
    [
        ("Transport Department, Government of NCT of Delhi", "DELHI"),
        ("Govt. of Karnataka", "KARNATAKA"),
        ("GOVERNMENT OF TAMILNADU", "TAMIL NADU"),
        ("Issued by Government of Orissa", "ODISHA"),
        ("WEST BENGAL", "WEST BENGAL"),
    ],
)
def test_printed_state(issuer, state):
    f = fields(f"{issuer}\nDRIVING LICENCE")
    assert f["state"].value == state and f["state"].confidence_score >= 0.9


def test_state_code_alone_is_not_a_printed_state():
    f = fields("TRANSPORT DEPARTMENT\nDRIVING LICENCE\nLicence No. GJ01 20150012345\n"
               "Address: 12 Station Road, Surat, Maharashtra - 395001")
    assert "state" not in f  # the address names another state; the code alone is not printed
    f = fields("TRANSPORT DEPARTMENT\nDRIVING LICENCE\nLicence No. GJ01 20150012345\n"
               "Address: 12 Station Road, Surat, Gujarat - 395001")
    assert f["state"].value == "GUJARAT" and f["state"].confidence_score <= 0.85


def test_missing_fields_are_absent():
    assert set(values("DRIVING LICENCE\nDL No MH0220110012345")) == {"dl_number"}


def test_year_mismatch_lowers_confidence():
    f = fields("DRIVING LICENCE\nDL No MH0220110012345\nDOI 12-05-2013")
    assert f["dl_number"].confidence_score <= 0.85 and f["issue_date"].confidence_score <= 0.85


def test_inconsistent_dates_are_reported():
    f = dl.extract(layout("DRIVING LICENCE\nDOB 01-01-2005\nDOI 12-05-2011\nValid Till 11-05-2010"),
                   ExtractOptions())
    issues = dl.validate(f)
    assert len(issues) == 2
    assert all(f[k].confidence_score <= 0.6 for k in ("date_of_birth", "issue_date", "valid_till"))


@pytest.mark.parametrize(
    "text",
    [
        # Aadhaar card: DOB, gender, a 12-digit number
        "GOVERNMENT OF INDIA\nRajesh Kumar\nDOB: 01/01/1990\nMALE\n2345 6789 0123\nAadhaar",
        # PAN card
        "INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nRAVI KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
        # voter ID
        "ELECTION COMMISSION OF INDIA\nELECTOR PHOTO IDENTITY CARD\nWKH1186253\nName: Ravi\nSex: Male",
        # vehicle registration certificate: Transport Department, state, LMV
        "GOVERNMENT OF MAHARASHTRA\nTRANSPORT DEPARTMENT\nCERTIFICATE OF REGISTRATION\n"
        "Registration No MH02AB1234\nChassis No MA3ERLF1S00123456\nEngine No K12MN1234567\n"
        "Owner Name RAVI KUMAR\nVehicle Class LMV\nDate of Registration 12/05/2015",
        # a letter that mentions a licence
        "Dear Sir,\nSubject: KYC update\nPlease submit a copy of your driving licence or passport.\n"
        "Yours faithfully,\nBranch Manager",
        "",
        "🙂🙂🙂 ♥ 𝟘𝟙𝟚",
        "lorem ipsum dolor sit amet 1234 5678 MH TN KA",
    ],
)
def test_declines_other_documents(text):
    s = dl.score(layout(text))
    assert s is None or s < 0.5


def test_number_alone_with_licence_cues_is_enough():
    assert dl.score(layout("TRANSPORT DEPARTMENT\nLicence No. GJ01 20150012345\nCOV: LMV")) >= 0.5


# --- end to end, through the real OCR engine ----------------------------------------------------


@pytest.mark.slow
def test_drawn_card_end_to_end(engine):
    from tests.conftest import draw_card, encode

    card = draw_card([
        ("TRANSPORT DEPARTMENT, GOVT. OF GUJARAT", 120, 30, 30),
        ("DRIVING LICENCE", 340, 80, 30),
        ("DL No: GJ01 20150012345", 60, 170, 30),
        ("Name: MEERA PATEL", 60, 230, 30),
        ("S/D/W of: GOPAL PATEL", 60, 290, 30),
        ("DOB: 14-08-1991", 60, 350, 30),
        ("DOI: 03-02-2015", 60, 410, 30),
        ("Valid Till: 02-02-2035 (NT)", 60, 470, 30),
        ("COV: LMV MCWG", 60, 530, 30),
    ])
    data = engine.process(encode(card, "JPEG", quality=90)).file_data()
    assert data["document_type"] == "DRIVING_LICENSE"
    got = {k: v["value"] for k, v in data.items() if isinstance(v, dict) and "value" in v
           and k not in COMMON}  # the capture flag every type gets
    assert got == {"dl_number": "GJ0120150012345", "name": "MEERA PATEL", "date_of_birth": "14/08/1991",
                   "issue_date": "03/02/2015", "valid_till": "02/02/2035", "state": "GUJARAT"}


@pytest.mark.slow
@pytest.mark.parametrize("layout_name", ["mh_smart", "ka_smart", "union", "generic"])
def test_synthetic_cards_end_to_end(engine, layout_name):
    synth = pytest.importorskip("kagaz.synth")
    doc = synth.generate("DRIVING_LICENSE", 11, "clean", layout_name)
    data = engine.process(doc.data).file_data()
    assert data["document_type"] == "DRIVING_LICENSE"
    for key in ("dl_number", "date_of_birth", "issue_date", "valid_till", "state"):
        if key in doc.fields:
            assert data[key]["value"] == doc.fields[key], key
    # OCR sometimes drops the space between words of a bold name; the letters must match
    assert data["name"]["value"].replace(" ", "") == doc.fields["name"].replace(" ", "")


def test_a_united_states_licence_is_a_licence_with_its_dates_month_first():
    # AAMVA's card standard: numbered fields and MM/DD/CCYY dates; the number has no Indian shape.
    text = ("WEST VIRGINIA\nCommercial Driver's License\nCHRIS SMITH\nCLASS: A\nLIC #: 034568\n"
            "DOB: 03/23/1988\nEXP: 03/23/2026\nISS: 03/23/2019")
    lay = Layout(TextLine(ln.text, ln.score, ln.bbox) for ln in lines_from_text(text))
    assert dl.score(lay) >= 0.5
    f = dl.extract(lay, ExtractOptions())
    assert {k: v.value for k, v in f.items() if k != "name"} == {
        "dl_number": "034568", "date_of_birth": "23/03/1988", "issue_date": "23/03/2019",
        "valid_till": "23/03/2026"}
    assert f["dl_number"].confidence_score <= 0.8  # no format to check it against
    assert dl.validate(f) == []  # the Sarathi year check does not apply (it raised on such a number)
