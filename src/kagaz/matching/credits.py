"""An employer named in a bank statement's credits: the pay slip's employer against the salary
the account received.

Salary reaches an account as a credit whose narration carries the payer's name as the paying
bank wrote it: capitals, cut short to fit the field, its words sometimes run together or split
("NEFT CR-HDFC0000001-SAI KRUPA TECHNOLO-SALARY MAR", "ACH C- KAVERIFOODS PVT LTD SAL",
"SAL/MAR25/KAVERI FOODS"); some banks' narrations omit the word "salary" (the employer's name and
the regularity carry the signal: loan-file reference, statement analysis).

:func:`match_employer_in_credits` scores each credit row by how much of the employer's
distinctive name it carries (legal suffixes such as PVT, LTD, LLP and words like INDIA left out):
a word counts when the narration holds it whole, or its first five letters or more where the
narration was cut, or when the name's words run together in the narration. The best row decides.
When no credit names the employer and none looks like salary (SAL, SALARY, PAYROLL, WAGES), there
is nothing to compare (NOT_APPLICABLE, ``no_salary_credits``: salary may be paid into another
account); salary credits that do not name the employer are a MISMATCH
(``employer_not_in_salary_credits``).

>>> rows = [{"description": "NEFT CR-HDFC0000123-KAVERI FOODS PRIV-SALARY MAR 2025", "credit": "63000.00"},
...         {"description": "UPI/DR/ZOMATO", "debit": "450.00", "credit": None}]
>>> m = match_employer_in_credits("Kaveri Foods Private Limited", rows)
>>> m.result, m.score, m.reasons
('MATCH', 100.0, ['employer_in_credit', 'salary_word'])
>>> match_employer_in_credits("Sai Krupa Technologies Pvt Ltd", rows).result
'MISMATCH'
>>> match_employer_in_credits("Sai Krupa Technologies", rows[1:]).reasons
['no_salary_credits']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kagaz.matching.base import DEFAULT_THRESHOLDS, NOT_APPLICABLE, Match, Thresholds, classify

__all__ = ["match_employer_in_credits"]

# Words that do not tell one employer from another.
_GENERIC = {"PVT", "PRIVATE", "LTD", "LIMITED", "LLP", "INDIA", "THE", "CO", "COMPANY", "CORP",
            "CORPORATION", "INC", "M", "S", "MS", "AND", "OF", "P"}
_SALARY = re.compile(r"\bSAL(?:ARY)?\b|SALARY|PAYROLL|\bWAGES?\b|\bSTIPEND\b|\bSAL[-/]", re.I)
_MIN_PREFIX = 5


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Z0-9]+", text.upper().replace("&", " AND "))


def _credit(row: dict[str, Any]) -> bool:
    value = row.get("credit")
    if value in (None, "", "0", "0.00"):
        return False
    try:
        return float(str(value).replace(",", "")) > 0
    except ValueError:
        return False


def _coverage(name: list[str], narration: str) -> float:
    """The share of the employer's distinctive words the narration carries."""
    tokens = _words(narration)
    flat = "".join(tokens)
    found = 0.0
    for word in name:
        if word in tokens:
            found += 1
        elif len(word) >= _MIN_PREFIX and any(
                len(t) >= _MIN_PREFIX and (word.startswith(t) or t.startswith(word)) for t in tokens):
            found += 0.9  # cut short by the narration's width
        elif len(word) >= 3 and word in flat:
            found += 0.8  # run into its neighbour
    joined = "".join(name)
    if len(name) > 1 and len(joined) >= 6 and joined in flat:
        return 1.0
    return found / len(name) if name else 0.0


def match_employer_in_credits(employer: object, transactions: object, *,
                              thresholds: Thresholds | None = None) -> Match:
    """How well the statement's credits name ``employer`` (0-100; either argument may be the
    transactions, as a rule file lists them in either order)."""
    if isinstance(employer, list) and not isinstance(transactions, list):
        employer, transactions = transactions, employer
    th = thresholds or DEFAULT_THRESHOLDS["employer_in_credits"]
    if not isinstance(employer, str):
        return Match(0.0, NOT_APPLICABLE, ["unparseable_source_value"])
    if not isinstance(transactions, Sequence) or isinstance(transactions, str):
        return Match(0.0, NOT_APPLICABLE, ["unparseable_target_value"])
    name = [w for w in _words(employer) if w not in _GENERIC]
    if not name:
        return Match(0.0, NOT_APPLICABLE, ["empty_after_normalisation"])
    credits = [r for r in transactions if isinstance(r, dict) and _credit(r)]
    best, salary_seen, best_salary = 0.0, False, False
    for row in credits:
        narration = str(row.get("description") or "")
        salary = bool(_SALARY.search(narration))
        salary_seen = salary_seen or salary
        cov = _coverage(name, narration)
        if cov > best or (cov == best and salary and not best_salary):
            best, best_salary = cov, salary
    score = round(100.0 * best, 2)
    if score < th.partial and not salary_seen:
        return Match(0.0, NOT_APPLICABLE, ["no_salary_credits"])
    reasons = ["employer_in_credit"] if score >= th.partial else ["employer_not_in_salary_credits"]
    if best_salary and score >= th.partial:
        reasons.append("salary_word")
    return Match(score, classify(score, th), reasons)
