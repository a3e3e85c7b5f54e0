"""Salary slip (an employer's pay slip for one month).

What every pay slip prints (no statutory form: the Payment of Wages Act, 1936 and the state Shops
and Establishments rules require employers to give wage slips, and lenders' checklists ask for
the last three; every design carries the same facts): the employer's name (at the top, with its
address), the title ("Pay Slip", "Salary Slip", "Payslip for the month of …") and the month it is
for, the employee's name, code, designation and often PAN, the earnings (Basic, HRA, allowances)
and the deductions (Provident Fund, Professional Tax, TDS) with their totals ("Gross Earnings",
"Total Deductions"), and the net pay ("Net Pay", "Net Salary", "Take Home"), often in words.

:func:`score` needs the net pay with the title or both the earnings and deductions headings;
Form 16, ITR-V, bank statements (narrations say "SALARY"), invoices and offer letters (a CTC
break-up) are declined.

Values: ``pay_period`` ``MM/YYYY`` (from "March 2025", "Mar-25", "03/2025" or a period from the
1st to the last of one month), amounts as ``"63000.00"``, ``pan_number`` only beside a PAN label.

Validation ``net_pay_arithmetic`` (additive ``validations``): gross pay − total deductions = net
pay, within a rupee, where all three are printed; ``pan_format`` (python-stdnum).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("KAVERI FOODS PRIVATE LIMITED\\nPlot 12, MIDC, Pune 411019\\nPay Slip for the month of March 2025\\n"
...         "Employee Name : RAVI KUMAR\\nPAN : ABCPK1234F\\nEarnings Amount Deductions Amount\\n"
...         "Gross Earnings 70,000.00 Total Deductions 7,000.00\\nNet Pay 63,000.00")
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in FIELDS if k in f]
['KAVERI FOODS PRIVATE LIMITED', 'RAVI KUMAR', '03/2025', '70000.00', '63000.00', '7000.00', 'ABCPK1234F']
"""

from __future__ import annotations

import re
from decimal import Decimal

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import amount_in, clean_party, name_conf, rows_of, value_of_label
from kagaz.doctypes.fields import AMOUNT, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.tax_ids import labelled_code, pan_valid, value_field
from kagaz.model import Document, Field, TextLine
from kagaz.text.amounts import find_amounts, format_amount, to_decimal
from kagaz.text.dates import find_dates
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score",
           "validate"]

CODE = "SALARY_SLIP"
GROUP = "business"
ORDER = 310
GENERATOR = "kagaz.synth.salary_slip"
FIELDS = declare(
    employer_name=NAME, employee_name=PERSON, pay_period=TEXT, gross_pay=AMOUNT, net_pay=AMOUNT,
    total_deductions=AMOUNT, pan_number=IDENTIFIER,
)

_I = re.IGNORECASE
_TITLE = re.compile(r"PAY\s*-?\s*SLIP|SALARY\s*SLIP|PAY\s*STATEMENT|SALARY\s*STATEMENT|WAGE\s*SLIP|"
                    r"SALARY\s*ADVICE|PAY\s*ADVICE", _I)
_EARN = re.compile(r"\bEARNINGS?\b", _I)
_DEDUCT = re.compile(r"\bDEDUCTIONS?\b", _I)
_NET = re.compile(r"NET\s*(?:PAY(?:ABLE)?|SALARY|AMOUNT\s*PAYABLE|TAKE\s*HOME)|TAKE\s*-?\s*HOME(?:\s*PAY)?", _I)
_GROSS = re.compile(r"GROSS\s*(?:EARNINGS?|SALARY|PAY|TOTAL)|TOTAL\s*(?:GROSS|EARNINGS?)", _I)
_TOTAL_DED = re.compile(r"(?:TOTAL|GROSS)\s*DEDUCTIONS?", _I)
_ANY_TOTAL = re.compile(f"{_NET.pattern}|{_GROSS.pattern}|{_TOTAL_DED.pattern}|\\bEARNINGS?\\b|"
                        r"\bDEDUCTIONS?\b", _I)
_OTHER = re.compile(r"FORM\s*(?:NO\.?\s*)?16\b|INCOME\s*TAX\s*RETURN|ACKNOWLEDGE?MENT\s*NUMBER|"
                    r"STATEMENT\s*OF\s*ACCOUNT|OPENING\s*BALANCE|TAX\s*INVOICE|\bGSTIN\b|\bHSN\b|"
                    r"OFFER\s*LETTER|LETTER\s*OF\s*(?:OFFER|APPOINTMENT)|COST\s*TO\s*(?:THE\s*)?COMPANY|"
                    r"PER\s*ANNUM", _I)
_EMPLOYEE = re.compile(r"^\W*(?:EMPLOYEE|EMP\.?|STAFF)\s*NAME\b|^\W*NAME\s*OF\s*(?:THE\s*)?EMPLOYEE\b|"
                       r"^\W*NAME\b(?!\s*OF\s*(?:THE\s*)?(?:BANK|COMPANY|EMPLOYER))", _I)
_STOP = re.compile(r"^\W*(?:EMP|EMPLOYEE|DESIGNATION|DEPARTMENT|DEPT|PAN|UAN|PF|ESI|BANK|DATE|DOJ|"
                   r"LOCATION|GRADE|DAYS|LOP|MONTH|PAY|CODE|ID|GENDER|ACCOUNT|A/C|NAME)\b", _I)
_TRAILING_LABEL = re.compile(r"(?:\s+(?:EMP(?:LOYEE)?|STAFF|CODE|ID|NO\.?|NUMBER|DESIGNATION|DEPARTMENT|DEPT|"
                             r"PAN|UAN|DATE|OF|JOINING|DOJ|GENDER|LOCATION|GRADE|BANK|A/C|ACCOUNT))+\s*$", _I)
_EMPLOYER_LABEL = re.compile(r"^\W*(?:EMPLOYER|COMPANY)(?:'S)?\s*(?:NAME)?\s*[:\-]", _I)
_FIRM = re.compile(r"\b(?:PRIVATE|PVT|LIMITED|LTD|LLP|INC|CORPORATION|CORP|COMPANY|CO\.|INDUSTRIES|"
                   r"TECHNOLOGIES|SOLUTIONS|SERVICES|ENTERPRISES|HOSPITAL|SCHOOL|BANK|UNIVERSITY|"
                   r"COLLEGE|TRUST|GROUP|FOUNDATION|ASSOCIATES)\b", _I)
_NOT_EMPLOYER = re.compile(r"\d{3}|PAY\s*-?\s*SLIP|SALARY|PAYSLIP|STATEMENT|^\W*(?:NAME|EMPLOYEE)\b|"
                           r"PRIVATE\s*&|CONFIDENTIAL", _I)
_PAN_LABEL = re.compile(r"\bPAN\b(?:\s*(?:NO\b\.?|NUMBER))?", _I)
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_YEAR = re.compile(r"(?<![\d/.\-])(?<!\d\s)\b(JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)"
                         r"[A-Z]*\.?[\s,\-'’/]*((?:19|20)\d{2}|\d{2})(?![\d/])", _I)
_NUM_PERIOD = re.compile(r"(?<![\d/])(0?[1-9]|1[0-2])\s*[/\-.]\s*((?:19|20)\d{2})(?![\d/])")
_PERIOD_LABEL = re.compile(r"MONTH|PERIOD|PAY\s*-?\s*SLIP|SALARY\s*SLIP|PAYSLIP|PAY\s*STATEMENT|"
                           r"SALARY\s*(?:STATEMENT|FOR)", _I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.search(ln.text) and len(ln.text) < 70 for ln in layout.lines[:20])
    columns = bool(_EARN.search(text)) and bool(_DEDUCT.search(text))
    net = bool(_NET.search(text))
    if not net or not (title or columns):
        return None
    s = 0.45 * title + 0.2 * columns + 0.25 * net + 0.1 * bool(_GROSS.search(text))
    if _OTHER.search(text):
        s -= 0.7
    return round(max(0.0, min(0.97, s)), 4) or None


def _first_amount(rows: list[list[TextLine]], label: re.Pattern[str]) -> tuple[Decimal, TextLine] | None:
    """The first amount after ``label`` on its row, before the row's next label (a row may hold
    two label/amount pairs: "Gross Earnings 70,000.00  Total Deductions 7,000.00")."""
    for row in rows:
        for j, line in enumerate(row):
            m = label.search(line.text)
            if not m:
                continue
            for text, src in [(line.text[m.end():], line), *((ln.text, ln) for ln in row[j + 1:])]:
                nxt = _ANY_TOTAL.search(text)
                head = text[:nxt.start()] if nxt else text
                found = find_amounts(head)
                value = to_decimal(found[0]) if found else amount_in(head)
                if value is not None:
                    return value, src
                if nxt:
                    break
    return None


def _amount_below(layout: Layout, label: re.Pattern[str]) -> tuple[Decimal, TextLine] | None:
    """An amount alone under its label (a boxed "Net Pay" with the figure beneath)."""
    for anchor in layout.find(label):
        if _first_amount([[anchor]], label) is not None:
            continue
        for line in layout.below(anchor, max_lines=1):
            found = find_amounts(line.text)
            if len(found) == 1 and not re.search(r"[A-Za-z]{4,}", line.text):
                return to_decimal(found[0]) or Decimal(0), line
    return None


def _period(layout: Layout) -> tuple[str, TextLine] | None:
    for line in layout.lines[:40]:
        if not _PERIOD_LABEL.search(line.text):
            continue
        for text in [line.text, *(ln.text for ln in layout.right_of(line, max_gap=line.height * 40)[:2])]:
            dates = find_dates(text)
            if len(dates) >= 2 and dates[0][3:] == dates[1][3:]:  # 01/03/2025 to 31/03/2025
                return dates[0][3:], line
            m = _MONTH_YEAR.search(text)
            if m:
                year = m.group(2) if len(m.group(2)) == 4 else f"20{m.group(2)}"
                return f"{_MONTHS.index(m.group(1).upper()[:3]) + 1:02d}/{year}", line
            n = _NUM_PERIOD.search(text)
            if n:
                return f"{int(n.group(1)):02d}/{n.group(2)}", line
    return None


def _employer(layout: Layout) -> tuple[str, TextLine, bool] | None:
    hit = value_of_label(layout, _EMPLOYER_LABEL, below=False)
    if hit and len(hit[0]) > 2:
        return clean_party(hit[0]), hit[1], True
    top = [ln for ln in layout.lines[:8] if not _NOT_EMPLOYER.search(ln.text)
           and sum(ch.isalpha() for ch in ln.text) >= 4 and ":" not in ln.text]
    firm = [ln for ln in top if _FIRM.search(ln.text)]
    pick = firm[0] if firm else (max(top[:3], key=lambda ln: ln.height) if top else None)
    if pick is None:
        return None
    return clean_party(pick.text), pick, bool(firm)


def _employee_name(text: str) -> str:
    """The name as printed: up to a wide gap or "(", and before the next "Label:" run into it
    ("Mohd Irfan Emp Code: 778"); no honorific."""
    name = re.split(r"\s{2,}|\(", text)[0]
    if ":" in name:
        name = _TRAILING_LABEL.sub("", name.split(":")[0])
    return re.sub(r"^(?:MR|MRS|MS|SHRI|SMT)\.?\s+", "", name, flags=_I).strip()


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    employer = _employer(layout)
    if employer:
        name, line, sure = employer
        conf = name_conf(confidence(line.score, anchored=sure, free_text=True), name)  # words run together
        fields["employer_name"] = make_field(name, conf, line)
    employee = value_field(layout, _EMPLOYEE, _STOP, clean=_employee_name)
    if employee:
        fields["employee_name"] = employee
    period = _period(layout)
    if period:
        fields["pay_period"] = make_field(period[0], confidence(period[1].score), period[1])
    rows = rows_of(layout)
    for key, label in (("gross_pay", _GROSS), ("net_pay", _NET), ("total_deductions", _TOTAL_DED)):
        hit = _first_amount(rows, label) or _amount_below(layout, label)
        if hit:
            fields[key] = make_field(format_amount(hit[0]), confidence(hit[1].score), hit[1])
    pan = labelled_code(layout, _PAN_LABEL, "AAAAA9999A", valid=pan_valid, reach=1)
    if pan:
        fields["pan_number"] = make_field(pan[0], confidence(pan[2].score, checked=True, repairs=pan[1]), pan[2])
    return fields


def _arithmetic(fields: dict[str, Field]) -> tuple[bool, Decimal] | None:
    parts = [to_decimal(str(fields[k].value)) if k in fields else None
             for k in ("gross_pay", "total_deductions", "net_pay")]
    if any(p is None for p in parts):
        return None
    gross, deductions, net = parts
    assert gross is not None and deductions is not None and net is not None
    return abs(gross - deductions - net) <= Decimal("1.00"), gross - deductions


def validate(fields: dict[str, Field]) -> list[str]:
    checked = _arithmetic(fields)
    if checked is None or checked[0]:
        return []
    for key in ("gross_pay", "total_deductions", "net_pay"):
        fields[key].confidence_score = min(fields[key].confidence_score, 0.7)
    return ["Gross pay less total deductions is not the net pay"]


def finish(doc: Document) -> None:
    """Validations: ``net_pay_arithmetic`` (where gross, deductions and net are printed),
    ``pan_format``."""
    checked = _arithmetic(doc.fields)
    if checked is not None:
        ok, expected = checked
        doc.validations["net_pay_arithmetic"] = {
            "valid": ok, "expected_net_pay": format_amount(expected),
            "message": "Gross pay less total deductions is the net pay" if ok else
            f"Gross pay less total deductions is {format_amount(expected)}, not the net pay printed"}
    if "pan_number" in doc.fields:
        ok = pan_valid(str(doc.fields["pan_number"].value))
        doc.validations["pan_format"] = {
            "valid": ok, "message": "The PAN has the Income-tax Department's structure" if ok
            else "The PAN does not have the Income-tax Department's structure"}
