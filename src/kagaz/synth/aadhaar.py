"""Aadhaar cards and the e-Aadhaar letter.

Layouts: ``front`` (tricolour header, Hindi name above the English one, DOB or year of birth,
gender, number in groups of four), ``front_pvc`` (the PVC card: issue date printed vertically, a
16-digit VID under the number, both distractors), ``back`` (UIDAI header, multi-line address
ending "State - PIN", the number again, sometimes UIDAI's own Bengaluru P.O. box), ``both_stacked``
and ``both_side`` (both sides in one image) and ``letter`` (the A4 e-Aadhaar letter with
enrolment number, "To" block, big number and the cut-out card pair).

Truth: name / date_of_birth / gender only where the front is printed, address and postcode
only where the back is, the number always.

Every back, the letter and most fronts carry a real Secure QR (:mod:`kagaz.synth.secure_qr`)
with the holder's data, signed by the deterministic test signer (never UIDAI's key), so the
engine's QR reading can be measured: its signature verifies only where that test certificate is
added to the engine's UIDAI certificates.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.hindi import to_hindi
from kagaz.synth.identities import Address, Person, aadhaar_number, address, fmt_date, person, random_date
from kagaz.synth.layout import (
    CARD_H, CARD_W, LayoutFn, Rendered, Style, a4_canvas, security_background, style, wrap_parts,
)
from kagaz.synth.render import Canvas
from kagaz.synth.secure_qr import QrPerson, payload, photo_jp2, qr_image, test_signer

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

SAFFRON, GREEN, RED = (240, 130, 40), (30, 140, 70), (200, 30, 40)


@dataclass
class Holder:
    """Everything one Aadhaar prints, decided once so that both sides agree."""

    p: Person
    name: str
    number: str
    vid: str
    full_dob: bool
    address_parts: list[str]
    pin: str
    enrolment: str
    qr: str  # the Secure QR's number


def _secure_qr(rng: random.Random, p: Person, name: str, number: str, full_dob: bool,
               care_of: str | None, addr: Address) -> str:
    generated = dt.datetime.combine(random_date(rng, dt.date(2019, 3, 1), dt.date(2025, 12, 31)),
                                    dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)))
    rest = addr.parts[1:-1]
    qr_address = {"house": addr.parts[0], "street": rest[0] if rest else "",
                  "location": ", ".join(rest[1:]), "vtc": addr.city, "district": addr.city,
                  "state": addr.state, "pincode": addr.pin}
    if care_of:
        qr_address["care_of"] = care_of
    person_ = QrPerson(name, fmt_date(p.dob, "-") if full_dob else str(p.dob.year), p.gender[0],
                       qr_address, number[-4:], generated,
                       mobile=f"9{rng.randint(100000000, 999999999)}" if rng.random() < 0.6 else None,
                       email="resident@example.in" if rng.random() < 0.3 else None)
    photo = photo_jp2(rng, (rng.randint(40, 52), rng.randint(50, 64)), rate=rng.uniform(30, 50))
    return payload(person_, test_signer()[0], version=rng.choice(["V2", "V2", "V3", None]), photo=photo)


def _holder(rng: random.Random) -> Holder:
    p = person(rng)
    name = p.name.upper() if rng.random() < 0.15 else p.name
    addr = address(rng)
    parts: list[str] = []
    care_of = None
    if rng.random() < 0.5:
        rel = rng.choice(["S/O", "C/O"] if p.gender == "MALE" else ["D/O", "W/O", "C/O"])
        care_of = f"{rel}: {p.father}" if rng.random() < 0.7 else f"{rel} {p.father}"
        parts.append(care_of)
    parts += list(addr.parts)
    if rng.random() < 0.3:
        parts.append(f"Dist: {addr.city}" if rng.random() < 0.5 else f"District {addr.city}")
    ending = rng.random()
    if ending < 0.6:
        parts.append(f"{addr.state} - {addr.pin}")
    elif ending < 0.8:
        parts.append(f"{addr.state} {addr.pin}")
    else:
        parts += [addr.state, addr.pin]
    vid = "9" + "".join(str(rng.randint(0, 9)) for _ in range(15))
    enrolment = f"{rng.randint(1000, 9999)}/{rng.randint(10000, 99999)}/{rng.randint(10000, 99999)}"
    number, full_dob = aadhaar_number(rng), rng.random() < 0.85
    qr = _secure_qr(rng, p, name, number, full_dob, care_of, addr)
    return Holder(p, name, number, vid, full_dob, parts, addr.pin, enrolment, qr)


def _groups(number: str) -> str:
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def _front_fields(h: Holder) -> dict[str, str]:
    out = {"name": h.name, "gender": h.p.gender, "aadhaar_number": h.number}
    if h.full_dob:
        out["date_of_birth"] = fmt_date(h.p.dob)
    return out


def _back_fields(h: Holder) -> dict[str, str]:
    return {"aadhaar_number": h.number, "address": ", ".join(h.address_parts), "postcode": h.pin}


def _header_front(c: Canvas, rng: random.Random, st: Style) -> None:
    kind = rng.choice(["bands", "bar", "plain"])
    c.paste(graphics.emblem(rng, c.px(80), (40, 40, 40) if kind != "bar" else (120, 60, 20)),
            25, 14)
    if kind == "bands":
        c.rect((130, 24, 860, 60), fill=graphics.tint(SAFFRON, rng))
        c.rect((130, 68, 860, 104), fill=graphics.tint(GREEN, rng))
        c.text(495, 24, "भारत सरकार", st.deva, 28, bold=True, fill=(0, 0, 0), align="m")
        c.text(495, 71, "GOVERNMENT OF INDIA", st.label_font, 26, bold=True, fill=(0, 0, 0),
               align="m")
    elif kind == "bar":
        c.rect((0, 0, c.w, 110), fill=graphics.tint(SAFFRON, rng, 25))
        c.text(c.w / 2, 14, "GOVERNMENT OF INDIA", st.label_font, 30, bold=True,
               fill=(255, 255, 255), align="m")
        c.text(c.w / 2, 58, "भारत सरकार", st.deva, 26, fill=(255, 255, 255), align="m")
    else:
        c.text(130, 24, "भारत सरकार", st.deva, 26, bold=True, fill=(0, 0, 0))
        c.text(130, 66, "Government of India", st.label_font, 26, bold=True, fill=(0, 0, 0))
        c.rect((0, 112, c.w, 118), fill=graphics.tint(SAFFRON, rng))


def draw_front(c: Canvas, rng: random.Random, h: Holder, *, pvc: bool = False) -> bool:
    """One front side in a 1012 x 638 unit region; True when it printed the Secure QR."""
    st = style(rng, serif_ok=rng.random() < 0.3)
    if rng.random() < 0.5:
        security_background(c, rng, (255, 255, 255), graphics.tint((245, 240, 230), rng),
                            graphics.tint((200, 170, 140), rng), alpha=35, waves=False)
    else:
        c.rect((0, 0, c.w, c.h), fill=(255, 255, 255))
    _header_front(c, rng, st)
    c.paste(graphics.photo(rng, c.px(190), c.px(235)), 45, 150)
    if pvc:
        issued = random_date(rng, dt.date(2015, 1, 1), dt.date(2024, 6, 30))
        c.text_rotated(8, 160, "Issue Date: " + fmt_date(issued), st.label_font, 15, 90,
                       fill=(40, 40, 40))
    elif rng.random() < 0.3:
        issued = random_date(rng, dt.date(2012, 1, 1), dt.date(2024, 6, 30))
        c.text(45, 395, "Aadhaar no. issued: " + fmt_date(issued), st.label_font, 14,
               fill=(60, 60, 60))
    x, y = 265, rng.uniform(150, 170)
    vs = st.value_size * rng.uniform(0.9, 1.0)
    c.text(x, y, h.p.name_hi, st.deva, vs, fill=st.value_color)
    y += vs * 1.6
    c.text(x, y, h.name, st.value_font, vs, bold=st.value_bold, fill=st.value_color)
    y += vs * 1.65
    dob = fmt_date(h.p.dob, rng.choice(["/", "/", "-"]))
    if h.full_dob:
        line = rng.choice(["जन्म तिथि / DOB : ", "जन्म तिथि/DOB: ", "DOB: ",
                           "Date of Birth / DOB: ", "जन्म तिथि / Date of Birth : "]) + dob
    else:
        line = rng.choice(["जन्म वर्ष / Year of Birth : ", "Year of Birth : ", "YoB: "]) + str(
            h.p.dob.year)
    c.text(x, y, line, st.value_font, vs * 0.88, fill=st.value_color, deva=st.deva)
    y += vs * 1.55
    hi = "पुरुष" if h.p.gender == "MALE" else "महिला"
    en = h.p.gender if rng.random() < 0.6 else h.p.gender.title()
    gender = rng.choice([f"{hi} / {en}", f"{hi}/ {en}", en, f"Gender: {en.title()}"])
    c.text(x, y, gender, st.value_font, vs * 0.88, fill=st.value_color, deva=st.deva)
    with_qr = rng.random() < 0.6
    if with_qr:
        c.paste(qr_image(h.qr, c.px(230)), 765, 135)
    ny = 455 if pvc else rng.uniform(455, 480)
    c.text(c.w / 2, ny, _groups(h.number), rng.choice(["dejavu_sans", st.value_font]),
           rng.uniform(44, 52), bold=True, align="m")
    if pvc or rng.random() < 0.25:
        c.text(c.w / 2, ny + 62, "VID : " + _groups(h.vid), st.label_font, 20, align="m")
    c.line([(0, 565), (c.w, 565)], fill=graphics.tint(RED, rng), width=4)
    tag = rng.choice(["मेरा आधार, मेरी पहचान", "मेरा आधार, मेरी पहचान", "आधार - आम आदमी का अधिकार"])
    c.text(c.w / 2, 578, tag, st.deva, 28, bold=True, fill=graphics.tint(RED, rng), align="m")
    return with_qr


def draw_back(c: Canvas, rng: random.Random, h: Holder) -> bool:
    """One back side in a 1012 x 638 unit region; True when it printed the Secure QR."""
    st = style(rng, serif_ok=rng.random() < 0.3)
    c.rect((0, 0, c.w, c.h), fill=(255, 255, 255))
    if rng.random() < 0.5:
        c.overlay(graphics.wave_lines(c.px(c.w), c.px(c.h), rng, (200, 180, 160), 25))
    band = rng.random() < 0.5
    if band:
        c.rect((0, 0, c.w, 105), fill=graphics.tint(GREEN, rng, 25))
    ink = (255, 255, 255) if band else (20, 20, 20)
    c.text(130, 14, "भारतीय विशिष्ट पहचान प्राधिकरण", st.deva, 26, bold=True, fill=ink)
    title = rng.choice(["Unique Identification Authority of India",
                        "UNIQUE IDENTIFICATION AUTHORITY OF INDIA"])
    c.text(130, 58, title, st.label_font, 24, bold=True, fill=ink)
    c.paste(graphics.emblem(rng, c.px(80), ink), 30, 14)
    if not band:
        c.rect((0, 108, c.w, 112), fill=graphics.tint(RED, rng))
    size = rng.uniform(23, 27)
    qr = True  # every back UIDAI prints carries the Secure QR
    if rng.random() < 0.45:  # Hindi address on the left, English beside it, the QR right
        y = 135.0
        c.text(40, y, "पता:", st.deva, st.label_size * 1.1, bold=True, fill=st.label_color)
        c.text(365, y, "Address:", st.label_font, st.label_size * 1.1, bold=True,
               fill=st.label_color)
        y += st.label_size * 1.6
        hindi = [to_hindi(p) for p in h.address_parts]
        for i, line in enumerate(wrap_parts(c, hindi, 305, st.value_font, size * 0.9)):
            c.text(40, y + i * size * 1.45, line, st.value_font, size * 0.9, fill=st.value_color,
                   deva=st.deva)
        for i, line in enumerate(wrap_parts(c, h.address_parts, 325, st.value_font, size * 0.95)):
            c.text(365, y + i * size * 1.45, line, st.value_font, size * 0.95, fill=st.value_color)
        c.paste(qr_image(h.qr, c.px(rng.uniform(270, 300))), 705, 125)
    else:
        label = rng.choice(["Address:", "पता / Address:", "Address :", "पता:\nAddress:"])
        y = 135.0
        for part in label.split("\n"):
            c.text(40, y, part, st.label_font, st.label_size * 1.1, bold=True,
                   fill=st.label_color, deva=st.deva)
            y += st.label_size * 1.5
        width = 690 - 40
        for line in wrap_parts(c, h.address_parts, width, st.value_font, size):
            c.text(40, y, line, st.value_font, size, fill=st.value_color)
            y += size * 1.45
        c.paste(qr_image(h.qr, c.px(rng.uniform(270, 300))), 705, 125)
    c.text(c.w / 2, 465, _groups(h.number), rng.choice(["dejavu_sans", st.value_font]),
           rng.uniform(44, 50), bold=True, align="m")
    c.line([(0, 560), (c.w, 560)], fill=graphics.tint(RED, rng), width=4)
    if rng.random() < 0.4:
        c.text(c.w / 2, 572, "1947 | help@uidai.gov.in | www.uidai.gov.in", st.label_font, 18,
               align="m")
        c.text(c.w / 2, 600, "P.O. Box No. 1947, Bengaluru-560 001", st.label_font, 16,
               align="m")
    else:
        c.text(c.w / 2, 578, "help@uidai.gov.in  |  www.uidai.gov.in", st.label_font, 20,
               align="m")
    return qr


def _card_canvas(rng: random.Random, cols: int, rows: int, gap: float = 40) -> Canvas:
    scale = rng.uniform(0.86, 1.14)
    margin = gap if cols * rows > 1 else 0
    w = CARD_W * cols + gap * (cols - 1) + 2 * margin
    hh = CARD_H * rows + gap * (rows - 1) + 2 * margin
    bg = (255, 255, 255) if cols * rows == 1 else graphics.tint((236, 236, 232), rng, 10)
    return Canvas(round(w * scale), round(hh * scale), scale, bg)


def _notes(h: Holder, printed: bool) -> dict[str, str]:
    """``notes["secure_qr"]``: the QR's number, where one was printed."""
    return {"secure_qr": h.qr} if printed else {}


def front(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _card_canvas(rng, 1, 1)
    printed = draw_front(c, rng, h)
    return Rendered(c.img, _front_fields(h), notes=_notes(h, printed))


def front_pvc(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _card_canvas(rng, 1, 1)
    printed = draw_front(c, rng, h, pvc=True)
    return Rendered(c.img, _front_fields(h), notes=_notes(h, printed))


def back(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _card_canvas(rng, 1, 1)
    printed = draw_back(c, rng, h)
    return Rendered(c.img, _back_fields(h), notes=_notes(h, printed))


def both_stacked(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _card_canvas(rng, 1, 2)
    printed = draw_front(c.view(40, 40, CARD_W, CARD_H), rng, h, pvc=rng.random() < 0.3)
    printed |= draw_back(c.view(40, 40 + CARD_H + 40, CARD_W, CARD_H), rng, h)
    return Rendered(c.img, _front_fields(h) | _back_fields(h), notes=_notes(h, printed))


def both_side(rng: random.Random) -> Rendered:
    h = _holder(rng)
    c = _card_canvas(rng, 2, 1)
    printed = draw_front(c.view(40, 40, CARD_W, CARD_H), rng, h, pvc=rng.random() < 0.3)
    printed |= draw_back(c.view(40 + CARD_W + 40, 40, CARD_W, CARD_H), rng, h)
    return Rendered(c.img, _front_fields(h) | _back_fields(h), notes=_notes(h, printed))


def letter(rng: random.Random) -> Rendered:
    """The A4 e-Aadhaar letter (also exported as a born-digital PDF by the generator)."""
    h = _holder(rng)
    c = a4_canvas()
    st = style(rng, serif_ok=False, scale=1.35)
    c.paste(graphics.emblem(rng, 110, (40, 40, 40)), 120, 90)
    c.text(c.w / 2, 95, "भारतीय विशिष्ट पहचान प्राधिकरण", st.deva, 40, bold=True, align="m")
    c.text(c.w / 2, 150, "Unique Identification Authority of India", st.label_font, 36,
           bold=True, align="m")
    c.text(c.w / 2, 200, "Government of India", st.label_font, 28, align="m")
    y = 300.0
    c.text(140, y, "नामांकन क्रम / Enrolment No.: " + h.enrolment, st.label_font, 28,
           deva=st.deva)
    y += 80
    c.text(140, y, "To", st.label_font, 28, bold=True)
    y += 46
    c.text(140, y, h.p.name_hi, st.deva, 28)
    y += 46
    c.text(140, y, h.name, st.value_font, 28, bold=True)
    y += 46
    for line in wrap_parts(c, h.address_parts, 800, st.value_font, 27):
        c.text(140, y, line, st.value_font, 27)
        y += 42
    if rng.random() < 0.7:
        c.text(140, y + 10, f"Mobile: XXXXXX{rng.randint(1000, 9999)}", st.label_font, 26)
    c.paste(qr_image(h.qr, 330), 1170, 360)
    signed = random_date(rng, dt.date(2016, 1, 1), dt.date(2024, 6, 30))
    c.text(1140, 720, f"Signature valid, Date: {signed:%Y.%m.%d}", st.label_font, 20,
           fill=(30, 110, 30))
    y = max(y + 130, 960)
    c.text(c.w / 2, y, "आपका आधार क्रमांक / Your Aadhaar No. :", st.label_font, 34, bold=True,
           align="m", deva=st.deva)
    c.text(c.w / 2, y + 70, _groups(h.number), "dejavu_sans", 64, bold=True, align="m")
    if rng.random() < 0.5:
        c.text(c.w / 2, y + 160, "VID : " + _groups(h.vid), st.label_font, 28, align="m")
    c.text(c.w / 2, y + 220, "मेरा आधार, मेरी पहचान", st.deva, 40, bold=True,
           fill=RED, align="m")
    cut = 1560
    for x in range(60, int(c.w) - 60, 36):
        c.line([(x, cut), (x + 18, cut)], fill=(120, 120, 120), width=2)
    scale = 740 / CARD_W
    draw_front(c.view(60, cut + 60, CARD_W, CARD_H, scale), rng, h)
    draw_back(c.view(c.w - 60 - 740, cut + 60, CARD_W, CARD_H, scale), rng, h)
    c.text(c.w / 2, 2260, "This is electronically generated letter", st.label_font, 20,
           fill=(90, 90, 90), align="m")
    return Rendered(c.img, _front_fields(h) | _back_fields(h), page="a4", dpi=200, canvas=c,
                    notes={"secure_qr": h.qr})


LAYOUTS: dict[str, LayoutFn] = {
    "front": front,
    "front_pvc": front_pvc,
    "back": back,
    "both_stacked": both_stacked,
    "both_side": both_side,
    "letter": letter,
}
A4_LAYOUTS = frozenset({"letter"})
