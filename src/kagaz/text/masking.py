"""Mask Aadhaar numbers in free text (reports, logs of results) the way UIDAI allows:
``XXXX XXXX 1234``. Only 12-digit numbers that pass the Verhoeff check and do not start with 0
or 1 are masked, so amounts, account numbers and most references are left alone."""

from __future__ import annotations

import re

from stdnum import verhoeff

__all__ = ["mask_aadhaar_text"]

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])([2-9]\d{3})([ -]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])")


def mask_aadhaar_text(text: str) -> str:
    """``text`` with every Aadhaar-like number masked.

    >>> mask_aadhaar_text("no 7260 1815 9082, ref 726018159083, id 726018159082")
    'no XXXX XXXX 9082, ref 726018159083, id XXXX XXXX 9082'
    """
    def mask(m: re.Match[str]) -> str:
        digits = m.group(1) + m.group(3) + m.group(4)
        return "XXXX XXXX " + digits[-4:] if verhoeff.is_valid(digits) else m.group(0)

    return _CANDIDATE.sub(mask, text)
