"""Address Match (Atlas): one source address scored against many targets, 0-100 each, with
:func:`kagaz.matching.addresses.match_addresses`; a target that cannot be read gets its
``error_code`` inline and the others are scored.

``same_person_score`` is on a 0-10 scale, the one the reference's only example implies
(``similarity_score`` 89.92 beside ``same_person_score`` 9): see :func:`same_person_score`.
"""

from __future__ import annotations

import math
from typing import Any

from kagaz.matching.addresses import match_addresses, normalise_address
from kagaz.matching.base import NOT_APPLICABLE
from kagaz.matching.names import match_names
from kagaz.services.errors import BadRequest, Unprocessable

__all__ = [
    "MAX_ADDRESS_CHARS",
    "MAX_NAME_CHARS",
    "MAX_TARGETS",
    "NORMALIZATION_FAILED",
    "match_batch",
    "same_person_score",
]

MAX_TARGETS = 100
MAX_ADDRESS_CHARS = 1000
MAX_NAME_CHARS = 200
NORMALIZATION_FAILED = "NORMALIZATION_FAILED"
_INVALID = "source_address or target_addresses is missing or invalid"


def same_person_score(address_score: float, name_score: float | None = None) -> int:
    """How likely the two sides are one person, 0-10 (half up).

    From the address match alone, its score over ten: the reference's example, 89.92 → 9. With
    both names given, the geometric mean of the name and the address scores over ten, so both
    must agree: a different name at the same address is another member of the household, the
    same name at another address may be a namesake.

    >>> same_person_score(89.92), same_person_score(31.2), same_person_score(100.0, 100.0)
    (9, 3, 10)
    >>> same_person_score(100.0, 0.0), same_person_score(95.0, 80.0)
    (0, 9)
    """
    score = address_score if name_score is None else math.sqrt(address_score * name_score)
    return min(10, max(0, math.floor(score / 10 + 0.5)))


def _name(raw: Any, where: str) -> str | None:
    """An optional name (additive to the reference's request): a string, or absent / null."""
    if raw is None:
        return None
    if not isinstance(raw, str) or len(raw) > MAX_NAME_CHARS:
        raise BadRequest(
            f"Invalid parameters: {where} (must be a string of at most {MAX_NAME_CHARS} characters)"
        )
    return raw if raw.strip() else None


def _name_score(source_name: str | None, target_name: str | None) -> float | None:
    """The names' match (0-100) when both are given and readable, else None."""
    if source_name is None or target_name is None:
        return None
    m = match_names(source_name, target_name)
    return None if m.result == NOT_APPLICABLE else m.score


def _targets(raw: Any) -> list[tuple[int, Any, str | None]]:
    """(index, address, name) per target; plain strings are accepted too (index = position)."""
    if not isinstance(raw, list) or not raw:
        raise BadRequest(_INVALID)
    if len(raw) > MAX_TARGETS:
        raise BadRequest(f"At most {MAX_TARGETS} target_addresses per request")
    out = []
    for position, item in enumerate(raw):
        if isinstance(item, str):
            out.append((position, item, None))
            continue
        if not isinstance(item, dict) or "address" not in item:
            raise BadRequest(_INVALID)
        index = item.get("index", position)
        if isinstance(index, bool) or not isinstance(index, int):
            raise BadRequest("Invalid parameters: target_addresses[].index (must be an integer)")
        out.append((index, item["address"], _name(item.get("name"), "target_addresses[].name")))
    return out


def match_batch(payload: Any) -> dict[str, Any]:
    """The ``match_data`` answer to a decoded request body; 400 or 422 for an unusable one."""
    if not isinstance(payload, dict):
        raise BadRequest(_INVALID)
    application_id = payload.get("application_id")
    if application_id is None or (isinstance(application_id, str) and not application_id.strip()):
        raise BadRequest("Missing or empty required parameters: ['application_id']")
    source = payload.get("source_address")
    if not isinstance(source, str) or not source.strip():
        raise BadRequest(_INVALID)
    if len(source) > MAX_ADDRESS_CHARS:
        raise BadRequest(f"source_address is longer than {MAX_ADDRESS_CHARS} characters")
    targets = _targets(payload.get("target_addresses"))
    source_name = _name(payload.get("source_name"), "source_name")
    if not normalise_address(source).tokens:
        raise Unprocessable("source_address could not be normalized")
    items = []
    for index, target, target_name in targets:
        item: dict[str, Any] = {
            "source_address": source,
            "target_address": target if isinstance(target, str) else None,
            "index": index,
            "similarity_score": None,
            "same_person_score": None,
            "result": None,
            "reasons": [],
            "error_code": None,
        }
        usable = (
            isinstance(target, str)
            and target.strip()
            and len(target) <= MAX_ADDRESS_CHARS
            and normalise_address(target).tokens
        )
        if not usable:
            item["error_code"] = NORMALIZATION_FAILED
        else:
            m = match_addresses(source, target)
            item.update(similarity_score=m.score, result=m.result, reasons=list(m.reasons))
            names = _name_score(source_name, target_name)
            item["same_person_score"] = same_person_score(m.score, names)
        items.append(item)
    return {"match_data": items}
