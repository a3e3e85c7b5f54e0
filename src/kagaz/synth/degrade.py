"""Capture conditions: what happens to a document between the printer and the engine.

Lending customers upload phone photos of cards on a table, photocopies, screenshots re-shot
from a screen, WhatsApp-compressed JPEGs and sideways scans; each variant here imitates one of
those with numpy, OpenCV and Pillow, driven only by the given RNG.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

__all__ = ["DEGRADATIONS", "degrade"]

#: Variants that change pixels (``pdf_text`` is a file format, handled by the generator).
DEGRADATIONS = ("clean", "photo", "photocopy", "lowres", "blur", "jpeg", "rot90", "rot180",
                "rot270", "skew", "photo_of_photo", "pdf_scan")


def _np(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(64))


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.convert("RGB" if img.mode != "L" else "L").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def _table(w: int, h: int, rng: random.Random, g: np.random.Generator) -> np.ndarray:
    """A table-top texture: wood grain, cloth, granite or a plain desk."""
    kind = rng.choice(["wood", "cloth", "granite", "desk"])
    base = np.array(rng.choice({
        "wood": [(120, 80, 45), (150, 105, 65), (90, 60, 40)],
        "cloth": [(60, 70, 110), (140, 40, 40), (70, 110, 80), (200, 200, 195)],
        "granite": [(90, 90, 95), (60, 55, 55), (150, 145, 140)],
        "desk": [(200, 195, 185), (235, 235, 230), (40, 40, 45)],
    }[kind]), np.float32)
    if kind == "wood":
        streak = g.normal(0, 1, (h, 1)).astype(np.float32)
        streak = cv2.GaussianBlur(streak, (1, 0), sigmaX=1, sigmaY=3)
        tex = np.repeat(streak, w, 1) * 18 + g.normal(0, 4, (h, w)).astype(np.float32)
    elif kind == "cloth":
        yy, xx = np.mgrid[0:h, 0:w]
        tex = (np.sin(xx * 1.3) + np.sin(yy * 1.3)) * 6 + g.normal(0, 5, (h, w))
    elif kind == "granite":
        tex = g.normal(0, 14, (h, w)) + cv2.resize(g.normal(0, 20, (h // 8 + 1, w // 8 + 1)),
                                                   (w, h))
    else:
        tex = g.normal(0, 3, (h, w))
    return np.clip(base[None, None, :] + np.asarray(tex, np.float32)[..., None], 0, 255).astype(
        np.float32)


def _rounded_alpha(w: int, h: int) -> np.ndarray:
    mask = Image.new("L", (w, h), 0)
    radius = max(2, min(w, h) // 22) if max(w, h) < 1400 else 3  # cards round, pages square
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=radius, fill=255)
    return np.asarray(mask, np.float32) / 255.0


def _lighting(arr: np.ndarray, rng: random.Random, strength: float) -> np.ndarray:
    """Uneven light: a tilted plane, a soft hot spot and sometimes a hand/phone shadow."""
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx, yy = xx / w - 0.5, yy / h - 0.5
    light = 1.0 + strength * (rng.uniform(-1, 1) * xx + rng.uniform(-1, 1) * yy)
    cx, cy = rng.uniform(-0.4, 0.4), rng.uniform(-0.4, 0.4)
    light += strength * 0.6 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / 0.08)
    if rng.random() < 0.5:
        angle = rng.uniform(0, 2 * math.pi)
        d = xx * math.cos(angle) + yy * math.sin(angle) - rng.uniform(0.1, 0.4)
        light *= 1 - rng.uniform(0.2, 0.4) / (1 + np.exp(-d * 25))
    return arr * light[..., None]


def _place_on_table(img: Image.Image, rng: random.Random, g: np.random.Generator,
                    jitter: float) -> np.ndarray:
    longest = max(img.size)
    if longest > 2000:  # a phone photo of a whole page has fewer pixels per inch than a scan
        img = img.resize((int(img.width * 1800 / longest), int(img.height * 1800 / longest)),
                         Image.Resampling.LANCZOS)
    card = np.asarray(img.convert("RGB"), np.float32)
    ch, cw = card.shape[:2]
    pad_x, pad_y = rng.uniform(0.12, 0.3), rng.uniform(0.12, 0.3)
    w, h = int(cw * (1 + 2 * pad_x)), int(ch * (1 + 2 * pad_y))
    bg = _table(w, h, rng, g)
    angle = math.radians(rng.uniform(-7, 7))
    cx, cy = w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2 + rng.uniform(-0.05, 0.05) * h
    corners = []
    for x, y in ((-cw / 2, -ch / 2), (cw / 2, -ch / 2), (cw / 2, ch / 2), (-cw / 2, ch / 2)):
        rx = x * math.cos(angle) - y * math.sin(angle) + rng.uniform(-jitter, jitter) * cw
        ry = x * math.sin(angle) + y * math.cos(angle) + rng.uniform(-jitter, jitter) * ch
        corners.append((cx + rx, cy + ry))
    src = np.float32([(0, 0), (cw, 0), (cw, ch), (0, ch)])
    m = cv2.getPerspectiveTransform(src, np.float32(corners))
    warped = cv2.warpPerspective(card, m, (w, h), flags=cv2.INTER_LINEAR)
    alpha = cv2.warpPerspective(_rounded_alpha(cw, ch), m, (w, h), flags=cv2.INTER_LINEAR)
    shadow = cv2.GaussianBlur(np.roll(alpha, (int(h * 0.01), int(w * 0.01)), (0, 1)), (0, 0),
                              max(2.0, w / 150))
    bg = bg * (1 - 0.45 * shadow[..., None])
    return warped * alpha[..., None] + bg * (1 - alpha[..., None])


def _finish(arr: np.ndarray, g: np.random.Generator, blur: float, noise: float) -> Image.Image:
    if blur > 0:
        arr = cv2.GaussianBlur(arr, (0, 0), blur)
    arr = arr + g.normal(0, noise, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _photo(img: Image.Image, rng: random.Random) -> Image.Image:
    g = _np(rng)
    arr = _place_on_table(img, rng, g, jitter=0.05)
    arr = _lighting(arr, rng, rng.uniform(0.15, 0.35))
    out = _finish(arr, g, rng.uniform(0.5, 1.3), rng.uniform(3, 7))
    return _jpeg(out, rng.randint(70, 88))


def _photo_of_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    g = _np(rng)
    arr = _place_on_table(img, rng, g, jitter=0.025)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    theta, period = rng.uniform(0, math.pi), rng.uniform(3.0, 6.0)
    moire = np.sin(2 * math.pi * (xx * math.cos(theta) + yy * math.sin(theta)) / period)
    arr = arr + moire[..., None] * rng.uniform(6, 12)
    cast = np.array([rng.uniform(0.9, 1.1), rng.uniform(0.92, 1.05), rng.uniform(0.8, 1.05)])
    arr = _lighting(arr * cast, rng, rng.uniform(0.1, 0.25))
    return _jpeg(_finish(arr, g, rng.uniform(0.7, 1.4), rng.uniform(4, 8)), rng.randint(65, 85))


def _photocopy(img: Image.Image, rng: random.Random) -> Image.Image:
    g = _np(rng)
    grey = ImageOps.autocontrast(img.convert("L"), cutoff=1)
    arr = np.asarray(grey, np.float32)
    lo, hi = rng.uniform(40, 90), rng.uniform(170, 215)  # toner curve: darks black, lights white
    arr = np.clip((arr - lo) * 255.0 / (hi - lo), 0, 255)
    h, w = arr.shape
    speck = g.random((h, w)) < rng.uniform(0.0004, 0.0025)
    arr[speck] = g.uniform(0, 80, int(speck.sum()))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.minimum(np.minimum(xx, w - 1 - xx) / w, np.minimum(yy, h - 1 - yy) / h)
    arr *= 1 - rng.uniform(0.25, 0.55) * np.exp(-edge / rng.uniform(0.015, 0.04))
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(0.4, 0.9)) + g.normal(0, 4, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def _blur(img: Image.Image, rng: random.Random) -> Image.Image:
    k = img.width / 1012
    if rng.random() < 0.6:
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(1.2, 2.0) * min(k, 1.6)))
    n = max(3, int(rng.uniform(5, 9) * min(k, 1.6)))
    kernel = np.zeros((n, n), np.float32)
    kernel[n // 2, :] = 1.0 / n
    rot = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), rng.uniform(0, 180), 1.0)
    kernel = cv2.warpAffine(kernel, rot, (n, n))
    kernel /= max(kernel.sum(), 1e-6)
    arr = cv2.filter2D(np.asarray(img.convert("RGB")), -1, kernel)
    return Image.fromarray(arr, "RGB")


def _scan(img: Image.Image, rng: random.Random) -> Image.Image:
    """A flatbed scan: barely rotated, a little soft, faint noise."""
    g = _np(rng)
    img = img.convert("RGB").rotate(rng.uniform(-0.8, 0.8), Image.Resampling.BICUBIC,
                                    expand=True, fillcolor=(252, 252, 250))
    arr = np.asarray(img, np.float32) * rng.uniform(0.96, 1.0)
    return _finish(arr, g, rng.uniform(0.3, 0.7), rng.uniform(1, 3))


def degrade(img: Image.Image, variant: str, rng: random.Random) -> Image.Image:
    """Return ``img`` as captured under ``variant`` (one of :data:`DEGRADATIONS`)."""
    if variant in ("clean", "pdf_text"):
        return img
    if variant == "photo":
        return _photo(img, rng)
    if variant == "photo_of_photo":
        return _photo_of_photo(img, rng)
    if variant == "photocopy":
        return _photocopy(img, rng)
    if variant == "lowres":
        f = rng.uniform(0.4, 0.5)
        small = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))),
                           Image.Resampling.BOX)
        return small.resize(img.size, Image.Resampling.BICUBIC) if rng.random() < 0.5 else small
    if variant == "blur":
        return _blur(img, rng)
    if variant == "jpeg":
        return _jpeg(img, rng.randint(25, 40))
    if variant in ("rot90", "rot180", "rot270"):
        return img.rotate(int(variant[3:]), expand=True)
    if variant == "skew":
        angle = rng.uniform(2, 5) * rng.choice([-1, 1])
        rgb = img.convert("RGB")
        fill = rgb.getpixel((0, 0)) if rng.random() < 0.5 else (255, 255, 255)
        return rgb.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    if variant == "pdf_scan":
        return _scan(img, rng)
    raise ValueError(f"unknown variant {variant!r}; known: {', '.join(DEGRADATIONS)}")
