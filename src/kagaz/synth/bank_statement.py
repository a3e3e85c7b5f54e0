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

import random
from decimal import Decimal
from functools import partial
from typing import Any

from kagaz.synth.layout import LayoutFn, Rendered
from kagaz.synth.statement_drawing import draw_pages
from kagaz.synth.statement_houses import HOUSES
from kagaz.synth.statement_plan import StatementPlan, closing, plan_statement

# HOUSES are the layout names; callers (tests, bench) choose a house from here.
__all__ = ["A4_LAYOUTS", "HOUSES", "LAYOUTS", "render"]


def _amt(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:.2f}"


def _truth(d: StatementPlan) -> dict[str, Any]:
    return {
        "bank_name": d.house.bank,
        "account_holder_name": d.holder,
        "account_number": d.acct,
        "ifsc": d.ifsc,
        "statement_period_from": f"{d.period[0]:%d/%m/%Y}",
        "statement_period_to": f"{d.period[1]:%d/%m/%Y}",
        "opening_balance": _amt(d.opening),
        "closing_balance": _amt(closing(d)),
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
    d = plan_statement(rng, key, pages, broken)
    canvases = draw_pages(d, digital_only)
    return Rendered(canvases[0].img, _truth(d), page="a4", dpi=200, canvas=canvases[0],
                    pages=[c.img for c in canvases], canvases=canvases,
                    notes={"house": key, "broken_rows": list(d.broken)})


LAYOUTS: dict[str, LayoutFn] = {key: partial(render, house=key) for key in HOUSES}
A4_LAYOUTS = frozenset(HOUSES)
