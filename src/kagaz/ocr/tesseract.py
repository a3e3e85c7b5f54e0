"""Tesseract through tesserocr: a full-page engine (the fallback), a Devanagari line reader and
a Devanagari page reader.

The PP-OCR models bundled with rapidocr cannot read Devanagari; Tesseract's ``hin`` and ``mar``
data can. The data comes from Debian (``tesseract-ocr-hin``, ``tesseract-ocr-mar``), which
``make install`` installs; when it is missing, Devanagari re-reading is skipped and the Latin
text is still read.

Pages that are mostly Devanagari (Maharashtra's land records, Marathi deeds) are read whole by
:func:`devanagari_page_engine`: Tesseract with ``mar+eng`` (``hin+eng`` without the Marathi
data), so the English and the ASCII digits a Marathi page mixes in are read in the same pass.
Measured on drawn 7/12 lines (Noto Devanagari, 200 dpi): ``mar+eng`` read every line exactly,
``mar`` alone garbled the English line, ``hin`` misread Devanagari digits ("१२३४" as "234"),
``hin+eng`` read "0.40.50" for "०.४०.५०". No PyPI package ships a Devanagari recognition model
we may use: PP-OCR's Devanagari recogniser is only a download away, and the "lite" models of
``rapidocrlite`` carry a licence that forbids commercial use by competitors
(``docs/engine.md``).
"""

from __future__ import annotations

import glob
import os
import sys
import threading
from typing import ClassVar

from PIL import Image

from kagaz.errors import EngineError
from kagaz.imaging.illumination import flatten_illumination
from kagaz.ocr.base import OcrLine, Quad

__all__ = ["DevanagariReader", "TesseractEngine", "devanagari_page_engine", "tessdata_dir"]


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
    """Full-page Tesseract (LSTM, automatic segmentation) reporting one box per text line.

    With ``flatten`` the page's lighting is evened out first
    (:func:`kagaz.imaging.illumination.flatten_illumination`): Tesseract thresholds a page
    globally, and a shadow across a photographed page hid whole blocks from it.
    """

    name: ClassVar[str] = "tesseract"

    def __init__(self, *, lang: str = "eng", flatten: bool = False) -> None:
        import tesserocr

        path = tessdata_dir(lang.split("+")[0])
        if path is None:
            raise EngineError(f"Tesseract data for {lang!r} is not installed")
        self._tess = tesserocr
        self._path, self._lang = path, lang
        self._api = tesserocr.PyTessBaseAPI(
            path=path, lang=lang, psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY
        )
        self._lock = threading.Lock()
        self._flatten = flatten
        self._line_api = None  # made on the first read_line: most pages never need one

    def read_line(self, crop: Image.Image) -> tuple[str, float]:
        """One line cut from a page, read on its own (Tesseract's single-line mode, the same
        languages): the text with its spaces normalised, and Tesseract's mean confidence."""
        with self._lock:
            if self._line_api is None:
                self._line_api = self._tess.PyTessBaseAPI(
                    path=self._path, lang=self._lang, psm=self._tess.PSM.SINGLE_LINE, oem=self._tess.OEM.LSTM_ONLY)
            self._line_api.SetImage(crop)
            text = self._line_api.GetUTF8Text().strip()
            conf = self._line_api.MeanTextConf() / 100.0
        return " ".join(text.split()), max(0.0, min(1.0, conf))

    def read(self, image: Image.Image) -> list[OcrLine]:
        tess = self._tess
        out: list[OcrLine] = []
        if self._flatten:
            image = flatten_illumination(image)
        with self._lock:
            self._api.SetImage(image)
            self._api.Recognize()
            it = self._api.GetIterator()
            level = tess.RIL.TEXTLINE
            if it is None:
                return out
            for r in tess.iterate_level(it, level):
                try:
                    text = (r.GetUTF8Text(level) or "").strip()
                except RuntimeError:  # tesserocr's "No text returned": a blank page or region
                    continue
                bbox = r.BoundingBox(level)
                if not text or not bbox:
                    continue
                x0, y0, x1, y1 = (float(v) for v in bbox)
                quad: Quad = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
                out.append(OcrLine(text, r.Confidence(level) / 100.0, quad))
        return out

    def detect(self, image: Image.Image) -> list[Quad]:
        return [line.quad for line in self.read(image)]


def devanagari_page_engine() -> TesseractEngine | None:
    """Full-page Tesseract for Devanagari pages with English in them (``mar+eng``, else
    ``hin+eng``), lighting evened out, or None when tesserocr or the data is missing.

    Measured on 48 drawn land records read whole (7/12, 8A, Index II, boundaries, Gavthan and
    Gunthewari certificates, every capture): evening the lighting out took the fields read
    exactly from 294 to 309 of 352 and the types found from 46 to 48."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return None
    for lang in ("mar", "hin"):
        path = tessdata_dir(lang)
        if path is not None and os.path.isfile(os.path.join(path, "eng.traineddata")):
            return TesseractEngine(lang=f"{lang}+eng", flatten=True)
    return None
