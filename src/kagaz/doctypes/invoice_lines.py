"""Text-layer runs put back together into the phrases a reader sees.

PDFium gives one rectangle per text object. Billing tools and HTML-to-PDF printers often draw
every word, or every glyph, as its own object: the text layer of such an invoice is "T", "a",
"x", "I", "n", ... and no line says "Tax Invoice" or "Invoice number: 123". Runs on one
baseline that (almost) touch are one phrase: a glyph follows the one before it with no gap, a
word follows after about a space's width (about half the glyphs' height); table columns and
label/value cells stand further apart, and stay separate.

Only text-layer lines (``source == "pdf"``) are joined: OCR boxes are already lines.

>>> from kagaz.model import TextLine
>>> runs = [TextLine(ch, 1.0, (100 + 12 * i, 10, 110 + 12 * i, 30), 0, "pdf")
...         for i, ch in enumerate("Tax") if ch != " "]
>>> runs += [TextLine("Invoice", 1.0, (146, 10, 230, 30), 0, "pdf"),
...          TextLine("INV-7", 1.0, (600, 10, 660, 30), 0, "pdf")]
>>> [ln.text for ln in join_runs(runs)]
['Tax Invoice', 'INV-7']
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["join_runs", "joined_layout"]

_WORD_GAP = 0.9  # at most this many heights between the runs of one phrase
_SPACE_GAP = 0.42  # a gap wider than this (in heights) is a space between words
_DIGIT_GAP = 0.6  # ... between digits ("1" has wide side bearings): numbers hold no spaces


def join_runs(lines: Iterable[TextLine]) -> list[TextLine]:
    """Text-layer runs on one row that nearly touch, joined left to right (OCR lines kept).

    Runs are taken left to right; each extends the open phrase whose last run it overlaps most
    vertically (by at least half the smaller height) and follows within :data:`_WORD_GAP`
    heights; a phrase the next runs can no longer reach is closed."""
    out: list[TextLine] = []
    pdf: dict[int, list[TextLine]] = {}
    for ln in lines:
        (pdf.setdefault(ln.page, []) if ln.source == "pdf" else out).append(ln)
    for page_lines in pdf.values():
        page_lines.sort(key=lambda ln: (ln.x0, ln.y0))
        _join_page(page_lines, out)
    return out


def _join_page(runs: list[TextLine], out: list[TextLine]) -> None:
    """Join one page's runs (in x order) into ``out``: closed phrases as they close, oldest
    first, then those still open. :class:`_Open` hands each run only the phrases it may close
    or extend: asking every open phrase made a 3-page statement cost 30 ms."""
    phrases: dict[int, tuple[list[TextLine], float]] = {}  # open, oldest first: (runs, tallest)
    index = _Open(runs)
    for n, ln in enumerate(runs):
        height = ln.height
        closing = []
        for k in index.may_close(ln.x0):
            ph, tall = phrases[k]
            if ln.x0 - ph[-1].x1 > _WORD_GAP * max(tall, height, 1.0):
                closing.append(k)  # runs come in x order: nothing later reaches it
            else:
                index.place(k, ph[-1], tall)
        for k in sorted(closing):
            out.append(_merge(phrases.pop(k)[0]))
            index.drop(k)
        best, best_key = None, (0.0, 0.0)
        for k in index.overlapping(ln):
            ph, tall = phrases[k]
            last, h = ph[-1], max(tall, height, 1.0)
            gap = ln.x0 - last.x1
            overlap = min(last.y1, ln.y1) - max(last.y0, ln.y0)
            if gap >= -0.3 * h and overlap >= 0.5 * min(last.height, height) > 0:
                key = (overlap / max(last.height, height, 1.0), -abs(gap))
                if best is None or key > best_key:
                    best, best_key = k, key
        if best is None:
            best, ph, tall = n, [], height
        else:
            ph, tall = phrases[best]
            tall = max(tall, height)
        ph.append(ln)
        phrases[best] = (ph, tall)
        index.place(best, ln, tall)
    out.extend(_merge(ph) for ph, _ in phrases.values())


class _Open:
    """The open phrases of a page (by number, oldest first), found by where their last run
    lies: a heap of the x where each might close, and cells of the y its last run spans.

    Both only narrow the candidates; :func:`_join_page` applies its exact tests to them, so
    the result is that of asking every open phrase. Pages with a non-finite coordinate ask
    every open phrase."""

    def __init__(self, runs: list[TextLine]) -> None:
        self.plain = not all(math.isfinite(v) for ln in runs for v in ln.box)
        heights = sorted(ln.height for ln in runs) if runs and not self.plain else [1.0]
        # About a line per cell; no run spans more than about 1,000 cells.
        extent = max((ln.y1 for ln in runs), default=0.0) - min((ln.y0 for ln in runs), default=0.0)
        self.cell = max(1.0, heights[len(heights) // 2], extent / 1000) if not self.plain else 1.0
        self.live: dict[int, int] = {}  # phrase -> version of its heap entry; oldest first
        self.heap: list[tuple[float, int, int]] = []
        self.cells: dict[int, set[int]] = {}
        self.spans: dict[int, range] = {}

    def _cells(self, ln: TextLine) -> range:
        return range(math.floor(ln.y0 / self.cell), math.floor(ln.y1 / self.cell) + 1)

    def place(self, k: int, last: TextLine, tall: float) -> None:
        """(Re)file phrase ``k`` under its last run ``last``."""
        self.live[k] = version = self.live.get(k, -1) + 1
        if self.plain:
            return
        # Closing needs x0 - last.x1 > _WORD_GAP * max(tall, height, 1.0) >= ... * max(tall, 1.0).
        heapq.heappush(self.heap, (last.x1 + _WORD_GAP * max(tall, 1.0), k, version))
        old = self.spans.get(k)
        span = self.spans[k] = self._cells(last)
        if old != span:
            for c in old or ():
                self.cells[c].discard(k)
            for c in span:
                self.cells.setdefault(c, set()).add(k)

    def drop(self, k: int) -> None:
        del self.live[k]
        for c in self.spans.pop(k, ()):
            self.cells[c].discard(k)

    def may_close(self, x0: float) -> list[int]:
        """Open phrases a run starting at ``x0`` may close (taken off the heap: re-``place``
        those it does not)."""
        if self.plain:
            return list(self.live)
        # The slack, far above float rounding, keeps every phrase the exact test would close.
        out = []
        while self.heap and self.heap[0][0] <= x0 + 1e-6 * (1.0 + abs(x0) + abs(self.heap[0][0])):
            _, k, version = heapq.heappop(self.heap)
            if self.live.get(k) == version:
                out.append(k)
        return out

    def overlapping(self, ln: TextLine) -> list[int]:
        """Open phrases, oldest first, whose last run may overlap ``ln`` vertically."""
        if self.plain:
            return list(self.live)
        found: set[int] = set()
        for c in self._cells(ln):
            found |= self.cells.get(c, set())
        return sorted(found)


_NUM = set("0123456789.,")


def _merge(phrase: list[TextLine]) -> TextLine:
    if len(phrase) == 1:
        return phrase[0]
    h = max(p.height for p in phrase)
    text = phrase[0].text
    for prev, cur in zip(phrase, phrase[1:], strict=False):
        numeric = prev.text[-1:] in _NUM and cur.text[:1] in _NUM
        text += (" " if cur.x0 - prev.x1 > (_DIGIT_GAP if numeric else _SPACE_GAP) * h else "") + cur.text
    box = (min(p.x0 for p in phrase), min(p.y0 for p in phrase),
           max(p.x1 for p in phrase), max(p.y1 for p in phrase))
    return TextLine(text, min(p.score for p in phrase), box, phrase[0].page, "pdf")


def joined_layout(layout: Layout) -> Layout:
    """``layout`` with its text-layer runs joined (the same object when nothing joins)."""
    if not any(ln.source == "pdf" for ln in layout.lines):
        return layout
    joined = join_runs(layout.lines)
    return layout if len(joined) == len(layout.lines) else Layout(joined)
