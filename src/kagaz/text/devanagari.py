"""Devanagari text as documents print it: native digits, the script's share of a text.

Marathi and Hindi records print numbers in either digit set, often both on one page (a typed
7/12 extract writes "१२३/२", a computerised one "123/2"). Values are returned with ASCII digits,
so that a survey number read from a 7/12 compares with the one on an Index II; letters stay as
printed.

>>> ascii_digits("स.नं. १२३/२, क्षेत्र ०.४०.५०")
'स.नं. 123/2, क्षेत्र 0.40.50'
>>> devanagari_share("गाव : कोथरूड  Village")
0.5625
"""

from __future__ import annotations

import re

__all__ = ["DEVANAGARI_DIGITS", "ascii_digits", "devanagari_share", "is_devanagari", "mend_letters", "mend_name",
           "mend_numbers"]

DEVANAGARI_DIGITS = "०१२३४५६७८९"
_TO_ASCII = str.maketrans(DEVANAGARI_DIGITS, "0123456789")
# A Latin "1", a bar or a bracket between two Devanagari digits: Tesseract's reading of the
# slash of "१२३/२" or "२०/१२/२०१२" (a Devanagari number has no Latin digit inside it).
_SLASH_AS_STROKE = re.compile(r"(?<=[०-९])(?:\s?[1|\]\[lI!]\s?|[()])(?=[०-९])")
# "२४०/ ३", "223 /4": a survey number's or a date's slash with a space OCR put beside it.
_SPACED_SLASH = re.compile(r"(?<=\d)\s+/\s*(?=\d)|(?<=\d)/\s+(?=\d)")


def ascii_digits(text: str) -> str:
    """``text`` with Devanagari digits (०–९) turned into ASCII digits; nothing else changes."""
    return text.translate(_TO_ASCII)


def mend_numbers(text: str) -> str:
    """``text`` with ASCII digits and the slashes of its numbers put right: a stroke read for
    the slash between Devanagari digits, spaces beside a slash between digits.

    >>> mend_numbers("दस्त क्रमांक : १५६०८]२०१२, दिनांक : २०|१२1२०१२")
    'दस्त क्रमांक : 15608/2012, दिनांक : 20/12/2012'
    >>> mend_numbers("सर्व्हे नंबर : २४०/ ३, स.नं. 223 /4, 1 12300000")
    'सर्व्हे नंबर : 240/3, स.नं. 223/4, 1 12300000'
    >>> mend_numbers("स.नं. ५६५)५, १) राम २) श्याम, (१५६५) १६१०")
    'स.नं. 565/5, 1) राम 2) श्याम, (1565) 1610'
    """
    return _SPACED_SLASH.sub("/", ascii_digits(_SLASH_AS_STROKE.sub("/", text)))


# Marathi's ळ is drawn as a ल (or a व) with a hook below: Tesseract often reads it as that
# letter joined to a ठ ("माल्ठेगाव" for "माळेगाव", "भाव्ठवणी" for "भाळवणी"), conjuncts no
# Marathi word writes.
_LLA_SPLIT = re.compile(r"[लव]्ठ")
# The Vedic stress mark (udatta, U+0951) is never written in Marathi: Tesseract gives it for the
# anusvara's dot ("स.न॑.", "न॑बर").
_UDATTA = "\u0951"


def mend_letters(text: str) -> str:
    """``text`` with Tesseract's misreadings of ``ळ`` as a conjunct and of the anusvara as a
    stress mark put right.

    >>> mend_letters("गाव : माल्ठेगाव"), mend_letters("भाव्ठवणी"), mend_letters("पाटील")
    ('गाव : माळेगाव', 'भाळवणी', 'पाटील')
    >>> mend_letters("स.न\u0951. ५६७/३") == "स.नं. ५६७/३"
    True
    """
    return _LLA_SPLIT.sub("ळ", text).replace(_UDATTA, "\u0902")


# An anusvara that no Marathi name writes: at a word's end ("सुनीलं"), or before a nasal consonant,
# whose own sound it would repeat ("सचिंन"). Tesseract reads one from a speck above the line on
# photocopies and photos.
_STRAY_ANUSVARA = re.compile(r"\u0902(?=$|\s|[नमण])")
# "-श्वर" (ज्ञानेश्वर, सोमेश्वर) is a suffix, never a word: Tesseract splits the name before its conjunct.
_SPLIT_ESHWAR = re.compile(r"(?<=[\u0900-\u0963])\s+(?=श्वर(?:\s|$))")


def mend_name(name: str) -> str:
    """A person's name in Devanagari with the anusvara OCR added where no name writes one removed,
    "-श्वर" that OCR split off its word joined back, and the virama of "ठ्ठ" OCR dropped put back.

    >>> mend_name("सुनीलं तानाजी गोडसे"), mend_name("सचिंन संभाजी गायकवाड"), mend_name("पांडुरंग शिंदे")
    ('सुनील तानाजी गोडसे', 'सचिन संभाजी गायकवाड', 'पांडुरंग शिंदे')
    >>> mend_name("संभाजी ज्ञाने श्वर पाटील"), mend_name("श्वेता विश्वास जोशी"), mend_name("सुरेखा विठठल गोडसे")
    ('संभाजी ज्ञानेश्वर पाटील', 'श्वेता विश्वास जोशी', 'सुरेखा विठ्ठल गोडसे')
    """
    name = _SPLIT_ESHWAR.sub("", _STRAY_ANUSVARA.sub("", name))
    # a doubled ठ is always written as the conjunct ठ्ठ (विठ्ठल); Tesseract often drops its virama
    return name.replace("ठठ", "ठ्ठ")


def is_devanagari(ch: str) -> bool:
    """A character of the Devanagari block (letters, signs, digits, dandas)."""
    return "\u0900" <= ch <= "\u097f"


def devanagari_share(text: str) -> float:
    """Share of the letters of ``text`` that are Devanagari (0.0 when it has no letters).

    >>> devanagari_share("Date of Birth"), devanagari_share("")
    (0.0, 0.0)
    """
    letters = [ch for ch in text if ch.isalpha() or is_devanagari(ch)]
    if not letters:
        return 0.0
    return round(sum(is_devanagari(ch) for ch in letters) / len(letters), 4)
