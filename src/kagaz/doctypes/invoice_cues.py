"""What makes a document an invoice: the cues :func:`score` rests on, and the labels shared by
the invoice modules.

What every invoice prints, by law or by convention:

* **Tax invoice** (CGST Rules 2017, Rule 46): the supplier's name, address and GSTIN; a
  consecutive serial number, unique for the financial year; the date of issue; the recipient's
  name, address and GSTIN where registered; HSN code / SAC; description, quantity, total value
  and taxable value of the goods or services; the rate and amount of tax (CGST, SGST or UTGST,
  IGST, cess); the place of supply; and the supplier's signature. The word "Tax Invoice" is the
  title (Rule 46(q) and the prescribed form).
* **Bill of supply** (Rule 49): composition dealers and exempt supplies print "Bill of Supply"
  with the same particulars but no tax.
* **Consumers** (Rule 46, proviso): for an unregistered recipient under Rs. 50,000 the recipient's
  details may be left out (retail and point-of-sale invoices, ride-hailing and platform
  invoices); Amazon prints "Tax Invoice/Bill of Supply/Cash Memo" to cover all three cases.
* **Foreign-format invoices** (common convention, e.g. the EU VAT Directive 2006/112/EC, art.
  226): the word "Invoice" (Facture, Rechnung, Factuur, Factura, Fattura) as title, an invoice
  number, the issue date, the seller and a "Bill to" block, line items, totals or "Amount due",
  and VAT / sales tax.

So :func:`score` asks for an invoice **title** in the top part of a page ("Tax Invoice",
"TAX INVOICE/BILL OF SUPPLY/CASH MEMO", "Invoice", "Commercial Invoice", "Retail Invoice",
"Bill of Supply", "Invoice cum Bill of Supply", "Tax Invoice (Original for Recipient)",
"GST Invoice", in a line of its own, beside a copy mark, or after the seller's name) or an **invoice-number label**
("Invoice No.", "Invoice Number", "Invoice #", "Facture n°", "Rechnungsnr."), and adds what the
rules above require: a date of issue, a GSTIN (or a VAT / tax number), a recipient block, an items
table, tax amounts, a total, and the statutory lines (place of supply, HSN/SAC, reverse charge,
"Authorised Signatory").

Documents that are **not** invoices decline, by their own title in the top part of the first
page (which comes before any invoice title): a **proforma invoice** or a quotation / estimate (an
offer: no supply has taken place, Rule 46 does not apply and it carries no tax liability), a
purchase or sales order, a delivery challan / note / order (Rule 55: goods moved without a sale),
a credit or debit note (Rule 53: they amend an invoice), a receipt or receipt / payment / refund
voucher (Rules 50 and 51: money, not a supply), an e-way bill, a bank statement, a sale deed and
any certificate. Without an invoice title, the words of a bank statement, a GST or Udyam
certificate or a Shop Act licence decline too.
"""

from __future__ import annotations

import re

from kagaz.doctypes.billing import amount_after, find_gstins, labelled_date, labelled_id, rows_of
from kagaz.doctypes.billing_items import find_tables
from kagaz.doctypes.invoice_lines import joined_layout
from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["DATE_LABELS", "INV_NO", "first_title", "score", "title_kind", "top_part"]

_W = r"(?![A-Za-z])"
_TITLE = re.compile(
    r"(?<![A-Za-z])(?:(?:TAX|GST|RETAIL|SALES?|COMMERCIAL|EXPORT|SERVICE|FINAL|KOPIE|COPY)\s*-?\s*)?"
    r"(?:INVOICES?|FACTURES?|FACTUUR|RECHNUNG|FATTURA|FACTURA|FAKTURA)" + _W +
    r"(?:\s*(?:/|cum\b|-|&|and\b)\s*(?:BILL\s*OF\s*SUPPLY|CASH\s*MEMO|BILLS?|RECEIPT|(?:DELIVERY\s*)?CHALLAN)"
    + _W + ")*"
    r"|(?<![A-Za-z])BILL\s*OF\s*SUPPLY(?:\s*(?:/|cum\b|-|&)\s*(?:CASH\s*MEMO|(?:TAX\s*)?INVOICE))*" + _W +
    r"|(?<![A-Za-z])CASH\s*MEMO" + _W, re.I)
_OTHER = re.compile(
    r"(?<![A-Za-z])(?:PRO\s*-?\s*FORMA(?:\s*INVOICE)?|QUOTATION|QUOTE|ESTIMATE|(?:PURCHASE|SALES?|WORK)\s*ORDER|"
    r"DELIVERY\s*(?:CHALLAN|NOTE|ORDER)|CHALLAN|PACKING\s*(?:LIST|SLIP)|(?:CREDIT|DEBIT)\s*(?:NOTE|MEMO)|"
    r"(?:(?:PAYMENT|CASH|MONEY|FEE|RENT|SALES|DONATION)\s*)?RECEIPT(?:\s*VOUCHER)?|(?:PAYMENT|REFUND)\s*VOUCHER|"
    r"E\s*-?\s*WAY\s*BILL|STATEMENT\s*OF\s*ACCOUNTS?|(?:ACCOUNT|BANK)\s*STATEMENT|SALE\s*DEED|DEED\s*OF\s*SALE|"
    r"CERTIFICATE|DEVIS|AVOIR|GUTSCHRIFT|ANGEBOT|LIEFERSCHEIN|OFFERTE|CREDITNOTA|QUITTUNG)" + _W, re.I)
# After a title word, these make it a label ("Invoice Date", "Invoice Value", "Receipt No").
_LABEL_AFTER = re.compile(
    r"\s*(?:Date|Dt\b|Dated|Value|Amount|Amt\b|Total|Details|Period|Ref|Type|Address|Currency|Due|Issued|"
    r"To\b|From\b|Raised|Generated|Copy\s*For|Summary\s*of|datum|adres|betrag)", re.I)
_NUMBERED = re.compile(r"\s*(?:(?:No\b\.?|Number|Num\b\.?|Nr\b\.?|N\s*[°º]|#|Serial\s*No\.?)\s*[:.#\-]?|:)\s*\S*\d"
                       r"|\s+(?=[A-Z]*[\-/]?\d)[A-Z0-9][A-Z0-9/\-]{2,}", re.I)
_COPY = re.compile(r"\(?\s*(?:ORIGINAL|DUPLICATE|TRIPLICATE|QUADRUPLICATE|EXTRA)\s*(?:COPY)?\s*(?:FOR\s*\w+)?\s*\)?|"
                   r"\((?:[^)]{0,60})\)|Page\s*\d+\s*(?:of\s*\d+)?|\bSeite\s*\d+|\bPagina\s*\d+", re.I)

_INVOICE_NO = re.compile(  # an invoice-number label: the cue; "Bill No" alone is a restaurant's too
    r"\bInvo[i1l!|:;]?ce\s*(?:No\b\.?|Number|#|Num\b\.?|Nr\b\.?|Serial\s*No\.?|ID\b|Ref(?:erence)?\s*No\.?)|"
    r"\bInv\.?\s*No\b\.?|"
    r"\bRechnungs?\s*-?\s*(?:nr\b\.?|nummer)|\bFactuur\s*-?\s*(?:nummer|nr\b\.?)|"
    r"\b(?:Num[ée]ro\s*de\s*facture|N\s*[°º]\s*(?:de\s*)?facture)|\b(?:Facture|Factura|Fattura)\s*(?:n\s*[°º]|No\b\.?|"
    r"N[uú]mero|numero)", re.I)
INV_NO = re.compile(_INVOICE_NO.pattern + r"|\bBill\s*(?:No\b\.?|Number)", re.I)
DATE_LABELS = [re.compile(p, re.I) for p in (
    r"\bInvoice\s*(?:Date|Dt\b\.?)|\bInv\.?\s*Date|\bBill\s*Date|Date\s*of\s*(?:Invoice|Issue)|\bIssue\s*Date|"
    r"\bDate\s*Issued|\bIssued\s*(?:on|Date)|\bRechnungs\s*-?\s*datum|\bFactuur\s*-?\s*datum|"
    r"\bDate\s*(?:de\s*(?:la\s*)?)?facture(?!\s*associ)|\bFecha\s*(?:de\s*)?(?:la\s*)?factura|"
    r"\bData\s*(?:della\s*)?fattura",
    r"\bDated\b",
    r"(?<!Order\s)(?<!Order)(?<!Due\s)(?<!Due)(?<!Note\s)(?<!Challan\s)(?<!Ack\.\s)(?<!Ack\s)(?<!Payment\s)"
    r"(?<!Delivery\s)(?<!Supply\s)(?<!Dispatch\s)(?<!PO\s)(?<!Bill\sDue\s)(?<!Expiry\s)(?<!Start\s)(?<!End\s)"
    r"(?<!Besteld)(?<!Order)(?<!Verval)(?<!Liefer)\b(?:Date|Datum|Fecha)\b(?!\s*(?:of\s*(?:Supply|Birth|Delivery)|due|"
    r"paid|limite|de\s*(?:livraison|d[ée]but|fin|paiement)))",
    r"\b(?:Invoice|Facture|Factuur|Rechnung)\b.{0,40}?\b(?:dated|du|vom|van|del)\b")]

_RECIPIENT = re.compile(
    r"\b(?:Bill(?:ed)?\s*To|Sold\s*To|Invoice\s*To|Ship(?:ped)?\s*To|Buyer|Customer|Recipient|Receiver|Consignee|"
    r"Billing\s*Address|Shipping\s*Address|Client|Purchaser|Destinataire|Factur[ée]\s*[àa]|Rechnungsempf[äa]nger|"
    r"Kunde|Klant|Factuuradres)\b", re.I)
_TAX_WORDS = re.compile(r"\b(?:[CSIU]\.?GST|UTGST|Cess|GST|VAT|Sales\s*Tax|Tax|TVA|BTW|MwSt|USt|IVA)\b", re.I)
_TOTAL_WORDS = re.compile(r"\b(?:Grand\s*Total|Total|Amount\s*(?:Due|Payable)|Balance\s*Due|Net\s*Payable|Totaal|"
                          r"Summe|Gesamtbetrag|Rechnungsbetrag|Totale|Montant\s*TTC|Net\s*[àa]\s*payer)\b", re.I)
_TAX_ID = re.compile(r"\b(?:VAT|TVA|BTW|USt|MwSt|GST|Tax|ABN|EIN|TIN|TRN)\s*(?:Reg(?:istration)?\.?\s*)?"
                     r"(?:No\b\.?|Number|ID\b|Id\.?|nr\.?|nummer|intra)?\s*[:.]?\s*[A-Z]{0,2}\s*\d", re.I)
_STATUTORY = re.compile(r"Place\s*of\s*Supply|\bHSN\b|\bSAC\b|Reverse\s*Charge|Authori[sz]ed\s*Signatory|"
                        r"Original\s*for\s*Recipient|Amount\s*(?:Chargeable\s*)?\(?in\s*words", re.I)
_OTHER_DOC = re.compile(
    r"REG-0?6|Registration\s*Certificate|Statement\s*of\s*Account|Account\s*Statement|"
    r"Opening\s*Balance|Closing\s*Balance|Deed\s*of\s*Sale|UDYAM|Shops?\s*(?:and|&)\s*Establishment", re.I)


def title_kind(text: str) -> str | None:
    """"invoice" (an invoice title), "numbered" (a title word that starts its line and is
    followed by the invoice number: "Facture n° 562", "INVOICE: INV-100"), "other" (another
    document's title) or None (no title: a label, or a sentence that mentions an invoice).

    >>> [title_kind(t) for t in ("Tax Invoice/Bill of Supply/Cash Memo", "(ORIGINAL FOR RECIPIENT) TAX INVOICE",
    ...  "Amazon Web Services Invoice", "Invoice No: 12", "Invoice Date: 01/04/2024", "PROFORMA INVOICE",
    ...  "Payment Receipt", "Please pay this invoice by Friday", "Invoice issued by Uber India on behalf of:",
    ...  "TAX INVOICE CUM DELIVERY CHALLAN", "Due on Receipt")]
    ['invoice', 'invoice', 'invoice', 'numbered', None, 'other', 'other', None, None, 'invoice', None]
    """
    if len(text) > 90:
        return None
    found = [(m, kind) for rx, kind in ((_OTHER, "other"), (_TITLE, "invoice")) if (m := rx.search(text))]
    for m, kind in sorted(found, key=lambda f: (f[0].start(), -f[0].end())):  # the phrase printed first
        before, after = text[:m.start()], text[m.end():]
        if _LABEL_AFTER.match(after):
            continue
        if kind == "invoice" and _NUMBERED.match(after):
            if re.search(r"[A-Za-z]", before):
                continue
            return "numbered"
        if kind == "other" and _NUMBERED.match(after):
            return None  # "Challan No. 12", "Receipt No": another document's label, printed on invoices
        words = re.findall(r"[^\W\d_]{2,}", _COPY.sub(" ", f"{before} {after}"))
        if len(words) <= 1 or (len(words) <= 5 and all(w[0].isupper() for w in words)):
            return kind
    return None


def top_part(layout: Layout, page: int) -> list[TextLine]:
    """The lines of ``page`` in its top part: the first 40% of its printed height, and at least
    its first ten lines."""
    lines = [ln for ln in layout.lines if ln.page == page]
    if not lines:
        return []
    y0, y1 = min(ln.y0 for ln in lines), max(ln.y1 for ln in lines)
    limit = y0 + 0.4 * (y1 - y0)
    return [ln for k, ln in enumerate(lines) if ln.cy <= limit or k < 10]


def first_title(layout: Layout, max_pages: int = 3) -> tuple[str, TextLine] | None:
    """The first title in the top part of the first page that has one (up to ``max_pages``)."""
    for page in sorted({ln.page for ln in layout.lines})[:max_pages]:
        for ln in top_part(layout, page):
            kind = title_kind(ln.text)
            if kind:
                return kind, ln
    return None


def score(layout: Layout) -> float | None:
    """How sure we are that ``layout`` is an invoice (see the module docstring), or None."""
    if not layout.lines:
        return None
    layout = joined_layout(layout)
    found = first_title(layout)
    kind = found[0] if found else None
    if kind == "other":
        return None
    number = labelled_id(layout, _INVOICE_NO, reach=60) is not None
    if kind is None and not number:
        return None
    text = layout.text
    rows = rows_of(layout)
    s = 0.45 * (kind == "invoice") + 0.2 * (kind == "numbered") + 0.25 * number
    s += 0.1 * (labelled_date(layout, DATE_LABELS) is not None)
    s += 0.1 if find_gstins(layout) else 0.05 * bool(_TAX_ID.search(text))
    s += 0.1 * bool(_RECIPIENT.search(text))
    s += 0.15 * bool(find_tables(rows))
    s += 0.1 * (amount_after(rows, _TAX_WORDS, bare=False) is not None)
    s += 0.1 * (amount_after(rows, _TOTAL_WORDS, bare=False) is not None)
    s += 0.05 * bool(_STATUTORY.search(text))
    if kind != "invoice" and _OTHER_DOC.search(text):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None
