"""One view of a stored result: what every answer that shows a document's fields shows.

Aadhaar numbers are masked by the one rule (:mod:`kagaz.text.masking`): the worker masks a
result before it is stored, and the views that show stored values mask again (a result from an
older release may hold a full number).
"""

from __future__ import annotations

from typing import Any

from kagaz.text.masking import AadhaarMasking

__all__ = ["mask_aadhaar_numbers"]


def mask_aadhaar_numbers(
    file_data: dict[str, Any], masking: AadhaarMasking = AadhaarMasking()
) -> dict[str, Any]:
    """Defence in depth: mask any full number left in ``aadhaar_number.value``, by the one rule
    (:mod:`kagaz.text.masking`), unless ``masking`` reveals numbers.

    The engine masks Aadhaar numbers itself; this makes sure that a full number never reaches the
    database even if it did not.

    >>> mask_aadhaar_numbers({"aadhaar_number": {"value": "2345 6789 0123", "confidence_score": 1}})
    {'aadhaar_number': {'value': 'XXXX XXXX 0123', 'confidence_score': 1}}
    """
    field = file_data.get("aadhaar_number")
    if isinstance(field, dict) and isinstance(field.get("value"), str):
        field["value"] = masking.value(field["value"])
    return file_data
