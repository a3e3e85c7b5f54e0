"""``kagaz extract --profile``: where the time went, stage by stage, over the inputs read.

The engine times its stages (load, ocr, normalise, classify, extract, …) and, inside them, the
parts that cost (detection, angle classification, recognition, Devanagari re-reads,
straightening: :mod:`kagaz.observability.profile`); this prints their totals and means so the
next slowdown is found in minutes, not by bisecting.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from kagaz.pipeline.engine import PART_PREFIX

__all__ = ["print_profile", "profile_rows"]


def profile_rows(spent: Sequence[dict[str, float]]) -> list[tuple[str, float, float, float]]:
    """(name, total s, mean s per input, share of the total) for each stage, then each part
    (indented under the stages), in the order first seen; ``total`` last.

    >>> rows = profile_rows([{"load": 0.1, "ocr": 0.8, "part:recognition": 0.5, "total": 1.0},
    ...                      {"load": 0.1, "ocr": 0.6, "part:recognition": 0.3, "total": 0.8}])
    >>> [(n, round(t, 2), round(m, 2), round(s, 2)) for n, t, m, s in rows]
    [('load', 0.2, 0.1, 0.11), ('ocr', 1.4, 0.7, 0.78), ('  recognition', 0.8, 0.4, 0.44), ('total', 1.8, 0.9, 1.0)]
    """
    totals: dict[str, float] = {}
    for timings in spent:
        for name, seconds in timings.items():
            totals[name] = totals.get(name, 0.0) + seconds
    n = max(1, len(spent))
    whole = totals.get("total") or sum(v for k, v in totals.items() if not k.startswith(PART_PREFIX)) or 1.0
    stages = [k for k in totals if k != "total" and not k.startswith(PART_PREFIX)]
    parts = [k for k in totals if k.startswith(PART_PREFIX)]
    rows = [(k, totals[k], totals[k] / n, totals[k] / whole) for k in stages]
    rows += [("  " + k[len(PART_PREFIX):], totals[k], totals[k] / n, totals[k] / whole) for k in parts]
    if "total" in totals:
        rows.append(("total", totals["total"], totals["total"] / n, 1.0))
    return rows


def print_profile(spent: Sequence[dict[str, float]], *, workers: int) -> None:
    """The table of :func:`profile_rows` on stderr (stdout keeps one JSON line per input)."""
    table = Table(title=f"where the time went: {len(spent)} input(s), {workers} process(es)")
    for column in ("stage / part", "total s", "mean s per input", "share"):
        table.add_column(column, justify="left" if column.startswith("stage") else "right")
    for name, total, mean, share in profile_rows(spent):
        table.add_row(name, f"{total:.3f}", f"{mean:.3f}", f"{share:.0%}")
    Console(file=sys.stderr).print(table)
