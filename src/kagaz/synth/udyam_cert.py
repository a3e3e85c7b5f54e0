"""Udyam registration certificates (Ministry of Micro, Small and Medium Enterprises).

Layouts: ``official`` (the certificate as the Udyam portal prints it: bilingual ministry header,
a bordered table with UDYAM REGISTRATION NUMBER, NAME OF ENTERPRISE, TYPE OF ENTERPRISE as a
classification-year table (latest year not always first), MAJOR ACTIVITY, SOCIAL CATEGORY, NAME
OF UNIT(S), OFFICIAL ADDRESS OF ENTERPRISE as a grid of Flat/Door/Block No., Village/Town,
Road/Street/Lane, City, State, District, Pin, Mobile and Email cells, DATE OF INCORPORATION /
REGISTRATION OF ENTERPRISE, DATE OF COMMENCEMENT, the NIC code table (2-, 4- and 5-digit codes
with their descriptions) and DATE OF UDYAM REGISTRATION), ``certificate`` (a framed certificate:
number in a band, unruled rows, NIC codes as a comma list) and ``print`` (a "Label : value" print
with the entrepreneur's name and PAN, the address as one paragraph and NIC lines "62011 -
Writing...").

Truth: ``udyam_number``, ``enterprise_name``, ``owner_name`` (where printed: not on the official
certificate), ``type_of_enterprise`` (the latest classification, as printed), ``major_activity``,
``date_of_registration``, ``date_of_incorporation``, ``address`` (the grid's values joined with
", ", without mobile and e-mail) and ``nic_codes`` (list of the most specific codes, in order).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.certificates import (
    Business, Cell, business, random_day, sealed_rows, wrap_words,
)
from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.identities import LOCALITIES, STREETS, fmt_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

NIC = [  # (2-digit, 4-digit, 5-digit, activity)
    (("62", "Computer programming, consultancy and related activities"),
     ("6201", "Computer programming activities"),
     ("62011", "Writing, modifying, testing of computer program"), "Services"),
    (("10", "Manufacture of food products"), ("1071", "Manufacture of bakery products"),
     ("10712", "Manufacture of biscuits, cakes, pastries"), "Manufacturing"),
    (("47", "Retail trade, except of motor vehicles and motorcycles"),
     ("4711", "Retail sale in non-specialized stores"),
     ("47110", "Retail sale in non-specialized stores with food predominating"), "Trading"),
    (("46", "Wholesale trade, except of motor vehicles and motorcycles"),
     ("4649", "Wholesale of other household goods"),
     ("46493", "Wholesale of electrical appliances"), "Trading"),
    (("25", "Manufacture of fabricated metal products"),
     ("2511", "Manufacture of structural metal products"),
     ("25111", "Manufacture of doors, windows and their frames of metal"), "Manufacturing"),
    (("14", "Manufacture of wearing apparel"),
     ("1410", "Manufacture of wearing apparel, except fur apparel"),
     ("14101", "Manufacture of all types of textile garments"), "Manufacturing"),
    (("56", "Food and beverage service activities"),
     ("5610", "Restaurants and mobile food service activities"),
     ("56101", "Restaurants without bars"), "Services"),
    (("45", "Wholesale and retail trade and repair of motor vehicles"),
     ("4520", "Maintenance and repair of motor vehicles"),
     ("45200", "Maintenance and repair of motor vehicles"), "Services"),
    (("96", "Other personal service activities"),
     ("9602", "Hairdressing and other beauty treatment"),
     ("96020", "Hairdressing and other beauty treatment"), "Services"),
    (("49", "Land transport and transport via pipelines"), ("4923", "Freight transport by road"),
     ("49231", "Motorised road freight transport"), "Services"),
    (("22", "Manufacture of rubber and plastics products"),
     ("2220", "Manufacture of plastics products"),
     ("22209", "Manufacture of other plastic products"), "Manufacturing"),
    (("31", "Manufacture of furniture"), ("3100", "Manufacture of furniture"),
     ("31001", "Manufacture of furniture made of wood"), "Manufacturing"),
]
CATEGORIES = ["GENERAL", "OBC", "SC", "ST"]
ORGANISATIONS = {"Proprietorship": "Proprietary", "Partnership": "Partnership Firm",
                 "Private Limited Company": "Private Limited Company",
                 "Limited Liability Partnership": "Limited Liability Partnership"}


@dataclass
class Udyam:
    b: Business
    number: str
    enterprise: str
    kinds: list[tuple[str, str, dt.date]]  # (classification year, type, date), oldest first
    activity: str
    nic: list[tuple]  # type: ignore[type-arg]
    incorporated: dt.date
    commenced: dt.date
    registered: dt.date
    upper: bool

    @property
    def kind(self) -> str:
        return self.kinds[-1][1]


def _udyam(rng: random.Random) -> Udyam:
    b = business(rng, constitutions=list(ORGANISATIONS))
    upper = rng.random() < 0.6
    enterprise = b.trade_name if b.constitution == "Proprietorship" else b.legal_name
    enterprise = enterprise.upper() if upper else enterprise
    if upper and rng.random() < 0.3:
        enterprise = "M/S " + enterprise
    number = f"UDYAM-{b.addr.state_code}-{rng.randint(1, 40):02d}-{rng.randint(1, 9_999_999):07d}"
    incorporated = random_day(rng, dt.date(1995, 1, 1), dt.date(2023, 6, 30))
    commenced = incorporated + dt.timedelta(days=rng.randint(0, 200)) if rng.random() < 0.5 else incorporated
    registered = random_day(rng, max(dt.date(2020, 7, 1), commenced), dt.date(2024, 12, 31))
    first_fy = registered.year if registered.month >= 4 else registered.year - 1
    kinds = []
    kind = rng.choices(["Micro", "Small", "Medium"], [75, 20, 5])[0]
    for fy in range(first_fy, min(first_fy + rng.randint(1, 3), 2025)):
        when = registered if fy == first_fy else random_day(rng, dt.date(fy, 4, 1), dt.date(fy, 9, 30))
        if fy > first_fy and rng.random() < 0.2:
            kind = rng.choice(["Micro", "Small"])
        kinds.append((f"{fy}-{(fy + 1) % 100:02d}", kind, when))
    picks = rng.sample(NIC, rng.choice([1, 1, 1, 2, 2, 3]))
    activity = picks[0][3]
    return Udyam(b, number, enterprise, kinds, activity, picks, incorporated, commenced,
                 registered, upper)


def _address_cells(rng: random.Random, u: Udyam) -> list[tuple[str, str]]:
    a = u.b.addr
    up = (lambda s: s.upper()) if rng.random() < 0.6 else (lambda s: s)
    cells = [("Flat/Door/Block No.", u.b.address.split(",")[0]),
             ("Name of Premises/ Building", rng.choice(["Sai Plaza", "Laxmi Arcade", "Shiv Krupa",
                                                        "Ganesh Chambers", "Market Yard"])),
             ("Village/Town", rng.choice(LOCALITIES)), ("Block", up(a.city)),
             ("Road/Street/Lane", rng.choice(STREETS)), ("City", up(a.city)),
             ("State", up(a.state)), ("District", up(a.city)), ("Pin", a.pin)]
    return [(k, v) for k, v in cells if v]


def _fields(u: Udyam, address: str, owner: bool) -> dict[str, object]:
    out: dict[str, object] = {
        "udyam_number": u.number, "enterprise_name": u.enterprise,
        "type_of_enterprise": u.kind.upper() if u.upper else u.kind,
        "major_activity": u.activity.upper() if u.upper else u.activity,
        "date_of_registration": fmt_date(u.registered),
        "date_of_incorporation": fmt_date(u.incorporated), "address": address,
        "nic_codes": [n[2][0] for n in u.nic],
    }
    if owner:
        out["owner_name"] = u.b.owner.name.upper() if u.upper else u.b.owner.name
    return out


def _header(c: Canvas, rng: random.Random, fam: str, ink: tuple[int, int, int]) -> float:
    c.paste(graphics.emblem(rng, 120, (40, 40, 40)), 110, 70)
    c.text(c.w / 2, 80, "भारत सरकार", fam, 30, bold=True, align="m", deva="deva_sans")
    c.text(c.w / 2, 125, "Government of India", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 175, "सूक्ष्म, लघु एवं मध्यम उद्यम मंत्रालय", fam, 28, align="m",
           deva="deva_sans")
    c.text(c.w / 2, 220, rng.choice(["Ministry of Micro, Small and Medium Enterprises",
                                     "Ministry of Micro, Small & Medium Enterprises"]),
           fam, 30, bold=True, align="m", fill=ink)
    c.text(c.w / 2, 300, "UDYAM REGISTRATION CERTIFICATE", fam, 44, bold=True, align="m", fill=ink)
    c.text(c.w / 2, 360, "उद्यम पंजीकरण प्रमाणपत्र", fam, 32, align="m", deva="deva_sans")
    return 430.0


def official(rng: random.Random) -> Rendered:
    u = _udyam(rng)
    c = a4_canvas()
    fam = rng.choice(SANS + SERIF)
    ink = graphics.tint((120, 40, 20), rng, 30)
    y = _header(c, rng, fam, ink)
    ls, vs = rng.uniform(20, 23), rng.uniform(21, 24)
    cell = Cell(fam, fam if rng.random() < 0.7 else rng.choice(SANS), ls, vs)
    x0, lw, vw = 80.0, 430.0, 1064.0
    border = (70, 70, 70)

    def row(label: str, draw, h: float) -> None:  # type: ignore[no-untyped-def]
        nonlocal y
        h = max(h, len(wrap_words(c, label, lw - 24, fam, ls, True)) * ls * 1.35 + 24)
        c.rect((x0, y, x0 + lw + vw, y + h), outline=border, width=1.5)
        c.line([(x0 + lw, y), (x0 + lw, y + h)], fill=border, width=1.5)
        for k, t in enumerate(wrap_words(c, label, lw - 24, fam, ls, True)):
            c.text(x0 + 12, y + 12 + k * ls * 1.35, t, fam, ls, bold=True)
        draw(x0 + lw + 12, y + 12)
        y += h

    def grid(cols: list[float], lines: list[list[str]], bold_first: bool = True):  # type: ignore[no-untyped-def]
        def draw(x: float, yy: float) -> None:
            for r, cells in enumerate(lines):
                xx = x
                for w, t in zip(cols, cells):
                    for k, part in enumerate(wrap_words(c, t, w - 14, cell.value_font, vs)[:3]):
                        size = c.fit(part, cell.value_font, vs, w - 14, bold_first and r == 0)
                        c.text(xx, yy + k * vs * 1.3, part, cell.value_font, size,
                               bold=bold_first and r == 0)
                    xx += w
                yy += vs * 1.3 * max(len(wrap_words(c, t, w - 14, cell.value_font, vs)[:3])
                                     for w, t in zip(cols, cells)) + 10
        h = sum(vs * 1.3 * max(len(wrap_words(c, t, w - 14, cell.value_font, vs)[:3])
                               for w, t in zip(cols, cells)) + 10 for cells in lines) + 16
        return draw, h

    def text(value: str):  # type: ignore[no-untyped-def]
        return (lambda x, yy: c.text(x, yy, value, cell.value_font, vs)), vs * 1.35 + 24

    row("UDYAM REGISTRATION NUMBER", *text(u.number))
    row("NAME OF ENTERPRISE", *text(u.enterprise))
    kinds = list(u.kinds)
    if rng.random() < 0.6:
        kinds.reverse()
    kind_case = str.upper if u.upper else str
    row("TYPE OF ENTERPRISE *", *grid([90, 280, 280, 380], [
        ["SNo.", "Classification Year", "Enterprise Type", "Classification Date"],
        *[[str(i + 1), fy, kind_case(k), fmt_date(d)] for i, (fy, k, d) in enumerate(kinds)]]))
    row("MAJOR ACTIVITY", *text(u.activity.upper() if u.upper else u.activity))
    row("SOCIAL CATEGORY OF ENTREPRENEUR", *text(rng.choice(CATEGORIES)))
    row("NAME OF UNIT(S)", *grid([90, 900], [["S.No.", "Name of Unit(s)"],
                                              ["1", u.enterprise.removeprefix("M/S ")]]))
    cells = _address_cells(rng, u)
    pairs = [*cells, ("Mobile", f"{rng.randint(6, 9)}{rng.randint(0, 99):02d}*****{rng.randint(10, 99)}"),
             ("Email", f"{u.b.owner.first.lower()[:3]}***@gmail.com")]
    lines = [[k1, v1, k2, v2] for (k1, v1), (k2, v2) in zip(pairs[::2], pairs[1::2])]
    if len(pairs) % 2:
        lines.append([pairs[-1][0], pairs[-1][1], "", ""])
    row("OFFICIAL ADDRESS OF ENTERPRISE", *grid([230, 290, 230, 290], lines, bold_first=False))
    row("DATE OF INCORPORATION / REGISTRATION OF ENTERPRISE", *text(fmt_date(u.incorporated)))
    row("DATE OF COMMENCEMENT OF PRODUCTION/BUSINESS", *text(fmt_date(u.commenced)))
    nic_rows = [["SNo.", "NIC 2 Digit", "NIC 4 Digit", "NIC 5 Digit", "Activity"]]
    for i, (n2, n4, n5, act) in enumerate(u.nic):
        nic_rows.append([str(i + 1), f"{n2[0]} - {n2[1]}", f"{n4[0]} - {n4[1]}",
                         f"{n5[0]} - {n5[1]}", act])
    row("NATIONAL INDUSTRY CLASSIFICATION CODE(S)", *grid([70, 270, 270, 290, 150], nic_rows))
    row("DATE OF UDYAM REGISTRATION", *text(fmt_date(u.registered)))
    y += 40
    for line in wrap_words(c, "Disclaimer: This is computer generated statement, no signature "
                           "required. Printed from https://udyamregistration.gov.in & Date of "
                           f"printing - {fmt_date(u.kinds[-1][2] + dt.timedelta(days=rng.randint(0, 300)))}",
                           1450, fam, 20):
        c.text(x0, y, line, fam, 20, fill=(70, 70, 70))
        y += 30
    address = ", ".join(v for _, v in cells)
    return Rendered(c.img, _fields(u, address, owner=False), page="a4", dpi=200, canvas=c)


def certificate(rng: random.Random) -> Rendered:
    """A framed certificate with the number in a band and unruled rows."""
    u = _udyam(rng)
    c = a4_canvas(graphics.tint((252, 251, 247), rng, 3))
    ink = graphics.tint((100, 60, 150), rng, 30)
    c.rect((50, 50, c.w - 50, c.h - 50), outline=ink, width=6)
    c.rect((72, 72, c.w - 72, c.h - 72), outline=ink, width=2)
    fam, vfam = rng.choice(SANS + SERIF), rng.choice(SANS + SERIF)
    c.paste(graphics.emblem(rng, 130, ink), c.w / 2 - 65, 120)
    c.text(c.w / 2, 290, "MINISTRY OF MICRO, SMALL AND MEDIUM ENTERPRISES", fam, 28, align="m",
           fill=(60, 60, 60))
    c.text(c.w / 2, 345, "UDYAM REGISTRATION CERTIFICATE", fam, 50, bold=True, align="m", fill=ink)
    c.rect((150, 460, c.w - 150, 540), fill=graphics.tint((235, 230, 242), rng, 6))
    c.text(180, 485, rng.choice(["Udyam Registration Number", "Registration No."]), fam, 26,
           fill=(60, 60, 60))
    c.text(c.w - 180, 478, u.number, rng.choice(MONO), 38, bold=True, align="r")
    owner = u.b.owner.name.upper() if u.upper else u.b.owner.name
    ls, vs = rng.uniform(25, 28), rng.uniform(28, 31)
    address = u.b.address
    rows = [
        (rng.choice(["Name of the enterprise", "Enterprise Name"]), u.enterprise),
        (rng.choice(["Owner's name", "Name of Entrepreneur", "Proprietor / Owner"]), owner),
        (rng.choice(["Type of Enterprise", "Enterprise Category", "Size"]),
         u.kind.upper() if u.upper else u.kind),
        ("Major Activity", u.activity.upper() if u.upper else u.activity),
        (rng.choice(["Business address", "Address of Enterprise"]), address),
        ("Date of Incorporation", fmt_date(u.incorporated)),
        (rng.choice(["Date of Registration", "Registered on"]), fmt_date(u.registered)),
        ("NIC Code(s)", ", ".join(n[2][0] for n in u.nic)),
    ]
    sealed_rows(c, rng, rows, 610.0, fam, ls, vfam, vs, ink)
    return Rendered(c.img, _fields(u, address, owner=True), page="a4", dpi=200, canvas=c)


def print_form(rng: random.Random) -> Rendered:
    """A "Label : value" print with the entrepreneur, PAN, one-paragraph address, NIC lines."""
    u = _udyam(rng)
    c = a4_canvas()
    fam = rng.choice(SANS + SERIF)
    vfam = fam if rng.random() < 0.6 else rng.choice(SANS + SERIF)
    ink = graphics.tint((20, 70, 130), rng, 25)
    c.rect((0, 0, c.w, 150), fill=ink)
    c.text(c.w / 2, 30, "Ministry of Micro, Small & Medium Enterprises", fam, 32, bold=True,
           fill=(255, 255, 255), align="m")
    c.text(c.w / 2, 85, "Udyam Registration - Print", fam, 30, fill=(255, 255, 255), align="m")
    owner = u.b.owner.name.upper() if u.upper else u.b.owner.name
    ls = vs = rng.uniform(25, 28)
    nic_lines = [f"{n[2][0]} - {n[2][1]}" for n in u.nic]
    address = u.b.address
    rows: list[tuple[str, str | list[str]]] = [
        ("Udyam Registration Number", u.number),
        ("Name of Entrepreneur", owner), ("PAN", u.b.pan),
        ("Name of Enterprise", u.enterprise),
        ("Type of Organisation", ORGANISATIONS[u.b.constitution]),
        ("Enterprise Type", u.kind.upper() if u.upper else u.kind),
        ("Major Activity", u.activity.upper() if u.upper else u.activity),
        ("Social Category", rng.choice(CATEGORIES)),
        ("Official Address", address),
        ("Date of Incorporation", fmt_date(u.incorporated)),
        ("Date of Commencement", fmt_date(u.commenced)),
        ("NIC Code", nic_lines),
        ("Date of Udyam Registration", fmt_date(u.registered)),
    ]
    y = 230.0
    for label, value in rows:
        lines = wrap_words(c, value, 900, vfam, vs) if isinstance(value, str) else [
            part for v in value for part in wrap_words(c, v, 900, vfam, vs)]
        c.text(100, y, label, fam, ls, bold=True)
        c.text(560, y, ":", fam, ls, bold=True)
        for k, line in enumerate(lines):
            c.text(600, y + k * vs * 1.4, line, vfam, vs)
        y += max(1, len(lines)) * vs * 1.4 + 26
    c.text(100, y + 60, "Note: Verify this registration at udyamregistration.gov.in", fam, 22,
           fill=(90, 90, 90))
    return Rendered(c.img, _fields(u, address, owner=True), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {
    "official": official,
    "certificate": certificate,
    "print": print_form,
}
A4_LAYOUTS = frozenset(LAYOUTS)
