"""Gift deeds (English and Marathi) and Marathi sale deeds: fields, and which type claims which paper."""

from __future__ import annotations

import pytest

from kagaz.doctypes import gift_deed, registry, sale_deed
from kagaz.doctypes.base import ExtractOptions
from kagaz.matching import FlowDocument, run_cross_checks
from kagaz.model import TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.synth import generate
from kagaz.synth.generator import layouts
from kagaz.text.layout import Layout


def layout(text: str, score: float = 0.95) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=score))


def values(module, lay: Layout) -> dict:  # type: ignore[no-untyped-def]
    return {k: v.value for k, v in module.extract(lay, ExtractOptions()).items()}


def winner(lay: Layout) -> str | None:
    scores = {code: m.score(lay) or 0.0 for code, m in registry().items()}
    best = max(scores, key=scores.get)  # type: ignore[arg-type]
    return best if scores[best] >= 0.5 else None


GIFT_EN = """Document No. 812/2022
Sub-Registrar, Haveli No. 3, Pune
Date of Registration: 15/06/2022
DEED OF GIFT
This Deed of Gift is made and executed at Pune on this 14th day of June, 2022
BETWEEN Smt. Kavita Rao, W/o Suresh Rao, aged about 61 years, residing at Kothrud, Pune,
hereinafter referred to as the "DONOR" of the ONE PART;
AND Mr. Rohan Rao, S/o Suresh Rao, aged about 34 years, residing at Kothrud, Pune,
hereinafter referred to as the "DONEE" of the OTHER PART.
WHEREAS the Donor purchased the property vide Sale Deed registered as Document No. 4411/2003.
AND WHEREAS the Donee is the son of the Donor and out of natural love and affection the Donor
gifts the property to the Donee without any consideration, and the Donee accepts the gift.
Stamp duty of Rs. 200/- is paid under Article 34 of the Maharashtra Stamp Act.
SCHEDULE OF PROPERTY
All that flat bearing Flat No. 7, Survey No. 45/2, Kothrud, Pune - 411038, admeasuring 600 sq. ft."""


def test_english_gift_deed():
    lay = layout(GIFT_EN)
    assert gift_deed.score(lay) >= 0.9 and (sale_deed.score(lay) or 0) < 0.5
    got = values(gift_deed, lay)
    assert (got["donor_name"], got["donee_name"], got["donee_name_latin"]) == ("Kavita Rao", "Rohan Rao", "ROHAN RAO")
    assert got["registration_number"] == "812/2022"  # not the sale deed the donor bought under
    assert (got["execution_date"], got["registration_date"]) == ("14/06/2022", "15/06/2022")
    assert (got["relationship"], got["consideration"], got["stamp_duty"]) == ("SON", "LOVE_AND_AFFECTION", "200.00")
    assert got["survey_number"] == "45/2"
    assert got["property_description"] == "Flat No. 7, Survey No. 45/2, Kothrud, Pune - 411038"
    assert got["sub_registrar_office"] == "Haveli No. 3, Pune"


GIFT_MR_INLINE = """दानपत्र
दानपत्र आज तारीख ३ माहे जानेवारी सन २०२० रोजी हवेली येथे लिहून देण्यात येते की,
श्री. किसन मारुती जाधव, वय ७० वर्षे, धंदा शेती, रा. वाघोली, यांस पुढे दान देणार असे म्हटले आहे.
सौ. मंगल अशोक जाधव, वय ४२ वर्षे, धंदा घरकाम, रा. वाघोली, यांस पुढे दान घेणार असे म्हटले आहे.
सदर मिळकत मी खरेदीखत दस्त क्र. ४४१/१९९८ अन्वये खरेदी केली आहे.
दान घेणार ही माझी सून असून प्रेमापोटी विनामोबदला खालील परिशिष्टात वर्णन केलेली मिळकत दिली आहे.
परिशिष्ट - मिळकतीचे वर्णन
मौजे वाघोली येथील गट नं. ७७/३ पैकी ०.२० हे.आर
चतुःसीमा : पूर्वेस : रस्ता, पश्चिमेस : ओढा, उत्तरेस : गट नं. ७८ ची जमीन, दक्षिणेस : रस्ता
दुय्यम निबंधक हवेली क्र. ५
दस्त क्रमांक ९०/२०२०"""


def test_marathi_gift_deed_with_parties_named_before_their_roles():
    lay = layout(GIFT_MR_INLINE)
    assert winner(lay) == "GIFT_DEED"
    got = values(gift_deed, lay)
    assert (got["donor_name"], got["donee_name"]) == ("किसन मारुती जाधव", "मंगल अशोक जाधव")
    assert got["donor_name_latin"] == "KISAN MARUTI JADHAV"
    assert (got["execution_date"], got["registration_number"]) == ("03/01/2020", "90/2020")
    assert (got["relationship"], got["consideration"], got["survey_number"]) == ("DAUGHTER_IN_LAW", "LOVE_AND_AFFECTION", "77/3")
    assert got["property_description"] == "मौजे वाघोली येथील गट नं. 77/3 पैकी 0.20 हे.आर"
    assert got["sub_registrar_office"] == "हवेली क्र. 5"


SALE_MR = """कायम खरेदीखत
खरेदीखत आज दिनांक 02/02/2021 रोजी लिहून देण्यात येते की,
खरेदी घेणार : श्री. विजय अशोक कदम, वय 40 वर्षे, धंदा नोकरी, रा. पुणे
खरेदी देणार : श्रीमती सुनीता रमेश पाटील, वय 55 वर्षे, धंदा घरकाम, रा. वाघोली
सदर मिळकतीवर कोणाचाही बोजा, गहाण, दान, बक्षीस वगैरे हक्क नाही.
सदर मिळकत मी तुम्हांस एकूण रक्कम रु. 32,50,000/- इतक्या मोबदल्यास कायमची विकली आहे.
सदर मिळकतीचे बाजारमूल्य रु. 3000000/- असून मुद्रांक शुल्क रु. 195000/- भरले आहे.
मिळकतीचे वर्णन :
मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 12/1 मधील सदनिका क्र. 4
चतुःसीमा : पूर्वेस : रस्ता, पश्चिमेस : इमारत, उत्तरेस : रस्ता, दक्षिणेस : ओढा
दुय्यम निबंधक हवेली क्र. 3
दस्त क्रमांक 1555/2021
नोंदणी दिनांक 03/02/2021"""


def test_marathi_sale_deed_reads_the_existing_fields():
    lay = layout(SALE_MR)
    assert winner(lay) == "SALE_DEED"
    assert (gift_deed.score(lay) or 0) < 0.5  # "दान, बक्षीस" among the charges it denies
    got = values(sale_deed, lay)
    assert (got["seller_name"], got["buyer_name"]) == ("सुनीता रमेश पाटील", "विजय अशोक कदम")
    assert (got["seller_name_latin"], got["buyer_name_latin"]) == ("SUNITA RAMESH PATIL", "VIJAY ASHOK KADAM")
    assert got["consideration_amount"] == "3250000.00"  # not the market value or the duty
    assert (got["document_number"], got["registration_date"]) == ("1555/2021", "03/02/2021")
    assert got["property_address"] == "मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 12/1 मधील सदनिका क्र. 4"


def test_a_role_word_lost_to_ocr_leaves_the_other_described_party():
    got = values(sale_deed, layout(SALE_MR.replace("खरेदी देणार :", "xx tore :")))
    assert got["seller_name"] == "सुनीता रमेश पाटील"


@pytest.mark.parametrize("text,expected", [
    ("सूची क्र.2 दुय्यम निबंधक : सह दु.नि. हवेली 3\n(1)विलेखाचा प्रकार : बक्षीसपत्र\n"
     "(7) दस्तऐवज करुन देणा-या पक्षकाराचे नाव : नाव:-रमेश पाटील\n(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव : नाव:-विजय पाटील",
     "INDEX_2"),
    ("सूची क्र.2\nदुय्यम निबंधक : हवेली\n(1)विलेखाचा प्रकार\n: खरेदीखत\n(2)मोबदला : 4500000", "INDEX_2"),
    ("LEAVE AND LICENSE AGREEMENT\nMr. A B, hereinafter called the LICENSOR\nMr. C D, hereinafter called the "
     "LICENSEE\nmonthly licence fee of Rs. 15,000/- for a period of 11 months", "RENT_AGREEMENT"),
    ("SALE DEED\nBY: Mr. Ravi Kumar, S/o Suresh Kumar, hereinafter called the VENDOR\nIN FAVOUR OF: Mrs. Priya Gupta, "
     "W/o Amit Gupta, hereinafter called the PURCHASER\nfree from all encumbrances, mortgages, gifts and liens\n"
     "for a total sale consideration of Rs. 45,00,000/-", "SALE_DEED"),
])
def test_other_papers_are_not_deeds_of_the_other_kind(text, expected):
    assert winner(layout(text)) == expected


@pytest.mark.parametrize("code", ["GIFT_DEED", "SALE_DEED"])
def test_every_layout_draws_truth(code):
    for name in layouts(code):
        d = generate(code, 4, "clean", name)
        assert d.fields and all(v for v in d.fields.values()), name


def test_donee_and_buyer_are_matched_against_the_pan():
    def doc(i: str, kind: str, **fields: object) -> FlowDocument:
        return FlowDocument(i, f"u{i}", kind, {k: {"value": v, "confidence_score": 0.9} for k, v in fields.items()})

    docs = [doc("1", "PAN", name_as_per_pan="VIJAY ASHOK KADAM"), doc("2", "SALE_DEED", buyer_name="विजय अशोक कदम"),
            doc("3", "GIFT_DEED", donee_name="मंगल अशोक जाधव", survey_number="12/1"),
            doc("4", "SATBARA", survey_number="12/1")]
    got = {(c["check"], c["source_document"], c["target_document"]): c["result"] for c in run_cross_checks(docs, None)}
    assert got[("deed_buyer_name", "PAN", "SALE_DEED")] == "MATCH"
    assert got[("deed_donee_name", "PAN", "GIFT_DEED")] == "MISMATCH"
    assert got[("survey_number", "SATBARA", "GIFT_DEED")] == "MATCH"


def test_a_misread_name_under_its_role_is_not_replaced_by_the_party_above():
    got = values(sale_deed, layout(SALE_MR.replace("श्रीमती सुनीता रमेश पाटील", "श्रीमती arian रमेश पाटील")))
    assert got["buyer_name"] == "विजय अशोक कदम" and "seller_name" not in got


def test_a_danpatra_that_prints_its_boundaries_is_a_gift_deed_not_a_boundaries_certificate() -> None:
    text = """दानपत्र
आज दिनांक 12/03/2019 रोजी हे दानपत्र लिहून देण्यात येते की,
दान देणार : श्री. रामचंद्र गणपत पाटील
दान घेणार : श्री. सुनील रामचंद्र पाटील (मुलगा)
प्रेम व जिव्हाळ्यापोटी कोणताही मोबदला न घेता मिळकत दान देत आहे.
मौजे वडगाव, स.नं. 45/2 ची चतुःसीमा
पूर्वेस : स.नं. 46
पश्चिमेस : रस्ता
उत्तरेस : स.नं. 44
दक्षिणेस : नाला"""
    from kagaz.doctypes import chatusima

    lay = layout(text)
    assert (chatusima.score(lay) or 0.0) < 0.5  # a deed prints the boundaries of what it conveys
    assert winner(lay) == "GIFT_DEED"


def test_registration_date_under_the_document_number_when_its_label_was_misread():
    # the endorsement's "नोंदणी दिनांक" read as "अवनी दिन दिनांक"
    lay = layout(GIFT_MR_INLINE + "\nपुस्तक क्र. १\n| अवनी दिन दिनांक 30-01-2020")
    assert values(gift_deed, lay)["registration_date"] == "30/01/2020"
    # a deed whose endorsement prints no date gives none
    assert "registration_date" not in values(gift_deed, layout(GIFT_MR_INLINE))
    # nor the deed's opening sentence's date, when the endorsement comes first
    opening = layout("दुय्यम निबंधक सिन्नर\nदस्त क्रमांक 293/2014\nपुस्तक क्र. 1\nखरेदीखत\n"
                     "खरेदीखत आज दिनांक 03/07/2014 रोजी सिन्नर येथे लिहून देण्यात येते की,")
    assert "registration_date" not in values(sale_deed, opening)


def test_a_deed_whose_title_line_ocr_lost_is_known_by_its_opening_sentence():
    # a photographed deed: the centred title was lost, and "खरेदी घेणार" misread
    gift = "\n".join(GIFT_MR_INLINE.splitlines()[1:])
    assert winner(layout(gift)) == "GIFT_DEED"
    sale = "\n".join(SALE_MR.splitlines()[1:]).replace("खरेदी घेणार", "खारेदी घेणार")
    assert winner(layout(sale)) == "SALE_DEED"
    # the sale deed a gift deed cites ("मी खरेदीखत दस्त क्र. … अन्वये") does not make it one
    assert winner(layout(gift)) != "SALE_DEED"


def test_an_amount_closed_by_its_dash_keeps_the_digits_ocr_spaced_apart():
    lay = layout(GIFT_MR_INLINE.replace("दस्त क्रमांक ९०/२०२०", "सदर मिळकतीचे बाजारमूल्य रु. 23325 000/- असून "
                                        "मुद्रांक शुल्क रु. 200/- भरले आहे.\nदस्त क्रमांक ९०/२०२०"))
    got = values(gift_deed, lay)
    assert got["market_value"] == "23325000.00" and got["stamp_duty"] == "200.00"
    # a speck beside the abbreviation's dot read as a second dot
    lay = layout(GIFT_MR_INLINE.replace("दस्त क्रमांक ९०/२०२०", "सदर मिळकतीचे बाजारमूल्य रु. 21425000/- असून "
                                        "मुद्रांक शुल्क रु..642750/- भरले आहे.\nदस्त क्रमांक ९०/२०२०"))
    assert values(gift_deed, lay)["stamp_duty"] == "642750.00"


def test_a_gift_deed_whose_title_and_opening_ocr_garbled_is_known_by_its_parties_and_acceptance() -> None:
    # a photographed "roles" deed: the title read as specks and the opening's "बक्षीसपत्र" lost
    text = """छि आज दिनांक 09-03-2021 रोजी बारामती येथे लिहून देण्यात येते की,
बक्षीस देणार :
सौ. लता राजेंद्र थोरात, वय 41 वर्षे, धंदा नोकरी, रा. पणदरे
बक्षीस घेणार :
श्रीमती सुनीला विजय थोरात, वय 28 वर्षे, धंदा सेवानिवृत्त, रा. पणदरे
सदर मिळकत मी खरेदीखत दस्त क्र. 3519/1992 अन्वये खरेदी केली असून ती माझ्या मालकीची आहे.
सदर बक्षीस तुम्ही स्वीकारले असून मिळकतीचा कब्जा तुम्हांस दिला आहे.
परिशिष्ट - मिळकतीचे वर्णन
जिल्हा पुणे, तालुका बारामती, मौजे पणदरे येथील गट नं. 268/9 मधील प्लॉट
दुय्यम निबंधक हवेली क्र. 3
दस्त क्रमांक 819/2021"""
    assert winner(layout(text)) == "GIFT_DEED"
    assert values(gift_deed, layout(text))["survey_number"] == "268/9"
    # the same parties with the gift not accepted is not enough without a title
    assert winner(layout(text.replace("सदर बक्षीस तुम्ही स्वीकारले असून", "सदर"))) is None


def test_consideration_whose_rupee_sign_ocr_lost_is_known_by_its_closing_mark_or_its_words() -> None:
    def consideration(sentence: str) -> str | None:
        text = GIFT_EN.replace("DEED OF GIFT", "SALE DEED").split("WHEREAS")[0] + sentence
        return values(sale_deed, layout(text)).get("consideration_amount")

    assert consideration("has agreed to sell the same for a total sale consideration of  1,60,00,000/-(Rupees One "
                         "Crore Sixty Lakhs Only).") == "16000000.00"
    assert consideration("for a consideration of 2600000 (Rupees Twenty Six Lakhs Only) paid.") == "2600000.00"
    # a figure that is not an amount (no closing mark, no words) is not taken for one
    assert consideration("for the consideration recited in clause 491 of the agreement.") is None
