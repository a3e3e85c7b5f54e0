"""Aadhaar numbers as printed: every 12-digit (or masked) number on a page, and where its digits lie.

UIDAI prints the number in groups of four ("2484 1692 4902"), masked copies "XXXX XXXX 4902";
the PVC card adds a 16-digit VID and the e-Aadhaar letter an enrolment number, which are not the
number. OCR splits a row into several boxes, sometimes overlapping ("24841" + "1692 4902"), and
reads look-alike letters for digits (O for 0, l for 1). :func:`find_numbers` joins each row's
boxes, reads every run of digit groups, and keeps, for each candidate, the boxes and character
offsets of its first eight digits (what a masked image blacks out). :func:`is_valid` checks the
structure and the Verhoeff digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kagaz.model import TextLine
from kagaz.text.layout import sort_reading_order
from kagaz.text.masking import is_aadhaar_number

__all__ = ["TO_DIGIT", "Candidate", "find_numbers", "is_valid"]

_I = re.IGNORECASE

_VID = re.compile(r"(?<![A-Z])VID\b|VIRTUAL\s*ID|ENROL+MENT|\bEID\b|नामांकन", _I)
TO_DIGIT = str.maketrans("OoIl|!SsBZz", "00111155822")
_MASK = re.compile(r"(?<![A-Za-z0-9*×])([Xx*×]{4})\s?([Xx*×]{4})\s?(\d{4})(?!\d)")
# What a row needs to hold any candidate: a masked number, or a run of tokens (each starts and
# ends at a separator or a stripped quote or bracket) with twelve characters that read as digits
# and only spaces between them. Most rows of a page hold neither, and skip reading every token.
_EDGE = r"\s:;,.'\"()"
_MAYBE = re.compile(_MASK.pattern + rf"|(?<![^{_EDGE}])(?:[0-9OoIl|!SsBZz]\s*){{11}}[0-9OoIl|!SsBZz]+(?![^{_EDGE}])")
_TOKEN = re.compile(r"[^\s:;,]+")


@dataclass
class Candidate:
    """A 12-digit (or masked) number read on one row, with where its first eight digits lie."""

    number: str  # 12 digits, or "XXXX XXXX 1234"
    repairs: int
    canonical: bool  # printed "1234 5678 9012" or "123456789012"
    line: TextLine
    spans: list[tuple[TextLine, int, int]] = field(default_factory=list)  # first 8 digits

    @property
    def masked(self) -> bool:
        return self.number.startswith("X")


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows, each left to right."""
    rows: list[list[TextLine]] = []
    for ln in sort_reading_order(lines):
        ref = rows[-1][0] if rows else None
        if ref is not None and ref.page == ln.page and abs(ln.cy - ref.cy) <= max(
                min(ref.height, ln.height) * 0.5, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [sorted(r, key=lambda x: x.x0) for r in rows]


Segs = list[tuple[int, TextLine, int]]  # (offset in the row text, line, characters skipped)


def _join(row: list[TextLine], dedup: bool) -> tuple[str, Segs]:
    """The row's text; lines far apart are kept apart by ";". With ``dedup``, characters that
    two overlapping boxes both read ("24841" + "1692 4902") are kept once."""
    text, segs = "", []
    prev: TextLine | None = None
    for ln in row:
        skip = 0
        if prev is not None:  # boxes unpacked, not read through properties: every row is joined
            px0, py0, px1, py1 = prev.box
            x0, y0, _, y1 = ln.box
            unit = (px1 - px0) / max(1, len(prev.text))
            overlap = (px1 - x0) / max(unit, 1e-6)
            if x0 - px1 > 1.5 * max(py1 - py0, y1 - y0):
                text += " ; "
            elif dedup and overlap > 0.3:
                a, b = prev.text.rstrip().replace(" ", ""), ln.text.lstrip()
                k = next((k for k in (3, 2, 1) if k <= overlap + 1 and len(b) >= k
                          and " " not in b[:k] and a.endswith(b[:k])), 0)
                skip = len(ln.text) - len(b) + k
                text += "" if k else " "
            else:
                text += " "
        segs.append((len(text), ln, skip))
        text += ln.text[skip:]
        prev = ln
    return text, segs


def _locate(segs: Segs, pos: int) -> tuple[TextLine, int]:
    """The line and the offset in its text of the row text's character ``pos``."""
    for start, ln, skip in reversed(segs):
        if pos >= start:
            return ln, pos - start + skip
    return segs[0][1], pos


def _row_candidates(row: list[TextLine], dedup: bool) -> list[Candidate]:
    text, segs = _join(row, dedup)
    out: list[Candidate] = []
    if not _MAYBE.search(text):  # the characters of TO_DIGIT's keys, and digits
        return out
    for m in _MASK.finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        if not _VID.search(before) and not re.search(r"[Xx*×]{4}\s?$", before):
            out.append(Candidate(f"XXXX XXXX {m.group(3)}", 0, True, _locate(segs, m.start(3))[0]))
    run: list[tuple[int, str]] = []
    for m in [*_TOKEN.finditer(text), None]:
        tok, pos = ("", len(text)) if m is None else (m.group(0).strip(".'\"()"), m.start())
        if tok:
            pos = text.index(tok, pos)
        conv = tok.translate(TO_DIGIT)
        numeric = bool(tok) and conv.isascii() and conv.isdigit() and 2 * sum(c.isdigit() for c in tok) >= len(tok)
        if numeric and run and text[run[-1][0] + len(run[-1][1]):pos].strip() == "":
            run.append((pos, tok))
            continue
        if run and not _VID.search(text[max(0, run[0][0] - 16):run[0][0]]):
            cand = _from_run(run, segs)
            if cand:
                out.append(cand)
        run = [(pos, tok)] if numeric else []
    return out


def _from_run(run: list[tuple[int, str]], segs: Segs) -> Candidate | None:
    """A candidate from consecutive digit groups: 12 digits (not a 16-digit VID), or 4-4-4 with a
    stray digit or two read beside it."""
    sizes = [len(t) for _, t in run]
    total = sum(sizes)
    canonical = sizes in ([4, 4, 4], [12])
    if total == 16 or total < 12:
        return None
    if total > 12:
        if sizes[:3] == [4, 4, 4] and sizes[3] <= 2:
            run = run[:3]
        elif sizes[-3:] == [4, 4, 4] and sizes[-4] <= 2:
            run = run[-3:]
        else:
            return None
    chars = [(pos + k, ch) for pos, tok in run for k, ch in enumerate(tok)]
    where = [_locate(segs, pos) for pos, _ in chars]
    if total == 12 and not canonical and sizes not in ([4, 8], [8, 4]) and len({id(w[0]) for w in where}) < 2:
        return None  # "110085 560001": two numbers side by side, not one read in pieces
    repairs = sum(not ch.isdigit() for _, ch in chars)
    if repairs > 3:
        return None
    spans: dict[int, list] = {}
    for ln, off in where[:8]:
        spans.setdefault(id(ln), [ln, off, off + 1])[2] = off + 1
    line = max((s[0] for s in spans.values()), key=lambda ln: sum(c.isdigit() for c in ln.text))
    digits = "".join(ch for _, ch in chars).translate(TO_DIGIT)
    return Candidate(digits, repairs, canonical, line, [(s[0], s[1], s[2]) for s in spans.values()])


def is_valid(number: str) -> bool:
    """Structure and Verhoeff digit (:func:`stdnum.in_.aadhaar.is_valid`), and not a specimen's
    number made of repeated digits.

    >>> is_valid("248416924902"), is_valid("248416924903"), is_valid("444455556666")
    (True, False, False)
    """
    if not is_aadhaar_number(number):
        return False
    return not all(len(set(number[i:i + 4])) == 1 for i in (0, 4, 8))


def find_numbers(lines: list[TextLine]) -> list[Candidate]:
    """Every Aadhaar-shaped number (valid or not, masked ones too), one per row and reading;
    VIDs and enrolment numbers excluded. Rows whose line boxes overlap are read again with the
    digits both boxes read kept once."""
    out: list[Candidate] = []
    for row in _rows(lines):
        found = _row_candidates(row, dedup=False)
        if len(row) > 1 and not any(is_valid(c.number) for c in found):
            extra = [c for c in _row_candidates(row, dedup=True) if is_valid(c.number)]
            found = extra or found
        out.extend(found)
    return out
