"""Normalise: turn each OCR'd page upright and remove its skew, image and text boxes together.

Orientation and skew are read off the OCR's own boxes (see :mod:`kagaz.imaging.geometry`), so
straightening costs a rotation, not a second OCR pass. After this stage every page's ``lines``
are in the straightened image's pixels, top-left origin, in reading order downstream.
"""

from __future__ import annotations

from dataclasses import dataclass

from kagaz.imaging.geometry import orientation, rotate_image, rotate_points, skew_angle
from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.stages.base import Stage

__all__ = ["NormaliseOptions", "NormaliseStage"]


@dataclass(frozen=True, slots=True)
class NormaliseOptions:
    min_skew: float = 0.5  # degrees below which a page is left as it is
    max_skew: float = 15.0


class NormaliseStage(Stage):
    name = "normalise"

    def __init__(self, options: NormaliseOptions | None = None) -> None:
        self.options = options or NormaliseOptions()

    def run(self, doc: Document) -> Document:
        for page in doc.pages:
            if page.has_text_layer or page.image is None:
                continue
            self._straighten(page)
        return doc

    def _straighten(self, page: Page) -> None:
        raw = page.ocr
        size = page.image.size  # type: ignore[union-attr]
        turn = orientation(raw)
        quads = [rotate_points(line.quad, size, turn) for line in raw]
        image = rotate_image(page.image, turn)  # type: ignore[arg-type]
        skew = skew_angle([tuple(q) for q in quads], max_angle=self.options.max_skew)  # type: ignore[misc]
        if abs(skew) >= self.options.min_skew:
            size2 = image.size
            quads = [rotate_points(q, size2, skew) for q in quads]
            image = rotate_image(image, skew)
        else:
            skew = 0.0
        lines = []
        for line, quad in zip(raw, quads):
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            box = (min(xs), min(ys), max(xs), max(ys))
            lines.append(TextLine(line.text, line.score, box, page.index, "ocr"))
        page.image = image
        page.width, page.height = image.size
        page.rotation = (page.rotation + turn) % 360
        page.skew += skew
        page.lines = lines
