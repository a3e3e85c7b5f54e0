"""Income-tax return acknowledgement (ITR-V).

What every ITR-V prints (Income-tax Department, Rule 12 of the Income-tax Rules, 1962: the
acknowledgement the e-filing portal issues for a return in Form ITR-1 to ITR-7; the CPC design
"INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT" since AY 2021-22, and the older "ITR-V" with its
"Computation of income and tax thereon"): its title, the assessment year, the assessee's PAN,
name and address, the form (ITR-1 …), the section it was filed under (139(1) …), the e-filing
acknowledgement number (15 digits), the total income and tax figures, and the date it was
filed ("submitted electronically on 25-07-2024", "Date of e-filing").

:func:`score` needs the title (or the acknowledgement number's label with an assessment year)
and declines Form 16 (a TDS certificate prints "Assessment Year" and the PAN too), pay slips,
bank statements and PAN cards.

Validations (additive ``validations``): ``pan_format`` (python-stdnum), ``acknowledgement_format``
(15 digits), ``assessment_year_vs_filing_date`` (filed from 1 April of the assessment year to 48
months after it ends, :func:`kagaz.doctypes.tax_ids.year_window`).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("INDIAN INCOME TAX RETURN ACKNOWLEDGEMENT\\nAssessment Year 2024-25\\n"
...         "PAN ABCPK1234F\\nName RAVI KUMAR\\ne-Filing Acknowledgement Number 523417890123456\\n"
...         "Total Income 750000\\nIncome Tax Return submitted electronically on 25-07-2024")
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in FIELDS if k in f]
['523417890123456', 'ABCPK1234F', 'RAVI KUMAR', '2024-25', '750000.00', '25/07/2024']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import amount_after, date_in, rows_of
from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, PERSON, TEXT, declare
from kagaz.doctypes.tax_ids import labelled_code, pan_valid, value_field, year_field, year_window
from kagaz.model import Document, Field
from kagaz.text.amounts import format_amount
from kagaz.text.dates import to_date
from kagaz.text.layout import Layout
from kagaz.text.names import looks_joined

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score",
           "validate"]

CODE = "ITR_V"
GROUP = "business"
ORDER = 320
GENERATOR = "kagaz.synth.itr_v"
FIELDS = declare(
    acknowledgement_number=IDENTIFIER, pan_number=IDENTIFIER, name=PERSON, assessment_year=TEXT,
    total_income=AMOUNT, filing_date=DATE, form_number=TEXT,
)

_I = re.IGNORECASE
_TITLE = re.compile(r"INCOME\s*TAX\s*RETURN\s*ACKNOWLEDGE?MENT|^\W*ITR\s*-?\s*V\b|"
                    r"ITR\s*-?\s*V\s*[-–]?\s*INDIAN\s*INCOME", _I)
# "Acknowledgement", "Acknowledgment", and the OCR's "Acknowledgemen" before "No." / "Number"
_ACK = re.compile(r"ACKNOWLEDG\w{0,5}\s*(?:NO\b\.?|NUMBER)|\bACK\.?\s*NO\b\.?", _I)
_AY = re.compile(r"ASSESS?MENT\s*YEAR", _I)
_RETURN_WORDS = re.compile(r"RETURN\s*OF\s*INCOME|FORM\s*(?:NUMBER|NO\.?)?\s*:?\s*ITR\s*-?\s*\d|"
                           r"FILED\s*U/S|\bE-?\s*FILING\b|TOTAL\s*INCOME", _I)
_OTHER = re.compile(r"FORM\s*(?:NO\.?\s*)?16\b|SECTION\s*203\b|TAX\s*DEDUCTED\s*AT\s*SOURCE\s*ON\s*"
                    r"SALARY|\bTAN\s*OF\s*(?:THE\s*)?(?:DEDUCTOR|EMPLOYER)|PAY\s*-?\s*SLIP|"
                    r"SALARY\s*SLIP|STATEMENT\s*OF\s*ACCOUNT|FORM\s*26\s*AS|ANNUAL\s*TAX\s*STATEMENT|"
                    r"PERMANENT\s*ACCOUNT\s*NUMBER\s*CARD", _I)
_ACK_VALUE = re.compile(r"(?<!\d)(\d{15})(?!\d)")
_PAN_LABEL = re.compile(r"^\W*PAN\b(?!\s*of\s*the\s*(?:deductor|employer))|PERMANENT\s*ACCOUNT\s*NUMBER", _I)
_NAME_LABEL = re.compile(r"^\W*(?:NAME(?:\s*OF\s*(?:THE\s*)?ASSESSEE)?|ASSESSEE\s*NAME)\b", _I)
_STOP = re.compile(r"^\W*(?:PAN|ADDRESS|STATUS|FORM\s*NUMBER|FLAT|NAME|DATE|ASSESS|E-?FILING|"
                   r"ACKNOWLEDGE|FILED|DESIGNATION|AADHAAR|TOTAL|PREMISES)\b", _I)
_TOTAL_INCOME = re.compile(r"(?<![A-Za-z])(?<!GROSS\s)(?:\d\s*\.?\s*)?TOTAL\s*INCOME\b(?!\s*(?:TAX|OF|UNDER|AS))|"
                           r"TAXABLE\s*INCOME", _I)
_FILED = [re.compile(p, _I) for p in (
    r"SUBMITTED\s*ELECTRONICALLY\s*ON", r"DATE\s*\(?S?\)?\s*OF\s*E?-?\s*FILING",
    r"E-?\s*FILED\s*ON|FILED\s*ON|DATE\s*OF\s*FILING|FILING\s*DATE")]
_FORM = re.compile(r"\bITR\s*-?\s*([1-7])\b", _I)
_FORM_LABEL = re.compile(r"FORM\s*(?:NUMBER|NO\b\.?)(?:\s*WHICH\s*HAS\s*BEEN\s*ELECTRONICALLY\s*TRANSMITTED)?", _I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.search(ln.text) and len(ln.text) < 80 for ln in layout.lines[:25])
    ack = bool(_ACK.search(text)) and bool(_ACK_VALUE.search(text))
    ay = bool(_AY.search(text))
    if not title and not (ack and ay):
        return None
    s = 0.5 * title + 0.2 * ack + 0.15 * ay + 0.15 * bool(_RETURN_WORDS.search(text))
    if _OTHER.search(text):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None


def _ack(layout: Layout) -> Field | None:
    for anchor in layout.find(_ACK):
        m = _ACK.search(anchor.text)
        assert m is not None
        cands = [(anchor.text[m.end():], anchor), *((ln.text, ln) for ln in layout.right_of(anchor, max_gap=anchor.height * 60)[:2]),
                 *((ln.text, ln) for ln in layout.below(anchor, max_lines=2))]
        for text, line in cands:
            found = _ACK_VALUE.search(re.sub(r"(?<=\d)\s(?=\d)", "", text))
            if found:
                return make_field(found.group(1), confidence(line.score, checked=True), line)
    return None


def _name(text: str) -> str | None:
    name = re.split(r"\s{2,}|\bPAN\b|\bSTATUS\b", text, maxsplit=1, flags=_I)[0].strip(" ,.:-")
    return name if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]{1,80}", name) else None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    ack = _ack(layout)
    if ack:
        fields["acknowledgement_number"] = ack
    pan = labelled_code(layout, _PAN_LABEL, "AAAAA9999A", valid=pan_valid)
    if pan:
        fields["pan_number"] = make_field(pan[0], confidence(pan[2].score, checked=True, repairs=pan[1]),
                                          pan[2])
    name = value_field(layout, _NAME_LABEL, _STOP, clean=_name)
    if name:
        if looks_joined(str(name.value)):
            name.confidence_score = min(name.confidence_score, 0.6)
        fields["name"] = name
    year = year_field(layout)
    if year:
        fields["assessment_year"] = year
    hit = amount_after(rows_of(layout), _TOTAL_INCOME, pick="first")
    if hit is not None:
        fields["total_income"] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])
    filed = _filing_date(layout)
    if filed:
        fields["filing_date"] = filed
    form = _form(layout)
    if form:
        fields["form_number"] = form
    return fields


def _form(layout: Layout) -> Field | None:
    """The form beside "Form Number" / "Form No.", else the only ITR-n the page names (the CPC
    header lists every form: "in Form ITR-1(SAHAJ), ITR-2, …")."""
    for anchor in layout.find(_FORM_LABEL):
        m = _FORM_LABEL.search(anchor.text)
        assert m is not None
        for text, line in [(anchor.text[m.end():], anchor),
                           *((ln.text, ln) for ln in layout.right_of(anchor, max_gap=anchor.height * 40)[:1])]:
            found = _FORM.match(text.strip(" :-"))
            if found:
                return make_field(f"ITR-{found.group(1)}", confidence(line.score), line)
    named = {h.text for h in layout.all(_FORM)}
    if len(named) == 1:
        hit = layout.first(_FORM)
        assert hit is not None
        return make_field(f"ITR-{hit.text}", confidence(hit.score, anchored=False), hit.line)
    return None


def _filing_date(layout: Layout) -> Field | None:
    for rx in _FILED:
        for anchor in layout.find(rx):
            m = rx.search(anchor.text)
            assert m is not None
            for text, line in [(anchor.text[m.end():], anchor),
                               *((ln.text, ln) for ln in layout.right_of(anchor)[:2]),
                               *((ln.text, ln) for ln in layout.below(anchor, max_lines=1))]:
                d = date_in(text)
                if d:
                    return make_field(d, confidence(line.score), line)
    return None


def validate(fields: dict[str, Field]) -> list[str]:
    issues = []
    ay, filed = fields.get("assessment_year"), fields.get("filing_date")
    if ay and filed and _year_ok(str(ay.value), str(filed.value)) is False:
        issues.append("The filing date is outside the assessment year's filing window")
        filed.confidence_score = min(filed.confidence_score, 0.7)
    return issues


def _year_ok(ay: str, filed: str) -> bool | None:
    day = to_date(filed)
    if day is None or not re.fullmatch(r"20\d\d-\d\d", ay):
        return None
    first, last = year_window(ay)
    return first <= day <= last


def finish(doc: Document) -> None:
    """Validations: ``pan_format``, ``acknowledgement_format``, ``assessment_year_vs_filing_date``."""
    f = doc.fields
    if "pan_number" in f:
        ok = pan_valid(str(f["pan_number"].value))
        doc.validations["pan_format"] = {
            "valid": ok, "message": "The PAN has the Income-tax Department's structure" if ok
            else "The PAN does not have the Income-tax Department's structure"}
    if "acknowledgement_number" in f:
        ok = bool(re.fullmatch(r"\d{15}", str(f["acknowledgement_number"].value)))
        doc.validations["acknowledgement_format"] = {
            "valid": ok, "message": "The acknowledgement number has 15 digits" if ok
            else "The acknowledgement number does not have 15 digits"}
    if "assessment_year" in f and "filing_date" in f:
        ay, filed = str(f["assessment_year"].value), str(f["filing_date"].value)
        ok = _year_ok(ay, filed)
        if ok is not None:
            first, last = year_window(ay)
            doc.validations["assessment_year_vs_filing_date"] = {
                "valid": ok, "window_from": first.strftime("%d/%m/%Y"),
                "window_to": last.strftime("%d/%m/%Y"),
                "message": f"Filed on {filed}, within AY {ay}'s filing window" if ok else
                f"Filed on {filed}, outside AY {ay}'s filing window (from {first:%d/%m/%Y} to {last:%d/%m/%Y})"}
