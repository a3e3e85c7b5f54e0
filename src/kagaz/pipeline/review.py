"""The page images a reviewer sees next to the fields: the pages as the engine read them.

They are the normalised pages (upright, deskewed), the same pixels the fields' boxes refer to,
with every region the document type marks sensitive blacked out (Aadhaar: the first eight
digits of each number, exactly as in the redacted image). A page whose masking fails is left
out, never kept unmasked. :func:`encode_jpeg` makes the small JPEG that is stored.
"""

from __future__ import annotations

import io
import logging
import re
from types import ModuleType

from PIL import Image

from kagaz.imaging.redact import mask_image
from kagaz.model import Document, Page

__all__ = ["JPEG_MAX_SIDE", "JPEG_QUALITY", "encode_jpeg", "review_images"]

log = logging.getLogger(__name__)

_AADHAAR_WORD = re.compile(r"AADHAA?R|आधार|\bUIDAI\b|\bUID\b", re.IGNORECASE)

JPEG_MAX_SIDE = 1600
JPEG_QUALITY = 80


def review_images(doc: Document, module: ModuleType | None, limit: int) -> list[Image.Image | None]:
    """The first ``limit`` pages' images, masked where ``module`` says; None for a page that has
    no image or could not be masked."""
    out: list[Image.Image | None] = []
    sensitive = getattr(module, "sensitive_boxes", None) if module is not None else None
    if sensitive is None and _AADHAAR_WORD.search("\n".join(ln.text for ln in doc.lines)):
        # Sale deeds, KYC forms and letters print the parties' Aadhaar numbers too: mask them
        # the Aadhaar way on any document that mentions Aadhaar.
        from kagaz.doctypes import aadhaar

        sensitive = aadhaar.sensitive_boxes
    for page in doc.pages[: max(0, limit)]:
        if sensitive is None and page.image is None and page.render is not None:
            out.append(_drawn_small(page))
            continue
        if page.picture() is None:
            out.append(None)
            continue
        if sensitive is None:
            out.append(page.image)
            continue
        try:
            boxes = sensitive(page)
            out.append(mask_image(page.image, boxes) if boxes else page.image)
        except Exception:  # noqa: BLE001 - never hand out the page unmasked
            log.warning("page %d could not be masked; its review image is left out", page.index + 1)
            out.append(None)
    return out


def _drawn_small(page: Page) -> Image.Image | None:
    """A page drawn on demand (a PDF's text-layer page), drawn at the review size itself:
    drawing it whole and scaling it down cost four times as much."""
    k = JPEG_MAX_SIDE / max(page.width, page.height, 1)
    return page.picture() if k >= 1 else page.drawn(k)


def encode_jpeg(image: Image.Image, *, max_side: int = JPEG_MAX_SIDE, quality: int = JPEG_QUALITY) -> bytes:
    """A JPEG of ``image``, scaled down so that its longer side is at most ``max_side``.

    >>> data = encode_jpeg(Image.new("RGB", (3200, 800), "white"))
    >>> data[:3] == b"\\xff\\xd8\\xff", Image.open(io.BytesIO(data)).size
    (True, (1600, 400))
    """
    im = image.convert("RGB") if image.mode != "RGB" else image
    if max(im.size) > max_side:
        k = max_side / max(im.size)
        size = (max(1, round(im.width * k)), max(1, round(im.height * k)))
        # Area averaging: what a page of text needs scaling down, and cheaper than PIL's
        # antialiased bilinear (23 ms against 36 for an A4 page at 200 dpi).
        im = im.resize(size, Image.Resampling.BOX, reducing_gap=2.0)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, optimize=False)
    return buf.getvalue()
