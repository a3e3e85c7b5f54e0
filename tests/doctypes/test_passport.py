"""Indian passport data page: MRZ as authority, visual-zone labels, cross-reads, declining others."""

from __future__ import annotations

import io
import random

import pytest

from kagaz.doctypes.fields import COMMON
from PIL import Image, ImageDraw, ImageFont

from kagaz.doctypes import passport
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def _cd(text: str) -> str:
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(values[ch] * (7, 3, 1)[i % 3] for i, ch in enumerate(text)) % 10)


def td3(number="N4820613", dob="920725", sex="F", expiry="290613", surname="REDDY", given="LAKSHMI DEVI"):
    num = number.ljust(9, "<")
    body = num + _cd(num) + "IND" + dob + _cd(dob) + sex + expiry + _cd(expiry) + "<" * 14 + "0"
    line2 = body + _cd(body[0:10] + body[13:20] + body[21:43])
    return ("P<IND" + surname + "<<" + given.replace(" ", "<")).ljust(44, "<")[:44], line2


L1, L2 = td3()

VIZ = """REPUBLIC OF INDIA
भारत गणराज्य
PASSPORT / पासपोर्ट
Type / प्रकार
P
Country Code / देश कोड
IND
Passport No. / पासपोर्ट सं.
N4820613
Surname / उपनाम
REDDY
Given Name(s) / दिया गया नाम
LAKSHMI DEVI
Nationality / राष्ट्रीयता
INDIAN
Sex / लिंग
F
Date of Birth / जन्म तिथि
25/07/1992
Place of Birth / जन्म स्थान
HYDERABAD, TELANGANA
Place of Issue / जारी करने का स्थान
HYDERABAD
Date of Issue / जारी करने की तिथि
14/06/2019
Date of Expiry / समाप्ति की तिथि
13/06/2029"""
PAGE = f"{VIZ}\n{L1}\n{L2}"

TRUTH = {
    "passport_number": "N4820613",
    "name": "LAKSHMI DEVI REDDY",
    "date_of_birth": "25/07/1992",
    "place_of_birth": "HYDERABAD, TELANGANA",
    "gender": "FEMALE",
    "date_of_issue": "14/06/2019",
    "date_of_expiry": "13/06/2029",
    "place_of_issue": "HYDERABAD",
}


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def grid(rows: list[list[tuple[str, float]]], score: float = 0.98) -> Layout:
    """Hand-placed lines: each row is [(text, x)], rows 28 px apart, 11 px per character."""
    lines = []
    for r, row in enumerate(rows):
        for text, x in row:
            lines.append(TextLine(text, score, (x, 20 + 28 * r, x + 11 * len(text), 40 + 28 * r)))
    return Layout(lines)


def extract(lay: Layout):
    fields = passport.extract(lay, ExtractOptions())
    passport.validate(fields)
    return fields


def values(lay: Layout) -> dict[str, str]:
    return {k: v.value for k, v in extract(lay).items()}


def test_full_extraction_from_a_data_page():
    fields = extract(layout(PAGE))
    assert {k: v.value for k, v in fields.items()} == TRUTH
    assert all(f.confidence_score >= 0.9 for f in fields.values())
    assert passport.score(layout(PAGE)) >= 0.9
    assert passport.validate(fields) == []


def test_two_column_grid_as_printed():
    lay = grid([
        [("REPUBLIC OF INDIA", 370)], [("PASSPORT / पासपोर्ट", 400)],
        [("Type / प्रकार", 250), ("Country Code / देश कोड", 660)], [("P", 250), ("IND", 660)],
        [("Passport No. / पासपोर्ट नं.", 250)], [("N4820613", 250)],
        [("Surname / उपनाम", 250)], [("REDDY", 250)],
        [("Given Name(s) / दिया गया नाम", 250)], [("LAKSHMI DEVI", 250)],
        [("Nationality / राष्ट्रीयता", 250), ("Sex / लिंग", 660)], [("INDIAN", 250), ("F", 660)],
        [("Date of Birth / जन्म तिथि", 250), ("Place of Birth / जन्म स्थान", 660)],
        [("25/07/1992", 250), ("HYDERABAD, TELANGANA", 660)],
        [("Place of Issue / जारी करने का स्थान", 250)], [("HYDERABAD", 250)],
        [("Date of Issue / जारी करने की तिथि", 250), ("Date of Expiry / समाप्ति की तिथि", 660)],
        [("14/06/2019", 250), ("13/06/2029", 660)],
        [(L1, 40)], [(L2, 40)],
    ])
    assert values(lay) == TRUTH


def test_one_line_shared_by_two_columns():
    """Labels and values of two columns read as one line each ("Date of Issue    Date of Expiry")."""
    text = PAGE.replace(
        "Date of Issue / जारी करने की तिथि\n14/06/2019\nDate of Expiry / समाप्ति की तिथि\n13/06/2029",
        "Date of Issue          Date of Expiry\n14/06/2019          13/06/2029",
    ).replace("Sex / लिंग\nF\nDate of Birth / जन्म तिथि\n25/07/1992", "Sex       Date of Birth\nF       25/07/1992")
    got = values(layout(text))
    assert (got["date_of_issue"], got["date_of_expiry"], got["gender"], got["date_of_birth"]) == (
        "14/06/2019", "13/06/2029", "FEMALE", "25/07/1992")


@pytest.mark.parametrize(
    "old,new,key",
    [
        ("Surname / उपनाम", "उपनाम / Surname", "name"),
        ("Surname / उपनाम", "Sumname", "name"),  # rn read as m
        ("Given Name(s) / दिया गया नाम", "GivenName(s)/", "name"),
        ("Date of Birth / जन्म तिथि\n25/07/1992", "Date of Birth/जन्म तिथि: 25/07/1992", "date_of_birth"),
        ("Date of Birth / जन्म तिथि", "Date 0f Birth", "date_of_birth"),
        ("Date of Birth / जन्म तिथि", "जन्म तिथि / DOB", "date_of_birth"),
        ("Place of Birth / जन्म स्थान\nHYDERABAD, TELANGANA", "Place of Birth/जन्म स्थान HYDERABAD, TELANGANA", "place_of_birth"),
        ("Place of Birth / जन्म स्थान", "जन्म स्थान / Place of Birth", "place_of_birth"),
        ("Place of Issue / जारी करने का स्थान\nHYDERABAD", "Place of Issue: HYDERABAD", "place_of_issue"),
        ("Place of Issue / जारी करने का स्थान", "Pace of lssue", "place_of_issue"),  # misread label
        ("Date of Issue / जारी करने की तिथि", "Dte of Isue", "date_of_issue"),
        ("Date of Issue / जारी करने की तिथि\n14/06/2019", "Date of Issue 14 JUN 2019", "date_of_issue"),
        ("Sex / लिंग\nF", "Sex/लिंग: F", "gender"),
        ("Passport No. / पासपोर्ट सं.\nN4820613", "Passport No.N4820613", "passport_number"),
    ],
)
def test_label_variants(old, new, key):
    assert old in PAGE
    got = values(layout(PAGE.replace(old, new)))
    assert got[key] == TRUTH[key]


def test_visual_zone_number_repairs_agree_with_the_mrz():
    for printed in ("N482O613", "N 4820613", "N48206I3"):
        f = extract(layout(PAGE.replace("\nN4820613\n", f"\n{printed}\n")))["passport_number"]
        assert f.value == "N4820613" and f.confidence_score >= 0.9
    # A leading I read as 1 (the specimen "I7941275" reads "17941275").
    l1, l2 = td3(number="I7941275")
    text = f"{VIZ.replace('N4820613', '17941275')}\n{l1}\n{l2}"
    assert values(layout(text))["passport_number"] == "I7941275"


def test_mrz_is_the_authority_when_the_visual_zone_disagrees():
    text = PAGE.replace("25/07/1992", "26/07/1992")
    f = extract(layout(text))["date_of_birth"]
    assert f.value == "25/07/1992" and f.confidence_score < 0.9


def test_failed_check_digit_caps_confidence_unless_the_visual_zone_agrees():
    bad = L2.replace("9207259", "9807259")  # beyond repair: a digit changed that OCR seldom confuses
    f = extract(layout(f"{L1}\n{bad}"))
    assert f["date_of_birth"].confidence_score <= 0.5
    # The visual zone's date passes the MRZ's check digit: the check digit vouches for it.
    f = extract(layout(f"{VIZ}\n{L1}\n{bad}"))["date_of_birth"]
    assert f.value == "25/07/1992" and f.confidence_score >= 0.9
    # Neither passes: the visual zone's reading, doubted.
    f = extract(layout(f"{VIZ.replace('25/07/1992', '24/07/1992')}\n{L1}\n{bad}"))["date_of_birth"]
    assert f.value == "24/07/1992" and f.confidence_score <= 0.7
    agree = f"{VIZ.replace('25/07/1992', '25/07/1998')}\n{L1}\n{bad}"
    f = extract(layout(agree))["date_of_birth"]
    assert f.value == "25/07/1998" and f.confidence_score > 0.5


def test_check_digit_chooses_the_visual_zone_when_the_mrz_is_ambiguous():
    bad = L2.replace("N4820613<7", "N4820618<7")  # several one-digit repairs would pass
    f = extract(layout(f"{VIZ}\n{L1}\n{bad}"))["passport_number"]
    assert f.value == "N4820613" and f.confidence_score >= 0.9
    f = extract(layout(f"{L1}\n{bad}"))["passport_number"]
    assert f.confidence_score <= 0.5


def test_a_wrong_mrz_digit_is_repaired():
    bad = L2.replace("9207259", "9201259")
    f = extract(layout(f"{L1}\n{bad}"))["date_of_birth"]
    assert f.value == "25/07/1992" and 0.5 < f.confidence_score < 0.9  # no visual zone to confirm
    f = extract(layout(f"{VIZ}\n{L1}\n{bad}"))["date_of_birth"]
    assert f.value == "25/07/1992" and f.confidence_score >= 0.95


def test_mrz_alone():
    got = extract(layout(f"REPUBLIC OF INDIA\n{L1.replace('<', 'K', 1)}\n{L2.replace('613<', '613K')}"))
    assert {k: v.value for k, v in got.items()} == {
        "passport_number": "N4820613", "name": "LAKSHMI DEVI REDDY", "date_of_birth": "25/07/1992",
        "gender": "FEMALE", "date_of_expiry": "13/06/2029",
    }
    assert got["name"].confidence_score < 0.9 <= got["passport_number"].confidence_score


def test_mrz_line_split_in_two_boxes():
    lay = grid([[("REPUBLIC OF INDIA", 300)], [(L1[:20], 40), (L1[20:], 300)], [(L2[:23], 40), (L2[23:], 300)]])
    got = values(lay)
    assert (got["passport_number"], got["date_of_birth"], got["name"]) == ("N4820613", "25/07/1992", "LAKSHMI DEVI REDDY")


def test_visual_zone_alone():
    lay = layout(VIZ)
    assert values(lay) == TRUTH
    assert passport.score(lay) >= 0.8


def test_name_halves():
    # Surname label unreadable: the MRZ agrees with the given names and supplies the surname.
    text = PAGE.replace("Surname / उपनाम\nREDDY\n", "")
    f = extract(layout(text))["name"]
    assert f.value == "LAKSHMI DEVI REDDY" and f.confidence_score >= 0.85
    # Visual zone and MRZ disagree: the printed name, with low confidence.
    f = extract(layout(PAGE.replace("\nREDDY\n", "\nREDDI\n")))["name"]
    assert f.value == "LAKSHMI DEVI REDDI" and f.confidence_score <= 0.7
    # A holder with one name: no surname printed.
    l1, l2 = td3(surname="", given="PRIYA")
    text = f"{VIZ.replace('REDDY', '').replace('LAKSHMI DEVI', 'PRIYA')}\n{l1}\n{l2}"
    f = extract(layout(text))["name"]
    assert f.value == "PRIYA"


def test_spaces_dropped_by_ocr_are_restored():
    text = PAGE.replace("\nLAKSHMI DEVI\n", "\nLAKSHMIDEVI\n").replace("HYDERABAD, TELANGANA", "DURGAPUR,WESTBENGAL")
    got = values(layout(text))
    assert got["name"] == "LAKSHMI DEVI REDDY"  # word breaks from the MRZ's fillers
    assert got["place_of_birth"] == "DURGAPUR, WEST BENGAL"
    got = values(layout(PAGE.replace("HYDERABAD, TELANGANA", "MUZAFFARPUR.BR")))
    assert got["place_of_birth"] == "MUZAFFARPUR, BR"  # a comma read as a dot


def test_mrz_name_keeps_long_names_from_the_visual_zone():
    given = "VENKATA SATYA NARAYANA LAKSHMI PRASANNA"
    l1, l2 = td3(surname="CHANDRASEKHARAN", given=given)
    assert len(l1) == 44 and not l1.endswith("<")  # the MRZ cuts the given names
    text = f"{VIZ.replace('REDDY', 'CHANDRASEKHARAN').replace('LAKSHMI DEVI', given)}\n{l1}\n{l2}"
    f = extract(layout(text))["name"]
    assert f.value == f"{given} CHANDRASEKHARAN" and f.confidence_score >= 0.9


def test_issue_and_expiry_cross_check():
    fields = extract(layout(PAGE))
    assert fields["date_of_issue"].confidence_score >= 0.95
    text = PAGE.replace("14/06/2019", "14/06/2018")
    fields = passport.extract(layout(text), ExtractOptions())
    assert fields["date_of_issue"].confidence_score <= 0.85
    assert any("expiry" in issue for issue in passport.validate(fields))


def test_unlabelled_issue_date_is_the_one_that_fits_expiry():
    text = PAGE.replace("Date of Issue / जारी करने की तिथि", "## ####")
    f = extract(layout(text))["date_of_issue"]
    assert f.value == "14/06/2019"
    # Never computed from the expiry: absent when not printed.
    text = PAGE.replace("Date of Issue / जारी करने की तिथि\n14/06/2019\n", "")
    assert "date_of_issue" not in values(layout(text))


def test_values_found_by_the_page_order_when_labels_are_unreadable():
    """A label the OCR could not read (Hindi noise, or no line at all): the data page's order of
    fields places its value; such values are found but not trusted to 0.9."""
    garbled = {
        "Given Name(s) / दिया गया नाम": "दिसा ॥0 गपा / ७९",
        "Place of Birth / जन्म स्थान": "जन्प ॥ ८९",
        "Place of Issue / जारी करने का स्थान": "जाक़ा ० ००णव /#॥क",
        "Sex / लिंग": "ज६ /॥हु",
        "Date of Issue / जारी करने की तिथि": "",
        "Date of Expiry / समाप्ति की तिथि": "",
    }
    text = VIZ
    for old, new in garbled.items():
        text = text.replace(old, new)
    fields = extract(layout(text))
    assert {k: v.value for k, v in fields.items()} == TRUTH
    for key in ("place_of_birth", "place_of_issue", "gender"):
        assert fields[key].confidence_score < 0.9, key
    # With the MRZ, the name is confirmed by it.
    fields = extract(layout(f"{text}\n{L1}\n{L2}"))
    assert fields["name"].value == TRUTH["name"] and fields["name"].confidence_score >= 0.9
    # One place alone between the birth and issue dates: which one it is stays unknown.
    text = text.replace("\nHYDERABAD\n", "\n")
    assert "place_of_birth" not in values(layout(text)) and "place_of_issue" not in values(layout(text))


def test_validate_flags_dates_out_of_order():
    text = VIZ.replace("25/07/1992", "25/07/2020")
    fields = passport.extract(layout(text), ExtractOptions())
    issues = passport.validate(fields)
    assert any("date_of_birth is not before date_of_issue" in i for i in issues)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "😀🎉🔥\n✨✨✨",
        "lorem ipsum dolor sit amet\n12345 67890\nqwerty",
        "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" * 2,
        # A letter that mentions a passport.
        "Ministry of External Affairs\nPassport Seva\nDear Applicant,\n"
        "Your application for a passport has been received and will be processed shortly by us.\n"
        "Please bring your old passport, proof of date of birth and place of birth to the office.\n"
        "Passport No. N4820613 will be cancelled when the new passport is issued to you here.\n"
        "Date of Issue of this letter: 14/06/2019\nRegional Passport Officer",
        # Other identity documents.
        "INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nRAVI KUMAR\nSURESH KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
        "भारत सरकार\nGovernment of India\nRavi Kumar\nDOB: 01/02/1990\nMale\n1234 5678 9012\nमेरा आधार, मेरी पहचान",
        "ELECTION COMMISSION OF INDIA\nIDENTITY CARD\nABC1234567\nElector's Name: Ravi Kumar\nSex: Male\nDate of Birth: 01/02/1990",
        "Union of India\nDriving Licence\nDL No. MH12 20110012345\nName: Ravi Kumar\nDate of Issue: 01/02/2015\nValid Till: 31/01/2035",
        # A visa page in a passport.
        "VISA\nType of Visa: TOURIST\nPassport No. N4820613\nSurname REDDY\nGiven Names LAKSHMI DEVI\nDate of Issue 01/01/2024\n"
        "VNUSAREDDY<<LAKSHMI<DEVI<<<<<<<<<<<<<<<<<<<<\nN4820613<7IND9207259F2906139<<<<<<<<<<<<<<06",
    ],
)
def test_declines_other_documents_and_junk(text):
    lay = layout(text)
    s = passport.score(lay)
    assert s is None or s < 0.5
    passport.extract(lay, ExtractOptions())  # never raises


def test_random_text_never_raises():
    rng = random.Random(7)
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<«( /:.-"
    for _ in range(50):
        text = "\n".join("".join(rng.choice(chars) for _ in range(rng.randint(0, 50))) for _ in range(rng.randint(0, 6)))
        lay = layout(text)
        passport.score(lay)
        passport.validate(passport.extract(lay, ExtractOptions()))


# --- end to end through the engine -------------------------------------------------------------


@pytest.fixture(scope="module")
def engine():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    return Engine(EngineSettings(ocr_threads=1))


def _drawn_page() -> tuple[bytes, dict[str, str]]:
    """A plain data page drawn with Pillow (DejaVu Sans, MRZ in DejaVu Sans Mono)."""
    sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    im = Image.new("RGB", (1100, 760), (248, 246, 238))
    d = ImageDraw.Draw(im)
    f_lab, f_val = ImageFont.truetype(sans, 16), ImageFont.truetype(sans, 24)
    d.text((380, 30), "REPUBLIC OF INDIA", fill=(20, 40, 110), font=ImageFont.truetype(sans, 32))
    d.text((470, 75), "PASSPORT", fill=(20, 40, 110), font=ImageFont.truetype(sans, 22))
    cells = [
        (250, 130, "Passport No.", "N4820613"), (250, 195, "Surname", "REDDY"),
        (250, 260, "Given Name(s)", "LAKSHMI DEVI"), (250, 325, "Nationality", "INDIAN"),
        (700, 325, "Sex", "F"), (250, 390, "Date of Birth", "25/07/1992"),
        (700, 390, "Place of Birth", "HYDERABAD, TELANGANA"), (250, 455, "Place of Issue", "HYDERABAD"),
        (250, 520, "Date of Issue", "14/06/2019"), (700, 520, "Date of Expiry", "13/06/2029"),
    ]
    for x, y, label, value in cells:
        d.text((x, y), label, fill=(90, 90, 90), font=f_lab)
        d.text((x, y + 22), value, fill=(10, 10, 10), font=f_val)
    f_mrz = ImageFont.truetype(mono, 34)
    d.text((30, 640), L1, fill=(0, 0, 0), font=f_mrz)
    d.text((30, 690), L2, fill=(0, 0, 0), font=f_mrz)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue(), TRUTH


def _synthetic(seed: int, variant: str, layout_name: str):
    try:
        from kagaz.synth import generate
    except ImportError:
        return _drawn_page()
    d = generate("PASSPORT", seed, variant, layout_name)
    return d.data, d.fields


@pytest.mark.slow
def test_end_to_end_drawn_page(engine):
    data, truth = _drawn_page()
    result = engine.process(data, "passport.png")
    assert result.document_type == "PASSPORT"
    assert {k: v.value for k, v in result.fields.items() if k not in COMMON} == truth


@pytest.mark.slow
@pytest.mark.parametrize("seed,variant,layout_name", [(11, "clean", "classic"), (12, "photo", "compact"), (13, "jpeg", "booklet")])
def test_end_to_end_synthetic(engine, seed, variant, layout_name):
    data, truth = _synthetic(seed, variant, layout_name)
    result = engine.process(data)
    assert result.document_type == "PASSPORT"
    got = {k: v.value for k, v in result.fields.items()}
    for key in ("passport_number", "date_of_birth", "date_of_expiry", "gender"):  # the MRZ's fields
        assert got.get(key) == truth[key], key
    right = sum(got.get(k) == v for k, v in truth.items())
    assert right >= len(truth) - 1, (got, truth)
    for key, f in result.fields.items():  # what the engine is sure of is right
        if f.confidence_score >= 0.9:
            assert f.value == truth[key], key


def test_another_countrys_passport_is_a_passport_by_its_zone():
    # A French data page: bilingual labels ("Date d'expiration" holds the letters "ration", not a
    # ration card), OCR noise from the guilloche, and a zone whose every check digit holds.
    noise = "\n".join(f"se conformer aux formalites {i}" for i in range(40))
    text = ("RÉPUBLIQUE FRANÇAISE\nPASSEPORT\nPASSPORT\nType/Type\nCode du pays/Country code\n"
            "Passeport n°/Passport no\nNom/Surname\nSPECIMEN\nDate d'expiration/Date of expiry\n05 07 2020\n"
            f"{noise}\n"
            "P<FRASPECIMEN<<NATACHA<<<<<<<<<<<<<<<<<<<<<<\n"
            "60RF197658FRA8407122F2007058<<<<<<<<<<<<<<06")
    lay = Layout(TextLine(ln.text, ln.score, ln.bbox) for ln in lines_from_text(text))
    assert passport.score(lay) >= 0.5
    f = passport.extract(lay, ExtractOptions())
    assert f["passport_number"].value == "60RF19765"
    assert f["date_of_expiry"].value == "05/07/2020"
