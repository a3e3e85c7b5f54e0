"""The ``durable`` invoice layout: a consumer-durable dealer's invoice, with IMEIs and serial
numbers under the items."""

from __future__ import annotations

import random

from kagaz.synth import graphics
from kagaz.synth.billing import amount_words, gstin, inr
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import fmt_date
from kagaz.synth.invoice_bill import fiscal_year, hline, random_bill
from kagaz.synth.layout import Rendered, a4_canvas

__all__ = ["durable"]


def durable(rng: random.Random) -> Rendered:
    """A consumer-durable dealer's invoice with IMEIs and serial numbers under the items."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    bill = random_bill(rng, n=(1, 3), durable=True, b2b=False, font=fam, size=s, width=620)
    if rng.random() < 0.25:
        bill.buyer.gstin = gstin(rng, bill.buyer.state_code, "P")
    bill.number = rng.choice([f"SE/{fiscal_year(bill.date)}/{rng.randint(1, 9999):04d}",
                              f"GST-{rng.randint(1000, 99999)}", f"{rng.randint(100, 9999)}",
                              f"INV{bill.date:%y}{rng.randint(10000, 99999)}"])
    bill.settle(rounding=rng.random() < 0.5)
    c = a4_canvas()
    L, R = 90.0, 1564.0
    band = graphics.tint(rng.choice([(20, 60, 130), (150, 20, 30), (10, 100, 60), (60, 60, 60)]), rng, 20)
    c.rect((0, 0, c.w, 200), fill=band)
    if rng.random() < 0.5:
        bill.seller.name = bill.seller.name.upper()
    name = bill.seller.name
    c.text(L, 40, name, fam, c.fit(name, fam, 50, R - L), bold=True, fill=(255, 255, 255))
    brands = rng.sample(["Samsung", "LG", "Sony", "Whirlpool", "Vivo", "Oppo", "Godrej", "Voltas"], 3)
    c.text(L, 120, "Authorised Dealer: " + " | ".join(brands), fam, 24, fill=(235, 235, 235))
    y = 230.0
    for line in bill.seller.lines:
        c.text(L, y, line, fam, s)
        y += s * 1.4
    c.text(L, y, f"Mob: {bill.seller.phone}   GSTIN: {bill.seller.gstin}", fam, s)
    y += s * 2.4
    c.text(c.w / 2, y, "TAX INVOICE", fam, s + 8, bold=True, align="m")
    y += s * 2.4
    sep = rng.choice([": ", " : ", ":"])
    c.text(L, y, f"Invoice No{sep}{bill.number}", fam, s, bold=True)
    c.text(R, y, f"Invoice Date{sep}{fmt_date(bill.date, rng.choice(['/', '-', '.']))}", fam, s,
           bold=True, align="r")
    y += s * 2
    box = y
    c.text(L + 12, y + 10, "Customer Details", fam, s, bold=True)
    yy = y + 10 + s * 1.6
    c.text(L + 12, yy, f"Name{sep}{bill.buyer.name}", fam, s)
    yy += s * 1.45
    for k, line in enumerate(bill.buyer.lines):
        c.text(L + 12, yy, (f"Address{sep}" if k == 0 else "") + line, fam, s)
        yy += s * 1.45
    c.text(L + 12, yy, f"Mobile{sep}{bill.buyer.phone}", fam, s)
    yy += s * 1.45
    if bill.buyer.gstin:
        c.text(L + 12, yy, f"Customer GSTIN{sep}{bill.buyer.gstin}", fam, s)
        yy += s * 1.45
    fin = rng.choice(["Bajaj Finance Ltd", "HDB Financial Services", "TVS Credit Services Ltd",
                      "Home Credit India", "IDFC First Bank", "Cash / UPI"])
    c.text(900, y + 10, "Payment / Finance", fam, s, bold=True)
    c.text(900, y + 10 + s * 1.6, f"Financier{sep}{fin}", fam, s)
    if "Cash" not in fin:
        c.text(900, y + 10 + s * 3.05, f"DO No{sep}{rng.randint(10**7, 10**8 - 1)}", fam, s)
    y = yy + 16
    c.rect((L, box, R, y), outline=(80, 80, 80), width=2)
    y += 24
    cols = [L, L + 70, L + 820, L + 960, L + 1040, L + 1240, R]
    heads = ["S.No", "Product Description", "HSN", "Qty", "Unit Price", "Taxable Value"]
    c.rect((L, y, R, y + s * 1.8), fill=graphics.tint((225, 230, 240), rng, 8))
    for i, h in enumerate(heads):
        if i < 2:
            c.text(cols[i] + 8, y + 8, h, fam, s * 0.95, bold=True)
        else:
            c.text(cols[i + 1] - 8, y + 8, h, fam, s * 0.95, bold=True, align="r")
    y += s * 1.8 + 14
    for k, it in enumerate(bill.items, 1):
        c.text(cols[0] + 8, y, str(k), fam, s)
        c.text(cols[1] + 8, y, it.description, fam, c.fit(it.description, fam, s, cols[2] - cols[1] - 20))
        for i, v in ((2, it.hsn), (3, str(it.qty)), (4, inr(it.rate)), (5, inr(it.amount))):
            c.text(cols[i + 1] - 8, y, v, fam, s, align="r")
        y += s * 1.45
        for lab, val in it.serials:
            c.text(cols[1] + 8, y, f"{lab}: {val}", fam, s * 0.92)
            y += s * 1.35
        y += s * 0.4
    hline(c, L, R, y)
    y += 16
    rows = [("Taxable Value", bill.taxable)]
    if bill.intra:
        rows += [(f"CGST @ {bill.rate // 2}%", bill.cgst), (f"SGST @ {bill.rate // 2}%", bill.sgst)]
    else:
        rows += [(f"IGST @ {bill.rate}%", bill.igst)]
    if bill.round_off:
        rows.append(("Round Off", bill.round_off))
    rows.append((rng.choice(["Total Invoice Value", "Grand Total", "Total Amount"]), bill.total))
    for lab, val in rows:
        bold = lab == rows[-1][0]
        c.text(cols[3], y, lab, fam, s, bold=bold)
        c.text(R - 8, y, ("Rs. " if bold and rng.random() < 0.5 else "") + inr(val), fam, s,
               bold=bold, align="r")
        y += s * 1.5
    y += s
    c.text(L, y, f"Amount in words: Rupees {amount_words(int(bill.total))} Only", fam, s * 0.9)
    y += s * 2.5
    c.text(L, y, "Terms: Warranty as per manufacturer. Subject to local jurisdiction.", fam, s * 0.8)
    c.text(L, y + s * 4, "Customer Signature", fam, s * 0.9)
    c.text(R, y + s * 4, f"For {bill.seller.name}", fam, s * 0.9, align="r")
    return Rendered(c.img, bill.truth(), page="a4", dpi=200, canvas=c)
