"""PAN card: number repairs, labelled and unlabelled layouts, cross-checks, declining others."""

from __future__ import annotations

import pytest
from PIL import Image

from kagaz.doctypes import pan
from kagaz.doctypes.base import ExtractOptions
from kagaz.imaging.quality import capture_quality
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def values(text: str) -> dict[str, str]:
    return {k: v.value for k, v in pan.extract(layout(text), ExtractOptions()).items()}


NEW_LAYOUT = """आयकर विभाग INCOME TAX DEPARTMENT
भारत सरकार GOVT. OF INDIA
Permanent Account Number Card
ABCPS1234K
नाम / Name
Anita Sharma
पिता का नाम / Father's Name
Vinod Sharma
जन्म की तारीख / Date of Birth
05/06/1987"""


def test_new_layout_with_labels():
    assert values(NEW_LAYOUT) == {
        "pan_number": "ABCPS1234K",
        "name_as_per_pan": "Anita Sharma",
        "father_name": "Vinod Sharma",
        "dob": "05/06/1987",
    }
    assert pan.score(layout(NEW_LAYOUT)) >= 0.9


def test_old_layout_without_labels():
    text = "INCOME TAX DEPARTMENT GOVT. OF INDIA\nRAVI KUMAR\nSURESH KUMAR\n01/02/1990\nPermanent Account Number\nBXRPK4821K\nSignature"
    assert values(text) == {
        "pan_number": "BXRPK4821K", "name_as_per_pan": "RAVI KUMAR", "father_name": "SURESH KUMAR", "dob": "01/02/1990",
    }


@pytest.mark.parametrize("printed,expected,repairs", [("ABCPS1234K", "ABCPS1234K", 0), ("ABCPS12S4K", "ABCPS1254K", 1), ("A8CPS1234K", "ABCPS1234K", 1), ("ABCPS 1234K", "ABCPS1234K", 0)])
def test_number_repairs_lower_confidence(printed, expected, repairs):
    f = pan.extract(layout(f"INCOME TAX DEPARTMENT\nPermanent Account Number\n{printed}"), ExtractOptions())
    assert f["pan_number"].value == expected
    assert (f["pan_number"].confidence_score < 0.97) == (repairs > 0)


def test_surname_initial_cross_check():
    fields = pan.extract(layout(NEW_LAYOUT.replace("ABCPS1234K", "ABCPK1234K")), ExtractOptions())
    issues = pan.validate(fields)
    assert issues and fields["pan_number"].confidence_score < 0.9


def test_missing_fields_are_absent():
    assert set(values("INCOME TAX DEPARTMENT\nPermanent Account Number\nABCPS1234K")) == {"pan_number"}


@pytest.mark.parametrize(
    "text",
    [
        "GOVERNMENT OF INDIA\nRajesh Kumar\nDOB: 01/01/1990\nMALE\n2345 6789 0123\nAadhaar",
        "ELECTION COMMISSION OF INDIA\nIDENTITY CARD\nABC1234567",
        "Dear customer, please update your PAN and Aadhaar details with the bank before 31/03/2024.\n" * 3,
        "",
        "🙂🙂🙂 ♥ 𝟘𝟙𝟚",
    ],
)
def test_declines_other_documents(text):
    s = pan.score(layout(text))
    assert s is None or s < 0.5


def test_quality_flag_from_colour():
    assert capture_quality(Image.new("RGB", (300, 200), (30, 80, 190)))[0] == "original"
    assert capture_quality(Image.new("RGB", (300, 200), (120, 120, 120)))[0] == "xerox_copy"


@pytest.mark.slow
def test_pan_card_end_to_end(engine, pan_card):
    from tests.conftest import encode

    result = engine.process(encode(pan_card, "JPEG", quality=90))
    data = result.file_data()
    assert data["document_type"] == "PAN"
    assert data["pan_number"]["value"] == "BQKPK4821M"
    assert data["document_quality_flag"]["value"] in {"original", "xerox_copy"}
    grey = engine.process(encode(pan_card.convert("L"), "PNG")).file_data()
    assert grey["document_quality_flag"]["value"] == "xerox_copy"


def test_quality_flag_spots_moire_but_not_blur():
    import numpy as np
    from PIL import ImageDraw, ImageFilter

    card = Image.new("RGB", (1000, 630), (225, 235, 250))
    d = ImageDraw.Draw(card)
    for i in range(12):
        d.text((40, 30 + 48 * i), "INCOME TAX DEPARTMENT  ABCPK1234F  01/02/1990", fill=(20, 20, 60))
    assert capture_quality(card)[0] == "original"
    assert capture_quality(card.filter(ImageFilter.GaussianBlur(3)))[0] == "original"
    yy, xx = np.mgrid[0:630, 0:1000].astype(np.float32)
    moire = 10 * np.sin(2 * np.pi * (xx * 0.8 + yy * 0.6) / 4.0)
    arr = np.clip(np.asarray(card, np.float32) + moire[..., None], 0, 255).astype(np.uint8)
    assert capture_quality(Image.fromarray(arr))[0] == "photo_of_photo"
