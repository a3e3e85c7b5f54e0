"""The seam between the worker and the document engine.

A :class:`Processor` turns bytes into an :class:`~kagaz.model.ExtractResult`; the
worker pool calls a :data:`ProcessorFactory` once per worker thread, because the engine is heavy
(it loads OCR models) and is reused for every document that thread handles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kagaz.text.masking import AadhaarMasking

if TYPE_CHECKING:
    from kagaz.model import ExtractResult
    from kagaz.settings import EngineSettings

__all__ = ["Processor", "ProcessorFactory", "engine_processor_factory", "mask_aadhaar_numbers"]


class Processor(Protocol):
    """``(data, filename, password=...) -> ExtractResult``; MUST NOT raise for a bad document (it
    reports it in ``error_code``). An exception means the processor itself broke; the worker
    retries. ``password`` opens a locked PDF; the worker passes it only when the document has
    one, so a processor that never reads locked PDFs may leave it out."""

    def __call__(
        self, data: bytes, filename: str | None = None, *, password: str | None = None
    ) -> ExtractResult: ...


ProcessorFactory = Callable[[], Processor]


def engine_processor_factory(settings: EngineSettings) -> ProcessorFactory:
    """A factory that builds one real :class:`kagaz.pipeline.Engine` per call."""

    def make() -> Processor:
        from kagaz.pipeline import Engine

        engine = Engine(settings)
        return engine.process  # type: ignore[no-any-return]

    return make


def mask_aadhaar_numbers(
    file_data: dict[str, Any], masking: AadhaarMasking = AadhaarMasking()
) -> dict[str, Any]:
    """Defence in depth: mask any full number left in ``aadhaar_number.value``, by the one rule
    (:mod:`kagaz.text.masking`), unless ``masking`` reveals numbers.

    The engine masks Aadhaar numbers itself; this makes sure that a full number never reaches the
    database even if it did not.

    >>> mask_aadhaar_numbers({"aadhaar_number": {"value": "2345 6789 0123", "confidence_score": 1}})
    {'aadhaar_number': {'value': 'XXXX XXXX 0123', 'confidence_score': 1}}
    """
    field = file_data.get("aadhaar_number")
    if isinstance(field, dict) and isinstance(field.get("value"), str):
        field["value"] = masking.value(field["value"])
    return file_data
