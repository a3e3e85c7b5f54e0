"""Find and read QR codes on a page image (zxing-cpp, which reads the dense codes Aadhaar
cards carry better than OpenCV's detector).

A phone photo or a 300-dpi scan may give a dense code only two pixels per module, and a
photocopy smears it; :func:`read_qr_codes` therefore tries the image as it is, then enlarged,
then sharpened and binarised with Otsu's threshold, and stops at the first attempt that reads
a code. A code that zxing locates but cannot decode (a checksum error: blur and perspective
have merged modules) is cut out along the corners zxing found, straightened to a square of
its known module count and read again, as is and sharpened. A code that is found but cannot be decoded (damaged, too blurred) is reported too,
with ``text`` None, so that callers can say "present, unreadable".

>>> read_qr_codes(Image.new("RGB", (64, 64), "white"))
[]
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp
from PIL import Image

__all__ = ["QrCode", "read_qr_codes"]

Box = tuple[float, float, float, float]
_LARGEST_SIDE = 4000  # enlarging past this costs seconds and gains nothing


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


def _attempts(grey: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """(image, scale relative to the original) in the order they are tried."""
    h, w = grey.shape
    out: list[tuple[np.ndarray, float]] = [(grey, 1.0)]
    for k in (2.0, 3.0):
        if max(h, w) * k > _LARGEST_SIDE:
            break
        big = cv2.resize(grey, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
        out.append((big, k))
        blur = cv2.GaussianBlur(big, (0, 0), 1.0 * k)
        sharp = cv2.addWeighted(big, 1.8, blur, -0.8, 0)
        _, binary = cv2.threshold(sharp, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        out.append((binary, k))
    return out


def read_qr_codes(image: Image.Image) -> list[QrCode]:
    """Every QR code on ``image``: the readable ones, or else those found but unreadable."""
    grey = np.ascontiguousarray(np.asarray(image.convert("L")))
    unreadable: list[QrCode] = []
    for attempt, scale in _attempts(grey):
        found = zxingcpp.read_barcodes(attempt, formats=zxingcpp.BarcodeFormat.QRCode,
                                       try_rotate=True, try_downscale=True, return_errors=True)
        readable = [QrCode(b.text, _box(b, scale)) for b in found if b.valid and b.text]
        if readable:
            return readable
        for b in found:
            text = _straightened(attempt, b)
            if text:
                return [QrCode(text, _box(b, scale))]
        if not unreadable:
            unreadable = [QrCode(None, _box(b, scale)) for b in found]
    return unreadable
