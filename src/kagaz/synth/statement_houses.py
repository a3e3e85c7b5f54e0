"""The house styles of synthetic bank statements: each bank's columns, dates and amounts.

A :class:`House` imitates the column order and printing habits of one Indian bank (never its
artwork); :func:`format_date` and :func:`group_digits` print dates and amounts the way the house
does. :mod:`kagaz.synth.bank_statement` describes each house.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["HOUSES", "MONTHS", "House", "format_date", "group_digits"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class House:
    bank: str
    ifsc: str  # 4-letter bank code
    acct_digits: int
    acct_prefix: str
    color: tuple[int, int, int]
    # (kind, title, width): kinds sno date vdate desc ref debit credit amount drcr balance branch
    cols: tuple[tuple[str, str, float], ...]
    date: str  # "dmy_slash4", "dmy_slash2", "dmy_dash", "d_mon_yyyy", "dd_mon_yy", "dd-mon-yyyy"
    suffix: str = ""  # balance suffix style: "", "(Cr)", " Cr"


HOUSES: dict[str, House] = {
    "sbi": House("State Bank of India", "SBIN", 11, "3", (20, 90, 160), (
        ("date", "Txn Date", 165), ("vdate", "Value\nDate", 165), ("desc", "Description", 470),
        ("ref", "Ref No./Cheque\nNo.", 240), ("debit", "Debit", 150), ("credit", "Credit", 150),
        ("balance", "Balance", 170)), "d_mon_yyyy"),
    "hdfc": House("HDFC Bank", "HDFC", 14, "50100", (0, 60, 130), (
        ("date", "Date", 125), ("desc", "Narration", 500), ("ref", "Chq./Ref.No.", 230),
        ("vdate", "Value Dt", 125), ("debit", "Withdrawal Amt.", 180),
        ("credit", "Deposit Amt.", 170), ("balance", "Closing Balance", 180)), "dmy_slash2"),
    "icici": House("ICICI Bank", "ICIC", 12, "", (170, 60, 20), (
        ("sno", "S No.", 70), ("vdate", "Value\nDate", 150), ("date", "Transaction\nDate", 150),
        ("ref", "Cheque\nNumber", 130), ("desc", "Transaction Remarks", 440),
        ("debit", "Withdrawal\nAmount (INR )", 190), ("credit", "Deposit\nAmount (INR )", 190),
        ("balance", "Balance (INR )", 190)), "dmy_slash4"),
    "axis": House("Axis Bank", "UTIB", 15, "91", (150, 20, 70), (
        ("date", "Tran Date", 160), ("ref", "Chq No", 120), ("desc", "Particulars", 560),
        ("debit", "Debit", 160), ("credit", "Credit", 160), ("balance", "Balance", 190),
        ("branch", "Init.\nBr", 90)), "dmy_dash"),
    "kotak": House("Kotak Mahindra Bank", "KKBK", 10, "", (200, 20, 40), (
        ("sno", "#", 55), ("date", "Date", 140), ("desc", "Description", 520),
        ("ref", "Chq/Ref No.", 210), ("debit", "Withdrawal (Dr)", 180),
        ("credit", "Deposit (Cr)", 170), ("balance", "Balance", 215)), "dd_mon_yy", "(Cr)"),
    "pnb": House("Punjab National Bank", "PUNB", 16, "", (150, 30, 40), (
        ("date", "Txn Date", 175), ("desc", "Narration", 570), ("ref", "Cheque No.", 170),
        ("amount", "Amount", 220), ("drcr", "Dr/Cr", 90), ("balance", "Balance", 245)),
        "dd-mon-yyyy", " Cr"),
}


def format_date(d: dt.date, how: str) -> str:
    """``d`` in a house's date style (:attr:`House.date`)."""
    if how == "dmy_slash4":
        return f"{d:%d/%m/%Y}"
    if how == "dmy_slash2":
        return f"{d:%d/%m/%y}"
    if how == "dmy_dash":
        return f"{d:%d-%m-%Y}"
    if how == "d_mon_yyyy":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if how == "dd_mon_yy":
        return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year % 100:02d}"
    return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"


def group_digits(v: Decimal, style: str) -> str:
    """``abs(v)`` with two decimals, grouped ``indian`` (1,23,456.00), ``western`` (123,456.00)
    or not at all; the sign is the caller's."""
    s = f"{abs(v):.2f}"
    whole, frac = s.split(".")
    if style == "indian" and len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        whole = ",".join([head, *parts, tail]) if head else ",".join([*parts, tail])
    elif style == "western":
        whole = f"{int(whole):,}"
    return f"{whole}.{frac}"
