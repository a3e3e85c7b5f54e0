"""Dates as printed on Indian documents, normalised to ``DD/MM/YYYY``.

>>> parse_date("17/04/1988")
'17/04/1988'
>>> parse_date("DOB: 1-4-1988")
'01/04/1988'
>>> parse_date("17.04.88")
'17/04/1988'
>>> parse_date("30,11.2022")
'30/11/2022'
>>> parse_date("14 JUN 2019")
'14/06/2019'
>>> parse_date("31/02/2001") is None
True
>>> parse_date("2024-04-01"), parse_date("Apr 01, 2024"), parse_date("12th March 2023")
('01/04/2024', '01/04/2024', '12/03/2023')
>>> parse_date("2024/04/01"), parse_date("Mar 16th 2024, 6:08 PM")
('01/04/2024', '16/03/2024')
>>> parse_date("September 5th, 2021"), parse_date("Box 12, 2023"), parse_date("August 3 , 2014")
('05/09/2021', None, '03/08/2014')
>>> parse_date("15 0CT 2020"), parse_date("01 N0V 1999"), parse_date("12 0 2020")
('15/10/2020', '01/11/1999', None)
>>> find_dates("Issue 01/02/2010 Valid Till 31-12-2031")
['01/02/2010', '31/12/2031']
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DATE_RE", "find_dates", "is_plausible_birth", "parse_date", "to_date"]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    )
}
_SEP = r"[/\-.,\s]{1,2}"  # commas: OCR reads "30.11.2022" as "30,11.2022"
# OCR may read a 0 as O or a 1 as I/l inside dates; the digit classes below tolerate that.
_D = r"[0-9OoIl]"
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_ORDINAL = r"(?i:st|nd|rd|th)?"
# A month's name as OCR may read it: an O read as a zero ("15 0CT 2020", "N0V"), once.
_MONTH_OCR = r"[A-Za-z]{3}|0[A-Za-z]{2}|[A-Za-z]0[A-Za-z]"
# Day-month-year (India's order, numeric or with the month's name, "12th March 2023"); then the
# orders invoices and statements from elsewhere print: ISO "2024-04-01", "Apr 01, 2024".
DATE_RE = re.compile(
    rf"(?<![0-9A-Za-z])({_D}{{1,2}}){_SEP}({_D}{{1,2}}){_SEP}({_D}{{4}}|{_D}{{2}})(?![0-9])"
    rf"|(?<![0-9A-Za-z])({_D}{{1,2}}){_ORDINAL}[\s\-/.]*(?:of\s+)?({_MONTH_OCR})[A-Za-z]*[\s\-/.,]*({_D}{{4}})(?![0-9])"
    rf"|(?<![0-9A-Za-z/.\-])((?:19|20)[0-9]{{2}})[-/.]([0-9]{{1,2}})[-/.]([0-9]{{1,2}})(?![0-9/.\-])"
    rf"|(?<![A-Za-z])({_MONTH})[A-Za-z]*\.?\s*({_D}{{1,2}}){_ORDINAL}\s*,?\s*({_D}{{4}})(?![0-9])"
)


def _digits(s: str) -> str:
    return s.translate(str.maketrans("OoIl", "0011"))


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        # Two-digit years on IDs: 00–(this year) are 2000s, the rest 1900s.
        n += 2000 if n <= dt.date.today().year % 100 else 1900
    return n


def to_date(text: str, *, month_first: bool = False) -> dt.date | None:
    """The first valid date in ``text`` as a :class:`datetime.date`; ``month_first`` reads
    numeric dates as the United States prints them (``04/24/1976``).

    >>> to_date("DOB 04/24/1976", month_first=True)
    datetime.date(1976, 4, 24)
    """
    for m in DATE_RE.finditer(text):
        try:
            if m.group(1) is not None:
                d, mo, y = int(_digits(m.group(1))), int(_digits(m.group(2))), _digits(m.group(3))
                if month_first:
                    d, mo = mo, d
            elif m.group(7) is not None:
                y, mo, d = m.group(7), int(m.group(8)), int(m.group(9))
            else:
                named = (4, 5, 6) if m.group(4) is not None else (11, 10, 12)
                d, y = int(_digits(m.group(named[0]))), _digits(m.group(named[2]))
                mon = _MONTHS.get(m.group(named[1])[:3].upper().replace("0", "O"))
                if mon is None:
                    continue
                mo = mon
            return dt.date(_year(y), mo, d)
        except ValueError:
            continue
    return None


def parse_date(text: str, *, month_first: bool = False) -> str | None:
    """The first valid date in ``text`` as ``DD/MM/YYYY``, or None."""
    d = to_date(text, month_first=month_first)
    return d.strftime("%d/%m/%Y") if d else None


def find_dates(text: str) -> list[str]:
    """Every valid date in ``text``, in order, as ``DD/MM/YYYY``."""
    out = []
    for m in DATE_RE.finditer(text):
        d = parse_date(m.group(0))
        if d:
            out.append(d)
    return out


def is_plausible_birth(value: str, *, today: dt.date | None = None) -> bool:
    """A date of birth between 120 years ago and today.

    >>> is_plausible_birth("01/01/1990")
    True
    >>> is_plausible_birth("01/01/2999")
    False
    """
    d = to_date(value)
    if d is None:
        return False
    today = today or dt.date.today()
    return today.replace(year=today.year - 120) <= d <= today
