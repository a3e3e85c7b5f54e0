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
        open_: list[tuple[list[TextLine], float]] = []  # (runs, tallest height)
        for ln in page_lines:
            best, best_key, keep = None, (0.0, 0.0), []
            for k, (ph, tall) in enumerate(open_):
                last, h = ph[-1], max(tall, ln.height, 1.0)
                gap = ln.x0 - last.x1
                if gap > _WORD_GAP * h:
                    out.append(_merge(ph))  # runs come in x order: nothing later reaches it
                    continue
                keep.append(open_[k])
                overlap = min(last.y1, ln.y1) - max(last.y0, ln.y0)
                if gap >= -0.3 * h and overlap >= 0.5 * min(last.height, ln.height) > 0:
                    key = (overlap / max(last.height, ln.height, 1.0), -abs(gap))
                    if best is None or key > best_key:
                        best, best_key = len(keep) - 1, key
            open_ = keep
            if best is None:
                open_.append(([ln], ln.height))
            else:
                ph, tall = open_[best]
                ph.append(ln)
                open_[best] = (ph, max(tall, ln.height))
        out.extend(_merge(ph) for ph, _ in open_)
    return out


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
