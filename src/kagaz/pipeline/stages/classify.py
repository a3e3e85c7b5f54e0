"""Classify: ask every registered document type how sure it is; the most confident wins.

A document that no type claims with at least ``min_score`` is UNRECOGNISED: never forced into a
known type. Each type's ``score()`` rests on what every document of that type prints (its
module docstring names the rule or convention); here the scores are only compared.

Besides the winner, the stage keeps the runner-up and turns the two into a
``document_type_confidence``: a clear winner keeps its own score, a near tie loses up to half of
it, so that a reviewer can route doubtful documents (the wire form's ``document_type_confidence``
and ``document_type_runner_up``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from kagaz.errors import Unrecognised
from kagaz.model import Document, TypeCandidate
from kagaz.pipeline.stages.base import Stage
from kagaz.text.layout import Layout

__all__ = ["ClassifyOptions", "ClassifyStage", "type_confidence"]


@dataclass(frozen=True, slots=True)
class ClassifyOptions:
    min_score: float = 0.5
    # A document's type shows on its first pages; scoring all 60 pages of a statement with
    # every type's cues cost seconds.
    max_pages: int = 3


def type_confidence(best: float, runner_up: float) -> float:
    """How sure the choice of type is: the winner's score, less half of it on a dead heat.

    >>> type_confidence(0.9, 0.0)
    0.9
    >>> type_confidence(0.9, 0.9)
    0.45
    >>> type_confidence(0.8, 0.4)
    0.6
    """
    if best <= 0:
        return 0.0
    closeness = max(0.0, min(1.0, runner_up / best))
    return round(best * (1 - closeness / 2), 4)


class ClassifyStage(Stage):
    name = "classify"

    def __init__(self, types: dict[str, ModuleType], options: ClassifyOptions | None = None) -> None:
        self.types = types
        self.options = options or ClassifyOptions()

    def run(self, doc: Document) -> Document:
        layout = Layout(line for line in doc.lines if line.page < self.options.max_pages)
        if not layout.text.strip():
            raise Unrecognised("No text was found on the document")
        scores: list[TypeCandidate] = []
        for code, module in self.types.items():
            s = module.score(layout)
            if s is not None and s > 0:
                scores.append(TypeCandidate(code, round(float(s), 4)))
        # Stable: ties keep the registry's order (identity types first).
        scores.sort(key=lambda c: -c.score)
        best = scores[0] if scores else None
        runner = scores[1] if len(scores) > 1 else None
        if best is None or best.score < self.options.min_score:
            # The nearest type, below the bar, tells a reviewer where to look.
            doc.runner_up = best
            raise Unrecognised()
        doc.document_type = best.code
        doc.type_score = best.score
        doc.runner_up = runner
        doc.type_confidence = type_confidence(best.score, runner.score if runner else 0.0)
        return doc
