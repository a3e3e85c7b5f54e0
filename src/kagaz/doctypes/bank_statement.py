"""Bank statement (statement of account, any Indian bank, every page).

Layout notes: page 1 names the bank (banner or logo text), the holder (often just a name and
address block, "MR. RAVI KUMAR"), the account number ("Account No", "A/C No", "Account
Number"), the IFSC ("IFSC", "IFS Code", "RTGS/NEFT IFSC"), the period ("Statement From :
01/04/2024 To : 30/06/2024", "for the period 01-Apr-2024 to 30-Jun-2024") and often the opening
balance ("Balance as on ...", an "Opening Balance" row or a summary table). Every page repeats
the banner, "Page n of N" and the column header; the table is parsed by
:mod:`kagaz.doctypes.statement_table`. The closing balance is printed under the table ("Closing
Balance", a "STATEMENT SUMMARY" table) or is the last row's balance.

The IFSC (RBI): four letters (the bank), ``0``, six letters or digits (the branch).

Values: amounts ``"123456.78"`` (a balance printed "Dr" is negative: an overdraft), dates
DD/MM/YYYY, ``bank_name`` the bank's usual name ("HDFC Bank"), ``account_holder_name`` as
printed without "Mr."/"Mrs."/"M/s". ``transactions`` lists every row on every page, each
``{date, description, debit, credit, balance, confidence_score}``; a narration that wraps is
joined with single spaces.

OCR'd rows (never text-layer rows) are repaired where the statement itself says what was
printed: balances and amounts the neighbouring rows pin down, a garbled date only one date
between its neighbours fits, narration keywords and UPI handles, and words the statement
prints correctly elsewhere (:mod:`kagaz.text.consensus`). See docs/document-types/bank_statement.md.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.pipeline.document import TextLine
>>> text = ("HDFC BANK\\nAccount No : 50100123456789\\nIFSC : HDFC0001234\\n"
...         "Statement From : 01/04/2024 To : 30/04/2024\\nOpening Balance : 1,000.00")
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text)]
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["bank_name"].value, f["account_number"].value, f["ifsc"].value, f["opening_balance"].value
('HDFC Bank', '50100123456789', 'HDFC0001234', '1000.00')
>>> f["statement_period_from"].value, f["statement_period_to"].value
('01/04/2024', '30/04/2024')
>>> ifsc_valid("SBIN0001234"), ifsc_valid("SBIN1001234")
(True, False)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from typing import Any

from rapidfuzz.distance import Levenshtein

from kagaz.doctypes.base import ExtractOptions, confidence, make_field, row_box
from kagaz.doctypes.pdf_forensics import EDITING_TOOLS, pdf_metadata
from kagaz.doctypes.statement_table import Row, find_any_dates, find_header, group_rows, parse_table
from kagaz.pipeline.document import Document, Field, TextLine
from kagaz.text.amounts import AMOUNT_RE, find_amounts, format_amount, parse_amount, to_decimal
from kagaz.text.consensus import harmonise
from kagaz.text.layout import Layout
from kagaz.text.names import clean_name, looks_like_name
from kagaz.text.repair import DIGIT_LOOKALIKES, TO_DIGIT, TO_LETTER, coerce

__all__ = ["BANKS", "CODE", "EDITING_TOOLS", "extract", "finish", "ifsc_valid", "newest_first",
           "pdf_metadata", "reconcile", "score", "validate"]

CODE = "BANK_STATEMENT"

#: IFSC bank code -> (usual name, pattern of the names printed on statements).
BANKS: dict[str, tuple[str, str]] = {
    "SBIN": ("State Bank of India", r"state\s*bank\s*of\s*india|\bSBI\b"),
    "HDFC": ("HDFC Bank", r"HDFC\s*BANK"),
    "ICIC": ("ICICI Bank", r"ICICI\s*BANK"),
    "UTIB": ("Axis Bank", r"AXIS\s*BANK"),
    "KKBK": ("Kotak Mahindra Bank", r"KOTAK(?:\s*MAHINDRA)?\s*BANK"),
    "PUNB": ("Punjab National Bank", r"PUNJAB\s*NATIONAL\s*BANK|\bPNB\b"),
    "BARB": ("Bank of Baroda", r"BANK\s*OF\s*BARODA"),
    "CNRB": ("Canara Bank", r"CANARA\s*BANK"),
    "UBIN": ("Union Bank of India", r"UNION\s*BANK\s*OF\s*INDIA"),
    "BKID": ("Bank of India", r"(?<!UNION\s)BANK\s*OF\s*INDIA"),
    "CBIN": ("Central Bank of India", r"CENTRAL\s*BANK\s*OF\s*INDIA"),
    "IDIB": ("Indian Bank", r"(?<!SOUTH\s)INDIAN\s*BANK"),
    "IOBA": ("Indian Overseas Bank", r"INDIAN\s*OVERSEAS\s*BANK"),
    "MAHB": ("Bank of Maharashtra", r"BANK\s*OF\s*MAHARASHTRA"),
    "UCBA": ("UCO Bank", r"UCO\s*BANK"),
    "IDFB": ("IDFC FIRST Bank", r"IDFC\s*(?:FIRST)?\s*BANK"),
    "YESB": ("Yes Bank", r"YES\s*BANK"),
    "INDB": ("IndusInd Bank", r"INDUSIND\s*BANK"),
    "FDRL": ("Federal Bank", r"FEDERAL\s*BANK"),
    "SIBL": ("South Indian Bank", r"SOUTH\s*INDIAN\s*BANK"),
    "KVBL": ("Karur Vysya Bank", r"KARUR\s*VYSYA\s*BANK"),
    "RATN": ("RBL Bank", r"\bRBL\s*BANK"),
    "AUBL": ("AU Small Finance Bank", r"AU\s*SMALL\s*FINANCE\s*BANK"),
}
_BANK_RX = {code: re.compile(p, re.I) for code, (_, p) in BANKS.items()}


_IFSC_LABEL = re.compile(r"\b[I1l]FS\s*C?\b|IFS\s*Code|IFSC\s*Code", re.I)
_IFSC_RE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{4}\s?[0OQD]\s?[A-Z0-9]{6})(?![A-Z0-9])")
_ACCT_LABEL = re.compile(r"\b(?:a\s*/\s*c|acc(?:oun)?t|acct)\.?\s*(?:no|number|num|#)\b\.?", re.I)
_ACCT_RE = re.compile(r"(?<![A-Za-z0-9])([0-9OoIlX*]{6,20})(?![A-Za-z0-9])")
_NAME_LABEL = re.compile(
    r"(?:account\s*(?:holder(?:'?s)?)?\s*name|name\s*of\s*(?:the\s*)?(?:account\s*)?holder|"
    r"customer\s*name|account\s*holder|^\s*name)\s*[:\-]?", re.I)
_TITLE = re.compile(r"^\s*(?:M\s*/\s*S\.?|MRS?\.?|MS\.?|SHRI\.?|SMT\.?|KUM\.?|DR\.?|MISS)\s+",
                    re.I)
_NOT_HOLDER = re.compile(
    r"bank|statement|account|branch|ifsc|micr|customer|currency|address|period|page|date|"
    r"phone|email|nominee|savings|current|balance|limited|ltd|road|nagar|street|colony|"
    r"sector|society|apartment|building|floor|flat|plot|house|india|\d", re.I)
_PERIOD_CUE = re.compile(r"period|statement|from|between|\bfor\b", re.I)
_OPEN_LABEL = re.compile(r"opening\s*bal(?:ance)?|balance\s*as\s*on|balance\s*b\s*/\s*f|"
                         r"brought\s*forward", re.I)
_CLOSE_LABEL = re.compile(r"closing\s*bal(?:ance)?|balance\s*c\s*/\s*f", re.I)
_STATEMENT_CUE = re.compile(r"statement\s*of\s*account|account\s*statement|bank\s*statement|"
                            r"statement\s*(?:for\s*the\s*period|from|period)|"
                            r"transaction\s*(?:period|details|history)|passbook", re.I)
# Titles of other documents, looked for at the top of the first page only: narrations may say
# "INCOME TAX REFUND", and banks print their own GSTIN on statements.
_OTHER_DOC = re.compile(r"TAX\s*INVOICE|\bHSN\b|DELIVERY\s*(?:ORDER|CHALLAN)|FORM\s*GST|"
                        r"REG-06|UDYAM\s*REGISTRATION|SALE\s*DEED|REGISTRATION\s*CERTIFICATE|"
                        r"INCOME\s*TAX\s*DEPARTMENT|ELECTION\s*COMMISSION", re.I)


def ifsc_valid(code: str) -> bool:
    """Four letters, a zero, six letters or digits."""
    return bool(re.fullmatch(r"[A-Z]{4}0[A-Z0-9]{6}", code or ""))


def score(layout: Layout) -> float | None:
    """A transaction table (date, balance, debit/credit columns) is the strong cue; statement
    wording, a known bank, IFSC, account number and balance labels add to it. Without a table
    the score stays below the threshold (a bank letter or a cheque is not a statement)."""
    text = layout.text
    if not text.strip():
        return None
    table = 0.0
    for p in sorted({ln.page for ln in layout})[:3]:
        found = find_header(group_rows([ln for ln in layout if ln.page == p]))
        if found:
            kinds = {c.kind for c in found[0]}
            table = 0.45 if "balance" in kinds else 0.3
            break
    cues = (0.2 * bool(_STATEMENT_CUE.search(text))
            + 0.1 * any(rx.search(text[:3000]) for rx in _BANK_RX.values())
            + 0.1 * bool(_IFSC_LABEL.search(text))
            + 0.1 * bool(_ACCT_LABEL.search(text))
            + 0.1 * bool(_OPEN_LABEL.search(text) or _CLOSE_LABEL.search(text)))
    s = table + cues if table else min(cues, 0.4)
    if _OTHER_DOC.search(text[:1500]):
        s -= 0.5
    return round(min(1.0, s), 3) if s > 0.2 else None


# -- header fields -------------------------------------------------------------------------------
def _after_label(layout: Layout, label: re.Pattern[str], value: re.Pattern[str],
                 skip: set[int], below: int = 1) -> tuple[str, TextLine, bool] | None:
    """(value, line, same_line) for the first label whose line, right neighbours or the
    line below hold ``value``."""
    for anchor in layout.find(label):
        if id(anchor) in skip:
            continue
        rest = label.split(anchor.text, maxsplit=1)[-1]
        m = value.search(rest)
        if m:
            return m.group(1), anchor, True
        for cand in [*layout.right_of(anchor)[:2], *layout.below(anchor, max_lines=below)]:
            m = value.search(cand.text)
            if m:
                return m.group(1), cand, False
    return None


def _bank(layout: Layout, ifsc: str | None) -> tuple[str, float, TextLine | None] | None:
    page0 = layout.lines[0].page if layout.lines else 0
    top = sorted((ln for ln in layout if ln.page == page0), key=lambda ln: ln.y0)[:40]
    best = None
    for ln in top:
        for code, rx in _BANK_RX.items():
            if rx.search(ln.text):
                rank = ln.height
                if best is None or rank > best[0]:
                    best = (rank, code, ln)
    if best is None:
        if ifsc and ifsc[:4] in BANKS:
            return BANKS[ifsc[:4]][0], 0.8, None
        return None
    _, code, ln = best
    agrees = ifsc is not None and ifsc[:4] == code
    return BANKS[code][0], confidence(ln.score, checked=True if agrees else None), ln


def _holder(layout: Layout, skip: set[int]) -> tuple[str, TextLine, bool] | None:
    for anchor in layout.find(_NAME_LABEL):
        if id(anchor) in skip or re.search(r"bank|branch|nominee", anchor.text, re.I):
            continue
        rest = _NAME_LABEL.split(anchor.text, maxsplit=1)[-1].strip(" :-")
        for cand_text, line in [(rest, anchor)] + [(c.text, c) for c in layout.right_of(anchor)[:1]]:
            name = _clean_holder(cand_text)
            if name:
                return name, line, True
    first = layout.lines[0].page if layout.lines else 0
    page0 = [ln for ln in layout if ln.page == first]
    width = max((ln.x1 for ln in page0), default=1.0)
    for ln in sorted(page0, key=lambda x: x.y0)[:30]:
        if ln.x0 > width * 0.45 or id(ln) in skip:
            continue
        name = _clean_holder(ln.text)
        if name and len(name.split()) >= 2:
            return name, ln, False
    return None


def _clean_holder(text: str) -> str | None:
    s = text.strip(" :-")
    s = _TITLE.sub("", s)
    if not s or _NOT_HOLDER.search(s) or not looks_like_name(s):
        return None
    name = clean_name(s)
    return name if len(name) >= 3 else None


def _ifsc(layout: Layout, rows: set[int]) -> tuple[str, int, TextLine, bool] | None:
    """The labelled IFSC, else an unlabelled one of a known bank on page 1 outside the table
    (narrations print other banks' IFSCs: "NEFT DR-HDFC0001234-...")."""
    best = None
    labels = layout.find(_IFSC_LABEL)
    first = layout.lines[0].page if layout.lines else 0
    for line in layout:
        if id(line) in rows:
            continue
        for m in _IFSC_RE.finditer(line.text.upper()):
            raw = m.group(1).replace(" ", "")
            fixed = coerce(raw[:4], "AAAA")
            if fixed is None:
                continue
            value = fixed[0] + "0" + raw[5:]
            repairs = fixed[1] + (raw[4] != "0")
            labelled = bool(_IFSC_LABEL.search(line.text)) or any(
                True for a in labels
                if a.page == line.page and abs(a.cy - line.cy) < a.height and a.x1 <= line.x0 + 5)
            known = value[:4] in BANKS
            rank = (not labelled, not known, repairs)
            if (labelled or (known and line.page == first)) and (best is None or rank < best[0]):
                best = (rank, value, repairs, line, labelled)
    return (best[1], best[2], best[3], best[4]) if best else None


def _account(layout: Layout, skip: set[int]) -> tuple[str, int, TextLine] | None:
    hit = _after_label(layout, _ACCT_LABEL, _ACCT_RE, skip)
    if not hit:
        return None
    raw, line, _ = hit
    digits = sum(ch.isdigit() for ch in raw)
    if digits < 4:
        return None
    value = "".join(ch if ch.isdigit() or ch in "X*" else TO_DIGIT.get(ch.upper(), ch)
                    for ch in raw)
    return value, sum(a != b for a, b in zip(raw, value, strict=True)), line


def _period(layout: Layout) -> tuple[str, str, TextLine] | None:
    for line in layout:
        dates = find_any_dates(line.text)
        if len(dates) >= 2 and _PERIOD_CUE.search(line.text):
            return dates[0], dates[1], line
    for line in layout.find(_PERIOD_CUE):
        dates = find_any_dates(" ".join(x.text for x in [line, *layout.right_of(line)]))
        if len(dates) >= 2:
            return dates[0], dates[1], line
    return None


def _labelled_amount(layout: Layout, label: re.Pattern[str], skip: set[int],
                     rows: set[int]) -> tuple[str, TextLine] | None:
    for anchor in layout.find(label):
        if id(anchor) in skip:
            continue
        rest = label.split(anchor.text, maxsplit=1)[-1]
        rest = re.sub(r"\d{1,2}[\s\-/.]\w{2,9}[\s\-/.]\d{2,4}", " ", rest)  # "as on 1 Apr 2024"
        found = find_amounts(rest, dr_negative=True)
        if found:
            return found[-1], anchor
        right = _same_row(layout, anchor)
        below = [ln for ln in layout.below(anchor, max_lines=4)
                 if min(ln.x1, anchor.x1) - max(ln.x0, anchor.x0) > 0][:1]
        if below and len(find_amounts(below[0].text)) > 1:
            # a summary table read as merged runs: take the amount under the label's words
            m = label.search(anchor.text)
            assert m is not None
            n = max(1, len(anchor.text))
            lx0 = anchor.x0 + (anchor.x1 - anchor.x0) * m.start() / n
            lx1 = anchor.x0 + (anchor.x1 - anchor.x0) * m.end() / n
            cand = below[0]
            k = max(1, len(cand.text))
            best = None
            for am in AMOUNT_RE.finditer(cand.text):
                ax0 = cand.x0 + (cand.x1 - cand.x0) * am.start() / k
                ax1 = cand.x0 + (cand.x1 - cand.x0) * am.end() / k
                dist = abs((ax0 + ax1) / 2 - (lx0 + lx1) / 2)
                value = parse_amount(am.group(0), dr_negative=True)
                if value is not None and ("." in am.group(0) or "," in am.group(0)) and (
                        best is None or dist < best[0]):
                    best = (dist, value)
            if best is not None and best[0] < (lx1 - lx0) * 1.5:
                return best[1], cand
        cands = [*right[:3], *below]
        for cand in cands:
            if id(cand) in rows and cand not in right:
                continue
            if label.search(cand.text) or _CLOSE_LABEL.search(cand.text) or \
                    _OPEN_LABEL.search(cand.text):
                continue
            value = parse_amount(cand.text.strip(" :"), dr_negative=True)
            if value is not None and find_amounts(cand.text + " ", dr_negative=True):
                return value, cand
    return None


def _same_row(layout: Layout, anchor: TextLine) -> list[TextLine]:
    """Lines right of ``anchor`` on its row, however far (a balance across the table)."""
    tol = max(anchor.height, 1.0) * 0.6
    return sorted((ln for ln in layout if ln is not anchor and ln.page == anchor.page
                   and abs(ln.cy - anchor.cy) <= tol and ln.x0 >= anchor.x1 - 2),
                  key=lambda ln: ln.x0)


# -- transactions --------------------------------------------------------------------------------
def _first(values: list[tuple[str, float, float]], last: bool = False) -> str:
    money = [t for t, _, _ in values if find_amounts(t) or re.search(r"\d", t)]
    if not money:
        return ""
    return money[-1] if last else money[0]


def _row_dict(row: Row) -> tuple[dict[str, Any], bool, int]:
    """(transaction, direction_known, conflicts) of one parsed row."""
    cells = row.cells
    date = next((find_any_dates(t)[0] for t, _, _ in cells.get("date", []) + cells.get(
        "vdate", []) if find_any_dates(t)), None)
    desc = _repair_narration(re.sub(r"\s+", " ", " ".join(row.desc)).strip())
    conflicts = sum(max(0, len([t for t, _, _ in cells.get(k, []) if re.search(r"\d", t)]) - 1)
                    for k in ("debit", "credit", "balance"))
    debit = parse_amount(_first(cells.get("debit", [])))
    credit = parse_amount(_first(cells.get("credit", [])))
    debit = debit.lstrip("-") if debit else None
    credit = credit.lstrip("-") if credit else None
    known = True
    amount_text = " ".join(t for t, _, _ in cells.get("amount", []))
    if amount_text.strip():
        value = parse_amount(amount_text)
        mark = _marker(amount_text) or _marker(" ".join(t for t, _, _ in cells.get("drcr", [])))
        if value is not None:
            value = value.lstrip("-")
            if mark == "DR":
                debit = value
            elif mark == "CR":
                credit = value
            else:
                debit, known = value, False
    balance_text = _first(cells.get("balance", []), last=True)
    balance_all = " ".join(t for t, _, _ in cells.get("balance", []))
    if balance_text and not _marker(balance_text) and _marker(balance_all):
        balance_text += " " + (_marker(balance_all) or "")
    balance = parse_amount(balance_text, dr_negative=True)
    return ({"date": date, "description": desc, "debit": debit, "credit": credit,
             "balance": balance}, known, conflicts)


def _repair_narration(text: str) -> str:
    """OCR reads "l" as "I" inside lower-case words ("amit@axI"): put it back.

    >>> _repair_narration("UPI/DR/123/AMIT NAIR/PYTM/amit@axI/Payment")
    'UPI/DR/123/AMIT NAIR/PYTM/amit@axl/Payment'
    >>> _repair_narration("P0S 4321XXXXXX0123 J0SHI NEFT-HDFC0001234 HDFC0CAGSBK")
    'POS 4321XXXXXX0123 JOSHI NEFT-HDFC0001234 HDFC0CAGSBK'
    >>> _repair_narration("UP1/DR/925340983328/SWIGGY/1CIC/swiggy@paytm UPL/CR/1")
    'UPI/DR/925340983328/SWIGGY/ICIC/swiggy@paytm UPI/CR/1'
    >>> _repair_narration("UP/DR/473121941303/IMRAN NATH GILL/PYTM/imran@upi/Payment")
    'UPI/DR/473121941303/IMRAN NATH GILL/PYTM/imran@upi/Payment'
    >>> _repair_narration("UPVDR/173500377219/DMART/UTIB/dmart@ibl/Payment")
    'UPI/DR/173500377219/DMART/UTIB/dmart@ibl/Payment'
    >>> _repair_narration("UPIDR/254489552047/AMAZON PAY/UTIB/amazon@okaxis/Payment")
    'UPI/DR/254489552047/AMAZON PAY/UTIB/amazon@okaxis/Payment'
    >>> _repair_narration("CHQPAID-MICR CTS-MU-ARJUN LAL JAIN")
    'CHQ PAID-MICR CTS-MU-ARJUN LAL JAIN'
    >>> _repair_narration("UPI/CR/8967/SHALIN1 QURESHI/SBIN/shalini62@ oksbi POS 4891 BE5COM")
    'UPI/CR/8967/SHALINI QURESHI/SBIN/shalini62@oksbi POS 4891 BESCOM'
    >>> [_repair_narration(t) for t in ("t66s UPI/DR/7419/X", "SUPI/DR/6190/Y", "TO TRANSFER-UPI/DR/1")]
    ['UPI/DR/7419/X', 'UPI/DR/6190/Y', 'TO TRANSFER-UPI/DR/1']
    >>> _repair_narration("UPI/DR/3721/JI0 PREPAID/PYTMjio@okhdfcbank/Payment HDFC0001234")
    'UPI/DR/3721/JIO PREPAID/PYTM/jio@okhdfcbank/Payment HDFC0001234'
    >>> _repair_narration("UPI/DR/2553/DMART/YESB/dmart@paytmVPayment")
    'UPI/DR/2553/DMART/YESB/dmart@paytm/Payment'
    >>> _repair_narration("UPI/DR/47333S314037/X NEFT-ICICN8191579B5702-Y POS 4172XXXXXX8574")
    'UPI/DR/473335314037/X NEFT-ICICN819157985702-Y POS 4172XXXXXX8574'
    >>> _repair_narration("POS435874XXXXXX2958 SWIGGY")
    'POS 435874XXXXXX2958 SWIGGY'
    >>> _repair_narration("UPI/DR/6988/APOLLO/ICIC/apollo&@axl/Payment MH12 AB15")
    'UPI/DR/6988/APOLLO/ICIC/apollo@axl/Payment MH12 AB15'
    """
    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        rest = word.replace("I", "")
        return word.replace("I", "l") if rest and rest.islower() else word

    if "I" in text:
        text = re.sub(r"[A-Za-z]+", fix, text)
    # a zero between capitals is an O ("P0S", "J0SHI", "PETR0L"); IFSCs ("HDFC0001234") and
    # masked card numbers keep theirs
    text = re.sub(r"(?<=[,\-])\.(?=[A-Z])", " ", text)  # speckle read as a dot: "D-.BAJAJ"
    text = re.sub(r"(?<=[A-Z])!", "I", text)  # "UP!/CR"
    # the thin "I" of a UPI narration's "UPI/DR/" lost between "P" and "/"
    text = re.sub(r"(?<![A-Za-z0-9])UP(?=/(?:DR|CR)/)", "UPI", text)
    text = re.sub(r"(?<![A-Za-z0-9])UPV(?=(?:DR|CR)/)", "UPI/", text)  # "I/" read as "V"
    text = re.sub(r"(?<![A-Za-z0-9])UPI(?=(?:DR|CR)/)", "UPI/", text)  # the "/" lost
    text = _KEYWORD_RUN.sub(_keyword, text)
    text = _JUNK_BEFORE_UPI.sub("", text)
    text = re.sub(r"(?<![A-Za-z0-9])(POS|ATM)(?=\d{4})", r"\1 ", text)  # "POS435874XXXXXX2958"
    # a letter amid a reference's digits is a misread digit ("47333S314037", "8191579B5702")
    text = re.sub(r"(?<=\d{3})[SOoBIl](?=\d{3})", lambda m: m.group(0).translate(DIGIT_LOOKALIKES), text)
    if "@" in text:
        text = re.sub(r"(?<=[A-Za-z0-9])[&%*#]+(?=@)", "", text)  # a speck before the "@"
        text = re.sub(r"@ (?=[a-z]{2,})", "@", text)  # a UPI handle holds no space
        text = re.sub(r"(?<=@)[A-Za-z]+", _handle, text)
        # the "/" after a handle read as a letter ("@paytmVPayment"), or lost between the bank
        # code and the handle ("/PYTMjio@okhdfcbank")
        text = re.sub(r"(?<=@)([a-z]+)[VIl|](?=[A-Z][a-z])",
                      lambda m: m.group(1) + ("/" if m.group(1) in _HANDLES else m.group(0)[-1]),
                      text)
        text = re.sub(r"(?<=/)([A-Z]{4})(?=[a-z][a-z0-9._-]*@)",
                      lambda m: m.group(1) + ("/" if m.group(1) in _KEYWORDS else ""), text)
    text = re.sub(r"(?<![A-Za-z0-9])[A-Z]{2,}[158][A-Z]*(?![A-Za-z0-9])", _capital_word, text)
    if "0" not in text:
        return text
    ifsc = [m.start() + 4 for m in re.finditer(r"(?<![A-Z])[A-Z]{4}0[A-Z0-9]{6}(?![A-Z0-9])", text)]
    text = re.sub(r"(?<=[A-Z])0(?=[A-Z])", lambda m: "0" if m.start() in ifsc else "O", text)
    return re.sub(r"(?<![A-Za-z0-9])([A-Z]{2,})0(?![A-Za-z0-9])", r"\1O", text)  # "JI0 PREPAID"


#: the reference's last characters, or a speck, read in front of a UPI narration ("t66s UPI/DR/",
#: "84115282318 UPI/DR/", "SUPI/DR/"); words ("TO TRANSFER-UPI/DR/") stay
_JUNK_BEFORE_UPI = re.compile(r"^(?:[A-Za-z]|[^\s/]{0,12}\d[^\s/]{0,12}\s?)(?=UPI/(?:DR|CR)/)")


def _capital_word(m: re.Match[str]) -> str:
    """A capitalised word with one look-alike digit in it ("SHALIN1", "BE5COM")."""
    word = m.group(0)
    return word.translate(_AS_LETTER) if len(word) >= 5 else word


_AS_LETTER = str.maketrans(TO_LETTER)


#: Words every Indian bank's narrations use (payment rails, bank codes, fixed phrases): a token
#: OCR garbled into one of these by a look-alike ("UP1", "1CIC", "UPL") is put back.
_KEYWORDS = frozenset(
    "UPI NEFT IMPS RTGS ATM POS CHQ ACH ECS NACH CASH WDL DEPOSIT TRANSFER SALARY INT PAID "
    "CHARGES MICR CTS NETBANK DEBIT CREDIT CARD ANNUAL FEE SMS QTR MIN BAL SELF BY TO FROM "
    "ICIC HDFC SBIN UTIB KKBK PUNB YESB PYTM BARB CNRB UBIN IDIB INDB FDRL IDFB".split())
_LOOKALIKE = str.maketrans({"1": "I", "0": "O", "5": "S", "8": "B", "L": "I", "|": "I",
                            "[": "I", "]": "I", "!": "I"})
_KEYWORD_RUN = re.compile(r"(?<![A-Za-z0-9\[\]])[A-Z0-9|\[\]!]{2,8}(?![A-Za-z0-9\[\]])")


def _keyword(m: re.Match[str]) -> str:
    """A narration keyword put back from a look-alike reading.

    >>> [_KEYWORD_RUN.sub(_keyword, t) for t in ("CHO PAID", "[MPS-4315", "SMS FOR OTR", "1CIC")]
    ['CHQ PAID', 'IMPS-4315', 'SMS FOR QTR', 'ICIC']
    """
    word = m.group(0)
    if word in _KEYWORDS or word.isdigit():
        return word
    fixed = word.translate(_LOOKALIKE)
    if fixed in _KEYWORDS:
        return fixed
    # "Q" read as "O" (its tail lost in small print)
    q = {fixed[:i] + "Q" + fixed[i + 1:] for i, ch in enumerate(fixed) if ch == "O"} & _KEYWORDS
    if len(q) == 1:
        return q.pop()
    # two keywords whose space OCR dropped ("CHQPAID")
    for i in range(2, len(word) - 1):
        if word[:i] in _KEYWORDS and word[i:] in _KEYWORDS:
            return f"{word[:i]} {word[i:]}"
    return word


#: UPI handles (the part after "@") of the apps and banks on NPCI's list; OCR drops a final
#: "l" ("@ib" for "@ibl") or misreads one letter ("@oksbl").
_HANDLES = frozenset(
    "ybl ibl axl apl yapl upi paytm ptyes ptaxis pthdfc ptsbi okaxis oksbi okhdfcbank okicici "
    "icici sbi axisbank hdfcbank kotak ikwik freecharge fbl idfcbank aubank indus rbl federal "
    "barodampay pnb cnrb unionbank kbl airtel jupiteraxis waicici wahdfcbank".split())


def _handle(m: re.Match[str]) -> str:
    h = m.group(0)
    low = h.lower()
    if low in _HANDLES:
        return h
    if low + "l" in _HANDLES:
        return h + "l"
    if len(low) >= 4:
        near = [k for k in _HANDLES if Levenshtein.distance(low, k) == 1]
        if len(near) == 1:
            return near[0]
    return h


_SUSPECT = re.compile(
    r"[A-Za-z][0-9][A-Za-z]|(?<![A-Za-z0-9])[0-9][A-Z]{3,}|\d{3,}[A-WYZa-wyz]\d{2,}|"
    r"(?<![A-Za-z0-9])[A-Z]{2,}[0-9](?=[/\s\-]|$)")


def _suspect(description: str) -> bool:
    """A narration with look-alike mix-ups OCR makes ("SW1GGY", "976077178S22"): not to be
    trusted fully, even when the row reconciles."""
    return bool(_SUSPECT.search(description))


def _marker(text: str) -> str | None:
    m = re.search(r"(?:^|[\s\d(])(CR|DR|C|D)\)?\.?\s*$", text.strip(), re.I)
    if not m:
        return None
    return "CR" if m.group(1).upper().startswith("C") else "DR"


def _first_date_kind(row: Row) -> str | None:
    for kind in ("date", "vdate"):
        if any(find_any_dates(t) for t, _, _ in row.cells.get(kind, [])):
            return kind
    return None


def reconcile(rows: list[dict[str, Any]], opening: str | None, closing: str | None
              ) -> dict[str, Any]:
    """Check every row's balance against the previous one, and the totals end to end."""
    prev = to_decimal(opening) if opening is not None else None
    broken: list[int] = []
    explained = Decimal(0)  # what the broken rows add up to
    checked = 0
    cr_total = dr_total = Decimal(0)
    order = range(len(rows) - 1, -1, -1) if newest_first(rows) else range(len(rows))
    for i in order:
        r = rows[i]
        dr, cr = to_decimal(r.get("debit")) or Decimal(0), to_decimal(r.get("credit")) or Decimal(0)
        dr_total += dr
        cr_total += cr
        bal = to_decimal(r.get("balance"))
        if prev is not None and bal is not None:
            checked += 1
            if prev + cr - dr != bal:
                broken.append(i)
                explained += prev + cr - dr - bal
        prev = bal if bal is not None else (prev + cr - dr if prev is not None else None)
    out: dict[str, Any] = {"broken_rows": sorted(broken), "rows_checked": checked,
                           "total_debits": format_amount(dr_total),
                           "total_credits": format_amount(cr_total)}
    o, c = to_decimal(opening), to_decimal(closing)
    if o is not None and c is not None:
        out["difference"] = format_amount(o + cr_total - dr_total - c)
        out["totals_match"] = o + cr_total - dr_total == c
        out["explained_by_broken_rows"] = bool(broken) and o + cr_total - dr_total - c == explained
    return out


def newest_first(rows: list[dict[str, Any]]) -> bool:
    """Do the balances run backwards (a statement printed newest transaction first)?"""
    vals = [(to_decimal(r.get("debit")) or Decimal(0), to_decimal(r.get("credit")) or Decimal(0),
             to_decimal(r.get("balance"))) for r in rows]
    forward = backward = 0
    for (dr0, cr0, b0), (dr1, cr1, b1) in zip(vals, vals[1:], strict=False):
        if b0 is None or b1 is None:
            continue
        forward += b0 + cr1 - dr1 == b1
        backward += b1 + cr0 - dr0 == b0
    return backward > forward


def _repoint(amount: Any, change: Any, *, debit: bool) -> Any:
    """The amount the balances call for, when it has the same digits as the one read: OCR lost
    or misplaced the decimal point ("69.91" read as "6991"). None otherwise.

    >>> from decimal import Decimal as D
    >>> _repoint(D("6991.00"), D("-69.91"), debit=True), _repoint(D("6991.00"), D("-70.00"), debit=True)
    (Decimal('69.91'), None)
    """
    wanted = -change if debit else change
    if amount is None or wanted <= 0 or wanted == amount:
        return None
    digits = [f"{v:.2f}".replace(".", "").lstrip("0").rstrip("0") for v in (amount, wanted)]
    return wanted if digits[0] and digits[0] == digits[1] else None


def _next_row(items: list[tuple[Any, ...]], order: range, k: int) -> dict[str, Any] | None:
    """The transaction after item ``k`` in the order rows are reconciled."""
    at = order.index(k) + 1
    return items[order[at]][1] if at < len(order) else None


def _balance_before(tx: dict[str, Any]) -> Decimal | None:
    """The balance a transaction's own balance and amounts say came before it."""
    bal = to_decimal(tx["balance"])
    if bal is None:
        return None
    return bal - (to_decimal(tx["credit"]) or 0) + (to_decimal(tx["debit"]) or 0)


def _misread_balance(read: Any, expected: Any, following: dict[str, Any] | None) -> bool:
    """Whether a balance that breaks the arithmetic is an OCR misreading of the one the
    arithmetic calls for: a digit or two apart, and the next row reconciles from the expected
    balance (so the row's amounts are right and only the balance was misread).

    >>> from decimal import Decimal as D
    >>> nxt = {"debit": "100.00", "credit": None, "balance": "209519.36"}
    >>> _misread_balance(D("209519.36"), D("209619.36"), nxt | {"balance": "209519.36"})
    True
    >>> _misread_balance(D("209519.36"), D("209619.36"), nxt | {"balance": "209419.36"})
    False
    """
    if read is None or following is None or _balance_before(following) != expected:
        return False
    return _digits_near(read, expected)


def _balances_from_later_rows(items: list[tuple[Any, ...]], order: range) -> set[int]:
    """Put back balances OCR misread, working back from the end: a row's balance is what the
    next row's balance and amounts imply when the next row is itself confirmed (by the row after
    it, or by this pass), the row as read does not reconcile with the one before it, and the
    reading is a digit or two, or a decimal point, away from it. OCR rows only."""
    seq = list(order)
    confirmed: set[int] = set()
    for pos in range(len(seq) - 2, 0, -1):
        before, k, j = seq[pos - 1], seq[pos], seq[pos + 1]
        if not items[k][0].read_by_ocr:
            continue
        b0, tx = to_decimal(items[before][1]["balance"]), items[k][1]
        bal, implied = to_decimal(tx["balance"]), _balance_before(items[j][1])
        if None in (b0, bal, implied) or _balance_before(tx) == b0:
            continue
        if implied == bal or not _digits_near(bal, implied):
            continue
        if j not in confirmed and (pos + 2 >= len(seq) or _balance_before(
                items[seq[pos + 2]][1]) != to_decimal(items[j][1]["balance"])):
            continue
        tx["balance"] = f"{implied:.2f}"
        confirmed.add(k)
    return confirmed


def _solve_from_next(prev: Any, amount: Any, balance: Any, following: dict[str, Any] | None,
                     *, debit: bool) -> tuple[Any, Any] | None:
    """The (amount, balance) of a row whose amount and balance OCR both misread, when the
    previous balance and the next row pin them down and both readings are near them.

    >>> from decimal import Decimal as D
    >>> nxt = {"debit": "10.00", "credit": None, "balance": "84289.68"}
    >>> _solve_from_next(D("84419.77"), D("12009"), D("8429368"), nxt, debit=True)
    (Decimal('120.09'), Decimal('84299.68'))
    >>> _solve_from_next(D("84419.77"), D("500.00"), D("8429368"), nxt, debit=True) is None
    True
    """
    implied = None if following is None else _balance_before(following)
    if prev is None or amount is None or implied is None:
        return None
    change = implied - prev
    wanted = -change if debit else change
    if wanted <= 0 or not _digits_near(amount, wanted):
        return None
    if balance is not None and not _digits_near(balance, implied):
        return None
    return wanted, implied


def _digits(value: Any) -> str:
    return f"{value:.2f}".replace(".", "").lstrip("0")


def _digits_near(read: Any, expected: Any) -> bool:
    """Could OCR have turned ``expected`` into ``read``: one or two digits wrong, dropped or
    added, the decimal point lost or moved ("8062.05" read as "806205")?

    >>> from decimal import Decimal as D
    >>> _digits_near(D("806205"), D("8062.05")), _digits_near(D("543908"), D("54397.08"))
    (True, True)
    >>> _digits_near(D("99.10"), D("9959.71")), _digits_near(D("209519.36"), D("209619.36"))
    (False, True)
    """
    a, b = _digits(read).rstrip("0"), _digits(expected).rstrip("0")
    if a == b:
        return True
    return Levenshtein.distance(a, b) <= (2 if len(b) >= 6 else 1) or \
        Levenshtein.distance(f"{read:.2f}", f"{expected:.2f}") <= 2


def _transactions(rows: list[Row], opening: str | None,
                  period: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    prev = to_decimal(opening) if opening is not None else None
    items = [(row, *_row_dict(row)) for row in rows]
    out: list[dict[str, Any]] = [{} for _ in items]
    order = range(len(items))
    if newest_first([it[1] for it in items]):
        order = range(len(items) - 1, -1, -1)
    repaired = _balances_from_later_rows(items, order)
    last_date: dt.date | None = None
    for k in order:
        row, tx, known, conflicts = items[k]
        dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
        bal = to_decimal(tx["balance"])
        swapped = k in repaired
        if prev is not None and bal is not None:
            if not known or (row.margin < 25 and (dr is None) != (cr is None)):
                amount = dr if dr is not None else cr
                if amount is not None:
                    if prev - amount == bal and dr is None:
                        tx["debit"], tx["credit"], swapped = tx["credit"], None, known
                    elif prev + amount == bal and cr is None:
                        tx["credit"], tx["debit"], swapped = tx["debit"], None, known
                    known = True
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
        ok = None
        if prev is not None and bal is not None:
            ok = prev + (cr or 0) - (dr or 0) == bal
            # OCR rows only: a text layer's amount is what the file says, and a tampered row
            # must stay visible as broken
            read = row.read_by_ocr
            if not ok and read and (dr is None) != (cr is None):
                fixed = _repoint(dr if dr is not None else cr, bal - prev, debit=dr is not None)
                if fixed is not None:
                    tx["debit" if dr is not None else "credit"] = f"{fixed:.2f}"
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
                    ok, swapped = True, True
            if not ok and read:
                expected = prev + (cr or 0) - (dr or 0)
                if _misread_balance(bal, expected, _next_row(items, order, k)):
                    tx["balance"], bal = f"{expected:.2f}", expected
                    ok, swapped = True, True
            if not ok and read and (dr is None) != (cr is None):
                solved = _solve_from_next(prev, dr if dr is not None else cr, bal,
                                          _next_row(items, order, k), debit=dr is not None)
                if solved is not None:
                    amount, bal = solved
                    tx["debit" if dr is not None else "credit"] = f"{amount:.2f}"
                    tx["balance"] = f"{bal:.2f}"
                    dr, cr = to_decimal(tx["debit"]), to_decimal(tx["credit"])
                    ok, swapped = True, True
        ocr = row.score
        c = confidence(ocr, checked=ok if ok is not None else None)
        if ok is None and not known:
            c = min(c, 0.6)
        if swapped or conflicts:
            c -= 0.08
        if bal is None:
            c = min(c, 0.6)
        if tx["date"] is None:
            c = min(c, 0.4)
        elif _first_date_kind(row) != "date":
            c = min(c, 0.6)  # the value date stood in for an unreadable transaction date
        if tx["date"] is not None:
            when = _day(tx["date"])
            if last_date is not None and when < last_date:
                c -= 0.1
            last_date = when
        if not tx["description"]:
            c = min(c, 0.5)
        if row.read_by_ocr:
            # speckles read as dots ("DEPOSIT.BY", "Payment.") score high: do not trust them
            odd = bool(re.search(r"[A-Za-z]\.[A-Z0-9]|\.$|[;!|\[\]{}]", tx["description"])) or \
                _suspect(tx["description"]) or _suspect(" ".join(row.desc))
            c = min(c, 0.97 if ocr >= 0.97 and not (row.cut or odd or row.rough) else 0.85)
        tx["confidence_score"] = round(max(0.05, min(0.99, c)), 4)
        out[k] = tx
        prev = bal if bal is not None else (prev + (cr or 0) - (dr or 0) if prev is not None
                                            else None)
    _recover_dates([row for row, *_ in items], out, order, period)
    _harmonise_narrations([row for row, *_ in items], out)
    return out


def _harmonise_narrations(rows: list[Row], out: list[dict[str, Any]]) -> None:
    """OCR rows' narrations checked against the words the statement itself prints most
    (:mod:`kagaz.text.consensus`); a narration so changed is trusted less."""
    ocr = [i for i, row in enumerate(rows) if row.read_by_ocr]
    if not ocr:
        return
    texts = [tx.get("description") or "" for tx in out]
    for i, (old, new) in enumerate(zip(texts, harmonise(texts), strict=True)):
        if i in ocr and new != old:
            out[i]["description"] = new
            out[i]["confidence_score"] = min(out[i]["confidence_score"], 0.85)


_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%b-%Y", "%d %b %Y", "%d-%m-%y",
                 "%d/%m/%y", "%d %b %y", "%d-%b-%y", "%d/%b/%Y")


def _day(value: str) -> dt.date:
    """A ``DD/MM/YYYY`` value as a date."""
    return dt.datetime.strptime(value, "%d/%m/%Y").date()


def _date_distance(read: str, printed: str) -> tuple[int, int]:
    """Edits from ``printed`` to ``read``, then (to break ties) how little of either end agrees:
    OCR keeps the ends of a date more often than its middle."""
    ends = len(os.path.commonprefix([read, printed])) + len(
        os.path.commonprefix([read[::-1], printed[::-1]]))
    return Levenshtein.distance(read, printed), -ends


def _recover_dates(rows: list[Row], out: list[dict[str, Any]], order: range,
                   period: tuple[str, str] | None = None) -> None:
    """A transaction date OCR garbled ("20-2225") is recovered from its neighbours: of the dates
    between the transactions before and after it (the statement period's first or last day at
    either end), printed the way the page prints dates, the one nearest to what was read, when
    it is clearly nearest. A date read with one wrong character ("08-05-2021" between
    05-06-2021 and 19-06-2021) is put right the same way, when exactly one date between its
    neighbours is one character away. OCR rows only."""
    seq = list(order)
    bounds = [_day(p) for p in period] if period else None

    def when(i: int | None, end: int) -> dt.date | None:
        if i is not None:
            return _day(out[i]["date"])
        return bounds[end] if bounds else None

    for pos, k in enumerate(seq):
        raw = rows[k].text("date").strip()
        if not raw or not re.search(r"\d", raw) or not rows[k].read_by_ocr:
            continue
        before = next((seq[j] for j in range(pos - 1, -1, -1) if out[seq[j]].get("date")), None)
        after = next((seq[j] for j in range(pos + 1, len(seq)) if out[seq[j]].get("date")), None)
        lo, hi = when(before, 0), when(after, 1)
        if lo is None or hi is None or not lo <= hi or (hi - lo).days > 62:
            continue
        read = out[k].get("date")
        if read is not None:
            if before is None or after is None or lo <= when(k, 0) <= hi:  # type: ignore[operator]
                continue
        fmt = next((f for f in _DATE_FORMATS for i in (before, after) if i is not None
                    and rows[i].text("date").strip().lower()
                    == _day(out[i]["date"]).strftime(f).lower()), None)
        if fmt is None:
            continue
        scored = sorted((_date_distance(raw.lower(), d.strftime(fmt).lower()), d)
                        for d in (lo + dt.timedelta(days=n) for n in range((hi - lo).days + 1)))
        best, day = scored[0]
        limit = 1 if read is not None else max(2, len(day.strftime(fmt)) // 3)
        if best[0] <= limit and (len(scored) == 1 or scored[1][0][0] > best[0]
                                 or (read is None and scored[1][0] > best)):
            out[k]["date"] = day.strftime("%d/%m/%Y")
            out[k]["confidence_score"] = min(out[k]["confidence_score"], 0.6)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    rows, headers = parse_table(layout.lines)
    skip = {id(ln) for band in headers for ln in band}
    row_lines = {id(ln) for r in rows for ln in r.lines}

    ifsc = _ifsc(layout, row_lines)
    if ifsc:
        value, repairs, line, labelled = ifsc
        ok = ifsc_valid(value)
        fields["ifsc"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs,
                                                      anchored=labelled), line)
    bank = _bank(layout, ifsc[0] if ifsc else None)
    if bank:
        fields["bank_name"] = make_field(bank[0], bank[1], bank[2])
    holder = _holder(layout, skip | row_lines)
    if holder:
        fields["account_holder_name"] = make_field(
            holder[0], confidence(holder[1].score, anchored=holder[2], free_text=True), holder[1])
    acct = _account(layout, skip | row_lines)
    if acct:
        value, repairs, line = acct
        plain = value.isdigit() and 9 <= len(value) <= 18
        fields["account_number"] = make_field(value, confidence(
            line.score, checked=True if plain else None, repairs=repairs), line)
    period = _period(layout)
    if period:
        start, end, line = period
        ok = _day(start) <= _day(end)
        fields["statement_period_from"] = make_field(start, confidence(line.score, checked=ok), line)
        fields["statement_period_to"] = make_field(end, confidence(line.score, checked=ok), line)

    opening = _labelled_amount(layout, _OPEN_LABEL, skip, row_lines)
    if opening:
        fields["opening_balance"] = make_field(opening[0], confidence(opening[1].score), opening[1])
    txns = _transactions(rows, opening[0] if opening else None,
                         (period[0], period[1]) if period else None)
    closing = _labelled_amount(layout, _CLOSE_LABEL, skip, row_lines)
    if closing:
        fields["closing_balance"] = make_field(closing[0], confidence(closing[1].score), closing[1])
    elif txns and txns[-1]["balance"] is not None:
        fields["closing_balance"] = make_field(txns[-1]["balance"], min(
            0.85, txns[-1]["confidence_score"]))
    if txns:
        overall = min(t["confidence_score"] for t in txns)
        fields["transactions"] = Field(value=txns, confidence_score=overall,
                                       rows=[row_box(r.lines) for r in rows])
    rough = {r.page for r in rows if r.rough}  # photos, low resolution: labels and values misalign
    for key in ("account_holder_name", "opening_balance", "closing_balance"):
        if key in fields and fields[key].page in rough:
            fields[key].confidence_score = min(fields[key].confidence_score, 0.85)
    return {k: fields[k] for k in _ORDER if k in fields}


_ORDER = ("bank_name", "account_holder_name", "account_number", "ifsc", "statement_period_from",
          "statement_period_to", "opening_balance", "closing_balance", "transactions")


def validate(fields: dict[str, Field]) -> list[str]:
    """Reconcile balances row by row and end to end; check the IFSC against the bank."""
    issues = []
    tx = fields.get("transactions")
    if tx:
        rows = tx.value
        opening = fields["opening_balance"].value if "opening_balance" in fields else None
        closing = fields["closing_balance"].value if "closing_balance" in fields else None
        rec = reconcile(rows, opening, closing)
        for i in rec["broken_rows"]:
            rows[i]["confidence_score"] = min(rows[i]["confidence_score"], 0.5)
        if rec["broken_rows"]:
            shown = ", ".join(str(i) for i in rec["broken_rows"][:10])
            issues.append(f"Balances do not reconcile at rows {shown}")
        if rec.get("totals_match") is False:
            issues.append("Opening balance plus credits minus debits is not the closing balance")
            blamed = () if rec.get("explained_by_broken_rows") else ("opening_balance",
                                                                     "closing_balance")
            for key in blamed:
                if key in fields:
                    fields[key].confidence_score = min(fields[key].confidence_score, 0.6)
        elif (rec.get("totals_match") and not rec["broken_rows"]
              and rec["rows_checked"] == len(rows) and tx.confidence_score >= 0.9):
            for key in ("opening_balance", "closing_balance"):
                if key in fields:
                    fields[key].confidence_score = max(fields[key].confidence_score, 0.97)
        tx.confidence_score = min([r["confidence_score"] for r in rows] or [tx.confidence_score])
    ifsc, bank = fields.get("ifsc"), fields.get("bank_name")
    if ifsc and bank and ifsc.value[:4] in BANKS and BANKS[ifsc.value[:4]][0] != bank.value:
        issues.append("The IFSC belongs to another bank than the one named on the statement")
        ifsc.confidence_score = min(ifsc.confidence_score, 0.7)
        bank.confidence_score = min(bank.confidence_score, 0.7)
    return issues


# -- finish: validations ---------------------------------------------------------------------------
def finish(doc: Document) -> None:
    """Validations: ``balance_reconciliation``, ``ifsc_format`` and (PDFs) ``pdf_metadata``."""
    f = doc.fields
    tx = f.get("transactions")
    if tx:
        opening = f["opening_balance"].value if "opening_balance" in f else None
        closing = f["closing_balance"].value if "closing_balance" in f else None
        rec = reconcile(tx.value, opening, closing)
        ok = not rec["broken_rows"] and rec.get("totals_match", True)
        if ok:
            msg = f"All {len(tx.value)} rows reconcile"
            if "totals_match" in rec:
                msg += " and opening + credits - debits = closing"
        else:
            parts = []
            if rec["broken_rows"]:
                parts.append(f"{len(rec['broken_rows'])} row(s) do not follow from the "
                             f"previous balance")
            if rec.get("totals_match") is False:
                parts.append(f"opening + credits - debits differs from the closing balance by "
                             f"{rec['difference']}")
            msg = "; ".join(parts).capitalize()
        doc.validations["balance_reconciliation"] = {"valid": ok, "message": msg, **rec}
    if "ifsc" in f:
        code = f["ifsc"].value
        ok = ifsc_valid(code)
        bank = BANKS.get(code[:4], (None,))[0]
        named = f["bank_name"].value if "bank_name" in f else None
        msg = "The IFSC has the RBI format (4 letters, 0, 6 letters or digits)" if ok else \
            "The IFSC does not have the RBI format (4 letters, 0, 6 letters or digits)"
        if ok and bank and named and bank != named:
            msg += f", but its bank code is {bank}'s, not {named}'s"
        doc.validations["ifsc_format"] = {"valid": ok, "message": msg, "ifsc": code,
                                          "bank_code": code[:4], "bank": bank,
                                          "matches_bank_name": None if not (bank and named)
                                          else bank == named}
        if not ok:
            f["ifsc"].confidence_score = min(f["ifsc"].confidence_score, 0.5)
    if doc.format == "pdf":
        doc.validations["pdf_metadata"] = pdf_metadata(doc.metadata)
