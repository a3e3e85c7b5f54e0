"""Income-tax return acknowledgements (ITR-V), the two designs of the e-filing portal.

What every ITR-V prints (:mod:`kagaz.doctypes.itr_v`): the title, the assessment year, PAN,
name, address, the form and section, the 15-digit acknowledgement number, income and tax
figures, and the date of e-filing.

* ``cpc``: the current design (AY 2021-22 on): "INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT", a
  ruled table (PAN, Name, Address, Status, Form Number, Filed u/s, e-Filing Acknowledgement
  Number), the tax figures with their amounts at the right, and "Income Tax Return submitted
  electronically on DD-MM-YYYY HH:MM:SS from IP address …".
* ``classic``: the older "ITR-V" (up to AY 2020-21): title block, "Name", "PAN", address lines,
  "Form No. which has been electronically transmitted", numbered "COMPUTATION OF INCOME AND
  TAX THEREON" rows, and "Acknowledgement Number : … Date(s) of e-filing : …".
* ``boxed``: the older design's label-above-value boxes ("Assessment Year" over "2019-20"), the
  acknowledgement number in its own box and "e-Filed on" under it.

Truth: names as printed, ``assessment_year`` ``2024-25``, ``total_income`` ``"750000.00"``,
``filing_date`` DD/MM/YYYY, ``form_number`` ``ITR-1``.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth.certificates import Cell, kv_table
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, fmt_date, pan_number, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_FORMS = ["ITR-1", "ITR-1", "ITR-2", "ITR-3", "ITR-4"]
_SECTIONS = ["139(1)-On or before due date", "139(4)-Belated", "139(5)-Revised"]


def _return(rng: random.Random, first_year: int, last_year: int) -> dict:
    p = person(rng)
    ay_first = rng.randint(first_year, last_year)
    filed = random_date(rng, dt.date(ay_first, 6, 1), dt.date(ay_first, 12, 31))
    gross = rng.randint(3, 40) * 25000 + rng.randint(0, 999)
    deduction = min(gross // 3, rng.choice([0, 50000, 150000, 150000]))
    total = (gross - deduction) // 10 * 10
    a = address(rng)
    name = p.name.upper() if rng.random() < 0.7 else p.name
    return {"name": name, "pan": pan_number(rng, p.surname), "ay": f"{ay_first}-{(ay_first + 1) % 100:02d}",
            "filed": filed, "gross": gross, "deduction": deduction, "total": total,
            "form": rng.choice(_FORMS), "ack": str(rng.randint(1, 9)) + "".join(
                str(rng.randint(0, 9)) for _ in range(14)),
            "address": ", ".join([*a.parts, a.state, a.pin]).upper()}


def _truth(r: dict) -> dict:
    return {"acknowledgement_number": r["ack"], "pan_number": r["pan"], "name": r["name"],
            "assessment_year": r["ay"], "total_income": f"{r['total']}.00",
            "filing_date": fmt_date(r["filed"]), "form_number": r["form"]}


def _tax(total: int) -> int:
    return max(0, (total - 300000) // 20)


def cpc(rng: random.Random) -> Rendered:
    r = _return(rng, 2021, 2025)
    fam = rng.choice(SANS)
    c = a4_canvas()
    c.text(c.w / 2, 90, "INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 140, f"[Where the data of the Return of Income in Form {r['form']} filed and verified]",
           fam, 18, align="m")
    c.text(1300, 185, "Assessment Year", fam, 20, bold=True)
    c.text(1340, 215, r["ay"], fam, 22, bold=True)
    cell = Cell(fam, fam, 20, 21)
    y = kv_table(c, 110, 270, [
        ("PAN", r["pan"]), ("Name", r["name"]), ("Address", r["address"]),
        ("Status", "Individual"), ("Form Number", r["form"]), ("Filed u/s", rng.choice(_SECTIONS)),
        ("e-Filing Acknowledgement Number", r["ack"])], (520, 914), cell)
    tax = _tax(r["total"])
    figures = [("Current Year business loss, if any", 0), ("Total Income", r["total"]),
               ("Book Profit under MAT, where applicable", 0), ("Net tax payable", tax),
               ("Interest and Fee Payable", 0), ("Total tax, interest and Fee payable", tax),
               ("Taxes Paid", tax), ("(+) Tax Payable /(-) Refundable", 0)]
    y += 30
    for k, (label, value) in enumerate(figures, 1):
        c.text(130, y, f"{k}  {label}", fam, 20)
        c.text(1500, y, str(value), fam, 20, align="r")
        y += 44
    stamp = f"{fmt_date(r['filed'], '-')} {rng.randint(9, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    y += 30
    for line in [f"Income Tax Return submitted electronically on {stamp} from IP address",
                 f"10.{rng.randint(1, 250)}.{rng.randint(1, 250)}.{rng.randint(1, 250)} and verified by "
                 f"{r['name']} having PAN {r['pan']}", "using Aadhaar OTP."]:
        c.text(110, y, line, fam, 19)
        y += 34
    c.text(c.w / 2, y + 80, "DO NOT SEND THIS ACKNOWLEDGEMENT TO CPC, BENGALURU", fam, 20, bold=True, align="m")
    return Rendered(c.img, _truth(r), page="a4", dpi=200, canvas=c)


def classic(rng: random.Random) -> Rendered:
    r = _return(rng, 2015, 2020)
    fam = rng.choice(SERIF + SANS)
    c = a4_canvas()
    c.text(c.w / 2, 80, "INDIAN INCOME TAX RETURN VERIFICATION FORM", fam, 26, bold=True, align="m")
    c.text(c.w / 2, 125, "ITR-V", fam, 30, bold=True, align="m")
    c.text(1250, 175, f"Assessment Year {r['ay']}", fam, 21, bold=True)
    rows = [("Name", r["name"]), ("PAN", r["pan"]), ("Flat/Door/Block No, Road, Area, Town", r["address"]),
            ("Form No. which has been electronically transmitted", r["form"]),
            ("Status", "Individual")]
    y = 230.0
    for label, value in rows:
        c.text(110, y, label, fam, 19)
        c.text(760, y, value[:60], fam, 20, bold=True)
        y += 50
    c.text(c.w / 2, y + 20, "COMPUTATION OF INCOME AND TAX THEREON", fam, 22, bold=True, align="m")
    y += 80
    tax = _tax(r["total"])
    for k, (label, value) in enumerate([
            ("Gross Total Income", r["gross"]), ("Deductions under Chapter-VI-A", r["deduction"]),
            ("Total Income", r["total"]), ("Net tax payable", tax), ("Interest payable", 0),
            ("Total tax and interest payable", tax), ("Taxes Paid", tax), ("Tax Payable", 0)], 1):
        c.text(110, y, f"{k}", fam, 20)
        c.text(170, y, label, fam, 20)
        c.text(1500, y, str(value), fam, 20, align="r")
        y += 46
    y += 40
    when = fmt_date(r["filed"], rng.choice(["-", "/"]))
    c.text(110, y, f"Acknowledgement Number : {r['ack']}", fam, 21, bold=True)
    c.text(1000, y, f"Date(s) of e-filing : {when}", fam, 21)
    c.text(110, y + 90, f"I, {r['name']}, son/daughter of the above, solemnly declare that the "
           "particulars given are correct.", fam, 18)
    return Rendered(c.img, _truth(r), page="a4", dpi=200, canvas=c)


def boxed(rng: random.Random) -> Rendered:
    r = _return(rng, 2017, 2021)
    fam = rng.choice(SANS + SERIF)
    c = a4_canvas()
    c.text(c.w / 2, 80, "ITR-V", fam, 34, bold=True, align="m")
    c.text(c.w / 2, 130, "INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT", fam, 24, bold=True, align="m")
    rows = [[("Name", r["name"], 110, 900), ("PAN", r["pan"], 1030, 500)],
            [("Address", r["address"][:70], 110, 1420)],
            [("Form Number", r["form"], 110, 400), ("Assessment Year", r["ay"], 560, 400),
             ("Acknowledgement Number", r["ack"], 1010, 520)]]
    y = 200.0
    for row in rows:
        for label, value, x, w in row:
            c.rect((x, y, x + w, y + 90), outline=(60, 60, 60), width=1.5)
            c.text(x + 12, y + 8, label, fam, 17, fill=(70, 70, 70))
            c.text(x + 12, y + 44, value, fam, 21, bold=True)
        y += 110
    y += 40
    tax = _tax(r["total"])
    for k, (label, value) in enumerate([
            ("Gross total income", r["gross"]), ("Deductions under Chapter-VI-A", r["deduction"]),
            ("Total Income", r["total"]), ("Net tax payable", tax), ("Taxes Paid", tax)], 1):
        c.text(130, y, f"{k}. {label}", fam, 20)
        c.text(1480, y, f"{value:,}" if rng.random() < 0.3 else str(value), fam, 20, align="r")
        y += 46
    c.text(110, y + 50, f"e-Filed on {fmt_date(r['filed'], '/')}", fam, 21, bold=True)
    c.text(110, y + 110, "This return has been digitally signed / verified electronically.", fam, 18)
    return Rendered(c.img, _truth(r), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"cpc": cpc, "classic": classic, "boxed": boxed}
A4_LAYOUTS = frozenset(LAYOUTS)
