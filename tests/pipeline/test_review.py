"""Review page images: Aadhaar numbers are masked on any document that mentions Aadhaar."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.review import encode_jpeg, review_images
from tests.conftest import FONT


def _doc(text: str) -> Document:
    im = Image.new("RGB", (800, 200), "white")
    ImageDraw.Draw(im).text((20, 20), text, fill="black", font=ImageFont.truetype(FONT, 30))
    doc = Document(data=b"")
    doc.pages = [Page(index=0, width=800, height=200, image=im,
                      lines=[TextLine(text, 0.99, (20, 20, 20 + 16 * len(text), 55))])]
    return doc


def test_a_deed_printing_an_aadhaar_number_is_masked() -> None:
    doc = _doc("Aadhaar No: 2484 1692 4902")
    (page,) = review_images(doc, None, 10)
    grey = np.asarray(page.convert("L"))
    assert grey[25:50, 210:330].max() < 10  # the first eight digits: black
    assert grey[25:50, 380:430].min() < 100 and grey[25:50, 380:430].max() > 200  # "4902" shows
    assert np.asarray(doc.pages[0].image.convert("L"))[25:50, 210:330].min() < 100  # a copy


def test_other_pages_are_kept_as_read_and_limited() -> None:
    doc = _doc("Invoice No: 2484 1692 4902")
    doc.pages.append(Page(index=1, width=10, height=10, image=None))
    images = review_images(doc, None, 1)
    assert images == [doc.pages[0].image]
    assert review_images(doc, None, 5)[1] is None
    big = encode_jpeg(Image.new("RGB", (2400, 1800), "white"))
    assert Image.open(__import__("io").BytesIO(big)).size == (1600, 1200)
