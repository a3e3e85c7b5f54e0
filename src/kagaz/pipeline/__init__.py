"""The document engine: load → OCR → normalise → classify → extract → validate.

``Engine`` lives in :mod:`kagaz.pipeline.engine` and is imported lazily here, so that the data
model (:mod:`kagaz.pipeline.document`), which document-type modules import, does not drag the
whole engine (and a circular import) with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Engine", "ExtractResult"]

if TYPE_CHECKING:
    from kagaz.pipeline.document import ExtractResult
    from kagaz.pipeline.engine import Engine


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from kagaz.pipeline.engine import Engine

        return Engine
    if name == "ExtractResult":
        from kagaz.pipeline.document import ExtractResult

        return ExtractResult
    raise AttributeError(name)
