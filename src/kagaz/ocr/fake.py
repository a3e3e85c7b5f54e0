"""A fake OCR engine for tests of the stages around OCR (in the style of httpx's MockTransport).

It returns the lines a test gives it, whatever the image; tests of the real engine live apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from PIL import Image

from kagaz.ocr.base import OcrLine, Quad

__all__ = ["FakeOcrEngine", "lines_from_text"]


def lines_from_text(text: str, *, line_height: float = 30.0, score: float = 0.99) -> list[OcrLine]:
    """One :class:`OcrLine` per non-empty line of ``text``, stacked top to bottom."""
    out = []
    y = 10.0
    for raw in text.splitlines():
        t = raw.strip()
        if t:
            w = 12.0 * len(t)
            quad: Quad = ((10, y), (10 + w, y), (10 + w, y + line_height * 0.8), (10, y + line_height * 0.8))
            out.append(OcrLine(t, score, quad))
        y += line_height
    return out


class FakeOcrEngine:
    name: ClassVar[str] = "fake"

    def __init__(self, lines: Sequence[OcrLine] | Callable[[Image.Image], list[OcrLine]]) -> None:
        self._lines = lines
        self.calls = 0

    def read(self, image: Image.Image) -> list[OcrLine]:
        self.calls += 1
        if callable(self._lines):
            return self._lines(image)
        return list(self._lines)

    def detect(self, image: Image.Image) -> list[Quad]:
        return [line.quad for line in self.read(image)]
