"""Gift deed (बक्षीसपत्र / दानपत्र; "Gift Deed", "Deed of Gift") of immovable property.

What every gift deed prints follows from the law, not from a layout. A gift is a transfer made
voluntarily and without consideration, by the donor to the donee, and accepted by the donee
(Transfer of Property Act 1882, s. 122); a gift of immovable property must be made by a registered
instrument signed by the donor and attested by two witnesses (s. 123; Registration Act 1908,
s. 17(1)(a)). So a deed names its title, the donor and the donee by those roles ("hereinafter
called the DONOR" / "बक्षीस देणार", "लिहून देणार"), says there is no consideration ("without any
consideration", "out of natural love and affection"; "कोणताही मोबदला न घेता", "प्रेमापोटी"),
records the donee's acceptance, describes the property (the schedule, "मिळकतीचे वर्णन") and carries
the sub-registrar's endorsement: the document's registration number and the office. The
Maharashtra Stamp Act, Article 34, charges the duty of a conveyance on the market value, reduced
to 3 % (Rs. 200 for a residence or agricultural land) when the donee is the donor's husband, wife,
son, daughter, grandchild or a deceased son's wife: hence the stamp duty and the donee's
relationship to the donor, which a lender checks against each other.

Maharashtra writes gift deeds in Marathi and in English; both are read. :func:`score` needs the
title, or both parties' roles with the words of a gift; Index II, sale deeds and the village forms
are declined. Marathi names are returned as printed with ``<field>_latin`` beside them
(:func:`kagaz.matching.translit.to_latin`); ``relationship`` is the donee's relation to the donor
as an English code (``SON``, ``WIFE`` …), ``consideration`` is ``LOVE_AND_AFFECTION`` or ``NONE``.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''बक्षीसपत्र
... बक्षीसपत्र आज दिनांक 05/08/2021 रोजी लिहून देण्यात येते की,
... बक्षीस देणार : श्री. रमेश सुरेश पाटील, वय 62 वर्षे, धंदा शेती, रा. वाघोली
... बक्षीस घेणार : श्री. विजय रमेश पाटील, वय 34 वर्षे, रा. वाघोली (माझा मुलगा)
... मी माझा मुलगा यास प्रेमापोटी कोणताही मोबदला न घेता खालील मिळकत बक्षीस दिली आहे.
... मिळकतीचे वर्णन : मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 123/2 पैकी 0.20 हे.आर
... चतुःसीमा : पूर्वेस रस्ता
... मुद्रांक शुल्क रु. 200/-
... दुय्यम निबंधक हवेली क्र. 3
... दस्त क्रमांक 4567/2021'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.9
True
>>> f = extract(layout, ExtractOptions())
>>> f["donor_name"].value, f["donee_name_latin"].value, f["relationship"].value, f["consideration"].value
('रमेश सुरेश पाटील', 'VIJAY RAMESH PATIL', 'SON', 'LOVE_AND_AFFECTION')
>>> f["execution_date"].value, f["registration_number"].value, f["survey_number"].value, f["stamp_duty"].value
('05/08/2021', '4567/2021', '123/2', '200.00')
>>> f["property_description"].value
'मौजे वाघोली, ता. हवेली येथील सर्व्हे नं. 123/2 पैकी 0.20 हे.आर'
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.deed_english import line_at, party_name, running_text
from kagaz.doctypes.deed_marathi import DeedText, name_fields, opens_as, other_party
from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.gift_deed_english import english_fields
from kagaz.model import Field, TextLine
from kagaz.text.devanagari import devanagari_share
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "GIFT_DEED"
GROUP = "business"
ORDER = 580
GENERATOR = "kagaz.synth.gift_deed"
FIELDS = declare(
    donor_name=PERSON, donor_name_latin=NAME, donee_name=PERSON, donee_name_latin=NAME,
    relationship=TEXT, consideration=TEXT, property_description=ADDRESS, survey_number=IDENTIFIER,
    execution_date=DATE, registration_number=IDENTIFIER, registration_date=DATE,
    sub_registrar_office=TEXT, stamp_duty=AMOUNT, market_value=AMOUNT,
)

_TITLE = re.compile(r"^\W*(?:GIFT\s*DEED|DEED\s*OF\s*GIFT|GIFT\s*SETTLEMENT\s*DEED|(?:कायम\s*)?(?:बक्ष[ीि]स\s*पत्र|"
                    r"दान\s*पत्र|हिबा\s*नामा))(?:\s*\(.{0,30}\))?\W*$", re.I)
_ROLES_EN = re.compile(r"(?:hereinafter|herein\s*after)\s*(?:jointly\s*|collectively\s*)?(?:called|referred\s*to\s*as|"
                       r"known\s*as|styled\s*as)\s*(?:the\s*)?[\"“”'‘’]*\s*(DONORS?|DONEES?)\b", re.I)
_PART_EN = re.compile(r"[\"“”'‘’]?\s*\b(DONORS?|DONEES?)\b\s*[\"“”'‘’]?\s*(?:\([^)]{0,200}\)\s*)?of\s*the\s*"
                      r"(?:ONE|OTHER|FIRST|SECOND)\s*PART", re.I)
DONOR_MR = re.compile(r"(?:बक्ष[ीि]स|दान)\s*(?:पत्र\s*)?(?:लिहून\s*)?देणार|देणगीदार|दाता(?![\u0900-\u097F])")
DONEE_MR = re.compile(r"(?:बक्ष[ीि]स|दान)\s*(?:पत्र\s*)?(?:लिहून\s*)?घेणार|देणगी\s*घेणार")
# The generic roles of every Marathi deed ("the one who writes it", "in whose favour").
_GIVER_MR, _TAKER_MR = re.compile(r"लिहून\s*देणार"), re.compile(r"लिहून\s*घेणार")
_GIFT_WORDS = re.compile(r"\bgift(?:ed|s)?\b|love\s*(?:and|&)\s*affection|without\s*(?:any\s*)?(?:monetary\s*)?"
                         r"consideration|बक्ष[ीि]स|दान\s*(?:म्हणून|दिल|केल)|प्रेम|विनामोबदला|मोबदला\s*न\s*घेता", re.I)
_ACCEPTED = re.compile(r"accept(?:ed|s|ing)?\s*(?:the\s*)?(?:said\s*)?gift|स्वीकार", re.I)
_REGISTRY = re.compile(r"Sub[\s-]*Registrar|Document\s*No|दुय्यम\s*निबंधक|दस्त\s*क्र", re.I)
# Other papers that name a gift: an Index II's kind of deed, a sale deed's title, a village form.
_OTHER = re.compile(r"सूची\s*क्र|विलेखाचा\s*प्रकार|गाव\s*नमुना|^\W*(?:खरेदी\s*खत|SALE\s*DEED|DEED\s*OF\s*SALE|"
                    r"LEAVE\s*AND\s*LICEN[CS]E\s*AGREEMENT|RENT\s*AGREEMENT)\W*$", re.I | re.M)
_KIN_MR = {"मुलगा": "SON", "मुलास": "SON", "मुलाला": "SON", "पुत्र": "SON", "मुलगी": "DAUGHTER", "मुलीस": "DAUGHTER",
           "कन्या": "DAUGHTER", "पत्नी": "WIFE", "पत्नीस": "WIFE", "पती": "HUSBAND", "पतीस": "HUSBAND",
           "नातू": "GRANDSON", "नातवास": "GRANDSON", "नात": "GRANDDAUGHTER", "नातीस": "GRANDDAUGHTER",
           "सून": "DAUGHTER_IN_LAW", "सुनेस": "DAUGHTER_IN_LAW", "भाऊ": "BROTHER", "भावास": "BROTHER",
           "बहीण": "SISTER", "बहिणीस": "SISTER", "आई": "MOTHER", "आईस": "MOTHER", "वडील": "FATHER",
           "वडिलांस": "FATHER", "पुतण्या": "NEPHEW", "पुतणी": "NIECE"}
_KIN_MR_RX = re.compile(r"(?:माझा|माझी|माझे|आमचा|आमची|आमचे|नाते\s*[:：\-–]?|नात्याने)\s*(?:सख्खा|सख्खी|लाडका|लाडकी)?\s*("
                        + "|".join(sorted(_KIN_MR, key=len, reverse=True)) + r")(?![\u0900-\u097F])")
_LOVE = re.compile(r"love\s*(?:and|&)\s*affection|प्रेम|माया|जिव्हाळ|वात्सल्य", re.I)
_NO_PRICE = re.compile(r"without\s*(?:any\s*)?(?:monetary\s*)?consideration|no\s*consideration|free\s*of\s*(?:any\s*)?"
                       r"consideration|विनामोबदला|मोबदला\s*न\s*घेता|मोबदल्याशिवाय|कोणताही\s*मोबदला", re.I)


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title = any(_TITLE.match(ln.text.strip()) for ln in layout.lines[:40]) \
        or opens_as(layout, r"बक्ष[ीि]स\s*पत्र|दान\s*पत्र|हिबा\s*नामा")
    roles = {m.group(1).upper().rstrip("S") for m in [*_ROLES_EN.finditer(text), *_PART_EN.finditer(text)]}
    roles |= {"DONOR"} if DONOR_MR.search(text) else set()
    roles |= {"DONEE"} if DONEE_MR.search(text) else set()
    gift = bool(_GIFT_WORDS.search(text))
    if not title and not (len(roles) == 2 and gift):
        return None
    accepted = bool(_ACCEPTED.search(text))
    s = 0.55 * title + 0.2 * (len(roles) == 2) + 0.1 * gift + 0.05 * accepted
    # both parties named by their roles in a gift, and the gift accepted (what makes a gift under
    # the Transfer of Property Act, s. 122): a gift deed even when OCR lost its title
    s += 0.1 * (not title and len(roles) == 2 and gift and accepted)
    s += 0.07 * bool(_REGISTRY.search(text)) + 0.05 * bool(_GIVER_MR.search(text) and _TAKER_MR.search(text))
    if _OTHER.search(text):
        s -= 0.6
    return round(max(0.0, min(0.97, s)), 4) or None


def _kinship(text: str) -> str | None:
    m = _KIN_MR_RX.search(text)
    return _KIN_MR[m.group(1)] if m else None


def _marathi(layout: Layout) -> dict[str, Field]:
    deed = DeedText(layout)
    out: dict[str, Field] = {}
    donor = deed.party(DONOR_MR) or deed.party(_GIVER_MR)
    donee = deed.party(DONEE_MR) or deed.party(_TAKER_MR)
    people = deed.people()
    name_fields("donor_name", donor or other_party(donee, people), out)
    name_fields("donee_name", donee or other_party(donor, people), out)
    hits: dict[str, tuple[str, TextLine] | None] = {
        "execution_date": deed.execution_date(), "registration_number": deed.document_number(),
        "registration_date": deed.registration_date(), "sub_registrar_office": deed.office(),
        "survey_number": deed.survey_number(),
        "stamp_duty": deed.amount_near(re.compile(r"मुद्रांक\s*शुल्क")),
        "market_value": deed.amount_near(re.compile(r"बाजार\s*(?:भाव|मूल्य|किंमत)")),
    }
    for key, hit in hits.items():
        if hit:
            out[key] = make_field(hit[0], confidence(hit[1].score), hit[1])
    prop = deed.property()
    if prop:
        out["property_description"] = make_field(prop[0], confidence(prop[1].score, free_text=True), prop[1])
    kin = _kinship(deed.text)
    if kin:
        out["relationship"] = make_field(kin, confidence(deed.rows[0][1].score, anchored=False))
    return out


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    if not layout.lines:
        return {}
    text = layout.text
    if devanagari_share(text) >= 0.5:
        out = _marathi(layout)
    else:
        body, starts = running_text(layout)
        out = english_fields(layout)
        for m in [*_ROLES_EN.finditer(body), *_PART_EN.finditer(body)]:
            key = "donee_name" if m.group(1).upper().startswith("DONEE") else "donor_name"
            found = None if key in out else party_name(body, m.start(), (_ROLES_EN, _PART_EN))
            if found:
                line = line_at(starts, found[1])
                name_fields(key, (found[0], line), out)
    if "consideration" not in out and (_LOVE.search(text) or _NO_PRICE.search(text)):
        value = "LOVE_AND_AFFECTION" if _LOVE.search(text) else "NONE"
        out["consideration"] = make_field(value, confidence(layout.lines[0].score, anchored=False))
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    """A gift is made without consideration (TPA s. 122): a deed whose words were read but name
    neither love and affection nor the absence of a price is doubtful, so its parties are too."""
    if ("donor_name" in fields or "donee_name" in fields) and "consideration" not in fields:
        return ["no words of a gift without consideration were read"]
    return []
