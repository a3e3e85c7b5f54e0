"""Scoring one engine answer against ground truth.

The rules are the spec's: identifiers, names, dates, gender and postcodes must match exactly
after trimming and collapsing whitespace (names also get a case-insensitive rate); addresses
are compared after lower-casing and removing punctuation, and count as found when their
similarity (``rapidfuzz.fuzz.ratio``) is at least 0.9; amounts are equal when they are the same
number (``"1,23,456.78"`` = ``"123456.78"`` = ``"123456.8"``). A field the engine returns that
the truth lacks is "invented" where the truth is complete (synthetic documents), and counts as a
wrong answer in the confidence calibration, because a confident invention is the worst error.

List fields are scored by what they hold (:mod:`~kagaz.evaluation.list_fields`: tables row by
row, code lists as sets); how values compare is in :mod:`~kagaz.evaluation.values`, and scores
are pooled into a summary by :mod:`~kagaz.evaluation.pooling`.

The types scored are those the synthetic generator can make (:func:`available_types`: its
``MODULES`` minus ``OTHER``); :data:`SCHEMA` lists the fields of every registered type, so a type
whose generator has not landed yet is simply skipped. Which types are identity documents and
which business ones is each type's ``GROUP`` (:mod:`kagaz.doctypes.base`), never a list here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kagaz.doctypes import registry
from kagaz.doctypes.fields import Kind
from kagaz.evaluation.list_fields import (
    TABLES, SetScore, TableScore, score_set, score_table, spec_from,
)
from kagaz.evaluation.values import address_similarity, amounts_equal, collapse, raw_lookup, text_of

__all__ = [
    "ADDRESS_HIT",
    "BUSINESS_TYPES",
    "IDENTITY_TYPES",
    "SCHEMA",
    "SETS",
    "SUPPORTED_TYPES",
    "DocRecord",
    "DocScore",
    "FieldScore",
    "available_types",
    "category",
    "expected_label",
    "predicted_label",
    "score_document",
]

#: The registered types by their declared ``GROUP``, in registry order.
IDENTITY_TYPES = tuple(code for code, m in registry().items() if m.GROUP == "identity")
BUSINESS_TYPES = tuple(code for code, m in registry().items() if m.GROUP == "business")
#: Kept for callers of the identity-only harness; the types actually scored come from
#: :func:`available_types`.
SUPPORTED_TYPES = IDENTITY_TYPES
#: Fields each type can return that synthetic truth lists whenever the document prints them: the
#: type modules' declarations (``FIELDS``, :mod:`kagaz.doctypes.fields`), never a list of our own.
SCHEMA: dict[str, frozenset[str]] = {
    code: frozenset(k for k, spec in module.FIELDS.items() if spec.scored)
    for code, module in registry().items()
}


def _of_kind(kind: Kind) -> frozenset[str]:
    return frozenset(k for module in registry().values() for k, spec in module.FIELDS.items()
                     if spec.scored and spec.kind == kind)


IDENTIFIERS = _of_kind("identifier")
NAMES = _of_kind("name")
DATES = _of_kind("date")
AMOUNTS = _of_kind("amount")
ADDRESSES = _of_kind("address")
ADDRESS_HIT = 0.9
SETS = _of_kind("list")


@lru_cache(maxsize=1)
def _generator_types() -> tuple[str, ...]:
    from kagaz.synth.generator import MODULES

    return tuple(t for t in MODULES if t != "OTHER")


def available_types(modules: Iterable[str] | None = None) -> tuple[str, ...]:
    """Types the synthetic generator can make (``modules``: its ``MODULES`` keys), in its
    order, without ``OTHER``; these are the types the harness scores and expects the engine to
    name.

    >>> available_types(["PAN", "OTHER", "INVOICE"])
    ('PAN', 'INVOICE')
    """
    if modules is None:
        return _generator_types()
    return tuple(t for t in modules if t != "OTHER")


def category(name: str) -> str:
    """identifier, name, date, amount, address, gender, postcode, table, list or other."""
    if name in IDENTIFIERS:
        return "identifier"
    if name in NAMES:
        return "name"
    if name in DATES:
        return "date"
    if name in AMOUNTS:
        return "amount"
    if name in ADDRESSES:
        return "address"
    if name in TABLES:
        return "table"
    if name in SETS:
        return "list"
    if name in ("gender", "postcode"):
        return name
    return "other"


@dataclass
class DocRecord:
    """One document as run: where it came from, its truth and the engine's answer."""

    source: str  # "synthetic", "samples" or "real" (tests/real)
    file: str
    expected_type: str
    truth: dict[str, Any]
    layout: str = ""
    variant: str = ""
    predicted_type: str | None = None
    predicted: dict[str, tuple[Any, float]] = field(default_factory=dict)
    error_code: str | None = None
    seconds: float = 0.0
    exception: str | None = None
    pages: int = 0  # pages the engine read (0 when unknown)


def predicted_label(rec: DocRecord) -> str:
    """The engine's type, with every "no type" answer folded into ``OTHER``."""
    t = rec.predicted_type
    return "OTHER" if not t or t == "UNRECOGNISED" or rec.exception else t


def expected_label(rec: DocRecord, supported: Iterable[str] | None = None) -> str:
    """What the engine should answer: types not ``supported`` (default: those the generator
    makes, :func:`available_types`) must come out UNRECOGNISED, unless the engine has learnt
    them (then naming the type is right too)."""
    kinds = available_types() if supported is None else tuple(supported)
    t = rec.expected_type
    if t in kinds or t == "OTHER":
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
    calibrated: bool = True  # False for tables: their rows enter the calibration instead


@dataclass
class DocScore:
    rec: DocRecord
    expected: str
    got: str
    fields: list[FieldScore]
    invented: list[tuple[str, float]]
    unscored: list[str]
    tables: list[TableScore] = field(default_factory=list)
    sets: list[SetScore] = field(default_factory=list)

    @property
    def classified(self) -> bool:
        return self.expected == self.got


def _score_scalar(name: str, truth: Any, value: Any, conf: float) -> FieldScore:
    shown = text_of(value)
    kind = category(name)
    if isinstance(truth, dict):
        got = value if isinstance(value, dict) else {}
        ok = all(collapse(text_of(v)) == collapse(text_of(got.get(k))) for k, v in truth.items())
        return FieldScore(name, text_of(truth), shown, conf, ok, ok)
    if kind == "address":
        sim = address_similarity(text_of(truth), shown)
        hit = sim >= ADDRESS_HIT
        return FieldScore(name, text_of(truth), shown, conf, hit, hit, sim)
    if kind == "amount":
        ok = amounts_equal(truth, value)
        return FieldScore(name, text_of(truth), shown, conf, ok, ok)
    a, b = collapse(text_of(truth)), collapse(shown)
    return FieldScore(name, text_of(truth), shown, conf, a == b, a.lower() == b.lower())


def score_document(rec: DocRecord, complete_truth: bool,
                   supported: Iterable[str] | None = None) -> DocScore:
    """Compare one answer with its truth (fields missing from truth are not checked unless
    ``complete_truth``, when those the type can return count as invented). ``supported``: the
    types the engine is expected to name (default :func:`available_types`)."""
    kinds = available_types() if supported is None else tuple(supported)
    expected, got = expected_label(rec, kinds), predicted_label(rec)
    scores: list[FieldScore] = []
    tables: list[TableScore] = []
    sets: list[SetScore] = []
    # a type kagaz does not read: only UNRECOGNISED is checked
    checked = rec.truth if rec.expected_type in kinds or expected != "OTHER" else {}
    for name, truth in checked.items():
        hit = raw_lookup(rec.predicted, name)
        value, conf = hit if hit is not None else (None, None)
        if name in TABLES or (isinstance(truth, list) and truth and isinstance(truth[0], dict)):
            spec = TABLES.get(name) or spec_from(truth)
            tab = score_table(name, truth, value, conf, spec)
            tables.append(tab)
            shown = None if hit is None else f"{tab.returned} rows, {tab.exact} exact"
            scores.append(FieldScore(name, f"{tab.truth_rows} rows", shown, conf, tab.perfect,
                                     tab.perfect, calibrated=False))
        elif name in SETS or isinstance(truth, list):
            st = score_set(name, truth, value)
            sets.append(st)
            ok = st.exact and (hit is not None or not st.truth)
            shown = None if hit is None else ", ".join(st.predicted)
            scores.append(FieldScore(name, ", ".join(st.truth), shown, conf, ok, ok,
                                     calibrated=hit is not None))
        elif hit is None:
            scores.append(FieldScore(name, text_of(truth), None, None, False))
        else:
            scores.append(_score_scalar(name, truth, value, float(conf or 0.0)))
    invented, unscored = [], []
    for name, (_value, conf) in rec.predicted.items():
        if name in checked:
            continue
        wrong_type = expected != got or expected == "OTHER"
        if complete_truth and (wrong_type or name in SCHEMA.get(expected, ())):
            invented.append((name, float(conf)))
        else:
            unscored.append(name)
    return DocScore(rec, expected, got, scores, invented, unscored, tables, sets)
