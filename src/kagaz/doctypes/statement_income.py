"""Salary, EMIs and returns on a statement's ledger (:mod:`~kagaz.doctypes.statement_ledger`).

Salary (:func:`salaries`): a credit whose narration says so (``SALARY``, ``SAL``, ``PAYROLL``,
``STIPEND``, ``WAGES``); and, because HDFC-style NEFT narrations often carry only the
employer's and the employee's names, credits from one organisation (a company, a firm, a public
body: :func:`~kagaz.doctypes.statement_categories.is_organisation`) that recur like pay does:
in at least two calendar months in a row (three when the period covers three or more), at
most two a month, amounts within 20% of one another (a median of at least 5,000; the employer's other
credits, bonuses and reimbursements, stay out), on days of the month no more than 7 days apart (counted round the month's end: the 30th and the 2nd are 3 days apart).
The verdict ``regular`` is true when salary was credited in every full month of the period
(a month the period covers only in part may miss it), on days no more than 7 apart, with amounts
within 25% of their median; null when the period is under two months.

EMIs (:func:`emis`): debits the categories call a loan repayment (a NACH/ACH/ECS/SI mandate to a
lender, a transfer to a loan account, "EMI"); NACH/ACH/ECS debits to any one creditor, and
debits to a lender by any rail, that recur in two or more months for the same amount (±1%) and
are not investments, bills, taxes or card bills; grouped by creditor, with the usual day of
the month and the months between the first and the last instalment that have none.

Returns (:func:`bounces`): each row the categories call a return (inward or outward, cheque or
mandate) with its reason where printed, and the penalty charges that follow it within 7 days; a
penalty charge with no return row before it (banks often post only the charge for a mandate
that failed) is a return of its own, its amount unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kagaz.doctypes.statement_categories import (
    bounce_reason, is_lender, is_organisation, return_direction,
)
from kagaz.doctypes.statement_ledger import Entry, money

__all__ = ["bounces", "emis", "salaries"]

# NACH/ECS creditors are registered entities (a sponsor bank, a utility code); a standing
# instruction ("SI-") may pay anyone, a landlord too, so it counts only towards a lender.
_MANDATE = re.compile(r"^(?:ACH|NACH|ECS|DEBIT-ACH\w*|ACHDR|NACHDR|MANDATE)\b|\bNACH\b|\bACH\s*D",
                      re.IGNORECASE)
_NOT_EMI = frozenset({"investment", "utility", "tax", "charges", "bounce", "cash", "card"})
_SALARY_FLOOR = Decimal(5000)
_CHARGE_DAYS = 7


def _day_spread(days: Sequence[int]) -> int:
    """The widest gap between days of the month, counted round the month's end."""
    spread = 0
    distinct = set(days)  # at most 31, however many credits: pairs of them are few
    for a in distinct:
        for b in distinct:
            d = abs(a - b)
            spread = max(spread, min(d, 30 - d))
    return spread


def _months_of(entries: Sequence[Entry]) -> set[tuple[int, int]]:
    return {(e.date.year, e.date.month) for e in entries}


def _longest_run(months: set[tuple[int, int]]) -> int:
    """The most calendar months in a row: pay comes every month, a customer's orders do not."""
    index = sorted(y * 12 + m for y, m in months)
    best = run = 0
    for i, k in enumerate(index):
        run = run + 1 if i and k == index[i - 1] + 1 else 1
        best = max(best, run)
    return best


def _pay_cluster(group: list[Entry], need_months: int) -> list[Entry]:
    """The credits of one organisation that recur like pay, or none: of the amounts within 20% of
    one another, the set that spans the most months (an employer also pays bonuses and
    reimbursements, which are not salary)."""
    best: list[Entry] = []
    for pivot in group:
        near = [e for e in group if abs(e.credit - pivot.credit) <= pivot.credit * Decimal("0.2")]
        if (len(_months_of(near)), sum(e.credit for e in near)) > (len(_months_of(best)),
                                                                     sum(e.credit for e in best)):
            best = near
    per_month: dict[tuple[int, int], int] = defaultdict(int)
    for e in best:
        per_month[(e.date.year, e.date.month)] += 1
    if _longest_run(set(per_month)) < need_months or max(per_month.values()) > 2:
        return []
    mid = Decimal(statistics.median(e.credit for e in best))
    if mid < _SALARY_FLOOR or _day_spread([e.date.day for e in best]) > 7:
        return []
    return best


def salaries(entries: Sequence[Entry], period: tuple[dt.date, dt.date] | None) -> dict[str, Any]:
    """The salary credits (their category set to ``salary``) and the regularity verdict."""
    covered = _covered_months(entries, period)
    need = 3 if len(covered) >= 3 else 2
    found: dict[int, str] = {}
    by_party: dict[str, list[Entry]] = defaultdict(list)
    for i, e in enumerate(entries):
        if not e.is_credit:
            continue
        if e.category == "salary":
            found[i] = e.rule
        if e.category in ("salary", "transfer", "other", "upi") and e.key and is_organisation(e.party):
            by_party[e.key].append(e)  # worded or not, one employer's pay recurs as one group
    index = {id(e): i for i, e in enumerate(entries)}
    for group in by_party.values():
        for e in _pay_cluster(group, need):
            found.setdefault(index[id(e)], "recurring_employer_credit")
    credits = []
    for i in sorted(found):
        e = entries[i]
        e.category, e.rule = "salary", found[i]
        credits.append({"date": f"{e.date:%d/%m/%Y}", "amount": money(e.credit),
                        "employer": e.party, "rule": found[i], "rows": [e.row]})
    return {"credits": credits, "total": money(sum((entries[i].credit for i in found), Decimal(0))),
            "count": len(found), "employers": sorted({c["employer"] for c in credits if c["employer"]}),
            **_regularity([entries[i] for i in sorted(found)], covered)}


def _covered_months(entries: Sequence[Entry], period: tuple[dt.date, dt.date] | None
                    ) -> list[tuple[tuple[int, int], bool]]:
    """[(month, wholly covered)] of the period (or of the entries' dates)."""
    if period is None:
        if not entries:
            return []
        period = (entries[0].date, entries[-1].date)
    start, end = period
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        first = dt.date(y, m, 1)
        last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        out.append(((y, m), start <= first and end >= last))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _regularity(paid: list[Entry], covered: list[tuple[tuple[int, int], bool]]) -> dict[str, Any]:
    months_paid = _months_of(paid)
    missing = [f"{y:04d}-{m:02d}" for (y, m), whole in covered if whole and (y, m) not in months_paid]
    if len(covered) < 2:
        return {"regular": None, "months": len(months_paid), "missing_months": missing,
                "reason": "the period covers under two months"}
    if not paid:
        return {"regular": False, "months": 0, "missing_months": missing,
                "reason": "no salary credit was found"}
    amounts = [e.credit for e in paid]
    mid = Decimal(statistics.median(amounts))
    steady = all(abs(a - mid) <= mid * Decimal("0.25") for a in amounts)
    spread = _day_spread([e.date.day for e in paid])
    reasons = []
    if missing:
        reasons.append(f"no salary in {', '.join(missing)}")
    if not steady:
        reasons.append("amounts vary by more than 25% of their median")
    if spread > 7:
        reasons.append(f"credited on days of the month up to {spread} days apart")
    return {"regular": not reasons, "months": len(months_paid), "missing_months": missing,
            "reason": "; ".join(reasons) or "credited every month, on similar days, for similar amounts"}


def emis(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Loan repayments grouped by creditor (their category set to ``emi``)."""
    groups: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
    mandates: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.is_credit:
            continue
        if e.category == "emi":
            groups[e.key or e.description[:24].upper()].append((e, e.rule))
        elif e.key and e.category not in _NOT_EMI and (_MANDATE.search(e.description) or is_lender(e.party)):
            mandates[e.key].append(e)  # by mandate, or to a lender by any rail (UPI, NEFT, IMPS)
    for key, group in mandates.items():
        amounts = [e.debit for e in group]
        common = statistics.mode(amounts)
        same = [e for e in group if abs(e.debit - common) <= common * Decimal("0.01")]
        if len(_months_of(same)) >= 2:
            rule = "recurring_mandate" if _MANDATE.search(same[0].description) else "recurring_to_lender"
            groups[key].extend((e, rule) for e in same)
    out = []
    for key, items in groups.items():
        items.sort(key=lambda t: t[0].date)
        for e, rule in items:
            e.category, e.rule = "emi", rule
        amounts = [e.debit for e, _ in items]
        party = next((e.party for e, _ in items if e.party), key)
        paid = _months_of([e for e, _ in items])
        out.append({"counterparty": party, "lender": is_lender(party),
                    "amount": money(statistics.mode(amounts)), "total": money(sum(amounts, Decimal(0))),
                    "count": len(items), "dates": [f"{e.date:%d/%m/%Y}" for e, _ in items],
                    "day_of_month": statistics.mode(e.date.day for e, _ in items),
                    # Months between the first and the last instalment without one: missed or returned.
                    "missing_months": [f"{y:04d}-{m:02d}" for y, m in _between(min(paid), max(paid))
                                       if (y, m) not in paid],
                    "rules": sorted({r for _, r in items}), "rows": [e.row for e, _ in items]})
    out.sort(key=lambda g: (-g["count"], g["counterparty"] or ""))
    return out


def _between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months, (y, m) = [], first
    while (y, m) <= last:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _kind(text: str) -> str:
    return "mandate" if re.search(r"\b(?:ACH|NACH|ECS|MANDATE|SI|EMI)\b|ACH", text, re.I) else "cheque"


def bounces(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Each return with its reason and the penalty charges that follow it."""
    events: list[dict[str, Any]] = []
    for e in entries:
        if e.category == "bounce":
            events.append({"date": e.date, "amount": e.amount, "direction": return_direction(
                e.description, credit=e.is_credit), "kind": _kind(e.description),
                "reason": bounce_reason(e.description), "rows": [e.row], "charges": []})
        elif e.category == "charges" and e.rule == "return_charge":
            near = [ev for ev in events if 0 <= (e.date - ev["date"]).days <= _CHARGE_DAYS
                    and ev["kind"] == _kind(e.description)] or [
                ev for ev in events if 0 <= (e.date - ev["date"]).days <= _CHARGE_DAYS]
            if near and len(near[-1]["charges"]) < 2:
                near[-1]["charges"].append(e)
                near[-1]["reason"] = near[-1]["reason"] or bounce_reason(e.description)
            else:
                events.append({"date": e.date, "amount": None, "direction": return_direction(
                    e.description, credit=False), "kind": _kind(e.description),
                    "reason": bounce_reason(e.description), "rows": [], "charges": [e]})
    return [{"date": f"{ev['date']:%d/%m/%Y}", "amount": money(ev["amount"]),
             "direction": ev["direction"], "kind": ev["kind"], "reason": ev["reason"],
             "rows": ev["rows"], "charge_rows": [c.row for c in ev["charges"]],
             "charges_total": money(sum((c.debit for c in ev["charges"]), Decimal(0)))}
            for ev in events]
