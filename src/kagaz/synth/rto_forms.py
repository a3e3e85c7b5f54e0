"""The RTO forms of the CMV Rules 1989 (26, 29, 30, 34, 35), filled in, in three designs.

Each form prints its number, its rule, its statutory title, a declaration in the rules' words
and numbered items (:mod:`kagaz.doctypes.rto_forms`). :func:`layouts` gives a form's designs
(A4 pages, exportable as born-digital PDFs):

* ``statute``: the bare form as the rules print it: "FORM 34", "[See Rule 60]", the title, the
  declaration, "1. Registration number : …" items on dotted lines, signatures;
* ``state``: a state transport department's print: its header over the form, the items in a
  ruled, numbered table;
* ``financier``: a lender's pre-filled pack: the lender's name on top, "FORM NO. 34 (See Rule
  60)", each item's label over its value in a box.

Truth: the form's fields where printed; names without "Shri"/"Smt." and the relation, the
financier's name without its branch, the registration mark compact.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from kagaz.synth import graphics
from kagaz.synth.certificates import Cell, kv_table, paragraph, wrap_words
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas
from kagaz.synth.vehicle import Owner, owner, vehicle

__all__ = ["TITLES", "layouts"]

_HP = "HIRE PURCHASE/LEASE/HYPOTHECATION"
#: form -> (rule, title, declaration)
TITLES: dict[int, tuple[str, str, str]] = {
    26: ("[See Rule 53]", "APPLICATION FOR THE ISSUE OF DUPLICATE CERTIFICATE OF REGISTRATION",
         "I/We, the registered owner of the motor vehicle described below, hereby apply for the issue of "
         "a duplicate certificate of registration, the original having been lost / destroyed / mutilated."),
    29: ("[See Rule 55(1)]", "NOTICE OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE",
         "I/We hereby declare that I/we have transferred the ownership of the vehicle described below, "
         "with effect from the date mentioned, and that the particulars given are true."),
    30: ("[See Rules 55(1) and (2)]", "REPORT OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE",
         "We hereby report the transfer of ownership of the motor vehicle described below and apply for the "
         "transfer to be entered in the certificate of registration."),
    34: ("[See Rule 60]", f"APPLICATION FOR MAKING AN ENTRY OF AN AGREEMENT OF {_HP} SUBSEQUENT TO REGISTRATION",
         f"We hereby declare that an agreement of {_HP.lower()} has been entered into between us in respect of "
         "the motor vehicle described below, and request that the entry be made in the certificate of registration."),
    35: ("[See Rule 61(1)]", f"NOTICE OF TERMINATION OF AN AGREEMENT OF {_HP}",
         f"We hereby declare that the agreement of {_HP.lower()} entered into between us in respect of the "
         "vehicle described below has been terminated, and request that the note in the certificate of "
         "registration be cancelled."),
}
_STATES = {"MH": "Maharashtra", "KA": "Karnataka", "TN": "Tamil Nadu", "GJ": "Gujarat", "UP": "Uttar Pradesh",
           "DL": "Delhi", "RJ": "Rajasthan", "KL": "Kerala", "TS": "Telangana", "WB": "West Bengal"}


def _person(rng: random.Random, o: Owner) -> tuple[str, str]:
    """(printed, truth) name: an honorific now and then, the case of the form's typist."""
    name = o.person.name.upper() if rng.random() < 0.6 else o.person.name
    title = rng.choice(["", "", "Shri " if o.person.gender == "MALE" else "Smt. "])
    return f"{title}{name}", name


def _content(rng: random.Random, number: int) -> tuple[list[tuple[str, str]], dict[str, str], str, str]:
    """(items, truth, financier's name, state): the form's numbered items as printed, its truth,
    and the state whose RTO the vehicle is registered with."""
    state = rng.choice(list(_STATES))
    v = vehicle(rng, state, financed=1.0 if number in (34, 35) else 0.5)
    first, second = owner(rng, state), owner(rng, state)
    p1, t1 = _person(rng, first)
    p2, t2 = _person(rng, second)
    addr = ", ".join([*first.address.parts, f"{first.address.state} - {first.address.pin}"])
    addr2 = ", ".join([*second.address.parts, f"{second.address.state} - {second.address.pin}"])
    fin = v.financier
    fin_printed = f"{fin}, {rng.choice(['Branch Office', 'Retail Assets Centre', 'Regional Office'])}, " \
                  f"{first.address.city}" if fin else "-"
    reg = ("Registration number", v.printed_registration)
    chassis, engine = ("Chassis number", v.vin), ("Engine number", v.engine)
    day = fmt_date(random_date(rng, v.registered, v.registered.replace(year=min(2025, v.registered.year + 5))))
    truth = {"registration_number": v.registration, "chassis_number": v.vin, "engine_number": v.engine}
    if number == 26:
        items = [("Full name of the registered owner", p1), ("Son / wife / daughter of", first.relation[4:]),
                 ("Full address", addr), ("Registration mark", v.printed_registration), chassis, engine,
                 ("Reason for duplicate", rng.choice(["Lost", "Torn", "Mutilated", "Destroyed"]))]
        truth["owner_name"] = t1
        if fin:
            items.append(("Name of the financier", fin_printed))
    elif number in (29, 30):
        items = [("Full name of the transferor", p1), ("Son / wife / daughter of", first.relation[4:]),
                 ("Full address", addr), ("Full name of the transferee", p2),
                 ("Son / wife / daughter of", second.relation[4:]), ("Full address", addr2), reg, chassis, engine,
                 ("Date of transfer", day)]
        truth.update(transferor_name=t1, transferee_name=t2)
        if fin:
            items.append(("Name of the financier", fin_printed))
    else:
        items = [reg, ("Name of the registered owner", p1), ("Son / wife / daughter of", first.relation[4:]),
                 ("Full address", addr), ("Name and full address of the financier", fin_printed), chassis, engine]
        truth["owner_name"] = t1
        if number == 34:
            items += [("Maker's name", v.maker), ("Date of agreement", day)]
            truth["maker"] = v.maker
        else:
            items.append(("Date of termination", day))
    if fin:
        truth["financier_name"] = fin
    return items, truth, fin or "", _STATES[state]


def _header(c: Canvas, number: int, fam: str, y: float, *, prefix: str = "FORM", rule_inline: bool = False) -> float:
    rule, title, _ = TITLES[number]
    if rule_inline:
        c.text(c.w / 2, y, f"{prefix} {number}  {rule.replace('[', '(').replace(']', ')')}", fam, 28, bold=True,
               align="m")
        y += 55
    else:
        c.text(c.w / 2, y, f"{prefix} {number}", fam, 30, bold=True, align="m")
        c.text(c.w / 2, y + 45, rule, fam, 21, align="m")
        y += 95
    for line in wrap_words(c, title, 1300, fam, 25):
        c.text(c.w / 2, y, line, fam, 25, bold=True, align="m")
        y += 38
    return y + 20


def _signatures(c: Canvas, rng: random.Random, fam: str, y: float, number: int) -> None:
    left, right = {26: ("", "Signature of the registered owner"), 29: ("Signature of the transferor", ""),
                   30: ("Signature of the transferor", "Signature of the transferee"),
                   34: ("Signature of the registered owner", "Signature of the financier"),
                   35: ("Signature of the registered owner", "Signature of the financier")}[number]
    y = min(y + 60, 2150)
    for x, label in ((140, left), (930, right)):
        if label:
            c.paste(graphics.signature(rng, 240, 70), x + 20, y)
            c.text(x, y + 90, label, fam, 20)


def _statute(rng: random.Random, number: int) -> Rendered:
    items, truth, _, _ = _content(rng, number)
    fam = rng.choice(SERIF + SANS[:1])
    c = a4_canvas()
    y = _header(c, number, fam, 110)
    y = paragraph(c, TITLES[number][2], 130, y, 1390, fam, 21) + 25
    for i, (label, value) in enumerate(items, 1):
        head = f"{i}. {label} :"
        w = c.text(130, y, head, fam, 22)
        size = c.fit(value, fam, 22, 1380 - w)
        c.text(150 + w, y, value, fam, size, bold=rng.random() < 0.5)
        y += 56
    signed = fmt_date(random_date(rng, dt.date(2020, 1, 1), dt.date(2025, 6, 1)))
    c.text(130, y + 20, f"Place: {rng.choice(list(_STATES.values()))}      Date: {signed}", fam, 21)
    _signatures(c, rng, fam, y + 70, number)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def _state(rng: random.Random, number: int) -> Rendered:
    items, truth, _, state = _content(rng, number)
    fam = rng.choice(SANS)
    c = a4_canvas()
    band = graphics.tint((30, 80, 60), rng, 25)
    c.rect((60, 40, c.w - 60, 150), fill=band)
    c.text(c.w / 2, 58, f"GOVERNMENT OF {state.upper()}", fam, 28, bold=True, fill=(255, 255, 255), align="m")
    c.text(c.w / 2, 100, "TRANSPORT DEPARTMENT - MOTOR VEHICLES", fam, 22, fill=(255, 255, 255), align="m")
    y = _header(c, number, fam, 190)
    y = paragraph(c, TITLES[number][2], 110, y, 1430, fam, 20) + 20
    cell = Cell(fam, fam, 20, 22, value_bold=True)
    y = kv_table(c, 100, y, items, (70, 560, 820), cell, numbered=True)
    _signatures(c, rng, fam, y + 40, number)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def _financier(rng: random.Random, number: int) -> Rendered:
    items, truth, fin, _ = _content(rng, number)
    fam = rng.choice(SANS + SERIF[:1])
    c = a4_canvas()
    ink = graphics.tint((120, 30, 40), rng, 30)
    c.text(110, 50, (fin or "Vehicle Loan Documentation").upper(), fam, 30, bold=True, fill=ink)
    c.line([(100, 100), (c.w - 100, 100)], fill=ink, width=3)
    y = _header(c, number, fam, 140, prefix="FORM NO.", rule_inline=True)
    y = paragraph(c, TITLES[number][2], 110, y, 1430, fam, 20) + 20
    col_w = 700.0
    for i, (label, value) in enumerate(items):
        x = 110 + (i % 2) * (col_w + 34)
        if i % 2 == 0 and i:
            y += 118
        c.text(x, y, f"{i + 1}. {label}", fam, 19, fill=(70, 70, 70))
        c.rect((x, y + 30, x + col_w, y + 84), outline=(150, 150, 150), width=1.5)
        c.text(x + 12, y + 42, value, fam, c.fit(value, fam, 22, col_w - 24), bold=True)
    _signatures(c, rng, fam, y + 140, number)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def layouts(number: int) -> dict[str, LayoutFn]:
    """The three designs of Form ``number``."""
    def bind(fn: Callable[[random.Random, int], Rendered]) -> LayoutFn:
        return lambda rng: fn(rng, number)
    return {"statute": bind(_statute), "state": bind(_state), "financier": bind(_financier)}
