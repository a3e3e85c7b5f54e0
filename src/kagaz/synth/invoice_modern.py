"""The ``modern`` invoice layout: a cloud accounting tool's invoice, with "Balance Due"."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kagaz.synth import graphics
from kagaz.synth.billing import GST_STATE, amount_words, inr, rupee
from kagaz.synth.fonts import SANS
from kagaz.synth.invoice_bill import random_bill
from kagaz.synth.layout import Rendered, a4_canvas

__all__ = ["modern"]


def modern(rng: random.Random) -> Rendered:
    """A cloud accounting tool's invoice: "Invoice#", "Bill To" with the buyer's GSTIN, per-line
    tax columns, "Sub Total", "CGST9 (9%)", "Total", "Balance Due"."""
    fam = rng.choice(SANS)
    s = rng.uniform(20, 23)
    bill = random_bill(rng, n=(1, 4), durable=rng.random() < 0.4, b2b=rng.random() < 0.6, font=fam, size=s,
                       width=560)
    bill.number = rng.choice([f"INV-{rng.randint(1, 999999):06d}", f"INV/{bill.date.year}/{rng.randint(1, 9999)}"])
    bill.settle(rounding=rng.random() < 0.3)
    c = a4_canvas()
    L, R = 90.0, 1564.0
    accent = graphics.tint(rng.choice([(30, 100, 200), (20, 20, 20), (200, 80, 20)]), rng, 20)
    c.text(L, 80, bill.seller.name, fam, 34, bold=True, fill=accent)
    y = 135.0
    for line in bill.seller.lines:
        c.text(L, y, line, fam, s)
        y += s * 1.4
    c.text(L, y, f"GSTIN {bill.seller.gstin}", fam, s)
    c.text(R, 80, "TAX INVOICE", fam, 40, align="r", fill=(90, 90, 90))
    c.text(R, 140, f"Invoice# {bill.number}", fam, s + 2, bold=True, align="r")
    y = max(y + s * 3, 330)
    c.text(L, y, "Bill To", fam, s, fill=(100, 100, 100))
    c.text(1000, y, "Invoice Date :", fam, s, align="r")
    c.text(R, y, f"{bill.date.day:02d} {bill.date:%b %Y}", fam, s, align="r")
    due = bill.date + dt.timedelta(days=rng.choice([0, 15, 30]))
    c.text(1000, y + s * 1.6, "Due Date :", fam, s, align="r")
    c.text(R, y + s * 1.6, f"{due.day:02d} {due:%b %Y}", fam, s, align="r")
    c.text(1000, y + s * 3.2, "Terms :", fam, s, align="r")
    c.text(R, y + s * 3.2, rng.choice(["Due on Receipt", "Net 15", "Net 30"]), fam, s, align="r")
    y += s * 1.6
    c.text(L, y, bill.buyer.name, fam, s + 1, bold=True)
    y += s * 1.5
    for line in bill.buyer.lines:
        c.text(L, y, line, fam, s)
        y += s * 1.4
    if bill.buyer.gstin:
        c.text(L, y, f"GSTIN {bill.buyer.gstin}", fam, s)
        y += s * 1.4
    c.text(L, y + s * 0.6, f"Place Of Supply: {bill.buyer.state} ({GST_STATE[bill.buyer.state_code]})", fam, s)
    y += s * 3
    c.rect((L, y, R, y + s * 2), fill=(50, 50, 60))
    cols = [L + 10, L + 70, 900, 1040, 1140, 1340, R - 10]
    heads = ["#", "Item & Description", "HSN/SAC", "Qty", "Rate", "Amount"]
    for i, h in enumerate(heads):
        if i < 2:
            c.text(cols[i], y + s * 0.45, h, fam, s, bold=True, fill=(255, 255, 255))
        else:
            c.text(cols[i + 1], y + s * 0.45, h, fam, s, bold=True, fill=(255, 255, 255), align="r")
    y += s * 2.6
    for k, it in enumerate(bill.items, 1):
        c.text(cols[0], y, str(k), fam, s)
        c.text(cols[1], y, it.description, fam, c.fit(it.description, fam, s, cols[2] - cols[1] - 160))
        for i, v in ((2, it.hsn), (3, f"{it.qty}.00"), (4, inr(it.rate)), (5, inr(it.amount))):
            c.text(cols[i + 1], y, v, fam, s, align="r")
        y += s * 1.45
        for lab, val in it.serials:
            c.text(cols[1], y, f"{lab}: {val}", fam, s * 0.85, fill=(90, 90, 90))
            y += s * 1.3
        y += s * 0.5
        c.line([(L, y - s * 0.3), (R, y - s * 0.3)], fill=(210, 210, 210), width=1)
    y += s
    half = Decimal(bill.rate) / 2
    rows = [("Sub Total", bill.taxable)]
    rows += ([(f"CGST{half:g} ({half:g}%)", bill.cgst), (f"SGST{half:g} ({half:g}%)", bill.sgst)] if bill.intra
             else [(f"IGST{bill.rate} ({bill.rate}%)", bill.igst)])
    if bill.round_off:
        rows.append(("Rounding", bill.round_off))
    rows += [("Total", bill.total), ("Balance Due", bill.total)]
    for lab, val in rows:
        bold = lab in ("Total", "Balance Due")
        c.text(1250, y, lab, fam, s, bold=bold, align="r")
        c.text(R - 10, y, (f"{rupee(fam)}" if bold else "") + inr(val), fam, s, bold=bold, align="r")
        y += s * 1.7
    c.text(L, y + s, f"Total In Words: Indian Rupee {amount_words(int(bill.total))} Only", fam, s * 0.9)
    c.text(L, y + s * 3, "Thanks for your business.", fam, s * 0.9)
    c.text(R, y + s * 6, "Authorized Signature", fam, s * 0.9, align="r")
    return Rendered(c.img, bill.truth(), page="a4", dpi=200, canvas=c)
