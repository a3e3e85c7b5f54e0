"""The address an Aadhaar prints, and its parts: lines, city, state and PIN.

The card's back prints the address after "Address:" (English on the right, Hindi on the left;
"S/O: NAME," is part of the printed address) and ends it with the 6-digit PIN; the A4 e-Aadhaar
letter prints it in its "To" block, under the resident's name. :func:`find_address` reads the
Latin lines of that block (:func:`is_latin`; :func:`is_name` tells the name that opens the
letter's block, and serves the card's name reading too), and :func:`parse_address` splits the
text into ``address_line_1``, ``address_line_2``, ``city``, ``state`` (as named in
:data:`STATES`) and ``postcode``.
"""

from __future__ import annotations

import math
import re

from rapidfuzz import fuzz

from kagaz.doctypes.aadhaar_numbers import find_numbers
from kagaz.model import TextLine
from kagaz.text.layout import Layout
from kagaz.text.names import looks_like_name

__all__ = ["ADDRESS_LABEL", "STATES", "TO_LINE", "find_address", "is_latin", "is_name", "parse_address"]

_I = re.IGNORECASE

ADDRESS_LABEL = re.compile(r"(?<![A-Za-z])A[DP]{1,2}[IL1]?R[EC]S{1,2}[EIS]?(?![A-Za-z])\s*[:;.\-/|]*\s*", _I)
TO_LINE = re.compile(r"^\s*To\s*[,:]?\s*$")
_NOT_NAME = re.compile(
    r"GOV|INDIA|FATHER|HUSBAND|GUARDIAN|MOTHER|\b[SDWC]\s*/\s*O\b|UNIQUE|AUTHORITY|AADHA|ENROL|"
    r"\bVID\b|ISSUE|DOWNLOAD|BIRTH|\bDOB\b|ADDRESS|MALE|GENDER|SPECIMEN|SAMPLE|\bTO\b|\d",
    _I,
)
_STOP = re.compile(r"\bVID\b|UIDAI|WWW\.|HELP@|\bAADHAA?R\b|MOBILE|PHONE|E-?MAIL|SIGNATURE|\bDOB\b|"
                   r"GENDER|\bDATE\b|ENROL|SPECIMEN|SAMPLE\s*DATA|आधार|1947\s*[|I]", _I)
_PIN = re.compile(r"(?<!\d)([1-9]\d{2})\s?(\d{3})(?!\d)")

#: The 28 states and 8 union territories -> (other printed spellings, first digits of their PINs).
STATES: dict[str, tuple[tuple[str, ...], str]] = {
    "Andhra Pradesh": ((), "5"), "Arunachal Pradesh": ((), "7"), "Assam": ((), "7"),
    "Bihar": ((), "8"), "Chhattisgarh": (("Chattisgarh", "Chhatisgarh"), "4"), "Goa": ((), "4"),
    "Gujarat": ((), "3"), "Haryana": ((), "1"), "Himachal Pradesh": ((), "1"),
    "Jharkhand": ((), "8"), "Karnataka": ((), "5"), "Kerala": ((), "6"),
    "Madhya Pradesh": ((), "4"), "Maharashtra": ((), "4"), "Manipur": ((), "7"),
    "Meghalaya": ((), "7"), "Mizoram": ((), "7"), "Nagaland": ((), "7"),
    "Odisha": (("Orissa",), "7"), "Punjab": ((), "1"), "Rajasthan": ((), "3"), "Sikkim": ((), "7"),
    "Tamil Nadu": ((), "6"), "Telangana": (("Telengana",), "5"), "Tripura": ((), "7"),
    "Uttar Pradesh": ((), "2"), "Uttarakhand": (("Uttaranchal",), "2"),
    "West Bengal": ((), "7"), "Andaman and Nicobar Islands": (("Andaman and Nicobar",), "7"),
    "Chandigarh": ((), "1"), "Delhi": (("NCT of Delhi", "New Delhi"), "1"),
    "Dadra and Nagar Haveli and Daman and Diu": (("Daman and Diu", "Dadra and Nagar Haveli"), "3"),
    "Jammu and Kashmir": ((), "1"), "Ladakh": ((), "1"), "Lakshadweep": ((), "6"),
    "Puducherry": (("Pondicherry",), "56"),
}


def _key(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower().replace("&", "and"))


_STATE_KEYS = {_key(n): n for n in STATES} | {
    _key(a): n for n, (alts, _) in STATES.items() for a in alts}
# Two-word pieces of state names, to rejoin "Madhya" / "Pradesh" wrapped over two lines.
_STATE_PAIRS = {" ".join(w[i:i + 2]) for n in STATES for w in [n.lower().split()] for i in range(len(w) - 1)}


def is_latin(text: str) -> bool:
    """More Latin letters than Devanagari ones."""
    deva = sum("\u0900" <= ch <= "\u097f" for ch in text)
    return sum(ch.isascii() and ch.isalpha() for ch in text) > deva


def is_name(ln: TextLine) -> bool:
    """A Latin line that reads as a name (a garbled Hindi line read as Latin scores low)."""
    return ln.score >= 0.6 and is_latin(ln.text) and looks_like_name(ln.text) and not _NOT_NAME.search(ln.text)


def find_address(layout: Layout) -> tuple[str, list[TextLine], int] | None:
    """The printed address (after an "Address:" label, or in the letter's "To" block), its lines
    and how many blocks read the same."""
    blocks = []
    for anchor in layout.find(ADDRESS_LABEL):
        m = ADDRESS_LABEL.search(anchor.text)
        assert m is not None
        prefix = anchor.text[:m.start()]
        if re.search(r"[A-Za-z]{3}", prefix) and not re.search(r"[/|]\s*$", prefix):
            continue  # "ABHA address", "Business address"
        rest = anchor.text[m.end():].strip()
        blocks.append(_collect(layout, anchor, [anchor] if rest else [], [rest] if rest else []))
    for to in layout.find(TO_LINE):
        follow = [ln for ln in layout.below(to, max_lines=4) if is_latin(ln.text) and ln.score >= 0.6]
        if follow and is_name(follow[0]):  # "To", the name, then the address
            blocks.append(_collect(layout, follow[0], [], []))
    found = [b for b in blocks if b]
    if not found:
        return None
    text, lines, _ = max(found, key=lambda b: (bool(_PIN.search(b[0])), not b[2], min(ln.score for ln in b[1])))
    return text, lines, sum(b[0] == text for b in found)


def _collect(layout: Layout, anchor: TextLine, lines: list[TextLine],
             texts: list[str]) -> tuple[str, list[TextLine], bool] | None:
    """Lines below ``anchor`` in its column, up to the one ending with the PIN; and whether an
    unreadable line was skipped on the way."""
    h = max(anchor.height, layout.median_height * 0.8)
    last, gap = anchor, False
    for ln in layout.lines[layout.lines.index(anchor) + 1:]:
        if texts and _PIN.search(texts[-1]):
            break
        if ln.page != anchor.page or ln.cy <= anchor.cy + h * 0.5:
            continue
        if not anchor.x0 - 2 * h <= ln.x0 <= anchor.x0 + 8 * h:
            continue
        if not is_latin(ln.text) or ln.score < 0.5:
            gap = True
            continue
        if ln.y0 - last.y1 > 1.8 * h or len(texts) >= 7 or _STOP.search(ln.text) or find_numbers([ln]):
            break
        if lines and abs(ln.cy - lines[-1].cy) < h * 0.5:  # same row, split by the OCR
            texts[-1] += " " + ln.text.strip()
        else:
            texts.append(ln.text.strip())
        lines.append(ln)
        last = ln
    text = _join_address(texts)
    return (text, lines, gap) if text and lines else None


def _join_address(texts: list[str]) -> str:
    """Printed lines joined with ", " (a word wrapped mid-name, "Madhya" / "Pradesh", with " ")."""
    out = ""
    for t in texts:
        t = t.strip(" ,")
        if not t:
            continue
        if out:
            pair = f"{out.split()[-1]} {t.split()[0]}".lower()
            glue = out.endswith("-") or t[0] == "-" or t[0].islower() or pair in _STATE_PAIRS
            out += " " if glue else ", "
        out += t
    out = re.sub(r"\s*,[\s,]*", ", ", re.sub(r"(?<=[A-Za-z]):(?=[A-Za-z])", ": ", out))
    out = re.sub(r"(?<=[A-Za-z])\s?-?\s?(?=[1-9]\d{2}\s?\d{3}$)", lambda m: " - " if "-" in m.group(0) else " ", out)
    return _fix_state(re.sub(r"\s+", " ", out).strip(" ,"))


def _fix_state(text: str) -> str:
    """A misread state name near the end ("Mabarashtra") spelled as in :data:`STATES`."""
    parts = text.split(", ")
    for i in range(len(parts) - 1, max(-1, len(parts) - 3), -1):
        m = re.match(r"^([A-Za-z][A-Za-z ]{4,}?)(\s*(?:-\s*)?\d{3}\s?\d{3})?$", parts[i])
        if not m or _key(m.group(1)) in _STATE_KEYS:
            continue
        best = max(STATES, key=lambda n: fuzz.ratio(n.lower(), m.group(1).lower()))
        if fuzz.ratio(best.lower(), m.group(1).lower()) >= 88:
            parts[i] = (best.upper() if m.group(1).isupper() else best) + (m.group(2) or "")
            break
    return ", ".join(parts)


_PIN_LABEL = re.compile(r"(?:PIN\s*(?:CODE)?|PINCODE)\s*[:.\-]?", _I)
_DIST = re.compile(r"^(?:DIST(?:RICT)?|DT)\b\.?\s*[:\-]?\s*", _I)
_PART_LABEL = re.compile(r"^(?:STATE|CITY|VTC|TOWN)\s*[:\-]\s*", _I)


def parse_address(text: str) -> dict[str, str]:
    """Split an Indian address into line 1, line 2, city, state and PIN (``""`` when absent).

    >>> parse_address("S/O: Ram Lal, H.No 42, Gandhi Nagar, Rohini, New Delhi, Delhi - 110085")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'address_line_1': 'S/O: Ram Lal, H.No 42', 'address_line_2': 'Gandhi Nagar, Rohini',
     'city': 'New Delhi', 'state': 'Delhi', 'postcode': '110085'}
    >>> parse_address("C/O Suresh, Plot 12, Dist: Bhopal, Madhya Pradesh, PIN Code: 462003")["city"]
    'Bhopal'
    >>> parse_address("12 MG Road, Indore Madhya Pradesh 452001")["state"]
    'Madhya Pradesh'
    """
    parts = [p.strip(" .-") for p in text.split(",")]
    pin = ""
    for i in range(len(parts) - 1, -1, -1):
        m = _PIN.search(parts[i])
        if m:
            pin = m.group(1) + m.group(2)
            parts[i] = _PIN_LABEL.sub("", parts[i][:m.start()] + parts[i][m.end():]).strip(" .-:")
            break
    parts = [p for p in parts if p]
    state, city, rest = "", "", parts
    for i in range(len(parts) - 1, -1, -1):
        words = _PART_LABEL.sub("", parts[i]).split()
        k = next((k for k in range(len(words)) if _key(" ".join(words[k:])) in _STATE_KEYS), None)
        if k is None:
            continue
        tail, head = " ".join(words[k:]), " ".join(words[:k])
        state = _STATE_KEYS[_key(tail)]
        if _key(tail) == "newdelhi":
            city = tail
        rest = parts[:i] + ([head] if head else [])
        break
    dist = next((i for i, p in enumerate(rest) if _DIST.match(p) and _DIST.sub("", p)), None)
    if not city and dist is not None:
        city = _DIST.sub("", rest.pop(dist))
    elif not city and rest:
        city = _PART_LABEL.sub("", rest.pop())
    while rest and city and _key(rest[-1]) == _key(city):
        rest.pop()  # "Bhopal, Dist: Bhopal": the city once
    k = math.ceil(len(rest) / 2)
    return {"address_line_1": ", ".join(rest[:k]), "address_line_2": ", ".join(rest[k:]),
            "city": city, "state": state, "postcode": pin}

