"""Aadhaar numbers: the one rule for what is masked, and how, wherever kagaz shows or keeps text.

Logs (:mod:`kagaz.observability.logs`), results (the worker and the review routes), page images
(:func:`kagaz.doctypes.aadhaar.sensitive_boxes`), reports and the secrets scan
(:mod:`kagaz.security.scan`) all ask :func:`find_aadhaar`; none has a pattern of its own, so they
cannot drift apart.

**What counts** as an Aadhaar number in text: twelve digits, plain or in groups of four (the
same space or hyphen between the groups), standing alone. Digits inside a longer token do not
count: a bank narration's reference (``UPI/DR/726018159082/…``, ``NEFT*…*…``), a UUID's last
group, a longer number (a 16-digit VID printed ``9123 4567 8901 2345`` too), an amount (``.``)
or a time (``:``).

**Checked** numbers also have Aadhaar's structure and check digit
(:func:`stdnum.in_.aadhaar.is_valid`: first digit 2-9, Verhoeff, not a palindrome).

**Masked**: by :func:`mask_aadhaar`, every number that counts, checked or not, because one misread
digit breaks the check and a misread Aadhaar number is still one. Only the scan and free-text
reports look at checked numbers alone (``checked_only``): one 12-digit account number or UPI
reference in ten passes Verhoeff by chance, and those that fail it are no leak.

**How**: ``XXXX XXXX 1234``, the masking UIDAI allows.

**Reveal**: entities licensed to hold the number set ``KAGAZ_ENGINE__REVEAL_AADHAAR``;
:meth:`AadhaarMasking.from_settings` is the one place that reads it, and the policy it returns
is passed down to the engine, the workers and the routes. Logs and the scan never reveal.

>>> mask_aadhaar("id 7260 1815 9082, typo 7260-1815-9083, ref UPI/DR/726018159082/RAVI")
'id XXXX XXXX 9082, typo XXXX XXXX 9083, ref UPI/DR/726018159082/RAVI'
>>> [(m.digits, m.checked) for m in find_aadhaar("7260 1815 9082 and 726018159083")]
[('726018159082', True), ('726018159083', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stdnum.in_ import aadhaar as stdnum_aadhaar

if TYPE_CHECKING:  # the annotation only: logs import this module, and need no settings
    from kagaz.settings import EngineSettings

__all__ = [
    "AadhaarMasking",
    "AadhaarMatch",
    "find_aadhaar",
    "is_aadhaar_number",
    "mask_aadhaar",
    "mask_aadhaar_text",
    "masked_form",
]

# The boundaries are the secrets scan's, which were tuned on bank statements: before the number
# no letter, digit or joiner of references and decimals; after it no letter, digit or joiner.
# One separator throughout: "2024 12345678" is more often two numbers than one. Nor a fourth
# group of four beside it: a 16-digit VID or card number printed 4-4-4-4.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.:_/*#-])(?<!\d{4}[ -])(\d{4})([ -]?)(\d{4})\2(\d{4})"
    r"(?![0-9A-Za-z_*#-])(?![ -]\d{4}(?!\d))"
)


@dataclass(frozen=True, slots=True)
class AadhaarMatch:
    """One number that counts: where it is in the text, where its first eight digits (the part
    masking hides, and page images black out) end, and its twelve digits."""

    start: int
    end: int
    hidden_end: int
    digits: str

    @property
    def checked(self) -> bool:
        return is_aadhaar_number(self.digits)


def is_aadhaar_number(digits: str) -> bool:
    """Aadhaar's structure and Verhoeff check digit.

    >>> is_aadhaar_number("726018159082"), is_aadhaar_number("726018159083")
    (True, False)
    """
    return bool(stdnum_aadhaar.is_valid(digits))


def find_aadhaar(text: str) -> list[AadhaarMatch]:
    """Every number in ``text`` that counts as an Aadhaar number (see the module), in order."""
    return [
        AadhaarMatch(m.start(), m.end(), m.end(3), m.group(1) + m.group(3) + m.group(4))
        for m in _NUMBER.finditer(text)
    ]


def masked_form(digits: str) -> str:
    """How a number is shown masked.

    >>> masked_form("726018159082")
    'XXXX XXXX 9082'
    """
    return str(stdnum_aadhaar.mask(digits))


def mask_aadhaar(text: str, *, checked_only: bool = False) -> str:
    """``text`` with every number that counts masked (only checked ones with ``checked_only``).

    >>> mask_aadhaar("2345-6789-0123, 298404935897 and 298404935896", checked_only=True)
    '2345-6789-0123, XXXX XXXX 5897 and 298404935896'
    """
    out: list[str] = []
    last = 0
    for m in find_aadhaar(text):
        if checked_only and not m.checked:
            continue
        out += [text[last : m.start], masked_form(m.digits)]
        last = m.end
    return "".join(out) + text[last:] if out else text


def mask_aadhaar_text(text: str) -> str:
    """Free text such as evaluation reports: checked numbers masked, other numbers kept.

    >>> mask_aadhaar_text("no 7260 1815 9082, ref 726018159083, id 726018159082")
    'no XXXX XXXX 9082, ref 726018159083, id XXXX XXXX 9082'
    """
    return mask_aadhaar(text, checked_only=True)


@dataclass(frozen=True, slots=True)
class AadhaarMasking:
    """Whether results may show full Aadhaar numbers (licensed entities only) or masked ones."""

    reveal: bool = False

    @classmethod
    def from_settings(cls, settings: EngineSettings) -> AadhaarMasking:
        """The one place the reveal setting is read; pass the policy down from here."""
        return cls(reveal=settings.reveal_aadhaar)

    def value(self, text: str) -> str:
        """An ``aadhaar_number`` value as results may hold it (every number that counts masked,
        unless revealed).

        >>> AadhaarMasking().value("2345 6789 0123"), AadhaarMasking(reveal=True).value("2345 6789 0123")
        ('XXXX XXXX 0123', '2345 6789 0123')
        """
        return text if self.reveal else mask_aadhaar(text)

    def number(self, digits: str) -> str:
        """A number the engine read, as results show it.

        >>> AadhaarMasking().number("726018159082")
        'XXXX XXXX 9082'
        """
        return digits if self.reveal else masked_form(digits)
