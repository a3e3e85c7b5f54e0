"""Cheques (CTS-2010 leaves): the MICR band, the IFSC, the account and its holder; what is not one."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import cheque, cheque_micr, registry
from kagaz.doctypes.cheque_micr import micr_valid
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import Document, Field, Page, TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.99) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def at(text: str, x: float, y: float, *, h: float = 26, score: float = 0.98) -> TextLine:
    return TextLine(text, score, (x, y, x + 12 * len(text), y + h))


def values(lay: Layout) -> dict:
    return {k: v.value for k, v in cheque.extract(lay, ExtractOptions()).items()}


def _finish(lay: Layout) -> Document:
    doc = Document(data=b"", pages=[Page(0, 1800, 820, lines=list(lay))])
    doc.fields = cheque.extract(lay, ExtractOptions())
    cheque.finish(doc)
    return doc


# A private bank's leaf as RapidOCR reads it (symbols of the band read as "II" and "I:").
PRIVATE = Layout([
    at("ICICI Bank", 116, 52, h=44), at("Date", 1241, 52),
    at("BANJARA HILLS, WARANGAL BRANCH", 118, 108, h=21),
    at("Payable at par at all our branches in India", 1157, 125, h=20),
    at("Ground Floor, Sai Plaza, MG Road", 119, 136, h=20),
    at("Warangal - 500417, Telangana", 118, 163, h=24),
    at("RTGS /NEFT IFSC: ICIC0060837", 117, 194, h=23),
    at("Pay", 55, 260, h=48), at("OR BEARER", 1569, 267, h=23),
    at("CANCELLED", 617, 313, h=300), at("Rupees", 60, 334, h=32), at("Rs.", 1302, 355, h=33),
    at("A/c No.783533740681", 63, 477, h=29),
    at("For SHIV SHAKTI SALES CORPORATION PRIVATE LIMITED", 1155, 528, h=23),
    at("Authorised Signatories", 1503, 636, h=25),
    at("348857II500229962I:868344II11", 443, 717, h=39, score=0.94),
])


def test_private_bank_leaf_of_a_firm():
    assert cheque.score(PRIVATE) >= 0.9
    assert values(PRIVATE) == {
        "bank_name": "ICICI Bank", "ifsc": "ICIC0060837", "micr": "500229962",
        "cheque_number": "348857", "account_number": "783533740681",
        "account_holder_name": "SHIV SHAKTI SALES CORPORATION PRIVATE LIMITED",
    }
    fields = cheque.extract(PRIVATE, ExtractOptions())
    # the branch's PIN (500417) confirms the MICR code's city (500) and ICICI's bank code 229
    assert fields["micr"].confidence_score >= 0.9
    assert cheque.validate(fields) == []


def test_bilingual_leaf_as_the_latin_reader_leaves_it():
    """"खाता सं. / A/c No." comes out as ". / /c No.", "कृपया … / Please sign above" loses its P."""
    lay = Layout([
        at("Bank of India", 122, 71, h=32),
        at("Valid for three months only from the date of issue", 1004, 108, h=20),
        at("Salt Lake, Jabalpur Branch", 123, 117, h=23), at("Shop No. 7, Civil Lines", 122, 137),
        at("Jabalpur - 461052, Madhya Pradesh", 121, 165, h=23),
        at("IFS Code : BKID0088913", 123, 194, h=23), at("Branch Code : 88913", 512, 195, h=20),
        at("3T/Pay", 53, 225, h=42), at("/OR BEARER", 1307, 234, h=23), at("/Rupees", 53, 292, h=34),
        at(" . // No.", 56, 421, h=23, score=0.8), at("473598505286839", 286, 419, h=28),
        at("Payable at par at all branches of Bank of India", 56, 464, h=20),
        at("Sandeep Sandhu", 1318, 464, h=32), at("/lease sign above", 1281, 566, h=23),
        at("232043II 461013809: 286839II 10", 402, 642, h=33, score=0.95),
    ])
    assert cheque.score(lay) >= 0.9
    assert values(lay) == {
        "bank_name": "Bank of India", "ifsc": "BKID0088913", "micr": "461013809",
        "cheque_number": "232043", "account_number": "473598505286839",
        "account_holder_name": "Sandeep Sandhu",
    }


def test_savings_leaf_with_the_name_over_the_signature_and_a_scribble_between():
    text = ("HDFC BANK\nKOTHRUD BRANCH, PUNE\nPlot 12, Paud Road, Pune - 411038\n"
            "RTGS/NEFT IFSC : HDFC0001234\nD D M M Y Y Y Y\nPay\nor Bearer\nRupees\n"
            "A/c No. 50100123456789 SB\nRAVI KUMAR\nNM\nPlease sign above\n"
            "\"004512\" 411240012: 456789\" 10")
    lay = layout(text)
    got = values(lay)
    assert got["account_holder_name"] == "RAVI KUMAR"
    assert got["account_number"] == "50100123456789"
    assert (got["micr"], got["cheque_number"]) == ("411240012", "004512")
    assert cheque.score(lay) >= 0.9


@pytest.mark.parametrize("band,expected", [
    ("348857II500229962I:868344II11", ("348857", "500229962", "868344", "11")),
    ("⑈004512⑈ 411240012⑆ 456789⑈ 10", ("004512", "411240012", "456789", "10")),
    ("066044 130012626I:01609711", ("066044", "130012626", "016097", "11")),
    # symbols lost: the groups by counting digits
    ("469731130015887097535II10", ("469731", "130015887", "097535", "10")),
    ("61401830702635225211631", ("614018", "307026352", "252116", "31")),
    # symbols read as "1" (and "U", "H", "R")
    ("U1773761148485428:097279U29", ("177376", "148485428", "097279", "29")),
    ("1232043II4610138091:28683910", ("232043", "461013809", "286839", "10")),
    ("H378116H 468012081R 431666H 31", ("378116", "468012081", "431666", "31")),
    # a text layer's pieces joined by the row
    ("149417 130485887 711587 10", ("149417", "130485887", "711587", "10")),
    # no transaction code
    ("123456\" 400002015: 998877\"", ("123456", "400002015", "998877", None)),
])
def test_micr_band_as_ocr_reads_it(band, expected):
    assert cheque_micr.parse_band(band)[:4] == expected


@pytest.mark.parametrize("text", [
    "473598505286839",  # an account number alone is not a band
    "MICR Code : 411240012",
    "Account No 50100123456789 IFSC HDFC0001234",
    "01/04/2024 NEFT-HDFC0001234-RAVI 12,500.00 1,45,210.50",
    "9876543210 411038",
])
def test_what_is_not_a_band(text):
    assert cheque_micr.parse_band(text) is None


def test_a_row_of_pieces_is_one_band_and_its_digits_are_no_account():
    lay = Layout([
        at("State Bank of India", 120, 40, h=40), at("IFS Code : SBIN0001234", 120, 120),
        at("Pay", 60, 240), at("Rupees", 60, 300), at("RAVI KUMAR", 1300, 470),
        at("Please sign above", 1300, 560),
        at("004512", 420, 640), at("411002012", 560, 640), at("456789", 760, 640), at("10", 900, 640),
    ])
    got = values(lay)
    assert (got["cheque_number"], got["micr"]) == ("004512", "411002012")
    assert "account_number" not in got


def test_band_read_as_two_pieces_and_a_firm_named_new_india():
    lay = Layout([
        at("HDFC BANK", 115, 47, h=53), at("IFSC:HDFC0549724", 115, 195),
        at("Thiruvananthapuram -692909, Kerala", 115, 164), at("Pay", 56, 265, h=47),
        at("Or Bearer", 1588, 267), at("Rupees", 58, 333), at("A/c No.50100201464762", 63, 482),
        at("For NEW INDIA RETAIL PVT. LTD.", 1363, 527, h=17), at("wmn", 1444, 543, score=0.44),
        at("Authorised Signatories", 1485, 637),
        at("619045II", 308, 573, h=35, score=0.93), at("11001336611883731", 469, 576, h=32),
    ])
    got = values(lay)
    assert got["account_holder_name"] == "NEW INDIA RETAIL PVT. LTD."
    assert (got["cheque_number"], got["micr"]) == ("619045", "110013366")
    assert got["account_number"] == "50100201464762"


def test_validations_on_a_good_cancelled_leaf():
    doc = _finish(PRIVATE)
    v = doc.validations
    assert v["ifsc_format"]["valid"] and v["ifsc_format"]["bank_code"] == "ICIC"
    assert v["micr_format"]["valid"] and v["micr_format"]["bank_code"] == "229"
    assert v["micr_format"]["transaction_code"] == "11" and v["micr_format"]["base_number"] == "868344"
    assert v["micr_format"]["city_matches_pin"] is True
    assert v["micr_bank_matches_ifsc"]["valid"] is True
    assert v["cancelled"]["valid"] is True


def test_micr_bank_digits_against_the_ifsc_bank():
    lay = layout("HDFC BANK\nIFSC: HDFC0001234\nPay\nRupees\nRAVI KUMAR\nPlease sign above\n"
                 "004512II411002012I:456789II10")  # 002 is SBI's code, not HDFC's (240)
    fields = cheque.extract(lay, ExtractOptions())
    issues = cheque.validate(fields)
    assert issues == ["The MICR code's bank digits are not those of the IFSC's bank"]
    assert fields["micr"].confidence_score <= 0.7 and fields["ifsc"].confidence_score <= 0.7
    doc = _finish(lay)
    assert doc.validations["micr_bank_matches_ifsc"]["valid"] is False
    assert doc.validations["micr_bank_matches_ifsc"]["expected_micr_bank"] == "240"
    assert doc.validations["cancelled"]["valid"] is False  # a specimen: no mark read


def test_bank_without_a_known_micr_code_is_not_compared():
    lay = layout("YES BANK\nIFSC: YESB0000123\nPay\nRupees\nRAVI KUMAR\nPlease sign above\n"
                 "004512II400532012I:456789II10")
    doc = _finish(lay)
    assert "micr_bank_matches_ifsc" not in doc.validations
    assert doc.validations["micr_format"]["valid"]
    assert cheque.validate(doc.fields) == []


def test_ifsc_of_another_bank_than_the_printed_name():
    fields = {"ifsc": Field(value="SBIN0001234", confidence_score=0.95),
              "bank_name": Field(value="HDFC Bank", confidence_score=0.95)}
    assert cheque.validate(fields) == ["The IFSC belongs to another bank than the one named on the cheque"]
    assert fields["ifsc"].confidence_score == 0.7


def test_values_under_the_cancel_mark_are_less_sure():
    lay = Layout([*PRIVATE, at("CANCELLED", 40, 470, h=60)])  # ink across the account number
    fields = cheque.extract(lay, ExtractOptions())
    assert fields["account_number"].confidence_score <= 0.75


def test_structure_checks():
    assert cheque.ifsc_valid("BARB0KOTHRU") and not cheque.ifsc_valid("BARBOKOTHRU")
    assert micr_valid("400240015") and not micr_valid("040240015")
    assert not micr_valid("40024001")


STATEMENT = """HDFC BANK
Statement of Account
Account Name : RAVI KUMAR
Account No : 50100123456789
IFSC : HDFC0001234 MICR : 411240012
Statement From : 01/04/2024 To : 30/04/2024
Date Narration Chq./Ref.No. Value Dt Withdrawal Amt. Deposit Amt. Closing Balance
02/04/24 CHQ PAID-MICR CTS-PAY TO SELF 000123 02/04/24 5,000.00 45,000.00
05/04/24 NEFT CR-ICIC0000123-SAI TRADERS 0000412345678901 05/04/24 12,000.00 57,000.00
Opening Balance 50,000.00"""
NACH = """NACH/ECS/DIRECT DEBIT MANDATE FORM
UMRN  Date D D M M Y Y Y Y
Sponsor Bank Code  Utility Code
I/We hereby authorize SAI FINANCE LTD to debit (tick) SB/CA/CC
Bank a/c number 50100123456789
with Bank HDFC BANK IFSC HDFC0001234 or MICR 411240012
an amount of Rupees Fifty Thousand Only
FREQUENCY Monthly Quarterly Half Yearly Yearly As & when presented
Reference 1 LN12345 Phone No. 9876543210
PERIOD From 01/05/2024 To 01/05/2027 Or Until Cancelled
Signature Primary Account holder
RAVI KUMAR"""
PASSBOOK = """STATE BANK OF INDIA
PASSBOOK
Name : RAVI KUMAR
A/c No : 31234567890
Branch : KOTHRUD, PUNE
IFSC : SBIN0001234
MICR Code : 411002012
CIF No : 85012345678
Nominee : SUNITA KUMAR"""
LETTER = """Date: 12/04/2024
To
The Branch Manager, HDFC Bank, Kothrud
Subject: Request to update bank details
Dear Sir,
Please credit the loan amount to my savings account number 50100123456789 held with your branch
whose IFSC is HDFC0001234 and MICR code is 411240012 as per the cancelled cheque enclosed herewith.
I request you to process the same at the earliest and oblige me for the same.
Yours faithfully,
RAVI KUMAR"""
INVOICE = """TAX INVOICE
Invoice No : INV/24-25/0012 Date : 12/04/2024
GSTIN : 27AAACS1234A1Z5
Description HSN Qty Rate Amount
Samsung Galaxy M34 8517 1 15,000.00 15,000.00
Amount in words: Rupees Fifteen Thousand Only
Bank Details: HDFC BANK A/c No. 50100123456789 IFSC HDFC0001234
For SAI ELECTRONICS
Authorised Signatory"""
DEED = """SALE DEED
THIS DEED OF SALE is made and executed on this 12th day of April 2024 at Pune between
RAVI KUMAR hereinafter called the VENDOR and SUNITA SHARMA hereinafter called the PURCHASER
WHEREAS the Purchaser has paid the Vendor the sum of Rupees Twenty Lakh Only by cheque number
004512 dated 10/04/2024 drawn on HDFC Bank, Kothrud branch, IFSC HDFC0001234, the receipt of
which the Vendor hereby acknowledges, and the Vendor has put the Purchaser in possession."""


@pytest.mark.parametrize("text", [STATEMENT, NACH, PASSBOOK, LETTER, INVOICE, DEED],
                         ids=["statement", "nach", "passbook", "letter", "invoice", "deed"])
def test_declines_documents_that_print_bank_details(text):
    s = cheque.score(layout(text))
    assert s is None or s < 0.5


def test_declared_as_a_business_type_with_its_generator():
    assert registry()["CHEQUE"] is cheque
    assert cheque.GROUP == "business" and cheque.GENERATOR == "kagaz.synth.cheque"
    assert not cheque.FIELDS["account_holder_name"].person  # a firm's name on current accounts
    assert {k for k, s in cheque.FIELDS.items() if s.kind == "identifier"} == {
        "ifsc", "micr", "account_number", "cheque_number"}


@pytest.mark.parametrize("layout_name", ["private", "bilingual", "current"])
def test_born_digital_leaf_end_to_end(layout_name):
    """A leaf saved as a PDF with its text layer (fast: no OCR): every field, as printed."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings
    from kagaz.synth import cheque as synth_cheque
    from kagaz.synth.render import to_pdf

    engine = Engine(EngineSettings(devanagari=False, page_images=0))
    for seed in range(2):
        drawn = synth_cheque.LAYOUTS[layout_name](random.Random(seed))
        result = engine.process(to_pdf(drawn.canvas))
        assert result.document_type == "CHEQUE"
        data = result.file_data()
        assert {k: data[k]["value"] for k in drawn.fields} == drawn.fields
        assert result.validations["micr_format"]["valid"]


@pytest.mark.slow
@pytest.mark.parametrize("layout_name,seed", [("private", 3), ("bilingual", 0), ("current", 2)])
def test_clean_image_leaf_end_to_end(engine, layout_name, seed):
    from kagaz.synth import generate

    doc = generate("CHEQUE", seed, "clean", layout_name)
    result = engine.process(doc.data)
    assert result.document_type == "CHEQUE"
    data = result.file_data()
    assert {k: data.get(k, {}).get("value") for k in doc.fields} == doc.fields
    assert result.validations["ifsc_format"]["valid"]
    assert result.validations["micr_bank_matches_ifsc"]["valid"]
