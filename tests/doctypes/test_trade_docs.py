"""Purchase orders, debit notes and margin-money receipts: each on its title and what it must
print; none of them takes an invoice or a delivery order, and neither of those takes them."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import (
    debit_note, delivery_order, invoice, margin_money_receipt, purchase_order, registry,
)
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout

TYPES = {"PURCHASE_ORDER": purchase_order, "DEBIT_NOTE": debit_note,
         "MARGIN_MONEY_RECEIPT": margin_money_receipt}


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def values(module, text: str) -> dict:
    return {k: v.value for k, v in module.extract(layout(text), ExtractOptions()).items()}


PO = """SIDDHI DISTRIBUTORS PRIVATE LIMITED
Plot 7, MIDC Bhosari, Pune, Maharashtra - 411026
GSTIN: 27AAKCS1234M1Z3   Phone: 9822012345
Purchase Order
P.O. No.: 4512                     Date: 03-02-2024
Supplier :
M/s. Galaxy Hardware Stores
22, Station Road, Nashik
S.No. Description Qty Rate Amount
1 PVC Pipe 4 inch 6 kg 100 450.00 45,000.00
Sub Total 45,000.00
CGST @ 9% 4,050.00
SGST @ 9% 4,050.00
Total PO Value Rs. 53,100.00
Payment Terms: 30 days credit
For SIDDHI DISTRIBUTORS PRIVATE LIMITED
Authorised Signatory"""

DN = """Metro Agencies
14, Park Street, Kolkata, West Bengal - 700016   GSTIN: 19AAFFM1234L1Z8
(ORIGINAL) DEBIT NOTE
DN No.: DN-2231                   Dated: 15.09.2023
Original Invoice No.: TI/889      Invoice Date: 01/09/2023
Party :
M/s. Laxmi Super Mart
Freight charges recoverable 1 2,000.00 2,000.00
Taxable Value 2,000.00
CGST @ 9% 180.00
SGST @ 9% 180.00
Net Amount 2,360.00"""

MMR = """Om Sai Automobiles
Authorised Dealer : TVS Motor Company
DOWN PAYMENT RECEIPT
Rcpt No.: R-7781       Receipt Date: 02/01/2025
Received with thanks from Mrs. Kavita Deshmukh
the sum of Rupees Eighteen Thousand only
towards down payment for TVS Jupiter financed by Hero FinCorp Ltd.
Amount Received : Rs. 18,000.00
Mode of Payment : UPI
For Om Sai Automobiles"""


def test_purchase_order_fields():
    assert purchase_order.score(layout(PO)) > 0.8
    assert values(purchase_order, PO) == {
        "po_number": "4512", "po_date": "03/02/2024", "buyer_name": "SIDDHI DISTRIBUTORS PRIVATE LIMITED",
        "seller_name": "Galaxy Hardware Stores", "total_amount": "53100.00"}


def test_debit_note_fields_and_its_invoice():
    assert debit_note.score(layout(DN)) > 0.8
    assert values(debit_note, DN) == {
        "debit_note_number": "DN-2231", "date": "15/09/2023", "issuer_name": "Metro Agencies",
        "recipient_name": "Laxmi Super Mart", "amount": "2360.00", "original_invoice_number": "TI/889",
        "original_invoice_date": "01/09/2023"}


def test_debit_note_dated_before_its_invoice():
    fields = debit_note.extract(layout(DN.replace("15.09.2023", "15.08.2023")), ExtractOptions())
    assert debit_note.validate(fields) == ["The debit note is dated before the invoice it amends"]


def test_margin_money_receipt_fields():
    assert margin_money_receipt.score(layout(MMR)) > 0.8
    assert values(margin_money_receipt, MMR) == {
        "receipt_number": "R-7781", "receipt_date": "02/01/2025", "customer_name": "Kavita Deshmukh",
        "dealer_name": "Om Sai Automobiles", "amount": "18000.00", "product_description": "TVS Jupiter"}


@pytest.mark.parametrize("code", sorted(TYPES))
def test_amount_positive_validation(code):
    text = {"PURCHASE_ORDER": PO, "DEBIT_NOTE": DN, "MARGIN_MONEY_RECEIPT": MMR}[code]
    module = TYPES[code]
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=[])])
    doc.fields = module.extract(layout(text), ExtractOptions())
    module.finish(doc)
    assert doc.validations["amount_positive"]["valid"]


INVOICE = """Sai Mobile Gallery
TAX INVOICE
Invoice No: SMG/1123   Date: 12/04/2024
PO No.: PO/24-25/118   Against Order dated 05/04/2024
Bill To: Ravi Kumar
Samsung Galaxy M34 5G 1 18,000.00
Down payment received: 5,000.00
Total 18,000.00"""
DELIVERY = """Kaveri Finance Limited
DELIVERY ORDER
DO No.: DO123456   Date: 12/04/2024
To,
M/s. Sai Mobile Gallery
We have sanctioned a loan to our customer Mr. Ravi Kumar. Please deliver the product.
Total Amount : Rs. 20,000.00
Margin Money : Rs. 5,000.00
Loan Amount : Rs. 15,000.00"""
CREDIT = """Metro Agencies
CREDIT NOTE
Credit Note No.: CN-12   Date: 01/10/2023
Against Invoice No.: TI/889
Total 2,360.00"""
RENT = """RENT RECEIPT
Received from Mr. Ravi Kumar the sum of Rs. 15,000 towards rent for April 2024.
Landlord: Suresh Patil"""
LETTER = """Kaveri Finance Limited
Dear Customer,
Please pay the margin money to the dealer and submit the purchase order and the receipt.
Yours faithfully"""


@pytest.mark.parametrize("text", [INVOICE, DELIVERY, CREDIT, RENT, LETTER],
                         ids=["invoice", "delivery_order", "credit_note", "rent_receipt", "letter"])
@pytest.mark.parametrize("code", sorted(TYPES))
def test_declines_documents_of_other_types(code, text):
    s = TYPES[code].score(layout(text))
    assert s is None or s < 0.5


@pytest.mark.parametrize("text", [PO, DN, MMR], ids=["po", "debit_note", "receipt"])
def test_invoice_and_delivery_order_decline_them(text):
    for module in (invoice, delivery_order):
        s = module.score(layout(text))
        assert s is None or s < 0.5


def test_each_takes_only_its_own():
    for own, text in (("PURCHASE_ORDER", PO), ("DEBIT_NOTE", DN), ("MARGIN_MONEY_RECEIPT", MMR)):
        for code, module in TYPES.items():
            s = module.score(layout(text)) or 0
            assert (s > 0.8) if code == own else (s < 0.5), (own, code)


@pytest.mark.parametrize("code", sorted(TYPES))
def test_declared_business_types_with_generators(code):
    module = registry()[code]
    assert module is TYPES[code] and module.GROUP == "business"
    assert module.GENERATOR and module.GENERATOR.startswith("kagaz.synth.")


@pytest.mark.parametrize("code,generator", [("PURCHASE_ORDER", "purchase_order"),
                                            ("DEBIT_NOTE", "debit_note"),
                                            ("MARGIN_MONEY_RECEIPT", "margin_money")])
def test_born_digital_end_to_end(code, generator):
    """Every layout saved as a PDF with its text layer (fast: no OCR): every field, as printed."""
    import importlib

    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth.render import to_pdf

    mod = importlib.import_module(f"kagaz.synth.{generator}")
    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for name, draw in mod.LAYOUTS.items():
        for seed in range(2):
            drawn = draw(random.Random(seed))
            result = engine.process(to_pdf(drawn.canvas))
            assert result.document_type == code, name
            data = result.file_data()
            assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields, name


@pytest.mark.slow
@pytest.mark.parametrize("code,layout_name,seed", [("PURCHASE_ORDER", "classic", 0), ("DEBIT_NOTE", "boxed", 1),
                                                   ("MARGIN_MONEY_RECEIPT", "centred", 2)])
def test_clean_image_end_to_end(engine, code, layout_name, seed):
    from kagaz.synth import generate

    doc = generate(code, seed, "clean", layout_name)
    result = engine.process(doc.data)
    assert result.document_type == code
    data = result.file_data()
    assert {k: data.get(k, {}).get("value") for k in doc.fields} == doc.fields


def test_tally_style_debit_note_labels():
    text = DN.replace("Original Invoice No.: TI/889      Invoice Date: 01/09/2023",
                      "Original Invoice No. & Date: TI/889 dt. 01/09/2023").replace("Party :\nM/s. Laxmi Super Mart",
                                                                                  "Party's Name : Laxmi Super Mart")
    got = values(debit_note, text)
    assert got["original_invoice_number"] == "TI/889" and got["original_invoice_date"] == "01/09/2023"
    assert got["recipient_name"] == "Laxmi Super Mart" and got["date"] == "15/09/2023"
