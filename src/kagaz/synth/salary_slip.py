"""Pay slips, three employers' designs.

What every pay slip prints (:mod:`kagaz.doctypes.salary_slip`): the employer's name and address,
the title and month, the employee's particulars (name, code, designation, PAN on most), the
earnings and deductions with their totals, and the net pay.

* ``corporate``: the company's name and address centred, "Payslip for the month of March 2025",
  particulars in two label : value columns, one table with Earnings | Amount | Deductions |
  Amount, "Gross Earnings" and "Total Deductions" on one row, then "Net Pay" and its words.
* ``compact``: a small firm's slip: "SALARY SLIP - MAR 2025" (or "Mar-25"), particulars in a ruled
  label | value table, earnings and then deductions as two tables one under the other, "Gross
  Salary", "Total Deduction", "Net Salary Payable".
* ``payroll``: payroll software: the company at the left, "Payslip" at the right, "Pay Period"
  from the 1st to the last of the month (or "03/2025"), an employee summary, earnings and
  deductions side by side, and a "Total Net Payable" box.

Truth: names as printed, ``pay_period`` ``MM/YYYY``, amounts ``"63000.00"``; ``pan_number``
only where printed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from kagaz.synth.billing import amount_words, inr
from kagaz.synth.certificates import Cell, business, kv_table
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date, pan_number, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_DESIGNATIONS = ["Software Engineer", "Sales Executive", "Accountant", "Senior Manager",
                 "Machine Operator", "Team Lead", "HR Executive", "Nurse", "Teacher"]
_DEPARTMENTS = ["Engineering", "Sales", "Finance", "Operations", "Production", "HR"]


def _slip(rng: random.Random) -> dict:
    firm = business(rng, constitutions=("Private Limited Company", "Public Limited Company",
                                        "Limited Liability Partnership"))
    p = person(rng)
    month = random_date(rng, dt.date(2021, 1, 1), dt.date(2025, 10, 31)).replace(day=1)
    basic = rng.randint(8, 90) * 1000
    earnings = [("Basic", basic), ("House Rent Allowance", basic // 2),
                ("Conveyance Allowance", rng.choice([1600, 1920, 0])),
                ("Special Allowance", rng.randint(0, 40) * 500)]
    earnings = [(k, v) for k, v in earnings if v]
    gross = sum(v for _, v in earnings)
    deductions = [("Provident Fund", min(1800, basic * 12 // 100)), ("Professional Tax", 200),
                  ("Income Tax", max(0, (gross - 50000) // 10 // 100 * 100))]
    deductions = [(k, v) for k, v in deductions if v]
    total = sum(v for _, v in deductions)
    return {"employer": firm.legal_name, "address": firm.address, "employee": p.name.upper()
            if rng.random() < 0.6 else p.name, "pan": pan_number(rng, p.surname), "month": month,
            "earnings": earnings, "deductions": deductions, "gross": gross, "total": total,
            "net": gross - total, "code": f"{rng.choice(['EMP', 'E', 'KF', ''])}{rng.randint(100, 99999)}",
            "designation": rng.choice(_DESIGNATIONS), "department": rng.choice(_DEPARTMENTS),
            "joined": fmt_date(random_date(rng, dt.date(2008, 1, 1), month - dt.timedelta(days=40)))}


def _truth(r: dict, *, pan: bool) -> dict:
    out = {"employer_name": r["employer"], "employee_name": r["employee"],
           "pay_period": f"{r['month'].month:02d}/{r['month'].year}", "gross_pay": f"{r['gross']}.00",
           "net_pay": f"{r['net']}.00", "total_deductions": f"{r['total']}.00"}
    return out | ({"pan_number": r["pan"]} if pan else {})


def _money(rng: random.Random, v: int) -> str:
    return inr(v) if rng.random() < 0.7 else f"{v}.00"


def _words(net: int) -> str:
    return f"Rupees {amount_words(net)} Only"


def corporate(rng: random.Random) -> Rendered:
    r = _slip(rng)
    fam = rng.choice(SANS + SERIF)
    c = a4_canvas()
    c.text(c.w / 2, 80, r["employer"], fam, 30, bold=True, align="m")
    c.text(c.w / 2, 130, r["address"], fam, 16, align="m")
    c.text(c.w / 2, 190, f"Payslip for the month of {r['month']:%B %Y}", fam, 23, bold=True, align="m")
    pan = rng.random() < 0.8
    left = [("Employee Name", r["employee"]), ("Employee ID", r["code"]), ("Designation", r["designation"]),
            ("Department", r["department"])]
    right = [("Date of Joining", r["joined"]), ("PAN", r["pan"] if pan else None),
             ("Days Paid", str(calendar.monthrange(r["month"].year, r["month"].month)[1])),
             ("Bank A/c No.", str(rng.randint(10**10, 10**12)))]
    y = 260.0
    for (la, va), (lb, vb) in zip(left, right, strict=True):
        c.text(110, y, la, fam, 18)
        c.text(360, y, f": {va}", fam, 18, bold=True)
        if vb is not None:
            c.text(880, y, lb, fam, 18)
            c.text(1120, y, f": {vb}", fam, 18, bold=True)
        y += 40
    y += 30
    _side_by_side(c, fam, r, y, rng, ("Earnings", "Amount", "Deductions", "Amount"),
                  ("Gross Earnings", "Total Deductions"))
    y += 60 + 40 * (max(len(r["earnings"]), len(r["deductions"])) + 1) + 40
    c.text(110, y, "Net Pay", fam, 22, bold=True)
    c.text(560, y, _money(rng, r["net"]), fam, 22, bold=True)
    c.text(110, y + 44, f"({_words(r['net'])})", fam, 17)
    c.text(c.w / 2, y + 140, "This is a computer generated payslip and does not require a signature.",
           fam, 15, align="m")
    return Rendered(c.img, _truth(r, pan=pan), page="a4", dpi=200, canvas=c)


def _side_by_side(c: Canvas, fam: str, r: dict, y: float, rng: random.Random,
                  heads: tuple[str, str, str, str], totals: tuple[str, str]) -> None:
    xs = (110, 620, 860, 1370)
    c.rect((100, y - 10, 1560, y + 36), fill=(225, 230, 240))
    for x, h in zip(xs, heads, strict=True):
        c.text(x, y, h, fam, 18, bold=True)
    y += 50
    for k in range(max(len(r["earnings"]), len(r["deductions"]))):
        if k < len(r["earnings"]):
            c.text(xs[0], y, r["earnings"][k][0], fam, 18)
            c.text(xs[1], y, _money(rng, r["earnings"][k][1]), fam, 18)
        if k < len(r["deductions"]):
            c.text(xs[2], y, r["deductions"][k][0], fam, 18)
            c.text(xs[3], y, _money(rng, r["deductions"][k][1]), fam, 18)
        y += 40
    c.line([(100, y - 6), (1560, y - 6)], fill=(90, 90, 90), width=1.5)
    c.text(xs[0], y, totals[0], fam, 18, bold=True)
    c.text(xs[1], y, _money(rng, r["gross"]), fam, 18, bold=True)
    c.text(xs[2], y, totals[1], fam, 18, bold=True)
    c.text(xs[3], y, _money(rng, r["total"]), fam, 18, bold=True)


def compact(rng: random.Random) -> Rendered:
    r = _slip(rng)
    fam = rng.choice(SANS)
    c = a4_canvas()
    r["employer"] = r["employer"].upper()
    c.text(110, 80, r["employer"], fam, 28, bold=True)
    c.text(110, 125, r["address"], fam, 16)
    month = f"{r['month']:%b}".upper() + (f" {r['month'].year}" if rng.random() < 0.5 else f"-{r['month']:%y}")
    c.text(110, 185, f"SALARY SLIP - {month}", fam, 24, bold=True)
    pan = rng.random() < 0.5
    rows = [("Name", r["employee"]), ("Emp Code", r["code"]), ("Designation", r["designation"])]
    rows += [("PAN No.", r["pan"])] if pan else []
    rows += [("Date of Joining", r["joined"])]
    cell = Cell(fam, fam, 18, 19)
    y = kv_table(c, 110, 240, rows, (420, 700), cell, pad=9)
    y += 40
    for title, items, label, total in (("EARNINGS", r["earnings"], "Gross Salary", r["gross"]),
                                       ("DEDUCTIONS", r["deductions"], "Total Deduction", r["total"])):
        c.text(110, y, title, fam, 19, bold=True)
        y += 40
        for name, value in items:
            c.text(130, y, name, fam, 18)
            c.text(900, y, _money(rng, value), fam, 18, align="r")
            y += 36
        c.text(130, y, label, fam, 18, bold=True)
        c.text(900, y, _money(rng, total), fam, 18, bold=True, align="r")
        y += 60
    c.text(110, y, f"Net Salary Payable : Rs. {_money(rng, r['net'])}", fam, 21, bold=True)
    c.text(110, y + 40, _words(r["net"]), fam, 17)
    c.text(1100, y + 160, "Authorised Signatory", fam, 17)
    return Rendered(c.img, _truth(r, pan=pan), page="a4", dpi=200, canvas=c)


def payroll(rng: random.Random) -> Rendered:
    r = _slip(rng)
    fam = rng.choice(SANS)
    c = a4_canvas()
    c.text(110, 80, r["employer"], fam, 26, bold=True)
    c.text(110, 122, r["address"][:80], fam, 15)
    c.text(1540, 80, "Payslip", fam, 30, bold=True, align="r")
    m = r["month"]
    last = m.replace(day=calendar.monthrange(m.year, m.month)[1])
    period = f"{fmt_date(m)} - {fmt_date(last)}" if rng.random() < 0.6 else f"{m.month:02d}/{m.year}"
    c.text(1540, 130, f"Pay Period : {period}", fam, 17, align="r")
    c.line([(100, 175), (1560, 175)], fill=(120, 120, 120), width=2)
    c.text(110, 200, "EMPLOYEE SUMMARY", fam, 17, bold=True, fill=(90, 90, 90))
    pan = rng.random() < 0.7
    rows = [("Employee Name", r["employee"]), ("Employee ID", r["code"]),
            ("Pay Date", fmt_date(last + dt.timedelta(days=rng.randint(1, 7))))]
    rows += [("PAN", r["pan"])] if pan else []
    y = 245.0
    for label, value in rows:
        c.text(110, y, label, fam, 17, fill=(90, 90, 90))
        c.text(420, y, f": {value}", fam, 18, bold=True)
        y += 38
    y += 40
    _side_by_side(c, fam, r, y, rng, ("EARNINGS", "AMOUNT", "DEDUCTIONS", "AMOUNT"),
                  ("Gross Earnings", "Total Deductions"))
    y += 60 + 40 * (max(len(r["earnings"]), len(r["deductions"])) + 1) + 50
    c.rect((100, y, 1560, y + 90), fill=(232, 246, 236), outline=(80, 150, 100), width=1.5)
    c.text(130, y + 14, "Total Net Payable", fam, 21, bold=True)
    c.text(1520, y + 14, f"Rs. {_money(rng, r['net'])}", fam, 22, bold=True, align="r")
    c.text(130, y + 52, f"Amount In Words : Indian {_words(r['net'])}", fam, 15)
    return Rendered(c.img, _truth(r, pan=pan), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"corporate": corporate, "compact": compact, "payroll": payroll}
A4_LAYOUTS = frozenset(LAYOUTS)
