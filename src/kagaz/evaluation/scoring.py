"""Scoring one engine answer against ground truth, and pooling scores into a summary.

The rules are the spec's: identifiers, names, dates, gender and postcodes must match exactly
after trimming and collapsing whitespace (names also get a case-insensitive rate); addresses
are compared after lower-casing and removing punctuation, and count as found when their
similarity (``rapidfuzz.fuzz.ratio``) is at least 0.9; amounts are equal when they are the same
number (``"1,23,456.78"`` = ``"123456.78"`` = ``"123456.8"``). A field the engine returns that
the truth lacks is "invented" where the truth is complete (synthetic documents), and counts as a
wrong answer in the confidence calibration, because a confident invention is the worst error.

List fields are scored by what they hold. Tables (``transactions``, ``line_items``) are lined
up with the truth row by row, keeping order (:func:`align_rows`); a row is exactly right when
every column matches, and the counts kept are rows in truth, rows returned, rows exactly right,
missing and extra. Code lists (``nic_codes``, ``serial_numbers``) are compared as sets: exact
when the sorted lists are equal, with precision and recall pooled. Every returned table row
enters the confidence calibration with its own confidence.

The types scored are those the synthetic generator can make (:func:`available_types`: its
``MODULES`` minus ``OTHER``); :data:`SCHEMA` lists the fields of all twelve, so a type whose
generator has not landed yet is simply skipped.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from kagaz.doctypes import registry
from kagaz.doctypes.fields import Kind

__all__ = [
    "ADDRESS_HIT",
    "BINS",
    "BUSINESS_TYPES",
    "IDENTITY_TYPES",
    "SCHEMA",
    "SETS",
    "SUPPORTED_TYPES",
    "TABLES",
    "DocRecord",
    "DocScore",
    "FieldScore",
    "Rate",
    "SetScore",
    "SetTotals",
    "Summary",
    "TableScore",
    "TableSpec",
    "TableTotals",
    "address_similarity",
    "align_rows",
    "amount",
    "amounts_equal",
    "available_types",
    "capture",
    "category",
    "collapse",
    "expected_label",
    "lookup",
    "predicted_label",
    "score_document",
    "score_set",
    "score_table",
    "summarise",
]

IDENTITY_TYPES = ("PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT")
BUSINESS_TYPES = ("GST_CERT", "UDYAM_CERT", "SHOP_ACT_LICENSE", "INVOICE", "DELIVERY_ORDER",
                  "BANK_STATEMENT", "SALE_DEED")
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
#: Confidence bins of the calibration table: [lo, hi), the last one closed.
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.0))


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
SETS = _of_kind("list")
#: Beyond this many cell comparisons a mismatched block of rows is paired by position.
_DP_LIMIT = 250_000


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


def collapse(value: str) -> str:
    """Trimmed, with every run of whitespace turned into one space."""
    return re.sub(r"\s+", " ", value).strip()


_CURRENCY = re.compile(r"^(?:₹|rs\.?|inr)\s*|\s*(?:/-|cr\.?)$", re.IGNORECASE)


def amount(value: Any) -> Decimal | None:
    """The number an amount string means, or None when it is not one.

    Currency marks, Indian or western grouping, a trailing ``/-`` or ``Cr`` and accounting
    parentheses are understood; nothing is repaired (an OCR ``O`` for ``0`` is not a number).

    >>> amount("1,23,456.78") == amount("123456.78") == amount("₹ 123456.780")
    True
    >>> amount("Rs. 2,00,000/-"), amount("(1,234.50)"), amount("12,34O.5O"), amount("")
    (Decimal('200000'), Decimal('-1234.50'), None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = collapse(str(value))
    for _ in range(2):
        text = _CURRENCY.sub("", text).strip()
    neg = text.startswith("(") and text.endswith(")")
    text = text.strip("()").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        return None
    return -number if neg else number


def amounts_equal(truth: Any, predicted: Any) -> bool:
    """Numerically equal; when either is not a number, equal after collapsing whitespace.

    >>> amounts_equal("1,23,456.78", "123456.78"), amounts_equal("123456.80", "123456.8")
    (True, True)
    >>> amounts_equal("100.00", "100.01"), amounts_equal("NIL", "NIL")
    (False, True)
    """
    a, b = amount(truth), amount(predicted)
    if a is not None and b is not None:
        return a == b
    return collapse(_text(truth)) == collapse(_text(predicted))


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
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    return "" if value is None else str(value)


def _raw_lookup(predicted: dict[str, tuple[Any, float]], name: str) -> tuple[Any, float] | None:
    if name in predicted:
        value, conf = predicted[name]
        return value, float(conf)
    for value, conf in predicted.values():
        if isinstance(value, dict) and value.get(name) not in (None, ""):
            return value[name], float(conf)
    return None


def lookup(predicted: dict[str, tuple[Any, float]], name: str) -> tuple[str, float] | None:
    """The engine's value (as text) and confidence for ``name``; a top-level field first, else
    the same key inside a structured field (``postcode`` inside ``formatted_address``)."""
    hit = _raw_lookup(predicted, name)
    return None if hit is None else (_text(hit[0]), hit[1])


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


# ---------------------------------------------------------------------------------------------
# tables and sets


def _as_dict(row: Any) -> dict[str, Any]:
    if isinstance(row, dict):
        return row
    if hasattr(row, "model_dump"):
        return row.model_dump()
    return {"value": row}


def _cell(spec: TableSpec, column: str, value: Any) -> str:
    """A cell in comparable form: amounts as canonical numbers, text whitespace-collapsed,
    empty cells (None, "", "-") as ""."""
    text = collapse(_text(value))
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
            item = item.get("value", item.get("code", _text(item)))
        text = collapse(_text(item))
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


# ---------------------------------------------------------------------------------------------
# one document


def _score_scalar(name: str, truth: Any, value: Any, conf: float) -> FieldScore:
    shown = _text(value)
    kind = category(name)
    if isinstance(truth, dict):
        got = value if isinstance(value, dict) else {}
        ok = all(collapse(_text(v)) == collapse(_text(got.get(k))) for k, v in truth.items())
        return FieldScore(name, _text(truth), shown, conf, ok, ok)
    if kind == "address":
        sim = address_similarity(_text(truth), shown)
        hit = sim >= ADDRESS_HIT
        return FieldScore(name, _text(truth), shown, conf, hit, hit, sim)
    if kind == "amount":
        ok = amounts_equal(truth, value)
        return FieldScore(name, _text(truth), shown, conf, ok, ok)
    a, b = collapse(_text(truth)), collapse(shown)
    return FieldScore(name, _text(truth), shown, conf, a == b, a.lower() == b.lower())


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
        hit = _raw_lookup(rec.predicted, name)
        value, conf = hit if hit is not None else (None, None)
        if name in TABLES or (isinstance(truth, list) and truth and isinstance(truth[0], dict)):
            spec = TABLES.get(name) or _spec_from(truth)
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
            scores.append(FieldScore(name, _text(truth), None, None, False))
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


def _spec_from(truth: list[dict[str, Any]]) -> TableSpec:
    """A spec for a table field the harness does not know: every column, compared as text."""
    cols = tuple(k for k in truth[0] if k != "confidence_score")
    return TableSpec(cols, cols)


# ---------------------------------------------------------------------------------------------
# pooling


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
