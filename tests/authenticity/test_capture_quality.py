"""document_quality_flag: screen_capture for a photo of a screen (coloured moiré from its RGB
stripes), photo_of_photo for a printout's brightness moiré, whatever the document type."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from kagaz.imaging.quality import capture_quality


def card(seed: int) -> Image.Image:
    rng = random.Random(seed)
    img = Image.new("RGB", (1000, 630), tuple(rng.randint(200, 250) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for i in range(12):
        d.text((40, 30 + 48 * i), "UNIQUE IDENTIFICATION AUTHORITY  2484 1692 4902", fill=(20, 20, 60))
    d.rectangle((700, 120, 960, 380), fill=(30, 120, 60))
    return img


def on_screen(img: Image.Image, rng: random.Random) -> Image.Image:
    """The image shown on a screen (each pixel three R, G, B stripes) and photographed: scaled
    down at a slight angle, so that the stripes alias into a coloured moiré, and blurred."""
    a = np.asarray(img, np.float32)
    h, w = a.shape[:2]
    big = cv2.resize(a, (w * 3, h * 3), interpolation=cv2.INTER_NEAREST)
    stripes = np.zeros_like(big)
    for c in range(3):
        stripes[:, c::3, c] = 1.0
    big = big * stripes * 2.2 + 10
    scale = rng.uniform(0.28, 0.4)
    m = cv2.getRotationMatrix2D((w * 1.5, h * 1.5), rng.uniform(-4, 4), scale)
    shot = cv2.warpAffine(big, m, (w * 3, h * 3))
    cy, cx, hh, hw = h * 1.5, w * 1.5, h * 1.5 * scale, w * 1.5 * scale
    shot = cv2.GaussianBlur(shot[int(cy - hh):int(cy + hh), int(cx - hw):int(cx + hw)], (0, 0), rng.uniform(0.4, 0.9))
    return Image.fromarray(np.clip(shot, 0, 255).astype(np.uint8))


def printout_moire(img: Image.Image, cast: tuple[float, float, float]) -> Image.Image:
    h, w = img.height, img.width
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    moire = 10 * np.sin(2 * np.pi * (xx * 0.8 + yy * 0.6) / 4.0)
    arr = (np.asarray(img, np.float32) + moire[..., None]) * np.array(cast, np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("seed", range(4))
def test_a_photo_of_a_screen_is_a_screen_capture(seed) -> None:
    assert capture_quality(on_screen(card(seed), random.Random(seed)))[0] == "screen_capture"


@pytest.mark.parametrize("cast", [(1, 1, 1), (1.08, 1.0, 0.85), (0.92, 1.02, 1.05)])
def test_a_printouts_moire_stays_photo_of_photo_even_with_a_colour_cast(cast) -> None:
    assert capture_quality(printout_moire(card(1), cast))[0] == "photo_of_photo"


def test_an_original_stays_original() -> None:
    assert capture_quality(card(2))[0] == "original"
