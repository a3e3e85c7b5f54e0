"""Uneven lighting taken out of a page before Tesseract reads it.

Tesseract binarises a page with one global Otsu threshold. A phone photo lit from one side (a
shadow across the top of an 8A extract) or a photocopy darker towards its edges has paper that is
darker in one part than the ink in another: the threshold then turns the shadowed paper black,
and Tesseract read nothing of an 8A's header (district, taluka, account) on such a photo. Dividing
the page by its own background (a morphological closing, wider than any stroke, so it keeps the
paper and drops the ink) makes the paper white everywhere and leaves the ink dark in proportion.

Where the background is far darker than the paper (a wooden table around a photographed page),
it is not a shadow: it is painted white, so that its grain, stretched to full contrast by the
division, does not become rows of false "text" that Tesseract's layout analysis reads into the
page's lines.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

__all__ = ["flatten_illumination"]

#: The closing's side, as a share of the page's long side: wider than a bold title's strokes
#: (a 34-point title at 200 dpi is about 45 px tall, its strokes under 8 px) on any page size.
_KERNEL_SHARE = 1 / 40
#: A background darker than this share of the paper's is not paper (a table, the floor).
_NOT_PAPER = 0.5


def flatten_illumination(image: Image.Image) -> Image.Image:
    """``image`` in grey, divided by its background so that the paper is white throughout.

    >>> page = Image.new("L", (400, 300), 230)
    >>> page.paste(120, (0, 0, 400, 150))            # a shadow over the top half
    >>> page.paste(40, (50, 60, 120, 64))            # ink in the shadow ...
    >>> page.paste(100, (50, 200, 120, 204))         # ... and ink in the light
    >>> out = flatten_illumination(page)
    >>> out.getpixel((200, 20)) > 240, out.getpixel((200, 250)) > 240   # paper: white
    (True, True)
    >>> out.getpixel((80, 62)) < 128, out.getpixel((80, 202)) < 128     # ink: dark
    (True, True)
    """
    gray = np.asarray(image.convert("L")).astype(np.float32)
    k = max(15, int(max(gray.shape) * _KERNEL_SHARE)) | 1
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 4)
    out = np.clip(gray / np.maximum(background, 1.0) * 255.0, 0, 255)
    paper = float(np.percentile(background, 90))
    out[background < _NOT_PAPER * paper] = 255
    return Image.fromarray(out.astype(np.uint8))
