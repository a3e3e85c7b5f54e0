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

__all__ = ["ADDRESS", "AMOUNT", "DATE", "GENDER", "IDENTIFIER", "KINDS", "LIST", "NAME", "PERSON",
           "POSTCODE", "TABLE", "TEXT", "Kind", "Spec", "declare", "names_of", "persons"]

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


def declare(**fields: Spec) -> dict[str, Spec]:
    """A type's ``FIELDS``, in the order it returns them."""
    for key, spec in fields.items():
        if spec.kind not in KINDS:
            raise ValueError(f"{key}: unknown kind {spec.kind!r}")
    return dict(fields)


def names_of(fields: Mapping[str, Spec], kind: Kind) -> frozenset[str]:
    """The fields of one kind."""
    return frozenset(k for k, s in fields.items() if s.kind == kind)


def persons(fields: Mapping[str, Spec]) -> frozenset[str]:
    """The fields that hold a person's name."""
    return frozenset(k for k, s in fields.items() if s.person)
