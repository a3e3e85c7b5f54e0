"""RapidOCR (PP-OCRv6 small detector and recogniser, ONNX Runtime) — the default engine.

All three models ship inside the ``rapidocr`` wheel; any non-default model would make rapidocr
try a download, so only the bundled ones are ever configured (see docs/ocr.md).

Where the time goes, and why it is spent the way it is (issue 15, ``docs/benchmarks.md``):

* **Detection is sized to the print, not to a fixed side.** RapidOCR's default scales the
  detector's input so its short side is 736 px, which enlarges every ID card (a 1000 × 630 scan
  becomes 1168 × 736) and keeps a phone photo at up to 2000 px. The detector (the costly model)
  needs text some 12–40 px tall, so the first pass runs on at most :data:`FIRST_SIDE` px (a
  card's image, whose print is large for its frame, on :data:`CARD_FIRST_SIDE`) and is repeated
  larger only when the print it found is small, or the page dense (:func:`detector_side`): a
  card's text is found at once, an A4 page's 9-point print earns a second, larger pass.
* **The angle classifier runs on every crop** (it is cheap: about 1 ms a line) because its
  verdicts tell an upside-down page; **recognition** reads each crop alone, at its own width:
  batches pad every crop to the widest of the batch and to at least 320 px, which costs time
  and, measured on our cards, changes no reading for the better.
* :meth:`RapidOcrEngine.survey` stops before recognition, so the pipeline can decide the page's
  pose from the boxes and read a turned or tilted page once, after turning it, instead of
  reading it twice.
"""

from __future__ import annotations

import logging
import statistics
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from PIL import Image

from kagaz.errors import EngineError
from kagaz.observability.profile import timed
from kagaz.ocr.base import OcrLine, Quad

__all__ = ["FIRST_SIDE", "RapidOcrEngine", "Survey", "detector_side"]

log = logging.getLogger(__name__)

#: The detector's first pass: the long side of its input, at most (px) ...
FIRST_SIDE = 960
#: ... and for a landscape image whose long side is under :data:`CARD_SIDE` (an ID card's scan
#: or photo: a page is prepared at 2000 px, an A4 scan at 150 dpi is 1754 px), whose print is
#: large for its frame: RapidOCR's own default size. A portrait image under that size is a page
#: scanned small or a photographed page's crop (a 7/12's, an Index II's), whose print is not.
CARD_FIRST_SIDE = 736
CARD_SIDE = 1600
#: The card's first pass is kept when its median line is at least this tall (px): then lines
#: two thirds of the median still reach :data:`MIN_TEXT_PX`. A card's print measures 20-26 px
#: there, a small scan of a page 13-17 px (which is detected again at :data:`FIRST_SIDE`).
CARD_TEXT_PX = 18.0
#: Text the detector finds reliably is at least this tall in its input (px) ...
MIN_TEXT_PX = 12.0
#: ... and a second pass aims to make the page's median line this tall.
AIM_TEXT_PX = 22.0
#: A page with more lines than this is a dense one (an ID card has 15-30) ...
DENSE_LINES = 60
#: ... and its second pass makes its median line this tall: its columns stand close, and a
#: reduced page runs neighbouring cells together below about this height.
DENSE_TEXT_PX = 24.0


def detector_side(side: int, scale: float, median_height: float, lines: int = 0) -> int | None:
    """The long side (px) for a second detection pass, or None when the first one suffices.

    ``side`` is the long side of the page as prepared (at most 2000 px), ``scale`` the first
    pass's input over that, ``median_height`` the median height of the lines it found, in the
    first pass's pixels, ``lines`` how many it found. Small print is detected again larger,
    never beyond the page itself (or twice a small page), and only when that changes the scale
    by a useful step. A dense page (a statement, an invoice's item table: more than
    :data:`DENSE_LINES` lines) is detected again whatever its print, at the size that makes its
    median line :data:`DENSE_TEXT_PX` tall (at most its own): its columns stand close, and boxes
    found on the first, reduced pass run neighbouring cells together. At its own size, whatever
    its print, a statement of 10-point rows was detected at half again the size it needed, at
    twice the cost.

    >>> detector_side(1000, 0.96, 28.0) is None   # an ID card: found at once
    True
    >>> detector_side(2000, 0.48, 9.0)            # an A4 page of 9-point print
    1984
    >>> detector_side(600, 1.0, 8.0)              # a small, low-resolution scan
    1184
    >>> detector_side(1500, 0.64, 0.0) is None    # nothing found: nothing to size by
    True
    >>> detector_side(2000, 0.48, 14.0, lines=180)  # a statement page: its lines 24 px tall
    1632
    >>> detector_side(2000, 0.48, 8.0, lines=180)   # small print: never beyond the page
    2000
    """
    if lines > DENSE_LINES and scale < 0.8:
        if median_height <= 0:
            return side
        wanted = side * scale * DENSE_TEXT_PX / median_height
        return max(min(int(wanted) // 32 * 32, side), int(side * scale * 1.25) // 32 * 32)
    if median_height <= 0 or median_height >= MIN_TEXT_PX:
        return None
    wanted = side * scale * AIM_TEXT_PX / median_height
    limit = side if scale < 1.0 else min(2 * side, 2000)
    target = int(min(wanted, limit)) // 32 * 32
    if target < side * scale * 1.25:
        return None
    return target


@dataclass(slots=True)
class Survey:
    """A page after detection and angle classification, before recognition: its boxes (in the
    page's pixels) and, per box, whether the classifier turned the crop upside down."""

    quads: list[Quad]
    flips: list[bool]
    size: tuple[int, int]
    _state: Any = field(default=None, repr=False)  # rapidocr's own objects, for read()
    #: the detector's last pass saw the page at its full prepared size (a dense page, small
    #: print): a crop of it can gain no more than the prepared size's own cap
    full_size: bool = False


class RapidOcrEngine:
    """Wraps :class:`rapidocr.RapidOCR`, keeping the angle classifier's per-line verdicts."""

    name: ClassVar[str] = "rapidocr"

    def __init__(self, *, threads: int = 0, min_score: float = 0.3, rec_batch: int = 1,
                 first_side: int = FIRST_SIDE) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EngineError("rapidocr is not installed") from exc
        params: dict[str, Any] = {
            "Global.log_level": "warning", "Global.text_score": min_score,
            "Rec.rec_batch_num": max(1, rec_batch),
            "Det.limit_type": "max", "Det.limit_side_len": first_side,
        }
        if threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        self._ocr = RapidOCR(params=params)
        self._first_side = first_side
        #: the long side every page is prepared at, at most (RapidOCR's own cap)
        self.max_side = int(getattr(self._ocr, "max_side_len", 2000))
        self._lock = threading.Lock()  # one ONNX session set per engine; callers share it safely

    @staticmethod
    def _prepare(image: Image.Image) -> np.ndarray:
        rgb = image.convert("RGB") if image.mode != "RGB" else image
        return np.asarray(rgb)[:, :, ::-1].copy()  # RGB -> BGR, as OpenCV expects

    def survey(self, image: Image.Image, *, cropped: bool = False) -> Survey:
        """Detect the lines and classify their angle; :meth:`read` then recognises them.
        ``cropped``: the image is cut from a larger capture (a photo cropped to its text, a page
        turned upright), so its frame says nothing of its print: no card's first pass."""
        ocr = self._ocr
        img = self._prepare(image)
        try:
            with self._lock:
                pre, op_record = ocr.preprocess_img(img)
                with timed("detection"):
                    det, crops, op_record, full_size = self._detect(pre, op_record, cropped)
                if det.boxes is None or not crops:
                    return Survey([], [], image.size, (img, None, None, [], op_record))
                with timed("angle classification"):
                    crops_upright, cls = ocr.cls_and_rotate(crops)
        except EngineError:
            raise
        except Exception as exc:  # translate ONNX/OpenCV failures at the boundary
            raise EngineError(f"rapidocr failed: {exc}") from exc
        flips = [lab == "180" and s > 0.8 for lab, s in (cls.cls_res or [])]
        if len(flips) != len(crops):
            flips = [False] * len(crops)
        boxes = _to_page(det.boxes, op_record, img.shape)
        quads = [tuple((float(x), float(y)) for x, y in b) for b in boxes]
        return Survey(quads, flips, image.size, (img, det, cls, (crops, crops_upright), op_record),  # type: ignore[arg-type]
                      full_size=full_size)

    def _detect(self, pre: np.ndarray, op_record: dict[str, Any], cropped: bool = False
                ) -> tuple[Any, list[np.ndarray], dict[str, Any], bool]:
        """Detection sized to the print (:func:`detector_side`), and whether its last pass saw
        the page at its full prepared size."""
        from rapidocr.utils.process_img import apply_vertical_padding

        ocr = self._ocr
        detector = ocr._load_det_model()
        padded, op_record = apply_vertical_padding(pre, dict(op_record), ocr.width_height_ratio, ocr.min_height)
        side = max(padded.shape[:2])
        # An ID card and a passport's data page are landscape (ISO/IEC 7810 ID-1, ID-3), a page
        # is not; but a photographed page cropped to its text may be landscape and small.
        card = side < CARD_SIDE and pre.shape[1] >= pre.shape[0] and not cropped
        first = min(self._first_side, CARD_FIRST_SIDE) if card else self._first_side
        detector.limit_type, detector.limit_side_len = "max", first
        det = detector(padded)
        if first < min(side, self._first_side) and _median_height(det, first / side) < CARD_TEXT_PX:
            # Not a card's print: a page scanned small, or a photographed page's crop. Its
            # smaller lines fall under what the detector finds at the card's size; look again
            # as at any page.
            first = self._first_side
            detector.limit_side_len = first
            det = detector(padded)
        full_size = side <= first
        if det.boxes is not None and len(det.boxes):
            scale = min(1.0, first / side)
            again = detector_side(side, scale, _median_height(det, scale), len(det.boxes))
            if again is not None:
                # The page's own pixels, not the first pass's, decide the second: "max" never
                # enlarges, so a small scan is enlarged with "min" on its short side.
                if again <= side:
                    detector.limit_type, detector.limit_side_len = "max", again
                else:
                    detector.limit_type = "min"
                    detector.limit_side_len = int(min(padded.shape[:2]) * again / side)
                with timed("detection, enlarged for small print"):
                    det = detector(padded)
                full_size = again >= side
                detector.limit_type, detector.limit_side_len = "max", first
        crops = ocr.crop_text_regions(padded, det.boxes) if det.boxes is not None else []
        return det, crops, op_record, full_size

    def read(self, image: Image.Image, survey: Survey | None = None) -> list[OcrLine]:
        """The lines of ``image``; ``survey`` is this image's :meth:`survey`, when taken."""
        if survey is None or survey.size != image.size or survey._state is None:
            survey = self.survey(image)
        img, det, cls, crops_pair, op_record = survey._state
        if det is None:
            return []
        crops, upright = crops_pair
        ocr = self._ocr
        flips = list(survey.flips)
        try:
            with self._lock:
                with timed("recognition"):
                    rec = ocr.recognize_txt(upright)
                    self._unflip_doubtful(rec, crops, flips)
        except Exception as exc:
            raise EngineError(f"rapidocr failed: {exc}") from exc
        lines = []
        for quad, txt, score, flip in zip(survey.quads, rec.txts or (), rec.scores or (), flips):
            # NFKC folds the recogniser's full-width punctuation ("：MALE") into ASCII.
            text = unicodedata.normalize("NFKC", str(txt))
            if not text.strip() or score < ocr.text_score:
                continue
            lines.append(OcrLine(text, float(score), quad, bool(flip)))
        return lines

    def _unflip_doubtful(self, rec: Any, crops: list[Any], flips: list[bool]) -> None:
        """Read again, unturned, the wide lines the angle classifier turned and then read badly.

        The classifier sometimes turns long upright prose lines upside down (seen on sale deeds);
        the turned crop reads as noise while the original reads cleanly.
        """
        if not rec.txts or not crops or len(crops) != len(rec.txts) or len(flips) != len(rec.txts):
            return
        redo = [
            i for i, flip in enumerate(flips)
            if flip and rec.scores[i] < 0.85 and crops[i].shape[1] > 6 * crops[i].shape[0]
        ]
        if not redo:
            return
        again = self._ocr.recognize_txt([crops[i] for i in redo])
        txts, scores = list(rec.txts), list(rec.scores)
        for j, i in enumerate(redo):
            if again.scores[j] > scores[i] + 0.05:
                txts[i], scores[i], flips[i] = again.txts[j], again.scores[j], False
        rec.txts, rec.scores = tuple(txts), tuple(scores)

    def detect(self, image: Image.Image) -> list[Quad]:
        return self.survey(image).quads


def _median_height(det: Any, scale: float) -> float:
    """The median height of the lines a detection pass found, in its input's pixels (0 when it
    found none)."""
    if det.boxes is None or not len(det.boxes):
        return 0.0
    return statistics.median(_box_height(b) for b in det.boxes) * scale


def _box_height(box: np.ndarray) -> float:
    """A detected box's text height: its shorter side (boxes are rotated rectangles)."""
    a = float(np.linalg.norm(box[1] - box[0]))
    b = float(np.linalg.norm(box[2] - box[1]))
    return min(a, b)


def _to_page(boxes: np.ndarray, op_record: dict[str, Any], shape: tuple[int, ...]) -> np.ndarray:
    """Boxes from the prepared (padded, resized) image back to the page's pixels."""
    from rapidocr.utils.process_img import map_boxes_to_original

    return map_boxes_to_original(np.array(boxes, dtype=np.float32), op_record, shape[0], shape[1])
