"""The MICR band at the foot of a cheque (RBI CTS-2010): cheque number, MICR code, base number
and transaction code, in E-13B digits separated by symbols that OCR reads as anything.

>>> parse_band("348857II500229962I:868344II11")
('348857', '500229962', '868344', '11', 0)
>>> parse_band("469731130015887097535II10")
('469731', '130015887', '097535', '10', 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kagaz.imaging.geometry import overlap
from kagaz.model import TextLine, union_box
from kagaz.text.layout import Layout

__all__ = ["MICR_BANK_CODES", "Band", "band_lines", "find_band", "micr_valid", "parse_band"]

#: IFSC bank code -> the bank's 3-digit code in the MICR code (RBI's list of bank code numbers,
#: Annexure VI of its MICR procedural guidelines). Only codes confirmed from published IFSC /
#: MICR pairs of real branches are here (e.g. SBIN0002234 / 600002026, PUNB0116200 / 203024542,
#: a Kotak Hadapsar branch 411485013); the check is skipped for every other bank.
MICR_BANK_CODES: dict[str, str] = {
    "SBIN": "002", "BARB": "012", "BKID": "013", "CNRB": "015", "PUNB": "024", "UBIN": "026",
    "UTIB": "211", "ICIC": "229", "HDFC": "240", "IBKL": "259", "KKBK": "485",
}

_MICR_RX = re.compile(r"^[1-9]\d{8}$")
_WORD = re.compile(r"[A-Za-z]{3,}")
_LETTERS = re.compile(r"[A-HJ-TV-Za-km-z]{2}")
_DIGIT_SPACE = re.compile(r"[\d\s]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Band:
    """The MICR band as read: its groups (None where unread), how sure the reading is, the line."""

    cheque_number: str | None
    micr: str
    base: str | None
    tc: str | None
    repairs: int  # symbols read as digits and dropped, groups found without a symbol between
    line: TextLine


# The band's groups, in order; a symbol (on-us ⑈ or transit ⑆) follows the first three and
# precedes the first.
_GROUPS = (("cheque", 6), ("micr", 9), ("base", 6), ("tc", 2))
_FORMS = ((0, 1, 2, 3), (0, 1, 2), (1, 2, 3))


def parse_band(text: str) -> tuple[str | None, str, str | None, str | None, int] | None:
    """(cheque number, MICR code, base number, transaction code, repairs) from a band's text.

    OCR reads the E-13B symbols between the groups as "II", "I:", "U", quotes, nothing, or a
    digit "1" run into a group. Every way of cutting the digits into the groups (6, 9, 6, 2),
    with up to two "1"s for each symbol, is tried; the cut whose symbols fall where OCR put a
    separator, with the fewest digits dropped, wins. ``repairs`` counts the dropped digits and
    the symbols that left no trace. Lines with words are not the band.

    >>> parse_band("U1773761148485428:097279U29")
    ('177376', '148485428', '097279', '29', 1)
    >>> parse_band("1232043II4610138091:28683910")
    ('232043', '461013809', '286839', '10', 3)
    >>> parse_band("MICR Code: 411240012") is None
    True
    """
    if _WORD.search(text) or _LETTERS.search(text):
        return None
    digits, seps = "", {0}
    for ch in text:
        if ch.isdigit():
            digits += ch
        else:
            seps.add(len(digits))
    if not 17 <= len(digits) <= 30 or len(_DIGIT_SPACE.sub("", text)) > 12:
        return None
    if len(digits) <= 18 and not any(0 < b < len(digits) for b in seps):
        return None  # one run of up to 18 digits is an account number, not a band
    # below[i]: how many separators come before digit i
    below = [0] * (len(digits) + 2)
    for i in range(1, len(below)):
        below[i] = below[i - 1] + (i - 1 in seps)
    best: tuple[float, tuple[str | None, ...], int] | None = None
    for form in _FORMS:
        # A cut takes every digit: only skips that add up to what the groups leave can fit.
        left = len(digits) - sum(_GROUPS[g][1] for g in form)
        for skips in _SKIPS[len(form)]:
            if sum(skips) != left:
                continue
            got = _cut(digits, below, form, skips)
            if got is None:
                continue
            cost, groups, repairs = got
            cost += 2.0 * (4 - len(form))
            if best is None or cost < best[0]:
                best = (cost, groups, repairs)
    if best is None or best[0] > 6:
        return None
    cheque, micr, base, tc = best[1]
    if micr is None or micr[0] == "0":
        return None
    return cheque, micr, base, tc, best[2]


def _skip_choices(n: int) -> list[tuple[int, ...]]:
    """How many digits each symbol slot (before group 1, after groups 1..n-1, after the last)
    took: 0 to 2 each, none after the last group."""
    out: list[tuple[int, ...]] = [()]
    for _ in range(n):
        out = [(*o, k) for o in out for k in (0, 1, 2)]
    return out


_SKIPS = {n: _skip_choices(n) for n in {len(form) for form in _FORMS}}


def _cut(digits: str, below: list[int], form: tuple[int, ...],
         skips: tuple[int, ...]) -> tuple[float, tuple[str | None, ...], int] | None:
    """Cut ``digits`` into the groups of ``form`` after the symbols' ``skips``; ``below[i]``
    counts the separators OCR put before digit ``i``."""
    groups: list[str | None] = [None] * 4
    pos, cost, repairs = 0, 0.0, 0
    for i, g in enumerate(form):
        k = skips[i]
        taken = digits[pos:pos + k]
        if len(taken) < k or taken.strip("1"):
            return None  # only a "1" can be a symbol misread
        had_sep = below[pos + k + 1] > below[pos]  # a separator at pos .. pos + k
        if k:
            cost += k + (0.25 if had_sep else 0.0)
            repairs += k
        elif not had_sep and (i > 0 or g == 0):
            cost += 0.5  # a symbol that left no trace
            repairs += i > 0
        pos += k
        n = _GROUPS[g][1]
        value = digits[pos:pos + n]
        if len(value) < n:
            return None
        cost += 3.0 * (below[pos + n] - below[pos + 1])  # OCR split a group
        groups[g] = value
        pos += n
    if pos != len(digits):
        return None
    return cost, tuple(groups), repairs


def _band_rows(layout: Layout) -> list[TextLine]:
    """Each row of short digit pieces joined into one line: a text layer (and sometimes OCR)
    gives the band's groups apart, the symbols between them being no text."""
    pieces = [ln for ln in layout if _DIGIT.search(ln.text) and len(ln.text) <= 24
              and not _WORD.search(ln.text)]
    rows: list[list[TextLine]] = []
    for ln in sorted(pieces, key=lambda x: (x.page, x.cy)):
        row = rows[-1] if rows else None
        if row and row[0].page == ln.page and abs(row[0].cy - ln.cy) <= max(row[0].height, 1.0) * 0.5:
            row.append(ln)
        else:
            rows.append([ln])
    out = []
    for row in rows:
        if len(row) >= 2:
            row.sort(key=lambda x: x.x0)
            out.append(TextLine(" ".join(x.text for x in row), min(x.score for x in row),
                                union_box(row), row[0].page, row[0].source))
    return out


def find_band(layout: Layout) -> Band | None:
    best: tuple[tuple[bool, bool, float], Band] | None = None
    for line in [*layout, *_band_rows(layout)]:
        got = parse_band(line.text)
        if got is None or not _MICR_RX.match(got[1]):
            continue
        band = Band(*got, line=line)
        # a whole band beats a piece of one; then a clean reading; then the lowest line
        rank = (band.cheque_number is None, band.repairs > 2, -line.cy)
        if best is None or rank < best[0]:
            best = (rank, band)
    return best[1] if best else None


def band_lines(layout: Layout, band: Band | None) -> set[int]:
    """The ids of the lines the band was read from (one line, or the pieces of a row)."""
    if band is None:
        return set()
    return {id(ln) for ln in layout if ln is band.line or (
        ln.page == band.line.page and overlap(ln.box, band.line.box) > 0.5)}


def micr_valid(code: str) -> bool:
    """Nine digits, the city's (a PIN's first three digits) not starting with 0.

    >>> micr_valid("411240012"), micr_valid("041240012"), micr_valid("41124001")
    (True, False, False)
    """
    return bool(_MICR_RX.match(code))
