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
>>> parse_band("348857II500229962I:868344II11")
('348857', '500229962', '868344', '11', 0)
>>> parse_band("469731130015887097535II10")
('469731', '130015887', '097535', '10', 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.statement_fields import BANKS, account, bank, ifsc as find_ifsc
from kagaz.model import Document, Field, TextLine, union_box
from kagaz.text.layout import Layout
from kagaz.text.names import looks_joined

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "MICR_BANK_CODES", "ORDER", "extract", "finish",
           "ifsc_valid", "micr_valid", "parse_band", "score", "validate"]

CODE = "CHEQUE"
GROUP = "business"
ORDER = 130
GENERATOR = "kagaz.synth.cheque"
FIELDS = declare(
    bank_name=TEXT, ifsc=IDENTIFIER, micr=IDENTIFIER, account_number=IDENTIFIER,
    account_holder_name=NAME, cheque_number=IDENTIFIER,
)

#: IFSC bank code -> the bank's 3-digit code in the MICR code (RBI's list of bank code numbers,
#: Annexure VI of its MICR procedural guidelines). Only codes confirmed from published IFSC /
#: MICR pairs of real branches are here (e.g. SBIN0002234 / 600002026, PUNB0116200 / 203024542,
#: a Kotak Hadapsar branch 411485013); the check is skipped for every other bank.
MICR_BANK_CODES: dict[str, str] = {
    "SBIN": "002", "BARB": "012", "BKID": "013", "CNRB": "015", "PUNB": "024", "UBIN": "026",
    "UTIB": "211", "ICIC": "229", "HDFC": "240", "IBKL": "259", "KKBK": "485",
}

_I = re.IGNORECASE
_IFSC_RX = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
_MICR_RX = re.compile(r"^[1-9]\d{8}$")
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


@dataclass(frozen=True)
class Band:
    """The MICR band as read: its groups (None where unread), how sure the reading is, the line."""

    cheque_number: str | None
    micr: str
    base: str | None
    tc: str | None
    repairs: int  # symbols read as digits and dropped, groups found without a symbol between
    line: TextLine


# The band's groups, in order; a symbol (on-us ⑈ or transit ⑆) follows the first three and
# precedes the first.
_GROUPS = (("cheque", 6), ("micr", 9), ("base", 6), ("tc", 2))
_FORMS = ((0, 1, 2, 3), (0, 1, 2), (1, 2, 3))


def parse_band(text: str) -> tuple[str | None, str, str | None, str | None, int] | None:
    """(cheque number, MICR code, base number, transaction code, repairs) from a band's text.

    OCR reads the E-13B symbols between the groups as "II", "I:", "U", quotes, nothing, or a
    digit "1" run into a group. Every way of cutting the digits into the groups (6, 9, 6, 2),
    with up to two "1"s for each symbol, is tried; the cut whose symbols fall where OCR put a
    separator, with the fewest digits dropped, wins. ``repairs`` counts the dropped digits and
    the symbols that left no trace. Lines with words are not the band.

    >>> parse_band("U1773761148485428:097279U29")
    ('177376', '148485428', '097279', '29', 1)
    >>> parse_band("1232043II4610138091:28683910")
    ('232043', '461013809', '286839', '10', 3)
    >>> parse_band("MICR Code: 411240012") is None
    True
    """
    if re.search(r"[A-Za-z]{3,}", text) or re.search(r"[A-HJ-TV-Za-km-z]{2}", text):
        return None
    digits, seps = "", {0}
    for ch in text:
        if ch.isdigit():
            digits += ch
        else:
            seps.add(len(digits))
    if not 17 <= len(digits) <= 30 or len(re.sub(r"[\d\s]", "", text)) > 12:
        return None
    if len(digits) <= 18 and not any(0 < b < len(digits) for b in seps):
        return None  # one run of up to 18 digits is an account number, not a band
    best: tuple[float, tuple[str | None, ...], int] | None = None
    for form in _FORMS:
        for skips in _skip_choices(len(form)):
            got = _cut(digits, seps, form, skips)
            if got is None:
                continue
            cost, groups, repairs = got
            cost += 2.0 * (4 - len(form))
            if best is None or cost < best[0]:
                best = (cost, groups, repairs)
    if best is None or best[0] > 6:
        return None
    cheque, micr, base, tc = best[1]
    if micr is None or micr[0] == "0":
        return None
    return cheque, micr, base, tc, best[2]


def _skip_choices(n: int) -> list[tuple[int, ...]]:
    """How many digits each symbol slot (before group 1, after groups 1..n-1, after the last)
    took: 0 to 2 each, none after the last group."""
    out: list[tuple[int, ...]] = [()]
    for _ in range(n):
        out = [(*o, k) for o in out for k in (0, 1, 2)]
    return out


def _cut(digits: str, seps: set[int], form: tuple[int, ...],
         skips: tuple[int, ...]) -> tuple[float, tuple[str | None, ...], int] | None:
    groups: list[str | None] = [None] * 4
    pos, cost, repairs = 0, 0.0, 0
    for i, g in enumerate(form):
        k = skips[i]
        taken = digits[pos:pos + k]
        if len(taken) < k or taken.strip("1"):
            return None  # only a "1" can be a symbol misread
        had_sep = any(pos <= b <= pos + k for b in seps)
        if k:
            cost += k + (0.25 if had_sep else 0.0)
            repairs += k
        elif not had_sep and (i > 0 or g == 0):
            cost += 0.5  # a symbol that left no trace
            repairs += i > 0
        pos += k
        n = _GROUPS[g][1]
        value = digits[pos:pos + n]
        if len(value) < n:
            return None
        cost += 3.0 * sum(1 for b in seps if pos < b < pos + n)  # OCR split a group
        groups[g] = value
        pos += n
    if pos != len(digits):
        return None
    return cost, tuple(groups), repairs


def _band_rows(layout: Layout) -> list[TextLine]:
    """Each row of short digit pieces joined into one line: a text layer (and sometimes OCR)
    gives the band's groups apart, the symbols between them being no text."""
    pieces = [ln for ln in layout if re.search(r"\d", ln.text) and len(ln.text) <= 24
              and not re.search(r"[A-Za-z]{3,}", ln.text)]
    rows: list[list[TextLine]] = []
    for ln in sorted(pieces, key=lambda x: (x.page, x.cy)):
        row = rows[-1] if rows else None
        if row and row[0].page == ln.page and abs(row[0].cy - ln.cy) <= max(row[0].height, 1.0) * 0.5:
            row.append(ln)
        else:
            rows.append([ln])
    out = []
    for row in rows:
        if len(row) >= 2:
            row.sort(key=lambda x: x.x0)
            out.append(TextLine(" ".join(x.text for x in row), min(x.score for x in row),
                                union_box(row), row[0].page, row[0].source))
    return out


def _band(layout: Layout) -> Band | None:
    best: tuple[tuple[bool, bool, float], Band] | None = None
    for line in [*layout, *_band_rows(layout)]:
        got = parse_band(line.text)
        if got is None or not _MICR_RX.match(got[1]):
            continue
        band = Band(*got, line=line)
        # a whole band beats a piece of one; then a clean reading; then the lowest line
        rank = (band.cheque_number is None, band.repairs > 2, -line.cy)
        if best is None or rank < best[0]:
            best = (rank, band)
    return best[1] if best else None


def _band_lines(layout: Layout, band: Band | None) -> set[int]:
    """The ids of the lines the band was read from (one line, or the pieces of a row)."""
    if band is None:
        return set()
    return {id(ln) for ln in layout if ln is band.line or (
        ln.page == band.line.page and _overlap(ln.box, band.line.box) > 0.5)}


def ifsc_valid(code: str) -> bool:
    """RBI's IFSC shape: four letters (the bank), ``0``, six letters or digits (the branch).

    >>> ifsc_valid("HDFC0001234"), ifsc_valid("BARB0KOTHRU"), ifsc_valid("HDFC1001234")
    (True, True, False)
    """
    return bool(_IFSC_RX.match(code))


def micr_valid(code: str) -> bool:
    """Nine digits, the city's (a PIN's first three digits) not starting with 0.

    >>> micr_valid("411240012"), micr_valid("041240012"), micr_valid("41124001")
    (True, False, False)
    """
    return bool(_MICR_RX.match(code))


def _cues(layout: Layout) -> set[str]:
    found = set()
    for line in layout:
        for key, rx in _CUES.items():
            if key == "pay" and len(line.text.split()) > 6:
                continue  # "Pay" on a leaf stands alone before its line
            if rx.search(line.text):
                found.add(key)
    return found


def score(layout: Layout) -> float | None:
    text = layout.text
    cues = _cues(layout)
    band = _band(layout)
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
    band = _band(layout)
    skip = _band_lines(layout, band)
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
            if fld.bbox is not None and _overlap(fld.bbox, mark.box) > 0.2:
                # ink across a value can hide part of it (a number cut short reads as another)
                fld.confidence_score = min(fld.confidence_score, 0.75)
    return fields


def _pin_cities(layout: Layout, skip: set[int]) -> set[str]:
    """The first three digits of every PIN printed on the leaf (the branch's address)."""
    return {m.group(1) for line in layout if id(line) not in skip and not _DIGITS_ONLY.match(line.text)
            for m in _PIN.finditer(line.text)}


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """How much of box ``a`` lies inside box ``b`` (0..1)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = max(1.0, (a[2] - a[0]) * (a[3] - a[1]))
    return max(0.0, w) * max(0.0, h) / area


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
    if code and named and code.value[:4] in BANKS and BANKS[code.value[:4]][0] != named.value:
        issues.append("The IFSC belongs to another bank than the one named on the cheque")
        code.confidence_score = min(code.confidence_score, 0.7)
        named.confidence_score = min(named.confidence_score, 0.7)
    if code and micr:
        expected = MICR_BANK_CODES.get(code.value[:4])
        if expected and micr.value[3:6] != expected:
            issues.append("The MICR code's bank digits are not those of the IFSC's bank")
            code.confidence_score = min(code.confidence_score, 0.7)
            micr.confidence_score = min(micr.confidence_score, 0.7)
    return issues


def finish(doc: Document) -> None:
    """Validations: ``ifsc_format``, ``micr_format``, ``micr_bank_matches_ifsc``, ``cancelled``."""
    f = doc.fields
    if not f:
        return
    if "ifsc" in f:
        code = f["ifsc"].value
        ok = ifsc_valid(code)
        doc.validations["ifsc_format"] = {
            "valid": ok, "ifsc": code, "bank_code": code[:4],
            "bank": BANKS.get(code[:4], (None,))[0],
            "message": "The IFSC has the RBI format (4 letters, 0, 6 letters or digits)" if ok else
            "The IFSC does not have the RBI format (4 letters, 0, 6 letters or digits)"}
    layout = Layout(doc.lines)
    band = _band(layout)
    if "micr" in f:
        micr = f["micr"].value
        ok = micr_valid(micr)
        entry = {"valid": ok, "micr": micr, "city_code": micr[:3], "bank_code": micr[3:6],
                 "branch_code": micr[6:],
                 "message": "The MICR code has 9 digits: city, bank and branch" if ok else
                 "The MICR code is not 9 digits with a city code"}
        if band is not None:
            entry.update(cheque_number=band.cheque_number, base_number=band.base,
                         transaction_code=band.tc)
        cities = _pin_cities(layout, _band_lines(layout, band))
        # by convention, not by rule: a branch may share a nearby city's MICR centre
        entry["city_matches_pin"] = (micr[:3] in cities) if cities else None
        doc.validations["micr_format"] = entry
    if "ifsc" in f and "micr" in f:
        bank_code = f["ifsc"].value[:4]
        expected = MICR_BANK_CODES.get(bank_code)
        if expected:
            got = f["micr"].value[3:6]
            doc.validations["micr_bank_matches_ifsc"] = {
                "valid": got == expected, "ifsc_bank": bank_code, "expected_micr_bank": expected,
                "micr_bank": got,
                "message": f"The MICR code's bank digits {got} are {bank_code}'s" if got == expected
                else f"The MICR code's bank digits {got} are not {bank_code}'s ({expected})"}
    cancelled = bool(_CANCELLED.search(layout.text))
    doc.validations["cancelled"] = {
        "valid": cancelled,
        "message": "\"CANCELLED\" is written on the cheque" if cancelled else
        "No \"CANCELLED\" was read on the cheque (a specimen leaf, or a mark the reader missed)"}
