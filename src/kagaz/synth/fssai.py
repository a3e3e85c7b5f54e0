"""FSSAI certificates as FoSCoS prints them: a state licence (Form C, Designated Officer), a
central licence (Form C, Central Licensing Authority) and a registration certificate
(Registering Authority).

What they print (:mod:`kagaz.doctypes.fssai_certificate`): "Food Safety and Standards Authority
of India", the title, the 14-digit number (1st digit 1 for a licence, 2 for a registration;
then a state code, the year first granted, an office and a serial: the state and office digits
are drawn here, not taken from FSSAI's tables), the food business operator's name, the
premises' address, the kind of business, the date of issue, "Valid Upto" and the authority.

Truth: ``licence_number``, ``business_name``, ``address``, ``valid_till``, ``kind``,
``issue_date``, ``kind_of_business``.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth import graphics
from kagaz.synth.certificates import business, kv_table, Cell, random_day, wrap_words
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_KINDS = ["Manufacturer", "Trader - Retailer", "Trader - Wholesaler", "Restaurant", "Caterer",
          "Storage (Except Controlled Atmosphere and Cold)", "Distributor", "Dairy Units", "Bakery"]


def _certificate(rng: random.Random, kind: str) -> Rendered:
    biz = business(rng)
    name = biz.legal_name if rng.random() < 0.6 else biz.trade_name
    issue = random_day(rng, dt.date(2018, 1, 1), dt.date(2025, 6, 30))
    first = issue if rng.random() < 0.6 else random_day(rng, dt.date(2012, 1, 1), issue)
    years = rng.choice([1, 2, 3, 5])
    till = dt.date(issue.year + years, issue.month, min(issue.day, 28)) - dt.timedelta(days=1)
    state = f"{rng.randint(10, 36):02d}"
    number = ("2" if kind == "registration" else "1") + state + f"{first.year % 100:02d}" + \
        f"{rng.randint(1, 999):03d}" + f"{rng.randint(1, 999999):06d}"
    fam = rng.choice(SERIF + SANS)
    c = a4_canvas()
    green = graphics.tint((20, 110, 60), rng, 15)
    c.paste(graphics.emblem(rng, 140, green), 120, 60)
    c.text(c.w / 2, 70, "Government of India", fam, 26, align="m")
    c.text(c.w / 2, 110, "Food Safety and Standards Authority of India", fam, 34, bold=True, align="m", fill=green)
    c.text(c.w / 2, 160, "(Ministry of Health and Family Welfare)", fam, 20, align="m")
    y = 240.0
    if kind == "registration":
        c.text(c.w / 2, y, rng.choice(["Registration Certificate", "REGISTRATION CERTIFICATE"]), fam, 36,
               bold=True, align="m")
        y += 60
        number_label, name_label = "Registration Number", rng.choice(["Name of the Food Business Operator",
                                                                      "Name of Registered FBO"])
        address_label, authority = "Address of Premises", "Registering Authority"
    else:
        c.text(c.w / 2, y, "Form C", fam, 32, bold=True, align="m")
        c.text(c.w / 2, y + 46, "(See Regulation 2.1.4 (1))", fam, 20, align="m")
        c.text(c.w / 2, y + 86, "License under Food Safety and Standards Act, 2006", fam, 28, bold=True, align="m")
        y += 150
        if kind == "central_licence":
            c.text(c.w / 2, y, "CENTRAL LICENSE", fam, 26, bold=True, align="m", fill=green)
            authority = "Central Licensing Authority"
        else:
            c.text(c.w / 2, y, "STATE LICENSE", fam, 26, bold=True, align="m", fill=green)
            authority = "Designated Officer"
        y += 60
        number_label, name_label = "License Number", "Name of Licensee"
        address_label = "Address of Authorized Premises"
    address = ", ".join(biz.addr.parts)
    kind_of_business = rng.choice(_KINDS)
    rows = [(number_label, number), (name_label, name),
            (address_label, wrap_words(c, address, 800, fam, 22)),
            ("Kind of Business", kind_of_business), ("Date of Issue", fmt_date(issue)),
            (rng.choice(["Valid Upto", "Valid Up to", "Validity"]), fmt_date(till))]
    cell = Cell(fam, fam, 21, 22, value_bold=rng.random() < 0.5)
    y = kv_table(c, 120, y + 20, rows, (520, 894), cell) + 60
    c.text(120, y, "The license/registration is subject to the conditions of the FSS Regulations.", fam, 18,
           fill=(80, 80, 80))
    c.paste(graphics.signature(rng, 280, 80), 1150, y + 80)
    c.text(1290, y + 180, authority, fam, 22, align="m")
    c.text(1290, y + 212, biz.addr.state, fam, 20, align="m", fill=(80, 80, 80))
    truth = {"licence_number": number, "business_name": name, "address": address,
             "valid_till": fmt_date(till), "kind": kind, "issue_date": fmt_date(issue),
             "kind_of_business": kind_of_business}
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def state_licence(rng: random.Random) -> Rendered:
    return _certificate(rng, "state_licence")


def central_licence(rng: random.Random) -> Rendered:
    return _certificate(rng, "central_licence")


def registration(rng: random.Random) -> Rendered:
    return _certificate(rng, "registration")


LAYOUTS: dict[str, LayoutFn] = {"state_licence": state_licence, "central_licence": central_licence,
                                "registration": registration}
A4_LAYOUTS = frozenset(LAYOUTS)
