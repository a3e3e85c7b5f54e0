"""The fields a bank statement prints above (and under) its table: the bank, the account
holder, the account number, the IFSC, the period, the opening and closing balances.

Text-layer values are taken exactly as printed; look-alike letters (an O read for 0 in an
account number or an IFSC) are put back on OCR'd lines only. Account numbers keep their masking
as printed ("XXXX1234", "XXX-XXXXX-1234", "****1234"), spaces dropped.

>>> from kagaz.model import Field, TextLine
>>> def line(text, y=0, source="pdf"): return TextLine(text, 1.0, (0, y, 9 * len(text), y + 15), 0, source)
>>> [account(Layout([line(t)]), set())[0] for t in ("A/C No. XXXX1234", "Account Number : XXX-XXXXX-1234",
...  "Savings Account - ****1234", "Account No : 5010 0123 4567 89", "Acct # 912010012345678 01 Apr 2024")]
['XXXX1234', 'XXX-XXXXX-1234', '****1234', '50100123456789', '912010012345678']
>>> account(Layout([line("Account Name : RAVI KUMAR"), line("Flat 1203, MG Road", 20)]), set()) is None
True
>>> account(Layout([line("Account No : 5O1OO123456789", source="ocr")]), set())[:2]
('50100123456789', 3)
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence
from kagaz.doctypes.statement_dates import find_any_dates
from kagaz.doctypes.statement_text import span_x
from kagaz.model import Field, TextLine
from kagaz.text.amounts import AMOUNT_RE, find_amounts, parse_amount
from kagaz.text.layout import Layout
from kagaz.text.names import clean_name, looks_like_name
from kagaz.text.repair import TO_DIGIT, coerce

__all__ = ["ACCT_LABEL", "BANKS", "BANK_RX", "CLOSE_LABEL", "IFSC_LABEL", "OPEN_LABEL", "account",
           "bank", "holder", "ifsc", "ifsc_bank_mismatch", "ifsc_valid", "labelled_amount", "period"]

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
BANK_RX = {code: re.compile(p, re.I) for code, (_, p) in BANKS.items()}


IFSC_LABEL = re.compile(r"\b[I1l]FS\s*C?\b|IFS\s*Code|IFSC\s*Code", re.I)
_IFSC_RE = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{4}\s?[0OQD]\s?[A-Z0-9]{6})(?![A-Z0-9])")
#: "Account No", "A/c Number", "Acct #"; ``ACCT_BARE`` "Account", "A/C" with the number right
#: after it ("Savings Account - XXXXXXXX4321", "A/C XXXX1234")
ACCT_LABEL = re.compile(r"\b(?:a\s*/\s*c|acc(?:oun)?t|acct)\.?\s*(?:no\b|number\b|num\b|#)\.?", re.I)
_ACCT_BARE = re.compile(r"(?<![A-Za-z])(?:a\s*/\s*c|acc(?:oun)?t|acct)\b\.?(?=\s*[:\-#]?\s*[0-9Xx*])",
                        re.I)
_ACCT_CHAR = r"[0-9OoIlXx*]"
#: digits (O/o/I/l for OCR's look-alikes), masking X's or *'s, in groups joined by "-" or a space
_ACCT_RE = re.compile(rf"(?<![A-Za-z0-9*/])({_ACCT_CHAR}+(?:[ \-]{_ACCT_CHAR}{{2,}})*)(?![A-Za-z0-9*/])")
_NAME_LABEL = re.compile(
    r"(?:account\s*(?:holder(?:'?s)?)?\s*name|name\s*of\s*(?:the\s*)?(?:account\s*)?holder|"
    r"customer\s*name|account\s*holder|^\s*name)\s*[:\-]?", re.I)
_TITLE = re.compile(r"^\s*(?:M\s*/\s*S\.?|MRS?\.?|MS\.?|SHRI\.?|SMT\.?|KUM\.?|DR\.?|MISS)\s+",
                    re.I)
_NOT_HOLDER = re.compile(
    r"bank|statement|account|branch|ifsc|micr|customer|currency|address|period|page|date|"
    r"phone|email|nominee|savings|current|balance|limited|ltd|road|nagar|street|colony|"
    r"sector|society|apartment|building|floor|flat|plot|house|india|receipt|invoice|hotel|"
    r"folio|\d", re.I)
_PERIOD_CUE = re.compile(r"period|statement|from|between|\bfor\b", re.I)
OPEN_LABEL = re.compile(r"opening\s*bal(?:ance)?|balance\s*as\s*on|balance\s*b\s*/\s*f|"
                         r"brought\s*forward", re.I)
CLOSE_LABEL = re.compile(r"closing\s*bal(?:ance)?|balance\s*c\s*/\s*f", re.I)


def bank(layout: Layout, ifsc: str | None) -> tuple[str, float, TextLine | None] | None:
    page0 = layout.lines[0].page if layout.lines else 0
    top = sorted((ln for ln in layout if ln.page == page0), key=lambda ln: ln.y0)[:40]
    best = None
    for ln in top:
        for code, rx in BANK_RX.items():
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


def holder(layout: Layout, skip: set[int]) -> tuple[str, TextLine, bool] | None:
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
        if name and len(name.split()) >= 2 and not _starts_a_bank_name(name):
            return name, ln, False
    return None


def _starts_a_bank_name(name: str) -> bool:
    """Whether ``name`` is the first words of a bank's name: the letterhead's "PUNJAB NATIONAL"
    read apart from its "BANK" is the bank's, not the holder's.

    >>> _starts_a_bank_name("PUNJAB NATIONAL"), _starts_a_bank_name("NAVEEN MISHRA")
    (True, False)
    """
    words = name.lower().split()
    return any(full.lower().split()[:len(words)] == words and len(full.split()) > len(words)
               for full, _ in BANKS.values())


def _clean_holder(text: str) -> str | None:
    s = text.strip(" :-")
    s = _TITLE.sub("", s)
    if not s or _NOT_HOLDER.search(s) or not looks_like_name(s):
        return None
    name = clean_name(s)
    return name if len(name) >= 3 else None


def ifsc(layout: Layout, rows: set[int]) -> tuple[str, int, TextLine, bool] | None:
    """The labelled IFSC, else an unlabelled one of a known bank on page 1 outside the table
    (narrations print other banks' IFSCs: "NEFT DR-HDFC0001234-...")."""
    best = None
    labels = layout.find(IFSC_LABEL)
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
            labelled = bool(IFSC_LABEL.search(line.text)) or any(
                True for a in labels
                if a.page == line.page and abs(a.cy - line.cy) < a.height and a.x1 <= line.x0 + 5)
            known = value[:4] in BANKS
            rank = (not labelled, not known, repairs)
            if (labelled or (known and line.page == first)) and (best is None or rank < best[0]):
                best = (rank, value, repairs, line, labelled)
    return (best[1], best[2], best[3], best[4]) if best else None


def account(layout: Layout, skip: set[int]) -> tuple[str, int, TextLine] | None:
    """(number as printed without spaces, look-alikes repaired, line) after "Account No" and
    the like, or right after a bare "Account"/"A/C"."""
    for label, bare in ((ACCT_LABEL, False), (_ACCT_BARE, True)):
        for anchor in layout.find(label):
            if id(anchor) in skip:
                continue
            rest = label.split(anchor.text, maxsplit=1)[-1]
            if bare:
                rest = re.sub(r"^\s*[:\-#]?\s*", "", rest)
                places = [(rest, anchor)]
            else:
                places = [(rest, anchor)] + [(c.text, c) for c in [
                    *layout.right_of(anchor)[:2], *layout.below(anchor, max_lines=1)]]
            for text, line in places:
                found = _account_number(text)
                if found and (not bare or text.startswith(found)):
                    raw = found.replace(" ", "")
                    if line.source == "pdf":
                        return raw, 0, line
                    value = "".join(ch if ch.isdigit() or ch in "Xx*-" else TO_DIGIT.get(
                        ch.upper(), ch) for ch in raw)
                    return value, sum(a != b for a, b in zip(raw, value, strict=True)), line
    return None


def _account_number(text: str) -> str | None:
    """The first run of ``text`` that reads as an account number: at least four digits, six
    characters in all; a date printed after it ("912010012345678 01 Apr 2024") is not part of
    it."""
    dates = [start for _, start, _ in find_any_dates(text, spans=True)]
    for m in _ACCT_RE.finditer(text):
        groups = re.split(r"([ \-])", m.group(1))
        while len(groups) > 1 and any(m.start() < d < m.start() + len("".join(groups))
                                      for d in dates):
            groups = groups[:-2]
        value = "".join(groups)
        compact = value.replace(" ", "").replace("-", "")
        if sum(ch.isdigit() for ch in compact) >= 4 and 6 <= len(compact) <= 24:
            return value
    return None


def period(layout: Layout) -> tuple[str, str, TextLine] | None:
    for line in layout:
        dates = find_any_dates(line.text)
        if len(dates) >= 2 and _PERIOD_CUE.search(line.text):
            return dates[0], dates[1], line
    for line in layout.find(_PERIOD_CUE):
        dates = find_any_dates(" ".join(x.text for x in [line, *layout.right_of(line)]))
        if len(dates) >= 2:
            return dates[0], dates[1], line
    return None


def labelled_amount(layout: Layout, label: re.Pattern[str], skip: set[int],
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
            lx0, lx1 = span_x(anchor, m.start(), m.end())
            cand = below[0]
            best = None
            for am in AMOUNT_RE.finditer(cand.text):
                ax0, ax1 = span_x(cand, am.start(), am.end())
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
            if label.search(cand.text) or CLOSE_LABEL.search(cand.text) or \
                    OPEN_LABEL.search(cand.text):
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


def ifsc_valid(code: str | None) -> bool:
    """RBI's IFSC shape: four letters (the bank), ``0``, six letters or digits (the branch).

    >>> ifsc_valid("HDFC0001234"), ifsc_valid("BARB0KOTHRU"), ifsc_valid("HDFC1001234")
    (True, True, False)
    """
    return bool(re.fullmatch(r"[A-Z]{4}0[A-Z0-9]{6}", code or ""))


def ifsc_bank_mismatch(code: Field | None, named: Field | None) -> bool:
    """Whether the IFSC's bank (its first four letters) is another bank than the one named on
    the document; both fields then lose confidence (at most 0.7)."""
    if not (code and named and code.value[:4] in BANKS and BANKS[code.value[:4]][0] != named.value):
        return False
    code.confidence_score = min(code.confidence_score, 0.7)
    named.confidence_score = min(named.confidence_score, 0.7)
    return True
