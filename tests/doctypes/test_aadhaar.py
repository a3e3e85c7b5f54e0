"""Aadhaar: number repairs and Verhoeff, VIDs, masking, addresses, classification, redaction."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kagaz.doctypes import aadhaar, aadhaar_address, aadhaar_numbers, driving_license, pan, passport, voter_id
from kagaz.doctypes.address_format import add_formatted_addresses
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, Page, TextLine
from kagaz.text.layout import Layout

NUMBER = "248416924902"  # Verhoeff-valid
SPACED = "2484 1692 4902"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def fields(text: str, reveal: bool = False):
    """The fields as the extract stage leaves them (formatted_address added)."""
    found = aadhaar.extract(layout(text), ExtractOptions(reveal_aadhaar=reveal))
    add_formatted_addresses(found, aadhaar.FIELDS)
    return found


def values(text: str, reveal: bool = False) -> dict:
    return {k: v.value for k, v in fields(text, reveal).items()}


FRONT = f"""भारत सरकार
GOVERNMENT OF INDIA
राजेश कुमार शर्मा
Rajesh Kumar Sharma
जन्म तिथि/DOB: 17/04/1988
पुरुष / MALE
{SPACED}
मेरा आधार, मेरी पहचान"""

BACK = f"""भारतीय विशिष्ट पहचान प्राधिकरण
Unique Identification Authority of India
पता / Address:
S/O: Mahesh Chand Sharma, H.No 42, Gandhi Nagar,
Sector 9, Rohini, New Delhi, Delhi - 110085
{SPACED}
1947 | help@uidai.gov.in | www.uidai.gov.in
P.O. Box No. 1947, Bengaluru-560 001"""

LETTER = f"""भारतीय विशिष्ट पहचान प्राधिकरण
Unique Identification Authority of India
Government of India
नामांकन क्रम / Enrolment No.: 1234/12345/12345
To
राजेश कुमार शर्मा
Rajesh Kumar Sharma
S/O: Mahesh Chand Sharma, H.No 42, Gandhi Nagar
Sector 9, Rohini, New Delhi, Delhi - 110085
Mobile: XXXXXX4321
Signature valid, Date: 2019.05.12
आपका आधार क्रमांक / Your Aadhaar No. :
{SPACED}
VID : 9123 4567 8901 2345
मेरा आधार, मेरी पहचान
Aadhaar - Aam Aadmi ka Adhikar"""

ADDRESS = "S/O: Mahesh Chand Sharma, H.No 42, Gandhi Nagar, Sector 9, Rohini, New Delhi, Delhi - 110085"


# ---- the number ---------------------------------------------------------------------------------

def test_front_fields():
    assert values(FRONT) == {
        "aadhaar_number": "XXXX XXXX 4902",
        "name": "Rajesh Kumar Sharma",
        "date_of_birth": "17/04/1988",
        "gender": "MALE",
    }


@pytest.mark.parametrize("printed", [SPACED, NUMBER, "2484 1692 49O2", "Z484 l692 4902", "2484 I692 49O2",
                                     "24841692 4902", "2484 1692 4902 3"])
def test_number_repairs(printed):
    f = fields(f"GOVERNMENT OF INDIA\nDOB: 01/01/1990\n{printed}", reveal=True)
    assert f["aadhaar_number"].value == NUMBER
    repaired = printed not in (SPACED, NUMBER)  # a letter fixed, or the groups misread
    assert (f["aadhaar_number"].confidence_score < 0.97) == repaired


def test_invalid_check_digit_is_not_a_number():
    assert "aadhaar_number" not in values("GOVERNMENT OF INDIA\n2484 1692 4903")
    assert "aadhaar_number" not in values("GOVERNMENT OF INDIA\n1484 1692 4902")  # no leading 0/1
    assert "aadhaar_number" not in values("GOVERNMENT OF INDIA\n0000 0000 0000")


def test_specimen_numbers_are_not_numbers():
    assert aadhaar_numbers.is_valid(NUMBER)
    assert not aadhaar_numbers.is_valid("444455556666")  # Verhoeff-valid, but a specimen's number
    assert "aadhaar_number" not in values("GOVERNMENT OF INDIA\n4444 5555 6666")


def test_vid_and_enrolment_number_are_not_the_aadhaar_number():
    vid = "VID : 9123 4567 8901 2345"
    assert "aadhaar_number" not in values(f"GOVERNMENT OF INDIA\nDOB: 01/01/1990\n{vid}")
    # A 12-digit prefix of a VID that happens to validate must still be ignored.
    valid_prefix = "9123 4567 8905"
    from stdnum.in_ import aadhaar as std
    assert std.is_valid(valid_prefix.replace(" ", ""))
    assert "aadhaar_number" not in values(f"Your VID {valid_prefix} 2345")
    assert "aadhaar_number" not in values(f"VID : {valid_prefix}")
    assert values(f"{SPACED}\n{vid}", reveal=True)["aadhaar_number"] == NUMBER
    assert "aadhaar_number" not in values("Enrolment No.: 2484 16924 90212")


def test_prefers_a_valid_number_that_appears_most():
    other = "2345 6789 0124"  # valid too, printed once (a misread)
    from stdnum.in_ import aadhaar as std
    assert std.is_valid(other.replace(" ", ""))
    f = fields(f"{other}\nGOVERNMENT OF INDIA\n{SPACED}\nUIDAI\n{SPACED}", reveal=True)
    assert f["aadhaar_number"].value == NUMBER
    assert f["aadhaar_number"].confidence_score <= 0.7  # two different valid numbers: unsure


def test_number_split_over_two_overlapping_boxes():
    # The OCR read "24841" and "1692 4902" with overlapping boxes: the "1" twice.
    lines = [TextLine("GOVERNMENT OF INDIA", 0.99, (10, 10, 300, 40)),
             TextLine("24841", 0.99, (117, 850, 401, 918)), TextLine("1692 4902", 0.99, (362, 847, 829, 919))]
    f = aadhaar.extract(Layout(lines), ExtractOptions(reveal_aadhaar=True))
    assert f["aadhaar_number"].value == NUMBER
    lines[1:] = [TextLine("4721", 0.99, (48, 365, 162, 396)), TextLine("0938 2659", 0.99, (146, 366, 347, 396))]
    f = aadhaar.extract(Layout(lines), ExtractOptions(reveal_aadhaar=True))
    assert f["aadhaar_number"].value == "472109382659"


def test_masked_value_and_reveal():
    f = fields(FRONT)
    assert f["aadhaar_number"].value == "XXXX XXXX 4902"
    assert NUMBER not in json.dumps({k: v.wire() for k, v in f.items()})
    assert NUMBER not in repr(f)
    assert fields(FRONT, reveal=True)["aadhaar_number"].value == NUMBER


@pytest.mark.parametrize("printed", ["XXXX XXXX 1234", "xxxx xxxx 1234", "**** **** 1234", "XXXXXXXX1234"])
def test_number_masked_on_the_document(printed):
    text = f"Unique Identification Authority of India\nAddress: C/O Ravi, Plot 1, Pune, Maharashtra 411001\n{printed}"
    for reveal in (False, True):
        assert values(text, reveal)["aadhaar_number"] == "XXXX XXXX 1234"
    assert aadhaar.score(layout(text)) >= 0.8


def test_masked_vid_is_not_a_masked_number():
    assert "aadhaar_number" not in values("UIDAI\nVID: XXXX XXXX XXXX 2345")


# ---- dates, names, gender -----------------------------------------------------------------------

@pytest.mark.parametrize("line,expected", [
    ("DOB: 02/06/1985", "02/06/1985"), ("जन्म तिथि/DOB:02/06/1985", "02/06/1985"),
    ("जन्म तिथि / Date of Birth : 02-06-1985", "02/06/1985"), ("D0B : 02/06/1985", "02/06/1985"),
])
def test_date_of_birth_variants(line, expected):
    f = values(f"GOVERNMENT OF INDIA\nSapna Singh\n{line}\nमहिला / FEMALE\n{SPACED}")
    assert f["date_of_birth"] == expected
    assert f["name"] == "Sapna Singh" and f["gender"] == "FEMALE"


def test_year_of_birth_is_not_a_date_of_birth():
    f = values(f"GOVERNMENT OF INDIA\nAadhaar no. issued: 12/03/2015\nAmit Verma\n"
               f"जन्म वर्ष / Year of Birth : 1985\nपुरुष / MALE\n{SPACED}")
    assert "date_of_birth" not in f
    assert f["year_of_birth"] == "1985"
    assert f["name"] == "Amit Verma"


def test_name_skips_father_line_and_hindi():
    f = values(f"GOVERNMENT OF INDIA\nसुनीता देवी\nSunita Devi\nपिता : रमेश\nFather : RAMESH KUMAR\n"
               f"DOB : 01/01/1970\nFemale\n{SPACED}")
    assert f["name"] == "Sunita Devi"
    assert f["gender"] == "FEMALE"


# ---- addresses ----------------------------------------------------------------------------------

def test_back_address():
    f = values(BACK)
    assert f["address"] == ADDRESS
    assert f["formatted_address"] == {
        "address_line_1": "S/O: Mahesh Chand Sharma, H.No 42, Gandhi Nagar",
        "address_line_2": "Sector 9, Rohini",
        "city": "New Delhi",
        "state": "Delhi",
        "postcode": "110085",
    }
    assert "name" not in f and "date_of_birth" not in f


@pytest.mark.parametrize("text,city,state,pin", [
    ("C/O Suresh Patil, Flat 304, Sai Krupa Building, Kothrud, Pune, Maharashtra - 411038", "Pune", "Maharashtra", "411038"),
    ("H.No 5-6-7, Station Road, Dist: Warangal, Telangana 506002", "Warangal", "Telangana", "506002"),
    ("D/O Ravi, 12, MG Road, Bengaluru, Karnataka, PIN Code: 560001", "Bengaluru", "Karnataka", "560001"),
    ("W/O Arif, 4-CH-64, Near Community Hall, Bhilwara, District Bhilwara, Rajasthan, 311001", "Bhilwara", "Rajasthan", "311001"),
    ("Plot 12, Vasant Vihar Colony, Bhopal Madhya Pradesh 462003", "Bhopal", "Madhya Pradesh", "462003"),
    ("Door No 3-12, Anna Nagar, Chennai, TAMIL NADU - 600 040", "Chennai", "Tamil Nadu", "600040"),
    ("12 Park Street, Kolkata, West Bengal", "Kolkata", "West Bengal", ""),
    ("House No. 9, Civil Lines, Rohini, New Delhi - 110085", "New Delhi", "Delhi", "110085"),
    ("VTC: Malpura, PO: Malpura, District: Tonk, State: Rajasthan, PIN Code: 304502", "Tonk", "Rajasthan", "304502"),
    ("Sector 17, Chandigarh, Chandigarh - 160017", "Chandigarh", "Chandigarh", "160017"),
    ("Ward 3, Cuttack, Orissa - 753001", "Cuttack", "Odisha", "753001"),
])
def test_address_parsing(text, city, state, pin):
    p = aadhaar_address.parse_address(text)
    assert (p["city"], p["state"], p["postcode"]) == (city, state, pin)
    assert set(p) == {"address_line_1", "address_line_2", "city", "state", "postcode"}
    assert p["address_line_1"]
    assert pin not in p["address_line_1"] + p["address_line_2"] or not pin
    assert "Dist" not in p["address_line_2"] and "PIN" not in p["address_line_2"]


def test_address_keeps_relation_and_splits_lines():
    p = aadhaar_address.parse_address("S/O Ram Lal, H.No 42, Gandhi Nagar, Sector 9, Rohini, New Delhi, Delhi - 110085")
    assert p["address_line_1"] == "S/O Ram Lal, H.No 42, Gandhi Nagar"
    assert p["address_line_2"] == "Sector 9, Rohini"


def test_address_lines_wrapped_mid_state_name():
    f = values("Unique Identification Authority of India\nAddress:\nPlot 12, Vasant Vihar Colony, Bhopal, Madhya\n"
               f"Pradesh - 462003\n{SPACED}")
    assert f["address"] == "Plot 12, Vasant Vihar Colony, Bhopal, Madhya Pradesh - 462003"
    assert f["formatted_address"]["state"] == "Madhya Pradesh"


@pytest.mark.parametrize("printed,expected", [
    ("Pune, Mabarashtra-406411", "Pune, Maharashtra - 406411"),
    ("Gurugram, Haryana120505", "Gurugram, Haryana 120505"),
    ("Patna, BIHAR - 800001", "Patna, BIHAR - 800001"),
    ("Kochi, Kerala, 682001", "Kochi, Kerala, 682001"),
])
def test_address_ocr_slips_near_the_end_are_repaired(printed, expected):
    f = values(f"UIDAI\nAddress:\nH.No 5, MG Road, {printed}\n{SPACED}")
    assert f["address"] == "H.No 5, MG Road, " + expected
    assert f["formatted_address"]["state"] in aadhaar_address.STATES


def test_address_beside_hindi_column():
    # The back prints the Hindi address on the left and the English one on the right.
    rows = [("पता:", "Address:"), ("एस/ओ: रमेश, मकान 5,", "S/O: Ramesh, H.No 5,"),
            ("गांधी नगर, भोपाल,", "Gandhi Nagar, Bhopal,"), ("मध्य प्रदेश - 462003", "Madhya Pradesh - 462003")]
    lines = [TextLine("Unique Identification Authority of India", 0.99, (10, 10, 700, 40))]
    for i, (hi, en) in enumerate(rows):
        y = 100 + 40 * i
        lines += [TextLine(hi, 0.9, (20, y, 300, y + 30)), TextLine(en, 0.98, (500, y, 900, y + 30))]
    lines.append(TextLine(SPACED, 0.99, (300, 400, 600, 440)))
    f = aadhaar.extract(Layout(lines), ExtractOptions())
    assert f["address"].value == "S/O: Ramesh, H.No 5, Gandhi Nagar, Bhopal, Madhya Pradesh - 462003"


def test_letter_fields():
    f = values(LETTER, reveal=True)
    assert f["aadhaar_number"] == NUMBER
    assert f["name"] == "Rajesh Kumar Sharma"
    assert f["address"] == ADDRESS
    assert f["formatted_address"]["postcode"] == "110085"


def test_pin_must_match_state():
    f = fields("UIDAI\nAddress: 12 MG Road, Pune, Maharashtra - 110001\n" + SPACED)
    issues = aadhaar.validate(f)
    assert issues and f["formatted_address"].confidence_score <= 0.5


# ---- classification -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [FRONT, BACK, LETTER, FRONT + "\n" + BACK])
def test_aadhaar_layouts_score_high(text):
    s = aadhaar.score(layout(text))
    assert s is not None and s >= 0.8
    for other in (pan, driving_license, voter_id, passport):
        assert (other.score(layout(text)) or 0) < s


def test_phone_photo_front_with_noisy_hindi():
    text = f"ब्क्लआारतार\nGOVERNMENT OF INOIA\nfelt f\nBharti Kumari\n网/DOB:02/06/1985\nm/FEMALE\n{SPACED}\n; आदमी का अधिकार"
    assert aadhaar.score(layout(text)) >= 0.6
    assert values(text)["date_of_birth"] == "02/06/1985"


OTHERS = {
    "pan": "INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nRAVI KUMAR\nSURESH KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F",
    "dl": "DRIVING LICENCE\nTRANSPORT DEPARTMENT\nDL No MH02 20110012345\nName : RAVI KUMAR\nDOB : 01-01-1985\nAddress: 12 MG Road, Pune, Maharashtra - 411001",
    "voter": "ELECTION COMMISSION OF INDIA\nELECTOR PHOTO IDENTITY CARD\nABC1234567\nName : Ravi\nGender : Male\nDate of Birth : 01/01/1980",
    "passport": "REPUBLIC OF INDIA\nPASSPORT\nP<INDKUMAR<<RAVI<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nJ1234567<4IND9001011M3001012<<<<<<<<<<<<<<02",
    "abha": "AYUSHMAN BHARAT HEALTH ACCOUNT\nLakshmi Devi Reddy\nDate of birth\n25/07/1992\nGender\nFemale\nABHA Number\n90-7077-2889-8717\nNATIONAL HEALTH AUTHORITY",
    "ration": "RATION CARD\nHead of the household\nKavita Bai Meena\nAadhaar No. 2484 1692 4902\nAddress\nWard 4, Tonk, Rajasthan - 304502",
    "bank_letter": "\n".join(["State Bank of India", "Dear Customer,", "Please link your Aadhaar with your account.",
                             f"Aadhaar No: {SPACED}", "Government of India mandates KYC.", "Regards,", "Branch Manager"]),
    "receipt": "Retail Invoice\nInvoice No : 12345\nPhone: 98765 43210\nTotal 319.00",
}


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_declines_other_documents(name):
    assert (aadhaar.score(layout(OTHERS[name])) or 0) < 0.5


@pytest.mark.parametrize("text", ["", "🙂🙂🙂", "asdf qwer 1234 zxcv", "\u200b\t\n", "1234 5678 9012 3456 7890"])
def test_junk(text):
    lay = layout(text)
    assert (aadhaar.score(lay) or 0) < 0.5
    assert isinstance(aadhaar.extract(lay, ExtractOptions()), dict)


# ---- the masked image ---------------------------------------------------------------------------

def _page_with_number(text: str = f"Your Aadhaar No. : {SPACED}", size: int = 40):
    font = ImageFont.truetype(BOLD, size)
    im = Image.new("RGB", (1100, 300), (250, 250, 245))
    d = ImageDraw.Draw(im)
    x, y = 60, 120
    d.text((x, y), text, font=font, fill=(10, 10, 10))
    b = d.textbbox((x, y), text, font=font)
    box = (b[0] - 5, b[1] - 4, b[2] + 6, b[3] + 4)  # an OCR box is a little loose
    start = max(0, len(text) - len(SPACED))

    def px(i: int) -> float:
        return x + font.getlength(text[:i])

    return im, box, (px(start), px(start + 9), px(start + 10), px(start + 14)), (b[1], b[3])


def _doc(im, lines):
    page = Page(index=0, width=im.width, height=im.height, image=im, lines=lines)
    return Document(data=b"", pages=[page], document_type="AADHAAR")


def test_finish_masks_first_eight_digits():
    im, box, (x0, x8, x9, x12), (top, bottom) = _page_with_number()
    text = f"Your Aadhaar No. : {SPACED}"
    doc = _doc(im, [TextLine("Unique Identification Authority of India", 0.99, (60, 20, 800, 60)),
                    TextLine(text, 0.99, box)])
    aadhaar.finish(doc)
    out = np.asarray(Image.open(io.BytesIO(doc.artifacts["aadhaar_redacted"])).convert("L"))
    orig = np.asarray(im.convert("L"))
    ink = orig < 128
    first = (slice(int(top), int(bottom) + 1), slice(int(x0), int(np.ceil(x8))))
    assert ink[first].any() and (out[first][ink[first]] < 30).all()  # every digit pixel black
    last = (slice(int(top), int(bottom) + 1), slice(int(x9), int(np.ceil(x12)) + 2))
    assert (out[last] == orig[last]).all()  # the last four untouched
    assert NUMBER.encode() not in doc.artifacts["aadhaar_redacted"]
    assert list(doc.artifacts) == ["aadhaar_redacted"]


def test_finish_masks_every_occurrence_and_split_lines():
    im, box, _, _ = _page_with_number(SPACED)
    im2 = Image.new("RGB", (im.width, im.height * 2), "white")
    im2.paste(im, (0, 0))
    im2.paste(im, (0, im.height))
    # The second copy as the OCR split it: "2484" and "1692 4902".
    b2 = (box[0], box[1] + im.height, box[2], box[3] + im.height)
    mid = box[0] + (box[2] - box[0]) * 0.3
    lines = [TextLine(SPACED, 0.99, box), TextLine("2484", 0.99, (b2[0], b2[1], mid, b2[3])),
             TextLine("1692 4902", 0.99, (mid + 2, b2[1], b2[2], b2[3]))]
    doc = _doc(im2, lines)
    aadhaar.finish(doc)
    out = np.asarray(Image.open(io.BytesIO(doc.artifacts["aadhaar_redacted"])).convert("L"))
    for y0 in (box[1], b2[1]):
        band = out[int(y0) + 8:int(y0) + 20, int(box[0]) + 4:int(mid)]
        assert (band < 30).all()


def test_finish_masks_a_number_that_fails_its_check_digit():
    im, box, (x0, x8, _, _), (top, bottom) = _page_with_number(SPACED[:-1] + "3")
    doc = _doc(im, [TextLine(SPACED[:-1] + "3", 0.99, box)])
    aadhaar.finish(doc)
    out = np.asarray(Image.open(io.BytesIO(doc.artifacts["aadhaar_redacted"])).convert("L"))
    assert (out[int(top) + 5:int(bottom) - 5, int(x0) + 2:int(x8) - 2] < 30).all()


def test_no_artifact_when_the_document_is_masked_or_has_no_number():
    im, box, _, _ = _page_with_number("XXXX XXXX 4902")
    doc = _doc(im, [TextLine("XXXX XXXX 4902", 0.99, box)])
    aadhaar.finish(doc)
    assert doc.artifacts == {}
    doc = _doc(im, [TextLine("GOVERNMENT OF INDIA", 0.99, box)])
    aadhaar.finish(doc)
    assert doc.artifacts == {}


def test_finish_without_images_does_nothing():
    doc = Document(data=b"", pages=[Page(index=0, width=10, height=10, lines=[TextLine(SPACED, 0.99, (0, 0, 9, 9))])])
    aadhaar.finish(doc)
    assert doc.artifacts == {}


# ---- end to end ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def engine():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    return Engine(EngineSettings(ocr_threads=1))


def _synth(layout_name: str, seed: int, variant: str = "clean"):
    synth = pytest.importorskip("kagaz.synth")
    return synth.generate("AADHAAR", seed, variant, layout_name)


@pytest.mark.slow
@pytest.mark.parametrize("layout_name,seed", [("front", 0), ("back", 1), ("both_stacked", 2), ("letter", 0)])
def test_end_to_end_synthetic(engine, layout_name, seed, caplog):
    d = _synth(layout_name, seed)
    with caplog.at_level("DEBUG"):
        r = engine.process(d.data, d.filename(seed))
    assert r.document_type == "AADHAAR"
    got = r.file_data()
    truth = d.fields
    assert got["aadhaar_number"]["value"] == "XXXX XXXX " + truth["aadhaar_number"][-4:]
    for k in ("name", "date_of_birth", "gender", "address"):
        if k in truth:
            assert got[k]["value"] == truth[k], k
    if "postcode" in truth:
        assert got["formatted_address"]["value"]["postcode"] == truth["postcode"]
    png = r.artifacts["aadhaar_redacted"]
    assert Image.open(io.BytesIO(png)).format == "PNG"
    number = truth["aadhaar_number"]
    assert number not in json.dumps(got) and number.encode() not in png
    assert all(number not in rec.getMessage() for rec in caplog.records)


@pytest.mark.slow
def test_end_to_end_drawn_card_reveal():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    im = Image.new("RGB", (1012, 638), "white")
    d = ImageDraw.Draw(im)
    for text, xy, size in [("GOVERNMENT OF INDIA", (300, 40), 34), ("Meera Krishnan", (280, 170), 34),
                           ("DOB: 14/08/1991", (280, 230), 30), ("FEMALE", (280, 285), 30),
                           (SPACED, (300, 460), 50)]:
        d.text(xy, text, font=ImageFont.truetype(BOLD if size == 50 else FONT, size), fill="black")
    buf = io.BytesIO()
    im.save(buf, "PNG")
    r = Engine(EngineSettings(ocr_threads=1, reveal_aadhaar=True)).process(buf.getvalue())
    assert r.document_type == "AADHAAR"
    assert r.fields["aadhaar_number"].value == NUMBER
    assert r.fields["name"].value == "Meera Krishnan"
    assert r.fields["date_of_birth"].value == "14/08/1991"
    assert r.fields["gender"].value == "FEMALE"
    red = np.asarray(Image.open(io.BytesIO(r.artifacts["aadhaar_redacted"])).convert("L"))
    assert red.shape[::-1] == im.size
    assert (red[470:500, 320:560] < 30).mean() > 0.9  # the first eight digits are black


def test_state_table_has_the_36_states_and_territories():
    assert len(aadhaar_address.STATES) == 36
    assert all(pin and set(pin) <= set("12345678") for _, pin in aadhaar_address.STATES.values())
