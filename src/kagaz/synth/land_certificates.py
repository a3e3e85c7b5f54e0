"""Gavthan and Gunthewari certificates, drawn in Marathi on an office's letterhead.

Layouts (A4 scans): ``letter`` (the office's name, the title, the date at the top right, one
certifying paragraph, the signatory) and ``form`` (the same facts as labelled lines under the
title, then the certifying sentence). Truth: the holder as printed (with ``holder_name_latin``
through :func:`kagaz.matching.translit.to_latin`), the property number, the village, the area as
printed ("120.50 चौ.मी."), the date of issue DD/MM/YYYY.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.matching.translit import to_latin
from kagaz.synth.certificates import wrap_words
from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import Rendered, a4_canvas
from kagaz.synth.marathi import digits, holder, place

__all__ = ["draw"]

_KINDS = {
    "gavthan": ("गावठाण दाखला", "ग्रामपंचायत कार्यालय, {v}", "मिळकत क्रमांक",
                "सदर मिळकत गावठाण हद्दीत असून ग्रामपंचायतीच्या नमुना नं. ८ मध्ये नोंद आहे."),
    "gunthewari": ("गुंठेवारी प्रमाणपत्र", "महानगरपालिका, नगर रचना विभाग", "प्लॉट क्रमांक",
                   "सदर भूखंड महाराष्ट्र गुंठेवारी विकास (नियमितीकरण, श्रेणीवाढ व नियंत्रण) अधिनियम, 2001 "
                   "अन्वये नियमित करण्यात आला आहे."),
}


def draw(rng: random.Random, kind: str, layout: str) -> Rendered:
    title, office, prop_label, closing = _KINDS[kind]
    fam = rng.choice(list(DEVANAGARI))
    dv = rng.random() < 0.4
    where, person = place(rng), holder(rng)
    number = str(rng.randint(1, 1500)) + (f"/{rng.randint(1, 9)}" if rng.random() < 0.3 else "")
    area = f"{rng.randint(40, 900)}.{rng.randint(0, 99):02d} {rng.choice(['चौ.मी.', 'चौ.फूट'])}"
    issued = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 1))
    honorific = "श्रीमती" if person.female else "श्री."
    c = a4_canvas()
    c.text(c.w / 2, 80, office.format(v=where.village), fam, 28, bold=True, align="m")
    c.text(c.w / 2, 125, f"ता. {where.taluka}, जि. {where.district}", fam, 22, align="m")
    c.line([(100, 170), (1554, 170)], fill=(60, 60, 60), width=2)
    c.text(1150, 200, digits(f"दिनांक : {fmt_date(issued)}", dv), fam, 22)
    c.text(c.w / 2, 280, title, fam, 34, bold=True, align="m")
    y = 380.0
    sentence = (f"प्रमाणित करण्यात येते की, मौजे {where.village}, ता. {where.taluka}, जि. {where.district} येथील "
                f"{prop_label} {number} ही मिळकत {honorific} {person.name} यांच्या नावे असून तिचे क्षेत्र "
                f"{area} आहे. {closing}")
    if layout == "form":
        for label, value in [("धारकाचे नाव", f"{honorific} {person.name}"), (prop_label, number),
                             ("गाव", where.village), ("क्षेत्र", area)]:
            c.text(140, y, digits(f"{label} : {value}", dv), fam, 24)
            y += 56
        y += 30
        sentence = (f"वरील {prop_label} {number} ची मिळकत {honorific} {person.name} यांच्या नावे आहे. {closing}")
    for ln in wrap_words(c, digits(sentence, dv), 1380, fam, 24):
        c.text(140, y, ln, fam, 24)
        y += 24 * 1.8
    c.text(1150, y + 160, "सही / शिक्का", fam, 22)
    fields = {"holder_name": person.name, "holder_name_latin": to_latin(person.name)[0],
              "property_number": number, "village": where.village, "area": area,
              "issue_date": fmt_date(issued)}
    return Rendered(c.img, fields, page="a4", dpi=200, canvas=c)
