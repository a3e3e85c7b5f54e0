"""Businesses, identifiers and form tables shared by the certificate layouts (GST, Udyam, Shop Act).

A :class:`Business` is decided once per document so that every page of a certificate agrees:
its constitution fixes the PAN's fourth letter (P for a proprietor, F for a firm or LLP, C for
a company...), the GSTIN embeds that PAN after the state's GST code and ends with its Luhn mod 36
check character. :func:`kv_table` draws the bordered label/value tables these certificates are
made of, wrapping long values at word boundaries (joining the drawn lines with spaces gives the
value back).
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Sequence
from dataclasses import dataclass

from stdnum import luhn
from stdnum.in_ import gstin as stdnum_gstin
from stdnum.in_ import pan as stdnum_pan

from kagaz.synth import graphics
from kagaz.synth.identities import STATES, Address, Person, person
from kagaz.synth.render import Canvas, Color

__all__ = [
    "GST_CODES",
    "Business",
    "business",
    "Cell",
    "business_address",
    "gstin",
    "kv_table",
    "random_day",
    "wrap_words",
]

#: identities.STATES code -> GST state code (first two digits of a GSTIN).
GST_CODES = {"MH": "27", "KA": "29", "DL": "07", "TN": "33", "UP": "09", "GJ": "24", "RJ": "08",
             "WB": "19", "KL": "32", "TS": "36", "MP": "23", "BR": "10", "HR": "06", "PB": "03"}
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

FIRST_WORDS = ["Shree Ganesh", "Sai", "Balaji", "Laxmi", "Om", "Krishna", "Jai Hind", "New India",
               "Sunrise", "Galaxy", "Royal", "Metro", "Apex", "Global", "Star", "Vijay",
               "Mahalaxmi", "Annapurna", "Kaveri", "Ganga", "Siddhi Vinayak", "Bharat", "Pioneer",
               "Classic", "Unique", "Perfect", "Shivam", "Tirupati", "Venus", "Orbit"]
TRADES = [
    ("Traders", "Wholesale trade of general goods"), ("Enterprises", "Trading"),
    ("Electricals", "Retail sale of electrical goods"), ("Hardware", "Retail sale of hardware"),
    ("Textiles", "Manufacture of textiles"), ("Engineering Works", "Fabrication of metal products"),
    ("Agencies", "Commission agents"), ("Industries", "Manufacture of plastic products"),
    ("Foods", "Manufacture of bakery products"), ("Medical Stores", "Retail sale of medicines"),
    ("Garments", "Retail sale of clothing"), ("Steel", "Trading of steel"),
    ("Automobiles", "Repair of motor vehicles"), ("Electronics", "Retail sale of electronics"),
    ("Furniture", "Manufacture of furniture"), ("Solutions", "IT services"),
    ("Logistics", "Road transport of goods"), ("Pharma", "Wholesale of pharmaceuticals"),
    ("Kirana Stores", "Retail sale of groceries"), ("Motors", "Sale of two wheelers"),
    ("Caterers", "Catering services"), ("Printers", "Printing and stationery"),
]
#: constitution -> PAN holder letter
CONSTITUTIONS = [
    ("Proprietorship", "P", 40), ("Partnership", "F", 15), ("Private Limited Company", "C", 15),
    ("Public Limited Company", "C", 3), ("Limited Liability Partnership", "F", 8),
    ("Hindu Undivided Family", "H", 4), ("Society/ Club/ Trust/ AOP", "T", 3),
]
PREMISES = ["Shop No {n}", "Gala No {n}", "Unit {n}", "Plot {n}", "Office No {n}", "Survey No {n}/2",
            "Flat {n}", "Door No {n}", "Block {b}-{n}"]
COMPLEXES = ["Sai Plaza", "Business Park", "Industrial Estate", "Trade Centre", "Market Yard",
             "Shopping Complex", "Commercial Complex", "Ganesh Chambers", "Laxmi Arcade"]
FLOORS = ["Ground Floor", "First Floor", "Second Floor", "Basement"]


@dataclass(frozen=True)
class Business:
    """An enterprise as its certificates print it."""

    legal_name: str
    trade_name: str
    constitution: str
    pan: str
    owner: Person
    addr: Address
    nature: str  # nature of business, in words

    @property
    def address(self) -> str:
        return ", ".join(self.addr.parts)


def business_address(rng: random.Random, state_code: str | None = None) -> Address:
    """A place of business: premises, building, street, locality, city, state and PIN."""
    code = state_code or rng.choice(list(STATES))
    state, prefixes, cities = STATES[code]
    prefix = rng.choice(prefixes)
    pin = prefix + "".join(str(rng.randint(0, 9)) for _ in range(6 - len(prefix)))
    if pin[3:] == "000":
        pin = pin[:5] + "1"
    city = rng.choice(cities)
    parts = [rng.choice(PREMISES).format(n=rng.randint(1, 350), b=rng.choice("ABCD"))]
    if rng.random() < 0.35:
        parts.append(rng.choice(FLOORS))
    if rng.random() < 0.6:
        parts.append(rng.choice(COMPLEXES))
    from kagaz.synth.identities import LOCALITIES, STREETS

    parts.append(rng.choice(STREETS))
    if rng.random() < 0.6:
        parts.append(rng.choice(LOCALITIES))
    parts.append(city)
    if rng.random() < 0.4:
        parts.append(city)  # the district, as GST prints it
    ending = rng.random()
    if ending < 0.45:
        parts += [state, pin]
    elif ending < 0.8:
        parts.append(f"{state} - {pin}")
    else:
        parts.append(f"{state} {pin}")
    return Address(tuple(parts), city, state, code, pin)


def _pan(rng: random.Random, holder: str, initial: str) -> str:
    letters = string.ascii_uppercase
    while True:
        head = "".join(rng.choice(letters) for _ in range(3))
        pan = f"{head}{holder}{initial.upper()}{rng.randint(1, 9999):04d}{rng.choice(letters)}"
        if stdnum_pan.is_valid(pan):
            return pan


def gstin(rng: random.Random, state_code: str, pan: str) -> str:
    """State code, PAN, registration count (1-9, then A-Z), 'Z', Luhn mod 36 check character."""
    body = GST_CODES[state_code] + pan + rng.choice("111111123A") + "Z"
    number = body + luhn.calc_check_digit(body, _ALPHABET)
    assert stdnum_gstin.is_valid(number), number
    return number


def business(rng: random.Random, state_code: str | None = None, *, upper: bool | None = None,
             constitutions: Sequence[str] | None = None) -> Business:
    """A business whose names, constitution and PAN agree; ``upper`` prints names in capitals."""
    pool = [c for c in CONSTITUTIONS if constitutions is None or c[0] in constitutions]
    constitution, holder, _ = rng.choices(pool, [w for *_, w in pool])[0]
    owner = person(rng)
    word = rng.choice(FIRST_WORDS + [owner.surname] * 6)
    trade, nature = rng.choice(TRADES)
    trade_name = f"{word} {trade}"
    if constitution == "Proprietorship":
        legal = owner.name
        initial = owner.surname[0]
    elif constitution == "Partnership":
        legal = rng.choice([trade_name, f"M/s {trade_name}", f"{owner.surname} & Associates"])
        initial = legal.removeprefix("M/s ")[0]
    elif constitution == "Private Limited Company":
        legal = f"{trade_name} Private Limited" if rng.random() < 0.6 else f"{trade_name} Pvt Ltd"
        initial = legal[0]
    elif constitution == "Public Limited Company":
        legal = f"{trade_name} Limited"
        initial = legal[0]
    elif constitution == "Limited Liability Partnership":
        legal = f"{trade_name} LLP"
        initial = legal[0]
    elif constitution == "Hindu Undivided Family":
        legal = f"{owner.given} {owner.surname} HUF" if owner.gender == "MALE" else (
            f"{owner.father} HUF")
        initial = legal[0]
    else:
        legal = f"{word} Charitable Trust"
        initial = legal[0]
    if upper is None:
        upper = rng.random() < 0.6
    if upper:
        legal, trade_name = legal.upper(), trade_name.upper()
    addr = business_address(rng, state_code)
    return Business(legal, trade_name, constitution, _pan(rng, holder, initial), owner, addr,
                    nature)


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


# ---- drawing ---------------------------------------------------------------------------------

def wrap_words(c: Canvas, text: str, width: float, family: str, size: float,
               bold: bool = False) -> list[str]:
    """Word wrap: ``" ".join(lines) == text`` (single spaces), each line at most ``width``."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and c.measure(trial, family, size, bold) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def paragraph(c: Canvas, text: str, x: float, y: float, width: float, family: str, size: float,
              gap: float = 1.5) -> float:
    """Draw ``text`` wrapped to ``width`` from ``(x, y)``; returns the y below its last line."""
    for line in wrap_words(c, text, width, family, size):
        c.text(x, y, line, family, size)
        y += size * gap
    return y


def sealed_rows(c: Canvas, rng: random.Random, rows: list[tuple[str, str | None]], y: float,
                fam: str, label_size: float, vfam: str, value_size: float, ink: Color) -> None:
    """Label/value rows ruled apart (rows without a value are left out), then the issuing
    authority's seal and signature at the foot of the page: the print form of a certificate."""
    vs = value_size
    for label, value in rows:
        if value is None:
            continue
        lines = wrap_words(c, value, 760, vfam, vs)
        c.text(150, y + 4, label, fam, label_size, fill=(80, 80, 80))
        for k, line in enumerate(lines):
            c.text(700, y + k * vs * 1.4, line, vfam, vs)
        y += max(1, len(lines)) * vs * 1.4 + 40
        c.line([(150, y - 22), (c.w - 150, y - 22)], fill=(215, 215, 215), width=1)
    c.ellipse((200, 1850, 460, 2110), outline=ink, width=3)
    c.text(330, 1950, "SEAL", fam, 30, align="m", fill=ink)
    c.paste(graphics.signature(rng, 300, 90), 1100, 1880)
    c.line([(1020, 1990), (1480, 1990)], fill=(120, 120, 120), width=2)
    c.text(1250, 2005, "Issuing Authority", fam, 24, align="m", fill=(80, 80, 80))


@dataclass(frozen=True)
class Cell:
    """Typography of a table: fonts, sizes, colours and whether values are bold."""

    label_font: str
    value_font: str
    label_size: float
    value_size: float
    label_color: Color = (30, 30, 30)
    value_color: Color = (0, 0, 0)
    value_bold: bool = False
    deva: str = "deva_sans"


def kv_table(c: Canvas, x: float, y: float, rows: Sequence[tuple[str, str | Sequence[str]]],
             widths: Sequence[float], cell: Cell, *, numbered: bool = False,
             border: Color | None = (90, 90, 90), pad: float = 14, stripe: Color | None = None,
             start: int = 1) -> float:
    """Rows of ``label | value`` cells (a value may be a list of pre-broken lines); returns the
    y under the table. ``widths`` are the column widths (label, value), or (no., label, value)
    when ``numbered``."""
    cols = list(widths)
    for i, (label, value) in enumerate(rows):
        lh_l, lh_v = cell.label_size * 1.35, cell.value_size * 1.35
        xs = [x]
        for w in cols:
            xs.append(xs[-1] + w)
        li = 1 if numbered else 0
        label_lines = [t for part in label.split("\n")
                       for t in wrap_words(c, part, cols[li] - 2 * pad, cell.label_font, cell.label_size)]
        if isinstance(value, str):
            value_lines = wrap_words(c, value, cols[li + 1] - 2 * pad, cell.value_font,
                                     cell.value_size, cell.value_bold) if value else []
        else:
            value_lines = list(value)
        h = max(len(label_lines) * lh_l, len(value_lines) * lh_v, lh_v) + 2 * pad
        if stripe and i % 2 == 0:
            c.rect((x, y, xs[-1], y + h), fill=stripe)
        if border:
            c.rect((x, y, xs[-1], y + h), outline=border, width=1.5)
            for xv in xs[1:-1]:
                c.line([(xv, y), (xv, y + h)], fill=border, width=1.5)
        if numbered:
            c.text(x + pad, y + pad, f"{start + i}.", cell.label_font, cell.label_size,
                   fill=cell.label_color)
        for k, t in enumerate(label_lines):
            c.text(xs[li] + pad, y + pad + k * lh_l, t, cell.label_font, cell.label_size,
                   fill=cell.label_color, deva=cell.deva)
        for k, t in enumerate(value_lines):
            c.text(xs[li + 1] + pad, y + pad + k * lh_v, t, cell.value_font, cell.value_size,
                   bold=cell.value_bold, fill=cell.value_color, deva=cell.deva)
        y += h
    return y
