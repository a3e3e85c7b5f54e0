"""Vehicle registration certificates in three states' kinds of design (CMV Rules 1989, rule 48).

What every RC prints (:mod:`kagaz.doctypes.vehicle_rc`): the registration number and date, the
validity, the chassis and engine numbers, the owner, son / wife / daughter of, the address, the
class, fuel, maker and model, colour, manufacture, the financier when there is one, and the
registering authority. Layouts (A4 pages, exportable as born-digital PDFs):

* ``smart_card``: both sides of a Form 23A smart card scanned on one page (Maharashtra,
  Karnataka, Tamil Nadu, Uttar Pradesh headers): small labels over their values, the chip, a
  QR code on newer cards; "Maker's Name" and "Model Name" apart, "Financier" on the back.
* ``book``: a page of the Form 23 paper RC book (Delhi, Gujarat, Rajasthan, West Bengal):
  numbered rows of a ruled table, "Name of registered owner", "Hypothecated to …" at the foot.
* ``erc``: the e-RC printed from VAHAN (any state): "Label : value" pairs in two columns,
  "Maker / Model" on one line, "Financier Name".
* ``laminated``: an older laminated card (Kerala, Madhya Pradesh, Haryana, Telangana), one side,
  card-sized (not a page: no born-digital PDF): abbreviated labels ("REGD. NO.", "CH. NO.",
  "ENG. NO.", "MFR", "REGD. DT.") beside their values, "HYPOTHECATED TO" at the foot.

Truth: ``registration_number`` compact, ``maker_model`` "MAKER / MODEL", dates ``DD/MM/YYYY``,
``financier_name`` without its branch, ``address`` as printed on one line.
"""

from __future__ import annotations

import random

from kagaz.synth import graphics
from kagaz.synth.certificates import Cell, kv_table
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas, card_canvas
from kagaz.synth.render import Canvas
from kagaz.synth.vehicle import Owner, Vehicle, owner, vehicle

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_STATE_NAMES = {"MH": "MAHARASHTRA", "KA": "KARNATAKA", "TN": "TAMIL NADU", "UP": "UTTAR PRADESH",
                "DL": "NCT OF DELHI", "GJ": "GUJARAT", "RJ": "RAJASTHAN", "WB": "WEST BENGAL",
                "KL": "KERALA", "TS": "TELANGANA", "MP": "MADHYA PRADESH", "HR": "HARYANA"}


def _address(o: Owner) -> str:
    return ", ".join([*o.address.parts, f"{o.address.state} - {o.address.pin}"])


def _truth(v: Vehicle, o: Owner, name: str, *, valid: bool = True) -> dict[str, str]:
    t = {"registration_number": v.registration, "owner_name": name, "chassis_number": v.vin,
         "engine_number": v.engine, "registration_date": fmt_date(v.registered),
         "maker_model": v.maker_model, "fuel_type": v.fuel, "vehicle_class": v.vehicle_class,
         "address": _address(o)}
    if valid:
        t["registration_valid_till"] = fmt_date(v.valid_till)
    if v.financier:
        t["financier_name"] = v.financier
    return t


def _card_side(c: Canvas, x: float, y: float, w: float, h: float, rng: random.Random, header: list[str],
               items: list[tuple[str, str]], fam: str, cols: int = 2) -> None:
    """One side of a smart card: a header band, then small labels over values in a grid."""
    band = graphics.tint((40, 90, 150), rng, 25)
    c.rect((x, y, x + w, y + h), fill=graphics.tint((236, 242, 250), rng, 6), outline=(120, 120, 120),
           width=2, radius=18)
    c.rect((x, y, x + w, y + 92), fill=band, radius=18)
    for k, t in enumerate(header):
        c.text(x + w / 2, y + 12 + k * 34, t, fam, 26 if k == 0 else 22, bold=k == 0, fill=(255, 255, 255),
               align="m")
    col_w = (w - 60) / cols
    row_h = (h - 130) / ((len(items) + cols - 1) // cols)
    for i, (label, value) in enumerate(items):
        cx, cy = x + 30 + (i % cols) * col_w, y + 115 + (i // cols) * row_h
        c.text(cx, cy, label, fam, 17, fill=(70, 70, 70))
        size = c.fit(value, fam, 23, col_w - 20, bold=True)
        c.text(cx, cy + 23, value, fam, size, bold=True)


def smart_card(rng: random.Random) -> Rendered:
    """Form 23A: front (registration, owner) and back (vehicle, financier) on one scanned page."""
    state = rng.choice(["MH", "KA", "TN", "UP"])
    v, o = vehicle(rng, state), owner(rng, state)
    name = o.person.name.upper()
    fam = rng.choice(SANS)
    c = a4_canvas(graphics.tint((250, 250, 247), rng, 4))
    x, w, h = rng.uniform(160, 260), 1150.0, 720.0
    header = [f"GOVERNMENT OF {_STATE_NAMES[state]}", "CERTIFICATE OF REGISTRATION  (FORM 23A)"]
    front = [("Regn. Number", v.printed_registration), ("Date of Regn.", fmt_date(v.registered)),
             ("Regn. Validity", fmt_date(v.valid_till)), ("Owner Serial No.", str(rng.randint(1, 2))),
             ("Chassis Number", v.vin), ("Engine / Motor Number", v.engine),
             ("Owner Name", name), ("Son/Daughter/Wife of", o.relation.split(" ", 1)[1].upper()),
             ("Fuel", v.fuel), ("Emission Norms", rng.choice(["BHARAT STAGE IV", "BHARAT STAGE VI"]))]
    _card_side(c, x, 140, w, h, rng, header, front, fam)
    c.text(x + 30, 140 + h - 60, "Address: " + _address(o), fam, c.fit("Address: " + _address(o), fam, 20, w - 60),
           bold=False)
    back = [("Vehicle Class", v.vehicle_class), ("Maker's Name", v.maker), ("Model Name", v.model),
            ("Colour", v.colour), ("Body Type", rng.choice(["SALOON", "HATCHBACK", "SOLO", "SUV"])),
            ("Seating Capacity", str(rng.choice([2, 5, 7]))),
            ("Month - Yr. of Mfg.", f"{v.manufactured.month:02d}/{v.manufactured.year}"),
            ("Financier", v.financier or "-"),
            ("Registering Authority", f"RTO {v.registration[2:4] if v.registration[2:4].isdigit() else ''}".strip())]
    _card_side(c, x, 140 + h + 140, w, h, rng, [f"GOVERNMENT OF {_STATE_NAMES[state]}", "TRANSPORT DEPARTMENT"],
               back, fam)
    c.paste(graphics.qr_block(rng, 150), x + w - 190, 140 + h + 140 + h - 200)
    c.paste(graphics.signature(rng, 220, 70), x + 60, 140 + 2 * h + 140 - 80)
    truth = _truth(v, o, name)
    truth["address"] = _address(o)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def book(rng: random.Random) -> Rendered:
    """Form 23: a ruled page of the paper RC book, numbered rows, the hypothecation at the foot."""
    state = rng.choice(["DL", "GJ", "RJ", "WB"])
    v, o = vehicle(rng, state), owner(rng, state)
    name = o.person.name.upper() if rng.random() < 0.7 else o.person.name
    fam = rng.choice(SERIF + SANS[:2])
    c = a4_canvas(graphics.tint((252, 248, 236), rng, 5))
    c.text(c.w / 2, 90, f"GOVERNMENT OF {_STATE_NAMES[state]}", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 140, "TRANSPORT DEPARTMENT", fam, 24, align="m")
    c.text(c.w / 2, 200, "FORM 23", fam, 26, bold=True, align="m")
    c.text(c.w / 2, 240, "[See Rule 48]", fam, 20, align="m")
    c.text(c.w / 2, 290, "CERTIFICATE OF REGISTRATION", fam, 32, bold=True, align="m")
    rows = [("Registration Number", v.printed_registration), ("Name of registered owner", name),
            ("Son / Wife / Daughter of", o.relation.split(" ", 1)[1]), ("Full address", _address(o)),
            ("Date of registration", fmt_date(v.registered, rng.choice(["/", "-"]))),
            ("Registration valid up to", fmt_date(v.valid_till)),
            ("Class of vehicle", v.vehicle_class), ("Maker's name", v.maker), ("Model", v.model),
            ("Year of manufacture", str(v.manufactured.year)), ("Fuel used", v.fuel),
            ("Chassis No.", v.vin), ("Engine No.", v.engine), ("Colour", v.colour)]
    cell = Cell(fam, fam, 21, 23, value_bold=rng.random() < 0.5)
    y = kv_table(c, 120, 360, rows, (90, 520, 800), cell, numbered=True)
    if v.financier:
        c.text(130, y + 50, f"Hypothecated to: {v.financier}, {o.address.city}", fam, 23, bold=True)
    c.text(1000, y + 220, "Registering Authority", fam, 22)
    c.paste(graphics.signature(rng, 260, 80), 1000, y + 130)
    return Rendered(c.img, _truth(v, o, name), page="a4", dpi=200, canvas=c)


def erc(rng: random.Random) -> Rendered:
    """The e-RC printed from VAHAN: "Label : value" pairs in two columns."""
    state = rng.choice(list(_STATE_NAMES))
    v, o = vehicle(rng, state), owner(rng, state)
    name = o.person.name.upper()
    fam = rng.choice(SANS)
    c = a4_canvas()
    blue = graphics.tint((20, 60, 120), rng, 20)
    c.rect((80, 60, c.w - 80, 200), fill=graphics.tint((225, 235, 248), rng, 6))
    c.paste(graphics.emblem(rng, 110, blue), 110, 75)
    c.text(c.w / 2, 85, "Ministry of Road Transport & Highways", fam, 24, fill=blue, align="m")
    c.text(c.w / 2, 125, f"Government of {_STATE_NAMES[state].title()} - Transport Department", fam, 22, align="m")
    c.text(c.w / 2, 240, rng.choice(["Registration Certificate", "REGISTRATION CERTIFICATE (e-RC)"]), fam, 34,
           bold=True, align="m")
    pairs = [("Registration No", v.printed_registration), ("Registration Date", fmt_date(v.registered)),
             ("Owner Name", name), ("Chassis No", v.vin), ("Engine No", v.engine),
             ("Maker / Model", f"{v.maker} / {v.model}"), ("Vehicle Class", v.vehicle_class),
             ("Fuel Type", v.fuel), ("Colour", v.colour),
             ("Registration Valid Upto", fmt_date(v.valid_till))]
    if v.financier:
        pairs.append(("Financier Name", v.financier))
    y = 330.0
    for label, value in pairs:
        c.text(130, y, label, fam, 22, fill=(60, 60, 60))
        c.text(560, y, ":", fam, 22)
        c.text(590, y, value, fam, c.fit(value, fam, 23, c.w - 700), bold=True)
        y += 58
    c.text(130, y + 10, "Address", fam, 22, fill=(60, 60, 60))
    c.text(560, y + 10, ":", fam, 22)
    c.text(590, y + 10, _address(o), fam, c.fit(_address(o), fam, 22, c.w - 700))
    c.paste(graphics.qr_block(rng, 220), c.w - 330, y + 120)
    c.text(130, y + 160, "This is a computer generated document printed from VAHAN.", fam, 18, fill=(90, 90, 90))
    return Rendered(c.img, _truth(v, o, name), page="a4", dpi=200, canvas=c)


def laminated(rng: random.Random) -> Rendered:
    """An older laminated card, one side: abbreviated labels beside their values."""
    state = rng.choice(["KL", "MP", "HR", "TS"])
    v, o = vehicle(rng, state, financed=0.6), owner(rng, state)
    name = o.person.name.upper()
    fam = rng.choice(SANS + SERIF[:1])
    c = card_canvas(rng, graphics.tint((245, 240, 225), rng, 8))
    ink = graphics.tint((120, 40, 40), rng, 25)
    c.text(c.w / 2, 22, f"GOVT. OF {_STATE_NAMES[state]}", fam, 26, bold=True, fill=ink, align="m")
    c.text(c.w / 2, 58, "CERTIFICATE OF REGISTRATION", fam, 22, fill=ink, align="m")
    rows = [("REGD. NO.", v.printed_registration), ("REGD. DT.", fmt_date(v.registered, rng.choice(["/", "-", "."]))),
            ("OWNER", name), ("CH. NO.", v.vin), ("ENG. NO.", v.engine), ("MFR", v.maker), ("MODEL", v.model),
            ("FUEL", v.fuel), ("VALID UPTO", fmt_date(v.valid_till))]
    y = 105.0
    for label, value in rows:
        c.text(40, y, label, fam, 19, fill=(60, 60, 60))
        c.text(250, y, ": " + value, fam, c.fit(": " + value, fam, 23, 720), bold=True)
        y += 47
    if v.financier:
        c.text(40, y + 6, f"HYPOTHECATED TO : {v.financier}", fam, c.fit(f"HYPOTHECATED TO : {v.financier}", fam, 20, 930))
    c.paste(graphics.signature(rng, 160, 50), 800, 540)
    truth = _truth(v, o, name)
    del truth["address"], truth["vehicle_class"]  # the card prints neither
    return Rendered(c.img, truth, page="card", dpi=c.dpi)


LAYOUTS: dict[str, LayoutFn] = {"smart_card": smart_card, "book": book, "erc": erc, "laminated": laminated}
A4_LAYOUTS = frozenset({"smart_card", "book", "erc"})
