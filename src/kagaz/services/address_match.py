"""Address Match (Atlas): one source address scored against many targets, 0-100 each, with
:func:`kagaz.matching.addresses.match_addresses`; a target that cannot be read gets its
``error_code`` inline and the others are scored.
"""

from __future__ import annotations

from typing import Any

from kagaz.matching.addresses import match_addresses, normalise_address
from kagaz.services.errors import BadRequest, Unprocessable

__all__ = ["MAX_ADDRESS_CHARS", "MAX_TARGETS", "NORMALIZATION_FAILED", "match_batch"]

MAX_TARGETS = 100
MAX_ADDRESS_CHARS = 1000
NORMALIZATION_FAILED = "NORMALIZATION_FAILED"
_INVALID = "source_address or target_addresses is missing or invalid"


def _targets(raw: Any) -> list[tuple[int, Any]]:
    """(index, address) per target; plain strings are accepted too (index = position)."""
    if not isinstance(raw, list) or not raw:
        raise BadRequest(_INVALID)
    if len(raw) > MAX_TARGETS:
        raise BadRequest(f"At most {MAX_TARGETS} target_addresses per request")
    out = []
    for position, item in enumerate(raw):
        if isinstance(item, str):
            out.append((position, item))
            continue
        if not isinstance(item, dict) or "address" not in item:
            raise BadRequest(_INVALID)
        index = item.get("index", position)
        if isinstance(index, bool) or not isinstance(index, int):
            raise BadRequest("Invalid parameters: target_addresses[].index (must be an integer)")
        out.append((index, item["address"]))
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
    if not normalise_address(source).tokens:
        raise Unprocessable("source_address could not be normalized")
    items = []
    for index, target in targets:
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
        items.append(item)
    return {"match_data": items}
