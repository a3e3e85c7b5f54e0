"""What a NACH / ACH mandate's boxes hold, read from lines: digits written one per box, the
ticked option of a row of choices, dates in ``D D M M Y Y Y Y`` boxes, the UMRN.

A mandate is a form of boxes: the account number, the IFSC, the MICR code and the dates are
written one character per box, so a reader returns them spaced ("5 0 1 0 0 1 2 3"); the
frequency and the debit type are a row of printed options of which one is ticked (a mark in
the box before it: "X", "✓", "√", a filled "■", or a bracket "[X]").

>>> boxed_digits("5 0 1 0 0 1 2 3 4 5 6 7")
'501001234567'
>>> boxed_date("2 4 0 3 2 0 2 5"), boxed_date("24/03/2025"), boxed_date("D D M M Y Y Y Y")
('24/03/2025', '24/03/2025', None)
>>> umrn_in("UMRN HDFC 7021 8072 3003 4086"), umrn_valid("HDFC7021807230034086"), umrn_valid("HDFC70218")
('HDFC7021807230034086', True, False)
>>> ticked("Frequency  X Mthly  Qtly  H-Yrly  Yrly  As & when presented", FREQUENCIES)
'monthly'
>>> ticked("Frequency  Mthly  Qtly  H-Yrly  Yrly  As & when presented", FREQUENCIES) is None
True
>>> ticked("Frequency : Quarterly", FREQUENCIES)
'quarterly'
"""

from __future__ import annotations

import re

from kagaz.text.dates import parse_date
from kagaz.text.repair import coerce

__all__ = ["DEBIT_TYPES", "FREQUENCIES", "boxed_date", "boxed_digits", "mark_alone", "ticked", "umrn_in",
           "umrn_valid"]

#: NPCI's mandate form prints the frequencies abbreviated ("Mthly", "Qtly", "H-Yrly", "Yrly",
#: "As & when presented"); lenders' forms spell them out. Value -> pattern.
# Word edges that also hold where the reader ran two options together ("H-YrlyYrly"): a
# lower-case letter followed by a capital starts a word.
_B0 = r"(?-i:(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z])))"
_B1 = r"(?-i:(?![a-z]))"
FREQUENCIES: dict[str, re.Pattern[str]] = {
    key: re.compile(_B0 + f"(?:{pattern})" + _B1, re.I) for key, pattern in {
        "half_yearly": r"H(?:ALF)?\s*[-/.]?\s*Y(?:EA)?R?LY|HALF\s*YEARLY",
        "monthly": r"M(?:ON)?THLY|MTHLY|MLY",
        "quarterly": r"Q(?:UAR)?T(?:E)?R?LY|QTLY|QUARTERLY",
        "yearly": r"(?<![-/.H]\s)(?<![-/.H])(?:Y(?:EA)?RLY|ANNUAL(?:LY)?)",
        "daily": r"DAILY",
        "weekly": r"WEEKLY",
        "as_presented": r"AS\s*(?:&|AND)\s*WHEN\s*PRESENTED|AS\s*PRESENTED|ADHO",
    }.items()
}
DEBIT_TYPES: dict[str, re.Pattern[str]] = {
    "fixed": re.compile(r"\bFIXED\s*AMOUNT\b", re.I),
    "maximum": re.compile(r"\bMAX(?:IMUM)?\.?\s*AMOUNT\b", re.I),
}
# A tick as a reader leaves it: a lone X / x / ✓ / ✔ / √ / ☑ / ■ / ● / V, or one in brackets.
_MARK = re.compile(r"(?:^|\s|[\[(|])(?:[Xx✓✔√☑☒■●]|V)(?:[\])|]|\s*$)\s*$")
_MARK_LEFT = re.compile(r"^\s*[\[(|]?\s*[Xx✓✔√☑☒■●V]\s*[\])|]?\s*$")
_UMRN = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{4})\s?((?:[0-9OIlSBZ]\s?){16})(?![A-Z0-9])")


def boxed_digits(text: str) -> str:
    """The digits of ``text`` with the spaces between one-per-box digits removed."""
    return re.sub(r"(?<=\d)[\s|]+(?=\d)", "", text)


def boxed_date(text: str) -> str | None:
    """A date written in boxes (``2 4 0 3 2 0 2 5``, ``24 03 2025``) or printed (``24/03/2025``)."""
    found = parse_date(text)
    if found:
        return found
    digits = re.sub(r"[\s|]+", "", text)
    m = re.search(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)", digits)
    if m:
        return parse_date(f"{m.group(1)}/{m.group(2)}/{m.group(3)}")
    return None


def umrn_in(text: str) -> str | None:
    """A UMRN in ``text``: the sponsor bank's four letters and sixteen digits (look-alike
    letters among the digits put back)."""
    for m in _UMRN.finditer(text.upper()):
        head = coerce(m.group(1), "AAAA")
        tail = coerce(m.group(2).replace(" ", ""), "9" * 16)
        if head and tail and head[1] + tail[1] <= 2:
            return head[0] + tail[0]
    return None


def umrn_valid(value: str | None) -> bool:
    """NPCI's UMRN shape: 20 characters, the sponsor bank's 4-letter code then 16 digits."""
    return bool(re.fullmatch(r"[A-Z]{4}\d{16}", value or ""))


def ticked(text: str, options: dict[str, re.Pattern[str]]) -> str | None:
    """The one option of ``text`` with a mark right before it; or, where ``text`` names one
    option alone ("Frequency : Monthly", a lender's printed form), that option."""
    spans = sorted((m.start(), m.end(), key) for key, rx in options.items()
                   for m in rx.finditer(text))
    kept: list[tuple[int, int, str]] = []
    for s in spans:  # "H-Yrly" also reads as "Yrly": keep the longer, earlier match
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    if not kept:
        return None
    marked = {key for start, _, key in kept if _MARK.search(text[max(0, start - 6):start])}
    if len(marked) == 1:
        return marked.pop()
    keys = {key for _, _, key in kept}
    if len(keys) == 1 and not marked:
        return keys.pop()
    return None


def mark_alone(text: str) -> bool:
    """A line that is only a tick (a box the reader read apart from its option)."""
    return bool(_MARK_LEFT.match(text))
