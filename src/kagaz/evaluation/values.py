"""Values as the scoring compares them: text collapsed, amounts as numbers, addresses by similarity.

Also where a field's value sits in an engine answer (:func:`lookup`: a top-level field, else the
same key inside a structured field) and how any value reads as text (:func:`text_of`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz import fuzz

__all__ = ["address_similarity", "amount", "amounts_equal", "collapse", "lookup", "raw_lookup",
           "text_of"]


def collapse(value: str) -> str:
    """Trimmed, with every run of whitespace turned into one space."""
    return re.sub(r"\s+", " ", value).strip()


_CURRENCY = re.compile(r"^(?:₹|rs\.?|inr)\s*|\s*(?:/-|cr\.?)$", re.IGNORECASE)


def amount(value: Any) -> Decimal | None:
    """The number an amount string means, or None when it is not one.

    Currency marks, Indian or western grouping, a trailing ``/-`` or ``Cr`` and accounting
    parentheses are understood; nothing is repaired (an OCR ``O`` for ``0`` is not a number).

    >>> amount("1,23,456.78") == amount("123456.78") == amount("₹ 123456.780")
    True
    >>> amount("Rs. 2,00,000/-"), amount("(1,234.50)"), amount("12,34O.5O"), amount("")
    (Decimal('200000'), Decimal('-1234.50'), None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = collapse(str(value))
    for _ in range(2):
        text = _CURRENCY.sub("", text).strip()
    neg = text.startswith("(") and text.endswith(")")
    text = text.strip("()").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        return None
    return -number if neg else number


def amounts_equal(truth: Any, predicted: Any) -> bool:
    """Numerically equal; when either is not a number, equal after collapsing whitespace.

    >>> amounts_equal("1,23,456.78", "123456.78"), amounts_equal("123456.80", "123456.8")
    (True, True)
    >>> amounts_equal("100.00", "100.01"), amounts_equal("NIL", "NIL")
    (False, True)
    """
    a, b = amount(truth), amount(predicted)
    if a is not None and b is not None:
        return a == b
    return collapse(text_of(truth)) == collapse(text_of(predicted))


def _norm_address(value: str) -> str:
    return collapse(re.sub(r"[^\w\s]", " ", value.lower()))


def address_similarity(truth: str, predicted: str) -> float:
    """0..1: ``fuzz.ratio`` of lower-cased, punctuation-free, whitespace-collapsed strings.

    >>> address_similarity("H.No 42, Gandhi Nagar - 110085", "h no 42 gandhi nagar 110085")
    1.0
    """
    return fuzz.ratio(_norm_address(truth), _norm_address(predicted)) / 100.0


def text_of(value: Any) -> str:
    """Any value as text: a dict's non-empty values joined by ", ", a list's items by "; ",
    None as ""."""
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    if isinstance(value, (list, tuple)):
        return "; ".join(text_of(v) for v in value)
    return "" if value is None else str(value)


def raw_lookup(predicted: dict[str, tuple[Any, float]], name: str) -> tuple[Any, float] | None:
    """Like :func:`lookup`, with the value as the engine returned it."""
    if name in predicted:
        value, conf = predicted[name]
        return value, float(conf)
    for value, conf in predicted.values():
        if isinstance(value, dict) and value.get(name) not in (None, ""):
            return value[name], float(conf)
    return None


def lookup(predicted: dict[str, tuple[Any, float]], name: str) -> tuple[str, float] | None:
    """The engine's value (as text) and confidence for ``name``; a top-level field first, else
    the same key inside a structured field (``postcode`` inside ``formatted_address``)."""
    hit = raw_lookup(predicted, name)
    return None if hit is None else (text_of(hit[0]), hit[1])
