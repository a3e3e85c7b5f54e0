"""Driving licences: state smart cards and the new "Indian Union Driving Licence".

* ``mh_smart``: Maharashtra smart card, "DL No MH02 20110012345", "DOI", "Valid Till ... (NT)",
  "S/D/W of", address with PIN, and a class-of-vehicle table that repeats issue dates.
* ``ka_smart``: Karnataka card, two columns, "Date of Issue", "Validity (NT)" and an empty
  "Validity (TR)".
* ``union``: the 2019 national format, "Issued by Government of <State>".
* ``generic``: a plain "Transport Department" card that prints no state name.

Truth: dl_number (no separators), name, date_of_birth, issue_date, valid_till, and state (the
upper-case state name) only when the card prints it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.identities import (
    STATES, Address, Person, add_years, address, dl_number, fmt_date, person, random_date,
)
from kagaz.synth.layout import (
    LayoutFn, Rendered, Style, card_canvas, security_background, style,
)
from kagaz.synth.render import Canvas

__all__ = ["LAYOUTS"]


@dataclass
class Holder:
    p: Person
    name: str
    father: str
    addr: Address
    number: str
    printed_number: str
    issued: dt.date
    valid: dt.date
    sep: str  # date separator on this card
    blood: str


def _holder(rng: random.Random, state_code: str) -> Holder:
    p = person(rng)
    earliest = max(add_years(p.dob, 18), dt.date(2005, 1, 1))
    issued = random_date(rng, earliest, max(earliest, dt.date(2024, 12, 31)))
    valid = add_years(issued, rng.choice([20, 20, 10, 5])) - dt.timedelta(days=1)
    number = dl_number(rng, state_code, issued.year)
    sep = rng.choice([" ", "-", ""])
    printed = number[:4] + sep + number[4:]
    upper = rng.random() < 0.75
    return Holder(p, p.name.upper() if upper else p.name,
                  p.father.upper() if upper else p.father, address(rng, state_code), number,
                  printed, issued, valid, rng.choice(["-", "/", "-", "."]),
                  rng.choice(["A+", "B+", "O+", "AB+", "O-", "B-"]))


def _truth(h: Holder, state: bool) -> dict[str, str]:
    out = {"dl_number": h.number, "name": h.name, "date_of_birth": fmt_date(h.p.dob),
           "issue_date": fmt_date(h.issued), "valid_till": fmt_date(h.valid)}
    if state:
        out["state"] = STATES[h.addr.state_code][0].upper()
    return out


def _rows(c: Canvas, st: Style, x: float, y: float, rows: list[tuple[str, str]],
          col: float | None, gap: float, max_x: float | None = None) -> float:
    """Label/value rows: on one line (``col`` given) or value under the label.

    Values shrink to end before ``max_x`` (default: the card's right edge) so columns never
    overlap, as on real cards where long names are set in a condensed size.
    """
    room = (max_x if max_x is not None else c.w - 20) - x - (col or 0)
    for label, value in rows:
        if col is None:
            c.text(x, y, label, st.label_font, st.label_size * 0.85, fill=st.label_color,
                   deva=st.deva)
            y += st.label_size * 1.1
            size = c.fit(value, st.value_font, st.value_size * 0.8, room, st.value_bold)
            c.text(x, y, value, st.value_font, size, bold=st.value_bold, fill=st.value_color)
            y += st.value_size * 0.8 + gap
        else:
            c.text(x, y + 2, label, st.label_font, st.label_size, fill=st.label_color,
                   deva=st.deva)
            size = c.fit(value, st.value_font, st.value_size * 0.78, room, st.value_bold)
            c.text(x + col, y, value, st.value_font, size, bold=st.value_bold,
                   fill=st.value_color)
            y += st.value_size * 0.78 + gap
    return y


def _addr_line(h: Holder) -> str:
    return ", ".join(h.addr.parts[-2:])


def mh_smart(rng: random.Random) -> Rendered:
    h = _holder(rng, "MH")
    c = card_canvas(rng)
    security_background(c, rng, (250, 250, 245), graphics.tint((235, 225, 235), rng),
                        graphics.tint((190, 140, 170), rng), alpha=40)
    st = style(rng, serif_ok=False)
    red = graphics.tint((170, 20, 30), rng)
    c.paste(graphics.emblem(rng, c.px(70), red), 20, 12)
    c.text(105, 18, "MAHARASHTRA STATE MOTOR DRIVING LICENCE", st.label_font, 30, bold=True,
           fill=red)
    c.text(105, 58, "Form 7 (See Rule 16(2))", st.label_font, 16, fill=(60, 60, 60))
    d = h.sep
    y = _rows(c, st, 30, 100, [
        ("DL No", h.printed_number),
        ("DOI", fmt_date(h.issued, d)),
        ("Valid Till", fmt_date(h.valid, d) + " (NT)"),
    ], col=150, gap=14, max_x=c.w - 240)
    y = _rows(c, st, 30, y + 6, [
        ("Name", h.name),
        ("S/D/W of", h.father),
        ("Add", _addr_line(h)),
        ("PIN", h.addr.pin),
        ("DOB", fmt_date(h.p.dob, d)),
        ("BG", h.blood),
    ], col=150, gap=9, max_x=c.w - 240)
    c.paste(graphics.photo(rng, c.px(180), c.px(220)), c.w - 220, 100)
    c.paste(graphics.signature(rng, c.px(200), c.px(55)), c.w - 230, 340)
    tx, ty = c.w - 330, 430
    c.rect((tx, ty, c.w - 25, ty + 120), outline=(80, 80, 80), width=1)
    c.text(tx + 10, ty + 6, "COV        DOI", st.label_font, 16, bold=True)
    for i, cov in enumerate(rng.sample(["MCWG", "LMV", "LMV-NT", "TRANS"], 2)):
        c.text(tx + 10, ty + 36 + i * 34, f"{cov:<8} {fmt_date(h.issued, d)}", st.label_font, 17)
    return Rendered(c.img, _truth(h, state=True))


def ka_smart(rng: random.Random) -> Rendered:
    h = _holder(rng, "KA")
    c = card_canvas(rng)
    security_background(c, rng, graphics.tint((230, 240, 250), rng), (250, 250, 250),
                        graphics.tint((120, 160, 200), rng), alpha=45)
    st = style(rng)
    blue = graphics.tint((20, 60, 130), rng)
    c.rect((0, 0, c.w, 96), fill=blue)
    c.text(c.w / 2, 8, "GOVERNMENT OF KARNATAKA", st.label_font, 28, bold=True,
           fill=(255, 255, 255), align="m")
    c.text(c.w / 2, 50, "TRANSPORT DEPARTMENT - DRIVING LICENCE", st.label_font, 22,
           fill=(255, 255, 255), align="m")
    d = h.sep
    left = [("DL No.", h.printed_number), ("Name", h.name), ("S/W/D of", h.father),
            ("Date of Birth", fmt_date(h.p.dob, d))]
    right = [("Date of Issue", fmt_date(h.issued, d)), ("Validity (NT)", fmt_date(h.valid, d)),
             ("Validity (TR)", "----"), ("Blood Group", h.blood)]
    under = rng.random() < 0.5
    _rows(c, st, 250, 112, left, col=None if under else 165, gap=10, max_x=680)
    _rows(c, st, 700, 112, right, col=None, gap=10)
    c.paste(graphics.photo(rng, c.px(190), c.px(230)), 30, 115)
    c.paste(graphics.signature(rng, c.px(190), c.px(50)), 30, 360)
    c.text(30, 420, "Address:", st.label_font, st.label_size, fill=st.label_color)
    c.text(30, 450, ", ".join(h.addr.parts), st.value_font, 19, fill=st.value_color)
    c.text(30, 480, f"{h.addr.city} - {h.addr.pin}", st.value_font, 19, fill=st.value_color)
    c.text(c.w - 30, c.h - 45, "Licensing Authority", st.label_font, 16, align="r")
    return Rendered(c.img, _truth(h, state=True))


def union(rng: random.Random) -> Rendered:
    code = rng.choice(["MH", "DL", "UP", "TN", "GJ", "RJ", "WB", "KL", "TS", "HR", "PB", "MP"])
    h = _holder(rng, code)
    c = card_canvas(rng)
    security_background(c, rng, (252, 252, 252), graphics.tint((220, 235, 225), rng),
                        graphics.tint((110, 170, 140), rng), alpha=40)
    st = style(rng, serif_ok=False)
    ink = graphics.tint((10, 80, 60), rng)
    c.paste(graphics.emblem(rng, c.px(72), ink), 22, 10)
    c.text(110, 14, rng.choice(["Indian Union Driving Licence", "INDIAN UNION DRIVING LICENCE",
                                "Union of India Driving Licence"]),
           st.label_font, 28, bold=True, fill=ink)
    state = STATES[code][0]
    issuer = "Government of NCT of Delhi" if code == "DL" else f"Government of {state}"
    c.text(110, 54, f"Issued by {issuer}", st.label_font, 20, fill=ink)
    d = h.sep
    y = _rows(c, st, 250, 100, [("DL No.", h.printed_number),
                                 ("Issue Date", fmt_date(h.issued, d))], col=None, gap=8,
              max_x=600)
    _rows(c, st, 620, 100, [("Validity (NT)", fmt_date(h.valid, d)),
                             ("Validity (TR)", "-")], col=None, gap=8)
    _rows(c, st, 250, y + 4, [("Name", h.name), ("Date of Birth", fmt_date(h.p.dob, d)),
                               ("Son/Daughter/Wife of", h.father)], col=None, gap=8)
    c.text(620, y + 4, "Blood Group", st.label_font, st.label_size * 0.85, fill=st.label_color)
    c.text(620, y + 4 + st.label_size * 1.1, h.blood, st.value_font, st.value_size * 0.8)
    c.paste(graphics.photo(rng, c.px(185), c.px(225)), 30, 100)
    c.paste(graphics.signature(rng, c.px(185), c.px(50)), 30, 345)
    c.text(30, 400, "Holder's Signature", st.label_font, 15, fill=st.label_color)
    c.paste(graphics.qr_block(rng, c.px(150)), c.w - 180, c.h - 175)
    return Rendered(c.img, _truth(h, state=True))


def generic(rng: random.Random) -> Rendered:
    code = rng.choice(list(STATES))
    h = _holder(rng, code)
    c = card_canvas(rng)
    security_background(c, rng, graphics.tint((245, 240, 225), rng), (255, 255, 250),
                        graphics.tint((180, 160, 110), rng), alpha=40)
    st = style(rng)
    c.text(c.w / 2, 16, "TRANSPORT DEPARTMENT", st.label_font, 30, bold=True, align="m")
    c.text(c.w / 2, 56, rng.choice(["DRIVING LICENCE", "Driving Licence", "DRIVING LICENSE"]),
           st.label_font, 26, bold=True, fill=(150, 30, 30), align="m")
    d = h.sep
    valid_label = rng.choice(["Valid Till", "Validity (NT)", "Valid Upto"])
    issue_label = rng.choice(["Date of Issue", "DOI", "Issued On"])
    y = _rows(c, st, 40, 115, [
        ("Licence No.", h.printed_number), ("Name", h.name), ("S/O, D/O, W/O", h.father),
        ("Date of Birth", fmt_date(h.p.dob, d)), (issue_label, fmt_date(h.issued, d)),
        (valid_label, fmt_date(h.valid, d)), ("Blood Group", h.blood),
    ], col=235, gap=13, max_x=c.w - 230)
    if rng.random() < 0.7:
        c.text(40, y + 8, "Address", st.label_font, st.label_size, fill=st.label_color)
        text = ", ".join(h.addr.parts) + f" - {h.addr.pin}"
        c.text(275, y + 8, text, st.value_font, c.fit(text, st.value_font, 19, c.w - 300),
               fill=st.value_color)
    c.paste(graphics.photo(rng, c.px(180), c.px(220), grey=rng.random() < 0.3), c.w - 215, 110)
    c.paste(graphics.signature(rng, c.px(190), c.px(50)), c.w - 225, 350)
    c.text(c.w - 130, 410, "Signature", st.label_font, 15, align="m")
    c.text(40, c.h - 50, "Licensing Authority", st.label_font, 16)
    return Rendered(c.img, _truth(h, state=False))


LAYOUTS: dict[str, LayoutFn] = {
    "mh_smart": mh_smart,
    "ka_smart": ka_smart,
    "union": union,
    "generic": generic,
}
