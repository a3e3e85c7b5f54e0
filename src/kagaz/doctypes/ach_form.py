"""NACH / ACH debit mandate (NPCI's mandate form, as lenders have borrowers sign it).

What every mandate prints, by NPCI's NACH procedural guidelines (the standard "NACH / ECS / Direct
Debit Mandate Form", one third of an A4 page, the same for every sponsor bank): the UMRN box
(Unique Mandate Reference Number, 20 characters, assigned when the mandate is registered: blank
on a fresh form), the date in ``D D M M Y Y Y Y`` boxes, the sponsor bank's code and the
creditor's utility code, Create / Modify / Cancel, "I/We hereby authorize <creditor> to debit"
the account type (SB / CA / CC …), the bank account number in boxes, "with Bank", the branch's
IFSC "or MICR", "an amount of Rupees" in words and in figures (a ₹ box), the frequency (Mthly,
Qtly, H-Yrly, Yrly, As & when presented) and the debit type (Fixed Amount / Maximum Amount), two
references (the loan account number), phone and e-mail, the period "From … To … Or Until
Cancelled", and up to three signatures each over "Name as in bank records". Lenders' own
printed mandates carry the same fields as labelled values ("Account Holder Name", "Start Date").

:func:`score` rests on that: a mandate's title ("NACH", "ACH", "ECS", "Direct Debit" with
"Mandate") and its own words (UMRN, sponsor bank code, utility code, "hereby authorize … to
debit", frequency, debit type, "until cancelled", "name as in bank records"). A cheque leaf (its
MICR band, "Pay … or Bearer") and a bank statement whose narrations say NACH or ACH are declined;
:mod:`kagaz.doctypes.cheque` in turn declines every mandate.

Values: ``umrn`` 20 characters (absent on a fresh form); ``bank_name`` the debtor's bank (its
usual name where known, from "with Bank" or the IFSC's bank code); ``ifsc`` 11 characters;
``micr`` 9 digits; ``account_number`` digits as written; ``account_holder_name`` as in bank
records (the first signatory); ``amount`` "25000.00"; ``frequency`` one of ``monthly``,
``quarterly``, ``half_yearly``, ``yearly``, ``as_presented`` (and ``daily``, ``weekly`` on
e-mandates); ``debit_type`` ``fixed`` or ``maximum``; ``start_date``, ``end_date`` and
``mandate_date`` DD/MM/YYYY (no end date when "Until Cancelled" is chosen).

Validations (additive ``validations``): ``ifsc_format``, ``micr_format``,
``micr_bank_matches_ifsc`` (the IFSC and MICR rules of :mod:`kagaz.doctypes.cheque`),
``umrn_format``, ``amount_positive``, ``mandate_period`` (the end date after the start date).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''NACH / ECS / DIRECT DEBIT MANDATE FORM
... UMRN HDFC7021807230034086   Date 2 4 0 3 2 0 2 5
... Sponsor Bank Code HDFC0000001   Utility Code NACH00000000012345
... I/We hereby authorize Kaveri Finance Limited to debit SB
... Bank a/c number 5 0 1 0 0 1 2 3 4 5 6 7 8 9
... with Bank State Bank of India   IFSC SBIN0001234 or MICR 411002026
... an amount of Rupees Twenty Five Thousand only   ₹ 25,000.00
... Frequency X Mthly Qtly H-Yrly Yrly As & when presented
... From 0 1 0 4 2 0 2 5   To 3 1 0 3 2 0 3 0   Or Until Cancelled
... RAVI KUMAR
... Name as in bank records'''
>>> lay = Layout([TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)])
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> [f[k].value for k in ("umrn", "bank_name", "ifsc", "micr", "account_number", "amount",
...                       "frequency", "start_date", "end_date", "account_holder_name")]
['HDFC7021807230034086', 'State Bank of India', 'SBIN0001234', '411002026', '50100123456789', '25000.00', 'monthly', '01/04/2025', '31/03/2030', 'RAVI KUMAR']
"""

from __future__ import annotations

import re

from kagaz.doctypes.ach_form_values import (
    DEBIT_TYPES, FREQUENCIES, boxed_date, boxed_digits, ticked, umrn_in, umrn_valid,
)
from kagaz.doctypes.bank_checks import bank_validations, micr_bank_mismatch
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.billing import amount_in, clean_party, row_text, rows_of
from kagaz.doctypes.cheque_micr import find_band, micr_valid
from kagaz.doctypes.fields import AMOUNT, DATE, IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.statement_fields import BANK_RX, BANKS, ifsc as find_ifsc, ifsc_bank_mismatch, ifsc_valid
from kagaz.model import Document, Field, TextLine, union_box
from kagaz.text.amounts import format_amount
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "finish", "score", "validate"]

CODE = "ACH_FORM"
GROUP = "business"
ORDER = 200
GENERATOR = "kagaz.synth.nach"
FIELDS = declare(
    umrn=IDENTIFIER, bank_name=TEXT, ifsc=IDENTIFIER, micr=IDENTIFIER, account_number=IDENTIFIER,
    account_holder_name=NAME, amount=AMOUNT, frequency=TEXT, debit_type=TEXT, start_date=DATE,
    end_date=DATE, mandate_date=DATE, creditor_name=NAME,
)

_I = re.I
_TITLE = re.compile(r"\b(?:N\s*ACH|ACH|ECS|DIRECT\s*DEBIT|AUTO\s*DEBIT)\b.{0,40}\bMANDATE\b|"
                    r"\bMANDATE\s*FORM\b|\bDEBIT\s*MANDATE\b", _I)
_CUES = {
    "umrn": re.compile(r"\bUMRN\b", _I),
    "sponsor": re.compile(r"SPONSOR\s*BANK", _I),
    "utility": re.compile(r"UTILITY\s*CODE", _I),
    "authorise": re.compile(r"HEREBY\s*AUTHORI[SZ]E|AUTHORI[SZ]E\s*.{0,60}\bTO\s*DEBIT", _I),
    "frequency": re.compile(r"FREQUENCY|\bMTHLY\b|\bQTLY\b|H\s*-\s*YRLY", _I),
    "debit_type": re.compile(r"DEBIT\s*TYPE|FIXED\s*AMOUNT|MAXIMUM\s*AMOUNT", _I),
    "until": re.compile(r"UNTIL\s*CANC?ELL?ED", _I),
    "records": re.compile(r"NAME\s*AS\s*(?:IN|PER)\s*BANK\s*RECORDS?", _I),
}
_STATEMENT = re.compile(r"STATEMENT\s*OF\s*ACCOUNT|ACCOUNT\s*STATEMENT|OPENING\s*BAL|CLOSING\s*BAL|"
                        r"NARRATION|WITHDRAWALS?\b|TRANSACTION\s*DATE|VALUE\s*DATE", _I)
_LETTER = re.compile(r"\bDEAR\s+(?:SIR|MADAM|CUSTOMER)|YOURS\s+(?:SINCERELY|FAITHFULLY|TRULY)|^\W*SUB(?:JECT)?\s*:",
                     _I | re.M)
_LEAF = re.compile(r"\bOR\s*BEARER\b|PLEASE\s*SIGN\s*ABOVE", _I)

_ACCT = re.compile(r"(?:BANK\s*)?(?:A\s*/\s*C|ACC(?:OUN)?T)\.?\s*(?:NUMBER|NO\b\.?|#)", _I)
_BANK = re.compile(r"\bWITH\s*BANK\b|\bBANK\s*NAME\b|NAME\s*OF\s*(?:THE\s*)?(?:DESTINATION\s*)?BANK\b|"
                   r"\bDEBTOR\s*BANK\b|\bDESTINATION\s*BANK\b", _I)
_BANK_END = re.compile(r"\s+(?:IFSC|IFS\s*CODE|MICR|BRANCH|OR\b|A\s*/\s*C)\b.*$", _I)
_MICR = re.compile(r"\bMICR\b(?:\s*CODE)?\s*(?:NO\.?)?\s*[:\-]?\s*(\d{9})(?!\d)", _I)
_HOLDER = re.compile(r"ACCOUNT\s*HOLDER(?:'?S)?\s*NAME|NAME\s*OF\s*(?:THE\s*)?(?:ACCOUNT\s*HOLDER|"
                     r"CUSTOMER|BORROWER)|NAME\s*AS\s*(?:IN|PER)\s*BANK\s*RECORDS?", _I)
_NOT_NAME = re.compile(r"BANK|SIGNATURE|SIGN\b|HOLDER|RECORDS|ACCOUNT|IFSC|MICR|AMOUNT|DATE|"
                       r"MANDATE|UMRN|PHONE|EMAIL|E-MAIL|REFERENCE|CODE|UTILITY|SPONSOR|FREQUENCY|"
                       r"PERIOD|INSTRUCTION|\d", _I)
_CREDITOR = re.compile(r"AUTHORI[SZ]E\s*(?:M\s*/\s*S\.?\s*)?(.+?)\s*\bTO\s*DEBIT\b", _I)  # the whole name on one row
_AMOUNT = re.compile(r"₹|\bRS\b\.?|\bINR\b|AMOUNT\s*(?:IN\s*FIGURES|\(?IN\s*FIGURES\)?)|"
                     r"(?:MAXIMUM|MAX\.?|MANDATE|DEBIT|EMI)\s*AMOUNT|^\s*AMOUNT\b", _I)
_NOT_AMOUNT = re.compile(r"CHARGES|RUPEES\s+[A-Z]", _I)
# The amount in figures beside the words ("an amount of Rupees Eight Thousand only  8200.00"),
# where the reader lost the ₹ of its box.
_WORDS_ROW = re.compile(r"AMOUNT\s*OF\s*RUPEES|^\s*RUPEES\b", _I)
_FROM = re.compile(r"(?:^|\b)(?:FROM|START\s*DATE|COMMENCEMENT\s*DATE|VALID\s*FROM)\b\s*[:\-]?", _I)
_TO = re.compile(r"\b(?:TO|END\s*DATE|EXPIRY\s*DATE|VALID\s*(?:TILL|UPTO|UP\s*TO))\b\s*[:\-]?", _I)
_DATE = re.compile(r"(?:^|\s)(?:MANDATE\s*)?DATE\b\s*[:\-]?(?!\s*(?:OF|FROM))", _I)
# A run of at least four one- or two-character pieces: boxes read one by one ("H", "D") or in
# pairs where the reader joined two boxes ("C0").
_PIECE = r"(?:[A-Za-z0-9]|[A-Za-z]\d|\d[A-Za-z0-9])"  # "To", "or" are words, not boxes
_SPACED = re.compile(rf"(?<![A-Za-z0-9])(?:{_PIECE}[ |]){{3,}}{_PIECE}(?![A-Za-z0-9])")
_GLUED_MARK = re.compile(r"(?<![A-Za-z])([Xx✓✔√☑☒■●])(?=(?:Mthly|Monthly|Qtly|Quarterly|H\s*-?\s*Yrly|Half|"
                         r"Yrly|Yearly|As\s*(?:&|and)|Fixed|Max))")


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.search(ln.text) and len(ln.text) < 80 for ln in layout.lines[:25])
    cues = [k for k, rx in _CUES.items() if rx.search(text)]
    if len(cues) < (2 if title else 3):
        return None  # a letter about a mandate ("Sub: NACH Mandate Registration", its UMRN) is no form
    if _LETTER.search(text):
        return None
    s = 0.4 * title + min(0.6, 0.12 * len(cues))
    if _STATEMENT.search(text):
        s -= 0.6
    if find_band(layout) is not None or _LEAF.search(text):
        s -= 0.4
    return round(max(0.0, min(0.97, s)), 4) or None


def _rows(layout: Layout) -> Layout:
    """One line per visual row, its boxes joined left to right and one-character-per-box runs
    closed up ("IFSC H D F C 0 0 0 1 2 3 4" -> "IFSC HDFC0001234"): a form's label and the
    value written in its boxes become one line, whether the reader split them or not."""
    def close(m: re.Match[str]) -> str:
        return re.sub(r"[ |]", "", m.group(0))
    out = []
    for row in rows_of(layout):
        joined = " ".join(ln.text for ln in row)
        text = _SPACED.sub(close, joined)
        score = min(ln.score for ln in row)
        if text != joined and row[0].source == "ocr":
            score = min(score, 0.75)  # a reader drops boxes it cannot see: a digit may be missing
        out.append(TextLine(text, score, union_box(row), row[0].page, row[0].source))
    return Layout(out)


def _after(layout: Layout, line: TextLine, m: re.Match[str]) -> list[tuple[str, TextLine]]:
    """The text after a label on its line, then the next two boxes to its right."""
    out = [(line.text[m.end():], line)]
    out += [(ln.text, ln) for ln in layout.right_of(line, max_gap=line.height * 12)[:2]]
    return out


def _account(layout: Layout) -> tuple[str, TextLine] | None:
    for line in layout:
        m = _ACCT.search(line.text)
        if not m:
            continue
        for text, src in _after(layout, line, m):
            d = re.match(r"^[\s:.\-#]*(\d{6,18})(?!\d)", boxed_digits(text))
            if d:
                return d.group(1), src
    return None


def _bank(layout: Layout, code: str | None) -> tuple[str, float, TextLine | None] | None:
    for line in layout:
        m = _BANK.search(line.text)
        if not m or re.search(r"SPONSOR", line.text, _I):
            continue
        for text, src in _after(layout, line, m):
            value = _BANK_END.sub("", text).strip(" :-.,")
            for bank_code, rx in BANK_RX.items():
                if rx.search(value):
                    return BANKS[bank_code][0], confidence(src.score, checked=(
                        True if code and code[:4] == bank_code else None)), src
            if len(re.sub(r"[^A-Za-z]", "", value)) >= 4 and re.search(r"BANK", value, _I):
                return clean_party(value), confidence(src.score, free_text=True), src
    if code and code[:4] in BANKS:
        return BANKS[code[:4]][0], 0.8, None
    return None


def _name(text: str) -> str | None:
    s = re.sub(r"^\s*(?:\d\s*[.)]|\(\d\))\s*", "", text)
    s = re.sub(r"^\s*(?:M\s*/\s*S\.?|MRS?\.?|MS\.?|SHRI\.?|SMT\.?|DR\.?)\s+", "", s, flags=_I)
    s = re.sub(r"\s+", " ", s).strip(" :-_.,|")
    if len(s) < 3 or _NOT_NAME.search(s) or sum(ch.isalpha() for ch in s) < 0.8 * len(s.replace(" ", "")):
        return None
    return s


def _holder(rows: Layout, layout: Layout) -> tuple[str, TextLine, bool] | None:
    """The name after its label on the label's row, else the name written over "Name as in
    bank records" (NPCI's form prints the label under the line the name is written on)."""
    for row in rows:
        m = _HOLDER.search(row.text)
        if m:
            name = _name(_HOLDER.split(row.text[m.end():], maxsplit=1)[0])
            if name:
                return name, row, True
    for line in layout:
        m = _HOLDER.search(line.text)
        if not m:
            continue
        h = max(line.height, 1.0)
        above = [ln for ln in layout if ln.page == line.page and 0 <= line.y0 - ln.y1 <= h * 2.2
                 and min(ln.x1, line.x1 + h * 4) - max(ln.x0, line.x0 - h * 4) > 0]
        for ln in sorted(above, key=lambda ln: line.y0 - ln.y1):
            name = _name(ln.text)
            if name:
                return name, ln, True
        for ln in layout.right_of(line, max_gap=h * 12)[:1]:
            name = _name(ln.text)
            if name:
                return name, ln, True
    return None


def _amount(layout: Layout) -> tuple[str, TextLine] | None:
    for line in layout:
        m = _AMOUNT.search(line.text)
        if not m or _NOT_AMOUNT.search(line.text[m.start():]):
            continue
        for text, src in _after(layout, line, m):
            value = amount_in(text.split("  ")[0] if "  " in text.strip() else text, bare=True)
            if value is not None and value > 0:
                return format_amount(value), src
    for line in layout:
        m = _WORDS_ROW.search(line.text)
        value = amount_in(line.text[m.end():], bare=False) if m else None
        if value is not None and value > 0:
            return format_amount(value), line
    return None


def _choice(layout: Layout, options: dict[str, re.Pattern[str]]) -> tuple[str, TextLine] | None:
    for row in rows_of(layout):
        text = _GLUED_MARK.sub(r"\1 ", row_text(row))
        if any(rx.search(text) for rx in options.values()):
            value = ticked(text, options)
            if value:
                return value, row[0]
    return None


def _dates(layout: Layout) -> dict[str, tuple[str, TextLine]]:
    out: dict[str, tuple[str, TextLine]] = {}
    for line in layout:
        text = line.text
        m = _FROM.search(text)
        if m and "start_date" not in out:
            rest = text[m.end():]
            to = _TO.search(rest)
            d = boxed_date(rest[:to.start()] if to else rest)
            if d is None and not rest.strip():
                right = layout.right_of(line, max_gap=line.height * 12)[:1]
                d = boxed_date(right[0].text) if right else None
            if d:
                out["start_date"] = (d, line)
            if to:
                e = boxed_date(rest[to.end():])
                if e:
                    out["end_date"] = (e, line)
        elif "end_date" not in out and (m := re.match(r"^\s*(?:TO|END\s*DATE|EXPIRY\s*DATE|VALID\s*TILL)\b"
                                                      r"\s*[:\-]?", text, _I)):
            e = boxed_date(text[m.end():])
            if e:
                out["end_date"] = (e, line)
        if "mandate_date" not in out and not _FROM.search(text):
            dm = _DATE.search(text)
            if dm and not re.search(r"START|END|EXPIRY", text[:dm.end()], _I):
                d = boxed_date(text[dm.end():].split("  ")[0] or text[dm.end():])
                if d is None:
                    right = layout.right_of(line, max_gap=line.height * 12)[:1]
                    d = boxed_date(right[0].text) if right else None
                if d:
                    out["mandate_date"] = (d, line)
    return out


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    if not layout.lines:
        return fields
    flat = _rows(layout)
    for line in flat.find(_CUES["umrn"]):
        value = umrn_in(line.text)
        if value:
            fields["umrn"] = make_field(value, confidence(line.score, checked=umrn_valid(value)), line)
            break
    sponsor = {id(ln) for ln in flat if re.search(r"SPONSOR|UTILITY|UMRN", ln.text, _I)}
    code = find_ifsc(flat, sponsor)
    if code:
        value, repairs, line, _ = code
        fields["ifsc"] = make_field(value, confidence(line.score, checked=ifsc_valid(value),
                                                      repairs=repairs), line)
    named = _bank(flat, fields["ifsc"].value if "ifsc" in fields else None)
    if named:
        fields["bank_name"] = make_field(*named)
    for line in flat:
        m = _MICR.search(line.text)
        if m and micr_valid(m.group(1)):
            fields["micr"] = make_field(m.group(1), confidence(line.score, checked=True), line)
            break
    acct = _account(flat)
    if acct:
        fields["account_number"] = make_field(acct[0], confidence(acct[1].score), acct[1])
    holder = _holder(flat, layout)
    if holder:
        fields["account_holder_name"] = make_field(
            holder[0], confidence(holder[1].score, anchored=holder[2], free_text=True), holder[1])
    amount = _amount(flat)
    if amount:
        fields["amount"] = make_field(amount[0], confidence(amount[1].score), amount[1])
    for key, options in (("frequency", FREQUENCIES), ("debit_type", DEBIT_TYPES)):
        chosen = _choice(layout, options)
        if chosen:
            fields[key] = make_field(chosen[0], confidence(chosen[1].score), chosen[1])
    for key, (value, line) in _dates(flat).items():
        fields[key] = make_field(value, confidence(line.score), line)
    for line in flat:
        m = _CREDITOR.search(line.text)
        if m:
            name = clean_party(re.sub(r"\s+(?:to\s*debit|SB|CA|CC).*$", "", m.group(1), flags=_I))
            if len(re.sub(r"[^A-Za-z]", "", name)) >= 3:
                fields["creditor_name"] = make_field(name, confidence(line.score, free_text=True), line)
            break
    return fields


def validate(fields: dict[str, Field]) -> list[str]:
    """The IFSC's bank against the bank named and the MICR code's bank digits; the period."""
    issues = []
    code, named, micr = fields.get("ifsc"), fields.get("bank_name"), fields.get("micr")
    if ifsc_bank_mismatch(code, named):
        issues.append("The IFSC belongs to another bank than the one named on the mandate")
    if micr_bank_mismatch(code, micr):
        issues.append("The MICR code's bank digits are not those of the IFSC's bank")
    if _period(fields) is False:
        issues.append("The mandate's end date is before its start date")
    return issues


def _period(fields: dict[str, Field]) -> bool | None:
    start, end = fields.get("start_date"), fields.get("end_date")
    if not (start and end):
        return None
    key = lambda d: tuple(reversed(d.value.split("/")))  # noqa: E731  DD/MM/YYYY -> sortable
    return key(start) <= key(end)


def finish(doc: Document) -> None:
    """Validations: ``ifsc_format``, ``micr_format``, ``micr_bank_matches_ifsc``,
    ``umrn_format``, ``amount_positive``, ``mandate_period``."""
    f = doc.fields
    if not f:
        return
    bank_validations(doc.validations, f.get("ifsc"), f.get("micr"))
    if "umrn" in f:
        ok = umrn_valid(f["umrn"].value)
        doc.validations["umrn_format"] = {
            "valid": ok, "sponsor_bank_code": f["umrn"].value[:4],
            "message": "The UMRN has NPCI's shape (the sponsor bank's 4 letters, 16 digits)" if ok
            else "The UMRN does not have NPCI's shape (the sponsor bank's 4 letters, 16 digits)"}
    if "amount" in f:
        ok = float(f["amount"].value) > 0
        doc.validations["amount_positive"] = {
            "valid": ok, "message": "The mandate's amount is positive" if ok else
            "The mandate's amount is not positive"}
    ordered = _period(f)
    if ordered is not None:
        doc.validations["mandate_period"] = {
            "valid": ordered, "start_date": f["start_date"].value, "end_date": f["end_date"].value,
            "message": "The mandate ends after it starts" if ordered else
            "The mandate's end date is before its start date"}
