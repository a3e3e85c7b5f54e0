"""List fields scored by what they hold: tables row by row, code lists as sets.

Tables (``transactions``, ``line_items``) are lined up with the truth row by row, keeping order
(:func:`align_rows`); a row is exactly right when every column matches, and the counts kept are
rows in truth, rows returned, rows exactly right, missing and extra. Code lists (``nic_codes``,
``serial_numbers``) are compared as sets: exact when the sorted lists are equal, with precision
and recall pooled. Every returned table row enters the confidence calibration with its own
confidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from kagaz.evaluation.values import amount, collapse, text_of

__all__ = ["TABLES", "RowPair", "SetScore", "TableScore", "TableSpec", "align_rows", "score_set",
           "score_table", "spec_from"]


@dataclass(frozen=True)
class TableSpec:
    """How to compare the rows of one table field.

    ``columns`` are all compared (a row is exactly right when all match), ``align`` are the
    columns whose values line rows up, ``amounts`` are compared as numbers, and in ``blank_zero``
    an empty cell equals zero (no debit is a debit of 0).
    """

    columns: tuple[str, ...]
    align: tuple[str, ...]
    amounts: frozenset[str] = frozenset()
    blank_zero: frozenset[str] = frozenset()


TABLES: dict[str, TableSpec] = {
    "transactions": TableSpec(("date", "description", "debit", "credit", "balance"),
                              ("date", "debit", "credit", "balance"),
                              frozenset({"debit", "credit", "balance"}),
                              frozenset({"debit", "credit"})),
    "line_items": TableSpec(("description", "hsn", "quantity", "rate", "amount"),
                            ("description", "hsn", "quantity", "rate", "amount"),
                            frozenset({"quantity", "rate", "amount"})),
}
#: Beyond this many cell comparisons a mismatched block of rows is paired by position.
_DP_LIMIT = 250_000


@dataclass
class RowPair:
    """One aligned pair of rows (either side may be missing)."""

    truth: int | None
    predicted: int | None
    exact: bool
    description_ok: bool | None  # None where the table has no description or a side is missing
    confidence: float | None  # the returned row's own confidence
    wrong_columns: tuple[str, ...] = ()


@dataclass
class TableScore:
    """One table field of one document, row by row."""

    name: str
    truth_rows: int
    returned: int
    rows: list[RowPair]

    @property
    def exact(self) -> int:
        return sum(p.exact for p in self.rows)

    @property
    def missing(self) -> int:
        return sum(p.predicted is None for p in self.rows)

    @property
    def extra(self) -> int:
        return sum(p.truth is None for p in self.rows)

    @property
    def paired_wrong(self) -> int:
        return sum(p.truth is not None and p.predicted is not None and not p.exact
                   for p in self.rows)

    @property
    def description(self) -> tuple[int, int]:
        """(right, compared) descriptions of paired rows."""
        seen = [p.description_ok for p in self.rows if p.description_ok is not None]
        return sum(seen), len(seen)

    @property
    def perfect(self) -> bool:
        return self.exact == self.truth_rows == self.returned


@dataclass
class SetScore:
    """One code list (``nic_codes``, ``serial_numbers``) compared as a set."""

    name: str
    truth: list[str]
    predicted: list[str]

    @property
    def hits(self) -> int:
        return len(set(self.truth) & set(self.predicted))

    @property
    def exact(self) -> bool:
        return sorted(self.truth) == sorted(self.predicted)


def _as_dict(row: Any) -> dict[str, Any]:
    if isinstance(row, dict):
        return row
    if hasattr(row, "model_dump"):
        return row.model_dump()
    return {"value": row}


def _cell(spec: TableSpec, column: str, value: Any) -> str:
    """A cell in comparable form: amounts as canonical numbers, text whitespace-collapsed,
    empty cells (None, "", "-") as ""."""
    text = collapse(text_of(value))
    if text in ("-", "--", "—"):
        text = ""
    if column in spec.amounts and text:
        number = amount(text)
        if number is not None:
            if number == 0 and column in spec.blank_zero:
                return ""
            return format(number.normalize(), "f")
    return text


def _row_conf(row: dict[str, Any], default: float | None) -> float | None:
    conf = row.get("confidence_score", default)
    try:
        return None if conf is None else float(conf)
    except (TypeError, ValueError):
        return default


def _pair_block(truth: Sequence[tuple[str, ...]], pred: Sequence[tuple[str, ...]],
                t0: int, p0: int, need: int) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairing of two runs of rows that share no equal key: maximise the
    matching cells over pairs with at least ``need`` of them (a dynamic programme; by position
    when the block is too big)."""
    n, m = len(truth), len(pred)
    if n * m > _DP_LIMIT:
        k = min(n, m)
        return ([(t0 + i, p0 + i) for i in range(k)] + [(t0 + i, None) for i in range(k, n)]
                + [(None, p0 + j) for j in range(k, m)])
    sim = [[sum(a == b for a, b in zip(tr, pr, strict=True)) for pr in pred] for tr in truth]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = sim[i][j]
            pair = best[i + 1][j + 1] + s if s >= need else -1
            best[i][j] = max(best[i + 1][j], best[i][j + 1], pair)
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = sim[i][j]
        if s >= need and best[i][j] == best[i + 1][j + 1] + s:
            out.append((t0 + i, p0 + j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((t0 + i, None))
            i += 1
        else:
            out.append((None, p0 + j))
            j += 1
    out += [(t0 + k, None) for k in range(i, n)] + [(None, p0 + k) for k in range(j, m)]
    return out


def align_rows(truth: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]],
               spec: TableSpec) -> list[tuple[int | None, int | None]]:
    """Line up truth rows with returned rows, keeping the order of both.

    Rows whose alignment columns all agree are matched first (``difflib.SequenceMatcher``,
    without its junk heuristic); between those anchors, rows that still agree on at least half
    of all columns are paired (a row read with one wrong cell), and the rest are missing
    (truth only) or extra (answer only).
    """
    tk = [tuple(_cell(spec, c, r.get(c)) for c in spec.align) for r in truth]
    pk = [tuple(_cell(spec, c, r.get(c)) for c in spec.align) for r in predicted]
    tf = [tuple(_cell(spec, c, r.get(c)) for c in spec.columns) for r in truth]
    pf = [tuple(_cell(spec, c, r.get(c)) for c in spec.columns) for r in predicted]
    need = (len(spec.columns) + 1) // 2
    pairs: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, tk, pk, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "delete":
            pairs += [(i, None) for i in range(i1, i2)]
        elif tag == "insert":
            pairs += [(None, j) for j in range(j1, j2)]
        else:
            pairs += _pair_block(tf[i1:i2], pf[j1:j2], i1, j1, need)
    return pairs


def score_table(name: str, truth: Any, predicted: Any, field_conf: float | None,
                spec: TableSpec | None = None) -> TableScore:
    """Compare a table field row by row (see :func:`align_rows`)."""
    spec = spec or TABLES[name]
    t_rows = [_as_dict(r) for r in (truth or [])]
    p_rows = [_as_dict(r) for r in (predicted or [])] if isinstance(predicted, list) else []
    pairs = []
    for ti, pi in align_rows(t_rows, p_rows, spec):
        conf = None if pi is None else _row_conf(p_rows[pi], field_conf)
        if ti is None or pi is None:
            pairs.append(RowPair(ti, pi, False, None, conf))
            continue
        wrong = tuple(c for c in spec.columns
                      if _cell(spec, c, t_rows[ti].get(c)) != _cell(spec, c, p_rows[pi].get(c)))
        desc = None if "description" not in spec.columns else "description" not in wrong
        pairs.append(RowPair(ti, pi, not wrong, desc, conf, wrong))
    return TableScore(name, len(t_rows), len(p_rows), pairs)


def _items(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = re.split(r"[,;\n]", value)
    if not isinstance(value, (list, tuple, set)):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("value", item.get("code", text_of(item)))
        text = collapse(text_of(item))
        if text:
            out.append(text)
    return out


def score_set(name: str, truth: Any, predicted: Any) -> SetScore:
    """Compare a code list as a set (exact: the sorted lists are equal).

    >>> s = score_set("nic_codes", ["62011", "47411"], ["47411", "62011 "])
    >>> s.exact, s.hits
    (True, 2)
    """
    return SetScore(name, _items(truth), _items(predicted))


def spec_from(truth: list[dict[str, Any]]) -> TableSpec:
    """A spec for a table field the harness does not know: every column, compared as text."""
    cols = tuple(k for k in truth[0] if k != "confidence_score")
    return TableSpec(cols, cols)
