"""Words of a PDF text run with their own positions.

PDFium returns a text run (one text object) as one rect, and its text with single spaces where
the object positioned its pieces apart: a row written as one object ("01-04-24 BY TRANSFER
10,000.00 1,60,000.00") or a fixed-width export whose columns are runs of spaces comes back
without the gaps that separate the cells. Each character's box is exact, so a run is cut into
words at spaces and at gaps, each with its own x extent; table readers use them instead of
estimating positions from character counts. Runs of one word need no such work.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kagaz.model import TextLine
from kagaz.pipeline.stages.pdf_chars import PageChars

__all__ = ["join_glyph_runs", "run_words"]

#: A glyph joins the run when the gap before it is at most this share of the run's height ...
_JOIN_GAP = 0.8
#: ... and a space separates it from the previous glyph when the gap is more than this share.
_SPACE_GAP = 0.28
_NO_SPACE_BEFORE = frozenset(".,:;!?)]%'")
_NO_SPACE_AFTER = frozenset("([$₹€£'")
_WHITESPACE = re.compile(r"\s")


def run_words(chars: PageChars, rect: tuple[float, float, float, float], text: str,
              scale: float) -> tuple[tuple[str, float, float], ...]:
    """The words of the run whose rect (left, bottom, right, top, PDF points) holds ``text``,
    as (word, x0, x1) in pixels at ``scale``; empty when its characters cannot be told apart
    from another run's (then callers estimate).

    A word ends at whitespace, where the next character starts more than 0.6 of the word's
    height to the right of the previous one, before it, or above or below it (another line)."""
    left, bottom, right, top = rect
    if not _WHITESPACE.search(text):
        return ((text, left * scale, right * scale),)
    wanted = "".join(text.split())
    index = chars.index_at(left + 0.1, (bottom + top) / 2, 0.5, (top - bottom) / 2)
    if index < 0:
        return ()
    window = chars.text[index:index + len(text) + 16]
    boxes = chars.boxes[index:index + len(window)].tolist()  # this run's, as Python floats
    words: list[tuple[str, float, float]] = []
    # The current word is window[first:end] (a word never holds whitespace), its box x0..y1.
    first = end = -1
    x0 = y0 = x1 = y1 = 0.0
    got, need = 0, len(wanted)
    # the run's characters, generated spaces and line breaks among them
    for k, ch in enumerate(window):
        if got == need:
            break
        if ch.isspace() or not ch.isprintable():
            if first >= 0:
                words.append((window[first:end], x0 * scale, x1 * scale))
                first = -1
            continue
        cl, cr, cb, ct = boxes[k]
        if not (left - 1 <= (cl + cr) / 2 <= right + 1 and bottom - 1 <= (cb + ct) / 2 <= top + 1):
            return ()  # left the run before it was spelt out
        if first >= 0:
            height = max(y1 - y0, ct - cb, 1.0)
            if cl - x1 > 0.6 * height or cl < x0 - 0.5 or cb > y1 or ct < y0:
                words.append((window[first:end], x0 * scale, x1 * scale))
                first = -1
        if first < 0:
            first, x0, y0, x1, y1 = k, cl, cb, cr, ct
        else:
            x0, y0 = (cl if cl < x0 else x0), (cb if cb < y0 else y0)
            x1, y1 = (cr if cr > x1 else x1), (ct if ct > y1 else y1)
        end = k + 1
        got += 1
    if first >= 0:
        words.append((window[first:end], x0 * scale, x1 * scale))
    if "".join(w for w, _, _ in words) != wanted:
        return ()
    return tuple(words)


def join_glyph_runs(lines: list[TextLine],
                    text_of: Callable[[tuple[float, float, float, float]], str] | None = None) -> list[TextLine]:
    """Glyphs that a PDF draws one text object each come out of PDFium one rect each ("I", "N",
    "V"…; some invoice and report software writes every glyph on its own): join each row of such
    one- or two-character runs into one line, with a space where the gap is a word's.

    Runs of one baseline (a glyph's middle within the row's height, an underscore's too) that
    follow each other closely are joined; three glyphs at least, so that a lone digit in a table
    cell beside another stays where it is. Other runs are left alone, in their places.

    >>> def g(ch, x, w=10.0, top=0.0, bottom=20.0):
    ...     return TextLine(ch, 1.0, (x, top, x + w, bottom), 0, "pdf", ((ch, x, x + w),))
    >>> row = [g("I", 0), g("N", 11), g("V", 22), g("#", 40), g("1", 51), g("_", 62, top=18, bottom=22)]
    >>> [(ln.text, ln.box) for ln in join_glyph_runs(row + [g("7", 300)])]
    [('INV #1_', (0, 0.0, 72.0, 22)), ('7', (300, 0.0, 310.0, 20.0))]
    >>> join_glyph_runs([g("$", 0), g("1", 11), g(".", 30, w=3, top=16), g("5", 36), g("0", 47)])[0].text
    '$1.50'
    """
    out: list[TextLine] = []
    run: list[TextLine] = []

    def close() -> None:
        if len(run) >= 3:
            out.append(_joined(run, text_of))
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        glyph = line.source == "pdf" and len(line.text) <= 2
        if glyph and run and _follows(run, line):
            run.append(line)
            continue
        close()
        if glyph:
            run.append(line)
        else:
            out.append(line)
    close()
    return out


def _follows(run: list[TextLine], line: TextLine) -> bool:
    top, bottom = min(g.y0 for g in run), max(g.y1 for g in run)
    height = max(bottom - top, 1.0)
    middle = (line.y0 + line.y1) / 2
    gap = line.x0 - run[-1].x1
    return (line.page == run[-1].page and top - 0.2 * height <= middle <= bottom + 0.4 * height
            and -0.3 * height <= gap <= _JOIN_GAP * height)


def _joined(run: list[TextLine],
            text_of: Callable[[tuple[float, float, float, float]], str] | None = None) -> TextLine:
    box = (min(g.x0 for g in run), min(g.y0 for g in run), max(g.x1 for g in run), max(g.y1 for g in run))
    if text_of is not None:
        # PDFium's own text of the row places its spaces by the glyphs' advances, which a tight
        # box hides (a "1" is its stem alone: "1 970" by the boxes, "1970" by the advances).
        text = " ".join(text_of(box).split())
        glyphs = "".join(g.text for g in run)
        if text.replace(" ", "") == glyphs:
            words, k = [], 0
            for word in text.split(" "):
                first = k
                while k < len(run) and len("".join(g.text for g in run[first:k + 1])) < len(word):
                    k += 1
                words.append((word, run[first].x0, run[min(k, len(run) - 1)].x1))
                k += 1
            if k == len(run):
                return TextLine(text, min(g.score for g in run), box, run[0].page, "pdf", tuple(words))
    height = max(max(g.y1 for g in run) - min(g.y0 for g in run), 1.0)
    words: list[list[object]] = [[run[0].text, run[0].x0, run[0].x1]]
    for prev, glyph in zip(run, run[1:]):
        # A full stop or comma's box is the dot alone, well inside its advance: its gap says
        # nothing about a space ("$1.50", "Jan 1, 2022").
        if glyph.x0 - prev.x1 > _SPACE_GAP * height and glyph.text not in _NO_SPACE_BEFORE \
                and prev.text not in _NO_SPACE_AFTER:
            words.append([glyph.text, glyph.x0, glyph.x1])
        else:
            words[-1][0] = f"{words[-1][0]}{glyph.text}"
            words[-1][2] = glyph.x1
    return TextLine(" ".join(str(w[0]) for w in words), min(g.score for g in run), box, run[0].page,
                    "pdf", tuple((str(t), float(a), float(b)) for t, a, b in words))  # type: ignore[misc]
