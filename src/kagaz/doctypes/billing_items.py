"""Items tables of bills and delivery orders: the header's columns, the rows under it, and the
amount under a column header.

A header row is found by its column titles (:func:`header_cols`, :func:`find_tables`: a
description column, an amount-like column and a quantity, rate or HSN column); each title gets a
role and an x extent, split inside OCR boxes that merged several titles. :func:`parse_items`
reads the rows under it: cells go to the column whose span holds their centre (numbers sit
right-aligned under centred headers), OCR boxes holding several cells are cut
(:func:`split_box`), rows without an amount continue the item above (its HSN, a serial number,
more description), and the table ends at its "Total" / tax / round-off rows.
:func:`column_amount` reads one column's amount (the "Total" row's cell).
"""

from __future__ import annotations

import re
from decimal import Decimal
from statistics import median

from kagaz.doctypes.billing import Row, amount_in, fix_words, row_text
from kagaz.model import TextLine
from kagaz.text.amounts import parse_amount
from kagaz.text.layout import Layout
from kagaz.text.repair import coerce

__all__ = ["SERIAL_LABEL", "Col", "column_amount", "find_tables", "header_cols", "parse_items", "split_box"]

_HEAD = re.compile(
    r"(?P<taxable>Taxable(?:\s*(?:Value|Amount|Amt))?)|(?P<gross>Gross(?:\s*(?:Amount|Value))?)|"
    r"(?P<disc>Disc(?:ount)?s?\.?(?:\s*/\s*Coupons)?|/\s*Coupons)|"
    r"(?P<tax>[CSI]GST(?:\s*(?:Amt|Amount|Rate|%))?|Tax(?:\s*\(%\)|\s*Amount|\s*Amt|\s*Rate)?|GST\s*%?)|"
    r"(?P<total>Total)|(?P<hsn>HSN(?:\s*/\s*SAC)?(?:\s*Code)?|\bSAC\b)|(?P<qty>Qty\.?|Quantity|Qnty)|"
    r"(?P<rate>Unit\s*(?:Price|Cost|Rate)|Rate|Price)|(?P<amount>Amount|Amt\.?|Value)|"
    r"(?P<desc>Description(?:\s*of\s*(?:Goods|Services))?|Particulars|Title|"
    r"Product(?:\s*(?:Name|Description|Details))?|Items?(?:\s*(?:Name|Description))?|Goods)|"
    r"(?P<sl>\b(?:S|Sl|Sr)\.?\s*No\.?|\bSr\b|\bSl\b|\#)|(?P<per>\bper\b|\bUOM\b|\bUnit\b)",
    re.I)
_DESC_PREF = ("title", "description", "particulars", "item", "goods", "product")
SERIAL_LABEL = re.compile(
    r"\b(?:IMEI(?:\s*/\s*(?:Serial|SN|S/N)(?:\s*No\.?)?)?(?:\s*No\.?)?(?:\s*[-#]?\s*[12](?!\d))?"
    r"|S\s*/\s*N(?:o\.?)?|Serial\s*(?:No\.?|Number|#)|Sr\.?\s*No\.?|SL\s*No\.?)\s*[:.#\-]?\s*", re.I)


class Col:
    __slots__ = ("role", "name", "x0", "x1")

    def __init__(self, role: str, name: str, x0: float, x1: float) -> None:
        self.role, self.name, self.x0, self.x1 = role, name, x0, x1

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def header_cols(row: Row) -> list[Col]:
    """Column headers found on a row, with their x extents (split inside merged OCR boxes)."""
    cols: list[Col] = []
    # Two description headers are one column when one box holds both ("Item & Description"), or
    # when a word's gap apart ("Item" "Description"), measured against the row's usual box
    # height: one taller box ("Title" read 37 px high beside 30 px "Product") must not join a
    # "Product" and a "Title" column 110 px apart.
    height = median([ln.height for ln in row]) if row else 0.0
    last_box: TextLine | None = None  # the box the last column was read from
    for ln in row:
        n = max(len(ln.text), 1)
        if not _HEAD.search(ln.text) and re.fullmatch(r"[A-Za-z./ ]{2,12}", ln.text.strip()):
            cols.append(Col("unknown", ln.text.lower(), ln.x0, ln.x1))  # a header OCR garbled
            last_box = ln
        for m in _HEAD.finditer(ln.text):
            role = m.lastgroup or ""
            x0 = ln.x0 + (ln.x1 - ln.x0) * m.start() / n
            x1 = ln.x0 + (ln.x1 - ln.x0) * m.end() / n
            if cols and role == "desc" == cols[-1].role and (last_box is ln or x0 - cols[-1].x1 < height * 2):
                cols[-1] = Col("desc", cols[-1].name + " " + m.group(0).lower(), cols[-1].x0, x1)
                continue
            cols.append(Col(role, m.group(0).lower(), x0, x1))
            last_box = ln
    return cols


def find_tables(rows: list[Row]) -> list[tuple[int, list[Col]]]:
    """(row index, columns) of every items-table header: a description column, an amount-like
    column and a quantity, rate or HSN column."""
    out = []
    for i, row in enumerate(rows):
        cols = header_cols(row)
        roles = {c.role for c in cols}
        if "desc" in roles and roles & {"amount", "taxable", "total"} and roles & {"qty", "rate", "hsn"}:
            if i + 1 < len(rows) and not any(amount_in(ln.text, bare=False) for ln in rows[i + 1]):
                extra = [c for c in header_cols(rows[i + 1])  # a second header line
                         if not any(c.x0 < o.x1 and c.x1 > o.x0 for o in cols)]
                if extra and rows[i + 1][0].cy - row[0].cy < row[0].height * 2.2:
                    cols += extra
            out.append((i, sorted(cols, key=lambda c: c.cx)))
    return out


def _numeric(text: str) -> bool:
    t = re.sub(r"(?i)\b(?:nos?|pcs?|units?|kgs?|ltrs?|mtrs?|box|set|pair)\b\.?|₹|Rs\.?|[,\s]", "", text)
    return bool(t) and bool(re.fullmatch(r"[-(]*[\dOoIlSB.]+\)?%?", t)) and any(ch.isdigit() for ch in t)


def split_box(ln: TextLine) -> list[TextLine]:
    """An OCR box holding several table cells ("1 62,232.00") cut into one box per cell."""
    toks = [(m.start(), m.end(), m.group(0)) for m in
            re.finditer(r"\d[\d,]*\.\d\d(?=\d)|\S+", ln.text)]  # "14,769.383,69,234.50": two cells
    if len(toks) < 2:
        return [ln]
    kinds = ["num" if _numeric(t) else "text" for _, _, t in toks]
    for i in range(1, len(kinds) - 1):  # "Redmi Note 13 5G": a number inside text is text
        if kinds[i] == "num" and kinds[i - 1] == "text" and kinds[i + 1] == "text":
            kinds[i] = "text"
    groups: list[list[int]] = []
    for i, k in enumerate(kinds):
        unit = k == "text" and re.fullmatch(r"(?i)(?:nos?|pcs?|units?|kgs?|%)\.?", toks[i][2])
        if groups and (k == kinds[groups[-1][-1]] == "text" or unit):
            groups[-1].append(i)
        else:
            groups.append([i])
    if len(groups) < 2 or not any(kinds[g[0]] == "num" for g in groups):
        return [ln]
    n, w = max(len(ln.text), 1), ln.x1 - ln.x0
    return [TextLine(ln.text[toks[g[0]][0]:toks[g[-1]][1]], ln.score,
                     (ln.x0 + w * toks[g[0]][0] / n, ln.y0, ln.x0 + w * toks[g[-1]][1] / n, ln.y1),
                     ln.page, ln.source) for g in groups]


def column_amount(layout: Layout, rows: list[Row], label: re.Pattern[str]
                  ) -> tuple[Decimal, TextLine] | None:
    """An amount under a column header ``label``: the one on the table's "Total" row, else the
    only one. Cells are matched to the header by horizontal overlap (numbers are right-aligned
    under centred headers)."""
    for anchor in layout.find(label):
        row_i = next((k for k, r in enumerate(rows) if anchor in r), None)
        if row_i is None:
            continue
        head = [ln for ln in rows[row_i] if ln is not anchor]
        left = max((ln.x1 for ln in head if ln.x1 <= anchor.x0 + 1), default=None)
        right = min((ln.x0 for ln in head if ln.x0 >= anchor.x1 - 1), default=None)
        lo = (left + anchor.x0) / 2 if left is not None else anchor.x0 - anchor.height * 3
        hi = (anchor.x1 + right) / 2 if right is not None else anchor.x1 + anchor.height * 6
        cands: list[tuple[Decimal, TextLine, bool, float]] = []
        drift = 0.0  # a photographed page's columns drift sideways: follow the cells down
        for row in rows[row_i + 1: row_i + 25]:
            total = bool(re.search(r"\bTotal\b", row_text(row), re.I))
            best = None
            for ln in (part for box in row for part in split_box(box)):
                a, b = lo + drift, hi + drift
                share = (min(b, ln.x1) - max(a, ln.x0)) / max(ln.x1 - ln.x0, 1.0)
                share = share if a <= (ln.x0 + ln.x1) / 2 <= b else 0.0
                v = parse_amount(ln.text)
                if ln.page == anchor.page and share >= 0.3 and v is not None and re.search(r"[.,]\d", ln.text):
                    if best is None or share > best[3]:
                        best = (Decimal(v), ln, total, share)
            if best is not None:
                if cands:
                    drift += best[1].x1 - cands[-1][1].x1
                cands.append(best)
        totals = [c for c in cands if c[2]]
        if totals:
            return totals[0][0], totals[0][1]
        if len(cands) == 1:
            return cands[0][0], cands[0][1]
    return None


def _cells(box: TextLine, boundary: float) -> list[TextLine]:
    """``split_box``, but a number that stays inside the description column ("Pack of 4") is
    put back into the text before it."""
    parts = split_box(box)
    out: list[TextLine] = []
    for p in parts:
        if out and _numeric(p.text) and not _numeric(out[-1].text) and (p.x0 + p.x1) / 2 < boundary:
            q = out[-1]
            out[-1] = TextLine(f"{q.text} {p.text}", q.score, (q.x0, q.y0, p.x1, q.y1), q.page, q.source)
        else:
            out.append(p)
    return out


def _column(cols: list[Col], ln: TextLine) -> Col:
    """The column whose span holds the box's centre; a column spans from halfway to its left
    neighbour's header to halfway to its right neighbour's (numbers sit right-aligned under
    centred headers)."""
    cx = (ln.x0 + ln.x1) / 2
    for i, c in enumerate(cols):
        lo = (cols[i - 1].x1 + c.x0) / 2 if i else float("-inf")
        hi = (c.x1 + cols[i + 1].x0) / 2 if i + 1 < len(cols) else float("inf")
        if lo <= cx < hi:
            return c
    return cols[-1]


def _qty(text: str) -> str | None:
    m = re.search(r"\d+(?:\.\d+)?", text.replace(",", ""))
    if not m:
        return None
    d = Decimal(m.group(0))
    return str(int(d)) if d == d.to_integral() else str(d.normalize())


_STOP_START = re.compile(
    r"^\W*(?:Total|Sub\s*-?\s*Total|(?:Output\s*|Add\s*:?\s*)?[CSIU]\.?GST|Round|Taxable|Grand|Balance|"
    r"Amount\s*(?:Chargeable|in\s*words)|Less\b|Discount|Central\s*Tax|State\s*Tax|Integrated|"
    r"Net\s*(?:Amount|Total|Payable)|Freight|Packing)", re.I)


def parse_items(rows: list[Row], start: int, cols: list[Col]) -> list[tuple[dict, float]]:
    """Rows of the table under header ``start``: (item dict, confidence)."""
    descs = [c for c in cols if c.role == "desc"]
    desc = min(descs, key=lambda c: next((k for k, p in enumerate(_DESC_PREF) if p in c.name), 9))
    right = [c.x0 for c in cols if c.role != "desc" and c.x0 > desc.x1]
    boundary = (desc.x1 + min(right)) / 2 if right else float("inf")
    amount_role = next((r for r in ("taxable", "amount", "total") if any(c.role == r for c in cols)), "")
    items: list[tuple[dict, float, list[TextLine]]] = []
    head = rows[start]
    last_y, h = head[-1].y1, max(head[0].height, 1.0)
    for row in rows[start + 1:]:
        if row[0].page != head[0].page or row[0].y0 - last_y > h * 6:
            break
        if any(_STOP_START.match(ln.text) for ln in row if not _numeric(ln.text)):
            break
        cells: dict[str, list[TextLine]] = {}
        for ln in (part for box in row for part in _cells(box, boundary)):
            col = _column(cols, ln)
            if _numeric(ln.text) and col.role != "desc":
                role = col.role
            else:
                if ln.x0 >= boundary:
                    continue  # a unit ("Pcs") in its own column, a rule drawn as dashes
                at = [c for c in descs if c.x0 - h <= ln.x0]
                if (at[-1] if at else descs[0]) is not desc:
                    continue
                role = "desc"
            cells.setdefault(role, []).append(ln)
        amount = next((parse_amount(ln.text) for ln in cells.get(amount_role, [])), None)
        desc_text = fix_words(" ".join(ln.text for ln in cells.get("desc", [])).strip())
        if amount is None:
            if items and (desc_text or row) and row[0].y0 - last_y < h * 2.5:
                _continue_item(items[-1], desc_text, row)
                last_y = row[-1].y1
            continue
        serial = re.match(r"(\d{1,3})\s+(?=\S)", desc_text)
        if serial and int(serial.group(1)) == len(items) + 1 and "sl" not in cells:
            desc_text = desc_text[serial.end():]  # the row number, run into the description by OCR
        hsn = _hsn(" ".join(ln.text for ln in cells.get("hsn", [])))
        if hsn is None:
            hsn = next((v for ln in cells.get("unknown", []) if (v := _hsn(ln.text))), None)
        item = {
            "description": desc_text or None,
            "hsn": hsn,
            "quantity": _qty(" ".join(ln.text for ln in cells.get("qty", []))),
            "rate": next((parse_amount(ln.text) for ln in cells.get("rate", [])), None),
            "amount": amount,
        }
        items.append((item, min(ln.score for ln in row), list(row)))
        last_y = row[-1].y1
    return [(it, conf) for it, conf, _ in items]


def _hsn(text: str) -> str | None:
    m = re.search(r"(?<![\dA-Z])([\dOIl]{4,8})(?![\dA-Z])", text.replace(" ", ""))
    if not m:
        return None
    fixed = coerce(m.group(1), "9" * len(m.group(1)))
    return fixed[0] if fixed else None


def _continue_item(entry: tuple[dict, float, list[TextLine]], text: str, row: Row) -> None:
    """A row without an amount under an item: its HSN, a serial number, or more description."""
    item, full = entry[0], row_text(row)
    m = re.search(r"HSN(?:\s*/\s*SAC)?\s*(?:Code)?\s*[:.\-]?\s*([\dOIl]{4,8})\b", full, re.I)
    if m:
        item["hsn"] = item["hsn"] or _hsn(m.group(1))
        return
    if not text or SERIAL_LABEL.search(text) or re.search(
            r"\b(?:FSN|WID|SKU|Model\s*No|Batch|Warranty|HSN|SAC)\b|\bS(?:e|r)\w{0,4}\W{0,3}No\b|"
            r"[:#]\s*(?=[A-Z0-9-]*\d)[A-Z0-9-]{6,}", text, re.I):
        return  # a labelled code under the item ("Ser al.No: HC6K7873546"), not description
    item["description"] = f"{item['description'] or ''} {text}".strip()
    entry[2].extend(row)
