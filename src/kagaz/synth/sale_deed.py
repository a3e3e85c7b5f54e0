"""First pages of Indian sale deeds, with the Sub-Registrar's registration endorsement.

Layouts (A4, exportable as born-digital PDFs):

* ``classic``: "SALE DEED" title, "This Deed of Sale is made and executed on ...", "BY:" the
  vendor (S/o, aged, residing at ...) "hereinafter called the VENDOR", "IN FAVOUR OF:" the
  purchaser, the consideration in figures and words, and the "SCHEDULE OF PROPERTY"; the
  registration endorsement is a stamped box at the top right.
* ``marathi_roles``, ``marathi_inline``, ``marathi_typed``: Marathi sale deeds (खरेदीखत), see
  :mod:`kagaz.synth.marathi_deed`; names as printed in Devanagari.
* ``between``: "DEED OF SALE", "BETWEEN ... (SELLER) AND ... (PURCHASER/VENDEE)", an e-stamp
  strip at the top with the stamp duty (an amount that is not the consideration) and the
  endorsement at the foot ("Document No.", "Book I", "Date of Registration").

Truth: names without honorifics (with ``seller_name_latin`` / ``buyer_name_latin``), ``consideration_amount`` as ``"4500000.00"``,
``registration_date`` as ``DD/MM/YYYY``, ``document_number`` as printed ("1234/2023").
"""

from __future__ import annotations

import datetime as dt
import random
from functools import partial

from kagaz.matching.translit import to_latin
from kagaz.synth import graphics, marathi_deed
from kagaz.synth.billing import amount_words, inr, rupee
from kagaz.synth.certificates import paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

# Deeds are set with a little more leading than the other A4 documents.
_para = partial(paragraph, gap=1.55)

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_OFFICES = ["Haveli No. 3, Pune", "Andheri No. 2, Mumbai Suburban", "Basavanagudi, Bengaluru Urban",
            "Kukatpally, Medchal", "Saidapet, Chennai", "Sadar, Lucknow", "Vadodara-2", "Jaipur-IV",
            "Salt Lake, Kolkata", "Ernakulam", "Bhopal-1", "Gurugram (Wazirabad)", "Ludhiana East"]
_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _party(rng: random.Random) -> tuple[str, str, str]:
    """(name as printed in truth, honorific, description after the name)."""
    p = person(rng)
    name = p.name.upper() if rng.random() < 0.5 else p.name
    title = ("Mr." if p.gender == "MALE" else "Mrs.") if rng.random() < 0.5 else \
        ("Shri" if p.gender == "MALE" else "Smt.")
    rel = "S/o" if p.gender == "MALE" else rng.choice(["W/o", "D/o"])
    age = dt.date(2024, 1, 1).year - p.dob.year
    a = address(rng)
    desc = (f"{rel} {p.father}, aged about {age} years, Occupation: "
            f"{rng.choice(['Business', 'Service', 'Retired', 'Agriculture', 'Housewife'])}, "
            f"residing at {', '.join(a.parts)}, {a.state} - {a.pin}")
    return name, title, desc


def _property(rng: random.Random) -> str:
    a = address(rng)
    floor = rng.choice(["2nd", "3rd", "5th", "7th"])
    unit = rng.choice([f"Flat No. {rng.randint(1, 20)}{rng.randint(1, 12):02d}, {floor} Floor",
                       f"Plot No. {rng.randint(1, 400)}", f"House No. {rng.randint(1, 999)}",
                       f"Shop No. {rng.randint(1, 60)}, Ground Floor"])
    survey = rng.choice([f"Survey No. {rng.randint(1, 300)}/{rng.randint(1, 9)}",
                         f"CTS No. {rng.randint(100, 9999)}", f"Khasra No. {rng.randint(10, 999)}"])
    parts = [unit]
    if rng.random() < 0.6:
        parts.append(rng.choice(["Lotus Heights", "Shree Ganesh Society", "Green Park Residency",
                                 "Sai Krupa Enclave", "Om Shanti Niwas"]))
    parts += [survey, *a.parts[-2:], f"{a.state} - {a.pin}"]
    return ", ".join(parts)


def _deal(rng: random.Random) -> dict:
    lakhs = rng.choice([rng.randint(8, 99), rng.randint(100, 450)])
    amount = lakhs * 100000 + rng.choice([0, 0, 0, 50000, 25000])
    executed = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 20))
    registered = executed + dt.timedelta(days=rng.choice([0, 0, 1, 2, 5]))
    doc_no = f"{rng.randint(100, 19999)}/{registered.year}"
    return {"amount": amount, "executed": executed, "registered": registered, "doc_no": doc_no,
            "office": rng.choice(_OFFICES)}


def _money(rng: random.Random, fam: str, amount: int) -> str:
    words = amount_words(amount)
    words = words.replace("Lakh", "Lakhs") if rng.random() < 0.5 and "Lakh" in words else words
    sym = rng.choice(["Rs.", "Rs.", rupee(fam)])
    return f"{sym} {inr(amount).split('.')[0]}/- (Rupees {words} Only)"


def _endorsement(c: Canvas, rng: random.Random, fam: str, deal: dict, x: float, y: float,
                 w: float) -> float:
    ink = graphics.tint((40, 40, 140), rng, 25)
    reg = fmt_date(deal["registered"], rng.choice(["/", "-", "."]))
    lines = [f"Sub-Registrar, {deal['office']}",
             f"{rng.choice(['Document No.', 'Doc. No.', 'Document No'])} {deal['doc_no']}",
             f"Book No. I   Pages {rng.randint(1, 9)} to {rng.randint(10, 40)}",
             rng.choice([f"Registered on {reg}", f"Date of Registration: {reg}", f"Registration Date: {reg}"]),
             f"Registration Fee: Rs. {inr(min(30000, deal['amount'] // 100)).split('.')[0]}/-"]
    h = 22 * 1.6 * len(lines) + 30
    c.rect((x, y, x + w, y + h), outline=ink, width=3, radius=8)
    yy = y + 16
    for ln in lines:
        c.text(x + 16, yy, ln, fam, 21, fill=ink)
        yy += 22 * 1.6
    return y + h


def _truth(seller: str, buyer: str, prop: str, deal: dict) -> dict:
    return {"seller_name": seller, "seller_name_latin": to_latin(seller)[0], "buyer_name": buyer,
            "buyer_name_latin": to_latin(buyer)[0], "property_address": prop,
            "consideration_amount": f"{deal['amount']}.00",
            "registration_date": fmt_date(deal["registered"]), "document_number": deal["doc_no"]}


def classic(rng: random.Random) -> Rendered:
    """"SALE DEED", BY ... IN FAVOUR OF ..., endorsement box at the top right."""
    fam = rng.choice(SERIF + SANS[:2])
    s = rng.uniform(22, 24)
    seller, st, sdesc = _party(rng)
    buyer, bt, bdesc = _party(rng)
    prop, deal = _property(rng), _deal(rng)
    c = a4_canvas()
    _endorsement(c, rng, fam, deal, 1040, 60, 520)
    c.text(c.w / 2, 330, "SALE DEED", fam, 40, bold=True, align="m")
    L, W = 130.0, 1394.0
    d = deal["executed"]
    day = f"{d.day}{_ORD.get(d.day, 'th')}"
    y = 420.0
    y = _para(c, f"THIS DEED OF SALE is made and executed on this {day} day of {d:%B}, {d.year} at "
              f"{deal['office'].split(',')[-1].strip()}.", L, y, W, fam, s) + s * 0.6
    c.text(L, y, "BY:", fam, s, bold=True)
    y += s * 1.6
    y = _para(c, f"{st} {seller}, {sdesc}, hereinafter called the \"VENDOR\" (which expression shall "
              "mean and include his/her heirs, executors and assigns) of the ONE PART;", L, y, W, fam, s) + s * 0.6
    c.text(L, y, "IN FAVOUR OF:", fam, s, bold=True)
    y += s * 1.6
    y = _para(c, f"{bt} {buyer}, {bdesc}, hereinafter called the \"PURCHASER\" of the OTHER PART.",
              L, y, W, fam, s) + s * 0.6
    y = _para(c, "WHEREAS the Vendor is the absolute owner in possession of the property more fully "
              "described in the Schedule hereunder, free from all encumbrances, and has agreed to sell "
              f"the same to the Purchaser for a total sale consideration of {_money(rng, fam, deal['amount'])}.",
              L, y, W, fam, s) + s * 0.6
    y = _para(c, "NOW THIS DEED WITNESSETH that the Vendor has received the entire consideration from the "
              "Purchaser and hereby conveys the Schedule Property to the Purchaser absolutely and forever.",
              L, y, W, fam, s) + s
    c.text(c.w / 2, y, "SCHEDULE OF PROPERTY", fam, s + 2, bold=True, align="m")
    y += s * 2
    y = _para(c, f"All that piece and parcel of the property bearing {prop}, admeasuring "
              f"{rng.randint(450, 2400)} sq. ft., together with all rights, easements and appurtenances.",
              L, y, W, fam, s)
    return Rendered(c.img, _truth(seller, buyer, prop, deal), page="a4", dpi=200, canvas=c)


def between(rng: random.Random) -> Rendered:
    """"DEED OF SALE" BETWEEN ... AND ..., e-stamp strip on top, endorsement at the foot."""
    fam = rng.choice(SERIF + SANS)
    s = rng.uniform(21, 23)
    seller, st, sdesc = _party(rng)
    buyer, bt, bdesc = _party(rng)
    prop, deal = _property(rng), _deal(rng)
    c = a4_canvas()
    band = graphics.tint((235, 225, 240), rng, 8)
    c.rect((80, 40, c.w - 80, 250), fill=band, outline=(120, 90, 140), width=2)
    c.text(c.w / 2, 55, "INDIA NON JUDICIAL  e-Stamp", fam, 26, bold=True, align="m")
    duty = deal["amount"] * rng.choice([5, 6, 7]) // 100
    for k, (lab, val) in enumerate([
            ("Certificate No.", f"IN-{rng.choice(['MH', 'KA', 'DL', 'UP'])}{rng.randint(10**13, 10**14 - 1)}X"),
            ("Certificate Issued Date", fmt_date(deal["executed"] - dt.timedelta(days=rng.randint(1, 20)))),
            ("Description of Document", "Article 25 Conveyance"),
            ("Stamp Duty Amount(Rs.)", inr(duty).split(".")[0])]):
        c.text(110, 100 + k * 36, lab, fam, 19)
        c.text(560, 100 + k * 36, f": {val}", fam, 19)
    L, W = 120.0, 1414.0
    y = 310.0
    c.text(c.w / 2, y, rng.choice(["DEED OF SALE", "SALE DEED"]), fam, 38, bold=True, align="m")
    y += 80
    d = deal["executed"]
    y = _para(c, f"This Deed of Sale is made and executed on {fmt_date(d, rng.choice(['/', '-', '.']))} "
              f"at {deal['office'].split(',')[-1].strip()}", L, y, W, fam, s) + s * 0.5
    c.text(c.w / 2, y, "BETWEEN", fam, s, bold=True, align="m")
    y += s * 1.8
    seller_word = rng.choice(["SELLER", "VENDOR"])
    y = _para(c, f"{st} {seller}, {sdesc}, hereinafter referred to as the \"{seller_word}\" of the FIRST PART",
              L, y, W, fam, s) + s * 0.5
    c.text(c.w / 2, y, "AND", fam, s, bold=True, align="m")
    y += s * 1.8
    y = _para(c, f"{bt} {buyer}, {bdesc}, hereinafter referred to as the "
              f"\"{rng.choice(['PURCHASER', 'VENDEE', 'BUYER'])}\" of the SECOND PART.", L, y, W, fam, s) + s * 0.5
    y = _para(c, f"The {seller_word.title()} has agreed to sell and the Purchaser has agreed to purchase the "
              f"property described below for a consideration of {_money(rng, fam, deal['amount'])}, the receipt "
              "of which the Seller hereby acknowledges.", L, y, W, fam, s) + s * 0.5
    c.text(L, y, "Schedule of Property:", fam, s, bold=True)
    y += s * 1.7
    y = _para(c, f"Property bearing {prop}, with all fittings and fixtures.", L, y, W, fam, s) + s * 1.5
    _endorsement(c, rng, fam, deal, L, max(y, 1700), 620)
    return Rendered(c.img, _truth(seller, buyer, prop, deal), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {
    "classic": classic, "between": between,
    # Marathi deeds (खरेदीखत), drawn by kagaz.synth.marathi_deed: A4 scans only (a Devanagari
    # text layer is not what PDFium hands back)
    "marathi_roles": partial(marathi_deed.draw, kind="sale", style="roles"),
    "marathi_inline": partial(marathi_deed.draw, kind="sale", style="inline"),
    "marathi_typed": partial(marathi_deed.draw, kind="sale", style="typed"),
}
A4_LAYOUTS = frozenset({"classic", "between"})
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
