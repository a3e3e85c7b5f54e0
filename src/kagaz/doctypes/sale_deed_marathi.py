"""A sale deed written in Marathi (खरेदीखत): how it is recognised and what is read from it.

The deed says what the English one says (Transfer of Property Act 1882, s. 54; Registration Act
1908, ss. 17 and 60), in Marathi words: the title "खरेदीखत" (also "कायम खरेदीखत", "विक्रीपत्र"),
the seller and the buyer by their roles ("लिहून देणार" / "खरेदी देणार" / "विक्रेता" and "लिहून
घेणार" / "खरेदी घेणार" / "खरेदीदार"), the price ("मोबदला", "रक्कम रु. …"), the property
("मिळकतीचे वर्णन", "परिशिष्ट") and the sub-registrar's endorsement ("दस्त क्रमांक", "नोंदणी
दिनांक"). A Marathi gift deed ("बक्षीसपत्र") or an Index II ("सूची क्र. 2", whose first clause
names the kind of deed, "खरेदीखत") is not a sale deed.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''खरेदीखत
... लिहून घेणार : श्रीमती अनिता विजय कदम, वय 38 वर्षे, रा. पुणे
... लिहून देणार : श्री. रमेश सुरेश पाटील, वय 45 वर्षे, धंदा शेती, रा. वाघोली
... सदर मिळकत एकूण रक्कम रु. 45,00,000/- (अक्षरी रुपये पंचेचाळीस लाख फक्त) इतक्या मोबदल्यास विकली आहे.
... मिळकतीचे वर्णन : मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 123/2 मधील सदनिका क्र. 302
... चतुःसीमा : पूर्वेस रस्ता
... दस्त क्रमांक 4567/2023  नोंदणी दिनांक 14/03/2023'''
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> marathi_score(lay) > 0.9
True
>>> f = marathi_fields(lay)
>>> f["seller_name"].value, f["buyer_name_latin"].value, f["consideration_amount"].value
('रमेश सुरेश पाटील', 'ANITA VIJAY KADAM', '4500000.00')
>>> f["document_number"].value, f["registration_date"].value, f["property_address"].value
('4567/2023', '14/03/2023', 'मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 123/2 मधील सदनिका क्र. 302')
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.deed_marathi import DeedText, name_fields, opens_as, other_party
from kagaz.model import Field
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.layout import Layout

__all__ = ["marathi_fields", "marathi_score"]

_TITLE = re.compile(r"^\W*(?:कायम\s*|नोंदणीकृत\s*)?(?:खरेदी\s*खत|खरेदी\s*पत्र|विक्री\s*पत्र|विक्री\s*खत)"
                    r"(?:\s*\(.{0,30}\))?\W*$")
SELLER = re.compile(r"खरेदी\s*(?:खत\s*)?(?:लिहून\s*)?देणार|विक्री\s*करणार|विक्रेत[ाे]|विकणार|लिहून\s*देणार")
BUYER = re.compile(r"खरेदी\s*(?:खत\s*)?(?:लिहून\s*)?घेणार|खरेदीदार|विकत\s*घेणार|लिहून\s*घेणार")
_SALE_WORDS = re.compile(r"विक्री|विकली|विकत|विकून|कायमची\s*खरेदी")
_PRICE_WORDS = re.compile(r"मोबदल|किंमत")
# Another paper that names a sale: an Index II, a gift deed's title, a village form.
_OTHER = re.compile(r"सूची\s*क्र|विलेखाचा\s*प्रकार|गाव\s*नमुना|^\W*(?:बक्ष[ीि]स\s*पत्र|दान\s*पत्र|हिबा\s*नामा)\W*$",
                    re.M)
_MONEY = re.compile(r"(?:रु\s*\.?|रुपये|₹|Rs\.?)\s*[:：\-]?\s*(\d{1,3}(?:,\d{2,3})+|\d{4,})(?:\.\d{1,2})?\s*(?:/-)?")
_NOT_PRICE = re.compile(r"मुद्रांक|बाजार|नोंदणी\s*(?:फी|शुल्क)|फी|शुल्क|इसारा|बयाणा")


def marathi_score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.match(ln.text.strip()) for ln in layout.lines[:40]) \
        or opens_as(layout, r"खरेदी\s*खत|खरेदी\s*पत्र|विक्री\s*पत्र|विक्री\s*खत")
    roles = bool(SELLER.search(text)) + bool(BUYER.search(text))
    sale, price = bool(_SALE_WORDS.search(text)), bool(_PRICE_WORDS.search(text))
    if not title and not (roles == 2 and sale and price):
        return None
    s = 0.55 * title + 0.1 * roles + 0.1 * price + 0.05 * sale
    s += 0.07 * bool(re.search(r"दुय्यम\s*निबंधक|दस्त\s*क्र", text))
    s += 0.05 * bool(re.search(r"मिळकतीचे\s*वर्णन|परिशिष्ट", text))
    if _OTHER.search(text):
        s -= 0.6
    return round(max(0.0, min(0.97, s)), 4) or None


def _price(deed: DeedText) -> Field | None:
    """The first amount in a sentence about the price, not the stamp duty, fee or market value
    printed next to it."""
    for m in _MONEY.finditer(deed.text):
        if _NOT_PRICE.search(deed.text, max(0, m.start() - 50), m.start()):
            continue
        if not _PRICE_WORDS.search(deed.text[max(0, m.start() - 150): m.end() + 150]):
            continue
        value = to_decimal(m.group(1).replace(",", ""))
        if value is not None:
            line = deed.line_at(m.start())
            return make_field(format_amount(value), confidence(line.score), line)
    return None


def marathi_fields(layout: Layout) -> dict[str, Field]:
    deed = DeedText(layout)
    out: dict[str, Field] = {}
    seller, buyer, people = deed.party(SELLER), deed.party(BUYER), deed.people()
    name_fields("seller_name", seller or other_party(buyer, people), out)
    name_fields("buyer_name", buyer or other_party(seller, people), out)
    price = _price(deed)
    if price:
        out["consideration_amount"] = price
    prop = deed.property()
    if prop:
        out["property_address"] = make_field(prop[0], confidence(prop[1].score, free_text=True), prop[1])
    for key, hit in (("registration_date", deed.registration_date()), ("document_number", deed.document_number())):
        if hit:
            out[key] = make_field(hit[0], confidence(hit[1].score), hit[1])
    return out
