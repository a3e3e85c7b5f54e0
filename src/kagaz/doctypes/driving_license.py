"""Driving licence (issued by a State Transport Department under the Motor Vehicles Act).

What every driving licence prints (Central Motor Vehicles Rules 1989, rule 16 and Form 7; MoRTH's
Sarathi number format): the licence number, the holder's name, the relative's name, the date of
birth, the validity, the classes of vehicle and the issuing authority. :func:`score` weighs the
title, the issuer, the classes of vehicle and a number of Sarathi's shape, and declines
registration certificates, insurance papers and letters.

Layout notes: the card names itself ("DRIVING LICENCE", "Union of India Driving Licence",
"MAHARASHTRA STATE MOTOR DRIVING LICENCE", "Form 7") and its issuer ("Govt. of Karnataka",
"Transport Department, Government of NCT of Delhi"). Labels vary by state and era: "DL No" /
"Licence No.", "Name", "S/D/W of" or "Father's or guardian's name" (the relative, never the
holder), "Date of Birth" / "DOB", "Date of Issue" / "DOI" / "Issue Date", "Valid Till" /
"Validity (NT)" / "Validity (TR)" / "Valid Upto", "Blood Group", "Address", the classes of
vehicle ("COV", "LMV", "MCWG"). Values sit after the label, to its right or below it. When
both non-transport (NT) and transport (TR) validities are printed, ``valid_till`` is the NT one.
Some cards print the holder's name without a label, just above the relative's label.

The number (MoRTH Sarathi format): state code (two letters), RTO code (two digits), year of
first issue (four digits), serial (seven digits), 15 characters, printed with spaces or hyphens
("MH02 20110012345", "DL-0420110012345"); it is returned compact. It has no check digit: the
state code and a plausible year (1950..today) are checked, and the year should match the issue
date's year (a cross-reading that raises or lowers confidence in :func:`validate`).

``state`` is the issuing state's name in upper case when the card prints it in its issuer line.
When it does not, it is derived from the number's state code with a confidence of at most 0.85
(the holder may have moved; the code names the issuing RTO's state, not a printed value).
The state is read by :mod:`kagaz.doctypes.driving_license_states`.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "MAHARASHTRA STATE MOTOR DRIVING LICENCE\\nDL No MH02 2011O012345\\n"
...     "DOI : 12-05-2011\\nValid Till : 11-05-2031 (NT) 11-05-2014 (TR)\\n"
...     "Name : RAVI KUMAR\\nS/D/W of : SURESH KUMAR\\nDOB : 01-01-1985 BG : O+")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> [f[k].value for k in ("dl_number", "name", "date_of_birth", "issue_date", "valid_till", "state")]
['MH0220110012345', 'RAVI KUMAR', '01/01/1985', '12/05/2011', '11/05/2031', 'MAHARASHTRA']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from itertools import accumulate
import re

from kagaz.doctypes.driving_license_states import STATES, read_state
from kagaz.doctypes.fields import DATE, IDENTIFIER, PERSON, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.model import Field, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date, to_date
from kagaz.text.layout import Layout, after_label
from kagaz.text.names import clean_name, looks_like_name, tidy_name
from kagaz.text.repair import coerce, only_alnum

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "STATES", "extract", "parse_number", "score", "validate"]

CODE = "DRIVING_LICENSE"
GROUP = "identity"
ORDER = 30
GENERATOR = "kagaz.synth.driving_license"
FIELDS = declare(
    dl_number=IDENTIFIER, name=PERSON, date_of_birth=DATE, issue_date=DATE, valid_till=DATE, state=TEXT,
)

_I = re.IGNORECASE
# Other countries' titles too (ISO/IEC 18013-1 cards: "DRIVER LICENSE", "PERMIS DE CONDUIRE"...):
# a licence is a licence; only its number's Indian format is checked.
_TITLE = re.compile(r"DRIVING\s*LI[CS]EN[CS]E|DRIVING\s*LIC\b|DRIVINGLICEN|चाल[कन]\s*अनुज्ञप्ति|ड्राइविंग|"
                    r"DRIVER'?S?\s*LI[CS]EN[CS]E|DRIVERLICEN|PERMIS\s*DE\s*CONDUIRE|F[ÜU]HRERSCHEIN|RIJBEWIJS", _I)
_INDIAN_NUMBER = r"[A-Z]{2}[0-9]{13}"
_USA = re.compile(r"\bUSA\b|UNITED\s*STATES", _I)
# The number as printed after its label, when it is not in the Sarathi format (foreign cards:
# AAMVA's "4d DLN", "LIC#").
_PRINTED_NO_LABEL = re.compile(r"\b4d\s*(?:DLN|LIC\s*#?|NO\.?)?|\bDLN\b|\bLIC\s*#|\bLI[CS]EN[CS]E\s*(?:NO\.?|#|NUMBER)", _I)
_PRINTED_NO_VALUE = re.compile(r"\s*[:.#]?\s*([A-Z0-9][A-Z0-9\-]{3,18}[A-Z0-9])(?![A-Z0-9])", _I)
_ISSUER = re.compile(r"TRANSPORT|MOTOR\s*VEHICLE|FORM\s*-?\s*7\b|LICENSING\s*AUTHORITY|\bRTO\b|परिवहन|"
                     r"INDIAN\s*UNION|UNION\s*OF\s*INDIA", _I)
_COV = re.compile(r"\bCOV\b|CLASS\s*OF\s*VEHICLE|VEHICLE\s*(?:TYPE|CLASS)|"
                  r"\b(?:LMV|MCWO?G|HMV|HGMV|HPMV|TRANS)\b", _I)
_DL_LABEL = re.compile(r"\bD\.?\s*L\.?\s*(?:NO|NUMBER)\b|LI[CS]EN[CS]E\s*(?:NO|NUMBER)\b", _I)
# Labels tolerate common misreadings ("Dote of Birt", "D0I", "Validty", "Nome").
_DOB = re.compile(r"\bd[a-z]{1,3}\s*[o0]f\s*b[a-z]{1,4}|\bD\.?\s*[O0]\.?\s*B\b|birth\s*date|जन्म", _I)
_DOI = re.compile(r"\bd[a-z]{1,3}\s*[o0]f\s*(?:first\s*)?[il1|][s5]{1,2}[a-z]{0,3}|\bD\.?\s*[O0Q]\.?\s*[I1l]\b|\b(?:4a\s*)?ISS(?=\s*[:0-9])|"
                  r"\b[il1][s5]{1,2}u[a-z]{0,2}[\s.:]*d[a-z]{2,3}\b|issued?\s*on\b|जारी", _I)
_VALID = re.compile(r"\bval[il1]?d[a-z]{0,4}[\s:.\-]*(?:til+|upto|up\s*to|until|thru|through|from|\()|"
                    r"\bval[il1]?d[il1]?[a-z]{0,3}y|\bexpir|\b(?:4b\s*)?EXP(?=\s*[:0-9])|वैध", _I)
_NAME = re.compile(r"(?<![A-Za-z'])n[aoe](?:m|rn|n)e\b|नाम", _I)
_REL = re.compile(r"father|husband|guardian|mother|relation|wife|\bson\b|daughter|"
                  r"\b[SDWC5]\s*/\s*[DOW0]\b|पिता|पति", _I)
_OTHER_LABEL = re.compile(r"blood|\bB\.?\s*G\b|address|\bADD\b|signature|authority|\bCOV\b|badge", _I)
_ANY_LABEL = re.compile("|".join(r.pattern for r in (_DL_LABEL, _DOB, _DOI, _VALID, _NAME, _REL, _OTHER_LABEL)), _I)
_NOT_NAME = re.compile(r"\b(?:DRIVING|LI[CS]EN[CS]E|TRANSPORT|DEPARTMENT|GOVT|GOVERNMENT|UNION|INDIA|"
                       r"STATE|MOTOR|VALID|ISSUE|BLOOD|GROUP|ADDRESS|AUTHORITY|SIGNATURE|VEHICLE|"
                       r"CLASS|FORM|DATE|BIRTH|HOLDER|SPECIMEN|SAMPLE|LMV|MCWG|COV|NT|TR|RTO|"
                       r"ORGAN|DONOR|EMERGENCY|CONTACT)\b|\d", _I)
# Documents that mention a DL or share its words but are something else (vehicle RCs above all).
_OTHER_DOC = re.compile(r"REGISTRATION\s*(?:CERTIFICATE|NO|NUMBER|DATE|VALID)|CERTIFICATE\s*OF\s*REG|"
                        r"CHASSIS|ENGINE\s*NO|\bREGN\b|INSURANCE|ELECTION\s*COMMISSION|INCOME\s*TAX|"
                        r"AADHAAR|UNIQUE\s*IDENTIFICATION|PASSPORT|P<IND|LEARNER|INVOICE|DEAR\s+SIR|"
                        r"SUBJECT\s*:|YOURS\s+(?:SINCERELY|FAITHFULLY)|PERMANENT\s*ACCOUNT", _I)
_CANDIDATE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{2})[\s\-./]{0,3}([A-Z0-9]{2})[\s\-./]{0,3}"
                        r"([A-Z0-9]{4})[\s\-./]{0,3}([A-Z0-9]{7})(?![A-Z0-9])")
_PATTERN = "AA" + "9" * 13


def parse_number(text: str) -> tuple[str, int] | None:
    """A DL number in ``text`` repaired by position: (compact number, repairs), or None.

    >>> parse_number("MH-02-2011-0012345")
    ('MH0220110012345', 0)
    >>> parse_number("KAO1 2O150012345")
    ('KA0120150012345', 2)
    >>> parse_number("XX02 20110012345") is None  # no such state code
    True
    >>> parse_number("MH02 20990012345") is None  # year in the future
    True
    """
    best = None
    for m in _CANDIDATE.finditer(text.upper()):
        found = _check("".join(m.groups()))
        if found and (best is None or found[1] < best[1]):
            best = found
    return best


def _check(raw: str) -> tuple[str, int] | None:
    state = coerce(raw[:2], "AA")  # the state code alone first: most candidates fail it
    if state is None or state[0] not in STATES:
        return None
    fixed = coerce(raw, _PATTERN)
    if fixed is None or fixed[1] > 3 or fixed[0][:2] not in STATES:
        return None
    return fixed if 1950 <= int(fixed[0][4:8]) <= dt.date.today().year else None


def _numbers(layout: Layout) -> list[tuple[str, int, TextLine, bool]]:
    """Every DL-number reading: (number, repairs, line, beside a "DL No" label), best first."""
    labels = layout.find(_DL_LABEL)
    out = []
    for line in layout:
        found = parse_number(line.text)
        if found is None:  # a label glued to the number ("DLNoMH02..."): try the compact tail
            found = _glued(only_alnum(_DL_LABEL.split(line.text)[-1]))
        if found:
            near = any(lab is line or (abs(line.cy - lab.cy) < lab.height * 3 and line.y0 >= lab.y0 - lab.height)
                       for lab in labels)
            out.append((found[0], found[1], line, near))
    out.sort(key=lambda c: (c[1] - (1 if c[3] else 0), -c[2].score))
    return out


_NO_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _glued(compact: str) -> tuple[str, int] | None:
    """The best number (at most 2 repairs) in any 15 characters of ``compact`` (A-Z, 0-9)."""
    # _check allows 3 repairs: a window whose 13 digit places hold fewer than 10 digits fails
    # it. Counting them first skips most windows of a statement's long rows of amounts.
    if len(compact.translate(_NO_LETTERS)) < 10:  # only_alnum leaves letters and digits
        return None
    ndigits = [0, *accumulate(ch.isdigit() for ch in compact)]
    wins = (_check(compact[i:i + 15]) for i in range(max(0, len(compact) - 14))
            if ndigits[i + 15] - ndigits[i + 2] >= 10)
    return min((w for w in wins if w and w[1] <= 2), key=lambda w: w[1], default=None)


def score(layout: Layout) -> float | None:
    text = layout.text
    s = 0.4 * bool(_TITLE.search(text)) + 0.15 * bool(_ISSUER.search(text)) + 0.15 * bool(_COV.search(text))
    s += 0.1 * bool(_DL_LABEL.search(text) or _VALID.search(text) or _DOI.search(text))
    nums = _numbers(layout)
    if nums:
        s += 0.35 if nums[0][1] <= 1 else 0.25
    elif _TITLE.search(text) and _printed_number(layout):
        s += 0.2  # another country's number, beside its label
    if _OTHER_DOC.search(text):
        s -= 0.5
    if len(layout) > 60:  # a letter or a form that mentions a licence, not a card
        s -= 0.3
    return round(min(1.0, s), 4) if s > 0 else None


def _rest(line: TextLine, m: re.Match[str]) -> str:
    return after_label(line.text, m, _ANY_LABEL)


def _near(layout: Layout, anchor: TextLine, ok) -> TextLine | None:  # type: ignore[no-untyped-def]
    """The first line right of, then below, ``anchor`` that ``ok`` accepts; stops at a label."""
    right = layout.right_of(anchor, max_gap=anchor.height * 10)[:2]
    below = layout.below(anchor, max_lines=6)
    rows: list[list[TextLine]] = []
    for ln in sorted(below, key=lambda ln: ln.cy):
        if rows and abs(ln.cy - rows[-1][0].cy) <= 0.6 * max(ln.height, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    below = [ln for row in rows for ln in sorted(row, key=lambda ln: abs(ln.x0 - anchor.x0))][:3]
    for group in (right, below):
        for cand in group:
            if ok(cand.text):
                return cand
            if _ANY_LABEL.search(cand.text):
                break
            if group is right and re.search(r"[^\W_]{2}", cand.text):
                return None  # the value sits to the right but is unreadable: don't take the next row's
    return None


def _printed_number(layout: Layout) -> tuple[str, TextLine] | None:
    """A licence number as printed beside its label (same line or just right of it), for cards
    outside India's format."""
    for line in layout:
        m = _PRINTED_NO_LABEL.search(line.text)
        if not m:
            continue
        for text, where in [(line.text[m.end():], line), *((ln.text, ln) for ln in layout.right_of(line)[:1])]:
            v = _PRINTED_NO_VALUE.match(text)
            if v and any(ch.isdigit() for ch in v.group(1)):
                return v.group(1).upper().replace("-", ""), where
    return None


def _month_first(layout: Layout) -> bool:
    """United States cards (AAMVA) print dates month first: the card says USA, or one of its
    dates reads only that way (03/23/1988)."""
    text = layout.text
    return bool(_USA.search(text)) or any(
        to_date(m.group(0)) is None and to_date(m.group(0), month_first=True) is not None
        for m in DATE_RE.finditer(text))


def _labelled_date(layout: Layout, label: re.Pattern[str],
                   parse_date: Callable[[str], str | None] = parse_date) -> tuple[str, TextLine] | None:
    for line in layout.find(label):
        m = label.search(line.text)
        assert m is not None
        value = parse_date(_rest(line, m))
        if value is None and not DATE_RE.search(line.text[m.end():]):
            cand = _near(layout, line, lambda t: parse_date(t) is not None and not _ANY_LABEL.search(t))
            if cand is not None:
                return parse_date(cand.text), cand  # type: ignore[return-value]
        if value:
            return value, line
    return None


_TAG = re.compile(r"\b(NT|TR)\b|(NON[\s-]*TRANS)|(TRANSPORT)", _I)


def _validity(layout: Layout,
              parse_date: Callable[[str], str | None] = parse_date) -> tuple[str, TextLine] | None:
    """``valid_till``: the NT validity when NT and TR are both printed; skips "from" dates."""
    cands = []  # (priority, order, value, line)
    for order, line in enumerate(layout.find(_VALID)):
        text = line.text
        m = _VALID.search(text)
        assert m is not None
        dates = [d for d in DATE_RE.finditer(text) if d.start() >= m.start() and parse_date(d.group(0))]
        if not dates:
            if re.search("from", m.group(0), _I):
                continue
            cand = _near(layout, line, lambda t: parse_date(t) is not None and not _ANY_LABEL.search(t))
            if cand is not None:
                cands.append((_prio(text), order, parse_date(cand.text), cand))
            continue
        post = [re.match(r"\W{0,3}(NT|TR)\b", text[d.end():], _I) for d in dates]
        for k, d in enumerate(dates):
            lo = dates[k - 1].end() + (post[k - 1].end() if post[k - 1] else 0) if k else m.start()
            between = text[d.end():dates[k + 1].start()] if k + 1 < len(dates) else ""
            if re.fullmatch(r"\W*(?:to|till|upto)\W*", between, _I) or (
                    re.search(r"from", text[lo:d.start()], _I) and k + 1 == len(dates) == 1):
                continue  # the start of a validity range
            ctx = post[k].group(0) if post[k] else text[lo:d.start()]
            cands.append((_prio(ctx), order, parse_date(d.group(0)), line))
    if not cands:
        return None
    best = min(cands, key=lambda c: (c[0], c[1]))
    return best[2], best[3]


def _prio(ctx: str) -> int:
    tags = [t.group(0).upper() for t in _TAG.finditer(ctx)]
    if not tags:
        return 1
    return 0 if tags[-1] == "NT" or tags[-1].startswith("NON") else 2


def _name(layout: Layout) -> tuple[str, TextLine, bool] | None:
    """The holder's name: after a "Name" label (not the relative's), else just above the
    relative's label (cards that print the name unlabelled, large, at the top)."""
    def is_name(t: str) -> bool:
        t = re.sub(r"[^\x00-\x7F]", " ", t)
        return looks_like_name(t) and not _NOT_NAME.search(t) and not _ANY_LABEL.search(t)

    for line in layout.find(_NAME):
        m = _NAME.search(line.text)
        assert m is not None
        after = line.text[m.end():]
        if _REL.search(line.text[: m.start()]) or re.match(r"\s*of\s*(?:the\s*)?(?:father|husband|guardian)", after, _I):
            continue
        rest = re.sub(r"[^\x00-\x7F]", " ", _rest(line, m)).strip(" :.-/|")
        if is_name(rest):
            return clean_name(rest), line, True
        if not rest or not re.search(r"[A-Za-z]{2}", rest):
            cand = _near(layout, line, is_name)
            if cand is not None:
                return clean_name(cand.text), cand, True
    for rel in layout.find(_REL):
        i = layout.lines.index(rel)
        above = [ln for ln in layout.lines[max(0, i - 3):i] if ln.y1 <= rel.cy and is_name(ln.text)]
        if above:
            return clean_name(above[-1].text), above[-1], False
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    nums = _numbers(layout)
    number = None
    if nums:
        number, repairs, line, near = nums[0]
        conf = confidence(line.score, repairs=repairs, anchored=near or _TITLE.search(layout.text) is not None)
        if sum(1 for n in nums if n[0] == number) > 1:
            conf = min(0.99, conf + 0.01)  # read the same on both sides of the card
        fields["dl_number"] = make_field(number, conf, line)
    elif (printed := _printed_number(layout)) is not None:
        fields["dl_number"] = make_field(printed[0], min(0.8, confidence(printed[1].score)), printed[1])
    name = _name(layout)
    if name:
        value, conf = tidy_name(name[0], confidence(name[1].score, anchored=name[2], free_text=True))
        fields["name"] = make_field(value, conf, name[1])
    # AAMVA's card standard prints United States dates month first (MM/DD/CCYY).
    read = partial(parse_date, month_first=_month_first(layout))
    dob = _labelled_date(layout, _DOB, read)
    if dob:
        ok = is_plausible_birth(dob[0])
        fields["date_of_birth"] = make_field(dob[0], confidence(dob[1].score, checked=None if ok else False), dob[1])
    doi = _labelled_date(layout, _DOI, read)
    if doi:
        d = to_date(doi[0])
        ok = d is not None and dt.date(1950, 1, 1) <= d <= dt.date.today()
        fields["issue_date"] = make_field(doi[0], confidence(doi[1].score, checked=None if ok else False), doi[1])
    valid = _validity(layout, read)
    if valid:
        fields["valid_till"] = make_field(valid[0], confidence(valid[1].score), valid[1])
    state = read_state(layout, number)
    if state:
        fields["state"] = make_field(state[0], state[1], state[2])
    return fields


def validate(fields: dict[str, Field]) -> list[str]:
    """Cross-read the number's year with the issue date, and the dates with each other."""
    issues = []
    num, doi, dob, till = (fields.get(k) for k in ("dl_number", "issue_date", "date_of_birth", "valid_till"))
    d_doi, d_dob, d_till = (to_date(f.value) if f else None for f in (doi, dob, till))
    if num and d_doi and re.fullmatch(_INDIAN_NUMBER, num.value):
        if int(num.value[4:8]) == d_doi.year:
            num.confidence_score = min(0.99, num.confidence_score + 0.02)
            doi.confidence_score = min(0.99, doi.confidence_score + 0.02)  # type: ignore[union-attr]
        else:  # renewals and duplicates differ legitimately, but so do misread digits
            num.confidence_score = min(num.confidence_score, 0.85)
            doi.confidence_score = min(doi.confidence_score, 0.85)  # type: ignore[union-attr]
    if d_dob and d_doi and (d_doi - d_dob).days < 16 * 365:
        issues.append("Issue date is less than 16 years after the date of birth")
        for f in (dob, doi):
            f.confidence_score = min(f.confidence_score, 0.6)  # type: ignore[union-attr]
    if d_doi and d_till and d_till <= d_doi:
        issues.append("Validity ends before the issue date")
        for f in (doi, till):
            f.confidence_score = min(f.confidence_score, 0.6)  # type: ignore[union-attr]
    return issues
