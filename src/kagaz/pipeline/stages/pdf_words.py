"""Words of a PDF text run with their own positions.

PDFium returns a text run (one text object) as one rect, and its text with single spaces where
the object positioned its pieces apart: a row written as one object ("01-04-24 BY TRANSFER
10,000.00 1,60,000.00") or a fixed-width export whose columns are runs of spaces comes back
without the gaps that separate the cells. Each character's box is exact, so a run is cut into
words at spaces and at gaps, each with its own x extent; table readers use them instead of
estimating positions from character counts. Runs of one word need no such work.
"""

from __future__ import annotations

from ctypes import byref, c_double

import pypdfium2.raw as pdfium_c

__all__ = ["run_words"]


def run_words(textpage, rect: tuple[float, float, float, float], text: str,  # type: ignore[no-untyped-def]
              scale: float) -> tuple[tuple[str, float, float], ...]:
    """The words of the run whose rect (left, bottom, right, top, PDF points) holds ``text``,
    as (word, x0, x1) in pixels at ``scale``; empty when its characters cannot be told apart
    from another run's (then callers estimate).

    A word ends at whitespace, where the next character starts more than 0.6 of the word's
    height to the right of the previous one, before it, or above or below it (another line)."""
    left, bottom, right, top = rect
    if not any(ch.isspace() for ch in text):
        return ((text, left * scale, right * scale),)
    wanted = "".join(text.split())
    index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, left + 0.1, (bottom + top) / 2, 0.5,
                                                (top - bottom) / 2)
    if index < 0:
        return ()
    # the run's characters, generated spaces and line breaks among them, in one call
    chars = textpage.get_text_range(index, min(len(text) + 16,
                                               pdfium_c.FPDFText_CountChars(textpage) - index))
    lv, rv, bv, tv = c_double(), c_double(), c_double(), c_double()
    refs = (byref(lv), byref(rv), byref(bv), byref(tv))
    words: list[tuple[str, float, float]] = []
    cur: list[str] = []
    x0 = y0 = x1 = y1 = 0.0  # the current word's box
    got = 0

    def flush() -> None:
        if cur:
            words.append(("".join(cur), x0 * scale, x1 * scale))
            cur.clear()

    for k, ch in enumerate(chars):
        if got == len(wanted):
            break
        if ch.isspace() or not ch.isprintable():
            flush()
            continue
        if not pdfium_c.FPDFText_GetCharBox(textpage, index + k, *refs):
            return ()
        cl, cr, cb, ct = lv.value, rv.value, bv.value, tv.value
        if not (left - 1 <= (cl + cr) / 2 <= right + 1 and bottom - 1 <= (cb + ct) / 2 <= top + 1):
            return ()  # left the run before it was spelt out
        if cur and (cl - x1 > 0.6 * max(y1 - y0, ct - cb, 1.0) or cl < x0 - 0.5 or cb > y1
                    or ct < y0):
            flush()
        if cur:
            x0, y0, x1, y1 = min(x0, cl), min(y0, cb), max(x1, cr), max(y1, ct)
        else:
            x0, y0, x1, y1 = cl, cb, cr, ct
        cur.append(ch)
        got += 1
    flush()
    if "".join(w for w, _, _ in words) != wanted:
        return ()
    return tuple(words)
