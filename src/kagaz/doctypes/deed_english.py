"""What English deeds share: the running text, and each party found by its role phrase.

A deed (a sale deed, a gift deed) introduces each party in a sentence that ends with its role:
"BY: Mr. Ravi Kumar Sharma, S/o Suresh Sharma, residing at …, hereinafter called the VENDOR" or
"… the DONEE of the OTHER PART". The name follows a short marker ("BY:", "BETWEEN", "AND", "IN
FAVOUR OF:") or, when OCR lost the marker, is the last "Mr. Name, S/o" in the paragraph. Each type
module hands in its own role phrases; the search here is the same for every deed.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''BY: Mr. Ravi Kumar Sharma, S/o Suresh Sharma, residing at Pune, hereinafter called the DONOR;
... AND Mrs. Priya Sharma, D/o Ravi Sharma, residing at Pune, hereinafter called the DONEE.'''
>>> body, starts = running_text(Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)))
>>> roles = re.compile(r"hereinafter\\s*called\\s*the\\s*(DONOR|DONEE)")
>>> [party_name(body, m.start(), [roles])[0] for m in roles.finditer(body)]
['Ravi Kumar Sharma', 'Priya Sharma']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["HONORIFIC", "party_name", "line_at", "running_text"]

MARK = re.compile(r"\bBY\b\s*:?|\bBETWEEN\b\s*:?|\bAND\b\s*:?|\bIN\s*FAVOU?R\s*OF\b\s*:?|\bEXECUTED\s*BY\b\s*:?")
HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Shri|Shree|Smt|Sri|Srimati|Kumari|Km|Dr)\.?\s+)*"
_NAME_END = re.compile(r"\s*(?:,|\(|;|\bS\s*/\s*[oO0]\b|\bW\s*/\s*[oO0]\b|\bD\s*/\s*[oO0]\b|\bson\s+of\b|"
                       r"\bwife\s+of\b|\bdaughter\s+of\b|\baged\b|\bresiding\b|\bhereinafter\b)", re.I)
_PERSON = re.compile(HONORIFIC.replace("*", "+") + r"([A-Z][A-Za-z.']*(?:\s+[A-Z][A-Za-z.']*){0,4})\s*,\s*"
                     r"(?:S|W|D|C)\s*/\s*[oO0]\b")


def running_text(layout: Layout) -> tuple[str, list[tuple[int, TextLine]]]:
    """The lines as one running text, and where each line starts in it."""
    parts, starts, pos = [], [], 0
    for ln in layout:
        starts.append((pos, ln))
        parts.append(ln.text)
        pos += len(ln.text) + 1
    return " ".join(parts), starts


def line_at(starts: list[tuple[int, TextLine]], pos: int) -> TextLine:
    return [ln for p, ln in starts if p <= pos][-1] if starts else TextLine("", 0.0, (0, 0, 0, 0))


def party_name(body: str, end: int, roles: Sequence[re.Pattern[str]]) -> tuple[str, int] | None:
    """The party whose role phrase starts at ``end``: the name after its marker ("BY:",
    "BETWEEN", "AND", "IN FAVOUR OF:"), else the last "Mr. Name, S/o" in its paragraph (the
    marker is short and bold, and OCR sometimes loses it). The paragraph starts after the
    previous party's role phrase (any of ``roles``), so a lost marker never hands over the other
    party's name."""
    prev = max((m.end() for rx in roles for m in rx.finditer(body, 0, end)), default=0)
    marks = [m for m in MARK.finditer(body, prev, end)]
    if marks:
        m = marks[-1]
        rest = re.sub(r"^\s*(?:\(?\s*1\s*[).]\s*)?" + HONORIFIC, "", body[m.end():end], flags=re.I)
        cut = _NAME_END.search(rest)
        name = re.sub(r"\s+", " ", rest[: cut.start()] if cut else "").strip(" .:-")
        if 2 <= len(name) <= 60 and re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", name) and len(name.split()) <= 6:
            return name, m.end()
    people = list(_PERSON.finditer(body, max(prev, end - 700), end))
    if people:
        return re.sub(r"\s+", " ", people[-1].group(1)).strip(" ."), people[-1].start(1)
    return None
