"""The seam between the worker and the document engine.

A :class:`Processor` turns bytes into an :class:`~kagaz.pipeline.document.ExtractResult`; the
worker pool calls a :data:`ProcessorFactory` once per worker thread, because the engine is heavy
(it loads OCR models) and is reused for every document that thread handles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from kagaz.pipeline.document import ExtractResult
    from kagaz.settings import EngineSettings

__all__ = ["Processor", "ProcessorFactory", "engine_processor_factory", "mask_aadhaar_numbers"]


class Processor(Protocol):
    """``(data, filename) -> ExtractResult``; MUST NOT raise for a bad document (it reports it
    in ``error_code``). An exception means the processor itself broke; the worker retries."""

    def __call__(self, data: bytes, filename: str | None = None) -> ExtractResult: ...


ProcessorFactory = Callable[[], Processor]


def engine_processor_factory(settings: EngineSettings) -> ProcessorFactory:
    """A factory that builds one real :class:`kagaz.pipeline.Engine` per call."""

    def make() -> Processor:
        from kagaz.pipeline import Engine

        engine = Engine(settings)
        return engine.process  # type: ignore[no-any-return]

    return make


_DIGITS12 = re.compile(r"(?<!\d)(\d{4})\s?(\d{4})\s?(\d{4})(?!\d)")


def mask_aadhaar_numbers(file_data: dict[str, Any]) -> dict[str, Any]:
    """Defence in depth: mask any full 12-digit number left in ``aadhaar_number.value``.

    The engine masks Aadhaar numbers itself; this makes sure that a full number never reaches the
    database even if it did not.

    >>> mask_aadhaar_numbers({"aadhaar_number": {"value": "2345 6789 0123", "confidence_score": 1}})
    {'aadhaar_number': {'value': 'XXXX XXXX 0123', 'confidence_score': 1}}
    """
    field = file_data.get("aadhaar_number")
    if isinstance(field, dict) and isinstance(field.get("value"), str):
        field["value"] = _DIGITS12.sub(lambda m: f"XXXX XXXX {m.group(3)}", field["value"])
    return file_data
