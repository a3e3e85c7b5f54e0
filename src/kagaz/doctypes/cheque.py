"""Cheque (a cancelled or specimen cheque leaf, any Indian bank, CTS-2010).

What every cheque prints, by rule: RBI's CTS-2010 standard for cheque forms (banks issue only
CTS-2010 multi-city / payable-at-par cheques since 30 September 2012, DPSS.CO.CHD.No.399/
04.07.05/2012-13 of 3 September 2012; every cheque issued since 18 March 2013 conforms,
DPSS.CO.CHD.No.1622/04.07.05/2012-13) fixes the fields and where they stand: the payee line
("Pay … or Bearer"), the amount in words ("Rupees") and in figures (a box with the ₹ sign), the
date in boxes ``D D M M Y Y Y Y``, the bank's name and the branch's address (top left) with its
IFSC printed on the leaf, the account number, the signature space ("Please sign above") with the
holder's name over it, "CTS-2010" by the perforation, and the MICR band at the bottom in E-13B
ink (RBI's MICR procedural guidelines): the cheque number (6 digits), the MICR code (9 digits:
city, bank and branch, three each; the city is the first three digits of the branch's PIN), a
6-digit base number (part of the account number, as the bank sets it) and a 2-digit transaction
code. A cheque given to open a loan or a mandate has "CANCELLED" written across it.

:func:`score` rests on that: the MICR band (a 6-digit, a 9-digit and a 6-digit group on one
unlabelled line) and a labelled IFSC are the strong cues, the printed words of the leaf ("Pay",
"or Bearer", "Rupees", the date guides, "Please sign above", "Payable at par") add to them; a bank
statement, a NACH / ECS mandate (it prints the IFSC, MICR and account number beside "Rupees" and
date boxes), a passbook, an invoice with bank details or a letter that quotes an IFSC is declined.

Values: ``bank_name`` is the bank's usual name ("HDFC Bank"; from the printed name, else from the
IFSC's bank code); ``ifsc`` 11 characters; ``micr`` the 9 digits; ``cheque_number`` the 6 digits,
leading zeros kept; ``account_number`` as printed without spaces; ``account_holder_name`` as
printed without "For" (nor "M/s", "Mr.", "Shri"…): a person (savings accounts) or a firm
(current accounts: "For SAI TRADERS" over "Authorised Signatory"), so it is declared a name,
not a person's name (:mod:`kagaz.doctypes.fields`); a name in one long word (words run
together) gets a lower confidence here instead.

Validations (additive ``validations``): ``ifsc_format`` (4 letters, ``0``, 6 letters or digits),
``micr_format`` (9 digits, the city's first digit not 0, with the band's groups), and
``micr_bank_matches_ifsc`` where the IFSC's bank is in :data:`MICR_BANK_CODES` (the MICR code's
middle three digits are the bank's code in RBI's list of bank code numbers; only the banks whose
code we could confirm from published IFSC/MICR pairs of real branches are listed: for others the
check is not made, never guessed), and ``cancelled`` ("CANCELLED" read on the leaf, or not).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = ("HDFC BANK\\nKothrud Branch, Pune\\nRTGS/NEFT IFSC: HDFC0001234\\nPay\\nOR BEARER\\n"
...         "Rupees\\nA/c No. 50100123456789\\nRAVI KUMAR\\nPlease sign above\\n"
...         "⑈004512⑈ 411240012⑆ 456789⑈ 10")
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)]
>>> score(Layout(lines)) > 0.9
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> [f[k].value for k in ("bank_name", "ifsc", "micr", "cheque_number", "account_number",
...                       "account_holder_name")]
['HDFC Bank', 'HDFC0001234', '411240012', '004512', '50100123456789', 'RAVI KUMAR']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.bank_checks import bank_validations, micr_bank_mismatch
from kagaz.doctypes.cheque_micr import MICR_BANK_CODES, band_lines, find_band
from kagaz.doctypes.fields import IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.statement_fields import (
    account, bank, ifsc as find_ifsc, ifsc_bank_mismatch, ifsc_valid,
)
from kagaz.imaging.geometry import overlap
from kagaz.model import Document, Field, TextLine
from kagaz.text.layout import Layout
from kagaz.text.names import looks_joined

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "MICR_BANK_CODES", "ORDER", "extract", "finish",
           "ifsc_valid", "score", "validate"]

CODE = "CHEQUE"
GROUP = "business"
ORDER = 130
GENERATOR = "kagaz.synth.cheque"
FIELDS = declare(
    bank_name=TEXT, ifsc=IDENTIFIER, micr=IDENTIFIER, account_number=IDENTIFIER,
    account_holder_name=NAME, cheque_number=IDENTIFIER,
)

_I = re.IGNORECASE
# What the leaf prints besides the band (English, and Hindi on public-sector banks' leaves).
_CUES = {
    "pay": re.compile(r"(?:^|[\s/|.:])PAY\b(?![\s.]*(?:SLIP|ORDER|IN\b|ABLE))|अदा\s*करें", _I),
    "bearer": re.compile(r"\bOR\s*BEARER\b|\bBEARER\b|या\s*धारक", _I),
    "rupees": re.compile(r"(?:^|[\s/|.:])RUPEES\b|रुपये|रुपए", _I),
    "date": re.compile(r"\bD\s*D\s*M\s*M\s*Y\s*Y(?:\s*Y\s*Y)?\b"),
    "sign": re.compile(r"SIGN\s*ABOVE|AUTHORI[SZ]ED\s*SIGNATOR|SIGNATURE\s*OF\s*(?:THE\s*)?"
                       r"DRAWER|हस्ताक्षर", _I),
    "par": re.compile(r"PAYABLE\s*AT\s*PAR|MULTI\s*-?\s*CITY|VALID\s*FOR\s*(?:THREE|3)\s*MONTHS|"
                      r"CTS\s*-?\s*2010", _I),
}
_CANCELLED = re.compile(r"\bCANC?ELL?ED\b", _I)
_MANDATE = re.compile(r"\bN\s*ACH\b|\bMANDATE\b|\bUMRN\b|UTILITY\s*CODE|SPONSOR\s*BANK|\bECS\b|"
                      r"HEREBY\s*AUTHORI[SZ]E|DEBIT\s*AUTHORI[SZ]ATION|FREQUENCY", _I)
_STATEMENT = re.compile(r"STATEMENT\s*OF\s*ACCOUNT|ACCOUNT\s*STATEMENT|OPENING\s*BAL|CLOSING\s*BAL|"
                        r"BALANCE\s*[BC]\s*/\s*F|TRANSACTION\s*DATE|VALUE\s*DATE|WITHDRAWALS?\b|"
                        r"PASS\s*BOOK|NARRATION", _I)
_OTHER = re.compile(r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|\bGSTIN\b|\bHSN\b|DELIVERY\s*"
                    r"(?:ORDER|CHALLAN)|SALE\s*DEED|CERTIFICATE|DEAR\s+(?:SIR|MADAM|CUSTOMER)|"
                    r"YOURS\s+(?:SINCERELY|FAITHFULLY|TRULY)|TO\s*WHOM(?:SO)?EVER|\bSUBJECT\s*:|"
                    r"\bRECEIPT\b", _I)
_SENTENCE_WORDS = 12
# Words that are never the holder's name on a leaf.
_NOT_HOLDER = re.compile(
    r"\bBANK\b|BRANCH|\bIFS|\bMICR\b|\bPAY\b|RUPEES|BEARER|SIGN|\bA\s*/\s*C\b|ACCOUNT|\bDATE\b|"
    r"VALID|CHEQUE|CANC?ELL?ED|\bPAR\b|\bCTS\b|SAVINGS|CURRENT|\bCODE\b|ROAD|NAGAR|\bPIN\b|"
    r"\bONLY\b|MONTHS|PROPRIETOR|PARTNER|DIRECTOR", _I)
_SIGN_LABEL = re.compile(r"SIGN\s*ABOVE|PLEASE\s*SIGN|AUTHORI[SZ]ED|SIGNATOR|SIGNATURE|PROPRIETOR|"
                         r"PARTNER|DIRECTOR|हस्ताक्षर", _I)
_FOR = re.compile(r"^\s*F[O0][RF]\s*[:.\-]?\s+(.*\S)", _I)  # "FOF": a blurred "FOR"
_PIN = re.compile(r"(?<![\d/])(?<![\d][.,])([1-9]\d{2})\s?\d{3}(?!\d|[.,/]\d)")
_TITLE = re.compile(r"^\s*(?:M\s*/\s*S\.?|MRS?\.?|MS\.?|SHRI\.?|SMT\.?|DR\.?)\s+", _I)


# Any cue at all: one search skips the lines (most of a statement's) that hold none.
_ANY_CUE = re.compile("|".join(f"(?{'i' if rx.flags & _I else ''}:{rx.pattern})" for rx in _CUES.values()))


def _cues(layout: Layout) -> set[str]:
    found = set()
    for line in layout:
        if not _ANY_CUE.search(line.text):
            continue
        for key, rx in _CUES.items():
            if key == "pay" and len(line.text.split()) > 6:
                continue  # "Pay" on a leaf stands alone before its line
            if rx.search(line.text):
                found.add(key)
    return found


def score(layout: Layout) -> float | None:
    text = layout.text
    cues = _cues(layout)
    band = find_band(layout)
    core = len(cues & {"pay", "bearer", "rupees", "date"})
    if band is None and core < 2:
        return None
    found = find_ifsc(layout, set())
    s = (0.45 * (band is not None) + 0.05 * bool(band and band.cheque_number)
         + 0.2 * bool(found and found[3]) + min(0.4, 0.1 * len(cues)))
    if _MANDATE.search(text):
        s -= 0.8
    if _STATEMENT.search(text) or _OTHER.search(text):
        s -= 0.6
    if len(layout) > 45:
        s -= 0.4
    if sum(len(ln.text.split()) >= _SENTENCE_WORDS for ln in layout) >= 2:
        s -= 0.4
    return max(0.0, min(1.0, s)) or None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    band = find_band(layout)
    skip = band_lines(layout, band)
    code = find_ifsc(layout, skip)
    if code:
        value, repairs, line, _labelled = code
        ok = ifsc_valid(value)
        fields["ifsc"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs), line)
    named = bank(layout, fields["ifsc"].value if "ifsc" in fields else None)
    if named:
        fields["bank_name"] = make_field(*named)
    if band:
        repairs = min(2, band.repairs)
        cities = _pin_cities(layout, skip)
        bank_code = MICR_BANK_CODES.get(fields["ifsc"].value[:4]) if "ifsc" in fields else None
        # No check digit: the MICR code is confirmed by the branch's PIN printed on the leaf (its
        # first three digits are the city code) and, where known, the IFSC's bank code.
        confirmed = band.micr[:3] in cities and bank_code in (None, band.micr[3:6])
        conf = confidence(band.line.score, checked=True if confirmed else None, repairs=repairs)
        if cities and band.micr[:3] not in cities:
            conf = min(conf, 0.8)
        fields["micr"] = make_field(band.micr, conf, band.line)
        if band.cheque_number:
            fields["cheque_number"] = make_field(
                band.cheque_number, confidence(band.line.score, repairs=repairs), band.line)
    labelled = account(layout, skip)
    acct = (*labelled, True) if labelled else _bare_account(layout, skip)
    if acct:
        value, repairs, line, anchored = acct
        if value.isdigit() and 6 <= len(value) <= 18:
            fields["account_number"] = make_field(
                value, confidence(line.score, repairs=repairs, anchored=anchored), line)
    holder = _holder(layout, skip | ({id(acct[2])} if acct else set()))
    if holder:
        name, line, anchored = holder
        conf = confidence(line.score, anchored=anchored, free_text=True)
        if looks_joined(name):
            conf = min(conf, 0.6)  # words run together by the OCR
        fields["account_holder_name"] = make_field(name, conf, line)
    for mark in layout.find(_CANCELLED):
        for fld in fields.values():
            if fld.bbox is not None and overlap(fld.bbox, mark.box) > 0.2:
                # ink across a value can hide part of it (a number cut short reads as another)
                fld.confidence_score = min(fld.confidence_score, 0.75)
    return fields


def _pin_cities(layout: Layout, skip: set[int]) -> set[str]:
    """The first three digits of every PIN printed on the leaf (the branch's address)."""
    return {m.group(1) for line in layout if id(line) not in skip and not _DIGITS_ONLY.match(line.text)
            for m in _PIN.finditer(line.text)}


_DIGITS_ONLY = re.compile(r"^\s*(\d(?:[\d ]{7,22})\d)\s*$")
_NO_LABEL = re.compile(r"\bNO\b\.?|/\s*C\b|A\s*/", _I)


def _bare_account(layout: Layout, skip: set[int]) -> tuple[str, int, TextLine, bool] | None:
    """A line of 9 to 18 digits alone: beside a label the reader kept only the end of ("खाता सं.
    / A/c No." read as ". / /c No."), else the only such line on the leaf (unanchored)."""
    lone = []
    for line in layout:
        m = _DIGITS_ONLY.match(line.text)
        if not m or id(line) in skip:
            continue
        value = m.group(1).replace(" ", "")
        if not 9 <= len(value) <= 18:
            continue
        tol = max(line.height, 1.0) * 0.6
        left = [ln for ln in layout if ln is not line and ln.page == line.page
                and abs(ln.cy - line.cy) <= tol and ln.x1 <= line.x0 + 5]
        if any(_NO_LABEL.search(ln.text) for ln in left):
            return value, 0, line, True
        lone.append((value, 0, line, False))
    return lone[0] if len(lone) == 1 else None


def _clean_holder(text: str) -> str | None:
    s = _TITLE.sub("", text.strip(" :-/|"))
    s = re.sub(r"[^A-Za-z0-9&.,'()\-/ ]", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,-/")
    if len(s) < 3 or _NOT_HOLDER.search(s):
        return None
    letters = sum(ch.isalpha() for ch in s)
    if letters < 4 or letters < 0.75 * len(s.replace(" ", "")):
        return None
    if not any(len(w) >= 2 and w.isalpha() for w in s.split()):
        return None
    return s


def _holder(layout: Layout, skip: set[int]) -> tuple[str, TextLine, bool] | None:
    """"For <firm>" anywhere, else the name over the place to sign (above "Please sign above",
    "Authorised Signatory"…), the nearest line that reads as a name."""
    for line in layout:
        m = _FOR.match(line.text)
        if m and id(line) not in skip:
            name = _clean_holder(m.group(1))
            if name:
                return name, line, True
    best = None
    for label in layout.find(_SIGN_LABEL):
        h = max(label.height, layout.median_height)
        for line in layout:
            if id(line) in skip or line is label or line.page != label.page:
                continue
            gap = label.y0 - line.y1
            if not -h * 0.3 <= gap <= h * 6:
                continue
            if min(line.x1, label.x1 + h * 3) - max(line.x0, label.x0 - h * 3) <= 0:
                continue
            name = _clean_holder(line.text)
            if not name:
                continue
            rank = (len(name.split()) < 2, line.score < 0.8, gap)
            if best is None or rank < best[0]:
                best = (rank, name, line)
    if best:
        return best[1], best[2], True
    return None


def validate(fields: dict[str, Field]) -> list[str]:
    """The IFSC's bank against the bank named on the leaf and the MICR code's bank digits."""
    issues = []
    code, named, micr = fields.get("ifsc"), fields.get("bank_name"), fields.get("micr")
    if ifsc_bank_mismatch(code, named):
        issues.append("The IFSC belongs to another bank than the one named on the cheque")
    if micr_bank_mismatch(code, micr):
        issues.append("The MICR code's bank digits are not those of the IFSC's bank")
    return issues


def finish(doc: Document) -> None:
    """Validations: ``ifsc_format``, ``micr_format``, ``micr_bank_matches_ifsc``, ``cancelled``."""
    f = doc.fields
    if not f:
        return
    # The IFSC's and the MICR code's shapes and banks: the rules every document with bank
    # details reports (kagaz.doctypes.bank_checks); the leaf adds what its band says.
    bank_validations(doc.validations, f.get("ifsc"), f.get("micr"))
    layout = Layout(doc.lines)
    band = find_band(layout)
    entry = doc.validations.get("micr_format")
    if entry is not None:
        if band is not None:
            entry.update(cheque_number=band.cheque_number, base_number=band.base,
                         transaction_code=band.tc)
        cities = _pin_cities(layout, band_lines(layout, band))
        # by convention, not by rule: a branch may share a nearby city's MICR centre
        entry["city_matches_pin"] = (entry["micr"][:3] in cities) if cities else None
    cancelled = bool(_CANCELLED.search(layout.text))
    doc.validations["cancelled"] = {
        "valid": cancelled,
        "message": "\"CANCELLED\" is written on the cheque" if cancelled else
        "No \"CANCELLED\" was read on the cheque (a specimen leaf, or a mark the reader missed)"}
