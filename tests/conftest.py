"""Shared fixtures: one real engine per test session (loading the OCR models takes a second)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


@pytest.fixture(scope="session")
def engine():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    return Engine(EngineSettings(ocr_threads=1))


def draw_card(lines: list[tuple[str, int, int, int]], size=(1000, 630), mono_from: int | None = None) -> Image.Image:
    """A plain white card with (text, x, y, font size) lines; simple enough to read reliably."""
    im = Image.new("RGB", size, (250, 250, 246))
    d = ImageDraw.Draw(im)
    for i, (text, x, y, fs) in enumerate(lines):
        path = MONO if mono_from is not None and i >= mono_from else FONT
        d.text((x, y), text, fill=(20, 20, 20), font=ImageFont.truetype(path, fs))
    return im


def encode(im: Image.Image, fmt: str = "PNG", **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


@pytest.fixture
def pan_card() -> Image.Image:
    return draw_card(
        [
            ("INCOME TAX DEPARTMENT", 300, 40, 34),
            ("GOVT. OF INDIA", 380, 90, 28),
            ("MEERA KRISHNAN", 60, 200, 34),
            ("GOPAL KRISHNAN", 60, 270, 34),
            ("14/08/1991", 60, 340, 34),
            ("Permanent Account Number", 60, 420, 28),
            ("BQKPK4821M", 60, 470, 44),
        ]
    )
