"""A PDF page's characters, read from PDFium once, and the text and words of its text runs.

PDFium gives a text run (the characters of one text object on one line) as one rect. Its text
was read with ``FPDFText_GetBoundedText`` per rect and its words by asking PDFium for each
character's box again: every call scans the whole page's character list, so a statement page
of 250 runs and 4,000 characters cost a million character visits (a 60-page statement spent
1.5 s there). Here the page's characters (code point, box) are read once, and each rect's text
is computed from them with PDFium's own rule (``CPDF_TextPage::GetTextByPredicate``, which the
bounded-text call applies): the characters whose box meets the rect, in the page's order; a
space where a space character separates two of them; a line break where other printed
characters lie between them on another baseline. ``tests/pipeline/test_pdf_chars.py`` holds
this against PDFium's own call on every run of the test PDFs.

PDFium has no call that gives many boxes at once, so a page costs one call per character. They
are made through cffi, whose calls cost a third less than ctypes' (pypdfium2's own binding
also checks every pointer argument, which costs as much as the call), into one buffer that
numpy reads in place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from ctypes import byref, c_double, c_void_p, cast

import numpy as np
import pypdfium2.raw as pdfium_c
from cffi import FFI

__all__ = ["PageChars", "page_rects"]

_SPACE = 0x20
_ffi = FFI()
_HANDLE = "void *"
_GET_CHAR_BOX = _ffi.cast("int (*)(void *, int, double *, double *, double *, double *)",
                          cast(pdfium_c.FPDFText_GetCharBox, c_void_p).value)
_GET_RECT = _ffi.cast("int (*)(void *, int, double *, double *, double *, double *)",
                      cast(pdfium_c.FPDFText_GetRect, c_void_p).value)
#: Rect/character pairs tested in one numpy step at most (memory stays a few tens of MB even
#: on a page of tens of thousands of characters).
_PAIRS_PER_STEP = 1 << 21


def _handle(textpage) -> object:  # type: ignore[no-untyped-def]
    return _ffi.cast(_HANDLE, cast(textpage, c_void_p).value)


def page_rects(textpage) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(n, 4) float64: the page's text rects (``FPDFText_CountRects(0, -1)`` then
    ``FPDFText_GetRect``) as left, bottom, right, top, PDF points; a rect PDFium cannot give is
    (0, 0, 0, 0), which meets no character."""
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountRects(raw, 0, -1)
    buf = _ffi.new("double[]", 4 * max(n, 1))
    handle, get = _handle(raw), _GET_RECT
    for i in range(n):
        p = buf + 4 * i  # PDFium writes left, top, right, bottom
        if not get(handle, i, p, p + 3, p + 2, p + 1):
            p[0] = p[1] = p[2] = p[3] = 0.0
    return np.frombuffer(_ffi.buffer(buf), dtype=np.float64)[:4 * n].reshape(n, 4).copy()


class PageChars:
    """Every character of one PDFium text page: code point and box (PDF points), in the
    page's character order, generated spaces and line breaks included (their boxes are empty,
    so no rect ever meets them)."""

    def __init__(self, textpage) -> None:  # type: ignore[no-untyped-def]
        raw = textpage.raw  # the handle itself: pypdfium2's wrapper converts on every call
        self._textpage = raw
        n = pdfium_c.FPDFText_CountChars(raw)
        # One call for the page's text; it writes PDFium's soft-hyphen mark (U+0002) as U+FFFE,
        # which the bounded-text call does not.
        self.text = (textpage.get_text_range(0, n) if n else "").replace("\ufffe", "\x02")
        if len(self.text) != n:  # a code point outside the BMP takes two UTF-16 units
            self.text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0) for i in range(n))
        array = _char_boxes(raw, n)
        self.boxes = array  # left, right, bottom, top per character (run_words reads slices)
        # Characters sorted by their box's bottom: a box meets a rect only if its bottom lies
        # under the rect's top and above the rect's bottom less the tallest box, so a rect looks
        # at a band of the page, not at the whole of it. Generated characters (a point box) are
        # kept: no rect meets them, but PDFium's hit test may pick one. Float32 holds PDFium's
        # boxes exactly (it computes them in float).
        order = np.argsort(array[:, 2], kind="stable")
        self._order = order
        self._sorted = array[order].T.astype(np.float32)  # left, right, bottom, top rows
        self._bottoms = self._sorted[2].tolist()
        self._bottoms_array = self._sorted[2].astype(np.float64)
        heights = array[:, 3] - array[:, 2]
        self._tallest = float(heights.max()) if n else 0.0
        # printed (not U+0020) characters before each index: a gap between two chosen characters
        # that holds one is a line break candidate, as in PDFium's rule
        printed = np.frombuffer(self.text.encode("utf-32-le"), dtype=np.uint32) != _SPACE
        self._printed_before = np.concatenate(([0], np.cumsum(printed))).tolist()

    def meeting(self, left: float, bottom: float, right: float, top: float) -> list[int]:
        """Indexes, in page order, of the characters whose box meets the rect (PDFium's test:
        the two rects' intersection has width and height; the rect is taken at PDFium's float
        precision)."""
        left, bottom, right, top = (float(np.float32(v)) for v in (left, bottom, right, top))
        lo = bisect_right(self._bottoms, bottom - self._tallest)
        hi = bisect_left(self._bottoms, top)
        if lo >= hi:
            return []
        cl, cr, cb, ct = self._sorted[:, lo:hi]
        hit = _meets(cl, cr, cb, ct, left, bottom, right, top)
        return sorted(self._order[lo:hi][hit].tolist())

    def meeting_many(self, rects: Sequence[tuple[float, float, float, float]] | np.ndarray
                     ) -> list[list[int]]:
        """:meth:`meeting` for each of ``rects`` (left, bottom, right, top), the same answers.

        Each rect can meet only the band of the sorted characters that :meth:`meeting` looks
        at; every (rect, character of its band) pair of the page is tested in one numpy step
        (in steps of :data:`_PAIRS_PER_STEP` pairs) instead of one step a rect, the per-call
        cost that dominated a statement page."""
        # the rects at PDFium's float precision, as meeting() takes them
        q = np.asarray(rects, dtype=np.float64).reshape(-1, 4).astype(np.float32)
        out: list[list[int]] = [[] for _ in range(len(q))]
        if not len(q):
            return out
        lo = np.searchsorted(self._bottoms_array, q[:, 1].astype(np.float64) - self._tallest, side="right")
        hi = np.searchsorted(self._bottoms_array, q[:, 3].astype(np.float64), side="left")
        span = np.maximum(hi - lo, 0)
        first, total = 0, len(q)
        cum = np.cumsum(span)
        while first < total:
            # rects first..last-1 hold at most _PAIRS_PER_STEP pairs (one rect at least)
            base = int(cum[first - 1]) if first else 0
            last = max(first + 1, int(np.searchsorted(cum, base + _PAIRS_PER_STEP, side="right")))
            self._meet_step(q, lo, span, first, min(last, total), out)
            first = last
        return out

    def _meet_step(self, q: np.ndarray, lo: np.ndarray, span: np.ndarray, first: int, last: int,
                   out: list[list[int]]) -> None:
        counts = span[first:last]
        pairs = int(counts.sum())
        if not pairs:
            return
        rect = np.repeat(np.arange(first, last), counts)
        offset = np.cumsum(counts) - counts  # each rect's first pair
        pos = lo[rect] + (np.arange(pairs) - offset[rect - first])
        cl, cr, cb, ct = self._sorted[:, pos]
        ql, qb, qr, qt = q[rect].T
        hit = _meets(cl, cr, cb, ct, ql, qb, qr, qt)
        if not hit.any():
            return
        # each rect's characters in page order: one sort of (rect, index) keys
        n = len(self.text) + 1
        keys = np.sort(rect[hit].astype(np.int64) * n + self._order[pos[hit]])
        owner = keys // n
        found = (keys - owner * n).tolist()
        starts = [0, *(np.flatnonzero(np.diff(owner)) + 1).tolist()]
        for begin, end, k in zip(starts, [*starts[1:], len(found)], owner[starts].tolist()):
            out[k] = found[begin:end]

    def index_at(self, x: float, y: float, x_tolerance: float, y_tolerance: float) -> int:
        """The index PDFium's ``FPDFText_GetCharIndexAtPos`` gives: the first character (page
        order) whose box holds the point; else, of those whose box widened by half the
        tolerances holds it, the nearest (sum of the distances to the nearest sides, the first
        of equals); -1 if none. In float precision, as PDFium computes it."""
        f = np.float32
        px, py, hw, hh = f(x), f(y), f(x_tolerance) / f(2), f(y_tolerance) / f(2)
        lo = bisect_right(self._bottoms, float(py - hh) - self._tallest - 1.0)
        hi = bisect_right(self._bottoms, float(py + hh))
        if lo >= hi:
            return -1
        cl, cr, cb, ct = self._sorted[:, lo:hi]
        order = self._order[lo:hi]
        inside = (cl <= px) & (px <= cr) & (cb <= py) & (py <= ct)
        if inside.any():
            return int(order[inside].min())
        near = (cl - hw <= px) & (px <= cr + hw) & (cb - hh <= py) & (py <= ct + hh)
        if not near.any():
            return -1
        idx = order[near]
        dist = (np.minimum(np.abs(px - cl[near]), np.abs(px - cr[near])).astype(np.float64)
                + np.minimum(np.abs(py - cb[near]), np.abs(py - ct[near])).astype(np.float64))
        by_index = np.argsort(idx, kind="stable")
        return int(idx[by_index][np.argmin(dist[by_index])])

    def bounded_text(self, indexes: list[int]) -> str:
        """The text PDFium's ``FPDFText_GetBoundedText`` gives for a rect whose meeting
        characters are ``indexes``."""
        out: list[str] = []
        text, printed = self.text, self._printed_before
        # PDFium keeps the baseline of the character after the last break (0 at first); it is
        # read only when a break is in question, which is rare (a character reaching into the
        # rect from another line).
        posy: float | int = 0.0
        prev = -1
        for i in indexes:
            if i > prev + 1:  # characters between that the rect does not meet
                if prev >= 0 and ord(text[prev + 1]) == _SPACE:
                    out.append(" ")
                if printed[i] - printed[prev + 1] > 0:
                    if not out:
                        posy = i  # nothing written yet: this baseline, read when needed
                    else:
                        if isinstance(posy, int):
                            posy = self._origin_y(posy)
                        y = self._origin_y(i)
                        if abs(posy - y) > 0:
                            posy = y
                            out.append("\r\n")
            ch = text[i]
            if ch != "\x00":
                out.append(ch)
            prev = i
        if 0 <= prev < len(text) - 1 and ord(text[prev + 1]) == _SPACE:
            out.append(" ")  # PDFium writes the space that follows the last character too
        return "".join(out)

    def _origin_y(self, index: int) -> float:
        x, y = c_double(), c_double()
        pdfium_c.FPDFText_GetCharOrigin(self._textpage, index, byref(x), byref(y))
        return y.value


def _meets(cl, cr, cb, ct, left, bottom, right, top):  # type: ignore[no-untyped-def]
    """PDFium's test, element-wise: the character boxes (cl, cr, cb, ct) and the rects
    (left, bottom, right, top) intersect with width and height."""
    return (np.maximum(cl, left) < np.minimum(cr, right)) & (np.maximum(cb, bottom) < np.minimum(ct, top))


def _char_boxes(textpage, n: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(n, 4) float64: each character's left, right, bottom, top (PDF points); zeros where
    PDFium has no box (it then leaves the outputs untouched)."""
    if n == 0:
        return np.zeros((0, 4))
    buf = _ffi.new("double[]", 4 * n)  # zeroed
    handle, get = _handle(textpage), _GET_CHAR_BOX
    # This loop is the page's main cost: one call per character, nothing else.
    for i in range(n):
        p = buf + 4 * i
        get(handle, i, p, p + 1, p + 2, p + 3)
    return np.frombuffer(_ffi.buffer(buf), dtype=np.float64).reshape(n, 4).copy()
