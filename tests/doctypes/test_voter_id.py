"""Voter ID (EPIC): number parsing and repairs, label variants, age instead of a birth date,
regional-script cards, and declining other documents."""

from __future__ import annotations

import pytest

from kagaz.doctypes.fields import COMMON

from kagaz.doctypes import voter_id
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def fields(text: str):
    f = voter_id.extract(layout(text), ExtractOptions())
    voter_id.validate(f)
    return f


def values(text: str) -> dict[str, str]:
    return {k: v.value for k, v in fields(text).items()}


COLOR_CARD = """भारत निर्वाचन आयोग
Election Commission of India
निर्वाचक फोटो पहचान पत्र ELECTOR PHOTO IDENTITY CARD
HZL2273591
नाम / Name : Sandeep Joshi
पिता का नाम / Father's Name : Ramesh Joshi
लिंग / Gender : Male / पुरुष
जन्म तिथि / Date of Birth : 09/09/1985
Assembly Constituency No. & Name : 212 - Kothrud"""

OLD_CARD = """ELECTION COMMISSION OF INDIA
IDENTITY CARD
MPX2947183
Elector's Name : SUNITA DEVI
Father's/Husband's Name : RAMESH YADAV
Sex : Female
Age as on 1.1.2008 : 25
Electoral Registration Officer
Date: 12/03/2008"""


def test_colour_card_with_bilingual_labels():
    assert values(COLOR_CARD) == {
        "voter_id": "HZL2273591", "name": "Sandeep Joshi", "gender": "MALE", "date_of_birth": "09/09/1985",
    }
    assert voter_id.score(layout(COLOR_CARD)) >= 0.9


def test_old_card_with_age_has_no_birth_date():
    f = values(OLD_CARD)
    assert f == {"voter_id": "MPX2947183", "name": "SUNITA DEVI", "gender": "FEMALE", "age": "25"}


def test_age_in_its_own_box():
    assert "age" not in values("ELECTION COMMISSION OF INDIA\nAge as on 01.01.2024\nWKH1186253")
    lines = [TextLine("ELECTION COMMISSION OF INDIA", 0.99, (10, 10, 400, 34)),
             TextLine("Age as on 1.1.2008", 0.99, (10, 60, 220, 84)),
             TextLine(":", 0.9, (300, 60, 306, 84)),
             TextLine("25", 0.99, (330, 60, 360, 84))]
    assert voter_id.extract(Layout(lines), ExtractOptions())["age"].value == "25"


def test_values_under_labels_and_unlabelled_name():
    text = """ELECTION COMMISSION OF INDIA
Sandeep Joshi
Father's or husband's name
Ramesh Joshi
Gender
Male
Date of birth
09/09/1985
EPIC No.
HZL2273591
ELECTOR PHOTO IDENTITY CARD"""
    f = fields(text)
    assert {k: v.value for k, v in f.items()} == {
        "voter_id": "HZL2273591", "name": "Sandeep Joshi", "gender": "MALE", "date_of_birth": "09/09/1985",
    }
    assert f["name"].confidence_score < 0.9  # found by position, not beside a label


def test_regional_script_card_keeps_number_and_type():
    # A Tamil card read by a Latin OCR: the script is noise, the number and a few words survive.
    text = """市9 C5i5Q2
Election Commission of India
QT O&UL LWI OL ELECTOR PHOTO DENTITY CARD
YOS0826216
EPIC
GuuÍ
Elector's
Name
:L"""
    assert voter_id.score(layout(text)) >= 0.8
    assert values(text)["voter_id"] == "YOS0826216"


def test_split_relation_label_is_not_the_holder():
    lines = [TextLine("Election Commission of India", 0.99, (100, 10, 600, 50)),
             TextLine("YOS0826216", 0.99, (500, 80, 700, 110)),
             TextLine("Elector's", 0.99, (20, 200, 180, 240)),
             TextLine("BARATH KUMAR", 0.99, (300, 210, 560, 245)),
             TextLine("Name", 0.99, (20, 235, 120, 275)),
             TextLine("Relation's", 0.99, (20, 400, 200, 440)),
             TextLine("KUMAR SWAMY", 0.99, (300, 410, 560, 445)),
             TextLine("Name", 0.99, (20, 437, 120, 477))]
    assert voter_id.extract(Layout(lines), ExtractOptions())["name"].value == "BARATH KUMAR"


@pytest.mark.parametrize(
    "printed,expected,repairs",
    [
        ("WKH1186253", "WKH1186253", 0),
        ("WKH 1186253", "WKH1186253", 0),
        ("WKH1I86253", "WKH1186253", 1),  # I read for 1
        ("WKHI186Z53", "WKH1186253", 2),
        ("Y0S0826216", "YOS0826216", 1),  # 0 read for O among the letters
        ("EPIC No.YOS0826216", "YOS0826216", 0),
    ],
)
def test_numbers_and_repairs(printed, expected, repairs):
    assert voter_id.parse_number(printed) == (expected, repairs)
    f = fields(f"ELECTION COMMISSION OF INDIA\nEPIC No. {printed}")["voter_id"]
    assert f.value == expected
    assert (f.confidence_score < 0.95) == (repairs > 0)


def test_luhn_digit_raises_confidence_but_is_not_required():
    good = fields("ELECTION COMMISSION OF INDIA\nWKH1186253")["voter_id"]
    bad = fields("ELECTION COMMISSION OF INDIA\nWKH1186263")["voter_id"]
    assert bad.value == "WKH1186263" and good.confidence_score > bad.confidence_score >= 0.9


@pytest.mark.parametrize("text", ["COMMISSION", "GOVERNMENT", "ABCDEF1234", "ABC12345",
                                  "0123456789", "ABCPK1234F"])
def test_not_a_number(text):
    assert voter_id.parse_number(text) is None


def test_label_glued_to_the_number():
    assert values("ELECTION COMMISSION OF INDIA\nEPICNoYOS0826216")["voter_id"] == "YOS0826216"


def test_old_format_number_with_lower_confidence():
    f = fields("ELECTION COMMISSION OF INDIA\nIDENTITY CARD\nMH/12/345/123456\nName : Ravi Kumar")
    assert f["voter_id"].value == "MH/12/345/123456" and f["voter_id"].confidence_score < 0.9


@pytest.mark.parametrize(
    "line,gender",
    [("Sex : Male", "MALE"), ("Gender: FEMALE", "FEMALE"), ("लिंग / Sex : पुरुष / Male", "MALE"),
     ("Sex/लिंग: महिला / Female", "FEMALE"), ("Sex : F", "FEMALE"), ("SEX:M", "MALE")],
)
def test_gender_variants(line, gender):
    assert values(f"ELECTION COMMISSION OF INDIA\n{line}")["gender"] == gender


@pytest.mark.parametrize(
    "line",
    ["DOB:17/04/1988", "Date of Birth 17-04-1988", "जन्म तिथि/DOB: 17/04/1988", "Date of Birth / Age : 17/04/1988"],
)
def test_birth_date_variants(line):
    assert values(f"ELECTION COMMISSION OF INDIA\n{line}")["date_of_birth"] == "17/04/1988"


def test_unreadable_birth_label_falls_back_to_the_only_birth_like_date():
    text = "ELECTION COMMISSION OF INDIA\nWKH1186253\nजज लिपि / 0006 ७\n25/04/1982\nDate: 12/03/2008"
    f = fields(text)["date_of_birth"]
    assert f.value == "25/04/1982" and f.confidence_score < 0.9


def test_relative_is_never_the_holder():
    text = "ELECTION COMMISSION OF INDIA\nWKH1186253\nFather's Name : SURESH KUMAR\nHusband's Name: RAMESH"
    assert "name" not in values(text)


def test_issue_date_is_not_the_birth_date():
    assert "date_of_birth" not in values(OLD_CARD)


def test_too_young_to_vote_is_reported():
    f = voter_id.extract(layout("ELECTION COMMISSION OF INDIA\nDate of Birth : 01/01/2020"), ExtractOptions())
    assert voter_id.validate(f) and f["date_of_birth"].confidence_score <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "GOVERNMENT OF INDIA\nRajesh Kumar\nDOB: 01/01/1990\nMALE\n2345 6789 0123\nAadhaar",
        "INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nRAVI KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
        "MAHARASHTRA STATE MOTOR DRIVING LICENCE\nDL No MH02 20110012345\nName: RAVI\nDOB: 01-01-1985",
        # an employee card: "IDENTITY CARD" and a 3-letter, 7-digit code, but no Election Commission
        "ACME SOFTWARE PVT LTD\nIDENTITY CARD\nName: Ravi Kumar\nEmp ID: EMP1234567\nBlood Group: O+",
        # a letter that mentions a voter ID
        "Dear Sir,\nPlease submit your Voter ID issued by the Election Commission of India.\n"
        "Yours faithfully,\nBranch Manager",
        "",
        "🙂🙂🙂 ♥ 𝟘𝟙𝟚",
    ],
)
def test_declines_other_documents(text):
    s = voter_id.score(layout(text))
    assert s is None or s < 0.5


# --- end to end, through the real OCR engine ----------------------------------------------------


@pytest.mark.slow
def test_drawn_card_end_to_end(engine):
    from tests.conftest import draw_card, encode

    card = draw_card([
        ("ELECTION COMMISSION OF INDIA", 230, 30, 32),
        ("ELECTOR PHOTO IDENTITY CARD", 250, 80, 28),
        ("WKH1186253", 600, 150, 36),
        ("Elector's Name : MEERA PATEL", 60, 240, 30),
        ("Father's Name : GOPAL PATEL", 60, 300, 30),
        ("Sex : Female", 60, 360, 30),
        ("Date of Birth : 14/08/1991", 60, 420, 30),
    ])
    data = engine.process(encode(card, "JPEG", quality=90)).file_data()
    assert data["document_type"] == "VOTER_ID"
    got = {k: v["value"] for k, v in data.items() if isinstance(v, dict) and "value" in v
           and k not in COMMON}  # the capture flag every type gets
    assert got == {"voter_id": "WKH1186253", "name": "MEERA PATEL", "gender": "FEMALE", "date_of_birth": "14/08/1991"}
    assert data["voter_id"]["confidence_score"] >= 0.95


@pytest.mark.slow
@pytest.mark.parametrize("layout_name", ["old_bw", "color", "portrait"])
def test_synthetic_cards_end_to_end(engine, layout_name):
    synth = pytest.importorskip("kagaz.synth")
    doc = synth.generate("VOTER_ID", 11, "clean", layout_name)
    data = engine.process(doc.data).file_data()
    assert data["document_type"] == "VOTER_ID"
    assert data["voter_id"]["value"] == doc.fields["voter_id"]
    if "date_of_birth" in doc.fields:
        assert data["date_of_birth"]["value"] == doc.fields["date_of_birth"]
    else:
        assert "date_of_birth" not in data
    # OCR sometimes drops the space between words of a bold name; the letters must match
    assert data["name"]["value"].replace(" ", "") == doc.fields["name"].replace(" ", "")
