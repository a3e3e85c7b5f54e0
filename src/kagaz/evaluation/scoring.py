"""Scoring one engine answer against ground truth, and pooling scores into a summary.

The rules are the spec's: identifiers, names, dates, gender and postcodes must match exactly
after trimming and collapsing whitespace (names also get a case-insensitive rate); addresses
are compared after lower-casing and removing punctuation, and count as found when their
similarity (``rapidfuzz.fuzz.ratio``) is at least 0.9. A field the engine returns that the
truth lacks is "invented" where the truth is complete (synthetic documents), and counts as a
wrong answer in the confidence calibration, because a confident invention is the worst error.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

__all__ = [
    "ADDRESS_HIT",
    "BINS",
    "DocRecord",
    "DocScore",
    "FieldScore",
    "SCHEMA",
    "SUPPORTED_TYPES",
    "Summary",
    "address_similarity",
    "category",
    "collapse",
    "expected_label",
    "lookup",
    "predicted_label",
    "score_document",
    "summarise",
]

SUPPORTED_TYPES = ("PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT")
#: Fields each type can return that synthetic truth lists whenever the document prints them.
SCHEMA: dict[str, frozenset[str]] = {
    "PAN": frozenset({"name_as_per_pan", "father_name", "dob", "pan_number"}),
    "AADHAAR": frozenset({"name", "date_of_birth", "gender", "aadhaar_number", "address",
                          "postcode"}),
    "DRIVING_LICENSE": frozenset({"dl_number", "name", "date_of_birth", "issue_date",
                                  "valid_till", "state"}),
    "VOTER_ID": frozenset({"voter_id", "name", "date_of_birth", "gender"}),
    "PASSPORT": frozenset({"passport_number", "name", "date_of_birth", "place_of_birth",
                           "gender", "date_of_issue", "date_of_expiry", "place_of_issue"}),
}
IDENTIFIERS = frozenset({"pan_number", "aadhaar_number", "voter_id", "dl_number",
                         "passport_number"})
NAMES = frozenset({"name", "name_as_per_pan", "father_name"})
DATES = frozenset({"dob", "date_of_birth", "issue_date", "valid_till", "date_of_issue",
                   "date_of_expiry"})
ADDRESSES = frozenset({"address"})
ADDRESS_HIT = 0.9
#: Confidence bins of the calibration table: [lo, hi), the last one closed.
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0))


def category(name: str) -> str:
    """identifier, name, date, address, gender, postcode or other."""
    if name in IDENTIFIERS:
        return "identifier"
    if name in NAMES:
        return "name"
    if name in DATES:
        return "date"
    if name in ADDRESSES:
        return "address"
    if name in ("gender", "postcode"):
        return name
    return "other"


def collapse(value: str) -> str:
    """Trimmed, with every run of whitespace turned into one space."""
    return re.sub(r"\s+", " ", value).strip()


def _norm_address(value: str) -> str:
    return collapse(re.sub(r"[^\w\s]", " ", value.lower()))


def address_similarity(truth: str, predicted: str) -> float:
    """0..1: ``fuzz.ratio`` of lower-cased, punctuation-free, whitespace-collapsed strings.

    >>> address_similarity("H.No 42, Gandhi Nagar - 110085", "h no 42 gandhi nagar 110085")
    1.0
    """
    return fuzz.ratio(_norm_address(truth), _norm_address(predicted)) / 100.0


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return "" if value is None else str(value)


def lookup(predicted: dict[str, tuple[Any, float]], name: str) -> tuple[str, float] | None:
    """The engine's value and confidence for ``name``; a top-level field first, else the same
    key inside a structured field (``postcode`` inside ``formatted_address``)."""
    if name in predicted:
        value, conf = predicted[name]
        return _text(value), float(conf)
    for value, conf in predicted.values():
        if isinstance(value, dict) and value.get(name) not in (None, ""):
            return str(value[name]), float(conf)
    return None


@dataclass
class DocRecord:
    """One document as run: where it came from, its truth and the engine's answer."""

    source: str  # "synthetic" or "samples"
    file: str
    expected_type: str
    truth: dict[str, str]
    layout: str = ""
    variant: str = ""
    predicted_type: str | None = None
    predicted: dict[str, tuple[Any, float]] = field(default_factory=dict)
    error_code: str | None = None
    seconds: float = 0.0
    exception: str | None = None


def predicted_label(rec: DocRecord) -> str:
    """The engine's type, with every "no type" answer folded into ``OTHER``."""
    t = rec.predicted_type
    return "OTHER" if not t or t == "UNRECOGNISED" or rec.exception else t


def expected_label(rec: DocRecord) -> str:
    """What the engine should answer: types it does not support must come out UNRECOGNISED,
    unless it has learnt them (then naming the type is right too)."""
    t = rec.expected_type
    if t in SUPPORTED_TYPES or t == "OTHER":
        return t
    return t if predicted_label(rec) == t else "OTHER"


@dataclass
class FieldScore:
    name: str
    truth: str
    predicted: str | None
    confidence: float | None
    correct: bool
    case_insensitive: bool = False
    similarity: float | None = None  # addresses only


@dataclass
class DocScore:
    rec: DocRecord
    expected: str
    got: str
    fields: list[FieldScore]
    invented: list[tuple[str, float]]
    unscored: list[str]

    @property
    def classified(self) -> bool:
        return self.expected == self.got


def score_document(rec: DocRecord, complete_truth: bool) -> DocScore:
    """Compare one answer with its truth (fields missing from truth are not checked unless
    ``complete_truth``, when those the type can return count as invented)."""
    expected, got = expected_label(rec), predicted_label(rec)
    scores = []
    # a type kagaz does not read (GST certificate, invoice): only UNRECOGNISED is checked
    checked = rec.truth if rec.expected_type in SUPPORTED_TYPES or expected != "OTHER" else {}
    for name, truth in checked.items():
        hit = lookup(rec.predicted, name)
        if hit is None:
            scores.append(FieldScore(name, truth, None, None, False))
            continue
        value, conf = hit
        if category(name) == "address":
            sim = address_similarity(truth, value)
            hit_ = sim >= ADDRESS_HIT
            scores.append(FieldScore(name, truth, value, conf, hit_, hit_, sim))
        else:
            a, b = collapse(truth), collapse(value)
            scores.append(FieldScore(name, truth, value, conf, a == b, a.lower() == b.lower()))
    invented, unscored = [], []
    for name, (value, conf) in rec.predicted.items():
        if name in checked:
            continue
        wrong_type = expected != got or expected == "OTHER"
        if complete_truth and (wrong_type or name in SCHEMA.get(expected, ())):
            invented.append((name, float(conf)))
        else:
            unscored.append(name)
    return DocScore(rec, expected, got, scores, invented, unscored)


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


def summarise(docs: list[DocScore]) -> Summary:
    """Pool document scores by type, variant, field, category and confidence bin."""
    dd = defaultdict
    s = Summary(docs, dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate), dd(Rate),
                dd(Rate), [], [Rate() for _ in BINS], dd(int), dd(list), dd(int))
    for d in docs:
        t, v = d.rec.expected_type, d.rec.variant or "-"
        for rate in (s.by_type[t], s.by_variant[v], s.by_type_variant[(t, v)]):
            rate.add(d.classified)
        s.confusion[(d.expected, d.got)] += 1
        s.seconds[t].append(d.rec.seconds)
        for f in d.fields:
            s.fields[f.name].add(f.correct)
            s.fields_by_type[(t, f.name)].add(f.correct)
            s.categories[category(f.name)].add(f.correct)
            s.variant_fields[v].add(f.correct)
            if category(f.name) == "name":
                s.fields_ci[f.name].add(f.case_insensitive)
            if category(f.name) == "address":
                s.address_sims.append(f.similarity or 0.0)
            if f.confidence is not None:
                s.calibration[_bin(f.confidence)].add(f.correct)
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
