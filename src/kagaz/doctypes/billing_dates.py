"""Dates on bills, invoices and business letters, as ``DD/MM/YYYY``, and the date after a label.

Indian bills print day first (``05/04/2024``, ``5.4.24``, Tally's ``6-Jan-24``); invoices from
cloud tools and foreign suppliers print ``Apr 1, 2024``, ``April 1st, 2024``, ``1st April 2024``
or ISO ``2024-04-01``. Month names and a four-digit year first are unambiguous; a bare
``04/01/2024`` is read day first, as Indian documents print it (``11/15/2019``, which can
only be month first, is read so). French, German, Dutch, Spanish and Italian month names are
understood ("7. Mai 2014", "02 Juillet 2015").

>>> [date_in(t) for t in ("Apr 1, 2024", "April 1st, 2024", "1st April 2024", "2024-04-01")]
['01/04/2024', '01/04/2024', '01/04/2024', '01/04/2024']
>>> date_in("Dated 6-Jan-24"), date_in("Mar 16th 2024, 6:08 PM"), date_in("INV/24-25/3393")
('06/01/2024', '16/03/2024', None)
>>> date_in("7. Mai 2014"), date_in("du 02 Juillet 2015"), date_in("11/15/2019"), date_in("03/04/2023")
('07/05/2014', '02/07/2015', '15/11/2019', '03/04/2023')
"""

from __future__ import annotations

import re

from kagaz.model import TextLine
from kagaz.text.dates import parse_date
from kagaz.text.layout import Layout

__all__ = ["date_in", "labelled_date"]

_MON_DATE = re.compile(r"(?<![0-9A-Za-z])(\d{1,2})[\s\-/.]*([A-Za-z]{3,9})[\s\-/.,']*(\d{2})(?!\d)")
# Month names of the European invoices kagaz meets (French, German, Dutch, Spanish, Italian).
_FOREIGN_MONTHS = {
    "Jan": "janvier janv januar jänner januari enero gennaio", "Feb": "février fevrier févr februar februari "
    "febrero febbraio", "Mar": "mars märz maerz maart marzo", "Apr": "avril abril aprile", "May": "mai mei mayo "
    "maggio", "Jun": "juin juni junio giugno", "Jul": "juillet juil juli julio luglio", "Aug": "août aout "
    "augustus agosto", "Sep": "septembre septiembre settembre", "Oct": "octobre oktober octubre ottobre",
    "Nov": "novembre noviembre", "Dec": "décembre decembre dezember diciembre dicembre"}
_FOREIGN = {w: en for en, words in _FOREIGN_MONTHS.items() for w in words.split()}
_FOREIGN_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(" + "|".join(sorted(_FOREIGN, key=len, reverse=True))
                           + r")\.?,?\s*(\d{4})(?!\d)", re.I)
_MONTH_DAY = re.compile(r"(?<![\d/.])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.])")


def date_in(text: str) -> str | None:
    """The first date in ``text``: every form ``parse_date`` reads (day first, month first
    "Apr 1, 2024", ordinals "1st April", ISO ``2024-04-01``), European month names, US
    "11/15/2019" where only month first fits, and two-digit-year "6-Jan-20"."""
    t = _FOREIGN_DATE.sub(lambda m: f"{m.group(1)} {_FOREIGN[m.group(2).lower()]} {m.group(3)}", text)
    d = parse_date(t)
    if d:
        return d
    m = _MONTH_DAY.search(t)  # "11/15/2019": no 15th month, so month first (US)
    if m and int(m.group(1)) <= 12 < int(m.group(3)) <= 31:
        return parse_date(f"{m.group(3)}/{m.group(1)}/{m.group(4)}")
    m = _MON_DATE.search(t)
    if m:
        return parse_date(f"{m.group(1)} {m.group(2)[:3]} 20{m.group(3)}")
    return None


def labelled_date(layout: Layout, labels: list[re.Pattern[str]]) -> tuple[str, TextLine] | None:
    """The date after the first label (in priority order) that has one: same line, right, below."""
    for rx in labels:
        for anchor in layout.find(rx):
            m = rx.search(anchor.text)
            cands = [(anchor.text[m.end():] if m else "", anchor)]
            right = layout.right_of(anchor, max_gap=anchor.height * 45)[:3]
            cands += [(ln.text, ln) for ln in right[:2]]
            if len(right) > 1:  # "Jan 1" | "2022": one date drawn in pieces
                cands.append((" ".join(ln.text for ln in right), right[0]))
            cands += [(ln.text, ln) for ln in layout.below(anchor, max_lines=2)]
            for text, line in cands:
                d = date_in(text)
                if d:
                    return d, line
    return None
