"""Keystone of photographed tables: rows far below the header are mapped back under its titles."""

from __future__ import annotations

from kagaz.doctypes.statement_table import parse_table
from kagaz.model import TextLine
from kagaz.text.keystone import straighten_rows

# x extents of the cells at the header: serial, date, narration, debit, balance
CELLS = [(140, 160), (172, 232), (272, 520), (870, 926), (1118, 1204)]
TITLES = ["#", "Date", "Description", "Withdrawal (Dr)", "Balance"]


def _line(text: str, x0: float, x1: float, y: float) -> TextLine:
    return TextLine(text, 0.98, (x0, y - 9, x1, y + 9), 0, "ocr")


def _table(shift_per_row: float, widen_per_row: float, n: int = 40) -> list[TextLine]:
    """A header at y=230 and ``n`` rows 25 px apart whose left edge moves ``shift_per_row`` px
    and whose width grows ``widen_per_row`` px per row (a keystone when either is non-zero)."""
    lines = [_line(t, x0, x1, 230) for t, (x0, x1) in zip(TITLES, CELLS)]
    balance = 100000.0
    for i in range(n):
        y = 270 + 25 * i
        left, scale = shift_per_row * i, 1 + widen_per_row * i / (CELLS[-1][1] - CELLS[0][0])
        debit = 100 + i
        balance -= debit
        cells = [str(i + 1), f"{1 + i % 28:02d} Aug 22", f"POS 4111XXXXXX{1000 + i} SHOP {i}",
                 f"{debit}.00", f"{balance:.2f}(Cr)"]
        for text, (x0, x1) in zip(cells, CELLS):
            a = CELLS[0][0] + left + (x0 - CELLS[0][0]) * scale
            b = CELLS[0][0] + left + (x1 - CELLS[0][0]) * scale
            lines.append(_line(text, a, b, y))
    return lines


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    by_y: dict[float, list[TextLine]] = {}
    for ln in lines:
        by_y.setdefault(ln.cy, []).append(ln)
    return [sorted(by_y[y], key=lambda ln: ln.x0) for y in sorted(by_y)]


def test_rows_of_a_keystoned_table_line_up_with_the_header_again() -> None:
    rows = _rows(_table(shift_per_row=-0.8, widen_per_row=0.4))[1:]
    straight = straighten_rows(rows, header_y=230, min_drift=6)
    assert straight is not None
    last = straight[-1]
    for moved, (x0, x1) in zip(last, CELLS):
        assert abs(moved.x0 - x0) < 3 and abs(moved.x1 - x1) < 3
    # the text and the original rows are untouched
    assert [ln.text for ln in last] == [ln.text for ln in rows[-1]]
    assert rows[-1][0].x0 < CELLS[0][0] - 25


def test_a_flat_table_is_left_alone() -> None:
    rows = _rows(_table(shift_per_row=0.0, widen_per_row=0.0))[1:]
    assert straighten_rows(rows, header_y=230, min_drift=6) is None


def test_every_row_of_a_keystoned_photo_is_read_with_its_date() -> None:
    rows, _ = parse_table(_table(shift_per_row=-0.8, widen_per_row=0.4))
    assert len(rows) == 40
    assert all(row.cells.get("date") for row in rows)
    assert [row.cells["date"][0][0] for row in rows[-2:]] == ["11 Aug 22", "12 Aug 22"]
