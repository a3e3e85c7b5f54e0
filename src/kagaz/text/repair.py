"""Repair OCR confusions in identifiers whose character classes are known by position.

A PAN is five letters, four digits, one letter. When OCR reads ``ABCDE1Z34F`` we know the 7th
character must be a digit and ``Z`` is a common misreading of ``2``. ``coerce`` applies such
substitutions position by position, and reports how many it made so callers can lower confidence.

>>> coerce("ABCDEI234F", "AAAAA9999A")
('ABCDE1234F', 1)
>>> coerce("0XRPS4821K", "AAAAA9999A")
('OXRPS4821K', 1)
>>> coerce("ABC", "AAAA") is None
True
"""

from __future__ import annotations

import re

__all__ = ["DIGIT_LOOKALIKES", "TO_DIGIT", "TO_LETTER", "coerce", "only_alnum"]

TO_DIGIT = {
    "O": "0", "Q": "0", "D": "0", "U": "0", "C": "0",
    "I": "1", "L": "1", "J": "1", "T": "1", "|": "1", "!": "1",
    "Z": "2", "S": "5", "B": "8", "G": "6", "A": "4", "E": "8", "Y": "4", "H": "4",
}
TO_LETTER = {
    "0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T", "3": "B",
    "9": "G",
}
#: the letters OCR reads for digits inside printed numbers (amounts, references), for
#: ``str.translate``: "521.S0", "47333S314037", "1,2O4.00"
DIGIT_LOOKALIKES = str.maketrans("SOoIlB", "500118")


_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")


def only_alnum(text: str) -> str:
    """Upper-case letters and digits only.

    >>> only_alnum(" ab-12 3 ")
    'AB123'
    """
    # upper-cased first, ASCII letters and digits are exactly A-Z and 0-9 (a regex: a statement's
    # whole text is flattened this way, character by character in Python it took a tenth of a second)
    return _NOT_ALNUM.sub("", text.upper())


def coerce(text: str, pattern: str) -> tuple[str, int] | None:
    """Force ``text`` into ``pattern`` (``A`` letter, ``9`` digit, ``X`` either, other = literal).

    Returns the repaired text and the number of substitutions, or None if the lengths differ or
    a character cannot be mapped.
    """
    if len(text) != len(pattern):
        return None
    out, fixes = [], 0
    for ch, want in zip(text.upper(), pattern):
        if want == "9":
            if ch.isdigit():
                out.append(ch)
            elif ch in TO_DIGIT:
                out.append(TO_DIGIT[ch])
                fixes += 1
            else:
                return None
        elif want == "A":
            if ch.isalpha() and ch.isascii():
                out.append(ch)
            elif ch in TO_LETTER:
                out.append(TO_LETTER[ch])
                fixes += 1
            else:
                return None
        elif want == "X":
            if not (ch.isascii() and ch.isalnum()):
                return None
            out.append(ch)
        else:
            if ch != want:
                return None
            out.append(ch)
    return "".join(out), fixes
