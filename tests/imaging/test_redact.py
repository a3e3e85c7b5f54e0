"""Masking: where characters lie in a line box, and black rectangles on a PNG copy."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kagaz.imaging.redact import char_extent, digit_span_box, mask_regions

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
]
NUMBER = "2484 1692 4902"


def render(text: str, font_path: str, size: int, margin: tuple[int, int] = (5, 6)):
    """An image of ``text``, a loose OCR-like box and the exact x of every character boundary."""
    font = ImageFont.truetype(font_path, size)
    im = Image.new("RGB", (int(font.getlength(text)) + 120, size * 3), (248, 248, 240))
    d = ImageDraw.Draw(im)
    x, y = 40, size
    d.text((x, y), text, font=font, fill=(15, 15, 15))
    b = d.textbbox((x, y), text, font=font)
    box = (b[0] - margin[0], b[1] - 4, b[2] + margin[1], b[3] + 4)
    xs = [x + font.getlength(text[:i]) for i in range(len(text) + 1)]
    return im, box, xs, (b[1], b[3])


def test_char_extent_is_proportional():
    assert char_extent((0, 0, 100, 10), "0123456789", 2, 4) == (20.0, 40.0)
    a0, a1 = char_extent((0, 0, 100, 10), "No. 1234", 4, 8)
    assert 35 < a0 < 55 and a1 == 100
    assert char_extent((5, 0, 50, 10), "", 0, 0) == (5.0, 50.0)


def test_span_box_stops_before_the_next_character():
    box = (100, 10, 240, 30)
    x0, y0, x1, y1 = digit_span_box(box, NUMBER, 0, 9)
    nxt = char_extent(box, NUMBER, 10, 11)[0]
    end = char_extent(box, NUMBER, 0, 9)[1]
    assert x0 < 100 and y0 < 10 and y1 > 30  # padded
    assert end <= x1 < nxt
    # Nothing visible after the span: pad to (and past) the line's end.
    assert digit_span_box(box, "2484 1692", 0, 9)[2] > 240


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("size", [16, 28, 48])
@pytest.mark.parametrize("prefix", ["", "Your Aadhaar No. : ", "VID "])
def test_mask_covers_first_eight_digits_and_leaves_last_four(font, size, prefix):
    text = prefix + NUMBER
    im, box, xs, (top, bottom) = render(text, font, size)
    s = len(prefix)
    png = mask_regions(im, [digit_span_box(box, text, s, s + 9, image=im)])
    out = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    orig = np.asarray(im.convert("L"))
    rows = slice(int(top), int(bottom) + 1)
    first = (rows, slice(int(xs[s]), int(np.ceil(xs[s + 9]))))
    ink = orig[first] < 128
    assert ink.any()
    assert (out[first][ink] < 30).all(), "a pixel of the first eight digits is visible"
    last = (rows, slice(int(np.ceil(xs[s + 10])), int(np.ceil(xs[s + 14])) + 1))
    assert (out[last] == orig[last]).all(), "the last four digits were touched"


def test_mask_regions_png_and_clamping():
    im = Image.new("L", (50, 40), 255)
    png = mask_regions(im, [(-10, -10, 10, 10), (45, 35, 80, 90), (30, 5, 20, 15)])
    out = Image.open(io.BytesIO(png))
    assert out.format == "PNG" and out.size == (50, 40) and out.mode == "RGB"
    a = np.asarray(out.convert("L"))
    assert a[0, 0] == 0 and a[10, 10] == 0 and a[39, 49] == 0 and a[10, 25] == 0  # reversed box too
    assert a[30, 5] == 255
    assert im.getpixel((0, 0)) == 255  # the input is not modified


def test_mask_regions_without_boxes_is_a_plain_copy():
    im = Image.new("RGBA", (8, 8), (10, 20, 30, 255))
    out = Image.open(io.BytesIO(mask_regions(im, [])))
    assert out.getpixel((3, 3)) == (10, 20, 30)
