"""Where each field's value is printed: the page and box a review console draws.

Document modules name the line a value came from (:func:`kagaz.doctypes.base.make_field`); this
step, run once after every module has finished, makes that usable for every type alike:

* a value read from one part of a long line ("Name: RAVI KUMAR  DOB: 01/02/1990") gets the box
  of that part, estimated from the characters' widths;
* a value printed over several lines (an address) gets the union of those lines' boxes;
* a field built without a line (a total recomputed from the rows) gets the line where its value
  is printed, when it is printed, verbatim up to spacing and punctuation;
* each row of a list field (transactions, line items) gets the lines of that row.

A value that cannot be found keeps no box: a wrong box is worse than none for a reviewer.
Boxes stay in page pixels here; :meth:`kagaz.model.Field.wire` turns them into
fractions of the page.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from kagaz.imaging.redact import char_extent
from kagaz.model import BBox, Document, Field, TextLine, union_box
from kagaz.text.layout import sort_reading_order

__all__ = ["coverage", "locate"]

# Fields computed from the image or from several values: never look for them in the text
# ("ORIGINAL" is printed on many invoices, and is not where the quality flag came from).
_COMPUTED = frozenset({"document_quality_flag"})
_MAX_SPAN = 6  # lines one value may run over
_MIN_KEY = 4  # shorter values ("M", "12") are found too easily in unrelated places


def _keep(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def norm(text: str) -> str:
    """Letters and digits only, upper case: how a value and its printed line are compared.

    >>> norm("Rs. 1,234.50 /-")
    'RS123450'
    """
    return "".join(ch for ch in text.upper() if _keep(ch))


def _index(text: str) -> list[int]:
    """Positions in ``text`` of the characters :func:`norm` keeps."""
    return [i for i, ch in enumerate(text.upper()) if _keep(ch)]


def _part_of_line(line: TextLine, key: str) -> BBox | None:
    """The box of ``key``'s characters inside ``line``, or None when it is not there."""
    text = line.text
    start = norm(text).find(key)
    if start < 0:
        return None
    if len(key) * 10 >= len(norm(text)) * 9:  # (almost) the whole line: keep its box
        return line.box
    idx = _index(text)
    a, b = idx[start], idx[start + len(key) - 1] + 1
    x0, x1 = char_extent(line.box, text, a, b)
    pad = 0.15 * max(1.0, line.height)
    return (max(line.x0, x0 - pad), line.y0, min(line.x1, x1 + pad), line.y1)


def _span_from(lines: list[TextLine], i: int, key: str) -> BBox | None:
    """The union of lines ``i``, ``i+1``, ... (same page) whose joined text holds ``key``
    starting on line ``i``."""
    first = norm(lines[i].text)
    joined = first
    for j in range(i + 1, min(len(lines), i + _MAX_SPAN)):
        if lines[j].page != lines[i].page:
            break
        joined += norm(lines[j].text)
        at = joined.find(key)
        if 0 <= at < len(first):
            return union_box(lines[i : j + 1])
    return None


def _find(lines: list[TextLine], key: str, start: int = 0) -> tuple[int, BBox] | None:
    """The first line (from ``start``, reading order) that holds ``key``, alone or with the
    lines after it: (line index, box)."""
    for i in range(start, len(lines)):
        box = _part_of_line(lines[i], key)
        if box is not None:
            return i, box
    for i in range(start, len(lines)):
        if key[: min(len(key), 4)] in norm(lines[i].text):
            box = _span_from(lines, i, key)
            if box is not None:
                return i, box
    return None


def _scalar_key(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, str)):
        key = norm(str(value))
        return key or None
    return None


def _locate_field(name: str, fld: Field, lines: list[TextLine], where: dict[int, int]) -> None:
    key = _scalar_key(fld.value)
    if fld.bbox is not None and fld.page is not None:
        if key is None:
            return
        # Narrow to the value's part of its line, or widen to the lines it runs over.
        src = next((ln for ln in lines if ln.box == fld.bbox and ln.page == fld.page), None)
        if src is None:
            return
        part = _part_of_line(src, key)
        if part is not None:
            fld.bbox = part
        elif len(key) >= _MIN_KEY:
            span = _span_from(lines, where[id(src)], key)
            if span is not None:
                fld.bbox = span
        return
    if name in _COMPUTED or key is None or len(key) < _MIN_KEY:
        return
    found = _find(lines, key)
    if found is not None:
        i, box = found
        fld.page, fld.bbox = lines[i].page, box


def _row_keys(row: dict[str, Any]) -> list[str]:
    keys = {norm(str(v)) for k, v in row.items() if k != "confidence_score" and isinstance(v, str)}
    return sorted((k for k in keys if len(k) >= _MIN_KEY), key=len, reverse=True)


def _locate_rows(rows: list[Any], lines: list[TextLine]) -> list[tuple[int, BBox] | None]:
    """Each row's lines: found by its longest value, from where the previous row was found
    (rows are printed in order), plus the lines beside it that hold its other values."""
    out: list[tuple[int, BBox] | None] = []
    cursor = 0
    for row in rows:
        keys = _row_keys(row) if isinstance(row, dict) else []
        hit = None
        for key in keys:
            hit = _find_line(lines, key, cursor)
            if hit is not None:
                break
        if hit is None:
            out.append(None)
            continue
        anchor = lines[hit]
        band = 1.5 * max(anchor.height, 1.0)
        near = [
            ln
            for ln in lines[max(0, hit - 40) : hit + 40]
            if ln.page == anchor.page
            and abs(ln.cy - anchor.cy) <= band
            and any(k in norm(ln.text) for k in keys)
        ]
        out.append((anchor.page, union_box([anchor, *near])))
        cursor = hit + 1
    return out


def _find_line(lines: list[TextLine], key: str, start: int) -> int | None:
    for i in range(start, len(lines)):
        if key in norm(lines[i].text):
            return i
    return None


def locate(doc: Document) -> None:
    """Fill in, or sharpen, the page and box of every field of ``doc`` (in place)."""
    if not doc.fields:
        return
    lines = sort_reading_order(doc.lines)
    where = {id(ln): i for i, ln in enumerate(lines)}
    for name, fld in doc.fields.items():
        try:
            if isinstance(fld.value, list):
                if fld.rows is None and any(isinstance(r, dict) for r in fld.value):
                    rows = _locate_rows(fld.value, lines)
                    fld.rows = rows if any(rows) else None
                continue
            _locate_field(name, fld, lines, where)
        except Exception:  # noqa: BLE001 - a box is a convenience: never fail a reading for it
            continue


def coverage(file_data: dict[str, Any]) -> tuple[int, int]:
    """(fields with a box, fields) of one ``file_data``; a list field counts when its rows have
    boxes (all of them) or the field itself has one."""
    have = total = 0
    for key, fld in file_data.items():
        if key in ("document_type", "validations") or not isinstance(fld, dict):
            continue
        total += 1
        value = fld.get("value")
        if "bbox" in fld:
            have += 1
        elif isinstance(value, list) and value and all(
            isinstance(r, dict) and "bbox" in r for r in value
        ):
            have += 1
    return have, total
