"""Form values cleaned up into field values: blanks dropped, spaces OCR lost put back, dates
whose separators were lost, the spacing of addresses.

What :func:`~kagaz.doctypes.forms.read_value` returns is the text as printed: :func:`text_value`
turns it into a field's text and confidence (a blank "NA" / "-" / "if any" is no value; a
business name's run-together words are split by :func:`split_joined`), :func:`loose_date` reads
"14102024" as a date, :func:`tidy_address` spaces commas and the dash before a PIN code.
"""

from __future__ import annotations

import datetime as dt
import re

from kagaz.doctypes.base import confidence
from kagaz.doctypes.forms import FormValue
from kagaz.model import TextLine

__all__ = ["loose_date", "split_joined", "text_value", "tidy_address"]


#: Words that end business names; OCR at low resolution runs them into the word before.
BUSINESS_WORDS = (
    "TRADERS", "TRADING", "ENTERPRISES", "ENTERPRISE", "ELECTRICALS", "ELECTRONICS", "HARDWARE",
    "TEXTILES", "ENGINEERING", "AGENCIES", "AGENCY", "INDUSTRIES", "FOODS", "MEDICAL",
    "MEDICALS", "STORES", "STORE", "GARMENTS", "STEELS", "STEEL", "AUTOMOBILES", "FURNITURE",
    "SOLUTIONS", "LOGISTICS", "PHARMA", "KIRANA", "MOTORS", "CATERERS", "PRINTERS", "PRIVATE",
    "LIMITED", "ASSOCIATES", "CORPORATION", "COMPANY", "SERVICES", "BROTHERS", "INDIA",
    "INTERNATIONAL", "EXPORTS", "IMPORTS", "CONSTRUCTIONS", "BUILDERS", "DEVELOPERS", "JEWELLERS",
    "CENTRE", "CENTER", "EMPORIUM", "TRAVELS", "TRANSPORT", "PLASTICS", "CHEMICALS",
    "FABRICATORS", "PACKAGING", "TECHNOLOGIES", "SYSTEMS", "VENTURES", "CREATIONS", "FASHIONS",
    "SWEETS", "RESTAURANT", "HOTEL", "CHARITABLE", "LLP",
)
_WORDS_RX = re.compile(r"^([A-Za-z]{3,}?)(" + "|".join(sorted(BUSINESS_WORDS, key=len, reverse=True)) + r")$",
                       re.IGNORECASE)


def split_joined(text: str) -> tuple[str, int]:
    """Put back spaces OCR dropped before common business words and between Title Case words;
    returns (text, spaces added).

    >>> split_joined("PATELGARMENTS")
    ('PATEL GARMENTS', 1)
    >>> split_joined("Sunrise Traders")
    ('Sunrise Traders', 0)
    >>> split_joined("Lakshmi RaniRathore")
    ('Lakshmi Rani Rathore', 1)
    """
    out, n = [], 0
    camel = re.sub(r"(?<=[a-z]{2})(?=[A-Z][a-z])", " ", text)  # "RaniRathore": Title Case run together
    n += camel.count(" ") - text.count(" ")
    for word in camel.split(" "):
        m = _WORDS_RX.match(word)
        while m and (word.isupper() or m.group(2)[0].isupper()):
            out.append(m.group(1))
            word, n = m.group(2), n + 1
            m = _WORDS_RX.match(m.group(1))
            if m:  # a second business word inside the first part ("SAIMEDICALSTORES")
                out[-1:] = [m.group(1), m.group(2)]
                n += 1
                m = None
        out.append(word)
    return " ".join(out), n


def loose_date(text: str) -> str | None:
    """A date whose separators OCR lost ("14/102024", "14102024"), as ``DD/MM/YYYY``.

    >>> loose_date("14/102024"), loose_date("1410/2024"), loose_date("14102024"), loose_date("2024")
    ('14/10/2024', '14/10/2024', '14/10/2024', None)
    """
    m = re.search(r"(?<![0-9])([0-9]{2})\s*[/\-.]?\s*([0-9]{2})\s*[/\-.]?\s*((?:19|20)[0-9]{2})(?![0-9])", text)
    if not m:
        return None
    try:
        day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return day.strftime("%d/%m/%Y")


_BLANK = re.compile(r"^(?:-+|N\.?A\.?|NIL|NONE|NOT\s*APPLICABLE|i[ftl]?\s*a[nm]y|if\s*applicable|of(?:\s*the)?)$",
                    re.IGNORECASE)


def text_value(v: FormValue | None, *, business: bool = False,
               latin: bool = False) -> tuple[str, float, TextLine | None] | None:
    """(text, confidence, first line) of a free-text value, or None when it is blank ("NA", "-",
    the "if any" of a wrapped label). ``business``: a name, whose spaces OCR dropped are put back
    (:func:`split_joined`, on scans only). ``latin``: an English-only form, where text in another
    script is the Devanagari reader's guess at noise and is dropped.

    >>> text_value(FormValue("SAI  TRADERS ,", [TextLine("x", 0.99, (0, 0, 1, 1))]))[:2]
    ('SAI TRADERS', 0.9504)
    >>> text_value(FormValue("N.A.", [TextLine("x", 0.99, (0, 0, 1, 1))])) is None
    True
    """
    if v is None:
        return None
    text = v.text
    if latin:
        text = re.sub(r"[^\x00-\x7F₹]+", " ", text)
        text = re.sub(r"(?:\s*[/|])+\s*$", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:*")
    letters = len(re.findall(r"[^\W\d_]", text))
    if letters < 2 or _BLANK.match(text) or letters < 0.55 * len(text.replace(" ", "")):
        return None  # blank, or noise ("॥॥७ ।१00#॥")
    conf = _confidence(v.score) - 0.03 * (len(v.lines) - 1)
    if business and any(ln.source != "pdf" for ln in v.lines):
        text, splits = split_joined(text)
        conf = min(conf, 0.85) if splits else conf
    if any(len(w) >= 16 for w in text.split()):  # words run together by the OCR
        conf = min(conf, 0.6)
    return text, round(max(0.05, conf), 4), v.line


def _confidence(score: float) -> float:
    return confidence(score, free_text=True)


def tidy_address(text: str) -> str:
    """Spacing OCR loses or adds around commas and the dash before a PIN code.

    >>> tidy_address("MG Road ,Kochi, Kerala -687644")
    'MG Road, Kochi, Kerala - 687644'
    """
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r"(?<=[A-Za-z.])\s*[-–]\s*(?=[1-9][0-9]{2}\s?[0-9]{3}$)", " - ", text).strip(" ,")

