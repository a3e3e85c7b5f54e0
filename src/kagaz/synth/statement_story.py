"""Synthetic statements with a story: planted salary, EMIs, returns and cash, known row by row.

:func:`plan_story` lives an account holder's months: pay from one employer on the last working
day or the first of each month (sometimes an increment); one to three loans repaid by
NACH/ACH/ECS mandates on a fixed day; mandate returns (posted then taken back, or only the
charge), inward-cheque and outward-cheque returns with the bank's penalty charge; cash deposits
and withdrawals; and everyday noise (UPI to and from people and merchants, card purchases, bills,
SIPs by mandate, business NEFT credits of varying amounts, the employer's reimbursements and
bonuses, rent received from a person). Narrations are written the way each bank's core system
writes them (the ``house``: ``sbi``, ``hdfc``, ``icici``, ``axis``, ``kotak``, ``pnb``), HDFC's
salary without the word "salary" as it often is.

The ground truth comes from the plan, not from reading the rows back: :class:`Story` holds, per
row, what was planted (``kinds``) and its category (``categories``), the loans' rows and the
return events.
:func:`render_story` draws the story in the house's layout (:mod:`kagaz.synth.statement_drawing`)
for end-to-end runs through the engine.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from kagaz.synth.identities import person
from kagaz.synth.layout import Rendered, a4_canvas
from kagaz.synth.statement_drawing import draw_pages
from kagaz.synth.statement_houses import HOUSES, MONTHS
from kagaz.synth.statement_metrics import LINE, ROW_PAD, wrap
from kagaz.synth.statement_plan import StatementPlan, Txn, geometry, plan_statement

__all__ = ["Story", "plan_story", "render_story"]

# The category of each planted kind; other planted rows (the employer's other payments, rent
# received, a deposited cheque) are transfers.
_CATEGORY = {"salary": "salary", "emi": "emi", "bounce": "bounce", "bounce_charge": "charges",
             "cash_in": "cash", "cash_out": "cash"}

_EMPLOYERS = ["INFOSYS LIMITED", "TATA CONSULTANCY SERVICES LTD", "WIPRO LIMITED", "ACME TECHNOLOGIES PVT LTD",
              "SUNRISE HOSPITALS PVT LTD", "BHARAT ELECTRICALS LTD", "NAVKAR STEELS PVT LTD", "ZENITH SOFTWARE SOLUTIONS"]
_LENDERS = ["BAJAJ FINANCE LTD", "HDB FINANCIAL SERVICES", "TATA CAPITAL LTD", "HOME CREDIT INDIA",
            "L AND T FINANCE LTD", "MUTHOOT FINANCE", "IDFC FIRST BANK",
            # invented app lenders, in no list the rules know: only recurrence can find them
            "QUIKRUPEE", "PAISAPLUS"]
_TRADERS = ["SHREE GANESH TRADERS", "OM SAI MOTORS PVT LTD", "KRISHNA ENTERPRISES", "GLOBAL AGENCIES"]
_MERCHANTS = ["SWIGGY", "ZOMATO", "DMART", "RELIANCE RETAIL", "FLIPKART", "IRCTC", "APOLLO PHARMACY"]
_BILLS = ["BESCOM", "MSEDCL", "AIRTEL", "JIO PREPAID", "TATA POWER"]
_HANDLES = ["okaxis", "okhdfcbank", "oksbi", "ybl", "paytm", "ibl", "axl"]
_BANKS = ["HDFC", "ICIC", "SBIN", "UTIB", "KKBK", "PUNB"]


@dataclass
class Story:
    """A planned ledger and what was planted in it (row indexes are the rows' order)."""

    house: str
    opening: Decimal
    period: tuple[dt.date, dt.date]
    rows: list[Txn] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # salary, emi, bounce, bounce_charge, cash_in, cash_out, ""
    categories: list[str] = field(default_factory=list)  # each row's category as planted
    loans: dict[str, list[int]] = field(default_factory=dict)  # lender: rows
    returns: list[list[int]] = field(default_factory=list)  # rows of each return event
    employer: str = ""
    account: str = ""  # printed on every statement drawn of this story
    holder: str = ""

    def transactions(self) -> list[dict[str, str | None]]:
        """The rows as the BANK_STATEMENT ``transactions`` field gives them."""
        def amt(v: Decimal | None) -> str | None:
            return None if v is None else f"{v:.2f}"
        return [{"date": f"{t.date:%d/%m/%Y}", "description": t.desc, "debit": amt(t.debit),
                 "credit": amt(t.credit), "balance": amt(t.balance)} for t in self.rows]


def _ref(rng: random.Random, n: int = 12) -> str:
    return str(rng.randint(10 ** (n - 1), 10 ** n - 1))


def _salary(rng: random.Random, house: str, employer: str, holder: str, when: dt.date) -> str:
    mon = f"{MONTHS[when.month - 1].upper()} {when.year}"
    ifsc = f"{rng.choice(_BANKS)}0{rng.randint(0, 999999):06d}"
    return {
        "hdfc": f"NEFT CR-{ifsc}-{employer}-{holder}-{ifsc[:4]}N{_ref(rng, 10)}",
        "sbi": f"BY TRANSFER-NEFT*{ifsc}*N{_ref(rng, 9)}*{employer}" + rng.choice(["", f"*SAL {mon}"]),
        "icici": f"NEFT-{ifsc[:4]}N{_ref(rng, 10)}-{employer}-SALARY FOR {mon}",
        "axis": rng.choice([f"NEFT/{ifsc[:4]}N{_ref(rng, 10)}/{employer}", f"SAL/{employer}/{mon}"]),
        "kotak": f"NEFT {ifsc[:4]}N{_ref(rng, 10)} {employer} SALARY {mon}",
        "pnb": f"NEFT_IN:{ifsc[:4]}N{_ref(rng, 10)}/{employer}" + rng.choice(["", "/SALARY"]),
    }[house]


def _emi(rng: random.Random, house: str, lender: str) -> str:
    ref = _ref(rng, 10)
    return {
        "hdfc": f"ACH D- {lender}-{ref}",
        "sbi": f"DEBIT-ACHDr {lender} {ref}",
        "icici": f"ACH/{lender}/{ref}",
        "axis": rng.choice([f"NACH-DR-{lender}-{ref}", f"ECS/{lender}/{ref}"]),
        "kotak": f"NACH DR {lender} {ref}",
        "pnb": f"ECS DR {lender} {ref}",
    }[house]


def _return_charge(rng: random.Random, house: str, lender: str) -> str:
    return {
        "hdfc": f"ACH D- RETURN CHARGES-{_ref(rng, 8)}",
        "sbi": f"NACH RTN CHGS {lender}",
        "icici": f"ACH RTN CHRG/{lender}",
        "axis": rng.choice([f"NACH RETURN CHARGES {lender}", "ECS RTN CHGS"]),
        "kotak": f"NACH DR RTN CHRG-{_ref(rng, 8)}",
        "pnb": "ECS RTN CHGS",
    }[house] + rng.choice(["", " INSUFFICIENT FUNDS"])


def _employer_credit(rng: random.Random, house: str, employer: str, holder: str) -> str:
    """A payment from the employer that is not pay (a reimbursement, a bonus, a settlement):
    HDFC writes it exactly as it writes the salary."""
    ifsc = f"{rng.choice(_BANKS)}0{rng.randint(0, 999999):06d}"
    if house == "hdfc":
        return f"NEFT CR-{ifsc}-{employer}-{holder}-{ifsc[:4]}N{_ref(rng, 10)}"
    return f"NEFT-{ifsc[:4]}N{_ref(rng, 10)}-{employer}-{rng.choice(['REIMB', 'BONUS', 'TRAVEL CLAIM'])}"


def _mandate_return(rng: random.Random, house: str, lender: str) -> str:
    """A mandate debit taken back because it could not be paid."""
    ref = _ref(rng, 10)
    return {
        "hdfc": f"ACH D- RETURN-{lender}-{ref}",
        "sbi": f"ACH RTN {lender} {ref}",
        "icici": f"REJECT:ACH/{lender}/{ref}:INSUFFICIENT FUNDS",
        "axis": f"NACH RETURN {lender} {ref}",
        "kotak": f"NACH DR RTN {lender} {ref}",
        "pnb": f"ECS RETURN {lender} {ref}",
    }[house]


def _noise(rng: random.Random, house: str, credit: bool) -> tuple[str, float, float, str]:
    """(narration, lowest, highest amount, category) of an everyday row."""
    name = person(rng).name.upper()
    k = rng.random()
    if credit:
        if k < 0.55:
            return (f"UPI/CR/{_ref(rng)}/{name}/{rng.choice(_BANKS)}/{name.split()[0].lower()}@"
                    f"{rng.choice(_HANDLES)}" if house != "hdfc" else
                    f"UPI-{name}-{name.split()[0].lower()}@{rng.choice(_HANDLES)}-{_ref(rng)}-PAYMENT", 100, 15000, "upi")
        if k < 0.8:
            return f"IMPS-{_ref(rng)}-{name}-TRANSFER", 500, 20000, "transfer"
        return f"NEFT CR-{rng.choice(_BANKS)}0001234-{rng.choice(_TRADERS)}-{_ref(rng, 10)}", 3000, 90000, "transfer"
    if k < 0.45:
        payee = rng.choice(_MERCHANTS + [name])
        return (f"UPI/DR/{_ref(rng)}/{payee}/{rng.choice(_BANKS)}/{payee.split()[0].lower()}@"
                f"{rng.choice(_HANDLES)}/Payment", 50, 6000, "upi")
    if k < 0.6:
        return f"POS {rng.randint(400000, 499999)}XXXXXX{rng.randint(1000, 9999)} {rng.choice(_MERCHANTS)}", 100, 8000, "card"
    if k < 0.72:
        return f"BIL/BPAY/{_ref(rng, 9)}/{rng.choice(_BILLS)}", 200, 4000, "utility"
    if k < 0.8:
        return f"NEFT DR-{rng.choice(_BANKS)}0001234-{name}-NETBANK-N{_ref(rng, 10)}", 1000, 20000, "transfer"
    if k < 0.88:
        return f"ACH D- ICCL-MUTUAL FUND SIP-{_ref(rng, 8)}", 1000, 5000, "investment"
    return f"IMPS-{_ref(rng)}-{name}-RENT", 3000, 15000, "transfer"


def _money(rng: random.Random, lo: float, hi: float) -> Decimal:
    v = Decimal(str(round(lo * (hi / lo) ** rng.random(), 2)))
    return v.quantize(Decimal("1")) if rng.random() < 0.5 else v.quantize(Decimal("0.01"))


def _workday(day: dt.date, back: bool) -> dt.date:
    while day.weekday() == 6 or (day.weekday() == 5 and (day.day - 1) // 7 in (1, 3)):
        day += dt.timedelta(days=-1 if back else 1)
    return day


def plan_story(rng: random.Random, house: str | None = None, months: int | None = None) -> Story:
    """A story of ``months`` whole months (3–12 if None) in ``house``'s narrations."""
    house = house or rng.choice(sorted(HOUSES))
    months = months or rng.choice([3, 6, 6, 12])
    start = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), 1)
    m_end = start.month - 1 + months
    end = dt.date(start.year + m_end // 12, m_end % 12 + 1, 1) - dt.timedelta(days=1)
    holder = person(rng).name.upper()
    employer = rng.choice(_EMPLOYERS)
    pay = _money(rng, 18000, 180000).quantize(Decimal("1"))
    pay_first = rng.random() < 0.4
    loans = {lender: (_money(rng, 1500, 25000).quantize(Decimal("1")), rng.choice([2, 5, 7, 10, 15]))
             for lender in rng.sample(_LENDERS, rng.randint(1, 3))}
    bounce_months = set(rng.sample(range(months), k=min(months, rng.choice([0, 1, 1, 2]))))
    raise_at = rng.randint(1, months) if rng.random() < 0.4 else months + 1  # an increment
    tenant = (person(rng).name.upper(), _money(rng, 6000, 25000).quantize(Decimal("1")),
              rng.randint(3, 8)) if rng.random() < 0.3 else None
    planned: list[tuple[dt.date, str, Decimal, bool, str]] = []  # date, narration, amount, credit, kind
    for k in range(months):
        y, m = start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1
        last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        day = _workday(dt.date(y, m, 1), back=False) if pay_first else _workday(last, back=True)
        if k == raise_at:
            pay = (pay * Decimal(rng.choice(["1.08", "1.1", "1.15"]))).quantize(Decimal("1"))
        amount = pay + (Decimal(rng.randint(-800, 800)) if rng.random() < 0.3 else 0)
        planned.append((day, _salary(rng, house, employer, holder, day), amount, True, "salary"))
        if rng.random() < 0.25:
            planned.append((dt.date(y, m, rng.randint(10, 20)), _employer_credit(rng, house, employer, holder),
                            _money(rng, 800, 15000), True, ""))
        if tenant:
            planned.append((dt.date(y, m, tenant[2]), f"IMPS-{_ref(rng)}-{tenant[0]}-RENT", tenant[1], True, ""))
        for lender, (emi, due) in loans.items():
            when = dt.date(y, m, due)
            charge = Decimal(rng.choice(["500", "590", "750", "354"]))
            if k in bounce_months and lender == next(iter(loans)):
                event = f"bounce_charge:{lender}{k}"
                if rng.random() < 0.5:  # posted, then taken back the next day
                    planned.append((when, _emi(rng, house, lender), emi, False, f"emi:{lender}@{lender}{k}"))
                    back = when + dt.timedelta(days=1)
                    planned.append((back, _mandate_return(rng, house, lender), emi, True,
                                    f"bounce:{lender}{k}"))
                    planned.append((back, _return_charge(rng, house, lender), charge, False, event))
                else:  # never posted: only the bank's charge says it failed
                    planned.append((when, _return_charge(rng, house, lender), charge, False, event))
                continue
            planned.append((when, _emi(rng, house, lender), emi, False, "emi:" + lender))
        for _ in range(rng.randint(0, 2)):
            when = dt.date(y, m, rng.randint(1, last.day))
            planned.append((when, rng.choice(["CASH DEPOSIT BY SELF", "BY CASH", "CASH DEP BRANCH",
                                               "CDM DEPOSIT"]), _money(rng, 2000, 40000), True, "cash_in"))
        for _ in range(rng.randint(1, 3)):
            when = dt.date(y, m, rng.randint(1, last.day))
            planned.append((when, rng.choice(["ATM WDL", f"ATW-{rng.randint(400000, 499999)}XXXXXX"
                                              f"{rng.randint(1000, 9999)}-CASH", "NFS/CASH WDL/MUMBAI",
                                              "ATM-CASH-AXIS/PUNE"]), Decimal(rng.choice(
                                                  [1000, 2000, 3000, 5000, 10000])), False, "cash_out"))
        for _ in range(rng.randint(6, 18)):
            credit = rng.random() < 0.3
            desc, lo, hi, category = _noise(rng, house, credit)
            planned.append((dt.date(y, m, rng.randint(1, last.day)), desc, _money(rng, lo, hi), credit,
                            "#" + category))
        if rng.random() < 0.15:
            chq = f"{rng.randint(1, 999999):06d}"
            when = dt.date(y, m, rng.randint(1, last.day - 3))
            planned.append((when, f"I/W CHQ RTN-{chq}-FUNDS INSUFFICIENT", _money(rng, 2000, 30000),
                            False, "return_inward"))
        if rng.random() < 0.1:
            chq = f"{rng.randint(1, 999999):06d}"
            when = dt.date(y, m, rng.randint(1, last.day - 3))
            amount = _money(rng, 5000, 60000)
            planned.append((when, f"BY CLG-{chq}-{rng.choice(_TRADERS)}", amount, True, ""))
            if rng.random() < 0.6:  # returned two days on: its credit taken back, a charge
                back = when + dt.timedelta(days=2)
                planned.append((back, f"O/W RTN CHQ {chq} PAYMENT STOPPED BY DRAWER", amount, False,
                                "bounce:" + chq))
                planned.append((back, f"O/W RTN CHGS {chq}", Decimal("150"), False, "bounce_charge:" + chq))
    h = HOUSES[house]
    account = h.acct_prefix + "".join(str(rng.randint(0, 9)) for _ in range(h.acct_digits - len(h.acct_prefix)))
    account = account if h.acct_prefix else str(rng.randint(1, 9)) + account[1:]
    story = Story(house, _money(rng, 20000, 300000), (start, end), employer=employer, account=account,
                  holder=holder)
    return _post(story, planned)


def _post(story: Story, planned: list[tuple[dt.date, str, Decimal, bool, str]]) -> Story:
    """The planned rows in date order (a day's credits first) with a running balance; a debit
    the balance cannot bear is dropped, with the rest of its return event."""
    order = sorted(range(len(planned)), key=lambda i: (planned[i][0], not planned[i][3], i))
    balance = story.opening
    events: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for i in order:
        day, desc, amount, credit, kind = planned[i]
        kind, _, category = kind.partition("#")  # "#upi": the category of an everyday row
        what, _, name = kind.partition(":")
        name, _, link = name.partition("@")  # link: the return event a debit belongs to
        if what == "return_inward":
            # A cheque the holder wrote came back unpaid: no debit, only the bank's charge.
            desc, amount, what, name = desc + " CHGS", Decimal("590"), "bounce_charge", f"chq{i}"
        elif name in dropped or (not credit and amount > balance and what != "bounce_charge"):
            if what == "bounce" or link:
                dropped.add(link or name)  # the rest of its return event goes with it
            continue
        balance = balance + amount if credit else balance - amount
        story.rows.append(Txn(day, day, desc, "", None if credit else amount, amount if credit else None,
                              balance))
        story.kinds.append(what)
        story.categories.append(category or _CATEGORY.get(what, "transfer"))
        if what == "emi":
            story.loans.setdefault(name, []).append(len(story.rows) - 1)
        elif what in ("bounce", "bounce_charge"):
            events.setdefault(name, []).append(len(story.rows) - 1)
    story.returns = sorted(events.values())
    return story


def render_story(story: Story, rng: random.Random, *, digital_only: bool = True) -> Rendered:
    """The story drawn in its house's layout (fonts, grid, grouping drawn at random as for any
    synthetic statement), as many pages as its rows need. ``digital_only`` records the drawing
    for a born-digital PDF (:func:`~kagaz.synth.render.to_pdf`) without drawing pixels."""
    d = plan_statement(rng, story.house, 1, False)
    d.period, d.opening, d.od = story.period, story.opening, False
    d.acct, d.holder = story.account or d.acct, story.holder or d.holder
    d.txns = [Txn(t.date, t.vdate, t.desc, t.ref, t.debit, t.credit, t.balance) for t in story.rows]
    _paginate(d)
    canvases = draw_pages(d, digital_only)
    truth = {"transactions": story.transactions(), "opening_balance": f"{story.opening:.2f}"}
    for row, t in zip(truth["transactions"], d.txns, strict=True):
        row["description"] = " ".join(t.lines)  # as printed: wrapped lines joined by spaces
    return Rendered(canvases[0].img, truth, page="a4", dpi=200, canvas=canvases[0],
                    pages=[c.img for c in canvases], canvases=canvases, notes={"house": story.house})


def _paginate(d: StatementPlan) -> None:
    """The rows on pages as the house lays them out (an opening row in Axis and Kotak tables,
    Kotak's carried/brought forward rows at page breaks)."""
    c = a4_canvas()
    g = geometry(d)
    desc_w = dict((k, w) for k, _, w in d.cols)["desc"] - 16
    cf = d.key == "kotak"
    page: list[tuple[str, object]] = [("opening", d.opening)] if d.key in ("axis", "kotak") else []
    pages: list[list[tuple[str, object]]] = []
    y = g["top1"] + g["head"] + (d.size * (LINE + ROW_PAD) if page else 0)
    for i, t in enumerate(d.txns):
        t.lines = wrap(c, t.desc, desc_w, d.family, d.size)
        hgt = d.size * (LINE * len(t.lines) + ROW_PAD)
        if y + hgt > g["bottom"] - (d.size * 2.4 if cf else 0):
            if cf:
                page.append(("cf", d.txns[i - 1].balance))
            pages.append(page)
            page = [("bf", d.txns[i - 1].balance)] if cf else []
            y = g["top"] + g["head"] + (d.size * (LINE + ROW_PAD) if cf else 0)
        page.append(("txn", t))
        y += hgt
    if y > g["bottom"] - g["summary"] and d.txns:  # the summaries under the table need room
        last = page.pop()
        if cf:
            page.append(("cf", d.txns[-2].balance if len(d.txns) > 1 else d.opening))
        pages.append(page)
        page = [("bf", d.txns[-2].balance if len(d.txns) > 1 else d.opening)] if cf else []
        page.append(last)
    pages.append(page)
    d.pages = pages
