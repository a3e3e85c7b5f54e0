"""Statement analysis: what a statement's rows say about its holder, every number traceable.

:func:`analyse` reads one statement's ``transactions`` (the BANK_STATEMENT field) and returns the
``analysis`` object of its result; :func:`analyse_statements` does the same for several
statements of one applicant, merged without counting twice the rows of overlapping periods.
Every list names its ``rows``: indexes into the transactions analysed (for several statements,
into the merged ``transactions`` the answer lists, each naming its statement and row there).

* ``monthly``: per calendar month, credits and debits (totals, counts), opening, closing,
  lowest, highest and mean end-of-day balance (:mod:`~kagaz.doctypes.statement_ledger`);
* ``average_bank_balance``: ``value`` and ``method`` (``end_of_day_mean``, or ``fixed_days`` with
  ``days``, e.g. the 5th, 15th and 25th);
* ``salary``, ``emi``, ``bounces`` (:mod:`~kagaz.doctypes.statement_income`);
* ``cash``: deposits and withdrawals, totals, counts, rows;
* ``counterparties``: the ten largest by value, in and out;
* ``categories``: totals per category; each analysed row gets ``category`` and
  ``category_rule`` (:mod:`~kagaz.doctypes.statement_categories`);
* ``flags`` (:mod:`~kagaz.doctypes.statement_flags`).

The method and a worked example: docs/statement-analysis.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kagaz.doctypes.statement_flags import flags
from kagaz.doctypes.statement_income import bounces, emis, salaries
from kagaz.doctypes.statement_ledger import (
    DAILY, Entry, average_balance, end_of_day, ledger, money, months, parse_date,
)
from kagaz.doctypes.statement_rows import newest_first, opens, reconcile
from kagaz.model import Document
from kagaz.text.amounts import to_decimal

__all__ = ["Statement", "analyse", "analyse_statements", "attach", "statement_of"]

log = logging.getLogger(__name__)

TOP_PARTIES = 10
# Rows whose narration names a channel or the bank itself, not someone money went to or came from.
_NO_PARTY = frozenset({"cash", "charges", "interest", "tax", "bounce"})
Statement = dict[str, Any]  # transactions, opening_balance, period_from, period_to, account_number


def statement_of(file_data: dict[str, Any]) -> Statement:
    """A statement for :func:`analyse_statements` from a BANK_STATEMENT ``file_data`` (each field
    ``{"value": ...}``) or from plain values."""
    def value(key: str) -> Any:
        v = file_data.get(key)
        return v.get("value") if isinstance(v, dict) else v
    return {"transactions": value("transactions") or [], "opening_balance": value("opening_balance"),
            "closing_balance": value("closing_balance"),
            "period_from": value("statement_period_from"), "period_to": value("statement_period_to"),
            "account_number": value("account_number") or ""}


def attach(doc: Document) -> None:
    """``doc.analysis`` from its ``transactions`` (a BANK_STATEMENT's finishing step). An analysis
    that fails is an issue on the document, never a failed document: the rows stand as read."""
    tx = doc.fields.get("transactions")
    if tx is None or not isinstance(tx.value, list):
        return
    values = {k: doc.fields[k].value if k in doc.fields else None for k in (
        "opening_balance", "closing_balance", "statement_period_from", "statement_period_to")}
    try:
        doc.analysis = analyse(tx.value, opening_balance=values["opening_balance"],
                               closing_balance=values["closing_balance"],
                               period_from=values["statement_period_from"],
                               period_to=values["statement_period_to"])
    except Exception:  # a bug in the analysis must not cost the reader its rows
        log.exception("statement analysis failed on %s", doc.filename or "<bytes>")
        doc.add_issue("validate", "ANALYSIS_FAILED", "The statement's analysis could not be computed")


def _period(st: Statement) -> tuple[dt.date, dt.date] | None:
    start, end = parse_date(st.get("period_from")), parse_date(st.get("period_to"))
    return (start, end) if start and end and start <= end else None


def analyse(transactions: Sequence[dict[str, Any]], *, opening_balance: str | None = None,
            closing_balance: str | None = None, period_from: str | None = None,
            period_to: str | None = None, application_date: dt.date | None = None,
            abb_days: Sequence[int] | None = None) -> dict[str, Any]:
    """The analysis of one statement; each row of ``transactions`` gains ``category`` and
    ``category_rule``. ``abb_days`` picks the fixed-days average bank balance (None: the mean of
    every day's end-of-day balance); ``application_date`` enables ``ends_before_application``."""
    st = {"transactions": transactions, "opening_balance": opening_balance,
          "closing_balance": closing_balance, "period_from": period_from, "period_to": period_to}
    entries, skipped = ledger(list(transactions))
    broken = reconcile(list(transactions), opening_balance, closing_balance)["broken_rows"]
    period = _period(st)
    eod = end_of_day(entries, opening=opening_balance, period=period)
    out = _assemble(entries, eod, to_decimal(opening_balance), period, application_date, abb_days,
                    broken, [])
    out["rows_left_out"] = skipped
    _annotate(transactions, entries)
    return out


def analyse_statements(statements: Sequence[Statement], *, application_date: dt.date | None = None,
                       abb_days: Sequence[int] | None = None) -> dict[str, Any]:
    """One analysis of several statements of one applicant: accounts kept apart for balances
    (the end-of-day balance is the sum over accounts), a row that an earlier statement of the
    same account already holds (same date, amounts and balance, inside that statement's period)
    counted once. ``transactions`` lists the merged rows, each with its
    ``statement`` and ``row``; ``duplicates`` the rows left out as already counted."""
    order = sorted(range(len(statements)), key=lambda i: (_period(statements[i]) or (dt.date.max,))[0])
    merged: list[dict[str, Any]] = []
    duplicates: list[dict[str, int]] = []
    seen: dict[str, list[tuple[tuple[dt.date, dt.date] | None, dict[tuple[Any, ...], int]]]] = defaultdict(list)
    broken: list[int] = []
    spans = []
    for s in order:
        st = statements[s]
        acct = str(st.get("account_number") or "")
        period = _period(st)
        if period:
            spans.append(period)
        rows = list(st.get("transactions") or [])
        bad = set(reconcile(rows, st.get("opening_balance"), st.get("closing_balance"))["broken_rows"])
        keys: dict[tuple[Any, ...], int] = defaultdict(int)
        ahead = range(len(rows) - 1, -1, -1) if newest_first(rows) else range(len(rows))
        for pos, r in enumerate(ahead):  # in time order, so that the merged rows are too
            row = rows[r]
            if pos == 0 and opens(row):
                continue  # the opening balance printed as a row
            key = _row_key(row)
            day = parse_date(row.get("date"))
            if day and any(_holds(p, day) and counts.get(key, 0) > 0 for p, counts in seen[acct]):
                for p, counts in seen[acct]:
                    if _holds(p, day) and counts.get(key, 0) > 0:
                        counts[key] -= 1
                        break
                duplicates.append({"statement": s, "row": r})
                continue
            keys[key] += 1
            if r in bad:
                broken.append(len(merged))
            merged.append({**row, "statement": s, "row": r, "account_number": acct})
        seen[acct].append((period, keys))
    entries: list[Entry] = []
    eod_total: dict[dt.date, Decimal] = defaultdict(Decimal)
    opening_total: Decimal | None = None
    for acct in sorted({m["account_number"] for m in merged} | {str(statements[s].get("account_number")
                                                                    or "") for s in order}):
        mine = [i for i, m in enumerate(merged) if m["account_number"] == acct]
        acct_entries, _ = ledger([merged[i] for i in mine], acct)
        for e in acct_entries:
            e.row = mine[e.row]
        first = next((statements[s] for s in order if str(statements[s].get("account_number") or "") == acct), {})
        periods = [p for s in order if str(statements[s].get("account_number") or "") == acct
                   for p in [_period(statements[s])] if p]
        span = (min(p[0] for p in periods), max(p[1] for p in periods)) if periods else None
        opening = to_decimal(first.get("opening_balance"))
        if opening is not None:
            opening_total = (opening_total or Decimal(0)) + opening
        for day, bal in end_of_day(acct_entries, opening=opening, period=span).items():
            eod_total[day] += bal
        entries += acct_entries
    entries.sort(key=lambda e: (e.date, e.row))
    period = (min(p[0] for p in spans), max(p[1] for p in spans)) if spans else None
    out = _assemble(entries, dict(sorted(eod_total.items())), opening_total, period, application_date,
                    abb_days, broken, spans)
    _annotate(merged, entries)
    out["transactions"] = merged
    out["duplicates"] = duplicates
    out["statements"] = len(statements)
    return out


def _row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """What makes a row the same row in two statements: its date, amounts and the balance after
    it (no two rows of one account share all four); without a balance, its narration too, its
    spaces dropped (two layouts wrap a narration differently)."""
    balance = to_decimal(row.get("balance"))
    key = (row.get("date"), to_decimal(row.get("debit")), to_decimal(row.get("credit")), balance)
    if balance is None:
        key += ("".join(str(row.get("description") or "").upper().split()),)
    return key


def _holds(period: tuple[dt.date, dt.date] | None, day: dt.date) -> bool:
    return period is None or period[0] <= day <= period[1]


def _annotate(rows: Sequence[dict[str, Any]], entries: Sequence[Entry]) -> None:
    for e in entries:
        rows[e.row]["category"] = e.category
        rows[e.row]["category_rule"] = e.rule


def _assemble(entries: list[Entry], eod: dict[dt.date, Decimal], opening: Decimal | None,
              period: tuple[dt.date, dt.date] | None, application_date: dt.date | None,
              abb_days: Sequence[int] | None, broken: list[int],
              spans: Sequence[tuple[dt.date, dt.date]]) -> dict[str, Any]:
    salary = salaries(entries, period)  # before the EMIs: categories they settle stay settled
    emi = emis(entries)
    returns = bounces(entries)
    abb, days = average_balance(eod, abb_days)
    return {
        "period": {"from": f"{period[0]:%d/%m/%Y}", "to": f"{period[1]:%d/%m/%Y}"} if period else None,
        "transactions_analysed": len(entries),
        "monthly": months(entries, eod, opening),
        "average_bank_balance": {"value": money(abb), "method": DAILY if abb_days is None else "fixed_days",
                                 "days": None if abb_days is None else list(abb_days),
                                 "points": len(days)},
        "end_of_day_balances": [{"date": f"{d:%d/%m/%Y}", "balance": money(v)} for d, v in eod.items()],
        "salary": salary,
        "emi": emi,
        "bounces": returns,
        "cash": _cash(entries),
        "counterparties": _counterparties(entries),
        "categories": _categories(entries),
        "flags": flags(entries, broken_rows=broken, bounces=returns, period=period,
                       application_date=application_date, spans=spans if len(spans) > 1 else ()),
    }


def _cash(entries: Sequence[Entry]) -> dict[str, Any]:
    dep = [e for e in entries if e.category == "cash" and e.is_credit]
    wdl = [e for e in entries if e.category == "cash" and not e.is_credit]
    return {"deposits_total": money(sum((e.credit for e in dep), Decimal(0))), "deposits_count": len(dep),
            "deposit_rows": [e.row for e in dep],
            "withdrawals_total": money(sum((e.debit for e in wdl), Decimal(0))),
            "withdrawals_count": len(wdl), "withdrawal_rows": [e.row for e in wdl]}


def _counterparties(entries: Sequence[Entry]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for side in ("in", "out"):
        groups: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            if e.key and e.is_credit == (side == "in") and e.category not in _NO_PARTY:
                groups[e.key].append(e)
        ranked = sorted(groups.values(), key=lambda g: -sum(e.amount for e in g))[:TOP_PARTIES]
        out[side] = [{"name": g[0].party, "total": money(sum((e.amount for e in g), Decimal(0))),
                      "count": len(g), "rows": [e.row for e in g]} for g in ranked]
    return out


def _categories(entries: Sequence[Entry]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in entries:
        c = out.setdefault(e.category, {"credits_total": Decimal(0), "debits_total": Decimal(0), "count": 0})
        c["credits_total"] += e.credit
        c["debits_total"] += e.debit
        c["count"] += 1
    return {k: {**v, "credits_total": money(v["credits_total"]), "debits_total": money(v["debits_total"])}
            for k, v in sorted(out.items())}
