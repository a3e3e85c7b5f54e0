"""OCR: read every page that has no usable text layer, and re-read Devanagari lines.

The Latin engine reads Devanagari as noise (often CJK-looking characters); such lines are cropped
and handed to the Devanagari reader when one is available.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

from kagaz.imaging.geometry import page_pose, rotate_image
from kagaz.ocr.base import OcrEngine, OcrLine
from kagaz.pipeline.document import Document
from kagaz.pipeline.stages.base import Stage

__all__ = ["OcrOptions", "OcrStage", "looks_misread_devanagari"]

_LATIN_OK = re.compile(r"^[\x20-\x7E\u2014\u2013\u2018\u2019\u201c\u201d\u20b9]*$")


@dataclass(frozen=True, slots=True)
class OcrOptions:
    devanagari: bool = True
    max_devanagari_lines: int = 40
    # A page that is turned (90/180/270) or skewed by more than this many degrees is turned
    # and read again: the recogniser reads tilted crops measurably worse (dates lose digits at
    # 93 degrees), and on upside-down pages the angle classifier misses some lines.
    reread_skew: float = 2.0


def looks_misread_devanagari(line: OcrLine) -> bool:
    """A line the Latin engine could not read: foreign glyphs, or short noise with a low score.

    >>> from kagaz.ocr.fake import lines_from_text
    >>> looks_misread_devanagari(lines_from_text("市3ITUR，T")[0])
    True
    >>> looks_misread_devanagari(lines_from_text("Date of Birth")[0])
    False
    """
    text = line.text.strip()
    if not text:
        return False
    if not _LATIN_OK.match(text):
        return True
    # Short, doubtful Latin text is often Devanagari read as Latin letters; digits mean a date
    # or an amount read badly, which the Hindi model would only make worse.
    return line.score < 0.75 and len(text) <= 12 and not any(ch.isdigit() for ch in text)


_ASCII_RUN = re.compile(r"[\x20-\x7E]+")


def latin_part(text: str) -> str:
    """The Latin text of a line whose other half is misread Devanagari (foreign glyphs dropped).

    Everything ASCII is kept, not only clean words: "जन्म तिथि/DOB:22/12/2000" often comes back
    as two CJK-looking glyphs then "/DOB:22/12/2000", and the date must survive.

    >>> latin_part("Date of Issue / 发行日期")
    'Date of Issue'
    >>> latin_part("发行/DOB:22/12/2000")
    'DOB:22/12/2000'
    >>> latin_part("市3ITUR，T")
    ''
    """
    runs = [r.strip(" /|:-.,") for r in _ASCII_RUN.findall(text)]
    kept = " ".join(r for r in runs if sum(ch.isalnum() for ch in r) >= 3)
    if not re.search(r"[A-Za-z]{2,}\s|\d{2}|[A-Za-z]{3,}[^A-Za-z]*$", kept) or re.fullmatch(r"\d?[A-Z]{3,6}", kept):
        return ""
    return " ".join(kept.split())


class OcrStage(Stage):
    name = "ocr"

    def __init__(self, engine: OcrEngine, options: OcrOptions | None = None, devanagari=None):  # type: ignore[no-untyped-def]
        self.engine = engine
        self.options = options or OcrOptions()
        self.devanagari = devanagari  # a DevanagariReader, or None

    def run(self, doc: Document) -> Document:
        for page in doc.pages:
            if page.has_text_layer or page.image is None:
                continue
            lines = self.engine.read(page.image)
            turn, skew = page_pose(lines, page.image.size)
            if turn != 0 or abs(skew) >= self.options.reread_skew:
                page.image = rotate_image(rotate_image(page.image, turn), skew)
                page.width, page.height = page.image.size
                page.rotation, page.skew = turn, skew
                lines = self.engine.read(page.image)
            if self.options.devanagari and self.devanagari is not None:
                lines = self._reread_devanagari(page.image, lines)
            page.ocr = lines
        return doc

    def _reread_devanagari(self, image: Image.Image, lines: list[OcrLine]) -> list[OcrLine]:
        budget = self.options.max_devanagari_lines
        out = []
        for line in lines:
            if budget > 0 and looks_misread_devanagari(line):
                budget -= 1
                x0, y0, x1, y1 = line.bbox
                pad = max(2.0, (y1 - y0) * 0.15)
                crop = image.crop(
                    (max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad))
                )
                if line.flipped:
                    crop = crop.transpose(Image.Transpose.ROTATE_180)
                text, conf = self.devanagari.read(crop)
                if text and conf >= 0.5 and any("\u0900" <= ch <= "\u097f" for ch in text):
                    latin = latin_part(line.text)
                    if latin:
                        # A bilingual line ("Date of Issue / जारी करने की तिथि"): keep the
                        # English the Latin model read, and add the Hindi.
                        out.append(OcrLine(f"{latin} / {text}", line.score, line.quad, line.flipped))
                    else:
                        out.append(OcrLine(text, conf, line.quad, line.flipped))
                    continue
            out.append(line)
        return out
