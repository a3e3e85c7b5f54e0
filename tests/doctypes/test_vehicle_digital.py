"""Vehicle documents end to end on born-digital PDFs (the text layer is the truth, no OCR): every
field of every design as printed, and no older type's documents taken by a vehicle type."""

from __future__ import annotations

import pytest

from kagaz.pipeline import Engine
from kagaz.settings import EngineSettings
from kagaz.synth import generate
from kagaz.synth.generator import a4_layouts

VEHICLE = ("VEHICLE_RC", "RTO_FORM_26", "RTO_FORM_29", "RTO_FORM_30", "RTO_FORM_34", "RTO_FORM_35", "INSURANCE")
OLDER = ("INVOICE", "DELIVERY_ORDER", "SALE_DEED", "GST_CERT", "UDYAM_CERT", "SHOP_ACT_LICENSE", "BANK_STATEMENT")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(EngineSettings(devanagari=False, page_images=0))


@pytest.mark.parametrize("doc_type", VEHICLE)
def test_every_design_reads_as_printed(engine: Engine, doc_type: str) -> None:
    for seed, layout in enumerate(a4_layouts(doc_type)):
        doc = generate(doc_type, seed, "pdf_text", layout=layout)
        result = engine.process(doc.data)
        assert result.document_type == doc_type, layout
        got = {k: f.value for k, f in result.fields.items()}
        assert {k: got.get(k) for k in doc.fields} == doc.fields, layout
        checks = {k: v for k, v in result.validations.items() if k != "hypothecated"}  # a fact, not a check
        assert all(v.get("valid") is not False for v in checks.values()), checks
        assert result.validations["registration_format"]["valid"]


@pytest.mark.parametrize("doc_type", OLDER)
def test_older_types_keep_their_documents(engine: Engine, doc_type: str) -> None:
    for seed in range(3):
        result = engine.process(generate(doc_type, 100 + seed, "pdf_text").data)
        assert result.document_type not in VEHICLE, (doc_type, seed, result.document_type)
