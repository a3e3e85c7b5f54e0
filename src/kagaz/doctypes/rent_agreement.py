"""Rent agreement (a leave-and-licence, rent or tenancy agreement).

What every rent agreement prints, by law and convention: a leave-and-licence agreement must be in
writing and registered in Maharashtra (Maharashtra Rent Control Act, 1999, s.55), a lease of a
year or more must be registered (Registration Act, 1908, s.17; hence the usual 11 months), and
the Model Tenancy Act, 2021 asks for a written agreement stating the parties, the premises, the
rent, the period and the deposit. So each prints its title, the parties in sentences ("Mr. …
residing at …, hereinafter called the LICENSOR / LANDLORD / OWNER" and "… the LICENSEE / TENANT"),
the premises ("the flat situated at …"), the monthly rent or licence fee in figures and words,
the security deposit, the period in months ("for a period of 11 (Eleven) months") and its first
day ("commencing from 01/04/2024"), often its last day ("and ending on 28/02/2025").

:func:`score` needs the title, or both parties' roles with a monthly rent; sale deeds and
agreements to sell, bills and statements are declined.

Validation ``end_date_vs_duration`` (additive ``validations``): where the end date is printed,
it is the start date plus the period (the day before, as agreements count it, or the same day).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("LEAVE AND LICENSE AGREEMENT\\nThis Agreement is made at Pune BETWEEN Mr. RAVI KUMAR, "
...         "residing at Kothrud, Pune, hereinafter called the LICENSOR\\nAND Mrs. SUNITA LAL, residing at "
...         "Baner, Pune, hereinafter called the LICENSEE.\\nThe Licensor grants the premises situated at "
...         "Flat 12, Lotus Heights, Baner, Pune 411045 (the Premises) for a period of 11 (Eleven) months\\n"
...         "commencing from 01/04/2024 and ending on 28/02/2025 at a monthly licence fee of Rs. 15,000/-")
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in FIELDS if k in f]  # doctest: +NORMALIZE_WHITESPACE
['RAVI KUMAR', 'SUNITA LAL', 'Flat 12, Lotus Heights, Baner, Pune 411045', '15000.00', '01/04/2024',
 '11', '28/02/2025']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from kagaz.doctypes.base import ExtractOptions, confidence
from kagaz.doctypes.billing import date_in
from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, PERSON, TEXT, declare
from kagaz.model import Document, Field
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.dates import to_date
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "end_of_period", "extract", "finish",
           "score", "validate"]

CODE = "RENT_AGREEMENT"
GROUP = "business"
ORDER = 340
GENERATOR = "kagaz.synth.rent_agreement"
FIELDS = declare(
    landlord_name=PERSON, tenant_name=PERSON, property_address=ADDRESS, monthly_rent=AMOUNT,
    start_date=DATE, duration_months=TEXT, end_date=DATE, security_deposit=AMOUNT,
)

_I = re.IGNORECASE
_TITLE = re.compile(r"LEAVE\s*(?:AND|&)\s*LICEN[CS]E\s*AGREEMENT|\bRENT(?:AL)?\s*AGREEMENT|"
                    r"TENANCY\s*AGREEMENT|LEASE\s*AGREEMENT|AGREEMENT\s*(?:OF|FOR)\s*(?:RENT|TENANCY|"
                    r"LEAVE\s*AND\s*LICEN[CS]E)", _I)
_OWNER = r"LICENSORS?|LANDLORDS?|LANDLADY|OWNERS?|LESSORS?"
_OCCUPANT = r"LICENSEES?|TENANTS?|LESSEES?"
_ROLE = re.compile(r"hereinafter\s*(?:jointly\s*|collectively\s*)?(?:called|referred\s*to\s*as|known\s*as|"
                   rf"styled\s*as)\s*[\"“”'‘’]*\s*(?:the\s*)?[\"“”'‘’]*\s*({_OWNER}|{_OCCUPANT})\b", _I)
_OTHER = re.compile(r"SALE\s*DEED|DEED\s*OF\s*SALE|AGREEMENT\s*(?:FOR|TO)\s*SALE|AGREEMENT\s*TO\s*SELL|"
                    r"CONVEYANCE|STATEMENT\s*OF\s*ACCOUNT|TAX\s*INVOICE|CONSUMER\s*NO", _I)
_HONORIFIC = r"(?:MR|MRS|MS|MISS|SHRI|SHRIMATI|SMT|SRI|KUM|KUMARI|DR)\.?\s+"
_NAME = re.compile(rf"(?:{_HONORIFIC})([A-Z][A-Za-z.']*(?:\s+[A-Z][A-Za-z.']*){{0,4}}?)\s*(?=,|\(|\bS/o|\bW/o|"
                   r"\bD/o|\bC/o|\baged\b|\bresiding\b|\bson\b|\bwife\b|\bdaughter\b|\bhaving\b|$)", _I)
_BARE_NAME = re.compile(r"^\W*([A-Z][A-Za-z.']*(?:\s+[A-Z][A-Za-z.']*){1,4}?)\s*(?=,|\()")
_LABEL = {
    "landlord_name": re.compile(rf"(?:NAME\s*OF\s*(?:THE\s*)?)?(?:{_OWNER})(?:'S)?\s*(?:NAME)?\s*[:\-]\s*", _I),
    "tenant_name": re.compile(rf"(?:NAME\s*OF\s*(?:THE\s*)?)?(?:{_OCCUPANT})(?:'S)?\s*(?:NAME)?\s*[:\-]\s*", _I),
}
_PREMISES = re.compile(r"(?:premises|property|flat|house|shop|unit|apartment|room)s?\s*(?:bearing\s*|being\s*)?"
                       r"(?:situated|situate|located|lying|known\s*as)\s*at\s*[:\-]?\s*|"
                       r"\bowners?\s*of\s*(?:the\s*)?(?:said\s*)?(?=(?:flat|house|shop|plot|room|unit|apartment|"
                       r"bungalow|office|block)\s*(?:no\b|number|\d))|"
                       r"(?:PROPERTY|PREMISES)\s*ADDRESS\s*[:\-]\s*|ADDRESS\s*OF\s*(?:THE\s*)?(?:PREMISES|PROPERTY)\s*"
                       r"[:\-]\s*", _I)
_PREMISES_END = re.compile(r"\s*(?:\(|hereinafter|\bfor\s+(?:the\s+)?(?:residential|commercial|purpose|a\s+period)|"
                           r"\bon\s+(?:leave|rent|the\s+terms)|\bwhich\b|\bto\s+the\s+licensee|;|\.\s+(?=(?-i:The|This|That|It|Both|Whereas|Now|All)\b)|\.?$|"
                           r"\s(?-i:[A-Z][A-Za-z]+(?:\s[A-Za-z]+){0,3})\s*:)", _I)
_MONEY = r"(?:RS\.?|₹|INR)\s*([\d,]+(?:\.\d{1,2})?)\s*(?:/-)?"
_RENT = [re.compile(p, _I) for p in (
    rf"(?:monthly\s*(?:rent|licen[cs]e\s*fee|compensation)|rent\s*per\s*month|licen[cs]e\s*fee\s*per\s*month)"
    rf"[^₹\d]{{0,40}}?{_MONEY}",
    rf"(?:rent|licen[cs]e\s*fee|compensation)[^₹\d]{{0,30}}?{_MONEY}[^.]{{0,80}}?(?:per\s*month|p\.\s*m\b|monthly)",
    rf"{_MONEY}\s*(?:\([^)]{{0,80}}\)\s*)?(?:per\s*month|p\.\s*m\b|every\s*month)")]
_DEPOSIT = re.compile(rf"(?:security\s*)?deposit[^₹\d]{{0,50}}?{_MONEY}", _I)
_START = re.compile(r"(?:date\s*of\s*)?commencement(?:\s*date)?\s*[:\-]\s*|start(?:ing)?\s*date\s*[:\-]\s*|"
                    r"(?:commencing|commence|starting|beginning|effective|with\s*effect|w\.?\s*e\.?\s*f\.?)\s*"
                    r"(?:from|on)?\s*(?:the\s*)?(?:date\s*)?|period\s*[^.]{0,60}?\bfrom\s*", _I)
_END = re.compile(r"(?:ending|expiring|till|until|up\s*to|upto)\s*(?:on\s*)?(?:the\s*)?|\bfrom\s*\S+\s*(?:to|till)\s*", _I)
_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"twenty four": 24, "thirty six": 36, "thirty": 30, "forty eight": 48, "sixty": 60})
_DURATION = re.compile(r"(?:period|term|duration|tenure)\s*(?:of\s*(?:the\s*)?(?:licen[cs]e|tenancy|agreement)?\s*)?"
                       r"(?:of|is|shall\s*be|for)?\s*[:\-]?\s*(\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True))
                       + r")\s*(?:\(\s*[A-Za-z\s\-]+\s*\)\s*)?(MONTHS?|YEARS?)\b", _I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = " ".join(ln.text for ln in layout)
    title = any(_TITLE.search(ln.text) and len(ln.text) < 60 for ln in layout.lines[:15])
    roles = [m.group(1) for m in _ROLE.finditer(text)]
    both = any(re.fullmatch(_OWNER, r, _I) for r in roles) and any(re.fullmatch(_OCCUPANT, r, _I) for r in roles)
    rent = any(rx.search(text) for rx in _RENT)
    if not title and not (both and rent):
        return None
    s = 0.5 * title + 0.25 * both + 0.15 * rent + 0.1 * bool(_DURATION.search(text))
    if any(_OTHER.search(ln.text) for ln in layout.lines[:30]):
        s -= 0.6
    return round(max(0.0, min(0.97, s)), 4) or None


def _party_names(text: str) -> dict[str, str]:
    """Each party's name: the first name in the sentence that ends with its role."""
    out: dict[str, str] = {}
    start = 0
    between = re.search(r"\bBETWEEN\b", text, _I)
    if between:
        start = between.end()
    for m in _ROLE.finditer(text):
        key = "landlord_name" if re.match(_OWNER, m.group(1), _I) else "tenant_name"
        segment = text[start:m.start()]
        start = m.end()
        if key in out:
            continue
        segment = re.sub(r"^.*?\b(?:AND|BETWEEN)\b\s*[:,]?\s*", "", segment, count=1) \
            if re.search(r"\bAND\b", segment[:40]) else segment
        found = _NAME.search(segment) or _BARE_NAME.search(segment)
        if found:
            out[key] = re.sub(r"\s+", " ", found.group(1)).strip(" .,")
    return out


def _labelled(layout: Layout, key: str) -> str | None:
    for line in layout:
        m = _LABEL[key].match(line.text.strip())
        if m:
            rest = line.text.strip()[m.end():]
            right = layout.right_of(line, max_gap=line.height * 40)[:1]
            if not rest.strip() and right:
                rest = right[0].text
            value = re.sub(rf"^{_HONORIFIC}", "", rest.strip(), flags=_I).strip(" ,.")
            if re.fullmatch(r"[A-Za-z][A-Za-z .']{2,60}", value):
                return value
    return None


def _months(m: re.Match[str]) -> str:
    n = int(m.group(1)) if m.group(1).isdigit() else _WORDS[re.sub(r"\s+", " ", m.group(1).lower())]
    return str(n * 12 if m.group(2).upper().startswith("Y") else n)


def _date_after(rx: re.Pattern[str], text: str) -> str | None:
    for m in rx.finditer(text):
        window = re.sub(r"(\d)(?:st|nd|rd|th)?\s+day\s+of\s+", r"\1 ", text[m.end():m.end() + 40], flags=_I)
        d = date_in(window)
        if d and re.match(r"\W{0,3}\d", window):
            return d
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    text = re.sub(r"\s+", " ", " ".join(ln.text for ln in layout))
    ocr = min((ln.score for ln in layout), default=0.0)
    conf = confidence(max(ocr, 0.5), free_text=True, anchored=True)
    names = _party_names(text)
    for key in ("landlord_name", "tenant_name"):
        value = _labelled(layout, key) or names.get(key)
        if value:
            fields[key] = Field(value=value, confidence_score=conf)
    m = _PREMISES.search(text)
    if m:
        rest = text[m.end():m.end() + 300]
        end = _PREMISES_END.search(rest)
        address = rest[:end.start()].strip(" ,:;-") if end else ""
        if len(address) >= 8 and re.search(r"[A-Za-z]{3}", address):
            fields["property_address"] = Field(value=address, confidence_score=min(conf, 0.9))
    for rx in _RENT:
        r = rx.search(text)
        if r and to_decimal(r.group(1)):
            fields["monthly_rent"] = Field(value=format_amount(to_decimal(r.group(1))), confidence_score=conf)
            break
    d = _DEPOSIT.search(text)
    if d and to_decimal(d.group(1)):
        fields["security_deposit"] = Field(value=format_amount(to_decimal(d.group(1))), confidence_score=conf)
    for key, rx in (("start_date", _START), ("end_date", _END)):
        found = _date_after(rx, text)
        if found:
            fields[key] = Field(value=found, confidence_score=conf)
    n = _DURATION.search(text)
    if n:
        fields["duration_months"] = Field(value=_months(n), confidence_score=conf)
    return fields


def end_of_period(start: dt.date, months: int) -> dt.date:
    """The day ``months`` after ``start`` (clamped to the month's end).

    >>> end_of_period(dt.date(2024, 4, 1), 11), end_of_period(dt.date(2024, 1, 31), 1)
    (datetime.date(2025, 3, 1), datetime.date(2024, 2, 29))
    """
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _period_ok(fields: dict[str, Field]) -> tuple[bool, dt.date] | None:
    keys = ("start_date", "end_date", "duration_months")
    if not all(k in fields for k in keys):
        return None
    start, end = to_date(str(fields["start_date"].value)), to_date(str(fields["end_date"].value))
    months = str(fields["duration_months"].value)
    if start is None or end is None or not months.isdigit():
        return None
    expected = end_of_period(start, int(months))
    return end in (expected, expected - dt.timedelta(days=1)), expected - dt.timedelta(days=1)


def validate(fields: dict[str, Field]) -> list[str]:
    checked = _period_ok(fields)
    if checked is None or checked[0]:
        return []
    for key in ("end_date", "duration_months"):
        fields[key].confidence_score = min(fields[key].confidence_score, 0.7)
    return ["The end date is not the start date plus the period"]


def finish(doc: Document) -> None:
    """Validation ``end_date_vs_duration`` where the end date is printed."""
    checked = _period_ok(doc.fields)
    if checked is not None:
        ok, expected = checked
        doc.validations["end_date_vs_duration"] = {
            "valid": ok, "expected_end_date": expected.strftime("%d/%m/%Y"),
            "message": "The end date is the start date plus the period" if ok else
            f"The start date plus the period ends on {expected:%d/%m/%Y}, not on the end date printed"}
