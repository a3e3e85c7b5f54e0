"""Load: bytes in, pages out. Images (JPEG, PNG, WebP, every TIFF frame) and PDFs.

Every limit is checked before the expensive work it guards: byte size before parsing, pixel
count from the header before decoding, decompressed stream sizes before PDFium parses a PDF
(:mod:`~kagaz.pipeline.stages.pdf_streams`), page count before rendering.
"""

from __future__ import annotations

import io
import math
import threading
import warnings
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, UnidentifiedImageError

from kagaz.errors import (
    CorruptDocument,
    EmptyDocument,
    PasswordRequired,
    TooLarge,
    UnsupportedFormat,
)
from kagaz.imaging.formats import sniff
from kagaz.model import Document, Page, TextLine
from kagaz.pipeline.stages.base import Stage
from kagaz.pipeline.stages.pdf_streams import check_stream_sizes
from kagaz.pipeline.stages.pdf_chars import PageChars, page_rects
from kagaz.pipeline.stages.pdf_words import join_glyph_runs, run_words

__all__ = ["LoadOptions", "LoadStage"]

_MIN_TEXT_LAYER_CHARS = 20
# A page printed from a browser or a scanner app carries a header or footer as text and the
# document itself as a picture: a few words of text beside a large image with no text on it
# means the document is in the picture, and the page is read by OCR.
_THIN_TEXT_LAYER_CHARS = 200
_LARGE_IMAGE_SHARE = 0.1
# PDFium is not thread-safe: two threads rendering at once crash the process (seen with the
# in-process worker pool and a threaded Celery pool). One PDF at a time per process.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class LoadOptions:
    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000
    max_pages: int = 50
    max_side: int = 2400  # pages are scaled down to this for OCR
    pdf_dpi: int = 200
    render_text_pages: int = 5  # render at most this many text-layer pages (redaction, review)
    pdf_max_stream_bytes: int = 128 * 1024 * 1024
    pdf_max_decoded_bytes: int = 4 * 1024 * 1024 * 1024


class LoadStage(Stage):
    name = "load"

    def __init__(self, options: LoadOptions | None = None) -> None:
        self.options = options or LoadOptions()

    def run(self, doc: Document) -> Document:
        data = doc.data
        if not data:
            raise EmptyDocument("The file is empty (0 bytes)")
        if len(data) > self.options.max_bytes:
            raise TooLarge(f"The file is {len(data)} bytes; the limit is {self.options.max_bytes}")
        fmt = doc.format or sniff(data)
        if fmt is None:
            raise UnsupportedFormat()
        doc.format = fmt
        if fmt == "pdf":
            with _PDFIUM_LOCK:
                doc.pages = self._pdf(doc)
        else:
            doc.pages = self._image(data)
        if not doc.pages:
            raise EmptyDocument("The document has no pages")
        return doc

    # -- images ---------------------------------------------------------------------------------
    def _image(self, data: bytes) -> list[Page]:
        opts = self.options
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                im = Image.open(io.BytesIO(data))
                pages = []
                n = getattr(im, "n_frames", 1)
                if n > opts.max_pages:
                    raise TooLarge(f"The image has {n} pages; the limit is {opts.max_pages}")
                for i in range(n):
                    im.seek(i)
                    w, h = im.size
                    if w * h > opts.max_pixels:
                        raise TooLarge(
                            f"The image is {w}x{h} pixels; the limit is {opts.max_pixels} pixels"
                        )
                    if w < 8 or h < 8:
                        raise CorruptDocument(f"The image is only {w}x{h} pixels")
                    frame = im.copy()
                    frame.load()
                    frame = ImageOps.exif_transpose(frame) if i == 0 else frame
                    frame = _to_rgb(frame)
                    frame = _fit(frame, opts.max_side)
                    pages.append(Page(index=i, width=frame.width, height=frame.height, image=frame))
                return pages
        except TooLarge:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise TooLarge("The image's pixel count exceeds the limit") from exc
        except UnidentifiedImageError as exc:
            raise CorruptDocument("The image could not be decoded") from exc
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, MemoryError) as exc:
            raise CorruptDocument(f"The image is truncated or corrupted: {exc}") from exc

    # -- PDFs -----------------------------------------------------------------------------------
    def _pdf(self, doc: Document) -> list[Page]:
        opts = self.options
        # PDFium inflates streams whole and unbounded: measure them first (bombs).
        check_stream_sizes(
            doc.data,
            max_stream_bytes=opts.pdf_max_stream_bytes,
            max_total_bytes=opts.pdf_max_decoded_bytes,
        )
        try:
            pdf = pdfium.PdfDocument(doc.data, password=doc.password)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise PasswordRequired(
                    "The PDF's password is wrong" if doc.password else PasswordRequired.message
                ) from exc
            raise CorruptDocument(f"The PDF could not be parsed: {exc}") from exc
        try:
            doc.metadata = _pdf_metadata(pdf, encrypted=doc.password is not None)
            n = len(pdf)
            if n == 0:
                raise EmptyDocument("The PDF has no pages")
            if n > opts.max_pages:
                raise TooLarge(f"The PDF has {n} pages; the limit is {opts.max_pages}")
            pages = []
            for i in range(n):
                pages.append(self._pdf_page(pdf[i], i, doc))
            return pages
        except pdfium.PdfiumError as exc:
            raise CorruptDocument(f"The PDF could not be read: {exc}") from exc
        finally:
            pdf.close()

    def _pdf_page(self, page, index: int, doc: Document) -> Page:  # type: ignore[no-untyped-def]
        opts = self.options
        pw, ph = page.get_size()
        if pw <= 0 or ph <= 0 or pw > 14400 or ph > 14400:
            raise CorruptDocument(f"Page {index + 1} has an impossible size {pw}x{ph} pt")
        scale = opts.pdf_dpi / 72
        if pw * scale * ph * scale > opts.max_pixels:
            scale = (opts.max_pixels / (pw * ph)) ** 0.5
        lines = _text_layer(page, index, scale)
        chars = sum(len(line.text.strip()) for line in lines)
        has_text = chars >= _MIN_TEXT_LAYER_CHARS and not (
            chars < _THIN_TEXT_LAYER_CHARS and _unread_image(page, lines, scale))
        image, render = None, None
        # PDFium draws ceil(points x scale) pixels a side
        drawn = (math.ceil(pw * scale), math.ceil(ph * scale))
        if not has_text or (index < opts.render_text_pages and max(drawn) > opts.max_side):
            image = _fit(_to_rgb(page.render(scale=scale).to_pil()), opts.max_side)
        elif index < opts.render_text_pages:
            # A text-layer page is pictured only for a redacted copy or a review image: drawn
            # when one is asked for, with the size it would have had if drawn now.
            render = PdfPageDrawing(doc.data, doc.password, index, scale)
        if image is not None:
            width, height = image.size
        elif render is not None:
            width, height = drawn
        else:
            width, height = int(pw * scale), int(ph * scale)
        if has_text and width != int(pw * scale):  # the lines in the picture's pixels
            k = width / (pw * scale)
            lines = [
                TextLine(ln.text, ln.score, tuple(v * k for v in ln.box), ln.page, ln.source,  # type: ignore[arg-type]
                         tuple((w, a * k, b * k) for w, a, b in ln.words))
                for ln in lines
            ]
        return Page(
            index=index,
            width=width,
            height=height,
            image=image,
            lines=lines if has_text else [],
            has_text_layer=has_text,
            render=render,
        )


@dataclass(frozen=True, slots=True)
class PdfPageDrawing:
    """Draws page ``index`` of a PDF (:attr:`kagaz.model.Page.render`), ``k`` times the load
    stage's scale: the document is opened again for it, under the lock all PDFium calls take."""

    data: bytes = field(repr=False)
    password: str | None = field(repr=False)  # never shown: it opens a locked PDF
    index: int
    scale: float

    def __call__(self, k: float = 1.0) -> Image.Image:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(self.data, password=self.password)
            try:
                return _to_rgb(pdf[self.index].render(scale=self.scale * k).to_pil())
            finally:
                pdf.close()


def _unread_image(page, lines: list[TextLine], scale: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether the page holds a large image (at least a tenth of the page) that no text-layer
    line lies on."""
    pw, ph = page.get_size()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        left, right = max(0.0, left), min(pw, right)
        bottom, top = max(0.0, bottom), min(ph, top)
        if (right - left) * (top - bottom) < _LARGE_IMAGE_SHARE * pw * ph:
            continue
        x0, y0, x1, y1 = left * scale, (ph - top) * scale, right * scale, (ph - bottom) * scale
        if not any(x0 <= (ln.x0 + ln.x1) / 2 <= x1 and y0 <= ln.cy <= y1 for ln in lines):
            return True
    return False


def _pdf_metadata(pdf, *, encrypted: bool) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Producer, creator and dates as the PDF states them (forensic checks read these)."""
    try:
        meta = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    except Exception:  # a broken Info dictionary is not a reason to refuse the document
        meta = {}
    out: dict[str, object] = {k.lower(): str(v)[:200] for k, v in meta.items()}
    out["encrypted"] = encrypted
    return out


def _text_layer(page, index: int, scale: float) -> list[TextLine]:  # type: ignore[no-untyped-def]
    """Text runs of a PDF page with their boxes, in pixels at ``scale`` (top-left origin)."""
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() == 0:
            return []
        _, ph = page.get_size()
        chars = PageChars(textpage)
        out = []
        rects = page_rects(textpage)
        # PDFium hands a glyph touching the rect's side to both neighbours ("V/" twice for a
        # "V" and a "/" drawn apart): read a hair inside the rect's sides. Not its top and
        # bottom: an underscore lies on the rect's bottom edge.
        inner = rects.copy()
        dx = np.minimum(0.5, 0.25 * (rects[:, 2] - rects[:, 0]))
        inner[:, 0] += dx
        inner[:, 2] -= dx
        for (left, bottom, right, top), hits in zip(rects.tolist(), chars.meeting_many(inner)):
            text = chars.bounded_text(hits).strip()
            if not text:
                continue
            parts = [part.strip() for part in text.splitlines() if part.strip()]
            box = (left * scale, (ph - top) * scale, right * scale, (ph - bottom) * scale)
            for part in parts:
                words = run_words(chars, (left, bottom, right, top), part, scale) \
                    if len(parts) == 1 else ()
                out.append(TextLine(part, 1.0, box, index, "pdf", words))

        def text_of(box: tuple[float, float, float, float]) -> str:
            x0, y0, x1, y1 = (v / scale for v in box)
            return chars.bounded_text(chars.meeting(x0 + 0.1, ph - y1, x1 - 0.1, ph - y0))

        return join_glyph_runs(out, text_of)
    finally:
        textpage.close()


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "P", "PA") or "transparency" in im.info:
        im = im.convert("RGBA")
        bg = Image.new("RGB", im.size, (255, 255, 255))
        bg.paste(im, mask=im.getchannel("A"))
        return bg
    if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        im = ImageOps.autocontrast(im.convert("L"))
    return im.convert("RGB")


def _fit(im: Image.Image, max_side: int) -> Image.Image:
    if max(im.size) <= max_side:
        return im
    k = max_side / max(im.size)
    return im.resize((max(1, round(im.width * k)), max(1, round(im.height * k))), Image.Resampling.LANCZOS)
