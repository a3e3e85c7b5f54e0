"""One document's own words as its OCR dictionary.

A statement names the same merchants, handles and bank codes again and again ("BESCOM",
"dmart@upi", "ICIC"). When OCR misreads one occurrence ("BE5COM", "dlmart", "ICiC") and reads
the others right, the odd one out is put back to the word the document itself prints more
often. Only a word read once is changed, only towards a single word read at least twice, and
only by letter case or by one edit OCR is known to make: a look-alike pair ("l" for "i", "d"
for "o", "5" for "s") or a thin stroke added or lost inside the word. An edit that could make
another real word ("KUMARI" and "KUMAR", "ANKITA" and "ANITA", "SUNIT" and "SUNIL", "AMITA"
and "ANITA") is not one of those, so distinct names stay distinct. Words with more than one
digit (references, amounts, account numbers) are never touched.

>>> harmonise(["BESCOM BILL", "BESCOM/UTIB/bescom@upi", "POS 4891 BE5COM", "besCom@upi"])
['BESCOM BILL', 'BESCOM/UTIB/bescom@upi', 'POS 4891 BESCOM', 'bescom@upi']
>>> harmonise(["UPI/DR/1/DMART/ICIC/dmart@upi", "DMART/ICIC", "DMART/ICiC/dlmart@upi"])
['UPI/DR/1/DMART/ICIC/dmart@upi', 'DMART/ICIC', 'DMART/ICIC/dmart@upi']
>>> harmonise(["SUNIL", "SUNIL", "SUNIT", "KUMAR", "KUMAR", "KUMARI", "zomato@x zomato@y zomatd"])
['SUNIL', 'SUNIL', 'SUNIT', 'KUMAR', 'KUMAR', 'KUMARI', 'zomato@x zomato@y zomato']
>>> harmonise(["RAM", "RAM", "RAJ"])  # too short to judge
['RAM', 'RAM', 'RAJ']
"""

from __future__ import annotations

import re
from collections import Counter

from kagaz.text.repair import TO_LETTER

__all__ = ["harmonise"]

#: a word as OCR may garble it: letters with at most one look-alike digit inside
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{2,}(?![A-Za-z0-9])")
_LOOKALIKE = str.maketrans({d: TO_LETTER[d].lower() for d in "0158"})
_MIN_LEN = 4
#: letters OCR takes for one another in small print
_PAIRS = frozenset(frozenset(p) for p in ("il", "ij", "od", "oq", "ce", "uv"))
_THIN = frozenset("il")


def _ocr_edit(read: str, word: str) -> bool:
    """Is ``read`` one OCR slip away from ``word``: a look-alike letter, or a thin stroke
    ("i", "l") added or lost inside the word?"""
    if len(read) == len(word):
        diff = [(a, b) for a, b in zip(read, word, strict=True) if a != b]
        return len(diff) == 1 and frozenset(diff[0]) in _PAIRS
    short, long_ = sorted((read, word), key=len)
    if len(long_) - len(short) != 1:
        return False
    for i in range(1, len(long_) - 1):  # inside the word, never at its ends
        if long_[:i] + long_[i + 1:] == short and long_[i] in _THIN:
            return True
    return False


def _key(word: str) -> str | None:
    """The comparable form of a word, or None for one that is not a plain word."""
    digits = sum(ch.isdigit() for ch in word)
    if digits > 1 or (digits and len(word) < 5):
        return None
    return word.lower()


def _shape(word: str, like: str) -> str:
    """``like`` written in the letter case of ``word`` (upper, lower or capitalised)."""
    letters = [ch for ch in word if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    if upper * 2 > len(letters):
        return like.upper()
    if word[:1].isupper() and upper == 1:
        return like.capitalize()
    return like.lower()


def harmonise(texts: list[str]) -> list[str]:
    """``texts`` with each word read once and nearly equal to a word the texts print at least
    twice put back to that word (see the module docstring)."""
    counts: Counter[str] = Counter()
    clean: Counter[str] = Counter()  # how often each spelling is read without a digit
    for text in texts:
        for m in _WORD.finditer(text):
            key = _key(m.group(0))
            if key is not None:
                counts[key] += 1
                if key.isalpha():
                    clean[key] += 1
    common = [w for w, n in clean.items() if n >= 2]
    if not common:
        return list(texts)
    fixes: dict[str, str] = {}
    for key, n in counts.items():
        if n != 1 and key.isalpha():
            continue
        if len(key) < _MIN_LEN or clean.get(key, 0) >= 2:
            continue
        plain = key.translate(_LOOKALIKE)
        near = [w for w in common if w != key and len(w) >= _MIN_LEN
                and (w == plain or _ocr_edit(plain, w))
                and clean[w] > clean.get(key, 0)]
        if len(near) == 1:
            fixes[key] = near[0]
        elif not near and key.isalpha():
            # two words whose space OCR lost ("TECHNOLOGIESPVT")
            cuts = [(key[:i], key[i:]) for i in range(3, len(key) - 2)
                    if clean.get(key[:i], 0) >= 2 and clean.get(key[i:], 0) >= 2]
            if len(cuts) == 1:
                fixes[key] = " ".join(cuts[0])

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        key = _key(word)
        if key is None:
            return word
        if key in fixes:
            return _shape(word, fixes[key])
        if clean.get(key, 0) >= 2 and not (word.isupper() or word.islower()):
            # a common word read in mixed case ("besCom", "ICiC"): the case the page prints
            return _shape(word, key)
        return word

    return [_WORD.sub(fix, text) for text in texts]
