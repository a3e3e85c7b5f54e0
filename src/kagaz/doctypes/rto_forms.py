"""The RTO forms of the Central Motor Vehicles Rules, 1989: which one a page is, and its items.

The forms are statutory (their numbers, rules, titles and numbered items are fixed by the rules
and printed the same in every state; states add a transport department's header):

* Form 26 [rule 53]: application for the issue of a duplicate certificate of registration;
* Form 29 [rule 55(1)]: notice of transfer of ownership of a motor vehicle (the transferor's);
* Form 30 [rules 55 to 57]: report / application for (intimation and) transfer of ownership;
* Form 34 [rule 60]: application for making an entry of an agreement of hire-purchase / lease /
  hypothecation subsequent to registration (signed by owner and financier);
* Form 35 [rule 61(1)]: notice of termination of such an agreement.

:func:`which_form` reads the title (the words only that form prints) and, failing a title, the
form number in the header ("FORM 34", "FORM NO. 35"): a page's body may name other forms, its
title may not. A title beats a number read otherwise (OCR reads 34 for 35 more easily than it
invents "TERMINATION"). :func:`form_score` declines every page that is not the asked form, so the
five type modules never take each other's pages, nor the registration certificate's (Form 23 /
23A), which none of these titles name.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "FORM 35\\n[See Rule 61(1)]\\nNOTICE OF TERMINATION OF AN AGREEMENT OF HIRE PURCHASE/LEASE/"
...     "HYPOTHECATION\\n1. Registration number: MH12AB1234\\n2. Name of the registered owner: RAVI KUMAR")])
>>> which_form(lay), form_score(lay, 34), form_score(lay, 35) > 0.8
(35, None, True)
"""

from __future__ import annotations

import re

from kagaz.doctypes.vehicle_fields import (
    chassis_field, engine_field, financier_field, name_field, registration_field, text_field,
)
from kagaz.doctypes.vehicle_numbers import registration_check, vin_check
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["FORMS", "LABELS", "STOP", "extract_items", "finish_validations", "form_score",
           "validate_items", "which_form"]

_I = re.IGNORECASE
_HP = r"HIRE[\s\-]*PURCHASE|HYPOTHECATION|LEASE"
#: form number -> (title, rule reference)
FORMS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {
    26: (re.compile(r"DUPLICATE\s*(?:CERTIFICATE\s*OF\s*REGISTRATION|REGISTRATION\s*CERTIFICATE|R\.?\s*C\b)", _I),
         re.compile(r"RULE\s*53", _I)),
    29: (re.compile(r"NOTICE\s*OF\s*TRANSFER\s*OF\s*OWNERSHIP", _I), re.compile(r"RULE\s*55", _I)),
    30: (re.compile(r"(?:REPORT|APPLICATION\s*FOR\s*INTIMATION\s*AND)\s*(?:OF\s*)?TRANSFER\s*OF\s*OWNERSHIP|"
                    r"APPLICATION\s*FOR\s*TRANSFER\s*OF\s*OWNERSHIP", _I),
         re.compile(r"RULES?\s*55\s*(?:\(\s*[12]\s*\))?\s*(?:,|AND|&)|RULE\s*5[67]", _I)),
    34: (re.compile(rf"(?:ENTRY|ENDORSE?MENT|RECORD(?:ING)?)\s*OF\s*(?:AN?\s*)?AGREEMENT\s*OF\s*(?:{_HP})", _I),
         re.compile(r"RULE\s*60", _I)),
    35: (re.compile(rf"TERMINATION\s*OF\s*(?:AN?\s*|THE\s*)?(?:AGREEMENT\s*OF\s*)?(?:{_HP})", _I),
         re.compile(r"RULE\s*61", _I)),
}
_NUMBER = re.compile(r"\bFORM\s*(?:NO\.?|NUMBER)?\s*[-:.]?\s*(26|29|30|34|35)\b(?!\s*[/.]\s*\d)", _I)
_MOTOR = re.compile(r"MOTOR\s*VEHICLE|REGISTERING\s*AUTHORITY|TRANSPORT|R\.?\s*T\.?\s*O\b|CERTIFICATE\s*OF\s*"
                    r"REGISTRATION", _I)
_HEADER_LINES = 10

LABELS: dict[str, re.Pattern[str]] = {k: re.compile(v, _I) for k, v in {
    "registration_number": r"REGISTRATION\s*(?:MARK|NUMBER|NO\b\.?)|REGN\.?\s*(?:MARK|NO\b\.?|NUMBER)|"
                           r"REGISTERED\s*NUMBER|VEHICLE\s*(?:BEARING\s*)?(?:REGISTRATION\s*)?NO\b\.?",
    "owner_name": r"(?:FULL\s*)?NAME\s*OF\s*(?:THE\s*)?(?:REGISTERED\s*)?OWNER|(?:REGISTERED\s*)?OWNER'?S?\s*"
                  r"(?:FULL\s*)?NAME|REGISTERED\s*OWNER\b(?!'?S?\s*SIGNATURE)",
    "financier_name": r"(?:FULL\s*)?NAME\s*(?:AND\s*(?:FULL\s*)?ADDRESS\s*)?OF\s*(?:THE\s*)?(?:FINANCIER|"
                      r"HYPOTHECATEE|LESSOR)|FINANCIER'?S?\s*NAME|NAME\s*OF\s*(?:THE\s*)?FINANCING\s*"
                      r"(?:BANK|INSTITUTION)|FINANCIER\b(?!'?S?\s*(?:SIGNATURE|SEAL|CONSENT))|HYPOTHECATED\s*(?:TO|WITH)",
    "chassis_number": r"CHASSIS\s*(?:NUMBER|NO\b\.?)|CH\.?\s*NO\b\.?",
    "engine_number": r"ENGINE\s*(?:/\s*MOTOR\s*)?(?:NUMBER|NO\b\.?)|ENG\.?\s*NO\b\.?",
    "transferor_name": r"(?:FULL\s*)?NAME\s*OF\s*(?:THE\s*)?TRANSFEROR|TRANSFEROR'?S?\s*(?:FULL\s*)?NAME|"
                       r"NAME\s*OF\s*(?:THE\s*)?SELLER|TRANSFEROR\b(?!'?S?\s*SIGNATURE)",
    "transferee_name": r"(?:FULL\s*)?NAME\s*OF\s*(?:THE\s*)?TRANSFEREE|TRANSFEREE'?S?\s*(?:FULL\s*)?NAME|"
                       r"NAME\s*OF\s*(?:THE\s*)?(?:BUYER|PURCHASER)|TRANSFEREE\b(?!'?S?\s*SIGNATURE)",
    "maker": r"MAKER'?S?\s*(?:NAME|CLASSIFICATION)|MAKE\s*(?:AND|&)\s*MODEL|NAME\s*OF\s*(?:THE\s*)?MAKER",
}.items()}
STOP = re.compile("|".join([p.pattern for p in LABELS.values()] + [
    r"SON\s*/\s*WIFE|S\s*/\s*W\s*/\s*D|SON\s*OF|WIFE\s*OF|DAUGHTER\s*OF|(?:FULL\s*)?ADDRESS|DATE\b|"
    r"SIGNATURE|CLASS\s*OF|YEAR\s*OF|COLOU?R|PLACE\b|REASON|PARTICULARS|ENCLOSURES?|"
    r"CERTIFICATE\s*OF\s*INSURANCE|INSURANCE|DECLARATION|NOTE\b|SEATING|FUEL|MONTH"]), _I)


def _header(layout: Layout) -> str:
    return "\n".join(line.text for line in layout.lines[:_HEADER_LINES])


def which_form(layout: Layout) -> int | None:
    """The form a page is (26, 29, 30, 34, 35), from its title, else its header's number."""
    text = layout.text
    titles = [(m.start(), n) for n, (title, _) in FORMS.items() for m in [title.search(text)] if m]
    if titles:
        return min(titles)[1]
    m = _NUMBER.search(_header(layout))
    return int(m.group(1)) if m else None


def form_score(layout: Layout, number: int) -> float | None:
    """How sure we are that the page is Form ``number``; None for any other page."""
    if which_form(layout) != number:
        return None
    text = layout.text
    title, rule = FORMS[number]
    own_number = any(int(m.group(1)) == number for m in _NUMBER.finditer(_header(layout)))
    s = (0.45 * bool(title.search(text)) + 0.3 * own_number + 0.1 * bool(rule.search(text))
         + 0.1 * bool(_MOTOR.search(text))
         + 0.15 * bool(registration_field(layout, LABELS["registration_number"])))
    return min(1.0, s) if s >= 0.4 else None


def extract_items(layout: Layout, keys: tuple[str, ...]) -> dict[str, Field]:
    """The form's items among ``keys`` (``LABELS``' names; ``maker`` as printed)."""
    fields: dict[str, Field] = {}
    for key in keys:
        label = LABELS[key]
        if key == "registration_number":
            got = registration_field(layout, label)
        elif key == "financier_name":
            got = financier_field(layout, label, STOP)
        elif key == "chassis_number":
            got = chassis_field(layout, label, STOP)
        elif key == "engine_number":
            got = engine_field(layout, label, STOP)
        elif key == "maker":
            got = text_field(layout, label, STOP)
        else:
            got = name_field(layout, label, STOP)
        if got:
            fields[key] = got
    return fields


def validate_items(fields: dict[str, Field]) -> list[str]:
    """A registration mark of no state, a malformed VIN: lowered, reported."""
    issues = []
    reg = fields.get("registration_number")
    if reg and not registration_check(str(reg.value))["valid"]:
        issues.append("The registration mark has no state's code")
        reg.confidence_score = min(reg.confidence_score, 0.5)
    chassis = fields.get("chassis_number")
    if chassis and vin_check(str(chassis.value))["valid"] is False:
        issues.append("The chassis number is not a well-formed VIN")
        chassis.confidence_score = min(chassis.confidence_score, 0.5)
    return issues


def finish_validations(doc: Document) -> None:
    """``registration_format`` and ``chassis_format`` (17-character VINs) where printed."""
    reg, chassis = doc.fields.get("registration_number"), doc.fields.get("chassis_number")
    if reg:
        doc.validations["registration_format"] = registration_check(str(reg.value))
    if chassis:
        doc.validations["chassis_format"] = vin_check(str(chassis.value))
