"""The OCR stage reads a mostly Devanagari page whole with the Devanagari page reader, and keeps
the Latin reading of a bilingual card."""

from __future__ import annotations

import pytest
from PIL import Image

from kagaz.model import Document, Page
from kagaz.ocr.base import OcrLine
from kagaz.ocr.fake import FakeOcrEngine, lines_from_text
from kagaz.pipeline.stages.ocr import OcrOptions, OcrStage

# What the Latin engine makes of a 7/12: short junk with low scores, a few numbers read well.
LATIN_JUNK = [OcrLine(t, s, l.quad) for (t, s), l in zip(
    [("PI", 0.76), (": agch : T: yot", 0.62), ("H3:3/", 0.72), ("0.80.40(8)", 0.85), (".0.00", 0.68),
     ("3:3R4,00,000/-(2384)", 0.87), ("Survey No. 123/2", 0.99)],
    lines_from_text("\n".join(["x" * 30] * 7)))]
MARATHI = lines_from_text("गाव नमुना सात\nगाव : वाघोली तालुका : हवेली जिल्हा : पुणे\n"
                          "भूमापन क्रमांक व उपविभाग : १२३/२\nSurvey No. 123/2", score=0.93)
CARD = lines_from_text("भारत सरकार\nGOVERNMENT OF INDIA\nRamesh Kumar\nजन्म तिथि/DOB: 01/01/1990\n"
                       "Male\n2345 6789 0123", score=0.97)


def _read(latin: FakeOcrEngine, page_reader: FakeOcrEngine | None) -> Page:
    page = Page(index=0, image=Image.new("RGB", (1654, 2339), "white"), width=1654, height=2339)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(latin, OcrOptions(), None, page_reader).run(doc)
    return page


def test_a_page_the_latin_engine_cannot_read_is_read_whole_in_devanagari():
    page_reader = FakeOcrEngine(MARATHI)
    page = _read(FakeOcrEngine(LATIN_JUNK), page_reader)
    assert [line.text for line in page.ocr] == [line.text for line in MARATHI]
    assert page_reader.calls == 1  # a confident reading is not tried upside down


def test_a_well_read_card_never_calls_the_page_reader():
    page_reader = FakeOcrEngine(MARATHI)
    page = _read(FakeOcrEngine(CARD), page_reader)
    assert page_reader.calls == 0
    assert page.ocr[0].text == "भारत सरकार"


def test_a_doubtful_page_that_is_not_mostly_devanagari_keeps_the_latin_reading():
    english = lines_from_text("TAX INVOICE\nInvoice No. 123\nTotal 4,500.00\nGSTIN 27ABCDE1234F1Z5")
    page = _read(FakeOcrEngine(LATIN_JUNK), FakeOcrEngine(english))
    assert [line.text for line in page.ocr] == [line.text for line in LATIN_JUNK]


def test_an_upside_down_page_is_read_turned_when_that_reads_better():
    def reader(image: Image.Image) -> list[OcrLine]:
        # the fixture image is white except a black top-left pixel; turned, it moves
        upright = image.getpixel((image.width - 1, image.height - 1)) == (0, 0, 0)
        return MARATHI if upright else lines_from_text("~~ ।। ~~\n॥ ॥", score=0.2)

    image = Image.new("RGB", (400, 600), "white")
    image.putpixel((0, 0), (0, 0, 0))
    page = Page(index=0, image=image, width=400, height=600)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(LATIN_JUNK), OcrOptions(), None, FakeOcrEngine(reader)).run(doc)
    assert page.rotation == 180
    assert page.ocr[0].text == "गाव नमुना सात"


def test_a_small_page_is_enlarged_for_the_page_reader_and_its_boxes_come_back_in_page_pixels():
    sizes: list[tuple[int, int]] = []

    def reader(image: Image.Image) -> list[OcrLine]:
        sizes.append(image.size)
        return [OcrLine("गाव नमुना सात", 0.95, ((300, 300), (900, 300), (900, 360), (300, 360)))]

    page = Page(index=0, image=Image.new("RGB", (683, 967), "white"), width=683, height=967)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(LATIN_JUNK), OcrOptions(), None, FakeOcrEngine(reader)).run(doc)
    assert max(sizes[0]) >= 2000  # a 683 x 967 capture is read enlarged (Tesseract needs ~20 px lines)
    factor = sizes[0][1] / 967
    assert page.ocr[0].bbox == pytest.approx((300 / factor, 300 / factor, 900 / factor, 360 / factor), abs=0.5)


def test_the_real_page_reader_returns_no_lines_for_a_blank_page():
    from kagaz.ocr.tesseract import devanagari_page_engine

    engine = devanagari_page_engine()
    if engine is None:
        pytest.skip("Tesseract Marathi/Hindi data not installed")
    # tesserocr raises "No text returned" on an empty layout; the engine must not
    assert engine.read(Image.new("RGB", (1000, 700), "white")) == []


class TitleReader:
    """A line reader that reads every crop as the title."""

    def read(self, crop: Image.Image) -> tuple[str, float]:
        return "गावठाण दाखला", 0.9


def test_a_line_the_page_reader_skipped_is_read_alone_where_the_latin_detector_boxed_it():
    def box(y: float) -> tuple:
        return ((100, y), (700, y), (700, y + 24), (100, y + 24))

    latin = [OcrLine(t, s, box(y)) for t, s, y in [("Da a, f a", 0.5, 10), ("7 a3, fa,", 0.4, 40),
                                                   (":28/04/2093", 0.8, 70), (":8C3", 0.7, 100)]]
    body = [OcrLine(t, 0.93, box(y)) for t, y in [("दिनांक : २१/०६/२०१३", 70), ("मिळकत क्रमांक : १८३", 100)]]
    # a block gone wrong: one tall "line" over the whole page does not hide the title's place
    body.append(OcrLine("=", 0.5, ((0, 0), (800, 0), (800, 600), (0, 600))))
    # 2000 px: neither cropped to its text nor enlarged, so the fakes' boxes stay where they are
    page = Page(index=0, image=Image.new("RGB", (2000, 1000), "white"), width=2000, height=1000)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(latin), OcrOptions(), TitleReader(), FakeOcrEngine(body)).run(doc)
    texts = [line.text for line in page.ocr]
    assert texts.count("गावठाण दाखला") == 2  # the two boxes nothing covered; not the two read ones
