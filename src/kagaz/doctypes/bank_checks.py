"""The bank-detail validations a document with an IFSC and a MICR code reports (cheques and NACH
mandates): the IFSC's shape, the MICR code's
shape, and the MICR code's bank digits against the IFSC's bank where RBI's bank code for it is
known (:data:`kagaz.doctypes.cheque_micr.MICR_BANK_CODES`; other banks are not compared).

>>> from kagaz.model import Field
>>> v = {}
>>> bank_validations(v, Field(value="SBIN0001234", confidence_score=0.9),
...                  Field(value="411229026", confidence_score=0.9))
>>> v["ifsc_format"]["valid"], v["micr_format"]["valid"], v["micr_bank_matches_ifsc"]["valid"]
(True, True, False)
"""

from __future__ import annotations

from typing import Any

from kagaz.doctypes.cheque_micr import MICR_BANK_CODES, micr_valid
from kagaz.doctypes.statement_fields import BANKS, ifsc_valid
from kagaz.model import Field

__all__ = ["bank_validations", "micr_bank_mismatch"]


def micr_bank_mismatch(code: Field | None, micr: Field | None) -> bool:
    """Whether the MICR code's bank digits are another bank's than the IFSC's (both fields then
    lose confidence, at most 0.7); False where the bank's MICR code is not known."""
    if not (code and micr):
        return False
    expected = MICR_BANK_CODES.get(code.value[:4])
    if not expected or micr.value[3:6] == expected:
        return False
    code.confidence_score = min(code.confidence_score, 0.7)
    micr.confidence_score = min(micr.confidence_score, 0.7)
    return True


def bank_validations(out: dict[str, Any], ifsc: Field | None, micr: Field | None) -> None:
    """Add ``ifsc_format``, ``micr_format`` and ``micr_bank_matches_ifsc`` to ``out``."""
    if ifsc:
        code = ifsc.value
        ok = ifsc_valid(code)
        out["ifsc_format"] = {
            "valid": ok, "ifsc": code, "bank_code": code[:4], "bank": BANKS.get(code[:4], (None,))[0],
            "message": "The IFSC has the RBI format (4 letters, 0, 6 letters or digits)" if ok else
            "The IFSC does not have the RBI format (4 letters, 0, 6 letters or digits)"}
    if micr:
        value = micr.value
        ok = micr_valid(value)
        out["micr_format"] = {
            "valid": ok, "micr": value, "city_code": value[:3], "bank_code": value[3:6],
            "branch_code": value[6:], "message": "The MICR code has 9 digits: city, bank and branch"
            if ok else "The MICR code is not 9 digits with a city code"}
    if ifsc and micr:
        bank_code = ifsc.value[:4]
        expected = MICR_BANK_CODES.get(bank_code)
        if expected:
            got = micr.value[3:6]
            out["micr_bank_matches_ifsc"] = {
                "valid": got == expected, "ifsc_bank": bank_code, "expected_micr_bank": expected,
                "micr_bank": got,
                "message": f"The MICR code's bank digits {got} are {bank_code}'s" if got == expected
                else f"The MICR code's bank digits {got} are not {bank_code}'s ({expected})"}
