"""Born-digital statements: the text layer is the truth.

Each test draws a statement with fpdf2 the way banks' report engines lay them out (cells placed
one by one, or a whole row written as one text object whose cells are positioned apart, or a
fixed-width export in Courier), loads it as the engine does and checks every row exactly. The
layouts are the ones real statements print: Withdrawal/Deposit/Balance with Indian grouping,
Debit/Credit with empty and "nan" cells over two pages, one Amount column with Dr/Cr, a
Deposit/Withdrawal type column with "Rs. 2000" amounts, ICICI's detailed statement with
two-line titles and remarks centred on the date line, masked account numbers; and a statement
whose printed balances do not add up stays as printed. More layouts (other banks' columns,
dates, what is not a statement): ``test_bank_statement_layouts.py``, which draws with the
helpers here.
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf import FPDF

from kagaz.doctypes import bank_statement as bs
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, TextLine
from kagaz.pipeline.stages.load import LoadStage
from kagaz.text.layout import Layout

ROW_KEYS = ("date", "description", "debit", "credit", "balance")
PT = 72 / 25.4  # points per millimetre
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# -- drawing ----------------------------------------------------------------------------------------
class Sheet:
    """An A4 statement drawn with fpdf2; positions in millimetres, ``y`` is the baseline."""

    def __init__(self, font: str = "Helvetica", size: float = 8.0) -> None:
        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        if font == "DejaVu":
            self.pdf.add_font("DejaVu", "", DEJAVU)
        self.font, self.size = font, size
        self.page()

    def page(self) -> None:
        self.pdf.add_page()
        self.pdf.set_font(self.font, "", self.size)

    def text(self, x: float, y: float, s: str, align: str = "L", size: float | None = None) -> None:
        """``x`` is the left edge ("L"), the right edge ("R") or the centre ("C")."""
        pdf = self.pdf
        pdf.set_font(self.font, "", size or self.size)
        w = pdf.get_string_width(s)
        pdf.text(x - w if align == "R" else x - w / 2 if align == "C" else x, y, s)
        pdf.set_font(self.font, "", self.size)

    def run(self, y: float, cells: list[tuple[float, str, str]]) -> None:
        """Several cells as ONE text object (a TJ array whose offsets put each cell in place),
        as report engines write a row: PDFium gives it back as one run."""
        pdf = self.pdf
        placed = []
        for x, s, align in cells:
            w = pdf.get_string_width(s)
            placed.append((x - w if align == "R" else x - w / 2 if align == "C" else x, s, w))
        placed.sort()
        tf = pdf._set_font_for_page(pdf.current_font, pdf.font_size_pt, wrap_in_text_object=False)
        parts, end = [], placed[0][0]
        for x0, s, w in placed:
            if parts:
                parts.append(f"{-(x0 - end) * PT / self.size * 1000:.1f}")
            parts.append(pdf.current_font.encode_text(s).rsplit(" ", 1)[0])
            end = x0 + w
        pdf._out(f"BT {tf} {placed[0][0] * PT:.2f} {(pdf.h - y) * PT:.2f} Td "
                 f"[{' '.join(parts)}] TJ ET")

    def data(self) -> bytes:
        return bytes(self.pdf.output())


@dataclass
class Col:
    key: str  # date, vdate, desc, ref, debit, credit, amount, drcr, balance, sno
    title: str  # "\n" for a title printed on two lines
    x: float  # left edge (align "L") or right edge ("R")
    align: str = "L"


def draw_table(sheet: Sheet, top: float, cols: list[Col], rows: list[dict], *, line: float = 3.6,
               pad: float = 1.6, valign: str = "top", runs: bool = False) -> float:
    """The column titles, then each row: a cell's value is a string or a list of printed lines;
    ``valign`` "middle" centres the shorter cells on the row (the date in the middle of a
    narration of three lines); ``runs`` writes each printed line of a row as one text object.
    Returns the y below the table."""
    y = top
    titles = [c.title.split("\n") for c in cols]
    for k in range(max(len(t) for t in titles)):
        cells = [(c.x, t[k], c.align) for c, t in zip(cols, titles) if k < len(t)]
        if runs:
            sheet.run(y, cells)
        else:
            for x, s, a in cells:
                sheet.text(x, y, s, a)
        y += line
    y += pad
    for row in rows:
        cells = {c.key: ([row[c.key]] if isinstance(row.get(c.key), str) else row.get(c.key) or [])
                 for c in cols}
        n = max(len(v) for v in cells.values())
        printed: dict[float, list[tuple[float, str, str]]] = {}
        for c in cols:
            lines = cells[c.key]
            first = (n - len(lines)) / 2 if valign == "middle" else 0
            for k, s in enumerate(lines):
                if not s:
                    continue
                printed.setdefault(y + (first + k) * line, []).append((c.x, s, c.align))
        for yy, cs in sorted(printed.items()):
            if runs:
                sheet.run(yy, cs)
            else:
                for x, s, a in cs:
                    sheet.text(x, yy, s, a)
        y += n * line + pad
    return y


# -- reading ------------------------------------------------------------------------------------------
def load(data: bytes) -> list[TextLine]:
    return LoadStage().run(Document(data=data)).lines


def read(data: bytes) -> dict:
    lines = load(data)
    f = bs.extract(Layout(lines), ExtractOptions())
    f["_issues"] = bs.validate(f)  # type: ignore[assignment]
    f["_score"] = bs.score(Layout(lines))  # type: ignore[assignment]
    return f


def rows(f: dict) -> list[tuple]:
    return [tuple(r[k] for k in ROW_KEYS) for r in f["transactions"].value]


def banner(sheet: Sheet, *lines: str, y: float = 14) -> float:
    for s in lines:
        sheet.text(14, y, s)
        y += 5
    return y + 4


# -- layouts ------------------------------------------------------------------------------------------
SOA_COLS = [Col("date", "Txn Date", 14), Col("vdate", "Value Date", 33),
            Col("desc", "Description", 52), Col("ref", "Ref No./Cheque No.", 108),
            Col("debit", "Withdrawal", 158, "R"), Col("credit", "Deposit", 178, "R"),
            Col("balance", "Balance", 198, "R")]


def test_statement_of_account_with_indian_grouping_and_wrapped_descriptions(engine):
    s = Sheet()
    y = banner(s, "STATE BANK OF INDIA", "Statement of Account",
               "Account Name : Mr. SURESH KUMAR NAIR", "Account Number : 00000032145678901",
               "IFS Code : SBIN0004567", "Statement From : 01-04-2024 To : 30-04-2024",
               "Opening Balance : 1,50,000.00")
    draw_table(s, y, SOA_COLS, [
        {"date": "01-04-24", "vdate": "01-04-24", "desc": ["BY TRANSFER-NEFT*HDFC0000001*", "N0912*ACME PVT LTD"],
         "ref": "TRANSFER FROM", "credit": "10,000.00", "balance": "1,60,000.00"},
        {"date": "03-04-24", "vdate": "03-04-24", "desc": "TO TRANSFER-UPI/DR/4110/RENT", "ref": "4110",
         "debit": "25,000.00", "balance": "1,35,000.00"},
        {"date": "15-04-24", "vdate": "15-04-24", "desc": ["ATM WDL-ATM CASH 1234", "MG ROAD BENGALURU"],
         "debit": "5,000.00", "balance": "1,30,000.00"},
    ])
    f = read(s.data())
    assert f["_score"] >= 0.8
    assert engine.process(s.data()).document_type == "BANK_STATEMENT"
    assert rows(f) == [
        ("01/04/2024", "BY TRANSFER-NEFT*HDFC0000001* N0912*ACME PVT LTD", None, "10000.00", "160000.00"),
        ("03/04/2024", "TO TRANSFER-UPI/DR/4110/RENT", "25000.00", None, "135000.00"),
        ("15/04/2024", "ATM WDL-ATM CASH 1234 MG ROAD BENGALURU", "5000.00", None, "130000.00"),
    ]
    assert f["account_number"].value == "00000032145678901"
    assert f["opening_balance"].value == "150000.00" and f["closing_balance"].value == "130000.00"
    assert all(r["confidence_score"] >= 0.95 for r in f["transactions"].value)
    assert f["_issues"] == []


def test_whole_rows_written_as_one_text_object_are_cut_at_the_words_positions():
    """A report engine writes each printed line as one text object; PDFium returns it as one
    run with single spaces for the gaps ("01-04-24 01-04-24 BY TRANSFER ... 10,000.00
    1,60,000.00"), so only the words' own positions say which column a number stands in."""
    s = Sheet()
    y = banner(s, "STATE BANK OF INDIA", "Statement of Account", "Account Number : 32145678901",
               "Opening Balance : 1,50,000.00")
    draw_table(s, y, SOA_COLS, [
        {"date": "01-04-24", "vdate": "01-04-24", "desc": "BY TRANSFER SALARY", "credit": "10,000.00",
         "balance": "1,60,000.00"},
        {"date": "02-04-24", "vdate": "02-04-24", "desc": "CHQ PAID 445", "ref": "445",
         "credit": "", "debit": "1,000.00", "balance": "1,59,000.00"},
        {"date": "03-04-24", "vdate": "03-04-24", "desc": ["BY CLG", "RAMESH"], "credit": "500.00",
         "balance": "1,59,500.00"},
    ], runs=True)
    f = read(s.data())
    assert rows(f) == [
        ("01/04/2024", "BY TRANSFER SALARY", None, "10000.00", "160000.00"),
        ("02/04/2024", "CHQ PAID 445", "1000.00", None, "159000.00"),
        ("03/04/2024", "BY CLG RAMESH", None, "500.00", "159500.00"),
    ]


DCB_COLS = [Col("date", "Date", 14), Col("desc", "Narration", 36), Col("debit", "Debit", 140, "R"),
            Col("credit", "Credit", 168, "R"), Col("balance", "Balance", 198, "R")]


def test_two_pages_with_empty_and_nan_cells_repeated_headers_and_footers():
    s = Sheet()
    body = [
        [{"date": "01/04/2024", "desc": "UPI/DR/1001/SWIGGY", "debit": "250.00", "credit": "nan",
          "balance": "9,750.00"},
         {"date": "02/04/2024", "desc": ["NEFT CR-ACME", "SALARY APR"], "debit": "nan", "credit": "50,000.00",
          "balance": "59,750.00"},
         {"date": "nan", "desc": "nan", "debit": "nan", "credit": "nan", "balance": "nan"}],
        [{"date": "05/04/2024", "desc": "ATM WDL", "debit": "2,000.00", "balance": "57,750.00"},
         {"date": "06/04/2024", "desc": "INT CREDIT", "debit": "-", "credit": "12.00",
          "balance": "57,762.00"}],
    ]
    for p, page_rows in enumerate(body):
        if p:
            s.page()
        y = banner(s, "AXIS BANK", "Account Statement", "Account No : 912010012345678")
        if not p:
            s.text(14, y - 4, "Opening Balance 10,000.00")
        y = draw_table(s, y, DCB_COLS, page_rows)
        if p:
            s.text(36, y + 2, "Total")
            s.text(140, y + 2, "2,250.00", "R")
            s.text(168, y + 2, "50,012.00", "R")
            s.text(36, y + 6, "Closing Balance")
            s.text(198, y + 6, "57,762.00", "R")
        s.text(100, 285, f"Page {p + 1} of 2", "C")
    f = read(s.data())
    assert rows(f) == [
        ("01/04/2024", "UPI/DR/1001/SWIGGY", "250.00", None, "9750.00"),
        ("02/04/2024", "NEFT CR-ACME SALARY APR", None, "50000.00", "59750.00"),
        ("05/04/2024", "ATM WDL", "2000.00", None, "57750.00"),
        ("06/04/2024", "INT CREDIT", None, "12.00", "57762.00"),
    ]
    assert f["closing_balance"].value == "57762.00"


def test_rupee_amounts_and_a_deposit_withdrawal_column(engine):
    s = Sheet()
    y = banner(s, "CANARA BANK", "Account Statement for the period 01/04/2024 to 30/04/2024",
               "A/C No. XXXX1234")
    cols = [Col("date", "Date", 14), Col("desc", "Description", 36),
            Col("drcr", "DEPOSIT/WITHDRAWAL", 110), Col("amount", "Amount", 165, "R"),
            Col("balance", "Balance", 198, "R")]
    draw_table(s, y, cols, [
        {"date": "01/04/2024", "desc": "Cash deposit at branch", "drcr": "DEPOSIT", "amount": "Rs. 2000",
         "balance": "Rs. 7000"},
        {"date": "09/04/2024", "desc": "ATM withdrawal", "drcr": "WITHDRAWAL", "amount": "Rs. 500",
         "balance": "Rs. 6500"},
        {"date": "21/04/2024", "desc": "Interest", "drcr": "DEPOSIT", "amount": "Rs. 35.50",
         "balance": "Rs. 6535.50"},
    ])
    f = read(s.data())
    assert engine.process(s.data()).document_type == "BANK_STATEMENT"
    assert rows(f) == [
        ("01/04/2024", "Cash deposit at branch", None, "2000.00", "7000.00"),
        ("09/04/2024", "ATM withdrawal", "500.00", None, "6500.00"),
        ("21/04/2024", "Interest", None, "35.50", "6535.50"),
    ]
    assert f["account_number"].value == "XXXX1234"


def test_one_amount_column_titled_withdrawal_dr_deposit_cr_and_rupee_sign():
    s = Sheet("DejaVu", 7.5)
    y = banner(s, "KOTAK MAHINDRA BANK", "Statement of Account", "Account No. XXX-XXXXX-1234",
               "Period: Apr 01, 2024 to Apr 30, 2024")
    cols = [Col("date", "Date", 14), Col("desc", "Narration", 40), Col("ref", "Chq/Ref No", 110),
            Col("amount", "Withdrawal (Dr)/\nDeposit (Cr)", 170, "R"), Col("balance", "Balance", 198, "R")]
    draw_table(s, y, cols, [
        {"date": "Apr 02, 2024", "desc": "IMPS-P2A-RAVI", "ref": "409312", "amount": "₹1,500.00 Cr",
         "balance": "₹11,500.00 Cr"},
        {"date": "Apr 05, 2024", "desc": "POS AMAZON", "amount": "₹12,000.00 Dr",
         "balance": "₹500.00 Dr"},
        {"date": "Apr 09, 2024", "desc": "NEFT SALARY", "amount": "₹20,000.00 Cr",
         "balance": "₹19,500.00 Cr"},
    ])
    f = read(s.data())
    assert rows(f) == [
        ("02/04/2024", "IMPS-P2A-RAVI", None, "1500.00", "11500.00"),
        ("05/04/2024", "POS AMAZON", "12000.00", None, "-500.00"),
        ("09/04/2024", "NEFT SALARY", None, "20000.00", "19500.00"),
    ]
    assert f["account_number"].value == "XXX-XXXXX-1234"
    assert (f["statement_period_from"].value, f["statement_period_to"].value) == (
        "01/04/2024", "30/04/2024")


ICICI_COLS = [Col("sno", "S No.", 14), Col("vdate", "Value\nDate", 24), Col("date", "Transaction\nDate", 43),
              Col("ref", "Cheque\nNumber", 64), Col("desc", "Transaction Remarks", 82),
              Col("debit", "Withdrawal\nAmount (INR )", 154, "R"),
              Col("credit", "Deposit\nAmount (INR )", 176, "R"), Col("balance", "Balance (INR )", 198, "R")]


def test_icici_detailed_statement_with_remarks_centred_on_the_date_line(engine):
    s = Sheet(size=7.5)
    y = banner(s, "DETAILED STATEMENT",
               "Transactions List - ANITA DESAI (Customer ID : 512345678) - INR - Savings Account - XXXXXXXX4321",
               "Transaction Period : From 01/04/2024 To 30/04/2024")
    draw_table(s, y, ICICI_COLS, [
        {"sno": "1", "vdate": "01/04/2024", "date": "01/04/2024", "ref": "-",
         "desc": ["UPI/412345678901/Payment fr", "om Ph/SWIGGY/YESB000000", "1/Swiggy"],
         "debit": "388.00", "credit": "0.00", "balance": "25,379.16"},
        {"sno": "2", "vdate": "02/04/2024", "date": "02/04/2024", "ref": "-",
         "desc": ["NEFT-N093241234-ACME", "SOLUTIONS"],
         "debit": "0.00", "credit": "45,000.00", "balance": "70,379.16"},
        {"sno": "3", "vdate": "03/04/2024", "date": "03/04/2024", "ref": "000123",
         "desc": ["CLG/RAVI SHARMA/", "000123/HDFC/03.04.2", "024"],
         "debit": "1,379.16", "credit": "0.00", "balance": "69,000.00"},
    ], valign="middle")
    f = read(s.data())
    assert f["_score"] >= 0.7
    r = engine.process(s.data())
    assert r.document_type == "BANK_STATEMENT" and r.validations["balance_reconciliation"]["valid"]
    assert rows(f) == [
        ("01/04/2024", "UPI/412345678901/Payment fr om Ph/SWIGGY/YESB000000 1/Swiggy", "388.00", None,
         "25379.16"),
        ("02/04/2024", "NEFT-N093241234-ACME SOLUTIONS", None, "45000.00", "70379.16"),
        ("03/04/2024", "CLG/RAVI SHARMA/ 000123/HDFC/03.04.2 024", "1379.16", None, "69000.00"),
    ]
    assert f["account_number"].value == "XXXXXXXX4321"


def test_text_layer_credits_stay_credits_when_the_balances_do_not_add_up():
    """The amounts sit in the Credit column; the printed balances go down (a forged or broken
    statement). The column decides, the statement is reported as not reconciling, and no
    value is "repaired"."""
    s = Sheet()
    y = banner(s, "HDFC BANK", "Statement of account", "Account No : 50100123456789",
               "Opening Balance : 10,000.00")
    cols = [Col("date", "Date", 14), Col("desc", "Narration", 34), Col("debit", "Debit", 150, "R"),
            Col("credit", "Credit", 160, "R"), Col("balance", "Balance", 190, "R")]
    draw_table(s, y, cols, [
        {"date": "01/04/24", "desc": "NEFT CR ONE", "credit": "1,000.00", "balance": "9,000.00"},
        {"date": "02/04/24", "desc": "NEFT CR TWO", "credit": "2,000.00", "balance": "7,000.00"},
        {"date": "03/04/24", "desc": "NEFT CR THREE", "credit": "3,000.00", "balance": "4,000.00"},
    ])
    f = read(s.data())
    assert rows(f) == [
        ("01/04/2024", "NEFT CR ONE", None, "1000.00", "9000.00"),
        ("02/04/2024", "NEFT CR TWO", None, "2000.00", "7000.00"),
        ("03/04/2024", "NEFT CR THREE", None, "3000.00", "4000.00"),
    ]
    assert any("reconcile" in i for i in f["_issues"])
    assert all(r["confidence_score"] >= 0.9 for r in f["transactions"].value)
    assert f["opening_balance"].confidence_score <= 0.6
    assert f["closing_balance"].confidence_score <= 0.6


def test_an_opening_balance_printed_as_a_row_with_its_amount_is_a_row():
    """Statement exports print "Opening Balance" / "BALANCE B/F" as the table's first row with
    the amount in the Credit column: it is a row as printed, and the arithmetic starts at its
    balance (it does not count the opening twice). A balance-only opening line is no row."""
    cols = [Col("date", "Date", 14), Col("desc", "Particulars", 34), Col("debit", "Dr", 150, "R"),
            Col("credit", "Cr", 170, "R"), Col("balance", "Balance", 195, "R")]
    s = Sheet()
    y = banner(s, "HDFC BANK STATEMENT", "Account No: XXXX1234",
               "Statement Period: 01/01/2024 to 31/01/2024")
    draw_table(s, y, cols, [
        {"date": "01/01/24", "desc": "BALANCE B/F", "credit": "15000.0", "balance": "15000.0"},
        {"date": "02/01/24", "desc": "CASH WITHDRAWAL", "debit": "2000.0", "balance": "13000.0"},
        {"date": "04/01/24", "desc": "NEFT CREDIT", "credit": "25000.0", "balance": "38000.0"},
    ])
    f = read(s.data())
    assert rows(f) == [
        ("01/01/2024", "BALANCE B/F", None, "15000.00", "15000.00"),
        ("02/01/2024", "CASH WITHDRAWAL", "2000.00", None, "13000.00"),
        ("04/01/2024", "NEFT CREDIT", None, "25000.00", "38000.00"),
    ]
    assert f["_issues"] == [] and f["account_number"].value == "XXXX1234"
    assert all(r["confidence_score"] >= 0.97 for r in f["transactions"].value)

    s = Sheet()
    y = banner(s, "HDFC BANK STATEMENT", "Account No: XXXX1234")
    draw_table(s, y, cols, [
        {"date": "01/01/24", "desc": "OPENING BALANCE", "balance": "15000.0"},
        {"date": "02/01/24", "desc": "CASH WITHDRAWAL", "debit": "2000.0", "balance": "13000.0"},
    ])
    assert [r[1] for r in rows(read(s.data()))] == ["CASH WITHDRAWAL"]
