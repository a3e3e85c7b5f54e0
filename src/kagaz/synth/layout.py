"""What every layout returns, and the page set-ups and styles that layouts share.

A layout is a function ``render(rng) -> Rendered``: it invents a holder, draws one document and
returns the image with the ground truth *as printed* (case kept, dates as DD/MM/YYYY). Card
layouts draw in a 1012 x 638 design space scaled to a random size around 300 dpi; A4 layouts
draw at 200 dpi and keep their canvas for the born-digital PDF variant.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from kagaz.synth import graphics
from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.render import Canvas, Color

__all__ = [
    "CARD_H",
    "CARD_W",
    "LayoutFn",
    "Rendered",
    "Style",
    "a4_canvas",
    "card_canvas",
    "security_background",
    "style",
    "wrap_parts",
]

CARD_W, CARD_H = 1012, 638
A4_W, A4_H = 1654, 2339


@dataclass
class Rendered:
    """A drawn document: its image, its truth fields and, for A4 pages, the canvas.

    Multi-page documents (bank statements) also fill ``pages`` (every page's image, the first
    being ``image``) and ``canvases`` (every page's canvas, the first being ``canvas``); the
    generator then writes multi-page PDFs and TIFFs. Single-page layouts leave both empty.
    ``notes`` holds facts about the drawing that are not fields (e.g. which row a test broke).
    """

    image: Image.Image
    fields: dict[str, Any]
    page: str = "card"  # "card", "a4", "strip" (receipts) or "photo"
    dpi: int = 300
    canvas: Canvas | None = field(default=None, repr=False)
    pages: list[Image.Image] = field(default_factory=list, repr=False)
    canvases: list[Canvas] = field(default_factory=list, repr=False)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def page_images(self) -> list[Image.Image]:
        """Every page's image (just ``image`` for single-page documents)."""
        return self.pages or [self.image]

    @property
    def page_canvases(self) -> list[Canvas]:
        """Every page's canvas (just ``canvas`` for single-page A4 documents)."""
        return self.canvases or ([self.canvas] if self.canvas is not None else [])


LayoutFn = Callable[[random.Random], Rendered]


@dataclass(frozen=True)
class Style:
    """Typography and colours of one document instance."""

    label_font: str
    value_font: str
    label_size: float
    value_size: float
    label_color: Color
    value_color: Color
    value_bold: bool
    deva: str  # Devanagari family matching the Latin one (sans or serif)


def style(rng: random.Random, *, serif_ok: bool = True, mono_ok: bool = False,
          label: Color = (40, 40, 40), value: Color = (0, 0, 0), scale: float = 1.0) -> Style:
    """A random but plausible style: one family for labels, possibly another for values."""
    pool = SANS + (SERIF if serif_ok else ()) + (MONO if mono_ok else ())
    label_font = rng.choice(pool)
    value_font = label_font if rng.random() < 0.6 else rng.choice(pool)
    deva = "deva_serif" if label_font in SERIF and rng.random() < 0.7 else "deva_sans"
    return Style(
        label_font=label_font,
        value_font=value_font,
        label_size=rng.uniform(17, 22) * scale,
        value_size=rng.uniform(25, 31) * scale,
        label_color=graphics.tint(label, rng, 12),
        value_color=graphics.tint(value, rng, 10),
        value_bold=rng.random() < 0.65,
        deva=deva,
    )


def card_canvas(rng: random.Random, background: Color = (255, 255, 255), *,
                portrait: bool = False) -> Canvas:
    """A card of 1012 x 638 design units (or 638 x 1012) at a random size, ±15 %."""
    scale = rng.uniform(0.86, 1.14)
    w, h = (CARD_H, CARD_W) if portrait else (CARD_W, CARD_H)
    return Canvas(round(w * scale), round(h * scale), scale, background, dpi=300)


def a4_canvas(background: Color = (255, 255, 255)) -> Canvas:
    """An A4 page at 200 dpi; design units are pixels."""
    return Canvas(A4_W, A4_H, 1.0, background, dpi=200)


def security_background(c: Canvas, rng: random.Random, top: Color, bottom: Color,
                        line: Color, *, alpha: int = 55, waves: bool = True) -> None:
    """Gradient, guilloche rosettes and (optionally) fine wavy lines over the whole canvas."""
    w, h = c.px(c.w), c.px(c.h)
    c.paste(graphics.gradient(w, h, top, bottom, vertical=rng.random() < 0.7), 0, 0)
    c.overlay(graphics.guilloche(w, h, rng, line, alpha, rosettes=rng.randint(1, 3)))
    if waves:
        c.overlay(graphics.wave_lines(w, h, rng, line, alpha // 2 + 5))


def wrap_parts(c: Canvas, parts: list[str], width: float, family: str, size: float,
               bold: bool = False) -> list[str]:
    """Greedy wrap of comma-separated components into lines no wider than ``width``.

    Lines break only between components, so joining the lines with ", " gives back exactly
    ``", ".join(parts)`` — the address truth.
    """
    lines: list[str] = []
    cur = ""
    for part in parts:
        trial = f"{cur}, {part}" if cur else part
        if cur and c.measure(trial + ",", family, size, bold) > width:
            lines.append(cur)
            cur = part
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines
