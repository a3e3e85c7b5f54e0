"""Bank statements in six house styles, one or many A4 pages, with balances that reconcile.

Houses (layout names) imitate the column orders and habits of Indian banks, not their artwork:

* ``sbi``: Txn Date, Value Date, Description, Ref No./Cheque No., Debit, Credit, Balance;
  dates "1 Apr 2024"; opening balance in the header ("Balance as on ...").
* ``hdfc``: Date, Narration, Chq./Ref.No., Value Dt, Withdrawal Amt., Deposit Amt., Closing
  Balance; dates "01/04/24"; a "STATEMENT SUMMARY" table on the last page.
* ``icici``: S No., Value Date, Transaction Date (value date first!), Cheque Number, Transaction
  Remarks, Withdrawal / Deposit / Balance (INR); an account summary table on page 1.
* ``axis``: Tran Date, Chq No, Particulars, Debit, Credit, Balance, Init. Br; "OPENING BALANCE",
  "TRANSACTION TOTAL" and "CLOSING BALANCE" rows inside the table.
* ``kotak``: #, Date ("01 Apr 24"), Description, Chq/Ref No., Withdrawal (Dr), Deposit (Cr),
  Balance with "(Cr)"/"(Dr)" suffixes; "Balance Carried/Brought Forward" rows at page breaks.
* ``pnb``: one Amount column with "Dr"/"Cr" (a suffix or a separate Dr/Cr column), balances
  with "Cr"/"Dr", dates "01-Apr-2024"; totals and closing balance under the table.

Every page repeats the bank banner, the column header row and "Page n of N". Narrations wrap
inside their column; the truth ``description`` is the printed lines joined with single spaces.
Truth amounts are ``"123456.78"``; a balance printed "Dr" (overdrawn) is ``"-123.00"``; empty
cells are None. :func:`render` takes ``pages`` (exact page count) and ``broken`` (inflate one
credit without touching the balances, as a forger would; ``Rendered.notes["broken_rows"]``
names the row). :func:`kagaz.synth.generator.statement` makes a whole statement document.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from kagaz.synth import graphics
from kagaz.synth.fonts import MONO, SANS, SERIF, font, font_path
from kagaz.synth.identities import address, person, random_date
from kagaz.synth.layout import A4_H, A4_W, LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "HOUSES", "LAYOUTS", "render", "statement"]

_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class House:
    bank: str
    ifsc: str  # 4-letter bank code
    acct_digits: int
    acct_prefix: str
    color: tuple[int, int, int]
    # (kind, title, width): kinds sno date vdate desc ref debit credit amount drcr balance branch
    cols: tuple[tuple[str, str, float], ...]
    date: str  # "dmy_slash4", "dmy_slash2", "dmy_dash", "d_mon_yyyy", "dd_mon_yy", "dd-mon-yyyy"
    suffix: str = ""  # balance suffix style: "", "(Cr)", " Cr"


HOUSES: dict[str, House] = {
    "sbi": House("State Bank of India", "SBIN", 11, "3", (20, 90, 160), (
        ("date", "Txn Date", 165), ("vdate", "Value\nDate", 165), ("desc", "Description", 470),
        ("ref", "Ref No./Cheque\nNo.", 240), ("debit", "Debit", 150), ("credit", "Credit", 150),
        ("balance", "Balance", 170)), "d_mon_yyyy"),
    "hdfc": House("HDFC Bank", "HDFC", 14, "50100", (0, 60, 130), (
        ("date", "Date", 125), ("desc", "Narration", 500), ("ref", "Chq./Ref.No.", 230),
        ("vdate", "Value Dt", 125), ("debit", "Withdrawal Amt.", 180),
        ("credit", "Deposit Amt.", 170), ("balance", "Closing Balance", 180)), "dmy_slash2"),
    "icici": House("ICICI Bank", "ICIC", 12, "", (170, 60, 20), (
        ("sno", "S No.", 70), ("vdate", "Value\nDate", 150), ("date", "Transaction\nDate", 150),
        ("ref", "Cheque\nNumber", 130), ("desc", "Transaction Remarks", 440),
        ("debit", "Withdrawal\nAmount (INR )", 190), ("credit", "Deposit\nAmount (INR )", 190),
        ("balance", "Balance (INR )", 190)), "dmy_slash4"),
    "axis": House("Axis Bank", "UTIB", 15, "91", (150, 20, 70), (
        ("date", "Tran Date", 160), ("ref", "Chq No", 120), ("desc", "Particulars", 560),
        ("debit", "Debit", 160), ("credit", "Credit", 160), ("balance", "Balance", 190),
        ("branch", "Init.\nBr", 90)), "dmy_dash"),
    "kotak": House("Kotak Mahindra Bank", "KKBK", 10, "", (200, 20, 40), (
        ("sno", "#", 55), ("date", "Date", 140), ("desc", "Description", 520),
        ("ref", "Chq/Ref No.", 210), ("debit", "Withdrawal (Dr)", 180),
        ("credit", "Deposit (Cr)", 170), ("balance", "Balance", 215)), "dd_mon_yy", "(Cr)"),
    "pnb": House("Punjab National Bank", "PUNB", 16, "", (150, 30, 40), (
        ("date", "Txn Date", 175), ("desc", "Narration", 570), ("ref", "Cheque No.", 170),
        ("amount", "Amount", 220), ("drcr", "Dr/Cr", 90), ("balance", "Balance", 245)),
        "dd-mon-yyyy", " Cr"),
}

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


def _fmt_date(d: dt.date, how: str) -> str:
    if how == "dmy_slash4":
        return f"{d:%d/%m/%Y}"
    if how == "dmy_slash2":
        return f"{d:%d/%m/%y}"
    if how == "dmy_dash":
        return f"{d:%d-%m-%Y}"
    if how == "d_mon_yyyy":
        return f"{d.day} {_MON[d.month - 1]} {d.year}"
    if how == "dd_mon_yy":
        return f"{d.day:02d} {_MON[d.month - 1]} {d.year % 100:02d}"
    return f"{d.day:02d}-{_MON[d.month - 1]}-{d.year}"


def _group(v: Decimal, style: str) -> str:
    s = f"{abs(v):.2f}"
    whole, frac = s.split(".")
    if style == "indian" and len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        whole = ",".join([head, *parts, tail]) if head else ",".join([*parts, tail])
    elif style == "western":
        whole = f"{int(whole):,}"
    return f"{whole}.{frac}"


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
                   f"{_MON[when.month - 1].upper()} {when.year}", f"N{ref12[:10]}"
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


_WIDTHS: dict[tuple[str, int, bool], dict[str, float]] = {}


def _measure(text: str, family: str, size: float, bold: bool = False) -> float:
    """Advance width in pixels (A4 canvases have scale 1), from cached per-character widths:
    Pillow's shaped ``getlength`` costs a millisecond a call, and statements have thousands."""
    px = max(6, int(round(size)))
    table = _WIDTHS.setdefault((family, px, bold), {})
    total = 0.0
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = font(family, px, bold).getlength(ch)
        total += w
    return total


def _fit(text: str, family: str, size: float, width: float) -> float:
    w = _measure(text, family, size)
    return size if w <= width else size * width / w


def _wrap(c: Canvas, text: str, width: float, family: str, size: float) -> list[str]:
    """Greedy wrap at spaces, then at "/" or "-", then anywhere (as core banking prints)."""
    lines: list[str] = []
    rest = text
    while rest:
        if _measure(rest, family, size) <= width:
            lines.append(rest)
            break
        lo, hi = 1, len(rest)  # the longest prefix that fits, by bisection
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if _measure(rest[:mid], family, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        piece = rest[:cut]
        for sep in (" ", "/", "-", "*"):
            j = piece.rfind(sep)
            if j > cut // 3:
                piece = piece[: j + (0 if sep == " " else 1)]
                break
        lines.append(piece.rstrip())
        rest = rest[len(piece):].lstrip()
    return lines


@dataclass
class _Doc:
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


def _amount_text(d: _Doc, v: Decimal | None) -> str:
    return "" if v is None else _group(v, d.grouping)


def _balance_text(d: _Doc, v: Decimal) -> str:
    s = _group(v, d.grouping)
    suf = d.house.suffix
    if suf == "(Cr)":
        return s + ("(Dr)" if v < 0 else "(Cr)")
    if suf == " Cr":
        return s + (" Dr" if v < 0 else " Cr")
    return ("-" if v < 0 else "") + s


def _plan(rng: random.Random, key: str, pages: int | None, broken: bool) -> _Doc:
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
    d = _Doc(h, key, rng, family, size, rng.choice(["indian", "western", "western", "none"]),
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


_ROW_PAD = 0.62  # padding above+below a row, in font sizes
_LINE = 1.28


def _geometry(d: _Doc) -> dict[str, float]:
    s = d.size
    return {"top1": 640.0 if d.key != "icici" else 720.0, "top": 250.0, "bottom": 2339 - 150,
            "head": s * (_LINE * 2 + _ROW_PAD) + 8, "summary": s * 14 + 120}


def _paginate(d: _Doc, target: int, rng: random.Random) -> None:
    c = a4_canvas()
    g = _geometry(d)
    desc_w = dict((k, w) for k, _, w in d.cols)["desc"] - 16
    start, end = d.period
    balance = d.opening
    page: list[tuple[str, Any]] = []
    pages: list[list[tuple[str, Any]]] = []
    y = page_top = g["top1"] + g["head"]
    in_table = ["opening"] if d.key in ("axis", "kotak") else []
    if in_table:
        page.append(("opening", d.opening))
        y += d.size * (_LINE + _ROW_PAD)
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
        t.lines = _wrap(c, desc, desc_w, d.family, d.size)
        hgt = d.size * (_LINE * len(t.lines) + _ROW_PAD)
        limit = g["bottom"] - (d.size * 2.4 if cf else 0)
        if y + hgt > limit:
            if cf:
                page.append(("cf", d.txns[-1].balance))
            pages.append(page)
            page = [("bf", d.txns[-1].balance)] if cf else []
            y = page_top = g["top"] + g["head"] + (d.size * (_LINE + _ROW_PAD) if cf else 0)
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


def _draw_table_header(c: Canvas, d: _Doc, x0: float, y: float) -> float:
    s = d.size * 0.95
    hgt = _geometry(d)["head"]
    fill = graphics.tint(d.house.color, d.rng, 10) if d.grid != "none" else None
    light = tuple(min(255, 200 + v // 5) for v in d.house.color)
    total = sum(w for _, _, w in d.cols)
    if fill and d.rng.random() < 0.5:
        c.rect((x0, y, x0 + total, y + hgt), fill=light)  # type: ignore[arg-type]
    elif d.grid != "none":
        c.line([(x0, y), (x0 + total, y)], fill=(60, 60, 60), width=2)
    x = x0
    for kind, title, w in d.cols:
        parts = title.split("\n")
        ty = y + 4 + (s * _LINE * (2 - len(parts))) / 2
        for part in parts:
            if kind in ("debit", "credit", "amount", "balance"):
                c.text(x + w - 8, ty, part, d.family, s, bold=True, align="r")
            elif kind in ("drcr", "branch", "sno"):
                c.text(x + w / 2, ty, part, d.family, s, bold=True, align="m")
            else:
                c.text(x + 8, ty, part, d.family, s, bold=True)
            ty += s * _LINE
        x += w
    c.line([(x0, y + hgt), (x0 + total, y + hgt)], fill=(60, 60, 60), width=2)
    return y + hgt


def _cells(d: _Doc, t: Txn, i: int) -> dict[str, str]:
    h = d.house
    amt = t.debit if t.debit is not None else t.credit
    mark = "Dr" if t.debit is not None else "Cr"
    out = {"sno": str(i + 1), "date": _fmt_date(t.date, h.date), "vdate": _fmt_date(t.vdate, h.date),
           "ref": t.ref, "debit": _amount_text(d, t.debit), "credit": _amount_text(d, t.credit),
           "balance": _balance_text(d, t.balance), "branch": str(d.rng.randint(100, 999)),
           "drcr": mark.upper() if d.drcr_col else ""}
    out["amount"] = _amount_text(d, amt) + ("" if d.drcr_col else " " + mark)
    if d.key == "sbi" and not t.ref and d.rng.random() < 0.5:
        out["ref"] = "TRANSFER FROM" if t.credit is not None else "TRANSFER TO"
    return out


def _draw_row(c: Canvas, d: _Doc, x0: float, y: float, cells: dict[str, str],
              lines: list[str], shade: bool) -> float:
    s = d.size
    hgt = s * (_LINE * max(1, len(lines)) + _ROW_PAD)
    total = sum(w for _, _, w in d.cols)
    if shade:
        c.rect((x0, y, x0 + total, y + hgt), fill=(242, 244, 247))
    ty = y + s * _ROW_PAD / 2
    x = x0
    for kind, _, w in d.cols:
        if kind == "desc":
            for k, line in enumerate(lines):
                c.text(x + 8, ty + k * s * _LINE, line, d.family, s)
        elif kind in ("debit", "credit", "amount", "balance"):
            c.text(x + w - 8, ty, cells.get(kind, ""), d.family, s, align="r")
        elif kind in ("drcr", "branch", "sno"):
            c.text(x + w / 2, ty, cells.get(kind, ""), d.family, s, align="m")
        else:
            text = cells.get(kind, "")
            c.text(x + 8, ty, text, d.family, min(s, _fit(text, d.family, s, w - 14)))
        x += w
    if d.grid in ("grid", "rules"):
        c.line([(x0, y + hgt), (x0 + total, y + hgt)], fill=(170, 170, 170), width=1)
    return y + hgt


def _banner(c: Canvas, d: _Doc, n: int, total: int) -> None:
    col = d.house.color
    c.rect((0, 0, c.w, 14), fill=col)
    c.text(80, 50, d.house.bank.upper() if d.rng.random() < 0.5 else d.house.bank,
           d.family, 44, bold=True, fill=col)
    c.text(c.w - 80, 60, "Statement of Account", d.family, 28, bold=True, align="r")
    foot = {"hdfc": f"Page No .: {n}", "axis": f"Page {n} of {total}"}.get(d.key,
                                                                          f"Page {n} of {total}")
    c.text(c.w / 2, 2339 - 95, foot, d.family, 18, align="m", fill=(80, 80, 80))
    c.text(80, 2339 - 60, "This is a computer generated statement and does not require a "
           "signature.", d.family, 16, fill=(110, 110, 110))
    if n > 1:
        c.text(80, 140, f"Account No : {d.acct}", d.family, 22)
        c.text(c.w - 80, 140, d.holder, d.family, 22, align="r")


def _details(c: Canvas, d: _Doc) -> None:
    """Page 1: holder, account, IFSC, period and (some houses) opening balance."""
    h, rng = d.house, d.rng
    a = address(rng)
    s = 23.0
    start, end = (_fmt_date(x, h.date) for x in d.period)
    y = 150.0
    c.text(80, y, f"{d.title}{d.holder}", d.family, s + 2, bold=True)
    for line in (", ".join(a.parts[:2]), ", ".join(a.parts[2:]), f"{a.state} - {a.pin}"):
        y += s * 1.5
        c.text(80, y, line, d.family, s)
    label = {"sbi": "Account Number", "hdfc": "Account No", "icici": "A/C No",
             "axis": "Account No", "kotak": "Account No.", "pnb": "Account Number"}[d.key]
    ifsc_label = {"sbi": "IFS Code", "hdfc": "RTGS/NEFT IFSC", "icici": "IFSC",
                  "axis": "IFSC Code", "kotak": "IFSC Code", "pnb": "IFSC"}[d.key]
    rows = [("Customer ID", str(rng.randint(10**7, 10**9))), (label, d.acct),
            ("Account Type", rng.choice(["SAVINGS", "Savings Account", "CURRENT ACCOUNT"])),
            ("Branch", f"{a.city.upper()} MAIN"), (ifsc_label, d.ifsc),
            ("MICR", str(rng.randint(10**8, 10**9 - 1))), ("Currency", "INR")]
    if d.key == "sbi":
        rows.insert(0, ("Account Name", f"{d.title}{d.holder}"))
    rng.shuffle(rows)
    y = 150.0
    lx, vx = 900, 900 + 250
    for lab, val in rows:
        c.text(lx, y, lab, d.family, s)
        c.text(vx, y, ": " + val, d.family, s)
        y += s * 1.5
    y = max(y, 150 + s * 1.5 * 4) + 30
    period = {"sbi": f"Account Statement from {start} to {end}",
              "hdfc": f"Statement From : {start} To : {end}",
              "icici": f"Transaction Period: From {start} To {end}",
              "axis": f"Statement of Account No : {d.acct} for the period (From : {start} "
                      f"To : {end})",
              "kotak": f"Period : {start} to {end}",
              "pnb": f"Statement for the period {start} to {end}"}[d.key]
    c.text(80, y, period, d.family, s, bold=True)
    y += s * 1.8
    if d.key == "sbi":
        c.text(80, y, f"Balance as on {start} : {_balance_text(d, d.opening)}", d.family, s)
    if d.key == "icici":
        _summary_table(c, d, 80, y + 10, ("Opening Balance", "Total Withdrawals",
                                          "Total Deposits", "Closing Balance"))


def _totals(d: _Doc) -> tuple[Decimal, Decimal, int, int]:
    dr = sum((t.debit for t in d.txns if t.debit is not None), Decimal(0))
    cr = sum((t.credit for t in d.txns if t.credit is not None), Decimal(0))
    return dr, cr, sum(t.debit is not None for t in d.txns), sum(t.credit is not None
                                                                 for t in d.txns)


def _closing(d: _Doc) -> Decimal:
    return d.txns[-1].balance if d.txns else d.opening


def _summary_table(c: Canvas, d: _Doc, x: float, y: float, titles: tuple[str, ...]) -> float:
    dr, cr, ndr, ncr = _totals(d)
    vals = {"Opening Balance": _balance_text(d, d.opening), "Closing Balance":
            _balance_text(d, _closing(d)), "Closing Bal": _balance_text(d, _closing(d)),
            "Total Withdrawals": _amount_text(d, dr), "Total Deposits": _amount_text(d, cr),
            "Debits": _amount_text(d, dr), "Credits": _amount_text(d, cr),
            "Dr Count": str(ndr), "Cr Count": str(ncr)}
    w = 1490 / len(titles)
    for i, t in enumerate(titles):
        c.text(x + i * w + w - 20, y, t, d.family, 21, bold=True, align="r")
        c.text(x + i * w + w - 20, y + 36, vals[t], d.family, 21, align="r")
    return y + 80


def _end(c: Canvas, d: _Doc, y: float) -> None:
    """Last page, under the table: summaries and closing balance, by house."""
    y += 30
    dr, cr, _, _ = _totals(d)
    s = 21.0
    if d.key == "hdfc":
        c.text(80, y, "STATEMENT SUMMARY :-", d.family, s, bold=True)
        _summary_table(c, d, 80, y + 40, ("Opening Balance", "Dr Count", "Cr Count", "Debits",
                                          "Credits", "Closing Bal"))
    elif d.key == "sbi":
        c.text(80, y, f"Closing Balance as on {_fmt_date(d.period[1], d.house.date)} : "
               f"{_balance_text(d, _closing(d))}", d.family, s, bold=True)
    elif d.key == "pnb":
        for lab, val in (("Opening Balance", _balance_text(d, d.opening)),
                         ("Total Debit", _amount_text(d, dr)), ("Total Credit", _amount_text(d, cr)),
                         ("Closing Balance", _balance_text(d, _closing(d)))):
            c.text(80, y, lab, d.family, s)
            c.text(420, y, ": " + val, d.family, s)
            y += s * 1.6
    c.text(c.w / 2, max(y + 120, 2339 - 200), "*** End of Statement ***", d.family, 20,
           align="m")


class _PdfOnlyCanvas(Canvas):
    """A canvas that only records (for born-digital PDFs of many pages): no pixels are drawn,
    which makes a 60-page statement cheap to produce."""

    def __init__(self) -> None:
        super().__init__(1, 1, 1.0, (255, 255, 255), dpi=200)
        self.width, self.height, self.w, self.h = A4_W, A4_H, float(A4_W), float(A4_H)

    def text(self, x: float, y: float, text: str, family: str = "dejavu_sans",  # type: ignore[override]
             size: float = 20, *, bold: bool = False, fill: tuple[int, int, int] = (0, 0, 0),
             align: str = "l", deva: str = "deva_sans") -> float:
        if not text:
            return 0.0
        px = max(6, self.px(size))
        f = font(family, px, bold)
        total = _measure(text, family, px, bold)
        x0 = self.X(x) - (total / 2 if align == "m" else total if align == "r" else 0)
        baseline = self.Y(y) + f.getmetrics()[0]
        self.ops.append(("text", float(x0), baseline, text, font_path(family, bold), f.size, fill,
                         False))
        return total / self.scale


def _draw(d: _Doc, digital_only: bool = False) -> list[Canvas]:
    canvases = []
    total = len(d.pages)
    g = _geometry(d)
    x0 = (1654 - sum(w for _, _, w in d.cols)) / 2
    i = 0
    for n, page in enumerate(d.pages, 1):
        c = _PdfOnlyCanvas() if digital_only else a4_canvas()
        _banner(c, d, n, total)
        if n == 1:
            _details(c, d)
        y = _draw_table_header(c, d, x0, g["top1"] if n == 1 else g["top"])
        for k, item in enumerate(page):
            shade = d.grid == "zebra" and k % 2 == 1
            if item[0] == "txn":
                t = item[1]
                y = _draw_row(c, d, x0, y, _cells(d, t, i), t.lines, shade)
                i += 1
            else:
                label = {"opening": "OPENING BALANCE" if d.key == "axis" else "Opening Balance",
                         "cf": "Balance Carried Forward", "bf": "Balance Brought Forward"}[item[0]]
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, item[1])}, [label], shade)
        if n == total:
            if d.key == "axis":
                dr, cr, _, _ = _totals(d)
                y = _draw_row(c, d, x0, y, {"debit": _amount_text(d, dr),
                                            "credit": _amount_text(d, cr)},
                              ["TRANSACTION TOTAL"], False)
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, _closing(d))},
                              ["CLOSING BALANCE"], False)
            if d.key == "kotak":
                y = _draw_row(c, d, x0, y, {"balance": _balance_text(d, _closing(d))},
                              ["Closing Balance"], False)
            _end(c, d, y)
        canvases.append(c)
    return canvases


def _amt(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:.2f}"


def _truth(d: _Doc) -> dict[str, Any]:
    return {
        "bank_name": d.house.bank,
        "account_holder_name": d.holder,
        "account_number": d.acct,
        "ifsc": d.ifsc,
        "statement_period_from": f"{d.period[0]:%d/%m/%Y}",
        "statement_period_to": f"{d.period[1]:%d/%m/%Y}",
        "opening_balance": _amt(d.opening),
        "closing_balance": _amt(_closing(d)),
        "transactions": [
            {"date": f"{t.date:%d/%m/%Y}", "description": " ".join(t.lines),
             "debit": _amt(t.debit), "credit": _amt(t.credit), "balance": _amt(t.balance)}
            for t in d.txns
        ],
    }


def render(rng: random.Random, house: str | None = None, *, pages: int | None = None,
           broken: bool = False, digital_only: bool = False) -> Rendered:
    """One statement of ``house`` (random if None), ``pages`` long (1–3 if None).

    ``digital_only`` records the drawing for :func:`~kagaz.synth.render.to_pdf` without
    drawing pixels (the images are then blank): only the ``pdf_text`` variant may use it.
    """
    key = house or rng.choice(sorted(HOUSES))
    d = _plan(rng, key, pages, broken)
    canvases = _draw(d, digital_only)
    return Rendered(canvases[0].img, _truth(d), page="a4", dpi=200, canvas=canvases[0],
                    pages=[c.img for c in canvases], canvases=canvases,
                    notes={"house": key, "broken_rows": list(d.broken)})


LAYOUTS: dict[str, LayoutFn] = {key: partial(render, house=key) for key in HOUSES}
A4_LAYOUTS = frozenset(HOUSES)
