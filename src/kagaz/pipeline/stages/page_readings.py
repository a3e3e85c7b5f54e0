"""The Devanagari page reader's readings: which lines to read again, how to cut them out, and
whether a new reading is better.

Tesseract reads a Marathi page whole (:mod:`kagaz.pipeline.stages.ocr`); these helpers judge that
reading against the lines RapidOCR's detector boxed on the same page, and prepare what is read
again: a doubtful line cut out by its box, or the page with only the detected lines on white.
"""

from __future__ import annotations

import re

from PIL import Image

from kagaz.imaging.geometry import overlap
from kagaz.ocr.base import OcrLine
from kagaz.text.devanagari import devanagari_share

__all__ = ["LINE_READ_PX", "better_reading", "covered_share", "covers", "doubtful_page_line", "is_junk",
           "line_crop", "mean_conf", "text_only"]

#: A line re-read on its own is enlarged to at least this height (Tesseract loses matras on
#: Devanagari under about 20 px of x-height).
LINE_READ_PX = 72
_LATIN = re.compile(r"[A-Za-z]")


def doubtful_page_line(line: OcrLine) -> bool:
    """A page reader's line worth reading again on its own: Latin letters among Devanagari
    (a name read as "fase"), or a low score on a line with digits or Devanagari."""
    share = devanagari_share(line.text)
    if share >= 0.2 and re.search(r"[A-Za-z]{2,}", line.text) and share < 0.97:
        return True
    return line.score < 0.6 and (share > 0 or any(ch.isdigit() for ch in line.text))


def better_reading(text: str, conf: float, old: OcrLine) -> bool:
    """Whether a line's own reading replaces the page reader's: believable (score 0.6 or more),
    and either fewer Latin letters at about the same score, or a clearly higher score with no
    more Latin letters (Tesseract scored "| aed क्रमांक S615 /2013 |" 0.69 against 0.45 for
    "देस्तक्रमांक 5615/2013")."""
    if not text or conf < 0.6:
        return False
    new_latin, old_latin = len(_LATIN.findall(text)), len(_LATIN.findall(old.text))
    return (new_latin < old_latin and conf >= old.score - 0.1) or (new_latin <= old_latin and conf >= old.score + 0.1)


def line_crop(image: Image.Image, bbox: tuple[float, float, float, float]) -> Image.Image:
    """One line cut from the page, with a margin of 15% of its height (2 px at least) for the
    matras and descenders a tight box clips."""
    x0, y0, x1, y1 = bbox
    pad = max(2.0, (y1 - y0) * 0.15)
    return image.crop((max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad)))


def covers(line: OcrLine, read: list[OcrLine]) -> bool:
    """Whether a reading in ``read`` lies on ``line``'s box. A read "line" much taller than it is
    a block gone wrong (a page edge read as "="), and a doubtful Latin-letter reading ("ce ee"
    for a tilted table's row) is junk: neither is a reading of it."""
    h = line.bbox[3] - line.bbox[1]
    return any(overlap(line.bbox, o.bbox) > 0.3 and o.bbox[3] - o.bbox[1] <= 3 * h and not is_junk(o) for o in read)


def covered_share(lines: list[OcrLine], read: list[OcrLine]) -> float:
    """Share of the Latin detector's lines that the page reader's lines cover."""
    boxed = [line for line in lines if line.bbox[2] > line.bbox[0] and line.bbox[3] > line.bbox[1]]
    return sum(covers(line, read) for line in boxed) / len(boxed) if boxed else 1.0


def text_only(image: Image.Image, lines: list[OcrLine]) -> Image.Image:
    """``image`` with everything but the detector's lines (each with a margin of half its height)
    painted white: no background, rules or pictures for Tesseract's layout analysis to trip on."""
    out = Image.new(image.mode, image.size, "white")
    for line in lines:
        x0, y0, x1, y1 = line.bbox
        pad = max(2.0, (y1 - y0) * 0.5)
        box = (max(0, round(x0 - pad)), max(0, round(y0 - pad)),
               min(image.width, round(x1 + pad)), min(image.height, round(y1 + pad)))
        if box[2] > box[0] and box[3] > box[1]:
            out.paste(image.crop(box), box[:2])
    return out


def is_junk(line: OcrLine) -> bool:
    """A page reader's line that is neither Devanagari nor believable Latin: a low score and
    Latin letters only, no digits."""
    return line.score < 0.5 and devanagari_share(line.text) == 0.0 and not any(ch.isdigit() for ch in line.text)


def mean_conf(lines: list[OcrLine]) -> float:
    """Mean line confidence weighted by line length (0.0 for no lines)."""
    total = sum(len(line.text) for line in lines)
    return sum(line.score * len(line.text) for line in lines) / total if total else 0.0
