"""OCR: read every page that has no usable text layer, and re-read Devanagari lines or pages.

The Latin engine reads Devanagari as noise (often CJK-looking characters, or Latin junk with a
low score) or drops it. On a mostly Latin page such lines are cropped and handed to the
Devanagari line reader. A page the Latin engine mostly could not read (Maharashtra's land records,
Marathi deeds) is read whole by the Devanagari page reader (Tesseract ``mar+eng``), and its
reading is kept when most of its letters are Devanagari: a bilingual card keeps the Latin
engine's reading and its line re-reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PIL import Image

from kagaz.imaging.geometry import box_pose, page_pose, rotate_image, rotate_points
from kagaz.imaging.rules import erase_rules
from kagaz.ocr.base import OcrEngine, OcrLine, Quad
from kagaz.ocr.devanagari_gate import dropped_glyphs, reads_as_latin
from kagaz.model import Document, Page
from kagaz.observability.profile import timed
from kagaz.pipeline.stages.base import Stage
from kagaz.pipeline.stages.page_readings import (
    LINE_READ_PX, better_reading, covered_share, covers, doubtful_page_line, line_crop, mean_conf, text_only,
)
from kagaz.text.devanagari import devanagari_share

__all__ = ["OcrOptions", "OcrStage", "doubtful_share", "looks_misread_devanagari"]

_LATIN_OK = re.compile(r"^[\x20-\x7E\u2014\u2013\u2018\u2019\u201c\u201d\u20b9]*$")


@dataclass(frozen=True, slots=True)
class OcrOptions:
    devanagari: bool = True
    max_devanagari_lines: int = 40
    # A page whose Latin reading is doubtful in at least this share of its lines (misread
    # Devanagari or a score under 0.8; Index II pages measure 0.44-0.47, drawn Aadhaar and voter
    # cards 0.13-0.25) is read again by the Devanagari page reader...
    devanagari_page_doubt: float = 0.35
    # ... whose reading replaces the Latin one when at least this share of its letters is
    # Devanagari: a Marathi record, not an Aadhaar card with its Hindi half.
    devanagari_page_share: float = 0.6
    # A Devanagari reading with a mean line confidence under this is tried upside down too.
    devanagari_page_conf: float = 0.6
    # Pages with a shorter long side are enlarged (at most 3 times) before the Devanagari page
    # reader sees them: Tesseract loses a Devanagari line's matras below about 20 px of height
    # (a 683 x 967 capture of a 7/12 gave its survey number only, enlarged also its areas).
    devanagari_page_side: int = 2339
    # A page that is turned (90/180/270) or skewed by more than this many degrees is turned
    # and read again: the recogniser reads tilted crops measurably worse (dates lose digits at
    # 93 degrees), and on upside-down pages the angle classifier misses some lines.
    reread_skew: float = 2.0
    # A photo whose text covers less than this share of the frame is cropped to the text and read
    # again: the detector works on a downscaled frame (long side 2000 px), so small print on a
    # page photographed from afar falls under its size limit and whole blocks go missing.
    reread_text_share: float = 0.45
    # Margin kept around the text when cropping, in median line heights.
    crop_margin_lines: float = 3.0


#: A tilted page keeps its survey's boxes when the straightened crop keeps at least this share
#: of its long side (the detector would see its print at most 1.25 times larger).
_KEEP_BOXES_SIDE = 0.8
#: The long side an engine prepares every page at, at most, for engines that do not say.
_DETECTOR_SIDE = 2000


def doubtful_share(lines: list[OcrLine]) -> float:
    """Share of lines the Latin engine could not read well (1.0 when it read almost nothing).

    >>> from kagaz.ocr.fake import lines_from_text
    >>> doubtful_share(lines_from_text("Date of Birth\\n市3ITUR，T\\nName"))
    0.3333
    """
    if len(lines) < 3:
        return 1.0
    return round(sum(map(_doubtful, lines)) / len(lines), 4)


def _doubtful(line: OcrLine) -> bool:
    """Misread Devanagari, a low score, or a long box read as a few characters (the Latin engine
    drops the Devanagari it cannot read and keeps the digits: :func:`dropped_glyphs`)."""
    return looks_misread_devanagari(line) or line.score < 0.8 or dropped_glyphs(line)


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

    def __init__(self, engine: OcrEngine, options: OcrOptions | None = None, devanagari=None,  # type: ignore[no-untyped-def]
                 devanagari_page: OcrEngine | None = None):
        self.engine = engine
        self.options = options or OcrOptions()
        self.devanagari = devanagari  # a DevanagariReader, or None
        self.devanagari_page = devanagari_page  # a full-page Devanagari engine, or None

    def run(self, doc: Document) -> Document:
        for page in doc.pages:
            if page.has_text_layer or page.image is None:
                continue
            lines = self._read_upright(page)
            with timed("devanagari"):
                whole = self._read_devanagari_page(page.image, lines)
                if whole is not None:
                    lines, page.image, turned = whole
                    page.rotation = (page.rotation + turned) % 360
                elif self.options.devanagari and self.devanagari is not None:
                    lines = self._reread_devanagari(page.image, lines)
            page.ocr = lines
        return doc

    def _read_upright(self, page: Page) -> list[OcrLine]:
        """The page's lines, read once upright: its pose is decided from the detector's boxes
        and the angle classifier's verdicts before recognition (an engine with ``survey``), so
        a turned, tilted or far-off page is turned or cropped first and recognised once. An
        engine without ``survey`` reads the page, and again after turning it."""
        image = page.image
        assert image is not None
        survey = getattr(self.engine, "survey", None)
        surveyed = survey(image) if survey is not None else None
        if surveyed is not None:
            quads = surveyed.quads
            turn, skew = box_pose(quads, surveyed.flips, image.size)
        else:
            lines = self.engine.read(image)
            quads = [line.quad for line in lines]
            turn, skew = page_pose(lines, image.size)
        straighten = turn != 0 or abs(skew) >= self.options.reread_skew
        # The survey saw the page at its full prepared size (dense or small print) and that
        # size is close to the page's own (an A4 scan of 2339 px, prepared at 2000): a crop
        # lets the detector see the print at most 1.25 times larger, and finds the same lines.
        cap = getattr(self.engine, "max_side", _DETECTOR_SIDE)
        seen_whole = surveyed is not None and surveyed.full_size \
            and max(image.size) * _KEEP_BOXES_SIDE <= cap
        if not straighten and (seen_whole or _text_share(quads, image.size) >= self.options.reread_text_share):
            return self.engine.read(image, surveyed) if surveyed is not None else lines  # type: ignore[call-arg]
        if not straighten:
            turn, skew = 0, 0.0
        with timed("straightening"):
            turned, turned_quads = _turn(image, quads, turn, skew)
            page.image, (dx, dy) = _crop_to_text(turned, turned_quads, self.options.crop_margin_lines)
            page.width, page.height = page.image.size
            page.rotation, page.skew = turn, skew
        if surveyed is not None and turn == 0 and (
                seen_whole or max(page.image.size) >= _KEEP_BOXES_SIDE * max(image.size)):
            # A tilted page that the crop hardly enlarges: the detector would find the same
            # lines again. Each line's crop is cut square to its own box from the page as
            # captured, so the lines are recognised from the survey and only their boxes are
            # carried onto the straightened page (a second detection was a card's dearest step).
            lines = self.engine.read(image, surveyed)  # type: ignore[call-arg]
            return [replace(line, quad=_moved(line.quad, image.size, skew, dx, dy)) for line in lines]
        if surveyed is not None:
            return self.engine.read(page.image, survey(page.image, cropped=True))  # type: ignore[call-arg]
        return self.engine.read(page.image)

    def _read_devanagari_page(self, image: Image.Image, lines: list[OcrLine]
                              ) -> tuple[list[OcrLine], Image.Image, int] | None:
        """The Devanagari page reader's lines (with the image they were read on and the extra
        turn), when the Latin reading is doubtful and the page proves mostly Devanagari."""
        opts = self.options
        if not opts.devanagari or self.devanagari_page is None:
            return None
        if doubtful_share(lines) < opts.devanagari_page_doubt:
            return None
        if reads_as_latin(lines, [_doubtful(line) for line in lines]):
            return None  # a bilingual card: its Devanagari reading would be thrown away
        best, turned = self._read_enlarged(image), 0
        covered = covered_share(lines, best)
        if covered < 0.5:
            # Tesseract's layout analysis lost most of the lines the detector found: on a photo,
            # the table or wood around the sheet made one "line" of the whole page and the body
            # went missing. The detector's lines alone, on white, are read again.
            masked = self._read_enlarged(text_only(image, lines))
            if covered_share(lines, masked) > covered + 0.2 \
                    and mean_conf(masked) >= min(mean_conf(best), opts.devanagari_page_conf):
                best = masked
        if mean_conf(best) < opts.devanagari_page_conf:
            # The Latin engine's angle classifier cannot tell which way up Devanagari is.
            flipped = image.transpose(Image.Transpose.ROTATE_180)
            again = self._read_enlarged(flipped)
            if mean_conf(again) > mean_conf(best) + 0.1:
                best, turned, image = again, 180, flipped
        if devanagari_share(" ".join(line.text for line in best)) < opts.devanagari_page_share:
            return None
        best = self._reread_doubtful(image, best)
        if not turned:
            best += self._missed_lines(image, best, lines)
        return best, image, turned

    def _reread_doubtful(self, image: Image.Image, lines: list[OcrLine]) -> list[OcrLine]:
        """The page reader's doubtful lines read again one by one (see :func:`doubtful_page_line`),
        each reading kept only where it is better.

        Read whole, a page is segmented first; a name or a figure that the segmentation cut
        badly comes out as Latin junk ("श्री. fase अशोक पाटील") or with a low score. Cut from the
        page by its own box and read as one line (enlarged when small), the same line is read
        with the words around it ("श्री. विठुठुल अशोक पाटील", "दत्तात्रय पांडुरंग मोरे" for
        "Fs Saree पांडुरंग मोरे")."""
        read_line = getattr(self.devanagari_page, "read_line", None)
        if read_line is None:
            return lines
        budget = self.options.max_devanagari_lines
        out = []
        for line in lines:
            if budget <= 0 or not doubtful_page_line(line):
                out.append(line)
                continue
            budget -= 1
            crop = line_crop(image, line.bbox)
            if crop.height < LINE_READ_PX:
                k = LINE_READ_PX / max(1, crop.height)
                crop = crop.resize((max(1, round(crop.width * k)), LINE_READ_PX), Image.Resampling.LANCZOS)
            text, conf = read_line(crop)
            out.append(OcrLine(text, conf, line.quad, line.flipped) if better_reading(text, conf, line) else line)
        return out

    def _missed_lines(self, image: Image.Image, read: list[OcrLine], latin: list[OcrLine]) -> list[OcrLine]:
        """Lines the Latin engine found where the page reader found nothing, read one by one.

        Tesseract's layout analysis sometimes skips a line that stands alone, a centred bold
        title most of all ("गावठाण दाखला" on a photographed certificate); the Latin engine's
        detector still boxed it."""
        if self.devanagari is None:
            return []
        out = []
        for line in latin:
            x0, y0, x1, y1 = line.bbox
            if (x1 - x0) * (y1 - y0) <= 0 or covers(line, read):
                continue
            text, conf = self.devanagari.read(line_crop(image, line.bbox))
            if text and conf >= 0.5 and devanagari_share(text) >= 0.5:
                out.append(OcrLine(text, conf, line.quad))
        return out

    def _reread_devanagari(self, image: Image.Image, lines: list[OcrLine]) -> list[OcrLine]:
        budget = self.options.max_devanagari_lines
        out = []
        for line in lines:
            if budget > 0 and looks_misread_devanagari(line):
                budget -= 1
                crop = line_crop(image, line.bbox)
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


    def _read_enlarged(self, image: Image.Image) -> list[OcrLine]:
        """The Devanagari page reader's lines, the page enlarged first when it is small; the
        lines' boxes are in ``image``'s pixels."""
        assert self.devanagari_page is not None
        factor = min(3.0, self.options.devanagari_page_side / max(image.size))
        if factor < 1.2:
            return self.devanagari_page.read(erase_rules(image))
        big = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
        big = erase_rules(big)  # a table's borders make Tesseract drop its rows
        return [OcrLine(line.text, line.score, tuple((x / factor, y / factor) for x, y in line.quad),  # type: ignore[arg-type]
                        line.flipped) for line in self.devanagari_page.read(big)]


def _turn(image: Image.Image, quads: list, turn: int, skew: float) -> tuple[Image.Image, list]:  # type: ignore[type-arg]
    """The image turned by ``turn`` then ``skew`` degrees, and where the quads land on it."""
    for degrees in (turn, skew):
        if degrees:
            quads = [rotate_points(q, image.size, degrees) for q in quads]
            image = rotate_image(image, degrees)
    return image, quads


def _bounds(quads: list) -> tuple[float, float, float, float, float]:  # type: ignore[type-arg]
    """Left, top, right, bottom of all quads, and their median height."""
    xs = [x for q in quads for x, _ in q]
    ys = [y for q in quads for _, y in q]
    heights = sorted(max(y for _, y in q) - min(y for _, y in q) for q in quads)
    return min(xs), min(ys), max(xs), max(ys), heights[len(heights) // 2]


def _text_share(quads: list, size: tuple[int, int]) -> float:  # type: ignore[type-arg]
    """Share of the frame covered by the box around every line found (1.0 when nothing was
    found or the frame is small enough that cropping cannot enlarge the print)."""
    if len(quads) < 3 or max(size) <= 2000:
        return 1.0
    x0, y0, x1, y1, _ = _bounds(quads)
    return max(0.0, x1 - x0) * max(0.0, y1 - y0) / float(size[0] * size[1])


def _crop_to_text(image: Image.Image, quads: list, margin_lines: float  # type: ignore[type-arg]
                  ) -> tuple[Image.Image, tuple[int, int]]:
    """Crop to the text with a margin, and the crop's top-left corner; unchanged when the crop
    would keep most of the image."""
    if len(quads) < 3:
        return image, (0, 0)
    x0, y0, x1, y1, height = _bounds(quads)
    pad = max(margin_lines * height, 0.02 * max(image.size))
    box = (max(0, int(x0 - pad)), max(0, int(y0 - pad)),
           min(image.width, int(x1 + pad) + 1), min(image.height, int(y1 + pad) + 1))
    area = (box[2] - box[0]) * (box[3] - box[1])
    if box[2] <= box[0] or box[3] <= box[1] or area > 0.85 * image.width * image.height:
        return image, (0, 0)
    return image.crop(box), (box[0], box[1])


def _moved(quad: Quad, size: tuple[int, int], skew: float, dx: int, dy: int) -> Quad:
    """Where a box of the page as captured lies on the page turned by ``skew`` degrees and
    cropped at (dx, dy)."""
    points = rotate_points(quad, size, skew) if skew else quad
    return tuple((x - dx, y - dy) for x, y in points)  # type: ignore[return-value]
