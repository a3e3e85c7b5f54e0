"""Machine readable zone of a passport (ICAO Doc 9303 part 4, TD3: two lines of 44 characters).

Line 1: ``P`` + type (``<``) + issuing state (3) + ``SURNAME<<GIVEN<NAMES`` padded with ``<``.
Line 2 (0-based): document number 0–8 + check 9, nationality 10–12, birth date YYMMDD 13–18 +
check 19, sex 20 (``M``, ``F``, ``<``), expiry YYMMDD 21–26 + check 27, personal number 28–41 +
check 42 (``<`` or ``0`` when empty), composite check 43 over 0–9, 13–19 and 21–42.

Check digits (Doc 9303 part 3, 4.9): weights 7, 3, 1 repeated over values ``0``–``9`` = 0–9,
``A``–``Z`` = 10–35, ``<`` = 0; the sum mod 10.

OCR reads the filler ``<`` as ``K``, ``C``, ``(`` or ``«`` and drops or merges runs of it, and
confuses O/0, I/1, B/8, S/5 in digit positions. :func:`parse` maps each position to its class,
realigns a line whose fillers were dropped, then lets the check digits (the composite one too)
choose among single substitutions of confusable characters.

>>> check_digit("L898902C3"), check_digit("740812"), check_digit("120415")
('6', '2', '9')
>>> m = parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
...           "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
>>> m.number, m.name, m.birth_date.isoformat(), m.sex, m.expiry_date.isoformat(), m.valid
('L898902C3', 'ANNA MARIA ERIKSSON', '1974-08-12', 'F', '2012-04-15', True)
>>> m = parse("P<INDREDDY<<LAKSHMI<DEVI", "N4820613K4IND9207Z50F2906134<<<<<<<<<<<<<<02", number_pattern="A9999999<")
>>> m.number, m.birth_date.isoformat(), m.valid, m.repairs
('N4820613', '1992-07-25', True, 2)
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from kagaz.text.repair import TO_DIGIT, TO_LETTER

__all__ = ["Mrz", "check_digit", "is_line1", "is_line2", "parse"]

_WEIGHTS = (7, 3, 1)
_FILLERS = "KC"  # letters OCR reads for "<"
# Single-character confusions to try when a check digit fails (OCR-B read by a general model).
_CONFUSE = {
    "0": "8695", "1": "74", "2": "7", "3": "85", "4": "19", "5": "63", "6": "580",
    "7": "12", "8": "0369", "9": "804",
    "O": "DQ", "D": "O", "Q": "O", "M": "NH", "N": "MH", "H": "NM", "P": "R", "R": "P",
    "U": "V", "V": "U", "I": "L", "L": "I", "E": "F", "F": "E", "G": "C", "C": "G",
}


def _value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    return 0


def check_digit(text: str) -> str:
    """The ICAO 9303 check digit of ``text`` (digits, ``A``–``Z``, ``<``).

    >>> check_digit("ZE184226B<<<<<")
    '1'
    """
    return str(sum(_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(text)) % 10)


def _checks(value: str, check: str) -> bool:
    if check == "<" and set(value) <= {"<"}:
        return True
    return check_digit(value) == check


def _clean(text: str) -> str:
    """Upper case, no spaces; ``«`` is two fillers, other punctuation one."""
    s = re.sub(r"\s+", "", text.upper()).replace("«", "<<").replace("»", "<<")
    return re.sub(r"[^A-Z0-9<]", "<", s)


def is_line1(text: str) -> bool:
    """Looks like TD3 line 1 of a passport: ``P`` + type/filler + a state code, then names."""
    s = _clean(text)
    return len(s) >= 20 and bool(re.match(r"P[<A-Z]?[A-Z]{3}[A-Z]", s)) and s.count("<") >= 2


def is_line2(text: str) -> bool:
    """Looks like TD3 line 2: about 44 characters with the digits of two dates in it."""
    s = _clean(text)
    return 34 <= len(s) <= 50 and sum(ch.isdigit() for ch in s) >= 12


@dataclass
class Mrz:
    """A parsed TD3 zone; ``checks`` says which check digits pass (after repairs)."""

    document_code: str = "P"
    issuing_state: str = ""
    surname: str = ""
    given_names: str = ""
    number: str = ""
    nationality: str = ""
    birth_date: dt.date | None = None
    sex: str = "<"
    expiry_date: dt.date | None = None
    personal_number: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    repairs: int = 0  # characters changed to fit a class or pass a check digit
    line2: str = ""

    @property
    def name(self) -> str:
        """Given names then surname, upper case, as one line."""
        return " ".join(p for p in (self.given_names, self.surname) if p)

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())


def _coerce(text: str, classes: str) -> tuple[str, int] | None:
    """Force each character into its class: 9 digit, A letter/filler, < filler, X any."""
    out, fixes = [], 0
    for i, (ch, want) in enumerate(zip(text, classes)):
        near_filler = "<" in text[max(0, i - 1) : i] + text[i + 1 : i + 2] or i == len(text) - 1
        if want == "9":
            new = ch if ch.isdigit() else TO_DIGIT.get(ch)
        elif want == "<":
            new = "<" if ch in "<" + _FILLERS or not ch.isdigit() else None
        elif want == "A":
            new = ch if ch.isalpha() or ch == "<" else TO_LETTER.get(ch)
        else:  # X: letters, digits or filler; a lone K/C among fillers is a filler
            new = "<" if ch in _FILLERS and near_filler and "<" in text[i + 1 : i + 2] + "<" * (i == len(text) - 1) and "<" in text[max(0, i - 1) : i] else ch
        if new is None:
            return None
        fixes += new != ch
        out.append(new)
    return "".join(out), fixes


def _fit(text: str, size: int) -> str | None:
    """Pad with fillers or drop trailing fillers so that ``text`` has ``size`` characters."""
    if len(text) < size:
        return text + "<" * (size - len(text))
    while len(text) > size and text[-1] in "<" + _FILLERS:
        text = text[:-1]
    return text if len(text) == size else None


def _date(yymmdd: str, *, past: bool, today: dt.date) -> dt.date | None:
    try:
        yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
        d = dt.date(2000 + yy, mm, dd)
        limit = today if past else today.replace(year=today.year + 20)
        return d if d <= limit else dt.date(1900 + yy, mm, dd)
    except ValueError:
        return None


def _options(value: str, check: str, classes: str, ok) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    """(value, check, substitutions) that pass: as read, or with one confusable character swapped."""
    if ok(value) and _checks(value, check):
        return [(value, check, 0)]
    out = []
    for i, ch in enumerate(value):
        for alt in _CONFUSE.get(ch, ""):
            if alt.isdigit() != (classes[i] == "9") and classes[i] != "X":
                continue
            new = value[:i] + alt + value[i + 1 :]
            if ok(new) and _checks(new, check):
                out.append((new, check, 1))
    if ok(value):
        out += [(value, alt, 1) for alt in _CONFUSE.get(check, "") if _checks(value, alt)]
    return out


def _parse_line2(s: str, k: int, number_pattern: str, today: dt.date):  # type: ignore[no-untyped-def]
    """Read line 2 with the nationality starting at ``k`` (10 when no filler was lost)."""
    number = _fit(s[: k - 1], 9)
    body, tail = s[k : k + 18], s[k + 18 :]
    if number is None or len(body) < 18:
        return None
    personal = _fit(tail[:-2], 14) if len(tail) >= 2 else None
    parts = [
        (number, s[k - 1], number_pattern, lambda v: True),
        (body[3:9], body[9], "999999", lambda v: _date(v, past=True, today=today) is not None),
        (body[11:17], body[17], "999999", lambda v: _date(v, past=False, today=today) is not None),
    ]
    if personal is not None:
        parts.append((personal, tail[-2], "X" * 14, lambda v: True))
    fixes, fields = 0, []
    for value, check, classes, ok in parts:
        fixed = _coerce(value, classes)
        digit = check if check.isdigit() or check == "<" else TO_DIGIT.get(check, check)
        if fixed is None:
            return None
        fixes += fixed[1] + (digit != check)
        fields.append((fixed[0], digit, classes, ok))
    nat = _coerce(body[:3], "AAA")
    sex = {"K": "<", "C": "<", "H": "M", "N": "M", "E": "F", "P": "F"}.get(body[10], body[10])
    if nat is None or sex not in "MF<":
        return None
    options = [_options(*f) or [(f[0], f[1], 0)] for f in fields]
    composite = tail[-1] if len(tail) >= 2 else None
    composite = TO_DIGIT.get(composite, composite) if composite else None
    best = None
    for combo in itertools.product(*options):
        passes = [_checks(v, c) and f[3](v) for (v, c, _), f in zip(combo, fields)]
        comp_ok = None
        if composite is not None and len(combo) == 4:
            n, b, e, p = combo
            comp_ok = check_digit(n[0] + n[1] + b[0] + b[1] + e[0] + e[1] + p[0] + p[1]) == composite
        subs = sum(c[2] for c in combo)
        rank = (sum(passes) + bool(comp_ok), -subs)
        if best is None or rank > best[0]:
            best, ambiguous = (rank, combo, passes, comp_ok), False
        elif rank == best[0]:
            ambiguous = True
    assert best is not None
    rank, combo, passes, comp_ok = best
    if ambiguous and -rank[1] > 0:  # two different repairs fit equally: trust none of them
        combo = tuple((f[0], f[1], 0) for f in fields)
        passes = [_checks(f[0], f[1]) and f[3](f[0]) for f in fields]
    m = Mrz(nationality=nat[0].replace("<", ""), sex=sex, repairs=fixes + nat[1] + (sex != body[10]))
    m.repairs += sum(c[2] for c in combo)
    m.number = combo[0][0].replace("<", "")
    m.birth_date = _date(combo[1][0], past=True, today=today)
    m.expiry_date = _date(combo[2][0], past=False, today=today)
    m.checks = {"number": passes[0], "birth_date": passes[1], "expiry_date": passes[2]}
    if len(combo) == 4:
        m.personal_number = combo[3][0].replace("<", "")
        m.checks["personal_number"] = passes[3]
    if comp_ok is not None:
        m.checks["composite"] = comp_ok
    m.line2 = combo[0][0] + combo[0][1] + nat[0] + combo[1][0] + combo[1][1] + sex + combo[2][0] + combo[2][1]
    if len(combo) == 4:
        m.line2 += combo[3][0] + combo[3][1] + (composite or "")
    return m


def _names(line1: str, state: str) -> tuple[str, str, str, str]:
    """(document code, issuing state, surname, given names) from line 1."""
    s = _clean(line1)
    code = s[:1]
    if state and s[1:4] == state:  # the type filler was dropped
        s = s[:1] + "<" + s[1:]
    issuer = s[2:5]
    body = s[5:]
    # A K or C standing between fillers (or at the end after one) is a misread filler.
    body = re.sub(r"(?<=<)[KC](?=<|$)", "<", body)
    body = re.sub(r"(?<=<)[KC](?=<|$)", "<", body).rstrip("<")
    body = "".join(TO_LETTER.get(ch, ch) for ch in body)
    surname, _, given = body.partition("<<")
    tokens = [t for t in re.split(r"<+", given) if t]
    words = " ".join(tokens)
    return code, issuer, " ".join(t for t in surname.split("<") if t), words


def parse(
    line1: str | None,
    line2: str,
    *,
    number_pattern: str = "XXXXXXXXX",
    today: dt.date | None = None,
) -> Mrz | None:
    """Parse a TD3 zone; ``line1`` may be missing. None when line 2 cannot be read at all.

    ``number_pattern`` gives the class of each of the 9 number positions when the issuer's format
    is known (India: ``A9999999<``), so that fillers and O/0 confusions there can be repaired.
    """
    today = today or dt.date.today()
    s = _clean(line2)
    bases = [s] + ([s[1:]] if len(s) > 44 else [])
    best: tuple[tuple[int, int, int], Mrz] | None = None
    for base in bases:
        for k in (10, 9, 11, 8, 12):
            m = _parse_line2(base, k, number_pattern, today)
            if m is None:
                continue
            rank = (sum(m.checks.values()), -m.repairs, k == 10)
            if best is None or rank > best[0]:
                best = (rank, m)
    if best is None:
        return None
    m = best[1]
    if line1:
        m.document_code, m.issuing_state, m.surname, m.given_names = _names(line1, m.nationality)
    return m
