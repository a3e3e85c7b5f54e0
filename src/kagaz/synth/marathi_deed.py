"""Marathi deeds drawn for the evaluation: a sale deed (खरेदीखत) and a gift deed (बक्षीसपत्र / दानपत्र).

What is printed follows what the law asks a deed to say (the type modules' docstrings): the title,
the date of execution, each party by its role with age, occupation and residence, the operative
sentence (a sale for a price, or a gift without consideration, out of love, with the donee's
acceptance and relation to the donor), the property with its survey number and boundaries, the
witnesses, and the sub-registrar's endorsement. Styles (``style``):

* ``roles``: each role as a heading ("लिहून देणार :") and the party under it; ASCII digits.
* ``inline``: the party first and its role after it ("… रा. वाघोली, यांस पुढे लिहून घेणार असे
  म्हटले आहे"), the endorsement as a stamped box at the top.
* ``typed``: an older typed deed, Devanagari digits and a dated opening "तारीख 12 माहे मार्च सन 2023".

The deeds recite how the property was acquired (an older deed's number) and the sale deed lists
"दान, बक्षीस" among the charges it denies, as real deeds do: the types must not take these words
for the deed's own.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.matching.translit import to_latin
from kagaz.synth.billing import inr
from kagaz.synth.certificates import wrap_words
from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import Rendered, a4_canvas
from kagaz.synth.marathi import digits, holder, place
from kagaz.synth.render import Canvas

__all__ = ["KIN", "draw"]

_MONTHS = ("जानेवारी", "फेब्रुवारी", "मार्च", "एप्रिल", "मे", "जून", "जुलै", "ऑगस्ट", "सप्टेंबर", "ऑक्टोबर",
           "नोव्हेंबर", "डिसेंबर")
#: the donee's relation to the donor: (as the deed says it, truth code, female donee)
KIN = (("माझा मुलगा", "SON", False), ("माझी मुलगी", "DAUGHTER", True), ("माझी पत्नी", "WIFE", True),
       ("माझा नातू", "GRANDSON", False), ("माझी सून", "DAUGHTER_IN_LAW", True), ("माझा भाऊ", "BROTHER", False))
_UNITS = ("सदनिका क्र. {u}, {f} मजला, {b}", "प्लॉट नं. {u}", "घर क्र. {u}, {b}")
_BUILDINGS = ("श्री गणेश अपार्टमेंट", "साई कृपा रेसिडेन्सी", "ओम शांती निवास", "लक्ष्मी हाईट्स")
_JOBS = ("शेती", "नोकरी", "व्यापार", "घरकाम", "सेवानिवृत्त")
_SIDES = ("रस्ता", "ओढा", "सर्व्हे नं. {n} ची जमीन", "खुली जागा", "इमारत")


def _property(rng: random.Random, where) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(the description as printed, its survey number)."""
    survey = f"{rng.randint(1, 450)}/{rng.randint(1, 9)}"
    label = rng.choice(["सर्व्हे नं.", "स.नं.", "गट नं."])
    unit = rng.choice(_UNITS).format(u=rng.randint(1, 40) * rng.choice([1, 100]), b=rng.choice(_BUILDINGS),
                                     f=rng.choice(["पहिला", "दुसरा", "तिसरा"]))
    text = (f"जिल्हा {where.district}, तालुका {where.taluka}, मौजे {where.village} येथील {label} {survey} "
            f"मधील {unit}, क्षेत्र {rng.randint(40, 150)}.{rng.randint(0, 99):02d} चौ.मीटर")
    return text, survey


def _party(rng: random.Random, name: str, female: bool, where) -> str:  # type: ignore[no-untyped-def]
    hon = ("श्रीमती" if rng.random() < 0.6 else "सौ.") if female else "श्री."
    return (f"{hon} {name}, वय {rng.randint(24, 78)} वर्षे, धंदा {rng.choice(_JOBS)}, "
            f"रा. {where.village}, ता. {where.taluka}, जि. {where.district}")


def _write(c: Canvas, text: str, y: float, fam: str, size: float, dv: bool, x: float = 120.0,
           width: float = 1410.0, bold: bool = False) -> float:
    for ln in wrap_words(c, digits(text, dv), width, fam, size, bold):
        c.text(x, y, ln, fam, size, bold=bold)
        y += size * 1.75
    return y + size * 0.4


def _endorsement(c: Canvas, rng: random.Random, fam: str, d: dict, x: float, y: float, dv: bool) -> float:
    lines = [f"दुय्यम निबंधक {d['office']}", f"दस्त क्रमांक {d['doc_no']}", f"पुस्तक क्र. 1",
             f"नोंदणी दिनांक {fmt_date(d['registered'], rng.choice(['/', '-', '.']))}"]
    c.rect((x, y, x + 640, y + 40 * len(lines) + 30), outline=(40, 40, 140), width=3, radius=8)
    for k, ln in enumerate(lines):
        c.text(x + 18, y + 16 + 40 * k, digits(ln, dv), fam, 22, fill=(40, 40, 140))
    return y + 40 * len(lines) + 60


def _facts(rng: random.Random, kind: str) -> dict:
    where = place(rng)
    executed = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 1))
    registered = executed + dt.timedelta(days=rng.choice([0, 0, 1, 3]))
    giver, taker = holder(rng), holder(rng)
    prop, survey = _property(rng, where)
    market = rng.randint(8, 250) * 100000 + rng.choice([0, 25000, 50000])
    d = {"kind": kind, "where": where, "executed": executed, "registered": registered, "giver": giver,
         "taker": taker, "property": prop, "survey": survey, "market": market,
         "doc_no": f"{rng.randint(100, 19999)}/{registered.year}",
         "office": rng.choice(["हवेली क्र. {n}", "{t} {n}", "{t}"]).format(n=rng.randint(1, 28), t=where.taluka),
         "old_no": f"{rng.randint(100, 9999)}/{rng.randint(1990, executed.year - 1)}"}
    if kind == "gift":
        kin = rng.choice(KIN)
        surname = giver.name.split()[-1]
        taker = holder(rng, surname)
        while taker.female != kin[2]:  # a son is a man, a wife a woman
            taker = holder(rng, surname)
        d["taker"] = taker
        d["kin"] = kin
        d["duty"] = 200 if rng.random() < 0.6 else market * 3 // 100
    else:
        d["price"] = market * rng.choice([95, 100, 110, 120]) // 100
        d["duty"] = d["price"] * rng.choice([5, 6, 7]) // 100
    return d


def _operative(d: dict) -> list[str]:
    """The sentences that make the deed a sale or a gift."""
    history = f"सदर मिळकत मी खरेदीखत दस्त क्र. {d['old_no']} अन्वये खरेदी केली असून ती माझ्या मालकी व कब्जेवहिवाटीची आहे."
    if d["kind"] == "gift":
        kin_text = d["kin"][0]
        return [history,
                f"बक्षीस घेणार हे {kin_text} असून माझे त्यांच्यावर असलेल्या प्रेमापोटी व जिव्हाळ्यापोटी मी कोणताही "
                "मोबदला न घेता खालील परिशिष्टात वर्णन केलेली मिळकत स्वखुशीने तुम्हांस बक्षीस म्हणून दिली आहे.",
                "सदर बक्षीस तुम्ही स्वीकारले असून मिळकतीचा कब्जा तुम्हांस दिला आहे.",
                f"सदर मिळकतीचे बाजारमूल्य रु. {d['market']}/- असून मुद्रांक शुल्क रु. {d['duty']}/- भरले आहे."]
    return [history, "सदर मिळकतीवर कोणाचाही बोजा, गहाण, दान, बक्षीस, कुळ वगैरे हक्क नाही.",
            f"सदर मिळकत मी तुम्हांस एकूण रक्कम रु. {inr(d['price']).split('.')[0]}/- इतक्या मोबदल्यास कायमची विकली आहे. "
            "सदर मोबदल्याची संपूर्ण रक्कम मला मिळाली आहे.",
            f"सदर मिळकतीचे बाजारमूल्य रु. {d['market']}/- असून मुद्रांक शुल्क रु. {d['duty']}/- भरले आहे."]


def draw(rng: random.Random, kind: str, style: str) -> Rendered:
    """A one-page Marathi ``kind`` ("sale" or "gift") deed in ``style`` (see the module)."""
    fam, d = rng.choice(list(DEVANAGARI)), _facts(rng, kind)
    dv, size, c = style == "typed", rng.uniform(21, 23), a4_canvas()
    where, ex = d["where"], d["executed"]
    if kind == "gift":
        title = rng.choice(["बक्षीसपत्र", "बक्षीसपत्र", "दानपत्र"])
        roles = rng.choice([("बक्षीस देणार", "बक्षीस घेणार"), ("लिहून देणार (दाता)", "लिहून घेणार (बक्षीस घेणार)")])
    else:
        title = rng.choice(["खरेदीखत", "खरेदीखत", "कायम खरेदीखत"])
        roles = rng.choice([("लिहून देणार (विक्रेता)", "लिहून घेणार (खरेदीदार)"), ("खरेदी देणार", "खरेदी घेणार")])
    y = 90.0
    if style == "inline":
        y = _endorsement(c, rng, fam, d, 900, 60, dv)
    c.text(c.w / 2, y + 20, title, fam, 40, bold=True, align="m")
    y += 110
    when = (f"आज तारीख {ex.day} माहे {_MONTHS[ex.month - 1]} सन {ex.year}" if style == "typed"
            else f"आज दिनांक {fmt_date(ex, rng.choice(['/', '-']))}")
    y = _write(c, f"{title} {when} रोजी {where.taluka} येथे लिहून देण्यात येते की,", y, fam, size, dv)
    giver = _party(rng, d["giver"].name, d["giver"].female, where)
    taker = _party(rng, d["taker"].name, d["kin"][2] if kind == "gift" else d["taker"].female, where)
    order = [(roles[0], giver), (roles[1], taker)]
    if kind == "sale" and rng.random() < 0.5:
        order.reverse()  # Marathi sale deeds often name the buyer first
    for role, party in order:
        if style == "inline":
            y = _write(c, f"{party}, यांस पुढे {role.split(' (')[0]} असे म्हटले आहे.", y, fam, size, dv)
        else:
            y = _write(c, f"{role} :", y, fam, size, dv, bold=True)
            y = _write(c, party, y, fam, size, dv, x=160, width=1370)
    for sentence in _operative(d):
        y = _write(c, sentence, y, fam, size, dv)
    y = _write(c, rng.choice(["मिळकतीचे वर्णन :", "परिशिष्ट - मिळकतीचे वर्णन"]), y + 10, fam, size + 1, dv, bold=True)
    y = _write(c, d["property"], y, fam, size, dv)
    sides = [f"{s} : {rng.choice(_SIDES).format(n=rng.randint(1, 450))}"
             for s in ("पूर्वेस", "पश्चिमेस", "उत्तरेस", "दक्षिणेस")]
    y = _write(c, "चतुःसीमा : " + ", ".join(sides), y, fam, size, dv)
    y = _write(c, f"साक्षीदार : 1) {holder(rng).name}  2) {holder(rng).name}", y + 10, fam, size, dv)
    c.text(1150, y + 20, digits("सही", dv), fam, size)
    if style != "inline":
        _endorsement(c, rng, fam, d, 120, max(y + 90, 1900), dv)
    return Rendered(c.img, _truth(d), page="a4", dpi=200, canvas=c)


def _truth(d: dict) -> dict:
    giver, taker = d["giver"].name, d["taker"].name
    if d["kind"] == "gift":
        return {"donor_name": giver, "donor_name_latin": to_latin(giver)[0], "donee_name": taker,
                "donee_name_latin": to_latin(taker)[0], "relationship": d["kin"][1],
                "consideration": "LOVE_AND_AFFECTION", "property_description": d["property"],
                "survey_number": d["survey"], "execution_date": fmt_date(d["executed"]),
                "registration_number": d["doc_no"], "registration_date": fmt_date(d["registered"]),
                "sub_registrar_office": d["office"], "stamp_duty": f"{d['duty']}.00",
                "market_value": f"{d['market']}.00"}
    return {"seller_name": giver, "seller_name_latin": to_latin(giver)[0], "buyer_name": taker,
            "buyer_name_latin": to_latin(taker)[0], "property_address": d["property"],
            "consideration_amount": f"{d['price']}.00", "registration_date": fmt_date(d["registered"]),
            "document_number": d["doc_no"]}
