"""Born-digital land records: the computerised 7/12, 8A and Index II come as PDFs whose text layer
holds their Marathi as Unicode, and kagaz reads them from that layer without OCR."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from kagaz.ocr.fake import FakeOcrEngine
from kagaz.pipeline.engine import Engine
from kagaz.settings import EngineSettings
from kagaz.synth.generator import a4_layouts, generate


@pytest.mark.parametrize("doc_type", ["SATBARA", "NAMUNA_8", "INDEX_2"])
def test_the_text_layer_holds_the_marathi_values(doc_type: str) -> None:
    doc = generate(doc_type, 11, "pdf_text")
    assert doc.layout in a4_layouts(doc_type)
    text = pdfium.PdfDocument(doc.data)[0].get_textpage().get_text_range()
    assert doc.fields["village"] in text
    names = doc.fields.get("holders") or [{"name": n} for n in doc.fields["claimants"]]
    assert all(h["name"] in text for h in names)


def test_scans_of_the_same_layouts_have_no_text_layer() -> None:
    doc = generate("SATBARA", 11, "pdf_scan", "computerised")
    assert pdfium.PdfDocument(doc.data)[0].get_textpage().get_text_range().strip() == ""


@pytest.fixture(scope="module")
def engine() -> Engine:
    # an OCR engine that reads nothing: every value must come from the text layer
    return Engine(EngineSettings(devanagari=False, page_images=0), ocr=FakeOcrEngine([]))


@pytest.mark.parametrize(("doc_type", "seed"), [("SATBARA", 3), ("SATBARA", 4), ("NAMUNA_8", 3), ("INDEX_2", 3)])
def test_a_born_digital_record_is_read_from_its_text_layer(engine: Engine, doc_type: str, seed: int) -> None:
    doc = generate(doc_type, seed, "pdf_text")
    result = engine.process(doc.data, f"x.{doc.ext}")
    assert result.document_type == doc_type
    got = {k: f.value for k, f in result.fields.items()}
    for key in ("village", "survey_number", "holders", "account_number", "document_number",
                "registration_date", "claimants", "executants"):
        if key in doc.fields:
            assert got.get(key) == doc.fields[key], key
