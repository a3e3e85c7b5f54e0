"""A statement's rows as a dated ledger: entries in time order, end-of-day balances, months.

:func:`ledger` turns the ``transactions`` field's rows into :class:`Entry` objects in the order
they happened (a statement printed newest first is turned round), each keeping ``row``, its index
in the rows as printed, so every number built on them can name its rows. The opening balance
printed as a row is no transaction (:func:`~kagaz.doctypes.statement_rows.opens`). Rows without a
date or an amount stay out, and :func:`ledger` says which.

The end-of-day balance of a day is the balance after that day's last row; a day without rows
keeps the day before's. Lenders' average bank balance (ABB) is either the mean of the end-of-day
balances of every day of the period (:data:`DAILY`) or the mean of the balances on fixed days of
each month (5th, 15th, 25th by default: :data:`FIXED_DAYS`); a fixed day past a month's end is
that month's last day.

>>> rows = [{"date": "01/04/2024", "description": "SALARY", "debit": None, "credit": "100.00",
...          "balance": "1100.00"},
...         {"date": "03/04/2024", "description": "ATM WDL", "debit": "600.00", "credit": None,
...          "balance": "500.00"}]
>>> entries, _ = ledger(rows)
>>> eod = end_of_day(entries, opening="1000.00", period=(dt.date(2024, 4, 1), dt.date(2024, 4, 4)))
>>> [str(v) for v in eod.values()]
['1100.00', '1100.00', '500.00', '500.00']
>>> str(average_balance(eod, None)[0])
'800.00'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kagaz.doctypes.statement_categories import categorise, counterparty, party_key
from kagaz.doctypes.statement_rows import newest_first, opens
from kagaz.text.amounts import to_decimal

__all__ = ["DAILY", "FIXED_DAYS", "Entry", "average_balance", "end_of_day", "ledger", "money",
           "months", "parse_date"]

DAILY = "end_of_day_mean"
FIXED_DAYS = (5, 15, 25)
_CENT = Decimal("0.01")


@dataclass
class Entry:
    """One transaction as the analysis sees it. ``row`` is its index in the rows it came from;
    ``category``/``rule`` are set by :func:`~kagaz.doctypes.statement_categories.categorise`
    and may be changed by the salary and EMI detection."""

    row: int
    date: dt.date
    description: str
    debit: Decimal
    credit: Decimal
    balance: Decimal | None
    category: str = "other"
    rule: str = "none"
    party: str | None = None
    account: str = ""

    @property
    def amount(self) -> Decimal:
        return self.credit if self.credit else self.debit

    @property
    def is_credit(self) -> bool:
        return self.credit > 0

    key: str | None = None  # the party's name for grouping (set from ``party``)

    def __post_init__(self) -> None:
        self.key = party_key(self.party)


def money(value: Decimal | None) -> str | None:
    """An amount as the API writes amounts: ``"1234.50"``."""
    return None if value is None else f"{value.quantize(_CENT, ROUND_HALF_UP):.2f}"


def parse_date(text: Any) -> dt.date | None:
    """A ``DD/MM/YYYY`` value (the engine's dates), or None."""
    try:
        day, month, year = (int(p) for p in str(text).split("/"))
        return dt.date(year, month, day)
    except (TypeError, ValueError):
        return None


def ledger(rows: Sequence[dict[str, Any]], account: str = "") -> tuple[list[Entry], list[int]]:
    """(entries in time order, indexes of the rows left out: no date, or no amount at all)."""
    order = range(len(rows) - 1, -1, -1) if newest_first(list(rows)) else range(len(rows))
    entries: list[Entry] = []
    skipped: list[int] = []
    for pos, i in enumerate(order):
        r = rows[i]
        if pos == 0 and opens(r):
            continue  # the opening balance printed as a row: not a transaction
        day = parse_date(r.get("date"))
        debit = to_decimal(r.get("debit")) or Decimal(0)
        credit = to_decimal(r.get("credit")) or Decimal(0)
        if day is None or (debit == 0 and credit == 0):
            skipped.append(i)
            continue
        desc = str(r.get("description") or "")
        category, rule = categorise(desc, credit=credit > 0)
        entries.append(Entry(i, day, desc, abs(debit), abs(credit), to_decimal(r.get("balance")),
                             category, rule, counterparty(desc), account))
    # A statement is in date order; a row printed out of it keeps its place among its own day's.
    entries.sort(key=lambda e: e.date)
    return entries, sorted(skipped)


def end_of_day(entries: Sequence[Entry], *, opening: str | Decimal | None,
               period: tuple[dt.date, dt.date] | None) -> dict[dt.date, Decimal]:
    """{day: balance at the day's end} for every day of ``period`` (the entries' first to last
    day when None) from which a balance is known: before the first row, the opening balance
    (or the first row's balance less its own amount); a row without a printed balance carries
    the running one forward by its amount."""
    if not entries and period is None:
        return {}
    first = entries[0].date if entries else period[0]  # type: ignore[index]
    last = entries[-1].date if entries else period[1]  # type: ignore[index]
    start, end = (min(period[0], first), max(period[1], last)) if period else (first, last)
    running = to_decimal(opening) if isinstance(opening, str) else opening
    if running is None and entries and entries[0].balance is not None:
        running = entries[0].balance - entries[0].credit + entries[0].debit
    by_day: dict[dt.date, Decimal] = {}
    for e in entries:
        if e.balance is not None:
            running = e.balance
        elif running is not None:
            running = running + e.credit - e.debit
        if running is not None:
            by_day[e.date] = running
    out: dict[dt.date, Decimal] = {}
    carry = to_decimal(opening) if isinstance(opening, str) else opening
    if carry is None and entries and entries[0].balance is not None:
        carry = entries[0].balance - entries[0].credit + entries[0].debit
    day = start
    while day <= end:
        carry = by_day.get(day, carry)
        if carry is not None:
            out[day] = carry
        day += dt.timedelta(days=1)
    return out


def _on_fixed_days(eod: dict[dt.date, Decimal], days: Sequence[int]) -> list[tuple[dt.date, Decimal]]:
    picked: dict[dt.date, Decimal] = {}
    for month in sorted({(d.year, d.month) for d in eod}):
        y, m = month
        month_end = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day
        for wanted in days:
            day = dt.date(y, m, min(wanted, month_end))
            if day in eod:
                picked[day] = eod[day]
    return sorted(picked.items())


def average_balance(eod: dict[dt.date, Decimal], days: Sequence[int] | None
                    ) -> tuple[Decimal | None, list[dt.date]]:
    """(average, the days it is the mean of): every day when ``days`` is None, else the given
    days of each month that the period covers."""
    points = sorted(eod.items()) if days is None else _on_fixed_days(eod, days)
    if not points:
        return None, []
    return sum((v for _, v in points), Decimal(0)) / len(points), [d for d, _ in points]


def months(entries: Sequence[Entry], eod: dict[dt.date, Decimal],
           opening: Decimal | None = None) -> list[dict[str, Any]]:
    """One summary per calendar month the period covers: credits and debits (totals, counts, rows),
    the balance before the month's first day and at its last, the lowest, highest and mean
    end-of-day balance."""
    keys = sorted({(d.year, d.month) for d in eod} | {(e.date.year, e.date.month) for e in entries})
    # each month's rows and days, gathered in one pass (in order) rather than once per month
    entries_in: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for e in entries:
        entries_in[(e.date.year, e.date.month)].append(e)
    days_in: dict[tuple[int, int], list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for d, v in sorted(eod.items()):
        days_in[(d.year, d.month)].append((d, v))
    out: list[dict[str, Any]] = []
    for y, m in keys:
        mine = entries_in[(y, m)]
        days = days_in[(y, m)]
        first_day = dt.date(y, m, 1)
        before = eod.get(first_day - dt.timedelta(days=1))
        if before is None and not out:
            before = opening
        if before is None and mine and mine[0].balance is not None:
            before = mine[0].balance - mine[0].credit + mine[0].debit
        values = [v for _, v in days]
        credits = [e for e in mine if e.is_credit]
        debits = [e for e in mine if not e.is_credit]
        out.append({
            "month": f"{y:04d}-{m:02d}",
            "credits_total": money(sum((e.credit for e in credits), Decimal(0))),
            "debits_total": money(sum((e.debit for e in debits), Decimal(0))),
            "credits_count": len(credits),
            "debits_count": len(debits),
            "opening_balance": money(before),
            "closing_balance": money(values[-1]) if values else None,
            "min_balance": money(min(values)) if values else None,
            "max_balance": money(max(values)) if values else None,
            "average_balance": money(sum(values, Decimal(0)) / len(values)) if values else None,
            "days": len(values),
            "rows": [e.row for e in mine],
        })
    return out
