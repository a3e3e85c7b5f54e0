"""Pooling document scores into what the report shows: rates by type, variant, field, kind,
capture and confidence bin, table rows and code lists over documents, and timings."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from kagaz.evaluation.list_fields import SetScore, TableScore
from kagaz.evaluation.scoring import DocScore, category

__all__ = ["BINS", "PHOTOGRAPHED", "Rate", "SetTotals", "Summary", "TableTotals", "capture", "mean",
           "percentile", "summarise"]

#: Confidence bins of the calibration table: [lo, hi), the last one closed.
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0))
#: Captures made with a camera (perspective, uneven light, sensor noise) rather than a scanner.
PHOTOGRAPHED = frozenset({"photo", "photo_of_photo"})


def capture(variant: str) -> str:
    """``digital`` (a born-digital PDF read from its text layer), ``photo`` (a camera capture),
    ``scanned`` (every other variant: scanned PDFs, scanner images, photocopies, skewed, rotated or
    low-resolution scans) or ``unknown`` (real samples carry no variant).

    >>> [capture(v) for v in ("pdf_text", "pdf_scan", "photocopy", "photo", "-")]
    ['digital', 'scanned', 'scanned', 'photo', 'unknown']
    """
    if variant == "pdf_text":
        return "digital"
    if variant in PHOTOGRAPHED:
        return "photo"
    return "scanned" if variant and variant != "-" else "unknown"


def _bin(conf: float) -> int:
    for i, (lo, hi) in enumerate(BINS):
        if lo <= conf < hi:
            return i
    return len(BINS) - 1


class Rate:
    """A hit counter: ``hits`` out of ``n``."""

    def __init__(self) -> None:
        self.n = 0
        self.hits = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.hits += bool(ok)

    @property
    def rate(self) -> float | None:
        return self.hits / self.n if self.n else None


@dataclass
class TableTotals:
    """Rows of one table field pooled over documents."""

    docs: int = 0
    truth: int = 0
    returned: int = 0
    exact: int = 0
    missing: int = 0
    extra: int = 0
    description_ok: int = 0
    description_n: int = 0

    def add(self, t: TableScore) -> None:
        self.docs += 1
        self.truth += t.truth_rows
        self.returned += t.returned
        self.exact += t.exact
        self.missing += t.missing
        self.extra += t.extra
        ok, n = t.description
        self.description_ok += ok
        self.description_n += n

    @property
    def rate(self) -> Rate:
        """Truth rows exactly right."""
        r = Rate()
        r.n, r.hits = self.truth, self.exact
        return r


@dataclass
class SetTotals:
    """A code list pooled over documents."""

    docs: int = 0
    exact: int = 0
    hits: int = 0
    truth: int = 0
    predicted: int = 0

    def add(self, s: SetScore) -> None:
        self.docs += 1
        self.exact += s.exact
        self.hits += s.hits
        self.truth += len(set(s.truth))
        self.predicted += len(set(s.predicted))

    @property
    def precision(self) -> float | None:
        return self.hits / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.hits / self.truth if self.truth else None


@dataclass
class Summary:
    """Everything the report shows for one set of documents."""

    docs: list[DocScore]
    by_type: dict[str, Rate]
    by_variant: dict[str, Rate]
    by_type_variant: dict[tuple[str, str], Rate]
    fields: dict[str, Rate]
    fields_ci: dict[str, Rate]
    fields_by_type: dict[tuple[str, str], Rate]
    categories: dict[str, Rate]
    variant_fields: dict[str, Rate]
    address_sims: list[float]
    calibration: list[Rate]
    invented: dict[str, int]
    seconds: dict[str, list[float]]
    confusion: dict[tuple[str, str], int]
    #: table rows pooled by (field, capture), capture being digital/scanned/unknown
    tables: dict[tuple[str, str], TableTotals] = field(default_factory=dict)
    sets: dict[str, SetTotals] = field(default_factory=dict)
    #: the part of ``calibration`` that comes from table rows
    row_calibration: list[Rate] = field(default_factory=lambda: [Rate() for _ in BINS])
    #: (seconds, pages) per (type, capture)
    speed: dict[tuple[str, str], list[tuple[float, int]]] = field(default_factory=dict)

    @property
    def classification(self) -> Rate:
        r = Rate()
        for d in self.docs:
            r.add(d.classified)
        return r

    def confident(self, threshold: float = 0.9) -> Rate:
        r = Rate()
        for i, (lo, _) in enumerate(BINS):
            if lo >= threshold:
                r.n += self.calibration[i].n
                r.hits += self.calibration[i].hits
        return r

    def table(self, name: str, capture_: str | None = None) -> TableTotals:
        """Rows of table ``name`` pooled over one capture (or all)."""
        out = TableTotals()
        for (n, c), t in self.tables.items():
            if n == name and capture_ in (None, c):
                for attr in ("docs", "truth", "returned", "exact", "missing", "extra",
                             "description_ok", "description_n"):
                    setattr(out, attr, getattr(out, attr) + getattr(t, attr))
        return out


def summarise(docs: list[DocScore]) -> Summary:
    """Pool document scores by type, variant, field, category and confidence bin."""
    dd = defaultdict
    s = Summary(docs, dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate),
                dd(Rate), [], [Rate() for _ in BINS], dd(int), dd(list), dd(int),
                dd(TableTotals), dd(SetTotals), [Rate() for _ in BINS], dd(list))
    for d in docs:
        t, v = d.rec.expected_type, d.rec.variant or "-"
        for rate in (s.by_type[t], s.by_variant[v], s.by_type_variant[(t, v)]):
            rate.add(d.classified)
        s.confusion[(d.expected, d.got)] += 1
        s.seconds[t].append(d.rec.seconds)
        s.speed[(t, capture(v))].append((d.rec.seconds, d.rec.pages))
        for f in d.fields:
            s.fields[f.name].add(f.correct)
            s.fields_by_type[(t, f.name)].add(f.correct)
            s.categories[category(f.name)].add(f.correct)
            s.variant_fields[v].add(f.correct)
            if category(f.name) == "name":
                s.fields_ci[f.name].add(f.case_insensitive)
            if category(f.name) == "address":
                s.address_sims.append(f.similarity or 0.0)
            if f.confidence is not None and f.calibrated:
                s.calibration[_bin(f.confidence)].add(f.correct)
        for tab in d.tables:
            s.tables[(tab.name, capture(v))].add(tab)
            for p in tab.rows:
                if p.predicted is not None and p.confidence is not None:
                    s.calibration[_bin(p.confidence)].add(p.exact)
                    s.row_calibration[_bin(p.confidence)].add(p.exact)
        for st in d.sets:
            s.sets[st.name].add(st)
        for name, conf in d.invented:
            s.invented[name] += 1
            s.calibration[_bin(conf)].add(False)
    return s


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0
