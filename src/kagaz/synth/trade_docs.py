"""Drawing titled business documents (purchase orders, debit notes, margin-money receipts) in
three kinds of design, from one description of what the document prints.

* ``classic``: the issuer's letterhead on the left with its address and GSTIN, the title
  centred under a rule, number and date on one row, the counterparty block ("To," / "Vendor:"),
  an items table, totals on the right, "For <issuer>" over "Authorised Signatory".
* ``boxed``: a ruled form, Tally-like: the issuer's block and the number / date grid side by
  side in boxes, the counterparty in a box, the items in a ruled table.
* ``centred``: a compact page with the issuer's name centred, the title in a band, labelled
  rows ("Receipt No.", "Date") and running sentences, amounts in a labelled row.

The generators of the types (:mod:`kagaz.synth.purchase_order`, :mod:`kagaz.synth.debit_note`,
:mod:`kagaz.synth.margin_money`) decide the content and its truth; this module only draws it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from kagaz.synth import graphics
from kagaz.synth.billing import Party, inr, rupee
from kagaz.synth.certificates import paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.layout import Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["Sheet", "draw", "money"]


@dataclass
class Sheet:
    """What one document prints, in the order a reader meets it."""

    issuer: Party
    title: str
    meta: list[tuple[str, str]]  # (label, value): number, date, references
    party_label: str  # "To,", "Vendor :", "Received from"
    party: Party | None
    items: list[tuple[str, str, Decimal, Decimal]] = field(default_factory=list)  # desc, qty, rate, amount
    totals: list[tuple[str, Decimal]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)  # labelled rows after the sentences
    sign: str = "Authorised Signatory"
    footer: list[str] = field(default_factory=list)


def money(rng: random.Random, fam: str, v: Decimal) -> str:
    """An amount as dealers print it: ₹ 1,18,000.00, Rs. 1,18,000/- or bare."""
    r = rng.random()
    if r < 0.35:
        return f"{rupee(fam)} {inr(v)}"
    if r < 0.6:
        return f"Rs. {inr(v)}"
    return inr(v)


def _issuer(c: Canvas, rng: random.Random, s: Sheet, fam: str, x: float, y: float, *,
            align: str = "l", size: float = 40) -> float:
    color = graphics.tint(rng.choice([(10, 50, 120), (120, 20, 30), (20, 80, 40), (30, 30, 30)]), rng, 20)
    c.text(x, y, s.issuer.name, fam, c.fit(s.issuer.name, fam, size, 1200), bold=True, fill=color, align=align)
    y += size * 1.5
    for line in s.issuer.lines:
        c.text(x, y, line, fam, 20, fill=(60, 60, 60), align=align)
        y += 27
    extra = [f"GSTIN: {s.issuer.gstin}"] if s.issuer.gstin else []
    extra.append(f"Phone: {s.issuer.phone}")
    c.text(x, y, "   ".join(extra), fam, 20, fill=(60, 60, 60), align=align)
    return y + 40


def _party(c: Canvas, s: Sheet, fam: str, x: float, y: float, size: float) -> float:
    if s.party is None:
        return y
    c.text(x, y, s.party_label, fam, size, bold=True)
    y += size * 1.5
    c.text(x, y, ("M/s. " if s.party.gstin else "") + s.party.name, fam, size, bold=True)
    y += size * 1.45
    for line in s.party.lines:
        c.text(x, y, line, fam, size * 0.92)
        y += size * 1.35
    if s.party.gstin:
        c.text(x, y, f"GSTIN: {s.party.gstin}", fam, size * 0.92)
        y += size * 1.35
    return y + size


def _items(c: Canvas, rng: random.Random, s: Sheet, fam: str, y: float, size: float, *, ruled: bool) -> float:
    if not s.items:
        return y
    L, R = 100.0, 1554.0
    cols = [(L + 10, "S.No."), (L + 110, "Description"), (L + 860, "Qty"), (L + 1040, "Rate"),
            (R - 10, "Amount")]
    if ruled:
        c.rect((L, y - 8, R, y + size * 1.6), outline=(80, 80, 80), width=1.5)
    for x, h in cols:
        c.text(x, y, h, fam, size, bold=True, align="r" if h == "Amount" else "l")
    y += size * 2
    for i, (desc, qty, rate, amount) in enumerate(s.items, 1):
        c.text(cols[0][0], y, str(i), fam, size)
        c.text(cols[1][0], y, desc, fam, c.fit(desc, fam, size, 720))
        c.text(cols[2][0], y, qty, fam, size)
        c.text(cols[3][0], y, inr(rate), fam, size)
        c.text(cols[4][0], y, inr(amount), fam, size, align="r")
        y += size * 1.7
    c.line([(L, y), (R, y)], fill=(90, 90, 90), width=1.5)
    return y + size


def _totals(c: Canvas, rng: random.Random, s: Sheet, fam: str, y: float, size: float) -> float:
    for label, value in s.totals:
        bold = label == s.totals[-1][0]
        c.text(1100, y, label, fam, size, bold=bold)
        c.text(1554, y, money(rng, fam, value) if bold else inr(value), fam, size, bold=bold, align="r")
        y += size * 1.7
    return y + size


def _body(c: Canvas, rng: random.Random, s: Sheet, fam: str, y: float, size: float) -> float:
    for sentence in s.sentences:
        y = paragraph(c, sentence, 120, y, c.w - 240, fam, size) + size * 0.6
    for label, value in s.rows:
        c.text(120, y, label, fam, size)
        c.text(560, y, f": {value}", fam, size, bold=True)
        y += size * 1.7
    return y + size


def _sign(c: Canvas, rng: random.Random, s: Sheet, fam: str, y: float, size: float) -> None:
    y = max(y, 1500.0)
    c.text(1554, y, f"For {s.issuer.name}", fam, size, bold=True, align="r")
    c.paste(graphics.signature(rng, 260, 80), 1250, y + size * 1.6)
    c.text(1554, y + size * 5.5, s.sign, fam, size, align="r")
    fy = y + size * 8
    for line in s.footer:
        c.text(100, fy, line, fam, size * 0.75, fill=(90, 90, 90))
        fy += size * 1.2


def classic(rng: random.Random, s: Sheet) -> Rendered:
    fam = rng.choice(SANS + SERIF)
    size = rng.uniform(21, 24)
    c = a4_canvas()
    y = _issuer(c, rng, s, fam, 100, 70)
    c.line([(100, y - 10), (1554, y - 10)], fill=(60, 60, 60), width=2)
    c.text(c.w / 2, y + 10, s.title, fam, size + 10, bold=True, align="m")
    y += size * 3.4
    for i in range(0, len(s.meta), 2):
        label, value = s.meta[i]
        c.text(100, y, f"{label}: {value}", fam, size, bold=i == 0)
        if i + 1 < len(s.meta):
            c.text(1554, y, f"{s.meta[i + 1][0]}: {s.meta[i + 1][1]}", fam, size, align="r")
        y += size * 1.8
    y = _party(c, s, fam, 100, y + size, size)
    y = _body(c, rng, s, fam, y, size)
    y = _items(c, rng, s, fam, y, size * 0.9, ruled=False)
    y = _totals(c, rng, s, fam, y, size)
    _sign(c, rng, s, fam, y + size * 2, size)
    return Rendered(c.img, {}, page="a4", dpi=200, canvas=c)


def boxed(rng: random.Random, s: Sheet) -> Rendered:
    fam = rng.choice(SANS)
    size = rng.uniform(20, 23)
    c = a4_canvas()
    c.text(c.w / 2, 60, s.title, fam, size + 12, bold=True, align="m")
    top, mid = 130.0, 900.0
    y = _issuer(c, rng, s, fam, 120, top + 20, size=34)
    my = top + 20
    for label, value in s.meta:
        c.text(mid + 20, my, label, fam, size * 0.9, fill=(70, 70, 70))
        c.text(mid + 20, my + size * 1.15, value, fam, size, bold=True)
        c.line([(mid, my + size * 2.6), (1554, my + size * 2.6)], fill=(100, 100, 100), width=1)
        my += size * 3
    bottom = max(y, my) + 10
    c.rect((100, top, 1554, bottom), outline=(60, 60, 60), width=2)
    c.line([(mid, top), (mid, bottom)], fill=(60, 60, 60), width=2)
    y = _party(c, s, fam, 120, bottom + 30, size)
    c.rect((100, bottom + 10, 1554, y - size * 0.5), outline=(60, 60, 60), width=2)
    y = _body(c, rng, s, fam, y + size, size)
    y = _items(c, rng, s, fam, y, size * 0.9, ruled=True)
    y = _totals(c, rng, s, fam, y, size)
    _sign(c, rng, s, fam, y + size * 2, size)
    return Rendered(c.img, {}, page="a4", dpi=200, canvas=c)


def centred(rng: random.Random, s: Sheet) -> Rendered:
    fam = rng.choice(SERIF + SANS)
    size = rng.uniform(22, 25)
    c = a4_canvas()
    y = _issuer(c, rng, s, fam, c.w / 2, 80, align="m", size=44)
    band = graphics.tint((225, 230, 240), rng, 10)
    c.rect((300, y, c.w - 300, y + size * 2.2), fill=band)
    c.text(c.w / 2, y + size * 0.5, s.title, fam, size + 6, bold=True, align="m")
    y += size * 3.6
    for label, value in s.meta:
        c.text(120, y, label, fam, size)
        c.text(560, y, f": {value}", fam, size, bold=True)
        y += size * 1.7
    y = _party(c, s, fam, 120, y + size, size)
    y = _body(c, rng, s, fam, y, size)
    y = _items(c, rng, s, fam, y, size * 0.9, ruled=False)
    y = _totals(c, rng, s, fam, y, size)
    _sign(c, rng, s, fam, y + size * 2, size)
    return Rendered(c.img, {}, page="a4", dpi=200, canvas=c)


STYLES = {"classic": classic, "boxed": boxed, "centred": centred}


def draw(rng: random.Random, sheet: Sheet, style: str, truth: dict[str, str]) -> Rendered:
    drawn = STYLES[style](rng, sheet)
    drawn.fields = truth
    return drawn
