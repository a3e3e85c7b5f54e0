"""Shops and Establishments registrations: Maharashtra Form B and Form G, other states' Form C.

Layouts: ``mh_form_b`` (the Maharashtra registration certificate under the 2017 Act: bilingual
Marathi/English header and labels (sometimes Marathi labels only, English under them, or English
only), "Registration No.", a numbered table of establishment, postal address, employer,
residential address (a distractor), category, nature of business, date of commencement (a
distractor), workers as a Male/Female/Total table or one number, and sometimes "Valid up to"),
``mh_form_g`` (the intimation receipt for establishments with fewer than ten workers: "Intimation
Receipt No.", a receipt sentence with the date, the same particulars, never a validity) and
``form_c`` (older "FORM C" certificates of Karnataka, Delhi, Gujarat, Telangana, Tamil Nadu,
Rajasthan and West Bengal: "Label : value" lines, a validity date in a sentence or a label).

Truth: ``registration_number`` (without spaces), ``establishment_name``, ``employer_name``,
``address``, ``nature_of_business``, ``total_employees`` (digits), ``date_of_issue`` and
``valid_till`` when printed.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth import graphics
from kagaz.synth.certificates import Business, Cell, business, kv_table, random_day, wrap_words
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import add_years, address, fmt_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

MH_ACT = ("Maharashtra Shops and Establishments (Regulation of Employment and Conditions of "
          "Service) Act, 2017")
MH_ACT_MR = "महाराष्ट्र दुकाने व आस्थापना (नोकरीचे विनियमन व सेवाशर्ती) अधिनियम, २०१७"
STATE_ACTS = {
    "KA": "The Karnataka Shops and Commercial Establishments Act, 1961",
    "DL": "The Delhi Shops and Establishments Act, 1954",
    "GJ": "The Gujarat Shops and Establishments Act, 1948",
    "TS": "The Telangana Shops and Establishments Act, 1988",
    "TN": "The Tamil Nadu Shops and Establishments Act, 1947",
    "RJ": "The Rajasthan Shops and Commercial Establishments Act, 1958",
    "WB": "The West Bengal Shops and Establishments Act, 1963",
}
CATEGORIES = ["Shop", "Commercial Establishment", "Residential Hotel", "Restaurant",
              "Eating House", "Theatre", "Other"]
LABELS_MR = {
    "establishment": "आस्थापनेचे नाव", "address": "आस्थापनेचा पत्ता", "employer": "मालकाचे नाव",
    "residence": "मालकाचा निवासी पत्ता", "category": "आस्थापनेचा प्रकार",
    "nature": "व्यवसायाचे स्वरूप", "commenced": "व्यवसाय सुरू केल्याचा दिनांक",
    "workers": "कामगारांची एकूण संख्या", "valid": "वैधता दिनांक", "issued": "दिनांक",
}


def _registration_number(rng: random.Random, state: str) -> str:
    n = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))  # noqa: E731
    year = rng.randint(2005, 2024)
    return {
        "MH": lambda: "27" + rng.choice(["31", "32", "33", "20", "25"]) + "0003" + n(8),
        "KA": lambda: f"{rng.randint(1, 60)}/{n(2)}/CE/{n(4)}/{year}",
        "DL": lambda: f"SE/{rng.choice(['NORTH', 'SOUTH', 'EAST', 'WEST'])}/{n(5)}/{year}",
        "GJ": lambda: f"{rng.choice(['AMC', 'SMC', 'VMC', 'RMC'])}/SE/{n(5)}/{year}",
        "TS": lambda: f"SEA/HYD/ALO/{rng.randint(1, 30):02d}/{n(7)}/{year}",
        "TN": lambda: f"TN/{rng.choice(['CHN', 'CBE', 'MDU'])}/SE/{n(5)}/{year}",
        "RJ": lambda: f"RJ/SCE/{n(6)}/{year}",
        "WB": lambda: f"KOL/SE/{n(6)}/{year}",
    }[state]()


def _people(rng: random.Random, state: str) -> tuple[Business, str, str, str]:
    b = business(rng, state, constitutions=["Proprietorship", "Partnership",
                                            "Private Limited Company"])
    upper = rng.random() < 0.5
    est = b.trade_name if rng.random() < 0.7 else b.legal_name
    est = est.upper() if upper else est
    if rng.random() < 0.2:
        est = ("M/S " if upper else "M/s ") + est
    employer = b.owner.name.upper() if upper else b.owner.name
    nature = b.nature.upper() if upper and rng.random() < 0.5 else b.nature
    return b, est, employer, nature


def _workers(rng: random.Random, small: bool) -> tuple[int, int]:
    total = rng.randint(1, 9) if small else rng.randint(10, 60)
    female = rng.randint(0, total // 2)
    return total - female, female


def _cell(rng: random.Random) -> Cell:
    fam = rng.choice(SANS + SERIF)
    return Cell(fam, fam if rng.random() < 0.7 else rng.choice(SANS + SERIF),
                rng.uniform(22, 25), rng.uniform(25, 28), value_bold=rng.random() < 0.4,
                deva="deva_serif" if fam in SERIF else "deva_sans")


def _mh_header(c: Canvas, rng: random.Random, cell: Cell, form: str, title_mr: str,
               title: str) -> float:
    fam = cell.label_font
    c.paste(graphics.emblem(rng, 100, (40, 40, 40)), 110, 60)
    c.text(c.w / 2, 70, "महाराष्ट्र शासन / Government of Maharashtra", fam, 28, bold=True,
           align="m", deva=cell.deva)
    c.text(c.w / 2, 120, rng.choice(["कामगार विभाग / Labour Department",
                                     "Office of the Facilitator, Labour Department"]), fam, 24,
           align="m", deva=cell.deva)
    mr = {"B": "ब", "G": "ग"}[form]
    c.text(c.w / 2, 190, f"नमुना '{mr}' / FORM '{form}'", fam, 32, bold=True, align="m",
           deva=cell.deva)
    c.text(c.w / 2, 240, rng.choice(["[See rule 6(1)]", "(See Rule 6)"]) if form == "B" else
           "[See rule 15(1)]", fam, 22, align="m")
    y = 285.0
    if rng.random() < 0.7:
        c.text(c.w / 2, y, MH_ACT_MR, fam, 24, align="m", deva=cell.deva)
        y += 44
    for line in wrap_words(c, MH_ACT, 1350, fam, 24, True):
        c.text(c.w / 2, y, line, fam, 24, bold=True, align="m")
        y += 36
    y += 16
    c.text(c.w / 2, y, f"{title_mr} / {title}", fam, 34, bold=True, align="m", deva=cell.deva)
    return y + 80


def _label(rng: random.Random, mode: str, key: str, english: str) -> str:
    if mode == "english":
        return english
    if mode == "stacked":
        return f"{LABELS_MR[key]}\n{english}"
    return f"{LABELS_MR[key]} / {english}"


def _table(c: Canvas, x: float, y: float, rows, cell: Cell, numbered: bool) -> float:  # type: ignore[no-untyped-def]
    widths = (70, 560, 810) if numbered else (600, 840)
    return kv_table(c, x, y, rows, widths, cell, numbered=numbered, pad=14)


def mh_form_b(rng: random.Random) -> Rendered:
    b, est, employer, nature = _people(rng, "MH")
    c = a4_canvas()
    cell = _cell(rng)
    y = _mh_header(c, rng, cell, "B", "नोंदणी प्रमाणपत्र", "REGISTRATION CERTIFICATE")
    number = _registration_number(rng, "MH")
    issued = random_day(rng, dt.date(2018, 1, 1), dt.date(2024, 12, 31))
    sep = "/" if rng.random() < 0.8 else "-"
    issue_label = rng.choice(["Date of Issue", "Date of Registration", "Issue Date"])
    c.text(110, y, f"Registration No. : {number}", cell.label_font, 28, bold=True)
    c.text(c.w - 110, y, f"{issue_label} : {fmt_date(issued, sep)}", cell.label_font, 26,
           align="r")
    y += 80
    mode = rng.choice(["bilingual", "bilingual", "stacked", "english"])
    male, female = _workers(rng, small=False)
    commenced = issued - dt.timedelta(days=rng.randint(0, 3000))
    home = address(rng, "MH")
    workers: str | list[str]
    if rng.random() < 0.5:
        workers = [f"Male: {male}   Female: {female}   Total: {male + female}"]
    else:
        workers = str(male + female)
    rows = [
        (_label(rng, mode, "establishment", "Name of the Establishment"), est),
        (_label(rng, mode, "address", "Postal Address of the Establishment"), b.address),
        (_label(rng, mode, "employer", "Name of the Employer"), employer),
        (_label(rng, mode, "residence", "Residential Address of the Employer"),
         ", ".join(home.parts) + f", {home.state} - {home.pin}"),
        (_label(rng, mode, "category", "Category of Establishment"), rng.choice(CATEGORIES)),
        (_label(rng, mode, "nature", "Nature of Business"), nature),
        (_label(rng, mode, "commenced", "Date of Commencement"), fmt_date(commenced, sep)),
        (_label(rng, mode, "workers", "Total Number of Workers"), workers),
    ]
    fields = {"registration_number": number, "establishment_name": est, "employer_name": employer,
              "address": b.address, "nature_of_business": nature,
              "total_employees": str(male + female), "date_of_issue": fmt_date(issued)}
    if rng.random() < 0.5:
        valid = add_years(issued, rng.choice([5, 10])) - dt.timedelta(days=1)
        rows.append((_label(rng, mode, "valid", "Valid up to"), fmt_date(valid, sep)))
        fields["valid_till"] = fmt_date(valid)
    y = _table(c, 110, y, rows, cell, numbered=rng.random() < 0.7)
    y += 60
    c.text(110, y, f"Place : {b.addr.city}", cell.label_font, 24)
    c.paste(graphics.signature(rng, 260, 80), 1150, y - 20)
    c.text(1300, y + 80, "Facilitator / Registering Authority", cell.label_font, 22, align="m")
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)


def mh_form_g(rng: random.Random) -> Rendered:
    b, est, employer, nature = _people(rng, "MH")
    c = a4_canvas()
    cell = _cell(rng)
    y = _mh_header(c, rng, cell, "G", "सूचनापत्राची पोच", "RECEIPT OF INTIMATION")
    number = _registration_number(rng, "MH")
    issued = random_day(rng, dt.date(2018, 1, 1), dt.date(2024, 12, 31))
    sep = "/" if rng.random() < 0.8 else "-"
    c.text(110, y, f"{rng.choice(['Intimation Receipt No.', 'Receipt No.'])} : {number}",
           cell.label_font, 28, bold=True)
    y += 70
    text = ("This is to acknowledge that the intimation under section 6 of the " + MH_ACT +
            f" has been received from the following establishment on {fmt_date(issued, sep)}.")
    for line in wrap_words(c, text, 1430, cell.label_font, 24):
        c.text(110, y, line, cell.label_font, 24)
        y += 36
    y += 40
    male, female = _workers(rng, small=True)
    mode = rng.choice(["bilingual", "english"])
    rows = [
        (_label(rng, mode, "establishment", "Name of the Establishment"), est),
        (_label(rng, mode, "employer", "Name of the Employer"), employer),
        (_label(rng, mode, "address", "Address of the Establishment"), b.address),
        (_label(rng, mode, "nature", "Nature of Business"), nature),
        (_label(rng, mode, "workers", "Number of Workers"), str(male + female)),
        (_label(rng, mode, "issued", "Date of Issue"), fmt_date(issued, sep)),
    ]
    y = _table(c, 110, y, rows, cell, numbered=rng.random() < 0.5)
    y += 50
    for line in wrap_words(c, "Note: This receipt is system generated and does not require a "
                           "signature. Display it at the establishment.", 1430, cell.label_font, 22):
        c.text(110, y, line, cell.label_font, 22, fill=(70, 70, 70))
        y += 32
    fields = {"registration_number": number, "establishment_name": est, "employer_name": employer,
              "address": b.address, "nature_of_business": nature,
              "total_employees": str(male + female), "date_of_issue": fmt_date(issued)}
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)


def form_c(rng: random.Random) -> Rendered:
    state = rng.choice(list(STATE_ACTS))
    b, est, employer, nature = _people(rng, state)
    c = a4_canvas(graphics.tint((253, 252, 247), rng, 3))
    fam = rng.choice(SANS + SERIF)
    vfam = fam if rng.random() < 0.6 else rng.choice(SANS + SERIF)
    if rng.random() < 0.5:
        c.rect((60, 60, c.w - 60, c.h - 60), outline=(60, 60, 60), width=3)
    c.text(c.w / 2, 120, rng.choice(["FORM C", "FORM - C", "FORM 'C'"]), fam, 36, bold=True,
           align="m")
    c.text(c.w / 2, 175, rng.choice(["(See Rule 5)", "[See rule 5(2)]"]), fam, 24, align="m")
    title = rng.choice(["CERTIFICATE OF REGISTRATION", "REGISTRATION CERTIFICATE"])
    c.text(c.w / 2, 235, title, fam, 38, bold=True, align="m")
    y = 300.0
    act = STATE_ACTS[state]
    for line in wrap_words(c, act, 1300, fam, 26, True):
        c.text(c.w / 2, y, line, fam, 26, bold=True, align="m")
        y += 40
    c.text(c.w / 2, y + 10, f"Department of Labour, Government of {b.addr.state}", fam, 24,
           align="m")
    y += 110
    number = _registration_number(rng, state)
    issued = random_day(rng, dt.date(2008, 1, 1), dt.date(2024, 6, 30))
    valid = add_years(issued, rng.choice([1, 3, 5])) if state != "GJ" else dt.date(issued.year, 12, 31)
    sep = rng.choice(["/", "/", "-", "."])
    male, female = _workers(rng, small=rng.random() < 0.6)
    ls = vs = rng.uniform(26, 29)
    rows = [
        ("Registration No.", number),
        ("Name of the Establishment", est),
        ("Name of the Employer", employer),
        ("Postal Address", b.address),
        ("Nature of Business", nature),
        (rng.choice(["Total number of employees", "Number of employees", "No. of Employees"]),
         str(male + female)),
        (rng.choice(["Date of Issue", "Date of Registration"]), fmt_date(issued, sep)),
    ]
    inline_valid = rng.random() < 0.5
    if not inline_valid:
        rows.append((rng.choice(["Valid till", "Valid up to", "Validity"]), fmt_date(valid, sep)))
    for label, value in rows:
        lines = wrap_words(c, value, 880, vfam, vs)
        c.text(120, y, label, fam, ls)
        c.text(560, y, ":", fam, ls)
        for k, line in enumerate(lines):
            c.text(600, y + k * vs * 1.4, line, vfam, vs, bold=label == "Registration No.")
        y += max(1, len(lines)) * vs * 1.4 + 30
    y += 40
    if inline_valid:
        c.text(120, y, f"This certificate is valid up to {fmt_date(valid, sep)}.", fam, 26)
        y += 60
    c.paste(graphics.signature(rng, 260, 80), 1150, y + 40)
    c.text(1280, y + 140, rng.choice(["Inspector", "Registering Authority", "Chief Inspector"]),
           fam, 24, align="m")
    fields = {"registration_number": number, "establishment_name": est, "employer_name": employer,
              "address": b.address, "nature_of_business": nature,
              "total_employees": str(male + female), "date_of_issue": fmt_date(issued),
              "valid_till": fmt_date(valid)}
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {
    "mh_form_b": mh_form_b,
    "mh_form_g": mh_form_g,
    "form_c": form_c,
}
A4_LAYOUTS = frozenset(LAYOUTS)
