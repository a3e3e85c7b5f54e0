"""Extract: the document type's module reads its fields from the lines."""

from __future__ import annotations

from types import ModuleType

from kagaz.doctypes.address_format import add_formatted_addresses
from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.evidence import unsupported_identifiers
from kagaz.doctypes.fields import names_of, persons
from kagaz.model import Document
from kagaz.pipeline.stages.base import Stage
from kagaz.text.layout import Layout
from kagaz.text.names import looks_joined

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
        # One place for every type: each declared address gets its formatted_* split.
        add_formatted_addresses(doc.fields, module.FIELDS)
        for key in persons(module.FIELDS) & doc.fields.keys():
            fld = doc.fields[key]
            if isinstance(fld.value, str) and looks_joined(fld.value):
                # Probably words run together by the OCR: never route it straight through.
                fld.confidence_score = min(fld.confidence_score, 0.6)
        if doc.pages and all(p.has_text_layer for p in doc.pages):
            text = "\n".join(line.text for line in doc.lines)
            for key in unsupported_identifiers(doc.fields, text, names_of(module.FIELDS, "identifier")):
                # Nothing on a born-digital page was misread: a value it does not print was made up.
                del doc.fields[key]
                doc.add_issue(self.name, "IDENTIFIER_NOT_PRINTED",
                              f"{key} was dropped: the text layer does not print it")
        if not doc.fields:
            doc.add_issue(self.name, "NO_FIELDS", "No field could be read")
        return doc
