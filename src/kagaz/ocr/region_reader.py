"""Several Tesseract readings of one small region of a page: the line that holds a value.

The page reader reads a Marathi page once, at the page's scale, with one model; on a photo or a
low-resolution capture a single Devanagari digit of a survey number or a date is then read as
another ("७९/६" for "७९/९"), a slash is lost in a garbled run ("३६१ Is" for "३६१/५"), or the
label beside the number is garbled ("गर क्रमांक") so the number is not found at all. Reading the
same line again, enlarged and with other models, gives independent readings that a caller votes
on (:mod:`kagaz.text.vote`): a misread digit is seldom misread the same way by every pass.

Passes: the line enlarged to two heights (Tesseract reads Devanagari best with letters of about
40-60 px), each by the Marathi, the Devanagari-script and the Hindi models where installed
(Debian's ``tesseract-ocr-mar``, ``tesseract-ocr-script-deva``, ``tesseract-ocr-hin``), on the
grey image. A region that holds only a number (a table's cell) is also read with the characters
restricted to digits and ``/ - .`` (``tessedit_char_whitelist``), so no letter can be read into it.
Only the few value lines a document type asks for are read, never a whole page; each pass on a
line costs 0.05-0.3 s.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageFilter, ImageOps

from kagaz.model import BBox
from kagaz.ocr.tesseract import tessdata_dir

__all__ = ["NUMBER_CHARS", "RegionReader", "region_reader"]

#: what a number region may hold: ASCII and Devanagari digits and the separators of survey
#: numbers ("123/2") and dates ("12/03/2021", "12-03-2021", "12.03.2021")
NUMBER_CHARS = "0123456789०१२३४५६७८९/-."
#: line heights (px) the region is enlarged (or reduced) to before each set of passes
_HEIGHTS = (48, 72)
#: models tried, in order, where their data is installed
_LANGS = ("mar", "Devanagari")
_PAD = 0.35  # of the line's height, around its box: matras and the descender of "्र"


@dataclass(frozen=True, slots=True)
class _Pass:
    lang: str
    numbers_only: bool


class RegionReader:
    """Reads a page region several ways; thread-safe (one API per pass, each locked)."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        import tesserocr

        self._tess = tesserocr
        self._langs = langs
        self._apis: dict[_Pass, object] = {}
        self._lock = threading.Lock()

    def _api(self, key: _Pass):  # type: ignore[no-untyped-def]
        api = self._apis.get(key)
        if api is None:
            tess = self._tess
            path = tessdata_dir(key.lang)
            api = tess.PyTessBaseAPI(path=path, lang=key.lang, psm=tess.PSM.SINGLE_BLOCK, oem=tess.OEM.LSTM_ONLY)
            if key.numbers_only:
                api.SetVariable("tessedit_char_whitelist", NUMBER_CHARS)
            self._apis[key] = api
        return api

    def read(self, image: Image.Image, box: BBox, *, numbers_only: bool = False) -> list[str]:
        """The region's text as each pass reads it (empty readings left out), Devanagari digits
        as printed; ``numbers_only`` restricts every pass to :data:`NUMBER_CHARS`."""
        x0, y0, x1, y1 = box
        height = max(1.0, y1 - y0)
        pad = _PAD * height
        crop = image.crop((max(0, int(x0 - pad)), max(0, int(y0 - pad)),
                           min(image.width, int(x1 + pad) + 1), min(image.height, int(y1 + pad) + 1)))
        if crop.width < 2 or crop.height < 2:
            return []
        # a photocopy's grain (single dark pixels) made the line reader return nothing at all
        clean = ImageOps.grayscale(crop).filter(ImageFilter.MedianFilter(3))
        out = []
        with self._lock:
            for target in _HEIGHTS:
                factor = min(8.0, target / height)
                size = (max(1, round(clean.width * factor)), max(1, round(clean.height * factor)))
                scaled = clean.resize(size, Image.Resampling.LANCZOS)
                for image_pass in (scaled, ImageOps.autocontrast(scaled, cutoff=1)):
                    for lang in self._langs:
                        api = self._api(_Pass(lang, numbers_only))
                        api.SetImage(image_pass)  # type: ignore[attr-defined]
                        text = " ".join((api.GetUTF8Text() or "").split())  # type: ignore[attr-defined]
                        if text:
                            out.append(text)
        return out


@lru_cache(maxsize=1)
def region_reader() -> RegionReader | None:
    """The process's reader over the Devanagari models installed, or None without tesserocr
    or any of them (the page's own reading then stands alone)."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return None
    langs = tuple(lang for lang in _LANGS if (d := tessdata_dir(lang)) and os.path.isfile(
        os.path.join(d, f"{lang}.traineddata")))
    return RegionReader(langs) if langs else None
