"""Classify: ask every registered document type how sure it is; the most confident wins.

A document that no type claims with at least ``min_score`` is UNRECOGNISED: never forced into a
known type.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from kagaz.errors import Unrecognised
from kagaz.pipeline.document import Document
from kagaz.pipeline.stages.base import Stage
from kagaz.text.layout import Layout

__all__ = ["ClassifyOptions", "ClassifyStage"]


@dataclass(frozen=True, slots=True)
class ClassifyOptions:
    min_score: float = 0.5
    # A document's type shows on its first pages; scoring all 60 pages of a statement with
    # every type's cues cost seconds.
    max_pages: int = 3


class ClassifyStage(Stage):
    name = "classify"

    def __init__(self, types: dict[str, ModuleType], options: ClassifyOptions | None = None) -> None:
        self.types = types
        self.options = options or ClassifyOptions()

    def run(self, doc: Document) -> Document:
        layout = Layout(line for line in doc.lines if line.page < self.options.max_pages)
        if not layout.text.strip():
            raise Unrecognised("No text was found on the document")
        best, best_score = None, 0.0
        for code, module in self.types.items():
            s = module.score(layout)
            if s is not None and s > best_score:
                best, best_score = code, float(s)
        if best is None or best_score < self.options.min_score:
            raise Unrecognised()
        doc.document_type = best
        doc.type_score = best_score
        return doc
