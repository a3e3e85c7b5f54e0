"""Ruled lines erased from a page before Tesseract reads it.

Forms print their values in ruled tables (a 7/12's holders, an 8A's survey numbers). Tesseract's
page layout analysis takes a table's borders for image regions or column separators and drops
the rows between them: on a photographed 7/12 it read no holder at all; with the rules erased it
read all three. A rule is a run of ink much longer than any letter: the morphological opening of
the inked pixels with a long thin line keeps the rules and nothing of the text, and those pixels
are painted white. Devanagari's headline (shirorekha) is one word long, far shorter than the
rules looked for: an eighth of the page across (a long word's headline is shorter), a 25th down.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

__all__ = ["erase_rules"]


def erase_rules(image: Image.Image) -> Image.Image:
    """``image`` with its long horizontal and vertical rules painted white.

    >>> page = Image.new("RGB", (400, 300), "white")
    >>> page.paste((0, 0, 0), (20, 100, 380, 102))   # a table rule
    >>> page.paste((0, 0, 0), (50, 150, 62, 170))    # a letter-sized blot
    >>> out = erase_rules(page)
    >>> out.getpixel((200, 101)), out.getpixel((55, 160))
    ((255, 255, 255), (0, 0, 0))
    """
    gray = np.asarray(image.convert("L"))
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = gray.shape
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(60, w // 8), 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(40, h // 25))))
    rules = cv2.dilate(cv2.bitwise_or(across, down), np.ones((3, 3), np.uint8))
    if not rules.any():
        return image
    out = np.asarray(image.convert("RGB")).copy()
    out[rules > 0] = 255
    return Image.fromarray(out)
