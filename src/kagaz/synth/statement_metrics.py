"""How much room text takes on a statement page: cached widths, narration wrapping, row heights.

Statements print thousands of strings, so widths come from per-character tables rather than
from Pillow's shaped measurement (see :func:`measure`).
"""

from __future__ import annotations

from kagaz.synth.fonts import font
from kagaz.synth.render import Canvas

__all__ = ["LINE", "ROW_PAD", "fit", "measure", "wrap"]

ROW_PAD = 0.62  # padding above+below a row, in font sizes
LINE = 1.28  # line height, in font sizes

_WIDTHS: dict[tuple[str, int, bool], dict[str, float]] = {}


def measure(text: str, family: str, size: float, bold: bool = False) -> float:
    """Advance width in pixels (A4 canvases have scale 1), from cached per-character widths:
    Pillow's shaped ``getlength`` costs a millisecond a call, and statements have thousands."""
    px = max(6, int(round(size)))
    table = _WIDTHS.setdefault((family, px, bold), {})
    total = 0.0
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = font(family, px, bold).getlength(ch)
        total += w
    return total


def fit(text: str, family: str, size: float, width: float) -> float:
    w = measure(text, family, size)
    return size if w <= width else size * width / w


def wrap(c: Canvas, text: str, width: float, family: str, size: float) -> list[str]:
    """Greedy wrap at spaces, then at "/" or "-", then anywhere (as core banking prints)."""
    lines: list[str] = []
    rest = text
    while rest:
        if measure(rest, family, size) <= width:
            lines.append(rest)
            break
        lo, hi = 1, len(rest)  # the longest prefix that fits, by bisection
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(rest[:mid], family, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        piece = rest[:cut]
        for sep in (" ", "/", "-", "*"):
            j = piece.rfind(sep)
            if j > cut // 3:
                piece = piece[: j + (0 if sep == " " else 1)]
                break
        lines.append(piece.rstrip())
        rest = rest[len(piece):].lstrip()
    return lines
