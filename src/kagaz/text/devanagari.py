"""Devanagari text as documents print it: native digits, the script's share of a text.

Marathi and Hindi records print numbers in either digit set, often both on one page (a typed
7/12 extract writes "१२३/२", a computerised one "123/2"). Values are returned with ASCII digits,
so that a survey number read from a 7/12 compares with the one on an Index II; letters stay as
printed.

>>> ascii_digits("स.नं. १२३/२, क्षेत्र ०.४०.५०")
'स.नं. 123/2, क्षेत्र 0.40.50'
>>> devanagari_share("गाव : कोथरूड  Village")
0.5625
"""

from __future__ import annotations

__all__ = ["DEVANAGARI_DIGITS", "ascii_digits", "devanagari_share", "is_devanagari"]

DEVANAGARI_DIGITS = "०१२३४५६७८९"
_TO_ASCII = str.maketrans(DEVANAGARI_DIGITS, "0123456789")


def ascii_digits(text: str) -> str:
    """``text`` with Devanagari digits (०–९) turned into ASCII digits; nothing else changes."""
    return text.translate(_TO_ASCII)


def is_devanagari(ch: str) -> bool:
    """A character of the Devanagari block (letters, signs, digits, dandas)."""
    return "\u0900" <= ch <= "\u097f"


def devanagari_share(text: str) -> float:
    """Share of the letters of ``text`` that are Devanagari (0.0 when it has no letters).

    >>> devanagari_share("Date of Birth"), devanagari_share("")
    (0.0, 0.0)
    """
    letters = [ch for ch in text if ch.isalpha() or is_devanagari(ch)]
    if not letters:
        return 0.0
    return round(sum(is_devanagari(ch) for ch in letters) / len(letters), 4)
