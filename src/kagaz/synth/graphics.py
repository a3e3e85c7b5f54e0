"""Non-text parts of a card: security backgrounds, photo, QR block, signature, emblem, barcode.

None of these carry information the engine needs, but real cards are full of them and they are
what makes OCR hard: guilloche lines cross the text, the photo and QR block produce false text
boxes, and a signature looks like handwriting. Everything is drawn from the given RNG only.
"""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from kagaz.synth.render import Color

__all__ = [
    "barcode",
    "emblem",
    "gradient",
    "guilloche",
    "photo",
    "qr_block",
    "signature",
    "tint",
    "wave_lines",
]


def tint(base: Color, rng: random.Random, spread: int = 18) -> Color:
    """A colour near ``base`` so that two cards of one layout are never the same colour."""
    r, g, b = (max(0, min(255, c + rng.randint(-spread, spread))) for c in base)
    return (r, g, b)


def gradient(w: int, h: int, c1: Color, c2: Color, vertical: bool = True) -> Image.Image:
    """A linear two-colour gradient."""
    t = np.linspace(0.0, 1.0, h if vertical else w, dtype=np.float32)
    t = t[:, None, None] if vertical else t[None, :, None]
    a, b = np.array(c1, np.float32), np.array(c2, np.float32)
    arr = a * (1 - t) + b * t
    arr = np.broadcast_to(arr, (h, w, 3))
    return Image.fromarray(arr.astype(np.uint8), "RGB")


def guilloche(w: int, h: int, rng: random.Random, color: Color, alpha: int = 60,
              rosettes: int = 2) -> Image.Image:
    """An RGBA layer of spirograph rosettes and interlaced sine bands, as on security paper."""
    arr = np.zeros((h, w, 4), np.uint8)
    lw = max(1, round(min(w, h) / 500))
    for _ in range(rosettes):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        radius = rng.uniform(0.18, 0.45) * min(w, h)
        k, m = rng.randint(5, 13), rng.uniform(0.15, 0.4)
        t = np.linspace(0, 2 * math.pi, 1400)
        for j in range(rng.randint(6, 12)):
            phase = j * math.pi / rng.randint(6, 12)
            r = radius * (1 - m + m * np.sin(k * t + phase)) * (1 - 0.04 * j)
            pts = np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], 1).astype(np.int32)
            cv2.polylines(arr, [pts], True, (*color, alpha), lw, cv2.LINE_AA)
    x = np.linspace(0, w, 400)
    for _ in range(rng.randint(1, 2)):
        y0, amp = rng.uniform(0, h), rng.uniform(0.03, 0.12) * h
        per = rng.uniform(0.15, 0.5) * w
        for j in range(rng.randint(6, 14)):
            y = y0 + amp * np.sin(2 * math.pi * x / per + j * 0.35) + j * lw * 3
            pts = np.stack([x, y], 1).astype(np.int32)
            cv2.polylines(arr, [pts], False, (*color, alpha), lw, cv2.LINE_AA)
    return Image.fromarray(arr, "RGBA")


def wave_lines(w: int, h: int, rng: random.Random, color: Color, alpha: int = 40,
               step: float = 14) -> Image.Image:
    """Fine parallel wavy lines over the whole area (the PAN/Aadhaar background texture)."""
    arr = np.zeros((h, w, 4), np.uint8)
    x = np.linspace(0, w, 300)
    per, amp = rng.uniform(0.2, 0.6) * w, rng.uniform(3, 12)
    lw = max(1, round(h / 600))
    y = -amp
    while y < h + amp:
        yy = y + amp * np.sin(2 * math.pi * x / per + y / 37)
        cv2.polylines(arr, [np.stack([x, yy], 1).astype(np.int32)], False, (*color, alpha), lw,
                      cv2.LINE_AA)
        y += step * h / 640
    return Image.fromarray(arr, "RGBA")


def photo(rng: random.Random, w: int, h: int, grey: bool = False) -> Image.Image:
    """A face-like portrait: backdrop, shoulders, neck, head, hair, eyes and mouth, softened."""
    bg = rng.choice([(235, 238, 245), (210, 225, 240), (245, 245, 245), (200, 210, 220)])
    im = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(im)
    skin = rng.choice([(224, 172, 105), (198, 134, 66), (141, 85, 36), (241, 194, 125),
                       (170, 110, 70)])
    cloth = rng.choice([(30, 40, 90), (240, 240, 240), (120, 20, 30), (40, 40, 40),
                        (70, 110, 60), (200, 120, 40)])
    hair = rng.choice([(20, 15, 10), (45, 30, 20), (60, 50, 45), (15, 15, 15)])
    cx = w / 2 + rng.uniform(-0.04, 0.04) * w
    head_w, head_h = w * rng.uniform(0.42, 0.52), h * rng.uniform(0.36, 0.44)
    top = h * rng.uniform(0.12, 0.2)
    d.ellipse((cx - w * 0.55, h * 0.72, cx + w * 0.55, h * 1.4), fill=cloth)
    d.rectangle((cx - head_w * 0.2, top + head_h * 0.8, cx + head_w * 0.2, h * 0.8), fill=skin)
    d.ellipse((cx - head_w / 2 - 3, top - head_h * 0.08, cx + head_w / 2 + 3, top + head_h * 0.6),
              fill=hair)
    d.ellipse((cx - head_w / 2, top, cx + head_w / 2, top + head_h), fill=skin)
    if rng.random() < 0.4:  # long hair falling on both sides
        for x0, x1 in ((-0.55, -0.4), (0.4, 0.55)):
            d.rectangle((cx + head_w * x0, top + head_h * 0.3, cx + head_w * x1, h * 0.78),
                        fill=hair)
    ey = top + head_h * 0.45
    for s in (-1, 1):
        ex = cx + s * head_w * 0.2
        d.ellipse((ex - w * 0.03, ey - h * 0.012, ex + w * 0.03, ey + h * 0.012), fill=(30, 20, 20))
    d.line((cx - head_w * 0.15, top + head_h * 0.78, cx + head_w * 0.15, top + head_h * 0.78),
           fill=(120, 50, 50), width=max(1, w // 60))
    im = im.filter(ImageFilter.GaussianBlur(max(0.5, w / 120)))
    return im.convert("L").convert("RGB") if grey else im


def qr_block(rng: random.Random, size: int, modules: int | None = None) -> Image.Image:
    """A QR-like symbol: three finder squares and random modules, with a quiet zone."""
    n = modules or rng.choice([25, 29, 33, 37])
    grid = np.array([[rng.random() < 0.5 for _ in range(n)] for _ in range(n)], bool)
    for r0, c0 in ((0, 0), (0, n - 7), (n - 7, 0)):
        grid[max(0, r0 - 1):r0 + 8, max(0, c0 - 1):c0 + 8] = False
        grid[r0:r0 + 7, c0:c0 + 7] = True
        grid[r0 + 1:r0 + 6, c0 + 1:c0 + 6] = False
        grid[r0 + 2:r0 + 5, c0 + 2:c0 + 5] = True
    arr = np.where(np.pad(grid, 2), 0, 255).astype(np.uint8)
    return Image.fromarray(arr, "L").resize((size, size), Image.Resampling.NEAREST).convert("RGB")


def signature(rng: random.Random, w: int, h: int, color: Color = (20, 30, 90)) -> Image.Image:
    """A handwritten-looking scribble on a transparent tile."""
    tile = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(tile)
    n = rng.randint(5, 9)
    xs = np.linspace(0.05 * w, 0.95 * w, n)
    ys = np.array([rng.uniform(0.2, 0.8) * h for _ in range(n)])
    t = np.linspace(0, n - 1, 300)
    px = np.interp(t, np.arange(n), xs) + np.sin(t * rng.uniform(5, 9)) * w * 0.04
    py = np.interp(t, np.arange(n), ys) + np.cos(t * rng.uniform(4, 8)) * h * 0.25
    width = max(1, round(h / 25))
    d.line(list(zip(px.tolist(), py.tolist(), strict=True)), fill=color + (255,), width=width,
           joint="curve")
    if rng.random() < 0.6:  # an underline flourish
        y = rng.uniform(0.75, 0.9) * h
        d.line((0.1 * w, y, rng.uniform(0.6, 0.95) * w, y - rng.uniform(0, 0.1) * h),
               fill=color + (255,), width=width)
    return tile


def emblem(rng: random.Random, size: int, color: Color) -> Image.Image:
    """A stylised national emblem (capital, lions, wheel) on a transparent tile."""
    tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(tile)
    c = color + (255,)
    s = size
    d.rectangle((s * 0.22, s * 0.72, s * 0.78, s * 0.84), fill=c)  # abacus
    d.ellipse((s * 0.44, s * 0.73, s * 0.56, s * 0.83), outline=(255, 255, 255, 255), width=1)
    d.ellipse((s * 0.28, s * 0.28, s * 0.5, s * 0.72), fill=c)  # left lion
    d.ellipse((s * 0.5, s * 0.28, s * 0.72, s * 0.72), fill=c)  # right lion
    d.ellipse((s * 0.38, s * 0.1, s * 0.62, s * 0.5), fill=c)  # front lion's mane
    d.polygon([(s * 0.3, s * 0.96), (s * 0.7, s * 0.96), (s * 0.62, s * 0.84),
               (s * 0.38, s * 0.84)], fill=c)
    return tile.filter(ImageFilter.GaussianBlur(0.4))


def barcode(rng: random.Random, w: int, h: int) -> Image.Image:
    """A 1-D barcode of random bar widths."""
    im = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(im)
    unit = max(1.0, w / 180)
    x = unit * 4
    black = True
    while x < w - unit * 4:
        bw = unit * rng.choice([1, 1, 2, 3])
        if black:
            d.rectangle((x, 0, x + bw - 1, h), fill=(0, 0, 0))
        black = not black
        x += bw
    return im
