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
