"""Form 16 (certificate of tax deducted at source on salary, Part A and Part B).

What every Form 16 prints (Income-tax Rules, 1962, Rule 31(1)(a), Form No. 16, issued by the
employer under section 203 of the Income-tax Act, 1961; Part A is generated from TRACES): "FORM
NO. 16", "[See rule 31(1)(a)]", "Certificate under section 203 … for tax deducted at source on
salary", the certificate number, the name and address of the employer and of the employee, the
PAN and TAN of the deductor, the PAN of the employee, the assessment year and the period with
the employer, the quarterly summary of amounts paid and tax deducted and deposited with its
"Total (Rs.)" row; Part B (the annexure) the salary break-up ("Gross Salary", its "(d) Total"),
deductions, the tax on total income and the tax deducted.

:func:`score` needs the form's title with one of its statutory words (section 203, "tax deducted
at source", "TAN of the Deductor", "Part A/B"); Form 16A (TDS other than salary), Form 26AS, a
return acknowledgement, a pay slip and a PAN card are declined.

Validations (additive ``validations``): ``employee_pan_format`` and ``employer_pan_format``
(python-stdnum), ``tan_format`` (4 letters, 5 digits, a letter) with ``name_initial_matches``
(its 4th letter against the employer's name initial).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("FORM NO. 16\\n[See rule 31(1)(a)]\\nCertificate under section 203 of the Income-tax Act\\n"
...         "Name of the Employer: KAVERI FOODS PRIVATE LIMITED\\nTAN of the Deductor: PNEK12345B\\n"
...         "Name of the Employee: RAVI KUMAR\\nPAN of the Employee: ABCPK1234F\\n"
...         "Assessment Year 2024-25\\nGross Salary 850000.00\\nTax deducted at source u/s 192 42000.00")
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in FIELDS if k in f]
['RAVI KUMAR', 'ABCPK1234F', 'KAVERI FOODS PRIVATE LIMITED', 'PNEK12345B', '2024-25', '850000.00', '42000.00']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import amount_in, rows_of
from kagaz.doctypes.statement_text import span_x
from kagaz.doctypes.fields import AMOUNT, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.tax_ids import (
    labelled_code, pan_valid, tan_initial_ok, tan_valid, value_field, year_field,
)
from kagaz.model import Document, Field, TextLine
from kagaz.text.amounts import format_amount
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score",
           "validate"]

CODE = "FORM_16"
GROUP = "business"
ORDER = 330
GENERATOR = "kagaz.synth.form_16"
FIELDS = declare(
    employee_name=PERSON, employee_pan=IDENTIFIER, employer_name=NAME, employer_tan=IDENTIFIER,
    assessment_year=TEXT, gross_salary=AMOUNT, tax_deducted=AMOUNT, employer_pan=IDENTIFIER,
    certificate_number=IDENTIFIER,
)

_I = re.IGNORECASE
_TITLE = re.compile(r"FORM\s*(?:NO\.?|NUMBER)?\s*:?\s*16(?![0-9A-Z])", _I)
_STATUTE = re.compile(r"SECTION\s*203\b|RULE\s*31\s*\(\s*1\s*\)|TAX\s*DEDUCTED\s*AT\s*SOURCE|"
                      r"TAN\s*OF\s*THE\s*(?:DEDUCTOR|EMPLOYER)|\bPART\s*[AB]\b", _I)
_OTHER = re.compile(r"FORM\s*(?:NO\.?)?\s*16\s*A\b|FORM\s*26\s*AS|ANNUAL\s*TAX\s*STATEMENT|"
                    r"INCOME\s*TAX\s*RETURN\s*ACKNOWLEDGE?MENT|^\W*ITR\s*-?\s*V\b|PAY\s*-?\s*SLIP|"
                    r"SALARY\s*SLIP|STATEMENT\s*OF\s*ACCOUNT", _I)
# TRACES adds "/Specified Bank" and "/Specified senior citizen" (pensioners under s.194P)
_BANK, _SENIOR = r"(?:\s*/\s*SPECIFIED\s*BANK)?", r"(?:\s*/\s*SPECIFIED\s*SENIOR\s*CITIZEN)?"
_EMPLOYER = re.compile(rf"NAME\s*(?:AND\s*ADDRESS\s*)?OF\s*THE\s*(?:EMPLOYER|DEDUCTOR){_BANK}|"
                       r"EMPLOYER'?S?\s*NAME", _I)
_EMPLOYEE = re.compile(rf"NAME\s*(?:AND\s*ADDRESS\s*)?OF\s*THE\s*EMPLOYEE{_SENIOR}|EMPLOYEE'?S?\s*NAME", _I)
_STOP = re.compile(r"NAME\s*(?:AND\s*ADDRESS\s*)?OF|\bPAN\b|\bTAN\b|ASSESS?MENT|CERTIFICATE|"
                   r"EMPLOYEE\s*REF|CIT\s*\(|PERIOD|DESIGNATION|ADDRESS", _I)
_TAN_LABEL = re.compile(r"\bTAN\b(?:\s*OF\s*THE\s*(?:DEDUCTOR|EMPLOYER))?", _I)
_EMPLOYEE_PAN = re.compile(rf"PAN\s*OF\s*THE\s*EMPLOYEE{_SENIOR}|EMPLOYEE'?S?\s*PAN", _I)
_EMPLOYER_PAN = re.compile(r"PAN\s*OF\s*THE\s*(?:DEDUCTOR|EMPLOYER)|EMPLOYER'?S?\s*PAN", _I)
_CERT_LABEL = re.compile(r"CERTIFICATE\s*NO\b\.?", _I)
_CERT_VALUE = re.compile(r"^[\s:.\-]*([A-Z0-9]{5,10})\b")  # TRACES prints 7 capitals
_GROSS = re.compile(r"GROSS\s*SALARY|TOTAL\s*GROSS\s*SALARY", _I)
_GROSS_TOTAL = re.compile(r"^\W*\(?\s*d\s*\)?\s*TOTAL\b", _I)
_TDS_COLUMN = re.compile(r"(?:AMOUNT\s*OF\s*)?TAX\s*DEDUCTED(?!\s*AT)", _I)
_TOTAL_ROW = re.compile(r"^\W*TOTAL\s*\(?\s*RS\.?\s*\)?", _I)
_TDS_LABEL = re.compile(r"TAX\s*DEDUCTED\s*AT\s*SOURCE\s*(?:U/S|UNDER\s*SECTION)\s*192|"
                        r"TOTAL\s*TAX\s*DEDUCTED|TAX\s*DEDUCTED\s*\(", _I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    title = any(_TITLE.search(ln.text) and len(ln.text) < 40 for ln in layout.lines[:25])
    statute = {m.group(0).upper()[:6] for m in _STATUTE.finditer(layout.text)}
    if not title or not statute:
        return None
    s = 0.55 + 0.12 * min(len(statute), 3) + 0.05 * bool(_TAN_LABEL.search(layout.text))
    if _OTHER.search(layout.text):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None


def _first_part(text: str) -> str | None:
    name = re.split(r",|\s{2,}", text, maxsplit=1)[0].strip(" .:-")
    return name if len(re.sub(r"[^A-Za-z]", "", name)) >= 3 and not re.search(r"\d{3}", name) else None


def _code(layout: Layout, label: re.Pattern[str], pattern: str, check: object) -> Field | None:
    found = labelled_code(layout, label, pattern, valid=check)
    if not found:
        return None
    value, repairs, line = found
    return make_field(value, confidence(line.score, checked=True, repairs=repairs), line)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    for key, label in (("employee_name", _EMPLOYEE), ("employer_name", _EMPLOYER)):
        found = value_field(layout, label, _STOP, clean=_first_part)
        if found:
            fields[key] = found
    codes = (("employee_pan", _EMPLOYEE_PAN, "AAAAA9999A", pan_valid),
             ("employer_tan", _TAN_LABEL, "AAAA99999A", tan_valid),
             ("employer_pan", _EMPLOYER_PAN, "AAAAA9999A", pan_valid))
    for key, label, pattern, check in codes:
        found_code = _code(layout, label, pattern, check)
        if found_code:
            fields[key] = found_code
    year = year_field(layout)
    if year:
        fields["assessment_year"] = year
    rows = rows_of(layout)
    for key, hit in (("gross_salary", _gross(rows)), ("tax_deducted", _tds(layout, rows))):
        if hit:
            fields[key] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])
    cert = _certificate(layout)
    if cert:
        fields["certificate_number"] = make_field(cert[0], confidence(cert[1].score), cert[1])
    return fields


def _certificate(layout: Layout) -> tuple[str, TextLine] | None:
    for anchor in layout.find(_CERT_LABEL):
        m = _CERT_LABEL.search(anchor.text)
        assert m is not None
        right = layout.right_of(anchor, max_gap=anchor.height * 40)[:1]
        for text, line in [(anchor.text[m.end():], anchor), *((ln.text, ln) for ln in right)]:
            v = _CERT_VALUE.match(text)
            if v:
                return v.group(1), line
    return None


def _money_on(row: list[TextLine], start: int = 0, after: str = "") -> object:
    text = "  ".join([after] + [ln.text for ln in row[start:]])
    return amount_in(text, bare=False)


def _gross(rows: list[list[TextLine]]) -> tuple[object, TextLine] | None:
    """The gross salary: on its row, else the "(d) Total" under "Gross Salary" (Part B)."""
    for i, row in enumerate(rows):
        for j, line in enumerate(row):
            m = _GROSS.search(line.text)
            if not m:
                continue
            value = _money_on(row, j + 1, line.text[m.end():])
            if value is not None:
                return value, row[-1]
            for nxt in rows[i + 1:i + 7]:
                if _GROSS_TOTAL.search(nxt[0].text):
                    value = _money_on(nxt, 1, _GROSS_TOTAL.sub("", nxt[0].text))
                    if value is not None:
                        return value, nxt[-1]
    return None


def _tds(layout: Layout, rows: list[list[TextLine]]) -> tuple[object, TextLine] | None:
    """Part A's "Total (Rs.)" row under the "Amount of tax deducted" column (else the second of
    its three amounts: paid, deducted, deposited), else a labelled "Tax deducted at source u/s
    192" / "Total tax deducted" amount."""
    header = next((ln for ln in layout if _TDS_COLUMN.search(ln.text)
                   and not _TDS_LABEL.search(ln.text) and len(ln.text) < 45), None)
    for row in rows:
        m = _TOTAL_ROW.search(row[0].text)
        if not m:
            continue
        cells = [(value, (x0 + x1) / 2, line) for line in row
                 for value, (x0, x1) in _money_spans(line, m.end() if line is row[0] else 0)]
        if header is not None and cells:
            hx, width = (header.x0 + header.x1) / 2, header.x1 - header.x0
            best = min(cells, key=lambda c: abs(c[1] - hx))
            if abs(best[1] - hx) < width:
                return best[0], best[2]
        if len(cells) == 3:
            return cells[1][0], cells[1][2]
    for row in rows:
        for j, line in enumerate(row):
            m = _TDS_LABEL.search(line.text)
            if m:
                value = _money_on(row, j + 1, line.text[m.end():])
                if value is not None:
                    return value, row[-1]
    return None


def _money_spans(line: TextLine, start: int) -> list[tuple[object, tuple[float, float]]]:
    """The amounts of a line from ``start`` on, with their x extent."""
    out = []
    for tok in re.finditer(r"\S+", line.text[start:]):
        value = amount_in(tok.group(0), bare=False)
        if value is not None:
            out.append((value, span_x(line, start + tok.start(), start + tok.end())))
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    issues = []
    tan, employer = fields.get("employer_tan"), fields.get("employer_name")
    if tan and employer and tan_initial_ok(str(tan.value), str(employer.value)) is False:
        issues.append("The TAN's 4th letter is not the employer's name initial")
    return issues


def finish(doc: Document) -> None:
    """Validations: PAN formats, ``tan_format`` with ``name_initial_matches``."""
    f = doc.fields
    for key in ("employee_pan", "employer_pan"):
        if key in f:
            ok = pan_valid(str(f[key].value))
            doc.validations[f"{key}_format"] = {
                "valid": ok, "message": "The PAN has the Income-tax Department's structure" if ok
                else "The PAN does not have the Income-tax Department's structure"}
    if "employer_tan" in f:
        tan = str(f["employer_tan"].value)
        ok = tan_valid(tan)
        initial = tan_initial_ok(tan, str(f["employer_name"].value)) if "employer_name" in f else None
        doc.validations["tan_format"] = {
            "valid": ok and initial is not False, "structure_valid": ok, "name_initial_matches": initial,
            "message": ("The TAN has 4 letters, 5 digits and a letter" if ok else
                        "The TAN does not have 4 letters, 5 digits and a letter")
            + ("" if initial is None else "; its 4th letter is the employer's initial" if initial
               else "; its 4th letter is not the employer's initial")}
