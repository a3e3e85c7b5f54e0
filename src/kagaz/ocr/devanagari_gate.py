"""Whether a page's Latin reading calls for the Devanagari page reader (Tesseract ``mar+eng``).

The OCR stage reads a page whole in Devanagari when the Latin engine's reading of it is
doubtful; that pass costs seconds of Tesseract, so the signs are weighed first, from the Latin
reading alone:

* :func:`dropped_glyphs`: the Latin engine returned a few characters for a long box ("  :" or
  ":13/3" across a whole "सर्व्हे नंबर : १३/३"). It drops the Devanagari it cannot read and keeps
  the digits and punctuation with a good score, so such a line looks confident; on a turned
  boundaries certificate seven of nine lines were like that and the page was never read in
  Devanagari.
* :func:`reads_as_latin`: the confident lines hold many real Latin words. A bilingual card (an
  Aadhaar with its Hindi half) has doubtful lines too, but it also has its English read well,
  and its Devanagari reading was always thrown away (less than 60% Devanagari): the pass is not
  made. Measured on drawn pages: land records and Marathi certificates (102 pages, every capture)
  had at most 0.2 confident Latin words per line, identity and business documents whose reading
  was doubtful (Aadhaar, PAN photos) 0.7 or more.
"""

from __future__ import annotations

import re

from kagaz.ocr.base import OcrLine

__all__ = ["dropped_glyphs", "reads_as_latin"]

#: A line's printed characters are about half its height wide; one with fewer than this share of
#: the characters its box could hold lost most of them.
_FILLED = 0.35
#: A box shorter than this many line heights may hold a short word: nothing is known to be lost.
_LONG_BOX = 3.0
#: Confident Latin words per line from which a page is taken for a Latin page.
_LATIN_WORDS_PER_LINE = 0.5
_MIN_LATIN_WORDS = 5
_WORD = re.compile(r"[A-Za-z]{3,}")


def dropped_glyphs(line: OcrLine) -> bool:
    """A long box the Latin engine read only a few characters of.

    >>> box = lambda w: ((0, 0), (w, 0), (w, 30), (0, 30))
    >>> dropped_glyphs(OcrLine(":13/3", 0.89, box(600))), dropped_glyphs(OcrLine("Date of Birth", 0.95, box(200)))
    (True, False)
    """
    x0, y0, x1, y1 = line.bbox
    height = max(1.0, y1 - y0)
    width = x1 - x0
    printed = sum(not ch.isspace() for ch in line.text)
    return width > _LONG_BOX * height and printed < _FILLED * width / height


def reads_as_latin(lines: list[OcrLine], doubtful: list[bool]) -> bool:
    """Whether the lines not marked ``doubtful`` hold enough real Latin words for a Latin page.

    >>> from kagaz.ocr.fake import lines_from_text
    >>> card = lines_from_text("GOVERNMENT OF INDIA\\nRamesh Kumar Sharma\\nDate of Birth 01/01/1990\\nx\\ny")
    >>> reads_as_latin(card, [False, False, False, True, True])
    True
    >>> record = lines_from_text(":13/3\\n..18/2\\nHRTT\\n3R:..15/4")
    >>> reads_as_latin(record, [False, False, True, False])
    False
    """
    words = sum(len(_WORD.findall(line.text)) for line, bad in zip(lines, doubtful, strict=True) if not bad)
    return words >= _MIN_LATIN_WORDS and words >= _LATIN_WORDS_PER_LINE * len(lines)
