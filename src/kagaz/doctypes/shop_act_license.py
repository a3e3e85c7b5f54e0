"""Shops and Establishments registration (Shop Act licence; state labour departments).

What every Shops and Establishments registration prints (the states' Shops and Establishments
Acts, e.g. the Maharashtra Act of 2017, Forms B and G): the Act's name, a registration or
intimation-receipt number, the establishment's name and address, the employer's name, the nature
of business and the number of workers, and the date of registration. :func:`score` needs the Act's
name (English or Marathi) or three of these labels.

Layout notes: Maharashtra prints Form B (registration certificate) and Form G (receipt of
intimation, for fewer than ten workers) under the "Maharashtra Shops and Establishments
(Regulation of Employment and Conditions of Service) Act, 2017", with Marathi and English labels
side by side ("आस्थापनेचे नाव / Name of the Establishment"), the Marathi one over the English
one, or English only; the Latin reader keeps the English part and :mod:`kagaz.doctypes.forms`
takes a value printed beside the Marathi label over it. Other states issued "FORM C"
certificates under their own Acts (Karnataka 1961, Delhi 1954, Gujarat 1948...), usually as
"Label : value" lines and a validity ("Valid till", or "This certificate is valid up to
<date>" in a sentence). Distractors: the employer's residential address, the date of
commencement, the Male / Female split of the workers ("Male: 12 Female: 4 Total: 16" gives
``total_employees`` "16").

``registration_number`` is free-form by state (Maharashtra: 16 digits; Karnataka
"24/67/CE/0123/2019"...): it is kept as printed without spaces, digits repaired in numeric
segments. ``valid_till`` is absent when nothing says how long the registration lasts (Form G).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 'C'\\nThe Karnataka Shops and Commercial Establishments Act, 1961\\n"
...     "Registration No. : 24/67/CE/0123/2019\\nName of the Establishment : SAI TRADERS\\n"
...     "Name of the Employer : Ravi Kumar\\nNature of Business : Retail\\n"
...     "Total number of employees : 4\\nThis certificate is valid up to 31/12/2024.")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["registration_number"].value, f["total_employees"].value, f["valid_till"].value
('24/67/CE/0123/2019', '4', '31/12/2024')
"""

from __future__ import annotations

import re

from kagaz.doctypes.fields import ADDRESS, DATE, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.form_labels import Labels
from kagaz.doctypes.form_values import loose_date, text_value, tidy_address
from kagaz.doctypes.forms import FormValue, read_value
from kagaz.model import Field, TextLine
from kagaz.text.dates import parse_date, to_date
from kagaz.text.layout import Layout
from kagaz.text.repair import TO_DIGIT

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "SHOP_ACT_LICENSE"
GROUP = "business"
ORDER = 80
GENERATOR = "kagaz.synth.shop_act_license"
FIELDS = declare(
    registration_number=IDENTIFIER, establishment_name=NAME, employer_name=PERSON,
    address=ADDRESS, nature_of_business=TEXT, total_employees=TEXT, date_of_issue=DATE, valid_till=DATE,
)
_I = re.IGNORECASE

_ACT = re.compile(r"SHOPS?\s*(?:AND|&)\s*(?:COMMERCIAL\s*)?ESTABLISHMENTS?|दुकाने\s*व\s*आस्थापना", _I)
_FORM = re.compile(r"FORM\s*[-'\"‘’`]*\s*[BCG]\b|नमुना", _I)
_TITLE = re.compile(r"REGISTRATION\s*CERTIFICATE|CERTIFICATE\s*OF\s*REGISTRATION|INTIMATION|"
                    r"LICEN[CS]E|नोंदणी\s*प्रमाणपत्र", _I)
_L = {k: re.compile(v, _I) for k, v in {
    "registration_number": r"(?:INTIMATION\s*)?RECEIPT\s*(?:NO|NUMBER)\b\.?|(?:REGISTRATION|REGN|REG)\.?\s*"
                           r"(?:NO|NUMBER)\b\.?|(?:CERTIFICATE|LICEN[CS]E)\s*(?:NO|NUMBER)\b\.?",
    "establishment_name": r"NAME\s*OF\s*(?:THE\s*)?(?:ESTABLISHMENT|SHOP)|ESTABLISHMENT'?S?\s*NAME|SHOP\s*NAME|"
                          r"आस्थापनेचे\s*नाव",
    "employer_name": r"NAME\s*OF\s*(?:THE\s*)?(?:EMPLOYER|OWNER|PROPRIETOR|OCCUPIER)|(?:EMPLOYER|OWNER)'?S?\s*"
                     r"NAME|मालकाचे\s*नाव|नियोक्त्याचे\s*नाव",
    "address": r"(?:POSTAL\s*)?ADD?RES+(?:\s*OF(?:\s*THE)?(?:\s*(?:ESTABLISHMENT|SHOP))?)?|आस्थापनेचा\s*पत्ता",
    "nature_of_business": r"NATURE\s*OF\s*(?:THE\s*)?BUSINESS|TYPE\s*OF\s*BUSINESS|BUSINESS\s*CATEGORY|"
                          r"व्यवसायाचे\s*स्वरूप",
    "total_employees": r"(?:TOTAL\s*)?(?:NUMBER|NO)\.?\s*OF\s*(?:WORKERS|EMPLOYEES|PERSONS\s*EMPLOYED)|"
                       r"TOTAL\s*(?:WORKERS|EMPLOYEES)|कामगारांची\s*(?:एकूण\s*)?संख्या",
    "date_of_issue": r"DATE\s*OF\s*(?:ISSUE|REGISTRATION|GRANT|CERTIFICATE|RECEIPT(?:\s*OF\s*INTIMATION)?|INTIMATION)|"
                     r"(?:ISSUE|REGISTRATION|CERTIFICATE)\s*DATE|(?:ISSUED|REGISTERED|GRANTED)\s*ON|"
                     r"नोंदणी\s*(?:दिनांक|तारीख)",
    "valid_till": r"VALID\s*(?:TILL|UP\s*TO|UPTO|UNTIL)|VALIDITY(?:\s*DATE)?|(?:DATE\s*OF\s*)?EXPIRY(?:\s*DATE)?|"
                  r"वैधता",
}.items()}
_STOP = re.compile("|".join([p.pattern for p in _L.values()] + [
    r"RESIDENTIAL\s*ADD?RE?S+", r"CATEGORY\s*OF", r"DATE\s*OF\s*COMMENCEMENT", r"PLACE\s*:", r"FACILITATOR",
    r"REGISTERING\s*AUTHORITY", r"INSPECTOR", r"SIGNATURE", r"NOTE\s*:", r"THIS\s*IS\s*TO",
    r"NAME\s*OF\b", r"DATE\s*OF\b", r"(?:NUMBER|NO\.)\s*OF\b", r"POSTAL\b",
    r"निवासी\s*पत्ता", r"आस्थापनेचा\s*प्रकार", r"सुरू\s*केल्याचा"]), _I)
_LABELS = Labels({
    "registration_number": ["Registration No", "Intimation Receipt No"],
    "establishment_name": ["Name of the Establishment"],
    "employer_name": ["Name of the Employer"],
    "address": ["Postal Address of the Establishment", "Address of the Establishment", "Postal Address of the",
                "Postal Address"],
    "nature_of_business": ["Nature of Business"],
    "total_employees": ["Total Number of Workers", "Number of Workers", "Total number of employees",
                        "Number of employees"],
    "date_of_issue": ["Date of Issue", "Date of Registration", "Issue Date"],
    "valid_till": ["Valid up to", "Valid till", "Validity"],
    "other": ["Residential Address of the Employer", "Category of Establishment", "Date of Commencement"],
})
_SKIP_ADDRESS = re.compile(r"RESIDEN|EMPLOYER|OWNER|E-?MAIL|निवासी|मालकाचा", _I)
_OTHER = re.compile(
    r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|\bHSN\b|BILL\s*TO|SHIP\s*TO|TAXABLE\s*VALUE|"
    r"STATEMENT\s*OF\s*ACCOUNT|OPENING\s*BALANCE|DELIVERY\s*(?:ORDER|CHALLAN)|\bREG\s*[-–.]?\s*(?:0?6|25)\b|UDYAM|"
    r"SALE\s*DEED", _I)
_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9/\-.]*[A-Z0-9]", _I)
_INLINE_VALID = re.compile(r"VALID\s*(?:TILL|UP\s*TO|UPTO|UNTIL)\s*[:\-]?\s*", _I)


def score(layout: Layout) -> float | None:
    text = layout.text
    act = bool(_ACT.search(text))
    if not act and not re.search(r"ESTABLISHMENT|EMPLOYER", text, _I):
        return None
    labels = sum(bool(read_value(layout, _L[k], _STOP)) for k in
                 ("establishment_name", "employer_name", "nature_of_business", "total_employees"))
    if not (act or labels >= 3):
        return None
    s = (0.45 * act + 0.1 * bool(_FORM.search(text)) + 0.15 * bool(_TITLE.search(text))
         + min(0.32, 0.08 * labels) + 0.05 * bool(read_value(layout, _L["registration_number"], _STOP)))
    if _OTHER.search(text):
        s -= 0.6
    return max(0.0, min(1.0, s)) or None


def _text(v: FormValue | None, *, business: bool = False) -> tuple[str, float, TextLine | None] | None:
    return text_value(v, business=business)


def _registration_number(text: str) -> tuple[str, int] | None:
    """The number as printed, without spaces; O/I/S... read as digits inside numeric segments."""
    tokens = re.sub(r"\s*([/\-])\s*", r"\1", text.strip()).split()
    if not tokens:
        return None
    head = tokens[0]
    for tok in tokens[1:]:  # "2731 0003 1234 5678": digit groups OCR spaced apart
        if not (head.isdigit() and tok.isdigit() and len(tok) >= 3):
            break
        head += tok
    m = _NUMBER.search(head)
    if not m or sum(ch.isdigit() for ch in m.group(0)) < 3:
        return None
    repairs, segs = 0, []
    for seg in re.split(r"([/\-.])", m.group(0)):
        digits = sum(ch.isdigit() for ch in seg)
        if len(seg) >= 3 and digits >= len(seg) - 2 and digits > 0:
            fixed = "".join(TO_DIGIT.get(ch.upper(), ch) if not ch.isdigit() else ch for ch in seg)
            if fixed.isdigit():
                repairs += sum(a != b for a, b in zip(seg, fixed))
                seg = fixed
        segs.append(seg.upper())
    return "".join(segs), repairs


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    v = read_value(layout, _L["registration_number"], _STOP, accept=re.compile(r"\d"),
                   fuzzy=(_LABELS, "registration_number"))
    if v is not None:
        got = _registration_number(v.text)
        if got:
            fields["registration_number"] = make_field(
                got[0], confidence(v.score, repairs=got[1]), v.line)
    for key, lines, business in (("establishment_name", 2, True), ("employer_name", 2, True),
                                 ("nature_of_business", 2, False)):
        got = _text(read_value(layout, _L[key], _STOP, multiline=lines, fuzzy=(_LABELS, key)),
                    business=business)
        if got:
            fields[key] = make_field(*got)
    got = _text(read_value(layout, _L["address"], _STOP, multiline=4, skip=_SKIP_ADDRESS,
                           fuzzy=(_LABELS, "address")))
    if got:
        fields["address"] = make_field(tidy_address(got[0]), got[1], got[2])
    v = read_value(layout, _L["total_employees"], _STOP, accept=re.compile(r"\d"), multiline=2,
                   fuzzy=(_LABELS, "total_employees"))
    if v is not None:
        total = re.search(r"TOTAL\s*[:\-=]?\s*([0-9]{1,5})", v.text, _I)
        nums = re.findall(r"(?<![0-9/])([0-9]{1,5})(?![0-9/])", v.text)
        value = total.group(1) if total else (nums[0] if len(nums) == 1 else None)
        if value:
            fields["total_employees"] = make_field(str(int(value)), confidence(v.score), v.line)
    for key in ("date_of_issue", "valid_till"):
        v = read_value(layout, _L[key], _STOP, accept=re.compile(r"[0-9]"), fuzzy=(_LABELS, key))
        d = parse_date(v.text) if v else None
        repaired = bool(v and not d and loose_date(v.text))
        d = d or (loose_date(v.text) if v else None)
        if d and v:
            fields[key] = make_field(d, confidence(v.score, repairs=2 * repaired), v.line)
    if "valid_till" not in fields:
        for line in layout.find(_INLINE_VALID):
            d = parse_date(_INLINE_VALID.split(line.text, maxsplit=1)[-1])
            if d:
                fields["valid_till"] = make_field(d, confidence(line.score, anchored=False) + 0.05, line)
                break
    return fields


def validate(fields: dict[str, Field]) -> list[str]:
    """A validity that ends before the certificate was issued is misread (or altered)."""
    issues = []
    a, b = fields.get("date_of_issue"), fields.get("valid_till")
    if a and b:
        start, end = to_date(str(a.value)), to_date(str(b.value))
        if start and end and end <= start:
            issues.append("The registration's validity ends before its date of issue")
            a.confidence_score = min(a.confidence_score, 0.5)
            b.confidence_score = min(b.confidence_score, 0.5)
    return issues
