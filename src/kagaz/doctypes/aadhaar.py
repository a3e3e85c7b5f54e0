"""Aadhaar (Unique Identification Authority of India).

What every Aadhaar prints (Aadhaar Act 2016 and UIDAI's card and e-Aadhaar specifications): the
12-digit number in groups of four (or masked "XXXX XXXX 1234"), the resident's name, date or year
of birth and gender on the front, the address on the back, and UIDAI's or the Government of
India's name. :func:`score` weighs the issuer, a Verhoeff-valid (or masked)
number and the card's labels, and declines letters and forms that merely mention Aadhaar.

Layout notes: the front names its issuer ("Government of India" / "भारत सरकार"), prints the Hindi
name above the English one, then "DOB: DD/MM/YYYY" (often merged with the Hindi label, "जन्म
तिथि/DOB: 02/06/1985") or "Year of Birth : 1985", the gender ("पुरुष / MALE"), the number in
groups of four and the slogan "मेरा आधार, मेरी पहचान". PVC cards add a 16-digit VID ("VID : 9123
4567 8901 2345") and a vertical issue date. The back names UIDAI ("Unique Identification Authority
of India" / "भारतीय विशिष्ट पहचान प्राधिकरण"), prints the address after "Address:" (English on
the right, Hindi on the left; "S/O: NAME," is part of the printed address) and the number again.
The A4 e-Aadhaar letter adds "Enrolment No.", a "To" block with the address, "Your Aadhaar No."
and the card pair at the bottom. Masked copies print "XXXX XXXX 1234".

The number (UIDAI): 12 digits, the first 2-9, the last a Verhoeff check digit
(:mod:`stdnum.in_.aadhaar`). By law it is shown masked: ``aadhaar_number`` is ``XXXX XXXX 1234``
unless :attr:`ExtractOptions.reveal_aadhaar` is set (then the 12 digits). :func:`finish` stores a
PNG of the first page with the first eight digits blacked out in ``doc.artifacts
["aadhaar_redacted"]`` (other pages carrying the number: ``"aadhaar_redacted_p<N>"``, N from 1);
the API layer sets ``aadhaar_number.redact_url`` from that artifact. The full number is never
logged, stored in an artifact, or kept in a masked Field.

``formatted_address`` splits the address into ``address_line_1``, ``address_line_2``, ``city``
(the place before the state, or the "Dist:" value), ``state`` (one of the 36 states and union
territories, as named in :data:`STATES`) and ``postcode`` (the 6-digit PIN).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "GOVERNMENT OF INDIA\\nRavi Kumar\\nजन्म तिथि/DOB: 01/02/1990\\nपुरुष / MALE\\n"
...     "2484 1692 49O2\\nमेरा आधार, मेरी पहचान")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> [f[k].value for k in ("name", "date_of_birth", "gender", "aadhaar_number")]
['Ravi Kumar', '01/02/1990', 'MALE', 'XXXX XXXX 4902']
>>> parse_address("S/O: Ram Lal, H.No 42, Gandhi Nagar, Rohini, New Delhi, Delhi - 110085")
... # doctest: +NORMALIZE_WHITESPACE
{'address_line_1': 'S/O: Ram Lal, H.No 42', 'address_line_2': 'Gandhi Nagar, Rohini',
 'city': 'New Delhi', 'state': 'Delhi', 'postcode': '110085'}
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kagaz.doctypes.fields import ADDRESS, DATE, GENDER, IDENTIFIER, PERSON, POSTCODE, Spec, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.imaging.redact import digit_span_box, mask_regions
from kagaz.model import Document, Field, Page, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date
from kagaz.text.layout import Layout
from kagaz.text.masking import AadhaarMasking, find_aadhaar, is_aadhaar_number
from kagaz.text.names import clean_name, looks_like_name, parse_gender

__all__ = ["CODE", "FIELDS", "STATES", "extract", "find_numbers", "finish", "is_valid", "parse_address", "score",
           "sensitive_boxes", "validate"]

CODE = "AADHAAR"
FIELDS = declare(
    aadhaar_number=IDENTIFIER, name=PERSON, date_of_birth=DATE, year_of_birth=Spec("date", scored=False),
    gender=GENDER, address=ADDRESS, postcode=POSTCODE, formatted_address=Spec("text", scored=False),
)
_I = re.IGNORECASE

_UIDAI = re.compile(r"UNIQUE\s*IDENTIFICATION|IDENTIFICATION\s*AUTHORITY|UIDAI|विशिष्ट\s*पहचान|पहचान\s*प्राधिकरण", _I)
_SLOGAN = re.compile(r"मेरा\s*आधार|मेरी\s*पहचान|AAM\s*AADMI|आम\s*आदमी", _I)
_WORD = re.compile(r"AADHAA?R|आधार", _I)
_GOVT = re.compile(r"GOV[A-Z]*\.?\s*OF\s*IN|भारत\s*सरकार", _I)
_LETTER = re.compile(r"ENROL+MENT\s*N|YOUR\s*AADHAA?R\s*N|नामांकन|आपका\s*आधार", _I)
_VID = re.compile(r"(?<![A-Z])VID\b|VIRTUAL\s*ID|ENROL+MENT|\bEID\b|नामांकन", _I)
_DOB = re.compile(r"(?<![A-Z])D\s?[O0]\s?[B8D](?![A-Z])|DATE\s*OF\s*BIRTH|BIRTH\s*DATE|जन्म\s*तिथि|जन्मतिथि", _I)
_YOB = re.compile(r"YEAR\s*OF\s*BIRTH|(?<![A-Z])YOB(?![A-Z])|जन्म\s*वर्ष", _I)
_NOT_DOB = re.compile(r"ISSUE|DOWNLOAD|PRINT|GENERAT|VALID|SIGNATURE|ENROL|DATE\s*:", _I)
_GENDER = re.compile(r"GENDER|(?<![A-Z])SEX(?![A-Z])|लिंग", _I)
_ADDRESS = re.compile(r"(?<![A-Za-z])A[DP]{1,2}[IL1]?R[EC]S{1,2}[EIS]?(?![A-Za-z])\s*[:;.\-/|]*\s*", _I)
_TO = re.compile(r"^\s*To\s*[,:]?\s*$")
_NOT_NAME = re.compile(
    r"GOV|INDIA|FATHER|HUSBAND|GUARDIAN|MOTHER|\b[SDWC]\s*/\s*O\b|UNIQUE|AUTHORITY|AADHA|ENROL|"
    r"\bVID\b|ISSUE|DOWNLOAD|BIRTH|\bDOB\b|ADDRESS|MALE|GENDER|SPECIMEN|SAMPLE|\bTO\b|\d",
    _I,
)
_STOP = re.compile(r"\bVID\b|UIDAI|WWW\.|HELP@|\bAADHAA?R\b|MOBILE|PHONE|E-?MAIL|SIGNATURE|\bDOB\b|"
                   r"GENDER|\bDATE\b|ENROL|SPECIMEN|SAMPLE\s*DATA|आधार|1947\s*[|I]", _I)
_PIN = re.compile(r"(?<!\d)([1-9]\d{2})\s?(\d{3})(?!\d)")
_OTHER = [re.compile(p, _I) for p in (
    r"INCOME\s*TAX|PERMANENT\s*ACCOUNT|आयकर", r"ELECTION\s*COMMISSION|ELECTOR|\bEPIC\b",
    r"DRIVING\s*LICEN|TRANSPORT\s*DEPARTMENT|MOTOR\s*VEHICLE", r"REPUBLIC\s*OF\s*INDIA|PASSPORT|P<IND",
    r"AYUSHMAN|\bABHA\b|HEALTH\s*(?:ID|AUTHORITY|ACCOUNT)", r"RATION\s*CARD|CIVIL\s*SUPPLIES",
    r"CERTIFICATE|GSTIN|INVOICE|UDYAM",
    # Statements list 12-digit UPI/IMPS references, one in ten of which passes Verhoeff.
    r"STATEMENT\s*OF\s*ACCOUNT|ACCOUNT\s*STATEMENT|OPENING\s*BALANCE|CLOSING\s*BALANCE|\bIFSC\b|"
    r"WITHDRAWAL|\bNARRATION\b",
)]
_LETTERISH = re.compile(r"\bDEAR\b|REGARDS|SINCERELY|SUBJECT\s*:|\bKINDLY\b|\bPLEASE\b", _I)
_TO_DIGIT = str.maketrans("OoIl|!SsBZz", "00111155822")
_MASK = re.compile(r"(?<![A-Za-z0-9*×])([Xx*×]{4})\s?([Xx*×]{4})\s?(\d{4})(?!\d)")

#: The 28 states and 8 union territories -> (other printed spellings, first digits of their PINs).
STATES: dict[str, tuple[tuple[str, ...], str]] = {
    "Andhra Pradesh": ((), "5"), "Arunachal Pradesh": ((), "7"), "Assam": ((), "7"),
    "Bihar": ((), "8"), "Chhattisgarh": (("Chattisgarh", "Chhatisgarh"), "4"), "Goa": ((), "4"),
    "Gujarat": ((), "3"), "Haryana": ((), "1"), "Himachal Pradesh": ((), "1"),
    "Jharkhand": ((), "8"), "Karnataka": ((), "5"), "Kerala": ((), "6"),
    "Madhya Pradesh": ((), "4"), "Maharashtra": ((), "4"), "Manipur": ((), "7"),
    "Meghalaya": ((), "7"), "Mizoram": ((), "7"), "Nagaland": ((), "7"),
    "Odisha": (("Orissa",), "7"), "Punjab": ((), "1"), "Rajasthan": ((), "3"), "Sikkim": ((), "7"),
    "Tamil Nadu": ((), "6"), "Telangana": (("Telengana",), "5"), "Tripura": ((), "7"),
    "Uttar Pradesh": ((), "2"), "Uttarakhand": (("Uttaranchal",), "2"),
    "West Bengal": ((), "7"), "Andaman and Nicobar Islands": (("Andaman and Nicobar",), "7"),
    "Chandigarh": ((), "1"), "Delhi": (("NCT of Delhi", "New Delhi"), "1"),
    "Dadra and Nagar Haveli and Daman and Diu": (("Daman and Diu", "Dadra and Nagar Haveli"), "3"),
    "Jammu and Kashmir": ((), "1"), "Ladakh": ((), "1"), "Lakshadweep": ((), "6"),
    "Puducherry": (("Pondicherry",), "56"),
}


def _key(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower().replace("&", "and"))


_STATE_KEYS = {_key(n): n for n in STATES} | {
    _key(a): n for n, (alts, _) in STATES.items() for a in alts}
# Two-word pieces of state names, to rejoin "Madhya" / "Pradesh" wrapped over two lines.
_STATE_PAIRS = {" ".join(w[i:i + 2]) for n in STATES for w in [n.lower().split()] for i in range(len(w) - 1)}


# ---- the number -----------------------------------------------------------------------------

@dataclass
class Candidate:
    """A 12-digit (or masked) number read on one row, with where its first eight digits lie."""

    number: str  # 12 digits, or "XXXX XXXX 1234"
    repairs: int
    canonical: bool  # printed "1234 5678 9012" or "123456789012"
    line: TextLine
    spans: list[tuple[TextLine, int, int]] = field(default_factory=list)  # first 8 digits

    @property
    def masked(self) -> bool:
        return self.number.startswith("X")


def _rows(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows, each left to right."""
    rows: list[list[TextLine]] = []
    for ln in Layout(lines).lines:
        ref = rows[-1][0] if rows else None
        if ref is not None and ref.page == ln.page and abs(ln.cy - ref.cy) <= max(
                min(ref.height, ln.height) * 0.5, 1.0):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [sorted(r, key=lambda x: x.x0) for r in rows]


Segs = list[tuple[int, TextLine, int]]  # (offset in the row text, line, characters skipped)


def _join(row: list[TextLine], dedup: bool) -> tuple[str, Segs]:
    """The row's text; lines far apart are kept apart by ";". With ``dedup``, characters that
    two overlapping boxes both read ("24841" + "1692 4902") are kept once."""
    text, segs = "", []
    prev: TextLine | None = None
    for ln in row:
        skip = 0
        if prev is not None:
            unit = (prev.x1 - prev.x0) / max(1, len(prev.text))
            overlap = (prev.x1 - ln.x0) / max(unit, 1e-6)
            if ln.x0 - prev.x1 > 1.5 * max(prev.height, ln.height):
                text += " ; "
            elif dedup and overlap > 0.3:
                a, b = prev.text.rstrip().replace(" ", ""), ln.text.lstrip()
                k = next((k for k in (3, 2, 1) if k <= overlap + 1 and len(b) >= k
                          and " " not in b[:k] and a.endswith(b[:k])), 0)
                skip = len(ln.text) - len(b) + k
                text += "" if k else " "
            else:
                text += " "
        segs.append((len(text), ln, skip))
        text += ln.text[skip:]
        prev = ln
    return text, segs


def _locate(segs: Segs, pos: int) -> tuple[TextLine, int]:
    """The line and the offset in its text of the row text's character ``pos``."""
    for start, ln, skip in reversed(segs):
        if pos >= start:
            return ln, pos - start + skip
    return segs[0][1], pos


def _row_candidates(row: list[TextLine], dedup: bool) -> list[Candidate]:
    text, segs = _join(row, dedup)
    out: list[Candidate] = []
    for m in _MASK.finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        if not _VID.search(before) and not re.search(r"[Xx*×]{4}\s?$", before):
            out.append(Candidate(f"XXXX XXXX {m.group(3)}", 0, True, _locate(segs, m.start(3))[0]))
    run: list[tuple[int, str]] = []
    for m in [*re.finditer(r"[^\s:;,]+", text), None]:
        tok, pos = ("", len(text)) if m is None else (m.group(0).strip(".'\"()"), m.start())
        if tok:
            pos = text.index(tok, pos)
        conv = tok.translate(_TO_DIGIT)
        numeric = bool(tok) and conv.isascii() and conv.isdigit() and 2 * sum(c.isdigit() for c in tok) >= len(tok)
        if numeric and run and text[run[-1][0] + len(run[-1][1]):pos].strip() == "":
            run.append((pos, tok))
            continue
        if run and not _VID.search(text[max(0, run[0][0] - 16):run[0][0]]):
            cand = _from_run(run, segs)
            if cand:
                out.append(cand)
        run = [(pos, tok)] if numeric else []
    return out


def _from_run(run: list[tuple[int, str]], segs: Segs) -> Candidate | None:
    """A candidate from consecutive digit groups: 12 digits (not a 16-digit VID), or 4-4-4 with a
    stray digit or two read beside it."""
    sizes = [len(t) for _, t in run]
    total = sum(sizes)
    canonical = sizes in ([4, 4, 4], [12])
    if total == 16 or total < 12:
        return None
    if total > 12:
        if sizes[:3] == [4, 4, 4] and sizes[3] <= 2:
            run = run[:3]
        elif sizes[-3:] == [4, 4, 4] and sizes[-4] <= 2:
            run = run[-3:]
        else:
            return None
    chars = [(pos + k, ch) for pos, tok in run for k, ch in enumerate(tok)]
    where = [_locate(segs, pos) for pos, _ in chars]
    if total == 12 and not canonical and sizes not in ([4, 8], [8, 4]) and len({id(w[0]) for w in where}) < 2:
        return None  # "110085 560001": two numbers side by side, not one read in pieces
    repairs = sum(not ch.isdigit() for _, ch in chars)
    if repairs > 3:
        return None
    spans: dict[int, list] = {}
    for ln, off in where[:8]:
        spans.setdefault(id(ln), [ln, off, off + 1])[2] = off + 1
    line = max((s[0] for s in spans.values()), key=lambda ln: sum(c.isdigit() for c in ln.text))
    digits = "".join(ch for _, ch in chars).translate(_TO_DIGIT)
    return Candidate(digits, repairs, canonical, line, [(s[0], s[1], s[2]) for s in spans.values()])


def is_valid(number: str) -> bool:
    """Structure and Verhoeff digit (:func:`stdnum.in_.aadhaar.is_valid`), and not a specimen's
    number made of repeated digits.

    >>> is_valid("248416924902"), is_valid("248416924903"), is_valid("444455556666")
    (True, False, False)
    """
    if not is_aadhaar_number(number):
        return False
    return not all(len(set(number[i:i + 4])) == 1 for i in (0, 4, 8))


def find_numbers(lines: list[TextLine]) -> list[Candidate]:
    """Every Aadhaar-shaped number (valid or not, masked ones too), one per row and reading;
    VIDs and enrolment numbers excluded. Rows whose line boxes overlap are read again with the
    digits both boxes read kept once."""
    out: list[Candidate] = []
    for row in _rows(lines):
        found = _row_candidates(row, dedup=False)
        if len(row) > 1 and not any(is_valid(c.number) for c in found):
            extra = [c for c in _row_candidates(row, dedup=True) if is_valid(c.number)]
            found = extra or found
        out.extend(found)
    return out


def _best(cands: list[Candidate]) -> tuple[Candidate, int, bool] | None:
    """The number to report: (candidate, occurrences, conflict with another valid number)."""
    valid = [c for c in cands if not c.masked and is_valid(c.number)]
    pool = valid or [c for c in cands if c.masked]
    if not pool:
        return None
    counts: dict[str, int] = {}
    for c in pool:
        counts[c.number] = counts.get(c.number, 0) + 1
    best = max(pool, key=lambda c: (counts[c.number], c.canonical, -c.repairs, c.line.score))
    return best, counts[best.number], len(counts) > 1


# ---- classification -------------------------------------------------------------------------

def score(layout: Layout) -> float | None:
    text = layout.text
    if not text.strip():
        return None
    cands = find_numbers(layout.lines)
    valid = [c for c in cands if not c.masked and is_valid(c.number)]
    uidai = bool(_UIDAI.search(text)) or any(
        fuzz.partial_ratio("IDENTIFICATIONAUTHORITY", re.sub(r"[^A-Z]", "", ln.text.upper())) >= 85
        for ln in layout if len(ln.text) >= 20)
    issuer = uidai or bool(_SLOGAN.search(text))
    letter = bool(_LETTER.search(text))
    s = 0.35 * uidai + 0.25 * bool(_SLOGAN.search(text))
    s += 0.15 * bool(_WORD.search(text)) + 0.1 * bool(_GOVT.search(text)) + 0.2 * letter
    if valid:
        s += 0.45 if any(c.canonical for c in valid) else 0.35
        s += 0.1 * (len(valid) > 1 and len({c.number for c in valid}) == 1)  # front and back agree
    elif any(c.masked for c in cands):
        s += 0.4
    elif any(c.canonical for c in cands):
        s += 0.3  # a misread number still looks like one: no other Indian ID groups 12 digits 4-4-4
    s += 0.1 * bool(_DOB.search(text) or _YOB.search(text))
    s += 0.1 * any(parse_gender(ln.text) for ln in layout if len(ln.text) < 40)
    s += 0.06 * bool(_ADDRESS.search(text))
    s -= 0.5 * sum(bool(rx.search(text)) for rx in _OTHER)
    if not (issuer or letter) and (len(layout) > 30 or _LETTERISH.search(text)):
        s -= 0.45  # a letter or form that mentions Aadhaar
    return round(min(1.0, s), 4) if s > 0 else None


# ---- extraction -----------------------------------------------------------------------------

def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    best = _best(find_numbers(layout.lines))
    if best:
        cand, count, conflict = best
        conf = confidence(cand.line.score, checked=None if cand.masked else True,
                          repairs=cand.repairs + (not cand.canonical))
        conf = min(0.99, conf + 0.03 * (count > 1)) if not conflict else min(conf, 0.7)
        value = cand.number if cand.masked else AadhaarMasking(options.reveal_aadhaar).number(cand.number)
        fields["aadhaar_number"] = make_field(value, round(conf, 4), cand.line)

    anchor = _dob(layout, fields)
    name = _name(layout, anchor)
    if name:
        value, fixes = re.subn(r"(?<=[a-z])(?=[A-Z])", " ", name[0])  # "SandeepMenon": a space lost
        fixes += any(len(w) > 13 for w in value.split())  # "SANDEEPMENON" cannot be split
        conf = confidence(name[1].score, anchored=name[2], free_text=True, repairs=fixes)
        fields["name"] = make_field(value, conf, name[1])
    gender = _gender(layout, anchor)
    if gender:
        fields["gender"] = make_field(gender[0], confidence(gender[1].score, anchored=gender[2]), gender[1])
    addr = _address(layout)
    if addr:
        text, lines, readings = addr
        conf = confidence(min(ln.score for ln in lines), free_text=True)
        if readings < 2:  # one OCR slip spoils a long text: sure only when two readings agree
            conf = min(conf, 0.89)
        fields["address"] = make_field(text, conf, lines[0])
        parsed = parse_address(text)
        fconf = conf if parsed["state"] and parsed["postcode"] else min(conf, 0.6)
        fields["formatted_address"] = make_field(parsed, round(fconf * 0.97, 4), lines[0])
    return fields


def _dob(layout: Layout, fields: dict[str, Field]) -> TextLine | None:
    """Set date_of_birth (or year_of_birth) and return the line the name sits above."""
    for anchor in layout.find(_DOB):
        if _YOB.search(anchor.text):
            continue
        rest = anchor.text[_DOB.search(anchor.text).end():]  # type: ignore[union-attr]
        for ln, txt in [(anchor, rest), *[(c, c.text) for c in
                                          [*layout.right_of(anchor), *layout.below(anchor, max_lines=1)]]]:
            txt, fixes = re.subn(r"(?<=\d)\s?[:;,]\s?(?=\d)", "/", txt)  # "09:11:1978"
            dob = parse_date(txt) if DATE_RE.search(txt) else None
            if dob:
                ok = is_plausible_birth(dob)
                conf = confidence(ln.score, checked=None if ok else False, repairs=min(fixes, 1))
                fields["date_of_birth"] = make_field(dob, conf, ln)
                return anchor
    for anchor in layout.find(_YOB):
        rest = anchor.text[_YOB.search(anchor.text).end():]  # type: ignore[union-attr]
        for ln, txt in [(anchor, rest), *[(c, c.text) for c in layout.below(anchor, max_lines=1)]]:
            m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", txt.translate(_TO_DIGIT))
            if m:
                fields["year_of_birth"] = make_field(m.group(1), confidence(ln.score), ln)
                return anchor
    for hit in layout.all(DATE_RE):  # an unlabelled date that is no issue or print date
        dob = parse_date(hit.text)
        if dob and is_plausible_birth(dob) and not _NOT_DOB.search(hit.line.text):
            fields["date_of_birth"] = make_field(dob, confidence(hit.score, anchored=False), hit.line)
            return hit.line
    return None


def _latin(text: str) -> bool:
    deva = sum("\u0900" <= ch <= "\u097f" for ch in text)
    return sum(ch.isascii() and ch.isalpha() for ch in text) > deva


def _name(layout: Layout, anchor: TextLine | None) -> tuple[str, TextLine, bool] | None:
    for ln in layout.find(r"^\s*Name\s*[:\-]"):
        if looks_like_name(ln.text):
            return clean_name(ln.text), ln, True
    if anchor is None:
        anchor = next(iter(layout.find(_GENDER) or [ln for ln in layout if parse_gender(ln.text)]), None)
    if anchor is not None:
        h = max(anchor.height, layout.median_height)
        above = [ln for ln in layout if ln.page == anchor.page and ln.cy < anchor.y0
                 and anchor.y0 - ln.y1 < 7 * h and abs(ln.x0 - anchor.x0) < 4 * h]
        for i, ln in enumerate(sorted(above, key=lambda ln: -ln.cy)[:4]):
            if _is_name(ln):
                return clean_name(ln.text), ln, i < 3
    for to in layout.find(_TO):
        for ln in layout.below(to, max_lines=4):
            if _is_name(ln):
                return clean_name(ln.text), ln, False
    return None


def _is_name(ln: TextLine) -> bool:
    """A Latin line that reads as a name (a garbled Hindi line read as Latin scores low)."""
    return ln.score >= 0.6 and _latin(ln.text) and looks_like_name(ln.text) and not _NOT_NAME.search(ln.text)


def _gender(layout: Layout, anchor: TextLine | None) -> tuple[str, TextLine, bool] | None:
    near = layout.below(anchor, max_lines=2) if anchor is not None else []
    for ln in [*near, *layout.lines]:
        g = parse_gender(ln.text)
        if g and (len(ln.text.split()) <= 5 or _GENDER.search(ln.text)):
            return g, ln, ln in near or bool(_GENDER.search(ln.text))
    return None


# ---- address ----------------------------------------------------------------------------------

def _address(layout: Layout) -> tuple[str, list[TextLine], int] | None:
    """The printed address (after an "Address:" label, or in the letter's "To" block), its lines
    and how many blocks read the same."""
    blocks = []
    for anchor in layout.find(_ADDRESS):
        m = _ADDRESS.search(anchor.text)
        assert m is not None
        prefix = anchor.text[:m.start()]
        if re.search(r"[A-Za-z]{3}", prefix) and not re.search(r"[/|]\s*$", prefix):
            continue  # "ABHA address", "Business address"
        rest = anchor.text[m.end():].strip()
        blocks.append(_collect(layout, anchor, [anchor] if rest else [], [rest] if rest else []))
    for to in layout.find(_TO):
        follow = [ln for ln in layout.below(to, max_lines=4) if _latin(ln.text) and ln.score >= 0.6]
        if follow and _is_name(follow[0]):  # "To", the name, then the address
            blocks.append(_collect(layout, follow[0], [], []))
    found = [b for b in blocks if b]
    if not found:
        return None
    text, lines, _ = max(found, key=lambda b: (bool(_PIN.search(b[0])), not b[2], min(ln.score for ln in b[1])))
    return text, lines, sum(b[0] == text for b in found)


def _collect(layout: Layout, anchor: TextLine, lines: list[TextLine],
             texts: list[str]) -> tuple[str, list[TextLine], bool] | None:
    """Lines below ``anchor`` in its column, up to the one ending with the PIN; and whether an
    unreadable line was skipped on the way."""
    h = max(anchor.height, layout.median_height * 0.8)
    last, gap = anchor, False
    for ln in layout.lines[layout.lines.index(anchor) + 1:]:
        if texts and _PIN.search(texts[-1]):
            break
        if ln.page != anchor.page or ln.cy <= anchor.cy + h * 0.5:
            continue
        if not anchor.x0 - 2 * h <= ln.x0 <= anchor.x0 + 8 * h:
            continue
        if not _latin(ln.text) or ln.score < 0.5:
            gap = True
            continue
        if ln.y0 - last.y1 > 1.8 * h or len(texts) >= 7 or _STOP.search(ln.text) or find_numbers([ln]):
            break
        if lines and abs(ln.cy - lines[-1].cy) < h * 0.5:  # same row, split by the OCR
            texts[-1] += " " + ln.text.strip()
        else:
            texts.append(ln.text.strip())
        lines.append(ln)
        last = ln
    text = _join_address(texts)
    return (text, lines, gap) if text and lines else None


def _join_address(texts: list[str]) -> str:
    """Printed lines joined with ", " (a word wrapped mid-name, "Madhya" / "Pradesh", with " ")."""
    out = ""
    for t in texts:
        t = t.strip(" ,")
        if not t:
            continue
        if out:
            pair = f"{out.split()[-1]} {t.split()[0]}".lower()
            glue = out.endswith("-") or t[0] == "-" or t[0].islower() or pair in _STATE_PAIRS
            out += " " if glue else ", "
        out += t
    out = re.sub(r"\s*,[\s,]*", ", ", re.sub(r"(?<=[A-Za-z]):(?=[A-Za-z])", ": ", out))
    out = re.sub(r"(?<=[A-Za-z])\s?-?\s?(?=[1-9]\d{2}\s?\d{3}$)", lambda m: " - " if "-" in m.group(0) else " ", out)
    return _fix_state(re.sub(r"\s+", " ", out).strip(" ,"))


def _fix_state(text: str) -> str:
    """A misread state name near the end ("Mabarashtra") spelled as in :data:`STATES`."""
    parts = text.split(", ")
    for i in range(len(parts) - 1, max(-1, len(parts) - 3), -1):
        m = re.match(r"^([A-Za-z][A-Za-z ]{4,}?)(\s*(?:-\s*)?\d{3}\s?\d{3})?$", parts[i])
        if not m or _key(m.group(1)) in _STATE_KEYS:
            continue
        best = max(STATES, key=lambda n: fuzz.ratio(n.lower(), m.group(1).lower()))
        if fuzz.ratio(best.lower(), m.group(1).lower()) >= 88:
            parts[i] = (best.upper() if m.group(1).isupper() else best) + (m.group(2) or "")
            break
    return ", ".join(parts)


_PIN_LABEL = re.compile(r"(?:PIN\s*(?:CODE)?|PINCODE)\s*[:.\-]?", _I)
_DIST = re.compile(r"^(?:DIST(?:RICT)?|DT)\b\.?\s*[:\-]?\s*", _I)
_PART_LABEL = re.compile(r"^(?:STATE|CITY|VTC|TOWN)\s*[:\-]\s*", _I)


def parse_address(text: str) -> dict[str, str]:
    """Split an Indian address into line 1, line 2, city, state and PIN (``""`` when absent).

    >>> parse_address("C/O Suresh, Plot 12, Dist: Bhopal, Madhya Pradesh, PIN Code: 462003")["city"]
    'Bhopal'
    >>> parse_address("12 MG Road, Indore Madhya Pradesh 452001")["state"]
    'Madhya Pradesh'
    """
    parts = [p.strip(" .-") for p in text.split(",")]
    pin = ""
    for i in range(len(parts) - 1, -1, -1):
        m = _PIN.search(parts[i])
        if m:
            pin = m.group(1) + m.group(2)
            parts[i] = _PIN_LABEL.sub("", parts[i][:m.start()] + parts[i][m.end():]).strip(" .-:")
            break
    parts = [p for p in parts if p]
    state, city, rest = "", "", parts
    for i in range(len(parts) - 1, -1, -1):
        words = _PART_LABEL.sub("", parts[i]).split()
        k = next((k for k in range(len(words)) if _key(" ".join(words[k:])) in _STATE_KEYS), None)
        if k is None:
            continue
        tail, head = " ".join(words[k:]), " ".join(words[:k])
        state = _STATE_KEYS[_key(tail)]
        if _key(tail) == "newdelhi":
            city = tail
        rest = parts[:i] + ([head] if head else [])
        break
    dist = next((i for i, p in enumerate(rest) if _DIST.match(p) and _DIST.sub("", p)), None)
    if not city and dist is not None:
        city = _DIST.sub("", rest.pop(dist))
    elif not city and rest:
        city = _PART_LABEL.sub("", rest.pop())
    while rest and city and _key(rest[-1]) == _key(city):
        rest.pop()  # "Bhopal, Dist: Bhopal": the city once
    k = math.ceil(len(rest) / 2)
    return {"address_line_1": ", ".join(rest[:k]), "address_line_2": ", ".join(rest[k:]),
            "city": city, "state": state, "postcode": pin}


# ---- validation and the masked image --------------------------------------------------------

def validate(fields: dict[str, Field]) -> list[str]:
    """The PIN's first digit names a postal zone; it must agree with the state."""
    fa = fields.get("formatted_address")
    if fa and isinstance(fa.value, dict):
        state, pin = fa.value.get("state"), fa.value.get("postcode")
        if state in STATES and pin and pin[0] not in STATES[state][1]:
            fa.confidence_score = min(fa.confidence_score, 0.5)
            return ["The PIN code does not belong to the state in the address"]
    return []


def sensitive_boxes(page: Page) -> list[tuple[float, float, float, float]]:
    """Boxes (page pixels) to black out on ``page``: the first eight digits of every full number
    the reading finds and, per line, kagaz.text.masking's rule finds (as in the redacted image).
    Any picture of an Aadhaar page that leaves kagaz's engine (review images too) has them masked."""
    spans = [(ln, s, e) for c in find_numbers(page.lines) if not c.masked for ln, s, e in c.spans]
    spans += [(ln, m.start, m.hidden_end) for ln in page.lines for m in find_aadhaar(ln.text)]
    return [digit_span_box(ln.box, ln.text, s, e, image=page.image) for ln, s, e in spans]


def finish(doc: Document) -> None:
    """Store PNGs of the pages with the first eight digits of every Aadhaar number blacked out.

    Numbers that fail the check digit (misread, or a specimen's) are masked too. Nothing is
    stored when no full number is on the document (a masked copy needs no mask).
    """
    if all(c.masked for c in find_numbers(doc.lines)):
        return
    first = True
    for page in doc.pages:
        if page.image is None:
            continue
        try:
            boxes = sensitive_boxes(page)
            if boxes or first:
                key = "aadhaar_redacted" if first else f"aadhaar_redacted_p{page.index + 1}"
                doc.artifacts[key] = mask_regions(page.image, boxes)
        except Exception:  # noqa: BLE001 - a masking failure must not fail the reading
            doc.add_issue("validate", "REDACTION_FAILED", "The masked image could not be made", page.index)
        first = False
