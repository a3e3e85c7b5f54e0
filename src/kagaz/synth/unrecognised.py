"""Documents that must come out UNRECOGNISED (wire type ``OTHER``, no fields).

Some are easy (a blank page, a photo without text, a receipt); the useful ones share words,
numbers and layout with the KYC types: a bank letter asking for "PAN" and "Aadhaar", a ration
card, a birth certificate with "Date of Birth" and "Sex". A classifier that keys on single words
fails here. (A vehicle registration certificate was one of them until kagaz read it:
``VEHICLE_RC``.)
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
from PIL import Image, ImageFilter

from kagaz.synth import graphics
from kagaz.synth.identities import STATES, address, fmt_date, person, random_date
from kagaz.synth.layout import (
    LayoutFn, Rendered, a4_canvas, card_canvas, security_background, style, wrap_parts,
)
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

COMPANIES = ["Shree Ganesh Traders Pvt. Ltd.", "Sunrise Logistics LLP", "Vasant Textiles",
             "Orbit Software Services", "Annapurna Foods", "Kaveri Finance Ltd."]
PARAGRAPHS = [
    "We thank you for your order dated {date} and are pleased to confirm that the goods will "
    "be dispatched from our warehouse within seven working days of this letter.",
    "Kindly note that the revised price list comes into effect from the first of next month. "
    "All invoices raised after that date will carry the new rates and applicable taxes.",
    "Our accounts team has reconciled the ledger up to {date}; an outstanding balance of "
    "Rs. {amount} remains payable. We request you to clear it at the earliest.",
    "Please feel free to contact the undersigned for any clarification regarding this matter. "
    "We look forward to a long and mutually beneficial association.",
]
KYC_PARAGRAPHS = [
    "As per the guidelines of the Reserve Bank of India, you are requested to submit "
    "self-attested copies of your PAN card and Aadhaar card along with a recent photograph.",
    "If you do not have a PAN, Form 60 must be submitted instead. Your Aadhaar number will be "
    "used only for verification and will not be stored by the bank.",
    "Documents such as a passport, driving licence or voter ID card are also accepted as "
    "proof of address. Kindly visit the branch on or before {date}.",
]


def _paragraph(c: Canvas, text: str, y: float, family: str, size: float) -> float:
    words, line = text.split(), ""
    for word in words:
        trial = f"{line} {word}".strip()
        if c.measure(trial, family, size) > c.w - 280:
            c.text(140, y, line, family, size)
            y += size * 1.5
            line = word
        else:
            line = trial
    c.text(140, y, line, family, size)
    return y + size * 2.4


def _letter(rng: random.Random, kyc: bool) -> Rendered:
    c = a4_canvas()
    st = style(rng, scale=1.3)
    company = rng.choice(COMPANIES) if not kyc else rng.choice(
        ["State Bank of Bharat", "Kaveri Co-operative Bank", "Union Finance Ltd."])
    c.rect((0, 0, c.w, 12), fill=graphics.tint((30, 60, 120), rng, 30))
    c.text(140, 90, company, st.label_font, 44, bold=True, fill=(20, 40, 90))
    addr = address(rng)
    c.text(140, 150, ", ".join(addr.parts) + f", {addr.state} - {addr.pin}", st.label_font, 22,
           fill=(80, 80, 80))
    today = random_date(rng, dt.date(2018, 1, 1), dt.date(2024, 12, 31))
    c.text(c.w - 140, 240, "Date: " + fmt_date(today), st.value_font, 28, align="r")
    p, to = person(rng), address(rng)
    y = 320.0
    for line in ["To,", p.name, *wrap_parts(c, list(to.parts) + [to.state, to.pin], 700,
                                            st.value_font, 28)]:
        c.text(140, y, line, st.value_font, 28)
        y += 44
    y += 40
    subject = "Sub: Updation of KYC records" if kyc else "Sub: Confirmation of order"
    c.text(140, y, subject, st.value_font, 28, bold=True)
    y += 80
    c.text(140, y, f"Dear {'Sir/Madam' if rng.random() < 0.5 else p.first},", st.value_font, 28)
    y += 70
    paras = (KYC_PARAGRAPHS if kyc else rng.sample(PARAGRAPHS, 3)) + [PARAGRAPHS[3]]
    for para in paras:
        text = para.format(date=fmt_date(today + dt.timedelta(days=30)),
                           amount=f"{rng.randint(1000, 99999):,}")
        y = _paragraph(c, text, y, st.value_font, 28)
    c.text(140, y + 40, "Yours faithfully,", st.value_font, 28)
    c.paste(graphics.signature(rng, 300, 80), 140, y + 90)
    c.text(140, y + 190, f"For {company}", st.value_font, 28, bold=True)
    return Rendered(c.img, {}, page="a4", dpi=200, canvas=c)


def business_letter(rng: random.Random) -> Rendered:
    return _letter(rng, kyc=False)


def kyc_letter(rng: random.Random) -> Rendered:
    return _letter(rng, kyc=True)


def birth_certificate(rng: random.Random) -> Rendered:
    c = a4_canvas(graphics.tint((252, 250, 240), rng, 4))
    st = style(rng, scale=1.4)
    c.paste(graphics.emblem(rng, 130, (60, 60, 60)), c.w / 2 - 65, 80)
    state = STATES[rng.choice(list(STATES))][0]
    c.text(c.w / 2, 240, f"GOVERNMENT OF {state.upper()}", st.label_font, 40, bold=True,
           align="m")
    c.text(c.w / 2, 300, "जन्म प्रमाण-पत्र / BIRTH CERTIFICATE", st.label_font, 38, bold=True,
           align="m", deva=st.deva)
    c.text(c.w / 2, 370, "(Issued under Section 12 of the Registration of Births & Deaths Act, "
           "1969)", st.label_font, 22, align="m")
    child, birth = person(rng), random_date(rng, dt.date(1990, 1, 1), dt.date(2023, 12, 31))
    addr = address(rng)
    rows = [("Name", child.name), ("Sex", child.gender.title()),
            ("Date of Birth", fmt_date(birth)),
            ("Place of Birth", f"District Hospital, {addr.city}"),
            ("Name of Father", child.father), ("Name of Mother", person(rng, "FEMALE").name),
            ("Address", ", ".join(addr.parts)),
            ("Registration No.",
             f"B-{birth.year}:{rng.randint(10, 99)}-{rng.randint(1000, 99999)}"),
            ("Date of Registration", fmt_date(birth + dt.timedelta(days=rng.randint(3, 40))))]
    y = 480.0
    for label, value in rows:
        c.text(160, y, label, st.label_font, 28)
        c.text(620, y, ": " + value, st.value_font, c.fit(value, st.value_font, 28, c.w - 800))
        y += 70
    c.paste(graphics.signature(rng, 300, 90), c.w - 480, y + 80)
    c.text(c.w - 330, y + 190, "Registrar (Births & Deaths)", st.label_font, 24, align="m")
    return Rendered(c.img, {}, page="a4", dpi=200, canvas=c)


def ration_card(rng: random.Random) -> Rendered:
    c = card_canvas(rng)
    security_background(c, rng, graphics.tint((250, 235, 200), rng), (255, 250, 240),
                        (200, 150, 90), alpha=40)
    st = style(rng)
    code = rng.choice(list(STATES))
    c.text(c.w / 2, 15, f"GOVERNMENT OF {STATES[code][0].upper()}", st.label_font, 26, bold=True,
           align="m")
    c.text(c.w / 2, 52, "Food, Civil Supplies & Consumer Protection Department", st.label_font,
           18, align="m")
    c.text(c.w / 2, 82, "RATION CARD (" + rng.choice(["APL", "BPL", "PHH"]) + ")", st.label_font,
           26, bold=True, fill=(160, 40, 20), align="m")
    head, addr = person(rng), address(rng, code)
    c.text(40, 135, f"Card No.: {code}{rng.randint(10 ** 9, 10 ** 10 - 1)}", st.value_font, 22)
    c.text(40, 170, "Head of Family: " + head.name, st.value_font, 24, bold=True)
    c.text(40, 205, "Address: " + ", ".join(addr.parts[-3:]) + f" - {addr.pin}", st.value_font, 20)
    y = 260.0
    c.text(40, y, "Members          Relation        Age", st.label_font, 20, bold=True)
    for rel in ("Self", "Wife", "Son", "Daughter")[: rng.randint(2, 4)]:
        y += 36
        member = head if rel == "Self" else person(rng)
        c.text(40, y, f"{member.first:<16} {rel:<15} {rng.randint(5, 70)}", "dejavu_mono", 20)
    return Rendered(c.img, {})


def receipt(rng: random.Random) -> Rendered:
    n = rng.randint(3, 8)
    scale = rng.uniform(0.9, 1.1)
    c = Canvas(round(560 * scale), round((520 + n * 40) * scale), scale,
               graphics.tint((250, 248, 240), rng, 4))
    fam = rng.choice(["dejavu_mono", "free_mono", "liberation_mono"])
    name = rng.choice(["HOTEL SAI SAGAR", "CAFE MADRAS", "BIRYANI HOUSE", "UDUPI KRISHNA BHAVAN"])
    c.text(c.w / 2, 20, name, fam, 28, bold=True, align="m")
    gstin = f"27AAB{rng.choice('CFH')}S{rng.randint(1000, 9999)}K1Z{rng.randint(1, 9)}"
    c.text(c.w / 2, 60, f"GSTIN: {gstin}", fam, 16, align="m")
    when = random_date(rng, dt.date(2020, 1, 1), dt.date(2024, 12, 31))
    c.text(20, 100, f"Bill No: {rng.randint(100, 9999)}   Date: {fmt_date(when)}", fam, 17)
    c.text(20, 130, "-" * 40, fam, 17)
    y, total = 160.0, 0
    items = ["Masala Dosa", "Idli Vada", "Filter Coffee", "Veg Biryani", "Paneer Tikka",
             "Butter Naan", "Lassi", "Mineral Water", "Gulab Jamun", "Thali"]
    for item in rng.sample(items, n):
        qty, price = rng.randint(1, 3), rng.choice([30, 45, 60, 90, 120, 180, 250])
        total += qty * price
        c.text(20, y, f"{item:<16}{qty:>3} x{price:>5}{qty * price:>8}", fam, 17)
        y += 40
    gst = round(total * 0.05)
    for line in ("-" * 40, f"{'Sub Total':<28}{total:>8}", f"{'CGST 2.5% + SGST 2.5%':<28}{gst:>8}",
                 f"{'TOTAL':<28}{total + gst:>8}", "", "Thank you! Visit again"):
        c.text(20, y, line, fam, 17, bold=line.startswith("TOTAL"))
        y += 36
    return Rendered(c.img, {}, page="strip")


def blank(rng: random.Random) -> Rendered:
    """A scanned empty page: paper grain, a few specks, sometimes a fold line (greyscale)."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    arr = np.full((2339, 1654), rng.uniform(240, 252), np.float32)
    arr += nrng.normal(0, 1.5, arr.shape)
    for _ in range(rng.randint(0, 6)):
        y, x = nrng.integers(0, arr.shape[0] - 3), nrng.integers(0, arr.shape[1] - 3)
        arr[y:y + 3, x:x + 3] = 90
    if rng.random() < 0.5:
        arr[arr.shape[0] // 2: arr.shape[0] // 2 + 2, :] -= 25
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return Rendered(img, {}, page="a4", dpi=200)


def noise_photo(rng: random.Random) -> Rendered:
    nrng = np.random.default_rng(rng.getrandbits(32))
    w, h = rng.randint(900, 1400), rng.randint(700, 1100)
    small = nrng.uniform(0, 255, (max(2, h // 120), max(2, w // 120), 3)).astype(np.uint8)
    img = Image.fromarray(small, "RGB").resize((w, h), Image.Resampling.BICUBIC)
    arr = np.asarray(img, np.float32) + nrng.normal(0, 8, (h, w, 3))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    return Rendered(img.filter(ImageFilter.GaussianBlur(1.2)), {}, page="photo")


LAYOUTS: dict[str, LayoutFn] = {
    "business_letter": business_letter,
    "kyc_letter": kyc_letter,
    "birth_certificate": birth_certificate,
    "ration_card": ration_card,
    "receipt": receipt,
    "blank": blank,
    "noise_photo": noise_photo,
}
A4_LAYOUTS = frozenset({"business_letter", "kyc_letter", "birth_certificate"})
