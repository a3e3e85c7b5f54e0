"""Query OCR lines by position: what is right of, or below, a label.

ID cards print ``label`` then ``value`` either on the same line (``DOB: 01/02/1990``), to the
right (``Name   RAVI``), or on the next line down. :class:`Layout` answers those questions
on the lines of a document, in reading order, so document modules stay short.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from kagaz.model import TextLine

__all__ = ["Hit", "Layout", "after_label"]

Pattern = str | re.Pattern[str]


def _compile(p: Pattern) -> re.Pattern[str]:
    return p if isinstance(p, re.Pattern) else re.compile(p, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    """A value found on a line: the matched text, the line and the OCR score of that line."""

    text: str
    line: TextLine

    @property
    def score(self) -> float:
        return self.line.score


class Layout:
    """Lines of one document in reading order (page, then top to bottom, then left to right)."""

    def __init__(self, lines: Iterable[TextLine]) -> None:
        self.lines: list[TextLine] = sort_reading_order(list(lines))
        self.text = "\n".join(line.text for line in self.lines)

    def __iter__(self) -> Iterator[TextLine]:
        return iter(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def median_height(self) -> float:
        hs = sorted(line.height for line in self.lines if line.height > 0)
        return hs[len(hs) // 2] if hs else 20.0

    def find(self, pattern: Pattern) -> list[TextLine]:
        """Lines whose text matches ``pattern`` (search, case-insensitive by default)."""
        rx = _compile(pattern)
        return [line for line in self.lines if rx.search(line.text)]

    def first(self, pattern: Pattern) -> Hit | None:
        """The first match of ``pattern`` anywhere, as a :class:`Hit` of the matched text."""
        rx = _compile(pattern)
        for line in self.lines:
            m = rx.search(line.text)
            if m:
                return Hit(m.group(m.lastindex or 0) if m.lastindex else m.group(0), line)
        return None

    def all(self, pattern: Pattern) -> list[Hit]:
        """Every match of ``pattern`` on every line."""
        rx = _compile(pattern)
        hits: list[Hit] = []
        for line in self.lines:
            for m in rx.finditer(line.text):
                hits.append(Hit(m.group(m.lastindex or 0) if m.lastindex else m.group(0), line))
        return hits

    def right_of(self, anchor: TextLine, *, max_gap: float | None = None) -> list[TextLine]:
        """Lines on the same row as ``anchor`` and to its right, nearest first."""
        tol = max(anchor.height, 1.0) * 0.6
        gap = max_gap if max_gap is not None else anchor.height * 25
        row = [
            line
            for line in self.lines
            if line is not anchor
            and line.page == anchor.page
            and abs(line.cy - anchor.cy) <= tol
            and line.x0 >= anchor.x1 - anchor.height * 0.5
            and line.x0 - anchor.x1 <= gap
        ]
        return sorted(row, key=lambda line: line.x0)

    def below(
        self, anchor: TextLine, *, max_lines: int = 3, align: bool = True
    ) -> list[TextLine]:
        """Lines under ``anchor`` (nearest first), horizontally overlapping it when ``align``."""
        h = max(anchor.height, self.median_height * 0.5, 1.0)
        out = []
        for line in self.lines:
            if line is anchor or line.page != anchor.page or line.cy <= anchor.cy + h * 0.5:
                continue
            if line.y0 - anchor.y1 > h * (2.5 * max_lines):
                continue
            if align:
                overlap = min(line.x1, anchor.x1 + h * 8) - max(line.x0, anchor.x0 - h * 2)
                if overlap <= 0:
                    continue
            out.append(line)
        out.sort(key=lambda line: (line.y0, abs(line.x0 - anchor.x0)))
        return out[:max_lines]

    def value_after(
        self,
        label: Pattern,
        value: Pattern,
        *,
        max_lines: int = 2,
        align: bool = True,
    ) -> Hit | None:
        """Find ``label``, then the first text matching ``value`` after it on its line, to its
        right, or on the lines below it (in that order). Returns the first hit for any label line.
        """
        lrx, vrx = _compile(label), _compile(value)
        for anchor in self.lines:
            lm = lrx.search(anchor.text)
            if not lm:
                continue
            rest = anchor.text[lm.end():]
            vm = vrx.search(rest)
            if vm:
                return Hit(_group(vm), anchor)
            for cand in [*self.right_of(anchor), *self.below(anchor, max_lines=max_lines, align=align)]:
                vm = vrx.search(cand.text)
                if vm:
                    return Hit(_group(vm), cand)
        return None

    def lines_between(self, start: TextLine, stop: TextLine | None) -> list[TextLine]:
        """Lines after ``start`` and before ``stop`` in reading order."""
        i = self.lines.index(start)
        j = self.lines.index(stop) if stop is not None else len(self.lines)
        return self.lines[i + 1 : j]


def _group(m: re.Match[str]) -> str:
    if m.lastindex:
        for i in range(1, m.lastindex + 1):
            if m.group(i) is not None:
                return m.group(i)
    return m.group(0)


def sort_reading_order(lines: Sequence[TextLine]) -> list[TextLine]:
    """Group lines into rows by vertical overlap, then order rows top-down and lines left-right."""
    out: list[TextLine] = []
    by_page: dict[int, list[TextLine]] = {}
    for line in lines:  # one pass: a 60-page statement has 17,000 lines
        by_page.setdefault(line.page, []).append(line)
    # Boxes are read directly, not through TextLine's properties (the same sums): every
    # document type's scorer builds a Layout, and some build another.
    for page in sorted(by_page):
        plines = sorted(by_page[page], key=_cy)
        rows: list[list[TextLine]] = []
        ref_cy = ref_h = 0.0
        for line in plines:
            _, y0, _, y1 = line.box
            cy, h = (y0 + y1) / 2, y1 - y0
            if rows and abs(cy - ref_cy) <= max(min(ref_h, h) * 0.5, 1.0):
                rows[-1].append(line)
                continue
            rows.append([line])
            ref_cy, ref_h = cy, h
        for row in rows:
            if len(row) > 1:
                row.sort(key=_x0)
            out.extend(row)
    return out


def _cy(line: TextLine) -> float:
    return (line.box[1] + line.box[3]) / 2


def _x0(line: TextLine) -> float:
    return line.box[0]


def after_label(text: str, m: re.Match[str], stop: re.Pattern[str]) -> str:
    """The text after a label match ``m`` (and its other-language twin: "जन्म तिथि / DOB :"),
    cut where ``stop`` (the next label) starts.

    >>> rx = re.compile(r"DOB|जन्म तिथि")
    >>> after_label("जन्म तिथि / DOB : 01/02/1990 Sex: M", rx.search("जन्म तिथि / DOB : 01/02/1990 Sex: M"), re.compile("Sex"))
    ' : 01/02/1990 '
    """
    end = m.end()
    for nxt in m.re.finditer(text, end):
        if not re.fullmatch(r"[\s/:|.\-\u0900-\u097F]*", text[end:nxt.start()]):
            break
        end = nxt.end()
    rest = text[end:]
    cut = stop.search(rest)
    return rest if cut is None else rest[: cut.start()]
