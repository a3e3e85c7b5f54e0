"""Voter ID card (Elector's Photo Identity Card, EPIC, Election Commission of India).

What every EPIC prints (Registration of Electors Rules 1960, rule 28; ECI's EPIC guidelines): the
Election Commission of India as issuer, the EPIC number, the elector's name, the relative's name,
sex and date of birth or age. :func:`score` weighs the issuer, the card's title and labels and an
EPIC-shaped number, and declines forms and letters.

Layout notes: the card names its issuer ("ELECTION COMMISSION OF INDIA", "भारत निर्वाचन आयोग")
and itself ("ELECTOR PHOTO IDENTITY CARD", "IDENTITY CARD"), then prints the EPIC number, the
elector's name ("Elector's Name", "Name", "नाम"; some cards print it unlabelled, above the
relative's label), the relative's name ("Father's/Husband's Name", "Relation's Name": never the
holder), "Sex"/"Gender" ("Male / पुरुष", "Female / महिला") and "Date of Birth"/"DOB". Old cards
print "Age as on 01.01.2008: 25" instead of a date: then ``date_of_birth`` is absent and the
age is returned in an additional ``age`` field. Regional cards (Tamil, Bengali...) may leave only
the EPIC number and a few English words readable; they still classify from those.

The EPIC number (ECI): a three-letter Functional Unique Serial Number of the assembly
constituency and seven digits, returned compact. ``stdnum.in_.epic`` checks the shape and a
Luhn digit; many cards in circulation (and specimens) fail the Luhn digit, so a valid Luhn
digit raises confidence and a failing one does not reject the number. Pre-2000 cards used
state/constituency/part/serial numbers ("MH/12/345/123456"), returned as printed with their
slashes and a lower confidence.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "ELECTION COMMISSION OF INDIA\\nELECTOR PHOTO IDENTITY CARD\\nWKH1I86253\\n"
...     "Elector's Name : Ravi Kumar\\nFather's Name : Suresh Kumar\\nSex / लिंग : Male / पुरुष\\n"
...     "Date of Birth : 01/02/1990")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> [f[k].value for k in ("voter_id", "name", "gender", "date_of_birth")]
['WKH1186253', 'Ravi Kumar', 'MALE', '01/02/1990']
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.in_ import epic

from kagaz.doctypes.fields import DATE, GENDER, IDENTIFIER, PERSON, Spec, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.model import Field, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date, to_date
from kagaz.text.layout import Layout, after_label
from kagaz.text.names import clean_name, looks_like_name, parse_gender, tidy_name
from kagaz.text.repair import coerce, only_alnum

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "parse_number", "score", "validate"]

CODE = "VOTER_ID"
GROUP = "identity"
ORDER = 40
GENERATOR = "kagaz.synth.voter_id"
FIELDS = declare(
    voter_id=IDENTIFIER, name=PERSON, date_of_birth=DATE, gender=GENDER,
    age=Spec("text", scored=False),  # old cards print an age instead of a date,
)

_I = re.IGNORECASE
_ISSUER = re.compile(r"ELECTION\s*COMMISSION|COMMISSION\s*OF\s*INDIA|निर्वाचन\s*आयोग|ELECTORAL\s*REG", _I)
_CARD = re.compile(r"ELECTOR|\bEPIC\b|PHOTO\s*I\w*\s*CARD|मतदाता|निर्वाचक", _I)
_EPIC_LABEL = re.compile(r"\bEPIC(?:\s*N[O0]\.?)?|VOTER\s*I\.?D|"
                         r"ELECTOR'?S?\s*(?:PHOTO\s*)?(?:I\w*\s*)?(?:CARD\s*)?N[O0]\b", _I)
_NAME = re.compile(r"elector'?s?(?:\s*n[aoe](?:m|rn|n)e)?\b(?!\s*photo)|(?<![A-Za-z'])n[aoe](?:m|rn|n)e\b|नाम", _I)
_REL = re.compile(r"father|husband|mother|relation|guardian|wife|\bson\b|daughter|"
                  r"\b[SDWC5]\s*/\s*[DOW0]\b|पिता|पति|संबंध|सम्बन्ध", _I)
_SEX = re.compile(r"\bsex\b|gender|लिंग", _I)
_DOB = re.compile(r"\bd[a-z]{1,3}\s*[o0]f\s*b[a-z]{1,4}|\bD\.?\s*[O0]\.?\s*B\b|birth|जन्म", _I)
_AGE = re.compile(r"\bage\b(?:\s*as\s*on\s*\d{1,2}\s*[./\-]\s*\d{1,2}\s*[./\-]\s*\d{2,4}(?!\d))?", _I)
_ANY_LABEL = re.compile("|".join(r.pattern for r in (_EPIC_LABEL, _NAME, _REL, _SEX, _DOB)) +
                        r"|address|part\s*n|assembly|constituency|signature|\bdate\b", _I)
_NOT_NAME = re.compile(r"\b(?:ELECTION|COMMISSION|INDIA|ELECTOR|PHOTO|IDENTITY|CARD|EPIC|MALE|FEMALE|"
                       r"GENDER|SEX|DATE|BIRTH|AGE|ADDRESS|ASSEMBLY|CONSTITUENCY|PART|SIGNATURE|"
                       r"REGISTRATION|OFFICER|SPECIMEN|SAMPLE|DUPLICATE)\b|\d", _I)
_OTHER_DOC = re.compile(r"INCOME\s*TAX|PERMANENT\s*ACCOUNT|DRIVING\s*LICEN|AADHAAR|UNIQUE\s*IDENTIFICATION|"
                        r"PASSPORT|P<IND|VOTER\s*INFORMATION|POLL(?:ING)?\s*DATE|FORM\s*-?\s*[68]\b|"
                        r"DEAR\s+SIR|YOURS\s+(?:SINCERELY|FAITHFULLY)|INVOICE|\bRATION\s*CARD", _I)
_CANDIDATE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{3})[\s\-]?([A-Z0-9]{7})(?![A-Z0-9])")
_OLD = re.compile(r"(?<![A-Z0-9])([A-Z]{2})\s*/\s*(\d{2,3})\s*/\s*(\d{3})\s*/\s*(\d{5,7})(?![0-9])")


def parse_number(text: str) -> tuple[str, int] | None:
    """An EPIC number in ``text`` repaired by position: (number, repairs), fewest repairs first.

    >>> parse_number("EPIC No. YOS0826216")
    ('YOS0826216', 0)
    >>> parse_number("Y0S 08Z6216")
    ('YOS0826216', 2)
    >>> parse_number("COMMISSION") is None
    True
    """
    best = None
    for m in _CANDIDATE.finditer(text.upper()):
        found = _check(m.group(1) + m.group(2))
        if found and (best is None or found[1] < best[1]):
            best = found
    return best


def _check(raw: str) -> tuple[str, int] | None:
    fixed = coerce(raw, "AAA9999999")
    if fixed is None or fixed[1] > 2 or sum(ch.isdigit() for ch in raw[3:]) < 5:
        return None
    letter_fixes = sum(a != b for a, b in zip(raw[:3].upper(), fixed[0][:3]))
    return fixed if letter_fixes <= 1 else None


def _numbers(layout: Layout) -> list[tuple[str, int, TextLine, bool]]:
    """Every EPIC reading: (number, repairs, line, beside its label), best first."""
    labels = layout.find(_EPIC_LABEL)
    out = []
    for line in layout:
        found = parse_number(line.text)
        if found is None and _EPIC_LABEL.search(line.text):  # "EPICNoYOS0826216"
            compact = only_alnum(_EPIC_LABEL.split(line.text)[-1])
            found = min(filter(None, (_check(compact[i:i + 10]) for i in range(max(0, len(compact) - 9)))),
                        key=lambda w: w[1], default=None)
        old = _OLD.search(line.text.upper()) if found is None else None
        if old:
            found = ("/".join(old.groups()), 1)
        if found:
            near = any(lab is line or abs(line.cy - lab.cy) < lab.height * 3 for lab in labels)
            out.append((found[0], found[1], line, near))
    out.sort(key=lambda c: (c[1] - c[3] - 0.5 * epic.is_valid(c[0]), -c[2].score))
    return out


def score(layout: Layout) -> float | None:
    text = layout.text
    s = 0.45 * bool(_ISSUER.search(text)) + 0.2 * bool(_CARD.search(text))
    s += 0.1 * bool(re.search(r"elector'?s?\s*name|husband|relation'?s?\s*name|\bsex\b|part\s*no|"
                              r"assembly|constituency|लिंग", text, _I))
    nums = _numbers(layout)
    if nums:
        s += 0.35 if nums[0][1] <= 1 else 0.25
    if _OTHER_DOC.search(text):
        s -= 0.5
    if len(layout) > 45:  # a form or a letter that mentions the Election Commission, not a card
        s -= 0.4
    return round(min(1.0, s), 4) if s > 0 else None


def _rest(line: TextLine, m: re.Match[str]) -> str:
    return after_label(line.text, m, _ANY_LABEL)


def _near(layout: Layout, anchor: TextLine, ok) -> TextLine | None:  # type: ignore[no-untyped-def]
    """The first line right of, then below, ``anchor`` that ``ok`` accepts; stops at a label."""
    below = sorted(layout.below(anchor, max_lines=6), key=lambda ln: ln.cy)
    rows: list[list[TextLine]] = []
    for ln in below:
        if rows and abs(ln.cy - rows[-1][0].cy) <= 0.6 * max(ln.height, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    below = [ln for row in rows for ln in sorted(row, key=lambda ln: abs(ln.x0 - anchor.x0))][:3]
    right = layout.right_of(anchor, max_gap=anchor.height * 10)[:2]
    for group in (right, below):
        for cand in group:
            if ok(cand.text):
                return cand
            if _ANY_LABEL.search(cand.text):
                break
            if group is right and re.search(r"[^\W_]{2}", cand.text):
                return None  # the value sits to the right but is unreadable: don't take the next row's
    return None


def _is_name(text: str) -> bool:
    t = re.sub(r"[^\x00-\x7F]", " ", text)
    return looks_like_name(t) and not _NOT_NAME.search(t) and not _ANY_LABEL.search(t)


def _name(layout: Layout) -> tuple[str, TextLine, bool] | None:
    """The elector's name: after its label (not the relative's), else just above the relative's
    label (cards that print the name unlabelled at the top)."""
    rels = layout.find(_REL)
    for line in layout.find(_NAME):
        m = _NAME.search(line.text)
        assert m is not None
        # "Relation's / Name" split over two lines is the relative's label too.
        split = any(0 < line.cy - r.cy < 2.2 * line.height and abs(r.x0 - line.x0) < 2 * line.height
                    and not _NAME.search(r.text) for r in rels)
        after = line.text[m.end():]
        if split or _REL.search(line.text[: m.start()]) or re.match(r"\s*of\s*(?:father|husband)", after, _I):
            continue
        rest = re.sub(r"[^\x00-\x7F]", " ", _rest(line, m)).strip(" :.-/|")
        if _is_name(rest):
            return clean_name(rest), line, True
        if not re.search(r"[A-Za-z]{2}", rest):
            cand = _near(layout, line, _is_name)
            if cand is not None:
                return clean_name(cand.text), cand, True
    for rel in rels:
        i = layout.lines.index(rel)
        above = [ln for ln in layout.lines[max(0, i - 3):i] if ln.y1 <= rel.cy and _is_name(ln.text)]
        if above:
            return clean_name(above[-1].text), above[-1], False
    return None


def _gender(layout: Layout) -> tuple[str, TextLine, float] | None:
    for line in layout.find(_SEX):
        m = _SEX.search(line.text)
        assert m is not None
        rest = line.text[m.end():]
        g = parse_gender(rest)
        if g:
            return g, line, confidence(line.score)
        letter = re.match(r"[\s:/.\-]*([MF])\b", rest)
        if letter:
            return ("MALE" if letter.group(1) == "M" else "FEMALE"), line, min(0.85, confidence(line.score))
        cand = _near(layout, line, lambda t: parse_gender(t) is not None)
        if cand is not None:
            return parse_gender(cand.text), cand, confidence(cand.score)  # type: ignore[return-value]
    for line in layout:  # an unlabelled "Male / पुरुष"
        if len(line.text.split()) <= 4 and parse_gender(line.text) and not _REL.search(line.text):
            return parse_gender(line.text), line, confidence(line.score, anchored=False)  # type: ignore[return-value]
    return None


def _dob(layout: Layout) -> tuple[str, TextLine] | None:
    for line in layout.find(_DOB):
        m = _DOB.search(line.text)
        assert m is not None
        if re.search(r"as\s*on", line.text, _I):
            continue  # "Age as on 01.01.2008": a reference date, not the birth date
        value = parse_date(_rest(line, m))
        if value:
            return value, line
        if not DATE_RE.search(line.text[m.end():]):
            cand = _near(layout, line, lambda t: parse_date(t) is not None and not re.search(r"as\s*on", t, _I))
            if cand is not None:
                return parse_date(cand.text), cand  # type: ignore[return-value]
    return None


_NOT_BIRTH = re.compile(r"\bdate\b\s*[:.]|as\s*on|issue|officer|\bage\b", _I)


def _years(value: str) -> float:
    d = to_date(value)
    return (dt.date.today() - d).days / 365.25 if d else 0.0


def _age(layout: Layout) -> tuple[str, TextLine] | None:
    """"Age as on 01.01.2008 : 25", the age after its label or in the box to its right."""
    for line in layout.find(_AGE):
        m = _AGE.search(line.text)
        assert m is not None
        for text, ln in [(line.text[m.end():], line), *((r.text, r) for r in layout.right_of(line)[:2])]:
            v = re.match(r"[\s:.\-]*(\d{2,3})\s*(?:years?|yrs?)?\W*$", text, _I)
            if v and 17 <= int(v.group(1)) <= 120:
                return v.group(1), ln
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    nums = _numbers(layout)
    if nums:
        value, repairs, line, near = nums[0]
        if "/" in value:  # old format: no rule to check
            conf = min(0.85, confidence(line.score, anchored=near))
        else:
            checked = True if epic.is_valid(value) else None
            anchored = near or bool(_ISSUER.search(layout.text))
            conf = confidence(line.score, checked=checked, repairs=repairs, anchored=anchored)
        fields["voter_id"] = make_field(value, conf, line)
    name = _name(layout)
    if name:
        value, conf = tidy_name(name[0], confidence(name[1].score, anchored=name[2], free_text=True))
        fields["name"] = make_field(value, conf, name[1])
    dob = _dob(layout)
    if dob:
        ok = is_plausible_birth(dob[0])
        fields["date_of_birth"] = make_field(dob[0], confidence(dob[1].score, checked=None if ok else False), dob[1])
    age = None if dob else _age(layout)
    if age:
        fields["age"] = make_field(age[0], confidence(age[1].score), age[1])
    elif not dob:  # the label may be unreadable (a Devanagari twin read as noise): one birth-like date
        dates = {d: ln for ln in layout if not _NOT_BIRTH.search(ln.text) and (d := parse_date(ln.text))}
        dates = {d: ln for d, ln in dates.items() if is_plausible_birth(d) and _years(d) >= 17}
        if len(dates) == 1:
            (d, ln), = dates.items()
            fields["date_of_birth"] = make_field(d, confidence(ln.score, anchored=False), ln)
    gender = _gender(layout)
    if gender:
        fields["gender"] = make_field(gender[0], gender[2], gender[1])
    return fields


def validate(fields: dict[str, Field]) -> list[str]:
    """An elector is at least 17 (the youngest who may enrol in advance)."""
    dob = fields.get("date_of_birth")
    d = to_date(dob.value) if dob else None
    if dob and d and (dt.date.today() - d).days < 17 * 365:
        dob.confidence_score = min(dob.confidence_score, 0.5)
        return ["The elector would be younger than 17"]
    return []
