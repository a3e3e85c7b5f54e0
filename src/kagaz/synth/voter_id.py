"""Voter ID (EPIC) cards of the Election Commission of India.

* ``old_bw``: the black-and-white laminated "IDENTITY CARD"; many print "Age as on 1.1.2008: 25"
  instead of a date of birth (then there is no date_of_birth in the truth), and an Electoral
  Registration Officer's signature with a date (not the holder's).
* ``color``: the colour PVC "ELECTOR PHOTO IDENTITY CARD", bilingual labels on every row.
* ``portrait``: the vertical card with barcode, EPIC number top right and a large photo.

Truth: voter_id, name, gender and, when printed, date_of_birth.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth import graphics
from kagaz.synth.identities import Person, epic_number, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, card_canvas, security_background, style

__all__ = ["LAYOUTS"]

CONSTITUENCIES = ["Kothrud", "Malad West", "Hebbal", "Rohini", "Saidapet", "Lucknow Central"]


def _holder(rng: random.Random, upper: float = 0.6) -> tuple[dict[str, str], str, str, Person]:
    p = person(rng)
    up = rng.random() < upper
    name = p.name.upper() if up else p.name
    father = p.father.upper() if up else p.father
    truth = {"voter_id": epic_number(rng), "name": name, "gender": p.gender}
    return truth, name, father, p


def _gender_text(rng: random.Random, gender: str) -> str:
    hi = "पुरुष" if gender == "MALE" else "महिला"
    en = gender.title()
    return rng.choice([en, en.upper(), f"{en} / {hi}", f"{hi} / {en}"])


def old_bw(rng: random.Random) -> Rendered:
    truth, name, father, p = _holder(rng)
    c = card_canvas(rng, graphics.tint((238, 238, 232), rng, 8))
    st = style(rng, label=(20, 20, 20))
    c.text(c.w / 2, 14, "भारत निर्वाचन आयोग", st.deva, 26, bold=True, align="m")
    c.text(c.w / 2, 52, "ELECTION COMMISSION OF INDIA", st.label_font, 28, bold=True, align="m")
    c.text(c.w / 2, 92, rng.choice(["IDENTITY CARD", "पहचान पत्र / IDENTITY CARD"]),
           st.label_font, 24, bold=True, align="m", deva=st.deva)
    c.paste(graphics.emblem(rng, c.px(70), (30, 30, 30)), 25, 15)
    c.text(c.w - 40, 140, truth["voter_id"], st.value_font, 30, bold=True, align="r")
    c.paste(graphics.photo(rng, c.px(180), c.px(220), grey=True), 35, 140)
    x, col, y = 250, 470, 200.0
    rows = [(rng.choice(["Elector's Name", "Name"]), name),
            (rng.choice(["Father's Name", "Father's/Husband's Name"]), father),
            (rng.choice(["Sex", "Gender"]), _gender_text(rng, p.gender))]
    if rng.random() < 0.5:
        year = rng.choice([2003, 2005, 2008, 2010])
        age = year - p.dob.year
        if age >= 18:
            rows.append((f"Age as on 1.1.{year}", str(age)))
        else:
            rows.append(("Date of Birth", fmt_date(p.dob)))
            truth["date_of_birth"] = fmt_date(p.dob)
    else:
        rows.append(("Date of Birth", fmt_date(p.dob, rng.choice(["/", "-"]))))
        truth["date_of_birth"] = fmt_date(p.dob)
    for label, value in rows:
        c.text(x, y + 3, label, st.label_font, st.label_size, fill=st.label_color)
        c.text(col - 22, y + 3, ":", st.label_font, st.label_size)
        size = c.fit(value, st.value_font, st.value_size * 0.85, c.w - col - 20, st.value_bold)
        c.text(col, y, value, st.value_font, size, bold=st.value_bold, fill=st.value_color,
               deva=st.deva)
        y += st.value_size * 1.45
    issued = random_date(rng, dt.date(1998, 1, 1), dt.date(2012, 12, 31))
    c.paste(graphics.signature(rng, c.px(170), c.px(45)), c.w - 260, c.h - 140)
    c.text(c.w - 40, c.h - 90, "Electoral Registration Officer", st.label_font, 16, align="r")
    c.text(40, c.h - 60, "Date: " + fmt_date(issued), st.label_font, 17)
    return Rendered(c.img, truth)


def color(rng: random.Random) -> Rendered:
    truth, name, father, p = _holder(rng)
    c = card_canvas(rng)
    security_background(c, rng, graphics.tint((250, 225, 200), rng),
                        graphics.tint((215, 240, 215), rng), graphics.tint((200, 120, 120), rng),
                        alpha=45)
    st = style(rng, serif_ok=False)
    c.paste(graphics.emblem(rng, c.px(70), (30, 30, 30)), 25, 12)
    c.text(c.w / 2 + 30, 12, "भारत निर्वाचन आयोग", st.deva, 26, bold=True, align="m")
    c.text(c.w / 2 + 30, 50, "Election Commission of India", st.label_font, 28, bold=True,
           align="m")
    c.text(c.w / 2 + 30, 90, "निर्वाचक फोटो पहचान पत्र  ELECTOR PHOTO IDENTITY CARD",
           st.label_font, 20, bold=True, align="m", deva=st.deva)
    c.paste(graphics.barcode(rng, c.px(300), c.px(50)), 40, 135)
    c.text(c.w - 40, 140, truth["voter_id"], st.value_font, 32, bold=True, align="r")
    c.paste(graphics.photo(rng, c.px(175), c.px(215)), 40, 210)
    d = rng.choice(["/", "-"])
    rows = [("नाम / Name", name), ("पिता का नाम / Father's Name", father),
            ("लिंग / Gender", _gender_text(rng, p.gender)),
            ("जन्म तिथि / Date of Birth", fmt_date(p.dob, d))]
    truth["date_of_birth"] = fmt_date(p.dob)
    x, y = 245, 215.0
    under = rng.random() < 0.5
    for label, value in rows:
        if under:
            c.text(x, y, label, st.label_font, st.label_size * 0.85, fill=st.label_color,
                   deva=st.deva)
            y += st.label_size * 1.15
            c.text(x, y, value, st.value_font, st.value_size * 0.8, bold=st.value_bold,
                   fill=st.value_color, deva=st.deva)
            y += st.value_size * 1.15
        else:
            c.text(x, y + 3, label + " :", st.label_font, st.label_size * 0.9,
                   fill=st.label_color, deva=st.deva)
            vx = x + 330
            size = c.fit(value, st.value_font, st.value_size * 0.8, c.w - vx - 20)
            c.text(vx, y, value, st.value_font, size, fill=st.value_color, bold=st.value_bold,
                   deva=st.deva)
            y += st.value_size * 1.5
    ac = f"{rng.randint(1, 288)} - {rng.choice(CONSTITUENCIES)}"
    c.text(40, max(y, 440) + 20, "Assembly Constituency No. & Name : " + ac, st.label_font, 17,
           fill=st.label_color)
    c.paste(graphics.signature(rng, c.px(170), c.px(45)), c.w - 250, c.h - 120)
    c.text(c.w - 30, c.h - 65, "Electoral Registration Officer", st.label_font, 15, align="r")
    return Rendered(c.img, truth)


def portrait(rng: random.Random) -> Rendered:
    truth, name, father, p = _holder(rng, upper=0.8)
    c = card_canvas(rng, portrait=True)
    security_background(c, rng, graphics.tint((248, 215, 195), rng),
                        graphics.tint((205, 235, 210), rng), graphics.tint((170, 110, 110), rng),
                        alpha=50)
    st = style(rng, serif_ok=False)
    c.paste(graphics.emblem(rng, c.px(80), (40, 30, 30)), 20, 15)
    c.text(c.w / 2 + 40, 20, "भारत निर्वाचन आयोग", st.deva, 28, bold=True, align="m")
    c.text(c.w / 2 + 40, 60, "Election Commission of India", st.label_font, 27, bold=True,
           align="m")
    title = "ELECTOR PHOTO IDENTITY CARD"
    c.text(c.w / 2, 112, title, st.label_font, c.fit(title, st.label_font, 24, c.w - 40, True),
           bold=True, align="m")
    c.paste(graphics.barcode(rng, c.px(300), c.px(55)), 25, 160)
    c.text(c.w - 20, 170, truth["voter_id"], st.value_font, 30, bold=True, align="r")
    c.paste(graphics.photo(rng, c.px(260), c.px(320)), c.w / 2 - 130, 250)
    y = 600.0
    rows = [("निर्वाचक का नाम", "Elector's Name", name), ("पिता का नाम", "Father's Name", father)]
    for hi, en, value in rows:
        c.text(20, y, hi, st.deva, st.label_size * 0.95, fill=st.label_color)
        c.text(20, y + st.label_size * 1.4, en + " :", st.label_font, st.label_size,
               bold=True, fill=st.label_color)
        c.text(250, y + st.label_size * 1.2, value, st.value_font,
               c.fit(value, st.value_font, st.value_size * 0.8, c.w - 270, True), bold=True)
        y += st.label_size * 3.4
    c.text(20, y, "लिंग / Sex : " + _gender_text(rng, p.gender), st.label_font,
           st.label_size * 1.05, bold=True, deva=st.deva)
    y += st.label_size * 2
    if rng.random() < 0.7:
        c.text(20, y, "जन्म तिथि / Date of Birth : " + fmt_date(p.dob), st.label_font,
               st.label_size * 1.05, bold=True, deva=st.deva)
        truth["date_of_birth"] = fmt_date(p.dob)
    else:
        age = 2024 - p.dob.year
        c.text(20, y, f"Age as on 01.01.2024 : {age}", st.label_font, st.label_size * 1.05,
               bold=True)
    return Rendered(c.img, truth)


LAYOUTS: dict[str, LayoutFn] = {"old_bw": old_bw, "color": color, "portrait": portrait}
