"""Statement tables from a PDF text layer: words where the file puts them, cells as printed.

A born-digital statement is exact: its words, their positions and the columns they stand in
are what the bank printed. This module holds what :mod:`~kagaz.doctypes.statement_table` needs
to use that exactness, and what it shares with OCR'd pages (a table's :class:`Column` and
:class:`Row`):

* :func:`tokens`, :func:`span_x`: the words of a line with their x extents, from the text layer's own
  positions (:attr:`TextLine.words`) when it has them, estimated from character offsets on an
  OCR line;
* :func:`join_tokens`: words that make one value ("01 Apr 2024", "Apr 01, 2024",
  "Rs. 2000", "5,000.00 Cr");
* :func:`money_token`: a cell that is an amount ("1,60,000.00", "Rs. 2000", "500.00 Dr");
* :func:`blank`: cells that say "nothing here" ("-", "nan" from a spreadsheet export);
* :func:`direction`: "DR"/"CR" from what a row prints (a Dr/Cr or Debit/Credit or
  Deposit/Withdrawal column, a "Dr"/"Cr" suffix, a sign);
* :func:`attach_wraps`: which transaction a narration line belongs to when the narration wraps
  above its date line (a date centred in a tall row, or printed on the row's last line) as
  well as below it: the gap between two transactions is wider than the gap between the lines
  of one.

>>> join_tokens([("Apr", 0, 3), ("01,", 4, 7), ("2024", 8, 12), ("Rs.", 20, 23), ("2000", 24, 28)])
[('Apr 01, 2024', 0, 12), ('Rs. 2000', 20, 28)]
>>> [direction(t) for t in ("DEPOSIT", "Withdrawal", "Dr.", "C", "1,500.00 Cr", "-500.00", "+75.00", "5.00")]
['CR', 'DR', 'DR', 'CR', 'CR', 'DR', 'CR', None]
>>> blank("nan"), blank(" - "), blank("0")
(True, True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kagaz.doctypes.statement_dates import is_date
from kagaz.model import TextLine
from kagaz.text.amounts import AMOUNT_RE

__all__ = ["AMOUNT_KINDS", "OPENING_ROW", "Column", "Entry", "Row", "attach_wraps", "blank",
           "direction", "join_tokens", "money_token", "span_x", "tokens"]

Token = tuple[str, float, float]
AMOUNT_KINDS = ("debit", "credit", "amount", "balance")
#: a table row that brings the balance in ("Opening Balance", "Balance B/F", "Brought Forward")
OPENING_ROW = re.compile(r"opening\s*bal|brought\s*f(?:or)?w(?:ar)?d|\bb\s*/\s*f\b|balance\s*forward", re.I)


@dataclass
class Column:
    """One column of a table: its kind (``date``, ``vdate``, ``desc``, ``ref``, ``debit``,
    ``credit``, ``amount``, ``drcr``, ``balance``, ``sno``, ``branch``, ``other``), its title's
    x extent and the title."""

    kind: str
    x0: float
    x1: float
    title: str = ""


@dataclass
class Row:
    """One transaction as read: its cells by column kind, and where it came from."""

    page: int
    lines: list[TextLine]
    cells: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    desc: list[str] = field(default_factory=list)
    margin: float = 1e9  # how far the nearest amount was from the other amount column's edge
    cut: bool = False  # a narration cut out of a run that spanned several columns
    rough: bool = False  # on a page that is not flat (a photo) or whose text is small or noisy

    @property
    def score(self) -> float:
        return min((ln.score for ln in self.lines), default=1.0)

    @property
    def read_by_ocr(self) -> bool:
        """OCR'd rather than taken from a text layer (only such rows are ever repaired)."""
        return any(ln.source != "pdf" for ln in self.lines)

    def text(self, kind: str) -> str:
        return " ".join(t for t, _, _ in self.cells.get(kind, []))


_BLANK = {"", "-", "--", "---", "—", "–", "nan", "NaN", "None", "NULL", "null", "N/A", "NA"}


def blank(text: str) -> bool:
    """A cell that prints "nothing": a dash, or a spreadsheet's "nan"/"None"."""
    return text.strip() in _BLANK


def tokens(line: TextLine, pattern: re.Pattern[str] = re.compile(r"\S+")) -> list[Token]:
    """Matches of ``pattern`` in the line with their x extents: inside each text-layer word
    where the line has them (exact), else estimated from character offsets across the line."""
    if line.words and "".join(w for w, _, _ in line.words) == "".join(line.text.split()):
        out: list[Token] = []
        for word, a, b in line.words:
            n = max(1, len(word))
            out += [(m.group(0), a + (b - a) * m.start() / n, a + (b - a) * m.end() / n)
                    for m in pattern.finditer(word)]
        return out
    n = max(1, len(line.text))
    w = line.x1 - line.x0
    return [(m.group(0), line.x0 + w * m.start() / n, line.x0 + w * m.end() / n)
            for m in pattern.finditer(line.text)]


def span_x(line: TextLine, start: int, end: int) -> tuple[float, float]:
    """The x extent of ``line.text[start:end]``: from the text layer's words where the line
    has them, else estimated from character offsets.

    >>> ln = TextLine("Opening 1,000.00", 1.0, (0, 0, 160, 10), 0, "pdf", (("Opening", 0, 70), ("1,000.00", 120, 160)))
    >>> span_x(ln, 8, 16), span_x(TextLine("Opening 1,000.00", 1.0, (0, 0, 160, 10)), 8, 16)
    ((120.0, 160.0), (80.0, 160.0))
    """
    text = line.text
    if line.words and "".join(w for w, _, _ in line.words) == "".join(text.split()):
        xs: list[tuple[float, float]] = []
        chars = iter((w, a + (b - a) * i / len(w), a + (b - a) * (i + 1) / len(w))
                     for w, a, b in line.words for i in range(len(w)))
        last = (line.x0, line.x0)
        for ch in text:
            if not ch.isspace():
                _, x0, x1 = next(chars)
                last = (x0, x1)
                xs.append(last)
            else:
                xs.append((last[1], last[1]))
        end = max(start + 1, min(end, len(text)))
        return xs[start][0], xs[end - 1][1]
    n = max(1, len(text))
    w = line.x1 - line.x0
    return line.x0 + w * start / n, line.x0 + w * end / n


_MARK = re.compile(r"^\(?(?:cr|dr|c|d)\)?\.?$", re.I)
_CURRENCY = re.compile(r"^(?:Rs\.?|INR|₹)$", re.I)
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?(?:/-)?$")


@lru_cache(maxsize=16384)
def money_token(text: str) -> bool:
    """Is ``text`` an amount cell: a number with a decimal part, grouping, a currency mark or a
    Cr/Dr marker ("1,60,000.00", "Rs. 2000", "+1,500.00", "500.00 Dr"), or an empty amount
    ("-")? A bare integer is not (a year, a reference, a quantity)."""
    # Cached: a table reader asks about each cell when placing it and again when reading its
    # row, and amounts repeat down a statement.
    t = text.strip()
    if t in ("-", "--"):
        return True
    m = AMOUNT_RE.fullmatch(t[1:] if t[:1] == "+" else t)  # "+1,500.00": a signed credit
    return bool(m) and ("." in m.group("num") or "," in m.group("num") or bool(m.group("mark"))
                        or bool(m.group("cur")))


def join_tokens(parts: list[Token]) -> list[Token]:
    """Re-join tokens that belong together: a date printed as words ("1 Apr 2024", "Apr 01,
    2024"), a currency mark and its number ("Rs. 2000", "INR 45.00"), an amount and its
    marker ("5,000.00 Cr", "12.00 (Dr)")."""
    out: list[Token] = []
    i = 0
    while i < len(parts):
        for k in (3, 2):  # the longest run of words that is one date
            if i + k <= len(parts) and is_date(" ".join(t for t, _, _ in parts[i:i + k])):
                out.append((" ".join(t for t, _, _ in parts[i:i + k]), parts[i][1],
                            parts[i + k - 1][2]))
                i += k
                break
        else:
            text, a, b = parts[i]
            prev = out[-1] if out else None
            if prev and ((_MARK.match(text) and money_token(prev[0]))
                         or (_CURRENCY.match(prev[0]) and _NUMBER.match(text))):
                out[-1] = (prev[0] + " " + text, prev[1], b)
            else:
                out.append((text, a, b))
            i += 1
    return out


_WORD_MARK = re.compile(
    r"^\W*(?:(?P<dr>dr|d|debit|withdrawal|withdrawals|wdl|withdraw)|"
    r"(?P<cr>cr|c|credit|deposit|deposits|dep))\W*$", re.I)
_SUFFIX = re.compile(r"(?:^|[\s\d(])(CR|DR|C|D)\)?\.?\s*$", re.I)


def direction(text: str) -> str | None:
    """"DR" or "CR" from a Dr/Cr cell ("Dr", "DEBIT", "Deposit"), an amount's suffix
    ("1,500.00 Cr", "12.00(Dr)") or sign ("-500.00", "+75.00"); None when it says neither."""
    t = text.strip()
    if not t:
        return None
    m = _WORD_MARK.match(t)
    if m:
        return "DR" if m.group("dr") else "CR"
    m = _SUFFIX.search(t)
    if m and re.search(r"\d", t):
        return "CR" if m.group(1).upper().startswith("C") else "DR"
    core = re.sub(r"(?:Rs\.?|INR|₹)\s*", "", t, flags=re.I).strip()
    if re.match(r"^(?:-|\(\s*\d|\d[\d,.]*-$)", core) and re.search(r"\d", core):
        return "DR"
    if core.startswith("+") and re.search(r"\d", core):
        return "CR"
    return None


@dataclass
class Entry:
    """A row of a page's table body, in printed order: a transaction (``txn`` holds it), a
    narration-only line (``wrap``: its narration and reference pieces), or anything else (a
    "Balance Brought Forward" row, a footer: neither side's narration continues across it)."""

    kind: str  # "txn", "wrap", "stop"
    top: float
    bottom: float
    lines: list[TextLine] = field(default_factory=list)
    desc: list[str] = field(default_factory=list)
    refs: list[Token] = field(default_factory=list)
    cut: bool = False
    txn: Row | None = None  # the transaction a "txn" entry made


def attach_wraps(entries: list[Entry], reach: float) -> list[tuple[int, list[Entry], list[Entry]]]:
    """For each transaction entry (by index): the narration lines printed above it and below
    it. A run of narration lines between two transactions is cut at its widest gap when that
    gap is clearly the widest (at least 1.25 times any other): lines before it go with the
    transaction above, lines after it with the one below; otherwise (evenly spaced lines) the
    run continues the transaction above, as most statements print. A line further than
    ``reach`` from its neighbours belongs to neither (a footer, a note)."""
    above: dict[int, list[Entry]] = {}
    below: dict[int, list[Entry]] = {}
    i = 0
    while i < len(entries):
        if entries[i].kind != "wrap":
            i += 1
            continue
        j = i
        while j < len(entries) and entries[j].kind == "wrap":
            j += 1
        run = entries[i:j]
        a = i - 1 if i > 0 else None  # a "stop" or the table's top edge: nothing to continue
        b = j if j < len(entries) and entries[j].kind == "txn" else None
        tops = [e.top for e in run] + ([entries[b].top] if b is not None else [])
        bottoms = ([entries[a].bottom] if a is not None else [run[0].top]) + [e.bottom for e in run]
        gaps = [t - bt for bt, t in zip(bottoms, tops, strict=False)]
        split = len(run)  # lines before ``split`` go up, the rest down
        if b is not None and len(gaps) > 1:
            widest = max(range(len(gaps)), key=lambda k: gaps[k])
            others = [g for k, g in enumerate(gaps) if k != widest]
            if gaps[widest] > 1.25 * max(others) + 0.5:
                split = widest
        up_ok = a is not None and entries[a].kind == "txn"
        if up_ok:
            k = 0
            while k < split and gaps[k] <= reach:
                below.setdefault(a, []).append(run[k])  # type: ignore[arg-type]
                k += 1
        if b is not None:
            k = len(run) - 1
            mine: list[Entry] = []
            while k >= split and gaps[k + 1] <= reach:
                mine.insert(0, run[k])
                k -= 1
            if mine:
                above[b] = mine
        i = j
    return [(k, above.get(k, []), below.get(k, [])) for k, e in enumerate(entries) if e.kind == "txn"]
