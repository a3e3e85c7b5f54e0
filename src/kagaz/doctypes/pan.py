"""PAN card (Permanent Account Number, Income Tax Department).

What every PAN card prints (Income-tax Rules 1962, rule 114 and the CBDT's card design): the
issuer, "INCOME TAX DEPARTMENT" / "GOVT. OF INDIA"; the ten-character Permanent Account Number,
labelled "Permanent Account Number" on every design since 2004; the holder's name, the father's
name (individuals) and the date of birth or incorporation. :func:`score` asks for the issuer, the
label and a number of that shape on a card: short lines, few of them. Documents that print a PAN
beside the same words but are not the card (certificates of incorporation, Form 16 and 26AS,
return acknowledgements, invoices, statements, letters) are declined.

Layout notes: the card names its issuer ("INCOME TAX DEPARTMENT", "आयकर विभाग", "GOVT. OF
INDIA") and prints the holder's name, the father's name, the date of birth and the ten-character
number, labelled "Permanent Account Number" (new cards: "Permanent Account Number Card"). Old
cards print the values without labels, in the order name, father's name, date of birth; new
cards label each one ("Name / नाम", "Father's Name / पिता का नाम", "Date of Birth / जन्म की
तारीख").

The number (CBDT): five letters, four digits, one letter; the fourth letter is the holder's
category (P for a person) and, for a person, the fifth is the initial of the surname.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "INCOME TAX DEPARTMENT\\nRAVI KUMAR\\nSURESH KUMAR\\n01/02/1990\\n"
...     "Permanent Account Number\\nABCPK1234F")]
>>> from kagaz.text.layout import Layout
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["pan_number"].value, f["name_as_per_pan"].value, f["father_name"].value, f["dob"].value
('ABCPK1234F', 'RAVI KUMAR', 'SURESH KUMAR', '01/02/1990')
"""

from __future__ import annotations

import re

from stdnum.in_ import pan as stdnum_pan

from kagaz.doctypes.fields import DATE, IDENTIFIER, PERSON, Spec, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.model import Field, TextLine
from kagaz.text.dates import DATE_RE, is_plausible_birth, parse_date
from kagaz.text.layout import Layout
from kagaz.text.names import clean_name, looks_like_name, split_on_shared_word
from kagaz.text.repair import coerce, only_alnum

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "PAN"
GROUP = "identity"
ORDER = 10
GENERATOR = "kagaz.synth.pan"
FIELDS = declare(
    pan_number=IDENTIFIER, name_as_per_pan=PERSON, father_name=PERSON, dob=DATE,
    document_quality_flag=Spec("text", scored=False),  # from the image, not printed,
)

_ISSUER = re.compile(r"INCOME\s*TAX|आयकर", re.IGNORECASE)
_PAN_LABEL = re.compile(r"PERMANENT\s*ACCOUNT|PAN\s*(?:CARD|NO)|स्थायी\s*लेखा", re.IGNORECASE)
_CANDIDATE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{5}\s?[A-Z0-9]{4}\s?[A-Z0-9])(?![A-Z0-9])")
_NAME_LABEL = re.compile(r"^[^A-Za-z]{0,12}(?:name|नाम)\b(?!.*father)", re.IGNORECASE)
_FATHER_LABEL = re.compile(r"father|पिता", re.IGNORECASE)
_DOB_LABEL = re.compile(r"date\s*of\s*birth|जन्म|\bDOB\b", re.IGNORECASE)
# Lines that are never a person's name on a PAN card.
_NOT_NAME = re.compile(
    r"INCOME|TAX|GOVT|GOVERNMENT|INDIA|PERMANENT|ACCOUNT|NUMBER|SIGNATURE|CARD|DEPARTMENT|"
    r"SPECIMEN|SAMPLE|BIRTH|FATHER|NAME|DOCUMENT|\d",
    re.IGNORECASE,
)
# Foreign-document cues: these documents print a PAN (often beside "Permanent Account Number"
# and "Income Tax Department") but are not PAN cards: other IDs, certificates of incorporation
# (MCA prints the company's PAN and TAN), returns and their acknowledgements, Form 16 / 26AS,
# pay slips, invoices, statements, letters.
_OTHER_DOC = re.compile(
    r"AADHAAR|UNIQUE\s*IDENTIFICATION|ELECTION\s*COMMISSION|DRIVING|PASSPORT|GSTIN|INVOICE|"
    r"REGISTRATION\s*CERTIFICATE|STATEMENT\s*OF\s*ACCOUNT|CERTIFICATE\s*OF\s*INCORPORATION|"
    r"COMPANIES\s*ACT|CORPORATE\s*(?:IDENTITY|AFFAIRS)|REGISTRAR\s*OF\s*COMPANIES|HEREBY\s*CERTIF|"
    r"TAX\s*DEDUCTION|ACKNOWLEDGE?MENT|ASSESSMENT\s*YEAR|FORM\s*(?:NO\.?\s*)?(?:16|26AS)\b|"
    r"RECEIPT|DEAR\s+SIR|YOURS\s+(?:SINCERELY|FAITHFULLY)|PAY\s*-?\s*SLIP|SALARY\s*SLIP|"
    r"NET\s*(?:PAY|SALARY)\b",
    re.IGNORECASE,
)
# A card prints short lines; sentences belong to letters, certificates and forms.
_SENTENCE_WORDS = 9


def score(layout: Layout) -> float | None:
    text = layout.text
    issuer = bool(_ISSUER.search(text))
    label = bool(_PAN_LABEL.search(text))
    number = _find_number(layout) is not None
    s = 0.45 * issuer + 0.3 * label + 0.35 * number
    if _OTHER_DOC.search(text):
        s -= 0.5
    if len(layout) > 40:  # a letter or a form mentioning PAN, not a card
        s -= 0.4
    if sum(len(ln.text.split()) >= _SENTENCE_WORDS for ln in layout) >= 3:
        s -= 0.4
    return max(0.0, min(1.0, s)) if s > 0 else None


def _find_number(layout: Layout) -> tuple[str, int, TextLine] | None:
    """The best PAN-shaped token: (value, repairs, line), preferring one near its label."""
    best: tuple[int, str, int, TextLine] | None = None
    labels = layout.find(_PAN_LABEL)
    for line in layout:
        for m in _CANDIDATE.finditer(line.text.upper()):
            raw = only_alnum(m.group(1))
            fixed = coerce(raw, "AAAAA9999A")
            if fixed is None:
                continue
            value, repairs = fixed
            if not stdnum_pan.is_valid(value):
                continue
            near = any(abs(line.cy - lab.cy) < lab.height * 4 for lab in labels)
            rank = repairs * 2 - (3 if near else 0)
            if best is None or rank < best[0]:
                best = (rank, value, repairs, line)
    return (best[1], best[2], best[3]) if best else None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    found = _find_number(layout)
    if found:
        value, repairs, line = found
        fields["pan_number"] = make_field(value, confidence(line.score, checked=True, repairs=repairs), line)

    dob_hit = layout.value_after(_DOB_LABEL, DATE_RE)
    dob_line = dob_hit.line if dob_hit else None
    if dob_hit is None:
        dates = layout.all(DATE_RE)
        dob_hit = dates[0] if dates else None
        dob_line = dob_hit.line if dob_hit else None
    if dob_hit and dob_line is not None:
        dob = parse_date(dob_line.text)
        if dob:
            ok = is_plausible_birth(dob)
            conf = confidence(dob_line.score, checked=None if ok else False)
            fields["dob"] = make_field(dob, conf, dob_line)

    name, father = _names(layout, dob_line)
    if name:
        fields["name_as_per_pan"] = make_field(name[0], confidence(name[1].score, anchored=name[2], free_text=True), name[1])
    if father:
        fields["father_name"] = make_field(father[0], confidence(father[1].score, anchored=father[2], free_text=True), father[1])
    return fields


def _names(layout: Layout, dob_line: TextLine | None):  # type: ignore[no-untyped-def]
    """(name, line, anchored) for the holder and the father: labelled first, else by position."""
    def labelled(rx: re.Pattern[str]):  # type: ignore[no-untyped-def]
        for anchor in layout.find(rx):
            rest = rx.split(anchor.text, maxsplit=1)[-1]
            rest = re.sub(r"^[^A-Za-z]*(?:name)?[^A-Za-z]*", "", rest, flags=re.IGNORECASE)
            if looks_like_name(rest) and not _NOT_NAME.search(rest):
                return clean_name(rest), anchor, True
            for cand in [*layout.right_of(anchor), *layout.below(anchor, max_lines=2)]:
                if _is_name_line(cand):
                    return clean_name(cand.text), cand, True
        return None

    father = labelled(_FATHER_LABEL)
    name = labelled(_NAME_LABEL)
    if name and father and name[1] is father[1]:
        name = None
    if name is None or father is None:
        # Old layout: unlabelled name then father's name, above the date of birth.
        limit = dob_line.cy if dob_line is not None else float("inf")
        issuer = layout.find(_ISSUER)
        top = max((ln.y1 for ln in issuer), default=float("-inf"))
        cands = [ln for ln in layout if top < ln.cy < limit and _is_name_line(ln)]
        taken = {id(x[1]) for x in (name, father) if x}
        cands = [ln for ln in cands if id(ln) not in taken]
        if name is None and cands:
            name = (clean_name(cands[0].text), cands[0], False)
            cands = cands[1:]
        if father is None and cands:
            father = (clean_name(cands[0].text), cands[0], False)
    return name, father


def _is_name_line(line: TextLine) -> bool:
    return looks_like_name(line.text) and not _NOT_NAME.search(line.text)


def validate(fields: dict[str, Field]) -> list[str]:
    """The fifth letter of a person's PAN is their surname's initial."""
    issues = []
    name, father = fields.get("name_as_per_pan"), fields.get("father_name")
    if name and father:
        fixed_name, fixed_father = split_on_shared_word(name.value, father.value)
        if fixed_name != name.value:
            name.value, name.confidence_score = fixed_name, min(name.confidence_score, 0.85)
        if fixed_father != father.value:
            father.value, father.confidence_score = fixed_father, min(father.confidence_score, 0.85)
    pan = fields.get("pan_number")
    if pan and name and pan.value[3] == "P":
        surname = name.value.split()[-1] if name.value.split() else ""
        if surname and surname[0].upper() != pan.value[4]:
            issues.append("PAN's fifth letter does not match the surname's initial")
            pan.confidence_score = min(pan.confidence_score, 0.8)
            name.confidence_score = min(name.confidence_score, 0.7)
    return issues

