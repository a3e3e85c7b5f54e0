"""Invoices as they come (issue 13, item 4): titles anywhere at the top, marketplace, ride-hailing,
platform and foreign-format invoices, text layers drawn word by word or glyph by glyph, labels
that are not values, seller and buyer told apart, several invoices in one file, amounts and dates
in every common form, and the documents that are not invoices.

Born-digital PDFs are drawn here with fpdf2 (DejaVu Sans, for the rupee sign); text fixtures use
the fake OCR's stacked lines, or boxes placed by hand where the geometry matters.
"""

from __future__ import annotations

import pytest
from fpdf import FPDF

from kagaz.doctypes import billing, invoice, registry
from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.billing_dates import date_in
from kagaz.doctypes.invoice_cues import title_kind
from kagaz.doctypes.invoice_lines import join_runs
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.stages.load import LoadStage
from kagaz.synth.fonts import font_path
from kagaz.text.layout import Layout

SELLER = "27AAPFU0939F1ZV"
OTHER_SELLER = "29AAACR5055K1Z5"
BUYER = "07AAGFF2194N1Z1"


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


def at(text: str, x0: float, y0: float, w: float | None = None, h: float = 24) -> TextLine:
    return TextLine(text, 0.99, (x0, y0, x0 + (w or 12 * len(text)), y0 + h))


def run(lay: Layout) -> dict:
    fields = invoice.extract(lay, ExtractOptions())
    invoice.validate(fields)
    doc = Document(b"", fields=fields)
    doc.pages = [Page(index=0, width=1654, height=2339, lines=list(lay.lines))]
    invoice.finish(doc)
    return {k: f.value for k, f in fields.items()}


def winner(lay: Layout) -> tuple[str | None, float]:
    """The type the classify stage would pick (highest score, at least 0.5)."""
    scores = {code: (m.score(lay) or 0.0) for code, m in registry().items()}
    code = max(scores, key=lambda c: scores[c])
    return (code if scores[code] >= 0.5 else None), scores[code]


class Pdf:
    """A born-digital PDF; text drawn as one run, word by word, or glyph by glyph."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.add_font("dv", "", font_path("dejavu_sans"))
        self.pdf.add_font("dv", "B", font_path("dejavu_sans", bold=True))
        self.pdf.set_auto_page_break(False)

    def page(self) -> Pdf:
        self.pdf.add_page()
        return self

    def text(self, x: float, y: float, s: str, size: float = 9, bold: bool = False, how: str = "run",
             right: bool = False) -> Pdf:
        p = self.pdf
        p.set_font("dv", "B" if bold else "", size)
        if right:
            x -= p.get_string_width(s)
        if how == "run":
            p.text(x, y, s)
        else:
            for piece in (s.split(" ") if how == "words" else list(s)):
                if piece.strip():
                    p.text(x, y, piece)
                x += p.get_string_width(piece + (" " if how == "words" else ""))
        return self

    def layout(self) -> Layout:
        return Layout(LoadStage().run(Document(bytes(self.pdf.output()))).lines)


# -- the marketplace invoice, with the platform's fee invoice on page 2 -----------------------

def marketplace_pdf() -> Layout:
    d = Pdf().page()
    d.text(200, 14, "Tax Invoice/Bill of Supply/Cash Memo", 11, True, right=True)
    d.text(200, 19, "(Original for Recipient)", 8, right=True)
    d.text(12, 32, "Sold By :", 9, True).text(120, 32, "Billing Address :", 9, True)
    d.text(12, 37, "Kaveri Retail Private Limited").text(120, 37, "Ravi Kumar")
    d.text(12, 41, "Plot 4, MIDC Bhosari,").text(120, 41, "Flat 2, Shanti Niketan, Baner")
    d.text(12, 45, "Pune, Maharashtra, 411026").text(120, 45, "Pune, Maharashtra, 411045")
    d.text(120, 49, "State/UT Code: 27")
    d.text(12, 53, "PAN No: AAPFU0939F").text(120, 56, "Shipping Address :", 9, True)
    d.text(12, 57, f"GST Registration No: {SELLER}").text(120, 60, "Ravi Kumar")
    d.text(12, 68, "Order Number: 402-5005041-4753952").text(120, 68, "Invoice Number : KRPL-1034")
    d.text(12, 72, "Order Date: 28.01.2024").text(120, 72, "Invoice Details : MH-KRPL-1034-2324")
    d.text(120, 76, "Invoice Date : 31.01.2024").text(120, 80, "Place of supply: MAHARASHTRA")
    cols = [(12, "Sl. No"), (25, "Description"), (95, "Unit Price"), (118, "Qty"), (128, "Net Amount"),
            (150, "Tax Rate"), (166, "Tax Amount"), (186, "Total Amount")]
    for x, h in cols:
        d.text(x, 92, h, 8, True)
    row = [(12, "1"), (25, "Philips Air Fryer HD9252 | HSN: 8516"), (95, "₹10,000.00"), (118, "1"),
           (128, "₹10,000.00"), (150, "18%"), (166, "₹1,800.00"), (186, "₹11,800.00")]
    for x, v in row:
        d.text(x, 99, v, 8)
    d.text(25, 108, "TOTAL:", 9, True).text(166, 108, "₹1,800.00", 8, True).text(186, 108, "₹11,800.00", 8, True)
    d.text(12, 116, "Amount in Words: Eleven Thousand Eight Hundred only")
    d.text(200, 130, "For Kaveri Retail Private Limited:", right=True)
    d.text(200, 145, "Authorized Signatory", right=True)
    d.page()
    d.text(12, 14, "Tax Invoice", 12, True)
    d.text(12, 24, "Sold By : MarketHub Services Private Limited")
    d.text(12, 28, f"GSTIN: {OTHER_SELLER}")
    d.text(120, 24, "Invoice Number : MH-PF-0091").text(120, 28, "Invoice Date : 31.01.2024")
    d.text(12, 40, "Platform fee for order 402-5005041-4753952")
    d.text(12, 50, "Taxable Value").text(186, 50, "₹50.00")
    d.text(12, 55, "IGST @ 18%").text(186, 55, "₹9.00")
    d.text(12, 60, "Total").text(186, 60, "₹59.00")
    return d.layout()


def test_marketplace_invoice_with_a_platform_fee_invoice_behind_it():
    lay = marketplace_pdf()
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert v["invoice_number"] == "KRPL-1034" and v["invoice_date"] == "31/01/2024"
    assert v["seller_name"] == "Kaveri Retail Private Limited"
    assert v["seller_gstin"] == SELLER
    assert "buyer_gstin" not in v  # the fee invoice's seller is nobody's buyer
    assert v["buyer_name"] == "Ravi Kumar"
    assert v["total_amount"] == "11800.00"
    assert v.get("taxable_value") != "50.00" and v.get("igst") != "9.00"  # page 2's, not this invoice's
    assert v["other_invoices"] == [{"invoice_number": "MH-PF-0091", "invoice_date": "31/01/2024",
                                    "total_amount": "59.00"}]


# -- a ride-hailing invoice whose text layer is one glyph per text object ----------------------

def ride_pdf(how: str = "glyphs") -> Layout:
    d = Pdf().page()
    t = lambda x, y, s, size=9, bold=False: d.text(x, y, s, size, bold, how)  # noqa: E731
    t(12, 16, "Tax Invoice", 16, True)
    t(12, 28, "Ravi Kumar")
    t(12, 32, "Pick up address: Baner Road, Pune, Maharashtra 411045")
    t(110, 28, "Invoice issued by RideCo India Private Limited on behalf of:", 8)
    t(110, 33, "Sai Fleet Services Private Limited")
    t(110, 37, "Shop 3, Sector 17, Vashi, Navi Mumbai 400703")
    t(110, 41, f"GSTIN: {SELLER}")
    t(12, 52, "Invoice number: MH2404A0012345")
    t(12, 56, "Invoice date: Apr 1, 2024")
    t(12, 60, "Place of supply (Name of state): Maharashtra")
    t(12, 64, "HSN Code: 996412")
    t(12, 76, "Description", 9, True), t(120, 76, "Qty", 9, True), t(170, 76, "Net amount", 9, True)
    t(12, 83, "Transportation service fare"), t(120, 83, "1"), t(170, 83, "₹236.19")
    t(120, 92, "Total net amount"), t(170, 92, "₹236.19")
    t(120, 97, "Total CGST 2.5%"), t(170, 97, "₹5.90")
    t(120, 102, "Total SGST/UTGST 2.5%"), t(170, 102, "₹5.90")
    t(120, 107, "Total amount payable"), t(170, 107, "₹248.00")
    d.page()
    t(12, 16, "Tax Invoice", 16, True)
    t(12, 28, "RideCo India Private Limited")
    t(12, 32, f"GSTIN: {OTHER_SELLER}")
    t(12, 44, "Invoice number: UB2404B0099")
    t(12, 48, "Invoice date: Apr 1, 2024")
    t(12, 60, "Convenience fee"), t(170, 60, "₹20.00")
    t(12, 65, "IGST 18%"), t(170, 65, "₹3.60")
    t(120, 75, "Total amount payable"), t(170, 75, "₹23.60")
    return d.layout()


@pytest.mark.parametrize("how", ["glyphs", "words"])
def test_ride_hailing_invoice_drawn_glyph_by_glyph(how):
    lay = ride_pdf(how)
    # The text layer really is in pieces: words apart, or glyphs apart (which the load stage
    # already joins into rows: kagaz.pipeline.stages.pdf_words.join_glyph_runs).
    assert len(lay.lines) > (100 if how == "words" else 30)
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert v["invoice_number"] == "MH2404A0012345" and v["invoice_date"] == "01/04/2024"
    assert v["seller_name"] == "Sai Fleet Services Private Limited" and v["seller_gstin"] == SELLER
    assert "buyer_gstin" not in v
    assert (v["cgst"], v["sgst"], v["total_amount"]) == ("5.90", "5.90", "248.00")
    assert "igst" not in v
    assert v["other_invoices"] == [{"invoice_number": "UB2404B0099", "invoice_date": "01/04/2024",
                                    "total_amount": "23.60"}]


def test_join_runs_makes_phrases_and_keeps_columns_apart():
    pieces = [ln.text for ln in join_runs(ride_pdf().lines) if ln.page == 0]
    assert "Tax Invoice" in pieces and "Invoice number: MH2404A0012345" in pieces
    assert "Total amount payable" in pieces and "₹248.00" in pieces  # two cells, not one


# -- foreign-format invoices --------------------------------------------------------------------

def test_number_under_a_bare_invoice_column_heading_in_a_header_row():
    # A Dutch retailer's layout: "Klant | Order | Factuur datum | Factuur" over a row of values.
    d = Pdf().page()
    d.text(12, 16, "Kopie factuur", 14, True)
    d.text(12, 30, "Factuuradres", bold=True).text(12, 35, "Strategic Corp").text(12, 40, "3500 MJ Utrecht")
    for x, head, value in ((12, "Klant", "SCONL0303006280999"), (60, "Order", "SCONL000000444"),
                           (110, "Factuur datum", "8-9-2022"), (150, "Factuur", "VF1005193039")):
        d.text(x, 60, head, bold=True).text(x, 65, value)
    d.text(12, 80, "Omschrijving").text(150, 80, "Bedrag")
    d.text(12, 85, "Onderhoudsset CA6707/10").text(150, 85, "49,99")
    d.text(110, 95, "Factuur totaal EUR").text(150, 95, "49,99")
    v = run(d.layout())
    assert v["invoice_number"] == "VF1005193039" and v["invoice_date"] == "08/09/2022"


def test_a_hash_number_under_the_title_may_hold_underscores():
    d = Pdf().page()
    d.text(150, 14, "INVOICE", 20, True).text(150, 22, "# INV_2022_0042")
    d.text(12, 14, "Sammy Maystone", 12, True).text(12, 40, "Bill To:").text(12, 45, "Taylor Riddel")
    d.text(120, 40, "Date:").text(150, 40, "Jan 1, 2022")
    d.text(120, 60, "Balance Due:").text(150, 60, "$127.50")
    assert run(d.layout())["invoice_number"] == "INV_2022_0042"


def test_the_one_amount_of_an_invoice_without_a_total_label_is_its_total():
    d = Pdf().page()
    d.text(12, 14, "Contoso", 16, True).text(120, 30, "Invoice For: Microsoft")
    for x, head, value in ((12, "Invoice Number", "34278587"), (50, "Invoice Date", "6/18/2017"),
                           (90, "Invoice Due Date", "6/24/2017"), (130, "Charges", ""), (170, "VAT ID", "PT")):
        d.text(x, 60, head, bold=True)
        if value:
            d.text(x, 70, value)
    d.text(145, 70, "$56,651.49")  # right-aligned, clear of its heading
    v = run(d.layout())
    assert v["total_amount"] == "56651.49" and v["invoice_number"] == "34278587"


def test_no_total_is_guessed_among_several_amounts():
    d = Pdf().page()
    d.text(12, 14, "Invoice", 16, True).text(12, 30, "Invoice Number").text(60, 30, "A-1001")
    d.text(12, 50, "Widget").text(150, 50, "$10.00").text(12, 55, "Gadget").text(150, 55, "$25.50")
    assert "total_amount" not in run(d.layout())


def test_foreign_invoice_with_month_first_dates_and_amount_due():
    d = Pdf().page()
    d.text(12, 18, "Invoice", 20, True, how="words")
    d.text(12, 30, "Invoice number", how="words").text(50, 30, "1A2B3C4D-0001", how="words")
    d.text(12, 34, "Date of issue", how="words").text(50, 34, "April 1, 2024", how="words")
    d.text(12, 38, "Date due", how="words").text(50, 38, "April 15, 2024", how="words")
    d.text(12, 50, "Acme Cloud Inc.", bold=True, how="words").text(90, 50, "Bill to", bold=True, how="words")
    d.text(12, 54, "500 Market Street", how="words").text(90, 54, "Jane Doe", how="words")
    d.text(12, 58, "San Francisco, CA 94105", how="words").text(90, 58, "12 Park Lane, London", how="words")
    d.text(12, 72, "$110.00 USD due April 15, 2024", 13, True, how="words")
    for x, h in ((12, "Description"), (110, "Qty"), (135, "Unit price"), (180, "Amount")):
        d.text(x, 86, h, 8, how="words")
    for x, v in ((12, "Pro plan (Apr 1 - Apr 30, 2024)"), (110, "1"), (135, "$100.00"), (180, "$100.00")):
        d.text(x, 92, v, how="words")
    d.text(120, 104, "Subtotal", how="words").text(180, 104, "$100.00", how="words")
    d.text(120, 109, "Tax (10%)", how="words").text(180, 109, "$10.00", how="words")
    d.text(120, 114, "Total", how="words").text(180, 114, "$110.00", how="words")
    d.text(120, 119, "Amount due", bold=True, how="words").text(180, 119, "$110.00 USD", bold=True, how="words")
    lay = d.layout()
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert (v["invoice_number"], v["invoice_date"]) == ("1A2B3C4D-0001", "01/04/2024")
    assert (v["seller_name"], v["buyer_name"]) == ("Acme Cloud Inc.", "Jane Doe")
    assert (v["taxable_value"], v["total_amount"]) == ("100.00", "110.00")


def test_foreign_invoice_titled_with_its_number_iso_dates_and_only_an_amount_due():
    lay = layout("""Northwind Traders Ltd
1 Harbour Road, Auckland 1010
VAT Reg No: GB123456789
INVOICE # NW-2024-0042
Issue Date: 2024-04-01
Due Date: 2024-05-01
Billed To:
Contoso Pty Ltd
Item  Qty  Price  Amount
Consulting  10  120.00  1,200.00
VAT 20%  240.00
Amount Due (USD) $1,440.00""")
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert (v["invoice_number"], v["invoice_date"], v["total_amount"]) == ("NW-2024-0042", "01/04/2024", "1440.00")
    assert (v["seller_name"], v["buyer_name"]) == ("Northwind Traders Ltd", "Contoso Pty Ltd")


# -- labels are not values ----------------------------------------------------------------------

def test_platform_label_grid_values_to_the_right():
    rows = [("TAX INVOICE", None), ("Legal Entity Name", "Kaveri Foodtech Private Limited"),
            ("Trade Name", "Kaveri Kitchen"), ("Address", "12, MG Road, Pune, Maharashtra"),
            ("GSTIN", SELLER), ("Invoice No", "KFT/24-25/0099"), ("Invoice Date", "05-Apr-2024"),
            ("Customer Name", "Ravi Kumar"), ("Item Total", "200.00"), ("CGST 2.5%", "5.00"),
            ("SGST 2.5%", "5.00"), ("Total", "210.00")]
    lay = Layout(ln for i, (a, b) in enumerate(rows)
                 for ln in [at(a, 80, 100 + 40 * i), *([at(b, 600, 100 + 40 * i)] if b else [])])
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert v["seller_name"] == "Kaveri Foodtech Private Limited"
    assert (v["seller_gstin"], v["invoice_number"], v["invoice_date"]) == (SELLER, "KFT/24-25/0099", "05/04/2024")
    assert v["buyer_name"] == "Ravi Kumar" and v["total_amount"] == "210.00"
    labels = {a.lower() for a, _ in rows}
    assert not [k for k, x in v.items() if isinstance(x, str) and x.lower() in labels]


def test_label_grid_values_under_the_labels():
    lay = layout(f"""Tax Invoice
Legal Entity Name
Kaveri Foodtech Private Limited
Address
12, MG Road, Pune, Maharashtra
GSTIN
{SELLER}
Invoice No
KFT/24-25/0099
Grand Total 210.00""")
    v = run(lay)
    assert v["seller_name"] == "Kaveri Foodtech Private Limited" and v["seller_gstin"] == SELLER
    assert v["invoice_number"] == "KFT/24-25/0099"
    assert "Legal Entity Name" not in v.values()


def test_a_label_followed_by_a_label_gives_no_value():
    # "Sold By :" has "Billing Address :" to its right: the names are under each label
    lay = Layout([at("TAX INVOICE", 600, 40), at("Sold By :", 80, 120), at("Billing Address :", 900, 120),
                  at("Om Sai Traders", 80, 160), at("Anita Desai", 900, 160),
                  at("Invoice No:", 80, 260), at("Invoice Date:", 500, 260), at("Grand Total 500.00", 80, 400)])
    v = run(lay)
    assert (v["seller_name"], v["buyer_name"]) == ("Om Sai Traders", "Anita Desai")
    assert "invoice_number" not in v  # "Invoice Date:" is not the number


# -- seller and buyer GSTINs ------------------------------------------------------------------------

def test_gstin_takes_the_party_of_its_column_not_of_the_nearest_line_above():
    # the buyer's block header sits higher on the right than the seller's GSTIN on the left
    lay = Layout([at("TAX INVOICE", 600, 40), at("Supplier", 80, 120), at("Details of Recipient", 900, 100),
                  at("Om Sai Traders", 80, 160), at("Anita Enterprises", 900, 140),
                  at(f"GSTIN: {BUYER}", 900, 180), at(f"GSTIN: {SELLER}", 80, 220),
                  at("Invoice No: 77", 80, 300), at("Grand Total 500.00", 80, 400)])
    v = run(lay)
    assert (v["seller_gstin"], v["buyer_gstin"]) == (SELLER, BUYER)
    assert (v["seller_name"], v["buyer_name"]) == ("Om Sai Traders", "Anita Enterprises")


def test_a_second_seller_gstin_is_never_the_buyers():
    lay = layout(f"""TAX INVOICE
Om Sai Traders
GSTIN: {SELLER}
Invoice No: 77
Bill To
Anita Desai
Grand Total 500.00
Details of e-commerce operator: MarketHub Services Private Limited
GSTIN: {OTHER_SELLER}""")
    v = run(lay)
    assert v["seller_gstin"] == SELLER and "buyer_gstin" not in v


# -- several invoices in one file -------------------------------------------------------------------

def test_two_invoices_one_after_the_other():
    text = f"""TAX INVOICE
Om Sai Traders
GSTIN: {SELLER}
Invoice No: OST/101
Invoice Date: 01/04/2024
Taxable Value 1,000.00
IGST 180.00
Grand Total 1,180.00
TAX INVOICE
Om Sai Traders
GSTIN: {SELLER}
Invoice No: OST/102
Invoice Date: 02/04/2024
Taxable Value 2,000.00
IGST 360.00
Grand Total 2,360.00"""
    v = run(layout(text))
    assert (v["invoice_number"], v["taxable_value"], v["total_amount"]) == ("OST/101", "1000.00", "1180.00")
    assert v["other_invoices"] == [{"invoice_number": "OST/102", "invoice_date": "02/04/2024",
                                    "total_amount": "2360.00"}]


def test_a_repeated_copy_or_continuation_is_the_same_invoice():
    one = f"TAX INVOICE\n(ORIGINAL FOR RECIPIENT)\nOm Sai Traders\nGSTIN: {SELLER}\nInvoice No: OST/101\n" \
          "Taxable Value 1,000.00\nIGST 180.00\nGrand Total 1,180.00"
    copy = one.replace("ORIGINAL FOR RECIPIENT", "DUPLICATE FOR TRANSPORTER")
    v = run(layout(one + "\n" + copy))
    assert "other_invoices" not in v and v["total_amount"] == "1180.00" and v["invoice_number"] == "OST/101"


def test_a_continuation_page_is_read_with_the_first():
    page1 = "TAX INVOICE\nInvoice No: OST/101\nTaxable Value carried over 1,000.00\nContinued on page 2"
    page2 = "TAX INVOICE\nInvoice No: OST/101\nTaxable Value 1,200.00\nIGST 216.00\nGrand Total 1,416.00"
    lines = [TextLine(l.text, l.score, l.bbox, page) for page, text in enumerate((page1, page2))
             for l in lines_from_text(text)]
    v = run(Layout(lines))
    assert "other_invoices" not in v and v["total_amount"] == "1416.00"


# -- titles, and what is not an invoice ---------------------------------------------------------

BODY = f"\nOm Sai Traders\nGSTIN: {SELLER}\nInvoice No: OST/7\nInvoice Date: 01/04/2024\nGrand Total 1,180.00"


@pytest.mark.parametrize("title", [
    "Tax Invoice", "TAX INVOICE/BILL OF SUPPLY/CASH MEMO", "Invoice", "Commercial Invoice", "Retail Invoice",
    "Bill of Supply", "Invoice cum Bill of Supply", "Tax Invoice (Original for Recipient)", "GST Invoice",
    "ORIGINAL FOR RECIPIENT  TAX INVOICE", "Om Sai Traders Tax Invoice",
])
def test_invoice_titles(title):
    assert title_kind(title) == "invoice"
    assert invoice.score(layout(title + BODY)) >= 0.9


def test_title_anywhere_in_the_top_part_of_the_page():
    lay = Layout([at("Om Sai Traders", 80, 40), at(f"GSTIN: {SELLER}", 80, 80), at("Invoice No: OST/7", 80, 120),
                  at("Tax Invoice", 1200, 60), *[at(f"Item {k}", 80, 200 + 40 * k) for k in range(20)],
                  at("Grand Total 1,180.00", 80, 1200)])
    assert invoice.score(lay) >= 0.9


@pytest.mark.parametrize("text", [
    # a payment receipt that names the invoice it settles
    f"PAYMENT RECEIPT\nReceipt No: R-55\nDate: 05/04/2024\nReceived from Ravi Kumar against Invoice No: OST/7\n"
    f"GSTIN: {SELLER}\nAmount Received Rs. 1,180.00\nTotal 1,180.00",
    # a quotation with an items table and GST
    f"QUOTATION\nOm Sai Traders\nGSTIN: {SELLER}\nQuotation No: Q-12\nDate: 01/04/2024\n"
    "Description  HSN  Qty  Rate  Amount\nCeiling Fan  8414  2  2,500.00  5,000.00\nCGST 9% 450.00\nSGST 9% 450.00\n"
    "Grand Total 5,900.00",
    # a proforma invoice: an offer in an invoice's form
    f"PROFORMA INVOICE\nOm Sai Traders\nGSTIN: {SELLER}\nInvoice No: PI-12\nInvoice Date: 01/04/2024\n"
    "Description  HSN  Qty  Rate  Amount\nCeiling Fan  8414  2  2,500.00  5,000.00\nGrand Total 5,900.00",
    # a purchase order
    f"PURCHASE ORDER\nPO No: 4500012345\nVendor: Om Sai Traders\nGSTIN: {SELLER}\n"
    "Description  Qty  Rate  Amount\nCeiling Fan  2  2,500.00  5,000.00\nTotal 5,000.00",
    # a delivery challan that quotes the invoice
    f"DELIVERY CHALLAN\nChallan No: DC-9\nInvoice No: OST/7\nGSTIN: {SELLER}\nDescription  HSN  Qty\n"
    "Ceiling Fan  8414  2",
    # a credit note against an invoice
    f"CREDIT NOTE\nCredit Note No: CN-3\nOriginal Invoice No: OST/7\nInvoice Date: 01/04/2024\nGSTIN: {SELLER}\n"
    "Taxable Value 500.00\nCGST 45.00\nSGST 45.00\nTotal 590.00",
    # a bank statement with invoice payments in its narrations
    "STATEMENT OF ACCOUNT\nAccount No: 50100123456789\nDate  Narration  Debit  Credit  Balance\n"
    "01/04/2024  NEFT INVOICE NO 7 OM SAI  1,180.00  10,000.00\nClosing Balance 8,820.00",
    # a GST registration certificate
    f"Government of India\nForm GST REG-06\nRegistration Certificate\nRegistration Number: {SELLER}\n"
    "Legal Name: OM SAI TRADERS",
])
def test_documents_that_are_not_invoices(text):
    assert (invoice.score(layout(text)) or 0) < 0.5


def test_a_telecom_bill_is_an_invoice():
    lay = layout(f"""Bharat Telecom Limited
GSTIN: {SELLER}
TAX INVOICE
Account Number: 1023456789
Bill Date: 05 Apr 2024
Invoice No: MH1234567890
Bill Period: 01 Mar 2024 to 31 Mar 2024
Previous Balance 499.00
Payments Received 499.00
Monthly Rental 499.00
CGST @ 9% 44.91
SGST @ 9% 44.91
Amount Due 588.82""")
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert (v["invoice_number"], v["invoice_date"], v["total_amount"]) == ("MH1234567890", "05/04/2024", "588.82")


# -- amounts and dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("line,want", [
    ("Grand Total Rs. 1,18,000.00", "118000.00"), ("Total Amount INR 1,18,000.00", "118000.00"),
    ("Invoice Total ₹1,18,000", "118000.00"), ("Total (INR) 1,18,000.50", "118000.50"),
    ("Amount due $1,180.00 USD", "1180.00"), ("Total: Rs.1180/-", "1180.00"),
])
def test_total_labels_and_currency_prefixes(line, want):
    v = run(layout(f"TAX INVOICE\nInvoice No: 5\n{line}"))
    assert v["total_amount"] == want


@pytest.mark.parametrize("text,want", [
    ("Apr 1, 2024", "01/04/2024"), ("April 1st, 2024", "01/04/2024"), ("01-Apr-2024", "01/04/2024"),
    ("2024-04-01", "01/04/2024"), ("1st April 2024", "01/04/2024"), ("01.04.2024", "01/04/2024"),
    ("6-Jan-24", "06/01/2024"), ("7. Mai 2014", "07/05/2014"), ("11/15/2019", "15/11/2019"),
])
def test_dates_in_common_formats(text, want):
    assert date_in(text) == want
    lay = layout(f"INVOICE\nInvoice No: 5\nInvoice Date: {text}\nTotal 10.00")
    assert run(lay)["invoice_date"] == want


def test_amount_in_reads_currency_codes():
    assert str(billing.amount_in("INR1,180.00")) == "1180.00"
    assert str(billing.amount_in("Total $110.00")) == "110.00"


def test_a_letter_invoice_names_its_seller_in_the_return_address_line():
    lay = layout("""Northwind GmbH - Hafenweg 40-42 - 63571 Gelnhausen
Contoso Ltd.
93B Harbour Road
Rechnung
Rechnungsnr. 30064443
Rechnungsdatum 7. Mai 2014
Total EUR 34,73""")
    assert winner(lay)[0] == "INVOICE"
    v = run(lay)
    assert (v["seller_name"], v["invoice_number"], v["invoice_date"]) == ("Northwind GmbH", "30064443", "07/05/2014")
    assert v["total_amount"] == "34.73"
