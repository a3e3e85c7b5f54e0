"""The small interface every OCR engine implements, so engines can be swapped.

An engine MUST turn a PIL image into :class:`OcrLine` objects in that image's pixel
coordinates, and MUST be usable for many images in a row (load models once). It SHOULD report,
per line, whether it had to turn the crop upside down to read it, so the pipeline can tell a page
that lies upside down. ``detect`` returns text boxes only, used to find the page's orientation and
skew cheaply before reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from PIL import Image

__all__ = ["OcrEngine", "OcrLine", "Quad"]

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(slots=True)
class OcrLine:
    text: str
    score: float
    quad: Quad  # top-left, top-right, bottom-right, bottom-left as the engine read the text
    flipped: bool = False  # the engine turned the crop 180 degrees to read it

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))


@runtime_checkable
class OcrEngine(Protocol):
    name: ClassVar[str]

    def read(self, image: Image.Image) -> list[OcrLine]: ...

    def detect(self, image: Image.Image) -> list[Quad]: ...
