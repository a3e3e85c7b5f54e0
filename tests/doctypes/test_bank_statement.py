"""Bank statements: amounts, table parsing (Cr/Dr, wrapped narrations, repeated headers),
reconciliation, PDF metadata, locked and malformed PDFs, a 60-page statement end to end."""

from __future__ import annotations

import io
import time
from decimal import Decimal

import pytest

from kagaz.doctypes import bank_statement as bs
from kagaz.doctypes import registry
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import Document, TextLine
from kagaz.pipeline.stages.load import LoadStage
from kagaz.synth.bank_statement import HOUSES
from kagaz.synth.generator import statement
from kagaz.text.amounts import find_amounts, parse_amount, to_decimal
from kagaz.text.layout import Layout

ROW_KEYS = ("date", "description", "debit", "credit", "balance")


# -- helpers ---------------------------------------------------------------------------------------
def cell(text: str, x: float, y: float, *, right: bool = False, page: int = 0,
         score: float = 1.0, source: str = "pdf") -> TextLine:
    """A text run ``text`` whose left edge (or right edge when ``right``) is at ``x``."""
    w = 9.0 * len(text)
    x0 = x - w if right else x
    return TextLine(text, score, (x0, y, x0 + w, y + 15), page, source)


def table(header: list[tuple[str, float, bool]], rows: list[list[str | None]], *, page: int = 0,
          top: float = 300, step: float = 34, source: str = "pdf") -> list[TextLine]:
    """A header row and data rows; a row whose first cell is "+" continues the narration."""
    out = [cell(t, x, top, right=r, page=page, source=source) for t, x, r in header]
    y = top + 40
    for row in rows:
        if row[0] == "+":
            y -= step - 22
            out.append(cell(row[1] or "", header[1][1], y, page=page, source=source))
            y += step
            continue
        for (_, x, r), value in zip(header, row, strict=True):
            if value:
                out.append(cell(value, x, y, right=r, page=page, source=source))
        y += step
    return out


def fields(lines: list[TextLine]) -> dict:
    f = bs.extract(Layout(lines), ExtractOptions())
    bs.validate(f)
    return f


def rows(f: dict) -> list[dict]:
    return [{k: r[k] for k in ROW_KEYS} for r in f["transactions"].value]


HDFC_HEADER = [("Date", 60, False), ("Narration", 200, False), ("Withdrawal Amt.", 900, True),
               ("Deposit Amt.", 1100, True), ("Closing Balance", 1300, True)]


def digital(d) -> dict:  # type: ignore[no-untyped-def]
    doc = LoadStage().run(Document(data=d.data))
    return fields(doc.lines)


# -- amounts ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,want", [
    ("1,23,456.78", "123456.78"), ("₹ 1,500", "1500.00"), ("Rs. 2,00,000/-", "200000.00"),
    ("INR 45.5", "45.50"), ("12,345.00 Cr", "12345.00"), ("(1,234.00)", "-1234.00"),
    ("-", None), ("", None), ("  ", None), ("NIL", None), ("1,234,56", "1234.56"),
    ("500.00-", "-500.00"), ("12,34O.5O", "12340.50"), ("abc", None),
])
def test_parse_amount(text, want):
    assert parse_amount(text) == want


def test_dr_balances_are_negative_only_when_asked():
    assert parse_amount("1,200.00 Dr") == "1200.00"
    assert parse_amount("1,200.00 Dr", dr_negative=True) == "-1200.00"
    assert parse_amount("1,200.00(Dr)", dr_negative=True) == "-1200.00"
    assert to_decimal("5,000.00 Cr") == Decimal("5000.00")


def test_find_amounts_skips_dates_years_and_ids():
    assert find_amounts("01/04/2024 NEFT 2024 A/c 50100123456789 5,000.00 1,23,456.78 Cr") == [
        "5000.00", "123456.78"]


# -- table parsing ---------------------------------------------------------------------------------
def test_debit_credit_columns_and_wrapped_narration():
    lines = [cell("Opening Balance : 10,000.00", 60, 200)] + table(HDFC_HEADER, [
        ["01/04/24", "UPI/DR/412345678901/ZOMATO/", "500.00", None, "9,500.00"],
        ["+", "zomato@ybl/Payment"],
        ["02/04/24", "NEFT-ACME TECHNOLOGIES-SALARY", None, "50,000.00", "59,500.00"],
        ["03/04/24", "ATM-CASH WDL/PUNE", "2,000.00", None, "57,500.00"],
    ])
    f = fields(lines)
    assert rows(f) == [
        {"date": "01/04/2024", "description": "UPI/DR/412345678901/ZOMATO/ zomato@ybl/Payment",
         "debit": "500.00", "credit": None, "balance": "9500.00"},
        {"date": "02/04/2024", "description": "NEFT-ACME TECHNOLOGIES-SALARY", "debit": None,
         "credit": "50000.00", "balance": "59500.00"},
        {"date": "03/04/2024", "description": "ATM-CASH WDL/PUNE", "debit": "2000.00",
         "credit": None, "balance": "57500.00"},
    ]
    assert f["opening_balance"].value == "10000.00"
    assert all(r["confidence_score"] >= 0.95 for r in f["transactions"].value)


def test_single_amount_column_with_cr_dr_suffixes_and_overdraft():
    header = [("Txn Date", 60, False), ("Narration", 220, False), ("Amount", 950, True),
              ("Balance", 1250, True)]
    f = fields(table(header, [
        ["01-Apr-2024", "CASH DEPOSIT", "1,000.00 Cr", "1,500.00 Cr"],
        ["02-Apr-2024", "CHQ PAID", "2,000.00 Dr", "500.00 Dr"],
        ["03-Apr-2024", "SALARY", "10,000.00 Cr", "9,500.00 Cr"],
    ]))
    assert [(r["debit"], r["credit"], r["balance"]) for r in rows(f)] == [
        (None, "1000.00", "1500.00"), ("2000.00", None, "-500.00"), (None, "10000.00", "9500.00")]


def test_separate_dr_cr_column_and_unmarked_amounts():
    header = [("Date", 60, False), ("Particulars", 220, False), ("Amount", 900, True),
              ("Dr/Cr", 960, False), ("Balance", 1250, True)]
    f = fields(table(header, [
        ["01 Apr 24", "OPENING", None, None, "1,000.00"],
        ["02 Apr 24", "POS AMAZON", "100.00", "DR", "900.00"],
        ["03 Apr 24", "REFUND", "50.00", "CR", "950.00"],
        ["04 Apr 24", "UPI IN", "25.00", None, "975.00"],  # no marker at all: see below
    ]))
    got = [(r["date"], r["debit"], r["credit"]) for r in rows(f)][1:]
    assert got == [("02/04/2024", "100.00", None), ("03/04/2024", None, "50.00"),
                   ("04/04/2024", None, "25.00")]
    # the marked rows are as printed; the unmarked one prints no direction at all, so the
    # balance's change gives it, and the row says so by its confidence
    conf = [r["confidence_score"] for r in f["transactions"].value]
    assert min(conf[1:3]) >= 0.95 and conf[3] <= 0.6


def test_repeated_headers_banners_footers_and_balance_rows_are_not_transactions():
    lines = []
    for page in range(2):
        lines += [cell("STATE BANK OF INDIA", 60, 40, page=page),
                  cell("Statement of Account", 900, 40, page=page),
                  cell(f"Page {page + 1} of 2", 600, 2200, page=page)]
        body = [["01/04/2024", "Balance Brought Forward", None, None, "1,000.00"]] if page else \
            [[None, "Opening Balance", None, None, "1,000.00"]]
        body += [[f"0{page + 2}/04/2024", f"UPI PAYMENT {page}", "100.00", None, "900.00"],
                 [f"0{page + 2}/04/2024", f"REFUND {page}", None, "100.00", "1,000.00"]]
        body += [[None, "Balance Carried Forward", None, None, "1,000.00"]] if not page else [
            [None, "Total", "200.00", "200.00", None],
            [None, "Closing Balance", None, None, "1,000.00"]]
        lines += table(HDFC_HEADER, body, page=page)
    f = fields(lines)
    assert [r["description"] for r in rows(f)] == ["UPI PAYMENT 0", "REFUND 0", "UPI PAYMENT 1",
                                                   "REFUND 1"]
    assert f["opening_balance"].value == "1000.00"
    assert f["closing_balance"].value == "1000.00"


def test_two_line_column_titles_and_value_date_first():
    lines = [cell("Value", 150, 290), cell("Date", 150, 310), cell("Transaction", 300, 290),
             cell("Date", 300, 310), cell("Transaction Remarks", 450, 300),
             cell("Withdrawal", 1000, 290, right=True), cell("Amount (INR )", 1000, 310, right=True),
             cell("Deposit", 1200, 290, right=True), cell("Amount (INR )", 1200, 310, right=True),
             cell("Balance (INR )", 1400, 300, right=True)]
    lines += [cell("05/04/2024", 150, 360), cell("04/04/2024", 300, 360),
              cell("IMPS-RAVI", 450, 360), cell("70.00", 1000, 360, right=True),
              cell("930.00", 1400, 360, right=True)]
    assert rows(fields(lines)) == [{"date": "04/04/2024", "description": "IMPS-RAVI",
                                    "debit": "70.00", "credit": None, "balance": "930.00"}]


def test_merged_ocr_row_is_cut_into_cells():
    header = [cell("Date", 60, 300, source="ocr"), cell("Description", 220, 300, source="ocr"),
              cell("Debit", 900, 300, right=True, source="ocr"),
              cell("Credit", 1100, 300, right=True, source="ocr"),
              cell("Balance", 1300, 300, right=True, source="ocr")]
    text = "01/04/2024 ATM WDL PUNE"
    merged = TextLine(text, 0.98, (60, 340, 60 + 9 * len(text), 356), 0, "ocr")
    amounts = TextLine("500.00", 0.98, (846, 340, 900, 356), 0, "ocr")
    bal = TextLine("1,500.00", 0.98, (1228, 340, 1300, 356), 0, "ocr")
    f = fields(header + [merged, amounts, bal])
    assert rows(f) == [{"date": "01/04/2024", "description": "ATM WDL PUNE", "debit": "500.00",
                        "credit": None, "balance": "1500.00"}]


def test_fixed_width_rows_as_single_runs():
    """Core-banking text exports: one run per printed line, columns made of spaces."""
    text = """STATE BANK OF INDIA
Account Statement from 01-04-2024 to 30-04-2024
Txn Date    Description                Debit       Credit      Balance
            Opening Balance                                  10,000.00
01-04-2024  ATM WDL PUNE              500.00                  9,500.00
02-04-2024  NEFT ACME SALARY                    50,000.00    59,500.00
            APR 2024
03-04-2024  UPI/DR/1234/ZOMATO         45.50                 59,454.50
Page 1 of 1"""
    lines = []
    for i, raw in enumerate(text.splitlines()):
        t, lead = raw.strip(), len(raw) - len(raw.lstrip())
        lines.append(TextLine(t, 1.0, (10 + 12 * lead, 10 + 24 * i, 10 + 12 * (lead + len(t)),
                                       28 + 24 * i), 0, "pdf"))
    f = fields(lines)
    assert [(r["description"], r["debit"], r["credit"]) for r in rows(f)] == [
        ("ATM WDL PUNE", "500.00", None), ("NEFT ACME SALARY APR 2024", None, "50000.00"),
        ("UPI/DR/1234/ZOMATO", "45.50", None)]
    assert f["opening_balance"].value == "10000.00"
    assert f["statement_period_to"].value == "30/04/2024"


# -- OCR misreadings on small print ------------------------------------------------------------------
AXIS_HEADER = [("Tran Date", 60, False), ("Chq No", 200, False), ("Particulars", 330, False),
               ("Debit", 900, True), ("Credit", 1100, True), ("Balance", 1300, True)]


def test_glued_reference_and_narration_are_cut_at_the_column_edge():
    """A misread reference ("S" for "5", a dozen digits read as two) glued to the narration: the
    narration still goes to the narration column, whole."""
    header = [cell(t, x, 300, right=r, source="ocr") for t, x, r in AXIS_HEADER]
    body = []
    for i, (glued, lost, debit, bal) in enumerate((
            ("UPI-77015793S464UPI/DR/770157935464/DMART/UTIB/dmart@upi/", 0, "361.39",
             "9,638.61"),
            ("UP1-79UPI/CR/686919998679/BHARTI BANSAL/SBIN/bharti@ibl", 10, "38.61",
             "9,600.00"))):
        y = 340 + 34 * i
        # the run starts in the reference column and covers the printed text, of which OCR
        # lost ``lost`` characters
        body += [cell(f"0{i + 1}/04/2024", 60, y, source="ocr"),
                 TextLine(glued, 0.9, (200, y, 200 + 7 * (len(glued) + lost), y + 15), 0, "ocr"),
                 cell(debit, 900, y, right=True, source="ocr"),
                 cell(bal, 1300, y, right=True, source="ocr")]
    opening = [cell("Opening Balance", 330, 320, source="ocr"),
               cell("10,000.00", 1300, 320, right=True, source="ocr")]
    got = [r["description"] for r in rows(fields(header + opening + body))]
    assert got == ["UPI/DR/770157935464/DMART/UTIB/dmart@upi/",
                   "UPI/CR/686919998679/BHARTI BANSAL/SBIN/bharti@ibl"]


def test_misread_amounts_and_balances_are_put_back_from_the_rows_after():
    """Two rows in a row with lost decimal points and a wrong digit: the balances of the rows
    after them pin down what was printed. The same figures in a text layer stay as they are."""
    body = [["01/04/2023", "OPENING CREDIT", None, "84,419.77", "84,419.77"],
            ["03/04/2023", "UPI/DR/6428/APOLLO PHARMACY", "12009", None, "8429368"],
            ["06/04/2023", "ACH D- TATA CAPITAL-4475674", "29,902.60", None, "543908"],
            ["08/04/2023", "ATM-CASH WDL/KOTA/5738", "157.00", None, "54,240.08"],
            ["09/04/2023", "SMS CHARGES", "40.08", None, "54,200.00"]]
    ocr = rows(fields(table(HDFC_HEADER, body, source="ocr")))
    assert [(r["debit"], r["balance"]) for r in ocr[1:3]] == [("120.09", "84299.68"),
                                                              ("29902.60", "54397.08")]
    f = fields(table(HDFC_HEADER, body, source="ocr"))
    assert all(r["confidence_score"] <= 0.91 for r in f["transactions"].value[1:3])
    text_layer = fields(table(HDFC_HEADER, body))
    assert [(r["debit"], r["balance"]) for r in rows(text_layer)[1:3]] == [
        ("12009.00", "8429368.00"), ("29902.60", "543908.00")]
    assert bs.reconcile(rows(text_layer), None, None)["broken_rows"] == [1, 2, 3]


def test_a_balance_far_from_what_the_rows_call_for_is_left_alone():
    body = [["01/04/2023", "OPENING CREDIT", None, "10,000.00", "10,000.00"],
            ["02/04/2023", "ATM-CASH WDL", "579.00", None, "99.10"],
            ["03/04/2023", "SMS CHARGES", "21.00", None, "9,400.00"]]
    got = rows(fields(table(HDFC_HEADER, body, source="ocr")))
    assert got[1]["balance"] == "99.10"


def test_garbled_date_is_recovered_from_its_neighbours_only_when_one_date_fits():
    header = [(t, x, r) for t, x, r in HDFC_HEADER]
    body = [["05-02-2025", "POS 4172XXXX8574 FLIPKART", "10.00", None, "1,000.00"],
            ["20-2225", "POS 4172XXXX8574 AMAZON PAY", "100.00", None, "900.00"],
            ["01-03-2025", "SMS CHARGES", "10.00", None, "890.00"],
            ["11-Nov-2024", "ATM-CASH WDL", "10.00", None, "880.00"],
            ["2-N-2024", "NEFT DR-ICIC0004448-SHWETA", "10.00", None, "870.00"],
            ["01-Dec-2024", "SMS CHARGES", "10.00", None, "860.00"]]
    f = fields(table(header, body, source="ocr"))
    got = f["transactions"].value
    assert got[1]["date"] == "20/02/2025" and got[1]["confidence_score"] <= 0.6
    assert got[4]["date"] is None  # any day from the 20th to the 29th would fit "2-N-2024"


def test_a_date_misread_out_of_order_is_put_right_when_one_date_fits():
    body = [["05-06-2021", "ATM-CASH WDL", "10.00", None, "1,000.00"],
            ["08-05-2021", "UPI/DR/4081/INDIAN OIL", "100.00", None, "900.00"],
            ["10-06-2021", "SMS CHARGES", "10.00", None, "890.00"],
            ["25-06-2021", "ATM-CASH WDL", "10.00", None, "880.00"],  # the 15th or the 20th?
            ["20-06-2021", "SMS CHARGES", "10.00", None, "870.00"]]
    got = fields(table(HDFC_HEADER, body, source="ocr"))["transactions"].value
    assert [r["date"] for r in got] == ["05/06/2021", "08/06/2021", "10/06/2021", "25/06/2021",
                                        "20/06/2021"]
    assert got[1]["confidence_score"] <= 0.6
    text_layer = rows(fields(table(HDFC_HEADER, body)))
    assert text_layer[1]["date"] == "08/05/2021"  # what the file says


def test_look_alike_letters_in_amounts_months_and_narrations():
    body = [["05-Jum-2025", "CHO PAID-MICR CTS-MU-USHA", "9,330.00", None, "28,443.32"],
            ["27-Ju1-2025", "POS 4919XXXX8670 AIRTEL", "521.S0", None, "27,921.82"],
            ["28-Jul-2025", "[MPS-4315-SHALIN1 DEVI", None, "78.18", "28,000.00"],
            ["29-Jul-2025", "SMS CHARGES FOR OTR", "10.00", None, "27,990.00"]]
    got = rows(fields(table(HDFC_HEADER, body, source="ocr")))
    assert [(r["date"], r["description"], r["debit"]) for r in got] == [
        ("05/06/2025", "CHQ PAID-MICR CTS-MU-USHA", "9330.00"),
        ("27/07/2025", "POS 4919XXXX8670 AIRTEL", "521.50"),
        ("28/07/2025", "IMPS-4315-SHALINI DEVI", None),
        ("29/07/2025", "SMS CHARGES FOR QTR", "10.00")]


def test_a_word_misread_once_is_put_back_to_the_statements_own_spelling():
    body = [["01/04/2024", "UPI/DR/1/DMART/ICIC/dmart@upi/Payment", "10.00", None, "990.00"],
            ["02/04/2024", "UPI/DR/2/DMART/ICiC/dlmart@upi/Payment", "10.00", None, "980.00"],
            ["03/04/2024", "UPI/DR/3/DMART/ICIC/dmart@upi/Payment", "10.00", None, "970.00"],
            ["04/04/2024", "UPI/CR/4/ANITA KUMARI/ICIC/anita@upi", None, "30.00", "1,000.00"],
            ["05/04/2024", "UPI/CR/5/ANITA KUMAR/ICIC/kumar@upi", None, "10.00", "1,010.00"],
            ["06/04/2024", "UPI/CR/6/RAVI KUMAR/ICIC/ravi@upi", None, "10.00", "1,020.00"]]
    got = [r["description"] for r in rows(fields(table(HDFC_HEADER, body, source="ocr")))]
    assert got[1] == "UPI/DR/2/DMART/ICIC/dmart@upi/Payment"
    assert got[3] == "UPI/CR/4/ANITA KUMARI/ICIC/anita@upi"  # a real name, not a misreading
    digital_rows = [r["description"] for r in rows(fields(table(HDFC_HEADER, body)))]
    assert digital_rows[1] == "UPI/DR/2/DMART/ICiC/dlmart@upi/Payment"


def test_titles_on_the_first_row_line_still_make_columns():
    """The header's right end sits a line lower than its left (a photo whose perspective the
    page-wide straightening did not take out): the "Deposit" and "Balance" titles fall on the
    first transaction's line, and must neither be lost nor read as that transaction's text."""
    o = "ocr"
    lines = [cell("Date", 60, 300, source=o), cell("Narration", 200, 300, source=o),
             cell("Withdrawal Amt.", 900, 304, right=True, source=o),
             cell("Deposit Amt.", 1100, 336, right=True, source=o),
             cell("Closing Balance", 1300, 340, right=True, source=o)]
    y = 338 - 34
    for date, text, debit, credit, bal in (("01/04/2024", "ATM WDL PUNE", "500.00", None, "9,500.00"),
                                           ("02/04/2024", "NEFT ACME", None, "1,000.00", "10,500.00")):
        y += 34
        lines += [cell(date, 60, y, source=o), cell(text, 200, y, source=o),
                  cell(bal, 1300, y, right=True, source=o)]
        lines += [cell(debit, 900, y, right=True, source=o)] if debit else []
        lines += [cell(credit, 1100, y, right=True, source=o)] if credit else []
    f = fields(lines)
    assert [(r["date"], r["description"], r["debit"], r["credit"], r["balance"]) for r in rows(f)] == [
        ("01/04/2024", "ATM WDL PUNE", "500.00", None, "9500.00"),
        ("02/04/2024", "NEFT ACME", None, "1000.00", "10500.00")]


# -- reconciliation --------------------------------------------------------------------------------
def test_reconcile_lists_broken_rows_and_totals():
    txns = [{"debit": "100.00", "credit": None, "balance": "900.00"},
            {"debit": None, "credit": "5000.00", "balance": "1000.00"},  # inflated credit
            {"debit": "50.00", "credit": None, "balance": "950.00"}]
    rec = bs.reconcile(txns, "1000.00", "950.00")
    assert rec["broken_rows"] == [1]
    assert rec["totals_match"] is False and rec["difference"] == "4900.00"
    assert rec["explained_by_broken_rows"] is True
    assert bs.reconcile(txns[:1], "1000.00", "900.00")["totals_match"] is True


def test_newest_first_statement_reconciles_backwards():
    f = fields([cell("Opening Balance : 1,000.00", 60, 200)] + table(HDFC_HEADER, [
        ["03/04/24", "ATM", "50.00", None, "1,050.00"],
        ["02/04/24", "SALARY", None, "200.00", "1,100.00"],
        ["01/04/24", "UPI", "100.00", None, "900.00"],
    ]))
    assert bs.newest_first(f["transactions"].value)
    rec = bs.reconcile(f["transactions"].value, "1000.00", "1050.00")
    assert rec["broken_rows"] == [] and rec["totals_match"] is True
    assert all(r["confidence_score"] >= 0.95 for r in f["transactions"].value)


def test_broken_synthetic_statement_is_flagged():
    """A forged credit on a text layer: the row keeps what the file prints (the values are
    read exactly), the statement is reported as not reconciling and its balances are trusted
    less."""
    d = statement(11, "pdf_text", "hdfc", broken=True)
    doc = Document(data=d.data, format="pdf")
    doc.pages = LoadStage().run(Document(data=d.data)).pages
    f = bs.extract(Layout(doc.lines), ExtractOptions())
    issues = bs.validate(f)
    doc.fields = f
    bs.finish(doc)
    rec = doc.validations["balance_reconciliation"]
    assert rec["valid"] is False
    assert rec["broken_rows"] == d.notes["broken_rows"]
    assert rows(f) == d.fields["transactions"]
    for i in rec["broken_rows"]:
        assert 0.85 <= f["transactions"].value[i]["confidence_score"] <= 0.9
    assert any("do not reconcile" in i for i in issues)
    for key in ("opening_balance", "closing_balance"):
        if key in f:
            assert f[key].confidence_score <= 0.6


def test_broken_scanned_rows_stay_low():
    """The same figures read by OCR: a row that does not reconcile and that nothing pins down is
    most likely misread, and scores <= 0.5."""
    body = [["01/04/2024", "OPENING CREDIT", None, "1,000.00", "1,000.00"],
            ["02/04/2024", "NEFT CR ACME", None, "5,432.10", "1,100.00"],
            ["03/04/2024", "ATM WDL", "100.00", None, "1,000.00"]]
    got = fields(table(HDFC_HEADER, body, source="ocr"))["transactions"].value
    assert got[1]["confidence_score"] <= 0.5


def test_ifsc_format_validation():
    assert bs.ifsc_valid("HDFC0001234") and bs.ifsc_valid("SBIN0ABC12D")
    assert not bs.ifsc_valid("HDFC1001234") and not bs.ifsc_valid("HDF00001234")
    doc = Document(data=b"")
    doc.fields = fields([TextLine(t.text, t.score, t.bbox) for t in lines_from_text(
        "AXIS BANK\nIFSC Code : UTIB0001234\nAccount No : 912010012345678")])
    bs.finish(doc)
    assert doc.validations["ifsc_format"]["valid"] is True
    assert doc.validations["ifsc_format"]["matches_bank_name"] is True
    assert doc.fields["account_number"].value == "912010012345678"


# -- PDF metadata ----------------------------------------------------------------------------------
@pytest.mark.parametrize("meta,edited", [
    ({"producer": "iText 5.5.13 (c) iText Group", "creationdate": "D:20240701101010+05'30'",
      "moddate": "D:20240701101010+05'30'"}, False),
    ({"producer": "Acrobat Distiller 11.0 (Windows)", "creator": "PScript5.dll"}, False),
    ({"producer": "iLovePDF", "creationdate": "D:20240701101010Z"}, True),
    ({"producer": "Adobe Acrobat Pro DC 23.1"}, True),
    ({"creator": "Microsoft® Word for Microsoft 365"}, True),
    ({"producer": "JasperReports", "creationdate": "D:20240701101010+05'30'",
      "moddate": "D:20240703094500+05'30'"}, True),
    ({"producer": "JasperReports", "creationdate": "D:20240701101010+05'30'",
      "moddate": "D:20240701044040Z"}, False),  # the same instant (+30 s) in UTC
])
def test_pdf_metadata_edited(meta, edited):
    out = bs.pdf_metadata(meta)
    assert out["edited"] is edited and out["valid"] is (not edited)
    assert out["message"]


# -- synthetic statements, digital --------------------------------------------------------------
@pytest.mark.parametrize("house", sorted(HOUSES))
def test_synthetic_digital_statement(house):
    d = statement(21, "pdf_text", house)
    f = digital(d)
    for key, value in d.fields.items():
        if key != "transactions":
            assert f[key].value == value, key
    assert rows(f) == d.fields["transactions"]
    assert f["transactions"].confidence_score >= 0.9


def test_other_types_decline_a_statement_and_statement_declines_others():
    d = statement(5, "pdf_text", "axis")
    layout = Layout(LoadStage().run(Document(data=d.data)).lines)
    scores = {code: m.score(layout) for code, m in registry().items()}
    assert scores["BANK_STATEMENT"] >= 0.8
    assert all((s or 0) < 0.5 for code, s in scores.items() if code != "BANK_STATEMENT"), scores
    invoice = Layout([TextLine(t.text, t.score, t.bbox) for t in lines_from_text(
        "TAX INVOICE\nGSTIN: 27ABCDE1234F1Z5\nInvoice Date: 01/04/2024\n"
        "Sr No Description HSN Qty Rate Amount\n1 LED TV 8528 1 25,000.00 25,000.00\n"
        "Total 29,500.00")])
    card = Layout([TextLine(t.text, t.score, t.bbox) for t in lines_from_text(
        "INCOME TAX DEPARTMENT\nRAVI KUMAR\n01/02/1990\nPermanent Account Number\nABCPK1234F")])
    assert (bs.score(invoice) or 0) < 0.5
    assert (bs.score(card) or 0) < 0.5


@pytest.mark.parametrize("text", ["", "😀🎉", "lorem ipsum dolor sit amet\n12 34 56",
                                  "Date Balance\n01/01/2024"])
def test_junk_declines_and_does_not_raise(text):
    layout = Layout([TextLine(t.text, t.score, t.bbox) for t in lines_from_text(text)])
    assert (bs.score(layout) or 0) < 0.5
    bs.validate(bs.extract(layout, ExtractOptions()))


# -- engine ----------------------------------------------------------------------------------------
def test_sixty_page_digital_statement(engine):
    d = statement(7, "pdf_text", "sbi", pages=60)
    started = time.perf_counter()
    r = engine.process(d.data)
    seconds = time.perf_counter() - started
    assert r.error_code is None and r.pages == 60 and r.document_type == "BANK_STATEMENT"
    assert len(d.fields["transactions"]) > 1500
    assert [{k: x[k] for k in ROW_KEYS} for x in r.fields["transactions"].value] == \
        d.fields["transactions"]
    assert r.validations["balance_reconciliation"]["valid"] is True
    # The text layer costs milliseconds a page: 5.5 s in all on a 2-core machine at a load
    # average of 6, 19 s at 12 (half of it the other types' classification).
    assert seconds < 40, r.timings
    assert r.timings["extract"] + r.timings["validate"] < 10, r.timings


def _locked(data: bytes, password: str) -> bytes:
    pikepdf = pytest.importorskip("pikepdf")
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner=password + "-owner", user=password,
                                                     R=6))
    return out.getvalue()


def test_password_protected_statement(engine):
    d = statement(3, "pdf_text", "kotak")
    locked = _locked(d.data, "ABCDE1234F")
    assert engine.process(locked).error_code == "PASSWORD_REQUIRED"
    assert engine.process(locked, password="wrong").error_code == "PASSWORD_REQUIRED"
    r = engine.process(locked, password="ABCDE1234F")
    assert r.document_type == "BANK_STATEMENT"
    assert r.fields["account_number"].value == d.fields["account_number"]
    assert len(r.fields["transactions"].value) == len(d.fields["transactions"])


def test_edited_pdf_is_flagged(engine):
    pikepdf = pytest.importorskip("pikepdf")
    d = statement(4, "pdf_text", "icici")
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(d.data)) as pdf:
        pdf.docinfo["/Producer"] = "iLovePDF"
        pdf.docinfo["/CreationDate"] = "D:20240701101010+05'30'"
        pdf.docinfo["/ModDate"] = "D:20240705120000+05'30'"
        pdf.save(out)
    meta = engine.process(out.getvalue()).validations["pdf_metadata"]
    assert meta["edited"] is True and meta["producer"] == "iLovePDF"
    assert meta["created"].startswith("2024-07-01") and meta["modified"].startswith("2024-07-05")
    assert engine.process(d.data).validations["pdf_metadata"]["edited"] is False


def test_malformed_pdfs_give_error_codes(engine):
    d = statement(2, "pdf_text", "pnb")
    assert engine.process(d.data[: len(d.data) // 3]).error_code in ("INVALID_DOC",
                                                                      "EMPTY_DOCUMENT")
    assert engine.process(b"%PDF-1.7\n%%EOF").error_code in ("INVALID_DOC", "EMPTY_DOCUMENT")
    pikepdf = pytest.importorskip("pikepdf")
    out = io.BytesIO()
    pikepdf.new().save(out)  # zero pages: PDFium refuses to open it at all
    assert engine.process(out.getvalue()).error_code in ("EMPTY_DOCUMENT", "INVALID_DOC")


@pytest.mark.slow
def test_multipage_scans_and_tiffs_are_generated():
    from PIL import Image

    scan = statement(8, "pdf_scan", "hdfc", pages=2)
    tiff = statement(8, "clean", "hdfc", pages=2)
    assert scan.fields == tiff.fields == statement(8, "pdf_text", "hdfc", pages=2).fields
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(scan.data)) == 2
    im = Image.open(io.BytesIO(tiff.data))
    assert tiff.ext == "tiff" and im.n_frames == 2


@pytest.mark.slow
def test_scanned_statement(engine):
    d = statement(9, "pdf_scan", "hdfc", pages=1)
    r = engine.process(d.data)
    assert r.document_type == "BANK_STATEMENT"
    for key in ("account_number", "ifsc", "statement_period_from", "statement_period_to"):
        assert r.fields[key].value == d.fields[key], key
    got = [{k: x[k] for k in ROW_KEYS} for x in r.fields["transactions"].value]
    right = sum(row in got for row in d.fields["transactions"])
    assert right >= 0.9 * len(d.fields["transactions"])


def test_a_letterhead_read_apart_from_its_bank_word_is_not_the_holder() -> None:
    # OCR may read "PUNJAB NATIONAL BANK" as two boxes; the first words of a bank's name are
    # the bank's, and the name under them is the holder's
    from kagaz.doctypes.statement_fields import holder
    from kagaz.text.layout import Layout

    lay = Layout([TextLine("PUNJAB NATIONAL", 0.95, (76, 51, 400, 90)),
                  TextLine("BANK", 0.95, (486, 51, 600, 90)),
                  TextLine("Statement of Account", 0.95, (1227, 55, 1600, 85)),
                  TextLine("NAVEEN MISHRA", 0.95, (72, 145, 330, 170)),
                  TextLine("House No. 75, Shanti Vihar", 0.95, (72, 178, 480, 200))])
    found = holder(lay, set())
    assert found is not None and found[0] == "NAVEEN MISHRA"
