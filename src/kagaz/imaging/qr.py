"""Find and read QR codes on a page image (zxing-cpp, which reads the dense codes Aadhaar
cards carry better than OpenCV's detector).

A phone photo or a 300-dpi scan may give a dense code only two pixels per module, blurred;
:func:`read_qr_codes` therefore reads the page as it is first, then cuts out each squarish patch
dense with edges (:func:`qr_like_regions`), enlarges it to about 1000 pixels and unsharp-masks it.
A code that zxing locates but cannot decode (a checksum error: blur and perspective have merged
modules) is warped along the corners zxing found to a square of its known module count and read
again. A code that is found but never decoded is reported too, with ``text`` None, so that
callers can say "present, unreadable".

>>> read_qr_codes(Image.new("RGB", (64, 64), "white"))
[]
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from PIL import Image

__all__ = ["QrCode", "qr_like_regions", "read_qr_codes"]

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class QrCode:
    """One QR code: its text (None when found but unreadable) and its box in image pixels."""

    text: str | None
    box: Box


def _box(barcode: zxingcpp.Barcode, scale: float) -> Box:
    p = barcode.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
    return (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def _quad(barcode: zxingcpp.Barcode) -> np.ndarray:
    p = barcode.position
    return np.float32([(p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y),
                       (p.bottom_right.x, p.bottom_right.y), (p.bottom_left.x, p.bottom_left.y)])


def _straightened(grey: np.ndarray, barcode: zxingcpp.Barcode, k: int = 6) -> str | None:
    """Read a located but undecoded QR code again after warping it to ``k`` pixels a module."""
    version = str((barcode.extra or {}).get("Version", ""))
    if not version.isdigit() or not 1 <= int(version) <= 40:
        return None
    side, margin = (17 + 4 * int(version)) * k, 4 * k
    dst = np.float32([(margin, margin), (margin + side, margin), (margin + side, margin + side),
                      (margin, margin + side)])
    warp = cv2.getPerspectiveTransform(_quad(barcode), dst)
    flat = cv2.warpPerspective(grey, warp, (side + 2 * margin, side + 2 * margin),
                               flags=cv2.INTER_CUBIC, borderValue=255)
    soft = cv2.GaussianBlur(flat, (0, 0), k * 0.5)
    for attempt in (flat, cv2.addWeighted(flat, 2.0, soft, -1.0, 0)):
        for found in zxingcpp.read_barcodes(attempt, formats=zxingcpp.BarcodeFormat.QRCode):
            if found.valid and found.text:
                return found.text
    return None


def _attempts(grey: np.ndarray, k: float) -> list[tuple[np.ndarray, float]]:
    """(image, scale relative to ``grey``): enlarged ``k`` times, then unsharp-masked twice as
    hard (a phone's blur merges neighbouring modules; the mask pulls them apart again)."""
    big = cv2.resize(grey, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC) if k > 1 else grey
    blur = cv2.GaussianBlur(big, (0, 0), 0.8 * max(1.0, k))
    return [(cv2.addWeighted(big, 1 + amount, blur, -amount, 0), max(k, 1.0)) for amount in (2.0, 1.0)]


def qr_like_regions(grey: np.ndarray, limit: int = 4) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of squarish patches dense with edges: where a QR code may be.

    A QR code is a square of black and white modules: after a morphological gradient nearly every
    pixel of it is near an edge, while text is dense only along thin lines."""
    h, w = grey.shape
    k = min(1.0, 1000 / max(h, w))
    small = cv2.resize(grey, (max(1, int(w * k)), max(1, int(h * k))), interpolation=cv2.INTER_AREA)
    grad = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    _, edges = cv2.threshold(grad, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    cell = max(5, int(max(small.shape) / 60))
    density = cv2.blur((edges > 0).astype(np.float32), (cell, cell))
    mask = cv2.morphologyEx((density > 0.45).astype(np.uint8), cv2.MORPH_CLOSE,
                            np.ones((cell, cell), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for c in contours:
        x, y, bw, bh = cv2.boundingRect(c)
        side = max(bw, bh)
        if side < max(small.shape) / 25 or not 0.6 < bw / max(1, bh) < 1.65:
            continue
        if cv2.contourArea(c) < 0.55 * bw * bh:
            continue
        pad = 0.12 * side
        boxes.append((cv2.contourArea(c), (int(max(0, (x - pad) / k)), int(max(0, (y - pad) / k)),
                                          int(min(w, (x + bw + pad) / k)), int(min(h, (y + bh + pad) / k)))))
    return [b for _, b in sorted(boxes, reverse=True)[:limit]]


def _read(grey: np.ndarray, scale: float, offset: tuple[int, int] = (0, 0)) -> tuple[list[QrCode], list[QrCode]]:
    """(readable codes, located but unreadable ones) in ``grey``, boxes mapped back."""
    ox, oy = offset

    def moved(box: Box) -> Box:
        return (box[0] + ox, box[1] + oy, box[2] + ox, box[3] + oy)

    found = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode,
                                   try_rotate=True, try_downscale=True, return_errors=True)
    readable = [QrCode(b.text, moved(_box(b, scale))) for b in found if b.valid and b.text]
    if readable:
        return readable, []
    for b in found:
        text = _straightened(grey, b)
        if text:
            return [QrCode(text, moved(_box(b, scale)))], []
    return [], [QrCode(None, moved(_box(b, scale))) for b in found]


def read_qr_codes(image: Image.Image) -> list[QrCode]:
    """Every QR code on ``image``: the readable ones, or else those found but unreadable."""
    grey = np.ascontiguousarray(np.asarray(image.convert("L")))
    readable, unreadable = _read(grey, 1.0)
    if readable:
        return readable
    # Then each patch that looks like a code, cut out and enlarged to about 1000 pixels.
    for x0, y0, x1, y1 in qr_like_regions(grey):
        crop = grey[y0:y1, x0:x1]
        k = min(4.0, max(2.0, 1000 / max(1, max(crop.shape))))
        for attempt, scale in _attempts(crop, k):
            found, missed = _read(attempt, scale, (x0, y0))
            if found:
                return found
            unreadable = unreadable or missed
    return unreadable
