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
The labels and their values are read by :mod:`kagaz.doctypes.passport_visual`.
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

from kagaz.doctypes import mrz as mrz_mod
from kagaz.doctypes.fields import DATE, GENDER, IDENTIFIER, PERSON, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.passport_visual import (
    NUMBER_PATTERN, find_dates, find_labels, find_number, find_place, find_sex, labelled, places_by_order,
    read_names,
)
from kagaz.model import Field, TextLine
from kagaz.text.dates import is_plausible_birth, to_date
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "PASSPORT"
GROUP = "identity"
ORDER = 50
GENERATOR = "kagaz.synth.passport"
FIELDS = declare(
    passport_number=IDENTIFIER, name=PERSON, date_of_birth=DATE, place_of_birth=TEXT, gender=GENDER,
    date_of_issue=DATE, date_of_expiry=DATE, place_of_issue=TEXT,
)

_ISSUER = re.compile(r"REPUBLIC\s*OF\s*INDIA|भारत\W*गणराज्य", re.IGNORECASE)
_PASSPORT = re.compile(r"PASS\s*PORT|पासपोर्ट", re.IGNORECASE)
_OTHER_DOC = re.compile(
    r"INCOME\s*TAX|AADHAAR|UNIQUE\s*IDENTIFICATION|ELECTION\s*COMMISSION|ELECTOR|DRIVING|LICEN[CS]E|"
    r"(?<![A-Z])VISA(?![A-Z])|INVOICE|\bRATION\b|REGISTRATION|CERTIFICATE",
    re.IGNORECASE,
)


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
    kinds = [mrz_mod.zone_kinds(t) for t, _ in rows]
    ones = [row for row, (one, _) in zip(rows, kinds) if one]
    twos = [row for row, (_, two) in zip(rows, kinds) if two]
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
    keys = {lab[0] for lab in find_labels(layout)}
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
    labels = find_labels(layout)
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
        hit = labelled(layout, labels, key, find, rest_first=rest_first)
        if hit is None:
            return None, None
        (value, repairs), line = (hit[0] if isinstance(hit[0], tuple) else (hit[0], 0)), hit[1]
        return (value, confidence(line.score, repairs=repairs)), line

    def put(key: str, merged, viz_line: TextLine | None) -> None:  # type: ignore[no-untyped-def]
        if merged:
            fields[key] = make_field(merged[0], merged[1], mline if merged[2] else viz_line)

    comp = bool(m and m.checks.get("composite"))
    hit, line = viz("number", find_number, True)
    if hit is None:  # some pages print the number alone, unlabelled, at the top
        alone = [(f, ln) for ln in layout if re.fullmatch(r"\W*[A-Z0-9]\s?[A-Z0-9]{7}\W*", ln.text.upper())
                 for f, _ in find_number(ln.text)]
        if len(alone) == 1:
            (value, repairs), line = alone[0]
            hit = (value, confidence(line.score, repairs=repairs, anchored=False))
    put("passport_number", _merge(*from_mrz("number", m and m.number, lambda v: (v + "<")[:9]), hit, comp), line)
    yymmdd = lambda v: dt.datetime.strptime(v, "%d/%m/%Y").strftime("%y%m%d")  # noqa: E731
    for key, label, attr in (("date_of_birth", "dob", "birth_date"), ("date_of_expiry", "doe", "expiry_date")):
        hit, line = viz(label, find_dates, True)
        date = getattr(m, attr) if m else None
        put(key, _merge(*from_mrz(attr, date and date.strftime("%d/%m/%Y"), yymmdd), hit, comp), line)
    hit, line = viz("sex", find_sex)
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
                for v, _ in find_sex(ln.text)]
        if len({v for v, _ in lone}) == 1:
            put("gender", (lone[0][0], confidence(lone[0][1].score, anchored=False), False), lone[0][1])
    read_names(layout, labels, m, mline, fields)
    for key, label, find in (("date_of_issue", "doi", find_dates), ("place_of_birth", "pob", find_place),
                             ("place_of_issue", "poi", find_place)):
        hit, line = viz(label, find, key == "date_of_issue")
        if hit and line is not None:
            conf = hit[1] if key == "date_of_issue" else confidence(line.score, free_text=True)
            fields[key] = make_field(hit[0], conf, line)
    if "place_of_issue" not in fields or "place_of_birth" not in fields:
        places_by_order(layout, labels, m, fields)
    if "date_of_issue" not in fields or "date_of_expiry" not in fields:
        _dates_by_validity(layout, fields)
    _cross_check_dates(fields)
    return fields


def _dates_by_validity(layout: Layout, fields: dict[str, Field]) -> None:
    """Labels unreadable: the issue or expiry date is the printed date that is 10 (or 5) years
    less a day from the other; without either, the one pair of printed dates that fits so."""
    dates = [(v, ln) for ln in layout if not mrz_mod.is_line2(ln.text) for v, _ in find_dates(ln.text)]
    doi, doe = fields.get("date_of_issue"), fields.get("date_of_expiry")
    starts = [(doi.value, None)] if doi else dates
    ends = [(doe.value, None)] if doe else dates
    pairs = [(a, b) for a in starts for b in ends if _fits(to_date(a[0]), to_date(b[0]))]
    if len(pairs) == 1:
        for key, (value, line) in zip(("date_of_issue", "date_of_expiry"), pairs[0]):
            if line is not None:
                fields[key] = make_field(value, confidence(line.score, anchored=False), line)


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
