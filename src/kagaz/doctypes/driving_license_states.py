"""The state that issued a driving licence: the RTO state codes, and the state's name as the card
prints it.

The Sarathi number starts with the issuing state's RTO code (:data:`STATES`, old codes too).
:func:`read_state` reads the state's name from the card's issuer line ("Govt. of Karnataka",
"Transport Department, Government of NCT of Delhi", "MAHARASHTRA STATE MOTOR DRIVING
LICENCE") in any of its printed spellings, checked against the number's code; when no issuer
line names it, the number's code stands in only when the holder's address names that state.
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence
from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["STATES", "read_state"]

_I = re.IGNORECASE

#: RTO state codes -> the state's name (OR/UA are pre-2011/2007 codes, TG Telangana's since 2024).
STATES = {
    "AN": "ANDAMAN AND NICOBAR ISLANDS", "AP": "ANDHRA PRADESH", "AR": "ARUNACHAL PRADESH",
    "AS": "ASSAM", "BR": "BIHAR", "CG": "CHHATTISGARH", "CH": "CHANDIGARH", "DD": "DAMAN AND DIU",
    "DL": "DELHI", "DN": "DADRA AND NAGAR HAVELI", "GA": "GOA", "GJ": "GUJARAT",
    "HP": "HIMACHAL PRADESH", "HR": "HARYANA", "JH": "JHARKHAND", "JK": "JAMMU AND KASHMIR",
    "KA": "KARNATAKA", "KL": "KERALA", "LA": "LADAKH", "LD": "LAKSHADWEEP", "MH": "MAHARASHTRA",
    "ML": "MEGHALAYA", "MN": "MANIPUR", "MP": "MADHYA PRADESH", "MZ": "MIZORAM", "NL": "NAGALAND",
    "OD": "ODISHA", "OR": "ODISHA", "PB": "PUNJAB", "PY": "PUDUCHERRY", "RJ": "RAJASTHAN",
    "SK": "SIKKIM", "TN": "TAMIL NADU", "TR": "TRIPURA", "TS": "TELANGANA", "TG": "TELANGANA",
    "UK": "UTTARAKHAND", "UA": "UTTARAKHAND", "UP": "UTTAR PRADESH", "WB": "WEST BENGAL",
}
# Printed spellings of state names (word-separated, old names too) -> the name returned.
_STATE_RX = [(re.compile(r"\b" + rx + r"\b", re.I), name) for rx, name in [
    (r"ANDAMAN", "ANDAMAN AND NICOBAR ISLANDS"), (r"ARUNACHAL", "ARUNACHAL PRADESH"),
    (r"ANDHRA\s*PRADESH", "ANDHRA PRADESH"), (r"MADHYA\s*PRADESH", "MADHYA PRADESH"),
    (r"HIMACHAL\s*PRADESH", "HIMACHAL PRADESH"), (r"UTTAR\s*PRADESH", "UTTAR PRADESH"),
    (r"UTTARA(?:KHAND|NCHAL)", "UTTARAKHAND"), (r"TAMIL\s*NADU", "TAMIL NADU"),
    (r"WEST\s*BENGAL", "WEST BENGAL"), (r"JAMMU\s*(?:AND|&)?\s*KASHMIR", "JAMMU AND KASHMIR"),
    (r"DAMAN", "DAMAN AND DIU"), (r"DADRA", "DADRA AND NAGAR HAVELI"),
    (r"(?:ODISHA|ORISSA)", "ODISHA"), (r"(?:PUDUCHERRY|PONDICHERRY)", "PUDUCHERRY"),
    (r"CHH?ATT?ISGARH", "CHHATTISGARH"),
    *[(n, n) for n in ("ASSAM", "BIHAR", "CHANDIGARH", "DELHI", "GOA", "GUJARAT", "HARYANA",
                       "JHARKHAND", "KARNATAKA", "KERALA", "LADAKH", "LAKSHADWEEP", "MAHARASHTRA",
                       "MEGHALAYA", "MANIPUR", "MIZORAM", "NAGALAND", "PUNJAB", "RAJASTHAN",
                       "SIKKIM", "TELANGANA", "TRIPURA")],
]]
_ISSUER_LINE = re.compile(r"GOV|STATE|TRANSPORT|ISSUED|LICEN|MOTOR|UNION|DEPARTMENT|N\.?C\.?T", _I)


def read_state(layout: Layout, number: str | None) -> tuple[str, float, TextLine | None] | None:
    """(name, confidence, line) of the issuing state: printed in an issuer line (or alone on a
    line), else the number's state code when the holder's address names that state (no line)."""
    coded = STATES.get(number[:2]) if number else None
    addr = layout.find(r"address|\b\d{3}\s?\d{3}\b")
    for line in layout:
        if line in addr or not _ISSUER_LINE.search(line.text):
            if not any(rx.fullmatch(line.text.strip(" .,:")) for rx, _ in _STATE_RX):
                continue
        for rx, name in _STATE_RX:
            if rx.search(line.text):
                agree = None if coded is None else coded == name
                conf = confidence(line.score, checked=True if agree else None)
                return name, (min(conf, 0.8) if agree is False else conf), line
    # The number's state code alone is not the state printed on the card: a field that is not on
    # the document stays absent. The holder's address naming that same state is printed, though.
    if coded and any(rx.search(ln.text) for ln in addr for rx, n in _STATE_RX if n == coded):
        return coded, 0.85, None
    return None
