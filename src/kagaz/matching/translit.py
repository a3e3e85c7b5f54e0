"""Indic scripts to plain Latin capitals, spelt the way Indian documents print names.

Names and addresses arrive in Devanagari (Aadhaar, voter ID) on one document and in Latin letters
on another. ``indic_transliteration`` (MIT) turns each script into IAST, which is exact but
scholarly: it writes every inherent vowel (``राहुल कुमार`` -> ``rāhula kumāra``) and uses
diacritics. Two steps then make it look like what a clerk would type:

* **schwa deletion** for the north Indian scripts (Devanagari, Bengali, Gurmukhi, Gujarati,
  Oriya): the word-final inherent ``a`` is dropped (``kumāra`` -> ``kumar``, ``ānanda`` ->
  ``anand``, ``mārga`` -> ``marg``) except after a cluster ending in y, r, l, v or a retroflex
  nasal (``kṛṣṇa`` -> ``krishna``, ``miśra`` -> ``mishra``); inside a word an inherent ``a`` in the
  pattern vowel-consonant-_a_-consonant-vowel goes too (``rāmakumāra`` -> ``ramkumar``), scanning
  right to left (Ohala's rule for Hindi). Dravidian scripts write their vowels, so they keep them.
* **ASCII spelling**: ``ś``/``ṣ`` -> ``sh``, ``c`` -> ``ch``, ``ṛ`` -> ``ri``, ``jñ`` -> ``gy``,
  the anusvara -> ``n`` (``m`` before p/b/m, ``ng`` before h: ``siṃha`` -> ``singh``), long vowels
  and retroflex dots dropped.

>>> to_latin("राहुल कुमार")
('RAHUL KUMAR', 'devanagari')
>>> to_latin("रामकुमार सिंह")[0]
'RAMKUMAR SINGH'
>>> to_latin("कृष्ण मिश्र")[0]
'KRISHNA MISHRA'
>>> to_latin("RAHUL")
('RAHUL', None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["detect_script", "has_indic", "to_latin"]

# Unicode blocks -> (name used in reasons, indic_transliteration scheme, delete schwa?)
_SCRIPTS: tuple[tuple[int, int, str, str, bool], ...] = (
    (0x0900, 0x097F, "devanagari", "devanagari", True),
    (0x0980, 0x09FF, "bengali", "bengali", True),
    (0x0A00, 0x0A7F, "gurmukhi", "gurmukhi", True),
    (0x0A80, 0x0AFF, "gujarati", "gujarati", True),
    (0x0B00, 0x0B7F, "oriya", "oriya", True),
    (0x0B80, 0x0BFF, "tamil", "tamil", False),
    (0x0C00, 0x0C7F, "telugu", "telugu", False),
    (0x0C80, 0x0CFF, "kannada", "kannada", False),
    (0x0D00, 0x0D7F, "malayalam", "malayalam", False),
)
_INDIC = re.compile("[\u0900-\u0D7F]")

# IAST units, longest first so that aspirates and diphthongs stay one unit.
_VOWELS = ("ai", "au", "ā", "ī", "ū", "ṝ", "ṛ", "ḹ", "ḷ", "a", "i", "u", "e", "o", "ē", "ō")
_ASPIRATES = ("kh", "gh", "ch", "jh", "ṭh", "ḍh", "th", "dh", "ph", "bh")
_MODIFIERS = ("ṃ", "ḥ", "~", "ṁ")
# A cluster ending in one of these keeps its final a (mitra, shukla, krishna, vidya); after
# other clusters Hindi drops it (post, marg, arvind).
_KEEP_AFTER = {"y", "r", "l", "v", "ṇ", "ñ"}
_ASCII = {
    "ā": "a", "ī": "i", "ū": "u", "ṛ": "ri", "ṝ": "ri", "ḷ": "li", "ḹ": "li", "ē": "e", "ō": "o",
    "c": "ch", "ch": "chh", "ś": "sh", "ṣ": "sh", "ṭ": "t", "ṭh": "th", "ḍ": "d", "ḍh": "dh",
    "ṇ": "n", "ñ": "n", "ṅ": "n", "ḻ": "l", "ṟ": "r", "ṉ": "n", "ḥ": "", "ṁ": "n",
}


def has_indic(text: str) -> bool:
    """True when ``text`` holds a letter of an Indian script.

    >>> has_indic("Rahul"), has_indic("राहुल")
    (False, True)
    """
    return bool(_INDIC.search(text))


def detect_script(text: str) -> str | None:
    """The Indian script most letters of ``text`` are written in, or None.

    >>> detect_script("மணிகண்டன்")
    'tamil'
    """
    counts: dict[str, int] = {}
    for ch in text:
        cp = ord(ch)
        for lo, hi, name, _, _ in _SCRIPTS:
            if lo <= cp <= hi:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _units(word: str) -> list[str]:
    out, i = [], 0
    while i < len(word):
        two = word[i:i + 2]
        if two in _ASPIRATES or two in ("ai", "au"):
            out.append(two)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def _is_vowel(u: str) -> bool:
    return u in _VOWELS


def _is_consonant(u: str) -> bool:
    return u.isalpha() and not _is_vowel(u) and u not in _MODIFIERS


def _delete_schwa(units: list[str]) -> list[str]:
    u = list(units)
    if sum(_is_vowel(x) for x in u) < 2:
        return u  # one syllable: nothing to drop
    # Word-final inherent a.
    if len(u) >= 2 and u[-1] == "a" and _is_consonant(u[-2]):
        cluster = len(u) >= 3 and _is_consonant(u[-3])
        if not cluster or u[-2] not in _KEEP_AFTER:
            u.pop()
    # Medial: V C a C V -> V C C V, right to left.
    i = len(u) - 3
    while i >= 2:
        if (u[i] == "a" and _is_consonant(u[i - 1]) and _is_vowel(u[i - 2])
                and _is_consonant(u[i + 1]) and i + 2 < len(u) and _is_vowel(u[i + 2])):
            del u[i]
        i -= 1
    return u


def _ascii(units: list[str]) -> str:
    out = []
    for k, x in enumerate(units):
        nxt = units[k + 1] if k + 1 < len(units) else ""
        if x in ("ṃ", "~"):
            out.append("m" if nxt[:1] in ("p", "b", "m") else "ng" if nxt == "h" else "n")
        elif x == "j" and nxt == "ñ":
            out.append("g")  # jña -> gya (Gyanesh)
        elif x == "ñ" and k and units[k - 1] == "j":
            out.append("y")
        else:
            out.append(_ASCII.get(x, x))
    s = "".join(out)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


@lru_cache(maxsize=4096)
def to_latin(text: str) -> tuple[str, str | None]:
    """``text`` in Latin capitals, and the Indian script it was written in (None when Latin).

    Latin letters already present are kept as they are; text mixing Latin and an Indian script
    (a bilingual card read whole) keeps only its Latin part.
    """
    script = detect_script(text)
    if script is None:
        return text.upper(), None
    if sum(ch.isascii() and ch.isalpha() for ch in text) >= 2:
        return re.sub(r"\s+", " ", _INDIC.sub(" ", text)).strip().upper(), None
    from indic_transliteration import sanscript  # imported on first use: 0.15 s

    scheme, schwa = next((s, d) for _, _, n, s, d in _SCRIPTS if n == script)
    # Candra vowels (डॉक्टर) are English loans the library leaves untouched.
    text = text.replace("\u0949", "\u094B").replace("\u0945", "\u0947")
    iast = sanscript.transliterate(text, scheme, sanscript.IAST).lower()
    iast = _INDIC.sub("", iast)  # anything the scheme did not know
    words = []
    for word in re.split(r"([^\w~]+)", iast):
        if not word or not re.match(r"[\w~]", word):
            words.append(word)
            continue
        units = _units(word)
        words.append(_ascii(_delete_schwa(units) if schwa else units))
    return re.sub(r"\s+", " ", "".join(words)).strip().upper(), script
