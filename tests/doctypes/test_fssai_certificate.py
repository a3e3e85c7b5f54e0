"""FSSAI certificates: the number and its structure, the kind from what the certificate prints,
the validations; a bill or an invoice that quotes an FSSAI number is no certificate."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import fssai_certificate as fssai
from kagaz.doctypes import registry
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


REGISTRATION = """Food Safety and Standards Authority of India
Registration Certificate
Registration Number
21519014000123
Name of the Food Business Operator : Sai Snacks Corner
Address of Premises : Shop 4, Station Road, Kolhapur, Maharashtra - 416001
Kind of Business : Petty Retailer
Valid Upto : 14/08/2024
Registering Authority"""

CENTRAL = """Government of India
Food Safety and Standards Authority of India
Form C
License under Food Safety and Standards Act, 2006
License Number : 10019022009876
Name of Licensee : BHARAT AGRO EXPORTS LIMITED
Address of Authorized Premises : Survey 12, GIDC Estate, Vapi,
Gujarat - 396195
Date of Issue : 10/05/2022
Valid Upto : 09/05/2027
Central Licensing Authority"""


def test_registration_certificate():
    lay = layout(REGISTRATION)
    assert fssai.score(lay) > 0.8
    f = {k: v.value for k, v in fssai.extract(lay, ExtractOptions()).items()}
    assert f["licence_number"] == "21519014000123" and f["kind"] == "registration"
    assert f["business_name"] == "Sai Snacks Corner" and f["valid_till"] == "14/08/2024"
    assert f["address"] == "Shop 4, Station Road, Kolhapur, Maharashtra - 416001"


def test_central_licence():
    """(Addresses wrapped in a table's value column are read in the born-digital test below.)"""
    f = {k: v.value for k, v in fssai.extract(layout(CENTRAL), ExtractOptions()).items()}
    assert f["kind"] == "central_licence" and f["licence_number"] == "10019022009876"
    assert f["address"].startswith("Survey 12, GIDC Estate, Vapi")
    assert f["issue_date"] == "10/05/2022" and f["business_name"] == "BHARAT AGRO EXPORTS LIMITED"


def test_kind_from_the_number_when_nothing_else_says_it():
    text = REGISTRATION.replace("Registration Certificate", "Certificate").replace("Registering Authority", "")
    f = fssai.extract(layout(text), ExtractOptions())
    assert f["kind"].value == "registration"  # the first digit 2
    lic = text.replace("21519014000123", "11519014000123")
    assert "kind" not in fssai.extract(layout(lic), ExtractOptions())  # a 1: state or central, unknown


def _validations(text: str) -> dict:
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=[])])
    doc.fields = fssai.extract(layout(text), ExtractOptions())
    fssai.finish(doc)
    return doc.validations


def test_number_structure():
    v = _validations(CENTRAL)["fssai_number_format"]
    assert v["valid"] and v["kind_digit"] == "1" and v["year"] == "19" and v["serial"] == "009876"
    # a registration certificate whose number says licence
    bad = _validations(REGISTRATION.replace("21519014000123", "11519014000123"))["fssai_number_format"]
    assert not bad["valid"] and bad["kind_matches"] is False
    # a year after the validity
    late = _validations(REGISTRATION.replace("21519014000123", "21529014000123"))["fssai_number_format"]
    assert not late["valid"] and late["year_before_validity"] is False
    fields = fssai.extract(layout(REGISTRATION.replace("21519014000123", "11519014000123")), ExtractOptions())
    assert fssai.validate(fields) == ["The number's first digit does not say the kind the certificate prints"]


BILL = """Hotel Annapurna
TAX INVOICE
FSSAI Lic. No. 11519011000123
Invoice No: 778  Date: 01/02/2024
Paneer Tikka 1 280.00
Grand Total 294.00"""
GST = """Government of India
Form GST REG-06
Registration Certificate
Registration Number : 27AAACK1234F1Z5
Legal Name : Kaveri Foods Private Limited"""


@pytest.mark.parametrize("text", [BILL, GST], ids=["restaurant_bill", "gst_certificate"])
def test_declines_documents_that_quote_a_registration(text):
    s = fssai.score(layout(text))
    assert s is None or s < 0.5


def test_declared_with_its_generator():
    assert registry()["FSSAI_CERTIFICATE"] is fssai
    assert fssai.GROUP == "business" and fssai.GENERATOR == "kagaz.synth.fssai"


@pytest.mark.parametrize("layout_name", ["state_licence", "central_licence", "registration"])
def test_born_digital_certificate_end_to_end(layout_name):
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import fssai as synth_fssai
    from kagaz.synth.render import to_pdf

    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for seed in range(2):
        drawn = synth_fssai.LAYOUTS[layout_name](random.Random(seed))
        result = engine.process(to_pdf(drawn.canvas))
        assert result.document_type == "FSSAI_CERTIFICATE"
        data = result.file_data()
        assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields
        assert result.validations["fssai_number_format"]["valid"]


@pytest.mark.slow
def test_clean_image_certificate_end_to_end(engine):
    from kagaz.synth import generate

    doc = generate("FSSAI_CERTIFICATE", 0, "clean", "state_licence")
    result = engine.process(doc.data)
    assert result.document_type == "FSSAI_CERTIFICATE"
    data = result.file_data()
    assert {k: data.get(k, {}).get("value") for k in doc.fields} == doc.fields
