"""Irregularity flags on a statement's ledger: each a stable ``code``, a human ``message`` and the
``rows`` that raised it. They point a credit officer at rows to look at; none is a verdict.

| code | raised by |
|---|---|
| ``balance_break`` | a row whose balance is not the previous balance plus its credit minus its debit |
| ``round_figure_credit`` | a credit of at least 10,000 in whole thousands that is not salary, interest or a refund |
| ``in_and_out_same_party`` | a credit from a counterparty and a debit to the same one (each at least 1,000) within 3 days |
| ``salary_on_holiday`` | salary credited on a Sunday, the second or fourth Saturday (RBI: banks closed since September 2015) or a national holiday (26 January, 15 August, 2 October, 25 December) |
| ``cash_before_large_debit`` | cash deposits of at least 10,000 in the 3 days before a debit of at least 25,000 and at least 80% of the cash |
| ``period_gap`` | more than 30 days without a transaction inside the period, or between merged statements |
| ``ends_before_application`` | the period ends more than 30 days before the application date (when one is given) |
| ``returns`` | cheque or mandate returns (the ``bounces``) |
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kagaz.doctypes.statement_ledger import Entry, money

__all__ = ["HOLIDAYS", "flags", "is_bank_holiday"]

# National holidays every bank closes on, (month, day); state holidays vary and are not listed.
HOLIDAYS = frozenset({(1, 26), (8, 15), (10, 2), (12, 25)})
ROUND_MIN = Decimal(10000)
PARTY_MIN = Decimal(1000)
CASH_MIN = Decimal(10000)
LARGE_DEBIT = Decimal(25000)
GAP_DAYS = 30
STALE_DAYS = 30
WINDOW_DAYS = 3


def is_bank_holiday(day: dt.date) -> str | None:
    """Why banks are shut on ``day`` (a Sunday, the second or fourth Saturday, a national
    holiday), or None.

    >>> is_bank_holiday(dt.date(2024, 4, 13)), is_bank_holiday(dt.date(2024, 8, 15))
    ('second Saturday', 'national holiday')
    """
    if day.weekday() == 6:
        return "Sunday"
    if day.weekday() == 5 and (day.day - 1) // 7 in (1, 3):
        return "second Saturday" if (day.day - 1) // 7 == 1 else "fourth Saturday"
    if (day.month, day.day) in HOLIDAYS:
        return "national holiday"
    return None


def _flag(code: str, message: str, rows: list[int], **details: Any) -> dict[str, Any]:
    return {"code": code, "message": message, "rows": rows, **details}


def _round_credits(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    out = []
    for e in entries:
        if (e.is_credit and e.credit >= ROUND_MIN and e.credit % 1000 == 0
                and e.category not in ("salary", "interest", "refund", "bounce")):
            out.append(_flag("round_figure_credit", f"A round-figure credit of {money(e.credit)} "
                             f"on {e.date:%d/%m/%Y}", [e.row], amount=money(e.credit)))
    return out


def _same_party(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    out = []
    paid: dict[str, list[Entry]] = defaultdict(list)
    for d in entries:
        if not d.is_credit and d.key and d.debit >= PARTY_MIN:
            paid[d.key].append(d)
    for c in entries:
        if not c.is_credit or not c.key or c.credit < PARTY_MIN or c.category in ("salary", "refund", "bounce"):
            continue
        back = [d for d in paid.get(c.key, ()) if abs((d.date - c.date).days) <= WINDOW_DAYS]
        if back:
            out.append(_flag("in_and_out_same_party", f"{c.party} credited {money(c.credit)} on "
                             f"{c.date:%d/%m/%Y} and was paid {money(back[0].debit)} within "
                             f"{WINDOW_DAYS} days", [c.row, *[d.row for d in back]],
                             counterparty=c.party))
    return out


def _holiday_salary(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    out = []
    for e in entries:
        why = is_bank_holiday(e.date) if e.category == "salary" else None
        if why:
            out.append(_flag("salary_on_holiday", f"Salary of {money(e.credit)} credited on "
                             f"{e.date:%d/%m/%Y}, a {why}", [e.row], day=why))
    return out


def _cash_before_debit(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    out = []
    deposits = [c for c in entries if c.is_credit and c.category == "cash"]
    for d in entries:
        if d.is_credit or d.debit < LARGE_DEBIT:
            continue
        cash = [c for c in deposits if 0 <= (d.date - c.date).days <= WINDOW_DAYS]
        total = sum((c.credit for c in cash), Decimal(0))
        if total >= CASH_MIN and d.debit >= total * Decimal("0.8"):
            out.append(_flag("cash_before_large_debit", f"Cash deposits of {money(total)} in the "
                             f"{WINDOW_DAYS} days before a debit of {money(d.debit)} on "
                             f"{d.date:%d/%m/%Y}", [*[c.row for c in cash], d.row],
                             cash=money(total), debit=money(d.debit)))
    return out


def _gaps(entries: Sequence[Entry], period: tuple[dt.date, dt.date] | None,
          spans: Sequence[tuple[dt.date, dt.date]]) -> list[dict[str, Any]]:
    out = []
    days = [e.date for e in entries]
    if period:
        days = [period[0], *days, period[1]]
    for a, b in zip(days, days[1:], strict=False):
        if (b - a).days > GAP_DAYS:
            near = [e.row for e in entries if e.date in (a, b)][:2]
            out.append(_flag("period_gap", f"No transaction from {a:%d/%m/%Y} to {b:%d/%m/%Y} "
                             f"({(b - a).days} days)", near, start=f"{a:%d/%m/%Y}",
                             end=f"{b:%d/%m/%Y}"))
    ordered = sorted(spans)
    for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
        if (start - end).days > 1:
            out.append(_flag("period_gap", f"The statements do not cover {end + dt.timedelta(days=1):%d/%m/%Y} "
                             f"to {start - dt.timedelta(days=1):%d/%m/%Y}", [],
                             start=f"{end:%d/%m/%Y}", end=f"{start:%d/%m/%Y}"))
    return out


def flags(entries: Sequence[Entry], *, broken_rows: Sequence[int], bounces: Sequence[dict[str, Any]],
          period: tuple[dt.date, dt.date] | None, application_date: dt.date | None,
          spans: Sequence[tuple[dt.date, dt.date]] = ()) -> list[dict[str, Any]]:
    """Every flag the ledger raises, in the order of the table above."""
    out = []
    if broken_rows:
        out.append(_flag("balance_break", f"{len(broken_rows)} row(s) do not follow from the "
                         f"previous balance", list(broken_rows)))
    out += _round_credits(entries)
    out += _same_party(entries)
    out += _holiday_salary(entries)
    out += _cash_before_debit(entries)
    out += _gaps(entries, period, spans)
    end = period[1] if period else (entries[-1].date if entries else None)
    if application_date and end and (application_date - end).days > STALE_DAYS:
        out.append(_flag("ends_before_application", f"The statement ends on {end:%d/%m/%Y}, "
                         f"{(application_date - end).days} days before the application date "
                         f"{application_date:%d/%m/%Y}", [], end=f"{end:%d/%m/%Y}"))
    if bounces:
        rows = sorted({r for b in bounces for r in b["rows"] + b["charge_rows"]})
        out.append(_flag("returns", f"{len(bounces)} cheque or mandate return(s)", rows,
                         count=len(bounces)))
    return out
