"""Comparators for values that are right or wrong, not alike: dates, identifiers, amounts.

>>> compare_dates("17/04/1988", "17-04-1988")
Match(score=100.0, result='MATCH', reasons=[])
>>> compare_dates("1988", "17/04/1988")
Match(score=70.0, result='PARTIAL', reasons=['year_only'])
>>> compare_ids("ABCPE 1234 F", "abcpe1234f").result
'MATCH'
>>> compare_pan_in_gstin("ABCPE1234F", "27ABCPE1234F1Z5")
Match(score=100.0, result='MATCH', reasons=['pan_extracted_from_gstin'])
>>> compare_amounts("62,232.00", "62232.50")
Match(score=100.0, result='MATCH', reasons=['within_absolute_tolerance'])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import fuzz

from kagaz.matching.base import (
    DEFAULT_THRESHOLDS,
    MATCH,
    MISMATCH,
    NOT_APPLICABLE,
    PARTIAL,
    Match,
    Thresholds,
    classify,
    not_applicable,
)
from kagaz.text.amounts import to_decimal
from kagaz.text.dates import to_date

__all__ = ["AmountTolerance", "compare_amounts", "compare_dates", "compare_ids", "compare_pan_in_gstin"]

_MAX_CHARS = 100  # dates, ids and amounts are short; bound the parsing
_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
# Dates that agree this little are still worth a second look by a person.
_SCORE_YEAR_ONLY = 70.0
_SCORE_DAY_MONTH_SWAPPED = 60.0


@dataclass(frozen=True)
class AmountTolerance:
    """``match_abs`` rupees apart is MATCH; ``partial_pct`` percent of the larger is PARTIAL."""

    match_abs: Decimal = Decimal("1.00")
    partial_pct: Decimal = Decimal("1")


def _unparseable(which: str) -> Match:
    return Match(0.0, NOT_APPLICABLE, [f"unparseable_{which}_value"])


def _parse_date(value: object) -> dt.date | int | None:
    s = str(value)[:_MAX_CHARS]
    m = _YEAR.match(s)
    if m:
        return int(m.group(1))
    return to_date(s)


def compare_dates(a: object, b: object, *, thresholds: Thresholds | None = None) -> Match:
    """Equal dates 100; a year of birth agreeing with a full date 70; day and month swapped 60.

    >>> compare_dates("05/04/1990", "04/05/1990").reasons
    ['day_month_swapped']
    >>> compare_dates("05/04/1990", "05/04/1991").result
    'MISMATCH'
    >>> compare_dates("not a date", "05/04/1991").reasons
    ['unparseable_source_value']
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    th = thresholds or DEFAULT_THRESHOLDS["date"]
    da, db = _parse_date(a), _parse_date(b)
    if da is None:
        return _unparseable("source")
    if db is None:
        return _unparseable("target")
    if isinstance(da, int) or isinstance(db, int):
        ya = da if isinstance(da, int) else da.year
        yb = db if isinstance(db, int) else db.year
        score, reasons = (_SCORE_YEAR_ONLY, ["year_only"]) if ya == yb else (0.0, ["year_differs"])
    elif da == db:
        score, reasons = 100.0, []
    elif da.year == db.year and da.day == db.month and da.month == db.day:
        score, reasons = _SCORE_DAY_MONTH_SWAPPED, ["day_month_swapped"]
    else:
        score, reasons = 0.0, ["date_differs"]
    return Match(score, classify(score, th), reasons)


def _compact(value: object) -> str:
    """Capitals and digits only; a masking ``*`` is kept as ``X`` ("****1234" -> "XXXX1234")."""
    return re.sub(r"[^0-9A-Z]", "", str(value)[:_MAX_CHARS].upper().replace("*", "X"))


def compare_ids(a: object, b: object, *, thresholds: Thresholds | None = None) -> Match:
    """Identifiers compacted (spaces, dashes, dots out; capitals) then compared exactly.

    The score is the fuzzy ratio of the two, so a near miss (one character misread) shows as
    high but is still MISMATCH under the default thresholds (MATCH = PARTIAL = 100).

    >>> compare_ids("UDYAM-MH-26-0012345", "UDYAM MH 26 0012346")
    Match(score=93.75, result='MISMATCH', reasons=['id_differs'])
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    th = thresholds or DEFAULT_THRESHOLDS["exact_id"]
    ca, cb = _compact(a), _compact(b)
    if not ca:
        return _unparseable("source")
    if not cb:
        return _unparseable("target")
    masked = _masked_match(ca, cb)
    if masked is not None:
        return masked
    score = 100.0 if ca == cb else round(fuzz.ratio(ca, cb), 2)
    return Match(score, classify(score, th), [] if ca == cb else ["id_differs"])


_MASK_RUN = re.compile(r"X{4,}")  # a mask; "MH12XX1234" (a series) is no mask


def _masked_match(a: str, b: str) -> Match | None:
    """A masked number (a bank statement's "XXXXXXXX1234" or "****1234", compacted) against a
    full one: the digits it shows, aligned at both ends, decide.
    Agreeing digits prove only those digits: PARTIAL (``masked_digits_agree``), never MATCH;
    disagreeing ones are a MISMATCH (``id_differs``). None when neither side is masked.

    >>> _masked_match("XXXXXXXX1234", "50100012341234").result
    'PARTIAL'
    >>> _masked_match("XXXXXXXX1234", "50100012341299").reasons
    ['id_differs']
    """
    masked, full = (a, b) if _MASK_RUN.search(a) else (b, a) if _MASK_RUN.search(b) else (None, None)
    if masked is None or full is None or _MASK_RUN.search(full):
        return None
    pieces = _MASK_RUN.split(masked)
    head, tail = pieces[0], pieces[-1]
    shown = len(head) + len(tail)
    if shown == 0 or len(full) < shown:
        return Match(0.0, NOT_APPLICABLE, ["masked_value"])
    if full.startswith(head) and full.endswith(tail):
        return Match(round(100.0 * shown / max(len(full), 1), 2), PARTIAL, ["masked_digits_agree"])
    return Match(0.0, MISMATCH, ["id_differs"])


def compare_pan_in_gstin(a: object, b: object, *, thresholds: Thresholds | None = None) -> Match:
    """A PAN against the PAN inside a GSTIN (its characters 3 to 12); either side may be the GSTIN.

    >>> compare_pan_in_gstin("ABCPE1234F", "27ABCPX1234F1Z5").result
    'MISMATCH'
    >>> compare_pan_in_gstin("ABCPE1234F", "27ABCPE").reasons
    ['unparseable_target_value']
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    th = thresholds or DEFAULT_THRESHOLDS["pan_in_gstin"]
    ca, cb = _compact(a), _compact(b)
    pans: list[str] = []
    for which, c in (("source", ca), ("target", cb)):
        if len(c) == 15:
            pans.append(c[2:12])
        elif len(c) == 10:
            pans.append(c)
        else:
            return _unparseable(which)
    score = 100.0 if pans[0] == pans[1] else round(fuzz.ratio(pans[0], pans[1]), 2)
    reasons = ["pan_extracted_from_gstin"] if 15 in (len(ca), len(cb)) else []
    if pans[0] != pans[1]:
        reasons.append("id_differs")
    return Match(score, classify(score, th), reasons)


def compare_amounts(a: object, b: object, *, tolerance: AmountTolerance | None = None) -> Match:
    """Amounts as Decimals: within ``match_abs`` rupees MATCH, within ``partial_pct`` % PARTIAL.

    The score is 100 x (1 - difference / larger amount), 100 within the absolute tolerance.

    >>> compare_amounts("100000.00", "100800.00")
    Match(score=99.21, result='PARTIAL', reasons=['within_percent_tolerance'])
    >>> compare_amounts("100000.00", "120000.00").result
    'MISMATCH'
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    tol = tolerance or AmountTolerance()
    da, db = to_decimal(str(a)[:_MAX_CHARS]), to_decimal(str(b)[:_MAX_CHARS])
    if da is None:
        return _unparseable("source")
    if db is None:
        return _unparseable("target")
    diff = abs(da - db)
    larger = max(abs(da), abs(db))
    if diff <= tol.match_abs:
        return Match(100.0, MATCH, ["amount_equal" if diff == 0 else "within_absolute_tolerance"])
    score = float(round(max(Decimal(0), 100 * (1 - diff / larger)), 2)) if larger else 0.0
    if larger and diff * 100 <= tol.partial_pct * larger:
        return Match(score, PARTIAL, ["within_percent_tolerance"])
    return Match(score, MISMATCH, ["amount_differs"])
