"""OCR engines behind one small interface (:class:`~kagaz.ocr.base.OcrEngine`).

Choose an engine by name with :func:`create`; an unknown name fails with the list of known ones.
"""

from __future__ import annotations

from kagaz.errors import ConfigurationError
from kagaz.ocr.base import OcrEngine, OcrLine, Quad

__all__ = ["ENGINES", "OcrEngine", "OcrLine", "Quad", "create"]

ENGINES = ("rapidocr", "tesseract")


def create(kind: str, *, threads: int = 0) -> OcrEngine:
    if kind == "rapidocr":
        from kagaz.ocr.rapid import RapidOcrEngine

        return RapidOcrEngine(threads=threads)
    if kind == "tesseract":
        from kagaz.ocr.tesseract import TesseractEngine

        return TesseractEngine()
    raise ConfigurationError(f"Unknown OCR engine {kind!r}; known: {', '.join(ENGINES)}")
