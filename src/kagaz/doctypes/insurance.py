"""Motor insurance policy (certificate of insurance cum policy schedule).

What every motor policy prints, by law: a vehicle may be used in a public place only when
insured (Motor Vehicles Act, 1988, s.146), and the insurer issues a certificate of insurance in
Form 51 of the Central Motor Vehicles Rules, 1989 (rule 141; s.147(3) of the Act): the
certificate and policy number, the insured's name, the registration mark with the engine and
chassis numbers, the period of insurance (from a date and hour to midnight of another), the
persons or classes of persons entitled to drive and the limitations as to use. The policy
schedule beside it (IRDAI's motor tariff and its successors) states the insured declared value
(IDV: the vehicle's value the policy pays on a total loss) and the premium, with GST. Insurers
print their registered name ("… General Insurance Company Limited", "The New India Assurance Co.
Ltd.") on every page.

:func:`score` rests on that: the certificate's or schedule's name, a policy number, the
insurer's registered name, the period of insurance, IDV and premium, and a registration mark;
a vehicle invoice, a delivery order (which print insurance charges), an RC or an RTO form is
declined, and so is a policy that is not for a vehicle (no mark, no "motor" or "vehicle").

Values: ``policy_number`` as printed without spaces; ``insurer_name`` the registered name as
printed; ``insured_name`` without honorifics; ``policy_start`` / ``policy_end`` ``DD/MM/YYYY``
(from "Period of insurance: from … to …" or their own labels); ``idv`` the total IDV and
``premium`` the total premium payable (with GST; the net premium only where no total is
printed), both ``"125000.00"``.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "Bajaj Allianz General Insurance Company Limited\\n"
...     "Certificate of Insurance cum Policy Schedule - Private Car Package Policy\\n"
...     "Policy Number: OG-25-1901-1801-00012345\\nInsured Name: Mr. RAVI KUMAR\\n"
...     "Registration No.: MH-12-AB-1234\\n"
...     "Period of Insurance: From 00:00 hrs of 12/03/2024 to Midnight of 11/03/2025\\n"
...     "Total IDV (Rs.): 5,25,000\\nTotal Premium Payable: 14,532.00")])
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ("policy_number", "insured_name", "registration_number", "policy_start",
...                       "policy_end", "idv", "premium")]
['OG-25-1901-1801-00012345', 'RAVI KUMAR', 'MH12AB1234', '12/03/2024', '11/03/2025', '525000.00', '14532.00']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, NAME, declare
from kagaz.doctypes.forms import read_value
from kagaz.doctypes.insurance_checks import finish_validations, validate_policy
from kagaz.doctypes.rto_forms import which_form
from kagaz.doctypes.vehicle_fields import (
    amount_field, chassis_field, date_field, engine_field, name_field, registration_field,
)
from kagaz.model import Document, Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "INSURANCE"
GROUP = "business"
ORDER = 570
GENERATOR = "kagaz.synth.insurance"
FIELDS = declare(
    policy_number=IDENTIFIER, insurer_name=NAME, insured_name=NAME, registration_number=IDENTIFIER,
    policy_start=DATE, policy_end=DATE, idv=AMOUNT, premium=AMOUNT, chassis_number=IDENTIFIER,
    engine_number=IDENTIFIER,
)

_I = re.IGNORECASE
# what may follow an amount's or a period's label before its value: "(Rs.)", "(incl. GST)",
# "of Vehicle", "(OD)", "From" (a value starts at its first digit, or after a colon)
_UNIT = r"[^0-9:|\n]{0,30}"
_L = {k: re.compile(v, _I) for k, v in {
    "policy_number": r"CERTIFICATE\s*(?:NO\b\.?|NUMBER)\s*(?:&|AND)\s*POLICY\s*(?:NO\b\.?|NUMBER)|"
                     r"(?:CERTIFICATE\s*(?:CUM|&|AND)\s*)?POLICY\s*(?:/\s*CERTIFICATE\s*)?(?:NUMBER|NO\b\.?)",
    "insured_name": r"(?:NAME\s*OF\s*(?:THE\s*)?(?:INSURED|PROPOSER)|(?:INSURED|PROPOSER)['’]?S?\s*NAME|INSURED\s*"
                    r"PERSON|^\s*INSURED\b)"
                    r"(?!\s*(?:'S)?\s*DECLARED)",
    "registration_number": r"REGISTRATION\s*(?:MARK|NUMBER|NO\b\.?)|REGN\.?\s*(?:MARK|NO\b\.?|NUMBER)|"
                           r"VEHICLE\s*(?:REGISTRATION\s*)?(?:NUMBER|NO\b\.?)",
    "period": rf"(?:PERIOD\s*OF\s*(?:INSURANCE|COVER)|POLICY\s*PERIOD|INSURANCE\s*PERIOD){_UNIT}",
    "policy_start": r"(?:POLICY\s*|RISK\s*|COVER\s*)?(?:START|COMMENCEMENT)\s*DATE|(?:VALID|EFFECTIVE|PERIOD|"
                    r"COVER)\s*FROM|DATE\s*OF\s*(?:COMMENCEMENT|INCEPTION)|INCEPTION\s*DATE",
    "policy_end": r"(?:POLICY\s*|RISK\s*|COVER\s*)?(?:END|EXPIRY)\s*DATE|VALID\s*(?:UP\s*TO|UPTO|TILL)|"
                  r"(?:PERIOD|COVER)\s*TO\b|DATE\s*OF\s*EXPIRY",
    "total_idv": rf"TOTAL\s*(?:IDV|INSURED['’]?S?\s*DECLARED\s*VALUE|VALUE){_UNIT}",
    "idv": rf"(?:(?:VEHICLE\s*)?IDV|INSURED['’]?S?\s*DECLARED\s*VALUE){_UNIT}",
    "total_premium": rf"(?:(?:TOTAL|GROSS|FINAL)\s*(?:POLICY\s*)?PREMIUM(?:\s*(?:PAYABLE|PAID|AMOUNT))?|PREMIUM\s*"
                     rf"(?:PAYABLE|PAID|AMOUNT)|TOTAL\s*AMOUNT\s*(?:PAID|PAYABLE)){_UNIT}",
    "net_premium": rf"(?:NET\s*PREMIUM|PREMIUM){_UNIT}",
    "chassis_number": r"CHASSIS\s*(?:NUMBER|NO\b\.?)",
    "engine_number": r"ENGINE\s*(?:/\s*MOTOR\s*)?(?:NUMBER|NO\b\.?)",
}.items()}
_STOP = re.compile("|".join([p.pattern for p in _L.values()] + [
    r"ADDRESS|MAKE\b|MODEL|BODY|CUBIC|SEAT|YEAR|GSTIN|GST\b|CGST|SGST|IGST|OWN\s*DAMAGE|THIRD\s*PARTY|"
    r"BASIC|NO\s*CLAIM|NCB|DISCOUNT|MOBILE|E-?MAIL|PHONE|CONTACT|AGENT|INTERMEDIARY|HYPOTHECAT|"
    r"FINANCIER|LIMITATIONS|PERSONS|SIGNATURE|DATE\s*OF\s*ISSUE|ISSUED|RTO\b|LOCATION|FUEL|COLOU?R"]), _I)
_INSURER = re.compile(
    r"((?:THE\s+)?[A-Z][A-Za-z&.\-']*(?:\s+[A-Za-z&.\-']+){0,6}?\s+(?:GENERAL\s+INSURANCE|INSURANCE|ASSURANCE)"
    r"(?:\s+(?:CO(?:MPANY)?\.?|CORPORATION))?\s*(?:OF\s+INDIA\s+)?(?:LTD\.?|LIMITED)|"
    r"[A-Z][A-Za-z&.\-']*(?:\s+[A-Za-z&.\-']+){0,4}?\s+GENERAL\s+INSURANCE(?:\s+CO(?:MPANY)?\.?)?)", _I)
_TITLE = re.compile(r"CERTIFICATE\s*OF\s*INSURANCE|POLICY\s*SCHEDULE|MOTOR\s*(?:INSURANCE|POLICY)|COVER\s*NOTE|"
                    r"STAND[\s\-]*ALONE\s*OWN\s*DAMAGE|(?:PACKAGE|BUNDLED|COMPREHENSIVE)\s*POLICY|LIABILITY\s*ONLY|"
                    r"(?:PRIVATE\s*CAR|TWO[\s\-]*WHEELER|COMMERCIAL\s*VEHICLE|GOODS\s*CARRYING)\s*"
                    r"(?:PACKAGE|LIABILITY|COMPREHENSIVE|POLICY|INSURANCE)|\bFORM\s*51\b", _I)
_STATUTE = re.compile(r"MOTOR\s*VEHICLES?\s*ACT|LIMITATIONS?\s*AS\s*TO\s*USE|ENTITLED\s*TO\s*DRIVE|"
                      r"SECTION\s*14[67]|IRDAI?", _I)
_OTHER = re.compile(r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|DELIVERY\s*(?:ORDER|CHALLAN|NOTE)|"
                    r"SALE\s*DEED|QUOTATION|PROFORMA|STATEMENT\s*OF\s*ACCOUNT|CERTIFICATE\s*OF\s*REGISTRATION|"
                    r"REGISTRATION\s*CERTIFICATE", _I)
_SENTENCE_WORDS = frozenset({"BY", "FROM", "WITH", "UNDER", "TO", "FOR", "IS", "ARE", "OF", "AND", "ON", "AT",
                             "IN", "YOUR", "OUR", "WE", "POLICY", "ISSUED", "THIS", "A", "AN"})
_POLICY = re.compile(r"(?<![A-Z0-9])([A-Z0-9](?:[A-Z0-9]|[-/](?=[A-Z0-9])){5,34})(?![A-Z0-9])")


def score(layout: Layout) -> float | None:
    text = layout.text
    if not text or which_form(layout) is not None:
        return None
    title = bool(_TITLE.search(text))
    policy = _policy(layout) is not None
    reg = registration_field(layout, _L["registration_number"]) is not None
    if not (title or policy) or not (reg or re.search(r"MOTOR|VEHICLE", text, _I)):
        return None
    period = any(_L[k].search(text) for k in ("period", "policy_start"))
    idv = bool(_L["idv"].search(text))
    s = (0.3 * title + 0.2 * policy + 0.15 * bool(_INSURER.search(text)) + 0.1 * period + 0.1 * idv
         + 0.1 * bool(_STATUTE.search(text)) + 0.1 * reg)
    if _OTHER.search(text):
        s -= 0.6
    return max(0.0, min(1.0, s)) or None


def _policy(layout: Layout) -> Field | None:
    v = read_value(layout, _L["policy_number"], _STOP, accept=re.compile(r"[0-9]{3}"),
                   skip=re.compile(r"PREVIOUS|EXPIRING|OLD\b|PREV\b", _I))
    if v is None:
        return None
    text = re.sub(r"\s+(?=[-/])|(?<=[-/])\s+", "", v.text.upper())
    # a number printed in groups of digits ("2311 2045 6789 0100 000") is one number
    text = re.sub(r"(?<=[0-9]) (?=[0-9]{2,6}\b)", "", text)
    m = _POLICY.search(text)
    if not m or sum(ch.isdigit() for ch in m.group(1)) < 4:
        return None
    return make_field(m.group(1), confidence(v.score), v.line)


def _insurer(layout: Layout) -> Field | None:
    """The insurer's registered name, from the first line that prints one (in a sentence,
    "… issued by ICICI Lombard General Insurance Company Limited", the words before it go)."""
    for line in layout:
        m = _INSURER.search(line.text)
        if m and not re.match(r"\s*(?:NAME|INSURED|POLICY|ISSUED|PREVIOUS)\b", line.text, _I):
            words = re.sub(r"\s+", " ", m.group(1)).strip(" .,").split(" ")
            head = next(i for i, w in enumerate(words) if re.match(r"GENERAL|INSURANCE|ASSURANCE", w, _I))
            cut = max((i + 1 for i, w in enumerate(words[:head]) if w.upper() in _SENTENCE_WORDS), default=0)
            if cut >= head:
                continue
            name = " ".join(words[cut:])
            name = name + "." if re.search(r"\b(?:LTD|CO)$", name, _I) else name
            return make_field(name, confidence(line.score, free_text=True), line)
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    found: dict[str, Field | None] = {
        "policy_number": _policy(layout),
        "insurer_name": _insurer(layout),
        "insured_name": name_field(layout, _L["insured_name"], _STOP),
        "registration_number": registration_field(layout, _L["registration_number"]),
        "policy_start": date_field(layout, _L["period"], _STOP) or date_field(layout, _L["policy_start"], _STOP),
        "policy_end": date_field(layout, _L["period"], _STOP, index=1) or date_field(layout, _L["policy_end"], _STOP),
        "idv": amount_field(layout, _L["total_idv"], _STOP) or amount_field(layout, _L["idv"], _STOP),
        "premium": amount_field(layout, _L["total_premium"], _STOP) or amount_field(layout, _L["net_premium"], _STOP),
        "chassis_number": chassis_field(layout, _L["chassis_number"], _STOP),
        "engine_number": engine_field(layout, _L["engine_number"], _STOP),
    }
    return {k: v for k, v in found.items() if v is not None}


def validate(fields: dict[str, Field]) -> list[str]:
    """The period's order, the premium against the IDV, the mark's state code."""
    return validate_policy(fields)


def finish(doc: Document) -> None:
    """``registration_format``, ``chassis_format``, ``policy_period``, ``premium_plausible``."""
    if doc.fields:
        finish_validations(doc)
