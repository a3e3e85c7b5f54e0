"""Label/value forms: find a printed label, then its value beside it, after it or under it.

Certificates (GST REG-06, Udyam, Shops and Establishments) print their fields as a table of
``label | value`` rows, as ``Label: value`` lines, or as cells with the label above the value;
long values (addresses) wrap onto further lines in the value column, and long labels wrap in the
label column. A scan yields one OCR box per text run (sometimes label and value merged into one
box); a digital PDF yields one box per text run of its text layer. :func:`read_value` handles all
of these on a :class:`~kagaz.text.layout.Layout`:

1. the label must start its line (after numbering such as "4." or a Hindi/Marathi label and a
   "/"), possibly wrapped onto the next line of its cell ("Postal Address of the" /
   "Establishment"); the text after it on the same line is the value when there is any;
2. when a label in another script (Marathi, Hindi) is printed over the English one, the box
   right of that label on the row above (also beside a bare row number, or nothing, on a page
   printed that way throughout);
3. else the boxes to its right (overlapping it vertically), up to the next label;
4. else the box under it, left-aligned with it, when that row holds no other label.

``multiline`` collects the continuation lines of the value column below, until a row that holds
another label, a row number or any text in the label column other than the label's own wrapped
words, a gap, or the page's end. Labels the OCR garbled ("Legal Mane") are found by
:class:`~kagaz.doctypes.form_labels.Labels` when the regexes find nothing; values are cleaned up
into fields by :mod:`~kagaz.doctypes.form_values`.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "1. Legal Name: RAVI TRADERS\\nConstitution of Business\\nProprietorship"))
>>> labels = re.compile(r"LEGAL\\s*NAME|CONSTITUTION", re.I)
>>> read_value(lay, re.compile(r"LEGAL\\s*NAME", re.I), labels).text
'RAVI TRADERS'
>>> read_value(lay, re.compile(r"CONSTITUTION(?:\\s*OF\\s*BUSINESS)?", re.I), labels).text
'Proprietorship'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kagaz.doctypes.form_labels import Labels
from kagaz.model import TextLine
from kagaz.text.layout import Layout

__all__ = ["FormValue", "label_match", "read_value", "region", "rows_of", "strip_value"]

_SEP = re.compile(r"^[\s:;|.\-–—=)>»/*]+")
_TAIL = re.compile(r"[\s:;|=]+$")
_NUMBERING = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]?|\(?[a-z][.)]|[ivx]{1,4}[.)])\s*$", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass
class FormValue:
    """A value read after its label: the text, the lines it came from, and how it was found."""

    text: str
    lines: list[TextLine] = field(default_factory=list)
    label: TextLine | None = None
    how: str = "inline"  # "inline", "right", "above", "below"
    parts: list[str] = field(default_factory=list)  # the text taken from each line

    @property
    def score(self) -> float:
        return min((ln.score for ln in self.lines), default=0.0)

    @property
    def line(self) -> TextLine | None:
        return self.lines[0] if self.lines else None


def strip_value(text: str) -> str:
    """Remove separators a form prints between label and value (":", "-", "|") and spaces."""
    return _TAIL.sub("", _SEP.sub("", text)).strip()


def label_match(text: str, label: re.Pattern[str]) -> re.Match[str] | None:
    """``label`` at the start of ``text``: only numbering, non-Latin text (a Hindi or Marathi
    label) or a "/" may come before it."""
    for m in label.finditer(text):
        pre = text[: m.start()]
        if not _LATIN.search(pre) or re.search(r"[/|]\s*$", pre) or _NUMBERING.match(pre):
            return m
        if len(pre.strip()) <= 3:
            return m
    return None


def rows_of(layout: Layout) -> list[list[TextLine]]:
    """Lines grouped into rows (same page, centres within half a line height), top down."""
    rows: list[list[TextLine]] = []
    for line in layout:
        if rows:
            ref = rows[-1][0]
            tol = max(min(ref.height, line.height) * 0.5, 1.0)
            if ref.page == line.page and abs(line.cy - ref.cy) <= tol:
                rows[-1].append(line)
                continue
        rows.append([line])
    return rows


@dataclass(frozen=True)
class _Stop:
    rx: re.Pattern[str]
    labels: Labels | None = None

    def finditer(self, text: str):  # type: ignore[no-untyped-def]
        return self.rx.finditer(text)


class _End:
    """A stand-in for a regex match: where a fuzzily read label ends."""

    def __init__(self, end: int) -> None:
        self._end = end

    def end(self) -> int:
        return self._end


def _is_label(line: TextLine, stop) -> bool:  # type: ignore[no-untyped-def]
    if label_match(line.text, stop) is not None:
        return True
    labels = getattr(stop, "labels", None)
    return labels is not None and labels.match(line.text) is not None


def read_value(
    layout: Layout,
    label: re.Pattern[str],
    stop: re.Pattern[str],
    *,
    multiline: int = 1,
    accept: re.Pattern[str] | None = None,
    skip: re.Pattern[str] | None = None,
    fuzzy: tuple[Labels, str] | None = None,
) -> FormValue | None:
    """The value of the first ``label`` whose value exists (and matches ``accept``).

    ``stop`` matches any label of the form (this one included): a value never runs into the next
    label. ``multiline`` is the most lines a value may span. Labels matching ``skip`` are ignored
    (e.g. "Residential address" when looking for the establishment's address). ``fuzzy`` =
    (labels, key): when the regex finds nothing, a garbled label read as ``key`` by
    :class:`Labels` is used, and any garbled label stops a value.
    """
    stops = _Stop(stop, fuzzy[0] if fuzzy is not None else None)
    found = _read(layout, label, stops, multiline, accept, skip, None)
    if found is None and fuzzy is not None:
        found = _read(layout, label, stops, multiline, accept, skip, fuzzy)
    return found


def _read(layout, label, stop, multiline, accept, skip, fuzzy):  # type: ignore[no-untyped-def]
    rows = rows_of(layout)
    row_of = {id(ln): i for i, row in enumerate(rows) for ln in row}
    source = label.pattern.upper()
    stacked = None
    for anchor in layout:
        m = label_match(anchor.text, label)
        wrapped = False
        first = _LATIN_WORD.search(anchor.text)
        if not m and len(anchor.text) < 60 and first and first.group(0).upper() in source:
            tail = _wrapped_tail(rows, row_of[id(anchor)], anchor, stop)
            if tail is not None:
                m = label_match(f"{anchor.text} {tail.text}", label)
                wrapped = bool(m and m.end() > len(anchor.text) + 1)
                m = m if wrapped else None
        if not m and fuzzy is not None:
            fm = fuzzy[0].match(anchor.text)
            m = _End(fm[1]) if fm and fm[0] == fuzzy[1] else None  # type: ignore[assignment]
        if not m or (skip is not None and skip.search(anchor.text)):
            continue
        if stacked is None:
            stacked = _stacked(layout, rows, row_of, stop)
        found = _value_for(layout, rows, row_of, anchor, m, stop, multiline, wrapped, stacked)
        if found is None or not found.text:
            continue
        if accept is not None and not accept.search(found.text):
            continue
        return found
    return None


def _cut_at_label(text: str, stop) -> str:  # type: ignore[no-untyped-def]
    for m in stop.finditer(text):
        if m.start() > 0 and re.search(r"(?:^|[\s|/])$", text[: m.start()]):
            return text[: m.start()]
    return text


def _wrapped_tail(rows, r, anchor, stop):  # type: ignore[no-untyped-def]
    """The rest of a label wrapped onto the next line of its cell ("Postal Address of the" /
    "Establishment"): a short line just below, in the label's column, that is no label itself."""
    if r + 1 >= len(rows):
        return None
    h = max(anchor.height, 1.0)
    for ln in rows[r + 1]:
        if (ln.page == anchor.page and -h * 0.4 <= ln.y0 - anchor.y1 < h * 1.2 and ln.x1 < anchor.x1 + h * 4
                and ln.x0 < anchor.x0 + h * 2 and len(ln.text) < 40
                and not _is_label(ln, stop) and _LATIN.search(ln.text)):
            return ln
    return None


def _value_for(layout, rows, row_of, anchor, m, stop, multiline,  # type: ignore[no-untyped-def]
               wrapped=False, stacked=False):
    rest = "" if wrapped else strip_value(_cut_at_label(anchor.text[m.end():], stop))
    if rest and _noise(rest):
        rest = ""  # the other script's half of a bilingual label, read as noise
    r = row_of[id(anchor)]
    h = max(anchor.height, 1.0)
    if rest:
        frac = m.end() / max(1, len(anchor.text))
        x0 = anchor.x0 + (anchor.x1 - anchor.x0) * frac
        first, how = [anchor], "inline"
        texts = [rest]
    else:
        right = []
        beside = [ln for ln in layout if ln is not anchor and ln.page == anchor.page
                  and ln.x0 >= anchor.x1 - h * 0.5
                  and min(ln.y1, anchor.y1) - max(ln.y0, anchor.y0) >= 0.5 * min(ln.height, h)]
        for ln in sorted(beside, key=lambda ln: ln.x0):
            if _is_label(ln, stop):
                break
            if strip_value(ln.text):  # not a lone ":" box
                right.append(ln)
        above = _above(rows, r, anchor, stop, loose=stacked)
        if above is not None and right and abs(right[0].x0 - above.x0) > h * 2:
            above = None
        if above is not None:
            first, how = [above], "above"
            texts = [strip_value(above.text)]
            x0 = above.x0
            r = row_of[id(above)]
        elif right:
            first, how = right, "right"
            texts = [strip_value(ln.text) for ln in right]
            x0 = right[0].x0
            r = max(r, row_of[id(right[0])])
        else:
            below = _below(rows, r, anchor, stop)
            if below is None:
                return None
            first, how = [below], "below"
            texts = [strip_value(below.text)]
            x0 = below.x0
            r = row_of[id(below)]
    lines = list(first)
    if multiline > 1:
        more = _continuation(rows, r, x0, max(ln.y1 for ln in first), h, stop, multiline - 1,
                             anchor, right_limit=_next_label_x(rows[r], x0, stop), first_text=texts[0])
        lines += more
        texts += [ln.text.strip() for ln in more]  # a wrapped "- 411001" keeps its dash
    text = " ".join(t for t in texts if t)
    return FormValue(re.sub(r"\s+", " ", text).strip(), lines, anchor, how, [t for t in texts if t])


def _next_label_x(row: list[TextLine], x0: float, stop) -> float:  # type: ignore[no-untyped-def]
    xs = [ln.x0 for ln in row if ln.x0 > x0 and _is_label(ln, stop)]
    return min(xs, default=float("inf"))


def _below(rows, r, anchor, stop):  # type: ignore[no-untyped-def]
    """The first line under ``anchor`` starting near its left edge, unless that row is a label row."""
    h = max(anchor.height, 1.0)
    for row in rows[r + 1 : r + 3]:
        if row[0].page != anchor.page or row[0].y0 - anchor.y1 > h * 2.2:
            return None
        near = [ln for ln in row if abs(ln.x0 - anchor.x0) < h * 2.5 and not _NUMBERING.match(ln.text)]
        if any(_is_label(ln, stop) for ln in near):
            return None
        if near:
            return min(near, key=lambda ln: abs(ln.x0 - anchor.x0))
    return None


def _above(rows, r, anchor, stop, loose=False):  # type: ignore[no-untyped-def]
    """A value on the row above, beside a non-Latin label printed over the English one
    ("आस्थापनेचे नाव" over "Name of the Establishment"). ``loose`` (a page printed that way
    throughout, see :func:`_stacked`) accepts any label cell that is no English label: the other
    script's label misread as Latin noise, only the row's number, or nothing read at all (lost,
    or drawn as an image in a PDF)."""
    if r == 0:
        return None
    row = rows[r - 1]
    h = max(anchor.height, 1.0)
    if row[0].page != anchor.page or anchor.y0 - max(ln.y1 for ln in row) > h * 1.2:
        return None
    left = [ln for ln in row if ln.x0 < anchor.x1 - h * 0.5]
    native = [ln for ln in left if not _NUMBERING.match(ln.text)]
    if any(_is_label(ln, stop) or not (_foreign(ln) or loose) for ln in native):
        return None
    if not native and not loose:
        return None
    right = [ln for ln in row if ln.x0 >= anchor.x1 - h * 0.5 and not _is_label(ln, stop)]
    return min(right, key=lambda ln: ln.x0) if right else None


def _stacked(layout, rows, row_of, stop) -> bool:  # type: ignore[no-untyped-def]
    """Whether the page prints each value beside the line *above* its English label (a Marathi
    or Hindi label over the English one): most labels have nothing beside them, and a value
    on the row above."""
    beside = above = 0
    for anchor in layout:
        if not label_match(anchor.text, stop.rx):
            continue
        h = max(anchor.height, 1.0)
        r = row_of[id(anchor)]
        if any(ln.x0 >= anchor.x1 - h * 0.5 and strip_value(ln.text) for ln in rows[r] if ln is not anchor):
            beside += 1
        elif r and anchor.y0 - max(ln.y1 for ln in rows[r - 1]) < h * 1.2 and any(
                ln.x0 >= anchor.x1 - h * 0.5 for ln in rows[r - 1]):
            above += 1
    return above >= 2 and above > beside


def _noise(text: str) -> bool:
    """Too few letters (in any script) to be a value: "|६व४७४४ 0 805॥655"."""
    chars = text.replace(" ", "")
    good = len(re.findall(r"[^\W\d_]|[0-9]", chars))  # letters of any script, ASCII digits
    return good < 0.55 * len(chars)


def _foreign(line: TextLine) -> bool:
    """Text in another script, or what the Latin reader made of it (low-score noise); never a
    line with a Latin word in it ("ng name / ॥8॥": an English label the Devanagari reader spoilt)."""
    if re.search(r"[A-Za-z]{3}", line.text):
        return False
    return any(ord(ch) > 0x2FF for ch in line.text) or line.score < 0.5


_DEVA = re.compile(r"[\u0900-\u097F]")
_DATE_ONLY = re.compile(r"^\s*[0-9]{1,2}\s*[/\-.]\s*[0-9]{1,2}\s*[/\-.]\s*[0-9]{2,4}\s*$")


def _continuation(rows, r, x0, bottom, h, stop, limit, anchor, right_limit,  # type: ignore[no-untyped-def]
                  first_text=""):
    """Lines below row ``r`` that continue a value starting at ``x0``."""
    out: list[TextLine] = []
    label_bottom = anchor.y1
    for row in rows[r + 1 :]:
        if len(out) >= limit or row[0].page != anchor.page:
            break
        top = min(ln.y0 for ln in row)
        if top - bottom > h * 1.3:
            break
        if any(ln is not anchor and _is_label(ln, stop) for ln in row):
            break
        if any(_NUMBERING.match(ln.text) and ln.x1 < x0 for ln in row):
            break  # the next numbered row of a table
        left = [ln for ln in row if ln.x1 < x0 - h * 0.5 and ln is not anchor]
        if any(ln.y0 - label_bottom > h * 1.0 or ln.x0 > anchor.x1 or _foreign(ln) or _DEVA.search(ln.text)
               for ln in left):
            break  # another row's label (or its Marathi/Hindi half), not the rest of this one
        label_bottom = max([label_bottom, *(ln.y1 for ln in left)])
        cont = [ln for ln in row if abs(ln.x0 - x0) < h * 1.5 and ln.x0 < right_limit]
        if not cont and all(ln.x1 < x0 for ln in row):
            bottom = max(ln.y1 for ln in row)  # the label's own line or its wrapped words: go on
            continue
        if not cont or (_DATE_ONLY.match(cont[0].text) and not _DATE_ONLY.match(first_text)):
            break  # nothing more in the value column, or the next row's date
        out.append(cont[0])
        bottom = max(bottom, cont[0].y1)
    return out


def region(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str], *,
           max_rows: int = 12) -> tuple[TextLine, list[list[TextLine]]] | None:
    """The first ``label`` line and the rows from its own down to (not including) the next row
    that holds another label: the cells of a table printed beside one label (Udyam's NIC codes,
    its address grid). On later rows, lines starting at the label's left edge (the label's own
    wrapped words) are left out."""
    rows = rows_of(layout)
    for i, row in enumerate(rows):
        anchor = next((ln for ln in row if label_match(ln.text, label)), None)
        if anchor is None:
            continue
        m = label_match(anchor.text, label)
        rest = strip_value(anchor.text[m.end():]) if m else ""
        first = [TextLine(rest, anchor.score, anchor.box, anchor.page, anchor.source)] if rest else []
        out = [first + [ln for ln in row if ln is not anchor and ln.x0 >= anchor.x0]]
        h = max(anchor.height, 1.0)
        for nxt in rows[i + 1 : i + 1 + max_rows]:
            if nxt[0].page != anchor.page or any(
                    _is_label(ln, stop) and ln.x0 < anchor.x1 for ln in nxt):
                break
            if any(_NUMBERING.match(ln.text) and ln.x1 < anchor.x1 - h for ln in nxt):
                break
            out.append([ln for ln in nxt if ln.x0 > anchor.x0 + h * 2])
        return anchor, [r for r in out if r]
    return None

