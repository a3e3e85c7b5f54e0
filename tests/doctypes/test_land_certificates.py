"""Gavthan and Gunthewari certificates in Marathi: the shared fields, and each title claimed by its
own type only."""

from __future__ import annotations

import pytest

from kagaz.doctypes import gavthan_certificate, gunthewari_certificate, registry
from kagaz.doctypes.base import ExtractOptions
from kagaz.model import TextLine
from kagaz.ocr.fake import lines_from_text
from kagaz.text.layout import Layout


def layout(text: str) -> Layout:
    return Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text, score=0.94))


GAVTHAN = layout("""ग्रामपंचायत कार्यालय, उचगाव
ता. करवीर, जि. कोल्हापूर
दिनांक : ०५/११/२०१९
गावठाण दाखला
प्रमाणित करण्यात येते की, मौजे उचगाव, ता. करवीर, जि. कोल्हापूर येथील मिळकत क्रमांक ७७८/२ ही मिळकत
श्रीमती सुमन नितीन गोडसे यांच्या नावे असून तिचे क्षेत्र १३६.६२ चौ.मी. आहे.""")

GUNTHEWARI = layout("""महानगरपालिका, नगर रचना विभाग
गुंठेवारी प्रमाणपत्र
धारकाचे नाव : श्री. योगेश किसन पवार
प्लॉट क्रमांक : 41
गाव : मांजरी बुद्रुक
क्षेत्र : 250.00 चौ.फूट
वरील प्लॉट क्रमांक 41 ची मिळकत श्री. योगेश किसन पवार यांच्या नावे आहे.
दिनांक : 14/02/2022""")


def test_gavthan_certificate_fields_with_devanagari_digits():
    assert gavthan_certificate.score(GAVTHAN) >= 0.9
    got = {k: v.value for k, v in gavthan_certificate.extract(GAVTHAN, ExtractOptions()).items()}
    assert got == {"holder_name": "सुमन नितीन गोडसे", "holder_name_latin": "SUMAN NITIN GODSE",
                   "property_number": "778/2", "village": "उचगाव", "area": "136.62 चौ.मी.",
                   "issue_date": "05/11/2019"}


def test_gunthewari_certificate_form_layout():
    got = {k: v.value for k, v in gunthewari_certificate.extract(GUNTHEWARI, ExtractOptions()).items()}
    assert got["holder_name"] == "योगेश किसन पवार" and got["property_number"] == "41"
    assert got["village"] == "मांजरी बुद्रुक" and got["area"] == "250.00 चौ.फूट"
    assert got["issue_date"] == "14/02/2022"


@pytest.mark.parametrize("lay,code", [(GAVTHAN, "GAVTHAN_CERTIFICATE"), (GUNTHEWARI, "GUNTHEWARI_CERTIFICATE")])
def test_each_certificate_is_claimed_by_its_own_type_only(lay, code):
    scores = {c: m.score(lay) for c, m in registry().items()}
    ranked = sorted(((s, c) for c, s in scores.items() if s), reverse=True)
    assert ranked[0][1] == code and ranked[0][0] >= 0.8
    assert len(ranked) == 1 or ranked[1][0] < 0.5, ranked[:2]


CHATUSIMA = layout("""तलाठी कार्यालय, सजा भुईंज
चतुःसीमा प्रमाणपत्र
मौजे भुईंज येथील
गट क्रमांक : ८८/३
पूर्वेस : स.नं. ८९
पश्चिमेस : शिव रस्ता
उत्तरेस : स.नं. ८४/२
दक्षिणेस : कालवा""")


def test_chatusima_four_sides_with_ascii_digits():
    from kagaz.doctypes import chatusima

    assert chatusima.score(CHATUSIMA) >= 0.9
    got = {k: v.value for k, v in chatusima.extract(CHATUSIMA, ExtractOptions()).items()}
    assert got == {"village": "भुईंज", "survey_number": "88/3", "boundaries": {
        "east": "स.नं. 89", "west": "शिव रस्ता", "north": "स.नं. 84/2", "south": "कालवा"}}
    scores = sorted(((s, c) for c, m in registry().items() if (s := m.score(CHATUSIMA))), reverse=True)
    assert scores[0][1] == "CHATUSIMA" and (len(scores) == 1 or scores[1][0] < 0.5)


def test_an_index_2_printing_boundaries_is_no_chatusima():
    from kagaz.doctypes import chatusima

    lay = layout("सूची क्र.2\nदस्त क्रमांक : 12/2020\n(4) भू-मापन : चतुःसीमा: पूर्वेस : रस्ता पश्चिमेस : स.नं. 5\n"
                 "उत्तरेस : नाला दक्षिणेस : स.नं. 7")
    assert (chatusima.score(lay) or 0) < 0.5  # under MIN_TYPE_SCORE: Index II keeps it


def test_chatusima_never_takes_a_neighbours_survey_number_for_its_own():
    from kagaz.doctypes import chatusima

    lay = layout("चतुःसीमा दाखला\nमौजे भुईंज येथील\nसर्व्हे कर : ८८/३\nपूर्वेस : स.नं. ८९\nपश्चिमेस : रस्ता\n"
                 "उत्तरेस : स.नं. ८४\nदक्षिणेस : कालवा")  # the label misread
    assert "survey_number" not in chatusima.extract(lay, ExtractOptions())


# As Tesseract read a photographed Gunthewari certificate: the centred title skipped, the word
# "गुंठेवारी" misread in the sentence, the Act's name intact.
GUNTHEWARI_NO_TITLE = layout("""महानगरपालिका, नगर रचना विभाग
दिनांक : 24/05/2022
धास्काचे नाव : श्रीमती सुनीता मारुती जगताप
प्लॉट क्रमांक : 635/5
वरील प्लॉट क्रमांक 635/5 ची मिळकत श्रीमती सुनीता मारुती जगताप यांच्या नावे आहे. सदर भूखंड महाराष्ट्र गुठिवारी
विकास (नियमितीकरण, श्रेणीवाढ व नियंत्रण) अधिनियम, 2001 अन्वये नियमित करण्यात आला आहे.""")

GAVTHAN_NO_TITLE = layout("""ग्रामपंचायत कार्यालय, उचगाव
दिनांक : 05/11/2019
वरील मिळकत क्रमांक 778/2 ची मिळकत श्री. नितीन अशोक गोडसे यांच्या नावे आहे. सदर मिळकत गावठाण हद्दीत असून
ग्रामपंचायतीच्या नमुना नं. ८ मध्ये नोंद आहे.""")

DEED_OF_A_GAOTHAN_HOUSE = layout("""खरेदीखत
सदर मिळकत गावठाण हद्दीत असून ग्रामपंचायत मिळकत क्रमांक 452 ची आहे.""")


def test_a_certificate_whose_title_ocr_lost_is_known_by_what_it_certifies():
    assert gunthewari_certificate.score(GUNTHEWARI_NO_TITLE) is not None
    assert gavthan_certificate.score(GUNTHEWARI_NO_TITLE) is None
    assert gavthan_certificate.score(GAVTHAN_NO_TITLE) is not None
    assert gunthewari_certificate.score(GAVTHAN_NO_TITLE) is None
    assert gavthan_certificate.score(DEED_OF_A_GAOTHAN_HOUSE) is None


def test_chatusima_titled_certificate_whose_table_of_sides_was_lost():
    # a tilted photo: Tesseract lost the ruled table but read the certificate's title
    from kagaz.doctypes import chatusima

    lay = layout("""तलाठी कार्यालय, सजा हर्णे
ता. दापोली, जि. रत्नागिरी
चतु:सीमा दाखला
मौजे हर्णे येथील
सर्व्हे नंबर : 169/3
या जमिनीची चतु:सीमा खालीलप्रमाणे आहे :
उत्तरेस :""")
    assert chatusima.score(lay) >= 0.6
    got = {k: v.value for k, v in chatusima.extract(lay, ExtractOptions()).items()}
    assert got["survey_number"] == "169/3" and got["village"] == "हर्णे"
    # the name in running text, with no sides read, is not enough
    assert chatusima.score(layout("या जमिनीची चतु:सीमा दाखला प्रमाणे आहे\nमौजे हर्णे")) is None


def test_gavthan_certificate_read_off_a_photocopy_with_ocr_specks():
    # a hyphen for the space between names, an anusvara speck in "मिळकत", the unit after dots
    lay = layout("""ग्रामपंचायत कार्यालय, मुरगूड
दिनांक : ०८/०६/२०२३
गावठाण दाखला
प्रमाणित करण्यात येते की, मौजे मुरगूड, ता..कागल, जिं. कोल्हापूर येथील मिळकंत क्रमांक ९९८ ही मिळकत श्रीमती सरस्वती-सचिन पवार यांच्या नावे असून तिचे क्षेत्र ३३०.५४ ..
चौ.फूट आहे.""")
    got = {k: v.value for k, v in gavthan_certificate.extract(lay, ExtractOptions()).items()}
    assert got["holder_name"] == "सरस्वती सचिन पवार"
    assert got["property_number"] == "998"
    assert got["area"] == "330.54 चौ.फूट"
    assert got["issue_date"] == "08/06/2023"


def test_certificate_form_whose_unit_and_village_label_ocr_misread():
    lay = layout("""ग्रामपंचायत कार्यालय, अडावद
गावठाण दाखला
धारकाचे नाव : श्रीमती कमल योगेश गोडसे
मिळकत क्रमांक : 1250
गाव.: अडावद
क्षेत्र: 710.73 वौ.मी.
वरील मिळकत क्रमांक 1250 ची मिळकत श्रीमती कमल योगेश गोडसे यांच्या नावे आहे.""")
    got = {k: v.value for k, v in gavthan_certificate.extract(lay, ExtractOptions()).items()}
    assert got["village"] == "अडावद" and got["area"] == "710.73 चौ.मी."
