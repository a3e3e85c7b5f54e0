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
>>> m = parse("P<INDREDDY<<LAKSHMI<DEVI<<<<<K<<<<<<", "N4820613K7IND92O7259F2906139<<<<<<<<<<<<<<<6",
...           number_pattern="A9999999<")
>>> m.number, m.birth_date.isoformat(), m.valid, m.repairs
('N4820613', '1992-07-25', True, 2)
>>> m.name
'LAKSHMI DEVI REDDY'
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from kagaz.text.repair import TO_DIGIT, TO_LETTER

__all__ = ["Mrz", "check_digit", "is_line1", "is_line2", "parse", "zone_kinds"]

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


_SPACE = re.compile(r"\s+")
_NOT_MRZ = re.compile(r"[^A-Z0-9<]")
_LINE1 = re.compile(r"P[<A-Z]?[A-Z]{3}[A-Z]")


def _clean(text: str) -> str:
    """Upper case, no spaces; ``«`` is two fillers, other punctuation one."""
    s = _SPACE.sub("", text.upper()).replace("«", "<<").replace("»", "<<")
    return _NOT_MRZ.sub("<", s)


def _is_line1(s: str) -> bool:
    return len(s) >= 20 and bool(_LINE1.match(s)) and s.count("<") >= 2


def _is_line2(s: str) -> bool:
    return 34 <= len(s) <= 50 and sum(ch.isdigit() for ch in s) >= 12


def is_line1(text: str) -> bool:
    """Looks like TD3 line 1 of a passport: ``P`` + type/filler + a state code, then names."""
    return _is_line1(_clean(text))


def is_line2(text: str) -> bool:
    """Looks like TD3 line 2: about 44 characters with the digits of two dates in it."""
    return _is_line2(_clean(text))


def zone_kinds(text: str) -> tuple[bool, bool]:
    """(:func:`is_line1`, :func:`is_line2`) of ``text``, cleaning it once.

    >>> zone_kinds("P<INDREDDY<<LAKSHMI<DEVI<<<<<<<<<<<<<<<<<<<<"), zone_kinds("Opening balance")
    ((True, False), (False, False))
    """
    # Cleaning never lengthens ASCII text, and either line has at least 20 characters: this
    # skips the short lines of a page (most of them) without cleaning them.
    if len(text) < 20 and text.isascii():
        return False, False
    s = _clean(text)
    return _is_line1(s), _is_line2(s)


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
    check_chars: dict[str, str] = field(default_factory=dict)  # the check digits as read
    fixes: dict[str, int] = field(default_factory=dict)  # characters changed, per field
    guessed: set[str] = field(default_factory=set)  # fields changed to pass their check digit
    repairs: int = 0  # characters changed to fit a class or pass a check digit, in all
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
        if want == "9":
            new = ch if ch.isdigit() else TO_DIGIT.get(ch)
        elif want == "<":
            new = None if ch.isdigit() else "<"
        elif want == "A":
            new = ch if ch.isalpha() or ch == "<" else TO_LETTER.get(ch)
        else:  # X: letters, digits or filler; a lone K/C between fillers is a filler
            left = text[i - 1] if i else "<"
            right = text[i + 1] if i + 1 < len(text) else "<"
            new = "<" if ch in _FILLERS and left == "<" == right else ch
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


def _parse_line2(s: str, k: int, number_pattern: str, today: dt.date) -> Mrz | None:
    """Read line 2 with the nationality starting at ``k`` (10 when no filler was lost)."""
    number = _fit(s[: k - 1], 9)
    body, tail = s[k : k + 18], s[k + 18 :]
    if number is None or len(body) < 18:
        return None
    # The nationality and sex first: cheapest to check, and most lines that are not a zone fail them.
    nat = _coerce(body[:3], "AAA")
    sex = {"K": "<", "C": "<", "H": "M", "N": "M", "E": "F", "P": "F"}.get(body[10], body[10])
    if nat is None or sex not in "MF<":
        return None
    personal = _fit(tail[:-2], 14) if len(tail) >= 2 else None
    parts = [
        (number, s[k - 1], number_pattern, lambda v: True),
        (body[3:9], body[9], "999999", lambda v: _date(v, past=True, today=today) is not None),
        (body[11:17], body[17], "999999", lambda v: _date(v, past=False, today=today) is not None),
    ]
    if personal is not None:
        parts.append((personal, tail[-2], "X" * 14, lambda v: True))
    fixes, fields, coerced = 0, [], []
    for value, check, classes, ok in parts:
        fixed = _coerce(value, classes)
        if fixed is None:
            return None
        if check in "<" + _FILLERS and set(fixed[0]) == {"<"}:
            digit = "<"
        else:
            digit = check if check.isdigit() else TO_DIGIT.get(check, check)
        fixes += fixed[1] + (digit != check)
        coerced.append(fixed[1] + (digit != check))
        fields.append((fixed[0], digit, classes, ok))
    composite = TO_DIGIT.get(tail[-1], tail[-1]) if personal is not None else None
    options = [_options(*f) or [(f[0], f[1], 0)] for f in fields]
    ranked = []
    for combo in itertools.product(*options):
        passes = [_checks(v, c) and f[3](v) for (v, c, _), f in zip(combo, fields)]
        comp_ok = None
        if composite is not None:
            comp_ok = check_digit("".join(v + c for v, c, _ in combo)) == composite
        ranked.append(((sum(passes) + bool(comp_ok), -sum(c[2] for c in combo)), combo, comp_ok))
    top = max(r[0] for r in ranked)
    winners = [r for r in ranked if r[0] == top]
    chosen = list(winners[0][1])
    # A repair is trusted only when the composite check confirms it, and no other repair does.
    if -top[1] > 0 and (len(winners) > 1 or not winners[0][2] or -top[1] > 2):
        chosen = [(f[0], f[1], 0) for f in fields]
    comp_ok = composite is not None and check_digit("".join(v + c for v, c, _ in chosen)) == composite
    passes = [_checks(v, c) and f[3](v) for (v, c, _), f in zip(chosen, fields)]
    m = Mrz(nationality=nat[0].replace("<", ""), sex=sex)
    m.repairs = fixes + nat[1] + (sex != body[10]) + sum(c[2] for c in chosen)
    m.number = chosen[0][0].replace("<", "")
    m.birth_date = _date(chosen[1][0], past=True, today=today)
    m.expiry_date = _date(chosen[2][0], past=False, today=today)
    names = ["number", "birth_date", "expiry_date", "personal_number"][: len(fields)]
    m.checks = dict(zip(names, passes))
    m.check_chars = {n: f[1] for n, f in zip(names, fields)}
    m.fixes = {n: n0 + c[2] for n, n0, c in zip(names, coerced, chosen)}
    m.guessed = {n for n, c in zip(names, chosen) if c[2]}
    v = [c[0] + c[1] for c in chosen]
    m.line2 = v[0] + nat[0] + v[1] + sex + v[2]
    if personal is not None:
        m.personal_number = chosen[3][0].replace("<", "")
        m.checks["composite"] = comp_ok
        m.line2 += v[3] + (composite or "")
    return m


def _names(line1: str, state: str) -> tuple[str, str, str, str]:
    """(document code, issuing state, surname, given names) from line 1."""
    s = _clean(line1)
    if state and s[1:4] == state:  # the type filler was dropped
        s = s[:1] + "<" + s[1:]
    code, issuer, body = s[:1], s[2:5], s[5:]
    # After the names comes a run of fillers; K or C inside it are misread fillers.
    run = body.find("<<<")
    if run >= 0:
        body = body[:run] + re.sub(r"(?<![A-Z])[KC]{1,2}(?![A-Z])", "<", body[run:])
    body = "".join(TO_LETTER.get(ch, ch) for ch in body.rstrip("<"))
    surname, _, given = body.partition("<<")
    words = lambda part: " ".join(t for t in part.split("<") if t)  # noqa: E731
    return code, issuer, words(surname), words(given)


def parse(
    line1: str | None,
    line2: str | None,
    *,
    number_pattern: str = "XXXXXXXXX",
    today: dt.date | None = None,
) -> Mrz | None:
    """Parse a TD3 zone; either line may be missing. None when neither can be read.

    ``number_pattern`` gives the class of each of the 9 number positions when the issuer's format
    is known (India: ``A9999999<``), so that fillers and O/0 confusions there can be repaired.
    Line 1 alone gives the names only (no check digit covers them: ``checks`` stays empty).
    """
    today = today or dt.date.today()
    s = _clean(line2 or "")
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
    if best is None and not (line1 and is_line1(line1)):
        return None
    m = best[1] if best else Mrz()
    if line1:
        m.document_code, m.issuing_state, m.surname, m.given_names = _names(line1, m.nationality)
    return m
