"""Delivery orders from consumer-durable financiers, and dealers' delivery challans.

Layouts (A4, exportable as born-digital PDFs):

* ``letter``: a financier's letter-style delivery order: letterhead, "DELIVERY ORDER", "DO No."
  and date, "To, The Dealer / M/s ..." with the dealer's address, a paragraph ("We have
  sanctioned a loan to our customer Mr. ... please deliver ...") and a labelled block (customer,
  product, total cost, down payment, loan amount, sometimes a processing fee and the EMI).
* ``grid``: a financier's form-style delivery order: a boxed two-column grid of labels and
  values ("Dealer Name", "Asset Description", "Asset Cost", "Margin Money", "Amount Financed").
* ``challan``: a dealer's delivery challan: the dealer's header, "DELIVERY CHALLAN",
  "Challan No.", the customer, the financier, an items table, the total and the finance split.

Financier names are drawn from many prefixes and suffixes, so that an extractor cannot learn a
fixed list. Truth: amounts ``"123456.00"``, dates ``DD/MM/YYYY``, names without honorifics.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kagaz.synth import graphics
from kagaz.synth.billing import CATALOGUE, Party, gstin, inr, party, rupee, serial_no
from kagaz.synth.certificates import paragraph
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS", "financier_name"]

_FIN_HEAD = ["Shriram", "Kotak", "HDB", "TVS", "Bajaj", "IDFC First", "Hero", "Muthoot",
             "Cholamandalam", "Mahindra", "Tata", "Poonawalla", "Aditya Birla", "Sundaram",
             "Jana", "Vastu", "Kisan", "Sarvodaya", "Navjeevan", "Annapurna", "Suryoday", "Fairdeal"]
_FIN_TAIL = ["Finance Limited", "Finance Ltd.", "Financial Services Limited", "Credit Services Ltd.",
             "Capital Limited", "FinCorp Ltd.", "Small Finance Bank", "Fincap Pvt. Ltd.",
             "Finance & Investment Co. Ltd.", "Consumer Finance Ltd."]


def financier_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIN_HEAD)} {rng.choice(_FIN_TAIL)}"


def _deal(rng: random.Random) -> dict:
    desc = rng.choice([c for c in CATALOGUE if c[3]])[0]
    lo, hi = next(c[2] for c in CATALOGUE if c[0] == desc)
    total = Decimal(rng.randint(lo, hi))
    down = (total * Decimal(rng.choice([10, 15, 20, 25, 30])) / 100).quantize(Decimal(1))
    if rng.random() < 0.3:
        down = Decimal(rng.choice([0, 1999, 2999, 4999]))
    loan = total - down
    tenure = rng.choice([6, 8, 9, 10, 12, 15, 18, 24])
    return {"desc": desc, "total": total, "down": down, "loan": loan, "tenure": tenure,
            "emi": (loan / tenure).quantize(Decimal(1)),
            "fee": Decimal(rng.choice([0, 0, 199, 299, 499, 999]))}


def _customer(rng: random.Random) -> tuple[str, str]:
    p = person(rng)
    name = p.name.upper() if rng.random() < 0.3 else p.name
    title = ("Mr." if p.gender == "MALE" else rng.choice(["Mrs.", "Ms."])) if rng.random() < 0.7 else ""
    return name, title


def _money(rng: random.Random, fam: str, v: Decimal) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{rupee(fam)} {inr(v)}"
    if style < 0.7:
        return f"Rs. {inr(v)}/-"
    return inr(v)


def _truth(do_no: str, date: dt.date, dealer: Party, customer: str, fin: str, deal: dict) -> dict:
    return {"do_number": do_no, "do_date": fmt_date(date), "dealer_name": dealer.name,
            "dealer_address": dealer.address, "customer_name": customer, "financier_name": fin,
            "product_description": deal["desc"], "total_amount": f"{deal['total']:.2f}",
            "loan_amount": f"{deal['loan']:.2f}", "down_payment": f"{deal['down']:.2f}"}


def _letterhead(c: Canvas, rng: random.Random, fam: str, fin: str) -> float:
    color = graphics.tint(rng.choice([(10, 50, 120), (0, 90, 160), (140, 20, 30), (20, 90, 50)]), rng, 20)
    c.rect((0, 0, c.w, 16), fill=color)
    c.text(100, 60, fin, fam, c.fit(fin, fam, 46, 1100), bold=True, fill=color)
    office = party(rng, font=fam, size=20, width=1300)
    c.text(100, 130, "Regd. Office: " + office.address, fam, c.fit("Regd. Office: " + office.address, fam, 20, 1450),
           fill=(70, 70, 70))
    c.text(100, 162, f"CIN: U65{rng.randint(100, 999)}MH{rng.randint(1990, 2015)}PLC{rng.randint(100000, 999999)}"
           f"   Customer Care: 1800-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}", fam, 18, fill=(70, 70, 70))
    c.line([(100, 200), (c.w - 100, 200)], fill=color, width=3)
    return 240.0


def letter(rng: random.Random) -> Rendered:
    """A financier's letter-style delivery order."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(23, 26)
    fin = financier_name(rng)
    dealer = party(rng, font=fam, size=s, width=700)
    customer, title = _customer(rng)
    deal = _deal(rng)
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 3, 31))
    do_no = rng.choice([f"DO{rng.randint(10**7, 10**9)}", f"DO/{date.year}/{rng.randint(1000, 999999)}",
                        f"{rng.randint(10**9, 10**10 - 1)}", f"CD-{rng.randint(100000, 999999)}"])
    c = a4_canvas()
    y = _letterhead(c, rng, fam, fin)
    c.text(c.w / 2, y, rng.choice(["DELIVERY ORDER", "Delivery Order", "DELIVERY ORDER (DO)"]), fam,
           s + 8, bold=True, align="m")
    y += s * 2.6
    sep = rng.choice([": ", " : ", ":"])
    c.text(120, y, f"{rng.choice(['DO No.', 'D.O. No.', 'DO Number'])}{sep}{do_no}", fam, s, bold=True)
    c.text(c.w - 120, y, f"Date{sep}{fmt_date(date, rng.choice(['/', '-', '.']))}", fam, s, align="r")
    y += s * 2.4
    c.text(120, y, "To,", fam, s)
    y += s * 1.5
    if rng.random() < 0.5:
        c.text(120, y, "The Dealer / Manager,", fam, s)
        y += s * 1.5
    c.text(120, y, f"M/s. {dealer.name}" if rng.random() < 0.7 else dealer.name, fam, s, bold=True)
    y += s * 1.5
    for line in dealer.lines:
        c.text(120, y, line, fam, s)
        y += s * 1.45
    y += s
    c.text(120, y, "Subject: Delivery Order for Consumer Durable Loan", fam, s, bold=True)
    y += s * 2
    c.text(120, y, "Dear Sir / Madam,", fam, s)
    y += s * 1.8
    who = f"{title} {customer}".strip()
    body = (f"We have sanctioned a loan to our customer {who} for the purchase of the product "
            f"mentioned below. You are requested to deliver the product to the customer on receipt "
            f"of the down payment, and to raise the invoice in the name of the customer with "
            f"hypothecation in favour of {fin}".rstrip(".") + ".")
    y = paragraph(c, body, 120, y, c.w - 240, fam, s) + s
    rows = [("Customer Name", customer), ("Loan Account No.", f"{rng.randint(10**11, 10**12 - 1)}"),
            ("Product", deal["desc"]),
            (rng.choice(["Total Amount", "Product Cost", "Invoice Value"]), _money(rng, fam, deal["total"])),
            (rng.choice(["Down Payment", "Down Payment Amount", "Margin Money"]), _money(rng, fam, deal["down"]))]
    if deal["fee"]:
        rows.append(("Processing Fee", _money(rng, fam, deal["fee"])))
    rows.append((rng.choice(["Loan Amount", "Finance Amount", "Amount Financed"]), _money(rng, fam, deal["loan"])))
    rows.append(("EMI", f"{_money(rng, fam, deal['emi'])} x {deal['tenure']} months"))
    for lab, val in rows:
        c.text(160, y, lab, fam, s)
        c.text(600, y, f": {val}", fam, s, bold=lab in ("Customer Name", "Product"))
        y += s * 1.6
    y += s
    y = paragraph(c, "This delivery order is valid for 7 days from the date of issue. Kindly collect "
              "the KYC documents and the signed loan agreement before delivery.", 120, y, c.w - 240, fam, s * 0.9)
    y += s * 2
    c.text(120, y, f"For {fin}", fam, s, bold=True)
    c.paste(graphics.signature(rng, 260, 80), 120, y + s * 1.5)
    c.text(120, y + s * 5.5, "Authorised Signatory", fam, s)
    truth = _truth(do_no, date, dealer, customer, fin, deal)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def grid(rng: random.Random) -> Rendered:
    """A financier's form-style delivery order: a boxed grid of labels and values."""
    fam = rng.choice(SANS)
    s = rng.uniform(22, 25)
    fin = financier_name(rng)
    dealer = party(rng, font=fam, size=s, width=560)
    customer, title = _customer(rng)
    deal = _deal(rng)
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 3, 31))
    do_no = f"{rng.choice(['DO', 'CDL', 'D'])}{rng.randint(10**8, 10**10)}"
    c = a4_canvas()
    y = _letterhead(c, rng, fam, fin)
    c.text(c.w / 2, y, "DELIVERY ORDER", fam, s + 10, bold=True, align="m")
    y += s * 3
    L, R, M = 100.0, 1554.0, 560.0
    rows = [("DO No.", do_no), ("DO Date", fmt_date(date, rng.choice(["/", "-"]))),
            ("Dealer Name", dealer.name), ("Dealer Address", dealer.lines),
            ("Customer Name", f"{title} {customer}".strip()),
            ("Mobile No.", f"{rng.choice('6789')}{rng.randint(0, 10**9 - 1):09d}"),
            (rng.choice(["Asset Description", "Product Description", "Make / Model"]), deal["desc"]),
            ("Serial No.", serial_no(rng)) if rng.random() < 0.4 else None,
            (rng.choice(["Asset Cost", "Total Amount", "Invoice Amount"]), _money(rng, fam, deal["total"])),
            (rng.choice(["Margin Money", "Down Payment"]), _money(rng, fam, deal["down"])),
            (rng.choice(["Amount Financed", "Loan Amount", "Finance Amount"]), _money(rng, fam, deal["loan"])),
            ("Tenure", f"{deal['tenure']} months"), ("EMI", _money(rng, fam, deal["emi"]))]
    if deal["fee"]:
        rows.insert(-2, ("Processing Charges", _money(rng, fam, deal["fee"])))
    top = y
    for row in rows:
        if row is None:
            continue
        lab, val = row
        lines = val if isinstance(val, list) else [val]
        h = s * (0.8 + 1.45 * len(lines))
        c.text(L + 14, y + s * 0.45, lab, fam, s, bold=True)
        for k, v in enumerate(lines):
            c.text(M + 14, y + s * 0.45 + k * s * 1.45, v, fam, s)
        y += h
        c.line([(L, y), (R, y)], fill=(90, 90, 90), width=2)
    c.rect((L, top, R, y), outline=(60, 60, 60), width=2)
    c.line([(M, top), (M, y)], fill=(90, 90, 90), width=2)
    y += s * 2
    y = paragraph(c, "Please deliver the above asset to the customer after collecting the margin money. "
              f"The invoice must be raised in the name of the customer, hypothecated to {fin}".rstrip(".") + ".",
              L, y, R - L, fam, s * 0.9)
    c.text(R, y + s * 3, "Authorised Signatory", fam, s, align="r")
    truth = _truth(do_no, date, dealer, customer, fin, deal)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def challan(rng: random.Random) -> Rendered:
    """A dealer's delivery challan for a financed product."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    dealer = party(rng, font=fam, size=s, width=900)
    if rng.random() < 0.4:
        dealer.name = dealer.name.upper()
    fin = financier_name(rng)
    customer, title = _customer(rng)
    buyer = party(rng, business=False, font=fam, size=s, width=640)
    deal = _deal(rng)
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 3, 31))
    do_no = rng.choice([f"DC-{rng.randint(100, 99999)}", f"DC/{date:%y}/{rng.randint(1, 9999):04d}",
                        f"{rng.randint(100, 9999)}"])
    c = a4_canvas()
    c.text(c.w / 2, 70, dealer.name, fam, c.fit(dealer.name, fam, 42, 1400), bold=True, align="m")
    y = 135.0
    for line in dealer.lines:
        c.text(c.w / 2, y, line, fam, s, align="m")
        y += s * 1.4
    c.text(c.w / 2, y, f"GSTIN: {gstin(rng, dealer.state_code)}   Ph: {dealer.phone}", fam, s, align="m")
    y += s * 2.4
    c.rect((100, y, c.w - 100, y + s * 2), fill=(230, 230, 230))
    c.text(c.w / 2, y + s * 0.4, "DELIVERY CHALLAN", fam, s + 6, bold=True, align="m")
    y += s * 3.2
    sep = rng.choice([": ", " : "])
    c.text(120, y, f"Challan No{sep}{do_no}", fam, s, bold=True)
    c.text(c.w - 120, y, f"Date{sep}{fmt_date(date, rng.choice(['/', '-', '.']))}", fam, s, align="r")
    y += s * 2
    c.text(120, y, f"Customer Name{sep}{title + ' ' if title else ''}{customer}", fam, s)
    c.text(c.w - 120, y, f"Financier{sep}{fin}", fam, s, align="r")
    y += s * 1.5
    for k, line in enumerate(buyer.lines):
        c.text(120, y, (f"Address{sep}" if k == 0 else "") + line, fam, s)
        y += s * 1.45
    if rng.random() < 0.6:
        c.text(120, y, f"Ref. DO No{sep}DO{rng.randint(10**7, 10**9)}", fam, s)
        y += s * 1.45
    y += s
    cols = [100, 200, 1000, 1150, 1554]
    c.rect((cols[0], y, cols[-1], y + s * 1.8), outline=(60, 60, 60), width=2)
    for x, h in zip(cols, ["S.No", "Description of Goods", "Qty", "Amount"]):
        c.text(x + 12, y + s * 0.35, h, fam, s, bold=True)
    y += s * 1.8 + 12
    c.text(cols[0] + 12, y, "1", fam, s)
    c.text(cols[1] + 12, y, deal["desc"], fam, c.fit(deal["desc"], fam, s, cols[2] - cols[1] - 24))
    c.text(cols[2] + 12, y, "1", fam, s)
    c.text(cols[4] - 12, y, inr(deal["total"]), fam, s, align="r")
    y += s * 1.45
    c.text(cols[1] + 12, y, f"Serial No: {serial_no(rng)}", fam, s * 0.9)
    y += s * 1.8
    c.line([(cols[0], y), (cols[-1], y)], fill=(60, 60, 60), width=2)
    y += 12
    c.text(cols[2] + 12, y, "Total", fam, s, bold=True)
    c.text(cols[4] - 12, y, _money(rng, fam, deal["total"]), fam, s, bold=True, align="r")
    y += s * 2.5
    c.text(120, y, "Finance Details", fam, s, bold=True)
    y += s * 1.6
    for lab, v in ((rng.choice(["Loan Amount", "Finance Amount"]), deal["loan"]),
                   (rng.choice(["Down Payment", "Down Payment Received"]), deal["down"])):
        c.text(120, y, f"{lab}{sep}{_money(rng, fam, v)}", fam, s)
        y += s * 1.5
    y += s * 2
    c.text(120, y, "Received the above goods in good condition.", fam, s * 0.9)
    c.text(120, y + s * 4, "Customer Signature", fam, s)
    c.text(c.w - 120, y + s * 4, f"For {dealer.name}", fam, s, align="r")
    truth = _truth(do_no, date, dealer, customer, fin, deal)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"letter": letter, "grid": grid, "challan": challan}
A4_LAYOUTS = frozenset(LAYOUTS)
