"""The OCR stage's second reading: turned, skewed and far-away pages are read again, cropped."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from kagaz.ocr.base import OcrLine
from kagaz.ocr.rapid import Survey
from kagaz.model import Document, Page
from kagaz.pipeline.stages.ocr import OcrOptions, OcrStage


class RecordingEngine:
    """Answers every read with the same block of level lines placed at ``origin``, and keeps the
    sizes of the images it was asked to read."""

    name = "recording"

    def __init__(self, origin: tuple[int, int], lines: int = 12, width: int = 600) -> None:
        self.origin, self.count, self.width = origin, lines, width
        self.sizes: list[tuple[int, int]] = []

    def read(self, image: Image.Image) -> list[OcrLine]:
        self.sizes.append(image.size)
        x, y = self.origin
        w = self.width
        return [
            OcrLine(f"line {i} " + "word " * (w // 60), 0.99,
                    ((x, y + 30 * i), (x + w, y + 30 * i), (x + w, y + 30 * i + 20),
                     (x, y + 30 * i + 20)))
            for i in range(self.count)
        ]

    def detect(self, image: Image.Image) -> list:  # pragma: no cover - not used by the stage
        return []


def _run(size: tuple[int, int], engine: RecordingEngine) -> Page:
    page = Page(index=0, image=Image.new("RGB", size, "white"), width=size[0], height=size[1])
    doc = Document(data=b"", filename="x.jpg")
    doc.pages = [page]
    OcrStage(engine, OcrOptions(devanagari=False))(doc)
    return page


def test_a_page_photographed_from_afar_is_cropped_to_its_text_and_read_again() -> None:
    engine = RecordingEngine(origin=(1500, 1200))
    page = _run((4000, 3000), engine)
    assert len(engine.sizes) == 2
    w, h = engine.sizes[1]
    # the text block (600 x 350 px) with its margins, not the 4000 x 3000 frame
    assert w < 1000 and h < 800
    assert page.image.size == (w, h) and (page.width, page.height) == (w, h)


class SurveyingEngine(RecordingEngine):
    """A RecordingEngine that surveys first, as RapidOCR does, saying whether its detector
    already saw the page at its full prepared size."""

    max_side = 2000

    def __init__(self, origin: tuple[int, int], lines: int, full_size: bool) -> None:
        super().__init__(origin, lines)
        self.full_size = full_size
        self.surveyed: list[tuple[int, int]] = []
        self.cropped: list[bool] = []

    def survey(self, image: Image.Image, *, cropped: bool = False) -> Survey:
        self.surveyed.append(image.size)
        self.cropped.append(cropped)
        lines = RecordingEngine.read(self, image)
        return Survey([ln.quad for ln in lines], [False] * len(lines), image.size, full_size=self.full_size)

    def read(self, image: Image.Image, survey: Survey | None = None) -> list[OcrLine]:  # type: ignore[override]
        if survey is None:  # as RapidOCR: an image read without its survey is surveyed first
            self.survey(image)
        return RecordingEngine.read(self, image)


def test_an_a4_scan_seen_whole_is_not_cropped_and_read_again() -> None:
    # 200 dpi A4 is 2339 px high and prepared at 2000: once the detector has seen it whole
    # (a dense page, small print), its top half would be seen at most 1.17 times larger
    seen_whole = SurveyingEngine(origin=(100, 100), lines=20, full_size=True)
    page = _run((1654, 2339), seen_whole)
    assert seen_whole.surveyed == [(1654, 2339)] and page.image.size == (1654, 2339)
    # seen on a reduced first pass only, the same page is cropped and read again
    reduced = SurveyingEngine(origin=(100, 100), lines=20, full_size=False)
    page = _run((1654, 2339), reduced)
    assert len(reduced.surveyed) == 2 and page.image.size != (1654, 2339)
    # the crop is surveyed as a crop: its small frame is no card's (no card's first pass)
    assert reduced.cropped == [False, True]
    # and a photo far larger than the detector's size is cropped whatever the survey saw
    far = SurveyingEngine(origin=(1500, 1200), lines=12, full_size=True)
    _run((4000, 3000), far)
    assert len(far.surveyed) == 2


def test_a_page_that_fills_the_frame_is_read_once() -> None:
    engine = RecordingEngine(origin=(100, 100), lines=60)
    engine_big = RecordingEngine(origin=(40, 40), lines=60, width=2500)
    _run((800, 2000), engine)
    _run((2600, 1900), engine_big)
    assert len(engine.sizes) == 1  # small frames are never cropped: nothing to gain
    assert len(engine_big.sizes) == 1


@pytest.mark.slow
@pytest.mark.parametrize("tilt", [5, -4])
def test_a_tilted_card_is_detected_once_and_its_lines_land_on_the_straightened_page(engine, pan_card, tilt) -> None:
    surveyed: list[tuple[int, int]] = []
    survey = engine.ocr.survey

    def counting(image: Image.Image):  # type: ignore[no-untyped-def]
        surveyed.append(image.size)
        return survey(image)

    engine.ocr.survey = counting  # type: ignore[method-assign]
    try:
        tilted = pan_card.rotate(tilt, expand=True, fillcolor=(250, 250, 246))
        page = Page(index=0, image=tilted, width=tilted.width, height=tilted.height)
        doc = Document(data=b"", filename="card.jpg")
        doc.pages = [page]
        OcrStage(engine.ocr, OcrOptions(devanagari=False))(doc)
    finally:
        engine.ocr.survey = survey  # type: ignore[method-assign]
    assert surveyed == [tilted.size]  # one detection, on the page as captured
    assert abs(page.skew) >= 2 and page.image.size != tilted.size
    by_text = {line.text: line for line in page.ocr}
    name = by_text["MEERA KRISHNAN"]
    (x0, y0), (x1, y1) = name.quad[0], name.quad[1]
    assert abs(math.degrees(math.atan2(y1 - y0, x1 - x0))) < 1.0  # level on the straightened page
    # and over the ink of its own words there: the box holds dark print, the band under it none
    gray = page.image.convert("L")
    left, top, right, bottom = (int(v) for v in name.bbox)
    inside = gray.crop((left, top, right, bottom))
    below = gray.crop((left, bottom + 8, right, bottom + 8 + (bottom - top) // 2))
    dark = lambda im: sum(1 for v in im.getdata() if v < 128) / max(1, im.width * im.height)  # noqa: E731
    assert dark(inside) > 0.08 and dark(below) < 0.02
