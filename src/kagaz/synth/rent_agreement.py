"""Rent agreements, three drafting traditions.

What every agreement prints (:mod:`kagaz.doctypes.rent_agreement`): its title, the two parties
in sentences with their roles, the premises, the monthly rent or licence fee in figures and
words, the deposit, the period and its first day (often its last).

* ``leave_licence``: Maharashtra's leave-and-licence agreement (e-registered): "LEAVE AND LICENSE
  AGREEMENT", "BETWEEN … hereinafter called the LICENSOR … AND … the LICENSEE", "the premises
  situated at …", "for a period of 11 (Eleven) months commencing from … and ending on …", the
  licence fee per month and the interest-free deposit.
* ``rent``: a rent agreement on e-stamp paper: the e-stamp strip (its own amounts and date),
  "RENT AGREEMENT", "Mr. … (hereinafter referred to as the LANDLORD / OWNER)" and the TENANT,
  numbered clauses ("1. That the tenancy shall commence with effect from the 1st day of …"),
  no end date.
* ``schedule``: the Model Tenancy Act's style: a few recitals, then a schedule of labelled
  particulars (Landlord, Tenant, Premises Address, Monthly Rent, Security Deposit, Period,
  Commencement Date).

Truth: names without honorifics, ``property_address`` as printed, ``monthly_rent`` and
``security_deposit`` ``"15000.00"``, dates DD/MM/YYYY, ``duration_months`` ``"11"``.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth.billing import amount_words, inr
from kagaz.synth.certificates import paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _party(rng: random.Random) -> tuple[str, str, str]:
    p = person(rng)
    name = p.name.upper() if rng.random() < 0.6 else p.name
    title = ("Mr." if p.gender == "MALE" else rng.choice(["Mrs.", "Ms."])) if rng.random() < 0.6 else \
        ("Shri" if p.gender == "MALE" else "Smt.")
    a = address(rng)
    rel = "S/o" if p.gender == "MALE" else rng.choice(["W/o", "D/o"])
    desc = (f"{rel} {p.father}, aged about {2024 - p.dob.year} years, residing at "
            f"{', '.join(a.parts)}, {a.state} - {a.pin}")
    return name, title, desc


def _deal(rng: random.Random) -> dict:
    a = address(rng)
    unit = rng.choice([f"Flat No. {rng.randint(1, 20)}{rng.randint(1, 12):02d}", f"House No. {rng.randint(1, 600)}",
                       f"Shop No. {rng.randint(1, 40)}", f"Room No. {rng.randint(1, 30)}"])
    premises = ", ".join([unit, *a.parts[1:], f"{a.state} - {a.pin}"])
    start = random_date(rng, dt.date(2020, 1, 1), dt.date(2025, 9, 1)).replace(day=rng.choice([1, 1, 1, 5, 10, 15]))
    months = rng.choice([11, 11, 11, 12, 24, 36])
    y, m = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + y, m + 1, start.day) - dt.timedelta(days=1)
    rent = rng.randint(6, 90) * 500
    return {"premises": premises, "start": start, "months": months, "end": end, "rent": rent,
            "deposit": rent * rng.choice([2, 3, 3, 6, 10])}


def _money(v: int) -> str:
    return f"Rs. {inr(v).split('.')[0]}/- (Rupees {amount_words(v)} Only)"


def _day(d: dt.date) -> str:
    return f"{d.day}{_ORD.get(d.day, 'th')} day of {d:%B}, {d.year}"


def _truth(owner: str, tenant: str, deal: dict, *, end: bool) -> dict:
    out = {"landlord_name": owner, "tenant_name": tenant, "property_address": deal["premises"],
           "monthly_rent": f"{deal['rent']}.00", "start_date": fmt_date(deal["start"]),
           "duration_months": str(deal["months"]), "security_deposit": f"{deal['deposit']}.00"}
    return out | ({"end_date": fmt_date(deal["end"])} if end else {})


def leave_licence(rng: random.Random) -> Rendered:
    (owner, ot, odesc), (tenant, tt, tdesc), deal = _party(rng), _party(rng), _deal(rng)
    fam = rng.choice(SERIF + SANS)
    s = rng.uniform(21, 23)
    c = a4_canvas()
    c.text(c.w / 2, 120, "LEAVE AND LICENSE AGREEMENT", fam, 34, bold=True, align="m")
    L, W = 130.0, 1394.0
    city = deal["premises"].split(", ")[-2]
    y = paragraph(c, f"This Agreement of Leave and License is made and executed at {city} on this "
                  f"{_day(deal['start'] - dt.timedelta(days=rng.randint(1, 9)))}", L, 220, W, fam, s) + s * 0.5
    c.text(c.w / 2, y, "BETWEEN", fam, s, bold=True, align="m")
    y = paragraph(c, f"{ot} {owner}, {odesc}, hereinafter called the \"LICENSOR\" (which expression shall "
                  "include his/her heirs, executors and assigns) of the ONE PART;", L, y + s * 1.8, W, fam, s)
    c.text(c.w / 2, y + s * 0.5, "AND", fam, s, bold=True, align="m")
    y = paragraph(c, f"{tt} {tenant}, {tdesc}, hereinafter called the \"LICENSEE\" of the OTHER PART.",
                  L, y + s * 2.3, W, fam, s) + s * 0.5
    end = rng.random() < 0.7
    period = (f"for a period of {deal['months']} ({amount_words(deal['months'])}) months commencing from "
              f"{fmt_date(deal['start'], rng.choice(['/', '-', '.']))}")
    if end:
        period += f" and ending on {fmt_date(deal['end'], '/')}"
    for text in [
            f"1. The Licensor is the owner of the premises situated at {deal['premises']} (hereinafter "
            "called the \"Licensed Premises\") and has agreed to allow the Licensee to use the same on leave "
            f"and license basis {period}.",
            f"2. The Licensee shall pay a monthly licence fee of {_money(deal['rent'])} on or before the 5th day "
            "of every English calendar month.",
            f"3. The Licensee has paid an interest free security deposit of {_money(deal['deposit'])} which "
            "shall be refunded at the end of the license period.",
            "4. The Licensee shall pay the electricity and water charges as per the bills of the supplier."]:
        y = paragraph(c, text, L, y, W, fam, s) + s * 0.6
    c.text(L, max(y + 100, 1900), "LICENSOR", fam, s, bold=True)
    c.text(1200, max(y + 100, 1900), "LICENSEE", fam, s, bold=True)
    return Rendered(c.img, _truth(owner, tenant, deal, end=end), page="a4", dpi=200, canvas=c)


def rent(rng: random.Random) -> Rendered:
    (owner, ot, odesc), (tenant, tt, tdesc), deal = _party(rng), _party(rng), _deal(rng)
    fam = rng.choice(SERIF + SANS)
    s = rng.uniform(21, 23)
    c = a4_canvas()
    c.rect((80, 40, c.w - 80, 230), fill=(232, 240, 228), outline=(100, 140, 100), width=2)
    c.text(c.w / 2, 55, "INDIA NON JUDICIAL   e-Stamp", fam, 26, bold=True, align="m")
    issued = deal["start"] - dt.timedelta(days=rng.randint(2, 20))
    for k, (lab, val) in enumerate([("Certificate Issued Date", fmt_date(issued)),
                                    ("Description of Document", "Article 35 Lease"),
                                    ("Stamp Duty Amount(Rs.)", str(rng.choice([100, 500])))]):
        c.text(110, 105 + k * 36, lab, fam, 18)
        c.text(560, 105 + k * 36, f": {val}", fam, 18)
    L, W = 130.0, 1394.0
    c.text(c.w / 2, 290, "RENT AGREEMENT", fam, 34, bold=True, align="m")
    owner_word = rng.choice(["LANDLORD", "OWNER"])
    y = paragraph(c, f"This Rent Agreement is made on {fmt_date(issued)} BETWEEN {ot} {owner}, {odesc} "
                  f"(hereinafter referred to as the {owner_word}) AND {tt} {tenant}, {tdesc} (hereinafter "
                  "referred to as the TENANT).", L, 380, W, fam, s) + s * 0.6
    y = paragraph(c, f"WHEREAS the {owner_word.title()} is the lawful owner of the house property situated at "
                  f"{deal['premises']}; and the Tenant has requested to take the same on rent for residential "
                  "purpose, NOW THIS AGREEMENT WITNESSETH AS UNDER:", L, y, W, fam, s) + s * 0.6
    for text in [
            f"1. That the tenancy shall commence with effect from the {_day(deal['start'])} and shall be for "
            f"a period of {deal['months']} months.",
            f"2. That the Tenant shall pay a rent of {_money(deal['rent'])} per month in advance.",
            f"3. That the Tenant has paid a security deposit of {_money(deal['deposit'])} to the "
            f"{owner_word.title()}, refundable without interest.",
            "4. That the Tenant shall not sublet the premises or any part thereof."]:
        y = paragraph(c, text, L, y, W, fam, s) + s * 0.6
    c.text(L, max(y + 100, 1900), owner_word, fam, s, bold=True)
    c.text(1200, max(y + 100, 1900), "TENANT", fam, s, bold=True)
    return Rendered(c.img, _truth(owner, tenant, deal, end=False), page="a4", dpi=200, canvas=c)


def schedule(rng: random.Random) -> Rendered:
    (owner, _, odesc), (tenant, _, tdesc), deal = _party(rng), _party(rng), _deal(rng)
    fam = rng.choice(SANS)
    c = a4_canvas()
    c.text(c.w / 2, 120, rng.choice(["TENANCY AGREEMENT", "RENTAL AGREEMENT"]), fam, 32, bold=True, align="m")
    y = paragraph(c, "This agreement is made under the Model Tenancy Act, 2021 between the Landlord and "
                  "the Tenant named in the schedule below, on the terms set out in it.", 130, 220, 1394, fam, 21)
    c.text(130, y + 30, "SCHEDULE", fam, 24, bold=True)
    y += 90
    rows = [("Landlord", owner), ("Tenant", tenant), ("Premises Address", deal["premises"]),
            ("Monthly Rent", f"Rs. {inr(deal['rent'])}"), ("Security Deposit", f"Rs. {inr(deal['deposit'])}"),
            ("Period", f"{deal['months']} months"), ("Commencement Date", fmt_date(deal["start"]))]
    for label, value in rows:
        c.text(130, y, f"{label}:", fam, 21, bold=True)
        c.text(520, y, value, fam, c.fit(value, fam, 21, 1050))
        y += 48
    c.text(130, y + 80, "Signed by the Landlord and the Tenant in the presence of two witnesses.", fam, 19)
    return Rendered(c.img, _truth(owner, tenant, deal, end=False), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"leave_licence": leave_licence, "rent": rent, "schedule": schedule}
A4_LAYOUTS = frozenset(LAYOUTS)
