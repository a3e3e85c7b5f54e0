"""The document engine: load → OCR → normalise → classify → extract → validate.

:class:`Engine` runs the stages (:mod:`kagaz.pipeline.engine`); what they pass along and what
callers get back (:class:`~kagaz.model.Document`, :class:`~kagaz.model.ExtractResult`) is the
data model in :mod:`kagaz.model`, below both the engine and the document types.
"""

from __future__ import annotations

from kagaz.model import ExtractResult
from kagaz.pipeline.engine import Engine

__all__ = ["Engine", "ExtractResult"]
