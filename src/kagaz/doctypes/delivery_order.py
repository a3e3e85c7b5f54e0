"""Delivery order (a financier's DO to a dealer, or a dealer's delivery challan).

What every delivery order prints (trade convention in vehicle and consumer-durable finance: the
financier's instruction to the dealer): the title "Delivery Order" or "D.O." / "Delivery Challan",
its number and date, the dealer and the customer, the asset, and the financed split (total cost,
down payment or margin money, loan amount). :func:`score` needs the title with these parties or
amounts; a letter that merely says "do" is declined.

Layout notes: a financier's delivery order is a letter on the financier's letterhead: the
title "Delivery Order", "DO No." and a date, "To, (The Dealer) M/s ..." with the dealer's
address, a paragraph ("We have sanctioned a loan to our customer Mr. ... Please deliver the
product ...") and a labelled block or grid: customer name, product / asset description, total
or asset cost, down payment or margin money, loan amount or amount financed, sometimes a
processing fee and the EMI. A dealer's delivery challan carries the dealer's own header,
"Delivery Challan", "Challan No.", the customer, the financier ("Financier:", "Hypothecated to"),
an items table and often the finance split.

Financiers are recognised by generic cues (the letterhead's "Finance", "Financial Services",
"Credit", "Capital", "Bank" words, a "Financier" label, "in favour of"), never a fixed list.

Validation ``do_arithmetic``: the total equals the loan amount plus the down payment (plus the
printed charges, where the total includes them); a failure lowers the amounts' confidence.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''Kaveri Finance Limited
... DELIVERY ORDER
... DO No.: DO123456   Date: 12/04/2024
... To,
... M/s. Sai Mobile Gallery
... 12, MG Road, Pune, Maharashtra - 411001
... We have sanctioned a loan to our customer Mr. Ravi Kumar. Please deliver the product.
... Product : Samsung Galaxy M34 5G
... Total Amount : Rs. 20,000.00
... Down Payment : Rs. 5,000.00
... Loan Amount : Rs. 15,000.00'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["do_number"].value, f["do_date"].value, f["dealer_name"].value, f["customer_name"].value
('DO123456', '12/04/2024', 'Sai Mobile Gallery', 'Ravi Kumar')
>>> f["financier_name"].value, f["product_description"].value, f["loan_amount"].value
('Kaveri Finance Limited', 'Samsung Galaxy M34 5G', '15000.00')
>>> validate(f)
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, NAME, PERSON, Spec, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import (
    ONE, address_of, amount_after, clean_party, column_below, labelled_date, labelled_id, name_conf, rows_of,
    value_of_label,
)
from kagaz.doctypes.billing_items import find_tables, parse_items
from kagaz.model import Document, Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "DELIVERY_ORDER"
GROUP = "business"
ORDER = 100
GENERATOR = "kagaz.synth.delivery_order"
FIELDS = declare(
    do_number=IDENTIFIER, do_date=DATE, dealer_name=NAME, dealer_address=ADDRESS,
    customer_name=PERSON, financier_name=NAME, product_description=TEXT, total_amount=AMOUNT,
    loan_amount=AMOUNT, down_payment=AMOUNT, charges=Spec("amount", scored=False),
)

# "D.O." is a title only in capitals and on its own or before LETTER: a sentence starting "Do
# not share your OTP" (a KYC letter) is not a delivery order.
_TITLE = re.compile(r"^\W*(?:(?:DELIVERY\s*ORDER|DELIVERY\s*CHALLAN|CHALLAN)\b|"
                    r"(?-i:D\.?\s*O\.?)\s*(?:LETTER\b|\W*$))", re.I)
_CHALLAN = re.compile(r"^\W*(?:DELIVERY\s*)?CHALLAN\b", re.I)
_NUMBER = re.compile(r"\b(?:D\.?\s*O\.?|Delivery\s*Order)\s*(?:No\.?|Number|#)|\bChallan\s*(?:No\.?|Number|#)|"
                     r"\bD\.?\s*C\.?\s*No\.?", re.I)
_DELIVER = re.compile(r"(?:please|kindly|request(?:ed)?\s*(?:you\s*)?to)\s*deliver|deliver\s*the\s*"
                      r"(?:above|below|following|said)?\s*(?:product|asset|goods|vehicle)|"
                      r"received\s*the\s*(?:above\s*)?goods|sanctioned\s*a?\s*loan", re.I)
_FINANCE = re.compile(r"Loan\s*Amount|Down\s*Payment|Margin\s*Money|Amount\s*Financed|Finance\s*Amount|"
                      r"Financier|Hypothecat", re.I)
_OTHER = re.compile(r"^\W*(?:TAX\s*INVOICE|INVOICE|RETAIL\s*INVOICE|SALE\s*DEED|BILL\s*OF\s*SUPPLY)\W*$|"
                    r"Statement\s*of\s*Account|REG-0?6|UDYAM", re.I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.match(ln.text) and len(ln.text) < 45 for ln in layout.lines[:50])
    s = 0.5 * title + 0.2 * bool(_NUMBER.search(text)) + 0.15 * bool(_DELIVER.search(text))
    s += 0.15 * bool(_FINANCE.search(text))
    if not title:  # untitled: a DO number and a delivery instruction are both needed
        if not (_NUMBER.search(text) and _DELIVER.search(text)):
            return None
        s = min(s, 0.6)
    if any(_OTHER.search(ln.text) for ln in layout.lines[:40]):
        s -= 0.6
    return round(max(0.0, min(0.97, s)), 4) or None


_DATE_LABELS = [re.compile(p, re.I) for p in (
    r"\b(?:D\.?\s*O\.?|Challan)\s*Date|Date\s*of\s*(?:Issue|DO)", r"\bDated?\b")]
_L = r"^\W{0,3}"  # labels start their line (or their cell): a word in a sentence is no label
_E = r"(?!\s+[a-z])"  # ...and are not followed by running text
_DEALER = re.compile(_L + r"(?:Dealer(?:'s)?\s*Name|Name\s*of\s*(?:the\s*)?Dealer|Supplier\s*Name|"
                     r"(?:Dealer|Supplier)(?=\s*[:\-]))" + _E, re.I)
_DEALER_ADDR = re.compile(_L + r"(?:Dealer(?:'s)?\s*Address|Address\s*of\s*(?:the\s*)?Dealer)", re.I)
_WHO = r"(?:Customer|Borrower|Applicant|Buyer|Hirer|Loanee|Purchaser)"
_CUSTOMER = re.compile(_L + rf"(?:{_WHO}(?:'s)?\s*Name|Name\s*of\s*(?:the\s*)?{_WHO}|{_WHO}(?=\s*[:\-]))" + _E, re.I)
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Shri|Smt|Sri|Kumari|Dr)\.?\s*"
_NAME_RUN = r"([A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,4}?)(?=\s*(?:,|\(|for\b|who\b|under\b|on\b|against\b|residing\b|S/o|W/o|D/o|\.\s|$))"
# The letter's sentence names the customer: "our customer Mr. ...", "sanctioned a loan of Rs. ... to
# Mr. ...", "deliver the vehicle to Mrs. ...". Without a role word, only an honorific marks a person.
_CUSTOMER_SENTENCES = [re.compile(p) for p in (
    rf"(?i:(?:our|the)\s*(?:customer|borrower|applicant|hirer|client)\s*,?\s*)(?:{_HONORIFIC})?{_NAME_RUN}",
    rf"(?i:(?:sanctioned|granted|disbursed|approved)\b.{{0,60}}?\b(?:to|in\s*favou?r\s*of)\s*){_HONORIFIC}{_NAME_RUN}",
    rf"(?i:deliver(?:y)?\b.{{0,40}}?\bto\s*){_HONORIFIC}{_NAME_RUN}",
)]
_FIN_LABEL = re.compile(_L + r"(?:Financier(?:\s*Name)?|Financed\s*by|Finance\s*Company|Name\s*of\s*(?:the\s*)?"
                        r"Financier|Hypothecat(?:ed|ion)\s*(?:to|with))", re.I)
_FIN_WORDS = re.compile(r"Financ|Credit|Capital|Fin\s*(?:corp|cap|serv)|\bBank\b|Leasing|Investment|Loans?\b",
                        re.I)
_PRODUCT = re.compile(_L + r"(?:(?:Product|Asset|Item)\s*(?:Name|Description|Details)?\b(?!\s*(?:Cost|Price|Value))|"
                      r"Make\s*/?\s*Model|Model\s*(?:Name|No\.?)?\b|Description\s*of\s*(?:Goods|Product|Asset))" + _E,
                      re.I)
_TOTAL = re.compile(r"Total\s*(?:Amount|Cost|Value|Price)|(?:Product|Asset|Vehicle)\s*(?:Cost|Price|Value)|"
                    r"Invoice\s*(?:Value|Amount)|On[\s-]*Road\s*Price|Cost\s*of\s*(?:the\s*)?(?:Product|Asset)|"
                    r"^\W*Total\b", re.I)
_LOAN = re.compile(r"Loan\s*Amount|Finance\s*Amount|Amount\s*Financed|(?:Loan|Amount)\s*Sanctioned|"
                   r"Sanctioned\s*Amount|Net\s*Loan|Disburs(?:al|ement)\s*Amount", re.I)
_DOWN = re.compile(r"Down\s*[-\s]*Payment|Margin\s*Money|Customer\s*Contribution|Advance\s*(?:Paid|Amount)", re.I)
CHARGES = re.compile(r"Processing\s*(?:Fee|Charges)|Documentation\s*(?:Fee|Charges)|File\s*Charges|"
                     r"Other\s*Charges|Insurance\s*(?:Premium|Charges)?", re.I)
_HONORIFIC = re.compile(r"^\s*(?:Mr|Mrs|Ms|Miss|Shri|Smt|Sri|Kumari|Dr)\.?\s+", re.I)
_NOT_NAME = re.compile(r"\d{3}|Dealer|Manager|Sir|Madam|Subject|Sub\s*:|Dear|Branch|Showroom|^\W*To\W*$", re.I)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    rows = rows_of(layout)
    challan = any(_CHALLAN.match(ln.text) and len(ln.text) < 45 for ln in layout.lines[:50])
    num = labelled_id(layout, re.compile(r"\bChallan\s*(?:No\.?|Number)|\bD\.?\s*C\.?\s*No", re.I)) \
        if challan else None
    num = num or labelled_id(layout, _NUMBER)
    if num:
        fields["do_number"] = make_field(num[0], confidence(num[1].score), num[1])
    date = labelled_date(layout, _DATE_LABELS)
    if date:
        fields["do_date"] = make_field(date[0], confidence(date[1].score), date[1])
    _dealer(layout, fields, challan)
    _customer(layout, fields)
    _financier(layout, fields)
    _product(layout, rows, fields)
    for key, rx in (("total_amount", _TOTAL), ("loan_amount", _LOAN), ("down_payment", _DOWN)):
        hit = amount_after(rows, rx, pick="first")
        if hit is not None:
            fields[key] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])
    if "loan_amount" not in fields:
        m = re.search(r"loan\s*of\s*(?:Rs\.?|₹|INR)\s*([\d,]+(?:\.\d{1,2})?)", " ".join(ln.text for ln in layout), re.I)
        if m and to_decimal(m.group(1)) is not None:
            fields["loan_amount"] = Field(value=format_amount(to_decimal(m.group(1))), confidence_score=0.8)
    return fields


def _name_line(text: str) -> str:
    return clean_party(_HONORIFIC.sub("", re.sub(r"^\s*(?:M/s\.?|Messrs\.?)\s*", "", text, flags=re.I)))


def _dealer(layout: Layout, fields: dict[str, Field], challan: bool) -> None:
    name_line, name, anchored = None, None, True
    hit = value_of_label(layout, _DEALER, below=False)
    if hit:
        name, name_line = _name_line(hit[0]), hit[1]
    elif challan:
        top = [ln for ln in layout.lines[:8] if not _TITLE.match(ln.text) and not re.search(r"\d{3}", ln.text)]
        if top:
            name_line = max(top[:3], key=lambda ln: ln.height)
            name, anchored = clean_party(name_line.text), False
    else:
        to = next((ln for ln in layout if re.match(r"^\s*To\s*,?\s*$", ln.text, re.I)), None)
        if to is not None:
            for ln in column_below(layout, to, max_lines=3, stop=re.compile(r"$^")):
                if not re.search(r"Dealer|Manager|Proprietor|Sir|Madam", ln.text, re.I) or "M/s" in ln.text:
                    name, name_line = _name_line(ln.text), ln
                    break
    if not name or name_line is None:
        return
    fields["dealer_name"] = make_field(
        name, name_conf(confidence(name_line.score, anchored=anchored, free_text=True), name), name_line)
    addr_hit = value_of_label(layout, _DEALER_ADDR, below=False)
    if addr_hit:
        first = addr_hit[1]
        more = column_below(layout, first, max_lines=3, stop=_ADDR_STOP, cell=True)
        lines = [first, *more]
        text = address_of([TextLine(addr_hit[0], first.score, first.box, first.page)] + more)
    else:
        lines = column_below(layout, name_line, max_lines=4, stop=_ADDR_STOP, first_gap=2.0)
        text = address_of(lines)
    if lines and text:
        conf = min(confidence(min(ln.score for ln in lines), free_text=True), 0.85)
        fields["dealer_address"] = make_field(text, conf, lines[0])


_ADDR_STOP = re.compile(r"GSTIN|\bPh(?:one)?\b|\bMob|E-?mail|Subject|\bSub\s*:|Dear|Ref\b|Customer|Mobile|"
                        r"DELIVERY|CHALLAN|Kind\s*Attn|\bDate\b|Name\b|Product|Asset|Model|Serial|Loan|Amount",
                        re.I)


def _customer(layout: Layout, fields: dict[str, Field]) -> None:
    hit = value_of_label(layout, _CUSTOMER, below=False)
    if hit:
        name = re.split(r"\s{2,}|\b(?:Mobile|Mob|Phone|Financier|Date|Address)\b", hit[0], maxsplit=1, flags=re.I)[0]
        name = _name_line(name)
        if name and not _NOT_NAME.search(name):
            conf = name_conf(confidence(hit[1].score, free_text=True), name)
            fields["customer_name"] = make_field(name, conf, hit[1])
            return
    body = " ".join(ln.text for ln in layout)
    for rx in _CUSTOMER_SENTENCES:
        m = rx.search(body)
        if m and not _NOT_NAME.search(m.group(1)):
            fields["customer_name"] = Field(value=m.group(1).strip(" ."), confidence_score=0.8)
            return


def _financier(layout: Layout, fields: dict[str, Field]) -> None:
    hit = value_of_label(layout, _FIN_LABEL, below=False)
    if hit:
        name = clean_party(re.split(r"\s{2,}", hit[0])[0])
        if _FIN_WORDS.search(name) or len(name.split()) >= 2:
            fields["financier_name"] = make_field(name, confidence(hit[1].score, free_text=True), hit[1])
            return
    for ln in layout.lines[:6]:
        t = ln.text.strip()
        if _FIN_WORDS.search(t) and not re.search(r"\d|:|Regd|Office|CIN|Care", t) and len(t.split()) <= 8:
            conf = confidence(ln.score, anchored=False, free_text=True)
            fields["financier_name"] = make_field(clean_party(t), conf, ln)
            return
    for ln in layout:  # the signature block: "For Kaveri Finance Ltd."
        m = re.match(r"^\s*For\s*,?\s*(?:M/s\.?\s*)?(.{4,60}?)\s*[:,]?\s*$", ln.text, re.I)
        if m and _FIN_WORDS.search(m.group(1)) and not re.search(r"\d", m.group(1)):
            fields["financier_name"] = make_field(clean_party(m.group(1)),
                                                  confidence(ln.score, anchored=False, free_text=True), ln)
            return
    body = " ".join(ln.text for ln in layout)
    m = re.search(r"(?:in\s*favou?r\s*of|hypothecat(?:ed|ion)\s*(?:to|with))\s*(?:M/s\.?\s*)?"
                  r"([A-Z][\w&.]*(?:\s+[\w&.]+){0,6}?)\s*(?:\.\s|,|$)", body)
    if m and _FIN_WORDS.search(m.group(1)):
        fields["financier_name"] = Field(value=clean_party(m.group(1)), confidence_score=0.75)


def _product(layout: Layout, rows: list, fields: dict[str, Field]) -> None:
    for i, cols in find_tables(rows):
        items = parse_items(rows, i, cols)
        if items and items[0][0].get("description"):
            fields["product_description"] = Field(value=items[0][0]["description"],
                                                  confidence_score=confidence(items[0][1], free_text=True))
            return
    hit = value_of_label(layout, _PRODUCT, below=False)
    if hit and len(re.sub(r"[^A-Za-z]", "", hit[0])) >= 3:
        fields["product_description"] = make_field(hit[0].strip(" :"), confidence(hit[1].score, free_text=True), hit[1])


def _dec(fields: dict[str, Field], key: str) -> Decimal | None:
    f = fields.get(key)
    return to_decimal(f.value) if f is not None else None


def arithmetic(fields: dict[str, Field], charges: Decimal | None = None) -> dict | None:
    """Total against loan + down payment (+ charges when the total includes them)."""
    total, loan, down = (_dec(fields, k) for k in ("total_amount", "loan_amount", "down_payment"))
    if total is None or loan is None or down is None:
        return None
    diff = total - loan - down
    ok = abs(diff) <= ONE or (charges is not None and abs(diff - charges) <= ONE)
    out = {"valid": ok, "difference": format_amount(diff),
           "message": "Total equals loan amount plus down payment" if ok
           else "Total does not equal loan amount plus down payment"}
    if charges is not None:
        out["charges"] = format_amount(charges)
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    """The amounts must add up (charges are checked in ``finish``, which sees them)."""
    res = arithmetic(fields)
    keys = ("total_amount", "loan_amount", "down_payment")
    if res is None:
        return []
    if not res["valid"]:
        return []  # decided in finish(), where printed charges can explain the difference
    for k in keys:
        if fields[k].confidence_score >= 0.8:
            fields[k].confidence_score = max(fields[k].confidence_score, 0.97)
    return []


def finish(doc: Document) -> None:
    """Record ``do_arithmetic`` (with any printed charges); lower the amounts when it fails."""
    rows = rows_of(Layout(doc.lines))
    hit = amount_after(rows, CHARGES)
    res = arithmetic(doc.fields, hit[0] if hit else None)
    if res is None:
        return
    doc.validations["do_arithmetic"] = res
    if not res["valid"]:
        doc.add_issue("validate", "VALIDATION", res["message"])
        for k in ("total_amount", "loan_amount", "down_payment"):
            doc.fields[k].confidence_score = min(doc.fields[k].confidence_score, 0.5)
