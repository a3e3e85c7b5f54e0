"""Boundaries certificates (चतुःसीमा) in Marathi: a survey number and what lies on each side.

Layouts (A4 scans): ``letter`` (the talathi's office, the title, a sentence naming the survey
number and village, the four sides one per line) and ``table`` (the four sides in a ruled
two-column table). Truth: the village, the survey number with its sub-division, ``boundaries``
``{east, west, north, south}`` as printed with ASCII digits.
"""

from __future__ import annotations

import random

from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.marathi import digits, place

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_SIDES = (("east", "पूर्वेस"), ("west", "पश्चिमेस"), ("north", "उत्तरेस"), ("south", "दक्षिणेस"))
_FEATURES = ("गाव रस्ता", "नाला", "शिव रस्ता", "सरकारी जमीन", "कालवा")


def _draw(rng: random.Random, layout: str) -> Rendered:
    fam = rng.choice(list(DEVANAGARI))
    dv = rng.random() < 0.5
    where = place(rng)
    base = rng.randint(2, 400)
    survey = f"{base}/{rng.randint(1, 9)}"
    sides = {k: (f"स.नं. {base + rng.randint(-5, 5) or 1}" + (f"/{rng.randint(1, 6)}" if rng.random() < 0.4 else "")
                 if rng.random() < 0.7 else rng.choice(_FEATURES)) for k, _ in _SIDES}
    c = a4_canvas()
    c.text(c.w / 2, 80, f"तलाठी कार्यालय, सजा {where.village}", fam, 26, bold=True, align="m")
    c.text(c.w / 2, 125, f"ता. {where.taluka}, जि. {where.district}", fam, 22, align="m")
    c.text(c.w / 2, 220, rng.choice(["चतुःसीमा दाखला", "चतुःसीमा प्रमाणपत्र"]), fam, 34, bold=True, align="m")
    c.text(140, 320, f"मौजे {where.village} येथील", fam, 24)
    c.text(140, 376, digits(f"सर्व्हे नंबर : {survey}", dv), fam, 24)
    c.text(140, 432, "या जमिनीची चतुःसीमा खालीलप्रमाणे आहे :", fam, 24)
    y = 510
    if layout == "table":
        c.rect((140, y - 20, 1200, y + 4 * 64), outline=(60, 60, 60), width=2)
        c.line([(460, y - 20), (460, y + 4 * 64)], fill=(60, 60, 60), width=2)
    for key, word in _SIDES:
        if layout == "table":
            c.text(170, y, f"{word} :", fam, 24)
            c.text(490, y, digits(sides[key], dv), fam, 24)
            c.line([(140, y + 44), (1200, y + 44)], fill=(60, 60, 60), width=1)
        else:
            c.text(200, y, digits(f"{word} : {sides[key]}", dv), fam, 24)
        y += 64
    c.text(1150, y + 140, "तलाठी", fam, 22)
    fields = {"village": where.village, "survey_number": survey, "boundaries": sides}
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)


def letter(rng: random.Random) -> Rendered:
    return _draw(rng, "letter")


def table(rng: random.Random) -> Rendered:
    return _draw(rng, "table")


LAYOUTS: dict[str, LayoutFn] = {"letter": letter, "table": table}
A4_LAYOUTS: frozenset[str] = frozenset()  # A4 scans only: no born-digital design yet
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
