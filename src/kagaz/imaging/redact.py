"""Black out regions of a page image, and estimate where characters lie inside an OCR line box.

OCR engines give one box per line, not per character. To mask part of a line (the first eight
digits of an Aadhaar number) :func:`digit_span_box` estimates the horizontal extent of a character
range from the line's text: character widths are weighted (a space or a full stop is narrower
than a digit) and mapped proportionally onto the box. Given the page image it then snaps the right
edge to the blank gap nearest the estimate, so that the characters after the range stay visible.
The box is padded generously on every other side, since proportional estimates drift.

>>> digit_span_box((0, 0, 140, 20), "2484 1692 4902", 0, 9)[2] < 100
True
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import numpy as np
from PIL import Image, ImageDraw

__all__ = ["char_extent", "digit_span_box", "mask_image", "mask_regions"]

Box = tuple[float, float, float, float]

_NARROW = set(" .,:;|!'`ilI()[]{}-/\\")  # digits are tabular in most fonts: all 1.0
_WIDE = set("mwMW@%")


def _weight(ch: str) -> float:
    if ch == " ":
        return 0.55
    if ch in _NARROW:
        return 0.6 if ch == "I" else 0.5
    if ch in _WIDE:
        return 1.4
    if "\u0900" <= ch <= "\u097f":
        return 0.9 if 0x093E <= ord(ch) <= 0x094D else 1.1  # vowel signs take little room
    return 1.1 if ch.isupper() else 1.0


def _cum(text: str) -> list[float]:
    out = [0.0]
    for ch in text:
        out.append(out[-1] + _weight(ch))
    return out


def char_extent(line_box: Sequence[float], text: str, start: int, end: int) -> tuple[float, float]:
    """Estimated (x0, x1) of ``text[start:end]`` inside ``line_box``, without padding.

    >>> char_extent((0, 0, 100, 10), "0123456789", 2, 4)
    (20.0, 40.0)
    """
    x0, _, x1, _ = line_box
    if not text:
        return float(x0), float(x1)
    cum = _cum(text)
    scale = (x1 - x0) / cum[-1] if cum[-1] else 0.0
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return x0 + cum[start] * scale, x0 + cum[end] * scale


def digit_span_box(
    line_box: Sequence[float],
    text: str,
    start: int,
    end: int,
    *,
    image: Image.Image | None = None,
) -> Box:
    """A box covering ``text[start:end]`` of a line, padded, stopping short of the next character.

    The left, top and bottom edges are padded by about half a character and a few pixels; the
    right edge ends halfway into the gap before the next visible character (or at the line's end,
    padded, when nothing visible follows). With ``image`` the right edge is snapped to the widest
    ink-free column run near the estimate.
    """
    x0, y0, x1, y1 = (float(v) for v in line_box)
    h = max(1.0, y1 - y0)
    if not text:
        return (x0, y0, x1, y1)
    cum = _cum(text)
    unit = (x1 - x0) / cum[-1] if cum[-1] else 0.0  # width of a weight-1 character
    left = x0 + cum[start] * unit - (0.6 * unit + 3)
    est = x0 + cum[end] * unit
    nxt = next((j for j in range(end, len(text)) if not text[j].isspace()), None)
    if nxt is None:
        right = max(est, x1) + 0.5 * unit + 3
    else:
        nxt_x = x0 + cum[nxt] * unit
        gap = max(0.0, nxt_x - est)
        right = est + (0.5 * gap if gap > 0 else 0.1 * unit)
        if image is not None:
            snapped = _snap_to_gap(image, (x0, y0, x1, y1), est, unit, nxt_x)
            if snapped is not None:
                right = snapped
    pad_y = 0.15 * h + 2
    return (left, y0 - pad_y, max(right, left + 1), y1 + pad_y)


def _snap_to_gap(image: Image.Image, box: Box, est: float, unit: float, limit: float) -> float | None:
    """The middle of the widest blank column run within a character of ``est`` (< ``limit``)."""
    x0, y0, x1, y1 = box
    lo, hi = int(max(x0, est - 0.9 * unit)), int(min(x1, est + 0.9 * unit, limit + 0.3 * unit))
    top, bottom = int(max(0, y0)), int(min(image.height, y1))
    if hi - lo < 3 or bottom - top < 3 or lo < 0 or hi > image.width:
        return None
    left = int(max(0, x0))
    full = np.asarray(image.crop((left, top, int(min(x1, image.width)), bottom)).convert("L"),
                      dtype=np.float32)
    crop = full[:, lo - left:hi - left]
    p50, p5 = float(np.percentile(full, 50)), float(np.percentile(full, 3))
    if p50 - p5 < 25:  # no contrast: nothing to snap to
        return None
    ink = (crop < p50 - 0.45 * (p50 - p5)).sum(axis=0)
    blank = ink <= max(0, int(0.02 * (bottom - top)))
    runs, i = [], 0
    while i < len(blank):
        if blank[i]:
            j = i
            while j < len(blank) and blank[j]:
                j += 1
            runs.append((j - i, -abs(lo + (i + j) / 2 - est), i, j))
            i = j
        else:
            i += 1
    if not runs:
        return None
    width, _, i, j = max(runs)
    if width < max(2, 0.12 * unit):
        return None
    return lo + (i + j) / 2


def mask_regions(image: Image.Image, boxes: Iterable[Sequence[float]]) -> bytes:
    """A PNG of ``image`` (RGB) with every box filled black; boxes are clamped to the image."""
    out = mask_image(image, boxes)
    buf = io.BytesIO()
    # Level 1: zlib's fastest. Level 6 took a tenth of an Aadhaar card's whole reading (issue 15)
    # for a file some 15% smaller; the image is stored once and served rarely.
    out.save(buf, "PNG", optimize=False, compress_level=1)
    return buf.getvalue()


def mask_image(image: Image.Image, boxes: Iterable[Sequence[float]]) -> Image.Image:
    """A copy of ``image`` (RGB) with every box filled black; boxes are clamped to the image."""
    out = image.convert("RGB")
    if out is image:
        out = image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    for box in boxes:
        bx0, by0, bx1, by1 = (float(v) for v in box)
        bx0, bx1 = max(0.0, min(bx0, bx1)), min(float(w - 1), max(bx0, bx1))
        by0, by1 = max(0.0, min(by0, by1)), min(float(h - 1), max(by0, by1))
        if bx1 > bx0 and by1 > by0:
            draw.rectangle((round(bx0), round(by0), round(bx1), round(by1)), fill=(0, 0, 0))
    return out
