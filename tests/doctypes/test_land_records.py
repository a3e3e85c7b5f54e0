"""Maharashtra land records in Marathi: 7/12, 8A and Index II; what each reads and what it declines."""

from __future__ import annotations

import random

import pytest

from kagaz.doctypes import index_2, namuna_8, registry, satbara
from kagaz.doctypes.base import ExtractOptions
from kagaz.doctypes.land_records import holder_matches
from kagaz.model import TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.95) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def values(module, lay: Layout) -> dict:  # type: ignore[no-untyped-def]
    return {k: v.value for k, v in module.extract(lay, ExtractOptions()).items()}


# An older typed 7/12 as Tesseract reads it: Devanagari digits, the holders' table row by row.
TYPED_712 = layout("""गाव नमुना सात (अधिकार पत्रक)
७/१२ उतारा
जिल्हा : सातारा
तालुका : फलटण
गाव : पिंपळगाव बसवंत
सर्व्हे नंबर / हिस्सा नंबर : ३१२/४/अ
खाते क्रमांक : ८८
क्षेत्राचे एकक : हे.आर
भोगवटादाराचे नाव क्षेत्र फेरफार क्रमांक
महादेव किसन थोरात ०.७५ ४१२
पार्वती महादेव थोरात ०.२५ ५९०
एकूण क्षेत्र : १.००
इतर अधिकार :
नाही
फेरफार क्रमांक : ४१२, ५९०
गाव नमुना बारा""")


def test_typed_712_reads_devanagari_digits_as_ascii_and_the_holders_table():
    assert satbara.score(TYPED_712) >= 0.9
    got = values(satbara, TYPED_712)
    assert got["district"] == "सातारा" and got["taluka"] == "फलटण"
    assert got["village"] == "पिंपळगाव बसवंत"
    assert got["survey_number"] == "312/4/अ"
    assert got["holders"] == [
        {"name": "महादेव किसन थोरात", "name_latin": "MAHADEV KISAN THORAT", "area": "0.75"},
        {"name": "पार्वती महादेव थोरात", "name_latin": "PARVATI MAHADEV THORAT", "area": "0.25"},
    ]
    assert got["total_area"] == "1.00" and got["area_unit"] == "हे.आर"
    assert got["mutation_numbers"] == ["412", "590"]
    assert "other_rights" not in got  # "नाही" (none) is no right


def test_shares_that_do_not_add_up_lower_confidence():
    fields = satbara.extract(TYPED_712, ExtractOptions())
    fields["total_area"].value = "1.10"
    issues = satbara.validate(fields)
    assert issues and fields["holders"].confidence_score <= 0.6


def test_area_block_words_are_never_holders():
    assert holder_matches("एकूण क्षेत्र 1.20.00") == []
    assert holder_matches("जिरायत : 1.86.15 कमल दत्तात्रय गोडसे 0.60.40 (516)") == [
        ("कमल दत्तात्रय गोडसे", "0.60.40", "516")]


NAMUNA = layout("""गाव नमुना ८-अ
धारण जमिनींची नोंदवही
जिल्हा : नाशिक
तालुका : निफाड
गाव : ओझर
खाते क्रमांक : १२०७
खातेदाराचे नाव :
संभाजी नामदेव वाघ
स.नं. ५६/२ क्षेत्र ०.८० हे.आर आकारणी १.२०
स.नं. ११० क्षेत्र १.०५ हे.आर आकारणी २.१०
एकूण क्षेत्र : १.८५ हे.आर""")


def test_8a_account_holders_and_survey_numbers():
    assert namuna_8.score(NAMUNA) >= 0.9
    assert satbara.score(NAMUNA) is None
    got = values(namuna_8, NAMUNA)
    assert got["account_number"] == "1207"
    assert got["holders"] == [{"name": "संभाजी नामदेव वाघ", "name_latin": "SAMBHAJI NAMDEV VAGH"}]
    assert got["survey_numbers"] == ["56/2", "110"]
    assert got["total_area"] == "1.85"
    assert (got["district"], got["taluka"], got["village"]) == ("नाशिक", "निफाड", "ओझर")


# Index II as Tesseract reads the printout: the clause words and, in their own column, the values.
INDEX = Layout([
    TextLine("सूची क्र.2", 0.93, (110, 74, 212, 108)),
    TextLine("दुय्यम निबंधक : सह दु.नि. हवेली 3", 0.95, (880, 74, 1176, 100)),
    TextLine("दस्त क्रमांक : ४५१२/२०२२", 0.93, (880, 120, 1106, 143)),
    TextLine("गावाचे नाव : वाघोली", 0.95, (110, 224, 288, 253)),
    TextLine("(2)मोबदला", 0.91, (111, 353, 198, 374)),
    TextLine(":4500000", 0.9, (801, 355, 906, 371)),
    TextLine("(3) बाजारभाव", 0.96, (111, 402, 221, 423)),
    TextLine(":3900000", 0.9, (801, 404, 906, 420)),
    TextLine("(7) दस्तऐवज करुन देणा-या/लिहून ठेवणा-या पक्षकाराचे नाव", 0.95, (111, 594, 560, 619)),
    TextLine(": 1): नाव:-संतोष शिवाजी पाटील वय:-26 पत्ता:-मु.पो. वाघोली", 0.94, (802, 594, 1340, 618)),
    TextLine("(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव", 0.94, (111, 643, 430, 665)),
    TextLine(": 1): नाव:-अनिता रमेश कदम वय:-58", 0.94, (802, 642, 1316, 666)),
    TextLine("2): नाव:-विजय अशोक कदम वय:-60 पत्ता:-मु.पो. वाघोली", 0.94, (802, 680, 1316, 704)),
    TextLine("(9) दस्तऐवज करुन दिल्याचा दिनांक", 0.96, (111, 730, 379, 753)),
    TextLine(":06/07/2022", 0.89, (801, 733, 922, 749)),
    TextLine("(10)दस्त नोंदणी केल्याचा दिनांक", 0.95, (111, 779, 356, 801)),
    TextLine(":08/07/2022", 0.89, (801, 782, 922, 798)),
    TextLine("(12)बाजारभावाप्रमाणे मुद्रांक शुल्क", 0.94, (111, 836, 373, 859)),
    TextLine(": 234000", 0.94, (801, 838, 882, 854)),
    TextLine("(13)बाजारभावाप्रमाणे नोंदणी शुल्क", 0.95, (111, 884, 377, 908)),
    TextLine(": 30000", 0.95, (801, 887, 870, 903)),
])


def test_index_2_clauses_by_their_words():
    assert index_2.score(INDEX) >= 0.9
    got = values(index_2, INDEX)
    assert got["document_number"] == "4512/2022"
    assert got["registration_date"] == "08/07/2022"  # clause 10, not the execution date of clause 9
    assert got["consideration_amount"] == "4500000.00" and got["market_value"] == "3900000.00"
    assert got["stamp_duty"] == "234000.00" and got["registration_fee"] == "30000.00"
    assert got["executants"] == ["संतोष शिवाजी पाटील"]
    assert got["claimants"] == ["अनिता रमेश कदम", "विजय अशोक कदम"]
    assert got["claimants_latin"] == ["ANITA RAMESH KADAM", "VIJAY ASHOK KADAM"]
    assert got["sub_registrar_office"] == "सह दु.नि. हवेली 3" and got["village"] == "वाघोली"


@pytest.mark.parametrize("lay", [TYPED_712, NAMUNA, INDEX], ids=["7/12", "8A", "Index II"])
def test_each_record_is_claimed_by_its_own_type_only(lay: Layout):
    scores = {code: m.score(lay) for code, m in registry().items()}
    ranked = sorted(((s, c) for c, s in scores.items() if s), reverse=True)
    assert ranked and ranked[0][0] >= 0.9
    assert len(ranked) == 1 or ranked[1][0] < 0.5, ranked[:2]


def test_english_and_hindi_documents_are_declined():
    for text in ("SALE DEED\nDocument No. 1234/2023 Registered on 14/03/2023",
                 "भारत सरकार\nGovernment of India\nरमेश कुमार\nजन्म तिथि/DOB: 01/01/1990",
                 "गाव : वाघोली\nखाते क्रमांक : 12"):  # a place and an account: no form's name
        lay = layout(text)
        assert satbara.score(lay) is None and namuna_8.score(lay) is None and index_2.score(lay) is None


@pytest.mark.slow
@pytest.mark.parametrize("module,layout_name", [(satbara, "computerised"), (satbara, "typed"),
                                                (satbara, "district")])
def test_drawn_712_read_by_tesseract_marathi(module, layout_name):  # type: ignore[no-untyped-def]
    from kagaz.ocr.tesseract import devanagari_page_engine
    from kagaz.synth import satbara as drawn

    engine = devanagari_page_engine()
    if engine is None:
        pytest.skip("Tesseract Marathi/Hindi data not installed")
    rendered = drawn.LAYOUTS[layout_name](random.Random(7))
    lines = engine.read(rendered.image)
    lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines)
    assert module.score(lay) >= 0.9
    got = values(module, lay)
    for key in ("district", "taluka", "village", "survey_number"):
        assert got.get(key) == rendered.fields[key], key
    # names exact in Devanagari; a share's digits may be misread (validate() flags the sum)
    assert [h["name"] for h in got["holders"]] == [h["name"] for h in rendered.fields["holders"]]


def test_index_2_value_a_little_above_its_words_on_a_skewed_page():
    lay = Layout([
        TextLine("सूची क्र.2", 0.93, (110, 74, 212, 108)),
        TextLine("(2)मोबदला", 0.91, (111, 353, 198, 377)),
        TextLine(":4500000", 0.9, (801, 336, 906, 358)),  # 18 px higher at the right edge
        TextLine("(3) बाजारभाव", 0.96, (111, 402, 221, 426)),
        TextLine(":3900000", 0.9, (801, 385, 906, 407)),
        TextLine("(7) दस्तऐवज करुन देणा-या पक्षकाराचे नाव", 0.95, (111, 450, 560, 474)),
        TextLine("(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव", 0.94, (111, 498, 430, 522)),
    ])
    got = values(index_2, lay)
    assert got["consideration_amount"] == "4500000.00" and got["market_value"] == "3900000.00"


def test_index_2_clause_found_by_its_number_when_ocr_garbled_its_words():
    lay = layout("""सूची क्र.2
दस्त क्रमाक : 17151/2022
(2)मोक्दला : 22200000
(3) बाजारभाव : 21090000
(7) दस्तऐवज करुन देणा-या पक्षकाराचे नाव : 1): नाब:-सुरेखा शिवाजी साळुंखे वय:-63
(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव : 1): नाव:-ज्ञानेश्वर नितीन थोरात वय:-26""")
    got = values(index_2, lay)
    assert got["document_number"] == "17151/2022"  # "क्रमाक": the anusvara lost
    assert got["consideration_amount"] == "22200000.00"
    assert got["executants"] == ["सुरेखा शिवाजी साळुंखे"]


def test_8a_table_cells_read_as_separate_lines_are_joined_by_row():
    cells = [("गाव नमुना आठ-अ", 110, 80), ("खाते क्रमांक : 77", 110, 160),
             ("खातेदाराचे नाव :", 110, 220), ("नामदेव किसन वाघ", 160, 270),
             ("भूमापन क्रमांक व उपविभाग", 116, 340), ("क्षेत्र (हे.आर.चौ.मी)", 576, 340),
             ("611", 116, 400), ("0.45.20", 576, 402), ("3.10", 916, 399),
             ("7/2", 116, 456), ("1.02.00", 576, 458), ("2.00", 916, 455)]
    lay = Layout(TextLine(t, 0.9, (x, y, x + 14 * len(t), y + 24)) for t, x, y in cells)
    assert values(namuna_8, lay)["survey_numbers"] == ["611", "7/2"]


def test_8a_row_whose_cell_rule_was_read_as_a_mark_keeps_its_survey_number():
    # OCR reads a table's vertical rule between the number and the area as ";", ":" or "|"
    text = """गाव नमुना आठ-अ
खाते क्रमांक : 77
खातेदाराचे नाव : नामदेव किसन वाघ
340/5 ; 2.46.81
611 | 0.45.20
7/2 1.02.00"""
    assert values(namuna_8, layout(text))["survey_numbers"] == ["340/5", "611", "7/2"]


def test_index_2_party_whose_age_label_ocr_misread():
    # "वय" read as "बप": the name still ends before it
    lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
        "सूची क्र.2\n(7) दस्तऐवज करुन देणा-या/लिठून ठेवणा-या पक्षकाराचे नाव : 1): नाव:-दत्तात्रय पांडुरंग मोरे बप:-69 "
        "पत्ता:-मु.पो. मुरगूड\n(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव : 1): नाव:-बाळासाहेब नामदेव भोसले वय:-62"))
    got = values(index_2, lay)
    assert got["executants"] == ["दत्तात्रय पांडुरंग मोरे"]
    assert got["claimants"] == ["बाळासाहेब नामदेव भोसले"]


def test_8a_read_off_a_photo_whose_title_hyphen_and_holders_label_ocr_misread():
    # the title's hyphen read as a half letter ("८न्‍अ"), "खातेदाराचे" as "खातेदाराये"
    lay = layout("गाव नमुना ८न्\u200dअ\nजिल्हा : सांगली\nतालुका : वाळवा\nगाव : इस्लामपूर\nखाते क्रमांक : २४३६\n"
                 "खातेदाराये नाव :\nपार्वती विजय गोडसे\nस.नं. ५६५/५ क्षेत्र १.९६ हे.आर आकारणी ९.६९")
    assert namuna_8.score(lay) >= 0.7
    got = values(namuna_8, lay)
    assert [h["name"] for h in got["holders"]] == ["पार्वती विजय गोडसे"]
    assert got["account_number"] == "2436" and got["taluka"] == "वाळवा"


def test_8a_whose_account_label_and_an_area_dot_ocr_misread():
    # "खाते" read as "ward", an area's dot as a colon: still an 8A, every holding's row kept
    lay = layout("गाव नमुना आठ-अ\n(धारण जमिनींची नोंदवही)\nगाव : बेलापूर तालुका : श्रीरामपूर जिल्हा : अहमदनगर\n"
                 "ward क्रमांक : 922\nखातेदाराचे नाव :\nविजय नामदेव कुलकर्णी\n"
                 "भूमापन क्रमांक व उपविभाग क्षेत्र (हे.आर.चौ.मी) आकारणी (रु.पै.) शेरा\n"
                 "64/7 2:31.35 0.86\n149/5 1.31.32 3.55\nएकूण 3.62.67")
    assert namuna_8.score(lay) >= 0.7
    got = values(namuna_8, lay)
    assert got["survey_numbers"] == ["64/7", "149/5"] and got["total_area"] == "3.62.67"


def test_index_2_property_whose_label_colon_ocr_read_as_a_semicolon():
    lay = layout("सूची क्र.2\nदस्त क्रमांक : 4512/2022\n(4) भू-मापन,पोटहिस्सा व घरक्रमांक(असल्यास) : 1) इतंर माहिती; "
                 "प्लॉट नं. 13, श्री गणेश अपार्टमेंट, सर्व्हे नं. 2/3, मौजे मालगाव\n(5) क्षेत्रफळ : 53.28 चौ.मीटर")
    assert values(index_2, lay)["property_description"] == \
        "प्लॉट नं. 13, श्री गणेश अपार्टमेंट, सर्व्हे नं. 2/3, मौजे मालगाव"
