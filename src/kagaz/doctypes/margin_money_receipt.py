"""Margin money receipt (a dealer's receipt for the down payment on a financed vehicle or
consumer-durable purchase).

What every margin money receipt prints, by trade convention in vehicle and consumer-durable
finance (the financier pays the loan amount to the dealer only once the borrower's own share,
the margin money or down payment, is paid; lenders ask for the dealer's receipt as proof): the
dealer's letterhead, the title "Receipt" ("Margin Money Receipt", "Down Payment Receipt",
"Money Receipt"), its number and date, "Received with thanks from <customer>", the amount in
figures and in words, what it is paid **towards** (margin money / down payment / booking of a
named vehicle or product, often with the financier), the mode of payment, and "For <dealer>"
over the signature. :func:`score` needs a receipt title in the top part of the first page and
the margin-money or down-payment words (on the title or in the body); an invoice, a delivery
order (which states the margin money the dealer is to collect) or a rent or fee receipt is
declined.

Values: ``receipt_number`` as printed; ``receipt_date`` DD/MM/YYYY; ``customer_name`` (the
payer, without Mr. / Mrs.); ``dealer_name`` (the letterhead, or "For <dealer>"); ``amount``
"25000.00"; ``product_description`` where the receipt names the vehicle or product.

Validation ``amount_positive``.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''Shree Ganesh Motors
... Authorised Dealer: Hero MotoCorp   GSTIN: 27AAAFS1234K1Z9
... MARGIN MONEY RECEIPT
... Receipt No: MMR/2024/0451          Date: 18/03/2024
... Received with thanks from Mr. Sunil Patil
... the sum of Rupees Twenty Five Thousand only
... towards margin money for Hero Splendor Plus financed by Kaveri Finance Limited
... Amount: Rs. 25,000.00
... For Shree Ganesh Motors'''
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> score(lay) > 0.8
True
>>> {k: v.value for k, v in extract(lay, ExtractOptions()).items()}
{'receipt_number': 'MMR/2024/0451', 'receipt_date': '18/03/2024', 'customer_name': 'Sunil Patil', 'dealer_name': 'Shree Ganesh Motors', 'amount': '25000.00', 'product_description': 'Hero Splendor Plus'}
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import amount_in
from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.trade_docs import (
    amount_field, date_field, id_field, letterhead, name_field, party_after, titled,
)
from kagaz.model import Document, Field
from kagaz.text.amounts import format_amount
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "MARGIN_MONEY_RECEIPT"
GROUP = "business"
ORDER = 230
GENERATOR = "kagaz.synth.margin_money"
FIELDS = declare(receipt_number=IDENTIFIER, receipt_date=DATE, customer_name=PERSON,
                 dealer_name=NAME, amount=AMOUNT, product_description=TEXT)

_TITLE = re.compile(r"(?<![A-Za-z])(?:(?:MARGIN\s*MONEY|DOWN\s*-?\s*PAYMENT|MONEY|CASH|ADVANCE|BOOKING|PAYMENT)\s*)?"
                    r"RECEIPT(?![A-Za-z])(?!\s*(?:No|Number|Date|#)\b)", re.I)
_MARGIN = re.compile(r"MARGIN\s*MONEY|DOWN\s*-?\s*PAYMENT|CUSTOMER(?:'S)?\s*CONTRIBUTION|OWN\s*CONTRIBUTION", re.I)
_NOT = re.compile(r"(?<![A-Za-z])(?:TAX\s*INVOICE|INVOICE|DELIVERY\s*(?:ORDER|CHALLAN)|RENT\s*RECEIPT|FEE\s*RECEIPT|"
                  r"PREMIUM\s*RECEIPT)(?![A-Za-z])", re.I)
_NUMBER = re.compile(r"\b(?:Receipt|Rcpt\.?|R\.?)\s*(?:No\b\.?|Number|#)|^\W*No\b\.?\s*[:\-]", re.I)
_DATES = [re.compile(p, re.I) for p in (r"\bReceipt\s*Date|Date\s*of\s*Receipt", r"\bDated?\b")]
_FROM = re.compile(r"Received\s*(?:with\s*thanks\s*)?from|Customer(?:'s)?\s*Name|Name\s*of\s*(?:the\s*)?"
                   r"(?:Customer|Payer|Buyer)|^\W{0,3}(?:Customer|Buyer|Payer)\b\s*[:\-]", re.I)
_DEALER = re.compile(r"^\W{0,3}(?:For|Dealer(?:'s)?\s*Name|Dealer)\b\s*[:\-]?", re.I)
# The amount's own label: "Amount Received", "Margin Money Amount", "Total Amount"; a bare "Rs."
# anywhere on the page may be a price or a charge, not what was received.
_AMOUNT = re.compile(r"^\W{0,3}(?:Amount\s*(?:Received|Paid)?|(?:Margin\s*Money|Down\s*-?\s*Payment)\s*(?:Amount|Paid)?|"
                     r"Total\s*Amount|Received\s*Amount)\b", re.I)
_SUM = re.compile(r"(?:sum|amount)\s*of\s*(?:Rs\.?|₹|INR)\s*([\d,]+(?:\.\d{1,2})?)", re.I)
_TOWARDS = re.compile(r"towards\s*(?:the\s*)?(?:margin\s*money|down\s*-?\s*payment|booking)\s*(?:amount\s*)?"
                      r"(?:for|of|against)\s*(?:the\s*)?(?:purchase\s*of\s*)?(?:vehicle\s*|product\s*)?"
                      r"(?:[:\-]\s*)?(.+?)(?:\s*(?:financed|under|through|with|vide|\(|,|\.\s|$))", re.I)


def score(layout: Layout) -> float | None:
    title = titled(layout, _TITLE)
    if title is None or titled(layout, _NOT) is not None:
        return None
    text = layout.text
    if not _MARGIN.search(text):
        return None  # a receipt for something else: rent, fees, an invoice's payment
    s = 0.55 + 0.15 * bool(_MARGIN.search(title.text)) + 0.1 * bool(_NUMBER.search(text))
    s += 0.1 * bool(layout.find(_FROM))
    return round(min(0.97, s), 4)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    if not layout.lines:
        return {}
    title = titled(layout, _TITLE)
    dealer = party_after(layout, _DEALER)
    found = {
        "receipt_number": id_field(layout, _NUMBER),
        "receipt_date": date_field(layout, _DATES),
        "customer_name": name_field(party_after(layout, _FROM)),
        "dealer_name": name_field(letterhead(layout, above=title), anchored=False) or name_field(dealer),
        "amount": amount_field(layout, _AMOUNT, pick="first") or _sum(layout),
    }
    for line in layout:
        m = _TOWARDS.search(line.text)
        if m and len(m.group(1).strip()) >= 3:
            found["product_description"] = make_field(m.group(1).strip(), confidence(line.score, free_text=True), line)
            break
    fields = {k: v for k, v in found.items() if v is not None}
    if dealer and "dealer_name" in fields and dealer[0].casefold() == fields["dealer_name"].value.casefold():
        fields["dealer_name"].confidence_score = confidence(dealer[1].score, checked=True)
    return fields


def _sum(layout: Layout) -> Field | None:
    """"the sum of Rs. 25,000/-" in the receipt's sentence."""
    for line in layout:
        m = _SUM.search(line.text)
        value = amount_in(m.group(1)) if m else None
        if value is not None and value > 0:
            return make_field(format_amount(value), confidence(line.score), line)
    return None


def validate(fields: dict[str, Field]) -> list[str]:
    """The payer is not the dealer."""
    customer, dealer = fields.get("customer_name"), fields.get("dealer_name")
    if customer and dealer and customer.value.casefold() == dealer.value.casefold():
        customer.confidence_score = min(customer.confidence_score, 0.5)
        return ["The customer read is the dealer itself"]
    return []


def finish(doc: Document) -> None:
    """Validation ``amount_positive``."""
    if "amount" in doc.fields:
        ok = float(doc.fields["amount"].value) > 0
        doc.validations["amount_positive"] = {
            "valid": ok, "message": "The amount received is positive" if ok else
            "The amount received is not positive"}
