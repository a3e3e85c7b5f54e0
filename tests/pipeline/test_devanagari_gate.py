"""When the OCR stage reads a page whole in Devanagari: a Latin reading that kept only the digits
of long Devanagari lines calls for it; a bilingual card with its English read well does not."""

from __future__ import annotations

from PIL import Image

from kagaz.model import Document, Page
from kagaz.ocr.base import OcrLine
from kagaz.ocr.fake import FakeOcrEngine, lines_from_text
from kagaz.pipeline.stages.ocr import OcrOptions, OcrStage, doubtful_share

MARATHI = lines_from_text("चतुःसीमा दाखला\nमौजे वाघोली\nसर्व्हे नंबर : १३/३\nपूर्वेस : स.नं. १८/२", score=0.93)


def _box(y: float, width: float) -> tuple[tuple[float, float], ...]:
    return ((100, y), (100 + width, y), (100 + width, y + 30), (100, y + 30))


# What the Latin engine keeps of a boundaries certificate: the digits, confidently, in long boxes.
DIGITS_ONLY = [OcrLine(t, 0.88, _box(100 + 60 * i, 700)) for i, t in enumerate(
    [" :", ":13/3", "..18/2", ":..13/6", "3R:..15/4", "..15"])] + [OcrLine("LIP", 0.46, _box(500, 90))]

# A bilingual card read by the Latin engine: its Hindi lines doubtful, its English read well.
CARD = [OcrLine(t, s, _box(60 * i, 60 + 22 * len(t))) for i, (t, s) in enumerate([
    ("市3ITUR，T", 0.55), ("GOVERNMENT OF INDIA", 0.97), ("灯叩", 0.4), ("Ramesh Kumar Sharma", 0.96),
    ("पं市", 0.5), ("Date of Birth 01/01/1990", 0.95), ("Male", 0.97), ("鸣T", 0.3)])]


def _read(latin: list[OcrLine], page_reader: FakeOcrEngine) -> Page:
    page = Page(index=0, image=Image.new("RGB", (1654, 2339), "white"), width=1654, height=2339)
    doc = Document(data=b"", filename="x.png")
    doc.pages = [page]
    OcrStage(FakeOcrEngine(latin), OcrOptions(), None, page_reader).run(doc)
    return page


def test_confident_digits_in_long_boxes_count_as_doubtful() -> None:
    assert doubtful_share(DIGITS_ONLY) > OcrOptions().devanagari_page_doubt
    page_reader = FakeOcrEngine(MARATHI)
    page = _read(DIGITS_ONLY, page_reader)
    # read whole (and once more with the detected lines alone: the fakes' boxes do not meet)
    assert page_reader.calls >= 1
    assert page.ocr[0].text == "चतुःसीमा दाखला"


def test_a_card_with_its_english_read_well_is_not_read_whole_in_devanagari() -> None:
    assert doubtful_share(CARD) >= OcrOptions().devanagari_page_doubt  # doubtful enough before
    page_reader = FakeOcrEngine(MARATHI)
    page = _read(CARD, page_reader)
    assert page_reader.calls == 0
    assert [line.text for line in page.ocr] == [line.text for line in CARD]
