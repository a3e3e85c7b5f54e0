"""Invoices: GST tax invoices and bills of supply (including consumer-durable invoices with IMEI /
serial numbers), marketplace, platform and ride-hailing invoices, and foreign-format invoices.

What every invoice prints, and so what classification rests on (CGST Rules 2017, Rules 46 and 49;
the common convention abroad), is written in :mod:`kagaz.doctypes.invoice_cues`, which holds
:func:`score`. Extraction reads the **first** invoice of the file
(:mod:`kagaz.doctypes.invoice_split`: a second title with a second invoice number starts
another) and lists the others in ``other_invoices`` (``invoice_number``, ``invoice_date``,
``total_amount`` of each). Text layers drawn word by word or glyph by glyph are put back into
phrases first (:mod:`kagaz.doctypes.invoice_lines`); seller and buyer come from their labelled
blocks (:mod:`kagaz.doctypes.invoice_parties`).

Layout notes: a title ("Tax Invoice", "Retail Invoice", "Bill of Supply"); the seller's name,
address and GSTIN at the top (after "Sold By" on marketplace invoices); "Invoice No." and
"Invoice Date" / "Dated" beside their labels or under them (Tally's boxes); a buyer block
("Buyer (Bill to)", "Bill To", "Customer Details", "Customer Name:"); an items table whose header
names the columns (Description / Particulars / Title, HSN/SAC, Qty, Rate / Price, Amount /
Taxable Value); then the totals: taxable value or sub total, CGST + SGST inside a state or IGST
across states, "Round Off", and the grand total ("Grand Total", "Total", else "Amount Due").
IMEIs and serial numbers are printed under the items ("IMEI 1:", "S/N:", "Serial No").

The GSTIN (GST Council, CBIC): two-digit state code, the holder's PAN, the registration count,
"Z", and a Luhn mod 36 check character (``stdnum.in_.gstin``). An IMEI is 15 digits with a
Luhn check digit (``stdnum.imei``).

Validations: ``invoice_arithmetic`` (the line amounts add up to the taxable value; taxable value
plus taxes give the total within 1.00, which covers a "Round Off" line; CGST equals SGST) and
``gstin_checksum``. A failed check lowers the confidence of the amounts involved.

Rows, amounts and dates are read with :mod:`kagaz.doctypes.billing`, items tables with
:mod:`kagaz.doctypes.billing_items`.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''TAX INVOICE
... Sai Mobile Gallery
... 12, MG Road, Pune, Maharashtra - 411001
... GSTIN: 27AAPFU0939F1ZV
... Invoice No: SM/24-25/0012
... Invoice Date: 05/04/2024
... Taxable Value 10,000.00
... CGST @ 9% 900.00
... SGST @ 9% 900.00
... Grand Total 11,800.00'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["invoice_number"].value, f["invoice_date"].value, f["seller_gstin"].value
('SM/24-25/0012', '05/04/2024', '27AAPFU0939F1ZV')
>>> f["seller_name"].value, f["dealer_address"].value
('Sai Mobile Gallery', '12, MG Road, Pune, Maharashtra - 411001')
>>> f["taxable_value"].value, f["cgst"].value, f["total_amount"].value
('10000.00', '900.00', '11800.00')
>>> validate(f)
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from stdnum import imei as stdnum_imei
from stdnum.in_ import gstin as stdnum_gstin

from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, LIST, NAME, Spec, TABLE, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import ONE, Row, amount_after, labelled_date, labelled_id, rows_of
from kagaz.doctypes.billing_items import SERIAL_LABEL, column_amount, find_tables, parse_items
from kagaz.doctypes.invoice_cues import DATE_LABELS, INV_NO, first_title, score
from kagaz.doctypes.invoice_kind import gst_tax_invoice
from kagaz.doctypes.invoice_lines import joined_layout
from kagaz.doctypes.invoice_parties import parties
from kagaz.doctypes.invoice_split import split_invoices
from kagaz.model import Document, Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.layout import Layout
from kagaz.text.repair import coerce

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "INVOICE"
GROUP = "business"
ORDER = 90
GENERATOR = "kagaz.synth.invoice"
FIELDS = declare(
    invoice_number=IDENTIFIER, invoice_date=DATE, seller_name=NAME, seller_gstin=IDENTIFIER,
    dealer_address=ADDRESS, buyer_name=NAME, buyer_gstin=IDENTIFIER, buyer_address=ADDRESS,
    line_items=TABLE, taxable_value=AMOUNT, cgst=AMOUNT, sgst=AMOUNT, igst=AMOUNT, total_amount=AMOUNT,
    serial_numbers=LIST, other_invoices=Spec("table", scored=False),
)

_TAXABLE = re.compile(r"Taxable\s*(?:Value|Amount|Amt)|Sub\s*-?\s*Total|Total\s*Taxable|"
                      r"Assessable\s*Value|Total\s*(?:Amount\s*)?Before\s*Tax|Zwischensumme|"
                      r"Total\s*HT\b|Exclusief\s*BTW|Totaal\s*excl(?:usief|\.)?\s*BTW|Nettobetrag", re.I)
_TAX = {k: re.compile(p, re.I) for k, p in (
    ("cgst", r"\bC\.?GST(?![A-Za-z])|Central\s*(?:GST|Tax)"),
    ("sgst", r"\b[SU]\.?GST(?![A-Za-z])|\bUTGST\b|State\s*(?:GST|Tax)|UT\s*Tax"),
    ("igst", r"\bI\.?GST(?![A-Za-z])|Integrated\s*(?:GST|Tax)"))}
# The invoice's total, in order of trust: a labelled grand total; a plain "Total" row; what is
# due (which may carry an earlier balance: "Amount Due" = total + previous balance).
_GRAND = re.compile(r"Grand\s*Total|Total\s*Invoice\s*(?:Value|Amount)|Invoice\s*(?:Total|Value)|"
                    r"Net\s*(?:Amount|Payable|Total)|Total\s*Amount(?!\s*(?:Before|Chargeable|Due|of\s*Tax))|"
                    r"Amount\s*Payable|Total\s*Payable|Bill\s*Amount|Total\s*Value|Total\s*\(?(?:INR|Rs\.?|₹)\)?|"
                    r"Total\s*(?:TTC|facture)|Montant\s*TTC|(?:Factuur\s*)?Totaal\s*(?:incl|factuur)|"
                    r"Bedrag\s*incl|Gesamtbetrag|Rechnungsbetrag|Endbetrag|Total\s*EUR", re.I)
_PLAIN_TOTAL = re.compile(r"(?<!Sub\s)(?<!Sub)\b(?:Total|Totaal|Summe|Totale)\b(?!\s*(?:Tax|Taxable|Qty|Quantity|GST|"
                          r"Discount|HT\b|excl|net|Items?|Units?|VAT|BTW|MwSt|CGST|SGST|IGST|Cess|Savings?|Due|Paid|"
                          r"Outstanding))", re.I)
_DUE = re.compile(r"Amount\s*Due|Balance\s*Due|Total\s*(?:Amount\s*)?Due|Amount\s*to\s*(?:be\s*)?Paid|"
                  r"Te\s*betalen|Net\s*[àa]\s*payer|Somme\s*[àa]\s*payer|Zu\s*zahlen", re.I)
_DUE_HEAD = re.compile(r"^\W*(?:Amount\s*Due|Balance\s*Due|Total\s*Due|(?:Total\s*)?Charges)\W*$", re.I)  # a grid's
ROUND_OFF = re.compile(r"Round(?:ed|ing)?\s*-?\s*(?:Off)?\b", re.I)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    """The first invoice's fields; the other invoices of the file in ``other_invoices``."""
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    first, *others = split_invoices(joined_layout(layout))
    layout = first
    rows = rows_of(layout)
    _number_and_date(layout, fields)
    parties(layout, fields)
    tables = find_tables(rows)
    items = [it for i, cols in tables for it in parse_items(rows, i, cols)]
    if items:
        rows_out = [dict(it, confidence_score=_item_conf(it, c)) for it, c in items]
        fields["line_items"] = Field(value=rows_out, confidence_score=min(r["confidence_score"] for r in rows_out))
    _amounts(layout, rows, fields)
    serials = find_serials(layout)
    if serials:
        fields["serial_numbers"] = Field(value=[s for s, _ in serials], confidence_score=min(c for _, c in serials))
    if others:
        fields["other_invoices"] = _others(others)
    return fields


def _number_and_date(layout: Layout, fields: dict[str, Field]) -> None:
    num = (labelled_id(layout, INV_NO, reach=60) or labelled_id(layout, _BARE_NO) or _under_title(layout)
           or _under_column_header(layout))
    if num:
        fields["invoice_number"] = make_field(num[0], confidence(num[1].score, anchored=True), num[1])
    date = labelled_date(layout, DATE_LABELS)
    if date:
        fields["invoice_date"] = make_field(date[0], confidence(date[1].score), date[1])


# "INVOICE: INV-100", "Invoice INV/2023/0008": the title word itself as the number's label
_BARE_NO = re.compile(r"^\W{0,3}(?:(?:Tax|GST|Commercial)\s*)?(?:Invoice|Facture|Factuur|Rechnung)\b\s*[:#]?"
                      r"(?:\s*No\b\.?\s*[:#]?)?"  # "INVOICE: NO. 001"
                      r"(?=\s*[A-Z0-9][A-Z0-9/\-.]*\d)", re.I)


def _under_title(layout: Layout) -> tuple[str, TextLine, bool] | None:
    """"INVOICE" with "#23413561D" under it (or beside it): the number, marked by its "#" / "No"."""
    found = first_title(layout)
    if found is None or found[0] != "invoice":
        return None
    title = found[1]
    for ln in [*layout.right_of(title)[:1], *layout.below(title, max_lines=1)]:
        m = re.match(r"^\s*(?:#|No\.?|N\s*[°º])\s*:?\s*([A-Z0-9][A-Z0-9_/\-]*\d[A-Z0-9_/\-]*)\s*$", ln.text, re.I)
        if m:
            return m.group(1), ln, False
    return None


# A bare "Invoice" / "Factuur" heading one column of a header row ("Klant | Order | Factuur datum
# | Factuur") with the number under it in the row of values.
_COLUMN_TITLE = re.compile(r"^\W{0,2}(?:Invoice|Facture|Factuur|Rechnung)\s*(?:#|No\.?|Nr\.?|n[°º])?\W{0,2}$", re.I)
_ID_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9_/\-.]*\d[A-Z0-9_/\-.]*$", re.I)
_DATE_SHAPE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _under_column_header(layout: Layout) -> tuple[str, TextLine, bool] | None:
    """The value under a bare "Invoice"/"Factuur" column heading, when the heading stands in a
    row of at least three headings (a lone "INVOICE" is the title: :func:`_under_title`) and
    the value is shaped like an identifier (a digit in it, no spaces)."""
    for head in layout.lines:
        if not _COLUMN_TITLE.match(head.text):
            continue
        tol = max(head.height, 1.0) * 0.6
        row = [ln for ln in layout.lines if ln.page == head.page and abs(ln.y0 - head.y0) <= tol]
        if len(row) < 3:
            continue
        for ln in layout.below(head, max_lines=1):
            value = ln.text.strip()
            if _ID_SHAPE.match(value) and not _DATE_SHAPE.fullmatch(value):
                return value, ln, False
    return None


def _others(parts: list[Layout]) -> Field:
    """``{"invoice_number", "invoice_date", "total_amount"}`` of each further invoice, as printed
    (number as on the document, date ``DD/MM/YYYY``, amount ``"123.45"``; None when not found)."""
    out, confs = [], []
    for part in parts:
        f: dict[str, Field] = {}
        _number_and_date(part, f)
        _amounts(part, rows_of(part), f)
        row = {k: f[k].value if k in f else None for k in ("invoice_number", "invoice_date", "total_amount")}
        out.append(row)
        confs += [f[k].confidence_score for k in row if k in f]
    return Field(value=out, confidence_score=min(confs, default=0.5))


def _item_conf(item: dict, ocr: float) -> float:
    """Quantity x rate = amount vouches for the numbers; the description is free text, and
    words run together ("RedmiNote") are a sign of a low-resolution read."""
    rate, qty, amount = item.get("rate"), item.get("quantity"), item.get("amount")
    checked = None
    if rate and qty and amount:
        checked = abs(Decimal(rate) * Decimal(qty) - Decimal(amount)) <= ONE
    conf = min(confidence(ocr, checked=checked), confidence(ocr, free_text=True))
    desc = item.get("description") or ""
    if not desc:
        return min(conf, 0.6)
    return min(conf, 0.85) if re.search(r"[a-z][A-Z]|[A-Za-z]{16,}", desc) else conf


def _amounts(layout: Layout, rows: list[Row], fields: dict[str, Field]) -> None:
    def put(key: str, hit: tuple[Decimal, TextLine] | None) -> None:
        if hit is not None:
            fields[key] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])

    put("taxable_value", amount_after(rows, _TAXABLE, bare=False, pick="max")  # sections' subtotals, then all
        or column_amount(layout, rows, re.compile(r"\bTaxable\b", re.I)))
    for key, rx in _TAX.items():
        put(key, amount_after(rows, rx, bare=False) or column_amount(layout, rows, rx))
    total = (amount_after(rows, _GRAND, pick="max") or amount_after(rows, _PLAIN_TOTAL, pick="max")
             or amount_after(rows, _DUE, pick="max") or column_amount(layout, rows, _DUE_HEAD))
    put("total_amount", total)
    if total is None and (only := _only_amount(layout)) is not None:
        # An invoice that prints one amount and no total label ("Charges $56,651.49" in a row
        # of headings): that amount is what it asks for; below the surer readings' confidence.
        fields["total_amount"] = make_field(format_amount(only[0]), min(0.7, confidence(only[1].score)), only[1])


_MONEY = re.compile(r"(?<![\w.,/-])(?:[$€£₹]|Rs\.?|INR|USD|EUR)?\s?(\d{1,3}(?:[,.]\d{2,3})*[.,]\d{2})(?![\w.,/%-])")


def _only_amount(layout: Layout) -> tuple[Decimal, TextLine] | None:
    """The one money amount (two decimals) the document prints, when it prints exactly one."""
    found: dict[Decimal, TextLine] = {}
    for line in layout.lines:
        for m in _MONEY.finditer(line.text):
            value = to_decimal(m.group(1))
            if value is not None and value > 0:
                found.setdefault(value, line)
    return next(iter(found.items())) if len(found) == 1 else None


def find_serials(layout: Layout) -> list[tuple[str, float]]:
    """IMEIs and serial numbers printed after their labels, in order, without repeats."""
    out: dict[str, float] = {}
    for line in layout:
        for m in SERIAL_LABEL.finditer(line.text):
            rest = line.text[m.end():]
            is_imei = m.group(0).upper().startswith("IMEI")
            for tok in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-/]{4,}", rest)[:2]:
                tok = tok.strip("-/").upper()
                digits = coerce(tok, "9" * len(tok)) if len(tok) == 15 else None
                if digits and (is_imei or stdnum_imei.is_valid(digits[0])) and sum(c.isdigit() for c in tok) >= 12:
                    ok = stdnum_imei.is_valid(digits[0])
                    out.setdefault(digits[0], confidence(line.score, checked=ok, repairs=digits[1]))
                elif not is_imei and re.search(r"\d", tok) and len(tok) >= 6:
                    out.setdefault(tok, confidence(line.score))
                else:
                    continue
                if not is_imei:
                    break
    return list(out.items())


# -- validation ----------------------------------------------------------------------------------

def _dec(fields: dict[str, Field], key: str) -> Decimal | None:
    f = fields.get(key)
    return to_decimal(f.value) if f is not None and isinstance(f.value, str) else None


def arithmetic(fields: dict[str, Field]) -> dict | None:
    """The reviewer's sums: items vs taxable value, taxable + taxes vs total, CGST vs SGST."""
    taxable, total = _dec(fields, "taxable_value"), _dec(fields, "total_amount")
    taxes = {k: _dec(fields, k) for k in ("cgst", "sgst", "igst")}
    items = fields.get("line_items")
    amounts = [to_decimal(r.get("amount")) for r in items.value] if items else []
    out: dict = {"valid": True}
    problems = []
    if amounts and None not in amounts:
        s = sum(amounts, Decimal(0))  # type: ignore[arg-type]
        out["items_total"] = format_amount(s)
        if taxable is not None:
            out["items_difference"] = format_amount(s - taxable)
            if abs(s - taxable) > ONE:
                problems.append("the line items do not add up to the taxable value")
        else:
            taxable = s
    tax_sum = sum((v for v in taxes.values() if v is not None), Decimal(0))
    if total is not None and taxable is not None and any(v is not None for v in taxes.values()):
        out["total_difference"] = format_amount(total - taxable - tax_sum)
        if abs(total - taxable - tax_sum) > ONE:
            problems.append("taxable value plus taxes does not give the total")
    if taxes["cgst"] is not None and taxes["sgst"] is not None and abs(taxes["cgst"] - taxes["sgst"]) > Decimal("0.02"):
        problems.append("CGST and SGST differ")
    compared = {"items_difference", "total_difference"} & out.keys() or (
        taxes["cgst"] is not None and taxes["sgst"] is not None)
    if not compared:
        return None
    out["valid"] = not problems
    out["message"] = ("Invoice arithmetic is consistent" if not problems
                      else "Invoice arithmetic fails: " + "; ".join(problems))
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    """Invoice arithmetic and GSTIN checksums; failures lower the fields' confidence."""
    issues = []
    res = arithmetic(fields)
    involved = ("taxable_value", "cgst", "sgst", "igst", "total_amount")
    if res is not None and not res["valid"]:
        issues.append(res["message"])
        for key in (*involved, "line_items"):
            f = fields.get(key)
            if f is not None:
                f.confidence_score = min(f.confidence_score, 0.5)
                if key == "line_items":
                    for r in f.value:
                        r["confidence_score"] = min(r["confidence_score"], 0.5)
    elif res is not None:  # the sums agree: the amounts are very likely read right
        for key in involved:
            f = fields.get(key)
            if f is not None and f.confidence_score >= 0.8:
                f.confidence_score = max(f.confidence_score, 0.97)
    for key in ("seller_gstin", "buyer_gstin"):
        f = fields.get(key)
        if f is not None and not stdnum_gstin.is_valid(f.value):
            issues.append(f"{key} fails the GSTIN checksum")
    return issues


def finish(doc: Document) -> None:
    """Record ``invoice_arithmetic``, ``gstin_checksum`` and ``gst_tax_invoice`` in
    ``doc.validations``."""
    if doc.fields:
        found = first_title(Layout(doc.lines))
        doc.validations["gst_tax_invoice"] = gst_tax_invoice(found[1].text if found else None, doc.fields)
    res = arithmetic(doc.fields)
    if res is not None:
        ro = amount_after(rows_of(Layout(doc.lines)), ROUND_OFF, bare=False)
        if ro is not None:
            res["round_off"] = format_amount(ro[0])
        doc.validations["invoice_arithmetic"] = res
    checks = {k: stdnum_gstin.is_valid(doc.fields[k].value) for k in ("seller_gstin", "buyer_gstin")
              if k in doc.fields}
    if checks:
        bad = [k for k, ok in checks.items() if not ok]
        doc.validations["gstin_checksum"] = {
            "valid": not bad, **checks,
            "message": "GSTIN check characters are valid" if not bad
            else f"GSTIN check character wrong: {', '.join(bad)}"}
