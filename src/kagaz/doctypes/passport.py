"""Passport (Republic of India, Ministry of External Affairs; ICAO Doc 9303 TD3 data page).

What every Indian passport's data page prints (Passports Act 1967; ICAO Doc 9303 part 4, TD3):
"REPUBLIC OF INDIA", the type P, the country code IND, the passport number, surname and given
names, nationality, sex, dates of birth, issue and expiry, places of birth and issue, and the
two-line machine readable zone with its check digits. :func:`score` weighs the zone, the
issuer and the data page's labels, and declines letters and forms.

Layout notes: the data page names the issuer ("REPUBLIC OF INDIA", "भारत गणराज्य") and prints
bilingual labels with the value below each: "Type / प्रकार" P, "Country Code / देश कोड" IND,
"Passport No. / पासपोर्ट सं.", "Surname / उपनाम", "Given Name(s) / दिया गया नाम",
"Nationality / राष्ट्रीयता", "Sex / लिंग" (M/F), "Date of Birth / जन्म तिथि", "Place of Birth /
जन्म स्थान", "Place of Issue / जारी करने का स्थान", "Date of Issue / जारी करने की तिथि" and "Date
of Expiry / समाप्ति की तिथि"; then the two-line machine readable zone (see :mod:`kagaz.doctypes.mrz`).
A visa page (its zone starts with ``V``) is declined: it is not the holder's passport.

The number (MEA): one letter and seven digits, e.g. ``N4820613``. The MRZ is the authority for the
number, the dates of birth and expiry, the sex and (when the visual zone is unreadable) the name,
because its check digits catch misreadings; the visual zone alone carries the date and place of
issue and the place of birth. An adult's passport expires ten years less a day after issue.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> from kagaz.text.layout import Layout
>>> page = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "REPUBLIC OF INDIA\\nPASSPORT\\nPassport No.\\nN4820613\\nSurname\\nREDDY\\nGiven Name(s)\\n"
...     "LAKSHMI DEVI\\nDate of Issue\\n14/06/2019\\nP<INDREDDY<<LAKSHMI<DEVI<<<<<<<<<<<<<<<<<<<<\\n"
...     "N4820613<7IND9207259F2906139<<<<<<<<<<<<<<<6")])
>>> score(page) > 0.8
True
>>> f = extract(page, ExtractOptions())
>>> [f[k].value for k in ("passport_number", "name", "date_of_birth", "gender", "date_of_expiry")]
['N4820613', 'LAKSHMI DEVI REDDY', '25/07/1992', 'FEMALE', '13/06/2029']
>>> f["date_of_issue"].value, f["date_of_issue"].confidence_score >= 0.95  # fits the expiry
('14/06/2019', True)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from rapidfuzz import fuzz

from kagaz.doctypes import mrz as mrz_mod
from kagaz.doctypes.fields import DATE, GENDER, IDENTIFIER, PERSON, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.model import Field, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date, to_date
from kagaz.text.layout import Layout
from kagaz.text.names import clean_name, looks_like_name
from kagaz.text.repair import coerce

__all__ = ["CODE", "FIELDS", "extract", "score", "validate"]

CODE = "PASSPORT"
FIELDS = declare(
    passport_number=IDENTIFIER, name=PERSON, date_of_birth=DATE, place_of_birth=TEXT, gender=GENDER,
    date_of_issue=DATE, date_of_expiry=DATE, place_of_issue=TEXT,
)
NUMBER_PATTERN = "A9999999"

_O = r"[O0o]"
_ISSUER = re.compile(r"REPUBLIC\s*OF\s*INDIA|भारत\W*गणराज्य", re.IGNORECASE)
_PASSPORT = re.compile(r"PASS\s*PORT|पासपोर्ट", re.IGNORECASE)
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
_OTHER_DOC = re.compile(
    r"INCOME\s*TAX|AADHAAR|UNIQUE\s*IDENTIFICATION|ELECTION\s*COMMISSION|ELECTOR|DRIVING|LICEN[CS]E|"
    r"(?<![A-Z])VISA(?![A-Z])|INVOICE|\bRATION\b|REGISTRATION|CERTIFICATE",
    re.IGNORECASE,
)
_PLACE = re.compile(r"[A-Z][A-Za-z .,'()\-]{2,40}")

# Places of birth read "CITY, STATE": states of two or more words, which OCR runs together.
_STATES = {n.replace(" ", ""): n for n in (
    "ANDHRA PRADESH", "ARUNACHAL PRADESH", "HIMACHAL PRADESH", "MADHYA PRADESH", "UTTAR PRADESH",
    "TAMIL NADU", "WEST BENGAL", "JAMMU AND KASHMIR", "NEW DELHI", "ANDAMAN AND NICOBAR ISLANDS",
    "DADRA AND NAGAR HAVELI", "DAMAN AND DIU")}
_SPACED = re.compile("|".join(r"\s*".join(n) for n in sorted(_STATES, key=len, reverse=True)), re.IGNORECASE)

Label = tuple[str, TextLine, int, int]  # key, line, start and end of the label in the line's text


def _labels(layout: Layout) -> list[Label]:
    """Every label on the page; a line without an exact one may carry a misread one (fuzzy match
    against the labels not found exactly elsewhere; labels are title case, values upper case)."""
    out: list[Label] = []
    unlabelled = []
    for line in layout:
        hits = [(k, line, m.start(), m.end()) for k, rx in _LABEL_RX.items() for m in rx.finditer(line.text)]
        out += hits
        if not hits and re.search("[a-z]", line.text):
            unlabelled.append(line)
    found = {lab[0] for lab in out}
    for line in unlabelled:
        latin = re.sub(r"[^\x00-\x7f]", " ", line.text).lower()  # same positions as the text
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


def _labelled(  # type: ignore[no-untyped-def]
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


def _dates(text: str) -> list[tuple[str, float]]:
    return [(d, _at(m, text)) for m in DATE_RE.finditer(text) if (d := parse_date(m.group(0)))]


def _number(text: str) -> list[tuple[tuple[str, int], float]]:
    up = text.upper()
    found = ((coerce(m.group(1).replace(" ", ""), NUMBER_PATTERN), _at(m, up))
             for m in re.finditer(r"(?<![A-Z0-9<])([A-Z0-9]\s?[A-Z0-9]{7})(?![A-Z0-9<])", up))
    return [(f, at) for f, at in found if f]


def _name(text: str) -> list[tuple[str, float]]:
    s = clean_name(_rest(text))
    return [(s, 0.5)] if looks_like_name(s) and not re.search(r"\d|INDIAN", text) else []


def _place(text: str) -> list[tuple[str, float]]:
    s = re.sub(r"(?<=[A-Z]{3})\.(?=[A-Z]{2})", ",", re.sub(r"\s+", " ", _rest(text)))  # comma read as a dot
    s = re.sub(r"\s*,\s*", ", ", s).strip(" ,.")
    s = _SPACED.sub(lambda m: _respace(m.group(0), _STATES[re.sub(r"\s", "", m.group(0)).upper()]), s)
    if not _PLACE.fullmatch(s) or s.upper() in {"INDIAN", "IND"}:
        return []
    return [(s, 0.5)] if s.isupper() or sum(ch.isalpha() for ch in s) >= 4 else []


def _sex(text: str) -> list[tuple[str, float]]:
    up = _rest(text).upper()
    return [("MALE" if m.group(1)[0] == "M" else "FEMALE", _at(m, up))
            for m in re.finditer(r"(?<![A-Z])(M|F|MALE|FEMALE)(?![A-Z])", up)]


def _rows(layout: Layout) -> list[tuple[str, TextLine]]:
    """Each line, and each row of several lines joined (OCR may split a 44-character line)."""
    out, row = [], []  # type: ignore[var-annotated]
    for line in [*layout, None]:
        if row and (line is None or line.page != row[0].page or abs(line.cy - row[0].cy) > row[0].height * 0.5):
            if len(row) > 1:
                out.append(("".join(ln.text for ln in row), max(row, key=lambda ln: ln.x1 - ln.x0)))
            row = []
        if line is not None:
            out.append((line.text, line))
            row.append(line)
    return out


def _find_mrz(layout: Layout) -> tuple[mrz_mod.Mrz, TextLine, TextLine | None] | None:
    """The best-checking TD3 zone on the page: (parsed, line 2, line 1)."""
    rows = _rows(layout)
    best = None
    ones = [(t, ln) for t, ln in rows if mrz_mod.is_line1(t)]
    twos = [(t, ln) for t, ln in rows if mrz_mod.is_line2(t)]
    for text2, line2 in twos or [(None, None)]:  # line 2 unreadable: line 1 still names the holder
        above = [(t, ln) for t, ln in ones if line2 is None or (ln.page == line2.page
                 and 0 < line2.cy - ln.cy < max(line2.height, ln.height) * 4)]
        text1, line1 = max(above, key=lambda r: (r[1].cy, len(r[0]))) if above else (None, None)
        for pattern in (NUMBER_PATTERN + "<", "X" * 9):
            m = mrz_mod.parse(text1, text2, number_pattern=pattern)
            if m is None or (m.document_code and m.document_code != "P"):
                continue
            rank = (sum(m.checks.values()), line1 is not None, pattern != "X" * 9 and m.nationality == "IND")
            if best is None or rank > best[0]:
                best = (rank, (m, line2 or line1, line1))
    return best[1] if best else None


def score(layout: Layout) -> float | None:
    text = layout.text
    found = _find_mrz(layout)
    keys = {lab[0] for lab in _labels(layout)}
    s = 0.25 * bool(_ISSUER.search(text)) + 0.1 * bool(_PASSPORT.search(text)) + 0.15 * ("number" in keys)
    s += 0.06 * min(5, len(keys & {"surname", "given", "pob", "poi", "doi", "doe", "nationality"}))
    # A type-P zone whose every check digit holds, the composite included, is what ICAO 9303
    # puts on every passport's data page, whoever issued it; nothing else prints one.
    whole_zone = False
    if found:
        m, _, line1 = found
        s += 0.2 * (line1 is not None) + 0.05 * sum(m.checks.values())
        whole_zone = line1 is not None and len(m.checks) >= 5 and all(m.checks.values())
    if _OTHER_DOC.search(text):
        s -= 0.5
    if not whole_zone and (len(layout) > 40 or sum(len(ln.text.split()) >= 8 for ln in layout) >= 3):
        s -= 0.4  # a letter or a form that mentions a passport
    return max(0.0, min(1.0, s)) if s > 0 else None


def _merge(  # type: ignore[no-untyped-def]
    mrz_value, mrz_ok: bool, mrz_conf: float, confirms, viz=None, composite_ok=False
):
    """(value, confidence, from_mrz) from the MRZ's reading and the visual zone's (value, conf)."""
    if mrz_value is None:
        return (viz[0], viz[1], False) if viz else None
    if viz is None:
        return mrz_value, (min(mrz_conf, 0.95) if mrz_ok else min(mrz_conf, 0.5)), True
    if viz[0] == mrz_value:
        return mrz_value, max(mrz_conf, viz[1], 0.97 if mrz_ok else 0.9), True
    if mrz_ok:  # the check digits vouch for the MRZ; the visual zone was probably misread
        return mrz_value, min(mrz_conf, 0.85 if composite_ok else 0.6), True
    if confirms and confirms(viz[0]):  # the MRZ's own check digit vouches for the visual zone
        return viz[0], max(viz[1], 0.93), False
    return viz[0], min(viz[1], 0.7), False


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    labels = _labels(layout)
    found = _find_mrz(layout)
    m, mline = (found[0], found[1]) if found else (None, None)
    if m and m.nationality == "IND" and m.number and not re.fullmatch(r"[A-Z]\d{7}", m.number):
        m.checks["number"] = False

    def from_mrz(name: str, value: str | None, to_mrz: Callable[[str], str]):  # type: ignore[no-untyped-def]
        """The MRZ's value, whether its check passes, its confidence, and a test of a VIZ value."""
        if m is None or mline is None or not value:
            return None, False, 0.0, None
        ok = m.checks.get(name, False)
        conf = confidence(mline.score, checked=ok, repairs=min(2, m.fixes.get(name, 0)))
        if name in m.guessed:  # one check digit chose the repair: short of the visual zone's word
            conf = min(conf, 0.85)
        return value, ok, conf, lambda v: mrz_mod.check_digit(to_mrz(v)) == m.check_chars.get(name)

    def viz(key, find, rest_first=False):  # type: ignore[no-untyped-def]
        """((value, confidence), line) read beside the ``key`` label in the visual zone."""
        hit = _labelled(layout, labels, key, find, rest_first=rest_first)
        if hit is None:
            return None, None
        (value, repairs), line = (hit[0] if isinstance(hit[0], tuple) else (hit[0], 0)), hit[1]
        return (value, confidence(line.score, repairs=repairs)), line

    def put(key: str, merged, viz_line: TextLine | None) -> None:  # type: ignore[no-untyped-def]
        if merged:
            fields[key] = make_field(merged[0], merged[1], mline if merged[2] else viz_line)

    comp = bool(m and m.checks.get("composite"))
    hit, line = viz("number", _number, True)
    if hit is None:  # some pages print the number alone, unlabelled, at the top
        alone = [(f, ln) for ln in layout if re.fullmatch(r"\W*[A-Z0-9]\s?[A-Z0-9]{7}\W*", ln.text.upper())
                 for f, _ in _number(ln.text)]
        if len(alone) == 1:
            (value, repairs), line = alone[0]
            hit = (value, confidence(line.score, repairs=repairs, anchored=False))
    put("passport_number", _merge(*from_mrz("number", m and m.number, lambda v: (v + "<")[:9]), hit, comp), line)
    yymmdd = lambda v: dt.datetime.strptime(v, "%d/%m/%Y").strftime("%y%m%d")  # noqa: E731
    for key, label, attr in (("date_of_birth", "dob", "birth_date"), ("date_of_expiry", "doe", "expiry_date")):
        hit, line = viz(label, _dates, True)
        date = getattr(m, attr) if m else None
        put(key, _merge(*from_mrz(attr, date and date.strftime("%d/%m/%Y"), yymmdd), hit, comp), line)
    hit, line = viz("sex", _sex)
    if m and mline and m.sex in "MF":
        ok = sum(m.checks.values()) >= 3  # the zone is aligned and read: the sex letter is too
        msex = "MALE" if m.sex == "M" else "FEMALE"
        put("gender", _merge(msex, ok, confidence(mline.score) if ok else 0.7, None, hit, comp), line)
        if hit and hit[0] != msex:
            fields["gender"].confidence_score = min(fields["gender"].confidence_score, 0.6)
    elif hit:
        put("gender", (hit[0], hit[1], False), line)
    else:  # its label unreadable: the data page's only lone M or F is the sex
        lone = [(v, ln) for ln in layout if re.fullmatch(r"\W*(M|F|MALE|FEMALE)\W*", ln.text.upper())
                for v, _ in _sex(ln.text)]
        if len({v for v, _ in lone}) == 1:
            put("gender", (lone[0][0], confidence(lone[0][1].score, anchored=False), False), lone[0][1])
    _names(layout, labels, m, mline, fields)
    for key, label, find in (("date_of_issue", "doi", _dates), ("place_of_birth", "pob", _place),
                             ("place_of_issue", "poi", _place)):
        hit, line = viz(label, find, key == "date_of_issue")
        if hit and line is not None:
            conf = hit[1] if key == "date_of_issue" else confidence(line.score, free_text=True)
            fields[key] = make_field(hit[0], conf, line)
    if "place_of_issue" not in fields or "place_of_birth" not in fields:
        _places_by_order(layout, labels, m, fields)
    if "date_of_issue" not in fields or "date_of_expiry" not in fields:
        _dates_by_validity(layout, fields)
    _cross_check_dates(fields)
    return fields


def _dates_by_validity(layout: Layout, fields: dict[str, Field]) -> None:
    """Labels unreadable: the issue or expiry date is the printed date that is 10 (or 5) years
    less a day from the other; without either, the one pair of printed dates that fits so."""
    dates = [(v, ln) for ln in layout if not mrz_mod.is_line2(ln.text) for v, _ in _dates(ln.text)]
    doi, doe = fields.get("date_of_issue"), fields.get("date_of_expiry")
    starts = [(doi.value, None)] if doi else dates
    ends = [(doe.value, None)] if doe else dates
    pairs = [(a, b) for a in starts for b in ends if _fits(to_date(a[0]), to_date(b[0]))]
    if len(pairs) == 1:
        for key, (value, line) in zip(("date_of_issue", "date_of_expiry"), pairs[0]):
            if line is not None:
                fields[key] = make_field(value, confidence(line.score, anchored=False), line)


def _places_by_order(layout: Layout, labels: list[Label], m: mrz_mod.Mrz | None, fields: dict[str, Field]) -> None:
    """Labels unreadable: the data page prints the place of birth, then the place of issue,
    between the date of birth and the issue date; unclaimed upper-case places there fill them."""
    lines, dob = layout.lines, fields.get("date_of_birth")
    start = next((i for i, ln in enumerate(lines) if dob and dob.value in [d for d, _ in _dates(ln.text)]), None)
    if start is None:
        return
    end = next((i for i in range(start + 1, len(lines)) if _dates(lines[i].text)), len(lines))
    claimed = {f.bbox for f in fields.values()} | {lab[1].box for lab in labels}
    names = {re.sub(r"[^A-Z]", "", p) for p in ((m.surname, m.given_names) if m else ())}
    found = [(v, ln) for ln in lines[start + 1 : end] if ln.box not in claimed and ln.score >= 0.5
             and ln.text.isupper() and re.sub(r"[^A-Z]", "", ln.text) not in names for v, _ in _place(ln.text)]
    keys = [k for k in ("place_of_birth", "place_of_issue") if k not in fields]
    if len(keys) == 1:  # only the orphans on the missing one's side of the one found
        other = fields["place_of_issue" if keys[0] == "place_of_birth" else "place_of_birth"]
        pivot = next(i for i, ln in enumerate(lines) if ln.box == other.bbox)
        found = [f for f in found if (lines.index(f[1]) < pivot) == (keys[0] == "place_of_birth")]
    if len(found) == len(keys):
        for key, (value, line) in zip(keys, found):
            fields[key] = make_field(value, confidence(line.score, anchored=False, free_text=True), line)


def _names(layout: Layout, labels: list[Label], m: mrz_mod.Mrz | None, mline: TextLine | None,
           fields: dict[str, Field]) -> None:
    """Given names then surname as printed; the MRZ confirms them, or stands in when unreadable."""
    given, surname = (_labelled(layout, labels, k, _name, rest_first=False) for k in ("given", "surname"))
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


def _fits(issued: dt.date | None, expires: dt.date | None) -> bool:
    """Expiry is 10 years (adults) or 5 years (minors) less a day after issue."""
    if issued is None or expires is None:
        return False
    for years in (10, 5):
        try:
            end = issued.replace(year=issued.year + years) - dt.timedelta(days=1)
        except ValueError:  # issued on 29 February
            end = dt.date(issued.year + years, 2, 28)
        if end == expires:
            return True
    return False


def _cross_check_dates(fields: dict[str, Field]) -> None:
    """Issue and expiry that fit each other raise both confidences (a booster, never a source)."""
    doi, doe = fields.get("date_of_issue"), fields.get("date_of_expiry")
    if not (doi and doe):
        return
    if _fits(to_date(doi.value), to_date(doe.value)):
        doi.confidence_score = max(doi.confidence_score, min(0.97, doi.confidence_score + 0.06))
        doe.confidence_score = max(doe.confidence_score, min(0.97, doe.confidence_score + 0.1))
    else:
        doi.confidence_score = min(doi.confidence_score, 0.85)


def validate(fields: dict[str, Field]) -> list[str]:
    """Dates in order (birth < issue < expiry, expiry 5 or 10 years after issue), a plausible birth."""
    issues = []
    keys = ("date_of_birth", "date_of_issue", "date_of_expiry")
    dates = {k: d for k in keys if k in fields and (d := to_date(fields[k].value))}
    if "date_of_birth" in fields and not is_plausible_birth(fields["date_of_birth"].value):
        issues.append("date of birth is not plausible")
        fields["date_of_birth"].confidence_score = min(fields["date_of_birth"].confidence_score, 0.5)
    order = [k for k in keys if k in dates]
    for a, b in zip(order, order[1:]):
        if dates[a] >= dates[b]:
            issues.append(f"{a} is not before {b}")
            fields[b].confidence_score = min(fields[b].confidence_score, 0.6)
    if {"date_of_issue", "date_of_expiry"} <= set(dates) and not _fits(dates["date_of_issue"], dates["date_of_expiry"]):
        issues.append("date of expiry is not 5 or 10 years less a day after the date of issue")
    return issues
