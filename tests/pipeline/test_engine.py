"""The engine end to end: the real OCR on drawn cards, and the stage plumbing on a fake OCR."""

from __future__ import annotations

import pytest
from PIL import Image

from kagaz.ocr.fake import FakeOcrEngine, lines_from_text
from kagaz.pipeline import Engine
from kagaz.model import Status
from kagaz.settings import EngineSettings
from tests.conftest import encode

PAN_TEXT = "INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nMEERA KRISHNAN\nGOPAL KRISHNAN\n14/08/1991\nPermanent Account Number\nBQKPK4821M"


def fake_engine(text: str) -> Engine:
    return Engine(EngineSettings(devanagari=False), ocr=FakeOcrEngine(lines_from_text(text)))


def test_fake_ocr_pipeline_reads_a_pan():
    result = fake_engine(PAN_TEXT).process(encode(Image.new("RGB", (400, 300), "white")))
    assert result.status == Status.SUCCESS, result.issues
    assert result.document_type == "PAN"
    data = result.file_data()
    pan = dict(data["pan_number"])
    x0, y0, x1, y1 = pan.pop("bbox")  # additive provenance: tests/pipeline/test_provenance.py
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert pan == {"value": "BQKPK4821M", "confidence_score": pytest.approx(0.99, abs=0.02), "page": 1}
    assert data["dob"]["value"] == "14/08/1991"
    assert set(result.timings) >= {"load", "ocr", "normalise", "classify", "extract", "validate", "total"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Dear Sir,\nPlease find attached the quarterly report.\nRegards,\nAccounts team",
        "Total 450.00\nThank you for dining with us\nGST included",
    ],
)
def test_unknown_content_is_unrecognised(text):
    result = fake_engine(text).process(encode(Image.new("RGB", (400, 300), "white")))
    assert result.error_code == "UNRECOGNISED"
    assert result.document_type is None and result.fields == {}
    assert result.file_data() == {"document_type": "UNRECOGNISED"}


def test_errors_never_escape(monkeypatch):
    engine = fake_engine(PAN_TEXT)

    def broken(image):
        raise RuntimeError("boom")

    engine.ocr.read = broken  # type: ignore[method-assign]
    result = engine.process(encode(Image.new("RGB", (400, 300), "white")))
    assert result.error_code == "ENGINE_ERROR" and result.status == Status.FAILED


@pytest.mark.parametrize("data,code", [(b"", "EMPTY_DOCUMENT"), (b"GIF89a....", "UNSUPPORTED_FORMAT"), (b"%PDF-1.4 junk", "INVALID_DOC")])
def test_bad_files_get_codes(data, code):
    assert fake_engine(PAN_TEXT).process(data).error_code == code


@pytest.mark.slow
@pytest.mark.parametrize("turn", [0, 90, 180, 270, 4, -3])
def test_real_ocr_straightens_rotated_and_skewed_cards(engine, pan_card, turn):
    im = pan_card.rotate(turn, expand=True, fillcolor=(250, 250, 246))
    result = engine.process(encode(im, "JPEG", quality=92))
    assert result.document_type == "PAN", result.error_code
    values = {k: v.value for k, v in result.fields.items()}
    assert values["pan_number"] == "BQKPK4821M"
    assert values["dob"] == "14/08/1991"
    assert values["name_as_per_pan"] == "MEERA KRISHNAN"
    assert values["father_name"] == "GOPAL KRISHNAN"


@pytest.mark.slow
def test_blank_page_and_photo_are_unrecognised(engine):
    assert engine.process(encode(Image.new("RGB", (1000, 700), "white"))).error_code == "UNRECOGNISED"
    noise = Image.effect_noise((640, 480), 80).convert("RGB")
    assert engine.process(encode(noise, "JPEG")).error_code == "UNRECOGNISED"
