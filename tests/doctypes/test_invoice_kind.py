"""INVOICE and TAX_INVOICE: every invoice stays INVOICE; ``validations.gst_tax_invoice`` says
whether it is a GST tax invoice (CGST Rule 46) from its title, GSTIN and tax."""

from __future__ import annotations

import pytest

from kagaz.doctypes import invoice
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout

TAX = """Kaveri Electronics
GSTIN: 27AAACK1234F1Z5
TAX INVOICE
Invoice No: KE/1123   Date: 12/04/2024
Bill To: Ravi Kumar
Samsung Galaxy M34 5G 1 16,949.15
Taxable Value 16,949.15
CGST @ 9% 1,525.42
SGST @ 9% 1,525.43
Total 20,000.00"""
SUPPLY = """Sai Agro Centre
GSTIN: 27ABCPS1234C1Z2
BILL OF SUPPLY
Invoice No: 77   Date: 01/03/2024
Bill To: Sunil Patil
Seeds 10 bags 4,500.00
Total 4,500.00"""
FOREIGN = """Invoice
Invoice number: 2024-118   Date: 04/05/2024
Bill to: Sai Mobile Gallery
Consulting services 1 500.00
Total 500.00"""


def _finish(text: str) -> Document:
    lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)]
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=lines)])
    doc.fields = invoice.extract(Layout(lines), ExtractOptions())
    invoice.finish(doc)
    return doc


@pytest.mark.parametrize("text,expected", [(TAX, True), (SUPPLY, False), (FOREIGN, False)],
                         ids=["tax_invoice", "bill_of_supply", "invoice_outside_gst"])
def test_every_invoice_is_an_invoice_and_says_whether_it_is_a_tax_invoice(text, expected):
    lines = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
    assert invoice.score(lines) > 0.5  # classified INVOICE either way
    v = _finish(text).validations["gst_tax_invoice"]
    assert v["valid"] is expected
    if not expected:
        assert v["message"].startswith("An invoice but no GST tax invoice")
