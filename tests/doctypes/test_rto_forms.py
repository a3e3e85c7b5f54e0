"""RTO forms 26, 29, 30, 34 and 35 (CMV Rules 1989): told apart by title and number, their items."""

from __future__ import annotations

import pytest

from kagaz.doctypes import registry, rto_forms
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout

FORM_TYPES = {26: "RTO_FORM_26", 29: "RTO_FORM_29", 30: "RTO_FORM_30", 34: "RTO_FORM_34", 35: "RTO_FORM_35"}
_HP = "HIRE PURCHASE/LEASE/HYPOTHECATION"
HEADS = {
    26: "FORM 26\n[See Rule 53]\nAPPLICATION FOR THE ISSUE OF DUPLICATE CERTIFICATE OF REGISTRATION",
    29: "FORM 29\n[See Rule 55(1)]\nNOTICE OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE",
    30: "FORM 30\n[See Rules 55(1) and (2)]\nREPORT OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE",
    34: f"FORM 34\n[See Rule 60]\nAPPLICATION FOR MAKING AN ENTRY OF AN AGREEMENT OF {_HP} SUBSEQUENT TO REGISTRATION",
    35: f"FORM 35\n[See Rule 61(1)]\nNOTICE OF TERMINATION OF AN AGREEMENT OF {_HP}",
}
ITEMS = ("1. Registration number : MH 14 GH 7781\n2. Name of the registered owner : Shri SURESH PATIL S/o MADHAV PATIL\n"
         "3. Full name of the transferor : SURESH PATIL\n4. Full name of the transferee : Smt. KAVITA JOSHI\n"
         "5. Name and full address of the financier : Bajaj Finance Limited, Akurdi, Pune - 411035\n"
         "6. Chassis number : MBLHAR078JHB12345\n7. Engine number : HA11EJH1234567\n"
         "8. Signature of the registered owner")


def layout(text: str, score: float = 0.98) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def best_type(lay: Layout) -> str | None:
    scores = {code: (m.score(lay) or 0.0) for code, m in registry().items()}
    code, s = max(scores.items(), key=lambda kv: kv[1])
    return code if s >= 0.5 else None


@pytest.mark.parametrize("number", sorted(HEADS))
def test_each_form_is_its_own_type_and_no_other(number):
    lay = layout(HEADS[number] + "\n" + ITEMS)
    for n, code in FORM_TYPES.items():
        s = registry()[code].score(lay)
        assert (s is not None and s > 0.8) if n == number else s is None, (n, s)
    assert best_type(lay) == FORM_TYPES[number]  # nor does an older type (deed, invoice, RC) take it


def test_the_number_alone_in_the_header_names_the_form():
    lay = layout("GOVERNMENT OF MAHARASHTRA\nTRANSPORT DEPARTMENT\nFORM NO. 34\n" + ITEMS)
    assert rto_forms.which_form(lay) == 34 and best_type(lay) == "RTO_FORM_34"


def test_a_title_wins_over_a_misread_number():
    lay = layout(HEADS[35].replace("FORM 35", "FORM 34") + "\n" + ITEMS)
    assert rto_forms.which_form(lay) == 35


def test_a_body_naming_another_form_does_not_change_the_form():
    lay = layout(HEADS[29] + "\nThe transferee shall apply in Form 30 within thirty days.\n" + ITEMS)
    assert rto_forms.which_form(lay) == 29


def test_form_34_items():
    fields = registry()["RTO_FORM_34"].extract(layout(HEADS[34] + "\n" + ITEMS + "\nMaker's name : HERO MOTOCORP LTD"),
                                               ExtractOptions())
    got = {k: v.value for k, v in fields.items()}
    assert got == {"registration_number": "MH14GH7781", "owner_name": "SURESH PATIL",
                   "financier_name": "Bajaj Finance Limited", "chassis_number": "MBLHAR078JHB12345",
                   "engine_number": "HA11EJH1234567", "maker": "HERO MOTOCORP LTD"}


@pytest.mark.parametrize("number", [29, 30])
def test_transfer_forms_name_both_parties(number):
    fields = registry()[FORM_TYPES[number]].extract(layout(HEADS[number] + "\n" + ITEMS), ExtractOptions())
    assert (fields["transferor_name"].value, fields["transferee_name"].value) == ("SURESH PATIL", "KAVITA JOSHI")
    assert fields["registration_number"].value == "MH14GH7781"


def test_a_table_of_label_and_value_cells():
    def at(text: str, x: float, y: float) -> TextLine:
        return TextLine(text, 0.97, (x, y, x + 11 * len(text), y + 22))
    lay = Layout([at("FORM 35", 600, 40), at("[See Rule 61(1)]", 560, 80),
                  at(f"NOTICE OF TERMINATION OF AN AGREEMENT OF {_HP}", 200, 120),
                  at("1.", 60, 200), at("Registration number", 110, 200), at("KA 51 MC 9090", 700, 200),
                  at("2.", 60, 250), at("Name of the registered owner", 110, 250), at("Lakshmi Narayan", 700, 250),
                  at("3.", 60, 300), at("Name and full address of the financier", 110, 300),
                  at("STATE BANK OF INDIA, RACPC, Bengaluru", 700, 300)])
    got = {k: v.value for k, v in registry()["RTO_FORM_35"].extract(lay, ExtractOptions()).items()}
    assert got == {"registration_number": "KA51MC9090", "owner_name": "Lakshmi Narayan",
                   "financier_name": "STATE BANK OF INDIA"}


def test_validations_and_a_mark_of_no_state():
    lay = layout(HEADS[26] + "\nRegistration mark : QQ 12 AB 1234\nName of the registered owner : RAVI\n"
                 "Chassis number : MA3EWDE1S00123456")
    module = registry()["RTO_FORM_26"]
    fields = module.extract(lay, ExtractOptions())
    assert "registration_number" not in fields  # QQ is no state's code: no mark is read
    doc = Document(data=b"", pages=[Page(0, 1000, 1400, lines=list(lay))])
    doc.fields = fields
    module.finish(doc)
    assert doc.validations["chassis_format"]["valid"] is True


@pytest.mark.parametrize("text", [
    "SALE DEED\nThis deed of sale is made between the transferor and the transferee\nConsideration Rs. 5,00,000",
    "CERTIFICATE OF REGISTRATION\nRegn. No. MH12AB1234\nOwner Name RAVI KUMAR\nFinancier HDFC BANK",
    "TAX INVOICE\nInvoice No. 12\nHypothecation: HDFC Bank\nRegistration number MH12AB1234",
])
def test_pages_that_are_not_forms_are_declined(text):
    assert rto_forms.which_form(layout(text)) is None


def test_a_vin_run_into_another_columns_value_is_still_the_chassis_number():
    lay = layout(HEADS[34] + "\n1. Registration number : MH14GH7781\n5. Name and full address of the financier    "
                 "6. Chassis number\nBajaj Finance Limited, Pune MBLHAR078JHB12345")
    fld = registry()["RTO_FORM_34"].extract(lay, ExtractOptions())["chassis_number"]
    assert fld.value == "MBLHAR078JHB12345" and fld.confidence_score < 0.9  # found, not beside its label


def test_short_labels_of_a_lenders_pack():
    lay = layout(HEADS[30] + "\nRegistration No. : UP 32 KT 0909\nTransferor : Mohd. Arif Khan\n"
                 "Transferee : Sana Parveen\nFinancier : Tata Capital Financial Services Ltd, Lucknow\n"
                 "Transferor's signature")
    got = {k: v.value for k, v in registry()["RTO_FORM_30"].extract(lay, ExtractOptions()).items()}
    assert got == {"registration_number": "UP32KT0909", "transferor_name": "Mohd. Arif Khan",
                   "transferee_name": "Sana Parveen", "financier_name": "Tata Capital Financial Services Ltd"}


def test_an_indian_vin_run_into_the_word_before_it():
    lay = layout(HEADS[34] + "\n1. Registration number : MH14GH7781\n5. Name and full address of the financier    "
                 "6. Chassis number\nKOTAK MAHINDRA BANK LTD, Retail Assets Centre, SalemME4C11B57MG047357")
    fld = registry()["RTO_FORM_34"].extract(lay, ExtractOptions())["chassis_number"]
    assert fld.value == "ME4C11B57MG047357" and fld.confidence_score < 0.85


def test_a_name_on_a_line_the_scan_ran_across_both_columns():
    def at(text: str, x: float, y: float, w: float) -> TextLine:
        return TextLine(text, 0.95, (x, y, x + w, y + 24))
    lay = Layout([at("FORM 30", 600, 40, 120), at("REPORT OF TRANSFER OF OWNERSHIP OF A MOTOR VEHICLE", 300, 80, 700),
                  at("1. Full name of the transferor", 140, 320, 330), at("RAVI LAL PATEL", 150, 350, 200),
                  at("3. Full address", 140, 400, 160), at("4. Full name of the transferee", 627, 396, 330),
                  at("70/1, Nehru Colony, Vaishali Nagar, Hyderabad -500Sasi NITIN FERNANDES", 143, 425, 620)])
    fld = registry()["RTO_FORM_30"].extract(lay, ExtractOptions())["transferee_name"]
    assert fld.value == "NITIN FERNANDES" and fld.confidence_score <= 0.75
