"""GST tax invoice (including consumer-durable invoices with IMEI / serial numbers).

Layout notes: a title ("Tax Invoice", "Retail Invoice", "Bill of Supply"); the seller's name,
address and GSTIN at the top (after "Sold By" on marketplace invoices); "Invoice No." and
"Invoice Date" / "Dated" beside their labels or under them (Tally's boxes); a buyer block
("Buyer (Bill to)", "Bill To", "Customer Details", "Customer Name:"); an items table whose header
names the columns (Description / Particulars / Title, HSN/SAC, Qty, Rate / Price, Amount /
Taxable Value); then the totals: taxable value or sub total, CGST + SGST inside a state or IGST
across states, "Round Off", and the grand total. IMEIs and serial numbers are printed under the
items ("IMEI 1:", "S/N:", "Serial No").

The GSTIN (GST Council, CBIC): two-digit state code, the holder's PAN, the registration count,
"Z", and a Luhn mod 36 check character (``stdnum.in_.gstin``). An IMEI is 15 digits with a
Luhn check digit (``stdnum.imei``).

Validations: ``invoice_arithmetic`` (the line amounts add up to the taxable value; taxable value
plus taxes give the total within 1.00, which covers a "Round Off" line; CGST equals SGST) and
``gstin_checksum``. A failed check lowers the confidence of the amounts involved.

Rows, tables, amounts and party blocks are read with :mod:`kagaz.doctypes.billing`.

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

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import (
    BRAND_LINE, ONE, SERIAL_LABEL, Row, address_of, amount_after, clean_party, column_amount, column_below,
    date_in, find_gstins, find_tables, labelled_date, labelled_id, name_conf, parse_items, rows_of,
    value_of_label,
)
from kagaz.pipeline.document import Document, Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.layout import Layout
from kagaz.text.repair import coerce

__all__ = ["CODE", "extract", "finish", "score", "validate"]

CODE = "INVOICE"

# -- invoice cues ----------------------------------------------------------------------------

_TITLE = re.compile(
    r"^\W*(?:(?:TAX|GST|RETAIL|SALES?|COMMERCIAL)\s*)?INVOICES?(?:\s*/\s*BILL)?"
    r"(?:\s*(?:CUM\s*BILL|\(.*\)))?\W*$|^\W*BILL\s*OF\s*SUPPLY\W*$|^\W*CASH\s*MEMO\W*$", re.I)
_INVOICE_WORD = re.compile(r"\bInvoice\s*(?:No|Number|Date|#)|\bInv\.?\s*No", re.I)
_OTHER_TITLE = re.compile(  # a line that is another document's title, not a mention of it
    r"^\W*(?:DELIVERY\s*(?:ORDER|CHALLAN)(?:\s*\(?D\.?O\.?\)?)?|(?:DELIVERY\s*)?CHALLAN|PURCHASE\s*ORDER|"
    r"QUOTATION|PRO\s*-?\s*FORMA(?:\s*INVOICE)?|ESTIMATE|SALE\s*DEED|DEED\s*OF\s*SALE|(?:PAYMENT\s*)?RECEIPT|"
    r"DEBIT\s*NOTE|CREDIT\s*NOTE)\W*$", re.I)
_OTHER_DOC = re.compile(
    r"REG-0?6|Registration\s*Certificate|Statement\s*of\s*Account|Account\s*Statement|"
    r"Opening\s*Balance|Closing\s*Balance|Deed\s*of\s*Sale|UDYAM|Shops?\s*(?:and|&)\s*Establishment",
    re.I)
_TOTALS = re.compile(r"Grand\s*Total|Taxable|\b[CSI]GST\b|Round\s*Off|Total\s*Amount|Net\s*Amount", re.I)


# -- score / extract ---------------------------------------------------------------------------

def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.match(ln.text) for ln in layout.lines[:60])
    word = bool(_INVOICE_WORD.search(text))
    if not (title or word):
        return None
    s = 0.45 * title + 0.3 * word
    s += 0.15 * bool(find_gstins(layout))
    rows = rows_of(layout)
    s += 0.2 * bool(find_tables(rows))
    s += 0.1 * bool(_TOTALS.search(text))
    if _OTHER_DOC.search(text) or any(_OTHER_TITLE.match(ln.text) for ln in layout.lines[:40]):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None


_SELLER_LABEL = re.compile(r"\b(?:Sold\s*By|Seller(?:'s)?(?:\s*Name)?|Supplier(?:'s)?(?:\s*Name)?|"
                           r"Vendor\s*Name|Dealer\s*Name)\b\s*[:.\-]?", re.I)
_BUYER_HEAD = re.compile(
    r"^\W{0,3}(?:Details\s*of\s*)?(?:Buyer|Bill(?:ed)?\s*To|Ship(?:ped)?\s*To|Consignee|Customer|Recipient|"
    r"Receiver|Purchaser|Party)\b(?!'?s?\s*(?:Order|Signature|Sign|Care|Copy|Ref|ID|GSTIN|Mobile|Phone))",
    re.I)
_BUYER_GSTIN = re.compile(r"Buyer|Customer|Recipient|Receiver|Purchaser|Party|Consignee|Bill(?:ed)?\s*To", re.I)
_BUYER_NAME = re.compile(r"\b(?:Customer|Buyer|Party|Client|Consignee|Purchaser)\s*(?:'s)?\s*Name\b|"
                         r"^\s*(?:Customer|Buyer|Name|Bill(?:ed)?\s*To)\s*[:\-]", re.I)
_NOT_NAME = re.compile(
    r"INVOICE|\bBILL\b|ORIGINAL|DUPLICATE|TRIPLICATE|\bCOPY\b|GSTIN|\bPh\b|PHONE\s*(?:No)?\s*[:.]|"
    r"\bMob(?:ile)?\s*(?:No\.?)?\s*[:.\d]|E-?MAIL|@|"
    r"WWW|Authori[sz]ed|Dealer\s*:|\bState\b|\bCode\b|Address|Details|\bDate|\bTo\b|\||Recipient|"
    r"Customer|Buyer|Page\s*\d", re.I)
_INV_NO = re.compile(r"\bInvoice\s*(?:No\.?|Number|#|Num\.?|Serial\s*No\.?)|\bInv\.?\s*No\.?|"
                     r"\bBill\s*No\.?|\bInvoice\s*ID", re.I)
_DATE_LABELS = [re.compile(p, re.I) for p in (
    r"\bInvoice\s*Date|\bInv\.?\s*Date|\bBill\s*Date|Date\s*of\s*(?:Invoice|Issue)",
    r"\bDated\b", r"(?<!Order\s)(?<!Order\s\s)(?<!Due\s)(?<!Note\s)(?<!Challan\s)\bDate\b(?!\s*of\s*Supply)")]
_TAXABLE = re.compile(r"Taxable\s*(?:Value|Amount|Amt)|Sub\s*-?\s*Total|Total\s*Taxable|"
                      r"Assessable\s*Value|Total\s*(?:Amount\s*)?Before\s*Tax", re.I)
_TAX = {k: re.compile(p, re.I) for k, p in (
    ("cgst", r"\bC\.?GST(?![A-Za-z])|Central\s*(?:GST|Tax)"),
    ("sgst", r"\b[SU]\.?GST(?![A-Za-z])|State\s*(?:GST|Tax)|UT\s*Tax"),
    ("igst", r"\bI\.?GST(?![A-Za-z])|Integrated\s*(?:GST|Tax)"))}
_GRAND = re.compile(r"Grand\s*Total|Total\s*Invoice\s*(?:Value|Amount)|Invoice\s*(?:Total|Value)|"
                    r"Net\s*(?:Amount|Payable|Total)|Total\s*Amount(?!\s*(?:Before|Chargeable))|"
                    r"Amount\s*Payable|Total\s*Payable|Bill\s*Amount|Total\s*Value", re.I)
_PLAIN_TOTAL = re.compile(r"(?<!Sub\s)(?<!Sub)\bTotal\b(?!\s*(?:Tax|Taxable|Qty|Quantity|GST|Discount))", re.I)
ROUND_OFF = re.compile(r"Round(?:ed|ing)?\s*-?\s*(?:Off)?\b", re.I)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    rows = rows_of(layout)
    num = labelled_id(layout, _INV_NO)
    if num:
        fields["invoice_number"] = make_field(num[0], confidence(num[1].score, anchored=True), num[1])
    date = labelled_date(layout, _DATE_LABELS)
    if date:
        fields["invoice_date"] = make_field(date[0], confidence(date[1].score), date[1])
    _parties(layout, fields)
    tables = find_tables(rows)
    items = [it for i, cols in tables for it in parse_items(rows, i, cols)]
    if items:
        rows_out = [dict(it, confidence_score=_item_conf(it, c)) for it, c in items]
        fields["line_items"] = Field(value=rows_out, confidence_score=min(r["confidence_score"] for r in rows_out))
    _amounts(layout, rows, fields)
    serials = find_serials(layout)
    if serials:
        fields["serial_numbers"] = Field(value=[s for s, _ in serials], confidence_score=min(c for _, c in serials))
    return fields


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


def _parties(layout: Layout, fields: dict[str, Field]) -> None:
    gstins = find_gstins(layout)
    buyer_heads = [ln for ln in layout.find(_BUYER_HEAD) if not _SELLER_LABEL.search(ln.text)]
    roles: dict[str, tuple[str, int, bool, TextLine]] = {}
    for g in gstins:
        line = g[3]
        role = "buyer" if _BUYER_GSTIN.search(line.text) else "seller"
        if role == "seller":
            above = [h for h in buyer_heads if h.page == line.page and h.cy <= line.cy + 1
                     and h.x0 < line.x1 and line.x0 < h.x1 + line.height * 10]
            sellers = [s for s in layout.find(_SELLER_LABEL) if s.page == line.page and s.cy <= line.cy + 1]
            near_b = max((h.cy for h in above), default=None)
            near_s = max((h.cy for h in sellers), default=None)
            if near_b is not None and (near_s is None or near_b > near_s):
                role = "buyer"
        if role in roles and roles[role][0] != g[0] and role == "seller" and "buyer" not in roles:
            role = "buyer"
        roles.setdefault(role, g)
    for role, (value, repairs, ok, line) in roles.items():
        conf = confidence(line.score, checked=ok, repairs=repairs)
        fields[f"{role}_gstin"] = make_field(value, conf, line)
    seller = _seller_name(layout, buyer_heads)
    if seller:
        name, line, anchored = seller
        fields["seller_name"] = make_field(
            name, name_conf(confidence(line.score, anchored=anchored, free_text=True), name), line)
        addr = column_below(layout, line, max_lines=4, first_gap=3.0, skip=BRAND_LINE)
        if addr:
            fields["dealer_address"] = make_field(address_of(addr), min(
                confidence(min(ln.score for ln in addr), free_text=True), 0.85), addr[0])
    buyer = _buyer_name(layout, buyer_heads)
    if buyer:
        name, line, anchored = buyer
        fields["buyer_name"] = make_field(
            name, name_conf(confidence(line.score, anchored=anchored, free_text=True), name), line)
        addr = column_below(layout, line, max_lines=4)
        if not addr:
            hit = value_of_label(layout, re.compile(r"^\s*(?:Customer\s*|Billing\s*)?Address\b", re.I))
            addr = [hit[1]] if hit else []
        if addr:
            fields["buyer_address"] = make_field(address_of(addr), min(
                confidence(min(ln.score for ln in addr), free_text=True), 0.85), addr[0])


def _seller_name(layout: Layout, buyer_heads: list[TextLine]) -> tuple[str, TextLine, bool] | None:
    hit = value_of_label(layout, _SELLER_LABEL, below=True)
    if hit and not _NOT_NAME.search(hit[0]):
        return clean_party(hit[0]), hit[1], True
    stops = [ln.y1 for ln in [*buyer_heads, *layout.find(_INV_NO)] if ln.page == layout.lines[0].page]
    limit = min(stops, default=float("inf"))
    cands = [ln for ln in layout if ln.page == layout.lines[0].page and ln.y0 < limit
             and _businessy(ln.text)]
    if not cands:
        return None
    best = cands[0]
    for ln in cands[1:4]:
        if ln.height > best.height * 1.3:
            best = ln
    return clean_party(best.text), best, False


def _businessy(text: str) -> bool:
    t = text.strip()
    letters = sum(ch.isalpha() for ch in t)
    if letters < 4 or re.search(r"\d", t) or _TITLE.match(t) or _NOT_NAME.search(t):
        return False
    if re.search(r",\s*\S", t.rstrip(", ")):
        return False
    return letters >= 0.6 * len(t.replace(" ", "")) and len(t.split()) <= 8


def _buyer_name(layout: Layout, heads: list[TextLine]) -> tuple[str, TextLine, bool] | None:
    hit = value_of_label(layout, _BUYER_NAME, below=False)
    if hit:
        name = re.split(r"\s{2,}|\b(?:Mobile|Mob|Phone|Ph|GSTIN|Date)\b", hit[0], maxsplit=1, flags=re.I)[0]
        if _partyish(name):
            return clean_party(name), hit[1], True
    for head in heads:
        m = _BUYER_HEAD.search(head.text)
        rest = re.sub(r"^[\s)(:.\-]*(?:\(?\s*(?:Bill|Ship)\s*to\s*\)?)?[\s:.\-]*(?:Details|Name)?[\s:.\-]*",
                      "", head.text[m.end():] if m else "", flags=re.I)
        if _partyish(rest):
            return clean_party(rest), head, True
        for ln in column_below(layout, head, max_lines=2, stop=re.compile(r"$^")):
            t = re.sub(r"^\s*(?:Name|M/s)\s*[:.\-]*\s*", "", ln.text, flags=re.I)
            if _partyish(t):
                return clean_party(t), ln, True
    return None


def _partyish(text: str) -> bool:
    t = text.strip(" ,:.-")
    return (sum(ch.isalpha() for ch in t) >= 3 and not re.search(r"\d{3}", t) and not date_in(t)
            and not _NOT_NAME.search(t) and not re.search(r",\s*\S", t))


def _amounts(layout: Layout, rows: list[Row], fields: dict[str, Field]) -> None:
    def put(key: str, hit: tuple[Decimal, TextLine] | None) -> None:
        if hit is not None:
            fields[key] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])

    put("taxable_value", amount_after(rows, _TAXABLE, bare=False)
        or column_amount(layout, rows, re.compile(r"\bTaxable\b", re.I)))
    for key, rx in _TAX.items():
        put(key, amount_after(rows, rx, bare=False) or column_amount(layout, rows, rx))
    total = amount_after(rows, _GRAND, pick="max") or amount_after(rows, _PLAIN_TOTAL, pick="max")
    put("total_amount", total)


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
    """Record ``invoice_arithmetic`` and ``gstin_checksum`` in ``doc.validations``."""
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
