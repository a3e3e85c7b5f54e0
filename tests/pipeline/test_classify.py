"""Classification: confidence and runner-up on the wire, documents that only mention an ID,
and no identifier without evidence (issue 13)."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from PIL import Image

from kagaz.ocr.fake import FakeOcrEngine, lines_from_text
from kagaz.pipeline import Engine
from kagaz.pipeline.stages.classify import type_confidence
from kagaz.settings import EngineSettings
from tests.conftest import encode

PAN_CARD = ("INCOME TAX DEPARTMENT\nGOVT. OF INDIA\nMEERA KRISHNAN\nGOPAL KRISHNAN\n14/08/1991\n"
            "Permanent Account Number\n{pan}")
# The MCA's certificate prints the company's PAN beside "Permanent Account Number" and
# "Income Tax Department": it is still not a PAN card.
INCORPORATION = """GOVERNMENT OF INDIA
MINISTRY OF CORPORATE AFFAIRS
Central Registration Centre
Certificate of Incorporation
[Pursuant to sub-section (2) of section 7 of the Companies Act, 2013 (18 of 2013)]
I hereby certify that SUNRISE AGRO FOODS PRIVATE LIMITED is incorporated on this Fourth day of May
Two thousand twenty under the Companies Act, 2013 (18 of 2013) and the company is limited by shares.
The Corporate Identity Number of the company is U15400MH2020PTC341234.
The Permanent Account Number (PAN) of the company is AAZCS1234K*
Given under my hand at Manesar this Fifth day of May Two thousand twenty.
Assistant Registrar of Companies
*as issued by Income Tax Department"""


def _fake(text: str) -> Engine:
    return Engine(EngineSettings(devanagari=False), ocr=FakeOcrEngine(lines_from_text(text)))


def _image() -> bytes:
    return encode(Image.new("RGB", (400, 300), "white"))


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in text.splitlines():
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_clear_winner_keeps_its_score_and_a_tie_halves_it() -> None:
    assert type_confidence(0.95, 0.0) == 0.95
    assert type_confidence(0.6, 0.6) == 0.3
    assert type_confidence(0.9, 0.3) < 0.9


def test_the_wire_carries_type_confidence() -> None:
    result = _fake(PAN_CARD.format(pan="BQKPK4821M")).process(_image())
    data = result.file_data()
    assert data["document_type"] == "PAN"
    assert 0.5 <= data["document_type_confidence"] <= 1.0
    runner = data.get("document_type_runner_up")
    assert runner is None or (runner["document_type"] != "PAN"
                              and runner["confidence_score"] <= data["document_type_confidence"] * 2)


def test_an_unrecognised_document_names_the_nearest_type() -> None:
    # A letter about a statement: below every type's bar, nearest to a statement.
    text = ("Dear Sir,\nPlease send the statement of account for my savings account.\n"
            "Account No. 1234567890\nYours faithfully,\nR. Mehta")
    data = _fake(text).process(_image()).file_data()
    assert data["document_type"] == "UNRECOGNISED"
    assert "document_type_confidence" not in data
    if "document_type_runner_up" in data:
        assert data["document_type_runner_up"]["confidence_score"] < 0.5


@pytest.mark.parametrize("source", ["ocr", "pdf"])
def test_a_certificate_of_incorporation_is_not_a_pan_card(source: str) -> None:
    result = (_fake(INCORPORATION).process(_image()) if source == "ocr"
              else _fake("").process(_pdf(INCORPORATION)))
    assert result.error_code == "UNRECOGNISED", result.file_data()
    assert "pan_number" not in result.file_data()


def test_a_text_layer_identifier_must_be_printed() -> None:
    # OCR look-alike repairs ("I" for "1") are for OCR; a born-digital page says what it says.
    engine = _fake("")
    good = engine.process(_pdf(PAN_CARD.format(pan="BQKPK4821M")))
    assert good.document_type == "PAN"
    assert good.fields["pan_number"].value == "BQKPK4821M"
    made_up = engine.process(_pdf(PAN_CARD.format(pan="BQKPK482IM")))
    assert "pan_number" not in made_up.fields
    assert any(i.code == "IDENTIFIER_NOT_PRINTED" for i in made_up.issues)
