"""The ``pos`` invoice layout: a retail point-of-sale bill (B2C) printed on A4."""

from __future__ import annotations

import random
from decimal import Decimal

from kagaz.synth.billing import amount_words, inr, rupee
from kagaz.synth.fonts import MONO, SANS
from kagaz.synth.identities import fmt_date
from kagaz.synth.invoice_bill import random_bill
from kagaz.synth.layout import Rendered, a4_canvas

__all__ = ["pos"]


def pos(rng: random.Random) -> Rendered:
    """A retail point-of-sale tax invoice (B2C)."""
    fam = rng.choice(SANS + MONO)
    s = rng.uniform(23, 26)
    bill = random_bill(rng, n=(2, 7), durable=False, b2b=False, font=fam, size=s, width=900,
                       serials=False)
    bill.number = rng.choice([f"{rng.randint(1000, 99999)}", f"B{rng.randint(10000, 999999)}",
                              f"POS/{rng.randint(1, 9)}/{rng.randint(100, 9999)}"])
    bill.intra = True
    bill.settle(rounding=True)
    c = a4_canvas()
    L, R = 140.0, 1514.0
    y = 90.0
    if rng.random() < 0.6:
        bill.seller.name = bill.seller.name.upper()
    c.text(c.w / 2, y, bill.seller.name, fam, 40, bold=True, align="m")
    y += 70
    for line in bill.seller.lines:
        c.text(c.w / 2, y, line, fam, s, align="m")
        y += s * 1.4
    c.text(c.w / 2, y, f"Ph: {bill.seller.phone}   GSTIN: {bill.seller.gstin}", fam, s, align="m")
    y += s * 2.6
    c.text(c.w / 2, y, rng.choice(["TAX INVOICE", "Tax Invoice", "RETAIL INVOICE"]), fam, s + 6,
           bold=True, align="m")
    y += s * 2.4
    sep = rng.choice([":", ":", " :", " -"])
    c.text(L, y, f"{rng.choice(['Bill No', 'Invoice No', 'Inv No'])}{sep} {bill.number}", fam, s)
    c.text(R, y, f"Date{sep} {fmt_date(bill.date, rng.choice(['/', '-', '.']))}", fam, s, align="r")
    y += s * 1.5
    has_addr = rng.random() < 0.5
    c.text(L, y, f"{rng.choice(['Customer', 'Customer Name', 'Name'])}{sep} {bill.buyer.name}", fam, s)
    c.text(R, y, f"Mobile{sep} {bill.buyer.phone}", fam, s, align="r")
    y += s * 1.5
    if has_addr:
        c.text(L, y, f"Address{sep} {bill.buyer.address}", fam, s)
        y += s * 1.5
    y += 10
    cols = [L, L + 80, L + 760, L + 920, L + 1040, L + 1200, R]
    heads = ["Sr", rng.choice(["Item Description", "Particulars", "Item"]), "HSN", "Qty",
             rng.choice(["Rate", "Price"]), "Amount"]
    c.rect((L, y + 8, R, y + 9), fill=(60, 60, 60))
    y += 24
    for i, h in enumerate(heads):
        if i < 2:
            c.text(cols[i], y, h, fam, s, bold=True)
        else:
            c.text(cols[i + 1] - 10, y, h, fam, s, bold=True, align="r")
    y += s * 1.5
    c.rect((L, y, R, y + 2), fill=(60, 60, 60))
    y += 16
    for k, it in enumerate(bill.items, 1):
        desc = it.description
        c.text(cols[0], y, str(k), fam, s)
        c.text(cols[1], y, desc, fam, c.fit(desc, fam, s, cols[2] - cols[1] - 20))
        for i, v in ((2, it.hsn), (3, str(it.qty)), (4, inr(it.rate)), (5, inr(it.amount))):
            c.text(cols[i + 1] - 10, y, v, fam, s, align="r")
        y += s * 1.55
    c.rect((L, y, R, y + 2), fill=(60, 60, 60))
    y += 20
    rows = [(rng.choice(["Sub Total", "Taxable Amount", "Taxable Value"]), bill.taxable),
            (f"CGST @ {Decimal(bill.rate) / 2:g}%", bill.cgst),
            (f"SGST @ {Decimal(bill.rate) / 2:g}%", bill.sgst)]
    if bill.round_off:
        rows.append(("Round Off", bill.round_off))
    for lab, val in rows:
        c.text(cols[3], y, lab, fam, s)
        c.text(R - 10, y, inr(val), fam, s, align="r")
        y += s * 1.5
    c.rect((cols[3], y, R, y + 2), fill=(60, 60, 60))
    y += 14
    c.text(cols[3], y, rng.choice(["Grand Total", "Net Amount", "Total Amount"]), fam, s + 4, bold=True)
    c.text(R - 10, y, (f"{rupee(fam)} " if rng.random() < 0.5 else "") + inr(bill.total), fam, s + 4,
           bold=True, align="r")
    y += s * 2.6
    c.text(L, y, f"Rupees {amount_words(int(bill.total))} Only", fam, s * 0.9)
    y += s * 1.6
    c.text(L, y, f"Payment Mode: {rng.choice(['Cash', 'UPI', 'Card', 'UPI / Card'])}", fam, s * 0.9)
    y += s * 3
    c.text(c.w / 2, y, "Thank you! Visit Again", fam, s, align="m")
    c.text(c.w / 2, y + s * 1.5, "Goods once sold will not be taken back or exchanged", fam, s * 0.8,
           align="m")
    return Rendered(c.img, bill.truth(buyer_address=has_addr), page="a4", dpi=200, canvas=c)
