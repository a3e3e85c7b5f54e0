"""The column header of a statement's table: which column is the date, the narration, the
reference, the debit, the credit, the amount and its Dr/Cr, the balance; and where each is.

A header band is the run of rows made (mostly) of column-title words ("Txn Date", "Value Dt",
"Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit (Cr)", "Balance (INR )", "Dr/Cr");
titles printed on two lines ("Value" over "Date", "Withdrawal" over "Amt.") are joined by x
overlap; a run that holds several titles (a header written as one text object, or merged by
OCR) is cut into titles at its words' positions; OCR typos are read against the title words
("Balace"). A title naming both directions is resolved by the rest of the header
(:func:`_resolve`).

>>> classify_title("Withdrawal Amount (INR )"), classify_title("Value Dt"), classify_title("Dr/Cr")
('debit', 'vdate', 'dual')
>>> [c.kind for c in _resolve([Column("amount", 0, 1), Column("dual", 2, 3)])]
['amount', 'drcr']
>>> [c.kind for c in _resolve([Column("dual", 2, 3), Column("balance", 4, 5)])]
['amount', 'balance']
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kagaz.doctypes.statement_ocr import clean_text
from kagaz.doctypes.statement_text import AMOUNT_KINDS, Column, tokens
from kagaz.model import TextLine

__all__ = ["as_title", "classify_title", "complete_header", "find_header", "is_title_line"]

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((k, re.compile(p, re.I)) for k, p in (
    # a title naming both directions ("Dr/Cr", "Debit/Credit", "DEPOSIT/WITHDRAWAL",
    # "Withdrawal (Dr)/ Deposit (Cr)"): the amount itself, or its Dr/Cr marker when another
    # column holds the amount (see _resolve)
    ("dual", r"(?:withdraw\w*|debit|\bdr\b)[^/]*/.*(?:deposit|credit|\bcr\b)"
             r"|(?:deposit\w*|credit|\bcr\b)[^/]*/.*(?:withdraw|debit|\bdr\b)"),
    ("drcr", r"^\W*(?:txn\s*type|type)\W*$"),
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
    "branch instrument id type mode utr posting post book booking code in out paid running "
    "available withdrawn ledger txns reference transactions amounts".split())
_PHRASES = sorted((tuple(p.split()) for p in (
    "txn date", "tran date", "trans date", "transaction date", "value date", "value dt",
    "posting date", "post date", "book date", "ref no cheque no", "ref no chq no", "chq ref no",
    "chq no", "cheque no", "cheque number", "ref no", "instrument no", "transaction remarks",
    "transaction details", "transaction particulars", "withdrawal amount inr", "withdrawal amt",
    "withdrawal amount", "withdrawal dr", "deposit amount inr", "deposit amt", "deposit amount",
    "deposit cr", "closing balance", "balance inr", "init br", "s no", "sr no", "sl no", "dr cr",
    "debit amount", "credit amount", "amount inr", "amount rs", "running balance",
    "available balance", "transaction amount", "reference number", "reference no",
    "transaction type", "txn type", "transaction id", "tran id")), key=len, reverse=True)
_WORD = re.compile(r"[A-Za-z]+|#")


def classify_title(text: str) -> str | None:
    for kind, rx in _KINDS:
        if rx.search(text):
            return kind
    return None


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)
def _title_text(text: str) -> str | None:
    """``text`` as a column title, OCR typos fixed against the title words ("Balace",
    "Depesit"), or None when it is not made of title words only."""
    # Cached: every page's rows are tried as a header, and every page repeats the header and
    # many a narration's words (each word outside the title words is measured against all of
    # them).
    text = clean_text(text)
    if not text or _DIGIT.search(text):
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


def is_title_line(text: str) -> bool:
    return _title_text(text) is not None


def as_title(line: TextLine) -> TextLine:
    return TextLine(_title_text(line.text) or line.text, line.score, line.box, line.page,
                    line.source, line.words)


def _fragments(line: TextLine) -> list[tuple[str, float, float]]:
    """A title line cut into titles (a merged header run holds several); titles joined by a
    slash ("DEPOSIT/WITHDRAWAL", "Dr/Cr") are one."""
    words = tokens(line, _WORD)
    spans = [m.span() for m in _WORD.finditer(line.text)]
    if len(spans) != len(words):
        spans = [(0, 0)] * len(words)
    frags: list[tuple[str, float, float]] = []
    chars: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        low = [w[0].lower() for w in words]
        for p in _PHRASES:
            if tuple(low[i:i + len(p)]) == p:
                j = i + len(p)
                break
        else:
            j = i + 1
        a, b = spans[i][0], spans[j - 1][1]
        if chars and "/" in line.text[chars[-1][1]:a] and classify_title(
                line.text[chars[-1][0]:b]) == "dual":
            a = chars.pop()[0]
            frags[-1] = (line.text[a:b], frags[-1][1], words[j - 1][2])
        else:
            frags.append((" ".join(w[0] for w in words[i:j]), words[i][1], words[j - 1][2]))
        chars.append((a, b))
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
        if n and sum(is_title_line(ln.text) for ln in r) >= max(1, n - max(1, n // 4)):
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
        cols = _resolve(_columns([[as_title(ln) for ln in rows[k] if is_title_line(ln.text)]
                                  for k in band]))
        kinds = {c.kind for c in cols}
        dated = bool(kinds & {"date", "vdate"})
        if (kinds & {"balance", "debit", "credit", "amount"}) and len(kinds) >= 3 - (not dated) \
                and (dated or "desc" in kinds):
            # a title OCR garbled beyond repair ("Chy'Ref Nes") still marks a column, so that
            # its cells do not spill into the neighbours
            for k in band:
                for ln in rows[k]:
                    text = clean_text(ln.text)
                    if (not is_title_line(ln.text) and re.search(r"[A-Za-z]{2}", text)
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


def complete_header(cols: list[Column], rows: list[list[TextLine]], last: int) -> list[Column]:
    """Titles a tilted page put on the first data row (the header's right end sits lower than
    its left): titles right of the band's last column become columns; a title under one of the
    band's columns (its second line) is dropped. They are taken out of that row either way.

    >>> def ln(t, x, y): return TextLine(t, 1.0, (x, y, x + 8 * len(t), y + 12))
    >>> cols = [Column("date", 100, 140), Column("desc", 200, 300), Column("debit", 500, 580)]
    >>> rows = [[], [ln("12/05/2024", 100, 50), ln("Amount (INR)", 500, 44),
    ...          ln("Deposit", 640, 40), ln("Amount (INR)", 620, 52), ln("Balance", 760, 48)]]
    >>> [(c.kind, c.x0) for c in complete_header(cols, rows, 0)], [x.text for x in rows[1]]
    ([('date', 100), ('desc', 200), ('debit', 500), ('credit', 620), ('balance', 760)], ['12/05/2024'])
    """
    if last + 1 >= len(rows):
        return cols
    row = rows[last + 1]
    titles = [ln for ln in row if is_title_line(ln.text)]
    right = max(c.x1 for c in cols)
    beyond = [ln for ln in titles if ln.x0 > right]
    under = [ln for ln in titles if ln.x0 <= right
             and any(min(ln.x1, c.x1) - max(ln.x0, c.x0) > 0.3 * (ln.x1 - ln.x0) for c in cols)]
    if not beyond:
        return cols
    kinds = {c.kind for c in cols}
    extra = [c for c in _columns([[as_title(ln) for ln in beyond]]) if c.kind not in kinds]
    if not any(c.kind in AMOUNT_KINDS for c in extra):
        return cols
    used = set(map(id, beyond + under))
    row[:] = [ln for ln in row if id(ln) not in used]
    if not row:
        del rows[last + 1]
    return _resolve(sorted(cols + extra, key=lambda c: c.x0))


def _resolve(cols: list[Column]) -> list[Column]:
    """A title naming both directions is the Dr/Cr marker column when another column holds the
    amount (Axis' "Amount" then "Debit/Credit"), else the amount column itself (Kotak's
    "Withdrawal (Dr)/Deposit (Cr)", whose amounts carry the marker)."""
    other = any(c.kind in ("debit", "credit", "amount") for c in cols)
    for c in cols:
        if c.kind == "dual":
            c.kind = "drcr" if other else "amount"
            other = True
    return cols


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
