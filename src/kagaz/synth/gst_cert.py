"""GST registration certificates (Form GST REG-06).

Layouts: ``reg06`` (the certificate as the GST portal prints it: "Form GST REG-06", "[See Rule
10(1)]", "Registration Number", a numbered bordered table of Legal Name, Trade Name, Constitution
of Business, Address of Principal Place of Business, Date of Liability, Period of Validity
From/To, Type of Registration, Particulars of Approving Authority (with its digital-signature
date as a distractor) and Date of issue of Certificate), ``reg06_annexure`` (Annexure A, the
additional places of business, or Annexure B, the partners / proprietor; GSTIN, Legal Name and
Trade Name repeated), ``portal`` (a coloured header and a grid of cells with the label above the
value) and ``certificate`` (a framed certificate with "GSTIN" in a band and unruled rows with
other wordings: "Constitution", "Principal place of business", "Effective date of registration").
``reg06_full`` is all three pages of one certificate (a multi-page PDF or TIFF).

Truth: ``gst_number``, ``legal_name``, ``trade_name`` (when printed), ``constitution_of_business``,
``address``, ``date_of_issue``, ``date_of_liability``, ``valid_from``, ``valid_to`` (only when a
date is printed, i.e. casual and non-resident registrations), ``type_of_registration``; an
annexure page alone carries only the GSTIN and the names.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.certificates import (
    Business, Cell, business, business_address, gstin, kv_table, random_day, sealed_rows, wrap_words,
)
from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.identities import fmt_date, person
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

TYPES = [("Regular", 80), ("Composition", 12), ("Casual Taxable Person", 4),
         ("Input Service Distributor", 2), ("Non Resident Taxable Person", 2)]
OFFICES = ["Range-II", "Ward 14", "Circle 3", "Range-I", "Unit 21", "Ward 7"]
DESIGNATIONS = ["Superintendent", "Assistant Commissioner", "State Tax Officer",
                "Deputy Commissioner", "Goods and Services Tax Officer"]


@dataclass
class Cert:
    """One certificate's content, decided once so that every page agrees."""

    b: Business
    gstin: str
    kind: str
    liability: dt.date
    valid_from: dt.date
    valid_to: dt.date | None
    issued: dt.date
    has_trade: bool
    sep: str

    def fields(self) -> dict[str, str]:
        out = {"gst_number": self.gstin, "legal_name": self.b.legal_name,
               "constitution_of_business": self.b.constitution, "address": self.b.address,
               "date_of_liability": fmt_date(self.liability),
               "valid_from": fmt_date(self.valid_from), "date_of_issue": fmt_date(self.issued),
               "type_of_registration": self.kind}
        if self.has_trade:
            out["trade_name"] = self.b.trade_name
        if self.valid_to:
            out["valid_to"] = fmt_date(self.valid_to)
        return out

    def d(self, day: dt.date) -> str:
        return fmt_date(day, self.sep)


def _cert(rng: random.Random) -> Cert:
    b = business(rng)
    kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
    if rng.random() < 0.3:
        liability = dt.date(2017, 7, 1)
    else:
        liability = random_day(rng, dt.date(2017, 7, 1), dt.date(2024, 10, 31))
    valid_from = liability if rng.random() < 0.8 else liability + dt.timedelta(days=rng.randint(1, 60))
    valid_to = None
    if kind in ("Casual Taxable Person", "Non Resident Taxable Person"):
        valid_to = valid_from + dt.timedelta(days=rng.randint(30, 89))
    issued = valid_from + dt.timedelta(days=rng.randint(0, 400))
    has_trade = b.constitution == "Proprietorship" or rng.random() < 0.6
    sep = "/" if rng.random() < 0.85 else "-"
    return Cert(b, gstin(rng, b.addr.state_code, b.pan), kind, liability, valid_from, valid_to,
                issued, has_trade, sep)


def _cell(rng: random.Random, scale: float = 1.0) -> Cell:
    fam = rng.choice(SANS + SERIF)
    vfam = fam if rng.random() < 0.7 else rng.choice(SANS + SERIF)
    return Cell(fam, vfam, rng.uniform(25, 29) * scale, rng.uniform(26, 30) * scale,
                value_bold=rng.random() < 0.35)


def _footer(c: Canvas, rng: random.Random, cell: Cell, page: int, pages: int = 3) -> None:
    c.text(c.w / 2, 2240, f"Page {page} of {pages}", cell.label_font, 22, align="m",
           fill=(70, 70, 70))


def _reg06_page1(rng: random.Random, cert: Cert) -> Rendered:
    c = a4_canvas()
    cell = _cell(rng)
    b = cert.b
    fam = cell.label_font
    y = 110.0
    if rng.random() < 0.5:
        c.paste(graphics.emblem(rng, 110, (40, 40, 40)), c.w / 2 - 55, 60)
        y = 190.0
    c.text(c.w / 2, y, "Government of India", fam, 34, bold=True, align="m")
    c.text(c.w / 2, y + 55, "Form GST REG-06", fam, 32, bold=True, align="m")
    c.text(c.w / 2, y + 100, "[See Rule 10(1)]", fam, 24, align="m")
    c.text(c.w / 2, y + 155, "Registration Certificate", fam, 38, bold=True, align="m")
    y += 240
    label = rng.choice(["Registration Number :", "Registration Number:", "Registration Number"])
    w = c.text(110, y, label, fam, 30, bold=True)
    c.text(110 + w + 24, y, cert.gstin, rng.choice([fam, *MONO]), 30, bold=True)
    y += 80
    valid_to = cert.d(cert.valid_to) if cert.valid_to else "Not Applicable"
    if rng.random() < 0.5:
        period = [f"From {cert.d(cert.valid_from)}", f"To {valid_to}"]
    else:
        period = [f"From: {cert.d(cert.valid_from)}    To: {valid_to}"]
    signed = cert.issued
    officer = person(rng)
    authority = [
        "Signature Not Verified",
        "Digitally signed by DS GOODS AND",
        f"SERVICES TAX NETWORK {rng.randint(1, 9):02d}",
        f"Date: {signed:%Y.%m.%d} {rng.randint(9, 18):02d}:{rng.randint(0, 59):02d}:"
        f"{rng.randint(0, 59):02d} IST",
        f"Name: {officer.name}",
        f"Designation: {rng.choice(DESIGNATIONS)}",
        f"Jurisdictional Office: {rng.choice(OFFICES)}, {b.addr.city}",
    ]
    rows: list[tuple[str, str | list[str]]] = [
        (rng.choice(["Legal Name", "Legal Name of Business"]), b.legal_name),
        (rng.choice(["Trade Name, if any", "Trade Name, if any"]), b.trade_name if cert.has_trade else ""),
        ("Constitution of Business", b.constitution),
        ("Address of Principal Place of Business", b.address),
        ("Date of Liability", cert.d(cert.liability)),
        (rng.choice(["Period of Validity", "Date of Validity"]), period),
        ("Type of Registration", cert.kind),
        ("Particulars of Approving Authority", authority),
        (rng.choice(["Date of issue of Certificate", "Date of Issue of Certificate"]),
         cert.d(cert.issued)),
    ]
    if rng.random() < 0.4:  # newer certificates add a row for other brand names
        extra = f"{b.trade_name.split()[0]} {rng.choice(['Mart', 'Stores', 'Exports'])}"
        rows.insert(2, ("Additional trade names, if any",
                        (extra.upper() if b.trade_name.isupper() else extra) if rng.random() < 0.4 else ""))
    numbered = rng.random() < 0.85
    widths = (80, 560, 800) if numbered else (620, 820)
    y = kv_table(c, 110, y, rows, widths, cell, numbered=numbered,
                 border=(80, 80, 80) if rng.random() < 0.85 else None, pad=16)
    y += 50
    note = ("Note: The registration certificate is required to be prominently displayed at all "
            "places of business in the State.")
    for line in wrap_words(c, note, 1420, fam, 22):
        c.text(110, y, line, fam, 22)
        y += 32
    y += 20
    msg = ("This is a system generated digitally signed Registration Certificate issued based on "
           f"the approval of application granted on {cert.d(cert.issued)} by the jurisdictional "
           "authority.")
    for line in wrap_words(c, msg, 1420, fam, 22):
        c.text(110, y, line, fam, 22)
        y += 32
    _footer(c, rng, cell, 1)
    return Rendered(c.img, cert.fields(), page="a4", dpi=200, canvas=c)


def _annexure(rng: random.Random, cert: Cert, which: str) -> Rendered:
    c = a4_canvas()
    cell = _cell(rng, 0.95)
    fam = cell.label_font
    b = cert.b
    c.text(c.w / 2, 120, f"Annexure {which}", fam, 36, bold=True, align="m")
    rows: list[tuple[str, str | list[str]]] = [
        ("GSTIN", cert.gstin), ("Legal Name", b.legal_name),
        ("Trade Name, if any", b.trade_name if cert.has_trade else ""),
    ]
    fields = {"gst_number": cert.gstin, "legal_name": b.legal_name}
    if cert.has_trade:
        fields["trade_name"] = b.trade_name
    y = kv_table(c, 110, 200, rows, (560, 880), cell, pad=16)
    y += 50
    if which == "A":
        c.text(110, y, "Details of Additional Places of Business", fam, 30, bold=True)
        y += 60
        n = rng.randint(0, 2)
        y = kv_table(c, 110, y, [("Total Number of Additional Places of Business in the State",
                                  str(n))], (900, 540), cell, pad=16)
        y += 30
        for i in range(n):
            extra = business_address(rng, b.addr.state_code)
            y = kv_table(c, 110, y, [(f"{i + 1}. Address", ", ".join(extra.parts))],
                         (300, 1140), cell, pad=16)
    else:
        c.text(110, y, "Details of Managing / Authorized Partners / Karta", fam, 30, bold=True)
        y += 60
        partners = 1 if b.constitution in ("Proprietorship", "Hindu Undivided Family") else (
            rng.randint(2, 3))
        y = kv_table(c, 110, y, [(
            "Total Number of Partners/Karta/Managing Directors and whole time Director/Members "
            "of Managing Committee of Associations/Board of Trustees etc.", str(partners))],
            (900, 540), cell, pad=16)
        y += 30
        status = {"Proprietorship": "Proprietor", "Hindu Undivided Family": "Karta"}.get(
            b.constitution, rng.choice(["Partner", "Director", "Designated Partner"]))
        for i in range(partners):
            who = b.owner if i == 0 else person(rng)
            name = who.name.upper() if rng.random() < 0.6 else who.name
            y = kv_table(c, 110, y, [(f"{i + 1}  Name", name), ("Designation/Status", status),
                                     ("Resident of State", b.addr.state)], (400, 1040), cell,
                         pad=14)
            y += 20
    _footer(c, rng, cell, 2 if which == "A" else 3)
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)


def reg06_full(rng: random.Random) -> Rendered:
    """All three pages of one certificate: page 1, Annexure A, Annexure B."""
    cert = _cert(rng)
    pages = [_reg06_page1(rng, cert), _annexure(rng, cert, "A"), _annexure(rng, cert, "B")]
    first = pages[0]
    first.pages = [p.image for p in pages]
    first.canvases = [p.canvas for p in pages if p.canvas is not None]
    return first


def reg06(rng: random.Random) -> Rendered:
    return _reg06_page1(rng, _cert(rng))


def reg06_annexure(rng: random.Random) -> Rendered:
    return _annexure(rng, _cert(rng), rng.choice("AB"))


def portal(rng: random.Random) -> Rendered:
    """A coloured header band and a grid of cells, the label small above its value."""
    cert = _cert(rng)
    b = cert.b
    c = a4_canvas()
    fam = rng.choice(SANS)
    vfam = fam if rng.random() < 0.6 else rng.choice(SANS + SERIF)
    band = graphics.tint((20, 60, 120), rng, 25)
    c.rect((0, 0, c.w, 230), fill=band)
    c.text(c.w / 2, 40, "GOODS AND SERVICES TAX", fam, 44, bold=True, fill=(255, 255, 255),
           align="m")
    c.text(c.w / 2, 105, "Government of India, States and Union Territories", fam, 26,
           fill=(235, 235, 235), align="m")
    c.text(c.w / 2, 155, "Form GST REG-06  |  Registration Certificate", fam, 28,
           fill=(255, 255, 255), align="m")
    ls, vs = rng.uniform(22, 25), rng.uniform(28, 32)
    grey = graphics.tint((90, 90, 100), rng, 15)
    valid_to = cert.d(cert.valid_to) if cert.valid_to else rng.choice(["Not Applicable", "NA"])
    cells = [
        ("GSTIN", cert.gstin, 2),
        ("Legal Name of Business", b.legal_name, 2),
        ("Trade Name", b.trade_name if cert.has_trade else "", 2),
        ("Constitution of Business", b.constitution, 1),
        ("Type of Registration", cert.kind, 1),
        ("Address of Principal Place of Business", b.address, 2),
        ("Date of Liability", cert.d(cert.liability), 1),
        ("Date of Issue", cert.d(cert.issued), 1),
        ("Valid From", cert.d(cert.valid_from), 1),
        ("Valid To", valid_to, 1),
    ]
    if not cert.has_trade:
        cells = [x for x in cells if x[0] != "Trade Name"]
    x0, colw, y = 100.0, 727.0, 300.0
    i = 0
    while i < len(cells):
        if cells[i][2] == 2 or i + 1 >= len(cells) or cells[i + 1][2] == 2:
            group, i = cells[i:i + 1], i + 1
        else:
            group, i = cells[i:i + 2], i + 2
        w = colw * 2 / len(group)
        drawn = [(label, wrap_words(c, value, w - 40, vfam, vs, True)) for label, value, _ in group]
        h = 30 + ls * 1.6 + max(len(lines) for _, lines in drawn) * vs * 1.35 + 20
        for k, (label, lines) in enumerate(drawn):
            x = x0 + k * w
            c.rect((x, y, x + w - 10, y + h - 10), outline=graphics.tint((180, 190, 210), rng, 10),
                   width=2, fill=(248, 250, 253))
            c.text(x + 20, y + 20, label, fam, ls, fill=grey)
            for j, line in enumerate(lines):
                c.text(x + 20, y + 25 + ls * 1.6 + j * vs * 1.35, line, vfam, vs, bold=True)
        y += h
    c.paste(graphics.qr_block(rng, 220), c.w - 330, min(y + 60, 1900))
    c.text(100, min(y + 80, 1920), "Digitally signed by Goods and Services Tax Network", fam, 22,
           fill=grey)
    c.text(100, min(y + 115, 1955), f"Signed on: {cert.issued:%d-%b-%Y}", fam, 22, fill=grey)
    return Rendered(c.img, cert.fields(), page="a4", dpi=200, canvas=c)


def certificate(rng: random.Random) -> Rendered:
    """A framed certificate: title, GSTIN band, unruled rows with other label wordings."""
    cert = _cert(rng)
    b = cert.b
    c = a4_canvas(graphics.tint((252, 251, 246), rng, 3))
    ink = graphics.tint((30, 80, 130), rng, 30)
    c.rect((50, 50, c.w - 50, c.h - 50), outline=ink, width=6)
    c.rect((72, 72, c.w - 72, c.h - 72), outline=ink, width=2)
    fam = rng.choice(SANS + SERIF)
    vfam = rng.choice(SANS + SERIF)
    c.paste(graphics.emblem(rng, 130, ink), c.w / 2 - 65, 120)
    c.text(c.w / 2, 290, "GOODS AND SERVICES TAX - FORM GST REG-06", fam, 28, align="m",
           fill=(60, 60, 60))
    c.text(c.w / 2, 345, "REGISTRATION CERTIFICATE", fam, 54, bold=True, align="m", fill=ink)
    c.text(c.w / 2, 425, "पंजीकरण प्रमाणपत्र", fam, 34, align="m", fill=ink,
           deva="deva_sans")
    c.rect((150, 520, c.w - 150, 600), fill=graphics.tint((225, 232, 238), rng, 6))
    c.text(180, 545, "GSTIN", fam, 28, fill=(60, 60, 60))
    c.text(c.w - 180, 538, cert.gstin, rng.choice(MONO), 40, bold=True, align="r")
    ls, vs = rng.uniform(25, 28), rng.uniform(28, 32)
    rows = [
        (rng.choice(["Legal name", "Legal name of the business"]), b.legal_name),
        (rng.choice(["Trade name", "Trading name"]), b.trade_name if cert.has_trade else None),
        (rng.choice(["Constitution", "Constitution of business"]), b.constitution),
        (rng.choice(["Principal place of business", "Address"]), b.address),
        ("Date of liability", cert.d(cert.liability)),
        (rng.choice(["Effective date of registration", "Registered with effect from"]),
         cert.d(cert.valid_from)),
        (rng.choice(["Registration type", "Type of registration"]), cert.kind),
        (rng.choice(["Certificate issued on", "Date of issue"]), cert.d(cert.issued)),
    ]
    if cert.valid_to:
        rows.insert(6, ("Valid up to", cert.d(cert.valid_to)))
    sealed_rows(c, rng, rows, 660.0, fam, ls, vfam, vs, ink)
    return Rendered(c.img, cert.fields(), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {
    "reg06": reg06,
    "reg06_full": reg06_full,
    "reg06_annexure": reg06_annexure,
    "portal": portal,
    "certificate": certificate,
}
A4_LAYOUTS = frozenset(LAYOUTS)
