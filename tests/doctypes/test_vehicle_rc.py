"""Registration certificates (Form 23 / 23A / e-RC), registration marks and VINs; what is not an RC."""

from __future__ import annotations

import pytest

from kagaz.doctypes import vehicle_rc
from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.vehicle_numbers import compact_registration, registration_check, vin_check
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.98) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, h: float = 22, score: float = 0.97) -> TextLine:
    return TextLine(text, score, (x, y, x + 11 * len(text), y + h))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in vehicle_rc.extract(lay, ExtractOptions()).items()}


# A smart card's front and back as OCR boxes: small labels over their values, two columns.
SMART = Layout([
    at("GOVERNMENT OF TAMIL NADU", 400, 40, h=30), at("CERTIFICATE OF REGISTRATION (FORM 23A)", 340, 80),
    at("Regn. Number", 60, 140, h=16), at("Date of Regn.", 620, 140, h=16),
    at("TN 09 BX 0042", 60, 162), at("07/11/2018", 620, 162),
    at("Chassis Number", 60, 220, h=16), at("Engine / Motor Number", 620, 220, h=16),
    at("MA3FJEB1S00847261", 60, 242), at("K12MN4471925", 620, 242),
    at("Owner Name", 60, 300, h=16), at("Son/Daughter/Wife of", 620, 300, h=16),
    at("ARUN PRAKASH", 60, 322), at("PRAKASH RAO", 620, 322),
    at("Owner Serial No.", 60, 380, h=16), at("Fuel", 620, 380, h=16),
    at("1", 60, 402), at("PETROL", 620, 402),
    at("Vehicle Class", 60, 800, h=16), at("Maker's Name", 620, 800, h=16),
    at("Motor Car (LMV)", 60, 822), at("MARUTI SUZUKI INDIA LTD", 620, 822),
    at("Model Name", 60, 880, h=16), at("Financier", 620, 880, h=16),
    at("DZIRE VXI", 60, 902), at("SHRIRAM FINANCE LTD", 620, 902),
])


def test_smart_card_labels_over_values():
    assert vehicle_rc.score(SMART) > 0.9
    assert values(SMART) == {
        "registration_number": "TN09BX0042", "registration_date": "07/11/2018",
        "chassis_number": "MA3FJEB1S00847261", "engine_number": "K12MN4471925",
        "owner_name": "ARUN PRAKASH", "fuel_type": "PETROL", "vehicle_class": "Motor Car (LMV)",
        "maker_model": "MARUTI SUZUKI INDIA LTD / DZIRE VXI", "financier_name": "SHRIRAM FINANCE LTD",
    }


def test_paper_book_numbered_rows_and_hypothecation_line():
    lay = layout("FORM 23\n[See Rule 48]\nCERTIFICATE OF REGISTRATION\n1. Registration Number DL 3C AB 1234\n"
                 "2. Name of registered owner Smt. Meena Kumari\n3. Son / Wife / Daughter of Raj Kumar\n"
                 "4. Date of registration 02-05-2016\n5. Maker's name HONDA CARS INDIA LTD\n6. Model CITY VX\n"
                 "7. Chassis No. MAKGM652HGN301442\n8. Engine No. L15Z14402211\n"
                 "Hypothecated to: HDFC BANK LTD, New Delhi")
    assert vehicle_rc.score(lay) > 0.9
    got = values(lay)
    assert got["registration_number"] == "DL3CAB1234"
    assert got["owner_name"] == "Meena Kumari"
    assert got["registration_date"] == "02/05/2016"
    assert got["maker_model"] == "HONDA CARS INDIA LTD / CITY VX"
    assert got["financier_name"] == "HDFC BANK LTD"
    assert (got["chassis_number"], got["engine_number"]) == ("MAKGM652HGN301442", "L15Z14402211")


def test_no_financier_printed_no_financier_returned():
    lay = layout("Registration Certificate\nRegistration No : KA05MN4321\nOwner Name : RAVI KUMAR\n"
                 "Chassis No : MA3EWDE1S00123456\nEngine No : K12M1234567\nMaker / Model : MARUTI SUZUKI / ALTO\n"
                 "Financier Name : -")
    got = values(lay)
    assert "financier_name" not in got and got["maker_model"] == "MARUTI SUZUKI / ALTO"
    doc = Document(data=b"", pages=[Page(0, 1000, 1400, lines=list(lay))])
    doc.fields = vehicle_rc.extract(lay, ExtractOptions())
    vehicle_rc.finish(doc)
    assert doc.validations["hypothecated"]["valid"] is False
    assert doc.validations["registration_format"]["state"] == "Karnataka"
    assert doc.validations["chassis_format"]["valid"] is True


@pytest.mark.parametrize("text", [
    # a vehicle's tax invoice prints chassis, engine, maker and model
    "TAX INVOICE\nInvoice No: INV/2024/118\nGSTIN: 27ABCPK1234F1Z5\nModel: SWIFT VXI\nChassis No: MA3EWDE1S00123456\n"
    "Engine No: K12M1234567\nRegistration No: MH12AB1234\nOwner Name: RAVI KUMAR\nTotal 612000.00",
    # an insurance certificate prints the mark, chassis and engine
    "CERTIFICATE OF INSURANCE\nPolicy No: 3001/123456789/00/000\nRegistration No: MH12AB1234\n"
    "Chassis No: MA3EWDE1S00123456\nEngine No: K12M1234567\nInsured Name: RAVI KUMAR\nIDV 525000",
    # Form 26 names the certificate of registration in its title
    "FORM 26\n[See Rule 53]\nAPPLICATION FOR THE ISSUE OF DUPLICATE CERTIFICATE OF REGISTRATION\n"
    "Registration mark: MH12AB1234\nChassis number: MA3EWDE1S00123456\nName of the registered owner: RAVI KUMAR",
    # a delivery order for a financed car
    "DELIVERY ORDER\nDealer: SAI MOTORS\nCustomer: RAVI KUMAR\nModel: NEXON XZ\nChassis No: MAT123456789ABCDE\n"
    "Engine No: REV12345\nRegistration No: MH12AB1234\nOwner: RAVI KUMAR",
])
def test_documents_that_print_vehicle_numbers_are_not_rcs(text):
    assert (vehicle_rc.score(layout(text)) or 0.0) < 0.5


@pytest.mark.parametrize("printed,compact,valid", [
    ("MH-12-AB-1234", "MH12AB1234", True), ("DL 3C AB 1234", "DL3CAB1234", True),
    ("22 BH 1234 AA", "22BH1234AA", True), ("ZZ 12 AB 1234", "ZZ12AB1234", False),
    ("OD 02 Z 0007", "OD02Z0007", True), ("MH 00 AB 1234", "MH00AB1234", False),
])
def test_registration_marks(printed, compact, valid):
    assert compact_registration(printed) == compact
    assert registration_check(printed)["valid"] is valid


def test_marks_are_read_through_ocr_confusions():
    lay = layout("CERTIFICATE OF REGISTRATION\nRegn. No. MH I2 AB 1234\nChassis No MA3EWDE1S00123456\n"
                 "Engine No K12M1234567\nOwner Name RAVI KUMAR\nDate of Regn. 01/02/2020")
    fld = vehicle_rc.extract(lay, ExtractOptions())["registration_number"]
    assert fld.value == "MH12AB1234" and fld.confidence_score < 0.95


def test_vins():
    assert vin_check("1M8GDM9AXKP042788")["check_digit_matches"] is True  # North-American VIN
    indian = vin_check("MA3EWDE1S00123456")
    assert indian["valid"] is True and indian["made_in_india"] and indian["check_digit_matches"] is False
    assert vin_check("MA3EWDE1S0O123456")["valid"] is False  # O is never in a VIN
    assert vin_check("MBL10A12345")["valid"] is None  # an older, pre-VIN chassis number: not judged


def test_a_validity_before_registration_is_flagged():
    lay = layout("CERTIFICATE OF REGISTRATION\nRegn. No. MH12AB1234\nDate of Regn. 01/02/2020\n"
                 "Regn. Validity 31/01/2019\nChassis No MA3EWDE1S00123456\nEngine No K12M1234567\nOwner Name RAVI")
    fields = vehicle_rc.extract(lay, ExtractOptions())
    assert vehicle_rc.validate(fields) and fields["registration_valid_till"].confidence_score <= 0.5


def test_short_smart_card_wordings():
    """Labels as some states' cards shorten them: "Reg. No.", "Date of Reg.", "Reg. Upto", "Chasis No"."""
    lay = layout("GOVT. OF MAHARASHTRA\nCERTIFICATE OF REGISTRATION\nReg. No. MH 02 FX 9001\nDate of Reg. 21-Jun-2022\n"
                 "Reg. Upto 20-Jun-2037\nChasis No. MA1NE2ZPXN2K12345\nEngine No. ZPN4K12345\nOwner Name SALIM SHAIKH\n"
                 "Veh. Cl. LMV\nMFR MAHINDRA & MAHINDRA LTD\nModel SCORPIO N Z8")
    assert vehicle_rc.score(lay) > 0.9
    got = values(lay)
    assert got["registration_number"] == "MH02FX9001"
    assert (got["registration_date"], got["registration_valid_till"]) == ("21/06/2022", "20/06/2037")
    assert got["chassis_number"] == "MA1NE2ZPXN2K12345" and got["vehicle_class"] == "LMV"
    assert got["maker_model"] == "MAHINDRA & MAHINDRA LTD / SCORPIO N Z8"


def test_an_rc_that_lists_its_insurance_is_still_an_rc():
    lay = layout("REGISTRATION CERTIFICATE\nRegistration No : KA05MN4321\nRegistration Date : 10/10/2020\n"
                 "Owner Name : RAVI KUMAR\nChassis No : MA3EWDE1S00123456\nEngine No : K12M1234567\n"
                 "Insurance Company : ICICI Lombard General Insurance Company Limited\nPolicy No : 3001/1234/00/000\n"
                 "Insurance Upto : 09/10/2025")
    from kagaz.doctypes import insurance
    assert vehicle_rc.score(lay) > 0.9 and (insurance.score(lay) or 0.0) < 0.5


def test_a_certificate_whose_mark_was_misread_is_still_an_rc():
    lay = layout("CERTIFICATE OF REGISTRATION\nRegn. No. M#12-A8*1Z34\nDate of Regn. 01/02/2020\n"
                 "Chassis No MA3EWDE1S00123456\nEngine No K12M1234567\nOwner Name RAVI KUMAR")
    assert vehicle_rc.score(lay) >= 0.5
    assert "registration_number" not in values(lay)
