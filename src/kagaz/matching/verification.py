"""Checks of one document against what its issuer signed: the ``aadhaar_qr`` comparator.

A Flow cross-check usually compares a field across two documents; this one compares an Aadhaar
with itself: the UIDAI-signed Secure QR (``validations.aadhaar_qr``, :mod:`kagaz.authenticity`)
against the printed fields. The result follows the check's evidence, not a score threshold:

* ``MATCH`` (100): the signature verifies and no field disagrees;
* ``PARTIAL`` (50): the fields agree but the signature cannot be checked (no UIDAI certificate of
  that period is held, or the older, unsigned XML QR);
* ``MISMATCH`` (0): the signature is invalid, or a printed field disagrees with the QR;
* ``NOT_APPLICABLE``: no QR was found, or it could not be read.

>>> match_aadhaar_qr({"validations": {"aadhaar_qr": {"present": True, "decoded": True, "signature_valid": True,
...     "fields_match": {"name": True, "last_four": True}}}})
Match(score=100.0, result='MATCH', reasons=['signature_valid'])
>>> match_aadhaar_qr({}).result
'NOT_APPLICABLE'
"""

from __future__ import annotations

from typing import Any

from kagaz.matching.base import MATCH, MISMATCH, NOT_APPLICABLE, PARTIAL, Match

__all__ = ["match_aadhaar_qr"]


def match_aadhaar_qr(fields: dict[str, Any]) -> Match:
    """The ``aadhaar_qr`` result of one Aadhaar's wire fields (with their ``validations``)."""
    entry = ((fields.get("validations") or {}).get("aadhaar_qr")) if isinstance(fields, dict) else None
    if not isinstance(entry, dict) or not entry.get("present"):
        return Match(0.0, NOT_APPLICABLE, ["qr_not_found"])
    if not entry.get("decoded"):
        return Match(0.0, NOT_APPLICABLE, ["qr_unreadable"])
    disagree = [f"{k}_disagrees" for k, v in (entry.get("fields_match") or {}).items() if v is False]
    signature = entry.get("signature_valid")
    if signature is False:
        return Match(0.0, MISMATCH, ["signature_invalid", *disagree])
    if disagree:
        return Match(0.0, MISMATCH, ["signature_valid" if signature else "signature_unchecked", *disagree])
    if signature is True:
        return Match(100.0, MATCH, ["signature_valid"])
    return Match(50.0, PARTIAL, ["signature_unchecked"])
