"""Bank-statement tables: every transaction row on every page.

Works on text-layer lines (one run per cell, or a whole row as one run whose words carry their
own positions: :mod:`~kagaz.doctypes.statement_text`) and on OCR lines (one box per text run,
sometimes a whole row merged, sometimes a cell split: :mod:`~kagaz.doctypes.statement_ocr`).
Per page:

1. lines are grouped into rows by ``cy`` (corrected for the residual skew of a photo);
2. the header band names the columns (:mod:`~kagaz.doctypes.statement_header`); a page without
   a header reuses the previous page's columns;
3. cells are put in columns: text by its left edge, amounts by their right edge (amounts are
   right-aligned under headers that may be left-aligned, centred or right-aligned); a line
   that spans several columns is cut into words, at the positions the text layer gives or, on
   OCR lines, at estimated ones; empty cells ("-", "nan") are dropped;
4. a row with a date in the date column and an amount (or a narration) is a transaction; a
   row with text only in the narration or reference columns continues the narration of the
   transaction above it, or of the one below when the gap says so (a narration printed above
   its date line: :func:`~kagaz.doctypes.statement_text.attach_wraps`); "Opening Balance",
   "Brought/Carried Forward", "Total", "Page 2 of 7", banners and repeated headers are not
   transactions.
"""

from __future__ import annotations

import re
from operator import attrgetter, itemgetter

from kagaz.doctypes.statement_dates import find_any_dates
from kagaz.doctypes.statement_header import classify_title, complete_header, find_header
from kagaz.doctypes.statement_ocr import amount_lookalikes, clean_text, rough_page, slope, split_glued, unglue
from kagaz.doctypes.statement_text import (
    OPENING_ROW,
    AMOUNT_KINDS, Column, Entry, Row, attach_wraps, blank, join_tokens, money_token, tokens,
)
from kagaz.model import TextLine
from kagaz.text.keystone import straighten_rows

__all__ = ["AMOUNT_KINDS", "Column", "Row", "classify_title", "find_any_dates", "find_header",
           "group_rows", "parse_table"]

_TEXT_KINDS = ("ref", "desc", "other")


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
    a, b = slope(lines, tol)
    height = max(ln.y1 for ln in lines)
    tilted = max(abs(a), abs(a + b * height)) > 0.02 or abs(b * height) > 0.006

    def y(ln: TextLine) -> float:
        return ln.cy - (a + b * ln.cy) * (ln.x0 + ln.x1) / 2

    rows: list[list[TextLine]] = []
    mean = 0.0
    # each line's corrected centre worked out once (a 60-page statement has 17,000 lines)
    for at, line in sorted(((y(ln), ln) for ln in lines), key=itemgetter(0)):
        if rows and abs(at - mean) <= tol:
            rows[-1].append(line)
            mean += (at - mean) / len(rows[-1])
            continue
        rows.append([line])
        mean = at
    return [sorted(r, key=attrgetter("x0")) for r in rows], tilted


# -- rows ---------------------------------------------------------------------------------------
_SKIP = re.compile(
    r"opening\s*bal|closing\s*bal|brought\s*f(?:or)?w(?:ar)?d|carried\s*f(?:or)?w(?:ar)?d|"
    r"\bb\s*/\s*f\b|\bc\s*/\s*f\b|\btotal\b|page\s*(?:no)?\.?\s*:?\s*\d+(?:\s*of\s*\d+)?|"
    r"statement\s*of\s*account|account\s*statement|end\s*of\s*statement|computer\s*generated|"
    r"statement\s*summary|grand\s*total", re.I)


_DECIMAL_MARK = re.compile(r"\d[.,]|[.,]\d")
_BARE_INTEGER = re.compile(r"\d{1,12}")
#: a date cell that does not read as a date but looks like one ("12/0S/2021", "1O Apr")
_DATE_LIKE = re.compile(r"\d[/\-.]+\d|\d\s*[A-Za-z]{3}|\d[/\-.][A-Za-z]{1,3}[/\-.]\d")


def _numeric(text: str) -> bool:
    """Mostly digits: an amount OCR damaged ("30..119(01)") still sits in an amount column."""
    t = text.strip()
    return (len(t) >= 4 and bool(_DECIMAL_MARK.search(t))
            and sum(ch.isdigit() for ch in t) >= 0.5 * len(t) and not find_any_dates(t))


class _Columns:
    """A page's columns and what placing each cell asks of them, worked out once per page (a
    60-page statement places 17,000 cells)."""

    def __init__(self, cols: list[Column], tol: float) -> None:
        self.cols = cols
        self.bounds = [(c.x0, c.x1) for c in cols]
        #: a text cell goes to the last column whose left edge (less a margin) it reaches
        self.text_edges = [(c.x0 - 1.2 * tol, c.kind) for c in cols]
        self.amounts = [i for i, c in enumerate(cols) if c.kind in AMOUNT_KINDS]
        self.order = {c.kind: i for i, c in enumerate(cols)}
        self.has_desc = "desc" in self.order


def _assign(table: _Columns, tok: str, x0: float, x1: float, tol: float) -> tuple[str, float]:
    """The column kind of one cell; for amounts also the margin to the next column's edge."""
    cols = table.cols
    if table.amounts and (money_token(tok) or _numeric(tok)):
        first = table.amounts[0]
        for i in table.amounts:
            if i + 1 == len(cols) or x1 <= cols[i + 1].x0 + tol:
                if i == first and x1 < cols[i].x0 - 6 * tol and i > 0 \
                        and cols[i - 1].kind not in AMOUNT_KINDS:
                    break  # far left of the amount columns: a number in the text
                limit = cols[i + 1].x0 if i + 1 < len(cols) else 1e9
                return cols[i].kind, limit - x1
    best = cols[0].kind
    for edge, kind in table.text_edges:
        if edge <= x0:
            best = kind
    return best, 1e9


def _spans(table: _Columns, x0: float, x1: float) -> bool:
    """Does a line cover more than one column (a merged run that must be cut)?"""
    inside = 0
    for c0, c1 in table.bounds:
        if (x1 if x1 < c1 else c1) - (x0 if x0 > c0 else c0) > 0:  # they overlap
            inside += 1
            if inside > 1:
                return True
    return False


def _cells(table: _Columns, row: list[TextLine], tol: float) -> tuple[dict, float]:  # type: ignore[type-arg]
    cells: dict[str, list[tuple[str, float, float]]] = {}
    margin = 1e9
    cols, order = table.cols, table.order
    for line in row:
        parts: list[tuple[str, float, float]]
        text = clean_text(line.text)
        if not text:
            continue
        if text != line.text:
            line = TextLine(text, line.score, line.box, line.page, line.source, line.words)
        if _spans(table, line.x0, line.x1):
            parts = join_tokens(tokens(line))
            if not line.words:  # OCR glues neighbouring cells; a text layer's words are exact
                parts = split_glued(parts, cols, tol)
        else:
            parts = [(line.text, line.x0, line.x1)]
        if line.source != "pdf":
            parts = [(amount_lookalikes(t), a, b) for t, a, b in parts]
        last = -1
        for text, a, b in parts:
            kind, m = _assign(table, text, a, b, tol)
            if blank(text) and (text.strip() in ("nan", "NaN") or kind != "desc" or len(parts) == 1):
                continue  # an empty cell: "-", or a spreadsheet export's "nan"
            if len(parts) > 1 and kind in _TEXT_KINDS and order.get(kind, 0) < last \
                    and cols[last].kind in _TEXT_KINDS:
                kind = cols[last].kind  # a merged run reads left to right: no going back
            last = max(last, order.get(kind, 0))
            if len(parts) > 1 and kind in ("date", "vdate") and table.has_desc \
                    and not find_any_dates(text):
                kind = "desc"  # a merged run: words after the date belong to the narration
            margin = min(margin, m)
            cells.setdefault(kind, []).append((text, a, b))
            if len(parts) > 1 and kind == "desc":
                cells.setdefault("_cut", [])
    return cells, margin


def _first_date(cells: dict, kind: str) -> str | None:  # type: ignore[type-arg]
    for t, _, _ in cells.get(kind, []):
        found = find_any_dates(t)
        if found:
            return found[0]
    return None


def parse_table(lines: list[TextLine]) -> tuple[list[Row], list[list[TextLine]]]:
    """Every transaction row on every page, and the header bands' lines (to ignore elsewhere)."""
    rows_out: list[Row] = []
    headers: list[list[TextLine]] = []
    cols: list[Column] | None = None
    by_page: dict[int, list[TextLine]] = {}
    for ln in lines:  # one pass: a 60-page statement has 17,000 lines
        by_page.setdefault(ln.page, []).append(ln)
    for page in sorted(by_page):
        page_lines = by_page[page]
        rows, tilted = _group(page_lines)
        if not rows:
            continue
        rough = tilted or rough_page(page_lines)
        hs = sorted(ln.height for r in rows for ln in r)
        tol = max(hs[len(hs) // 2] * 0.6, 2.0)
        found = find_header(rows)
        start = 0
        if found:
            cols, first, last = found
            cols = complete_header(cols, rows, last)
            headers.append([ln for k in range(first, last + 1) for ln in rows[k]])
            start = last + 1
        if not cols:
            continue
        table = _Columns(cols, tol)
        body = rows[start:]
        placed = body
        if found and any(ln.source != "pdf" for ln in page_lines):
            header_y = sum(ln.cy for ln in headers[-1]) / len(headers[-1])
            placed = straighten_rows(body, header_y, min_drift=tol) or body
        entries: list[Entry] = []
        if found:
            edge = max(ln.y1 for ln in headers[-1])
            entries.append(Entry("stop", edge, edge))  # nothing continues across the header
        for r, at in zip(body, placed):
            cells, margin = _cells(table, at, tol)
            date = _first_date(cells, "date") or _first_date(cells, "vdate")
            # a bare integer ("2000") in an amount column is an amount too
            money = {k: any((money_token(t) and not blank(t)) or _BARE_INTEGER.fullmatch(t.strip())
                            for t, _, _ in cells.get(k, [])) for k in AMOUNT_KINDS}
            top, bottom = min(ln.y0 for ln in at), max(ln.y1 for ln in at)
            desc_text = " ".join(t for t, _, _ in cells.get("desc", []))
            garbled_date = any(_DATE_LIKE.search(t) and not money_token(t)
                               for t, _, _ in cells.get("date", []))
            starts = (date and (any(money.values()) or (found and cells.get("desc")))) or (
                garbled_date and money["balance"]
                and (money["debit"] or money["credit"] or money["amount"]))
            unglue(cells)
            # an opening row printed with its amount in a debit or credit column is a row as
            # printed (statement exports list it); with a balance alone it is not a transaction
            brought_in = bool(OPENING_ROW.search(desc_text)) and (
                money["debit"] or money["credit"] or money["amount"])
            if starts and (brought_in or not _SKIP.search(desc_text)) and not _SKIP.search(
                    " ".join(t for t, _, _ in cells.get("date", []))):
                row = Row(page, list(r), cells, [t for t, _, _ in cells.get("desc", [])],
                          margin, "_cut" in cells, rough)
                entries.append(Entry("txn", top, bottom, txn=row))
                continue
            only_text = set(cells) <= {"desc", "ref", "_cut"} and "desc" in cells
            if only_text and not date and not _SKIP.search(" ".join(ln.text for ln in r)):
                entries.append(Entry("wrap", top, bottom, list(r),
                                     [t for t, _, _ in cells["desc"]], cells.get("ref", []),
                                     "_cut" in cells))
            else:
                entries.append(Entry("stop", top, bottom))
        for k, above, below in attach_wraps(entries, 2.2 * tol / 0.6):
            row = entries[k].txn
            assert row is not None
            row.desc = [t for e in above for t in e.desc] + row.desc + [
                t for e in below for t in e.desc]
            row.lines = [ln for e in above for ln in e.lines] + row.lines + [
                ln for e in below for ln in e.lines]
            for e in above + below:
                row.cut = row.cut or e.cut
                for t in e.refs:
                    row.cells.setdefault("ref", []).append(t)
            rows_out.append(row)
    return rows_out, headers
