"""The real-document development corpus (``tests/real``): jobs, scores and its report section.

``tests/real`` holds public documents that nobody on this team made (test fixtures and
specimens of permissively licensed projects, each traced in ``manifest.jsonl``), with
``truth.jsonl`` in the samples' format: the values printed on each document. It is scored like
the shared samples (only the fields in truth are checked; nothing counts as invented), plus one
count the samples do not show: identifiers (GSTIN, PAN, account number, invoice number, ...)
returned on documents that are of no type kagaz reads (truth type ``OTHER``). An engine that
reads identifiers off a receipt, a ledger or a contract makes them up for the lender, so the
target there is zero.

``python -m kagaz.evaluation --real DIR`` (default ``tests/real``; ``none`` skips it) runs the
corpus with the rest and appends the section that :func:`render_section` writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kagaz.evaluation.pooling import Rate, Summary, TableTotals, summarise
from kagaz.evaluation.runner import Job, load_samples
from kagaz.evaluation.scoring import DocRecord, DocScore, category, score_document
from kagaz.evaluation.values import lookup

__all__ = ["SOURCE", "OtherIdentifier", "RealSummary", "load_real", "render_line",
           "render_section", "summarise_real"]

#: ``Job.source`` / ``DocRecord.source`` of the corpus's documents.
SOURCE = "real"
#: Fields whose exactness the headline reports for invoices.
INVOICE_FIELDS = ("invoice_number", "invoice_date", "total_amount")


def load_real(directory: Path, homes: Iterable[Path] = ()) -> list[Job]:
    """One job per line of ``directory/truth.jsonl`` whose file exists there or in ``homes``.

    The documents themselves are not committed (material brought from other repositories stays
    out of ours; ``tests/real/README.md``): a checkout finds them in ``directory/docs`` when a
    developer placed them there, or in the workplace's shared folder (``../shared/real``)."""
    return load_samples(directory, source=SOURCE, homes=homes)


@dataclass(frozen=True)
class OtherIdentifier:
    """An identifier the engine returned on a document of no type it reads."""

    file: str
    answered: str  # the type the engine named ("OTHER" when none)
    name: str
    value: str
    confidence: float


@dataclass
class RealSummary:
    """The corpus's scores: the samples' :class:`Summary` plus identifiers on other documents."""

    summary: Summary
    directory: str
    other_identifiers: list[OtherIdentifier] = field(default_factory=list)

    @property
    def docs(self) -> list[DocScore]:
        return self.summary.docs

    def recognised(self, doc_type: str) -> Rate:
        """Documents of ``doc_type`` in truth that the engine named ``doc_type``."""
        r = Rate()
        for d in self.docs:
            if d.rec.expected_type == doc_type:
                r.add(d.got == doc_type)
        return r

    def field_rate(self, doc_type: str, name: str) -> Rate:
        return self.summary.fields_by_type.get((doc_type, name), Rate())

    @property
    def identifiers(self) -> Rate:
        return self.summary.categories.get("identifier", Rate())

    @property
    def rows(self) -> TableTotals:
        return self.summary.table("transactions")

    @property
    def other_docs(self) -> list[DocScore]:
        """Documents that must come out UNRECOGNISED."""
        return [d for d in self.docs if d.expected == "OTHER"]

    @property
    def other_docs_with_identifiers(self) -> int:
        return len({o.file for o in self.other_identifiers})


def _other_identifiers(d: DocScore) -> list[OtherIdentifier]:
    if d.expected != "OTHER":
        return []
    out = []
    for name in sorted(d.rec.predicted):
        hit = lookup(d.rec.predicted, name)
        if category(name) == "identifier" and hit is not None and hit[0].strip():
            out.append(OtherIdentifier(d.rec.file, d.got, name, hit[0], hit[1]))
    return out


def summarise_real(records: Iterable[DocRecord], supported: Iterable[str] | None = None,
                   directory: str = "tests/real") -> RealSummary | None:
    """Score the corpus's records (others are ignored); None when there are none."""
    kinds = None if supported is None else tuple(supported)
    docs = [score_document(r, False, kinds) for r in records if r.source == SOURCE]
    if not docs:
        return None
    found = [o for d in docs for o in _other_identifiers(d)]
    return RealSummary(summarise(docs), directory, found)


def _rate(rate: Rate) -> str:
    if not rate.n:
        return "– (0 in truth)"
    return f"{100 * rate.hits / rate.n:.1f}% ({rate.hits}/{rate.n})"


def headline(rs: RealSummary) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order the report and the terminal show them."""
    rows = rs.rows
    other = rs.other_docs
    return [
        ("classification", _rate(rs.summary.classification)),
        ("invoices recognised", _rate(rs.recognised("INVOICE"))),
        ("bank statements recognised", _rate(rs.recognised("BANK_STATEMENT"))),
        *((f"invoice {n.removeprefix('invoice_').replace('_', ' ')} exact",
           _rate(rs.field_rate("INVOICE", n))) for n in INVOICE_FIELDS),
        ("transaction rows exactly right", _rate(rows.rate)),
        ("identifiers exact", _rate(rs.identifiers)),
        ("identifiers returned on documents of other types (target 0)",
         f"{len(rs.other_identifiers)} on {rs.other_docs_with_identifiers} of {len(other)} "
         f"documents"),
    ]


def _esc(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(_esc(c) for c in r) + " |" for r in rows] + [""]


def _by_type(rs: RealSummary) -> list[list[str]]:
    rows = []
    for t in sorted({d.rec.expected_type for d in rs.docs}):
        docs = [d for d in rs.docs if d.rec.expected_type == t]
        fields = [f for d in docs for f in d.fields]
        ok = sum(d.classified for d in docs)
        rows.append([t, str(len(docs)), f"{ok}/{len(docs)}",
                     f"{sum(f.correct for f in fields)}/{len(fields)}" if fields else "–"])
    return rows


def _per_document(rs: RealSummary) -> list[list[str]]:
    found: dict[str, list[str]] = {}
    for o in rs.other_identifiers:
        found.setdefault(o.file, []).append(f"{o.name}={o.value}")
    rows = []
    for d in rs.docs:
        wrong = "; ".join(f"{f.name}: {f.predicted or '(none)'} ≠ {f.truth}"
                          for f in d.fields if not f.correct)
        note = d.rec.exception or d.rec.error_code or ""
        rows.append([d.rec.file, d.rec.expected_type, d.got,
                     f"{sum(f.correct for f in d.fields)}/{len(d.fields)}", wrong,
                     ", ".join(found.get(d.rec.file, [])), note, f"{d.rec.seconds:.1f}"])
    return rows


def render_section(rs: RealSummary) -> list[str]:
    """The report's "Real documents" section, as Markdown lines."""
    out = [f"## Real documents ({rs.directory})", "",
           f"{len(rs.docs)} public documents that nobody on this team made, with the values "
           f"printed on them as truth (`{rs.directory}/truth.jsonl`; where each file comes from "
           f"and its licence: `manifest.jsonl`). Scored like the real samples: only the fields "
           f"in truth are checked, a type kagaz does not read must come out UNRECOGNISED. "
           f"Documents of other kinds (truth type OTHER: receipts, ledgers, forms, contracts, "
           f"tables) must also come out without identifiers: each identifier returned on one "
           f"is counted below, target zero.", ""]
    out += [f"- {label}: {value}" for label, value in headline(rs)] + [""]
    out += ["By type in truth:", ""]
    out += _table(["type", "documents", "classified right", "fields exact"], _by_type(rs))
    rows = rs.rows
    if rows.docs:
        out += [f"Transaction rows: {rows.truth} in truth, {rows.returned} returned, "
                f"{rows.exact} exactly right, {rows.missing} missing, {rows.extra} extra.", ""]
    if rs.other_identifiers:
        out += ["Identifiers returned on documents of other types:", ""]
        out += _table(["file", "answered", "field", "value", "confidence"],
                      [[o.file, o.answered, o.name, o.value, f"{o.confidence:.2f}"]
                       for o in rs.other_identifiers])
    out += ["Per document (fields: exact of those in truth):", ""]
    out += _table(["file", "expected", "answered", "fields", "wrong fields",
                   "identifiers on other type", "error", "s"], _per_document(rs))
    return out


def render_line(rs: RealSummary) -> str:
    """Two lines for the terminal."""
    return (f"real ({rs.directory}): {len(rs.docs)} documents\n  "
            + "; ".join(f"{label} {value}" for label, value in headline(rs)))
