"""Purchase order (a buyer's order to a supplier for goods or services).

What every purchase order prints, by trade convention (a PO is the buyer's offer to buy; the
Indian Contract Act, 1872 makes it a contract once the supplier accepts it; it is no tax
document, so no GST rule fixes it): the title "Purchase Order" (or "P.O."), the PO number and
date, the **buyer** who issues it (its letterhead, often with GSTIN, and "Bill To" / "Ship To"
addresses), the **supplier** it is addressed to ("To", "Vendor", "Supplier"), the items with
quantities and rates, the total, delivery and payment terms, and the buyer's "Authorised
Signatory". :func:`score` needs the title in the top part of the first page with the PO's own
labels beside it (PO number, vendor / supplier, a total); an invoice ("Tax Invoice", which may
quote "PO No." as a reference), a delivery order or a sales order is declined.

Values: ``po_number`` as printed; ``po_date`` DD/MM/YYYY; ``buyer_name`` (the issuer: a
"Buyer" / "Purchaser" / "Bill To" label, else the letterhead); ``seller_name`` (the supplier
addressed); ``total_amount`` "118000.00" (the grand total).

Validation ``amount_positive`` (the total is above zero).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''Kaveri Traders Pvt. Ltd.
... 12, MG Road, Pune - 411001   GSTIN: 27AAACK1234F1Z5
... PURCHASE ORDER
... PO No: PO/24-25/118          PO Date: 05/06/2024
... Vendor:
... M/s. Sai Steel Centre
... Item  Qty  Rate  Amount
... TMT Steel Bar 12mm  1000  100.00  1,00,000.00
... Grand Total  1,18,000.00
... For Kaveri Traders Pvt. Ltd.   Authorised Signatory'''
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> score(lay) > 0.8
True
>>> {k: v.value for k, v in extract(lay, ExtractOptions()).items()}
{'po_number': 'PO/24-25/118', 'po_date': '05/06/2024', 'buyer_name': 'Kaveri Traders Pvt. Ltd.', 'seller_name': 'Sai Steel Centre', 'total_amount': '118000.00'}
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

CODE = "PURCHASE_ORDER"
GROUP = "business"
ORDER = 210
GENERATOR = "kagaz.synth.purchase_order"
FIELDS = declare(po_number=IDENTIFIER, po_date=DATE, buyer_name=NAME, seller_name=NAME,
                 total_amount=AMOUNT)

_TITLE = re.compile(r"(?<![A-Za-z])(?:PURCHASE\s*ORDER|(?-i:P\.\s?O\.|PO))(?![A-Za-z])(?!\s*(?:No|Number|Date|#)\b)",
                    re.I)
_OTHER_TITLE = re.compile(r"(?<![A-Za-z])(?:TAX\s*INVOICE|INVOICE|BILL\s*OF\s*SUPPLY|DELIVERY\s*(?:ORDER|CHALLAN)|"
                          r"SALES?\s*ORDER|WORK\s*ORDER|QUOTATION|PROFORMA)(?![A-Za-z])", re.I)
_NUMBER = re.compile(r"\b(?:P\.?\s*O\.?|Purchase\s*Order|Order)\s*(?:No\b\.?|Number|#|Ref(?:erence)?\s*No\.?)", re.I)
_DATES = [re.compile(p, re.I) for p in (r"\b(?:P\.?\s*O\.?|Order)\s*Date|Date\s*of\s*(?:Order|PO)",
                                        r"(?<!Delivery\s)(?<!Due\s)\bDated?\b")]
_SELLER = re.compile(r"^\W{0,3}(?:Vendor|Supplier|Seller|To)(?:'?s)?\b(?:\s*(?:Name|Details|Address))?\s*[:,]?", re.I)
_BUYER = re.compile(r"^\W{0,3}(?:Buyer|Purchaser|Bill(?:ed)?\s*To|Invoice\s*To)\b(?:\s*(?:Name|Details))?\s*[:,]?",
                    re.I)
_TOTAL = re.compile(r"Grand\s*Total|Total\s*(?:PO\s*)?(?:Amount|Value)|(?:PO|Order)\s*(?:Value|Total|Amount)|"
                    r"Net\s*(?:Amount|Total|Payable)|^\W*Total\b", re.I)
_CUES = re.compile(r"Delivery\s*(?:Date|Schedule|Terms)|Payment\s*Terms|Ship\s*To|Terms\s*(?:and|&)\s*Conditions|"
                   r"Please\s*supply|kindly\s*supply|Authori[sz]ed\s*Signatory", re.I)


def score(layout: Layout) -> float | None:
    title = titled(layout, _TITLE)
    if title is None:
        return None
    if any(_OTHER_TITLE.search(ln.text) and titled(layout, _OTHER_TITLE) is ln for ln in layout.lines[:40]):
        return None  # another document's title ("Tax Invoice" quoting its PO)
    text = layout.text
    s = 0.5 + 0.15 * bool(_NUMBER.search(text)) + 0.1 * bool(layout.find(_SELLER))
    s += 0.1 * bool(amount_field(layout, _TOTAL)) + 0.1 * bool(_CUES.search(text))
    return round(min(0.97, s), 4)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    title = titled(layout, _TITLE)
    found = {
        "po_number": id_field(layout, _NUMBER),
        "po_date": date_field(layout, _DATES),
        "buyer_name": name_field(party_after(layout, _BUYER)) or name_field(
            letterhead(layout, above=title), anchored=False),
        "seller_name": name_field(party_after(layout, _SELLER)),
        "total_amount": amount_field(layout, _TOTAL),
    }
    return {k: v for k, v in found.items() if v is not None}


def validate(fields: dict[str, Field]) -> list[str]:
    """The buyer and the supplier are two parties."""
    buyer, seller = fields.get("buyer_name"), fields.get("seller_name")
    if buyer and seller and buyer.value.casefold() == seller.value.casefold():
        seller.confidence_score = min(seller.confidence_score, 0.5)
        return ["The supplier read is the buyer itself"]
    return []


def finish(doc: Document) -> None:
    """Validation ``amount_positive``."""
    if "total_amount" in doc.fields:
        ok = float(doc.fields["total_amount"].value) > 0
        doc.validations["amount_positive"] = {
            "valid": ok, "message": "The order's total is positive" if ok else "The order's total is not positive"}
