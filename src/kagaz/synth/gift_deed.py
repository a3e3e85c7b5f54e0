"""Gift deeds of immovable property in Maharashtra, in English and in Marathi.

Layouts (A4): ``english`` ("GIFT DEED" / "DEED OF GIFT", the donor BY, the donee IN FAVOUR OF or
BETWEEN … AND …, the donee's relation to the donor, love and affection without consideration, the
acceptance, the duty under Article 34 of the Maharashtra Stamp Act, the schedule, witnesses, the
sub-registrar's endorsement); ``estamp`` (the same deed under an e-stamp strip that prints the
duty, the endorsement at the foot); ``marathi_roles``, ``marathi_inline`` and ``marathi_typed``
(:mod:`kagaz.synth.marathi_deed`). The English deeds recite the sale deed the donor bought under
(another document number), as real ones do.

Truth: names as printed without honorifics, with ``<field>_latin``; ``relationship`` a code
(``SON``…); ``consideration`` ``LOVE_AND_AFFECTION``; dates DD/MM/YYYY; amounts "200.00".
"""

from __future__ import annotations

import datetime as dt
import random
from functools import partial

from kagaz.matching.translit import to_latin
from kagaz.synth import graphics
from kagaz.synth.billing import inr
from kagaz.synth.certificates import paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.marathi_deed import draw
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_para = partial(paragraph, gap=1.55)
_PLACES = [("Wagholi", "Haveli", "Pune", "412207", "Haveli No. 3"), ("Kothrud", "Haveli", "Pune", "411038", "Haveli No. 11"),
           ("Hinjawadi", "Mulshi", "Pune", "411057", "Mulshi"), ("Karad", "Karad", "Satara", "415110", "Karad"),
           ("Ozar", "Niphad", "Nashik", "422206", "Niphad"), ("Titwala", "Kalyan", "Thane", "421605", "Kalyan No. 2")]
_KIN = [("son", "SON", "MALE"), ("daughter", "DAUGHTER", "FEMALE"), ("wife", "WIFE", "FEMALE"),
        ("grandson", "GRANDSON", "MALE"), ("granddaughter", "GRANDDAUGHTER", "FEMALE"), ("husband", "HUSBAND", "MALE")]
_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _facts(rng: random.Random) -> dict:
    village, taluka, district, pin, office = rng.choice(_PLACES)
    kin = rng.choice(_KIN)
    donor = person(rng, "FEMALE" if kin[1] == "HUSBAND" else rng.choice(["MALE", "FEMALE"]))
    donee = person(rng, kin[2])
    executed = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 1))
    survey = f"{rng.randint(1, 450)}/{rng.randint(1, 9)}"
    unit = rng.choice([f"Flat No. {rng.randint(1, 12)}0{rng.randint(1, 8)}, {rng.choice(['2nd', '3rd', '5th'])} Floor, "
                       f"{rng.choice(['Shree Ganesh Society', 'Lotus Heights', 'Sai Krupa Residency'])}",
                       f"Plot No. {rng.randint(1, 300)}", f"Row House No. {rng.randint(1, 40)}"])
    market = rng.randint(10, 250) * 100000
    return {"donor": donor, "donee": donee, "kin": kin, "executed": executed,
            "registered": executed + dt.timedelta(days=rng.choice([0, 0, 1, 4])), "survey": survey,
            "property": f"{unit}, Survey No. {survey}, Village {village}, Taluka {taluka}, District {district} - {pin}",
            "city": district, "office": f"{office}, {district}", "market": market,
            "duty": 200 if rng.random() < 0.6 else market * 3 // 100,
            "doc_no": f"{rng.randint(100, 19999)}/{executed.year}", "old_no": f"{rng.randint(100, 9999)}/{rng.randint(1995, 2011)}"}


def _who(rng: random.Random, p, town: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    name = p.name.upper() if rng.random() < 0.5 else p.name
    hon = ("Mr." if p.gender == "MALE" else "Mrs.") if rng.random() < 0.5 else ("Shri" if p.gender == "MALE" else "Smt.")
    rel = "S/o" if p.gender == "MALE" else rng.choice(["W/o", "D/o"])
    age = 2024 - p.dob.year
    return name, f"{hon} {name}, {rel} {p.father}, aged about {age} years, residing at {town}"


def _endorsement(c: Canvas, rng: random.Random, fam: str, d: dict, x: float, y: float) -> None:
    ink = graphics.tint((40, 40, 140), rng, 25)
    reg = fmt_date(d["registered"], rng.choice(["/", "-", "."]))
    lines = [f"Sub-Registrar, {d['office']}", f"{rng.choice(['Document No.', 'Doc. No.'])} {d['doc_no']}",
             f"Book No. I   Pages {rng.randint(1, 9)} to {rng.randint(10, 30)}",
             rng.choice([f"Registered on {reg}", f"Date of Registration: {reg}"])]
    c.rect((x, y, x + 560, y + 22 * 1.6 * len(lines) + 30), outline=ink, width=3, radius=8)
    for k, ln in enumerate(lines):
        c.text(x + 16, y + 16 + 22 * 1.6 * k, ln, fam, 21, fill=ink)


def _english(rng: random.Random, estamp: bool) -> Rendered:
    fam, s, d = rng.choice(SERIF + SANS[:2]), rng.uniform(21, 23), _facts(rng)
    donor, donor_text = _who(rng, d["donor"], d["city"])
    donee, donee_text = _who(rng, d["donee"], d["city"])
    c, L, W = a4_canvas(), 120.0, 1414.0
    y = 320.0
    if estamp:
        c.rect((80, 40, c.w - 80, 230), fill=graphics.tint((235, 225, 240), rng, 8), outline=(120, 90, 140), width=2)
        c.text(c.w / 2, 55, "INDIA NON JUDICIAL  Government of Maharashtra  e-Stamp", fam, 24, bold=True, align="m")
        for k, (lab, val) in enumerate([("Certificate No.", f"IN-MH{rng.randint(10**13, 10**14 - 1)}X"),
                                        ("Article", "34 Gift"), ("Stamp Duty Amount(Rs.)", inr(d["duty"]).split(".")[0])]):
            c.text(110, 100 + k * 36, f"{lab}", fam, 19)
            c.text(560, 100 + k * 36, f": {val}", fam, 19)
    else:
        _endorsement(c, rng, fam, d, 1000, 60)
    c.text(c.w / 2, y, rng.choice(["GIFT DEED", "DEED OF GIFT"]), fam, 38, bold=True, align="m")
    y += 80
    ex = d["executed"]
    when = rng.choice([f"on this {ex.day}{_ORD.get(ex.day, 'th')} day of {ex:%B}, {ex.year}",
                       f"on {fmt_date(ex, rng.choice(['/', '-', '.']))}"])
    y = _para(c, f"This Deed of Gift is made and executed at {d['city']} {when}", L, y, W, fam, s) + s * 0.5
    between = rng.random() < 0.5
    c.text(L, y, "BETWEEN" if between else "BY:", fam, s, bold=True)
    y = _para(c, f"{donor_text}, hereinafter called the \"DONOR\" (which expression shall include the heirs, executors "
              "and administrators) of the ONE PART;", L, y + s * 1.6, W, fam, s) + s * 0.5
    c.text(L, y, "AND" if between else "IN FAVOUR OF:", fam, s, bold=True)
    y = _para(c, f"{donee_text}, hereinafter called the \"DONEE\" of the OTHER PART.", L, y + s * 1.6, W, fam, s) + s * 0.5
    kin_word = d["kin"][0]
    for text in (
            f"WHEREAS the Donor is the absolute owner of the property described in the Schedule hereunder, having "
            f"purchased the same vide Sale Deed registered as Document No. {d['old_no']}.",
            rng.choice([f"AND WHEREAS the Donee is the {kin_word} of the Donor,",
                        f"AND WHEREAS the Donor desires to give the said property to the Donor's {kin_word}, the Donee,"]) +
            " and out of natural love and affection the Donor has agreed to gift the said property to the Donee "
            "without any consideration.",
            "NOW THIS DEED WITNESSETH that the Donor hereby transfers the Schedule Property by way of gift to the Donee "
            "absolutely, and the Donee hereby accepts the said gift.",
            f"The market value of the property is Rs. {inr(d['market']).split('.')[0]}/- and stamp duty of "
            f"Rs. {inr(d['duty']).split('.')[0]}/- is paid under Article 34 of the Maharashtra Stamp Act, 1958."):
        y = _para(c, text, L, y, W, fam, s) + s * 0.5
    c.text(c.w / 2, y + s * 0.5, "SCHEDULE OF PROPERTY", fam, s + 2, bold=True, align="m")
    y = _para(c, f"All that piece and parcel of the property bearing {d['property']}, admeasuring "
              f"{rng.randint(450, 2400)} sq. ft., together with all rights.", L, y + s * 2.2, W, fam, s) + s
    y = _para(c, "IN WITNESS WHEREOF the Donor and the Donee have signed this deed in the presence of the witnesses: "
              f"1. {person(rng).name}  2. {person(rng).name}", L, y, W, fam, s)
    if estamp:
        _endorsement(c, rng, fam, d, L, max(y + 60, 1850))
    truth = {"donor_name": donor, "donor_name_latin": to_latin(donor)[0], "donee_name": donee,
             "donee_name_latin": to_latin(donee)[0], "relationship": d["kin"][1], "consideration": "LOVE_AND_AFFECTION",
             "property_description": d["property"], "survey_number": d["survey"], "execution_date": fmt_date(ex),
             "registration_number": d["doc_no"], "registration_date": fmt_date(d["registered"]),
             "sub_registrar_office": d["office"], "stamp_duty": f"{d['duty']}.00", "market_value": f"{d['market']}.00"}
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {
    "english": partial(_english, estamp=False), "estamp": partial(_english, estamp=True),
    "marathi_roles": partial(draw, kind="gift", style="roles"),
    "marathi_inline": partial(draw, kind="gift", style="inline"),
    "marathi_typed": partial(draw, kind="gift", style="typed"),
}
# Born-digital PDFs: the English deeds (a Devanagari text layer is not what PDFium hands back).
A4_LAYOUTS = frozenset({"english", "estamp"})
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
