"""Labelled values that vehicle documents share: the registration mark, the chassis and engine
numbers, the owner's and the financier's names, dates, amounts.

The registration certificate, the RTO forms of the Central Motor Vehicles Rules and the motor
insurance certificate all print these under labels of their own wording ("Regn. No.",
"Registration mark", "Vehicle No."); the type modules pass their label patterns and stop words
and get back :class:`~kagaz.model.Field` values with their confidence. Names lose the honorifics
and the relation that follows them ("Shri RAVI KUMAR S/o SURESH" is "RAVI KUMAR"); a financier is
its name, without the branch address after the first comma.
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.form_values import loose_date
from kagaz.doctypes.forms import FormValue, read_value
from kagaz.doctypes.vehicle_numbers import find_registration, find_vin, registration_check
from kagaz.model import Field
from kagaz.text.amounts import find_amounts, parse_amount
from kagaz.text.dates import find_dates, parse_date
from kagaz.text.layout import Layout

__all__ = ["amount_field", "chassis_field", "date_field", "engine_field", "financier_field",
           "name_field", "person_name", "registration_field", "text_field"]

_I = re.IGNORECASE
_HONORIFIC = re.compile(r"^\s*(?:(?:SHRI|SHRIMATI|SMT|SRI|KUM(?:ARI)?|MR|MRS|MS|MISS|DR|M\s*/\s*S)\.?\s+)+", _I)
_RELATION = re.compile(r"\s*(?:,|\(|\b)\s*(?:[SDWC]\s*/\s*O\b|SON\s*OF|WIFE\s*OF|DAUGHTER\s*OF|"
                       r"SON\s*/\s*WIFE|S\s*/\s*W\s*/\s*D|AGED?\b|R\s*/\s*O\b|RESIDING|ADDRESS).*$", _I)
_BLANK = re.compile(r"^(?:-+|N\.?\s*A\.?|NIL|NONE|NOT\s*APPLICABLE|\.+|_+)$", _I)
# an Indian VIN (region code M) run into the word before it
_GLUED_VIN = re.compile(r"(?<=[A-Z])(M[A-HJ-NPR-Z][A-HJ-NPR-Z0-9]{15})(?![A-Z0-9])")
_CHASSIS_TOKEN = re.compile(r"(?<![A-Z0-9])([A-Z0-9][A-Z0-9\-/]{3,22}[A-Z0-9])(?![A-Z0-9])")


def _clean(text: str) -> str:
    text = re.sub(r"[^\x20-\x7E]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" :;,.-|_")


def text_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str], *,
               multiline: int = 1) -> Field | None:
    """The text after ``label`` as printed (spaces tidied), or None when blank."""
    v = read_value(layout, label, stop, multiline=multiline)
    if v is None:
        return None
    text = _clean(v.text)
    if len(re.findall(r"[A-Za-z0-9]", text)) < 2 or _BLANK.match(text):
        return None
    return make_field(text, confidence(v.score, free_text=True), v.line)


def person_name(text: str) -> str | None:
    """A name as printed, without honorifics and the relation or address after it."""
    s = _RELATION.sub("", _clean(text))
    s = _HONORIFIC.sub("", s)
    s = re.sub(r"[^A-Za-z&.'\- ]", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .-'")
    letters = sum(ch.isalpha() for ch in s)
    if letters < 3 or _BLANK.match(s) or len(s.split()) > 8:
        return None
    return s


def name_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str]) -> Field | None:
    """A person's (or a firm's) name after ``label``; under a label of a form's right-hand
    column, also the right part of a line the scan ran across both columns."""
    v = read_value(layout, label, stop, accept=re.compile(r"[A-Za-z]{2}"))
    name = person_name(v.text) if v else None
    if not name or v is None:
        return _straddled_name(layout, label)
    conf = confidence(v.score, free_text=True)
    if len(name.split()) == 1:
        conf = min(conf, 0.8)  # one word: words run together, or half a name
    return make_field(name, conf, v.line)


def _straddled_name(layout: Layout, label: re.Pattern[str]) -> Field | None:
    """The name under a label whose value line starts in the column to its left (OCR joined the
    left cell's value and this one's into one line): the line is cut where the label's column
    begins, at the nearest space (OCR gives no word boxes, so the cut is proportional)."""
    for anchor in layout:
        if not label.match(anchor.text.lstrip(" 0123456789.()")):
            continue
        h = max(anchor.height, 1.0)
        for line in layout.lines:
            if (line.page != anchor.page or not 0 <= line.y0 - anchor.y1 <= 2 * h
                    or not (line.x0 < anchor.x0 - 2 * h and line.x1 > anchor.x0 + 3 * h)):
                continue
            at = round((anchor.x0 - line.x0) / max(1.0, line.x1 - line.x0) * len(line.text))
            spaces = [i for i, ch in enumerate(line.text) if ch == " " and abs(i - at) <= 6]
            if not spaces:
                continue
            words = line.text[min(spaces, key=lambda i: abs(i - at)) + 1:].split()
            while words and re.search(r"[0-9]", words[0]):
                words.pop(0)  # the left cell's tail (a PIN code run into a word): no name has digits
            name = person_name(" ".join(words))
            if name and len(name.split()) >= 2:
                return make_field(name, min(0.75, confidence(line.score, free_text=True, anchored=False)), line)
        return None
    return None


def financier_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str]) -> Field | None:
    """The financier's name: the value up to its first comma (the branch address follows)."""
    v = read_value(layout, label, stop, accept=re.compile(r"[A-Za-z]{3}"))
    if v is None:
        return None
    name = _clean(re.split(r",|\s-\s", _clean(v.text))[0])
    name = _HONORIFIC.sub("", name)
    if len(re.findall(r"[A-Za-z]", name)) < 3 or _BLANK.match(name) or re.fullmatch(r"(?i)no|nil|none", name):
        return None
    return make_field(name, confidence(v.score, free_text=True), v.line)


def registration_field(layout: Layout, label: re.Pattern[str]) -> Field | None:
    """The registration mark, compact; a mark without a known state code is capped."""
    found = find_registration(layout, label)
    if not found:
        return None
    value, repairs, line, labelled = found
    ok = registration_check(value)["valid"]
    return make_field(value, confidence(line.score, checked=ok, repairs=repairs, anchored=labelled), line)


def chassis_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str]) -> Field | None:
    """The chassis number after its label: a VIN where one is printed, else the token as printed.

    Where no value is read beside the label (a scan that ran two columns' values into one line)
    but the page prints exactly one VIN, that VIN is the vehicle's (these documents describe one
    vehicle), returned unanchored; an Indian VIN (region code "M") run into the word before it
    counts, as a repair."""
    v = read_value(layout, label, stop, accept=re.compile(r"[0-9]"))
    got = _number_value(v, vin=True) if v is not None else None
    if got is not None or not any(label.search(line.text) for line in layout):
        return got
    vins = {}
    for line in layout:
        found = find_vin(line.text)
        glued = _GLUED_VIN.search(line.text.upper()) if not found else None
        if glued:  # "…SalemME4C11B57MG047357": the scan ran the VIN into the word before it
            found = (glued.group(1), 1)
        if found:
            vins.setdefault(found[0], (found[1], line))
    if len(vins) != 1:
        return None
    value, (repairs, line) = next(iter(vins.items()))
    return make_field(value, confidence(line.score, checked=True, repairs=repairs, anchored=False), line)


def engine_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str]) -> Field | None:
    """The engine (or motor) number as printed, without spaces."""
    v = read_value(layout, label, stop, accept=re.compile(r"[0-9]"))
    return _number_value(v, vin=False) if v else None


def _number_value(v: FormValue, *, vin: bool) -> Field | None:
    text = v.text.upper()
    if vin:
        joined = re.sub(r"(?<=[A-Z0-9])\s(?=[A-Z0-9])", "", text)
        found = find_vin(joined)
        if found:
            value, repairs = found
            return make_field(value, confidence(v.score, checked=True, repairs=repairs), v.line)
    m = _CHASSIS_TOKEN.search(re.sub(r"(?<=[A-Z0-9])\s(?=[0-9])", "", text))
    if not m or not re.search(r"[0-9]", m.group(1)):
        return None
    return make_field(m.group(1).replace("-", "").replace("/", ""), confidence(v.score), v.line)


def date_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str], *,
               index: int = 0) -> Field | None:
    """The ``index``-th date after ``label`` (``DD/MM/YYYY``): 'from … to …' holds two."""
    v = read_value(layout, label, stop, accept=re.compile(r"[0-9]{2}"))
    if v is None:
        return None
    dates = find_dates(v.text)
    if not dates and index == 0:
        d = parse_date(v.text) or loose_date(v.text)
        dates = [d] if d else []
    if len(dates) <= index:
        return None
    return make_field(dates[index], confidence(v.score), v.line)


def amount_field(layout: Layout, label: re.Pattern[str], stop: re.Pattern[str]) -> Field | None:
    """The amount after ``label`` as ``"123456.00"``."""
    v = read_value(layout, label, stop, accept=re.compile(r"[0-9]"))
    if v is None:
        return None
    text = v.text
    value = parse_amount(text) or next(iter(find_amounts(text)), None)
    if value is None:
        m = re.search(r"(?<![0-9])([0-9][0-9,]*(?:\.[0-9]{1,2})?)(?![0-9])", text)
        value = parse_amount(m.group(1)) if m else None
    if value is None or float(value) <= 0:
        return None
    return make_field(value, confidence(v.score), v.line)
