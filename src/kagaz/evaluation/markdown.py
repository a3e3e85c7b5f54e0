"""The Markdown pieces the accuracy report is built from: percentages and pipe tables."""

from __future__ import annotations

from collections.abc import Iterable

from kagaz.evaluation.pooling import Rate

__all__ = ["md_table", "pct", "rate_cell"]


def pct(rate: Rate | None) -> str:
    """A rate as ``12.3%``, or "–" when nothing was counted."""
    if rate is None or rate.rate is None:
        return "–"
    return f"{100 * rate.rate:.1f}%"


def rate_cell(rate: Rate | None) -> str:
    """A table cell: the rate and its count, empty when nothing was counted."""
    return "" if rate is None or not rate.n else f"{pct(rate)} ({rate.n})"


def md_table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A Markdown pipe table, as lines, with the blank line that ends it."""
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]
