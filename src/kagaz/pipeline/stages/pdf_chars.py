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
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from ctypes import CFUNCTYPE, addressof, byref, c_double, c_int, c_void_p, cast

import numpy as np
import pypdfium2.raw as pdfium_c

__all__ = ["PageChars"]

_SPACE = 0x20
#: ``FPDFText_GetCharBox`` called with pointers as plain addresses: pypdfium2's own binding
#: checks each ``POINTER(c_double)`` argument, which costs as much as the call itself, and the
#: page's characters (4,000 on a statement page) are read one call each.
_GET_CHAR_BOX = CFUNCTYPE(c_int, c_void_p, c_int, c_void_p, c_void_p, c_void_p, c_void_p)(
    cast(pdfium_c.FPDFText_GetCharBox, c_void_p).value)


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
        self.boxes = array.tolist()  # [left, right, bottom, top] per character, for run_words
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
        hit = (np.maximum(cl, left) < np.minimum(cr, right)) & (np.maximum(cb, bottom) < np.minimum(ct, top))
        return sorted(self._order[lo:hi][hit].tolist())

    def meeting_many(self, rects: Sequence[tuple[float, float, float, float]]) -> list[list[int]]:
        """:meth:`meeting` for each of ``rects`` (left, bottom, right, top), the same answers.

        A page's runs come in rows that share one band of the sorted characters (a row's cells
        share their baseline and font); each band is tested against all its rects in one step
        instead of one step a rect, the per-call cost that dominated a statement page."""
        if not rects:
            return []
        q = np.asarray(rects, dtype=np.float64).astype(np.float32)
        lo = np.searchsorted(self._bottoms_array, q[:, 1].astype(np.float64) - self._tallest, side="right")
        hi = np.searchsorted(self._bottoms_array, q[:, 3].astype(np.float64), side="left")
        out: list[list[int]] = [[] for _ in rects]
        bands: dict[tuple[int, int], list[int]] = {}
        for k, band in enumerate(zip(lo.tolist(), hi.tolist())):
            if band[0] < band[1]:
                bands.setdefault(band, []).append(k)
        for (start, stop), which in bands.items():
            cl, cr, cb, ct = self._sorted[:, start:stop]
            left, bottom, right, top = (q[which, j, None] for j in range(4))
            hit = (np.maximum(cl, left) < np.minimum(cr, right)) & (np.maximum(cb, bottom) < np.minimum(ct, top))
            rows, cols = np.nonzero(hit)
            if not len(rows):
                continue
            # each rect's characters in page order: one sort of (rect, index) keys for the band
            n = len(self.text) + 1
            keys = np.sort(rows.astype(np.int64) * n + self._order[start:stop][cols])
            found = (keys % n).tolist()
            ends = np.cumsum(np.bincount(rows, minlength=len(which))).tolist()
            begin = 0
            for k, end in zip(which, ends):
                if end > begin:
                    out[k] = found[begin:end]
                begin = end
        return out

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


def _char_boxes(textpage, n: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(n, 4) float64: each character's left, right, bottom, top (PDF points); zeros where
    PDFium has no box (it then leaves the outputs untouched)."""
    if n == 0:
        return np.zeros((0, 4))
    box = (c_double * 4)()
    left, right, bottom, top = (c_void_p(addressof(box) + 8 * k) for k in range(4))
    handle = c_void_p(cast(textpage, c_void_p).value)
    get, empty = _GET_CHAR_BOX, bytes(32)
    # One comprehension, each box copied out as its 32 bytes: this loop is the page's main cost.
    chunks = [bytes(box) if get(handle, i, left, right, bottom, top) else empty for i in range(n)]
    return np.frombuffer(b"".join(chunks), dtype=np.float64).reshape(n, 4)
