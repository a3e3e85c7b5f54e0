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


def _read(latin: FakeOcrEngine, page_reader: FakeOcrEngine | None, options: OcrOptions | None = None) -> Page:
    page = Page(index=0, image=Image.new("RGB", (1654, 2339), "white"), width=1654, height=2339)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(latin, options or OcrOptions(), None, page_reader).run(doc)
    return page


def test_a_page_the_latin_engine_cannot_read_is_read_whole_in_devanagari():
    page_reader = FakeOcrEngine(MARATHI)
    # the Latin junk lies where the Marathi lines are: the page reader found every line
    latin = [OcrLine(junk.text, junk.score, line.quad) for junk, line in zip(LATIN_JUNK, MARATHI)]
    # (not cropped to its text, so that the fakes' boxes stay where they are)
    page = _read(FakeOcrEngine(latin), page_reader, OcrOptions(reread_text_share=0.0))
    assert [line.text for line in page.ocr] == [line.text for line in MARATHI]
    assert page_reader.calls == 1  # a confident reading is not tried upside down, nor masked


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


class LineRereadingPage(FakeOcrEngine):
    """A page reader that also reads single lines: every crop as ``reading``."""

    def __init__(self, lines: list[OcrLine], reading: tuple[str, float]) -> None:
        super().__init__(lines)
        self.reading = reading
        self.line_calls = 0

    def read_line(self, crop: Image.Image) -> tuple[str, float]:
        self.line_calls += 1
        return self.reading


def _page_with(page_reader: FakeOcrEngine) -> list[str]:
    page = Page(index=0, image=Image.new("RGB", (2000, 1000), "white"), width=2000, height=1000)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(LATIN_JUNK), OcrOptions(), None, page_reader).run(doc)
    return [line.text for line in page.ocr]


def test_a_name_the_page_reader_read_as_latin_junk_is_read_again_as_one_line():
    lines = [OcrLine(t, s, ((100, y), (1500, y), (1500, y + 30), (100, y + 30))) for t, s, y in [
        ("गाव नमुना सात", 0.93, 10), ("श्री. fase अशोक पाटील, वय 73 वर्षे, रा. मुसळगाव", 0.92, 60),
        ("भूमापन क्रमांक व उपविभाग : १२३/२", 0.95, 110)]]
    page_reader = LineRereadingPage(lines, ("श्री. विठ्ठल अशोक पाटील, वय 73 वर्षे, रा. मुसळगाव", 0.9))
    texts = _page_with(page_reader)
    assert texts[1] == "श्री. विठ्ठल अशोक पाटील, वय 73 वर्षे, रा. मुसळगाव"
    assert texts[0] == "गाव नमुना सात" and page_reader.line_calls == 1  # good lines are not re-read
    # a doubtful reading of the line does not replace the page's
    worse = LineRereadingPage(lines, ("श्री. विठ्ठल अशोक पाटील", 0.4))
    assert _page_with(worse)[1].startswith("श्री. fase")


def test_the_real_page_reader_reads_one_devanagari_line():
    from PIL import ImageDraw

    from kagaz.ocr.tesseract import devanagari_page_engine
    from kagaz.synth.fonts import font as load_font

    engine = devanagari_page_engine()
    if engine is None:
        pytest.skip("Tesseract Marathi/Hindi data not installed")
    font = load_font("deva_sans", 40)
    image = Image.new("RGB", (900, 72), "white")
    ImageDraw.Draw(image).text((10, 8), "नाव : दत्तात्रय पांडुरंग मोरे", font=font, fill="black")
    text, conf = engine.read_line(image)
    assert "पांडुरंग मोरे" in text and conf >= 0.6


def test_a_page_whose_background_swallowed_the_text_is_read_again_with_the_detected_lines_alone():
    # a photo: the table around the sheet made Tesseract read one "line" over the whole page
    def box(y: float) -> tuple:
        return ((300, y), (1500, y), (1500, y + 30), (300, y + 30))

    ys = [100, 200, 300, 400]
    latin = [OcrLine(t, 0.5, box(y)) for t, y in zip(["aara arafa", "fat:07/08", "ae, sf", "700.9"], ys)]
    body = ["ग्रामपंचायत कार्यालय", "दिनांक : ०७/०८/२०२१", "गावठाण दाखला", "मौजे वानाडोंगरी"]

    def page_reader(image: Image.Image) -> list[OcrLine]:
        if image.convert("L").getpixel((5, 5)) < 128:  # the dark background is still there
            return [OcrLine("= कार्यालय", 0.7, ((0, 0), (2000, 0), (2000, 1000), (0, 1000))),
                    OcrLine("सही", 0.9, ((1600, 900), (1700, 900), (1700, 930), (1600, 930)))]
        return [OcrLine(t, 0.92, box(y)) for t, y in zip(body, ys)]

    image = Image.new("RGB", (2000, 1000), (90, 60, 30))
    for y in ys:
        image.paste((250, 250, 250), (280, y - 10, 1520, y + 40))
    page = Page(index=0, image=image, width=2000, height=1000)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(latin), OcrOptions(), None, FakeOcrEngine(page_reader)).run(doc)
    assert [line.text for line in page.ocr][:4] == body


def test_a_line_reading_with_more_latin_junk_never_replaces_the_page_readers():
    from kagaz.pipeline.stages.page_readings import better_reading

    box = ((0, 0), (400, 0), (400, 30), (0, 30))
    old = OcrLine("“_ देस्तक्रमांक 5615/2013 .", 0.45, box)
    assert not better_reading("| aed क्रमांक S615 /2013 |", 0.69, old)  # higher score, Latin junk
    assert better_reading("दस्त क्रमांक 5615/2013", 0.69, old)
    junk = OcrLine("श्री. fase अशोक पाटील", 0.92, box)
    assert better_reading("श्री. विठ्ठल अशोक पाटील", 0.88, junk)  # fewer Latin letters, about as sure
    assert not better_reading("श्री. विठ्ठल अशोक पाटील", 0.55, junk)  # not believable
