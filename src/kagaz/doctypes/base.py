"""The contract every document-type module keeps, and helpers they share.

A document-type module (``kagaz/doctypes/pan.py`` and its siblings) MUST define:

* ``CODE``: the wire code, e.g. ``"PAN"``; its docstring's first line is the human name.
* ``FIELDS``: every field it can return, with its kind (:func:`kagaz.doctypes.fields.declare`):
  the extract stage, the evidence rule, the evaluation and the cross-check rules read it.
* ``GROUP``: ``"identity"`` (cards and booklets that identify a person) or ``"business"``
  (certificates, invoices, statements, deeds, cheques: the evaluation scores them with the
  business targets and captures).
* ``ORDER``: its place in the registry, an integer; ties in classification score go to the lower
  one. The first twelve types hold 10…120 in steps of ten; a new type takes the next free number.
* ``GENERATOR``: the dotted name of its synthetic generator module (``"kagaz.synth.pan"``, with
  ``LAYOUTS``), or ``None`` before one exists. It is a name, not an import: the engine never
  loads the generators; :mod:`kagaz.synth.generator` imports them by this name.
* ``score(layout) -> float | None``: how sure the module is (0..1) that the lines are its type,
  from content cues alone; ``None`` declines. The highest score above
  :data:`MIN_TYPE_SCORE` wins; a type MUST decline documents of other types even when they share
  words (an Aadhaar letter mentions "PAN"?  the PAN module still declines it).
* ``extract(layout, options) -> dict[str, Field]``: the fields found, under their exact Atlas keys.
  A field not on the document MUST be absent, never invented.
* ``validate(fields) -> list[str]``: checks that need several fields together (the PAN's 5th letter
  against the surname); it MAY lower ``confidence_score`` in place and returns issue messages.

It MAY define ``finish(doc) -> None``, run last with the whole document (page images included):
it may add fields that need the image and derived images in
``doc.artifacts`` (Aadhaar's masked copy, under ``"aadhaar_redacted"``). It MAY define
``sensitive_boxes(page) -> list[box]``: regions of a page image (page pixels) that must be
blacked out in every picture of the page handed out (the review console's page images).
Modules never read settings; :class:`ExtractOptions` carries what they need.

Fields keep the line they came from (``make_field``'s ``line``); after the modules, the engine
sharpens those boxes and finds the rest (:mod:`kagaz.pipeline.provenance`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kagaz.doctypes.fields import Spec
from kagaz.model import Document, Field, TextLine, union_box
from kagaz.text.layout import Hit, Layout

__all__ = [
    "GROUPS",
    "MIN_TYPE_SCORE",
    "DocTypeModule",
    "ExtractOptions",
    "confidence",
    "make_field",
    "row_box",
]

MIN_TYPE_SCORE = 0.5
#: What a type module's ``GROUP`` may be.
GROUPS = ("identity", "business")


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What extraction may do beyond reading: reveal numbers only licensed entities may hold."""

    reveal_aadhaar: bool = False


@runtime_checkable
class DocTypeModule(Protocol):
    CODE: str
    FIELDS: dict[str, Spec]
    GROUP: str
    ORDER: int
    GENERATOR: str | None

    def score(self, layout: Layout) -> float | None: ...

    def extract(self, layout: Layout, options: ExtractOptions) -> dict[str, Field]: ...

    def validate(self, fields: dict[str, Field]) -> list[str]: ...


def confidence(
    ocr: float,
    *,
    checked: bool | None = None,
    repairs: int = 0,
    anchored: bool = True,
    free_text: bool = False,
) -> float:
    """Combine what we know about one value into a 0..1 ``confidence_score``.

    ``ocr`` is the OCR score of the line it came from; ``checked`` is True when a checksum or
    structural rule passed, False when it failed, None when the value has no such rule;
    ``repairs`` counts characters changed by :func:`kagaz.text.repair.coerce`; ``anchored`` says
    whether the value was found next to its label; ``free_text`` marks names and addresses.

    >>> confidence(0.99, checked=True)
    0.99
    >>> confidence(0.99, checked=False) <= 0.5
    True
    >>> confidence(0.97, anchored=False, free_text=True) < 0.9
    True
    """
    ocr = max(0.0, min(1.0, ocr))
    if checked is False:
        return round(min(0.5, ocr * 0.5), 4)
    if checked is True:
        c = 0.6 + 0.4 * ocr
    else:
        c = ocr * (0.96 if free_text else 0.98)
    c -= 0.06 * repairs
    if not anchored:
        c -= 0.12
    if ocr < 0.8:
        c -= 0.1
    return round(max(0.05, min(0.99, c)), 4)


def row_box(lines: Sequence[TextLine]) -> tuple[int, tuple[float, float, float, float]] | None:
    """(page, box around ``lines``) of one row of a list field, for :attr:`Field.rows`."""
    if not lines:
        return None
    return (lines[0].page, union_box(lines))


def make_field(value: Any, conf: float, line: TextLine | Hit | None = None) -> Field:
    """A :class:`Field` with the page and box of the line it came from (for review consoles)."""
    if isinstance(line, Hit):
        line = line.line
    if line is None:
        return Field(value=value, confidence_score=conf)
    return Field(value=value, confidence_score=conf, page=line.page, bbox=line.box)
