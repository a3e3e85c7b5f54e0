"""Electricity bills: the consumer number under its many names, the address block, the amount
payable by the due date; what is not a bill."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import ebill, invoice, registry
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def at(text: str, x: float, y: float, h: float = 18) -> TextLine:
    return TextLine(text, 0.97, (x, y, x + 11 * len(text), y + h))


# A private licensee's bill as OCR boxes: the name and address unlabelled, boxes label over value.
PRIVATE = Layout([
    at("BSES Rajdhani Power Limited", 110, 55, 22), at("Bill cum Receipt", 1400, 104),
    at("SUNITA LAL", 110, 205), at("CA No.", 965, 206), at("Bill Date", 1266, 205),
    at("Flat 12, Green Park Residency, Saket,", 112, 249), at("151234567", 965, 245),
    at("05-03-2024", 1266, 244), at("New Delhi 110017", 112, 285),
    at("Due Date", 966, 325), at("Units Billed", 1266, 325), at("20-03-2024", 965, 365),
    at("312", 1266, 365), at("Meter No.", 110, 470), at("Current Reading", 400, 470),
    at("Amount Payable", 130, 600), at("Rs. 2,417", 130, 645, 30),
    at("Amount payable after due date Rs. 2,465", 900, 600),
])


def test_private_bill_without_labels_for_the_name():
    assert ebill.score(PRIVATE) >= 0.9
    got = {k: v.value for k, v in ebill.extract(PRIVATE, ExtractOptions()).items()}
    assert got == {"provider_name": "BSES Rajdhani Power Limited", "consumer_number": "151234567",
                   "consumer_name": "SUNITA LAL",
                   "address": "Flat 12, Green Park Residency, Saket, New Delhi 110017",
                   "bill_date": "05/03/2024", "due_date": "20/03/2024", "amount_due": "2417.00"}


def test_amount_after_the_due_date_is_not_the_amount_due():
    lay = layout("Torrent Power Limited\nService No. 1234567890\nUnits Consumed 120\n"
                 "Amount payable after due date Rs. 1,250.00\nDue Date 20/04/2024\n"
                 "Net Amount Payable Rs. 1,230.00")
    assert ebill.extract(lay, ExtractOptions())["amount_due"].value == "1230.00"


def test_due_date_before_bill_date_is_doubted():
    lay = layout("MSEDCL\nConsumer No. 170012345678\nMeter No. 123\nBill Date 05/04/2024\n"
                 "Due Date 01/04/2024\nAmount Payable 1230.00")
    fields = ebill.extract(lay, ExtractOptions())
    assert ebill.validate(fields) and fields["due_date"].confidence_score <= 0.6


INVOICE = """TAX INVOICE
Invoice No : INV/24-25/0012 Date : 12/04/2024
GSTIN : 27AAACS1234A1Z5
Customer Account No. 12345
Description HSN Qty Rate Amount
Energy meter (single phase) 9028 1 1,500.00 1,500.00
Amount Due 1,770.00"""
RENT = """LEAVE AND LICENSE AGREEMENT
The Licensee shall pay the electricity charges as per the meter reading to the supply company
against the consumer number of the premises, and the Licensor shall pay the property tax.
Monthly licence fee Rs. 15,000/-"""
STATEMENT = """STATE BANK OF INDIA
Statement of Account
Account No. 31234567890
Date Narration Debit Credit Balance
02/04/24 BILLDESK MSEDCL ELECTRICITY BILL CONSUMER NO 170012345678 1,230.00 45,000.00"""


@pytest.mark.parametrize("text", [INVOICE, RENT, STATEMENT], ids=["invoice", "rent", "statement"])
def test_declines_documents_that_mention_bills(text):
    assert (ebill.score(layout(text)) or 0.0) < 0.5


def test_the_invoice_type_leaves_bills_alone():
    assert (invoice.score(PRIVATE) or 0.0) < ebill.score(PRIVATE)


def test_born_digital_end_to_end():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import ebill as synth
    from kagaz.synth.render import to_pdf

    assert len(synth.LAYOUTS) >= 3 and registry()["EBILL"].GENERATOR == synth.__name__
    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for name, draw in synth.LAYOUTS.items():
        for seed in range(3):
            drawn = draw(random.Random(seed))
            result = engine.process(to_pdf(drawn.canvas))
            assert result.document_type == "EBILL", (name, seed)
            data = result.file_data()
            assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields, (name, seed)
