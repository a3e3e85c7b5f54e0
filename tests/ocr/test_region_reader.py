"""The region reader: several Tesseract readings of one printed line (skipped without the Devanagari data)."""

from __future__ import annotations

import glob

import pytest
from PIL import Image, ImageDraw, ImageFont

from kagaz.ocr.region_reader import region_reader
from kagaz.text.devanagari import ascii_digits

READER = region_reader()
FONT = sorted(glob.glob("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"))
pytestmark = pytest.mark.skipif(READER is None or not FONT, reason="Tesseract's Devanagari data or the font is missing")


def drawn(text: str, size: int = 18) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """A small, low-resolution capture of one printed line, and the line's box."""
    font = ImageFont.truetype(FONT[0], size)
    image = Image.new("L", (40 + int(font.getlength(text)), 3 * size), 255)
    ImageDraw.Draw(image).text((20, size // 2), text, font=font, fill=0)
    return image, (18.0, size / 2 - 2, image.width - 18.0, size / 2 + size * 1.4)


def test_each_pass_reads_the_line_and_most_read_the_number_right() -> None:
    image, box = drawn("भूमापन क्रमांक : ३६१/५")
    readings = READER.read(image, box)  # type: ignore[union-attr]
    assert len(readings) >= 2
    assert sum("361/5" in ascii_digits(r).replace(" ", "") for r in readings) > len(readings) / 2


def test_a_number_only_region_reads_no_letters() -> None:
    image, box = drawn("२४/०१/२०१३")
    readings = READER.read(image, box, numbers_only=True)  # type: ignore[union-attr]
    assert readings and all(set(r) <= set("0123456789०१२३४५६७८९/-. ") for r in readings)
