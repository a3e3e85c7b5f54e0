"""What every comparator returns, and how a score becomes a result class.

>>> classify(92.5, Thresholds(match=90, partial=65))
'MATCH'
>>> classify(70.0, Thresholds(match=90, partial=65))
'PARTIAL'
>>> classify(None, Thresholds(match=90, partial=65))
'NOT_APPLICABLE'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "DEFAULT_THRESHOLDS",
    "MATCH",
    "MISMATCH",
    "NOT_APPLICABLE",
    "PARTIAL",
    "RESULTS",
    "Match",
    "Thresholds",
    "classify",
    "not_applicable",
]

MATCH: Final = "MATCH"
PARTIAL: Final = "PARTIAL"
MISMATCH: Final = "MISMATCH"
NOT_APPLICABLE: Final = "NOT_APPLICABLE"
RESULTS: Final = (MATCH, PARTIAL, MISMATCH, NOT_APPLICABLE)


@dataclass(frozen=True)
class Match:
    """One comparison: a 0-100 score (2 decimals), its result class and why, as snake_case codes."""

    score: float
    result: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Thresholds:
    """A score at or above ``match`` is MATCH, at or above ``partial`` PARTIAL, else MISMATCH."""

    match: float
    partial: float


# The built-in thresholds; rules/default.yaml states the same numbers (a test keeps them equal),
# so match_names() and match_addresses() called directly agree with a Flow cross-check.
DEFAULT_THRESHOLDS: Final[dict[str, Thresholds]] = {
    "name": Thresholds(match=90.0, partial=65.0),
    "address": Thresholds(match=80.0, partial=60.0),
    "date": Thresholds(match=100.0, partial=50.0),
    "exact_id": Thresholds(match=100.0, partial=100.0),
    "pan_in_gstin": Thresholds(match=100.0, partial=100.0),
    "employer_in_credits": Thresholds(match=80.0, partial=50.0),
    "holder_name": Thresholds(match=90.0, partial=65.0),  # the name rules, over a record's holders
    "survey_number": Thresholds(match=100.0, partial=50.0),  # another sub-division is PARTIAL
}


def classify(score: float | None, thresholds: Thresholds) -> str:
    """The result class of ``score`` under ``thresholds``; None (nothing to compare) is N/A."""
    if score is None:
        return NOT_APPLICABLE
    if score >= thresholds.match:
        return MATCH
    if score >= thresholds.partial:
        return PARTIAL
    return MISMATCH


def not_applicable(a: object, b: object) -> Match | None:
    """The NOT_APPLICABLE answer when either value is missing or blank, else None.

    >>> not_applicable(None, "x").reasons
    ['missing_source_value']
    >>> not_applicable("x", "y") is None
    True
    """
    reasons = []
    if a is None or (isinstance(a, str) and not a.strip()):
        reasons.append("missing_source_value")
    if b is None or (isinstance(b, str) and not b.strip()):
        reasons.append("missing_target_value")
    return Match(0.0, NOT_APPLICABLE, reasons) if reasons else None
