"""Bank statement (statement of account, any Indian bank, every page).

What every statement prints, and what this module rests on:

* the bank and the branch, with the branch's IFSC (and MICR): RBI asked banks to print both on
  passbooks and statements of account (RBI/2011-12/516, DPSS (CO) RTGS No.1934/04.04.002/
  2011-12, 20 April 2012); the IFSC is four letters (the bank), ``0``, six letters or digits;
* the account holder's name and address, and the account number (often masked on e-statements:
  "XXXX1234", "XXX-XXXXX-1234");
* the period ("Statement From : 01/04/2024 To : 30/06/2024", "for the period 01-Apr-2024 to
  30-Jun-2024") and the opening balance ("Opening Balance", "Balance as on", "B/F");
* the transactions, one per row in date order: the date (often a value date too), particulars
  that identify each entry (RBI asked for "brief, intelligible particulars" and set the minimum
  details per kind of entry: DBR.No.Leg.BC.76/09.07.005/2016-17, 22 June 2017), a cheque or
  reference number, the amount debited or credited (two columns, "Withdrawal"/"Deposit" or
  "Debit"/"Credit"; or one Amount column with "Dr"/"Cr" beside it) and the running balance;
* the closing balance (a "Closing Balance" line, a summary table, or the last row's balance).
  The RBI's Master Circular on Customer Service in Banks (RBI/2015-16/59, 1 July 2015, 5.6)
  covers passbooks and statements of account; the layout is otherwise each bank's convention.

:func:`score` rests on that: a transaction table (dates and amounts under a header naming
debit and credit, withdrawal and deposit, or an amount with Dr/Cr, and/or a balance) with at
least two rows is the strong cue; statement wording, an account number, an IFSC, a period and
opening/closing balances add to it; a receipt, an invoice or a letter (one payment line, its
own title at the top) is not a statement.

Values: amounts ``"123456.78"`` (a balance printed "Dr" or "-1,234.00" is negative: an
overdraft), dates DD/MM/YYYY, ``bank_name`` the bank's usual name ("HDFC Bank"),
``account_holder_name`` as printed without "Mr."/"Mrs."/"M/s". ``transactions`` lists every row
on every page, each ``{date, description, debit, credit, balance, confidence_score}``; a
narration that wraps is joined with single spaces. The table is read by
:mod:`~kagaz.doctypes.statement_table` (a text layer word by word where the PDF puts each word,
:mod:`~kagaz.doctypes.statement_text`); the fields above it by
:mod:`~kagaz.doctypes.statement_fields`.

A text layer is the truth: a debit is a debit because it stands in the debit column (or carries
"Dr"), never because the balances say so, and a statement whose printed balances do not add up
is reported as such (an issue, the ``balance_reconciliation`` validation, lower confidence on
the balances), not repaired. OCR'd rows are repaired where the statement itself says what was
printed (:mod:`~kagaz.doctypes.statement_repairs`). See docs/document-types/bank_statement.md.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("HDFC BANK\\nAccount No : 50100123456789\\nIFSC : HDFC0001234\\n"
...         "Statement From : 01/04/2024 To : 30/04/2024\\nOpening Balance : 1,000.00")
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)]
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["bank_name"].value, f["account_number"].value, f["ifsc"].value, f["opening_balance"].value
('HDFC Bank', '50100123456789', 'HDFC0001234', '1000.00')
>>> f["statement_period_from"].value, f["statement_period_to"].value
('01/04/2024', '30/04/2024')
>>> ifsc_valid("SBIN0001234"), ifsc_valid("SBIN1001234")
(True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, PERSON, TABLE, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field, row_box
from kagaz.doctypes.pdf_forensics import EDITING_TOOLS, pdf_metadata
from kagaz.doctypes.statement_analysis import attach as attach_analysis
from kagaz.doctypes.statement_fields import (
    ACCT_LABEL, BANK_RX, BANKS, CLOSE_LABEL, IFSC_LABEL, OPEN_LABEL, account, bank, holder, ifsc,
    ifsc_bank_mismatch, ifsc_valid, labelled_amount, period,
)
from kagaz.doctypes.statement_repairs import (
    as_date, balances_from_later_rows, harmonise_narrations, misread_balance, next_row, recover_dates,
    repoint, solve_from_next, suspect,
)
from kagaz.doctypes.statement_rows import first_date_kind, newest_first, reconcile, row_dict, start_balance
from kagaz.doctypes.statement_table import AMOUNT_KINDS, Row, find_header, group_rows, parse_table
from kagaz.model import Document, Field
from kagaz.text.amounts import to_decimal
from kagaz.text.layout import Layout

__all__ = ["BANKS", "CODE", "EDITING_TOOLS", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish",
           "ifsc_valid", "newest_first", "pdf_metadata", "reconcile", "score", "validate"]

CODE = "BANK_STATEMENT"
GROUP = "business"
ORDER = 110
GENERATOR = "kagaz.synth.bank_statement"
FIELDS = declare(
    bank_name=TEXT, account_holder_name=PERSON, account_number=IDENTIFIER, ifsc=IDENTIFIER,
    statement_period_from=DATE, statement_period_to=DATE, opening_balance=AMOUNT, closing_balance=AMOUNT,
    transactions=TABLE,
)

_STATEMENT_CUE = re.compile(r"statement\s*of\s*account|account\s*statement|bank\s*statement|"
                            r"statement\s*(?:for\s*the\s*period|from|period)|detailed\s*statement|"
                            r"statement\s*of\s*transactions|transactions?\s*list|"
                            r"transaction\s*(?:period|details|history)|passbook", re.I)
# Titles of other documents, looked for at the top of the first page only: narrations may say
# "INCOME TAX REFUND", and banks print their own GSTIN on statements.
_OTHER_DOC = re.compile(r"TAX\s*INVOICE|\bHSN\b|DELIVERY\s*(?:ORDER|CHALLAN)|FORM\s*GST|"
                        r"REG-06|UDYAM\s*REGISTRATION|SALE\s*DEED|REGISTRATION\s*CERTIFICATE|"
                        r"INCOME\s*TAX\s*DEPARTMENT|ELECTION\s*COMMISSION", re.I)
#: what a receipt, an invoice, a bill or a voucher calls itself above its table
_OTHER_TITLE = re.compile(r"\b(?:RECEIPT|INVOICE|BILL\s+OF\s+SUPPLY|CASH\s*MEMO|FOLIO|QUOTATION|"
                          r"PURCHASE\s+ORDER|VOUCHER)\b", re.I)


def score(layout: Layout) -> float | None:
    """A transaction table under a statement's header (a date column, and a balance, debit and
    credit columns or an amount with its Dr/Cr) with two rows or more is the strong cue;
    statement wording, an account number, an IFSC, a period, opening/closing balances and a
    known bank add to it. Without such a table the score stays below the threshold (a bank
    letter, a cheque, a receipt with a Date/Amount table); a receipt's or an invoice's own
    title above the table counts against."""
    text = layout.text
    if not text.strip():
        return None
    pages = sorted({ln.page for ln in layout})[:2]
    table, strong, header_top = 0.0, False, None
    for p in pages:
        grouped = group_rows([ln for ln in layout if ln.page == p])
        found = find_header(grouped)
        if found:
            kinds = {c.kind for c in found[0]}
            strong = bool(kinds & {"date", "vdate"}) and (
                "balance" in kinds or {"debit", "credit"} <= kinds or {"amount", "drcr"} <= kinds)
            if p == pages[0]:
                header_top = min(ln.y0 for ln in grouped[found[1]])
            table = 0.2
            break
    if strong:
        rows, _ = parse_table([ln for ln in layout if ln.page in pages])
        n = sum(any(k in r.cells for k in AMOUNT_KINDS) for r in rows)
        table = 0.55 if n >= 2 else 0.4 if n == 1 else 0.35
    cues = (0.15 * bool(_STATEMENT_CUE.search(text))
            + 0.05 * any(rx.search(text[:3000]) for rx in BANK_RX.values())
            + 0.1 * bool(IFSC_LABEL.search(text))
            + 0.1 * bool(ACCT_LABEL.search(text))
            + 0.1 * (period(layout) is not None)
            + 0.1 * bool(OPEN_LABEL.search(text) or CLOSE_LABEL.search(text)))
    s = table + cues if strong else min(table + cues, 0.4)
    first = sorted((ln for ln in layout if ln.page == pages[0]), key=lambda ln: ln.y0)
    top = [ln for ln in first if header_top is None or ln.y1 <= header_top][:25]
    if _OTHER_DOC.search(text[:1500]) or (
            any(_OTHER_TITLE.search(ln.text) for ln in top)
            and not any(_STATEMENT_CUE.search(ln.text) for ln in top)):
        s -= 0.5
    return round(min(1.0, s), 3) if s > 0.2 else None


#: a speckle read as a dot ("DEPOSIT.BY", "Payment.") or as punctuation
_SPECKLES = re.compile(r"[A-Za-z]\.[A-Z0-9]|\.$|[;!|\[\]{}]")


def _transactions(rows: list[Row], opening: str | None,
                  period: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Every row as a transaction with its confidence. On a text layer the column (or marker)
    decides debit or credit; only an amount printed with no direction at all (one Amount
    column, no marker, no sign) takes the one the balances call for, at confidence <= 0.6. A
    text-layer row whose balance does not follow keeps its printed values (<= 0.9); an OCR'd
    one is repaired when the statement pins the reading down, else <= 0.5."""
    items = [(row, *row_dict(row)) for row in rows]
    out: list[dict[str, Any]] = [{} for _ in items]
    order = range(len(items))
    if newest_first([it[1] for it in items]):
        order = range(len(items) - 1, -1, -1)
    prev = start_balance([it[1] for it in items], order, opening)
    repaired = balances_from_later_rows(items, order)
    last_date: dt.date | None = None
    for k in order:
        row, tx, known, conflicts = items[k]
        dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
        bal = to_decimal(tx["balance"])
        swapped = k in repaired
        read = row.read_by_ocr
        inferred = not known and not read
        if prev is not None and bal is not None:
            # an OCR'd amount near a column edge may sit in the wrong column; a text layer's
            # never does
            if not known or (read and row.margin < 25 and (dr is None) != (cr is None)):
                amount = dr if dr is not None else cr
                if amount is not None:
                    if prev - amount == bal and dr is None:
                        tx["debit"], tx["credit"], swapped = tx["credit"], None, known
                    elif prev + amount == bal and cr is None:
                        tx["credit"], tx["debit"], swapped = tx["debit"], None, known
                    known = True
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
        ok = None
        if prev is not None and bal is not None:
            ok = prev + (cr or 0) - (dr or 0) == bal
            # OCR rows only: a text layer's amount is what the file says, and a tampered row
            # must stay visible as broken
            if not ok and read and (dr is None) != (cr is None):
                fixed = repoint(dr if dr is not None else cr, bal - prev, debit=dr is not None)
                if fixed is not None:
                    tx["debit" if dr is not None else "credit"] = f"{fixed:.2f}"
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
                    ok, swapped = True, True
            if not ok and read:
                expected = prev + (cr or 0) - (dr or 0)
                if misread_balance(bal, expected, next_row(items, order, k)):
                    tx["balance"], bal = f"{expected:.2f}", expected
                    ok, swapped = True, True
            if not ok and read and (dr is None) != (cr is None):
                solved = solve_from_next(prev, dr if dr is not None else cr, bal,
                                          next_row(items, order, k), debit=dr is not None)
                if solved is not None:
                    amount, bal = solved
                    tx["debit" if dr is not None else "credit"] = f"{amount:.2f}"
                    tx["balance"] = f"{bal:.2f}"
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
                    ok, swapped = True, True
        ocr = row.score
        c = confidence(ocr, checked=ok if ok is not None and (ok or read) else None)
        if (ok is None and not known) or inferred:
            c = min(c, 0.6)
        if swapped or conflicts:
            c -= 0.08
        if bal is None and read:
            c = min(c, 0.6)  # nothing checks an OCR reading (a text layer's is exact)
        if tx["date"] is None:
            c = min(c, 0.4)
        elif first_date_kind(row) != "date":
            c = min(c, 0.6)  # the value date stood in for an unreadable transaction date
        if tx["date"] is not None:
            when = as_date(tx["date"])
            if last_date is not None and when < last_date:
                c -= 0.1
            last_date = when
        if not tx["description"]:
            c = min(c, 0.5)
        if read:
            # speckles read as dots ("DEPOSIT.BY", "Payment.") score high: do not trust them
            odd = bool(_SPECKLES.search(tx["description"])) or \
                suspect(tx["description"]) or suspect(" ".join(row.desc))
            c = min(c, 0.97 if ocr >= 0.97 and not (row.cut or odd or row.rough) else 0.85)
        tx["confidence_score"] = round(max(0.05, min(0.99, c)), 4)
        out[k] = tx
        prev = bal if bal is not None else (prev + (cr or 0) - (dr or 0) if prev is not None
                                            else None)
    recover_dates([row for row, *_ in items], out, order, period)
    harmonise_narrations([row for row, *_ in items], out)
    for i in reconcile(out, opening, None)["broken_rows"]:
        out[i]["confidence_score"] = min(out[i]["confidence_score"],
                                         0.5 if rows[i].read_by_ocr else 0.9)
    return out


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    rows, headers = parse_table(layout.lines)
    skip = {id(ln) for band in headers for ln in band}
    row_lines = {id(ln) for r in rows for ln in r.lines}

    code = ifsc(layout, row_lines)
    if code:
        value, repairs, line, labelled = code
        ok = ifsc_valid(value)
        fields["ifsc"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs,
                                                      anchored=labelled), line)
    named = bank(layout, code[0] if code else None)
    if named:
        fields["bank_name"] = make_field(named[0], named[1], named[2])
    name = holder(layout, skip | row_lines)
    if name:
        fields["account_holder_name"] = make_field(
            name[0], confidence(name[1].score, anchored=name[2], free_text=True), name[1])
    acct = account(layout, skip | row_lines)
    if acct:
        value, repairs, line = acct
        plain = value.isdigit() and 9 <= len(value) <= 18
        fields["account_number"] = make_field(value, confidence(
            line.score, checked=True if plain else None, repairs=repairs), line)
    dates = period(layout)
    if dates:
        start, end, line = dates
        ok = as_date(start) <= as_date(end)
        fields["statement_period_from"] = make_field(start, confidence(line.score, checked=ok), line)
        fields["statement_period_to"] = make_field(end, confidence(line.score, checked=ok), line)

    opening = labelled_amount(layout, OPEN_LABEL, skip, row_lines)
    if opening:
        fields["opening_balance"] = make_field(opening[0], confidence(opening[1].score), opening[1])
    txns = _transactions(rows, opening[0] if opening else None,
                         (dates[0], dates[1]) if dates else None)
    closing = labelled_amount(layout, CLOSE_LABEL, skip, row_lines)
    if closing:
        fields["closing_balance"] = make_field(closing[0], confidence(closing[1].score), closing[1])
    elif txns and txns[-1]["balance"] is not None:
        fields["closing_balance"] = make_field(txns[-1]["balance"], min(
            0.85, txns[-1]["confidence_score"]))
    if txns:
        overall = min(t["confidence_score"] for t in txns)
        fields["transactions"] = Field(value=txns, confidence_score=overall,
                                       rows=[row_box(r.lines) for r in rows])
        _balance_confidence(fields, text_layer=not any(r.read_by_ocr for r in rows))
    rough = {r.page for r in rows if r.rough}  # photos, low resolution: labels and values misalign
    for key in ("account_holder_name", "opening_balance", "closing_balance"):
        if key in fields and fields[key].page in rough:
            fields[key].confidence_score = min(fields[key].confidence_score, 0.85)
    return {k: fields[k] for k in _ORDER if k in fields}


_ORDER = ("bank_name", "account_holder_name", "account_number", "ifsc", "statement_period_from",
          "statement_period_to", "opening_balance", "closing_balance", "transactions")


def _balance_confidence(fields: dict[str, Field], *, text_layer: bool) -> None:
    """Opening and closing balances the rows confirm end to end rise to >= 0.97. When the
    printed balances do not reconcile they drop to <= 0.6: on a text layer whatever does not
    add up (the values are exact, the statement is not); on OCR'd pages when the ends disagree
    and the rows that break do not account for it (a misread row is not the ends' fault)."""
    tx = fields["transactions"]
    opening = fields["opening_balance"].value if "opening_balance" in fields else None
    closing = fields["closing_balance"].value if "closing_balance" in fields else None
    rec = reconcile(tx.value, opening, closing)
    if text_layer:
        lower = bool(rec["broken_rows"]) or rec.get("totals_match") is False
    else:
        lower = rec.get("totals_match") is False and not rec.get("explained_by_broken_rows")
    keys = ("opening_balance", "closing_balance")
    if lower:
        for key in keys:
            if key in fields:
                fields[key].confidence_score = min(fields[key].confidence_score, 0.6)
    elif (rec.get("totals_match") and not rec["broken_rows"]
          and rec["rows_checked"] == len(tx.value) and tx.confidence_score >= 0.9):
        for key in keys:
            if key in fields:
                fields[key].confidence_score = max(fields[key].confidence_score, 0.97)


def validate(fields: dict[str, Field]) -> list[str]:
    """Reconcile balances row by row and end to end (the rows' and the balances' confidences
    were set by :func:`extract`); check the IFSC against the bank."""
    issues = []
    tx = fields.get("transactions")
    if tx:
        rows = tx.value
        opening = fields["opening_balance"].value if "opening_balance" in fields else None
        closing = fields["closing_balance"].value if "closing_balance" in fields else None
        rec = reconcile(rows, opening, closing)
        if rec["broken_rows"]:
            shown = ", ".join(str(i) for i in rec["broken_rows"][:10])
            issues.append(f"Balances do not reconcile at rows {shown}")
        if rec.get("totals_match") is False:
            issues.append("Opening balance plus credits minus debits is not the closing balance")
        tx.confidence_score = min([r["confidence_score"] for r in rows] or [tx.confidence_score])
    if ifsc_bank_mismatch(fields.get("ifsc"), fields.get("bank_name")):
        issues.append("The IFSC belongs to another bank than the one named on the statement")
    return issues




# -- finish: validations ---------------------------------------------------------------------------
def finish(doc: Document) -> None:
    """Validations: ``balance_reconciliation``, ``ifsc_format`` and (PDFs) ``pdf_metadata``; the
    ``analysis`` (:mod:`~kagaz.doctypes.statement_analysis`)."""
    f = doc.fields
    attach_analysis(doc)
    tx = f.get("transactions")
    if tx:
        opening = f["opening_balance"].value if "opening_balance" in f else None
        closing = f["closing_balance"].value if "closing_balance" in f else None
        rec = reconcile(tx.value, opening, closing)
        ok = not rec["broken_rows"] and rec.get("totals_match", True)
        if ok:
            msg = f"All {len(tx.value)} rows reconcile"
            if "totals_match" in rec:
                msg += " and opening + credits - debits = closing"
        else:
            parts = []
            if rec["broken_rows"]:
                parts.append(f"{len(rec['broken_rows'])} row(s) do not follow from the "
                             f"previous balance")
            if rec.get("totals_match") is False:
                parts.append(f"opening + credits - debits differs from the closing balance by "
                             f"{rec['difference']}")
            msg = "; ".join(parts).capitalize()
        doc.validations["balance_reconciliation"] = {"valid": ok, "message": msg, **rec}
    if "ifsc" in f:
        code = f["ifsc"].value
        ok = ifsc_valid(code)
        bank = BANKS.get(code[:4], (None,))[0]
        named = f["bank_name"].value if "bank_name" in f else None
        msg = "The IFSC has the RBI format (4 letters, 0, 6 letters or digits)" if ok else \
            "The IFSC does not have the RBI format (4 letters, 0, 6 letters or digits)"
        if ok and bank and named and bank != named:
            msg += f", but its bank code is {bank}'s, not {named}'s"
        doc.validations["ifsc_format"] = {"valid": ok, "message": msg, "ifsc": code,
                                          "bank_code": code[:4], "bank": bank,
                                          "matches_bank_name": None if not (bank and named)
                                          else bank == named}
        if not ok:
            f["ifsc"].confidence_score = min(f["ifsc"].confidence_score, 0.5)
    if doc.format == "pdf":
        doc.validations["pdf_metadata"] = pdf_metadata(doc.metadata)
