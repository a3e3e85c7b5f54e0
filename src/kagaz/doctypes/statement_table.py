"""Bank-statement tables: the column header, then every transaction row on every page.

Works on text-layer lines (one rect per cell, sometimes per row) and on OCR lines (one box per
text run, sometimes a whole row merged, sometimes a cell split). Per page:

1. lines are grouped into rows by ``cy``;
2. the header band is the run of rows made only of column-title words ("Txn Date", "Value Dt",
   "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit (Cr)", "Balance (INR )", "Dr/Cr",
   ...); titles printed on two lines ("Value" over "Date") are joined by x overlap; a page
   without a header reuses the previous page's columns;
3. cells are put in columns: text by its left edge, amounts by their right edge (amounts are
   right-aligned under headers that may be left-aligned, centred or right-aligned); a line that
   spans several columns is cut into tokens at estimated positions;
4. a row with a date in the date column and an amount (or a narration) is a transaction; a
   row with text only in the narration column, just under a transaction, continues its
   narration; "Opening Balance", "Brought/Carried Forward", "Total", "Page 2 of 7", banners and
   repeated headers are not transactions.

>>> find_any_dates("Period 01 Apr 24 to 30-Jun-2024, printed 2024-07-01")
['01/04/2024', '30/06/2024', '01/07/2024']
>>> find_any_dates("13 0ct 2021"), find_any_dates("12102/2021"), find_any_dates("121/02/2021")
(['13/10/2021'], ['12/02/2021'], [])
>>> find_any_dates("Statement from1 Jun 2022 to 30 Nov 2022")
['01/06/2022', '30/11/2022']
>>> classify_title("Withdrawal Amount (INR )"), classify_title("Value Dt"), classify_title("Dr/Cr")
('debit', 'vdate', 'drcr')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from kagaz.pipeline.document import TextLine
from kagaz.text.amounts import AMOUNT_RE
from kagaz.text.keystone import straighten_rows
from kagaz.text.repair import DIGIT_LOOKALIKES

__all__ = ["Column", "Row", "classify_title", "find_any_dates", "group_rows", "parse_table"]

_MON = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_D = r"[0-9OoIl]"
#: OCR look-alikes in month names: "0ct", "Jum" (n read as m), "Ju1"/"Jui" (l read as 1 or i),
#: "5ep", "Dee" (c read as e), "Au9"
_MON_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "9": "g"})
_MON_SWAPS = (("m", "n"), ("i", "l"), ("e", "c"), ("rn", "m"), ("n", "m"), ("v", "y"))


def month_number(word: str) -> int | None:
    """The month a three-letter (or longer) month word names, forgiving one OCR look-alike.

    >>> [month_number(w) for w in ("Oct", "0ct", "Jum", "Ju1", "Jui", "Dee", "5ep", "Jux", "Mav")]
    [10, 10, 6, 7, 7, 12, 9, None, 5]
    """
    low = word[:3].lower().translate(_MON_LOOKALIKES)
    if low in _MON:
        return _MON[low]
    found = {_MON[c] for a, b in _MON_SWAPS for c in _swaps(low, a, b) if c in _MON}
    return found.pop() if len(found) == 1 else None


def _swaps(word: str, a: str, b: str) -> list[str]:
    return [word[:i] + b + word[i + len(a):] for i in range(len(word)) if word.startswith(a, i)]
_DATE_RE = re.compile(
    rf"(?<![0-9A-Za-z/])(?P<d>{_D}{{1,2}})[/\-.](?P<m>{_D}{{1,2}})[/\-.](?P<y>{_D}{{4}}|{_D}{{2}})(?![0-9/])"
    rf"|(?<![0-9])(?P<d2>{_D}{{1,2}})[\s\-/.]{{0,2}}(?P<mon>[A-Za-z05][A-Za-z][A-Za-z1][A-Za-z]{{0,6}})\.?[\s\-/.,]{{0,2}}"
    rf"(?P<y2>\d{{4}}|\d{{2}})(?![0-9])"
    r"|(?<![0-9])(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?![0-9])"
)
_FIX = str.maketrans("OoIl", "0011")


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n <= (dt.date.today().year % 100) + 1 else 1900
    return n


_SLASH_AS_ONE = re.compile(r"(?<![0-9/])([0-3]\d)1([01]\d)/((?:19|20)\d\d)(?![0-9])"
                          r"|(?<![0-9/])([0-3]\d)/([01]\d)1((?:19|20)\d\d)(?![0-9])")


def find_any_dates(text: str, *, spans: bool = False) -> list:  # type: ignore[type-arg]
    """Every date in ``text`` (numeric, "01 Apr 24", "01-Apr-2024", ISO) as DD/MM/YYYY; OCR's
    "0ct" for "Oct" and "12102/2021" (a slash read as 1) are understood."""
    if "1" in text and not _DATE_RE.search(text):
        text = _SLASH_AS_ONE.sub(lambda m: "/".join(g for g in m.groups() if g), text)
    out = []
    for m in _DATE_RE.finditer(text):
        try:
            if m.group("d") is not None:
                d = dt.date(_year(m.group("y").translate(_FIX)), int(m.group("m").translate(_FIX)),
                            int(m.group("d").translate(_FIX)))
            elif m.group("d2") is not None:
                mon = month_number(m.group("mon"))
                if mon is None or (len(m.group("mon")) > 3 and not m.group("mon").isalpha()):
                    continue
                d = dt.date(_year(m.group("y2")), mon, int(m.group("d2").translate(_FIX)))
            else:
                d = dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        except ValueError:
            continue
        value = d.strftime("%d/%m/%Y")
        out.append((value, m.start(), m.end()) if spans else value)
    return out


# -- column titles ------------------------------------------------------------------------------
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p, re.I)) for k, p in (
    ("drcr", r"^\W*(?:dr\s*/\s*cr|cr\s*/\s*dr|txn\s*type|type)\W*$"),
    ("debit", r"withdraw|debit|\bdr\b|payments?\b|paid\s*out"),
    ("credit", r"deposit|credit|\bcr\b|receipts?\b|paid\s*in"),
    ("balance", r"balance|\bbal\b"),
    ("vdate", r"value\s*(?:date|dt)"),
    ("date", r"date|\bdt\b"),
    ("desc", r"narration|description|particulars|details|remarks"),
    ("ref", r"chq|cheque|\bref|instr|utr"),
    ("amount", r"amount|\bamt\b"),
    ("sno", r"^\W*(?:s|sr|sl)?\W*(?:no|#)\W*$"),
    ("branch", r"\binit|branch|\bbr\b"),
    ("other", r"\bid\b|\bmode\b|\bcode\b"),  # "Tran Id", "Mode": read, then ignored
))
_VOCAB = set(
    "txn tran trans transaction value date dt narration description particulars details "
    "remarks chq cheque ref reference no number num withdrawal withdrawals deposit deposits "
    "debit debits credit credits dr cr amount amt balance bal closing s sr sl inr rs init br "
    "branch instrument id type mode utr posting post book booking code in out paid".split())
_PHRASES = sorted((tuple(p.split()) for p in (
    "txn date", "tran date", "trans date", "transaction date", "value date", "value dt",
    "posting date", "post date", "book date", "ref no cheque no", "ref no chq no", "chq ref no",
    "chq no", "cheque no", "cheque number", "ref no", "instrument no", "transaction remarks",
    "transaction details", "transaction particulars", "withdrawal amount inr", "withdrawal amt",
    "withdrawal amount", "withdrawal dr", "deposit amount inr", "deposit amt", "deposit amount",
    "deposit cr", "closing balance", "balance inr", "init br", "s no", "sr no", "sl no", "dr cr",
    "debit amount", "credit amount", "amount inr", "amount rs")), key=len, reverse=True)
_WORD = re.compile(r"[A-Za-z]+|#")
AMOUNT_KINDS = ("debit", "credit", "amount", "balance")
_TEXT_KINDS = ("ref", "desc", "other")


def classify_title(text: str) -> str | None:
    for kind, rx in _KINDS:
        if rx.search(text):
            return kind
    return None


def _title_text(text: str) -> str | None:
    """``text`` as a column title, OCR typos fixed against the title words ("Balace",
    "Depesit"), or None when it is not made of title words only."""
    text = clean_text(text)
    if not text or re.search(r"\d", text):
        return None
    words = _WORD.findall(text)
    if not words:
        return None
    out = text
    for w in words:
        low = w.lower()
        if low in _VOCAB or low == "#":
            continue
        if len(low) < 4:
            return None
        best = min(_VOCAB, key=lambda v: Levenshtein.distance(low, v))
        if Levenshtein.distance(low, best) > (1 if len(low) < 8 else 2):
            return None
        out = re.sub(rf"\b{re.escape(w)}\b", best, out, count=1)
    return out


def _is_title_line(text: str) -> bool:
    return _title_text(text) is not None


def _as_title(line: TextLine) -> TextLine:
    return TextLine(_title_text(line.text) or line.text, line.score, line.box, line.page,
                    line.source)


@dataclass
class Column:
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


def _slope(lines: list[TextLine], tol: float):  # type: ignore[no-untyped-def]
    """The residual skew of an OCR'd page as dy/dx varying linearly down the page (a photo's
    perspective tilts the top and the bottom rows differently): ``k(y) = a + b * y``, fitted
    twice on pairs of lines that share a row, each time on the corrected centres."""
    a = b = 0.0
    if all(ln.source == "pdf" for ln in lines):
        return a, b
    for _ in range(2):
        def y(ln: TextLine) -> float:
            return ln.cy - (a + b * ln.cy) * (ln.x0 + ln.x1) / 2

        ls = sorted(lines, key=y)
        pairs = []
        for i, p in enumerate(ls):
            for q in ls[i + 1:i + 14]:
                if y(q) - y(p) > tol:
                    break
                dx = (q.x0 + q.x1 - p.x0 - p.x1) / 2
                if abs(dx) > 150:
                    pairs.append(((p.cy + q.cy) / 2, (y(q) - y(p)) / dx))
        if len(pairs) < 5:
            break
        pairs.sort()
        bands = [pairs[len(pairs) * i // 4:len(pairs) * (i + 1) // 4] for i in range(4)]
        pts = [(band[len(band) // 2][0], sorted(s for _, s in band)[len(band) // 2])
               for band in bands if band]
        my = sum(p[0] for p in pts) / len(pts)
        ms = sum(p[1] for p in pts) / len(pts)
        var = sum((p[0] - my) ** 2 for p in pts)
        db = sum((p[0] - my) * (p[1] - ms) for p in pts) / var if var > 0 and len(pts) > 2 else 0.0
        a, b = a + ms - db * my, b + db
    return a, b


def group_rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines of one page grouped into rows: a line joins a row when its centre (corrected for
    residual skew) is within half a median line height of the row's mean centre."""
    return _group(lines)[0]


def _group(lines: list[TextLine]) -> tuple[list[list[TextLine]], bool]:
    """(rows, tilted): ``tilted`` when the page is not flat (a photo's perspective: rows tilt
    by more than ~1.1 degrees, or by 0.35 degrees more at the bottom than at the top), where
    rows are more easily mixed up."""
    if not lines:
        return [], False
    hs = sorted(ln.height for ln in lines)
    tol = max(hs[len(hs) // 2] * 0.5, 1.0)
    a, b = _slope(lines, tol)
    height = max(ln.y1 for ln in lines)
    tilted = max(abs(a), abs(a + b * height)) > 0.02 or abs(b * height) > 0.006

    def y(ln: TextLine) -> float:
        return ln.cy - (a + b * ln.cy) * (ln.x0 + ln.x1) / 2

    rows: list[list[TextLine]] = []
    mean = 0.0
    for line in sorted(lines, key=y):
        if rows and abs(y(line) - mean) <= tol:
            rows[-1].append(line)
            mean += (y(line) - mean) / len(rows[-1])
            continue
        rows.append([line])
        mean = y(line)
    return [sorted(r, key=lambda ln: ln.x0) for r in rows], tilted


def _tokens(line: TextLine, pattern: re.Pattern[str]) -> list[tuple[str, float, float]]:
    """Matches of ``pattern`` in the line, with x extents estimated from character offsets."""
    n = max(1, len(line.text))
    w = line.x1 - line.x0
    return [(m.group(0), line.x0 + w * m.start() / n, line.x0 + w * m.end() / n)
            for m in pattern.finditer(line.text)]


def _fragments(line: TextLine) -> list[tuple[str, float, float]]:
    """A title line cut into titles (a merged OCR header holds several)."""
    words = _tokens(line, _WORD)
    frags, i = [], 0
    while i < len(words):
        low = [w[0].lower() for w in words]
        for p in _PHRASES:
            if tuple(low[i:i + len(p)]) == p:
                j = i + len(p)
                break
        else:
            j = i + 1
        frags.append((" ".join(w[0] for w in words[i:j]), words[i][1], words[j - 1][2]))
        i = j
    kinds = {classify_title(f[0]) for f in frags} - {None}
    if len(kinds) <= 1:
        return [(line.text, line.x0, line.x1)]
    return frags


def find_header(rows: list[list[TextLine]]) -> tuple[list[Column], int, int] | None:
    """The column header band of a page: (columns, first row index, last row index)."""
    title_rows = []
    for i, r in enumerate(rows):
        n = sum(bool(clean_text(ln.text).strip()) for ln in r)
        if n and sum(_is_title_line(ln.text) for ln in r) >= max(1, n - max(1, n // 4)):
            title_rows.append(i)
    best = None
    i = 0
    while i < len(title_rows):
        j = i
        while (j + 1 < len(title_rows) and title_rows[j + 1] == title_rows[j] + 1
               and rows[title_rows[j + 1]][0].cy - rows[title_rows[j]][0].cy
               < 2.6 * max(rows[title_rows[j]][0].height, 1.0)):
            j += 1
        band = title_rows[i:j + 1]
        cols = _columns([[_as_title(ln) for ln in rows[k] if _is_title_line(ln.text)]
                         for k in band])
        kinds = {c.kind for c in cols}
        dated = bool(kinds & {"date", "vdate"})
        if (kinds & {"balance", "debit", "credit", "amount"}) and len(kinds) >= 3 - (not dated) \
                and (dated or "desc" in kinds):
            # a title OCR garbled beyond repair ("Chy'Ref Nes") still marks a column, so that
            # its cells do not spill into the neighbours
            for k in band:
                for ln in rows[k]:
                    text = clean_text(ln.text)
                    if (not _is_title_line(ln.text) and re.search(r"[A-Za-z]{2}", text)
                            and not re.search(r"\d", text)
                            and not any(min(ln.x1, c.x1) > max(ln.x0, c.x0) for c in cols)):
                        cols.append(Column("other", ln.x0, ln.x1, text))
            cols.sort(key=lambda c: c.x0)
            if not kinds & {"date", "vdate"}:
                # the date title was garbled: it is the first column, left of the narration
                if cols[0].kind != "other" or "desc" not in kinds:
                    i = j + 1
                    continue
                cols[0].kind = "date"
            if best is None or len(cols) > len(best[0]):
                best = (cols, band[0], band[-1])
        i = j + 1
    return best


def _complete_header(cols: list[Column], rows: list[list[TextLine]], last: int) -> list[Column]:
    """Titles a tilted page put on the first data row (the header's right end sits lower than
    its left): titles right of the band's last column become columns; a title under one of the
    band's columns (its second line) is dropped. They are taken out of that row either way.

    >>> def ln(t, x, y): return TextLine(t, 1.0, (x, y, x + 8 * len(t), y + 12))
    >>> cols = [Column("date", 100, 140), Column("desc", 200, 300), Column("debit", 500, 580)]
    >>> rows = [[], [ln("12/05/2024", 100, 50), ln("Amount (INR)", 500, 44),
    ...          ln("Deposit", 640, 40), ln("Amount (INR)", 620, 52), ln("Balance", 760, 48)]]
    >>> [(c.kind, c.x0) for c in _complete_header(cols, rows, 0)], [x.text for x in rows[1]]
    ([('date', 100), ('desc', 200), ('debit', 500), ('credit', 620), ('balance', 760)], ['12/05/2024'])
    """
    if last + 1 >= len(rows):
        return cols
    row = rows[last + 1]
    titles = [ln for ln in row if _is_title_line(ln.text)]
    right = max(c.x1 for c in cols)
    beyond = [ln for ln in titles if ln.x0 > right]
    under = [ln for ln in titles if ln.x0 <= right
             and any(min(ln.x1, c.x1) - max(ln.x0, c.x0) > 0.3 * (ln.x1 - ln.x0) for c in cols)]
    if not beyond:
        return cols
    kinds = {c.kind for c in cols}
    extra = [c for c in _columns([[_as_title(ln) for ln in beyond]]) if c.kind not in kinds]
    if not any(c.kind in AMOUNT_KINDS for c in extra):
        return cols
    used = set(map(id, beyond + under))
    row[:] = [ln for ln in row if id(ln) not in used]
    if not row:
        del rows[last + 1]
    return sorted(cols + extra, key=lambda c: c.x0)


def _columns(band: list[list[TextLine]]) -> list[Column]:
    """Column titles of a header band: fragments printed one above the other ("Value" over
    "Date") are one title; a title over several columns (a group heading) is dropped."""
    frags = [(ln.cy, f[0], f[1], f[2], n) for n, ln in enumerate(x for row in band for x in row)
             for f in _fragments(ln)]
    parent = list(range(len(frags)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def overlap(a: int, b: int) -> bool:
        fa, fb = frags[a], frags[b]
        ov = min(fa[3], fb[3]) - max(fa[2], fb[2])
        return fa[4] != fb[4] and ov > 0.3 * min(fa[3] - fa[2], fb[3] - fb[2])

    hits = [[b for b in range(len(frags)) if overlap(a, b)] for a in range(len(frags))]
    group = [len({frags[b][4] for b in h}) < len(h) for h in hits]  # spans 2+ on one line
    for a in range(len(frags)):
        for b in hits[a]:
            if not group[a] and not group[b]:
                parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in range(len(frags)):
        if not group[a]:
            groups.setdefault(find(a), []).append(a)
    cols = []
    for members in groups.values():
        members.sort(key=lambda k: (frags[k][0], frags[k][2]))
        title = " ".join(frags[k][1] for k in members)
        kind = classify_title(title)
        if kind:
            cols.append(Column(kind, min(frags[k][2] for k in members),
                               max(frags[k][3] for k in members), title))
    cols.sort(key=lambda c: c.x0)
    return cols


# -- rows ---------------------------------------------------------------------------------------
_SKIP = re.compile(
    r"opening\s*bal|closing\s*bal|brought\s*f(?:or)?w(?:ar)?d|carried\s*f(?:or)?w(?:ar)?d|"
    r"\bb\s*/\s*f\b|\bc\s*/\s*f\b|\btotal\b|page\s*(?:no)?\.?\s*:?\s*\d+(?:\s*of\s*\d+)?|"
    r"statement\s*of\s*account|account\s*statement|end\s*of\s*statement|computer\s*generated|"
    r"statement\s*summary|grand\s*total", re.I)
_MONEY = re.compile(AMOUNT_RE.pattern + r"|(?<!\S)-(?!\S)")
_MARK = re.compile(r"^\(?(?:cr|dr|c|d)\)?\.?$", re.I)


def _numeric(text: str) -> bool:
    """Mostly digits: an amount OCR damaged ("30..119(01)") still sits in an amount column."""
    t = text.strip()
    return (len(t) >= 4 and bool(re.search(r"\d[.,]|[.,]\d", t))
            and sum(ch.isdigit() for ch in t) >= 0.5 * len(t) and not find_any_dates(t))


_AMOUNT_LIKE = re.compile(r"(?P<num>[0-9SOoIlB][0-9SOoIlB,.]*[0-9SOoIlB])"
                          r"(?P<rest>\s?\(?(?:Cr|CR|cr|Dr|DR|dr)\)?\.?)?")


def amount_lookalikes(text: str) -> str:
    """An OCR'd amount with a letter for a digit ("521.S0 Dr", "1,2O4.00") put right; any other
    text unchanged.

    >>> amount_lookalikes("521.S0 Dr"), amount_lookalikes("1,2O4.00"), amount_lookalikes("BESCOM")
    ('521.50 Dr', '1,204.00', 'BESCOM')
    >>> amount_lookalikes("SOS"), amount_lookalikes("12.5S.00"), amount_lookalikes("120.00")
    ('SOS', '12.5S.00', '120.00')
    """
    m = _AMOUNT_LIKE.fullmatch(text.strip())
    if not m or _money_token(text):
        return text
    num = m.group("num")
    letters = sum(ch.isalpha() for ch in num)
    if not letters or letters > 2 or sum(ch.isdigit() for ch in num) < 3:
        return text
    fixed = num.translate(DIGIT_LOOKALIKES) + (m.group("rest") or "")
    return fixed if _money_token(fixed) else text


def _money_token(text: str) -> bool:
    t = text.strip()
    if t in ("-", "--"):
        return True
    m = AMOUNT_RE.fullmatch(t)
    return bool(m) and ("." in m.group("num") or "," in m.group("num") or bool(m.group("mark")))


def _assign(cols: list[Column], tok: str, x0: float, x1: float, tol: float) -> tuple[str, float]:
    """The column kind of one cell; for amounts also the margin to the next column's edge."""
    if _money_token(tok) or _numeric(tok):
        amount_idx = [i for i, c in enumerate(cols) if c.kind in AMOUNT_KINDS]
        if amount_idx:
            for i in amount_idx:
                if i + 1 == len(cols) or x1 <= cols[i + 1].x0 + tol:
                    if i == amount_idx[0] and x1 < cols[i].x0 - 6 * tol and i > 0 \
                            and cols[i - 1].kind not in AMOUNT_KINDS:
                        break  # far left of the amount columns: a number in the text
                    limit = cols[i + 1].x0 if i + 1 < len(cols) else 1e9
                    return cols[i].kind, limit - x1
    best = cols[0].kind
    for c in cols:
        if c.x0 - 1.2 * tol <= x0:
            best = c.kind
    return best, 1e9


def _spans(cols: list[Column], x0: float, x1: float) -> bool:
    """Does a line cover more than one column (a merged run that must be cut)?"""
    inside = [c for c in cols if min(x1, c.x1) - max(x0, c.x0) > 0]
    return len(inside) > 1


def _cells(cols: list[Column], row: list[TextLine], tol: float) -> tuple[dict, float]:  # type: ignore[type-arg]
    cells: dict[str, list[tuple[str, float, float]]] = {}
    margin = 1e9
    has_desc = any(c.kind == "desc" for c in cols)
    order = {c.kind: i for i, c in enumerate(cols)}
    for line in row:
        parts: list[tuple[str, float, float]]
        text = clean_text(line.text)
        if not text:
            continue
        if text != line.text:
            line = TextLine(text, line.score, line.box, line.page, line.source)
        if _spans(cols, line.x0, line.x1):
            parts = _tokens(line, re.compile(r"\S+"))
            parts = _split_glued(_join_tokens(parts), cols, tol)
        else:
            parts = [(line.text, line.x0, line.x1)]
        if line.source != "pdf":
            parts = [(amount_lookalikes(t), a, b) for t, a, b in parts]
        last = -1
        for text, a, b in parts:
            kind, m = _assign(cols, text, a, b, tol)
            if len(parts) > 1 and kind in _TEXT_KINDS and order.get(kind, 0) < last \
                    and cols[last].kind in _TEXT_KINDS:
                kind = cols[last].kind  # a merged run reads left to right: no going back
            last = max(last, order.get(kind, 0))
            if len(parts) > 1 and kind in ("date", "vdate") and has_desc \
                    and not find_any_dates(text):
                kind = "desc"  # a merged run: words after the date belong to the narration
            margin = min(margin, m)
            cells.setdefault(kind, []).append((text, a, b))
            if len(parts) > 1 and kind == "desc":
                cells.setdefault("_cut", [])
    return cells, margin


#: a reference number as a reference column prints it: "UPI-209536539075", "N575258269", "123456"
_REF_TAIL = re.compile(r"[A-Za-z]{0,5}[-:]?\d{6,}")


def _split_glued(parts: list[tuple[str, float, float]], cols: list[Column],
                 tol: float) -> list[tuple[str, float, float]]:
    """OCR glues neighbouring cells without a space ("UPI-7982532UPI/CR/7982532/ANITA"): cut a
    token that straddles a text column's left edge where the reference's digits end and the
    narration's words begin, and put the two pieces either side of that edge.

    Positions inside a token are estimated from character counts, which a misread reference
    ("UPI-79UPI/...", a dozen digits read as two) skews; the cut itself says where the column
    edge is.

    >>> cols = [Column("ref", 100, 160), Column("desc", 200, 300)]
    >>> [(t, round(a)) for t, a, _ in _split_glued(
    ...     [("UPI-77015793S464UPI/DR/770157935464/DMART", 100, 400)], cols, 10)]
    [('UPI-77015793S464', 100), ('UPI/DR/770157935464/DMART', 217)]
    >>> [(t, round(a)) for t, a, _ in _split_glued([("U-50UP/DR/546962297/FLIPKART", 100, 300)],
    ...                                            cols, 10)]
    [('U-50', 100), ('UP/DR/546962297/FLIPKART', 190)]
    >>> _split_glued([("UP1-UPI/DR/669365525393/JIO", 100, 330)], cols, 10)[1][0]
    'UPI/DR/669365525393/JIO'
    >>> narration_first = [Column("desc", 100, 200), Column("ref", 500, 600)]
    >>> [t for t, _, _ in _split_glued([("UPI/DR/2095/FLIPKART/ICIC/flipkart@paytm/UPI-209536539075",
    ...                                  100, 650)], narration_first, 10)]
    ['UPI/DR/2095/FLIPKART/ICIC/flipkart@paytm/', 'UPI-209536539075']
    """
    out = []
    for text, a, b in parts:
        col = next((c for c in cols if c.kind in ("desc", "ref")
                    and a + 2 * tol < c.x0 - tol < b - 2 * tol), None)
        if col is None or len(text) < 6:
            out.append((text, a, b))
            continue
        edge = col.x0 - tol
        k = round((edge - a) / (b - a) * len(text))
        cuts = []  # (cost, index, at the edge): a reference's digits then the narration's words
        for j in range(max(1, k - 9), min(len(text) - 1, k + 10)):
            before, after, then = text[j - 1], text[j], text[j + 1]
            word = after.isalpha() and (then.isalpha() or then in "/-")
            if col.kind == "ref" and before in "/ " and _REF_TAIL.fullmatch(text[j:]):
                cuts.append((abs(j - k), j, True))  # a narration, then its reference
            elif after.isalpha() and (before.isdigit() or before in ",;."):
                # a lone letter inside digits ("3S464") is a misread digit, not a word
                cuts.append((abs(j - k) + (0 if word else 8), j, word))
            elif before == "-" and word and j >= 3:
                cuts.append((abs(j - k) + 1, j, True))  # "UP1-UPI/DR/...": the reference's prefix
            elif before.isalpha() and after.isdigit():
                lone = j >= 2 and text[j - 2].isdigit()
                cuts.append((abs(j - k) + (11 if lone else 3), j, False))
        if not cuts:
            out.append((text, a, b))
            continue
        _, j, at_edge = min(cuts)
        mid = a + (b - a) * j / len(text)
        if at_edge:  # the narration's first word: the two pieces lie either side of the edge
            out += [(text[:j], a, min(mid, edge)), (text[j:], max(mid, edge), b)]
        else:
            out += [(text[:j], a, mid), (text[j:], mid, b)]
    return out


def _join_tokens(parts: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """Re-join tokens that belong together: "1 Apr 2024", "5,000.00 Cr", "12.00 (Dr)"."""
    out: list[tuple[str, float, float]] = []
    for text, a, b in parts:
        if out:
            prev = out[-1]
            glue = (
                (_MARK.match(text) and _money_token(prev[0]))
                or (re.fullmatch(r"\d{1,2}", prev[0]) and text[:3].lower() in _MON
                    and re.fullmatch(r"[A-Za-z]{3,9}\.?,?", text))
                or (re.fullmatch(r"\d{1,2} [A-Za-z]{3,9}\.?,?", prev[0])
                    and re.fullmatch(r"\d{2}|\d{4}", text))
            )
            if glue:
                out[-1] = (prev[0] + " " + text, prev[1], b)
                continue
        out.append((text, a, b))
    return out


def _unglue(cells: dict) -> None:  # type: ignore[type-arg]
    """A narration box that overlaps the reference box may start with the reference's last
    digit ("UPI-8822939" then "9UPI/DR/8822939/..."): drop it."""
    refs, descs = cells.get("ref"), cells.get("desc")
    if not refs or not descs:
        return
    text, a, b = descs[0]
    ref_text, _, ref_b = refs[-1]
    if (len(text) > 3 and text[0].isdigit() and text[1].isalpha() and a < ref_b
            and ref_text.rstrip().endswith(text[0])):
        descs[0] = (text[1:], a, b)


def _rough(lines: list[TextLine]) -> bool:
    """An OCR'd page whose text is small (a low-resolution capture: median line under 20 px)
    or noisy (over 4 % of its lines read with a score under 0.9)."""
    if all(ln.source == "pdf" for ln in lines):
        return False
    hs = sorted(ln.height for ln in lines)
    return hs[len(hs) // 2] < 20 or sum(ln.score < 0.9 for ln in lines) > 0.04 * len(lines)


def _first_date(cells: dict, kind: str) -> str | None:  # type: ignore[type-arg]
    for t, _, _ in cells.get(kind, []):
        found = find_any_dates(t)
        if found:
            return found[0]
    return None


_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def clean_text(text: str) -> str:
    """The Latin text of an OCR run: statements print English; Devanagari appended by a
    re-reading of a low-confidence run (" / ॥व0...") is noise here.

    >>> clean_text("12/02/2021 / ॥<0द८0दा"), clean_text("₹ 500.00"), clean_text("MU-3014 / 7]08 ॥व")
    ('12/02/2021', '₹ 500.00', 'MU-3014')
    """
    if text.isascii():
        return text
    m = _DEVANAGARI.search(text)
    if m:
        cut = text.rfind(" / ", 0, m.start())
        text = text[:cut] if cut >= 0 else text
    return " ".join(re.sub(r"[^\x00-\x7f\u20b9]+", " ", text).split())


def parse_table(lines: list[TextLine]) -> tuple[list[Row], list[list[TextLine]]]:
    """Every transaction row on every page, and the header bands' lines (to ignore elsewhere)."""
    rows_out: list[Row] = []
    headers: list[list[TextLine]] = []
    cols: list[Column] | None = None
    for page in sorted({ln.page for ln in lines}):
        page_lines = [ln for ln in lines if ln.page == page]
        rows, tilted = _group(page_lines)
        if not rows:
            continue
        rough = tilted or _rough(page_lines)
        hs = sorted(ln.height for r in rows for ln in r)
        tol = max(hs[len(hs) // 2] * 0.6, 2.0)
        found = find_header(rows)
        start = 0
        if found:
            cols, first, last = found
            cols = _complete_header(cols, rows, last)
            headers.append([ln for k in range(first, last + 1) for ln in rows[k]])
            start = last + 1
        if not cols:
            continue
        body = rows[start:]
        placed = body
        if found and any(ln.source != "pdf" for ln in page_lines):
            header_y = sum(ln.cy for ln in headers[-1]) / len(headers[-1])
            placed = straighten_rows(body, header_y, min_drift=tol) or body
        prev: Row | None = None
        prev_bottom = 0.0
        for r, at in zip(body, placed):
            text = " ".join(ln.text for ln in r)
            cells, margin = _cells(cols, at, tol)
            date = _first_date(cells, "date") or _first_date(cells, "vdate")
            money = {k: any(_money_token(t) and t.strip() not in ("-", "--")
                            for t, _, _ in cells.get(k, [])) for k in AMOUNT_KINDS}
            top = min(ln.y0 for ln in r)
            desc_text = " ".join(t for t, _, _ in cells.get("desc", []))
            garbled_date = any(re.search(r"\d[/\-.]+\d|\d\s*[A-Za-z]{3}|\d[/\-.][A-Za-z]{1,3}[/\-.]\d",
                                         t) and not _money_token(t)
                               for t, _, _ in cells.get("date", []))
            starts = (date and (any(money.values()) or (found and cells.get("desc")))) or (
                garbled_date and money["balance"]
                and (money["debit"] or money["credit"] or money["amount"]))
            _unglue(cells)
            if starts and not _SKIP.search(desc_text) and not _SKIP.search(
                    " ".join(t for t, _, _ in cells.get("date", []))):
                prev = Row(page, list(r), cells, [t for t, _, _ in cells.get("desc", [])],
                           margin, "_cut" in cells, rough)
                rows_out.append(prev)
                prev_bottom = max(ln.y1 for ln in r)
                continue
            only_text = set(cells) <= {"desc", "ref", "_cut"} and "desc" in cells
            gap = top - prev_bottom
            if (prev is not None and only_text and gap < 2.2 * tol / 0.6
                    and not _SKIP.search(text) and not date):
                prev.desc.extend(t for t, _, _ in cells["desc"])
                prev.cut = prev.cut or "_cut" in cells
                prev.lines.extend(r)
                for t in cells.get("ref", []):
                    prev.cells.setdefault("ref", []).append(t)
                prev_bottom = max(ln.y1 for ln in r)
                continue
            prev = None
    return rows_out, headers
