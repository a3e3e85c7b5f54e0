"""Indian passport data pages (ICAO TD3) with a valid two-line machine-readable zone.

* ``classic``: bilingual labels ("उपनाम / Surname"), photo on the left, three-column grid.
* ``compact``: English labels, one column, passport number in red at the top right.
* ``booklet``: a photographed two-page spread, the inside cover above the data page.

Truth: passport_number, name ("GIVEN NAMES SURNAME" as the visual zone prints them),
date_of_birth, place_of_birth, gender, date_of_issue, date_of_expiry, place_of_issue.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.fonts import MONO
from kagaz.synth.identities import (
    STATES, Person, add_years, fmt_date, passport_number, person, random_date,
)
from kagaz.synth.layout import LayoutFn, Rendered, Style, security_background, style
from kagaz.synth.render import Canvas

__all__ = ["LAYOUTS", "check_digit", "mrz"]

PAGE_W, PAGE_H = 1250, 880
OFFICES = ["MUMBAI", "DELHI", "BENGALURU", "CHENNAI", "HYDERABAD", "KOLKATA", "LUCKNOW", "PUNE",
           "AHMEDABAD", "JAIPUR", "COCHIN", "CHANDIGARH", "BHOPAL", "PATNA", "THANE", "GHAZIABAD"]


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1; digits, A=10..Z=35, '<'=0.

    >>> check_digit("L898902C3")
    '6'
    """
    total = 0
    for i, ch in enumerate(field):
        v = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def _yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def mrz(surname: str, given: str, number: str, dob: dt.date, sex: str, expiry: dt.date) -> tuple[
        str, str]:
    """The two 44-character lines of a TD3 machine-readable zone."""
    names = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    line1 = ("P<IND" + names)[:44].ljust(44, "<")
    num = number.ljust(9, "<")
    personal = "<" * 14
    body = (num + check_digit(num) + "IND" + _yymmdd(dob) + check_digit(_yymmdd(dob)) + sex
            + _yymmdd(expiry) + check_digit(_yymmdd(expiry)) + personal + "0")
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + check_digit(composite)


@dataclass
class Holder:
    p: Person
    surname: str
    given: str
    number: str
    place_of_birth: str
    place_of_issue: str
    issued: dt.date
    expiry: dt.date


def _holder(rng: random.Random) -> Holder:
    p = person(rng)
    code = rng.choice(list(STATES))
    state, _, cities = STATES[code]
    city = rng.choice(cities)
    pob = rng.choice([f"{city}, {state}".upper(), city.upper(), f"{city.upper()}, {code}"])
    issued = random_date(rng, max(dt.date(2012, 1, 1), add_years(p.dob, 18)), dt.date(2024, 12, 31))
    expiry = add_years(issued, 10) - dt.timedelta(days=1)
    return Holder(p, p.surname.upper(), p.given.upper(), passport_number(rng), pob,
                  rng.choice(OFFICES), issued, expiry)


def _truth(h: Holder) -> dict[str, str]:
    return {
        "passport_number": h.number, "name": f"{h.given} {h.surname}",
        "date_of_birth": fmt_date(h.p.dob), "place_of_birth": h.place_of_birth,
        "gender": h.p.gender, "date_of_issue": fmt_date(h.issued),
        "date_of_expiry": fmt_date(h.expiry), "place_of_issue": h.place_of_issue,
    }


def _field(c: Canvas, st: Style, x: float, y: float, label: str, value: str,
           size: float | None = None, fill: tuple[int, int, int] | None = None) -> None:
    c.text(x, y, label, st.label_font, st.label_size * 0.8, fill=st.label_color, deva=st.deva)
    c.text(x, y + st.label_size * 1.05, value, st.value_font, size or st.value_size * 0.85,
           bold=st.value_bold, fill=fill or st.value_color)


def _mrz_band(c: Canvas, rng: random.Random, h: Holder) -> None:
    c.rect((0, PAGE_H - 190, PAGE_W, PAGE_H), fill=graphics.tint((250, 250, 246), rng, 5))
    family = rng.choice(MONO)
    lines = mrz(h.surname, h.given, h.number, h.p.dob, h.p.gender[0], h.expiry)
    size = c.fit(lines[0], family, 60, PAGE_W - 80)
    for i, line in enumerate(lines):
        c.text(40, PAGE_H - 165 + i * size * 1.45, line, family, size, bold=rng.random() < 0.3)


def draw_page(c: Canvas, rng: random.Random, h: Holder, kind: str) -> None:
    """One data page in a 1250 x 880 unit region."""
    security_background(c, rng, graphics.tint((246, 240, 228), rng),
                        graphics.tint((226, 236, 240), rng), graphics.tint((170, 150, 190), rng),
                        alpha=45)
    st = style(rng, serif_ok=kind == "classic")
    sex = h.p.gender[0]
    c.text(PAGE_W / 2, 18, "भारत गणराज्य", st.deva, 30, bold=True, fill=(20, 40, 110), align="m")
    c.text(PAGE_W / 2, 60, "REPUBLIC OF INDIA", st.label_font, 32, bold=True, fill=(20, 40, 110),
           align="m")
    c.paste(graphics.photo(rng, c.px(250), c.px(320)), 40, 130)
    c.paste(graphics.signature(rng, c.px(230), c.px(60)), 45, 470)
    dob, doi, doe = (fmt_date(d) for d in (h.p.dob, h.issued, h.expiry))
    if kind == "classic":
        x1, x2, x3 = 330, 640, 930
        _field(c, st, x1, 125, "प्रकार / Type", "P")
        _field(c, st, x2, 125, "कोड / Country Code", "IND")
        _field(c, st, x3, 125, "पासपोर्ट नं. / Passport No.", h.number, st.value_size)
        _field(c, st, x1, 200, "उपनाम / Surname", h.surname)
        _field(c, st, x1, 275, "दिया गया नाम / Given Name(s)", h.given)
        _field(c, st, x1, 350, "राष्ट्रीयता / Nationality", "INDIAN")
        _field(c, st, x2, 350, "लिंग / Sex", sex)
        _field(c, st, x3, 350, "जन्मतिथि / Date of Birth", dob)
        _field(c, st, x1, 425, "जन्म स्थान / Place of Birth", h.place_of_birth)
        _field(c, st, x1, 500, "जारी करने का स्थान / Place of Issue", h.place_of_issue)
        _field(c, st, x1, 575, "जारी करने की तिथि / Date of Issue", doi)
        _field(c, st, x2 + 120, 575, "समाप्ति की तिथि / Date of Expiry", doe)
    else:
        red = graphics.tint((170, 30, 40), rng)
        c.text(PAGE_W - 40, 120, h.number, st.value_font, 40, bold=True, fill=red, align="r")
        x, y = 330, 120.0
        gap = rng.uniform(240, 300)
        rows: list[list[tuple[str, str]]] = [
            [("Type", "P"), ("Country Code", "IND")], [("Surname", h.surname)],
            [("Given Name(s)", h.given)], [("Nationality", "INDIAN")],
            [("Sex", sex), ("Date of Birth", dob)], [("Place of Birth", h.place_of_birth)],
            [("Place of Issue", h.place_of_issue)],
            [("Date of Issue", doi), ("Date of Expiry", doe)]]
        for row in rows:
            for j, (label, value) in enumerate(row):
                _field(c, st, x + j * gap, y, label, value, st.value_size * 0.92)
            y += st.label_size * 1.05 + st.value_size * 0.92 + 12
    _mrz_band(c, rng, h)


def _page_canvas(rng: random.Random, pages: int) -> Canvas:
    scale = rng.uniform(0.86, 1.14)
    h = PAGE_H * pages + 30 * (pages - 1)
    return Canvas(round(PAGE_W * scale), round(h * scale), scale, (235, 230, 220))


def classic(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _page_canvas(rng, 1)
    draw_page(c, rng, h, "classic")
    return Rendered(c.img, _truth(h))


def compact(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _page_canvas(rng, 1)
    draw_page(c, rng, h, "compact")
    return Rendered(c.img, _truth(h))


def booklet(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _page_canvas(rng, 2)
    top = c.view(0, 0, PAGE_W, PAGE_H)
    security_background(top, rng, (240, 236, 226), (232, 236, 240), (180, 170, 200), alpha=35)
    top.paste(graphics.emblem(rng, top.px(160), (200, 190, 170)), PAGE_W / 2 - 80, 200)
    st = style(rng)
    top.text(PAGE_W / 2, 420, "This passport contains 36 pages.", st.label_font, 24, align="m")
    top.text(PAGE_W / 2, 460, "इस पासपोर्ट में 36 पृष्ठ हैं।", st.deva, 24, align="m")
    c.rect((0, PAGE_H, PAGE_W, PAGE_H + 30), fill=(120, 100, 80))
    draw_page(c.view(0, PAGE_H + 30, PAGE_W, PAGE_H), rng, h, rng.choice(["classic", "compact"]))
    return Rendered(c.img, _truth(h))


LAYOUTS: dict[str, LayoutFn] = {"classic": classic, "compact": compact, "booklet": booklet}
