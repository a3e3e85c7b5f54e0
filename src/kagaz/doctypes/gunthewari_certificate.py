"""Gunthewari certificate (गुंठेवारी प्रमाणपत्र): a plot of an unauthorised layout regularised.

What every Gunthewari certificate prints (Maharashtra Gunthewari Developments (Regularisation,
Upgradation and Control) Act 2001: the planning authority regularises a plot of a layout made
without permission and certifies it): the title "गुंठेवारी प्रमाणपत्र" (or "गुंठेवारी विकास
नियमितीकरण प्रमाणपत्र"), the certifying sentence naming the holder, the plot or property number,
the village ("मौजे") and its survey number, the area and the date of issue. :func:`score` needs
the title or the Act it cites; the fields are shared with the Gavthan certificate
(:mod:`kagaz.doctypes.land_certificates`).
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.land_certificates import CERTIFICATE_FIELDS, certificate_fields
from kagaz.model import Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "GUNTHEWARI_CERTIFICATE"
GROUP = "business"
ORDER = 440
GENERATOR = "kagaz.synth.gunthewari_certificate"
FIELDS = dict(CERTIFICATE_FIELDS)

# "गुंठेवारी" as OCR often reads it: the anusvara or the े lost or changed ("गुठिवारी", "गुंठवारी")
_GUNTHEWARI = r"गु[ंँ]?ठ[ेिै]?वारी"
_TITLE = re.compile(_GUNTHEWARI + r"\s*(?:विकास\s*)?(?:नियमितीकरण\s*)?(?:प्रमाणपत्र|दाखला)")
# The Act every such certificate regularises the plot under (Maharashtra Gunthewari Developments
# (Regularisation, Upgradation and Control) Act, 2001): a title Tesseract's layout analysis
# skipped (a centred bold line on a photo) still leaves the certifying sentence naming it.
_ACT = re.compile(_GUNTHEWARI + r"\s*विकास|श्रेणीवाढ\s*व\s*नियंत्रण")
# words of a deed or of Index II, which may describe such a property
_DEED = re.compile(r"खरेदी\s*खत|बक्षीस\s*पत्र|सूची\s*क्र|दस्तऐवज")


def score(layout: Layout) -> float | None:
    text = layout.text
    title, act = bool(_TITLE.search(text)), bool(_ACT.search(text))
    if not title and _DEED.search(text):
        return None  # a deed or its index describing such a property, not the certificate
    if not layout.lines or not (title or act) or re.search(r"गावठाण\s*(?:दाखला|प्रमाणपत्र)", text):
        return None
    s = 0.75 - 0.1 * (not title) + 0.1 * bool(re.search(r"प्रमाणित\s*करण्यात|दाखला\s*देण्यात", text))
    s += 0.1 * bool(re.search(r"प्लॉट|भूखंड|मिळकत", text))
    return round(min(0.97, s), 4)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return certificate_fields(layout)


def validate(fields: dict[str, Field]) -> list[str]:
    return []
