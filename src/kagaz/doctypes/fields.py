"""What a document type returns: its fields, each with a kind, declared in the type's module.

Every type module declares ``FIELDS``: a mapping from each field it can return (the exact Atlas
key) to a :class:`Spec`. The engine and the tools read these declarations instead of keeping
their own lists: the extract stage finds the person names to check for run-together words, the
evidence rule finds the identifiers (:mod:`kagaz.doctypes.evidence`), the evaluation scores each
field by its kind, and the cross-check rules are checked against them. Adding a type is its
module (with ``FIELDS``), its generator and its tests.

>>> f = declare(pan_number=IDENTIFIER, name_as_per_pan=PERSON, dob=DATE,
...             document_quality_flag=Spec("text", scored=False))
>>> sorted(names_of(f, "identifier")), sorted(persons(f))
(['pan_number'], ['name_as_per_pan'])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["ADDRESS", "AMOUNT", "COMMON", "DATE", "GENDER", "IDENTIFIER", "KINDS", "LIST", "NAME", "PERSON",
           "POSTCODE", "TABLE", "TEXT", "Kind", "Spec", "declare", "formatted_key", "names_of",
           "persons"]

Kind = Literal["identifier", "name", "date", "amount", "address", "gender", "postcode", "table",
               "list", "text"]
KINDS: tuple[Kind, ...] = ("identifier", "name", "date", "amount", "address", "gender", "postcode",
                           "table", "list", "text")


@dataclass(frozen=True, slots=True)
class Spec:
    """One field: its ``kind``; ``person`` for a person's name (not a business's); ``scored``
    False for what a document does not print (a capture-quality flag, a derived list), which
    synthetic truth does not list."""

    kind: Kind
    person: bool = False
    scored: bool = True


IDENTIFIER, DATE, AMOUNT, ADDRESS = Spec("identifier"), Spec("date"), Spec("amount"), Spec("address")
NAME, PERSON = Spec("name"), Spec("name", person=True)
GENDER, POSTCODE, TABLE, LIST, TEXT = (Spec("gender"), Spec("postcode"), Spec("table"), Spec("list"),
                                       Spec("text"))


def formatted_key(key: str) -> str:
    """The key of an address field's formatted form (:mod:`kagaz.doctypes.address_format`).

    >>> formatted_key("address"), formatted_key("dealer_address")
    ('formatted_address', 'formatted_dealer_address')
    """
    return f"formatted_{key}"


def declare(**fields: Spec) -> dict[str, Spec]:
    """A type's ``FIELDS``, in the order it returns them; every address field is followed by
    its formatted form (unscored: documents print no split), unless the type declares it.

    >>> list(declare(address=ADDRESS, name=NAME))
    ['address', 'formatted_address', 'name']
    """
    out: dict[str, Spec] = {}
    for key, spec in fields.items():
        if spec.kind not in KINDS:
            raise ValueError(f"{key}: unknown kind {spec.kind!r}")
        out[key] = spec
        if spec.kind == "address" and formatted_key(key) not in fields:
            out[formatted_key(key)] = Spec("text", scored=False)
    return out


#: Fields the engine adds to every type's answer, whatever the type declares: how an image was
#: captured (the authenticity stage, :mod:`kagaz.pipeline.stages.authenticity`).
COMMON: dict[str, Spec] = declare(document_quality_flag=Spec("text", scored=False))


def names_of(fields: Mapping[str, Spec], kind: Kind) -> frozenset[str]:
    """The fields of one kind."""
    return frozenset(k for k, s in fields.items() if s.kind == kind)


def persons(fields: Mapping[str, Spec]) -> frozenset[str]:
    """The fields that hold a person's name."""
    return frozenset(k for k, s in fields.items() if s.person)
