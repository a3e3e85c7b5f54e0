"""Bills and business letters read as tables and blocks: rows, columns, amounts, parties.

Shared by the invoice and delivery-order modules (and the sale deed's dates). Works the same on
text-layer lines (one rect per string) and OCR lines (one box per text run, sometimes several
cells merged, sometimes a cell split):

* :func:`rows_of`: visual rows, as chains of boxes that overlap their right-hand neighbour (the
  rows of a slightly tilted photograph stay whole);
* :func:`amount_in`, :func:`amount_after`: the amount in a text, or on a label's row;
* :func:`labelled_id`, :func:`labelled_date`, :func:`value_of_label`: a value on the label's
  line, to its right, or under it (Tally's boxes);
* :func:`find_gstins`, :func:`repair_gstin`: GSTINs with O/0-style repairs and their checksum;
* :func:`column_below`, :func:`address_of`, :func:`clean_party`: party blocks (a name, then its
  address lines until a GSTIN / phone / e-mail line);
* items tables (header roles, column spans, merged and continued rows; the amount in a column
  under a header) are read by :mod:`~kagaz.doctypes.billing_items`.

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
from kagaz.text.amounts import to_decimal
from kagaz.text.layout import Layout
from kagaz.text.repair import TO_DIGIT, TO_LETTER, coerce

__all__ = [
    "BRAND_LINE", "ONE", "Row", "address_of", "amount_after", "amount_in", "clean_party", "column_below",
    "date_in", "find_gstins", "fix_name", "fix_words", "labelled_date", "labelled_id", "name_conf",
    "repair_gstin", "row_text", "rows_of", "value_of_label",
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


#: Letters whose capital is the small letter drawn larger: OCR reads one for the other by size.
_SAME_SHAPE = "cosvwxz"


def fix_words(text: str) -> str:
    """Undo common OCR slips inside words: a zero among letters ("0il") is an O; a letter whose
    capital has the same shape is a capital before capitals ("oPC") and, in text whose other
    words are all capitalised, at its start ("office Chair Revolving").

    >>> fix_words("Sunflower 0il 15 litre Tin"), fix_words("Cement oPC 53 Grade")
    ('Sunflower Oil 15 litre Tin', 'Cement OPC 53 Grade')
    >>> fix_words("office Chair Revolving"), fix_words("office chair"), fix_words("sofa")
    ('Office Chair Revolving', 'office chair', 'sofa')
    """
    text = re.sub(r"(?<![\w])0(?=[a-z]{2,}\b)|(?<=[a-z])0(?=[a-z])", "O", text)
    text = re.sub(rf"(?<![\w])[{_SAME_SHAPE}](?=[A-Z]{{2,}}\b)", lambda m: m.group(0).upper(), text)
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) >= 3 and text[:1] in _SAME_SHAPE and all(w[0].isupper() for w in words[1:]):
        text = text[0].upper() + text[1:]
    return text


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

