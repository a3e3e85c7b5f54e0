"""How a document was captured: the original, a photocopy, a photo of a photo, or a photo of a
screen.

Lenders route copies to manual review. The signals are deliberately simple and conservative
(the default answer is ``original``):

* a photocopy has (almost) no colour: PAN cards are printed in colour, so a card whose pixels
  are all grey is a xerox copy (or a greyscale scan of one, which a lender treats the same);
* a photo of a screen or of a printout carries a strong periodic pattern (moiré, halftone
  dots) that shows as isolated peaks in the image's spectrum;
* a screen's pattern is coloured: its pixels are red, green and blue stripes, so the camera's
  moiré appears in the colour difference (red minus blue) as strongly as in the brightness,
  while a printout's halftone moiré is mostly a brightness pattern. A moiré peak in the colour
  difference marks ``screen_capture``.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

__all__ = ["capture_quality"]

ORIGINAL, XEROX, PHOTO_OF_PHOTO, SCREEN = "original", "xerox_copy", "photo_of_photo", "screen_capture"
_MOIRE_PROMINENCE = 12.0
# A printed card's own coloured guilloche can make a weak chromatic peak; a screen's stripes make
# a strong one: the colour test asks for twice the prominence.
_SCREEN_PROMINENCE = 2 * _MOIRE_PROMINENCE


def _colourfulness(rgb: np.ndarray) -> float:
    """Hasler–Süsstrunk colourfulness: about 0 for grey images, > 15 for printed colour cards."""
    r, g, b = (rgb[..., i].astype(np.float32) for i in range(3))
    rg, yb = r - g, 0.5 * (r + g) - b
    return float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))


def _spectrum(plane: np.ndarray) -> np.ndarray:
    g = plane.astype(np.float32)
    g -= g.mean()
    h, w = g.shape
    win = np.outer(np.hanning(h), np.hanning(w)).astype(np.float32)
    return np.abs(np.fft.fftshift(np.fft.fft2(g * win)))


def _periodicity(grey: np.ndarray, spec: np.ndarray | None = None) -> tuple[float, tuple[int, int]]:
    """Strongest isolated peak of the mid/high-frequency spectrum, relative to its surroundings,
    and where it is."""
    spec = _spectrum(grey) if spec is None else spec
    h, w = spec.shape
    cy, cx = h // 2, w // 2
    yy, xx = np.ogrid[:h, :w]
    r = np.hypot((yy - cy) / h, (xx - cx) / w)
    # Text strokes, page edges and JPEG's 8-pixel blocks put their energy on the axes; moiré
    # from a screen or a halftone print sits at an arbitrary angle, so the axes are left out.
    off_axis = (np.abs(yy - cy) > 2) & (np.abs(xx - cx) > 2)
    band = (r > 0.12) & (r < 0.45) & off_axis
    masked = np.where(band, spec, 0.0)
    if not masked.any():
        return 0.0, (0, 0)
    py, px = np.unravel_index(int(masked.argmax()), masked.shape)
    # Prominence against its own neighbourhood: a blurred page's spectrum falls smoothly (no
    # isolated peak), a moiré is a sharp spike.
    y0, y1, x0, x1 = max(0, py - 6), min(h, py + 7), max(0, px - 6), min(w, px + 7)
    hood = spec[y0:y1, x0:x1].copy()
    hood[max(0, py - 1 - y0) : py + 2 - y0, max(0, px - 1 - x0) : px + 2 - x0] = np.nan
    return float(spec[py, px] / (np.nanmedian(hood) + 1e-6)), (int(py), int(px))


def _centre_crop(grey: Image.Image, side: int) -> np.ndarray:
    """A native-resolution crop: downscaling would alias a fine moiré away."""
    w, h = grey.size
    s = min(side, w, h)
    x0, y0 = (w - s) // 2, (h - s) // 2
    return np.asarray(grey.crop((x0, y0, x0 + s, y0 + s)))


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
    grey = _centre_crop(image.convert("L"), 384)
    peak, _ = _periodicity(grey)
    r, _, b = (_centre_crop(band, 384).astype(np.float32) for band in image.convert("RGB").split())
    chroma = _spectrum(r - b)
    chroma_peak, (py, px) = _periodicity(r - b, chroma)
    # A colour cast turns a printout's brightness moiré slightly chromatic too; a screen's own
    # stripes make the colour moiré about as strong as the brightness one.
    if chroma_peak > _SCREEN_PROMINENCE and chroma[py, px] >= 0.8 * _spectrum(grey)[py, px]:
        return SCREEN, 0.7
    if peak > _MOIRE_PROMINENCE:
        return PHOTO_OF_PHOTO, 0.7
    return ORIGINAL, 0.8 if colour > 10 else 0.65
