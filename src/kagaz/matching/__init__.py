"""Matching for Flow cross-checks: names, addresses, dates, identifiers and amounts.

* :func:`match_names` (:mod:`kagaz.matching.names`): Indian person and business names.
* :func:`match_addresses`, :func:`normalise_address` (:mod:`kagaz.matching.addresses`).
* :mod:`kagaz.matching.values`: dates, identifiers, the PAN inside a GSTIN, amounts.
* :func:`run_cross_checks`, :func:`load_rules` (:mod:`kagaz.matching.crosschecks`): the declarative
  rule files in ``kagaz/matching/rules/`` applied to a flow's documents.

Every comparator returns a :class:`Match` (score 0-100, result, snake_case reasons). See
``docs/cross-checks.md``.
"""

from kagaz.matching.addresses import NormalisedAddress, match_addresses, normalise_address
from kagaz.matching.base import MATCH, MISMATCH, NOT_APPLICABLE, PARTIAL, Match, Thresholds
from kagaz.matching.crosschecks import FlowDocument, RuleSet, load_rules, run_cross_checks
from kagaz.matching.names import match_names

__all__ = [
    "MATCH",
    "MISMATCH",
    "NOT_APPLICABLE",
    "PARTIAL",
    "FlowDocument",
    "Match",
    "NormalisedAddress",
    "RuleSet",
    "Thresholds",
    "load_rules",
    "match_addresses",
    "match_names",
    "normalise_address",
    "run_cross_checks",
]
