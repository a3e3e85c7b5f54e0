"""Undo the keystone of a photographed table, using the table's own rows.

A page photographed at an angle is deskewed as a whole, but perspective leaves each row a little
wider or narrower, and shifted, against the header: the left edge of the rows drifts one way
down the page and the right edge another. Columns found under the header then stop lining up
with the cells of rows far below it, and dates slide into the serial-number column. The rows
themselves tell where the edges go: the first cell of a transaction row (a date or a serial
number) and its last (the balance) lie on two straight lines. Fitting those lines robustly and
mapping every row back to the header's frame puts the cells under their titles again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kagaz.model import TextLine

__all__ = ["fit_line", "straighten_rows"]

#: A row's first cell starts like a date ("12 Aug 22", "12/08/2022") or a serial number.
FIRST_CELL = re.compile(r"^\s*(?:\d{1,2}[\s/\-.][A-Za-z0-9]{2,3}\b|\d{1,4}\s*$)")
#: A row's last cell reads like an amount ("1,234.50", "91123.11(Cr)").
LAST_CELL = re.compile(r"\d[\d,]*\.\d{2}\s*(?:\(?\s*(?:Cr|Dr|CR|DR)\.?\s*\)?)?\s*$")


def fit_line(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Theil–Sen fit ``x = a * y + b`` of ``(y, x)`` points: the median of pairwise slopes, so a
    third of stray points (wrapped narrations, stamps) do not bend it. None under five points.

    >>> a, b = fit_line([(0, 10), (10, 11), (20, 12), (30, 13), (40, 14), (25, 90)])
    >>> round(a, 3), round(b, 3)
    (0.1, 10.0)
    """
    if len(points) < 5:
        return None
    slopes = sorted(
        (x2 - x1) / (y2 - y1)
        for i, (y1, x1) in enumerate(points)
        for y2, x2 in points[i + 1:]
        if abs(y2 - y1) > 1e-6
    )
    if not slopes:
        return None
    a = slopes[len(slopes) // 2]
    b = sorted(x - a * y for y, x in points)[len(points) // 2]
    return a, b


def _edges(rows: Sequence[Sequence[TextLine]]) -> tuple[list[tuple[float, float]], ...]:
    """``(y, x)`` of the left edge of rows that start with a date or serial number, and of the
    right edge of rows that end with an amount: the points the two edge lines are fitted to."""
    lefts, rights = [], []
    for row in rows:
        first = min(row, key=lambda ln: ln.x0)
        last = max(row, key=lambda ln: ln.x1)
        if FIRST_CELL.search(first.text):
            lefts.append((first.cy, first.x0))
        if LAST_CELL.search(last.text):
            rights.append((last.cy, last.x1))
    return lefts, rights


def straighten_rows(
    rows: Sequence[Sequence[TextLine]], header_y: float, min_drift: float
) -> list[list[TextLine]] | None:
    """The rows mapped into the header's frame, or None when their edges drift by less than
    ``min_drift`` pixels over the table (or cannot be fitted), which leaves them as they are.

    Only the boxes change; text, scores and pages stay, so callers keep the original lines for
    provenance and use these for column assignment.
    """
    lefts, rights = _edges(rows)
    left, right = fit_line(lefts), fit_line(rights)
    if left is None or right is None:
        return None
    ys = [y for y, _ in lefts + rights]
    reach = max(abs(y - header_y) for y in ys)
    if max(abs(left[0]), abs(right[0])) * reach < min_drift:
        return None
    l0, r0 = left[0] * header_y + left[1], right[0] * header_y + right[1]
    if r0 - l0 <= 0:
        return None

    def move(x: float, y: float) -> float | None:
        lo, hi = left[0] * y + left[1], right[0] * y + right[1]
        if hi - lo < 0.5 * (r0 - l0):  # a fit this far off is not a keystone: leave the table
            return None
        return l0 + (x - lo) * (r0 - l0) / (hi - lo)

    out = []
    for row in rows:
        moved = []
        for ln in row:
            x0, x1 = move(ln.x0, ln.cy), move(ln.x1, ln.cy)
            if x0 is None or x1 is None:
                return None
            moved.append(replace(ln, box=(x0, ln.y0, x1, ln.y1)))
        out.append(moved)
    return out
