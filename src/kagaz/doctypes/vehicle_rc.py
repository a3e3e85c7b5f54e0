"""Vehicle registration certificate (RC: the paper book, the laminated card, the smart card).

What every certificate of registration prints, by rule: the Central Motor Vehicles Rules, 1989
prescribe it (Form 23, the paper book, and Form 23A, the smart card, rule 48; the e-RC printed
from VAHAN / mParivahan follows Form 23A's items): the registration number ("Regn. No."), the
date of registration, the registration's validity, the chassis number and the engine (or
motor) number, the registered owner's name and son / wife / daughter of, the address, the
vehicle's class, fuel, maker and model, body type, colour, seating, month and year of
manufacture, and, when the vehicle is financed, the financier ("Hypothecated to", "Financier",
"HP / Lease / Hyp. with"), who stays on the RC until Form 35 is filed. The registering
authority (the RTO) signs. States print their transport department's name on top.

:func:`score` rests on that: the certificate's name ("Certificate of Registration",
"Registration Certificate", Form 23 / 23A) or the RC's own labels (registration date, chassis,
engine, owner, maker) with a registration mark; pages that are an RTO form (26, 29, 30, 34, 35,
which mention the certificate), an insurance certificate, an invoice or a delivery order (which
print chassis and engine numbers too) are declined.

Values: ``registration_number`` compact (``MH12AB1234``); ``maker_model`` "maker / model" where
both are printed apart (as the e-RC prints "Maker / Model"), else the one printed; names without
honorifics and the relation after them; dates ``DD/MM/YYYY``.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "GOVERNMENT OF KARNATAKA\\nCERTIFICATE OF REGISTRATION\\nRegn. No.: KA 05 MN 4321\\n"
...     "Date of Regn.: 14/08/2019\\nChassis No.: MA3EWDE1S00123456\\nEngine No.: K12MN1234567\\n"
...     "Owner Name: Shri RAVI KUMAR\\nMaker's Name: MARUTI SUZUKI INDIA LTD\\nModel Name: SWIFT VXI\\n"
...     "Financier: HDFC BANK LTD, BANGALORE")])
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ("registration_number", "owner_name", "maker_model", "financier_name")]
['KA05MN4321', 'RAVI KUMAR', 'MARUTI SUZUKI INDIA LTD / SWIFT VXI', 'HDFC BANK LTD']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.fields import ADDRESS, DATE, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.rto_forms import finish_validations, validate_items, which_form
from kagaz.doctypes.vehicle_fields import (
    chassis_field, date_field, engine_field, financier_field, name_field, registration_field,
    text_field,
)
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "VEHICLE_RC"
GROUP = "business"
ORDER = 510
GENERATOR = "kagaz.synth.vehicle_rc"
FIELDS = declare(
    registration_number=IDENTIFIER, owner_name=PERSON, chassis_number=IDENTIFIER,
    engine_number=IDENTIFIER, registration_date=DATE, maker_model=TEXT, financier_name=NAME,
    registration_valid_till=DATE, fuel_type=TEXT, vehicle_class=TEXT, address=ADDRESS,
)

_I = re.IGNORECASE
_L = {k: re.compile(v, _I) for k, v in {
    "registration_number": r"(?:REGN|REGD|REG)\.?\s*(?:NUMBER|NO\b\.?)|REGISTRATION\s*(?:NUMBER|NO\b\.?|MARK)|"
                           r"VEHICLE\s*(?:NUMBER|NO\b\.?)",
    "owner_name": r"(?:REGISTERED\s*)?OWNER'?S?\s*NAME|NAME\s*OF\s*(?:THE\s*)?(?:REGISTERED\s*)?OWNER|"
                  r"REGISTERED\s*OWNER|\bOWNER\b(?!\s*(?:SERIAL|SR|NO\b|S\.?\s*NO))",
    "chassis_number": r"CHAS+IS\s*(?:NUMBER|NO\b\.?)|CH\.?\s*NO\b\.?|\bVIN\b",
    "engine_number": r"ENGINE\s*(?:/\s*MOTOR\s*)?(?:NUMBER|NO\b\.?)|ENG\.?\s*NO\b\.?|MOTOR\s*NO\b\.?",
    "registration_date": r"DATE\s*OF\s*(?:REGN|REGISTRATION|REGD|REG)\b\.?|(?:REGN|REGISTRATION|REGD|REG)\.?\s*"
                         r"(?:DATE|DT)\b\.?|REGISTERED\s*ON",
    "registration_valid_till": r"(?:REGN|REGISTRATION|REG)\.?\s*(?:VALID(?:ITY)?\s*)?(?:UP\s*TO|UPTO|TILL)|"
                               r"(?:REGN|REGISTRATION|REG)\.?\s*VALID(?:ITY)?|VALID\s*(?:UP\s*TO|UPTO|TILL)|VALIDITY",
    "maker_model": r"MAKER\s*/\s*MODEL|MAKER\s*(?:&|AND)\s*MODEL|MAKE\s*/\s*MODEL",
    "maker": r"MAKER'?S?\s*NAME|NAME\s*OF\s*(?:THE\s*)?MAKER|MANUFACTURER|\bMAKER\b|\bMFR\b|\bMAKE\b",
    "model": r"MODEL\s*NAME|\bMODEL\b",
    "financier_name": r"FINANCIER'?S?(?:\s*NAME)?|HYPOTHECAT(?:ED|ION)\s*(?:TO|WITH)?|HP\s*/\s*LEASE\s*/\s*HYP\w*"
                      r"(?:\s*WITH)?|FINANCED\s*BY",
    "fuel_type": r"FUEL(?:\s*(?:TYPE|USED))?",
    "vehicle_class": r"VEHICLE\s*CLASS|CLASS\s*OF\s*VEHICLE|VEH\.?\s*CL(?:ASS)?\b\.?",
    "address": r"(?:PERMANENT\s*|PRESENT\s*|FULL\s*)?ADDRESS",
}.items()}
_STOP = re.compile("|".join([p.pattern for p in _L.values()] + [
    r"SON\s*/\s*WIFE|S\s*/\s*W\s*/\s*D|SON\s*OF|WIFE\s*OF|DAUGHTER\s*OF|OWNER\s*SERIAL|SR\.?\s*NO|"
    r"BODY\s*TYPE|COLOU?R|SEATING|SEAT\s*CAP|UNLADEN|CUBIC|CUB\.?\s*CAP|HORSE\s*POWER|WHEEL\s*BASE|"
    r"MONTH|MFG|EMISSION|NORMS|REGISTERING\s*AUTHORITY|SIGNATURE|CYLINDER|TAX\s*(?:PAID|UP)|"
    r"STANDING|SLEEPER|GROSS|FITNESS|INSURANCE"]), _I)
_TITLE = re.compile(r"CERTIFICATE\s*OF\s*REGISTRATION|REGISTRATION\s*CERTIFICATE|\bR\.?\s*C\.?\s*BOOK\b|"
                    r"\bFORM\s*(?:NO\.?\s*)?23\s*A?\b|SMART\s*CARD", _I)
_GOVT = re.compile(r"TRANSPORT\s*DEPARTMENT|MOTOR\s*VEHICLES\s*DEPARTMENT|REGISTERING\s*AUTHORITY|"
                   r"INDIAN\s*UNION|GOVERNMENT\s*OF|\bR\.?\s*T\.?\s*O\b|PARIVAHAN|VAHAN", _I)
_OTHER = re.compile(r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|DELIVERY\s*(?:ORDER|CHALLAN|NOTE)|"
                    r"CERTIFICATE\s*OF\s*INSURANCE|POLICY\s*SCHEDULE|SALE\s*DEED|QUOTATION|PROFORMA|"
                    r"STATEMENT\s*OF\s*ACCOUNT|DRIVING\s*LICEN[CS]E", _I)
# a policy's words: on a page without the certificate's name they make it the policy, while
# an e-RC may list the insurance's validity and policy number among its own items
_POLICY_WORDS = re.compile(r"POLICY\s*(?:NO|NUMBER)|PERIOD\s*OF\s*INSURANCE|\bIDV\b|PREMIUM", _I)
_CUES = ("registration_date", "chassis_number", "engine_number", "owner_name", "maker", "maker_model",
         "vehicle_class", "fuel_type")
# A line with any cue: one search per line, where each cue's own search covered every line.
_ANY_CUE = re.compile("|".join(f"(?:{_L[k].pattern})" for k in _CUES), _I)


def score(layout: Layout) -> float | None:
    text = layout.text
    if not text or which_form(layout) is not None:
        return None
    title = bool(_TITLE.search(text))
    cued = [line.text for line in layout if _ANY_CUE.search(line.text)]
    labels = sum(any(_L[k].search(t) for t in cued) for k in _CUES)
    reg = registration_field(layout, _L["registration_number"])
    if not (title or labels >= 4) or (reg is None and not (title and labels >= 3)):
        return None  # a certificate whose mark the scan spoilt still names itself and its items
    s = 0.4 * title + 0.1 * bool(_GOVT.search(text)) + 0.25 * (reg is not None) + min(0.4, 0.08 * labels)
    if _OTHER.search(text) or (not title and _POLICY_WORDS.search(text)):
        s -= 0.6
    return max(0.0, min(1.0, s)) or None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    found = {
        "registration_number": registration_field(layout, _L["registration_number"]),
        "owner_name": name_field(layout, _L["owner_name"], _STOP),
        "chassis_number": chassis_field(layout, _L["chassis_number"], _STOP),
        "engine_number": engine_field(layout, _L["engine_number"], _STOP),
        "registration_date": date_field(layout, _L["registration_date"], _STOP),
        "maker_model": _maker_model(layout),
        "financier_name": financier_field(layout, _L["financier_name"], _STOP),
        "registration_valid_till": date_field(layout, _L["registration_valid_till"], _STOP),
        "fuel_type": text_field(layout, _L["fuel_type"], _STOP),
        "vehicle_class": text_field(layout, _L["vehicle_class"], _STOP),
        "address": text_field(layout, _L["address"], _STOP, multiline=3),
    }
    for key, fld in found.items():
        if fld is not None:
            fields[key] = fld
    return fields


def _maker_model(layout: Layout) -> Field | None:
    both = text_field(layout, _L["maker_model"], _STOP)
    if both:
        parts = [p.strip() for p in re.split(r"\s*/\s*", str(both.value), maxsplit=1)]
        both.value = " / ".join(p for p in parts if p)
        return both
    maker = text_field(layout, _L["maker"], _STOP)
    model = text_field(layout, _L["model"], _STOP)
    if maker and model:
        return Field(value=f"{maker.value} / {model.value}",
                     confidence_score=min(maker.confidence_score, model.confidence_score),
                     page=maker.page, bbox=maker.bbox)
    return maker or model


def validate(fields: dict[str, Field]) -> list[str]:
    """The registration mark's state code, the VIN's alphabet, registration before validity."""
    issues = validate_items(fields)
    reg, till = fields.get("registration_date"), fields.get("registration_valid_till")
    if reg and till and _ymd(str(till.value)) <= _ymd(str(reg.value)):
        issues.append("The registration is valid until a date before it was made")
        till.confidence_score = min(till.confidence_score, 0.5)
    return issues


def _ymd(value: str) -> tuple[str, ...]:
    return tuple(reversed(value.split("/")))


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``, ``hypothecated`` (a financier is printed)."""
    if not doc.fields:
        return
    finish_validations(doc)
    fin = doc.fields.get("financier_name")
    doc.validations["hypothecated"] = {
        "valid": fin is not None, "financier_name": fin.value if fin else None,
        "message": f"Hypothecated to {fin.value}" if fin else "No financier is printed on the certificate"}
