"""7/12 extracts (village forms VII and XII), drawn in Marathi with Noto Devanagari.

Layouts (A4 scans):

* ``computerised``: the state's digitised extract: "गाव नमुना सात / अधिकार अभिलेख पत्रक" under
  the rules' citation, village, taluka and district on one line, the survey number with its
  sub-division and the tenure, the area block (unit, cultivable area, total, pot-kharab,
  assessment) left of the holders' column (name, share, mutation entry in brackets), the
  account number, other rights, the last mutation, then form XII's crop table. Digits ASCII or
  Devanagari.
* ``typed``: an older typed extract: every header on its own line ("जिल्हा : ..."), Devanagari
  digits, the holders in a ruled table (name | area | mutation), the unit "हे.आर".
* ``district``: a district's variant: "मौजे ..., ता. ..., जि. ..." in one bordered strip, the
  gat number ("गट क्रमांक"), and the holders listed with "क्षेत्र" before each share.
* ``mahabhumi``: the extract Mahabhumi issues since 2020: labels with ":-", the village's LGD
  code in brackets after its name, the tenure and the field's local name, the holders' ruled
  table (name | area | assessment | pot-kharab | mutation entry), old and last mutations.

Truth: values as printed with ASCII digits; ``holders`` rows ``{name, name_latin, area}``
(``name_latin`` is what :func:`kagaz.matching.translit.to_latin` makes of the name: the engine's
own transliteration, kept here so that the evaluation scores the Devanagari reading).
"""

from __future__ import annotations

import random

from kagaz.matching.translit import to_latin
from kagaz.synth import graphics
from kagaz.synth.billing import inr
from kagaz.synth.fonts import DEVANAGARI
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.marathi import BANKS, digits, holder, place
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS", "record"]

_RULES = ("[महाराष्ट्र जमीन महसूल अधिकार अभिलेख आणि नोंदवह्या (तयार करणे व सुस्थितीत ठेवणे) "
          "नियम, 1971 यातील नियम 3, 5, 6 आणि 7]")


def _area(rng: random.Random, sqm: bool) -> tuple[int, str]:
    """(area in square metres, as printed: hectare.are[.sq-m])."""
    m2 = rng.randint(8, 400) * 100 + (rng.randint(0, 99) if sqm else 0)
    h, rest = divmod(m2, 10000)
    are, sq = divmod(rest, 100)
    return m2, f"{h}.{are:02d}.{sq:02d}" if sqm else f"{h}.{are:02d}"


def _fmt(m2: int, sqm: bool) -> str:
    h, rest = divmod(m2, 10000)
    are, sq = divmod(rest, 100)
    return f"{h}.{are:02d}.{sq:02d}" if sqm else f"{h}.{are:02d}"


def record(rng: random.Random, *, sqm: bool, gat: bool = False) -> dict:
    """One survey number's record: place, holders and their shares, rights and mutations."""
    where = place(rng)
    survey = f"{rng.randint(1, 950)}" if gat else f"{rng.randint(1, 450)}/{rng.randint(1, 9)}"
    family = holder(rng).name.split()[-1]
    n = rng.choice([1, 1, 2, 2, 3])
    people = [holder(rng, family if rng.random() < 0.7 else None).name for _ in range(n)]
    shares = [_area(rng, sqm)[0] for _ in people]
    entries = sorted(rng.sample(range(100, 9999), n + 2))
    holders = [{"name": p, "name_latin": to_latin(p)[0], "area": _fmt(a, sqm)}
               for p, a in zip(people, shares)]
    rights = []
    if rng.random() < 0.6:
        amount = rng.choice([2, 3, 5, 8, 10, 15, 25]) * 100000
        bank = rng.choice(BANKS)
        rights.append(f"{bank} शाखा {where.village} यांचा रु. {inr(amount).split('.')[0]}/- चा बोजा ({entries[-1]})")
    return {"place": where, "survey": survey, "holders": holders, "total": _fmt(sum(shares), sqm),
            "unit": "हे.आर.चौ.मी" if sqm else "हे.आर", "rights": rights,
            "entries": entries[: n] + ([entries[-1]] if rights else []),
            "account": str(rng.randint(1, 2500)), "last_date": f"{rng.randint(1, 28):02d}/"
            f"{rng.randint(1, 12):02d}/{rng.randint(2012, 2024)}"}


def _truth(rec: dict) -> dict:
    p = rec["place"]
    return {"district": p.district, "taluka": p.taluka, "village": p.village,
            "survey_number": rec["survey"], "holders": rec["holders"], "total_area": rec["total"],
            "area_unit": rec["unit"], "other_rights": rec["rights"],
            "mutation_numbers": [str(e) for e in rec["entries"]]}


def _crops(c: Canvas, rng: random.Random, fam: str, y: float, d: bool) -> None:
    c.text(c.w / 2, y, "गाव नमुना बारा", fam, 30, bold=True, align="m")
    c.text(c.w / 2, y + 44, "पिकांची नोंदवही", fam, 24, align="m")
    y += 100
    heads = ["वर्ष", "हंगाम", "पिकाचे नाव", "जलसिंचित", "अजलसिंचित", "जलसिंचनाचे साधन"]
    xs = [110, 300, 480, 780, 1010, 1240]
    for x, h in zip(xs, heads):
        c.text(x, y, h, fam, 20)
    c.line([(100, y + 36), (1554, y + 36)], fill=(80, 80, 80), width=1.5)
    for k in range(rng.randint(1, 3)):
        yy = y + 50 + k * 40
        year = 2019 + k
        row = [f"{year}-{year - 1999}", rng.choice(["खरीप", "रब्बी"]), rng.choice(["ऊस", "ज्वारी",
               "गहू", "सोयाबीन", "कांदा"]), digits(f"0.{rng.randint(10, 90)}", d), "", "विहीर"]
        for x, v in zip(xs, row):
            c.text(x, yy, digits(v, d), fam, 20)


def computerised(rng: random.Random) -> Rendered:
    """The digitised extract: area block left of the holders' column."""
    fam = rng.choice(list(DEVANAGARI))
    d = rng.random() < 0.4
    rec = record(rng, sqm=True)
    p = rec["place"]
    c = a4_canvas()
    c.devanagari_text = True  # its born-digital PDF carries the Marathi as Unicode text
    c.text(c.w / 2, 70, "महाराष्ट्र शासन", fam, 24, align="m")
    c.text(c.w / 2, 115, "गाव नमुना सात", fam, 34, bold=True, align="m")
    c.text(c.w / 2, 170, "अधिकार अभिलेख पत्रक", fam, 26, align="m")
    c.text(c.w / 2, 215, digits(_RULES, d), fam, 15, align="m")
    c.text(110, 290, f"गाव : {p.village}", fam, 24)
    c.text(620, 290, f"तालुका : {p.taluka}", fam, 24)
    c.text(1120, 290, f"जिल्हा : {p.district}", fam, 24)
    c.text(110, 350, f"भूमापन क्रमांक व उपविभाग : {digits(rec['survey'], d)}", fam, 24)
    c.text(880, 350, f"भू-धारणा पद्धती : भोगवटादार वर्ग -{digits('1', d)}", fam, 22)
    ink = (70, 70, 70)
    c.rect((100, 400, 1554, 1300), outline=ink, width=2)
    c.line([(620, 400), (620, 1300)], fill=ink, width=2)
    c.text(120, 420, "क्षेत्र, एकक व आकारणी", fam, 22, bold=True)
    c.text(640, 420, "भोगवटादाराचे नाव", fam, 22, bold=True)
    c.text(1330, 420, "खाते क्रमांक", fam, 22, bold=True)
    y = 490
    for label, value in [("क्षेत्र एकक", rec["unit"]), ("जिरायत", rec["total"]),
                         ("बागायत", "0.00.00"), ("एकूण क्षेत्र", rec["total"]),
                         ("पोटखराब", f"0.{rng.randint(0, 9):02d}.00"),
                         ("आकारणी", f"{rng.randint(0, 9)}.{rng.randint(0, 99):02d}")]:
        c.text(120, y, f"{label} : {digits(value, d)}", fam, 21)
        y += 52
    y = 490
    for h, e in zip(rec["holders"], rec["entries"]):
        c.text(640, y, h["name"], fam, 22)
        c.text(1040, y, digits(h["area"], d), fam, 22)
        c.text(1200, y, digits(f"({e})", d), fam, 22)
        y += 56
    c.text(1360, 490, digits(rec["account"], d), fam, 22)
    y = max(y, 800) + 20
    c.line([(620, y), (1554, y)], fill=ink, width=1.5)
    c.text(640, y + 16, "इतर अधिकार", fam, 22, bold=True)
    y += 70
    for right in rec["rights"] or ["कुळाचे नाव : --"]:
        c.text(640, y, digits(right, d), fam, 19)
        y += 46
    c.text(110, 1330, digits(f"शेवटचा फेरफार क्रमांक : {rec['entries'][-1]} व दिनांक : "
                             f"{rec['last_date']}", d), fam, 21)
    c.text(110, 1380, "प्रलंबित फेरफार : नाही", fam, 21)
    _crops(c, rng, fam, 1480, d)
    return Rendered(c.img, _truth(rec), page="a4", dpi=200, canvas=c)


def typed(rng: random.Random) -> Rendered:
    """An older typed extract: one header per line, Devanagari digits, ruled holders table."""
    fam = "deva_serif" if rng.random() < 0.7 else "deva_sans"
    rec = record(rng, sqm=False)
    p = rec["place"]
    c = a4_canvas(graphics.tint((250, 248, 240), rng, 5))
    c.text(c.w / 2, 90, "गाव नमुना सात (अधिकार पत्रक)", fam, 32, bold=True, align="m")
    c.text(c.w / 2, 145, "७/१२ उतारा", fam, 26, align="m")
    y = 230
    for label, value in [("जिल्हा", p.district), ("तालुका", p.taluka), ("गाव", p.village),
                         ("सर्व्हे नंबर / हिस्सा नंबर", rec["survey"]),
                         ("खाते क्रमांक", rec["account"])]:
        c.text(140, y, f"{label} : {digits(value, True)}", fam, 25)
        y += 58
    c.text(140, y + 10, f"क्षेत्राचे एकक : {rec['unit']}", fam, 24)
    y += 90
    ink = (40, 40, 40)
    xs = [120, 760, 1120, 1534]
    c.rect((xs[0], y, xs[-1], y + 60), outline=ink, width=2)
    for x, h in zip(xs, ["भोगवटादाराचे नाव", "क्षेत्र", "फेरफार क्रमांक"]):
        c.text(x + 20, y + 14, h, fam, 23, bold=True)
    y += 60
    for h, e in zip(rec["holders"], rec["entries"]):
        c.rect((xs[0], y, xs[-1], y + 62), outline=ink, width=1.5)
        c.text(xs[0] + 20, y + 14, h["name"], fam, 24)
        c.text(xs[1] + 20, y + 14, digits(h["area"], True), fam, 24)
        c.text(xs[2] + 20, y + 14, digits(str(e), True), fam, 24)
        y += 62
    for x in xs[1:-1]:
        c.line([(x, y - 62 * (len(rec["holders"]) + 1)), (x, y)], fill=ink, width=1.5)
    y += 30
    c.text(140, y, f"एकूण क्षेत्र : {digits(rec['total'], True)}", fam, 25)
    y += 80
    c.text(140, y, "इतर अधिकार :", fam, 25, bold=True)
    y += 56
    for right in rec["rights"] or ["नाही"]:
        c.text(170, y, digits(right, True), fam, 22)
        y += 50
    y += 40
    c.text(140, y, digits(f"फेरफार क्रमांक : {', '.join(str(e) for e in rec['entries'])}", True), fam, 24)
    _crops(c, rng, fam, y + 120, True)
    return Rendered(c.img, _truth(rec), page="a4", dpi=200, canvas=c)


def district(rng: random.Random) -> Rendered:
    """A district's variant: one place strip, the gat number, shares after "क्षेत्र"."""
    fam = rng.choice(list(DEVANAGARI))
    d = rng.random() < 0.5
    rec = record(rng, sqm=rng.random() < 0.5, gat=True)
    p = rec["place"]
    c = a4_canvas()
    c.text(c.w / 2, 80, "गाव नमुना ७ व १२", fam, 32, bold=True, align="m")
    c.text(c.w / 2, 135, "अधिकार अभिलेख व पिकांची नोंदवही", fam, 24, align="m")
    band = graphics.tint((235, 240, 250), rng, 6)
    c.rect((100, 200, 1554, 270), fill=band, outline=(60, 60, 90), width=2)
    c.text(130, 218, f"मौजे : {p.village}, ता. {p.taluka}, जि. {p.district}", fam, 25)
    c.text(130, 320, f"गट क्रमांक : {digits(rec['survey'], d)}", fam, 25)
    c.text(820, 320, f"खाते क्रमांक : {digits(rec['account'], d)}", fam, 25)
    c.text(130, 400, "भोगवटादाराचे नाव", fam, 24, bold=True)
    y = 460
    for h, e in zip(rec["holders"], rec["entries"]):
        c.text(160, y, f"{h['name']}   क्षेत्र {digits(h['area'], d)}   {digits(f'({e})', d)}", fam, 23)
        y += 54
    y += 30
    c.text(130, y, f"एकूण क्षेत्र : {digits(rec['total'], d)} {rec['unit']}", fam, 24)
    y += 80
    c.text(130, y, "इतर अधिकार", fam, 24, bold=True)
    y += 56
    for right in rec["rights"] or ["--"]:
        c.text(160, y, digits(right, d), fam, 21)
        y += 48
    c.text(130, y + 40, digits(f"शेवटचा फेरफार क्रमांक : {rec['entries'][-1]}", d), fam, 22)
    _crops(c, rng, fam, y + 160, d)
    return Rendered(c.img, _truth(rec), page="a4", dpi=200, canvas=c)


def mahabhumi(rng: random.Random) -> Rendered:
    """Mahabhumi's extract: ":-" labels, the LGD code, the holders' table with assessment and
    pot-kharab between the share and the mutation entry."""
    fam = rng.choice(list(DEVANAGARI))
    d = rng.random() < 0.5
    rec = record(rng, sqm=True, gat=rng.random() < 0.3)
    p = rec["place"]
    c = a4_canvas()
    c.devanagari_text = True  # its born-digital PDF carries the Marathi as Unicode text
    c.text(c.w / 2, 60, "गाव नमुना सात", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 105, "अधिकार अभिलेख पत्रक", fam, 24, align="m")
    c.text(c.w / 2, 145, digits(_RULES, d), fam, 14, align="m")
    c.text(100, 210, f"गाव :- {p.village} ({digits(str(rng.randint(520000, 580000)), d)})", fam, 22)
    c.text(700, 210, f"तालुका :- {p.taluka}", fam, 22)
    c.text(1180, 210, f"जिल्हा :- {p.district}", fam, 22)
    label = "गट क्रमांक" if "/" not in rec["survey"] else "भूमापन क्रमांक व उपविभाग"
    c.text(100, 262, f"{label} :- {digits(rec['survey'], d)}", fam, 22)
    c.text(900, 262, f"भू-धारणा पद्धती :- भोगवटादार वर्ग -{digits('1', d)}", fam, 21)
    c.text(100, 312, f"शेताचे स्थानिक नाव :- {rng.choice(['माळरान', 'ओढ्याकडील', 'विहिरीचे', ''])}", fam, 21)
    c.text(100, 362, f"क्षेत्राचे एकक :- {rec['unit']}", fam, 21)
    c.text(900, 362, f"खाते क्रमांक :- {digits(rec['account'], d)}", fam, 21)
    ink = (60, 60, 60)
    xs = [100, 640, 880, 1060, 1260, 1554]
    y = 420
    c.text(110, y - 4, "भोगवटादाराचे नाव", fam, 21, bold=True)
    y += 36
    c.rect((xs[0], y, xs[-1], y + 50), outline=ink, width=2)
    for x, h in zip(xs, ["नाव", "क्षेत्र", "आकार", "पो.ख.", "फेरफार क्र."]):
        c.text(x + 12, y + 12, h, fam, 20, bold=True)
    y += 50
    for h, e in zip(rec["holders"], rec["entries"]):
        c.rect((xs[0], y, xs[-1], y + 52), outline=ink, width=1)
        cells = [h["name"], h["area"], f"{rng.randint(0, 9)}.{rng.randint(0, 99):02d}", "0.00.00", f"({e})"]
        for x, v in zip(xs, cells):
            c.text(x + 12, y + 12, digits(v, d), fam, 21)
        y += 52
    c.text(110, y + 20, f"एकूण क्षेत्र :- {digits(rec['total'], d)}", fam, 21)
    y += 90
    c.text(110, y, "इतर अधिकार :-", fam, 21, bold=True)
    y += 46
    for right in rec["rights"] or ["--"]:
        c.text(140, y, digits(right, d), fam, 19)
        y += 44
    y += 30
    c.text(110, y, digits(f"जुने फेरफार क्र. :- {', '.join(str(e) for e in rec['entries'][:-1]) or '--'}", d), fam, 20)
    c.text(110, y + 44, digits(f"शेवटचा फेरफार क्रमांक :- {rec['entries'][-1]} व दिनांक :- {rec['last_date']}", d), fam, 20)
    _crops(c, rng, fam, y + 150, d)
    return Rendered(c.img, _truth(rec), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"computerised": computerised, "typed": typed, "district": district,
                                "mahabhumi": mahabhumi}
# the computerised designs are also issued as PDFs with their Marathi in the text layer
A4_LAYOUTS: frozenset[str] = frozenset({"computerised", "mahabhumi"})
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
