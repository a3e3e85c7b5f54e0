"""OCR repairs of bank-statement rows: what small or blurred print is misread as, put back
where the statement itself says what was printed. OCR rows only: a text layer's values are what
the file says, and a tampered digital statement must stay visibly broken.

* narrations: the fixed vocabulary of Indian narrations (payment rails, bank codes, NPCI's UPI
  handles), look-alike digits in capitalised words, the "/" and "I" of "UPI/DR/" lost or misread
  (:func:`repair_narration`), and words the statement prints correctly elsewhere
  (:func:`harmonise_narrations`, :mod:`kagaz.text.consensus`);
* amounts and balances: a lost decimal point (:func:`repoint`), a balance one or two digits off
  that the next row pins down (:func:`misread_balance`, :func:`balances_from_later_rows`), an
  amount and a balance both misread (:func:`solve_from_next`);
* dates: a garbled date only one date between its neighbours fits (:func:`recover_dates`).

See docs/document-types/bank_statement.md ("OCR repairs").
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from kagaz.doctypes.statement_text import Row
from kagaz.text.amounts import to_decimal
from kagaz.text.consensus import harmonise
from kagaz.text.repair import DIGIT_LOOKALIKES, TO_LETTER

__all__ = ["as_date", "balances_from_later_rows", "harmonise_narrations", "misread_balance",
           "next_row", "recover_dates", "repair_narration", "repoint", "solve_from_next",
           "suspect"]


# -- narrations ----------------------------------------------------------------------------------
def repair_narration(text: str) -> str:
    """OCR reads "l" as "I" inside lower-case words ("amit@axI"): put it back.

    >>> repair_narration("UPI/DR/123/AMIT NAIR/PYTM/amit@axI/Payment")
    'UPI/DR/123/AMIT NAIR/PYTM/amit@axl/Payment'
    >>> repair_narration("P0S 4321XXXXXX0123 J0SHI NEFT-HDFC0001234 HDFC0CAGSBK")
    'POS 4321XXXXXX0123 JOSHI NEFT-HDFC0001234 HDFC0CAGSBK'
    >>> repair_narration("UP1/DR/925340983328/SWIGGY/1CIC/swiggy@paytm UPL/CR/1")
    'UPI/DR/925340983328/SWIGGY/ICIC/swiggy@paytm UPI/CR/1'
    >>> repair_narration("UP/DR/473121941303/IMRAN NATH GILL/PYTM/imran@upi/Payment")
    'UPI/DR/473121941303/IMRAN NATH GILL/PYTM/imran@upi/Payment'
    >>> repair_narration("UPVDR/173500377219/DMART/UTIB/dmart@ibl/Payment")
    'UPI/DR/173500377219/DMART/UTIB/dmart@ibl/Payment'
    >>> repair_narration("UPIDR/254489552047/AMAZON PAY/UTIB/amazon@okaxis/Payment")
    'UPI/DR/254489552047/AMAZON PAY/UTIB/amazon@okaxis/Payment'
    >>> repair_narration("CHQPAID-MICR CTS-MU-ARJUN LAL JAIN")
    'CHQ PAID-MICR CTS-MU-ARJUN LAL JAIN'
    >>> repair_narration("UPI/CR/8967/SHALIN1 QURESHI/SBIN/shalini62@ oksbi POS 4891 BE5COM")
    'UPI/CR/8967/SHALINI QURESHI/SBIN/shalini62@oksbi POS 4891 BESCOM'
    >>> [repair_narration(t) for t in ("t66s UPI/DR/7419/X", "SUPI/DR/6190/Y", "TO TRANSFER-UPI/DR/1")]
    ['UPI/DR/7419/X', 'UPI/DR/6190/Y', 'TO TRANSFER-UPI/DR/1']
    >>> repair_narration("UPI/DR/3721/JI0 PREPAID/PYTMjio@okhdfcbank/Payment HDFC0001234")
    'UPI/DR/3721/JIO PREPAID/PYTM/jio@okhdfcbank/Payment HDFC0001234'
    >>> repair_narration("UPI/DR/2553/DMART/YESB/dmart@paytmVPayment")
    'UPI/DR/2553/DMART/YESB/dmart@paytm/Payment'
    >>> repair_narration("UPI/DR/47333S314037/X NEFT-ICICN8191579B5702-Y POS 4172XXXXXX8574")
    'UPI/DR/473335314037/X NEFT-ICICN819157985702-Y POS 4172XXXXXX8574'
    >>> repair_narration("POS435874XXXXXX2958 SWIGGY")
    'POS 435874XXXXXX2958 SWIGGY'
    >>> repair_narration("UPI/DR/6988/APOLLO/ICIC/apollo&@axl/Payment MH12 AB15")
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


def suspect(description: str) -> bool:
    """A narration with look-alike mix-ups OCR makes ("SW1GGY", "976077178S22"): not to be
    trusted fully, even when the row reconciles."""
    return bool(_SUSPECT.search(description))


# -- amounts and balances ----------------------------------------------------------------------
def repoint(amount: Any, change: Any, *, debit: bool) -> Any:
    """The amount the balances call for, when it has the same digits as the one read: OCR lost
    or misplaced the decimal point ("69.91" read as "6991"). None otherwise.

    >>> from decimal import Decimal as D
    >>> repoint(D("6991.00"), D("-69.91"), debit=True), repoint(D("6991.00"), D("-70.00"), debit=True)
    (Decimal('69.91'), None)
    """
    wanted = -change if debit else change
    if amount is None or wanted <= 0 or wanted == amount:
        return None
    digits = [f"{v:.2f}".replace(".", "").lstrip("0").rstrip("0") for v in (amount, wanted)]
    return wanted if digits[0] and digits[0] == digits[1] else None


def next_row(items: list[tuple[Any, ...]], order: range, k: int) -> dict[str, Any] | None:
    """The transaction after item ``k`` in the order rows are reconciled."""
    at = order.index(k) + 1
    return items[order[at]][1] if at < len(order) else None


def _balance_before(tx: dict[str, Any]) -> Decimal | None:
    """The balance a transaction's own balance and amounts say came before it."""
    bal = to_decimal(tx["balance"])
    if bal is None:
        return None
    return bal - (to_decimal(tx["credit"]) or 0) + (to_decimal(tx["debit"]) or 0)


def misread_balance(read: Any, expected: Any, following: dict[str, Any] | None) -> bool:
    """Whether a balance that breaks the arithmetic is an OCR misreading of the one the
    arithmetic calls for: a digit or two apart, and the next row reconciles from the expected
    balance (so the row's amounts are right and only the balance was misread).

    >>> from decimal import Decimal as D
    >>> nxt = {"debit": "100.00", "credit": None, "balance": "209519.36"}
    >>> misread_balance(D("209519.36"), D("209619.36"), nxt | {"balance": "209519.36"})
    True
    >>> misread_balance(D("209519.36"), D("209619.36"), nxt | {"balance": "209419.36"})
    False
    """
    if read is None or following is None or _balance_before(following) != expected:
        return False
    return _digits_near(read, expected)


def balances_from_later_rows(items: list[tuple[Any, ...]], order: range) -> set[int]:
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


def solve_from_next(prev: Any, amount: Any, balance: Any, following: dict[str, Any] | None,
                     *, debit: bool) -> tuple[Any, Any] | None:
    """The (amount, balance) of a row whose amount and balance OCR both misread, when the
    previous balance and the next row pin them down and both readings are near them.

    >>> from decimal import Decimal as D
    >>> nxt = {"debit": "10.00", "credit": None, "balance": "84289.68"}
    >>> solve_from_next(D("84419.77"), D("12009"), D("8429368"), nxt, debit=True)
    (Decimal('120.09'), Decimal('84299.68'))
    >>> solve_from_next(D("84419.77"), D("500.00"), D("8429368"), nxt, debit=True) is None
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


# -- narrations by consensus, dates ------------------------------------------------------------
def harmonise_narrations(rows: list[Row], out: list[dict[str, Any]]) -> None:
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


@lru_cache(maxsize=4096)
def as_date(value: str) -> dt.date:
    """A ``DD/MM/YYYY`` value as a date."""
    # Cached: strptime is slow, and a statement's rows share a few hundred dates.
    return dt.datetime.strptime(value, "%d/%m/%Y").date()


def _date_distance(read: str, printed: str) -> tuple[int, int]:
    """Edits from ``printed`` to ``read``, then (to break ties) how little of either end agrees:
    OCR keeps the ends of a date more often than its middle."""
    ends = len(os.path.commonprefix([read, printed])) + len(
        os.path.commonprefix([read[::-1], printed[::-1]]))
    return Levenshtein.distance(read, printed), -ends


def recover_dates(rows: list[Row], out: list[dict[str, Any]], order: range,
                   period: tuple[str, str] | None = None) -> None:
    """A transaction date OCR garbled ("20-2225") is recovered from its neighbours: of the dates
    between the transactions before and after it (the statement period's first or last day at
    either end), printed the way the page prints dates, the one nearest to what was read, when
    it is clearly nearest. A date read with one wrong character ("08-05-2021" between
    05-06-2021 and 19-06-2021) is put right the same way, when exactly one date between its
    neighbours is one character away. OCR rows only."""
    seq = list(order)
    bounds = [as_date(p) for p in period] if period else None

    def when(i: int | None, end: int) -> dt.date | None:
        if i is not None:
            return as_date(out[i]["date"])
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
                    == as_date(out[i]["date"]).strftime(f).lower()), None)
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
