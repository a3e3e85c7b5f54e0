"""Amounts as printed on Indian documents, normalised to plain decimal strings ``"123456.78"``.

Indian grouping (``1,23,456.78``), western grouping (``123,456.78``), currency marks (``₹``,
``Rs.``, ``INR``), balance markers (``Cr`` / ``Dr``), accounting negatives (``(1,234.00)``) and
empty cells (``""``, ``"-"``, ``"--"``, ``"NIL"``) are understood. OCR commonly reads the decimal
point as a comma (``1,234,56``) or drops it into a space; a final two-digit group after a
three-digit group is taken as the paise.

Public API (stable, imported by other document types):

- ``parse_amount(text) -> str | None``: the amount that ``text`` *is* (a table cell, a value
  after a label), two decimals, no grouping; ``-`` sign for negatives. ``Dr`` is a marker, not a
  sign, unless ``dr_negative=True`` (a balance printed ``1,234.00 Dr`` is an overdraft).
- ``find_amounts(text) -> list[str]``: every amount inside running text (a merged table row).
  Only tokens that look like money count: a decimal part, a comma grouping or a currency mark;
  bare integers (years, quantities, account numbers) and dates are skipped.
- ``to_decimal(text) -> Decimal | None``: ``parse_amount`` as a :class:`~decimal.Decimal`.
- ``amount_marker(text) -> "CR" | "DR" | None``: the Cr/Dr marker printed with an amount.
- ``format_amount(value) -> str``: a Decimal / int / str as ``"123456.78"``.

>>> parse_amount("1,23,456.78")
'123456.78'
>>> parse_amount("₹ 1,500")
'1500.00'
>>> parse_amount("Rs.2,00,000/-")
'200000.00'
>>> parse_amount("INR 45.5")
'45.50'
>>> parse_amount("12,345.00 Cr")
'12345.00'
>>> parse_amount("12,345.00 Dr", dr_negative=True)
'-12345.00'
>>> parse_amount("(1,234.00)")
'-1234.00'
>>> parse_amount("-500.00")
'-500.00'
>>> parse_amount("-") is None, parse_amount("") is None, parse_amount(None) is None
(True, True, True)
>>> parse_amount("1,234,56")
'1234.56'
>>> parse_amount("12,34O.5O")
'12340.50'
>>> parse_amount("Narration text") is None
True
>>> find_amounts("01/04/2024 NEFT-HDFC0001234-ACME 5,000.00 1,23,456.78 Cr")
['5000.00', '123456.78']
>>> find_amounts("Total Rs. 1,180 (incl. GST 18%) on 2 items")
['1180.00']
>>> to_decimal("1,00,000.00 Cr")
Decimal('100000.00')
>>> amount_marker("1,234.00Dr"), amount_marker("1,234.00 CR"), amount_marker("1,234.00")
('DR', 'CR', None)
>>> parse_amount("11,195.00(Dr)", dr_negative=True), find_amounts("Bal 5,000.00(Cr)")
('-11195.00', ['5000.00'])
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "AMOUNT_RE",
    "amount_marker",
    "find_amounts",
    "format_amount",
    "parse_amount",
    "to_decimal",
]

_CENT = Decimal("0.01")
_CURRENCY_RE = re.compile(r"₹|\bRs\b\.?|\bINR\b|\bRupees\b|\bRS\b\.?|/-", re.IGNORECASE)
_MARKER_RE = re.compile(r"(?:(?<=\d)|(?<=\d[\s.])|\b)(CR|DR)\b\.?", re.IGNORECASE)
_EMPTY = {"", "-", "--", "---", "nil", "na", "n/a", "0.00-", "—", "–"}
# OCR letters that stand for digits inside a number.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                             "S": "5", "B": "8", "Z": "2"})
# A money-looking token inside running text: optional sign/paren/currency, digits with grouping,
# optional decimals, optional Cr/Dr. Dates (digits joined by / or -) are excluded by the
# look-arounds.
AMOUNT_RE = re.compile(
    r"(?<![\w/.,-])"
    r"(?P<neg>\()?"
    r"(?P<cur>(?:₹|Rs\.?|INR)\s*)?"
    r"(?P<sign>-\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{2,3})+(?:\.\d{1,2})?|\d+\.\d{2}|\d+(?:\.\d{1,2})?)"
    r"(?P<close>\))?"
    r"(?:\s*/-)?"
    r"(?P<mark>\s?(?:\((?:Cr|CR|cr|Dr|DR|dr)\)|(?:Cr|CR|cr|Dr|DR|dr)\b\.?))?"
    r"(?![\w/%-]|\.\d|,\d|\s?%)",
)


def format_amount(value: Decimal | int | float | str) -> str:
    """Two decimals, no grouping.

    >>> format_amount(Decimal("1234.5")), format_amount(7), format_amount("-0.004")
    ('1234.50', '7.00', '0.00')
    """
    d = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)
    return f"{d:f}"


def amount_marker(text: str | None) -> str | None:
    """``"CR"`` / ``"DR"`` when ``text`` carries a credit/debit marker, else None."""
    if not text:
        return None
    found = _MARKER_RE.findall(text)
    return found[-1].upper() if found else None


def _number(core: str) -> Decimal | None:
    """Digits with grouping/decimal separators (possibly OCR-damaged) to a Decimal."""
    core = core.replace(" ", "")
    if not core:
        return None
    if re.search(r"[A-Za-z|]", core):
        core = core.translate(_OCR_DIGITS)
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", core):
        return None
    # The paise: the last separator followed by one or two digits (a final group of an Indian
    # or western grouping always has three, so ",56" is an OCR-read decimal point), or a lone dot.
    m = re.fullmatch(r"(.*?)[.,](\d{1,2})", core) or re.fullmatch(r"([^.,]*)\.(\d+)", core)
    whole, frac = (m.group(1), m.group(2)) if m else (core, "")
    whole = whole.replace(",", "").replace(".", "")
    if not whole and not frac:
        return None
    try:
        return Decimal(f"{whole or '0'}.{frac or '0'}")
    except InvalidOperation:
        return None


def to_decimal(text: str | None, *, dr_negative: bool = False) -> Decimal | None:
    """The amount ``text`` is, as a Decimal (two places), or None."""
    if text is None:
        return None
    return _to_decimal(str(text), dr_negative)


@lru_cache(maxsize=65536)
def _to_decimal(text: str, dr_negative: bool) -> Decimal | None:
    # Cached: a statement's table readers ask about the same cells many times over (a 60-page
    # statement asked 127,000 times, a third of its reading time); Decimals are immutable.
    s = text.strip()
    if s.lower().rstrip(".") in _EMPTY or s.lower() in _EMPTY:
        return None
    marker = amount_marker(s)
    s = re.sub(r"\(\s*\)", " ", _MARKER_RE.sub(" ", s))
    s = _CURRENCY_RE.sub(" ", s).strip().strip(":").strip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.startswith("-") or s.startswith("−"):
        negative, s = True, s[1:].strip()
    if s.endswith("-"):  # "500.00-": trailing minus used by some core-banking exports
        negative, s = True, s[:-1].strip()
    if s.lower() in _EMPTY:
        return None
    value = _number(s)
    if value is None:
        return None
    if dr_negative and marker == "DR":
        negative = not negative
    value = -value if negative else value
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str | None, *, dr_negative: bool = False) -> str | None:
    """The amount ``text`` is, as ``"123456.78"``, or None (empty cell, ``-``, not a number)."""
    d = to_decimal(text, dr_negative=dr_negative)
    return None if d is None else format_amount(d)


def find_amounts(text: str | None, *, dr_negative: bool = False) -> list[str]:
    """Every money-looking amount inside ``text``, in order, as ``"123456.78"``."""
    out: list[str] = []
    for m in AMOUNT_RE.finditer(text or ""):
        num = m.group("num")
        money = ("," in num or "." in num or m.group("cur") or m.group("mark")
                 or (m.group("neg") and m.group("close")))
        if not money:
            continue
        if "," in num and not re.fullmatch(r"\d{1,3}(?:,\d{2})*,\d{3}(?:\.\d{1,2})?"
                                            r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", num):
            continue  # "12,34,5" is not a grouping
        value = Decimal(num.replace(",", ""))
        negative = bool(m.group("sign")) or bool(m.group("neg") and m.group("close"))
        if dr_negative and m.group("mark") and m.group("mark").strip()[:2].upper() == "DR":
            negative = not negative
        out.append(format_amount(-value if negative else value))
    return out
