"""The report's business-document sections: fields per type, table rows, code lists, speed.

Business documents (issue 4) add what identity documents lack: tables scored row by row (pooled,
per document, and a sample of wrong, missing and extra rows), code lists scored as sets, and
seconds per page as well as per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kagaz.evaluation.list_fields import TABLES, TableScore
from kagaz.evaluation.markdown import md_table, pct
from kagaz.evaluation.pooling import Summary, mean, percentile
from kagaz.evaluation.scoring import category

__all__ = ["business_fields", "business_speed", "business_tables"]

MAX_ROW_MISSES = 30
MAX_TABLE_DOCS = 120


def business_speed(s: Summary) -> list[str]:
    """Seconds per document and per page, by type and capture (digital or scanned)."""
    rows = []
    every: list[tuple[float, int]] = []
    for (t, cap), runs in sorted(s.speed.items()):
        every += runs
        rows.append(_speed_row([t, cap], runs))
    rows.append(_speed_row(["**all**", ""], every))
    out = ["Seconds per document and per page (wall time of `Engine.process` in one worker; "
           "pages as the engine counted them):", ""]
    return out + md_table(["type", "capture", "docs", "pages", "s/doc mean", "s/doc p95",
                           "max pages", "s/page"], rows)


def _speed_row(head: list[str], runs: list[tuple[float, int]]) -> list[str]:
    secs = [x for x, _ in runs]
    pages = [max(1, p) for _, p in runs]
    per_page = sum(secs) / sum(pages) if pages else 0.0
    return head + [str(len(runs)), str(sum(pages)), f"{mean(secs):.2f}",
                   f"{percentile(secs, 95):.2f}", str(max(pages, default=0)), f"{per_page:.2f}"]


def business_fields(s: Summary) -> list[str]:
    """Fields by type, then pooled by kind and by variant."""
    rows = []
    for (t, name), rate in sorted(s.fields_by_type.items(),
                                  key=lambda kv: (kv[0][0], category(kv[0][1]), kv[0][1])):
        rows.append([t, name, category(name), str(rate.n), pct(rate)])
    out = ["Per type and field, exact (addresses: similarity ≥ 0.9; amounts: same number; "
           "tables: every row exactly right and nothing extra; lists: the same set):", ""]
    out += md_table(["type", "field", "kind", "in truth", "correct"], rows)
    cats = [[c, str(r.n), pct(r)] for c, r in sorted(s.categories.items())]
    out += md_table(["kind", "fields", "correct"], cats)
    var = [[v, str(r.n), pct(r)] for v, r in sorted(s.variant_fields.items())]
    out += ["All fields pooled, by variant:", ""] + md_table(["variant", "fields", "correct"], var)
    return out


def business_tables(s: Summary) -> list[str]:
    """Table fields row by row (pooled and per document) and code lists as sets."""
    out: list[str] = []
    names = sorted({n for n, _ in s.tables})
    if names:
        rows = []
        for name in names:
            caps = sorted({c for n, c in s.tables if n == name})
            for cap in [*caps, None] if len(caps) > 1 else caps:
                t = s.table(name, cap)
                desc = (f"{100 * t.description_ok / t.description_n:.1f}%"
                        if t.description_n else "–")
                rows.append([name, cap or "**all**", str(t.docs), str(t.truth), str(t.returned),
                             str(t.exact), str(t.missing), str(t.extra), pct(t.rate), desc])
        out += ["Table rows, lined up with the truth in order: a row is exactly right when every "
                "column matches (amounts as numbers, empty cells equal; descriptions after "
                "collapsing whitespace). Digital: `pdf_text`; photo: camera captures (`photo`, "
                "`photo_of_photo`), reported without a target; scanned: every other capture.", ""]
        out += md_table(["field", "capture", "docs", "rows in truth", "returned",
                          "exactly right", "missing", "extra", "% of truth rows right",
                          "descriptions right"], rows)
        per_doc = []
        for d in s.docs:
            for t in d.tables:
                ok, n = t.description
                per_doc.append([d.rec.file, t.name, d.rec.variant or "-", str(d.rec.pages),
                                str(t.truth_rows), str(t.returned), str(t.exact), str(t.missing),
                                str(t.extra), f"{ok}/{n}"])
        shown = per_doc[:MAX_TABLE_DOCS]
        out += [f"Per document ({len(per_doc)}" + (f"; first {len(shown)} shown" if len(shown)
                                                    < len(per_doc) else "") + "):", ""]
        out += md_table(["file", "field", "variant", "pages", "truth", "returned", "exact",
                          "missing", "extra", "descriptions"], shown)
        out += _row_misses(s)
    if s.sets:
        rows = [[name, str(t.docs), f"{t.exact}/{t.docs}",
                 "–" if t.precision is None else f"{100 * t.precision:.1f}%",
                 "–" if t.recall is None else f"{100 * t.recall:.1f}%"]
                for name, t in sorted(s.sets.items())]
        out += ["Code lists, compared as sets:", ""]
        out += md_table(["field", "docs", "exact lists", "precision", "recall"], rows)
    return out or ["No table or list fields in truth.", ""]


def _row_text(row: Any, columns: Iterable[str]) -> str:
    if not isinstance(row, dict):
        return str(row)
    return " · ".join("" if row.get(c) is None else str(row.get(c)) for c in columns)


def _row_misses(s: Summary, limit: int = MAX_ROW_MISSES) -> list[str]:
    """Wrong, missing and extra rows, taken in turn from each document."""
    groups: list[list[list[str]]] = []
    for d in s.docs:
        for t in d.tables:
            groups.append(_doc_row_misses(d.rec.file, d.rec.truth, d.rec.predicted, t))
    groups = [g for g in groups if g]
    total = sum(len(g) for g in groups)
    if not total:
        return ["No row misses.", ""]
    rows: list[list[str]] = []
    for i in range(max(len(g) for g in groups)):
        rows += [g[i] for g in groups if i < len(g)]
    esc = [[c.replace("|", "\\|") for c in r] for r in rows[:limit]]
    head = [f"Row misses ({total} in all; {min(limit, total)} shown, taken in turn from each "
            "document; columns in the table's order):", ""]
    return head + md_table(["file", "field", "row", "truth", "answer", "wrong"], esc)


def _doc_row_misses(file: str, truth: dict[str, Any], predicted: dict[str, tuple[Any, float]],
                    t: TableScore) -> list[list[str]]:
    spec = TABLES.get(t.name)
    t_rows = truth.get(t.name) or []
    value = predicted.get(t.name, (None, 0.0))[0]
    p_rows = value if isinstance(value, list) else []
    cols = spec.columns if spec else tuple(t_rows[0]) if t_rows else ()
    if not p_rows and t_rows:
        return [[file, t.name, f"1–{len(t_rows)}", f"{len(t_rows)} rows", "(no rows returned)",
                 "all missing"]]
    out = []
    for p in t.rows:
        if p.exact:
            continue
        tr = "(missing)" if p.truth is None else _row_text(t_rows[p.truth], cols)
        pr = "(none)" if p.predicted is None else _row_text(p_rows[p.predicted], cols)
        wrong = ("missing" if p.predicted is None else "extra" if p.truth is None
                 else ", ".join(p.wrong_columns))
        where = str(p.truth + 1) if p.truth is not None else f"+{(p.predicted or 0) + 1}"
        out.append([file, t.name, where, tr, pr, wrong])
    return out
