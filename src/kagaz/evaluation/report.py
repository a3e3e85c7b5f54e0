"""The Markdown accuracy report and the short stdout summary.

The report is meant to be committed (``docs/accuracy.md``): it says how it was made (command,
machine, date, run time) so a reader can reproduce it, shows the spec's targets as PASS/FAIL
first, then the tables behind them, then a sample of misses so a developer can see *what* went
wrong. Identity documents (issue 3) and business documents (issue 4) have their own targets and
sections; business documents add tables scored row by row and seconds per page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kagaz.evaluation.list_fields import TABLES, TableScore
from kagaz.evaluation.pooling import BINS, Rate, Summary, mean, percentile
from kagaz.evaluation.scoring import category

__all__ = ["Meta", "Target", "business_targets", "render_markdown", "render_stdout", "targets"]

MAX_MISSES = 40
MAX_ROW_MISSES = 30
MAX_TABLE_DOCS = 120


@dataclass
class Meta:
    """How the run was made."""

    command: str
    date: str
    machine: str
    synthetic: str  # one line on the corpus
    samples: str  # one line on the real samples (or why they were skipped)
    business: str = ""  # one line on the business corpus
    types: str = ""  # which types were generated, and which were skipped
    runtime: str = ""  # wall time, estimate, and what the default run costs
    generation_errors: list[str] = field(default_factory=list)


@dataclass
class Target:
    label: str
    rate: Rate
    threshold: float

    @property
    def verdict(self) -> str:
        if self.rate.rate is None:
            return "N/A"
        return "PASS" if self.rate.rate >= self.threshold else "FAIL"

    def line(self) -> str:
        value = "n/a" if self.rate.rate is None else f"{100 * self.rate.rate:.1f}%"
        return (f"{self.verdict} {self.label}: {value} ({self.rate.hits}/{self.rate.n}), "
                f"target ≥ {100 * self.threshold:g}%")


def targets(s: Summary) -> list[Target]:
    """The spec's accuracy targets, measured on ``s``."""
    cats = s.categories
    return [
        Target("classification", s.classification, 0.99),
        Target("identifiers exact", cats.get("identifier", Rate()), 0.98),
        Target("names exact", cats.get("name", Rate()), 0.95),
        Target("dates exact", cats.get("date", Rate()), 0.95),
        Target("addresses (similarity ≥ 0.9)", cats.get("address", Rate()), 0.85),
        Target("fields with confidence ≥ 0.9 correct", s.confident(0.9), 0.97),
    ]


def business_targets(s: Summary) -> list[Target]:
    """Issue 4's targets on the business documents of ``s``."""
    cats = s.categories
    return [
        Target("classification", s.classification, 0.99),
        Target("identifiers exact (GSTIN, Udyam no., account no., IFSC, invoice/DO/registration/"
               "document no.)", cats.get("identifier", Rate()), 0.98),
        Target("amounts exact (numerically)", cats.get("amount", Rate()), 0.97),
        Target("dates exact", cats.get("date", Rate()), 0.97),
        Target("transaction rows exactly right, digital PDFs",
               s.table("transactions", "digital").rate, 0.99),
        Target("transaction rows exactly right, scans", s.table("transactions", "scanned").rate,
               0.95),
    ]


def _pct(rate: Rate | None) -> str:
    if rate is None or rate.rate is None:
        return "–"
    return f"{100 * rate.rate:.1f}%"


def _cell(rate: Rate | None) -> str:
    return "" if rate is None or not rate.n else f"{_pct(rate)} ({rate.n})"


def _table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


def _classification(s: Summary) -> list[str]:
    types = sorted(s.by_type)
    variants = sorted(s.by_variant)
    rows = [[t] + [_cell(s.by_type_variant.get((t, v))) for v in variants]
            + [_cell(s.by_type[t])] for t in types]
    rows.append(["**all**"] + [_cell(s.by_variant[v]) for v in variants]
                + [_cell(s.classification)])
    out = ["Classification accuracy (count), by expected type and variant:", ""]
    out += _table(["type"] + variants + ["all"], rows)
    wrong = sorted(((e, g), n) for (e, g), n in s.confusion.items() if e != g)
    if wrong:
        out += ["Misclassified (expected → answered: count): "
                + "; ".join(f"{e} → {g}: {n}" for (e, g), n in wrong), ""]
    return out


def _fields(s: Summary) -> list[str]:
    rows = []
    for name in sorted(s.fields, key=lambda n: (category(n), n)):
        rate = s.fields[name]
        types = sorted(t for (t, f) in s.fields_by_type if f == name)
        extra = ""
        if name in s.fields_ci:
            extra = f"case-insensitive {_pct(s.fields_ci[name])}"
        if category(name) == "address" and s.address_sims:
            extra = f"mean similarity {mean(s.address_sims):.3f}"
        rows.append([name, category(name), ", ".join(types), str(rate.n), _pct(rate), extra])
    out = ["Per field (a field missing from the answer counts as a miss):", ""]
    out += _table(["field", "kind", "types", "in truth", "correct", "notes"], rows)
    cats = [[c, str(r.n), _pct(r)] for c, r in sorted(s.categories.items())]
    out += _table(["kind", "fields", "correct"], cats)
    var = [[v, str(r.n), _pct(r)] for v, r in sorted(s.variant_fields.items())]
    out += ["All fields pooled, by variant:", ""] + _table(["variant", "fields", "correct"], var)
    return out


def _calibration(s: Summary) -> list[str]:
    rows_too = any(r.n for r in s.row_calibration)
    rows = []
    for (lo, hi), r, rr in zip(BINS, s.calibration, s.row_calibration, strict=True):
        row = [f"{lo:.2f}–{hi:.2f}", str(r.n), _pct(r)]
        rows.append(row + ([str(rr.n), _pct(rr)] if rows_too else []))
    c = s.confident(0.9)
    what = "answered fields in truth, plus invented fields as wrong"
    if rows_too:
        what += "; each returned table row counts once, right when exactly right"
    out = [f"Confidence calibration ({what}):", ""]
    head = ["confidence", "fields", "correct"] + (["of which rows", "rows right"] if rows_too
                                                  else [])
    out += _table(head, rows)
    out += [f"**fields with confidence ≥ 0.9: {c.n}, correct {_pct(c)}**", ""]
    if s.invented:
        out += ["Invented fields (returned, not printed): "
                + ", ".join(f"{k}: {v}" for k, v in sorted(s.invented.items())), ""]
    return out


def _speed(s: Summary) -> list[str]:
    rows = [[t, str(len(v)), f"{mean(v):.2f}", f"{percentile(v, 50):.2f}",
             f"{percentile(v, 95):.2f}"] for t, v in sorted(s.seconds.items())]
    every = [x for v in s.seconds.values() for x in v]
    rows.append(["**all**", str(len(every)), f"{mean(every):.2f}", f"{percentile(every, 50):.2f}",
                 f"{percentile(every, 95):.2f}"])
    return ["Seconds per document (wall time of `Engine.process` in one worker):", ""] + _table(
        ["type", "docs", "mean", "p50", "p95"], rows)


def _misses(s: Summary, limit: int = MAX_MISSES) -> list[str]:
    """A sample of misses, taken in turn from each field (and wrong types) so that one bad
    field does not fill the table."""
    groups: dict[str, list[list[str]]] = {}
    for d in s.docs:
        if not d.classified:
            groups.setdefault("(type)", []).append([d.rec.file, "(type)", d.expected, d.got, ""])
        for f in d.fields:
            if not f.correct:
                conf = "" if f.confidence is None else f"{f.confidence:.2f}"
                groups.setdefault(f.name, []).append(
                    [d.rec.file, f.name, f.truth, f.predicted or "(none)", conf])
    total = sum(len(g) for g in groups.values())
    if not total:
        return ["No misses.", ""]
    rows: list[list[str]] = []
    for i in range(max(len(g) for g in groups.values())):
        rows += [g[i] for g in groups.values() if i < len(g)]
    head = [f"Misses ({total} in all; {min(limit, total)} shown, taken in turn from each field):",
            ""]
    esc = [[c.replace("|", "\\|") for c in r] for r in rows[:limit]]
    return head + _table(["file", "field", "truth", "answer", "confidence"], esc)


def _errors(s: Summary) -> list[str]:
    bad = [d.rec for d in s.docs if d.rec.exception]
    if not bad:
        return []
    return ["Exceptions:", ""] + [f"- `{r.file}`: {r.exception}" for r in bad] + [""]


def _speed_pages(s: Summary) -> list[str]:
    """Seconds per document and per page, by type and capture (digital or scanned)."""
    rows = []
    every: list[tuple[float, int]] = []
    for (t, cap), runs in sorted(s.speed.items()):
        every += runs
        rows.append(_speed_row([t, cap], runs))
    rows.append(_speed_row(["**all**", ""], every))
    out = ["Seconds per document and per page (wall time of `Engine.process` in one worker; "
           "pages as the engine counted them):", ""]
    return out + _table(["type", "capture", "docs", "pages", "s/doc mean", "s/doc p95",
                         "max pages", "s/page"], rows)


def _speed_row(head: list[str], runs: list[tuple[float, int]]) -> list[str]:
    secs = [x for x, _ in runs]
    pages = [max(1, p) for _, p in runs]
    per_page = sum(secs) / sum(pages) if pages else 0.0
    return head + [str(len(runs)), str(sum(pages)), f"{mean(secs):.2f}",
                   f"{percentile(secs, 95):.2f}", str(max(pages, default=0)), f"{per_page:.2f}"]


def _fields_by_type(s: Summary) -> list[str]:
    rows = []
    for (t, name), rate in sorted(s.fields_by_type.items(),
                                  key=lambda kv: (kv[0][0], category(kv[0][1]), kv[0][1])):
        rows.append([t, name, category(name), str(rate.n), _pct(rate)])
    out = ["Per type and field, exact (addresses: similarity ≥ 0.9; amounts: same number; "
           "tables: every row exactly right and nothing extra; lists: the same set):", ""]
    out += _table(["type", "field", "kind", "in truth", "correct"], rows)
    cats = [[c, str(r.n), _pct(r)] for c, r in sorted(s.categories.items())]
    out += _table(["kind", "fields", "correct"], cats)
    var = [[v, str(r.n), _pct(r)] for v, r in sorted(s.variant_fields.items())]
    out += ["All fields pooled, by variant:", ""] + _table(["variant", "fields", "correct"], var)
    return out


def _tables(s: Summary) -> list[str]:
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
                             str(t.exact), str(t.missing), str(t.extra), _pct(t.rate), desc])
        out += ["Table rows, lined up with the truth in order: a row is exactly right when every "
                "column matches (amounts as numbers, empty cells equal; descriptions after "
                "collapsing whitespace). Digital: `pdf_text`; photo: camera captures (`photo`, "
                "`photo_of_photo`), reported without a target; scanned: every other capture.", ""]
        out += _table(["field", "capture", "docs", "rows in truth", "returned", "exactly right",
                       "missing", "extra", "% of truth rows right", "descriptions right"], rows)
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
        out += _table(["file", "field", "variant", "pages", "truth", "returned", "exact",
                       "missing", "extra", "descriptions"], shown)
        out += _row_misses(s)
    if s.sets:
        rows = [[name, str(t.docs), f"{t.exact}/{t.docs}",
                 "–" if t.precision is None else f"{100 * t.precision:.1f}%",
                 "–" if t.recall is None else f"{100 * t.recall:.1f}%"]
                for name, t in sorted(s.sets.items())]
        out += ["Code lists, compared as sets:", ""]
        out += _table(["field", "docs", "exact lists", "precision", "recall"], rows)
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
    return head + _table(["file", "field", "row", "truth", "answer", "wrong"], esc)


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


def _samples(s: Summary) -> list[str]:
    unread = sorted({d.rec.expected_type for d in s.docs
                     if d.expected == "OTHER" and d.rec.expected_type != "OTHER"})
    note = ("Truth here lists only the values that could be read off each file; other fields are "
            "not checked, and nothing counts as invented.")
    if unread:
        note += (f" Types without a synthetic generator yet ({', '.join(unread)}) must come out "
                 "UNRECOGNISED (naming them is right too), and their fields are checked only "
                 "when named.")
    out = [note, ""]
    out += [f"Classification: {_pct(s.classification)} ({s.classification.hits}/"
            f"{s.classification.n}); fields correct: "
            + ", ".join(f"{c} {_pct(r)} ({r.n})" for c, r in sorted(s.categories.items())), ""]
    rows = []
    for d in s.docs:
        ok = sum(f.correct for f in d.fields)
        wrong = "; ".join(f"{f.name}: {f.predicted or '(none)'} ≠ {f.truth}"
                          for f in d.fields if not f.correct)
        rows.append([d.rec.file, d.rec.expected_type, d.got, f"{ok}/{len(d.fields)}",
                     f"{d.rec.seconds:.1f}", wrong.replace("|", "\\|")])
    out += _table(["file", "expected", "answered", "fields", "s", "wrong fields"], rows)
    return out + _calibration(s)


def render_markdown(meta: Meta, synthetic: Summary | None, samples: Summary | None,
                    business: Summary | None = None) -> str:
    """The whole report: identity targets and sections (``synthetic``), business ones
    (``business``), then the real samples."""
    out = ["# kagaz accuracy report", "",
           f"- Command: `{meta.command}`", f"- Date: {meta.date}", f"- Machine: {meta.machine}"]
    if meta.runtime:
        out.append(f"- Run time: {meta.runtime}")
    if meta.types:
        out.append(f"- Types: {meta.types}")
    out.append(f"- Synthetic corpus: {meta.synthetic}")
    if meta.business:
        out.append(f"- Business corpus: {meta.business}")
    out += [f"- Real samples: {meta.samples}", ""]
    if meta.generation_errors:
        out += ["Documents the generator failed to make (left out):", ""]
        out += [f"- {e}" for e in meta.generation_errors] + [""]
    if synthetic and synthetic.docs:
        out += ["## Targets: identity documents (synthetic corpus)", ""]
        out += [f"- {t.line()}" for t in targets(synthetic)] + [""]
    if business and business.docs:
        out += ["## Targets: business documents (synthetic corpus, issue 4)", ""]
        out += [f"- {t.line()}" for t in business_targets(business)] + [""]
    if synthetic and synthetic.docs:
        out += ["## Synthetic: classification", ""] + _classification(synthetic)
        out += ["## Synthetic: fields", ""] + _fields(synthetic)
        out += ["## Synthetic: confidence", ""] + _calibration(synthetic)
        out += ["## Synthetic: speed", ""] + _speed(synthetic)
        out += ["## Synthetic: misses", ""] + _misses(synthetic) + _errors(synthetic)
    if business and business.docs:
        out += ["## Business: classification", ""] + _classification(business)
        out += ["## Business: fields", ""] + _fields_by_type(business)
        out += ["## Business: tables and lists", ""] + _tables(business)
        out += ["## Business: confidence", ""] + _calibration(business)
        out += ["## Business: speed", ""] + _speed_pages(business)
        out += ["## Business: misses", ""] + _misses(business) + _errors(business)
    if samples and samples.docs:
        out += ["## Real samples", ""] + _samples(samples) + _errors(samples)
    return "\n".join(out).rstrip() + "\n"


def render_stdout(synthetic: Summary | None, samples: Summary | None,
                  business: Summary | None = None) -> str:
    """A few lines for the terminal: the targets and the sample headline."""
    lines = []
    if synthetic and synthetic.docs:
        every = [x for v in synthetic.seconds.values() for x in v]
        lines.append(f"synthetic: {len(synthetic.docs)} documents, "
                     f"{mean(every):.2f} s/doc mean, p95 {percentile(every, 95):.2f} s")
        lines += ["  " + t.line() for t in targets(synthetic)]
    if business and business.docs:
        runs = [r for v in business.speed.values() for r in v]
        secs = sum(x for x, _ in runs)
        pages = sum(max(1, p) for _, p in runs)
        lines.append(f"business: {len(business.docs)} documents, {pages} pages, "
                     f"{secs / max(1, pages):.2f} s/page mean")
        lines += ["  " + t.line() for t in business_targets(business)]
    if samples and samples.docs:
        c = samples.classification
        lines.append(f"samples: {len(samples.docs)} documents, classification {_pct(c)} "
                     f"({c.hits}/{c.n}), fields "
                     + ", ".join(f"{k} {_pct(r)}" for k, r in sorted(samples.categories.items())))
    return "\n".join(lines)
