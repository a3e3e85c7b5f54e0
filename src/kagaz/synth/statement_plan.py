"""What a synthetic statement will show, decided before anything is drawn.

:func:`plan_statement` picks the holder, account, IFSC, period, font and grid, then draws
transactions with narrations in the styles of Indian core-banking exports until the rows fill
the pages asked for, keeping a running balance that reconciles; with ``broken`` it inflates one
credit without touching the balances, as a forger would.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.identities import address, person, random_date
from kagaz.synth.layout import a4_canvas
from kagaz.synth.statement_houses import HOUSES, MONTHS, House
from kagaz.synth.statement_metrics import LINE, ROW_PAD, wrap

__all__ = ["StatementPlan", "Txn", "closing", "geometry", "plan_statement", "totals"]

_PAYEES = ["AMAZON PAY", "SWIGGY", "ZOMATO", "BIG BAZAAR", "RELIANCE RETAIL", "DMART",
           "FLIPKART", "IRCTC", "BESCOM", "MSEDCL", "AIRTEL", "JIO PREPAID", "TATA POWER",
           "APOLLO PHARMACY", "HP PETROL PUMP", "INDIAN OIL", "LIC OF INDIA", "MAKEMYTRIP"]
_COMPANIES = ["ACME TECHNOLOGIES PVT LTD", "SHREE GANESH TRADERS", "INFOSYS LIMITED",
              "SUNRISE ENTERPRISES", "BHARAT ELECTRICALS", "NAVKAR STEELS", "OM SAI MOTORS"]
_LENDERS = ["BAJAJ FINANCE LTD", "HDB FINANCIAL SERVICES", "TATA CAPITAL", "HOME CREDIT INDIA"]
_HANDLES = ["okaxis", "okhdfcbank", "oksbi", "ybl", "paytm", "ibl", "axl", "upi"]


@dataclass
class Txn:
    date: dt.date
    vdate: dt.date
    desc: str
    ref: str
    debit: Decimal | None
    credit: Decimal | None
    balance: Decimal
    lines: list[str] = field(default_factory=list)


def _money(rng: random.Random, lo: float, hi: float, whole: float = 0.6) -> Decimal:
    v = Decimal(str(round(lo * (hi / lo) ** rng.random(), 2)))
    return v.quantize(Decimal("1")) if rng.random() < whole else v.quantize(Decimal("0.01"))


def _narration(rng: random.Random, credit: bool, when: dt.date, holder: str) -> tuple[str, str]:
    """(narration, reference) in the styles of Indian core-banking exports."""
    ref12 = str(rng.randint(10**11, 10**12 - 1))
    name = person(rng).name.upper()
    k = rng.random()
    if credit:
        if k < 0.2:
            co = rng.choice(_COMPANIES)
            return f"NEFT-{rng.choice(['HDFC', 'ICIC', 'SBIN', 'UTIB'])}N{ref12}-{co}-SALARY " \
                   f"{MONTHS[when.month - 1].upper()} {when.year}", f"N{ref12[:10]}"
        if k < 0.55:
            return (f"UPI/CR/{ref12}/{name}/{rng.choice(['SBIN', 'HDFC', 'PUNB', 'KKBK'])}/"
                    f"{name.split()[0].lower()}{rng.randint(1, 99)}@{rng.choice(_HANDLES)}",
                    f"UPI-{ref12}")
        if k < 0.7:
            return f"IMPS-{ref12}-{name}-TRANSFER", ref12
        if k < 0.8:
            return "CASH DEPOSIT BY SELF", ""
        if k < 0.9:
            return f"INT.PD:{when:%d-%m-%Y}", ""
        return f"BY TRANSFER-NEFT*{rng.choice(_COMPANIES)}*{ref12}", ref12
    if k < 0.4:
        payee = rng.choice(_PAYEES + [name])
        return (f"UPI/DR/{ref12}/{payee}/{rng.choice(['YESB', 'ICIC', 'UTIB', 'PYTM'])}/"
                f"{payee.split()[0].lower()}@{rng.choice(_HANDLES)}/Payment", f"UPI-{ref12}")
    if k < 0.52:
        return (f"ATM-CASH WDL/{address(rng).city.upper()}/{rng.randint(1000, 9999)}",
                f"ATM{rng.randint(100000, 999999)}")
    if k < 0.64:
        return f"POS {rng.randint(400000, 499999)}XXXXXX{rng.randint(1000, 9999)} " \
               f"{rng.choice(_PAYEES)}", ""
    if k < 0.74:
        return f"ACH D- {rng.choice(_LENDERS)}-{rng.randint(10**6, 10**7)}", ""
    if k < 0.84:
        chq = f"{rng.randint(1, 999999):06d}"
        return f"CHQ PAID-MICR CTS-{rng.choice(['MU', 'DL', 'CH', 'KO'])}-{name}", chq
    if k < 0.92:
        return f"NEFT DR-{rng.choice(['HDFC', 'ICIC', 'SBIN'])}0{rng.randint(1000, 9999):06d}-" \
               f"{name}-NETBANK, MUM-N{ref12}", f"N{ref12[:10]}"
    return rng.choice(["SMS CHARGES FOR QTR", "DEBIT CARD ANNUAL FEE", "CONSOLIDATED CHARGES",
                       "MIN BAL CHARGES"]), ""


@dataclass
class StatementPlan:
    """A statement as planned: its house and styling choices, holder, account and period, and its
    transactions as they fall on pages (``("txn", Txn)`` or a balance row such as
    ``("opening", balance)``)."""

    house: House
    key: str
    rng: random.Random
    family: str
    size: float
    grouping: str
    holder: str
    title: str
    acct: str
    ifsc: str
    period: tuple[dt.date, dt.date]
    opening: Decimal
    txns: list[Txn]
    pages: list[list[tuple[str, Any]]]  # per page: ("txn", Txn) / ("row", label, balance) ...
    od: bool
    drcr_col: bool
    grid: str
    broken: list[int] = field(default_factory=list)
    cols: tuple[tuple[str, str, float], ...] = ()


def plan_statement(rng: random.Random, key: str, pages: int | None, broken: bool) -> StatementPlan:
    h = HOUSES[key]
    family = rng.choice(SANS + SANS + SERIF + (MONO if key in ("sbi", "pnb") else ()))
    size = rng.uniform(17.5, 20.5) if family not in MONO else rng.uniform(16, 18)
    p = person(rng)
    holder = (p.name.upper() if rng.random() < 0.85 else p.name)
    title = rng.choice(["", "MR. ", "MR ", "Mr. "] if p.gender == "MALE" else
                       ["", "MRS. ", "MS. ", "Ms. "])
    acct = h.acct_prefix + "".join(str(rng.randint(0, 9))
                                   for _ in range(h.acct_digits - len(h.acct_prefix)))
    if not h.acct_prefix:
        acct = str(rng.randint(1, 9)) + acct[1:]
    branch = (f"{rng.randint(0, 999999):06d}" if rng.random() < 0.85 else
              "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6)))
    start = random_date(rng, dt.date(2021, 1, 1), dt.date(2025, 6, 1)).replace(day=1)
    months = rng.choice([1, 3, 3, 6, 6, 12]) if pages is None or pages < 20 else 12
    end_m = start.month - 1 + months
    end = dt.date(start.year + end_m // 12, end_m % 12 + 1, 1) - dt.timedelta(days=1)
    d = StatementPlan(h, key, rng, family, size,
                      rng.choice(["indian", "western", "western", "none"]),
                      holder, title, acct, h.ifsc + "0" + branch, (start, end),
                      _money(rng, 2000, 400000, 0.2), [], [], key in ("kotak", "pnb") and
                      rng.random() < 0.25, key == "pnb" and rng.random() < 0.5,
                      rng.choice(["grid", "zebra", "rules", "none"]))
    d.cols = tuple((k, t, w + (90 if k == "amount" and not d.drcr_col else 0))
                   for k, t, w in h.cols if k != "drcr" or d.drcr_col)
    if d.od:
        d.opening = -_money(rng, 500, 20000, 0.2)
    target = pages if pages is not None else rng.choice([1, 1, 1, 2, 2, 3])
    _paginate(d, target, rng)
    if broken:
        cands = [i for i, t in enumerate(d.txns) if t.credit is not None and i > 0]
        if not cands:
            cands = [i for i in range(1, len(d.txns))] or [0]
        i = rng.choice(cands)
        t = d.txns[i]
        bump = Decimal(rng.choice([1000, 5000, 10000, 25000, 50000]))
        if t.credit is not None:
            t.credit += bump
        else:
            t.debit = (t.debit or Decimal(0)) + bump
        d.broken = [i]
    return d


def geometry(d: StatementPlan) -> dict[str, float]:
    """Where the table starts (page 1, later pages) and ends, its header's height and the room
    kept under the last page's rows for the summaries."""
    s = d.size
    return {"top1": 640.0 if d.key != "icici" else 720.0, "top": 250.0, "bottom": 2339 - 150,
            "head": s * (LINE * 2 + ROW_PAD) + 8, "summary": s * 14 + 120}


def _paginate(d: StatementPlan, target: int, rng: random.Random) -> None:
    c = a4_canvas()
    g = geometry(d)
    desc_w = dict((k, w) for k, _, w in d.cols)["desc"] - 16
    start, end = d.period
    balance = d.opening
    page: list[tuple[str, Any]] = []
    pages: list[list[tuple[str, Any]]] = []
    y = page_top = g["top1"] + g["head"]
    in_table = ["opening"] if d.key in ("axis", "kotak") else []
    if in_table:
        page.append(("opening", d.opening))
        y += d.size * (LINE + ROW_PAD)
    fill_last = rng.uniform(0.25, 0.85)
    cf = d.key == "kotak"
    while True:
        credit = rng.random() < (0.45 if balance < 3000 else 0.3)
        day = random_date(rng, start, end)
        desc, ref = _narration(rng, credit, day, d.holder)
        amount = _money(rng, 20, 60000 if credit else max(200.0, min(60000.0, float(abs(balance))
                                                                     * 0.6 + 200)))
        if not credit and not d.od and amount > balance:
            credit = True
            desc, ref = _narration(rng, True, day, d.holder)
        balance = balance + amount if credit else balance - amount
        t = Txn(day, day, desc, ref if d.key != "pnb" or rng.random() < 0.4 else "",
                None if credit else amount, amount if credit else None, balance)
        t.lines = wrap(c, desc, desc_w, d.family, d.size)
        hgt = d.size * (LINE * len(t.lines) + ROW_PAD)
        limit = g["bottom"] - (d.size * 2.4 if cf else 0)
        if y + hgt > limit:
            if cf:
                page.append(("cf", d.txns[-1].balance))
            pages.append(page)
            page = [("bf", d.txns[-1].balance)] if cf else []
            y = page_top = g["top"] + g["head"] + (d.size * (LINE + ROW_PAD) if cf else 0)
        page.append(("txn", t))
        d.txns.append(t)
        y += hgt
        last = len(pages) + 1 >= target
        room = g["bottom"] - g["summary"]
        if last and (y > page_top + fill_last * (room - page_top) or y > room):
            break
    pages.append(page)
    d.pages = pages
    # Dates: sorted over the period (value date sometimes a day later).
    days = sorted(rng.randint(0, (end - start).days) for _ in d.txns)
    for t, k in zip(d.txns, days, strict=True):
        t.date = start + dt.timedelta(days=k)
        t.vdate = t.date if rng.random() < 0.9 else min(end, t.date + dt.timedelta(days=1))


def totals(d: StatementPlan) -> tuple[Decimal, Decimal, int, int]:
    """(debits, credits, number of debits, number of credits)."""
    dr = sum((t.debit for t in d.txns if t.debit is not None), Decimal(0))
    cr = sum((t.credit for t in d.txns if t.credit is not None), Decimal(0))
    return dr, cr, sum(t.debit is not None for t in d.txns), sum(t.credit is not None
                                                                 for t in d.txns)


def closing(d: StatementPlan) -> Decimal:
    """The balance after the last transaction (the opening balance when there is none)."""
    return d.txns[-1].balance if d.txns else d.opening
