"""GST tax invoices: helpers, tables, parties, arithmetic validation, declining others, e2e."""

from __future__ import annotations

import pytest

import re

from kagaz.doctypes import billing, billing_items, invoice
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.stages.load import LoadStage
from kagaz.synth import generate
from kagaz.synth.invoice import LAYOUTS
from kagaz.text.layout import Layout

SELLER_GSTIN = "27AAPFU0939F1ZV"


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def line(text: str, x0: float, y0: float, x1: float, h: float = 24, score: float = 0.99) -> TextLine:
    return TextLine(text, score, (x0, y0, x1, y0 + h))


def run(lay: Layout) -> tuple[dict, list[str], Document]:
    """extract → validate → finish, as the engine runs them."""
    fields = invoice.extract(lay, ExtractOptions())
    issues = invoice.validate(fields)
    doc = Document(b"", fields=fields)
    doc.pages = [Page(index=0, width=1654, height=2339, lines=list(lay.lines))]
    invoice.finish(doc)
    return fields, issues, doc


SIMPLE = f"""TAX INVOICE
Sai Mobile Gallery
12, MG Road, Pune, Maharashtra - 411001
GSTIN: {SELLER_GSTIN}
Invoice No: SM/24-25/0012
Invoice Date: 05/04/2024
Customer Name: Ravi Kumar
Taxable Value 10,000.00
CGST @ 9% 900.00
SGST @ 9% 900.00
Grand Total 11,800.00"""


# -- helpers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("CGST @ 9% 1,768.24", "1768.24"), ("Round Off (-)0.40", "-0.40"), ("Total 10 Nos ₹ 16,886.00", "16886.00"),
    ("Grand Total 319", "319.00"), ("Taxable Value ₹", None), ("IGST 18 %", None),
])
def test_amount_in(text, expected):
    got = billing.amount_in(text)
    assert (str(got) if got is not None else None) == expected


@pytest.mark.parametrize("text,expected", [
    ("Invoice Date: 20-10-2015", "20/10/2015"), ("6-Jan-20", "06/01/2020"), ("12-Oct-2024", "12/10/2024"),
    ("Dated 1.4.2024", "01/04/2024"), ("INV/24-25/3393", None),
])
def test_dates_including_tally_two_digit_years(text, expected):
    assert billing.date_in(text) == expected


def test_gstin_repairs_and_checksum():
    assert billing.repair_gstin("27AAPFU0939F1ZV") == ("27AAPFU0939F1ZV", 0, True)
    value, repairs, ok = billing.repair_gstin("27AAPFUO939F12V")  # O for 0, 2 for Z
    assert (value, ok) == ("27AAPFU0939F1ZV", True) and repairs == 2
    assert billing.repair_gstin("27AAPFU0939F1ZW")[2] is False  # wrong check character


def test_gstin_roles_by_block():
    lay = layout(f"TAX INVOICE\nSai Traders\nGSTIN/UIN: {SELLER_GSTIN}\nBuyer (Bill to)\nOm Agencies\n"
                 "GSTIN/UIN: 29AAACR5055K1Z5\nInvoice No. 7")
    f = invoice.extract(lay, ExtractOptions())
    assert f["seller_gstin"].value == SELLER_GSTIN and f["buyer_gstin"].value == "29AAACR5055K1Z5"
    assert f["buyer_name"].value == "Om Agencies"
    assert f["seller_gstin"].confidence_score >= 0.95


def test_split_box_keeps_numbers_inside_text():
    parts = billing_items.split_box(line("1 62,232.00", 100, 10, 300))
    assert [p.text for p in parts] == ["1", "62,232.00"] and parts[0].x1 < parts[1].x0
    assert [p.text for p in billing_items.split_box(line("Redmi Note 13 5G", 100, 10, 400))] == ["Redmi Note 13 5G"]


def test_serials_imei_luhn_and_labels():
    lay = layout("IMEI 1: 490154203237518\nIMEI2 : 490154203237519\nS/N: R58N12ABCDE\nSr. No. Particulars")
    got = dict(invoice.find_serials(lay))
    assert list(got) == ["490154203237518", "490154203237519", "R58N12ABCDE"]
    assert got["490154203237518"] >= 0.95 and got["490154203237519"] <= 0.5  # Luhn fails


# -- tables ----------------------------------------------------------------------------------

def _tally_like(*extra: list[tuple[str, int, int]]) -> Layout:
    """Header cells, right-aligned numbers, a unit column, IMEI under an item, tax rows."""
    rows = [
        [("Sl No.", 85, 144), ("Description of Goods", 363, 547), ("HSN/SAC", 804, 899), ("Quantity", 984, 1065),
         ("Rate", 1181, 1229), ("per", 1320, 1361), ("Amount", 1439, 1518)],
        [("1", 96, 115), ("LED Bulb 9W Pack of 4", 157, 403), ("8539", 767, 825), ("2 Nos", 1024, 1103),
         ("418.00", 1201, 1293), ("Nos", 1306, 1354), ("836.00", 1470, 1567)],
        [("2", 96, 115), ("Redmi Note 13 5G", 157, 420), ("85171300", 767, 880), ("1 Nos", 1024, 1103),
         ("16,239.33", 1199, 1293), ("Nos", 1306, 1354), ("16,239.33", 1460, 1567)],
        [("IMEI: 358656907029315", 190, 450)],
        [("Output CGST", 574, 752), ("9 %", 1238, 1293), ("1,536.75", 1447, 1566)],
        [("Output SGST", 574, 752), ("9 %", 1238, 1293), ("1,536.75", 1447, 1566)],
        [("Total", 674, 754), ("3 Nos", 1023, 1104), ("₹ 20,148.83", 1398, 1566)],
        *extra,
    ]
    lines = [line(t, x0, 600 + 36 * i, x1) for i, row in enumerate(rows) for t, x0, x1 in row]
    return Layout(lines)


def test_items_table_columns():
    f = invoice.extract(_tally_like(), ExtractOptions())
    items = [{k: v for k, v in r.items() if k != "confidence_score"} for r in f["line_items"].value]
    assert items == [
        {"description": "LED Bulb 9W Pack of 4", "hsn": "8539", "quantity": "2", "rate": "418.00", "amount": "836.00"},
        {"description": "Redmi Note 13 5G", "hsn": "85171300", "quantity": "1", "rate": "16239.33",
         "amount": "16239.33"},
    ]
    assert all(r["confidence_score"] >= 0.95 for r in f["line_items"].value)  # qty x rate = amount
    assert f["serial_numbers"].value == ["358656907029315"]
    assert f["cgst"].value == "1536.75" and f["total_amount"].value == "20148.83"


def test_column_header_value_from_the_total_row():
    rows = [[("HSN/SAC", 148, 226), ("Taxable Value", 350, 449), ("Total Tax Amount", 1404, 1532)],
            [("7214", 85, 135), ("214.35", 437, 502), ("38.58", 1514, 1569)],
            [("8539", 85, 135), ("100.00", 437, 502), ("18.00", 1514, 1569)],
            [("Total", 85, 139), ("314.35", 437, 502), ("56.58", 1514, 1568)]]
    lay = Layout(line(t, x0, 900 + 32 * i, x1) for i, row in enumerate(rows) for t, x0, x1 in row)
    hit = billing_items.column_amount(lay, billing.rows_of(lay), re.compile("Taxable", re.I))
    assert hit is not None and str(hit[0]) == "314.35"


def test_rows_follow_a_tilted_page():
    # a photographed row drifts 20 px over its width; neighbours still overlap
    row = [line("Total", 100, 500, 160), line("3", 400, 507, 420), line("1,000.00", 700, 514, 800),
           line("1,180.00", 1000, 521, 1100)]
    assert [len(r) for r in billing.rows_of(Layout(row))] == [4]


# -- parties, arithmetic, validations ----------------------------------------------------------

def test_simple_invoice_fields_and_valid_arithmetic():
    fields, issues, doc = run(layout(SIMPLE))
    v = {k: f.value for k, f in fields.items()}
    assert v == {
        "invoice_number": "SM/24-25/0012", "invoice_date": "05/04/2024", "seller_name": "Sai Mobile Gallery",
        "dealer_address": "12, MG Road, Pune, Maharashtra - 411001", "seller_gstin": SELLER_GSTIN,
        "buyer_name": "Ravi Kumar", "taxable_value": "10000.00", "cgst": "900.00", "sgst": "900.00",
        "total_amount": "11800.00",
    }
    assert issues == []
    assert doc.validations["invoice_arithmetic"]["valid"] is True
    assert doc.validations["gstin_checksum"] == {"valid": True, "seller_gstin": True,
                                                 "message": "GSTIN check characters are valid"}
    assert fields["total_amount"].confidence_score >= 0.97


@pytest.mark.parametrize("change,problem", [
    (("Grand Total 11,800.00", "Grand Total 12,800.00"), "taxable value plus taxes"),
    (("SGST @ 9% 900.00", "SGST @ 9% 990.00"), "CGST and SGST differ"),
])
def test_wrong_arithmetic_fails_and_lowers_confidence(change, problem):
    fields, issues, doc = run(layout(SIMPLE.replace(*change)))
    res = doc.validations["invoice_arithmetic"]
    assert res["valid"] is False and problem in res["message"]
    assert any(problem in i for i in issues)
    for key in ("taxable_value", "cgst", "sgst", "total_amount"):
        assert fields[key].confidence_score <= 0.5


def test_items_table_arithmetic():
    fields, issues, doc = run(_tally_like())
    assert doc.validations["invoice_arithmetic"]["valid"] is True
    assert doc.validations["invoice_arithmetic"]["items_total"] == "17075.33"


def test_items_that_do_not_add_up_fail():
    fields, issues, doc = run(_tally_like([("Taxable Value", 100, 300), ("18,075.33", 1460, 1567)]))
    res = doc.validations["invoice_arithmetic"]
    assert res["valid"] is False and res["items_difference"] == "-1000.00"
    assert fields["line_items"].confidence_score <= 0.5
    assert all(r["confidence_score"] <= 0.5 for r in fields["line_items"].value)
    assert fields["taxable_value"].confidence_score <= 0.5


def test_round_off_within_a_rupee_passes():
    text = SIMPLE.replace("Grand Total 11,800.00", "Round Off (-)0.40\nGrand Total 11,799.60")
    fields, issues, doc = run(layout(text))
    assert doc.validations["invoice_arithmetic"]["valid"] is True
    assert doc.validations["invoice_arithmetic"]["round_off"] == "-0.40"


def test_bad_gstin_checksum_is_reported_not_hidden():
    fields, issues, doc = run(layout(SIMPLE.replace(SELLER_GSTIN, "27AAPFU0939F1ZW")))
    assert fields["seller_gstin"].value == "27AAPFU0939F1ZW"
    assert fields["seller_gstin"].confidence_score <= 0.5
    assert doc.validations["gstin_checksum"]["valid"] is False
    assert any("checksum" in i for i in issues)


# -- classification --------------------------------------------------------------------------

def test_scores_invoices_high():
    assert invoice.score(layout(SIMPLE)) >= 0.9


@pytest.mark.parametrize("text", [
    # a restaurant receipt: GSTIN, bill number and taxes, but no invoice
    "HOTEL SAI SAGAR\nGSTIN: 27AAPFU0939F1ZV\nBill No: 123 Date: 01/02/2024\nMasala Dosa 2 x 90 180\n"
    "Sub Total 180\nCGST 2.5% + SGST 2.5% 9\nTOTAL 189\nThank you! Visit again",
    # a delivery challan with an items table
    "SAI TRADERS\nGSTIN: 27AAPFU0939F1ZV\nDELIVERY CHALLAN\nChallan No: 12\nInvoice No: 45\n"
    "Description HSN Qty Rate Amount\nFan 8414 2 2,500.00 5,000.00\nTotal 5,000.00",
    # a delivery order that mentions the invoice
    "DELIVERY ORDER\nDO No.: DO123\nPlease deliver the product and raise the invoice in the customer's name\n"
    "Invoice Value : 20,000.00\nLoan Amount : 15,000.00",
    # a business letter about invoices
    "Kaveri Finance Ltd.\nDate: 01/02/2024\nAll invoices raised after that date will carry the new rates.",
    # a GST registration certificate
    "Government of India\nForm GST REG-06\nRegistration Certificate\nRegistration Number: 27AAPFU0939F1ZV",
    "", "🙂🙂🙂", "INVOICE",
])
def test_declines_other_documents(text):
    assert (invoice.score(layout(text)) or 0) < 0.5


def test_junk_does_not_raise():
    lay = layout("₹₹₹ ,,, 1,2,3 Total Total HSN Qty\nIMEI: \nS/N\nGSTIN 27\n" * 3)
    fields, issues, doc = run(lay)
    assert isinstance(issues, list)


# -- synthetic documents ----------------------------------------------------------------------

def _text_layer(doc_type: str, seed: int, layout_name: str) -> tuple[Layout, dict]:
    d = generate(doc_type, seed, "pdf_text", layout_name)
    loaded = LoadStage().run(Document(d.data))
    return Layout(loaded.lines), d.fields


def _plain(value):
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [{k: v for k, v in r.items() if k != "confidence_score"} for r in value]
    return value


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
@pytest.mark.parametrize("seed", [1, 2])
def test_born_digital_invoices_read_exactly(layout_name, seed):
    lay, truth = _text_layer("INVOICE", seed, layout_name)
    assert invoice.score(lay) >= 0.9
    fields, issues, doc = run(lay)
    assert {k: _plain(f.value) for k, f in fields.items()} == truth
    assert issues == [] and doc.validations["invoice_arithmetic"]["valid"] is True


def test_edited_pdf_total_breaks_the_arithmetic():
    lay, truth = _text_layer("INVOICE", 3, "durable")
    total = truth["total_amount"]
    whole, paise = total.split(".")
    for ln in lay.lines:  # a forger raises the printed total by 10,000
        if ln.text.replace(",", "").replace("Rs. ", "").endswith(total):
            ln.text = ln.text[: ln.text.rfind(whole[0])] + f"{int(whole) + 10000}.{paise}"
    fields, issues, doc = run(Layout(lay.lines))
    assert doc.validations["invoice_arithmetic"]["valid"] is False
    assert fields["total_amount"].confidence_score <= 0.5


@pytest.mark.slow
@pytest.mark.parametrize("layout_name,seed", [("tally", 4), ("durable", 5)])
def test_scanned_invoice_end_to_end(engine, layout_name, seed):
    d = generate("INVOICE", seed, "clean", layout_name)
    r = engine.process(d.data)
    assert r.document_type == "INVOICE"
    for key in ("invoice_number", "invoice_date", "seller_gstin", "total_amount", "taxable_value"):
        assert r.fields[key].value == d.fields[key], key
    assert r.validations["invoice_arithmetic"]["valid"] is True


def test_row_number_run_into_the_description_is_dropped():
    # the "#" header was not read, so the row numbers fall into the description column
    rows = [[("Item & Description", 160, 400), ("HSN/SAC", 800, 900), ("Qty", 1000, 1040),
             ("Rate", 1150, 1200), ("Amount", 1400, 1480)],
            [("1 Office Chair", 90, 330), ("9401", 840, 900), ("3.00", 1000, 1040), ("4,035.65", 1110, 1200),
             ("12,106.95", 1370, 1480)],
            [("2 Steel Almirah 4 Door", 90, 400), ("9403", 840, 900), ("1.00", 1000, 1040),
             ("9,000.00", 1110, 1200), ("9,000.00", 1380, 1480)]]
    lay = Layout(line(t, x0, 300 + 40 * i, x1) for i, row in enumerate(rows) for t, x0, x1 in row)
    items = invoice.extract(lay, ExtractOptions())["line_items"].value
    assert [r["description"] for r in items] == ["Office Chair", "Steel Almirah 4 Door"]
    assert [r["quantity"] for r in items] == ["3", "1"]


def test_product_and_title_columns_stay_apart_when_one_header_box_is_taller():
    # a marketplace invoice: "Product" holds the category, "Title" the item; OCR drew the
    # "Title" box taller (37 px beside 30 px), which must not join the two columns 110 px apart
    head = [line("Product", 70, 471, 156, h=30), line("Title", 266, 468, 326, h=37),
            line("Qty", 1040, 471, 1080, h=30), line("Total", 1640, 471, 1700, h=30)]
    cols = billing_items.header_cols(head)
    assert [c.role for c in cols] == ["desc", "desc", "qty", "total"]
    # two words of one header, a word's gap apart, are still one column
    one = billing_items.header_cols([line("Item", 100, 10, 150, h=30), line("Description", 162, 10, 300, h=30),
                                     line("Qty", 800, 10, 840, h=30)])
    assert [(c.role, c.name) for c in one] == [("desc", "item description"), ("qty", "qty")]
    # both in one box, however wide ("Item & Description" in a text layer's run)
    same = billing_items.header_cols([line("#", 101, 10, 114, h=16), line("Item & Description", 161, 10, 366, h=22),
                                      line("HSN/SAC", 946, 10, 1040, h=16), line("Qty", 1101, 10, 1139, h=16)])
    assert [(c.role, c.name) for c in same][1] == ("desc", "item description")
    rows = [head, [line("Electronics", 72, 541, 184, h=30), line("LG 43 inch 4K", 268, 540, 414, h=33),
                   line("1", 1050, 541, 1062, h=30), line("39,323.00", 1600, 541, 1700, h=30)]]
    lay = Layout(ln for row in rows for ln in row)
    items = invoice.extract(lay, ExtractOptions())["line_items"].value
    assert [r["description"] for r in items] == ["LG 43 inch 4K"]
