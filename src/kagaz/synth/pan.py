"""PAN cards in three generations of the Income Tax Department's design.

* ``old``: early-2000s laminated card; English header, unlabelled name / father's name / date of
  birth lines, then "Permanent Account Number" and the number, photo on the right.
* ``new``: the 2018 card; bilingual header, "Permanent Account Number Card" with the number
  under it, QR code, labelled fields ("नाम / Name"), and a vertical date of issue by the photo
  (a date that must not be taken for the date of birth).
* ``mid``: the 2010s card; number first, then labels on the left and values on the same line.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth import graphics
from kagaz.synth.identities import fmt_date, pan_number, person, random_date
from kagaz.synth.layout import (
    LayoutFn, Rendered, Style, card_canvas, security_background, style,
)
from kagaz.synth.render import Canvas

__all__ = ["LAYOUTS"]

_BG = [((222, 236, 240), (196, 222, 235)), ((236, 240, 226), (214, 230, 236)),
       ((232, 232, 240), (205, 220, 238)), ((240, 236, 228), (222, 232, 240))]


def _holder(rng: random.Random) -> tuple[dict[str, str], str, str, str]:
    p = person(rng)
    upper = rng.random() < 0.8
    name = p.name.upper() if upper else p.name
    father = p.father.upper() if upper else p.father
    truth = {
        "name_as_per_pan": name,
        "father_name": father,
        "dob": fmt_date(p.dob),
        "pan_number": pan_number(rng, p.surname),
    }
    return truth, name, father, fmt_date(p.dob, rng.choice(["/", "/", "/", "-"]))


def _header(c: Canvas, rng: random.Random, st: Style, bilingual: bool) -> None:
    blue = graphics.tint((20, 40, 110), rng, 20)
    left, right = rng.choice([("INCOME TAX DEPARTMENT", "GOVT. OF INDIA"),
                              ("INCOME TAX DEPARTMENT", "GOVERNMENT OF INDIA")])
    size = rng.uniform(28, 34)
    room = c.w / 2 - 95  # keep clear of the emblem in the middle
    size *= min(1.0, room / max(c.measure(left, st.label_font, size, True),
                                c.measure(right, st.label_font, size, True)))
    y = 22
    if bilingual:
        c.text(40, y, "आयकर विभाग", st.deva, size * 1.05, bold=True, fill=blue)
        c.text(c.w - 40, y, "भारत सरकार", st.deva, size * 1.05, bold=True, fill=blue, align="r")
        y += size * 1.45
    c.text(40, y, left, st.label_font, size, bold=True, fill=blue)
    c.text(c.w - 40, y, right, st.label_font, size, bold=True, fill=blue, align="r")
    c.paste(graphics.emblem(rng, c.px(90), blue), c.w / 2 - 45, 14)


def _photo(c: Canvas, rng: random.Random, x: float, y: float, w: float = 190,
           h: float = 230) -> None:
    c.paste(graphics.photo(rng, c.px(w), c.px(h), grey=rng.random() < 0.5), x, y)


def old(rng: random.Random) -> Rendered:
    truth, name, father, dob = _holder(rng)
    c = card_canvas(rng)
    top, bottom = rng.choice(_BG)
    security_background(c, rng, top, bottom, graphics.tint((120, 150, 190), rng), alpha=45)
    st = style(rng, serif_ok=True)
    _header(c, rng, st, bilingual=rng.random() < 0.4)
    x, y = rng.uniform(40, 70), rng.uniform(190, 215)
    vs = st.value_size * rng.uniform(0.95, 1.1)
    for value in (name, father, dob):
        c.text(x, y, value, st.value_font, vs, bold=st.value_bold, fill=st.value_color)
        y += vs * rng.uniform(1.55, 1.8)
    y += 8
    c.text(x, y, "Permanent Account Number", st.label_font, st.label_size,
           fill=st.label_color)
    y += st.label_size * 1.35
    c.text(x, y, truth["pan_number"], st.value_font, vs * 1.12, bold=True, fill=(0, 0, 0))
    y += vs * 1.9
    c.paste(graphics.signature(rng, c.px(220), c.px(60)), x, min(y, c.h - 95))
    c.text(x, min(y + 62, c.h - 35), "Signature", st.label_font, st.label_size * 0.9,
           fill=st.label_color)
    _photo(c, rng, c.w - 250, 200)
    return Rendered(c.img, truth)


def new(rng: random.Random) -> Rendered:
    truth, name, father, dob = _holder(rng)
    c = card_canvas(rng)
    top, bottom = rng.choice(_BG)
    security_background(c, rng, top, bottom, graphics.tint((130, 160, 200), rng), alpha=50)
    st = style(rng, serif_ok=rng.random() < 0.3)
    _header(c, rng, st, bilingual=True)
    blue = graphics.tint((25, 50, 140), rng, 20)
    cx = c.w / 2 + 30
    c.text(cx, 150, "स्थायी लेखा संख्या कार्ड", st.deva, 22, bold=True, fill=blue, align="m")
    c.text(cx, 182, "Permanent Account Number Card", st.label_font, 22, bold=True, fill=blue,
           align="m")
    c.text(cx, 222, truth["pan_number"], st.value_font, st.value_size * 1.2, bold=True,
           fill=(0, 0, 0), align="m")
    c.paste(graphics.qr_block(rng, c.px(150)), 40, 150)
    labels = [("नाम / Name", name), ("पिता का नाम / Father's Name", father),
              ("जन्म की तारीख / Date of Birth", dob)]
    y = rng.uniform(318, 335)
    for label, value in labels:
        c.text(45, y, label, st.label_font, st.label_size * 0.9, fill=st.label_color,
               deva=st.deva)
        y += st.label_size * 1.25
        c.text(45, y, value, st.value_font, st.value_size * 0.92, bold=st.value_bold,
               fill=st.value_color)
        y += st.value_size * 1.5
    px, py = c.w - 230, 330
    _photo(c, rng, px, py, 170, 210)
    if rng.random() < 0.6:
        issued = random_date(rng, dt.date(2018, 1, 1), dt.date(2024, 12, 31))
        c.text_rotated(px + 175, py + 20, fmt_date(issued, ""), st.label_font, 16, 90,
                       fill=(60, 60, 60))
    c.paste(graphics.signature(rng, c.px(200), c.px(55)), c.w / 2 - 60, c.h - 120)
    c.text(c.w / 2 + 40, c.h - 60, "हस्ताक्षर / Signature", st.label_font, 15,
           fill=st.label_color, align="m", deva=st.deva)
    return Rendered(c.img, truth)


def mid(rng: random.Random) -> Rendered:
    truth, name, father, dob = _holder(rng)
    c = card_canvas(rng)
    top, bottom = rng.choice(_BG)
    security_background(c, rng, top, bottom, graphics.tint((150, 150, 200), rng), alpha=40)
    st = style(rng)
    _header(c, rng, st, bilingual=True)
    y = 150
    c.text(45, y, "स्थायी लेखा संख्या / Permanent Account Number", st.label_font,
           st.label_size * 0.95, fill=st.label_color, deva=st.deva)
    y += st.label_size * 1.5
    c.text(45, y, truth["pan_number"], st.value_font, st.value_size * 1.15, bold=True)
    y += st.value_size * 2.1
    col = rng.uniform(300, 340)
    sep = rng.choice([":", ""])
    for label, value in (("Name", name), ("Father's Name", father), ("Date of Birth", dob)):
        c.text(45, y + 4, label + (" " + sep if sep else ""), st.label_font, st.label_size,
               fill=st.label_color)
        c.text(col, y, value, st.value_font, st.value_size * 0.9, bold=st.value_bold,
               fill=st.value_color)
        y += st.value_size * 1.75
    _photo(c, rng, c.w - 225, 140, 175, 215)
    c.paste(graphics.signature(rng, c.px(210), c.px(60)), c.w - 250, c.h - 140)
    c.text(c.w - 150, c.h - 70, "Signature", st.label_font, 16, fill=st.label_color, align="m")
    return Rendered(c.img, truth)


LAYOUTS: dict[str, LayoutFn] = {"old": old, "new": new, "mid": mid}
