"""Extract: the document type's module reads its fields from the lines."""

from __future__ import annotations

from types import ModuleType

from kagaz.doctypes.base import ExtractOptions
from kagaz.pipeline.document import Document
from kagaz.pipeline.stages.base import Stage
from kagaz.text.layout import Layout

__all__ = ["ExtractStage"]


class ExtractStage(Stage):
    name = "extract"

    def __init__(self, types: dict[str, ModuleType], options: ExtractOptions | None = None) -> None:
        self.types = types
        self.options = options or ExtractOptions()

    def run(self, doc: Document) -> Document:
        if doc.document_type is None:
            return doc
        module = self.types[doc.document_type]
        doc.fields = module.extract(Layout(doc.lines), self.options)
        if not doc.fields:
            doc.add_issue(self.name, "NO_FIELDS", "No field could be read")
        return doc
