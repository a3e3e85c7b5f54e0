"""Tesseract through tesserocr: a full-page engine (the fallback) and a Devanagari line reader.

The PP-OCR models bundled with rapidocr cannot read Devanagari; Tesseract's ``hin`` data can.
The data comes from Debian (``tesseract-ocr-hin``), which ``make install`` installs; when it is
missing, Devanagari re-reading is skipped and the Latin text is still read.
"""

from __future__ import annotations

import glob
import os
import sys
import threading
from typing import ClassVar

from PIL import Image

from kagaz.errors import EngineError
from kagaz.ocr.base import OcrLine, Quad

__all__ = ["DevanagariReader", "TesseractEngine", "tessdata_dir"]


def tessdata_dir(lang: str) -> str | None:
    """The first tessdata folder that holds ``<lang>.traineddata``."""
    candidates = [
        os.environ.get("TESSDATA_PREFIX", ""),
        os.path.join(sys.prefix, "share", "tessdata"),
        *sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True),
        "/usr/share/tessdata",
    ]
    for d in candidates:
        if d and os.path.isfile(os.path.join(d, f"{lang}.traineddata")):
            return d
    return None


class DevanagariReader:
    """Reads one cropped line of Devanagari text; thread-safe (one API per reader, locked)."""

    def __init__(self) -> None:
        import tesserocr

        path = tessdata_dir("hin")
        if path is None:
            raise EngineError("Tesseract 'hin' data is not installed")
        self._api = tesserocr.PyTessBaseAPI(path=path, lang="hin", psm=tesserocr.PSM.SINGLE_LINE)
        self._lock = threading.Lock()

    @classmethod
    def available(cls) -> bool:
        try:
            import tesserocr  # noqa: F401
        except ImportError:
            return False
        return tessdata_dir("hin") is not None

    def read(self, crop: Image.Image) -> tuple[str, float]:
        with self._lock:
            self._api.SetImage(crop)
            text = self._api.GetUTF8Text().strip()
            conf = self._api.MeanTextConf() / 100.0
        return " ".join(text.split()), max(0.0, min(1.0, conf))


class TesseractEngine:
    """Full-page Tesseract (LSTM, automatic segmentation) reporting one box per text line."""

    name: ClassVar[str] = "tesseract"

    def __init__(self, *, lang: str = "eng") -> None:
        import tesserocr

        path = tessdata_dir(lang.split("+")[0])
        if path is None:
            raise EngineError(f"Tesseract data for {lang!r} is not installed")
        self._tess = tesserocr
        self._api = tesserocr.PyTessBaseAPI(
            path=path, lang=lang, psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY
        )
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> list[OcrLine]:
        tess = self._tess
        out: list[OcrLine] = []
        with self._lock:
            self._api.SetImage(image)
            self._api.Recognize()
            it = self._api.GetIterator()
            level = tess.RIL.TEXTLINE
            for r in tess.iterate_level(it, level):
                text = (r.GetUTF8Text(level) or "").strip()
                bbox = r.BoundingBox(level)
                if not text or not bbox:
                    continue
                x0, y0, x1, y1 = (float(v) for v in bbox)
                quad: Quad = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
                out.append(OcrLine(text, r.Confidence(level) / 100.0, quad))
        return out

    def detect(self, image: Image.Image) -> list[Quad]:
        return [line.quad for line in self.read(image)]
