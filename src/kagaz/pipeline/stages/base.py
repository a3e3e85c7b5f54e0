"""What a stage is.

A stage MUST take a :class:`~kagaz.model.Document` and return it (the same object,
enriched). It MUST NOT read settings (its options are given to it), MUST report problems of the
document as issues or by raising a :class:`~kagaz.errors.InputError` subclass, and SHOULD be
cheap to construct except where it owns a model (OCR). A disabled stage returns its input
untouched.
"""

from __future__ import annotations

from typing import ClassVar

from kagaz.model import Document

__all__ = ["Stage"]


class Stage:
    name: ClassVar[str] = "stage"
    enabled: bool = True

    def __call__(self, doc: Document) -> Document:
        if not self.enabled:
            return doc
        return self.run(doc)

    def run(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError
