"""Income-tax identifiers and facts shared by pay slips, Form 16 and ITR-V: PAN, TAN, the
assessment year, and values read after their labels.

* **PAN** (Income-tax Act s.139A, CBDT's structure; validated with python-stdnum
  ``stdnum.in_.pan``): 5 letters, 4 digits, a letter; the 4th letter is the holder's kind
  (P person, C company, F firm …).
* **TAN** (s.203A, Rule 114A; NSDL's "TAN is a 10 digit alpha numeric number"): 4 letters,
  5 digits, a letter; the first three letters are the jurisdiction's code, the 4th is the
  initial of the deductor's name.
* **Assessment year** ``2025-26``: the twelve months from 1 April 2025 in which the income of the
  previous year (FY 2024-25) is assessed; a return for it is filed from 1 April 2025, by
  31 December 2025 as an original, belated or revised return, an updated return (s.139(8A))
  up to 48 months after the assessment year ends (Finance Act 2025; 24 months before).

A value is returned only from beside its label (no PAN taken from running text).

>>> tan_valid("PNEA12345B"), tan_valid("PNE12345B"), tan_initial_ok("PNEK12345B", "M/s. Kaveri Foods")
(True, False, True)
>>> read_year("Assessment Year : 2025 - 2026"), read_year("A.Y. 2024-25")
('2025-26', '2024-25')
>>> [str(d) for d in year_window("2025-26")]
['2025-04-01', '2030-03-31']
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.in_ import pan as stdnum_pan

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.forms import read_value
from kagaz.doctypes.statement_text import span_x
from kagaz.model import Field, TextLine
from kagaz.text.layout import Layout
from kagaz.text.repair import coerce, only_alnum

__all__ = ["PAN_TOKEN", "labelled_code", "pan_valid", "read_year", "tan_initial_ok", "tan_valid",
           "value_field", "year_field", "year_window"]

PAN_TOKEN = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{5}\s?[A-Z0-9]{4}\s?[A-Z0-9])(?![A-Z0-9])")
_TAN = re.compile(r"^[A-Z]{4}[0-9]{5}[A-Z]$")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*[-–/]\s*(20)?(\d{2})(?!\d)")
_AY_LABEL = re.compile(r"ASSESS?MENT\s*YEAR|\bA\.?\s*Y\.?(?=\s*[:\-]?\s*20\d\d)", re.I)
_TITLE_WORDS = re.compile(r"^\s*(?:M\s*/\s*S\.?|MESSRS\.?|THE)\s+", re.I)


def pan_valid(value: str) -> bool:
    return stdnum_pan.is_valid(value)


def tan_valid(value: str) -> bool:
    return bool(_TAN.match(value or ""))


def tan_initial_ok(tan: str, deductor: str) -> bool | None:
    """Whether the TAN's 4th letter is the deductor's name initial (None: nothing to compare)."""
    name = _TITLE_WORDS.sub("", deductor or "").strip()
    if not tan_valid(tan) or not name or not name[0].isalpha():
        return None
    return tan[3] == name[0].upper()


def read_year(text: str) -> str | None:
    """``2025-26`` from "2025-26", "2025 - 2026", "2025-2026" (consecutive years only)."""
    for m in _YEAR.finditer(text):
        first, second = int(m.group(1)), int(m.group(3))
        if (first + 1) % 100 == second and (m.group(2) is None or m.group(2) == "20"):
            return f"{first}-{second:02d}"
    return None


def year_window(ay: str) -> tuple[dt.date, dt.date]:
    """The first and last day a return for assessment year ``ay`` may be filed (updated
    returns included: 48 months after the assessment year)."""
    first = int(ay[:4])
    return dt.date(first, 4, 1), dt.date(first + 5, 3, 31)


def year_field(layout: Layout) -> Field | None:
    """The assessment year beside its label ("Assessment Year", "A.Y.")."""
    for line in layout.find(_AY_LABEL):
        m = _AY_LABEL.search(line.text)
        assert m is not None
        cands = [line.text[m.end():]] + [ln.text for ln in layout.right_of(line, max_gap=line.height * 60)[:2]]
        cands += [ln.text for ln in layout.below(line, max_lines=1)]
        for text in cands:
            year = read_year(text)
            if year:
                return make_field(year, confidence(line.score, checked=True), line)
    return None


def labelled_code(layout: Layout, label: re.Pattern[str], pattern: str, *,
                  valid: object = None, reach: int = 2) -> tuple[str, int, TextLine] | None:
    """A PAN- or TAN-shaped code (``pattern`` as for :func:`coerce`) on the label's line (after
    it), to its right or under it: (value, repairs, line). ``valid`` checks the result."""
    check = valid if callable(valid) else (lambda _v: True)
    for anchor in layout.find(label):
        m = label.search(anchor.text)
        assert m is not None
        cands = [(anchor.text[m.end():], anchor)]
        cands += [(ln.text, ln) for ln in layout.right_of(anchor, max_gap=anchor.height * 60)[:2]]
        cands += [(ln.text, ln) for ln in layout.below(anchor, max_lines=reach)]
        lx = sum(span_x(anchor, m.start(), m.end())) / 2
        found = [(fixed[1], k, abs(sum(span_x(line, tok.start(1), tok.end(1))) / 2 - lx), fixed[0], line)
                 for k, (text, line) in enumerate(cands)
                 for tok in PAN_TOKEN.finditer(text.upper() if line is not anchor else " " * m.end() + text.upper())
                 if (fixed := coerce(only_alnum(tok.group(1)), pattern)) and check(fixed[0])]
        if found:
            # a code read as printed beats one forced into shape (a PAN "AAACS…" is a TAN
            # only with S read as 5), then the nearest line; on a row of codes under a row of
            # headers (TRACES' PAN | TAN | PAN), the one under this label
            repairs, _, _, value, line = min(found, key=lambda f: (f[0] > 0, f[1], f[2]))
            return value, repairs, line
    return None


def value_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str], *,
                multiline: int = 1, clean: object = None) -> Field | None:
    """Free text (a name, an address) read after its label with :func:`read_value`, cleaned
    by ``clean`` (None drops it)."""
    found = read_value(layout, label, stop, multiline=multiline)
    if found is None or found.line is None:
        return None
    text = found.text.strip(" ,.:;-|")
    if callable(clean):
        text = clean(text)  # before spaces are collapsed: a wide gap ends a value
    text = re.sub(r"\s+", " ", text or "").strip(" ,.:;-|")
    if not text or sum(ch.isalpha() for ch in text) < 2:
        return None
    conf = confidence(found.score, free_text=True) - 0.02 * (len(found.lines) - 1)
    return make_field(text, round(max(0.05, conf), 4), found.line)
