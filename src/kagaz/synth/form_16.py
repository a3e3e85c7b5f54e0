"""Form 16 (TDS certificate for salary), three ways employers issue it.

What every Form 16 prints (:mod:`kagaz.doctypes.form_16`, Rule 31(1)(a)): "FORM NO. 16", the
rule and section 203, the certificate number, employer and employee, the deductor's PAN and TAN,
the employee's PAN, the assessment year, the quarterly TDS summary and Part B's salary.

* ``traces``: Part A as TRACES generates it: ruled cells with the label above the value (name and
  address of the employer | of the employee; PAN of the Deductor | TAN of the Deductor | PAN of
  the Employee; CIT (TDS) | Assessment Year | Period), the quarterly table with "Total (Rs.)",
  then Part B's "1. Gross Salary … (d) Total".
* ``annexure``: an employer's Part B printed by its payroll software: "Label : value" lines and a
  computation with the amounts at the right ("Gross Salary", "Tax deducted at source u/s 192").
* ``table``: Part A's particulars as a two-column table (label | value), the quarterly summary
  and Part B's numbered rows (new tax regime, "Whether opting out of taxation u/s 115BAC").

Truth: names as printed (the employer's name without its address), ``assessment_year``
``2024-25``, amounts ``"850000.00"``.
"""

from __future__ import annotations

import random
import string

from kagaz.synth.certificates import Cell, business, kv_table
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, pan_number, person
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_CITIES = ["PUNE", "MUMBAI", "BENGALURU", "CHENNAI", "DELHI", "HYDERABAD", "KOLKATA"]


def _certificate(rng: random.Random) -> dict:
    firm = business(rng, constitutions=("Private Limited Company", "Public Limited Company"))
    employer = firm.legal_name
    p = person(rng)
    employee = p.name.upper() if rng.random() < 0.7 else p.name
    tan = ("".join(rng.choice(string.ascii_uppercase) for _ in range(3)) + employer[0].upper()
           + f"{rng.randint(0, 99999):05d}" + rng.choice(string.ascii_uppercase))
    first = rng.randint(2019, 2025)
    gross = rng.randint(30, 300) * 10000 + rng.choice([0, 0, 500])
    tds = max(0, (gross - 500000) // 10 // 100 * 100)
    quarters = [gross // 4] * 3 + [gross - 3 * (gross // 4)]
    tq = [tds // 4] * 3 + [tds - 3 * (tds // 4)]
    a = address(rng)
    return {"employer": employer, "employer_address": firm.address, "employee": employee,
            "employee_address": ", ".join([*a.parts, a.state, a.pin]), "tan": tan, "employer_pan": firm.pan,
            "pan": pan_number(rng, p.surname), "ay": f"{first}-{(first + 1) % 100:02d}", "first": first,
            "gross": gross, "tds": tds, "quarters": quarters, "tq": tq,
            "cert": "".join(rng.choice(string.ascii_uppercase) for _ in range(7))}


def _truth(r: dict) -> dict:
    return {"employee_name": r["employee"], "employee_pan": r["pan"], "employer_name": r["employer"],
            "employer_tan": r["tan"], "assessment_year": r["ay"], "gross_salary": f"{r['gross']}.00",
            "tax_deducted": f"{r['tds']}.00", "employer_pan": r["employer_pan"]}


def _header(c: Canvas, fam: str, part: str) -> float:
    c.text(c.w / 2, 70, "FORM NO. 16", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 115, "[See rule 31(1)(a)]", fam, 18, align="m")
    c.text(c.w / 2, 150, part, fam, 22, bold=True, align="m")
    c.text(c.w / 2, 190, "Certificate under section 203 of the Income-tax Act, 1961 for tax deducted at "
           "source on salary", fam, 17, align="m")
    return 240.0


def _quarters(c: Canvas, fam: str, r: dict, y: float) -> float:
    cols = [110, 330, 700, 1020, 1310, 1550]
    heads = ["Quarter(s)", "Receipt Numbers", "Amount paid/credited", "Amount of tax deducted",
             "Amount of tax deposited"]
    for x, h in zip(cols, heads, strict=False):
        c.text(x + 8, y, h, fam, 15, bold=True)
    c.line([(110, y + 30), (1550, y + 30)], fill=(90, 90, 90), width=1.5)
    y += 45
    for k in range(4):
        receipt = "".join(random.Random(r["cert"] + str(k)).choice("QWERTYUP") for _ in range(8))
        for x, v in zip(cols, [f"Q{k + 1}", receipt, f"{r['quarters'][k]}.00", f"{r['tq'][k]}.00",
                               f"{r['tq'][k]}.00"], strict=False):
            c.text(x + 8, y, v, fam, 17)
        y += 36
    for x, v in zip(cols, ["Total (Rs.)", "", f"{r['gross']}.00", f"{r['tds']}.00", f"{r['tds']}.00"],
                    strict=False):
        c.text(x + 8, y, v, fam, 17, bold=True)
    return y + 60


def traces(rng: random.Random) -> Rendered:
    r = _certificate(rng)
    fam = rng.choice(SANS)
    c = a4_canvas()
    y = _header(c, fam, "PART A")
    c.text(110, y, f"Certificate No. {r['cert']}", fam, 18)
    c.text(900, y, f"Last updated on {rng.randint(1, 28):02d}-Jun-{r['first']}", fam, 18)
    y += 50
    blocks = [[("Name and address of the Employer", [r["employer"], *_wrap(r["employer_address"])]),
               ("Name and address of the Employee", [r["employee"], *_wrap(r["employee_address"])])],
              [("PAN of the Deductor", [r["employer_pan"]]), ("TAN of the Deductor", [r["tan"]]),
               ("PAN of the Employee", [r["pan"]])],
              [("CIT (TDS)", [f"The Commissioner of Income Tax (TDS), {rng.choice(_CITIES)}"]),
               ("Assessment Year", [r["ay"]]),
               ("Period with the Employer", [f"01-Apr-{r['first'] - 1} to 31-Mar-{r['first']}"])]]
    for row in blocks:
        width = 1440 / len(row)
        height = 40 + 30 * max(len(v) for _, v in row)
        for k, (label, values) in enumerate(row):
            x = 110 + k * width
            c.rect((x, y, x + width, y + height), outline=(80, 80, 80), width=1.2)
            c.text(x + 10, y + 8, label, fam, 15, bold=True)
            for n, v in enumerate(values):
                c.text(x + 10, y + 40 + n * 30, v, fam, 17)
        y += height + 10
    c.text(110, y + 10, "Summary of amount paid/credited and tax deducted at source thereon", fam, 18, bold=True)
    y = _quarters(c, fam, r, y + 60)
    c.text(c.w / 2, y, "PART B (Annexure)", fam, 22, bold=True, align="m")
    y += 50
    for label, amount in [("1. Gross Salary", None),
                          ("(a) Salary as per provisions contained in section 17(1)", r["gross"]),
                          ("(b) Value of perquisites under section 17(2)", 0),
                          ("(c) Profits in lieu of salary under section 17(3)", 0), ("(d) Total", r["gross"]),
                          ("2. Less: Allowances to the extent exempt under section 10", 0)]:
        c.text(130, y, label, fam, 17)
        if amount is not None:
            c.text(1500, y, f"{amount}.00", fam, 17, align="r")
        y += 36
    return Rendered(c.img, _truth(r) | {"certificate_number": r["cert"]}, page="a4", dpi=200, canvas=c)


def _wrap(text: str, width: int = 48) -> list[str]:
    lines, cur = [], ""
    for part in text.split(", "):
        if cur and len(cur) + len(part) > width:
            lines.append(cur + ",")
            cur = part
        else:
            cur = f"{cur}, {part}" if cur else part
    return lines + [cur]


def annexure(rng: random.Random) -> Rendered:
    r = _certificate(rng)
    fam = rng.choice(SERIF + SANS)
    c = a4_canvas()
    y = _header(c, fam, "PART B (Annexure)")
    rows = [("Name of the Employer", r["employer"]), ("TAN of the Employer", r["tan"]),
            ("PAN of the Employer", r["employer_pan"]), ("Name of the Employee", r["employee"]),
            ("PAN of the Employee", r["pan"]), ("Assessment Year", r["ay"]),
            ("Designation", rng.choice(["Senior Engineer", "Manager", "Executive", "Analyst"]))]
    for label, value in rows:
        c.text(110, y, label, fam, 19)
        c.text(560, y, f": {value}", fam, 19, bold=True)
        y += 44
    y += 30
    c.text(110, y, "Details of Salary Paid and any other income and tax deducted", fam, 20, bold=True)
    y += 56
    std = 50000 if r["first"] < 2025 else 75000
    taxable = max(0, r["gross"] - std)
    for label, amount in [("Gross Salary", r["gross"]), ("Less: Standard deduction u/s 16(ia)", std),
                          ("Income chargeable under the head Salaries", taxable),
                          ("Total taxable income", taxable), ("Tax on total income", r["tds"]),
                          ("Tax deducted at source u/s 192", r["tds"]), ("Tax payable / refundable", 0)]:
        c.text(130, y, label, fam, 19)
        c.text(1480, y, f"{amount:,}.00" if rng.random() < 0.5 else f"{amount}.00", fam, 19, align="r")
        y += 44
    c.text(110, y + 60, f"I, {rng.choice(['RAJESH', 'SUNITA', 'ANIL'])} {rng.choice(['MEHTA', 'RAO'])}, "
           f"working in the capacity of Authorised Signatory, certify that the tax has been deducted.", fam, 16)
    return Rendered(c.img, _truth(r), page="a4", dpi=200, canvas=c)


def table(rng: random.Random) -> Rendered:
    r = _certificate(rng)
    fam = rng.choice(SANS)
    c = a4_canvas()
    y = _header(c, fam, "PART A and PART B")
    cell = Cell(fam, fam, 17, 18)
    y = kv_table(c, 110, y, [
        ("Certificate No.", r["cert"]), ("Employer's Name", r["employer"]),
        ("Employer's Address", r["employer_address"]), ("TAN of the Deductor", r["tan"]),
        ("PAN of the Deductor", r["employer_pan"]), ("Employee's Name", r["employee"]),
        ("PAN of the Employee", r["pan"]), ("Assessment Year", r["ay"])], (560, 880), cell, pad=10)
    y = _quarters(c, fam, r, y + 40)
    c.text(110, y, "Whether opting out of taxation u/s 115BAC: No", fam, 18)
    y += 50
    for label, amount in [("1. Gross Salary", None), ("(a) Salary as per section 17(1)", r["gross"]),
                          ("(d) Total", r["gross"]), ("8. Gross total income", r["gross"]),
                          ("12. Tax on total income", r["tds"]), ("19. Net tax payable", r["tds"])]:
        c.text(130, y, label, fam, 18)
        if amount is not None:
            c.text(1480, y, f"{amount}.00", fam, 18, align="r")
        y += 40
    return Rendered(c.img, _truth(r) | {"certificate_number": r["cert"]}, page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"traces": traces, "annexure": annexure, "table": table}
A4_LAYOUTS = frozenset(LAYOUTS)
