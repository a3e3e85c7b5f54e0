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
territories, as named in :data:`STATES`) and ``postcode`` (the 6-digit PIN); the extract stage
adds it, as for every type's addresses (:mod:`kagaz.doctypes.address_format`).

The numbers are found by :mod:`~kagaz.doctypes.aadhaar_numbers`, the address is read by
:mod:`~kagaz.doctypes.aadhaar_address`.

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
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from kagaz.doctypes.aadhaar_address import (
    ADDRESS_LABEL, STATES, TO_LINE, find_address, is_name, parse_address,
)
from kagaz.doctypes.aadhaar_numbers import TO_DIGIT, Candidate, find_numbers, is_valid
from kagaz.doctypes.fields import ADDRESS, DATE, GENDER, IDENTIFIER, PERSON, POSTCODE, Spec, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.imaging.redact import digit_span_box, mask_regions
from kagaz.model import Document, Field, Page, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date
from kagaz.text.layout import Layout
from kagaz.text.masking import AadhaarMasking, find_aadhaar
from kagaz.text.names import clean_name, looks_like_name, parse_gender

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "STATES", "extract", "find_numbers", "finish",
           "is_valid", "parse_address", "score", "sensitive_boxes", "validate"]

CODE = "AADHAAR"
GROUP = "identity"
ORDER = 20
GENERATOR = "kagaz.synth.aadhaar"
FIELDS = declare(
    aadhaar_number=IDENTIFIER, name=PERSON, date_of_birth=DATE, year_of_birth=Spec("date", scored=False),
    gender=GENDER, address=ADDRESS, postcode=POSTCODE,
)
_I = re.IGNORECASE

_UIDAI = re.compile(r"UNIQUE\s*IDENTIFICATION|IDENTIFICATION\s*AUTHORITY|UIDAI|विशिष्ट\s*पहचान|पहचान\s*प्राधिकरण", _I)
_SLOGAN = re.compile(r"मेरा\s*आधार|मेरी\s*पहचान|AAM\s*AADMI|आम\s*आदमी", _I)
_WORD = re.compile(r"AADHAA?R|आधार", _I)
_GOVT = re.compile(r"GOV[A-Z]*\.?\s*OF\s*IN|भारत\s*सरकार", _I)
_LETTER = re.compile(r"ENROL+MENT\s*N|YOUR\s*AADHAA?R\s*N|नामांकन|आपका\s*आधार", _I)
_DOB = re.compile(r"(?<![A-Z])D\s?[O0]\s?[B8D](?![A-Z])|DATE\s*OF\s*BIRTH|BIRTH\s*DATE|जन्म\s*तिथि|जन्मतिथि", _I)
_YOB = re.compile(r"YEAR\s*OF\s*BIRTH|(?<![A-Z])YOB(?![A-Z])|जन्म\s*वर्ष", _I)
_NOT_DOB = re.compile(r"ISSUE|DOWNLOAD|PRINT|GENERAT|VALID|SIGNATURE|ENROL|DATE\s*:", _I)
_GENDER = re.compile(r"GENDER|(?<![A-Z])SEX(?![A-Z])|लिंग", _I)
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
    slogan = bool(_SLOGAN.search(text))
    issuer = uidai or slogan
    letter = bool(_LETTER.search(text))
    s = 0.35 * uidai + 0.25 * slogan
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
    s += 0.06 * bool(ADDRESS_LABEL.search(text))
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
    addr = find_address(layout)
    if addr:
        text, lines, readings = addr
        conf = confidence(min(ln.score for ln in lines), free_text=True)
        if readings < 2:  # one OCR slip spoils a long text: sure only when two readings agree
            conf = min(conf, 0.89)
        fields["address"] = make_field(text, conf, lines[0])  # formatted_address: the extract stage
    return fields


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
            m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", txt.translate(TO_DIGIT))
            if m:
                fields["year_of_birth"] = make_field(m.group(1), confidence(ln.score), ln)
                return anchor
    for hit in layout.all(DATE_RE):  # an unlabelled date that is no issue or print date
        dob = parse_date(hit.text)
        if dob and is_plausible_birth(dob) and not _NOT_DOB.search(hit.line.text):
            fields["date_of_birth"] = make_field(dob, confidence(hit.score, anchored=False), hit.line)
            return hit.line
    return None


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
            if is_name(ln):
                return clean_name(ln.text), ln, i < 3
    for to in layout.find(TO_LINE):
        for ln in layout.below(to, max_lines=4):
            if is_name(ln):
                return clean_name(ln.text), ln, False
    return None


def _gender(layout: Layout, anchor: TextLine | None) -> tuple[str, TextLine, bool] | None:
    near = layout.below(anchor, max_lines=2) if anchor is not None else []
    for ln in [*near, *layout.lines]:
        g = parse_gender(ln.text)
        if g and (len(ln.text.split()) <= 5 or _GENDER.search(ln.text)):
            return g, ln, ln in near or bool(_GENDER.search(ln.text))
    return None


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
    image = page.picture() if spans else page.image
    boxes = [digit_span_box(ln.box, ln.text, s, e, image=image) for ln, s, e in spans]
    return boxes + list(page.private_boxes)  # the QR code, as UIDAI requires


def finish(doc: Document) -> None:
    """Store PNGs of the pages with the first eight digits of every Aadhaar number blacked out.

    Numbers that fail the check digit (misread, or a specimen's) are masked too, and so is the
    QR code (``Page.private_boxes``). Nothing is stored when neither a full number nor a QR code
    is on the document (a masked copy needs no mask).
    """
    if all(c.masked for c in find_numbers(doc.lines)) and not any(p.private_boxes for p in doc.pages):
        return
    first = True
    for page in doc.pages:
        if page.picture() is None:
            continue
        try:
            boxes = sensitive_boxes(page)
            if boxes or first:
                key = "aadhaar_redacted" if first else f"aadhaar_redacted_p{page.index + 1}"
                doc.artifacts[key] = mask_regions(page.image, boxes)
        except Exception:  # noqa: BLE001 - a masking failure must not fail the reading
            doc.add_issue("validate", "REDACTION_FAILED", "The masked image could not be made", page.index)
        first = False
