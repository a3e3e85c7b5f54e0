"""8A holding extracts (village form VIII-A, "धारण जमिनींची नोंदवही"), drawn in Marathi.

Layouts (A4 scans):

* ``register``: the computerised extract: form name and the rules' citation, village, taluka and
  district on one line, the account number, the account holders, then the ruled table of the
  account's survey numbers with area and assessment, and the total.
* ``typed``: an older typed extract in Devanagari digits: one header per line, holders one per
  line under "खातेदाराचे नाव", the survey numbers as "स.नं. ... क्षेत्र ..." lines.

Truth: ``holders`` rows ``{name, name_latin}``, ``survey_numbers`` in printed order, areas as
printed with ASCII digits.
"""

from __future__ import annotations

import random

from kagaz.matching.translit import to_latin
from kagaz.synth import graphics
from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.marathi import digits, holder, place

__all__ = ["A4_LAYOUTS", "LAYOUTS"]


def _holding(rng: random.Random, sqm: bool) -> dict:
    where = place(rng)
    family = holder(rng).name.split()[-1]
    people = [holder(rng, family).name for _ in range(rng.choice([1, 1, 2, 3]))]
    lands, total = [], 0
    for _ in range(rng.randint(1, 4)):
        m2 = rng.randint(10, 300) * 100 + (rng.randint(0, 99) if sqm else 0)
        total += m2
        survey = f"{rng.randint(1, 600)}/{rng.randint(1, 9)}" if rng.random() < 0.7 else str(rng.randint(1, 900))
        lands.append((survey, _fmt(m2, sqm), f"{rng.randint(0, 9)}.{rng.randint(0, 99):02d}"))
    return {"place": where, "people": people, "lands": lands, "total": _fmt(total, sqm),
            "account": str(rng.randint(1, 2500))}


def _fmt(m2: int, sqm: bool) -> str:
    h, rest = divmod(m2, 10000)
    are, sq = divmod(rest, 100)
    return f"{h}.{are:02d}.{sq:02d}" if sqm else f"{h}.{are:02d}"


def _truth(h: dict) -> dict:
    p = h["place"]
    return {"district": p.district, "taluka": p.taluka, "village": p.village,
            "account_number": h["account"],
            "holders": [{"name": n, "name_latin": to_latin(n)[0]} for n in h["people"]],
            "survey_numbers": [s for s, _, _ in h["lands"]], "total_area": h["total"]}


def register(rng: random.Random) -> Rendered:
    fam = rng.choice(list(DEVANAGARI))
    d = rng.random() < 0.4
    h = _holding(rng, sqm=True)
    p = h["place"]
    c = a4_canvas()
    c.devanagari_text = True  # its born-digital PDF carries the Marathi as Unicode text
    c.text(c.w / 2, 80, "गाव नमुना आठ-अ", fam, 34, bold=True, align="m")
    c.text(c.w / 2, 135, "(धारण जमिनींची नोंदवही)", fam, 26, align="m")
    c.text(c.w / 2, 180, digits("[महाराष्ट्र जमीन महसूल अधिकार अभिलेख आणि नोंदवह्या (तयार करणे व सुस्थितीत "
                                "ठेवणे) नियम, 1971 यातील नियम 3, 5, 6 आणि 7]", d), fam, 15, align="m")
    c.text(110, 260, f"गाव : {p.village}", fam, 24)
    c.text(620, 260, f"तालुका : {p.taluka}", fam, 24)
    c.text(1120, 260, f"जिल्हा : {p.district}", fam, 24)
    c.text(110, 330, f"खाते क्रमांक : {digits(h['account'], d)}", fam, 25)
    c.text(110, 400, "खातेदाराचे नाव :", fam, 25, bold=True)
    y = 460
    for n in h["people"]:
        c.text(160, y, n, fam, 24)
        y += 52
    y += 30
    ink = (70, 70, 70)
    xs = [100, 560, 900, 1200, 1554]
    c.rect((xs[0], y, xs[-1], y + 70), outline=ink, width=2)
    for x, t in zip(xs, ["भूमापन क्रमांक व उपविभाग", "क्षेत्र (हे.आर.चौ.मी)", "आकारणी (रु.पै.)", "शेरा"]):
        c.text(x + 16, y + 20, t, fam, 20, bold=True)
    y += 70
    for survey, area, tax in h["lands"]:
        c.rect((xs[0], y, xs[-1], y + 56), outline=ink, width=1.5)
        for x, t in zip(xs, [survey, area, tax]):
            c.text(x + 16, y + 14, digits(t, d), fam, 22)
        y += 56
    c.rect((xs[0], y, xs[-1], y + 56), outline=ink, width=2)
    c.text(xs[0] + 16, y + 14, "एकूण", fam, 22, bold=True)
    c.text(xs[1] + 16, y + 14, digits(h["total"], d), fam, 22, bold=True)
    return Rendered(c.img, _truth(h), page="a4", dpi=200, canvas=c)


def typed(rng: random.Random) -> Rendered:
    fam = "deva_serif" if rng.random() < 0.7 else "deva_sans"
    h = _holding(rng, sqm=False)
    p = h["place"]
    c = a4_canvas(graphics.tint((250, 248, 240), rng, 5))
    c.text(c.w / 2, 90, "गाव नमुना ८-अ", fam, 32, bold=True, align="m")
    c.text(c.w / 2, 145, "धारण जमिनींची नोंदवही", fam, 25, align="m")
    y = 230
    for label, value in [("जिल्हा", p.district), ("तालुका", p.taluka), ("गाव", p.village),
                         ("खाते क्रमांक", digits(h["account"], True))]:
        c.text(140, y, f"{label} : {value}", fam, 25)
        y += 58
    c.text(140, y + 10, "खातेदाराचे नाव :", fam, 25, bold=True)
    y += 70
    for n in h["people"]:
        c.text(180, y, n, fam, 24)
        y += 52
    y += 40
    for survey, area, tax in h["lands"]:
        c.text(140, y, digits(f"स.नं. {survey}   क्षेत्र {area} हे.आर   आकारणी {tax}", True), fam, 24)
        y += 54
    c.text(140, y + 30, digits(f"एकूण क्षेत्र : {h['total']} हे.आर", True), fam, 25, bold=True)
    return Rendered(c.img, _truth(h), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"register": register, "typed": typed}
# the computerised design is also issued as a PDF with its Marathi in the text layer
A4_LAYOUTS: frozenset[str] = frozenset({"register"})
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
