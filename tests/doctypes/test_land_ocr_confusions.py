"""Land records read through Tesseract's usual confusions, by the documents' own rules: the slash
of a number read as a stroke, labels garbled or spelt the old way, table cells read apart or
twice, a value's colon misread."""

from __future__ import annotations

from kagaz.doctypes import chatusima, index_2, namuna_8, satbara
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.9) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def values(module, text: str) -> dict:  # type: ignore[no-untyped-def]
    return {k: v.value for k, v in module.extract(layout(text), ExtractOptions()).items()}


def test_index_2_numbers_whose_slash_was_read_as_a_stroke_and_colons_read_as_digits() -> None:
    got = values(index_2, """सूची क्र.2
दुप्यम निबंधक : दुप्यम निबंधक चोपडा
दस्त क्रमांक : १५६०८]२०१२
गावाचे नाव : अडावद
(2)मोबदला १ १२३०००००
(4) भू-मापन,पोटहिस्सा व घरक्रमांक(असल्यास) : १) इतर माहिती: प्लॉट नं. २९००, सर्व्हे नं. ३३७1२
5) क्षेत्रफळ : ८३.३८ चौ.मीटर
(7) दस्तऐवज करुन देणा-या/लिहून ठेवणा-या पक्षकाराचे नाय : १): नाय:-सरस्वती संतोष काळे यय:-३२
(10)दस्त नोंदणी केल्याचा दिनांक : २०|१२1२०१२
(12)बाजारभावाप्रमाणे मुद्रांक शुल्क + ५५३५००""")
    assert got["document_number"] == "15608/2012"
    assert got["registration_date"] == "20/12/2012"
    assert got["sub_registrar_office"] == "दुय्यम निबंधक चोपडा"
    assert got["consideration_amount"] == "12300000.00"
    assert got["stamp_duty"] == "553500.00"
    assert got["property_description"] == "प्लॉट नं. 2900, सर्व्हे नं. 337/2"  # clause (5) kept out
    assert got["executants"] == ["सरस्वती संतोष काळे"]


def test_712_table_bars_a_bracketed_entry_after_other_figures_and_old_spellings() -> None:
    got = values(satbara, """गाव नमुना सात (अधिकार पत्रक)
७/१२ उतारा
गांव : मुसळगाव
तालुकां :- सिन्नर
जिल्हा :
नाशिक
सर्व्हे नंबर / हिस्सा नंबर : ८४/ ८
| भोगवटादाराचे नांव | क्षेत्र
| बाळासाहेब नामदेव सावंत | १.४५ २.१५ ०.००.०० (६८७१)
एकूण क्षेत्र : १.४५""")
    assert (got["village"], got["taluka"], got["district"]) == ("मुसळगाव", "सिन्नर", "नाशिक")
    assert got["survey_number"] == "84/8"
    assert [(h["name"], h["area"]) for h in got["holders"]] == [("बाळासाहेब नामदेव सावंत", "1.45")]
    assert got["mutation_numbers"] == ["6871"]


def test_a_survey_number_whose_slash_was_read_as_1() -> None:
    got = values(satbara, """गाव नमुना सात
भोगवटादाराचे नाव
गट क्रमांक : 63515""")
    assert got["survey_number"] == "635/5"
    # four digits may be a gat number as printed
    assert values(satbara, "गाव नमुना सात\nगट क्रमांक : 2415")["survey_number"] == "2415"


def test_8a_row_whose_area_ocr_garbled_still_gives_its_survey_number() -> None:
    got = values(namuna_8, """गाव नमुना आठ-अ
खाते क्रमांक : 432
भूमापन क्रमांक व उपविभाग क्षेत्र (हे.आर.चौ.मी) आकारणी (रु.पै.) शेरा
189/7 2.71.14 9.84
183/5 1५८०317 3.66
एकूण 4.78.29""")
    assert got["survey_numbers"] == ["189/7", "183/5"]


def test_boundaries_in_table_cells_a_garbled_survey_label_and_a_misread_abbreviation() -> None:
    lines = [("चतुःसीमा प्रमाणपत्र", 0, 100, 600), ("मौजे उंब्रज येथील", 0, 150, 400),
             ("ae नंबर: 381/5", 0, 200, 400), ("पूर्वेस :", 0, 260, 200), ("स.ने. 385/3", 400, 262, 650),
             ("पश्चिमेस :", 0, 320, 200), ("गाव रस्ता", 400, 320, 600),
             ("उत्तरेस :", 0, 380, 200), ("कालवा", 400, 380, 550), ("कालवा", 405, 383, 552),
             ("दक्षिणेस : स.नं. 223 /4", 0, 440, 600)]
    lay = Layout(TextLine(t, 0.9, (x, y, x1, y + 30)) for t, x, y, x1 in lines)
    got = {k: v.value for k, v in chatusima.extract(lay, ExtractOptions()).items()}
    assert got["survey_number"] == "381/5"
    assert got["boundaries"] == {"east": "स.नं. 385/3", "west": "गाव रस्ता", "north": "कालवा", "south": "स.नं. 223/4"}


def test_index_2_market_value_whose_clause_bracket_ocr_lost() -> None:
    got = values(index_2, "सूची क्र.2\n2)मोबदला : २२९२५०००\n3) बाजारभाव : २०६३२५००\n(12)बाजारभावाप्रमाणे मुद्रांक शुल्क : 1238000")
    assert (got["consideration_amount"], got["market_value"]) == ("22925000.00", "20632500.00")


def _cells(cells: list[tuple[str, int, int, int, float]]) -> Layout:
    """(text, x0, y0, x1, score): lines of a drawn page, 24 px high."""
    return Layout(TextLine(t, s, (x, y, x1, y + 24)) for t, x, y, x1, s in cells)


_8A_HEAD = [("गाव नमुना आठ-अ", 700, 90, 940, 0.95), ("खाते क्रमांक : २४०", 110, 335, 267, 0.95),
            ("खातेदाराचे नाव :", 110, 404, 256, 0.93), ("विठ्ठल राजेंद्र घोरपडे", 160, 464, 315, 0.96),
            ("भूमापन क्र्मांक व उपविभाग", 116, 564, 311, 0.93), ("क्षेत्र (हे.आर.चौ.मी)", 577, 563, 717, 0.92)]


def test_8a_cell_read_twice_keeps_the_reading_in_the_pages_digit_script() -> None:
    # the page prints its figures in Devanagari; one reader gave "20" for "३०", surer than the other
    lay = _cells(_8A_HEAD + [
        ("१८३/४", 117, 634, 168, 0.63), ("२.७६.५३", 577, 635, 643, 0.67),
        ("20", 117, 691, 137, 0.80), ("| ३०.", 106, 684, 147, 0.54), ("२.४७.३१", 577, 691, 641, 0.84),
        ("एकूण", 115, 804, 161, 0.93), ("५.२३.८४", 577, 804, 647, 0.7)])
    got = {k: v.value for k, v in namuna_8.extract(lay, ExtractOptions()).items()}
    assert got["survey_numbers"] == ["183/4", "30"]


def test_8a_survey_number_whose_area_ocr_did_not_read_is_kept_from_its_column() -> None:
    lay = _cells(_8A_HEAD + [
        ("36/4 .", 104, 634, 183, 0.65), ("0.53", 915, 630, 971, 0.54),  # the assessment, no area
        ("611", 117, 691, 160, 0.9), ("1.02.00", 577, 691, 660, 0.9),
        ("0.45", 917, 748, 960, 0.9),  # a figure in another column is not a survey number
        ("एकूण", 115, 804, 161, 0.93), ("2.44.64", 577, 804, 652, 0.88),
        ("12", 117, 860, 140, 0.9)])  # under the total: not a holding
    got = {k: v.value for k, v in namuna_8.extract(lay, ExtractOptions()).items()}
    assert got["survey_numbers"] == ["36/4", "611"]


def test_survey_labels_whose_anusvara_or_vowel_sign_ocr_lost() -> None:
    got = values(namuna_8, """गाव नमुना ८-अ
खाते क्रमांक : ८७७
स.नं. २४/५ क्षेत्र २.७० हे.आर आकारणी ७.१०
स.न. १८२1१ क्षेत्र ०.६७ हे. आर आकारणी ०.९९
स.नं. ५६५)५ क्षेत्र ९.९६ हे.आर आकारणी ९.६९""")
    assert got["survey_numbers"] == ["24/5", "182/1", "565/5"]
    assert values(satbara, "गाव नमुना सात\nगर क्रमांक :- 887 भू-धारणा पद्धती")["survey_number"] == "887"
    assert values(chatusima, "चतुःसीमा दाखला\nमौजे मुसळगाव येथील सर्व्ह नं. 200/3\n"
                             "पूर्वेस : ओढा")["survey_number"] == "200/3"


_TYPED_712_TOP = [("गाव नमुना सात (अधिकार पत्रक)", 436, 120, 681, 0.96), ("७/१२ उतारा", 528, 159, 596, 0.9),
                  ("गाव : मुरगूड", 147, 323, 222, 0.9), ("सर्व्हे नंबर / हिस्सा नंबर : ३६२/८", 147, 359, 350, 0.9),
                  ("खाते क्रमांक : १५१८", 148, 400, 274, 0.94), ("क्षेत्राचे एकक : हे. आर", 148, 448, 275, 0.95)]
_TYPED_712_FOOT = [("एकूण क्षेत्र : ५.८१", 150, 655, 260, 0.91), ("इतर अधिकार :", 151, 711, 252, 0.93),
                   ("बँक ऑफ महाराष्ट्र शाखा मुरगूड यांचा रु. ८,००,०००/- चा बोजा (९५५७)", 173, 749, 567, 0.95)]


def _holder_names(lay: Layout) -> list[str]:
    got = satbara.extract(lay, ExtractOptions())
    return [h["name"] for h in got["holders"].value] if "holders" in got else []


def test_712_holders_whose_column_label_ocr_garbled_are_the_named_shares_above_the_total() -> None:
    lay = _cells(_TYPED_712_TOP + [("— ara | an", 137, 501, 623, 0.72),
                                   ("सुनीता राजेंद्र गायकवाड २.७३", 149, 544, 633, 0.93),
                                   ("बंदना दिलीप कुलकर्णी | ३.०८", 138, 587, 634, 0.73)] + _TYPED_712_FOOT)
    assert _holder_names(lay) == ["सुनीता राजेंद्र गायकवाड", "बंदना दिलीप कुलकर्णी"]


def test_712_rules_read_as_dandas_a_bare_entry_and_a_label_over_the_first_holder() -> None:
    # a rule read as "।", the share's last digit lost ("१.५"), the entry in its own column
    lay = _cells(_TYPED_712_TOP + [("| भोगवटादाराचे नाव |", 125, 460, 577, 0.40),
                                   ("। पार्वती सचिन माने | १.५", 130, 501, 585, 0.72), ("| ९७८", 784, 504, 828, 0.75)]
                 + _TYPED_712_FOOT)
    assert _holder_names(lay) == ["पार्वती सचिन माने"]
    # on a photo the label's box reaches down into the first holder's row: two lines, not one
    # cell read twice
    lay = Layout([*_cells(_TYPED_712_TOP), TextLine("। भोगवटादाराचे नाव", 0.85, (135, 538, 278, 573)),
                  TextLine("| शिवाजी प्रकाश साळुंखे | ३.७४ । २७८८", 0.81, (142, 570, 980, 626)),
                  *_cells(_TYPED_712_FOOT)])
    assert _holder_names(lay) == ["शिवाजी प्रकाश साळुंखे"]


def test_8a_table_heading_whose_long_u_ocr_shortened_is_not_a_holder() -> None:
    got = values(namuna_8, """गाव नमुना आठ-अ
खाते क्रमांक : 439
खातेदाराचे नाव :
बाळासाहेब विजय वाघ
पांडुरंग अशोक वाघ
भुमापन क्रमांक व उपविभाग
36/4 2.44.64
एकूण 2.44.64""")
    assert [h["name"] for h in got["holders"]] == ["बाळासाहेब विजय वाघ", "पांडुरंग अशोक वाघ"]


def test_survey_labels_whose_words_or_anusvara_ocr_garbled() -> None:
    assert values(satbara, "गाव नमुना सात\nभूमापन ळपांक व उपविभाग :- 212/1 भू-धारणा पडती :- भोगवटादार वर्ग -1"
                  )["survey_number"] == "212/1"
    # the anusvara read as the Vedic stress mark U+0951
    assert values(namuna_8, "गाव नमुना ८-अ\nखाते क्रमांक : १५०४\nस.न\u0951. ५६७/३ क्षेत्र ०.९९ हे.आर आकारणी ३.२४"
                  )["survey_numbers"] == ["567/3"]
    boundaries = "\nया जमिनीची चतुःसीमा खालीलप्रमाणे आहे :\nपूर्वेस : स.नं. 42/3\nदक्षिणेस : स.नं. 46"
    assert values(chatusima, "चतुःसीमा प्रमाणपत्र\nमौजे सावदा येथील\nसव्हे न\u0951बर : 47/6" + boundaries
                  )["survey_number"] == "47/6"
    assert values(chatusima, "चतुःसीमा प्रमाणपत्र\nमौजे सावदा येथील\nसर्व्हे नंबर : ३४१)४" + boundaries
                  )["survey_number"] == "341/4"


def test_holder_names_lose_the_anusvara_ocr_read_from_a_speck_and_get_the_virama_of_tthha_back() -> None:
    got = values(namuna_8, """गाव नमुना आठ-अ
खाते क्रमांक : 439
खातेदाराचे नाव :
लता सुरेश गोडसे
सुनीलं तानाजी गोडसे
सचिंन संभाजी गायकवाड
सुरेखा विठठल गोडसे
भूमापन क्रमांक व उपविभाग
36/4 2.44.64""")
    assert [h["name"] for h in got["holders"]] == ["लता सुरेश गोडसे", "सुनील तानाजी गोडसे", "सचिन संभाजी गायकवाड",
                                                   "सुरेखा विठ्ठल गोडसे"]
    assert got["holders"][1]["name_latin"] == "SUNIL TANAJI GODSE"


def test_8a_total_whose_long_u_ocr_read_as_ri() -> None:
    got = values(namuna_8, "गाव नमुना ८-अ\nखाते क्रमांक : १५०४\nस.नं. ५६७/३ क्षेत्र ०.९९ हे.आर आकारणी ३.२४\n"
                           "एकृण क्षेत्र : ०.९९ है.आर")
    assert got["total_area"] == "0.99"


def test_712_entry_in_brackets_then_an_account_number_is_not_one_number_with_a_slash() -> None:
    got = values(satbara, """गाव नमुना सात
भूमापन क्रमांक व उपविभाग : ४०७/२ भू-धारणा पद्धती : भोगवटादार वर्ग -१
एकक व आकारणी भोगवटादाराचे नाव खाते क्रमांक
क्षेत्र एकक : हे.आर.चौ.मी विठ्ठल शिवाजी घोरपडे ०.८५.३० (१५६५) १६१०
जिरायत : २.६०.५८ सुनीता सुनील पवार १.५३.०३ (२५७७)
एकूण क्षेत्र : २.६०.५८""")
    assert got["mutation_numbers"][:2] == ["1565", "2577"]
