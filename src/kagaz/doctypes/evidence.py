"""No identifier without evidence: the rules that stand between a token and a returned number.

A wrong identifier with a good confidence is worse than none: a credit officer routes it
straight through. Every type module finds its identifiers next to their labels and checks their
structure; these rules hold for all of them, and the extract stage applies them after the module
(:func:`unsupported_identifiers`):

* **A text layer is what the file says.** Look-alike repairs (``coerce``: "O" for "0") exist for
  OCR misreadings. On a born-digital page nothing was misread, so an identifier returned from a
  document read wholly from its text layer must be printed there, character for character
  (spaces and punctuation aside). A word forced into a PAN's shape is not a PAN.
* A digit is a digit: Devanagari digits (०–९) in the text layer count as the ASCII digits
  every value is returned with.
* Masked values are compared by what they show: an Aadhaar number returned masked
  ("XXXX XXXX 1234") is checked by its visible digits.

The fields these rules cover are the identifiers each type declares (``FIELDS``,
:mod:`kagaz.doctypes.fields`).

>>> from kagaz.model import Field
>>> text = "The Corporate Identity Number of the company is U72900KA2020PTC123456"
>>> fields = {"pan_number": Field(value="UTTPD1234A", confidence_score=0.76)}
>>> unsupported_identifiers(fields, text, {"pan_number"})
['pan_number']
>>> unsupported_identifiers({"cin": Field(value="U72900KA2020PTC123456", confidence_score=0.9)}, text, {"cin"})
[]
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kagaz.model import Field
from kagaz.text.devanagari import ascii_digits
from kagaz.text.repair import only_alnum

__all__ = ["printed", "unsupported_identifiers"]

_MASK = re.compile(r"[Xx*•]{2,}")  # a run of mask characters, not the X of "EXP-12"


def printed(value: str, haystack: str) -> bool:
    """Whether ``value`` is printed in ``haystack`` (both compared as letters and digits only;
    a masked value by the characters it shows, in order).

    >>> printed("ABCPK1234F", "PAN: ABCPK 1234 F")
    True
    >>> printed("XXXX XXXX 1234", "Aadhaar 2345 6789 1234")
    True
    >>> printed("ABCPK1234F", "ABCPKI234F")
    False
    >>> printed("EXP-12", "Invoice No. EXP12"), printed("EXP-12", "Invoice No. EP12")
    (True, False)
    >>> printed("123/2", "भूमापन क्रमांक व उपविभाग : १२३/२")  # values carry ASCII digits
    True
    """
    flat = only_alnum(ascii_digits(haystack))
    want = only_alnum(value)
    if want and want in flat:
        return True
    if not _MASK.search(value):
        return False
    shown = [only_alnum(piece) for piece in _MASK.split(value)]
    return all(piece in flat for piece in shown if piece)


def unsupported_identifiers(fields: dict[str, Field], text_layer: str,
                            identifiers: Collection[str]) -> list[str]:
    """Fields among ``identifiers`` whose value is not printed in ``text_layer`` (a document
    read wholly from its text layer): the names of the fields to drop."""
    out = []
    for name, fld in fields.items():
        if name in identifiers and isinstance(fld.value, str) and fld.value:
            if not printed(fld.value, text_layer):
                out.append(name)
    return out
