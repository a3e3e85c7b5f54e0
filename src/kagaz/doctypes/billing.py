"""Bills and business letters read as tables and blocks: rows, columns, amounts, parties.

Shared by the invoice and delivery-order modules (and the sale deed's dates). Works the same on
text-layer lines (one rect per string) and OCR lines (one box per text run, sometimes several
cells merged, sometimes a cell split):

* :func:`rows_of`: visual rows, as chains of boxes that overlap their right-hand neighbour (the
  rows of a slightly tilted photograph stay whole);
* :func:`amount_in`, :func:`amount_after`, :func:`column_amount`: the amount on a label's row,
  or in a column under a header (the "Total" row's cell);
* :func:`labelled_id`, :func:`labelled_date`, :func:`value_of_label`: a value on the label's
  line, to its right, or under it (Tally's boxes);
* :func:`find_gstins`, :func:`repair_gstin`: GSTINs with O/0-style repairs and their checksum;
* :func:`column_below`, :func:`address_of`, :func:`clean_party`: party blocks (a name, then its
  address lines until a GSTIN / phone / e-mail line);
* :func:`find_tables`, :func:`parse_items`: items tables (header roles, column spans, merged
  and continued rows).

>>> amount_in("CGST @ 9% 1,768.24"), amount_in("Round Off (-)0.40"), amount_in("IGST 18 %")
(Decimal('1768.24'), Decimal('-0.40'), None)
>>> date_in("Dated 6-Jan-24")
'06/01/2024'
>>> clean_party("M/s. Kaveri Distributors PrivateLimited,")
'Kaveri Distributors Private Limited'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from stdnum.in_ import gstin as stdnum_gstin

from kagaz.doctypes.billing_dates import date_in, labelled_date
from kagaz.model import TextLine
from kagaz.text.amounts import parse_amount, to_decimal
from kagaz.text.layout import Layout
from kagaz.text.repair import TO_DIGIT, TO_LETTER, coerce

__all__ = [
    "BRAND_LINE", "ONE", "Col", "Row", "SERIAL_LABEL", "address_of", "amount_after", "amount_in", "clean_party",
    "column_amount", "column_below", "date_in", "find_gstins", "find_tables", "fix_name", "fix_words",
    "header_cols", "labelled_date", "labelled_id", "name_conf", "parse_items", "repair_gstin",
    "row_text", "rows_of", "split_box", "value_of_label",
]

ONE = Decimal("1.00")

Row = list[TextLine]


def rows_of(layout: Layout) -> list[Row]:
    """Lines grouped into visual rows, left to right, rows top to bottom.

    A row is a chain of boxes, each overlapping its right-hand neighbour vertically by at least
    half a line: rows of a photographed page that tilt across the width stay whole.
    """
    rows: list[Row] = []
    for page in sorted({ln.page for ln in layout}):
        lines = sorted((ln for ln in layout if ln.page == page), key=lambda ln: ln.cy)
        cys = [ln.cy for ln in lines]
        parent = list(range(len(lines)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i, a in enumerate(lines):
            best, best_dx = None, float("inf")
            for j in range(bisect_left(cys, a.cy - 0.6 * a.height), bisect_right(cys, a.cy + 0.6 * a.height)):
                b = lines[j]
                if j == i or b.x0 < a.x1 - a.height or b.x0 - a.x1 >= best_dx:
                    continue
                overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
                if overlap >= 0.5 * min(a.height, b.height) and abs(a.cy - b.cy) < 0.6 * min(a.height, b.height):
                    best, best_dx = j, b.x0 - a.x1
            if best is not None:
                parent[root(best)] = root(i)
        groups: dict[int, Row] = {}
        for i, ln in enumerate(lines):
            groups.setdefault(root(i), []).append(ln)
        page_rows = sorted(groups.values(), key=lambda r: min(ln.cy for ln in r))
        rows.extend(sorted(r, key=lambda ln: ln.x0) for r in page_rows)
    return rows


def row_text(row: Row) -> str:
    return "  ".join(ln.text for ln in row)


def amount_in(text: str, *, bare: bool = True) -> Decimal | None:
    """The last money amount in ``text`` (percentages skipped); a bare integer if ``bare``.

    Tokens are read with :func:`kagaz.text.amounts.parse_amount`, which also takes OCR's
    "23.928.00" (a comma read as a dot) and "12,34O.5O".
    """
    text = re.sub(r"\(\s*-\s*\)\s*", "-", text)  # Tally's "(-)0.40"
    text = re.sub(r"[₹$€£]|\b(?:Rs|INR|USD|EUR|GBP|AUD|CAD|SGD|AED)(?![A-Za-z])\.?|/-", " ", text, flags=re.I)
    toks = text.split()
    money = r"-?\(?(?:\d[\dOo]*(?:[,.][\dOo]{2,3})*[,.][\dOo]{1,2}|\d[\dOo]{0,2}(?:,[\dOo]{2,3})+)\)?"
    plain = r"-?\d{1,9}"
    for want in ([money, plain] if bare else [money]):
        for i in range(len(toks) - 1, -1, -1):
            tok = toks[i].strip(",;:")
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if tok.endswith("%") or nxt.startswith("%") or not re.fullmatch(want, tok):
                continue
            value = to_decimal(tok)
            if value is not None:
                return value
    return None


def amount_after(rows: list[Row], label: re.Pattern[str], *, bare: bool = True,
                 pick: str = "first") -> tuple[Decimal, TextLine] | None:
    """The amount printed after ``label`` on its row (rightmost money on the row after it).

    ``pick`` chooses among several labelled rows: ``first``, ``last`` or ``max``.
    """
    found: list[tuple[Decimal, TextLine]] = []
    for row in rows:
        for i, line in enumerate(row):
            m = label.search(line.text)
            if not m:
                continue
            rest = [line.text[m.end():]] + [ln.text for ln in row[i + 1:]]
            value = amount_in("  ".join(rest), bare=bare)
            if value is not None:
                src = next((ln for ln in reversed(row[i:]) if amount_in(ln.text, bare=bare)), line)
                found.append((value, src))
            break
    if not found:
        return None
    if pick == "max":
        return max(found, key=lambda f: f[0])
    return found[-1] if pick == "last" else found[0]


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


_ID_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/\-_.]*\d[A-Za-z0-9/\-_]*|\d+")


def labelled_id(layout: Layout, label: re.Pattern[str], *, reach: float = 35
                ) -> tuple[str, TextLine, bool] | None:
    """A document number after ``label``: (value, line, on the label's own line); a value to
    the right is looked for up to ``reach`` line heights away."""
    for anchor in layout.find(label):
        m = label.search(anchor.text)
        rest = anchor.text[m.end():] if m else ""
        rest = re.sub(r"^[\s.:#\-]*(?:No\.?|Number)?[\s.:#\-]*", "", rest, flags=re.I)
        v = _ID_VALUE.match(rest)
        if v and date_in(v.group(0)) != v.group(0):
            return v.group(0).rstrip(".-/"), anchor, True
        if rest.strip():
            continue
        under = [ln for ln in layout.below(anchor, max_lines=3) if ln.x0 < anchor.x1 and ln.x1 > anchor.x0]
        for ln in [*layout.right_of(anchor, max_gap=anchor.height * reach)[:1], *under[:2]]:
            t = re.sub(r"^[\s:#\-]+", "", ln.text).split()
            if t and _ID_VALUE.fullmatch(t[0].rstrip(".")) and not date_in(t[0]):
                return t[0].rstrip(".-/"), ln, False
    return None


GSTIN_RE = re.compile(r"(?<![A-Z0-9])([0-9OIZSB]{2}[A-Z0-9]{10}[A-Z0-9][Z2][A-Z0-9])(?![A-Z0-9])")


def repair_gstin(raw: str) -> tuple[str, int, bool] | None:
    """(GSTIN, repairs, checksum ok) for a 15-character token, fixing O/0-style confusions."""
    fixed = coerce(raw[:12], "99AAAAA9999A")
    if fixed is None:
        return None
    head, repairs = fixed
    tail = raw[12] + "Z" + raw[14]
    repairs += raw[13] != "Z"
    value = head + tail
    if stdnum_gstin.is_valid(value):
        return value, repairs, True
    for i in (12, 14):  # alphanumeric positions: try the usual confusions
        ch = value[i]
        for alt in {TO_DIGIT.get(ch), TO_LETTER.get(ch)} - {None}:
            trial = value[:i] + alt + value[i + 1:]  # type: ignore[operator]
            if stdnum_gstin.is_valid(trial):
                return trial, repairs + 1, True
    return value, repairs, False


def find_gstins(layout: Layout) -> list[tuple[str, int, bool, TextLine]]:
    """Every GSTIN printed, in reading order: (value, repairs, checksum ok, line)."""
    out = []
    for line in layout:
        text = re.sub(r"(GSTIN|UIN|GST\s*NO\.?|GST)(?=\d)", r"\1 ", line.text.upper())
        text = re.sub(r"(?<=[A-Z0-9]) (?=[A-Z0-9]{1,3}\b)", "", text) if len(text) < 40 else text
        for m in GSTIN_RE.finditer(text):
            raw = m.group(1)
            if sum(ch.isalpha() for ch in raw[2:7] + raw[11]) < 3:
                continue  # mostly digits where the PAN has letters: an IMEI or an account number
            r = repair_gstin(raw)
            if r and r[1] <= 3 and r[0][:2] in stdnum_gstin._STATE_CODES:  # noqa: SLF001
                out.append((*r, line))
    return out


_PARTY_STOP = re.compile(
    r"GSTIN|\bGST\b|\bUIN\b|\bPh(?:one)?\b|\bMob(?:ile)?\b|\bTel\b|E-?mail|@|www\.|State\s*Name|"
    r"Invoice|\bBill\b|Order|Authori[sz]ed\s*Sign|\bPAN\b|\bCIN\b|Code\s*:|Place\s*of|Contact|"
    r"Challan|\bDate\b|Dated|Financ|\bDO\b|Loan|\bHSN\b|\bQty\b|Particulars|Description|\bItems?\b|"
    r"\bS\.?\s*No\b|\bSr\b|\bAmount\b|\bRate\b|Customer|Buyer|Ship\s*To|Consignee|Taxable|\bTotal\b|"
    r"\b[CSI]GST\b|Round\s*Off|(?-i:\b(?:ABN|VAT|TIN|EIN|TRN|BTW|KvK|SIRE[NT]|IBAN|BIC)\b)|\bTax\s*ID\b",
    re.I,
)
BRAND_LINE = re.compile(  # a dealer's "Authorised Dealer: A | B" line under its name
    r"Authori[sz]ed\s*Dealer|Dealers?\s*(?:in|of|for)\b|\||Deals\s*in|Since\s*\d", re.I)
_ADDRESS_LABEL = re.compile(r"^\s*(?:[\w.-]+\s+){0,2}?(?:Address|Addr\.?)\s*[:.\-]?\s*", re.I)


_SUFFIX = re.compile(r"(?<=[a-z])(?=(?:Private|Limited|Pvt|Ltd|LLP|Enterprises|Traders|Agencies|"
                     r"Electronics|Industries|Corporation|Company|Sons)\b)|(?<=[a-z])(?=&)|(?<=&)(?=[A-Z])")


def fix_words(text: str) -> str:
    """Undo a common OCR slip inside words: a zero among letters ("0il") is an O.

    >>> fix_words("Sunflower 0il 15 litre Tin")
    'Sunflower Oil 15 litre Tin'
    """
    return re.sub(r"(?<![\w])0(?=[a-z]{2,}\b)|(?<=[a-z])0(?=[a-z])", "O", text)


def fix_name(text: str) -> str:
    """:func:`fix_words`, and in a capitalised name a word that starts with a lower-case l
    ("Yogesh lyer") began with an I.

    >>> fix_name("Yogesh lyer"), fix_name("lyer")
    ('Yogesh Iyer', 'lyer')
    """
    text = fix_words(text)
    if re.search(r"\b[A-Z]", text):
        text = re.sub(r"(?<![\w'])l(?=[a-z]{2,}\b)", "I", text)
    return text


def name_conf(conf: float, name: str) -> float:
    """A name whose words look run together by OCR ("BalajiHardware", "ANNAPURNASUPERMART") is
    doubtful whatever the OCR score says."""
    return min(conf, 0.8) if re.search(r"[a-z][A-Z]|[A-Za-z]{15,}", name) else conf


def clean_party(text: str) -> str:
    """A business or person name as printed: no leading M/s, no trailing comma; a space put back
    before a business suffix OCR ran into the word before it ("PrivateLimited")."""
    s = re.sub(r"^\s*(?:M/s\.?|Messrs\.?)\s*", "", text, flags=re.I)
    s = _SUFFIX.sub(" ", fix_name(s))
    s = re.sub(r"\s+", " ", s).strip(" ,:;-")
    return re.sub(r"(?<![A-Z][a-z])(?<![A-Z][a-z][a-z])(?<![A-Z])\.$", "", s)  # "Limited." but "Ltd."


def column_below(layout: Layout, start: TextLine, *, max_lines: int = 5,
                 stop: re.Pattern[str] = _PARTY_STOP, first_gap: float = 1.6,
                 skip: re.Pattern[str] | None = None, cell: bool = False) -> list[TextLine]:
    """Lines under ``start`` in its column (horizontal overlap), until a stop word or a gap;
    lines matching ``skip`` (a dealer's brand list) are passed over. With ``cell`` (a value in
    a label/value grid) a row that has a new label to the left ends the value."""
    out: list[TextLine] = []
    prev = start
    h = max(start.height, 1.0)
    pool = [ln for ln in layout if ln.page == start.page and ln.cy > start.cy + h * 0.5
            and ln.x0 < start.x1 + h and ln.x1 > start.x0 - h * 0.5]
    pool.sort(key=lambda ln: (ln.y0, ln.x0))
    for ln in pool:
        gap = ln.y0 - prev.y1
        if gap > (first_gap * h if not out else max(prev.height, ln.height)):
            break
        if skip is not None and skip.search(ln.text) and not out:
            prev = ln
            continue
        if out and abs(ln.cy - out[-1].cy) < ln.height * 0.5:
            continue  # a second box on a row already taken: another column's value
        if stop.search(ln.text) or (cell and any(
                o.page == ln.page and o.x1 < start.x0 - h and abs(o.cy - ln.cy) < ln.height * 0.6
                for o in layout)):
            break
        out.append(ln)
        prev = ln
        if len(out) >= max_lines:
            break
    return out


def address_of(lines: list[TextLine]) -> str:
    """Address lines joined with ", " (labels and doubled commas removed)."""
    parts = [_ADDRESS_LABEL.sub("", ln.text).strip(" ,") for ln in lines]
    text = re.sub(r"\s+", " ", ", ".join(p for p in parts if p))
    return re.sub(r"\s*,(?:\s*,)+", ",", text).strip(" ,")


def value_of_label(layout: Layout, label: re.Pattern[str], *, below: bool = True
                   ) -> tuple[str, TextLine, bool] | None:
    """Free text after ``label``: on its line, else to its right, else the line under it."""
    for anchor in layout.find(label):
        m = label.search(anchor.text)
        rest = re.sub(r"^\s*(?:Name)?\s*[:.\-]*\s*", "", anchor.text[m.end():] if m else "", flags=re.I)
        if len(re.sub(r"[^A-Za-z]", "", rest)) >= 2:
            return rest.strip(), anchor, True
        right = layout.right_of(anchor, max_gap=anchor.height * 35)
        if right:
            return re.sub(r"^[\s:.\-]+", "", right[0].text), right[0], True
        if below:
            under = column_below(layout, anchor, max_lines=1, stop=re.compile(r"$^"))
            if under:
                return re.sub(r"^\s*(?:Name)\s*[:.\-]*\s*", "", under[0].text, flags=re.I), under[0], False
    return None


# -- items tables ------------------------------------------------------------------------------

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
    cols = []
    for ln in row:
        n = max(len(ln.text), 1)
        if not _HEAD.search(ln.text) and re.fullmatch(r"[A-Za-z./ ]{2,12}", ln.text.strip()):
            cols.append(Col("unknown", ln.text.lower(), ln.x0, ln.x1))  # a header OCR garbled
        for m in _HEAD.finditer(ln.text):
            role = m.lastgroup or ""
            x0 = ln.x0 + (ln.x1 - ln.x0) * m.start() / n
            x1 = ln.x0 + (ln.x1 - ln.x0) * m.end() / n
            if cols and role == "desc" == cols[-1].role and x0 - cols[-1].x1 < ln.height * 3:
                cols[-1] = Col("desc", cols[-1].name + " " + m.group(0).lower(), cols[-1].x0, x1)
                continue
            cols.append(Col(role, m.group(0).lower(), x0, x1))
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
