"""Dates as bank statements print them, read as ``DD/MM/YYYY``.

Numeric day first (``01/04/2024``, ``01-04-24``, ``01.04.2024``), the month's name
(``01 Apr 2024``, ``01-Apr-24``, ``1 April 2024``, ``01/Apr/2024``), the month's name first
(``Apr 01, 2024``, ``April 1, 2024``, ``June30, 2025``) and year first (``2024-04-01``,
``2024/04/01``). OCR's look-alikes are forgiven where they cannot make another date: ``0ct``
for ``Oct``, ``Jum`` for ``Jun``, ``12102/2021`` (a slash read as 1) for ``12/02/2021``.

>>> find_any_dates("Period 01 Apr 24 to 30-Jun-2024, printed 2024-07-01")
['01/04/2024', '30/06/2024', '01/07/2024']
>>> find_any_dates("13 0ct 2021"), find_any_dates("12102/2021"), find_any_dates("121/02/2021")
(['13/10/2021'], ['12/02/2021'], [])
>>> find_any_dates("Statement from1 Jun 2022 to 30 Nov 2022")
['01/06/2022', '30/11/2022']
>>> find_any_dates("Period: Apr 01, 2024 to April 30, 2024 (printed June30, 2025)")
['01/04/2024', '30/04/2024', '30/06/2025']
>>> find_any_dates("2024/04/01"), find_any_dates("MG Marg 12, 2024"), find_any_dates("Sector 4, 2024")
(['01/04/2024'], [], [])
>>> is_date("Apr 01, 2024"), is_date("01 Apr 2024"), is_date("01 Apr 2024 ATM")
(True, True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["MONTHS", "find_any_dates", "is_date", "month_number"]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_FULL = {name: i + 1 for i, name in enumerate(
    "january february march april may june july august september october november "
    "december".split())} | {"sept": 9}
_D = r"[0-9OoIl]"
#: OCR look-alikes in month names: "0ct", "Jum" (n read as m), "Ju1"/"Jui" (l read as 1 or i),
#: "5ep", "Dee" (c read as e), "Au9"
_MON_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "9": "g"})
_MON_SWAPS = (("m", "n"), ("i", "l"), ("e", "c"), ("rn", "m"), ("n", "m"), ("v", "y"))


def month_number(word: str) -> int | None:
    """The month a three-letter (or longer) month word names, forgiving one OCR look-alike.

    >>> [month_number(w) for w in ("Oct", "0ct", "Jum", "Ju1", "Jui", "Dee", "5ep", "Jux", "Mav")]
    [10, 10, 6, 7, 7, 12, 9, None, 5]
    """
    low = word[:3].lower().translate(_MON_LOOKALIKES)
    if low in MONTHS:
        return MONTHS[low]
    found = {MONTHS[c] for a, b in _MON_SWAPS for c in _swaps(low, a, b) if c in MONTHS}
    return found.pop() if len(found) == 1 else None


def _swaps(word: str, a: str, b: str) -> list[str]:
    return [word[:i] + b + word[i + len(a):] for i in range(len(word)) if word.startswith(a, i)]


_DATE_RE = re.compile(
    rf"(?<![0-9A-Za-z/])(?P<d>{_D}{{1,2}})[/\-.](?P<m>{_D}{{1,2}})[/\-.](?P<y>{_D}{{4}}|{_D}{{2}})(?![0-9/])"
    rf"|(?<![0-9])(?P<d2>(?:(?<![A-Za-z])[OoIl]|[0-9]){_D}?)[\s\-/.]{{0,2}}(?P<mon>[A-Za-z05][A-Za-z][A-Za-z1][A-Za-z]{{0,6}})\.?[\s\-/.,]{{0,2}}"
    r"(?P<y2>\d{4}|\d{2})(?![0-9])"
    r"|(?<![0-9/])(?P<iy>(?:19|20)\d\d)(?P<sep>[-/])(?P<im>\d{2})(?P=sep)(?P<id>\d{2})(?![0-9/])"
    r"|(?<![A-Za-z])(?P<mon3>[A-Za-z]{3,9})\.?\s?(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s?(?P<y3>\d{4})(?![0-9])"
)
_FIX = str.maketrans("OoIl", "0011")


def _year(y: str, this_year: int) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n <= (this_year % 100) + 1 else 1900
    return n


_SLASH_AS_ONE = re.compile(r"(?<![0-9/])([0-3]\d)1([01]\d)/((?:19|20)\d\d)(?![0-9])"
                          r"|(?<![0-9/])([0-3]\d)/([01]\d)1((?:19|20)\d\d)(?![0-9])")


def _date(m: re.Match[str], this_year: int) -> dt.date | None:
    try:
        if m.group("d") is not None:
            return dt.date(_year(m.group("y").translate(_FIX), this_year), int(m.group("m").translate(_FIX)),
                           int(m.group("d").translate(_FIX)))
        if m.group("d2") is not None:
            mon = month_number(m.group("mon"))
            if mon is None or (len(m.group("mon")) > 3 and not m.group("mon").isalpha()):
                return None
            return dt.date(_year(m.group("y2"), this_year), mon, int(m.group("d2").translate(_FIX)))
        if m.group("iy") is not None:
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        # the month's name first: only the real names, never a look-alike ("Marg 12, 2024")
        word = m.group("mon3").lower()
        mon = MONTHS.get(word) if len(word) == 3 else _FULL.get(word)
        return dt.date(int(m.group("y3")), mon, int(m.group("d3"))) if mon else None
    except ValueError:
        return None


def find_any_dates(text: str, *, spans: bool = False) -> list:  # type: ignore[type-arg]
    """Every date in ``text`` as DD/MM/YYYY (with ``spans``: (date, start, end) tuples)."""
    found = _scan(text, dt.date.today().year)
    return list(found) if spans else [value for value, _, _ in found]


@lru_cache(maxsize=16384)
def _scan(text: str, this_year: int) -> tuple[tuple[str, int, int], ...]:
    # Cached: a statement's table reader asks about the same cell several times (placing it,
    # starting a row, reading the row). Two-digit years are read against this year, so it is
    # part of the key.
    if "1" in text and not _DATE_RE.search(text):
        text = _SLASH_AS_ONE.sub(lambda m: "/".join(g for g in m.groups() if g), text)
    out = []
    for m in _DATE_RE.finditer(text):
        d = _date(m, this_year)
        if d is not None:
            out.append((d.strftime("%d/%m/%Y"), m.start(), m.end()))
    return tuple(out)


def is_date(text: str) -> bool:
    """Is ``text`` one date and nothing else (a date cell)?"""
    t = text.strip()
    found = find_any_dates(t, spans=True)
    return len(found) == 1 and found[0][1] == 0 and found[0][2] == len(t)
