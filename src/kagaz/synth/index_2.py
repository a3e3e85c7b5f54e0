"""Index II extracts (सूची क्र. २) of registered documents, drawn in Marathi.

Layout (A4 scan) ``igr``: the numbered clauses of the Inspector General of Registration's
printout: the sub-registrar's office and the document number at the top, the village, then
(1) the kind of deed, (2) consideration, (3) market value, (4) the property, (5) area,
(7) executants and (8) claimants with age and address, (9) execution and (10) registration
dates, (11) serial number, volume and page, (12) stamp duty, (13) registration fee. Digits
ASCII or Devanagari; one or two parties a side.

Truth: amounts as plain decimals ("4500000.00"), dates DD/MM/YYYY, names as printed, with
``executants_latin`` / ``claimants_latin`` through :func:`kagaz.matching.translit.to_latin`.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.matching.translit import to_latin
from kagaz.synth.certificates import wrap_words
from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.marathi import digits, holder, place

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_OFFICES = ("सह दु.नि. हवेली {n}", "दुय्यम निबंधक {t}", "सह दुय्यम निबंधक {t} {n}")
_FLATS = ("सदनिका क्र. {u}, {f} मजला, {b}", "प्लॉट नं. {u}, {b}", "दुकान क्र. {u}, {b}")
_BUILDINGS = ("श्री गणेश अपार्टमेंट", "साई कृपा रेसिडेन्सी", "ओम शांती निवास", "लक्ष्मी हाईट्स")


def _deal(rng: random.Random) -> dict:
    where = place(rng)
    value = rng.randint(8, 250) * 100000 + rng.choice([0, 0, 25000, 50000])
    market = value * rng.choice([80, 90, 95, 100, 105]) // 100
    executed = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 1))
    registered = executed + dt.timedelta(days=rng.choice([0, 0, 1, 3]))
    unit = _FLATS[rng.randrange(len(_FLATS))].format(
        u=rng.randint(1, 40) * (100 if rng.random() < 0.5 else 1), f=rng.choice(["पहिला", "दुसरा", "तिसरा"]),
        b=rng.choice(_BUILDINGS))
    survey = f"{rng.randint(1, 450)}/{rng.randint(1, 9)}"
    return {
        "place": where, "value": value, "market": market, "executed": executed, "registered": registered,
        "property": f"{unit}, सर्व्हे नं. {survey}, मौजे {where.village}",
        "doc_no": f"{rng.randint(100, 19999)}/{registered.year}",
        "office": rng.choice(_OFFICES).format(n=rng.randint(1, 28), t=where.taluka),
        "sellers": [holder(rng).name for _ in range(rng.choice([1, 1, 2]))],
        "buyers": [holder(rng).name for _ in range(rng.choice([1, 1, 2]))],
        "duty": market * rng.choice([5, 6, 7]) // 100, "fee": min(30000, value // 100),
    }


def _truth(d: dict) -> dict:
    return {
        "document_number": d["doc_no"], "registration_date": fmt_date(d["registered"]),
        "sub_registrar_office": d["office"], "village": d["place"].village,
        "property_description": d["property"], "consideration_amount": f"{d['value']}.00",
        "market_value": f"{d['market']}.00", "executants": d["sellers"], "claimants": d["buyers"],
        "executants_latin": [to_latin(n)[0] for n in d["sellers"]],
        "claimants_latin": [to_latin(n)[0] for n in d["buyers"]],
        "stamp_duty": f"{d['duty']}.00", "registration_fee": f"{d['fee']}.00",
    }


def igr(rng: random.Random) -> Rendered:
    fam = rng.choice(list(DEVANAGARI))
    dv = rng.random() < 0.3
    d = _deal(rng)
    c = a4_canvas()
    c.devanagari_text = True  # its born-digital PDF carries the Marathi as Unicode text
    size = 21.0
    c.text(110, 70, "सूची क्र.2", fam, 28, bold=True)
    c.text(880, 70, f"दुय्यम निबंधक : {d['office']}", fam, 22)
    c.text(880, 115, digits(f"दस्त क्रमांक : {d['doc_no']}", dv), fam, 22)
    c.text(880, 160, f"नोंदणी : Regn:63m", fam, 20)
    c.text(110, 220, f"गावाचे नाव : {d['place'].village}", fam, 24, bold=True)
    party = lambda names: "  ".join(  # noqa: E731 - one clause's parties, numbered as printed
        f"{i}): नाव:-{n} वय:-{rng.randint(25, 75)} पत्ता:-मु.पो. {d['place'].village}, ता. {d['place'].taluka}"
        for i, n in enumerate(names, 1))
    clauses = [
        ("(1)विलेखाचा प्रकार", rng.choice(["खरेदीखत", "विक्री करार"])),
        ("(2)मोबदला", str(d["value"])),
        ("(3) बाजारभाव", str(d["market"])),
        ("(4) भू-मापन,पोटहिस्सा व घरक्रमांक(असल्यास)", f"1) इतर माहिती: {d['property']}"),
        ("(5) क्षेत्रफळ", f"{rng.randint(40, 150)}.{rng.randint(0, 99):02d} चौ.मीटर"),
        ("(6)आकारणी किंवा जुडी देण्यात असेल तेव्हा", ""),
        ("(7) दस्तऐवज करुन देणा-या/लिहून ठेवणा-या पक्षकाराचे नाव", party(d["sellers"])),
        ("(8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव", party(d["buyers"])),
        ("(9) दस्तऐवज करुन दिल्याचा दिनांक", fmt_date(d["executed"])),
        ("(10)दस्त नोंदणी केल्याचा दिनांक", fmt_date(d["registered"])),
        ("(11)अनुक्रमांक,खंड व पृष्ठ", d["doc_no"]),
        ("(12)बाजारभावाप्रमाणे मुद्रांक शुल्क", str(d["duty"])),
        ("(13)बाजारभावाप्रमाणे नोंदणी शुल्क", str(d["fee"])),
        ("(14)शेरा", ""),
    ]
    y = 300.0
    for label, value in clauses:
        c.text(110, y, label, fam, size)
        lines = wrap_words(c, digits(value, dv), 1554 - 800, fam, size) if value else [""]
        for k, ln in enumerate(lines):
            c.text(800, y, (": " if k == 0 else "  ") + ln, fam, size)
            y += size * 1.7
        y += size * 0.6
    return Rendered(c.img, _truth(d), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"igr": igr}
# the computerised design is also issued as a PDF with its Marathi in the text layer
A4_LAYOUTS: frozenset[str] = frozenset({"igr"})
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
