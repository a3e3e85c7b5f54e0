"""Electricity bills, three kinds of licensee's design.

What every bill prints (:mod:`kagaz.doctypes.ebill`, the state Supply Codes): the licensee, the
consumer number, the consumer's name and address of supply, bill date, billing period, meter
readings and units, tariff and load, the amount payable and the due date (and the amount after
it).

* ``state_board``: a state distribution company's bill (MSEDCL, BESCOM, UPPCL, TNPDCL, Jaipur
  Vidyut Vitran Nigam, MP Paschim Kshetra): the licensee's name over "ELECTRICITY BILL", two
  columns of "Label : value" lines (consumer number, bill date, due date …), the name and the
  address under "Address", a readings table, "Amount Payable" and the amount after the due date.
* ``private``: a private licensee's bill (Tata Power-DDL, BSES Rajdhani, Adani Electricity Mumbai,
  Torrent Power, CESC): its own label for the number ("CA No.", "Account No.", "Service No."),
  ruled boxes with the label above the value, the name and address block under the consumer's
  name without a label, "Pay by" / "Due Date", a large "Amount Payable" box.
* ``table``: a bill printed as a label | value table (a board's web bill): "Consumer Name",
  "Supply Address" over several lines, "Bill Date", "Due Date", "Net Amount Payable".

Truth: names and the licensee as printed, ``address`` its lines joined with ", ", dates
DD/MM/YYYY, ``amount_due`` ``"1230.00"``.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth.billing import inr
from kagaz.synth.certificates import Cell, kv_table
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas, wrap_parts
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

# (printed name, label of the consumer number, its digits)
_BOARDS = [("Maharashtra State Electricity Distribution Co. Ltd.", "Consumer No.", 12),
           ("Bangalore Electricity Supply Company Limited", "Account ID", 10),
           ("Uttar Pradesh Power Corporation Limited", "Account No.", 10),
           ("Tamil Nadu Power Distribution Corporation Limited", "Service Connection No.", 11),
           ("Jaipur Vidyut Vitran Nigam Ltd.", "K No.", 12),
           ("M.P. Paschim Kshetra Vidyut Vitaran Co. Ltd.", "Consumer No.", 10)]
_PRIVATE = [("Tata Power Delhi Distribution Limited", "CA No.", 11),
            ("BSES Rajdhani Power Limited", "CA No.", 9),
            ("Adani Electricity Mumbai Limited", "Account No.", 9),
            ("Torrent Power Limited", "Service No.", 10), ("CESC Limited", "Consumer No.", 11)]


def _bill(rng: random.Random, boards: list[tuple[str, str, int]]) -> dict:
    provider, label, digits = rng.choice(boards)
    p = person(rng)
    a = address(rng)
    parts = [*a.parts, f"{a.state} - {a.pin}" if rng.random() < 0.5 else f"{a.city} {a.pin}"]
    if parts[-1].startswith(a.city) and parts[-2] == a.city:
        parts.pop(-2)
    bill = random_date(rng, dt.date(2022, 1, 1), dt.date(2025, 10, 31))
    due = bill + dt.timedelta(days=rng.choice([10, 15, 18, 21]))
    units = rng.randint(40, 900)
    amount = round(units * rng.uniform(5.5, 9.5) + rng.randint(50, 300), 2)
    amount = round(amount) if rng.random() < 0.5 else amount
    name = p.name.upper() if rng.random() < 0.7 else p.name
    number = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
    return {"provider": provider, "label": label, "number": number, "name": name, "parts": parts,
            "bill": bill, "due": due, "units": units, "amount": amount,
            "late": round(amount * 1.02, 2), "prev": rng.randint(1000, 40000)}


def _truth(r: dict, lines: list[str]) -> dict:
    return {"provider_name": r["provider"], "consumer_number": r["number"], "consumer_name": r["name"],
            "address": ", ".join(lines), "bill_date": fmt_date(r["bill"]), "due_date": fmt_date(r["due"]),
            "amount_due": f"{r['amount']:.2f}"}


def _rs(v: float) -> str:
    return inr(v).removesuffix(".00") if float(v).is_integer() else inr(v)


def _readings(c: Canvas, fam: str, r: dict, y: float) -> float:
    heads = ["Meter No.", "Previous Reading", "Current Reading", "Units Consumed", "Tariff"]
    vals = [f"{r['number'][-6:]}M", str(r["prev"]), str(r["prev"] + r["units"]), str(r["units"]), "LT-I Residential"]
    for k, (h, v) in enumerate(zip(heads, vals, strict=True)):
        c.text(110 + k * 290, y, h, fam, 16, bold=True)
        c.text(110 + k * 290, y + 34, v, fam, 17)
    return y + 100


def state_board(rng: random.Random) -> Rendered:
    r = _bill(rng, _BOARDS)
    fam = rng.choice(SANS + SERIF)
    c = a4_canvas()
    c.text(c.w / 2, 70, r["provider"], fam, 27, bold=True, align="m")
    c.text(c.w / 2, 120, "ELECTRICITY BILL", fam, 22, bold=True, align="m")
    month = f"{r['bill'] - dt.timedelta(days=20):%b-%Y}".upper()
    left = [(r["label"], r["number"]), ("Bill Date", fmt_date(r["bill"], rng.choice(["/", "-"]))),
            ("Bill Month", month)]
    right = [("Due Date", fmt_date(r["due"], rng.choice(["/", "-"]))), ("Tariff", "LT-I Residential"),
             ("Sanctioned Load", f"{rng.choice([1, 2, 3, 5])} KW")]
    y = 190.0
    for (la, va), (lb, vb) in zip(left, right, strict=True):
        c.text(110, y, f"{la} : {va}", fam, 19)
        c.text(900, y, f"{lb} : {vb}", fam, 19)
        y += 42
    y += 20
    c.text(110, y, f"Consumer Name : {r['name']}", fam, 20, bold=True)
    y += 46
    lines = wrap_parts(c, r["parts"], 1100, fam, 19)
    c.text(110, y, "Address :", fam, 19)
    for k, line in enumerate(lines):
        c.text(260, y + k * 34, line, fam, 19)
    y += 34 * len(lines) + 40
    y = _readings(c, fam, r, y)
    c.text(110, y + 20, f"Amount Payable : Rs. {_rs(r['amount'])}", fam, 24, bold=True)
    c.text(110, y + 70, f"Amount payable after due date : Rs. {_rs(r['late'])}", fam, 18)
    c.text(110, y + 150, "Pay online to avoid queues. Ignore if already paid.", fam, 16)
    return Rendered(c.img, _truth(r, lines), page="a4", dpi=200, canvas=c)


def private(rng: random.Random) -> Rendered:
    r = _bill(rng, _PRIVATE)
    fam = rng.choice(SANS)
    c = a4_canvas()
    c.rect((0, 0, c.w, 150), fill=(20, 70, 140))
    c.text(110, 50, r["provider"], fam, 28, bold=True, fill=(255, 255, 255))
    c.text(c.w - 110, 100, "Bill cum Receipt", fam, 18, fill=(255, 255, 255), align="r")
    c.text(110, 200, r["name"], fam, 22, bold=True)
    lines = wrap_parts(c, r["parts"], 700, fam, 18)
    for k, line in enumerate(lines):
        c.text(110, 245 + k * 32, line, fam, 18)
    boxes = [(r["label"], r["number"]), ("Bill Date", fmt_date(r["bill"])),
             (rng.choice(["Due Date", "Pay by"]), fmt_date(r["due"])), ("Units Billed", str(r["units"]))]
    for k, (label, value) in enumerate(boxes):
        x, y = 950 + (k % 2) * 300, 190 + (k // 2) * 120
        c.rect((x, y, x + 280, y + 100), outline=(120, 120, 120), width=1.5)
        c.text(x + 14, y + 12, label, fam, 16, fill=(90, 90, 90))
        c.text(x + 14, y + 50, value, fam, 20, bold=True)
    y = max(245 + 32 * len(lines), 450) + 60
    y = _readings(c, fam, r, y) + 30
    c.rect((110, y, 800, y + 130), fill=(255, 236, 200), outline=(200, 130, 30), width=2)
    c.text(130, y + 15, "Amount Payable", fam, 20, bold=True)
    c.text(130, y + 60, f"Rs. {_rs(r['amount'])}", fam, 32, bold=True)
    c.text(900, y + 30, f"Late payment surcharge applies after {fmt_date(r['due'])}", fam, 15)
    return Rendered(c.img, _truth(r, lines), page="a4", dpi=200, canvas=c)


def table(rng: random.Random) -> Rendered:
    r = _bill(rng, _BOARDS + _PRIVATE)
    fam = rng.choice(SANS)
    c = a4_canvas()
    c.text(110, 70, r["provider"], fam, 26, bold=True)
    c.text(110, 120, "Electricity Bill (Duplicate)", fam, 19)
    cell = Cell(fam, fam, 18, 19)
    lines = wrap_parts(c, r["parts"], 700, fam, 19)
    y = kv_table(c, 110, 190, [
        (r["label"], r["number"]), ("Consumer Name", r["name"]), ("Supply Address", lines),
        ("Bill Date", fmt_date(r["bill"])), ("Due Date", fmt_date(r["due"])),
        ("Meter Number", f"{r['number'][-5:]}X"), ("Units Consumed", str(r["units"])),
        ("Net Amount Payable", f"{r['amount']:.2f}"),
        ("Amount after Due Date", f"{r['late']:.2f}")], (480, 900), cell, pad=10)
    c.text(110, y + 40, "This is a computer generated bill.", fam, 15)
    return Rendered(c.img, _truth(r, lines), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"state_board": state_board, "private": private, "table": table}
A4_LAYOUTS = frozenset(LAYOUTS)
