"""Land records against the rest of a loan file: the applicant among a 7/12's or 8A's holders,
and one survey number across the 7/12, the 8A, the Index II and the deed.

* :func:`match_name_in_holders`: a name (a PAN's, an Aadhaar's) against a list of holders (rows
  ``{name, name_latin}`` of SATBARA and NAMUNA_8, or plain names); each holder is compared with
  :func:`kagaz.matching.names.match_names` (the same rules and thresholds as every name check;
  Devanagari is transliterated there), the best decides. Either side may be the list.
* :func:`match_survey_number`: survey (or gat) numbers with their sub-division, found in a
  value ("123/2"), a list (an 8A's ``survey_numbers``) or a text after its label ("सर्व्हे नं.
  123/2", "Survey No. 123/2", "गट नं. 45"; Devanagari digits read as ASCII). A number both sides
  name is a MATCH (100); the same survey number with another sub-division is PARTIAL (60: a
  sub-division of the parcel, or a misread digit); no common number is a MISMATCH.

>>> holders = [{"name": "रमेश सुरेश पाटील", "name_latin": "RAMESH SURESH PATIL"},
...            {"name": "सुनीता रमेश पाटील", "name_latin": "SUNITA RAMESH PATIL"}]
>>> match_name_in_holders("RAMESH SURESH PATIL", holders).result
'MATCH'
>>> match_name_in_holders("VIKRAM JOSHI", holders).result
'MISMATCH'
>>> match_survey_number("123/2", "सदनिका क्र. 302, सर्व्हे नं. १२३/२, मौजे वाघोली").result
'MATCH'
>>> match_survey_number(["45", "123/1"], "Flat 5, Survey No. 123/2, Wagholi").result
'PARTIAL'
>>> match_survey_number("123/2", "Flat 5, Lotus Heights, Pune").reasons
['no_survey_number_target']
"""

from __future__ import annotations

import re
from typing import Any

from kagaz.matching.base import DEFAULT_THRESHOLDS, NOT_APPLICABLE, Match, Thresholds, classify, not_applicable
from kagaz.matching.names import match_names

__all__ = ["match_name_in_holders", "match_survey_number", "survey_numbers_in"]

_DEVA_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_NUMBER = r"(\d{1,5}(?:\s?/\s?(?:\d{1,3}|[अ-हA-Za-z]))*)"
# "सर्व्हे" as OCR often gives it, its े lost ("सर्व्ह नं. 200/3")
_LABELLED = re.compile(r"(?:सर्व्हे?|सर्वे|स\.|भूमापन|गट|Survey|S\.|Gat|Gut|R\.?\s*S\.?)\s*"
                       r"(?:नंबर|नं\.?|क्रमांक|क्र\.?|No\.?|Number|Nos?\.?)?\s*(?:व\s*उपविभाग)?\s*[:\-]?\s*" + _NUMBER,
                       re.IGNORECASE)
_BARE = re.compile(r"^\s*" + _NUMBER + r"\s*$")


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    out = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            item = item.get("name_latin") or item.get("name")
        if isinstance(item, str) and item.strip():
            out.append(item)
    return out


def match_name_in_holders(a: Any, b: Any, *, thresholds: Thresholds | None = None) -> Match:
    """The best of :func:`match_names` over every (source, target) pair of names."""
    missing = not_applicable(a, b)
    if missing:
        return missing
    sources, targets = _names(a), _names(b)
    if not sources or not targets:
        which = "source" if not sources else "target"
        return Match(0.0, NOT_APPLICABLE, [f"unparseable_{which}_value"])
    th = thresholds or DEFAULT_THRESHOLDS["holder_name"]
    best = max((match_names(x, y, thresholds=th) for x in sources for y in targets), key=lambda m: m.score)
    return Match(best.score, best.result, [*best.reasons, *(["among_holders"] if len(sources) + len(targets) > 2 else [])])


def survey_numbers_in(value: Any) -> list[str]:
    """The survey numbers a value names, compacted ("123/2").

    >>> survey_numbers_in("गट नं. ४५, स.नं. 12 / 3 अ")
    ['45', '12/3']
    """
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        text = item.translate(_DEVA_DIGITS)
        bare = _BARE.match(text)
        found = [bare.group(1)] if bare else [m.group(1) for m in _LABELLED.finditer(text)]
        out += [re.sub(r"\s", "", n).upper() for n in found]
    return list(dict.fromkeys(out))


def match_survey_number(a: Any, b: Any, *, thresholds: Thresholds | None = None) -> Match:
    """MATCH when both sides name one survey number with its sub-division (see the module)."""
    missing = not_applicable(a, b)
    if missing:
        return missing
    left, right = survey_numbers_in(a), survey_numbers_in(b)
    if not left or not right:
        return Match(0.0, NOT_APPLICABLE, [f"no_survey_number_{'source' if not left else 'target'}"])
    th = thresholds or DEFAULT_THRESHOLDS["survey_number"]
    if set(left) & set(right):
        return Match(100.0, classify(100.0, th), [])
    if {n.split("/")[0] for n in left} & {n.split("/")[0] for n in right}:
        return Match(60.0, classify(60.0, th), ["sub_division_differs"])
    return Match(0.0, classify(0.0, th), ["survey_number_differs"])
