"""A parsed statement row as a transaction, and the arithmetic of its balances.

:func:`row_dict` turns a :class:`~kagaz.doctypes.statement_text.Row` into ``{date,
description, debit, credit, balance}``: debit or credit as the column the amount stands in
says, or its marker (a Dr/Cr column, a "Dr"/"Cr" suffix, a sign); a zero printed in the other
column is no amount; a balance printed "Dr" or "-" is negative. :func:`reconcile` checks every
row's balance against the one before it and the totals end to end; :func:`newest_first` tells a
statement printed newest transaction first.

>>> reconcile([{"debit": "100.00", "credit": None, "balance": "900.00"},
...            {"debit": None, "credit": "50.00", "balance": "960.00"}], "1000.00", "960.00")["broken_rows"]
[1]
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from kagaz.doctypes.statement_dates import find_any_dates
from kagaz.doctypes.statement_repairs import repair_narration
from kagaz.doctypes.statement_text import OPENING_ROW, Row, blank, direction
from kagaz.text.amounts import format_amount, parse_amount, to_decimal

__all__ = ["first_date_kind", "newest_first", "opens", "reconcile", "row_dict", "start_balance"]

_DIGIT = re.compile(r"\d")
_GLUED_CURRENCY = re.compile(r"(?<![A-Za-z])(INR|Rs\.?)(?=\d)", re.I)
_PLUS = re.compile(r"^\s*\+\s*")
_SPACES = re.compile(r"\s+")
_SUFFIX = re.compile(r"(?:^|[\s\d(])(CR|DR|C|D)\)?\.?\s*$", re.I)


def _first(values: list[tuple[str, float, float]], last: bool = False) -> str:
    # a cell with a digit in it (any amount found in a cell has one)
    money = [t for t, _, _ in values if _DIGIT.search(t)]
    if not money:
        return ""
    return money[-1] if last else money[0]


def _money(text: str) -> str:
    """An amount cell as :func:`~kagaz.text.amounts.parse_amount` reads it: a currency mark
    glued to the number set apart ("INR34,279.01"), a plus sign dropped."""
    return _PLUS.sub("", _GLUED_CURRENCY.sub(r"\1 ", text))


def _amount(text: str) -> str | None:
    """An amount cell's value, unsigned ("+1,500.00", "-500.00", "₹1,500.00 Cr", "INR34.00").

    >>> _amount("INR34,279.01"), _amount("+1,500.00"), _amount("₹1,500.00 Cr"), _amount("-")
    ('34279.01', '1500.00', '1500.00', None)
    """
    value = parse_amount(_money(text))
    return value.lstrip("-") if value else None


def row_dict(row: Row) -> tuple[dict[str, Any], bool, int]:
    """(transaction, direction_known, conflicts) of one parsed row: debit or credit as the
    column the amount stands in says, or its marker (a Dr/Cr column, a "Dr"/"Cr" suffix, a
    sign); a zero printed in the other column is no amount."""
    cells = row.cells
    date = next((found[0] for t, _, _ in cells.get("date", []) + cells.get("vdate", [])
                 for found in [find_any_dates(t)] if found), None)
    desc = " ".join(t for t in row.desc if not blank(t))
    desc = _SPACES.sub(" ", desc).strip()
    desc = repair_narration(desc) if row.read_by_ocr else desc
    conflicts = sum(max(0, len([t for t, _, _ in cells.get(k, []) if _DIGIT.search(t)]) - 1)
                    for k in ("debit", "credit", "balance"))
    debit = _amount(_first(cells.get("debit", [])))
    credit = _amount(_first(cells.get("credit", [])))
    if debit and credit and Decimal(credit) == 0:
        credit = None
    elif debit and credit and Decimal(debit) == 0:
        debit = None
    known = True
    amount_text = " ".join(t for t, _, _ in cells.get("amount", []))
    if amount_text.strip():
        value = _amount(amount_text)
        mark = direction(amount_text) or direction(" ".join(t for t, _, _ in cells.get("drcr", [])))
        if value is not None:
            if mark == "DR":
                debit = value
            elif mark == "CR":
                credit = value
            else:
                debit, known = value, False
    balance_text = _first(cells.get("balance", []), last=True)
    balance_all = " ".join(t for t, _, _ in cells.get("balance", []))
    if balance_text and not _suffix(balance_text) and _suffix(balance_all):
        balance_text += " " + (_suffix(balance_all) or "")
    balance = parse_amount(_money(balance_text), dr_negative=True)
    return ({"date": date, "description": desc, "debit": debit, "credit": credit,
             "balance": balance}, known, conflicts)


def _suffix(text: str) -> str | None:
    m = _SUFFIX.search(text.strip())
    if not m:
        return None
    return "CR" if m.group(1).upper().startswith("C") else "DR"


def first_date_kind(row: Row) -> str | None:
    for kind in ("date", "vdate"):
        if any(find_any_dates(t) for t, _, _ in row.cells.get(kind, [])):
            return kind
    return None


def reconcile(rows: list[dict[str, Any]], opening: str | None, closing: str | None
              ) -> dict[str, Any]:
    """Check every row's balance against the previous one, and the totals end to end."""
    broken: list[int] = []
    explained = Decimal(0)  # what the broken rows add up to
    checked = 0
    cr_total = dr_total = Decimal(0)
    vals = _amounts(rows)
    order = range(len(rows) - 1, -1, -1) if _runs_backwards(vals) else range(len(rows))
    prev = start_balance(rows, order, opening)
    for i in order:
        dr, cr, bal = vals[i]
        if not (i == order[0] and opens(rows[i])):  # the opening row repeats the opening balance
            dr_total += dr
            cr_total += cr
        if prev is not None and bal is not None:
            checked += 1
            if prev + cr - dr != bal:
                broken.append(i)
                explained += prev + cr - dr - bal
        prev = bal if bal is not None else (prev + cr - dr if prev is not None else None)
    out: dict[str, Any] = {"broken_rows": sorted(broken), "rows_checked": checked,
                           "total_debits": format_amount(dr_total),
                           "total_credits": format_amount(cr_total)}
    o, c = to_decimal(opening), to_decimal(closing)
    if o is not None and c is not None:
        out["difference"] = format_amount(o + cr_total - dr_total - c)
        out["totals_match"] = o + cr_total - dr_total == c
        out["explained_by_broken_rows"] = bool(broken) and o + cr_total - dr_total - c == explained
    return out


def opens(row: dict[str, Any]) -> bool:
    """Whether a transaction row is the statement's opening balance printed as a row."""
    return bool(OPENING_ROW.search(str(row.get("description") or "")))


def start_balance(rows: list[dict[str, Any]], order: range, opening: str | None) -> Decimal | None:
    """The balance the rows' arithmetic starts from: the opening balance, or nothing when the
    first row is that opening balance printed as a row (its own balance then starts the chain).

    >>> start_balance([{"description": "Opening Balance", "credit": "100.00"}], range(1), "100.00")
    >>> start_balance([{"description": "Salary"}], range(1), "100.00")
    Decimal('100.00')
    """
    if rows and len(order) and opens(rows[order[0]]):
        return None
    return to_decimal(opening) if opening is not None else None


def newest_first(rows: list[dict[str, Any]]) -> bool:
    """Do the balances run backwards (a statement printed newest transaction first)?"""
    return _runs_backwards(_amounts(rows))


def _amounts(rows: list[dict[str, Any]]) -> list[tuple[Decimal, Decimal, Decimal | None]]:
    """(debit, credit, balance) of each row, a missing debit or credit as zero, a missing
    balance as None: read once for both the direction and the arithmetic."""
    return [(to_decimal(r.get("debit")) or Decimal(0), to_decimal(r.get("credit")) or Decimal(0),
             to_decimal(r.get("balance"))) for r in rows]


def _runs_backwards(vals: list[tuple[Decimal, Decimal, Decimal | None]]) -> bool:
    forward = backward = 0
    for (dr0, cr0, b0), (dr1, cr1, b1) in zip(vals, vals[1:], strict=False):
        if b0 is None or b1 is None:
            continue
        forward += b0 + cr1 - dr1 == b1
        backward += b1 + cr0 - dr0 == b0
    return backward > forward
