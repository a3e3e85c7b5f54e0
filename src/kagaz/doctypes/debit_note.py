"""Debit note (a supplier's or a buyer's note that raises what an earlier invoice charged).

What every debit note prints, by rule: CGST Rules 2017, Rule 53(1A): a debit note issued under
section 34 of the CGST Act carries the words "Debit Note", the supplier's name, address and
GSTIN, its own serial number and date of issue, the recipient's name, address and GSTIN (where
registered), the **number and date of the tax invoice it amends**, the value of the goods or
services, the tax rate and amount, and the supplier's signature. Buyers also issue debit notes
to their suppliers (a purchase return, a shortfall, a rate difference) in the same shape.
:func:`score` needs the title "Debit Note" (or "Debit Memo") in the top part of the first page
and, beside it, the note's number or its reference to an invoice; a credit note, an invoice
(which may say "debit" in its terms) or a bank's debit advice is declined.

Values: ``debit_note_number`` as printed; ``date`` DD/MM/YYYY (the note's own date, not the
invoice's); ``issuer_name`` (the letterhead, or "From"); ``recipient_name`` ("To", "Party",
"Debit to", "Recipient", "Buyer"); ``amount`` "11800.00" (the note's total);
``original_invoice_number`` and ``original_invoice_date`` (the invoice it amends).

Validation ``amount_positive``.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''Balaji Hardware Stores
... 44, Station Road, Nagpur   GSTIN: 27ABCPB1234C1Z2
... DEBIT NOTE
... Debit Note No: DN/118   Date: 12/07/2024
... Against Invoice No: INV-2231   Invoice Date: 02/07/2024
... To: Metro Agencies
... Rate difference on 100 bags  10,000.00
... Total Amount  11,800.00'''
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> score(lay) > 0.8
True
>>> {k: v.value for k, v in extract(lay, ExtractOptions()).items()}
{'debit_note_number': 'DN/118', 'date': '12/07/2024', 'issuer_name': 'Balaji Hardware Stores', 'recipient_name': 'Metro Agencies', 'amount': '11800.00', 'original_invoice_number': 'INV-2231', 'original_invoice_date': '02/07/2024'}
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, NAME, declare
from kagaz.doctypes.trade_docs import (
    amount_field, date_field, id_field, letterhead, name_field, party_after, titled,
)
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "DEBIT_NOTE"
GROUP = "business"
ORDER = 220
GENERATOR = "kagaz.synth.debit_note"
FIELDS = declare(debit_note_number=IDENTIFIER, date=DATE, issuer_name=NAME, recipient_name=NAME,
                 amount=AMOUNT, original_invoice_number=IDENTIFIER, original_invoice_date=DATE)

_TITLE = re.compile(r"(?<![A-Za-z])DEBIT\s*(?:NOTE|MEMO)(?![A-Za-z])(?!\s*(?:No|Number|Date|#)\b)", re.I)
_NUMBER = re.compile(r"\b(?:Debit\s*(?:Note|Memo)|D\.?\s*N\.?|Note)\s*(?:No\b\.?|Number|#|Serial\s*No\.?)", re.I)
_DATES = [re.compile(p, re.I) for p in (
    r"\b(?:Debit\s*Note|D\.?\s*N\.?|Note)\s*Date|Date\s*of\s*(?:Issue|Debit\s*Note)",
    r"(?<!Invoice\s)(?<!Invoice)(?<!Bill\s)(?<!Inv\.\s)(?<!Original\s)\bDated?\b(?!\s*of\s*Invoice)")]
# Rule 53: the invoice the note amends ("Against Invoice No.", "Ref. Invoice", "Original Invoice")
# "No. & Date" (Tally's "Original Invoice No. & Date: INV-22 dt. 01/02/2024") is one label
_INVOICE = re.compile(r"(?:(?:Against|Original|Ref(?:erence)?\.?|Orig\.?)\s*(?:Tax\s*)?(?:Invoice|Inv\.?|Bill)\s*"
                      r"(?:No\b\.?|Number|#)|\bInvoice\s*(?:No\b\.?|Number|#))(?:\s*(?:&|and)\s*Date\b)?", re.I)
_INVOICE_DATE = [re.compile(r"\b(?:Invoice|Inv\.?|Bill)\s*Date|Date\s*of\s*(?:Original\s*)?Invoice|"
                            r"\bInvoice\s*No\b\.?\s*(?:&|and)\s*Date\b|"
                            r"\bInvoice\s*(?:No\b\.?|Number)\s*[:\-]?\s*\S+\s*(?:dated|dt\.?)", re.I)]
_RECIPIENT = re.compile(r"^\W{0,3}(?:To|Party|Recipient|Debit(?:ed)?\s*To|Buyer|Customer|Supplier|Vendor|"
                        r"Name\s*of\s*(?:the\s*)?(?:Party|Recipient))(?:'?s)?\b(?:\s*(?:Name|Details))?\s*[:,]?", re.I)
_FROM = re.compile(r"^\W{0,3}(?:From|Issued\s*by)\b\s*[:,]?", re.I)
_TOTAL = re.compile(r"Total\s*(?:Debit\s*)?(?:Amount|Value)?|Net\s*(?:Amount|Debit)|Amount\s*(?:Debited|Payable)|"
                    r"Debit\s*Amount|Grand\s*Total", re.I)
_NOT = re.compile(r"(?<![A-Za-z])(?:CREDIT\s*NOTE|TAX\s*INVOICE|DEBIT\s*ADVICE|STATEMENT\s*OF\s*ACCOUNT)(?![A-Za-z])",
                  re.I)


def score(layout: Layout) -> float | None:
    title = titled(layout, _TITLE)
    if title is None or titled(layout, _NOT) is not None:
        return None
    text = layout.text
    number, invoice = bool(_NUMBER.search(text)), bool(_INVOICE.search(text))
    if not (number or invoice):
        return None
    s = 0.5 + 0.15 * number + 0.2 * invoice + 0.1 * bool(amount_field(layout, _TOTAL))
    return round(min(0.97, s), 4)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    if not layout.lines:
        return {}
    title = titled(layout, _TITLE)
    found = {
        "debit_note_number": id_field(layout, _NUMBER),
        "date": date_field(layout, _DATES),
        "issuer_name": name_field(party_after(layout, _FROM)) or name_field(
            letterhead(layout, above=title), anchored=False),
        "recipient_name": name_field(party_after(layout, _RECIPIENT)),
        "amount": amount_field(layout, _TOTAL),
        "original_invoice_number": id_field(layout, _INVOICE),
        "original_invoice_date": date_field(layout, _INVOICE_DATE),
    }
    fields = {k: v for k, v in found.items() if v is not None}
    note, inv = fields.get("debit_note_number"), fields.get("original_invoice_number")
    if note and inv and note.value == inv.value:
        del fields["original_invoice_number"]  # one number read under both labels: the note's own
    return fields


def validate(fields: dict[str, Field]) -> list[str]:
    """The note is dated on or after the invoice it amends (Rule 53 notes follow their invoice)."""
    date, inv = fields.get("date"), fields.get("original_invoice_date")
    if date and inv:
        key = lambda f: tuple(reversed(f.value.split("/")))  # noqa: E731
        if key(date) < key(inv):
            return ["The debit note is dated before the invoice it amends"]
    return []


def finish(doc: Document) -> None:
    """Validation ``amount_positive``."""
    if "amount" in doc.fields:
        ok = float(doc.fields["amount"].value) > 0
        doc.validations["amount_positive"] = {
            "valid": ok, "message": "The debit note's amount is positive" if ok else
            "The debit note's amount is not positive"}
