"""Person names as printed: trimmed of labels, punctuation and OCR noise, case kept.

>>> clean_name("  Name : Rajesh  Kumar Sharma.")
'Rajesh Kumar Sharma'
>>> clean_name("S/O RAMESH JOSHI", strip_relation=True)
'RAMESH JOSHI'
>>> looks_like_name("Rajesh Kumar Sharma")
True
>>> looks_like_name("Date of Birth")
False
>>> parse_gender("Gender: Female")
'FEMALE'
"""

from __future__ import annotations

import re

__all__ = ["LABEL_WORDS", "clean_name", "tidy_name", "looks_joined", "looks_like_name", "parse_gender", "split_on_shared_word"]

LABEL_WORDS = {
    "NAME", "FATHER", "FATHERS", "MOTHER", "HUSBAND", "GUARDIAN", "DATE", "BIRTH", "DOB", "GENDER",
    "SEX", "MALE", "FEMALE", "ADDRESS", "GOVERNMENT", "INDIA", "INCOME", "TAX", "DEPARTMENT",
    "PERMANENT", "ACCOUNT", "NUMBER", "CARD", "SIGNATURE", "ELECTION", "COMMISSION", "IDENTITY",
    "REPUBLIC", "PASSPORT", "LICENCE", "LICENSE", "DRIVING", "UNION", "AUTHORITY", "UNIQUE",
    "IDENTIFICATION", "AADHAAR", "VALID", "ISSUE", "YEAR", "ELECTOR", "ELECTORS", "TILL", "SPECIMEN",
    "HOLDER", "VID", "ENROLMENT", "ISSUED", "DOWNLOAD",
}
_LABEL_PREFIX = re.compile(
    r"^\s*(?:(?:full\s+)?name|naam|holder'?s?\s+name|elector'?s?\s+name)\s*[:.\-]?\s*",
    re.IGNORECASE,
)
_RELATION = re.compile(r"^\s*(?:S|D|W|C)\s*/\s*O\s*[:.\-]?\s*", re.IGNORECASE)


def clean_name(text: str, *, strip_relation: bool = False) -> str:
    """Remove a leading label, stray punctuation and extra spaces; keep the printed case."""
    s = _LABEL_PREFIX.sub("", text)
    if strip_relation:
        s = _RELATION.sub("", s)
    s = re.sub(r"[^A-Za-z .'\-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .-'")
    return s


def looks_like_name(text: str) -> bool:
    """Letters in one to six words, none of them a label word."""
    s = clean_name(text)
    if not s or len(s) < 2 or len(s) > 60:
        return False
    words = s.replace(".", " ").split()
    if not 1 <= len(words) <= 6:
        return False
    if any(w.upper().strip("'") in LABEL_WORDS for w in words):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 0.7 * max(1, len(text.strip()))


def parse_gender(text: str) -> str | None:
    """``MALE`` or ``FEMALE`` from text that spells it (English or Hindi), or None.

    >>> parse_gender("SEX / लिंग : M") is None
    True
    >>> parse_gender("पुरुष / MALE")
    'MALE'
    """
    t = text.upper()
    if "FEMALE" in t or "महिला" in t or "FEMAL" in t:
        return "FEMALE"
    if re.search(r"(?<![A-Z])MALE\b", t) or "पुरुष" in t:
        return "MALE"
    return None


def looks_joined(name: str) -> bool:
    """A single word too long to be one name: OCR at low resolution drops spaces.

    >>> looks_joined("ARIFFERNANDES"), looks_joined("Venkataraman"), looks_joined("RAVI KUMAR")
    (True, False, False)
    """
    words = name.split()
    return len(words) == 1 and len(words[0]) >= 13


def split_on_shared_word(a: str, b: str, *, min_len: int = 4) -> tuple[str, str]:
    """Put back the space OCR dropped before a surname two names share.

    A father and child usually share the surname: ``ARIFFERNANDES`` and ``NAVEENFERNANDES``
    share ``FERNANDES``, which marks where each name splits.

    >>> split_on_shared_word("ARIFFERNANDES", "NAVEENFERNANDES")
    ('ARIF FERNANDES', 'NAVEEN FERNANDES')
    >>> split_on_shared_word("RAVI KUMAR", "SURESH KUMAR")
    ('RAVI KUMAR', 'SURESH KUMAR')
    """
    if " " in a and " " in b:
        return a, b
    wa, wb = a.split(), b.split()
    last_a, last_b = wa[-1], wb[-1]
    n = 0
    while n < min(len(last_a), len(last_b)) and last_a[-1 - n].upper() == last_b[-1 - n].upper():
        n += 1
    # A word that one side prints whole (after a space) is the authority for where to split.
    whole = {w.upper() for w in wa[:-1] + wb[:-1]} | ({last_a.upper()} if len(wa) > 1 else set()) | (
        {last_b.upper()} if len(wb) > 1 else set()
    )
    if n < min_len:
        return a, b
    shared = last_a[-n:]
    for cut in range(n, min_len - 1, -1):
        if last_a[-cut:].upper() in whole or cut == n:
            shared = last_a[-cut:]
            break

    def fix(words: list[str]) -> str:
        last = words[-1]
        if len(last) > len(shared) + 1 and last.upper().endswith(shared.upper()):
            words = words[:-1] + [last[: -len(shared)], last[-len(shared):]]
        return " ".join(words)

    return fix(wa), fix(wb)


def tidy_name(text: str, conf: float) -> tuple[str, float]:
    """The printed name, words split where OCR glued them in mixed case ("ArjunSharma"); names in
    one word (or with a very long word) are often two words glued together: lower confidence.

    >>> tidy_name("Name: ArjunSharma", 0.95)
    ('Arjun Sharma', 0.9)
    >>> tidy_name("SHALINISHAIKH", 0.95)
    ('SHALINISHAIKH', 0.8)
    """
    name = clean_name(text)
    split = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", name)
    if split != name:
        name, conf = split, conf - 0.05
    words = name.split()
    if len(words) == 1 or (words and max(map(len, words)) > 12):
        conf = min(conf, 0.8)
    return name, round(max(0.05, conf), 4)
