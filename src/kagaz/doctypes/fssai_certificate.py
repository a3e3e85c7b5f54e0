"""FSSAI certificate (a food business's registration certificate or licence, FSSAI / FoSCoS).

What every certificate prints, by rule: the Food Safety and Standards (Licensing and
Registration of Food Businesses) Regulations, 2011 (regulation 2.1) require every food business
operator to hold a registration (petty food businesses, Schedule 2's registration certificate,
granted by the Registering Authority) or a licence (Form C, "License under Food Safety and
Standards Act, 2006", granted by the State's Designated Officer, or by the Central Licensing
Authority for the businesses of Schedule 1). Both print "Food Safety and Standards Authority
of India", the 14-digit registration or licence number, the food business operator's name and
the address of its premises, the kind of business, the date of issue and the validity ("Valid
Upto"), and the issuing authority. :func:`score` needs the authority's name with the
certificate's own words (Form C, "Registration Certificate", "License under Food Safety and
Standards Act", a labelled licence / registration number); an invoice or a menu that prints
"FSSAI Lic. No." is declined.

The number's digits (FSSAI's numbering as published with FoSCoS and repeated by its
registration agents; no offline table of its office codes exists): the 1st says registration
(2) or licence (1); the 2nd and 3rd the state's code; the 4th and 5th the year it was first
granted; the 6th to 8th the enrolling office; the last six the business's serial.

Values: ``licence_number`` (the 14 digits, registration numbers included: one field, as Atlas
names it); ``business_name``; ``address`` (the premises); ``valid_till`` DD/MM/YYYY;
``issue_date``; ``kind``: ``registration``, ``state_licence`` or ``central_licence``, from what
the certificate prints (its title and authority: "Registration Certificate" / "Registering
Authority", "Designated Officer" or "State", "Central Licensing Authority" or "Central"), else
from the number's first digit (2: a registration; a licence's 1 cannot tell state from central,
so no kind is returned then).

Validation ``fssai_number_format``: 14 digits, first digit 1 or 2, a year (4th and 5th digits)
not after the certificate's validity, and the first digit agreeing with the kind printed.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''Government of India
... Food Safety and Standards Authority of India
... Form C
... License under Food Safety and Standards Act, 2006
... License Number : 11519011000123
... Name of Licensee : Annapurna Foods Private Limited
... Address of Authorized Premises : Plot 12, MIDC, Satara, Maharashtra - 415004
... Kind of Business : Manufacturer
... Date of Issue : 01/04/2023
... Valid Upto : 31/03/2028
... Designated Officer'''
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> score(lay) > 0.8
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ("licence_number", "business_name", "address", "valid_till", "kind")]
['11519011000123', 'Annapurna Foods Private Limited', 'Plot 12, MIDC, Satara, Maharashtra - 415004', '31/03/2028', 'state_licence']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing_dates import labelled_date
from kagaz.doctypes.fields import ADDRESS, DATE, IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.form_values import text_value, tidy_address
from kagaz.doctypes.forms import read_value
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "number_parts",
           "score", "validate"]

CODE = "FSSAI_CERTIFICATE"
GROUP = "business"
ORDER = 240
GENERATOR = "kagaz.synth.fssai"
FIELDS = declare(licence_number=IDENTIFIER, business_name=NAME, address=ADDRESS, valid_till=DATE,
                 kind=TEXT, issue_date=DATE, kind_of_business=TEXT)

_I = re.I
_AUTHORITY = re.compile(r"FOOD\s*SAFETY\s*(?:AND|&)\s*STANDARDS?\s*AUTHORITY|\bFSSAI\b|\bFoSCoS\b", _I)
_OWN = re.compile(r"\bFORM\s*[-\s]?C\b|REGISTRATION\s*CERTIFICATE|CERTIFICATE\s*OF\s*REGISTRATION|"
                  r"LICEN[CS]E\s*UNDER\s*(?:THE\s*)?FOOD\s*SAFETY|(?:LICEN[CS]E|REGISTRATION)\s*(?:NO|NUMBER)|"
                  r"REGISTERING\s*AUTHORITY|LICENSING\s*AUTHORITY|DESIGNATED\s*OFFICER|AUTHORI[SZ]ED\s*PREMISES|"
                  r"KIND\s*OF\s*BUSINESS|FOOD\s*BUSINESS\s*OPERATOR", _I)
_OTHER = re.compile(r"TAX\s*INVOICE|\bINVOICE\s*(?:NO|DATE)|BILL\s*OF\s*SUPPLY|\bHSN\b|\bQTY\b|GRAND\s*TOTAL|"
                    r"\bMENU\b|STATEMENT\s*OF\s*ACCOUNT|\bGSTIN\b.*\bREG-0?6\b", _I)
_NUMBER_LABEL = re.compile(r"(?:LICEN[CS]E|REGISTRATION|REG\.?|LIC\.?)\s*(?:NO\b\.?|NUMBER|#)", _I)
_NUMBER = re.compile(r"(?<!\d)([12](?:\s?\d){13})(?!\d)")
_L = {
    "business_name": re.compile(r"NAME\s*(?:AND\s*REGISTERED\s*OFFICE\s*ADDRESS\s*)?OF\s*(?:THE\s*)?(?:LICENSEE|"
                                r"REGISTERED\s*FBO|FOOD\s*BUSINESS\s*OPERATOR|FBO|COMPANY|BUSINESS)|"
                                r"^\W{0,3}(?:FBO|BUSINESS|COMPANY)\s*NAME|^\W{0,3}NAME\b", _I),
    "address": re.compile(r"ADDRESS\s*OF\s*(?:THE\s*)?(?:AUTHORI[SZ]ED\s*)?PREMISES?|PREMISES\s*ADDRESS|"
                          r"^\W{0,3}ADDRESS\b", _I),
    "kind_of_business": re.compile(r"KIND\s*OF\s*BUSINESS|NATURE\s*OF\s*BUSINESS|CATEGORY", _I),
}
_STOP = re.compile(r"NAME\s*(?:AND|OF)|ADDRESS|KIND\s*OF|NATURE\s*OF|CATEGORY|DATE\s*OF|VALID|LICEN[CS]E\s*(?:NO|"
                   r"NUMBER)|REGISTRATION\s*(?:NO|NUMBER)|ISSUED|PRODUCTS?\b|SIGNATURE|DESIGNATED|AUTHORITY|"
                   r"^\W{0,3}(?:FBO|BUSINESS|COMPANY)\s*NAME", _I)
_VALID = [re.compile(r"VALID\s*(?:UP\s*TO|UPTO|TILL|UNTIL)|VALIDITY|EXPIRY\s*DATE|DATE\s*OF\s*EXPIRY", _I)]
_ISSUE = [re.compile(r"DATE\s*OF\s*ISSUE|ISSUE\s*DATE|ISSUED\s*ON", _I)]
_KINDS = (
    ("central_licence", re.compile(r"CENTRAL\s*LICEN[CS]E|CENTRAL\s*LICENSING\s*AUTHORITY", _I)),
    ("state_licence", re.compile(r"STATE\s*LICEN[CS]E|DESIGNATED\s*OFFICER|STATE\s*LICENSING\s*AUTHORITY", _I)),
    ("registration", re.compile(r"REGISTRATION\s*CERTIFICATE|CERTIFICATE\s*OF\s*REGISTRATION|"
                                r"REGISTERING\s*AUTHORITY", _I)),
)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    if not _AUTHORITY.search(text):
        return None
    own = {m.group(0).upper() for m in _OWN.finditer(text)}
    if not own or _OTHER.search(text):
        return None
    s = 0.4 + min(0.4, 0.1 * len(own)) + 0.15 * bool(_number(layout))
    return round(min(0.97, s), 4)


def _number(layout: Layout) -> tuple[str, object] | None:
    """The labelled 14-digit number (on the label's line or the next one), else the only one."""
    for line in layout.find(_NUMBER_LABEL):
        for cand in [line, *layout.right_of(line, max_gap=line.height * 20)[:1], *layout.below(line, max_lines=1)]:
            text = _NUMBER_LABEL.split(cand.text, maxsplit=1)[-1] if cand is line else cand.text
            m = _NUMBER.search(text)
            if m:
                return m.group(1).replace(" ", ""), cand
    found = {(m.group(1).replace(" ", ""), id(ln)): ln for ln in layout for m in _NUMBER.finditer(ln.text)}
    values = {v for v, _ in found}
    if len(values) == 1:
        key = next(iter(found))
        return key[0], found[key]
    return None


def number_parts(number: str) -> dict[str, str]:
    """The fields of a 14-digit FSSAI number.

    >>> number_parts("21519014000123")
    {'kind_digit': '2', 'state_code': '15', 'year': '19', 'office': '014', 'serial': '000123'}
    """
    return {"kind_digit": number[0], "state_code": number[1:3], "year": number[3:5],
            "office": number[5:8], "serial": number[8:]}


def _kind(text: str, number: str | None) -> str | None:
    for kind, rx in _KINDS:
        if rx.search(text):
            return kind
    if number and number[0] == "2":
        return "registration"
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    num = _number(layout)
    if num:
        value, line = num
        fields["licence_number"] = make_field(value, confidence(line.score, checked=_shape_ok(value)), line)  # type: ignore[arg-type]
    for key, lines in (("business_name", 2), ("address", 4), ("kind_of_business", 2)):
        got = text_value(read_value(layout, _L[key], _STOP, multiline=lines), business=key == "business_name")
        if got:
            text, conf, line = got
            fields[key] = make_field(tidy_address(text) if key == "address" else text, conf, line)
    for key, labels in (("valid_till", _VALID), ("issue_date", _ISSUE)):
        hit = labelled_date(layout, labels)
        if hit:
            fields[key] = make_field(hit[0], confidence(hit[1].score), hit[1])
    kind = _kind(layout.text, fields["licence_number"].value if "licence_number" in fields else None)
    if kind:
        fields["kind"] = make_field(kind, 0.9 if "licence_number" in fields else 0.8)
    return fields


def _shape_ok(number: str) -> bool:
    return bool(re.fullmatch(r"[12]\d{13}", number))


def _year_ok(fields: dict[str, Field]) -> bool | None:
    number, till = fields.get("licence_number"), fields.get("valid_till")
    if not (number and till):
        return None
    return 2000 + int(number.value[3:5]) <= int(till.value[-4:])


def _kind_agrees(fields: dict[str, Field]) -> bool | None:
    number, kind = fields.get("licence_number"), fields.get("kind")
    if not (number and kind):
        return None
    return (number.value[0] == "2") == (kind.value == "registration")


def validate(fields: dict[str, Field]) -> list[str]:
    """The number's first digit against the kind printed; its year against the validity."""
    issues = []
    if _kind_agrees(fields) is False:
        issues.append("The number's first digit does not say the kind the certificate prints")
        fields["licence_number"].confidence_score = min(fields["licence_number"].confidence_score, 0.7)
    if _year_ok(fields) is False:
        issues.append("The number's year is after the certificate's validity")
    return issues


def finish(doc: Document) -> None:
    """Validation ``fssai_number_format``."""
    f = doc.fields
    if "licence_number" not in f:
        return
    number = f["licence_number"].value
    ok = _shape_ok(number) and _kind_agrees(f) is not False and _year_ok(f) is not False
    doc.validations["fssai_number_format"] = {
        "valid": ok, **number_parts(number), "kind_matches": _kind_agrees(f), "year_before_validity": _year_ok(f),
        "message": "The number has FSSAI's structure (kind, state, year, office, serial)" if ok else
        "The number does not have FSSAI's structure, or disagrees with the certificate"}
