"""A drawing surface that renders to a Pillow image and can replay itself as a text PDF.

Layouts are written in *design units* (an ID card is 1012 x 638 units, an A4 page 1654 x 2339)
and the :class:`Canvas` scales them, so that one layout yields cards of several pixel sizes.
Every drawing call is also recorded, so the same page can be exported as a born-digital PDF
with a real text layer (:func:`to_pdf`), as e-Aadhaar letters are.

Mixed-script strings ("जन्म तिथि / DOB") are split into runs: Devanagari runs are drawn with
Noto Devanagari (shaped by Raqm), the rest with the layout's Latin family, on one baseline.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal

from PIL import Image, ImageDraw

from kagaz.synth.fonts import DEVANAGARI, font, font_path, is_devanagari

__all__ = ["Canvas", "Color", "encode", "encode_pages", "split_runs", "to_pdf"]

Color = tuple[int, int, int]


def split_runs(text: str) -> list[tuple[bool, str]]:
    """Split into (is_devanagari, chunk) runs; spaces and punctuation go with their neighbours.

    >>> split_runs("नाम / Name")
    [(True, 'नाम'), (False, ' / Name')]
    >>> split_runs("मेरा आधार, मेरी पहचान")
    [(True, 'मेरा आधार, मेरी पहचान')]
    """
    kinds: list[bool | None] = []
    for ch in text:
        if is_devanagari(ch):
            kinds.append(True)
        elif ch.isalpha():
            kinds.append(False)
        else:
            kinds.append(None)
    n = len(kinds)
    resolved: list[bool] = []
    for i, k in enumerate(kinds):
        if k is not None:
            resolved.append(k)
            continue
        prev = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] is not None), None)
        nxt = next((kinds[j] for j in range(i + 1, n) if kinds[j] is not None), None)
        if prev is None and nxt is None:
            resolved.append(False)
        else:
            # Neutral characters are Devanagari only between (or at the edge of) Devanagari text,
            # and the separator before a Latin run ("नाम / Name") goes with the Latin run.
            resolved.append(bool(prev in (True, None) and nxt in (True, None)))
    runs: list[tuple[bool, str]] = []
    for ch, k in zip(text, resolved, strict=True):
        if runs and runs[-1][0] == k:
            runs[-1] = (k, runs[-1][1] + ch)
        else:
            runs.append((k, ch))
    return runs


class Canvas:
    """A page or card being drawn; coordinates and sizes are in design units times ``scale``.

    :meth:`view` gives a sub-canvas (same pixels, same recording) with its own origin and
    scale, so that a card-side drawing function can also draw a small card on an A4 letter.
    """

    def __init__(self, width: int, height: int, scale: float = 1.0,
                 background: Color = (255, 255, 255), dpi: int = 300) -> None:
        self.width, self.height, self.scale, self.dpi = width, height, scale, dpi
        self.img = Image.new("RGB", (width, height), background)
        self._draw = ImageDraw.Draw(self.img)
        self.ops: list[tuple[Any, ...]] = []
        #: Devanagari runs go into the PDF's text layer too (:func:`to_pdf`): set by layouts of
        #: documents whose born-digital PDFs carry Unicode Devanagari (a computerised 7/12)
        self.devanagari_text = False
        self.ox = self.oy = 0
        self.w = width / scale  # width in design units
        self.h = height / scale

    def view(self, x: float, y: float, w: float, h: float, scale: float | None = None) -> Canvas:
        """A region starting at design point (x, y), ``w`` x ``h`` units in its own scale."""
        sub = object.__new__(Canvas)
        sub.__dict__.update(self.__dict__)
        sub.ox, sub.oy = self.X(x), self.Y(y)
        sub.scale = self.scale if scale is None else scale
        sub.w, sub.h = w, h
        return sub

    # -- units -------------------------------------------------------------------------------
    def px(self, v: float) -> int:
        """A length in pixels."""
        return int(round(v * self.scale))

    def X(self, x: float) -> int:  # noqa: N802 - a coordinate, as in maths
        return self.ox + self.px(x)

    def Y(self, y: float) -> int:  # noqa: N802
        return self.oy + self.px(y)

    # -- text --------------------------------------------------------------------------------
    @staticmethod
    def _families(family: str, deva: str) -> tuple[str, str]:
        """(Latin, Devanagari) families: a Devanagari ``family`` wins over ``deva`` and leaves
        Latin runs to Noto Sans (Noto Devanagari has digits but no Latin letters)."""
        return ("noto_sans", family) if family in DEVANAGARI else (family, deva)

    def _runs(self, text: str, family: str, size: float, bold: bool, deva: str) -> list[Any]:
        family, deva = self._families(family, deva)
        px = max(6, self.px(size))
        out = []
        for is_deva, chunk in split_runs(text):
            fam = deva if is_deva else family
            out.append((fam, font(fam, px, bold), chunk))
        return out

    def measure(
        self, text: str, family: str, size: float, bold: bool = False, deva: str = "deva_sans"
    ) -> float:
        """Advance width of ``text`` in design units."""
        runs = self._runs(text, family, size, bold, deva)
        return sum(f.getlength(chunk) for _, f, chunk in runs) / self.scale

    def fit(self, text: str, family: str, size: float, max_width: float,
            bold: bool = False) -> float:
        """``size``, reduced so that ``text`` is at most ``max_width`` design units wide."""
        width = self.measure(text, family, size, bold)
        return size if width <= max_width else size * max_width / width

    def text(
        self,
        x: float,
        y: float,
        text: str,
        family: str = "dejavu_sans",
        size: float = 20,
        *,
        bold: bool = False,
        fill: Color = (0, 0, 0),
        align: Literal["l", "m", "r"] = "l",
        deva: str = "deva_sans",
    ) -> float:
        """Draw one line whose top is at ``y``; returns its width in design units."""
        if not text:
            return 0.0
        runs = self._runs(text, family, size, bold, deva)
        total = sum(f.getlength(chunk) for _, f, chunk in runs)
        x0 = self.X(x) - (total / 2 if align == "m" else total if align == "r" else 0)
        latin = font(self._families(family, deva)[0], max(6, self.px(size)), bold)
        baseline = self.Y(y) + latin.getmetrics()[0]
        cx = float(x0)
        for fam, f, chunk in runs:
            self._draw.text((cx, baseline), chunk, font=f, fill=fill, anchor="ls")
            self.ops.append(("text", cx, baseline, chunk, font_path(fam, bold), f.size, fill,
                             fam.startswith("deva")))
            cx += f.getlength(chunk)
        return total / self.scale

    def text_rotated(
        self, x: float, y: float, text: str, family: str, size: float, angle: int,
        fill: Color = (0, 0, 0), bold: bool = False,
    ) -> None:
        """Text turned by ``angle`` degrees (counter-clockwise), its box's top-left at x, y."""
        f = font(family, max(6, self.px(size)), bold)
        left, top, right, bottom = f.getbbox(text)
        tile = Image.new("RGBA", (int(right) + 4, int(bottom) + 4), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((2, 2), text, font=f, fill=fill + (255,))
        self.paste(tile.rotate(angle, expand=True), x, y)

    # -- shapes and images --------------------------------------------------------------------
    def _box(self, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        return (self.X(box[0]), self.Y(box[1]), self.X(box[2]), self.Y(box[3]))

    def rect(
        self, box: tuple[float, float, float, float], fill: Color | None = None,
        outline: Color | None = None, width: float = 1, radius: float = 0,
    ) -> None:
        b = self._box(box)
        lw = max(1, self.px(width)) if outline else 0
        if radius:
            self._draw.rounded_rectangle(b, self.px(radius), fill=fill, outline=outline, width=lw)
        else:
            self._draw.rectangle(b, fill=fill, outline=outline, width=lw)
        self.ops.append(("rect", b, fill, outline, lw))

    def line(self, pts: list[tuple[float, float]], fill: Color, width: float = 1) -> None:
        p = [(self.X(x), self.Y(y)) for x, y in pts]
        lw = max(1, self.px(width))
        self._draw.line(p, fill=fill, width=lw)
        self.ops.append(("line", p, fill, lw))

    def ellipse(self, box: tuple[float, float, float, float], fill: Color | None = None,
                outline: Color | None = None, width: float = 1) -> None:
        b = self._box(box)
        lw = max(1, self.px(width)) if outline else 0
        self._draw.ellipse(b, fill=fill, outline=outline, width=lw)
        self.ops.append(("ellipse", b, fill, outline, lw))

    def paste(self, im: Image.Image, x: float, y: float, w: float | None = None,
              h: float | None = None) -> None:
        """Paste an image (RGBA keeps its transparency), resized to w x h design units."""
        if w is not None and h is not None:
            im = im.resize((max(1, self.px(w)), max(1, self.px(h))), Image.Resampling.LANCZOS)
        pos = (self.X(x), self.Y(y))
        if im.mode == "RGBA":
            self.img.paste(im, pos, im)
        else:
            self.img.paste(im.convert("RGB"), pos)
        self.ops.append(("image", pos[0], pos[1], im))

    def overlay(self, layer: Image.Image) -> None:
        """Alpha-composite an RGBA layer (patterns, watermarks) at this canvas's origin."""
        self.img.paste(layer, (self.ox, self.oy), layer)
        self.ops.append(("image", self.ox, self.oy, layer))


def to_pdf(canvas: Canvas | Sequence[Canvas]) -> bytes:
    """Replay the canvas into a PDF: Latin text as real text (fonts embedded), the rest drawn.

    Devanagari runs become small images because fpdf2 cannot shape them without HarfBuzz; the
    text layer therefore holds the English text, as extractors of real e-Aadhaar PDFs see it.
    On a canvas with ``devanagari_text`` each such run is also written as invisible Unicode text
    over its image (the Noto font embedded, characters in logical order), as the state's
    computerised land records (Mahabhumi) carry their Marathi in the text layer.
    A sequence of canvases becomes a multi-page PDF, one page per canvas.
    """
    from fpdf import FPDF
    from fpdf.enums import TextMode

    pages = [canvas] if isinstance(canvas, Canvas) else list(canvas)
    k = 72.0 / pages[0].dpi
    pdf = FPDF(unit="pt", format=(pages[0].width * k, pages[0].height * k))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    loaded: dict[str, str] = {}
    for canvas in pages:
        pdf.add_page(format=(canvas.width * k, canvas.height * k))
        for op in canvas.ops:
            kind = op[0]
            if kind == "text":
                _, x, base, chunk, path, size, fill, deva = op
                if deva:
                    f = font("deva_serif" if "Serif" in path else "deva_sans", size, "Bold" in path)
                    left, top, right, bottom = f.getbbox(chunk, anchor="ls")
                    tile = Image.new("RGBA", (int(right - left) + 4, int(bottom - top) + 4))
                    ImageDraw.Draw(tile).text((2 - left, 2 - top), chunk, font=f, fill=fill + (255,),
                                              anchor="ls")
                    pdf.image(tile, (x + left - 2) * k, (base + top - 2) * k, tile.width * k,
                              tile.height * k)
                    if getattr(canvas, "devanagari_text", False) and chunk.strip():
                        name = loaded.setdefault(path, f"f{len(loaded)}")
                        if name not in pdf.fonts:
                            pdf.add_font(name, "", path)
                        pdf.set_font(name, "", size * k)
                        pdf.text_mode = TextMode.INVISIBLE
                        pdf.text(x * k, base * k, chunk)
                        pdf.text_mode = TextMode.FILL
                    continue
                name = loaded.setdefault(path, f"f{len(loaded)}")
                if name not in pdf.fonts:
                    pdf.add_font(name, "", path)
                pdf.set_font(name, "", size * k)
                pdf.set_text_color(*fill)
                pdf.text(x * k, base * k, chunk)
            elif kind in ("rect", "ellipse"):
                _, (x0, y0, x1, y1), fill, outline, lw = op
                style = ("F" if fill else "") + ("D" if outline else "")
                if not style:
                    continue
                if fill:
                    pdf.set_fill_color(*fill)
                if outline:
                    pdf.set_draw_color(*outline)
                    pdf.set_line_width(lw * k)
                draw = pdf.rect if kind == "rect" else pdf.ellipse
                draw(x0 * k, y0 * k, (x1 - x0) * k, (y1 - y0) * k, style=style)
            elif kind == "line":
                _, pts, fill, lw = op
                pdf.set_draw_color(*fill)
                pdf.set_line_width(lw * k)
                for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
                    pdf.line(ax * k, ay * k, bx * k, by * k)
            elif kind == "image":
                _, x, y, im = op
                pdf.image(im, x * k, y * k, im.width * k, im.height * k)
    return bytes(pdf.output())


def encode_pages(imgs: Sequence[Image.Image], ext: str, *, dpi: int = 300,
                 jpeg: bool = False) -> bytes:
    """Several pages in one multi-page ``pdf`` (images only) or ``tiff`` (LZW, or JPEG inside
    the TIFF when ``jpeg``)."""
    if len(imgs) == 1:
        return encode(imgs[0], ext, dpi=dpi)
    buf = io.BytesIO()
    first, *rest = [im.convert("RGB") for im in imgs]
    if ext == "pdf":
        first.save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=rest)
    elif ext in ("tif", "tiff"):
        first.save(buf, "TIFF", compression="jpeg" if jpeg else "tiff_lzw", dpi=(dpi, dpi),
                   save_all=True, append_images=rest)
    else:
        raise ValueError(f"{ext!r} cannot hold several pages; use pdf or tiff")
    return buf.getvalue()


def encode(img: Image.Image, ext: str, *, quality: int = 90, dpi: int = 300) -> bytes:
    """Encode to ``png``, ``jpg``, ``tiff``, ``webp`` or (image-only) ``pdf`` bytes."""
    buf = io.BytesIO()
    if ext in ("jpg", "jpeg"):
        img.convert("RGB" if img.mode != "L" else "L").save(
            buf, "JPEG", quality=quality, dpi=(dpi, dpi)
        )
    elif ext == "png":
        img.save(buf, "PNG", dpi=(dpi, dpi), compress_level=3)
    elif ext in ("tif", "tiff"):
        img.save(buf, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    elif ext == "webp":
        img.convert("RGB").save(buf, "WEBP", quality=quality, method=4)
    elif ext == "pdf":
        img.convert("RGB").save(buf, "PDF", resolution=float(dpi))
    else:
        raise ValueError(f"unknown image format {ext!r}")
    return buf.getvalue()
