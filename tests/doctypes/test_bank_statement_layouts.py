"""Born-digital statements, more layouts: no balance column, a fixed-width export, every date
format, other banks' column orders (Axis, Bandhan, IOB, PNB, ICICI's Deposits before
Withdrawals), a header on two lines over a narration printed above its date; and what is not a
statement (a hotel's payment receipt, a bank's letter). Drawn with the helpers of
``test_bank_statement_digital.py``.
"""

from __future__ import annotations

import pytest

from kagaz.doctypes import bank_statement as bs
from kagaz.doctypes.base import ExtractOptions
from kagaz.ocr.fake import lines_from_text
from kagaz.model import TextLine
from kagaz.text.layout import Layout
from tests.doctypes.test_bank_statement_digital import Col, Sheet, banner, draw_table, read, rows


def test_no_balance_column_and_a_separate_dr_cr_column():
    s = Sheet()
    y = banner(s, "PUNJAB NATIONAL BANK", "Account Statement", "Account Number: ****5678",
               "Statement period 2024-04-01 to 2024-04-30")
    cols = [Col("date", "Txn Date", 14), Col("desc", "Particulars", 40), Col("amount", "Amount", 160, "R"),
            Col("drcr", "Dr/Cr", 170)]
    draw_table(s, y, cols, [
        {"date": "2024-04-03", "desc": "NEFT IN", "amount": "1,200.00", "drcr": "CR"},
        {"date": "2024-04-04", "desc": "ATM", "amount": "200.00", "drcr": "DR"},
    ])
    f = read(s.data())
    assert rows(f) == [("03/04/2024", "NEFT IN", None, "1200.00", None),
                       ("04/04/2024", "ATM", "200.00", None, None)]
    assert all(r["confidence_score"] >= 0.95 for r in f["transactions"].value)
    assert f["account_number"].value == "****5678"


def test_courier_export_with_negative_balances_and_dr_suffix_dates():
    """A fixed-width export: each printed line one text object, columns made of spaces (which
    PDFium's text collapses); overdrawn balances printed "-1,234.00"."""
    s = Sheet("Courier", 8)
    lines = [
        "UNION BANK OF INDIA          STATEMENT OF ACCOUNT",
        "Account No : 520101234567890",
        "Date        Particulars                   Withdrawals    Deposits        Balance",
        "01 Apr 2024 OPENING BALANCE                                             1,000.00",
        "02 Apr 2024 ATM CASH                         2,234.00                  -1,234.00",
        "05 Apr 2024 BY CASH                                      5,000.00      3,766.00",
        "            DEPOSIT MACHINE",
        "07 Apr 2024 CHARGES                            100.00                  3,666.00",
    ]
    for i, text in enumerate(lines):
        s.text(10, 20 + 4 * i, text)
    f = read(s.data())
    assert rows(f) == [
        ("02/04/2024", "ATM CASH", "2234.00", None, "-1234.00"),
        ("05/04/2024", "BY CASH DEPOSIT MACHINE", None, "5000.00", "3766.00"),
        ("07/04/2024", "CHARGES", "100.00", None, "3666.00"),
    ]
    assert f["opening_balance"].value == "1000.00"


@pytest.mark.parametrize("printed,want", [
    ("01/04/2024", "01/04/2024"), ("01-04-24", "01/04/2024"), ("01-Apr-2024", "01/04/2024"),
    ("01 Apr 2024", "01/04/2024"), ("2024-04-01", "01/04/2024"), ("Apr 01, 2024", "01/04/2024"),
    ("2024/04/01", "01/04/2024"), ("1 April 2024", "01/04/2024"), ("April 1, 2024", "01/04/2024"),
])
def test_date_formats_in_the_date_column(printed, want):
    s = Sheet()
    y = banner(s, "YES BANK", "Statement of Account", "Account Number : 001234567890")
    cols = [Col("date", "Transaction Date", 14), Col("desc", "Description", 45),
            Col("debit", "Withdrawals", 150, "R"), Col("credit", "Deposits", 172, "R"),
            Col("balance", "Running Balance", 198, "R")]
    draw_table(s, y, cols, [
        {"date": printed, "desc": "UPI-SELF", "credit": "100.00", "balance": "1,100.00"},
        {"date": printed, "desc": "ATM", "debit": "50.00", "balance": "1,050.00"}])
    assert [r[0] for r in rows(read(s.data()))] == [want, want]


def test_deposits_before_withdrawals_and_a_mode_column():
    s = Sheet()
    y = banner(s, "ICICI BANK LIMITED", "Statement of Transactions in Savings Account Number: 000401234567",
               "Period: 01/04/2024 - 30/04/2024")
    cols = [Col("date", "DATE", 14), Col("other", "MODE", 34), Col("desc", "PARTICULARS", 58),
            Col("credit", "DEPOSITS", 150, "R"), Col("debit", "WITHDRAWALS", 174, "R"),
            Col("balance", "BALANCE", 198, "R")]
    draw_table(s, y, cols, [
        {"date": "01-04-2024", "desc": "B/F", "balance": "5,381,584.77"},
        {"date": "07-04-2024", "other": "CREDIT CARD", "desc": "ATD/Auto Debit CC0xx0318",
         "debit": "13,701.20", "balance": "5,367,883.57"},
        {"date": "08-04-2024", "desc": "UPI/PolicyBazaar/YES BANK", "credit": "2,230.00",
         "balance": "5,370,113.57"},
    ])
    f = read(s.data())
    assert rows(f) == [
        ("07/04/2024", "ATD/Auto Debit CC0xx0318", "13701.20", None, "5367883.57"),
        ("08/04/2024", "UPI/PolicyBazaar/YES BANK", None, "2230.00", "5370113.57"),
    ]
    assert f["account_number"].value == "000401234567"


def test_header_split_over_two_lines_and_narration_above_the_date_line():
    """HDFC-style titles ("Withdrawal" over "Amt."); the date printed on the last line of a
    tall row, its narration above it."""
    s = Sheet()
    y = banner(s, "HDFC BANK LTD", "Statement of accounts", "Account No :50100765432109",
               "Statement From : 01/04/2024 To : 30/04/2024")
    cols = [Col("date", "Date", 14), Col("desc", "Narration", 32), Col("ref", "Chq./Ref.No.", 100),
            Col("vdate", "Value Dt", 128), Col("debit", "Withdrawal\nAmt.", 162, "R"),
            Col("credit", "Deposit\nAmt.", 180, "R"), Col("balance", "Closing\nBalance", 200, "R")]
    table_rows = [
        {"date": ["", "05/04/24"], "desc": ["UPI-ZOMATO LTD-ZOMATO@", "HDFCBANK-409876543210"],
         "ref": ["", "0000409876543210"], "vdate": ["", "05/04/24"], "debit": ["", "450.00"],
         "balance": ["", "9,550.00"]},
        {"date": ["", "06/04/24"], "desc": ["NEFT CR-CITI0000002-ACME", "CORP-SALARY"],
         "ref": ["", "CITIN24123456"], "vdate": ["", "06/04/24"], "credit": ["", "75,000.00"],
         "balance": ["", "84,550.00"]},
    ]
    draw_table(s, y, cols, table_rows)
    f = read(s.data())
    assert rows(f) == [
        ("05/04/2024", "UPI-ZOMATO LTD-ZOMATO@ HDFCBANK-409876543210", "450.00", None, "9550.00"),
        ("06/04/2024", "NEFT CR-CITI0000002-ACME CORP-SALARY", None, "75000.00", "84550.00"),
    ]


OTHER_LAYOUTS = {
    # Axis: the amount in one column, "DR"/"CR" in a Debit/Credit column, columns after Balance
    "axis": ([Col("sno", "S.No", 12), Col("date", "Transaction Date", 22), Col("vdate", "Value Date", 46),
              Col("desc", "Particulars", 68), Col("amount", "Amount", 132, "R"),
              Col("drcr", "Debit/Credit", 136), Col("balance", "Balance", 174, "R"),
              Col("ref", "Cheque Number", 178)],
             [{"sno": "1", "date": "01/04/2024", "vdate": "01/04/2024", "desc": "NEFT/ACME/SALARY",
               "amount": "50,000.00", "drcr": "CR", "balance": "60,000.00"},
              {"sno": "2", "date": "02/04/2024", "vdate": "02/04/2024", "desc": "ATM-CASH/MUMBAI",
               "amount": "5,000.00", "drcr": "DR", "balance": "55,000.00", "ref": "000111"}]),
    # Bandhan: INR glued to the amounts, the month's name first with no space
    "bandhan": ([Col("date", "Transaction Date", 12), Col("vdate", "Value Date", 40),
                 Col("desc", "Description", 68), Col("amount", "Amount", 150, "R"),
                 Col("drcr", "Dr / Cr", 156), Col("balance", "Balance", 198, "R")],
                [{"date": "June30, 2025", "vdate": "June30, 2025", "desc": "IMPS/P2A/RAVI",
                  "amount": "INR34,279.01", "drcr": "Cr", "balance": "INR44,279.01"},
                 {"date": "July1, 2025", "vdate": "July1, 2025", "desc": "UPI/DR/SWIGGY",
                  "amount": "INR279.01", "drcr": "Dr", "balance": "INR44,000.00"}]),
    # IOB: "Date(Value Date)" printing both dates in one cell, a Transaction Type column
    "iob": ([Col("date", "Date(Value Date)", 12), Col("desc", "Particulars", 50),
             Col("ref", "Ref No./Cheque No.", 100), Col("other", "Transaction Type", 130),
             Col("debit", "Debit(Rs)", 160, "R"), Col("credit", "Credit(Rs)", 180, "R"),
             Col("balance", "Balance(Rs)", 200, "R")],
            [{"date": "01-Apr-24 (01-Apr-24)", "desc": "BY CASH", "other": "CASH",
              "credit": "1,00,102.03", "balance": "1,10,102.03"},
             {"date": "03-Apr-24 (03-Apr-24)", "desc": "TO CLG RAVI", "ref": "123456",
              "other": "TRANSFER", "debit": "102.03", "balance": "1,10,000.00"}]),
    # PNB: year-first dates, the narration last, after the balance
    "pnb": ([Col("date", "Transaction Date", 12), Col("ref", "Cheque Number", 40),
             Col("debit", "Withdrawal", 92, "R"), Col("credit", "Deposit", 116, "R"),
             Col("balance", "Balance", 142, "R"), Col("desc", "Narration", 148)],
            [{"date": "2024/04/01", "credit": "1,000.00", "balance": "11,000.00",
              "desc": ["NEFT IN:ACME", "TECHNOLOGIES"]},
             {"date": "2024/04/02", "ref": "778899", "debit": "600.00", "balance": "10,400.00",
              "desc": "CHQ PAID"}]),
}
OTHER_ROWS = {
    "axis": [("01/04/2024", "NEFT/ACME/SALARY", None, "50000.00", "60000.00"),
             ("02/04/2024", "ATM-CASH/MUMBAI", "5000.00", None, "55000.00")],
    "bandhan": [("30/06/2025", "IMPS/P2A/RAVI", None, "34279.01", "44279.01"),
                ("01/07/2025", "UPI/DR/SWIGGY", "279.01", None, "44000.00")],
    "iob": [("01/04/2024", "BY CASH", None, "100102.03", "110102.03"),
            ("03/04/2024", "TO CLG RAVI", "102.03", None, "110000.00")],
    "pnb": [("01/04/2024", "NEFT IN:ACME TECHNOLOGIES", None, "1000.00", "11000.00"),
            ("02/04/2024", "CHQ PAID", "600.00", None, "10400.00")],
}


@pytest.mark.parametrize("bank", sorted(OTHER_LAYOUTS))
def test_other_banks_layouts(bank):
    s = Sheet(size=7)
    y = banner(s, f"{bank.upper()} BANK", "Statement of Account", "Account Number : 123456789012")
    cols, body = OTHER_LAYOUTS[bank]
    draw_table(s, y, cols, body)
    f = read(s.data())
    assert rows(f) == OTHER_ROWS[bank]
    assert all(r["confidence_score"] >= 0.95 for r in f["transactions"].value)


# -- what is not a statement -------------------------------------------------------------------------
def _ocr_layout(text: str) -> Layout:
    return Layout([TextLine(t.text, t.score, t.bbox) for t in lines_from_text(text)])


def test_a_payment_receipt_is_not_a_statement():
    receipt = _ocr_layout(
        "THE GRAND PALACE HOTEL\nPAYMENT RECEIPT\nReceipt No : 4521\nGuest Name : Mr. RAVI KUMAR\n"
        "Date Description Amount Balance\n12/03/2024 Room charges 2 nights 9,000.00 9,000.00\n"
        "13/03/2024 Paid by HDFC Bank card XXXX1234 9,000.00 0.00\n"
        "Account No : 4521\nThank you for staying with us")
    assert (bs.score(receipt) or 0) < 0.5
    f = bs.extract(receipt, ExtractOptions())
    assert "account_holder_name" not in f or "RECEIPT" not in f["account_holder_name"].value


def test_a_bank_letter_is_not_a_statement():
    letter = _ocr_layout(
        "HDFC BANK\nDate: 01/04/2024\nDear Customer,\nYour Account No 50100123456789 with IFSC "
        "HDFC0001234 has been credited with Rs. 5,000.00 on 31/03/2024.\nBalance: Rs. 12,000.00\n"
        "Yours faithfully, Branch Manager")
    assert (bs.score(letter) or 0) < 0.5
