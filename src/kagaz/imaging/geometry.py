"""Page orientation and skew from the OCR's own text boxes, and the transforms that undo them.

Reading the page once and straightening its geometry afterwards costs nothing extra; a separate
detection pass before OCR would cost about two thirds of the OCR time again (the detector is the
expensive model), so the pipeline decides orientation from the boxes of the one real pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PIL import Image

from kagaz.ocr.base import OcrLine, Quad

__all__ = ["orientation", "page_pose", "rotate_image", "rotate_points", "skew_angle"]

Point = tuple[float, float]


def orientation(lines: Sequence[OcrLine]) -> int:
    """Degrees to turn the page counter-clockwise (0, 90, 180 or 270) to make it upright.

    Tall boxes mean the page lies on its side; the angle classifier's "I had to flip this crop"
    verdicts tell which side (and whether an upright-looking page is upside down).
    """
    useful = [ln for ln in lines if len(ln.text.strip()) >= 3]
    if not useful:
        return 0
    weight = [len(ln.text) for ln in useful]
    total = sum(weight)
    tall = sum(w for ln, w in zip(useful, weight) if _is_tall(ln.quad))
    flipped = sum(w for ln, w in zip(useful, weight) if ln.flipped)
    if tall > total * 0.5:
        # rapidocr turns tall crops 90 degrees counter-clockwise before reading them; a page
        # turned counter-clockwise therefore reads upside down after that turn.
        return 270 if flipped > total * 0.5 else 90
    return 180 if flipped > total * 0.5 else 0


def _is_tall(quad: Quad) -> bool:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    return (max(ys) - min(ys)) > 1.5 * (max(xs) - min(xs))


def skew_angle(quads: Sequence[Quad], *, max_angle: float = 15.0) -> float:
    """Median baseline angle (degrees, positive = text falls to the right) of wide boxes."""
    angles = []
    for quad in quads:
        pts = sorted(quad, key=lambda p: p[0])
        left = ((pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2)
        right = ((pts[2][0] + pts[3][0]) / 2, (pts[2][1] + pts[3][1]) / 2)
        dx, dy = right[0] - left[0], right[1] - left[1]
        ys = [p[1] for p in quad]
        if dx <= 0 or dx < 3 * (max(ys) - min(ys) - abs(dy)):
            continue
        a = math.degrees(math.atan2(dy, dx))
        if abs(a) <= max_angle:
            angles.append(a)
    if len(angles) < 2:
        return 0.0
    angles.sort()
    return angles[len(angles) // 2]


def rotate_points(points: Sequence[Point], size: tuple[int, int], degrees: float) -> list[Point]:
    """Where points land after ``Image.rotate(degrees, expand=True)`` (counter-clockwise)."""
    w, h = size
    nw, nh = _expanded(size, degrees)
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    out = []
    for x, y in points:
        dx, dy = x - w / 2, y - h / 2
        out.append((c * dx + s * dy + nw / 2, -s * dx + c * dy + nh / 2))
    return out


def _expanded(size: tuple[int, int], degrees: float) -> tuple[int, int]:
    d = degrees % 360
    w, h = size
    if d in (0, 180):
        return w, h
    if d in (90, 270):
        return h, w
    t = math.radians(degrees)
    c, s = abs(math.cos(t)), abs(math.sin(t))
    return math.ceil(w * c + h * s), math.ceil(w * s + h * c)


def rotate_image(image: Image.Image, degrees: float) -> Image.Image:
    """Turn counter-clockwise, expanding the canvas; exact transposes for right angles."""
    d = degrees % 360
    if d == 0:
        return image
    if d == 90:
        return image.transpose(Image.Transpose.ROTATE_90)
    if d == 180:
        return image.transpose(Image.Transpose.ROTATE_180)
    if d == 270:
        return image.transpose(Image.Transpose.ROTATE_270)
    fill = (255, 255, 255) if image.mode == "RGB" else 255
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def page_pose(lines: Sequence[OcrLine], size: tuple[int, int]) -> tuple[int, float]:
    """(turn, skew): degrees to turn counter-clockwise, then the skew left after turning."""
    turn = orientation(lines)
    quads = [tuple(rotate_points(line.quad, size, turn)) for line in lines]
    return turn, skew_angle(quads)  # type: ignore[arg-type]
