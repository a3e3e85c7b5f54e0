"""Rent agreements: parties by their roles, the premises, rent, period; the end date against the
period; sale deeds and bills stay with their types."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kagaz.doctypes import registry, rent_agreement, sale_deed
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))


RENT = """RENT AGREEMENT
This Rent Agreement is made on 20/05/2023 BETWEEN Shri RAMESH PATIL, S/o Shri Vasant Patil,
aged about 58 years, residing at 14, Shivaji Nagar, Kolhapur (hereinafter referred to as the OWNER)
AND Ms. Anjali Deshmukh, D/o Suresh Deshmukh, residing at Sangli (hereinafter referred to as the TENANT).
WHEREAS the Owner is the lawful owner of the house property situated at House No. 22, Rajarampuri,
Kolhapur - 416008; and the Tenant has requested to take the same on rent.
1. That the tenancy shall commence with effect from the 1st day of June, 2023 and shall be for a
period of twelve months.
2. That the Tenant shall pay a rent of Rs. 9,500/- (Rupees Nine Thousand Five Hundred Only) per month.
3. That the Tenant has paid a security deposit of Rs. 28,500/- to the Owner."""
LICENCE = """LEAVE AND LICENSE AGREEMENT
BETWEEN Mr. RAVI KUMAR, residing at Kothrud, Pune, hereinafter called the "LICENSOR" of the ONE PART
AND Mrs. SUNITA LAL, residing at Baner, Pune, hereinafter called the "LICENSEE" of the OTHER PART.
The Licensor allows the premises situated at Flat No. 1204, Lotus Heights, Baner, Pune 411045 (the
Licensed Premises) for a period of 11 (Eleven) months commencing from 01/04/2024 and ending on 31/03/2025.
The Licensee shall pay a monthly licence fee of Rs. 15,000/- and a deposit of Rs. 45,000/-."""


def test_rent_agreement_on_stamp_paper():
    lay = layout(RENT)
    assert rent_agreement.score(lay) >= 0.9
    got = {k: v.value for k, v in rent_agreement.extract(lay, ExtractOptions()).items()}
    assert got == {"landlord_name": "RAMESH PATIL", "tenant_name": "Anjali Deshmukh",
                   "property_address": "House No. 22, Rajarampuri, Kolhapur - 416008",
                   "monthly_rent": "9500.00", "start_date": "01/06/2023", "duration_months": "12",
                   "security_deposit": "28500.00"}


def _finished(text: str) -> Document:
    lay = layout(text)
    doc = Document(data=b"", pages=[Page(0, 1654, 2339, lines=list(lay))])
    doc.fields = rent_agreement.extract(lay, ExtractOptions())
    rent_agreement.finish(doc)
    return doc


def test_end_date_against_the_period():
    doc = _finished(LICENCE)
    assert doc.fields["property_address"].value == "Flat No. 1204, Lotus Heights, Baner, Pune 411045"
    check = doc.validations["end_date_vs_duration"]
    assert not check["valid"] and check["expected_end_date"] == "28/02/2025"  # 11 months, not 12
    assert rent_agreement.validate(doc.fields)
    good = _finished(LICENCE.replace("31/03/2025", "28/02/2025"))
    assert good.validations["end_date_vs_duration"]["valid"]
    assert "end_date_vs_duration" not in _finished(RENT).validations  # no end date printed


def test_end_of_period_clamps_to_the_months_end():
    assert rent_agreement.end_of_period(dt.date(2023, 3, 31), 11) == dt.date(2024, 2, 29)


DEED = """SALE DEED
THIS DEED OF SALE is made and executed on this 12th day of April 2024 at Pune BY Mr. RAVI KUMAR,
hereinafter called the VENDOR, IN FAVOUR OF Mrs. SUNITA LAL, hereinafter called the PURCHASER.
The Vendor has agreed to sell the property situated at Flat 12, Baner, Pune for Rs. 45,00,000/-."""
AGREEMENT_TO_SELL = """AGREEMENT FOR SALE
BETWEEN Mr. RAVI KUMAR hereinafter called the OWNER AND Mrs. SUNITA LAL hereinafter called the
PURCHASER. The Owner shall receive Rs. 5,000/- per month till the sale deed is executed."""
BILL = """Maharashtra State Electricity Distribution Co. Ltd.
Consumer No. 170012345678
Units Consumed 142 Amount Payable Rs. 1,230.00"""


@pytest.mark.parametrize("text", [DEED, AGREEMENT_TO_SELL, BILL], ids=["deed", "agreement_to_sell", "bill"])
def test_declines_other_documents(text):
    assert (rent_agreement.score(layout(text)) or 0.0) < 0.5


def test_the_sale_deed_type_leaves_rent_agreements_alone():
    for text in (RENT, LICENCE):
        assert (sale_deed.score(layout(text)) or 0.0) < 0.5


def test_born_digital_end_to_end():
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import rent_agreement as synth
    from kagaz.synth.render import to_pdf

    assert len(synth.LAYOUTS) >= 3 and registry()["RENT_AGREEMENT"].GENERATOR == synth.__name__
    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for name, draw in synth.LAYOUTS.items():
        for seed in range(3):
            drawn = draw(random.Random(seed))
            result = engine.process(to_pdf(drawn.canvas))
            assert result.document_type == "RENT_AGREEMENT", (name, seed)
            data = result.file_data()
            assert {k: data.get(k, {}).get("value") for k in drawn.fields} == drawn.fields, (name, seed)


def test_quoted_roles_and_the_owner_of_a_flat():
    lay = layout("""LEAVE AND LICENCE AGREEMENT
This Leave and Licence Agreement is made at Thane on 3rd January 2025 between Shri Prakash Joshi,
Age 61 years, residing at Naupada, Thane, hereinafter referred to as 'the Licensor' and
Smt. Kavita More, Age 34 years, residing at Kalwa, hereinafter referred to as 'the Licensee'.
The Licensor is the owner of Flat No. 302, Sai Darshan CHS, Naupada, Thane West 400602.
The Licensee shall pay Rs. 18,000/- (Rupees Eighteen Thousand only) per month as licence fee.
The licence is for a period of 11 months from 05/01/2025 to 04/12/2025.""")
    got = {k: v.value for k, v in rent_agreement.extract(lay, ExtractOptions()).items()}
    assert got == {"landlord_name": "Prakash Joshi", "tenant_name": "Kavita More",
                   "property_address": "Flat No. 302, Sai Darshan CHS, Naupada, Thane West 400602",
                   "monthly_rent": "18000.00", "start_date": "05/01/2025", "end_date": "04/12/2025",
                   "duration_months": "11"}
