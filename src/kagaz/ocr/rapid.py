"""RapidOCR (PP-OCRv6 small detector and recogniser, ONNX Runtime) — the default engine.

All three models ship inside the ``rapidocr`` wheel; any non-default model would make rapidocr
try a download, so only the bundled ones are ever configured (see docs/ocr.md).
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from typing import Any, ClassVar

import numpy as np
from PIL import Image

from kagaz.errors import EngineError
from kagaz.ocr.base import OcrLine, Quad

__all__ = ["RapidOcrEngine"]

log = logging.getLogger(__name__)


class RapidOcrEngine:
    """Wraps :class:`rapidocr.RapidOCR`, keeping the angle classifier's per-line verdicts."""

    name: ClassVar[str] = "rapidocr"

    def __init__(self, *, threads: int = 0, min_score: float = 0.3) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EngineError("rapidocr is not installed") from exc
        params: dict[str, Any] = {"Global.log_level": "warning", "Global.text_score": min_score}
        if threads > 0:
            params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
            params["EngineConfig.onnxruntime.inter_op_num_threads"] = 1
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        self._ocr = RapidOCR(params=params)
        self._lock = threading.Lock()  # one ONNX session set per engine; callers share it safely

    def _prepare(self, image: Image.Image) -> np.ndarray:
        rgb = image.convert("RGB") if image.mode != "RGB" else image
        return np.asarray(rgb)[:, :, ::-1].copy()  # RGB -> BGR, as OpenCV expects

    def read(self, image: Image.Image) -> list[OcrLine]:
        ocr = self._ocr
        img = self._prepare(image)
        try:
            with self._lock:
                ocr.update_params(use_det=True, use_cls=True, use_rec=True)
                pre, op_record = ocr.preprocess_img(img)
                det, cls, rec, crops = ocr.run_ocr_steps(pre, op_record)
                flips = [lab == "180" and s > 0.8 for lab, s in (cls.cls_res or [])]
                self._unflip_doubtful(det, cls, rec, crops, flips)
                txts_all = list(rec.txts or [])
                scores_all = list(rec.scores or [])
                out = ocr.build_final_output(img, det, cls, rec, crops, op_record)
        except Exception as exc:  # translate ONNX/OpenCV failures at the boundary
            raise EngineError(f"rapidocr failed: {exc}") from exc
        boxes = getattr(out, "boxes", None)
        txts = getattr(out, "txts", None)
        if boxes is None or txts is None or len(txts) == 0:
            return []
        # build_final_output drops empty and low-score lines, keeping order: do the same to the
        # classifier's verdicts so each line keeps its own.
        kept = [
            i
            for i, (t, sc) in enumerate(zip(txts_all, scores_all))
            if t.strip() and sc >= ocr.text_score
        ]
        if len(flips) == len(txts_all) and len(kept) == len(txts):
            line_flips = [flips[i] for i in kept]
        else:
            line_flips = [False] * len(txts)
        lines = []
        for box, txt, score, flip in zip(boxes, txts, out.scores, line_flips):
            quad: Quad = tuple((float(x), float(y)) for x, y in box)  # type: ignore[assignment]
            # NFKC folds the recogniser's full-width punctuation ("：MALE") into ASCII.
            text = unicodedata.normalize("NFKC", str(txt))
            lines.append(OcrLine(text, float(score), quad, bool(flip)))
        return lines

    def _unflip_doubtful(self, det: Any, cls: Any, rec: Any, crops: list[Any], flips: list[bool]) -> None:
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
        ocr = self._ocr
        try:
            with self._lock:
                ocr.update_params(use_det=True, use_cls=False, use_rec=False)
                res = ocr(self._prepare(image))
                ocr.update_params(use_det=True, use_cls=True, use_rec=True)
        except Exception as exc:
            raise EngineError(f"rapidocr detection failed: {exc}") from exc
        boxes = getattr(res, "boxes", None)
        if boxes is None:
            return []
        return [tuple((float(x), float(y)) for x, y in b) for b in boxes]  # type: ignore[misc]

