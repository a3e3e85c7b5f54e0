"""Motor insurance certificates cum policy schedules, in three insurers' kinds of design.

What every one prints (:mod:`kagaz.doctypes.insurance`; Form 51 of the CMV Rules 1989 and the
policy schedule): the insurer's registered name, the policy (and certificate) number, the insured,
the registration mark, the engine and chassis numbers, the period of insurance, the IDV and the
premium with GST, the limitations as to use. Layouts (A4 pages, exportable as born-digital PDFs):

* ``private``: a private insurer's (ICICI Lombard, Bajaj Allianz, HDFC ERGO, Tata AIG…)
  "Certificate of Insurance cum Policy Schedule": a coloured band, "Label : value" pairs in two
  columns, "Policy Start Date" / "Policy End Date", an IDV table (vehicle, accessories, "Total
  IDV") and a premium table (own damage, third party, net, GST, "Total Premium Payable").
* ``psu``: a public-sector insurer's (New India, United India, National, Oriental) Form 51
  certificate: "Certificate No. & Policy No.", "Registration Mark", "Period of Insurance: From
  00:00 hrs on … To Midnight of …", "Insured's Declared Value (IDV)", "Gross Premium", the
  limitations as to use and the persons entitled to drive.
* ``digital``: a digital insurer's two-wheeler or car policy (Go Digit, SBI General, IFFCO-Tokio…):
  a ruled table of label / value rows, "Vehicle IDV", "Final Premium (incl. GST)".

Truth: ``policy_number`` without spaces, ``insurer_name`` as printed, ``insured_name`` without
honorific, ``registration_number`` compact, dates ``DD/MM/YYYY``, ``idv`` the total IDV and
``premium`` the total payable, both ``"525000.00"``.
"""

from __future__ import annotations

import datetime as dt
import random

from kagaz.synth import graphics
from kagaz.synth.billing import inr, rupee
from kagaz.synth.certificates import Cell, kv_table, paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import add_years, fmt_date, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas
from kagaz.synth.vehicle import INSURERS, Vehicle, owner, vehicle

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_PRIVATE = [i for i in INSURERS if i.split()[0] in ("ICICI", "Bajaj", "HDFC", "Tata", "Cholamandalam",
                                                     "Reliance", "Royal")]
_PSU = [i for i in INSURERS if i.split()[0] in ("The", "United", "National")]
_DIGITAL = [i for i in INSURERS if i.split()[0] in ("Go", "SBI", "IFFCO-Tokio")]
_STATES = ["MH", "KA", "TN", "GJ", "UP", "DL", "RJ", "KL", "TS", "WB", "MP", "HR"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _policy_number(rng: random.Random, style: str) -> str:
    if style == "private":
        return rng.choice([f"3001/{_digits(rng, 9)}/00/000", f"OG-{rng.randint(22, 25)}-{_digits(rng, 4)}-"
                           f"{_digits(rng, 4)}-{_digits(rng, 8)}", f"2311{_digits(rng, 15)}",
                           f"{_digits(rng, 10)}-00"])
    if style == "psu":
        return rng.choice([f"{_digits(rng, 6)}31{rng.randint(22, 25)}01{_digits(rng, 8)}",
                           f"{_digits(rng, 7)}/{_digits(rng, 5)}/{rng.randint(2022, 2025)}"])
    return rng.choice([f"D{_digits(rng, 9)}", f"P{_digits(rng, 6)}{rng.randint(22, 25)}{_digits(rng, 6)}"])


def _figures(rng: random.Random, v: Vehicle) -> dict[str, int]:
    two_wheeler = "2W" in v.vehicle_class
    idv = rng.randint(25, 110) * 1000 if two_wheeler else rng.randint(280, 1400) * 1000
    acc = rng.choice([0, 0, rng.randint(5, 30) * 1000]) if not two_wheeler else 0
    od = round((idv + acc) * rng.uniform(0.012, 0.03))
    tp = 1366 if two_wheeler else rng.choice([2094, 3416])
    net = od + tp + rng.choice([0, 330, 750])
    gst = round(net * 0.18)
    return {"idv": idv, "acc": acc, "total_idv": idv + acc, "od": od, "tp": tp, "net": net, "gst": gst,
            "total": net + gst}


def _policy(rng: random.Random, style: str) -> dict:
    state = rng.choice(_STATES)
    v, o = vehicle(rng, state), owner(rng, state)
    start = random_date(rng, dt.date(2019, 1, 1), dt.date(2025, 9, 30))
    name = o.person.name.upper() if rng.random() < 0.6 else o.person.name
    title = rng.choice(["", "Mr. " if o.person.gender == "MALE" else "Ms. "])
    insurer = rng.choice({"private": _PRIVATE, "psu": _PSU, "digital": _DIGITAL}[style])
    fig = _figures(rng, v)
    number = _policy_number(rng, style)
    truth = {"policy_number": number, "insurer_name": insurer, "insured_name": name,
             "registration_number": v.registration, "policy_start": fmt_date(start),
             "policy_end": fmt_date(add_years(start, 1) - dt.timedelta(days=1)),
             "idv": f"{fig['total_idv']}.00", "premium": f"{fig['total']}.00",
             "chassis_number": v.vin, "engine_number": v.engine}
    addr = ", ".join([*o.address.parts, f"{o.address.state} - {o.address.pin}"])
    return {"v": v, "insured": f"{title}{name}", "addr": addr, "start": start,
            "end": add_years(start, 1) - dt.timedelta(days=1), "fig": fig, "truth": truth, "insurer": insurer,
            "number": number}


def _money(n: int) -> str:
    return inr(n)


def _pairs(c: Canvas, pairs: list[tuple[str, str]], x: float, y: float, fam: str, *, col: float = 360,
           width: float = 1400, step: float = 50) -> float:
    for label, value in pairs:
        c.text(x, y, label, fam, 20, fill=(70, 70, 70))
        c.text(x + col, y, ":", fam, 20)
        c.text(x + col + 22, y, value, fam, c.fit(value, fam, 21, width - col - 30), bold=True)
        y += step
    return y


def private(rng: random.Random) -> Rendered:
    """"Certificate of Insurance cum Policy Schedule" of a private insurer."""
    p = _policy(rng, "private")
    v, fig = p["v"], p["fig"]
    fam = rng.choice(SANS)
    c = a4_canvas()
    band = graphics.tint(rng.choice([(150, 20, 30), (0, 70, 140), (230, 110, 20), (20, 100, 70)]), rng, 20)
    c.rect((0, 0, c.w, 150), fill=band)
    c.text(80, 40, p["insurer"], fam, c.fit(p["insurer"], fam, 34, 1450), bold=True, fill=(255, 255, 255))
    c.text(80, 95, f"IRDAI Reg. No. {rng.randint(100, 199)}  |  CIN: U66010MH{rng.randint(2000, 2010)}PLC{_digits(rng, 6)}",
           fam, 18, fill=(255, 255, 255))
    kind = "Private Car Package Policy" if "2W" not in v.vehicle_class else "Two Wheeler Package Policy"
    c.text(c.w / 2, 190, "Certificate of Insurance cum Policy Schedule", fam, 30, bold=True, align="m")
    c.text(c.w / 2, 235, kind, fam, 23, align="m")
    y = _pairs(c, [("Policy Number", p["number"]), ("Insured Name", p["insured"]), ("Address", p["addr"]),
                   ("Policy Start Date", f"{fmt_date(p['start'])} 00:00 Hrs"),
                   ("Policy End Date", f"{fmt_date(p['end'])} Midnight"),
                   ("Registration No.", v.printed_registration), ("Make / Model", f"{v.maker} / {v.model}"),
                   ("Engine No.", v.engine), ("Chassis No.", v.vin),
                   ("Year of Manufacture", str(v.manufactured.year))], 90, 300, fam)
    cell = Cell(fam, fam, 20, 21, value_bold=True)
    c.text(90, y + 20, "Insured's Declared Value (IDV)", fam, 23, bold=True)
    rows = [("Vehicle IDV", _money(fig["idv"])), ("Non-Electrical Accessories", _money(fig["acc"])),
            ("Total IDV (Rs.)", _money(fig["total_idv"]))]
    y = kv_table(c, 90, y + 65, rows, (700, 500), cell)
    c.text(90, y + 30, "Premium Details (Rs.)", fam, 23, bold=True)
    rows = [("Own Damage Premium", _money(fig["od"])), ("Third Party Premium", _money(fig["tp"])),
            ("Net Premium", _money(fig["net"])), ("GST @ 18%", _money(fig["gst"])),
            ("Total Premium Payable", _money(fig["total"]))]
    y = kv_table(c, 90, y + 75, rows, (700, 500), cell)
    y = paragraph(c, "Limitations as to use: The policy covers use of the vehicle for any purpose other than "
                  "hire or reward. Persons or classes of persons entitled to drive: any person holding an "
                  "effective driving licence. Issued under section 147 of the Motor Vehicles Act, 1988.",
                  90, y + 30, 1450, fam, 18)
    c.paste(graphics.signature(rng, 240, 70), 1250, y + 20)
    c.text(1200, y + 100, "Authorised Signatory", fam, 19)
    return Rendered(c.img, p["truth"], page="a4", dpi=200, canvas=c)


def psu(rng: random.Random) -> Rendered:
    """A public-sector insurer's Form 51 certificate with the schedule under it."""
    p = _policy(rng, "psu")
    v, fig = p["v"], p["fig"]
    fam = rng.choice(SERIF + SANS[:1])
    c = a4_canvas()
    ink = graphics.tint((20, 40, 110), rng, 20)
    p["truth"]["insurer_name"] = p["insurer"].upper()  # printed in capitals
    c.text(c.w / 2, 60, p["insurer"].upper(), fam, c.fit(p["insurer"].upper(), fam, 32, 1450), bold=True,
           fill=ink, align="m")
    c.text(c.w / 2, 110, "(A Government of India Undertaking)", fam, 20, align="m")
    c.text(c.w / 2, 170, "MOTOR INSURANCE - CERTIFICATE OF INSURANCE", fam, 27, bold=True, align="m")
    c.text(c.w / 2, 212, "FORM 51 (See Rule 141 of the Central Motor Vehicles Rules, 1989)", fam, 19, align="m")
    period = (f"From 00:00 hrs on {fmt_date(p['start'])} To Midnight of {fmt_date(p['end'])}")
    rows = [("Certificate No. & Policy No.", p["number"]), ("Name of the Insured", p["insured"]),
            ("Address of the Insured", p["addr"]), ("Registration Mark and Number", v.printed_registration),
            ("Engine Number", v.engine), ("Chassis Number", v.vin), ("Make and Model", f"{v.maker} {v.model}"),
            ("Period of Insurance", period), ("Insured's Declared Value (IDV)", f"Rs. {_money(fig['total_idv'])}"),
            ("Net Premium", f"Rs. {_money(fig['net'])}"), ("GST", f"Rs. {_money(fig['gst'])}"),
            ("Gross Premium", f"Rs. {_money(fig['total'])}")]
    cell = Cell(fam, fam, 20, 21, value_bold=rng.random() < 0.6)
    y = kv_table(c, 100, 270, rows, (560, 890), cell)
    y = paragraph(c, "Persons or classes of persons entitled to drive: the insured or any other person provided "
                  "he holds an effective driving licence. Limitations as to use: use only for social, domestic "
                  "and pleasure purposes.", 100, y + 30, 1450, fam, 19)
    c.text(100, y + 30, "I/We hereby certify that the policy to which this certificate relates is issued in "
           "accordance with the Motor Vehicles Act, 1988.", fam, 17)
    c.paste(graphics.signature(rng, 240, 70), 1200, y + 80)
    c.text(1150, y + 160, "For the Insurer - Authorised Signatory", fam, 19)
    return Rendered(c.img, p["truth"], page="a4", dpi=200, canvas=c)


def digital(rng: random.Random) -> Rendered:
    """A digital insurer's policy: a ruled table of label / value rows."""
    p = _policy(rng, "digital")
    v, fig = p["v"], p["fig"]
    fam = rng.choice(SANS)
    c = a4_canvas()
    ink = graphics.tint(rng.choice([(240, 180, 0), (30, 30, 30), (0, 120, 200)]), rng, 20)
    c.rect((70, 50, 170, 150), fill=ink, radius=20)
    c.text(200, 65, p["insurer"], fam, c.fit(p["insurer"], fam, 30, 1300), bold=True)
    c.text(200, 110, "Motor Insurance Policy - Comprehensive", fam, 21, fill=(90, 90, 90))
    cell = Cell(fam, fam, 20, 22, value_bold=True)
    rows = [("Policy No", p["number"]), ("Name of Insured", p["insured"]),
            ("Vehicle Registration Number", v.printed_registration), ("Manufacturer / Model", f"{v.maker} {v.model}"),
            ("Chassis No", v.vin), ("Engine No", v.engine), ("Policy Start Date", fmt_date(p["start"], "-")),
            ("Policy End Date", fmt_date(p["end"], "-")), ("Vehicle IDV", f"{rupee(fam)} {_money(fig['total_idv'])}"),
            ("Net Premium", f"{rupee(fam)} {_money(fig['net'])}"),
            ("Final Premium (incl. GST)", f"{rupee(fam)} {_money(fig['total'])}")]
    y = kv_table(c, 100, 220, rows, (620, 830), cell, stripe=(244, 246, 250))
    paragraph(c, "This policy is issued under the Motor Vehicles Act, 1988. Limitations as to use and persons "
              "entitled to drive are as per the policy wordings. IRDAI approved product.", 100, y + 40, 1450, fam, 18)
    return Rendered(c.img, p["truth"], page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"private": private, "psu": psu, "digital": digital}
A4_LAYOUTS = frozenset(LAYOUTS)
