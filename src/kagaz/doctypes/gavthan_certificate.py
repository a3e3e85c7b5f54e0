"""Gavthan certificate (गावठाण दाखला): a property lies within a village's settlement area.

What every Gavthan certificate prints (Maharashtra Land Revenue Code 1966, sections 122 and 126:
the gaothan, the village site, is set apart from agricultural land and its houses are held under
the village's property register, Gram Panchayat form 8 "नमुना नं. ८", under the Maharashtra
Village Panchayats Act 1958; the Gram Panchayat or the talathi certifies it on request): the
title "गावठाण दाखला" / "गावठाण प्रमाणपत्र", the certifying sentence naming the holder, the
property ("मिळकत क्रमांक" / "घर क्रमांक"), the village ("मौजे"), the area and the date of issue.
:func:`score` needs the title or the sentence placing the property within the gaothan
("गावठाण हद्दीत"); the fields are shared with the Gunthewari certificate
(:mod:`kagaz.doctypes.land_certificates`).
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.land_certificates import CERTIFICATE_FIELDS, certificate_fields
from kagaz.model import Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "GAVTHAN_CERTIFICATE"
GROUP = "business"
ORDER = 430
GENERATOR = "kagaz.synth.gavthan_certificate"
FIELDS = dict(CERTIFICATE_FIELDS)

_TITLE = re.compile(r"गावठाण\s*(?:दाखला|प्रमाणपत्र)")
# What the certificate certifies, in its own sentence: the property lies within the gaothan's
# limits; a title Tesseract's layout analysis skipped (a centred bold line) leaves this.
_WITHIN = re.compile(r"गावठाण\s*हद्दीत")
# words of a deed or of Index II, which may describe such a property
_DEED = re.compile(r"खरेदी\s*खत|बक्षीस\s*पत्र|सूची\s*क्र|दस्तऐवज")


def score(layout: Layout) -> float | None:
    text = layout.text
    title, within = bool(_TITLE.search(text)), bool(_WITHIN.search(text))
    if not title and _DEED.search(text):
        return None  # a deed or its index describing such a property, not the certificate
    if not layout.lines or not (title or within) or re.search(r"गु[ंँ]?ठ[ेिै]?वारी", text):
        return None
    s = 0.75 - 0.1 * (not title) + 0.1 * bool(re.search(r"प्रमाणित\s*करण्यात|दाखला\s*देण्यात", text))
    s += 0.1 * bool(re.search(r"मिळकत|घर\s*(?:क्रमांक|क्र)", text))
    return round(min(0.97, s), 4)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return certificate_fields(layout)


def validate(fields: dict[str, Field]) -> list[str]:
    return []
