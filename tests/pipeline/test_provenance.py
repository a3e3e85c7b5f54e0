"""Every field says where it is printed: page (1-based) and bbox (fractions of the page)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFont

from kagaz.model import Document, Field, Page, TextLine
from kagaz.pipeline.provenance import coverage, locate
from tests.conftest import FONT, draw_card, encode


def _inside(outer: list[float], inner: tuple[float, float, float, float], tol: float) -> bool:
    return (outer[0] <= inner[0] + tol and outer[1] <= inner[1] + tol
            and outer[2] >= inner[2] - tol and outer[3] >= inner[3] - tol)


def test_pan_number_box_covers_the_printed_number(engine, pan_card: Image.Image) -> None:
    # conftest's card prints "BQKPK4821M" at (60, 470) in DejaVu Sans 44 on a 1000x630 card.
    x0, y0, x1, y1 = ImageFont.truetype(FONT, 44).getbbox("BQKPK4821M")
    printed = ((60 + x0) / 1000, (470 + y0) / 630, (60 + x1) / 1000, (470 + y1) / 630)
    data = engine.process(encode(pan_card), "pan.png").file_data()
    pan = data["pan_number"]
    assert pan["value"] == "BQKPK4821M" and pan["page"] == 1
    assert _inside(pan["bbox"], printed, tol=0.02), (pan["bbox"], printed)
    # ... and is the number's box, not half the card
    assert pan["bbox"][2] - pan["bbox"][0] < 2 * (printed[2] - printed[0])
    assert "page" not in data["document_quality_flag"]  # computed from the image: no box
    dob = data["dob"]["bbox"]
    assert dob[1] < pan["bbox"][1]  # the date is printed above the number


def test_text_layer_pdf_gets_boxes(engine) -> None:
    from fpdf import FPDF

    pdf = FPDF(format=(240, 150))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in ["INCOME TAX DEPARTMENT", "GOVT. OF INDIA", "Permanent Account Number Card",
                 "ABCPK1234F", "Name", "RAHUL KUMAR", "Father's Name", "SURESH KUMAR",
                 "Date of Birth", "15/08/1990"]:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    result = engine.process(bytes(pdf.output()), "pan.pdf")
    data = result.file_data()
    # fpdf: 10 mm top margin, 10 mm cells; the number is the 4th line (40..50 mm of 150 mm)
    pan = data["pan_number"]
    assert pan["page"] == 1
    assert 40 / 150 - 0.01 <= pan["bbox"][1] < pan["bbox"][3] <= 50 / 150 + 0.01
    assert pan["bbox"][0] == pytest.approx(10 / 240, abs=0.01)
    assert coverage(data) == (4, 5)  # all but the image-quality flag
    assert result.page_images and result.page_images[0] is not None
    # a JPEG of the page as read, scaled down to the review size
    w, h = Image.open(io.BytesIO(result.page_images[0])).size
    assert w / h == pytest.approx(result.page_sizes[0][0] / result.page_sizes[0][1], rel=0.01)


def _doc(lines: list[TextLine], fields: dict[str, Field]) -> Document:
    doc = Document(data=b"")
    doc.pages = [Page(index=0, width=1000, height=500, lines=lines)]
    doc.fields = fields
    return doc


def test_value_inside_a_long_line_gets_its_part_of_the_line() -> None:
    line = TextLine("Name: RAVI KUMAR", 0.99, (100, 10, 420, 30))
    doc = _doc([line], {"name": Field(value="RAVI KUMAR", confidence_score=0.9, page=0, bbox=line.box)})
    locate(doc)
    x0, _, x1, _ = doc.fields["name"].bbox
    assert 180 < x0 < 230 and x1 == pytest.approx(420, abs=10)


def test_multi_line_value_gets_the_union_and_unprinted_value_gets_none() -> None:
    lines = [TextLine("Address:", 0.99, (10, 10, 90, 30)),
             TextLine("12 MG Road, Indiranagar", 0.99, (100, 10, 400, 30)),
             TextLine("Bengaluru 560038", 0.99, (100, 40, 300, 60))]
    doc = _doc(lines, {
        "address": Field(value="12 MG Road, Indiranagar, Bengaluru 560038", confidence_score=0.9,
                         page=0, bbox=lines[1].box),
        "total": Field(value="560038", confidence_score=0.9),  # no line given: found by value
        "flag": Field(value="PHOTO_OF_PHOTO", confidence_score=0.9),  # nowhere on the page
    })
    locate(doc)
    assert doc.fields["address"].bbox == (100, 10, 400, 60)
    assert doc.fields["total"].page == 0 and doc.fields["total"].bbox[1] == 40
    assert doc.fields["flag"].bbox is None
    wire = doc.fields["address"].wire([(1000, 500)])
    assert wire["page"] == 1 and wire["bbox"] == [0.1, 0.02, 0.4, 0.12]
    assert "page" not in doc.fields["flag"].wire([(1000, 500)])


def test_list_rows_get_their_own_boxes() -> None:
    lines = [TextLine("01/04/2024", 0.99, (10, 100, 110, 120)), TextLine("UPI/RAVI/PAYMENT", 0.99, (150, 100, 400, 120)),
             TextLine("1,200.00", 0.99, (500, 100, 580, 120)),
             TextLine("02/04/2024", 0.99, (10, 140, 110, 160)), TextLine("NEFT SALARY", 0.99, (150, 140, 400, 160)),
             TextLine("50,000.00", 0.99, (500, 140, 590, 160))]
    rows = [{"date": "01/04/2024", "description": "UPI/RAVI/PAYMENT", "debit": "1,200.00", "confidence_score": 0.9},
            {"date": "02/04/2024", "description": "NEFT SALARY", "credit": "50,000.00", "confidence_score": 0.9}]
    doc = _doc(lines, {"transactions": Field(value=rows, confidence_score=0.9)})
    locate(doc)
    wire = doc.fields["transactions"].wire([(1000, 500)])
    assert [r["bbox"] for r in wire["value"]] == [[0.01, 0.2, 0.58, 0.24], [0.01, 0.28, 0.59, 0.32]]
    assert [r["page"] for r in wire["value"]] == [1, 1]
    assert doc.fields["transactions"].value[0].keys() == rows[0].keys()  # the value is untouched


def test_synthetic_statement_rows_have_boxes(engine) -> None:
    from kagaz.synth.generator import generate

    doc = generate("BANK_STATEMENT", 7, "pdf_text")
    data = engine.process(doc.data, doc.filename(0)).file_data()
    txns = data["transactions"]["value"]
    assert txns and all("bbox" in t and t["page"] >= 1 for t in txns)
    assert all(0 <= v <= 1 for t in txns for v in t["bbox"])
