"""How a card was captured: the original, a photocopy, or a photo of a photo or a screen.

Lenders route copies to manual review. The signals are deliberately simple and conservative
(the default answer is ``original``):

* a photocopy has (almost) no colour: PAN cards are printed in colour, so a card whose pixels
  are all grey is a xerox copy (or a greyscale scan of one, which a lender treats the same);
* a photo of a screen or of a printout carries a strong periodic pattern (moiré, halftone
  dots) that shows as isolated peaks in the image's spectrum.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

__all__ = ["capture_quality"]

ORIGINAL, XEROX, PHOTO_OF_PHOTO = "original", "xerox_copy", "photo_of_photo"


def _colourfulness(rgb: np.ndarray) -> float:
    """Hasler–Süsstrunk colourfulness: about 0 for grey images, > 15 for printed colour cards."""
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    return float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))


def _periodicity(grey: np.ndarray) -> float:
    """Strongest isolated peak of the mid/high-frequency spectrum, relative to its surroundings."""
    g = grey.astype(np.float32)
    g -= g.mean()
    h, w = g.shape
    win = np.outer(np.hanning(h), np.hanning(w)).astype(np.float32)
    spec = np.abs(np.fft.fftshift(np.fft.fft2(g * win)))
    cy, cx = h // 2, w // 2
    yy, xx = np.ogrid[:h, :w]
    r = np.hypot((yy - cy) / h, (xx - cx) / w)
    band = (r > 0.12) & (r < 0.45)
    vals = spec[band]
    if vals.size == 0:
        return 0.0
    return float(vals.max() / (np.median(vals) + 1e-6))


def capture_quality(image: Image.Image) -> tuple[str, float]:
    """(flag, confidence) for a card image.

    >>> capture_quality(Image.new("RGB", (200, 120), (40, 90, 200)))[0]
    'original'
    >>> capture_quality(Image.new("RGB", (200, 120), (128, 128, 128)))[0]
    'xerox_copy'
    """
    small = image.convert("RGB")
    if max(small.size) > 512:
        k = 512 / max(small.size)
        small = small.resize((max(1, int(small.width * k)), max(1, int(small.height * k))))
    rgb = np.asarray(small)
    colour = _colourfulness(rgb)
    if colour < 4.0:
        return XEROX, 0.9 if colour < 2.0 else 0.75
    peak = _periodicity(np.asarray(small.convert("L")))
    if peak > 100.0:
        return PHOTO_OF_PHOTO, 0.7
    return ORIGINAL, 0.8 if colour > 10 else 0.65
