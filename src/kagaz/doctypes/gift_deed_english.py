"""An English gift deed's fields other than its parties: dates, registration, property, duty, kinship.

The date of execution is in the opening sentence ("This Deed of Gift is made and executed at Pune
on this 5th day of August, 2021"); the registration is the sub-registrar's endorsement ("Document
No. 4567/2021", "Sub-Registrar, Haveli No. 3, Pune", "Date of Registration"); the property is in
the schedule; the stamp duty is on the e-stamp or in a clause citing Article 34 of the Maharashtra
Stamp Act; the donee's relationship to the donor is stated because the duty depends on it ("the
Donee is the son of the Donor", "to my daughter").

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''Document No. 4567/2021  Sub-Registrar, Haveli No. 3, Pune
... This Deed of Gift is made and executed at Pune on this 5th day of August, 2021
... The Donee is the son of the Donor. Stamp duty of Rs. 200/- is paid under Article 34.
... SCHEDULE OF THE PROPERTY
... All that piece of land bearing Survey No. 45/2, Village Wagholi, Taluka Haveli, District Pune, admeasuring 20 R.'''
>>> f = english_fields(Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)))
>>> [f[k].value for k in ("execution_date", "registration_number", "sub_registrar_office", "stamp_duty")]
['05/08/2021', '4567/2021', 'Haveli No. 3, Pune', '200.00']
>>> f["relationship"].value, f["survey_number"].value, f["property_description"].value
('SON', '45/2', 'Survey No. 45/2, Village Wagholi, Taluka Haveli, District Pune')
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.billing import labelled_date
from kagaz.doctypes.deed_english import line_at, running_text
from kagaz.matching.land import survey_numbers_in
from kagaz.model import Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.dates import parse_date
from kagaz.text.layout import Layout

__all__ = ["english_fields"]

_KIN = {"son": "SON", "daughter": "DAUGHTER", "wife": "WIFE", "husband": "HUSBAND", "grandson": "GRANDSON",
        "granddaughter": "GRANDDAUGHTER", "daughter-in-law": "DAUGHTER_IN_LAW", "daughter in law": "DAUGHTER_IN_LAW",
        "brother": "BROTHER", "sister": "SISTER", "mother": "MOTHER", "father": "FATHER", "nephew": "NEPHEW",
        "niece": "NIECE"}
_KIN_WORD = "|".join(sorted((re.escape(k) for k in _KIN), key=len, reverse=True))
# The donee's relation to the donor, never a party's parentage ("S/o", "son of Suresh").
_RELATION = [re.compile(p, re.I) for p in (
    rf"\bDonee\b[^.;]{{0,40}}?\b(?:is|being)\s*(?:the|his|her|my|their)\s*(?:own\s*|real\s*|beloved\s*)?({_KIN_WORD})\b",
    rf"\b({_KIN_WORD})\s*of\s*the\s*(?:said\s*)?Donors?\b",
    rf"\bDonors?'?s?['’]?s?\s*(?:own\s*|real\s*)?({_KIN_WORD})\b",
    rf"\bRelationship[^:\n]{{0,40}}[:\-]\s*({_KIN_WORD})\b",
    rf"\b(?:to|unto|in\s*favour\s*of)\s*(?:my|his|her|our)\s*(?:own\s*|beloved\s*|dear\s*)?({_KIN_WORD})\b")]
_EXECUTED = re.compile(r"(?:made|executed|entered\s*into)\b[^.;]{0,60}?\bon\s*(?:this\s*)?|Date\s*of\s*Execution\s*[:\-]?\s*",
                       re.I)
_REG_DATE = [re.compile(r"Date\s*of\s*Registration|Registration\s*Date|Registered\s*on|Regd\.?\s*on", re.I)]
_DOC_NO = re.compile(r"\b(?:Document|Doc\.?|Deed|Registration|Regn\.?|Serial)\s*(?:No\.?|Number|#)\s*[:.\-]?\s*"
                     r"(\d{1,7})\s*(?:/|of|-)\s*((?:19|20)\d{2})\b", re.I)
# A number cited as the source of the donor's title ("purchased vide Sale Deed … No. 812/2004").
_CITED = re.compile(r"\bvide\b|\bunder\b|purchased|acquired|Sale\s*Deed", re.I)
_OFFICE = re.compile(r"(?:Office\s*of\s*the\s*)?(?:Joint\s*)?Sub[\s-]*Registrar(?:\s*Office)?\s*(?:of\s*)?[,:\-]?\s*", re.I)
_OFFICE_END = re.compile(r"\s*(?:Document|Doc\.|Book|Registered|Date|Regn|\s{3,}|$)", re.I)
_DUTY = re.compile(r"Stamp\s*Duty(?:\s*Amount)?\s*(?:\(\s*Rs\.?\s*\))?\s*(?:of|paid|is|:|-)*\s*(?:Rs\.?|₹|INR)?\s*"
                   r"(\d[\d,]*(?:\.\d{1,2})?)", re.I)
_MARKET = re.compile(r"market\s*value[^.\d]{0,40}?(?:Rs\.?|₹|INR)\s*(\d[\d,]*(?:\.\d{1,2})?)", re.I)
# A heading, not the recitals' "the property described in the Schedule hereunder": the bare word
# only in capitals.
_SCHEDULE = re.compile(r"SCHEDULE(?:\s*OF\s*(?:THE\s*)?PROPERTY)?|(?i:Schedule\s*of\s*(?:the\s*)?Property|Description\s*"
                       r"of\s*(?:the\s*)?(?:said\s*)?(?:Immovable\s*)?Property|Details\s*of\s*(?:the\s*)?Property)")
_PROPERTY_START = re.compile(r"\b(?:bearing|situated\s*at|situate\s*at|known\s*as|being|located\s*at|lying\s*at)\s*|"
                             r"\bProperty\s*Address\s*[:.\-]?\s*", re.I)
_PROPERTY_END = re.compile(r",?\s*\b(?:admeasuring|measuring|together\s*with|with\s*all|bounded|which\s*property)\b|"
                           r"(?<!No)(?<!Sq)(?<!ft)\.\s+(?=[A-Z][a-z]+\s+[a-z])|\.\s*$", re.I)


def _amount(text: str) -> str | None:
    value = to_decimal(text.replace(",", ""))
    return format_amount(value) if value is not None else None


def _property(body: str, starts: list[tuple[int, TextLine]]) -> tuple[str, TextLine] | None:
    for head in _SCHEDULE.finditer(body):
        start = _PROPERTY_START.search(body, head.end(), head.end() + 200)
        begin = start.end() if start else head.end()
        tail = body[begin: begin + 400]
        stop = _PROPERTY_END.search(tail)
        value = re.sub(r"\s+", " ", tail[: stop.start()] if stop else tail[:250]).strip(" ,.:")
        if len(value) >= 10 and start:
            return value, line_at(starts, begin)
    return None


def english_fields(layout: Layout) -> dict[str, Field]:
    body, starts = running_text(layout)
    out: dict[str, Field] = {}

    def put(key: str, value: str | None, pos: int, *, free: bool = False) -> None:
        if value and key not in out:
            line = line_at(starts, pos)
            out[key] = make_field(value, confidence(line.score, free_text=free), line)

    for m in _EXECUTED.finditer(body):
        date = parse_date(re.sub(r"\bday\s*of\b", " ", body[m.end(): m.end() + 40], flags=re.I))
        put("execution_date", date, m.end())
    for m in _DOC_NO.finditer(body):
        if not _CITED.search(body[max(0, m.start() - 60): m.start()]):
            put("registration_number", f"{m.group(1)}/{m.group(2)}", m.start(1))
    reg = labelled_date(layout, _REG_DATE)
    if reg:
        out["registration_date"] = make_field(reg[0], confidence(reg[1].score), reg[1])
    for ln in layout:
        if m := _OFFICE.search(ln.text):
            rest = ln.text[m.end():]
            value = rest[: _OFFICE_END.search(rest).start()].strip(" ,.:-")  # type: ignore[union-attr]
            if len(value) >= 3:
                out["sub_registrar_office"] = make_field(value, confidence(ln.score), ln)
                break
    if m := _DUTY.search(body):
        put("stamp_duty", _amount(m.group(1)), m.start(1))
    if m := _MARKET.search(body):
        put("market_value", _amount(m.group(1)), m.start(1))
    prop = _property(body, starts)
    if prop:
        out["property_description"] = make_field(prop[0], confidence(prop[1].score, free_text=True), prop[1])
    surveys = survey_numbers_in(prop[0] if prop else "") or survey_numbers_in(body)
    if surveys:
        put("survey_number", surveys[0], body.find(surveys[0]) if surveys[0] in body else 0)
    for rx in _RELATION:
        if m := rx.search(body):
            put("relationship", _KIN[m.group(1).lower()], m.start(1))
            break
    return out
