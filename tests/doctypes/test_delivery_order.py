"""Delivery orders and delivery challans: fields, arithmetic, declining others, e2e."""

from __future__ import annotations

import pytest

from kagaz.doctypes import delivery_order as do
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.stages.load import LoadStage
from kagaz.synth import generate
from kagaz.synth.delivery_order import LAYOUTS
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def run(lay: Layout) -> tuple[dict, Document]:
    fields = do.extract(lay, ExtractOptions())
    do.validate(fields)
    doc = Document(b"", fields=fields)
    doc.pages = [Page(index=0, width=1654, height=2339, lines=list(lay.lines))]
    do.finish(doc)
    return fields, doc


LETTER = """Navjeevan Credit Services Ltd.
Regd. Office: 4, Ring Road, Surat, Gujarat - 395002
DELIVERY ORDER
D.O. No.: CD-551981
Date: 08.06.2021
To,
The Dealer / Manager,
M/s. Shree Ganesh Electronics
Plot 12, Station Road, Nashik, Maharashtra - 422001
Subject: Delivery Order for Consumer Durable Loan
We have sanctioned a loan to our customer Mrs. Kavita Joshi for the purchase of the product
Customer Name : Kavita Joshi
Loan Account No. : 908680864204
Product : LG 43 inch 4K Smart LED TV
Invoice Value : ₹ 32,885.00
Down Payment : ₹ 2,999.00
Processing Fee : ₹ 499.00
Loan Amount : Rs. 29,886.00/-
EMI : Rs. 2,490.00/- x 12 months"""


def test_letter_fields():
    fields, doc = run(layout(LETTER))
    assert {k: f.value for k, f in fields.items()} == {
        "do_number": "CD-551981", "do_date": "08/06/2021", "dealer_name": "Shree Ganesh Electronics",
        "dealer_address": "Plot 12, Station Road, Nashik, Maharashtra - 422001",
        "customer_name": "Kavita Joshi", "financier_name": "Navjeevan Credit Services Ltd.",
        "product_description": "LG 43 inch 4K Smart LED TV", "total_amount": "32885.00",
        "loan_amount": "29886.00", "down_payment": "2999.00",
    }
    assert doc.validations["do_arithmetic"] == {"valid": True, "difference": "0.00", "charges": "499.00",
                                                "message": "Total equals loan amount plus down payment"}
    assert fields["loan_amount"].confidence_score >= 0.97
    assert do.score(layout(LETTER)) >= 0.9


def test_customer_from_the_sentence_and_financier_from_hypothecation():
    text = ("DELIVERY ORDER\nDO No: 4411\nKindly deliver the asset to our customer Shri Mohan Lal Verma, "
            "with hypothecation in favour of Sarvodaya Fincorp Ltd.")
    f = do.extract(layout(text), ExtractOptions())
    assert f["customer_name"].value == "Mohan Lal Verma"
    assert f["financier_name"].value == "Sarvodaya Fincorp Ltd."
    assert f["customer_name"].confidence_score < 0.9  # not beside a label


def test_grid_labels_left_values_right():
    rows = [("DO No.", "CDL5632792219"), ("DO Date", "08/06/2021"), ("Dealer Name", "Metro Enterprises & Sons"),
            ("Dealer Address", "Flat 1001, Sunrise Apartments"), ("", "Sector 9, Delhi - 110010"),
            ("Customer Name", "Mr. Vikram Tiwari"), ("Make / Model", "Voltas 1.5 Ton 3 Star Split AC"),
            ("Asset Cost", "₹ 32,885.00"), ("Margin Money", "₹ 2,999.00"), ("Amount Financed", "₹ 29,886.00")]
    lines = [TextLine("DELIVERY ORDER", 0.99, (600, 200, 900, 230))]
    for i, (lab, val) in enumerate(rows):
        y = 300 + 40 * i
        if lab:
            lines.append(TextLine(lab, 0.99, (114, y, 114 + 12 * len(lab), y + 24)))
        lines.append(TextLine(val, 0.99, (574, y, 574 + 12 * len(val), y + 24)))
    f, doc = run(Layout(lines))
    assert f["dealer_name"].value == "Metro Enterprises & Sons"
    assert f["dealer_address"].value == "Flat 1001, Sunrise Apartments, Sector 9, Delhi - 110010"
    assert f["customer_name"].value == "Vikram Tiwari"
    assert f["product_description"].value == "Voltas 1.5 Ton 3 Star Split AC"
    assert (f["total_amount"].value, f["down_payment"].value, f["loan_amount"].value) == \
        ("32885.00", "2999.00", "29886.00")
    assert doc.validations["do_arithmetic"]["valid"] is True


def test_challan_number_wins_over_the_referenced_do():
    text = ("SAI ELECTRONICS\n12, MG Road, Pune - 411001\nDELIVERY CHALLAN\nChallan No : DC/24/0042  \n"
            "Ref. DO No: DO55968161\nCustomer Name : Deepak Patel\nFinancier : HDB Financial Services\n"
            "Total : 13,914.00\nLoan Amount : 10,436.00\nDown Payment : 3,478.00")
    f = do.extract(layout(text), ExtractOptions())
    assert f["do_number"].value == "DC/24/0042"
    assert f["dealer_name"].value == "SAI ELECTRONICS"
    assert f["financier_name"].value == "HDB Financial Services"


@pytest.mark.parametrize("change,charges", [
    (("Loan Amount : Rs. 29,886.00/-", "Loan Amount : Rs. 25,886.00/-"), "499.00"),
    (("Down Payment : ₹ 2,999.00", "Down Payment : ₹ 9,999.00"), "499.00"),
])
def test_wrong_arithmetic_fails_and_lowers_confidence(change, charges):
    fields, doc = run(layout(LETTER.replace(*change)))
    res = doc.validations["do_arithmetic"]
    assert res["valid"] is False and res["charges"] == charges
    for k in ("total_amount", "loan_amount", "down_payment"):
        assert fields[k].confidence_score <= 0.5
    assert any(i.code == "VALIDATION" for i in doc.issues)


def test_printed_charges_can_explain_the_difference():
    text = LETTER.replace("Invoice Value : ₹ 32,885.00", "Total Amount : ₹ 33,384.00")  # cost + fee
    fields, doc = run(layout(text))
    assert doc.validations["do_arithmetic"]["valid"] is True


@pytest.mark.parametrize("text", [
    "TAX INVOICE\nSai Traders\nGSTIN: 27AAPFU0939F1ZV\nInvoice No: 12\nFinancier: Bajaj Finance\nDO No: 123\n"
    "Description HSN Qty Rate Amount\nGrand Total 5,000.00",
    "SALE DEED\nThis Deed of Sale is made and executed on 01/02/2023\nhereinafter called the VENDOR",
    "STATEMENT OF ACCOUNT\nOpening Balance 1,000.00\nLoan EMI 2,000.00\nClosing Balance 500.00",
    "Kaveri Finance Ltd.\nDear Customer, your loan amount of Rs. 20,000 has been disbursed.",
    "", "🙂", "DELIVERY",
])
def test_declines_other_documents(text):
    assert (do.score(layout(text)) or 0) < 0.5


def test_junk_does_not_raise():
    fields, doc = run(layout("To,\nM/s\nDO No:\nLoan Amount :\nTotal : Rs.\n🙂\n" * 2))
    assert isinstance(fields, dict)


def _plain(fields):
    return {k: f.value for k, f in fields.items()}


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_born_digital_delivery_orders_read_exactly(layout_name, seed):
    d = generate("DELIVERY_ORDER", seed, "pdf_text", layout_name)
    lay = Layout(LoadStage().run(Document(d.data)).lines)
    assert do.score(lay) >= 0.9
    fields, doc = run(lay)
    assert _plain(fields) == d.fields
    assert doc.validations["do_arithmetic"]["valid"] is True


@pytest.mark.slow
def test_scanned_delivery_order_end_to_end(engine):
    d = generate("DELIVERY_ORDER", 7, "clean", "letter")
    r = engine.process(d.data)
    assert r.document_type == "DELIVERY_ORDER"
    for key in ("do_number", "do_date", "total_amount", "loan_amount", "down_payment", "financier_name"):
        assert r.fields[key].value == d.fields[key], key


def test_financier_from_the_signature_block_when_the_letterhead_is_a_logo():
    text = LETTER.split("\n", 2)[2] + "\nFor Navjeevan Credit Services Ltd.\nAuthorised Signatory"
    f = do.extract(layout(text), ExtractOptions())
    assert f["financier_name"].value == "Navjeevan Credit Services Ltd."


def test_a_letter_starting_a_sentence_with_do_is_not_a_delivery_order():
    from kagaz.doctypes import delivery_order
    from kagaz.ocr.fake import lines_from_text
    from kagaz.model import TextLine
    from kagaz.text.layout import Layout

    text = ("State Bank of Bharat\nDear Customer,\nPlease update your KYC: PAN and Aadhaar.\n"
            "Do not share your OTP with anyone.\nYours sincerely,\nBranch Manager")
    lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
    assert (delivery_order.score(lay) or 0.0) < 0.5


@pytest.mark.parametrize("sentence,name", [
    ("We have sanctioned a loan of Rs. 65,000/- to Mr. Anil Deshmukh, S/o Vasant Deshmukh.", "Anil Deshmukh"),
    ("Kindly deliver the vehicle to Mrs. Sunita Pawar on receipt of the margin money.", "Sunita Pawar"),
    ("Loan approved in favour of Shri Mahesh Kulkarni for the purchase of the asset below.", "Mahesh Kulkarni"),
    ("Hirer Name: Rekha Nair", "Rekha Nair"),
])
def test_customer_named_in_the_letter(sentence, name):
    text = ("Bajaj Finance Limited\nDELIVERY ORDER\nDO No: DO/2024/00871\nDate: 14/05/2024\n"
            "To, The Dealer\nM/s Sai Motors, Pune\n" + sentence + "\nLoan Amount: Rs. 65,000")
    f = do.extract(layout(text), ExtractOptions())
    assert f["customer_name"].value == name
