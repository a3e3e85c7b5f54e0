"""The Markdown accuracy report and the short stdout summary.

The report is meant to be committed (``docs/accuracy.md``): it says how it was made (command,
machine, date) so a reader can reproduce it, shows the spec's targets as PASS/FAIL first, then
the tables behind them, then a sample of misses so a developer can see *what* went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kagaz.evaluation.scoring import BINS, Rate, Summary, category, mean, percentile

__all__ = ["Meta", "Target", "render_markdown", "render_stdout", "targets"]

MAX_MISSES = 40


@dataclass
class Meta:
    """How the run was made."""

    command: str
    date: str
    machine: str
    synthetic: str  # one line on the corpus
    samples: str  # one line on the real samples (or why they were skipped)


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
    rows = [[f"{lo:.2f}–{hi:.2f}", str(r.n), _pct(r)] for (lo, hi), r in zip(BINS, s.calibration,
                                                                            strict=True)]
    c = s.confident(0.9)
    out = ["Confidence calibration (answered fields in truth, plus invented fields as wrong):", ""]
    out += _table(["confidence", "fields", "correct"], rows)
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


def _samples(s: Summary) -> list[str]:
    out = ["Truth here lists only the values that could be read off each file; other fields are "
           "not checked, and nothing counts as invented. Types kagaz does not support (GST, "
           "Udyam, invoices) must come out UNRECOGNISED.", ""]
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


def render_markdown(meta: Meta, synthetic: Summary | None, samples: Summary | None) -> str:
    """The whole report."""
    out = ["# kagaz accuracy report", "",
           f"- Command: `{meta.command}`", f"- Date: {meta.date}", f"- Machine: {meta.machine}",
           f"- Synthetic corpus: {meta.synthetic}", f"- Real samples: {meta.samples}", ""]
    if synthetic and synthetic.docs:
        out += ["## Targets (synthetic corpus)", ""]
        out += [f"- {t.line()}" for t in targets(synthetic)] + [""]
        out += ["## Synthetic: classification", ""] + _classification(synthetic)
        out += ["## Synthetic: fields", ""] + _fields(synthetic)
        out += ["## Synthetic: confidence", ""] + _calibration(synthetic)
        out += ["## Synthetic: speed", ""] + _speed(synthetic)
        out += ["## Synthetic: misses", ""] + _misses(synthetic) + _errors(synthetic)
    if samples and samples.docs:
        out += ["## Real samples", ""] + _samples(samples) + _errors(samples)
    return "\n".join(out).rstrip() + "\n"


def render_stdout(synthetic: Summary | None, samples: Summary | None) -> str:
    """A few lines for the terminal: the targets and the sample headline."""
    lines = []
    if synthetic and synthetic.docs:
        every = [x for v in synthetic.seconds.values() for x in v]
        lines.append(f"synthetic: {len(synthetic.docs)} documents, "
                     f"{mean(every):.2f} s/doc mean, p95 {percentile(every, 95):.2f} s")
        lines += ["  " + t.line() for t in targets(synthetic)]
    if samples and samples.docs:
        c = samples.classification
        lines.append(f"samples: {len(samples.docs)} documents, classification {_pct(c)} "
                     f"({c.hits}/{c.n}), fields "
                     + ", ".join(f"{k} {_pct(r)}" for k, r in sorted(samples.categories.items())))
    return "\n".join(lines)
