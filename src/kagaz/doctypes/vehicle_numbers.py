"""Vehicle identifiers: registration marks (India) and chassis numbers (VIN, ISO 3779).

**Registration marks.** The Central Motor Vehicles Rules, 1989 (rule 50 and the Ministry's
notifications under section 41(6) of the Motor Vehicles Act, 1988) fix the mark every Indian
vehicle carries: the state's or Union territory's two-letter code, the registering authority's
(RTO's) number, a series of up to three letters and a number of up to four digits
(``MH 12 AB 1234``; Delhi's RTO numbers have one digit, ``DL 3C AB 1234``). The Bharat series
(G.S.R. 594(E) of 26 August 2021) reads ``YY BH #### XX``: the year of first registration, "BH",
four digits and one or two letters (``22BH1234AA``). The mark is returned compact, letters and
digits only (``MH12AB1234``), as the registers (VAHAN) store it.

**Chassis numbers.** Vehicles made since 2000 carry a 17-character VIN (ISO 3779, and AIS-065 in
India): letters and digits without I, O and Q, the first three the maker's world manufacturer
identifier (``MA3`` Maruti Suzuki, ``MAT`` Tata, ``MBL`` Hero…: "M" is India's region code).
Position 9 is a check digit only where North-American rules (49 CFR 565) require it; ISO 3779
does not, and Indian makers mostly put a letter or digit of their own there. So the check digit
is computed and reported (``check_digit_matches``), never held against the number (python-stdnum,
pinned here, has no VIN module, hence this one). Older chassis
numbers are not VINs at all: any 5 to 20 letters and digits after the label are read.

>>> compact_registration("MH-12-AB-1234"), registration_check("MH12AB1234")["valid"]
('MH12AB1234', True)
>>> registration_check("ZZ12AB1234")["valid"], registration_check("22BH1234AA")["series"]
(False, 'BH')
>>> vin_check("1M8GDM9AXKP042788")["check_digit_matches"], vin_check("MA3EWDE1S00123456")["valid"]
(True, True)
>>> vin_check("MA3EWDE1S0O123456")["valid"]
False
"""

from __future__ import annotations

import re
from typing import Any

from kagaz.model import TextLine
from kagaz.text.layout import Layout
from kagaz.text.repair import TO_DIGIT, TO_LETTER

__all__ = ["STATE_CODES", "compact_registration", "find_registration", "find_vin",
           "registration_check", "vin_check"]

#: Registration-mark codes of the states and Union territories (MoRTH), old codes included
#: (``OR`` Odisha before 2012, ``UA`` Uttaranchal before 2007, ``DD``/``DN`` before the merger).
STATE_CODES = {
    "AN": "Andaman and Nicobar Islands", "AP": "Andhra Pradesh", "AR": "Arunachal Pradesh",
    "AS": "Assam", "BR": "Bihar", "CH": "Chandigarh", "CG": "Chhattisgarh",
    "DD": "Dadra and Nagar Haveli and Daman and Diu", "DN": "Dadra and Nagar Haveli",
    "DL": "Delhi", "GA": "Goa", "GJ": "Gujarat", "HR": "Haryana", "HP": "Himachal Pradesh",
    "JK": "Jammu and Kashmir", "JH": "Jharkhand", "KA": "Karnataka", "KL": "Kerala",
    "LA": "Ladakh", "LD": "Lakshadweep", "MP": "Madhya Pradesh", "MH": "Maharashtra",
    "MN": "Manipur", "ML": "Meghalaya", "MZ": "Mizoram", "NL": "Nagaland", "OD": "Odisha",
    "OR": "Odisha", "PY": "Puducherry", "PB": "Punjab", "RJ": "Rajasthan", "SK": "Sikkim",
    "TN": "Tamil Nadu", "TS": "Telangana", "TG": "Telangana", "TR": "Tripura",
    "UP": "Uttar Pradesh", "UK": "Uttarakhand", "UA": "Uttarakhand", "WB": "West Bengal",
}
_SEP = r"[\s\-.]{0,2}"
# A mark as printed: spaces, dashes or dots between its parts (OCR-confusable letters allowed).
_STATE_MARK = re.compile(
    rf"(?<![A-Z0-9])([A-Z]{{2}}){_SEP}([0-9OIlSZ]{{1,2}}){_SEP}((?:[A-Z]{_SEP}){{0,3}})([0-9OIlSZB]{{1,4}})(?![A-Z0-9])")
_BH_MARK = re.compile(rf"(?<![A-Z0-9])([0-9]{{2}}){_SEP}(BH){_SEP}([0-9]{{4}}){_SEP}([A-Z]{{1,2}})(?![A-Z0-9])")
_REG_STRICT = re.compile(r"^(?:([A-Z]{2})([0-9]{1,2})([A-Z]{0,3})([0-9]{1,4})|([0-9]{2})BH([0-9]{4})([A-Z]{1,2}))$")
_VIN_CHARS = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
_VIN_TOKEN = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{17})(?![A-Z0-9])")
# 49 CFR 565.15: transliteration of letters and the position weights of the check digit.
_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
           **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
           **dict(zip("STUVWXYZ", range(2, 10)))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def compact_registration(text: str) -> str:
    """Letters and digits only, upper case."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _digits(text: str) -> tuple[str, int]:
    fixed = "".join(TO_DIGIT.get(ch.upper(), ch) for ch in text)
    return fixed, sum(a != b for a, b in zip(text, fixed))


def _mark_in(text: str) -> tuple[str, int] | None:
    """The first registration mark in ``text``: (compact mark, characters repaired)."""
    upper = text.upper()
    for m in _BH_MARK.finditer(upper):
        return "".join(m.groups()), 0
    for m in _STATE_MARK.finditer(upper):
        state, rto, series, number = m.groups()
        series = re.sub(r"[^A-Z]", "", series)
        state = "".join(TO_LETTER.get(ch, ch) for ch in state)
        if state not in STATE_CODES:
            continue
        (rto, r1), (number, r2) = _digits(rto), _digits(number)
        if state == "DL" and len(rto) == 1 and not series:
            continue
        if not series and len(number) < 4:
            continue  # "KA 12 3" is a date or a count, not a mark
        if int(number) == 0 or int(rto) == 0:
            continue
        return f"{state}{rto}{series}{number}", r1 + r2
    return None


def find_registration(layout: Layout, label: re.Pattern[str]) -> tuple[str, int, TextLine, bool] | None:
    """(mark, repairs, line, labelled): after ``label`` on its line, on the line to its right or
    the one below; else the only mark printed anywhere (unlabelled)."""
    for anchor in layout:
        m = label.search(anchor.text)
        if not m:
            continue
        found = _mark_in(anchor.text[m.end():])
        if found:
            return found[0], found[1], anchor, True
        for cand in [*layout.right_of(anchor)[:2], *layout.below(anchor, max_lines=1)]:
            found = _mark_in(cand.text)
            if found and not label.search(cand.text):
                return found[0], found[1], cand, True
    marks = {}
    for line in layout:
        found = _mark_in(line.text)
        if found:
            marks.setdefault(found[0], (found[0], found[1], line, False))
    return next(iter(marks.values())) if len(marks) == 1 else None


def registration_check(value: str) -> dict[str, Any]:
    """``registration_format``: the mark's shape and its state's code (or the Bharat series)."""
    mark = compact_registration(value)
    m = _REG_STRICT.match(mark)
    if m and m.group(5):
        return {"valid": True, "registration_number": mark, "series": "BH",
                "year_of_registration": f"20{m.group(5)}",
                "message": "A Bharat-series mark (YY BH #### XX)"}
    state = STATE_CODES.get(m.group(1)) if m else None
    ok = bool(m and state and int(m.group(2)) > 0 and int(m.group(4)) > 0)
    out: dict[str, Any] = {"valid": ok, "registration_number": mark, "series": "state",
                           "state_code": mark[:2], "state": state}
    if ok:
        out["rto_code"] = m.group(2) if m else None
        out["message"] = f"A registration mark of {state} (RTO {m.group(2) if m else ''})"
    elif m:
        out["message"] = f"{mark[:2]!r} is not a state's or Union territory's registration code"
    else:
        out["message"] = "Not a registration mark: state code, RTO number, series, number"
    return out


def _vin_fix(token: str) -> tuple[str, int]:
    """I, O and Q never occur in a VIN: read as the digits they resemble."""
    fixed = token.translate(str.maketrans("IOQ", "100"))
    return fixed, sum(a != b for a, b in zip(token, fixed))


def find_vin(text: str) -> tuple[str, int] | None:
    """The first 17-character VIN in ``text`` (I/O/Q read as 1/0/0), with repairs."""
    for m in _VIN_TOKEN.finditer(text.upper()):
        token = m.group(1)
        if sum(ch.isdigit() for ch in token) < 4 or sum(ch.isalpha() for ch in token) < 2:
            continue
        fixed, repairs = _vin_fix(token)
        if _VIN_CHARS.match(fixed):
            return fixed, repairs
    return None


def _check_digit(vin: str) -> str:
    total = sum(_VALUES[ch] * w for ch, w in zip(vin, _WEIGHTS))
    return "X" if total % 11 == 10 else str(total % 11)


def vin_check(value: str) -> dict[str, Any]:
    """``chassis_format``: a 17-character VIN's alphabet, its maker's region, and whether
    position 9 happens to be the North-American check digit (informative only)."""
    vin = compact_registration(value)
    if len(vin) != 17:
        return {"valid": None, "chassis_number": vin, "vin": False,
                "message": f"Not a 17-character VIN ({len(vin)} characters: a pre-VIN chassis "
                           "number, not checked)"}
    if not _VIN_CHARS.match(vin):
        return {"valid": False, "chassis_number": vin, "vin": True,
                "message": "A VIN has letters and digits only, without I, O and Q (ISO 3779)"}
    matches = vin[8] == _check_digit(vin)
    return {"valid": True, "chassis_number": vin, "vin": True, "wmi": vin[:3],
            "made_in_india": vin[0] == "M", "check_digit_matches": matches,
            "message": "A well-formed VIN (ISO 3779)" + (
                "; position 9 is the North-American check digit" if matches else
                "; position 9 is not a North-American check digit (not required in India)")}
