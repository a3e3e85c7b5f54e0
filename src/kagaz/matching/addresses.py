"""Do two printed Indian addresses name the same place?

The same flat is written ``Flat 12, Green View Apartments, MG Road, Bangalore 560 001`` on one
document and ``12 Greenview Apt, Mahatma Gandhi Rd, Bengaluru`` on the next. Normalising first
(:func:`normalise_address`) makes most of that disappear:

* Indian scripts transliterated (:mod:`kagaz.matching.translit`); capitals; ordinals ``4th`` -> 4;
* the PIN code (6 digits, also ``560 001``) and the state (full name, old name, or its two-letter
  code at the end) taken out and compared on their own;
* ``C/O``, ``S/O``, ``D/O``, ``W/O`` and the name after them removed (one document prints the
  guardian, the other does not);
* abbreviations expanded (Rd, St, Nr, Opp, Apt, Flr, Bldg, Soc, Ngr, Dist, Tal, PO, H.No, Vill...),
  ``Mahatma Gandhi`` / ``M G`` -> ``MG``, renamed cities put under today's name (Bangalore ->
  Bengaluru, Bombay -> Mumbai, Gurgaon -> Gurugram...);
* filler words (no, near, opposite, flat, plot, India...) dropped: the numbers and names carry it.

The score (0-100) combines, over what both sides have: word agreement 0.6 (how well the shorter
address is covered by the longer, 0.7, and the reverse, 0.3; common words like Road or Nagar weigh
less; adjacent words may be joined: Green View / Greenview), house and street numbers 0.15, PIN
0.15, city 0.05, state 0.05. A PIN, state or city that differs caps the score (``pin_mismatch`` at
55, ``state_mismatch`` at 40, ``city_mismatch`` at 55), and house numbers with nothing in common
cap it at 65 (``number_mismatch``).

>>> m = match_addresses("Flat 12, Green View Apartments, MG Road, Bangalore",
...                     "12 Greenview Apt, Mahatma Gandhi Rd, Bengaluru")
>>> m.result, m.score >= 90
('MATCH', True)
>>> match_addresses("Flat 12, Green View Apartments, MG Road, Bangalore",
...                 "45 Lake View, Whitefield, Bangalore").result
'MISMATCH'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from kagaz.matching.base import DEFAULT_THRESHOLDS, NOT_APPLICABLE, Match, Thresholds, classify, not_applicable
from kagaz.matching.names import phonetic_key
from kagaz.matching.translit import has_indic, to_latin

__all__ = ["NormalisedAddress", "match_addresses", "normalise_address"]

_MAX_CHARS = 1000  # longer is not an address; bound the work
_MAX_TOKENS = 60

# The 28 states and 8 union territories: canonical name -> other spellings, codes (vehicle / ISO).
# kagaz.doctypes.aadhaar_address has a similar table for parsing; this one adds codes and stays import-light.
_STATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Andhra Pradesh": ((), ("AP",)), "Arunachal Pradesh": ((), ("AR",)), "Assam": ((), ()),
    "Bihar": ((), ("BR",)), "Chhattisgarh": (("Chattisgarh", "Chhatisgarh"), ("CG", "CT")),
    "Goa": ((), ("GA",)), "Gujarat": (("Gujrat",), ("GJ",)), "Haryana": ((), ("HR",)),
    "Himachal Pradesh": ((), ("HP",)), "Jharkhand": ((), ("JH",)), "Karnataka": (("Karnatak",), ("KA",)),
    "Kerala": (("Keralam",), ("KL",)), "Madhya Pradesh": ((), ("MP",)), "Maharashtra": ((), ("MH",)),
    "Manipur": ((), ("MN",)), "Meghalaya": ((), ("ML",)), "Mizoram": ((), ("MZ",)),
    "Nagaland": ((), ("NL",)), "Odisha": (("Orissa",), ("OD",)), "Punjab": ((), ("PB",)),
    "Rajasthan": ((), ("RJ",)), "Sikkim": ((), ("SK",)), "Tamil Nadu": (("Tamilnadu",), ("TN",)),
    "Telangana": (("Telengana",), ("TS", "TG")), "Tripura": ((), ("TR",)),
    "Uttar Pradesh": ((), ("UP",)), "Uttarakhand": (("Uttaranchal",), ("UK", "UA")),
    "West Bengal": ((), ("WB",)), "Andaman and Nicobar Islands": (("Andaman and Nicobar",), ()),
    "Chandigarh": ((), ()), "Delhi": (("NCT of Delhi", "New Delhi", "Dilli"), ("DL",)),
    "Dadra and Nagar Haveli and Daman and Diu": (
        ("Daman and Diu", "Dadra and Nagar Haveli"), ("DN", "DD")),
    "Jammu and Kashmir": (("Jammu & Kashmir",), ("JK",)), "Ladakh": ((), ()),
    "Lakshadweep": ((), ("LD",)), "Puducherry": (("Pondicherry",), ("PY",)),
}
# Cities renamed since (and a few common misspellings): old -> current.
_CITY_RENAMES = {
    "BANGALORE": "BENGALURU", "BANGLORE": "BENGALURU", "BENGALORE": "BENGALURU",
    "BOMBAY": "MUMBAI", "MADRAS": "CHENNAI", "CALCUTTA": "KOLKATA", "GURGAON": "GURUGRAM",
    "POONA": "PUNE", "BARODA": "VADODARA", "MYSORE": "MYSURU", "MANGALORE": "MANGALURU",
    "TRIVANDRUM": "THIRUVANANTHAPURAM", "COCHIN": "KOCHI", "CALICUT": "KOZHIKODE",
    "BENARES": "VARANASI", "BANARAS": "VARANASI", "ALLAHABAD": "PRAYAGRAJ", "HUBLI": "HUBBALLI",
    "BELGAUM": "BELAGAVI", "GULBARGA": "KALABURAGI", "SHIMOGA": "SHIVAMOGGA", "TUMKUR": "TUMAKURU",
    "SIMLA": "SHIMLA", "VIZAG": "VISAKHAPATNAM", "WALTAIR": "VISAKHAPATNAM", "TANJORE": "THANJAVUR",
    "TRICHY": "TIRUCHIRAPPALLI", "TIRUCHIRAPALLI": "TIRUCHIRAPPALLI", "CAWNPORE": "KANPUR",
    "JUBBULPORE": "JABALPUR", "PONDICHERRY": "PUDUCHERRY", "PONDY": "PUDUCHERRY",
    "GAUHATI": "GUWAHATI", "BHUBANESHWAR": "BHUBANESWAR", "TRICHUR": "THRISSUR", "QUILON": "KOLLAM",
    "ALLEPPEY": "ALAPPUZHA", "CANNANORE": "KANNUR", "PALGHAT": "PALAKKAD", "OOTY": "UDHAGAMANDALAM",
    "OOTACAMUND": "UDHAGAMANDALAM", "BELLARY": "BALLARI", "BIJAPUR": "VIJAYAPURA",
    "ORISSA": "ODISHA", "UTTARANCHAL": "UTTARAKHAND",
}
# Cities recognised as "the city" of an address (the last one printed wins).
_CITIES = frozenset(set(_CITY_RENAMES.values()) - {"ODISHA", "UTTARAKHAND"} | {
    "DELHI", "HYDERABAD", "SECUNDERABAD", "AHMEDABAD", "JAIPUR", "LUCKNOW", "NAGPUR", "INDORE",
    "BHOPAL", "PATNA", "SURAT", "LUDHIANA", "AGRA", "NASHIK", "FARIDABAD", "MEERUT", "RAJKOT",
    "SRINAGAR", "AURANGABAD", "DHANBAD", "AMRITSAR", "NOIDA", "GHAZIABAD", "RANCHI", "HOWRAH",
    "COIMBATORE", "GWALIOR", "VIJAYAWADA", "JODHPUR", "MADURAI", "RAIPUR", "KOTA", "CHANDIGARH",
    "THANE", "DEHRADUN", "JAMSHEDPUR", "CUTTACK", "GUNTUR", "NELLORE", "WARANGAL", "SALEM",
    "TIRUPPUR", "ERODE", "VELLORE", "TIRUNELVELI", "UDAIPUR", "AJMER", "BIKANER", "KOLHAPUR",
    "SOLAPUR", "SANGLI", "AMRAVATI", "JALANDHAR", "PANIPAT", "ROHTAK", "HISAR", "BAREILLY",
    "ALIGARH", "MORADABAD", "GORAKHPUR", "JHANSI", "GAYA", "BHAGALPUR", "MUZAFFARPUR", "SILIGURI",
    "DURGAPUR", "ASANSOL", "JAMMU", "PANAJI", "MARGAO", "BHILAI", "BILASPUR", "DAVANAGERE",
    "KALYAN", "VASAI", "BHIWANDI", "HARIDWAR", "RISHIKESH", "SHILLONG", "IMPHAL", "AIZAWL",
    "AGARTALA", "GANGTOK", "KOHIMA", "ITANAGAR", "DISPUR", "PUDUCHERRY",
})
_ABBREVIATIONS = {
    "RD": "ROAD", "MARG": "ROAD", "ST": "STREET", "STR": "STREET", "NR": "NEAR", "OPP": "OPPOSITE",
    "OPPT": "OPPOSITE", "APT": "APARTMENT", "APTS": "APARTMENT", "APARTMENTS": "APARTMENT",
    "APPT": "APARTMENT", "APPTS": "APARTMENT", "FLR": "FLOOR", "FL": "FLOOR", "BLDG": "BUILDING",
    "BLDNG": "BUILDING", "SOC": "SOCIETY", "SCTY": "SOCIETY", "CHS": "SOCIETY", "NGR": "NAGAR",
    "DIST": "DISTRICT", "DISTT": "DISTRICT", "DT": "DISTRICT", "DISTRICT": "DISTRICT",
    "TAL": "TALUKA", "TQ": "TALUKA", "TALUK": "TALUKA", "TEH": "TALUKA", "TEHSIL": "TALUKA",
    "TAHSIL": "TALUKA", "MANDAL": "TALUKA", "PO": "POST", "VILL": "VILLAGE", "VIL": "VILLAGE",
    "GRAM": "VILLAGE", "MKT": "MARKET", "LN": "LANE", "SEC": "SECTOR", "SECT": "SECTOR",
    "EXTN": "EXTENSION", "EXT": "EXTENSION", "PH": "PHASE", "BLK": "BLOCK", "CLNY": "COLONY",
    "COL": "COLONY", "CMPLX": "COMPLEX", "COMPLX": "COMPLEX", "JN": "JUNCTION", "JNCT": "JUNCTION",
    "STN": "STATION", "HSG": "HOUSING", "CRS": "CROSS", "MN": "MAIN", "HNO": "HOUSE",
    "BHND": "BEHIND", "TWR": "TOWER", "GALLI": "GALI", "LYT": "LAYOUT", "VPO": "VILLAGE",
    "NAGARA": "NAGAR", "PURAM": "PURAM", "CHOWK": "CHOWK", "CHAWK": "CHOWK", "BAZAAR": "BAZAR",
    # Hindi words and English loanwords as transliterated from Devanagari (Aadhaar's Hindi side).
    "ROD": "ROAD", "PHLAIT": "FLAT", "FLAIT": "FLAT", "KOLONI": "COLONY", "KALONI": "COLONY",
    "SEKTAR": "SECTOR", "JILA": "DISTRICT", "ZILA": "DISTRICT", "MAKAN": "HOUSE", "NAN": "NO",
    "VARD": "WARD", "APARTAMENT": "APARTMENT", "BILDING": "BUILDING", "CHAUK": "CHOWK",
    "GRAMA": "VILLAGE", "DILLI": "DELHI",
}
_PHRASES = (
    (("MAHATMA", "GANDHI"), "MG"), (("M", "G"), "MG"), (("H", "NO"), "HOUSE"),
    (("HOUSE", "NO"), "HOUSE"), (("P", "O"), "POST"), (("POST", "OFFICE"), "POST"),
    (("NEW", "DELHI"), "DELHI"), (("NAI", "DILLI"), "DELHI"), (("EM", "JI"), "MG"),
    (("NEW", "BOMBAY"), "NAVI MUMBAI"), (("CO", "OPERATIVE"), "COOPERATIVE"),
)
_FILLER = frozenset({
    "NO", "NUMBER", "NOS", "AT", "OF", "THE", "AND", "IN", "TO", "INDIA", "NEAR", "OPPOSITE",
    "BEHIND", "NEXT", "FLAT", "PLOT", "DOOR", "SHOP", "UNIT", "ROOM", "HOUSE", "QTR", "QUARTER",
    "PIN", "PINCODE", "CODE", "ADDRESS", "POST", "VIA", "ON", "S", "C", "D", "W",
    "KE", "KA", "KI", "PAS", "SAMNE",  # Hindi: of, near, opposite
})
# Words nearly every address has: agreeing on them says little.
_COMMON = frozenset({
    "ROAD", "STREET", "NAGAR", "COLONY", "APARTMENT", "SOCIETY", "FLOOR", "MAIN", "CROSS", "LANE",
    "SECTOR", "BLOCK", "PHASE", "DISTRICT", "TALUKA", "VILLAGE", "BUILDING", "TOWER", "WARD",
    "MARKET", "LAYOUT", "EXTENSION", "COMPLEX", "CITY", "TOWN", "GALI", "CHOWK", "BAZAR", "WEST",
    "EAST", "NORTH", "SOUTH", "NEW", "OLD", "GROUND", "FIRST", "SECOND", "THIRD", "STAGE", "AREA",
    "HOUSING", "COOPERATIVE", "RESIDENCY", "ENCLAVE", "PARK", "GARDEN", "VIHAR", "PURAM",
})
_PIN = re.compile(r"(?<!\d)([1-9]\d{2})\s?(\d{3})(?!\d)")
_CARE_OF = re.compile(r"\b(?:[CSDWH]\s*/\s*[O0]|CARE\s+OF)\b\.?:?\s*([^,]{0,60},)?")
_ORDINAL = re.compile(r"(\d+)\s*(?:ST|ND|RD|TH)\b")
_EXCLUDED_CODES = frozenset({"AS", "OR", "CH", "LA", "AN", "PY", "DD"})  # also ordinary words


def _state_keys() -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    names: dict[tuple[str, ...], str] = {}
    codes: dict[str, str] = {}
    for name, (alts, cds) in _STATES.items():
        for spelling in (name, *alts):
            names[tuple(re.sub(r"[^A-Z ]", " ", spelling.upper().replace("&", "AND")).split())] = name
        for c in cds:
            codes[c] = name
    return names, codes


_STATE_NAMES, _STATE_CODES = _state_keys()
_LONGEST_STATE = max(len(k) for k in _STATE_NAMES)


@dataclass(frozen=True)
class NormalisedAddress:
    """An address reduced to what identifies the place.

    ``text`` is the normalised words joined by spaces (state and PIN not included), ``pin`` the
    6-digit PIN, ``state`` its canonical name, ``tokens`` the words and numbers compared, ``city``
    the last known city named, ``reasons`` what normalisation did.
    """

    text: str
    pin: str | None
    state: str | None
    tokens: list[str]
    city: str | None = None
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=2048)
def _normalise(text: str) -> NormalisedAddress:
    reasons: list[str] = []
    s = text[:_MAX_CHARS]
    if has_indic(s):
        s, script = to_latin(s)
        if script:
            reasons.append(f"transliterated_{script}")
    s = s.upper().replace("&", " AND ")
    pins = list(_PIN.finditer(s))
    pin = None
    if pins:
        m = pins[-1]
        pin = m.group(1) + m.group(2)
        s = s[:m.start()] + " " + s[m.end():]
    if _CARE_OF.search(s):
        s = _CARE_OF.sub(" ", s)
        reasons.append("care_of_removed")
    s = _ORDINAL.sub(r"\1", s)
    words = re.findall(r"[A-Z]+|\d+", s)[:_MAX_TOKENS]
    # Phrases first (two-word spellings of one thing).
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, repl in _PHRASES:
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.extend(repl.split())
                i += len(phrase)
                if repl in ("MG", "HOUSE", "POST") and "abbreviation_expanded" not in reasons:
                    reasons.append("abbreviation_expanded")
                break
        else:
            out.append(words[i])
            i += 1
    # The state: the last full name, or a code among the last three words.
    state = None
    for start in range(len(out) - 1, -1, -1):
        for n in range(_LONGEST_STATE, 0, -1):
            key = tuple(out[start:start + n])
            if len(key) == n and key in _STATE_NAMES:
                state = _STATE_NAMES[key]
                if state.upper() not in _CITIES:  # Delhi, Chandigarh: state and city at once
                    del out[start:start + n]
                break
        if state:
            break
    if state is None:
        for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
            if out[k] in _STATE_CODES and out[k] not in _EXCLUDED_CODES:
                state = _STATE_CODES[out[k]]
                del out[k]
                break
    tokens: list[str] = []
    for w in out:
        if w in _CITY_RENAMES:
            w = _CITY_RENAMES[w]
            if "city_renamed" not in reasons:
                reasons.append("city_renamed")
        elif w in _ABBREVIATIONS and _ABBREVIATIONS[w] != w:
            w = _ABBREVIATIONS[w]
            if "abbreviation_expanded" not in reasons:
                reasons.append("abbreviation_expanded")
        if w not in _FILLER:
            tokens.append(w)
    city = next((t for t in reversed(tokens) if t in _CITIES), None)
    if city is None and state and state.upper() in _CITIES:
        city = state.upper()
    return NormalisedAddress(" ".join(tokens), pin, state, tokens, city, reasons)


def normalise_address(text: str) -> NormalisedAddress:
    """Normalise one address (see the module docstring).

    >>> a = normalise_address("C/O Ramesh Kumar, H.No. 12-B, 4th Cross, Nr Shiv Mandir, Bangalore, KA 560 001")
    >>> a.pin, a.state, a.city, a.tokens
    ('560001', 'Karnataka', 'BENGALURU', ['12', 'B', '4', 'CROSS', 'SHIV', 'MANDIR', 'BENGALURU'])
    """
    return _normalise(text)


def _weight(token: str) -> float:
    if token.isdigit():
        return 0.0
    if token in _COMMON:
        return 0.3
    return 0.5 if token in _CITIES else 1.0


def _word_credit(a: str, b: str) -> float:
    if a == b or phonetic_key(a) == phonetic_key(b):
        return 1.0
    ratio = fuzz.ratio(a, b)
    if min(len(a), len(b)) >= 5 and ratio >= 88:
        return 0.9
    return 0.0


def _coverage(xs: list[str], ys: list[str]) -> float:
    """Weighted share of the words of ``xs`` found in ``ys`` (also as two joined words of ``ys``)."""
    words = [x for x in xs if not x.isdigit()]
    total = sum(_weight(x) for x in words)
    if not total:
        return 1.0
    ywords = [y for y in ys if not y.isdigit()]
    candidates = ywords + [a + b for a, b in zip(ywords, ywords[1:])]
    got = 0.0
    for k, x in enumerate(words):
        best = max((_word_credit(x, y) for y in candidates), default=0.0)
        if best < 1.0 and k + 1 < len(words):  # "GREEN VIEW" against "GREENVIEW"
            joined = x + words[k + 1]
            if any(_word_credit(joined, y) == 1.0 for y in ywords):
                best = 1.0
        if best < 1.0 and k > 0:
            joined = words[k - 1] + x
            if any(_word_credit(joined, y) == 1.0 for y in ywords):
                best = 1.0
        got += _weight(x) * best
    return got / total


def match_addresses(a: str | None, b: str | None, *, thresholds: Thresholds | None = None) -> Match:
    """Compare two addresses; ``a`` is the source, ``b`` the target.

    ``thresholds`` default to the built-in address thresholds (MATCH >= 80, PARTIAL >= 60).

    >>> match_addresses("12 MG Road, Bengaluru 560001", "12 M.G. Rd, Bangalore - 560 001").result
    'MATCH'
    >>> m = match_addresses("12 MG Road, Bengaluru 560001", "12 MG Road, Bengaluru 560034")
    >>> m.result, "pin_mismatch" in m.reasons
    ('MISMATCH', True)
    """
    missing = not_applicable(a, b)
    if missing:
        return missing
    assert a is not None and b is not None
    th = thresholds or DEFAULT_THRESHOLDS["address"]
    na, nb = _normalise(a), _normalise(b)
    if not na.tokens or not nb.tokens:
        return Match(0.0, NOT_APPLICABLE, ["empty_after_normalisation"])
    reasons = list(dict.fromkeys([*na.reasons, *nb.reasons]))
    short, long_ = sorted((na.tokens, nb.tokens), key=len)
    words = 0.7 * _coverage(short, long_) + 0.3 * _coverage(long_, short)
    parts: list[tuple[float, float]] = [(0.6, words)]
    caps: list[float] = []
    nums_a = {t.lstrip("0") or "0" for t in na.tokens if t.isdigit()}
    nums_b = {t.lstrip("0") or "0" for t in nb.tokens if t.isdigit()}
    if nums_a and nums_b:
        shared = len(nums_a & nums_b) / min(len(nums_a), len(nums_b))
        parts.append((0.15, shared))
        if not shared:
            reasons.append("number_mismatch")
            caps.append(65.0)
    for key, weight, cap in (("pin", 0.15, 55.0), ("city", 0.05, 55.0), ("state", 0.05, 40.0)):
        va, vb = getattr(na, key), getattr(nb, key)
        if va and vb:
            same = va == vb
            if key == "city" and not same:
                same = va in nb.tokens or vb in na.tokens  # both cities printed on one side
            parts.append((weight, 1.0 if same else 0.0))
            reasons.append(f"{key}_match" if same else f"{key}_mismatch")
            if not same:
                caps.append(cap)
        elif va or vb:
            reasons.append(f"{key}_missing")
    if any(len(x) > 1 and x not in long_ and any(x == p + q for p, q in zip(long_, long_[1:]))
           for x in short) or any(len(x) > 1 and x not in short and any(
               x == p + q for p, q in zip(short, short[1:])) for x in long_):
        reasons.append("tokens_joined")
    score = 100 * sum(w * v for w, v in parts) / sum(w for w, _ in parts)
    score = round(min([score, *caps]), 2)
    return Match(score, classify(score, th), reasons)
