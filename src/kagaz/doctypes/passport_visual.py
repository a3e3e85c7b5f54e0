"""The visual zone of an Indian passport's data page: its bilingual labels and the values under them.

Each label ("Passport No. / पासपोर्ट सं.", "Surname / उपनाम", "Date of Issue / जारी करने की
तिथि", ...) is found exactly, or fuzzily when the OCR garbled it (:func:`find_labels`); its value
is the row below it, nearest the label's column, or the text after it (:func:`labelled`), read
by a finder (:func:`find_number`, :func:`find_dates`, :func:`find_sex`, :func:`find_place`:
every reading in a text, with its position). When labels are unreadable, the page's printed
order stands in: the surname just before the given names (:func:`read_names`, which the MRZ
confirms or completes), the places of birth and issue between the date of birth and the issue
date (:func:`places_by_order`). The machine readable zone is read by :mod:`kagaz.doctypes.mrz`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from kagaz.doctypes import mrz as mrz_mod
from kagaz.doctypes.base import confidence, make_field
from kagaz.model import Field, TextLine
from kagaz.text.dates import DATE_RE, parse_date
from kagaz.text.layout import Layout
from kagaz.text.names import clean_name, looks_like_name
from kagaz.text.repair import coerce

__all__ = ["NUMBER_PATTERN", "Label", "find_dates", "find_labels", "find_number", "find_place", "find_sex",
           "labelled", "places_by_order", "read_names"]

#: The passport number (MEA): one letter and seven digits.
NUMBER_PATTERN = "A9999999"

_O = r"[O0o]"
# Each label: a pattern (OCR-tolerant English, or Hindi) and the English words for fuzzy matching.
_LABELS: dict[str, tuple[str, str | None]] = {
    "number": (rf"PASS\s*PORT\s*N{_O}|पासपोर्ट\W*(?:सं|नं)", "passport no"),
    "surname": (r"SU[RM]\s*N?AME|उपनाम", "surname"),
    "given": (r"GIVEN\s*NAME|दिया\W*गया", "given name"),
    "sex": (r"(?<![A-Z])SEX(?![A-Z])|लिंग", None),
    "dob": (rf"DATE\s*{_O}F\s*BIRTH|जन्म\W*(?:तिथि|की)|(?<![A-Z])DOB(?![A-Z])", "date of birth"),
    "pob": (rf"PLACE\s*{_O}F\s*BIRTH|जन्म\W*स्थान", "place of birth"),
    "poi": (rf"PLACE\s*{_O}F\s*ISSUE|जारी\W*करने\W*का", "place of issue"),
    "doi": (rf"DATE\s*{_O}F\s*ISSUE|जारी\W*करने\W*की", "date of issue"),
    "doe": (rf"DATE\s*{_O}F\s*EXP|समाप्ति", "date of expiry"),
    "nationality": (r"NATIONALITY|राष्ट्रीयता", "nationality"),
    "other": (r"(?<![A-Z])TYPE(?![A-Z])|COUNTRY\s*CODE|SIGNATURE|प्रकार|देश\W*कोड|FILE\s*N", "country code"),
}
_LABEL_RX = {k: re.compile(p, re.IGNORECASE) for k, (p, _) in _LABELS.items()}
# Any label at all: one search, where the labels' own searches cost eleven on every line.
_ANY_LABEL = re.compile("|".join(f"(?:{p})" for p, _ in _LABELS.values()), re.IGNORECASE)
_LOWER = re.compile("[a-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_PLACE = re.compile(r"[A-Z][A-Za-z .,'()\-]{2,40}")

# Places of birth read "CITY, STATE": states of two or more words, which OCR runs together.
_STATES = {n.replace(" ", ""): n for n in (
    "ANDHRA PRADESH", "ARUNACHAL PRADESH", "HIMACHAL PRADESH", "MADHYA PRADESH", "UTTAR PRADESH",
    "TAMIL NADU", "WEST BENGAL", "JAMMU AND KASHMIR", "NEW DELHI", "ANDAMAN AND NICOBAR ISLANDS",
    "DADRA AND NAGAR HAVELI", "DAMAN AND DIU")}
_SPACED = re.compile("|".join(r"\s*".join(n) for n in sorted(_STATES, key=len, reverse=True)), re.IGNORECASE)

Label = tuple[str, TextLine, int, int]  # key, line, start and end of the label in the line's text


def find_labels(layout: Layout) -> list[Label]:
    """Every label on the page; a line without an exact one may carry a misread one (fuzzy match
    against the labels not found exactly elsewhere; labels are title case, values upper case)."""
    out: list[Label] = []
    unlabelled = []
    for line in layout:
        hits = [] if not _ANY_LABEL.search(line.text) else [
            (k, line, m.start(), m.end()) for k, rx in _LABEL_RX.items() for m in rx.finditer(line.text)]
        out += hits
        if not hits and _LOWER.search(line.text):
            unlabelled.append(line)
    found = {lab[0] for lab in out}
    for line in unlabelled:
        latin = _NON_ASCII.sub(" ", line.text).lower()  # same positions as the text
        size = len(latin.strip())
        scored = sorted(
            ((fuzz.partial_ratio_alignment(w, latin), k) for k, (_, w) in _LABELS.items()
             if w and k not in found and 0.6 * len(w) <= size <= 2.5 * len(w) + 3),
            key=lambda r: -r[0].score,
        )
        if scored and scored[0][0].score >= 72 and (len(scored) == 1 or scored[0][0].score - scored[1][0].score >= 6):
            a = scored[0][0]
            out.append((scored[0][1], line, a.dest_start, a.dest_end))
    return out


def _rest(text: str) -> str:
    """What follows a label on its line, without its Hindi half and separators."""
    return re.sub(r"[\u0900-\u097F]+", " ", text).strip(" /:.-|\t")


def _value_lines(layout: Layout, anchor: TextLine, x: float, is_label: Callable[[TextLine], bool]) -> list[TextLine]:
    """The row just below a label (nearest the label's column first), then lines to its right."""
    below = [ln for ln in layout.below(anchor, max_lines=3) if ln.score >= 0.3 and ln.height <= 2.5 * anchor.height]
    row = []
    if below:
        first = min(below, key=lambda ln: ln.cy)
        row = sorted((ln for ln in below if abs(ln.cy - first.cy) < first.height * 0.6), key=lambda ln: abs(ln.x0 - x))
        if is_label(row[0]):
            row = []  # the next row holds labels: this label's value is on its own line, or absent
    return [ln for ln in row + layout.right_of(anchor) if not is_label(ln) and ln.score >= 0.3]


def labelled(  # type: ignore[no-untyped-def]
    layout: Layout, labels: list[Label], key: str, find: Callable[[str], list], *, rest_first: bool
):
    """(value, line) for the first ``key`` label with a value beside or below it that ``find`` reads.

    ``find`` returns (value, position) pairs, position being the match's centre as a fraction
    of the text; on a value line shared by two columns the one under the label is taken.
    """
    label_lines = {id(lab[1]) for lab in labels}
    is_label = lambda ln: id(ln) in label_lines  # noqa: E731
    for k, anchor, start, end in labels:
        if k != key:
            continue
        x = anchor.x0 + (anchor.x1 - anchor.x0) * start / max(1, len(anchor.text))
        stop = min([s for kk, ln, s, _ in labels if ln is anchor and s >= end] + [len(anchor.text)])
        cands = [(ln.text, ln) for ln in _value_lines(layout, anchor, x, is_label)]
        cands.insert(0 if rest_first else len(cands), (_rest(anchor.text[end:stop]), anchor))
        for text, line in cands:
            found = find(text) if text else None
            if found:
                where = 0.0 if line is anchor else (x - line.x0) / max(1.0, line.x1 - line.x0)
                return min(found, key=lambda f: abs(f[1] - where))[0], line
    return None


def _at(m: re.Match[str], text: str) -> float:
    return (m.start() + m.end()) / 2 / max(1, len(text))


def find_dates(text: str) -> list[tuple[str, float]]:
    return [(d, _at(m, text)) for m in DATE_RE.finditer(text) if (d := parse_date(m.group(0)))]


def find_number(text: str) -> list[tuple[tuple[str, int], float]]:
    up = text.upper()
    found = ((coerce(m.group(1).replace(" ", ""), NUMBER_PATTERN), _at(m, up))
             for m in re.finditer(r"(?<![A-Z0-9<])([A-Z0-9]\s?[A-Z0-9]{7})(?![A-Z0-9<])", up))
    return [(f, at) for f, at in found if f]


def _name(text: str) -> list[tuple[str, float]]:
    s = clean_name(_rest(text))
    return [(s, 0.5)] if looks_like_name(s) and not re.search(r"\d|INDIAN", text) else []


def find_place(text: str) -> list[tuple[str, float]]:
    s = re.sub(r"(?<=[A-Z]{3})\.(?=[A-Z]{2})", ",", re.sub(r"\s+", " ", _rest(text)))  # comma read as a dot
    s = re.sub(r"\s*,\s*", ", ", s).strip(" ,.")
    s = _SPACED.sub(lambda m: _respace(m.group(0), _STATES[re.sub(r"\s", "", m.group(0)).upper()]), s)
    if not _PLACE.fullmatch(s) or s.upper() in {"INDIAN", "IND"}:
        return []
    return [(s, 0.5)] if s.isupper() or sum(ch.isalpha() for ch in s) >= 4 else []


def find_sex(text: str) -> list[tuple[str, float]]:
    up = _rest(text).upper()
    return [("MALE" if m.group(1)[0] == "M" else "FEMALE", _at(m, up))
            for m in re.finditer(r"(?<![A-Z])(M|F|MALE|FEMALE)(?![A-Z])", up)]


def places_by_order(layout: Layout, labels: list[Label], m: mrz_mod.Mrz | None, fields: dict[str, Field]) -> None:
    """Labels unreadable: the data page prints the place of birth, then the place of issue,
    between the date of birth and the issue date; unclaimed upper-case places there fill them."""
    lines, dob = layout.lines, fields.get("date_of_birth")
    start = next((i for i, ln in enumerate(lines) if dob and dob.value in [d for d, _ in find_dates(ln.text)]), None)
    if start is None:
        return
    end = next((i for i in range(start + 1, len(lines)) if find_dates(lines[i].text)), len(lines))
    claimed = {f.bbox for f in fields.values()} | {lab[1].box for lab in labels}
    names = {re.sub(r"[^A-Z]", "", p) for p in ((m.surname, m.given_names) if m else ())}
    found = [(v, ln) for ln in lines[start + 1 : end] if ln.box not in claimed and ln.score >= 0.5
             and ln.text.isupper() and re.sub(r"[^A-Z]", "", ln.text) not in names for v, _ in find_place(ln.text)]
    keys = [k for k in ("place_of_birth", "place_of_issue") if k not in fields]
    if len(keys) == 1:  # only the orphans on the missing one's side of the one found
        other = fields["place_of_issue" if keys[0] == "place_of_birth" else "place_of_birth"]
        pivot = next(i for i, ln in enumerate(lines) if ln.box == other.bbox)
        found = [f for f in found if (lines.index(f[1]) < pivot) == (keys[0] == "place_of_birth")]
    if len(found) == len(keys):
        for key, (value, line) in zip(keys, found):
            fields[key] = make_field(value, confidence(line.score, anchored=False, free_text=True), line)


def read_names(layout: Layout, labels: list[Label], m: mrz_mod.Mrz | None, mline: TextLine | None,
           fields: dict[str, Field]) -> None:
    """Given names then surname as printed; the MRZ confirms them, or stands in when unreadable."""
    given, surname = (labelled(layout, labels, k, _name, rest_first=False) for k in ("given", "surname"))
    unlabelled = bool(given) != bool(surname)
    if unlabelled:  # one label unreadable: the surname is printed just before the given names
        given = given or _next_name(layout, labels, surname[1], 1)  # type: ignore[index]
        surname = surname or _next_name(layout, labels, given[1], -1)  # type: ignore[index]
    sq = lambda s: re.sub(r"[^A-Z]", "", s.upper())  # noqa: E731
    mg, ms = (m.given_names, m.surname) if m and (m.surname or m.given_names) else ("", "")
    same_g = bool(given and mg) and sq(given[0]).startswith(sq(mg))  # the MRZ may cut long names
    same_s = bool(surname and ms) and sq(surname[0]) == sq(ms)
    if same_g and given and sq(given[0]) == sq(mg):  # OCR drops spaces; the MRZ's "<" does not
        given = (_respace(given[0], mg), given[1])
    if same_s and surname:
        surname = (_respace(surname[0], ms), surname[1])
    got = [p for p in (given, surname) if p]
    if not got:
        if (mg or ms) and m is not None and mline is not None:
            conf = 0.85 if mg and ms and sum(m.checks.values()) >= 3 else 0.6
            fields["name"] = make_field(m.name, min(conf, mline.score), mline)
        return
    ocr = min(p[1].score for p in got)
    if given and surname:
        value = f"{given[0]} {surname[0]}"
        if same_g and same_s:
            conf = confidence(ocr, checked=True)
        else:
            conf = min(0.7 if (mg or ms) else 0.85 if unlabelled else 0.9, confidence(ocr, free_text=True))
    elif (same_g and ms) or (same_s and mg):  # one half read, the MRZ agrees and gives the other
        value = f"{given[0] if given else mg} {surname[0] if surname else ms}"
        conf = min(0.9, confidence(ocr, free_text=True))
    else:  # one half only: perhaps the holder has one name, perhaps the other half was missed
        value, conf = got[0][0], min(0.75, confidence(ocr, free_text=True))
        if mg or ms:
            conf = min(conf, 0.6)
    fields["name"] = make_field(value, conf, got[0][1])


def _next_name(layout: Layout, labels: list[Label], line: TextLine, step: int) -> tuple[str, TextLine] | None:
    """The name on the next readable line after (``step`` 1) or before (-1) ``line``, if not a label."""
    lines, given_labels = layout.lines, {id(lab[1]) for lab in labels if lab[0] == "given"}
    i = lines.index(line) + step
    while 0 <= i < len(lines):
        ln, i = lines[i], i + step
        if ln.score < 0.5 or re.search(r"[^\x00-\x7f]", ln.text) or (step < 0 and id(ln) in given_labels):
            continue  # an unreadable (Hindi) label, or the given names' own label
        found = _name(ln.text) if not any(lab[1] is ln for lab in labels) else []
        return (found[0][0], ln) if found else None
    return None


def _respace(printed: str, words: str) -> str:
    """``printed`` with the word breaks of ``words`` (the same letters), when it is letters only."""
    if not re.fullmatch(r"[A-Za-z ]+", printed):
        return printed
    letters, out = printed.replace(" ", ""), []
    for w in words.split():
        out.append(letters[: len(w)])
        letters = letters[len(w):]
    return " ".join(out)

