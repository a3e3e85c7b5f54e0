"""Marathi words the land-record generators print: places, people, banks, digits.

Districts, talukas and villages are real places of Maharashtra (a village belongs to its
taluka, a taluka to its district, as the revenue department lists them); names follow the
Marathi convention of given name, father's (or husband's) given name, then surname. Records
print numbers in Devanagari digits (typed extracts) or ASCII digits (computerised ones):
:func:`digits` renders either.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["BANKS", "PLACES", "Holder", "Place", "digits", "holder", "place"]

#: district -> taluka -> villages
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "पुणे": {"हवेली": ("वाघोली", "लोणी काळभोर", "मांजरी बुद्रुक", "उरुळी कांचन"),
             "मुळशी": ("पिरंगुट", "हिंजवडी", "माण"), "बारामती": ("माळेगाव", "पणदरे"),
             "इंदापूर": ("भिगवण", "निमगाव केतकी")},
    "सातारा": {"कराड": ("मलकापूर", "उंब्रज"), "फलटण": ("साखरवाडी", "तरडगाव"), "वाई": ("भुईंज",)},
    "कोल्हापूर": {"करवीर": ("उचगाव", "गांधीनगर"), "हातकणंगले": ("पेठवडगाव", "हुपरी"),
                  "कागल": ("मुरगूड",)},
    "नाशिक": {"निफाड": ("ओझर", "पिंपळगाव बसवंत"), "सिन्नर": ("मुसळगाव",), "दिंडोरी": ("वणी",)},
    "अहमदनगर": {"राहुरी": ("देवळाली प्रवरा",), "संगमनेर": ("घारगाव",), "श्रीरामपूर": ("बेलापूर",)},
    "सोलापूर": {"पंढरपूर": ("भाळवणी",), "माढा": ("कुर्डुवाडी",), "मोहोळ": ("कामती",)},
    "नागपूर": {"कामठी": ("कोराडी",), "हिंगणा": ("वानाडोंगरी",), "सावनेर": ("खापा",)},
    "सांगली": {"मिरज": ("मालगाव",), "वाळवा": ("इस्लामपूर",), "तासगाव": ("सावळज",)},
    "जळगाव": {"चोपडा": ("अडावद",), "रावेर": ("सावदा",)},
    "ठाणे": {"भिवंडी": ("पडघा",), "कल्याण": ("टिटवाळा",), "मुरबाड": ("सरळगाव",)},
    "रत्नागिरी": {"चिपळूण": ("सावर्डे",), "दापोली": ("हर्णै",)},
}
_MALE = ("रमेश", "सुरेश", "गणेश", "संतोष", "विजय", "अनिल", "सुनील", "प्रकाश", "दत्तात्रय",
         "बाळासाहेब", "नामदेव", "शिवाजी", "सचिन", "राजेंद्र", "विठ्ठल", "ज्ञानेश्वर", "महादेव",
         "अशोक", "दिलीप", "किसन", "मारुती", "पांडुरंग", "तानाजी", "संभाजी", "नितीन", "योगेश")
_FEMALE = ("सुनीता", "मंगल", "शोभा", "सविता", "लता", "रुक्मिणी", "सरस्वती", "कमल", "अनिता",
           "वंदना", "सुरेखा", "जयश्री", "पार्वती", "सुमन")
_SURNAMES = ("पाटील", "जाधव", "पवार", "शिंदे", "कुलकर्णी", "देशमुख", "गायकवाड", "मोरे", "चव्हाण",
             "भोसले", "काळे", "सावंत", "कदम", "साळुंखे", "माने", "घोरपडे", "देशपांडे", "जगताप",
             "थोरात", "खैरनार", "वाघ", "लोखंडे", "निकम", "गोडसे")
BANKS = ("बँक ऑफ महाराष्ट्र", "स्टेट बँक ऑफ इंडिया", "बँक ऑफ बडोदा", "कॅनरा बँक",
         "जिल्हा मध्यवर्ती सहकारी बँक", "विविध कार्यकारी सहकारी सेवा सोसायटी", "युनियन बँक ऑफ इंडिया")
_DEVA = str.maketrans("0123456789", "०१२३४५६७८९")


@dataclass(frozen=True)
class Place:
    district: str
    taluka: str
    village: str


@dataclass(frozen=True)
class Holder:
    name: str
    female: bool


def place(rng: random.Random) -> Place:
    district = rng.choice(sorted(PLACES))
    taluka = rng.choice(sorted(PLACES[district]))
    return Place(district, taluka, rng.choice(PLACES[district][taluka]))


def holder(rng: random.Random, surname: str | None = None) -> Holder:
    """A person as the record prints them: given name, father's or husband's name, surname."""
    female = rng.random() < 0.3
    given = rng.choice(_FEMALE if female else _MALE)
    father = rng.choice([m for m in _MALE if m != given])
    return Holder(f"{given} {father} {surname or rng.choice(_SURNAMES)}", female)


def digits(text: str, devanagari: bool) -> str:
    """``text`` with its ASCII digits printed in Devanagari when ``devanagari``.

    >>> digits("123/2", True), digits("123/2", False)
    ('१२३/२', '123/2')
    """
    return text.translate(_DEVA) if devanagari else text
