"""Do two printed names belong to the same person (or business)?

Indian documents print one name many ways: with or without honorifics (``Shri``, ``Smt.``,
``Late``), with a relation tail (``S/O RAMESH``), with initials for the father's or village name
(``D. MANIKANDAN`` / ``DURAISAMY MANIKANDAN``), surname first or last, joined or split
(``RAMKUMAR`` / ``RAM KUMAR``), in Devanagari or Latin, and with the spelling the clerk chose
(``LAXMI`` / ``LAKSHMI``, ``MOHAMMED`` / ``MOHAMMAD`` / ``MOHD``).

How a pair is scored:

1. **Normalise** each side: transliterate an Indian script (:mod:`kagaz.matching.translit`),
   drop leading honorifics and relation tails, punctuation to spaces, expand conventional
   abbreviations (``MOHD``, ``KR``, ``PVT``...), split glued initials (``KR`` may also be initials:
   both readings are tried and the better kept).
2. **Phonetic key** per word (:func:`phonetic_key`): collapses the spellings Indian names vary
   between (sh/s, x/ksh, w/v, ph/f, z/j, aspirates, ee/i, oo/u, ou/au, doubled letters).
3. **Join** adjacent words of one side that spell a single word of the other.
4. **Pair** words one to one (order free) to maximise the credit: same key 1.0; vowel-only
   spelling variant with the same consonant skeleton 0.9 (one edit up to 5 letters, else one per
   four letters, at least two: ``DHARMENDRA`` / ``DHARMINDER``); a long word one letter off (OCR) 0.75;
   initial against a word starting with it 0.85; words differing only by a final vowel (``AMIT`` /
   ``AMITA``, ``KUMAR`` / ``KUMARI``: usually a gender marker) 0.6; anything else a small share of
   its fuzzy ratio.
5. **Score** = 100 x paired credit / (paired weight + half the weight of words only one side has).
   Words weigh 1, initials and very common name particles (``KUMAR``, ``DEVI``, ``SINGH``...) 0.5
   when they agree; a pair that disagrees weighs 1 whatever its words (``SINGH`` / ``KAUR``).
   A missing middle name costs a little, a conflicting given name a lot.

>>> match_names("D. MANIKANDAN", "DURAISAMY MANIKANDAN")
Match(score=92.5, result='MATCH', reasons=['initial_expanded'])
>>> match_names("Shri Rahul Kumar", "KUMAR RAHUL").result
'MATCH'
>>> match_names("राहुल कुमार", "RAHUL KUMAR")
Match(score=100.0, result='MATCH', reasons=['transliterated_devanagari'])
>>> match_names("RAHUL KUMAR", "ROHIT SHARMA").result
'MISMATCH'
>>> match_names(None, "RAHUL").reasons
['missing_source_value']
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kagaz.matching.base import DEFAULT_THRESHOLDS, NOT_APPLICABLE, Match, Thresholds, classify, not_applicable
from kagaz.matching.translit import has_indic, to_latin

__all__ = ["Match", "match_names", "normalise_name", "phonetic_key"]

_MAX_CHARS = 200  # a name longer than this is not a name; bound the work
_MAX_TOKENS = 6  # exact pairing tries every permutation: 6! = 720

_HONORIFICS = frozenset({
    "MR", "MRS", "MS", "MISS", "MASTER", "MSTR", "SHRI", "SHREE", "SRI", "SH", "SMT", "SHRIMATI",
    "SHRIMTI", "SRIMATI", "SRIMATHI", "SUSHRI", "KUMARI", "KUM", "KU", "KM", "DR", "LATE", "LT",
    "PROF", "ADV", "THIRU", "THIRUMATHI", "TMT", "SELVI", "JANAB", "MESSRS",
})
_RELATION = re.compile(r"\b(?:[SDWCH]\s*/\s*[O0]|SON\s+OF|DAUGHTER\s+OF|WIFE\s+OF|CARE\s+OF|HUSBAND\s+OF)\b")
_MS_FIRM = re.compile(r"^\s*M\s*/\s*S\b\.?")
_DEVANAGARI_DR = re.compile("^\\s*(?:डॉ|डा)\\.?\\s*")
# Conventional abbreviations (not spelling variants): printed instead of the word.
_ABBREVIATIONS = {
    "MD": "MOHAMMAD", "MOHD": "MOHAMMAD", "MHD": "MOHAMMAD", "KR": "KUMAR", "KMR": "KUMAR",
    "PD": "PRASAD", "PRD": "PRASAD",
    "PVT": "PRIVATE", "PRIV": "PRIVATE", "LTD": "LIMITED", "LLP": "LLP", "CO": "COMPANY",
    "CORP": "CORPORATION", "ENT": "ENTERPRISES", "ENTP": "ENTERPRISES", "ENTS": "ENTERPRISES",
    "INTL": "INTERNATIONAL", "INDS": "INDUSTRIES", "MFG": "MANUFACTURING", "BROS": "BROTHERS",
    "ASSOC": "ASSOCIATES", "SVCS": "SERVICES", "AGY": "AGENCY", "TRDRS": "TRADERS",
}
_STOPWORDS = frozenset({"AND", "OF", "THE"})
# Particles so common in Indian names that sharing them says little about identity.
_GENERIC = frozenset({
    "KUMAR", "KUMARI", "DEVI", "SINGH", "LAL", "BAI", "BEN", "BHAI", "CHAND", "CHANDRA", "PRASAD",
    "RANI", "BEGUM", "KAUR", "NATH", "RAM", "DAS", "MOHAMMAD", "PRIVATE", "LIMITED", "COMPANY",
    "ENTERPRISES", "TRADERS", "INDUSTRIES", "AGENCY", "AGENCIES", "SERVICES", "LLP",
})
_VOWEL = re.compile(r"[AEIOU]")


def phonetic_key(word: str) -> str:
    """A spelling-neutral key for one Latin word in capitals.

    >>> [phonetic_key(w) for w in ("LAKSHMI", "LAXMI", "SHRIVASTAVA", "SRIVASTAVA")]
    ['LAKSMI', 'LAKSMI', 'SRIVASTAVA', 'SRIVASTAVA']
    >>> phonetic_key("CHOUDHARY") == phonetic_key("CHAUDHARI")
    True
    >>> phonetic_key("PRADEEP") == phonetic_key("PRADIP"), phonetic_key("VIJAY") == phonetic_key("WIJAI")
    (True, True)
    """
    s = word.upper()
    s = s.replace("X", "KS").replace("Q", "K").replace("Z", "J").replace("W", "V").replace("PH", "F")
    s = s.replace("SH", "S").replace("CH", "c").replace("CK", "K").replace("C", "K")
    s = re.sub(r"(?<=[BcDFGJKLMNPRSTV])H", "", s)  # aspirates: BH, DH, TH... are spelt either way
    s = s.replace("EE", "I").replace("OO", "U").replace("OU", "AU")
    s = re.sub(r"Y$", "I", s)  # VIJAY / VIJAI, CHAUDHARY / CHAUDHARI, REDDY / REDDI
    s = re.sub(r"M(?=[BP])", "N", s)  # the anusvara: SAMBHU / SANBHU
    s = re.sub(r"(.)\1+", r"\1", s)
    return s.replace("c", "C")


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str
    key: str
    initial: bool

    @property
    def weight(self) -> float:
        return 0.5 if self.initial or self.raw in _GENERIC else 1.0


def _tok(raw: str) -> _Token:
    return _Token(raw, phonetic_key(raw), len(raw) == 1)


@lru_cache(maxsize=4096)
def normalise_name(text: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Word readings of a name (several when an abbreviation may also be initials) and reasons.

    >>> normalise_name("Late Shri R. K. Sharma S/O Mohan Lal")
    ((('R', 'K', 'SHARMA'),), ('relation_removed', 'honorific_removed'))
    >>> normalise_name("MD Irfan")[0]
    (('MOHAMMAD', 'IRFAN'), ('M', 'D', 'IRFAN'))
    """
    reasons: list[str] = []
    s = text[:_MAX_CHARS]
    if _DEVANAGARI_DR.match(s):
        s = _DEVANAGARI_DR.sub("", s)
        reasons.append("honorific_removed")
    if has_indic(s):
        s, script = to_latin(s)
        if script:
            reasons.append(f"transliterated_{script}")
    s = s.upper()
    if _MS_FIRM.match(s):
        s = _MS_FIRM.sub(" ", s)
        reasons.append("honorific_removed")
    m = _RELATION.search(s)
    if m:
        # At the start the relation marker introduces the name itself ("S/O RAMESH" printed as a
        # father's name); later it begins a tail naming someone else.
        s = s[m.end():] if not s[:m.start()].strip(" .,:-") else s[:m.start()]
        reasons.append("relation_removed")
    words = [w for w in re.sub(r"[^A-Z]+", " ", s).split() if w not in _STOPWORDS]
    dropped = False
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
        dropped = True
    if dropped and "honorific_removed" not in reasons:
        reasons.append("honorific_removed")
    options: list[list[str]] = [[]]
    for w in words[: 3 * _MAX_TOKENS]:
        readings = []
        if w in _ABBREVIATIONS:
            readings.append([_ABBREVIATIONS[w]])
        if 2 <= len(w) <= 3 and not _VOWEL.search(w) and "Y" not in w:
            readings.append(list(w))  # "DK" is two initials run together
        if not readings:
            readings.append([w])
        options = [o + r for o in options for r in readings][:4]
    return tuple(tuple(o) for o in options), tuple(reasons)


def _final_vowel_only(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and long_.startswith(short) and 1 <= len(long_) - len(short) <= 2:
        return not re.search(r"[^AEIOUY]", long_[len(short):])
    return len(a) == len(b) >= 3 and a[:-1] == b[:-1] and a[-1] in "AEIOU" and b[-1] in "AEIOU"


def _credit(a: _Token, b: _Token) -> tuple[float, str | None]:
    """How much two words support the same identity (0..1), and why."""
    if a.raw == b.raw:
        return 1.0, None
    if a.initial or b.initial:
        if a.initial and b.initial:
            return 0.0, None
        return (0.85, "initial_expanded") if a.raw[0] == b.raw[0] else (0.0, None)
    if a.key == b.key:
        return 1.0, "spelling_variant"
    if _final_vowel_only(a.key, b.key):
        return 0.6, "final_vowel_differs"
    longest = max(len(a.key), len(b.key))
    distance = Levenshtein.distance(a.key, b.key)
    if (a.key[0] == b.key[0] and _VOWEL.sub("", a.key) == _VOWEL.sub("", b.key)
            and distance <= (1 if longest <= 5 else max(2, math.ceil(longest / 4)))):
        return 0.9, "spelling_variant"
    if longest >= 8 and distance <= 1:
        return 0.75, "near_spelling"
    ratio = fuzz.ratio(a.key, b.key) / 100
    return round(0.4 * max(0.0, (ratio - 0.5) / 0.5) ** 2, 4), None


def _joined(side: list[_Token], other: list[_Token]) -> tuple[list[_Token], bool]:
    """Merge runs of 2-3 words of ``side`` that spell one word of ``other`` (RAM KUMAR/RAMKUMAR)."""
    targets = [t for t in other if not t.initial]
    changed = False
    i = 0
    while i < len(side) - 1:
        for span in (3, 2):
            run = side[i:i + span]
            if len(run) < span or any(t.initial for t in run):
                continue
            merged = _tok("".join(t.raw for t in run))
            if any(_credit(merged, t)[0] >= 0.9 for t in targets):
                side = side[:i] + [merged] + side[i + span:]
                changed = True
                break
        i += 1
    return side, changed


def _score(a: list[_Token], b: list[_Token]) -> tuple[float, list[str]]:
    reasons: list[str] = []
    a, ja = _joined(a, b)
    b, jb = _joined(b, a)
    if ja or jb:
        reasons.append("tokens_joined")
    a, b = a[:_MAX_TOKENS], b[:_MAX_TOKENS]
    swap = len(a) > len(b)
    short, long_ = (b, a) if swap else (a, b)
    credit = [[_credit(s, t) for t in long_] for s in short]
    # A pair weighs its heavier word; two words that disagree weigh fully even when both are
    # common particles (SINGH / KAUR, KUMAR / DEVI): agreeing on them says little, differing a lot.
    weight = [[max(s.weight, t.weight) if credit[i][j][0] >= 0.5 else 1.0 for j, t in enumerate(long_)]
              for i, s in enumerate(short)]
    best: tuple[float, tuple[int, ...]] = (-1.0, ())
    for perm in itertools.permutations(range(len(long_)), len(short)):
        total = sum(credit[i][j][0] * weight[i][j] for i, j in enumerate(perm))
        if total > best[0] + 1e-9:
            best = (total, perm)
    perm = best[1]
    paired_weight = sum(weight[i][j] for i, j in enumerate(perm))
    unpaired = [t for j, t in enumerate(long_) if j not in perm]
    denominator = paired_weight + 0.5 * sum(t.weight for t in unpaired)
    score = 100 * best[0] / denominator if denominator else 0.0
    for i, j in enumerate(perm):
        c, why = credit[i][j]
        if why and why not in reasons:
            reasons.append(why)
        if c < 0.5 and "token_mismatch" not in reasons:
            reasons.append("token_mismatch")
    if unpaired:
        reasons.append("token_missing")
    good = sorted((i, j) for i, j in enumerate(perm) if credit[i][j][0] >= 0.5)
    if any(j2 < j1 for (_, j1), (_, j2) in itertools.pairwise(good)):
        reasons.append("token_order_differs")
    return score, reasons


def match_names(a: str | None, b: str | None, *, thresholds: Thresholds | None = None) -> Match:
    """Compare two names; ``a`` is the source, ``b`` the target (reasons name them so).

    ``thresholds`` default to the built-in name thresholds (MATCH >= 90, PARTIAL >= 65).

    >>> match_names("MOHD IRFAN KHAN", "Mohammed Irfan Khan").result
    'MATCH'
    >>> match_names("RAHUL PRAKASH SHARMA", "RAHUL SHARMA")
    Match(score=80.0, result='PARTIAL', reasons=['token_missing'])
    >>> match_names("SUNITA DEVI", "SUNIL DEV").result
    'MISMATCH'
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    assert a is not None and b is not None
    th = thresholds or DEFAULT_THRESHOLDS["name"]
    (ra, why_a), (rb, why_b) = normalise_name(a), normalise_name(b)
    if not ra[0] or not rb[0]:
        return Match(0.0, NOT_APPLICABLE, ["empty_after_normalisation"])
    best: tuple[float, list[str]] = (-1.0, [])
    for wa, wb in itertools.product(ra, rb):
        score, reasons = _score([_tok(w) for w in wa], [_tok(w) for w in wb])
        if (wa != ra[0] or wb != rb[0]) and score > best[0]:
            reasons = ["abbreviation_read_as_initials", *reasons]
        if score > best[0] + 1e-9:
            best = (score, reasons)
    expanded = any(w in _ABBREVIATIONS for w in re.sub(r"[^A-Z]+", " ", f"{a} {b}".upper()).split())
    reasons = list(dict.fromkeys(
        [*why_a, *why_b, *(["abbreviation_expanded"] if expanded and "abbreviation_read_as_initials"
                          not in best[1] else []), *best[1]]))
    score = round(min(100.0, max(0.0, best[0])), 2)
    return Match(score, classify(score, th), reasons)
