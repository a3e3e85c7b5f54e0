"""Motor insurance certificates: the policy's fields, its period and premium checks; what is not one."""

from __future__ import annotations

import pytest

from kagaz.doctypes import insurance
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Field, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.98) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, score: float = 0.97) -> TextLine:
    return TextLine(text, score, (x, y, x + 11 * len(text), y + 22))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in insurance.extract(lay, ExtractOptions()).items()}


# A public-sector Form 51 certificate read as a two-column table (label cell | value cell).
FORM_51 = Layout([
    at("THE NEW INDIA ASSURANCE CO. LTD.", 400, 40), at("MOTOR INSURANCE - CERTIFICATE OF INSURANCE", 320, 90),
    at("FORM 51 (See Rule 141 of the Central Motor Vehicles Rules, 1989)", 260, 130),
    at("Certificate No. & Policy No.", 60, 200), at("11010031240100001234", 640, 200),
    at("Previous Policy No.", 60, 250), at("11010031230100009999", 640, 250),
    at("Name of the Insured", 60, 300), at("Shri GANESH IYER", 640, 300),
    at("Registration Mark and Number", 60, 350), at("TN 07 CQ 5521", 640, 350),
    at("Engine Number", 60, 400), at("G4LAKM123456", 640, 400),
    at("Chassis Number", 60, 450), at("MALBM51BLKM123456", 640, 450),
    at("Period of Insurance", 60, 500),
    at("From 00:00 hrs on 05/01/2024 To Midnight of 04/01/2025", 640, 500),
    at("Insured's Declared Value (IDV)", 60, 550), at("Rs. 6,40,000.00", 640, 550),
    at("Net Premium", 60, 600), at("Rs. 15,400.00", 640, 600),
    at("Gross Premium", 60, 650), at("Rs. 18,172.00", 640, 650),
    at("Limitations as to use: social, domestic and pleasure purposes.", 60, 720),
])


def test_form_51_certificate():
    assert insurance.score(FORM_51) > 0.9
    assert values(FORM_51) == {
        "policy_number": "11010031240100001234", "insurer_name": "THE NEW INDIA ASSURANCE CO. LTD.",
        "insured_name": "GANESH IYER", "registration_number": "TN07CQ5521", "engine_number": "G4LAKM123456",
        "chassis_number": "MALBM51BLKM123456", "policy_start": "05/01/2024", "policy_end": "04/01/2025",
        "idv": "640000.00", "premium": "18172.00",
    }


def test_separate_start_and_end_labels_and_net_premium_only():
    lay = layout("Go Digit General Insurance Limited\nMotor Insurance Policy - Two Wheeler\nPolicy No: D123456789\n"
                 "Name of Insured: ANITA RAO\nVehicle Registration Number: KA-03-HX-7781\n"
                 "Policy Start Date: 10-02-2025\nPolicy End Date: 09-02-2026\nVehicle IDV: 48,500\nNet Premium: 1,980")
    got = values(lay)
    assert (got["policy_start"], got["policy_end"]) == ("10/02/2025", "09/02/2026")
    assert (got["idv"], got["premium"], got["insurer_name"]) == ("48500.00", "1980.00", "Go Digit General Insurance Limited")


def _finish(fields: dict) -> Document:
    doc = Document(data=b"", pages=[Page(0, 1000, 1400, lines=[])])
    doc.fields = {k: Field(value=v, confidence_score=0.95) for k, v in fields.items()}
    issues = insurance.validate(doc.fields)
    insurance.finish(doc)
    doc.issues = issues  # type: ignore[assignment]
    return doc


def test_validations_of_a_sound_policy():
    doc = _finish({"policy_start": "05/01/2024", "policy_end": "04/01/2025", "idv": "640000.00",
                   "premium": "18172.00", "registration_number": "TN07CQ5521", "chassis_number": "MALBM51BLKM123456"})
    v = doc.validations
    assert v["policy_period"]["valid"] and v["policy_period"]["days"] == 365
    assert v["premium_plausible"]["valid"] and v["premium_plausible"]["premium_to_idv_percent"] == 2.84
    assert v["registration_format"]["state"] == "Tamil Nadu" and v["chassis_format"]["valid"]
    assert not doc.issues


@pytest.mark.parametrize("fields,check", [
    ({"policy_start": "05/01/2025", "policy_end": "04/01/2024"}, "policy_period"),
    ({"policy_start": "05/01/2018", "policy_end": "04/01/2025"}, "policy_period"),
    ({"idv": "640000.00", "premium": "640000.00"}, "premium_plausible"),
    ({"idv": "50000.00", "premium": "21000.00"}, "premium_plausible"),
])
def test_implausible_figures_are_reported_and_lowered(fields, check):
    doc = _finish(fields)
    assert doc.validations[check]["valid"] is False and doc.issues
    assert all(f.confidence_score <= 0.6 for f in doc.fields.values())


def test_a_long_third_party_term_is_plausible():
    # new two-wheelers: five years' third-party cover (since September 2018)
    assert _finish({"policy_start": "01/10/2023", "policy_end": "30/09/2028"}).validations["policy_period"]["valid"]


@pytest.mark.parametrize("text", [
    # a car's tax invoice lists the insurance it charges
    "TAX INVOICE\nInvoice No: INV-221\nGSTIN 27ABCPK1234F1Z5\nEx-showroom 6,00,000.00\nInsurance (ICICI Lombard "
    "General Insurance Company Limited) Policy No 3001/123/00/000 15,000.00\nRegistration No MH12AB1234",
    # a health policy is not a motor policy
    "Star Health and Allied Insurance Company Limited\nPolicy Schedule - Family Health Optima\nPolicy Number: "
    "P/161111/01/2024/001234\nInsured Name: RAVI KUMAR\nSum Insured: 5,00,000\nTotal Premium: 14,000",
    # an RC and Form 29 print the registration and engine numbers
    "CERTIFICATE OF REGISTRATION\nRegn. No. MH12AB1234\nOwner Name RAVI\nChassis No MA3EWDE1S00123456",
    "FORM 29\nNOTICE OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE\nInsurance certificate No. 3001/1/00/000\n"
    "Registration number MH12AB1234",
])
def test_documents_that_mention_insurance_are_not_policies(text):
    assert (insurance.score(layout(text)) or 0.0) < 0.5


def test_labels_with_words_after_them():
    lay = layout("HDFC ERGO General Insurance Company Limited\nMotor Policy Schedule - Private Car\n"
                 "Policy No. 2311 2045 6789 0100 000\nInsured's Name : Priya Menon\nRegistration No. KL 07 CD 4455\n"
                 "Period of Insurance (OD) From 12-Mar-2024 To 11-Mar-2025\nIDV of Vehicle (Rs.) 7,10,000\n"
                 "Total Policy Premium (incl. GST) 21,450.00")
    got = values(lay)
    assert got["policy_number"] == "2311204567890100000"
    assert (got["policy_start"], got["policy_end"]) == ("12/03/2024", "11/03/2025")
    assert (got["idv"], got["premium"], got["insured_name"]) == ("710000.00", "21450.00", "Priya Menon")


def test_the_insurer_named_in_a_sentence_and_the_proposer():
    lay = layout("Motor Insurance Certificate cum Policy Schedule\nThis policy is issued by ICICI Lombard General "
                 "Insurance Company Limited under the Motor Vehicles Act, 1988\nPolicy No. 3001/282828282/00/000\n"
                 "Proposer Name: Kiran Shetty\nRegistration Number: KA 19 MF 2020")
    got = values(lay)
    assert got["insurer_name"] == "ICICI Lombard General Insurance Company Limited"
    assert got["insured_name"] == "Kiran Shetty"


def test_a_cover_note_is_a_motor_policy():
    lay = layout("Shriram General Insurance Company Limited\nCOVER NOTE\nPolicy No. 10003/31/25/012345\n"
                 "Insured Name: Ramesh Yadav\nRegistration No. UP 70 GT 1122\nPeriod of Insurance: 01/06/2025 to 31/05/2026")
    assert insurance.score(lay) > 0.8
