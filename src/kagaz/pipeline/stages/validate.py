"""Validate: cross-field checks of the type's module, then its finishing step (image checks, masked images)."""

from __future__ import annotations

from types import ModuleType

from kagaz.model import Document
from kagaz.pipeline.stages.base import Stage

__all__ = ["ValidateStage"]


class ValidateStage(Stage):
    name = "validate"

    def __init__(self, types: dict[str, ModuleType]) -> None:
        self.types = types

    def run(self, doc: Document) -> Document:
        if doc.document_type is None:
            return doc
        module = self.types[doc.document_type]
        for message in module.validate(doc.fields):
            doc.add_issue(self.name, "VALIDATION", message)
        finish = getattr(module, "finish", None)
        if callable(finish):
            finish(doc)
        return doc
