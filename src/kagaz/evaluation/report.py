"""The Markdown accuracy report and the short stdout summary.

The report is meant to be committed (``docs/accuracy.md``): it says how it was made (command,
machine, date, run time) so a reader can reproduce it, shows the spec's targets as PASS/FAIL
first, then the tables behind them, then a sample of misses so a developer can see *what* went
wrong. Identity documents (issue 3) and business documents (issue 4) have their own targets and
sections; business documents add tables scored row by row and seconds per page.

The targets are measured in :mod:`~kagaz.evaluation.targets`, the business-only sections are
drawn in :mod:`~kagaz.evaluation.report_business`, and both use the Markdown helpers of
:mod:`~kagaz.evaluation.markdown`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kagaz.evaluation.markdown import md_table, pct, rate_cell
from kagaz.evaluation.pooling import BINS, Summary, mean, percentile
from kagaz.evaluation.report_business import business_fields, business_speed, business_tables
from kagaz.evaluation.scoring import category
from kagaz.evaluation.targets import business_targets, targets

__all__ = ["Meta", "render_markdown", "render_stdout"]

MAX_MISSES = 40


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


def _classification(s: Summary) -> list[str]:
    types = sorted(s.by_type)
    variants = sorted(s.by_variant)
    rows = [[t] + [rate_cell(s.by_type_variant.get((t, v))) for v in variants]
            + [rate_cell(s.by_type[t])] for t in types]
    rows.append(["**all**"] + [rate_cell(s.by_variant[v]) for v in variants]
                + [rate_cell(s.classification)])
    out = ["Classification accuracy (count), by expected type and variant:", ""]
    out += md_table(["type"] + variants + ["all"], rows)
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
            extra = f"case-insensitive {pct(s.fields_ci[name])}"
        if category(name) == "address" and s.address_sims:
            extra = f"mean similarity {mean(s.address_sims):.3f}"
        rows.append([name, category(name), ", ".join(types), str(rate.n), pct(rate), extra])
    out = ["Per field (a field missing from the answer counts as a miss):", ""]
    out += md_table(["field", "kind", "types", "in truth", "correct", "notes"], rows)
    cats = [[c, str(r.n), pct(r)] for c, r in sorted(s.categories.items())]
    out += md_table(["kind", "fields", "correct"], cats)
    var = [[v, str(r.n), pct(r)] for v, r in sorted(s.variant_fields.items())]
    out += ["All fields pooled, by variant:", ""] + md_table(["variant", "fields", "correct"], var)
    return out


def _calibration(s: Summary) -> list[str]:
    rows_too = any(r.n for r in s.row_calibration)
    rows = []
    for (lo, hi), r, rr in zip(BINS, s.calibration, s.row_calibration, strict=True):
        row = [f"{lo:.2f}–{hi:.2f}", str(r.n), pct(r)]
        rows.append(row + ([str(rr.n), pct(rr)] if rows_too else []))
    c = s.confident(0.9)
    what = "answered fields in truth, plus invented fields as wrong"
    if rows_too:
        what += "; each returned table row counts once, right when exactly right"
    out = [f"Confidence calibration ({what}):", ""]
    head = ["confidence", "fields", "correct"] + (["of which rows", "rows right"] if rows_too
                                                  else [])
    out += md_table(head, rows)
    out += [f"**fields with confidence ≥ 0.9: {c.n}, correct {pct(c)}**", ""]
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
    return ["Seconds per document (wall time of `Engine.process` in one worker):", ""] + md_table(
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
    return head + md_table(["file", "field", "truth", "answer", "confidence"], esc)


def _errors(s: Summary) -> list[str]:
    bad = [d.rec for d in s.docs if d.rec.exception]
    if not bad:
        return []
    return ["Exceptions:", ""] + [f"- `{r.file}`: {r.exception}" for r in bad] + [""]


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
    out += [f"Classification: {pct(s.classification)} ({s.classification.hits}/"
            f"{s.classification.n}); fields correct: "
            + ", ".join(f"{c} {pct(r)} ({r.n})" for c, r in sorted(s.categories.items())), ""]
    rows = []
    for d in s.docs:
        ok = sum(f.correct for f in d.fields)
        wrong = "; ".join(f"{f.name}: {f.predicted or '(none)'} ≠ {f.truth}"
                          for f in d.fields if not f.correct)
        rows.append([d.rec.file, d.rec.expected_type, d.got, f"{ok}/{len(d.fields)}",
                     f"{d.rec.seconds:.1f}", wrong.replace("|", "\\|")])
    out += md_table(["file", "expected", "answered", "fields", "s", "wrong fields"], rows)
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
        out += ["## Business: fields", ""] + business_fields(business)
        out += ["## Business: tables and lists", ""] + business_tables(business)
        out += ["## Business: confidence", ""] + _calibration(business)
        out += ["## Business: speed", ""] + business_speed(business)
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
        lines.append(f"samples: {len(samples.docs)} documents, classification {pct(c)} "
                     f"({c.hits}/{c.n}), fields "
                     + ", ".join(f"{k} {pct(r)}" for k, r in sorted(samples.categories.items())))
    return "\n".join(lines)
