"""The ``marketplace`` invoice layout: a marketplace seller's invoice, with tax-inclusive prices
split per line into taxable value, tax and total."""

from __future__ import annotations

import datetime as dt
import random
import string
from decimal import ROUND_HALF_UP, Decimal

from kagaz.synth.billing import CATALOGUE, inr, rupee
from kagaz.synth.fonts import SANS
from kagaz.synth.identities import fmt_date
from kagaz.synth.invoice_bill import D0, D2, hline, random_bill
from kagaz.synth.layout import Rendered, a4_canvas

__all__ = ["marketplace"]


def marketplace(rng: random.Random) -> Rendered:
    """A marketplace seller's invoice: per-line taxable value, tax and total, "Grand Total"."""
    fam = rng.choice(SANS)
    s = rng.uniform(20, 22)
    bill = random_bill(rng, n=(1, 3), durable=rng.random() < 0.6, b2b=False, font=fam, size=s, width=440)
    bill.buyer.gstin = None
    bill.number = "F" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(3)) \
        + f"{bill.date:%y}" + f"{rng.randint(0, 10**8 - 1):08d}"
    rate = Decimal(bill.rate)
    lines = []
    for it in bill.items:  # prices are tax-inclusive; taxable = total / (1 + rate)
        total = (it.rate * (1 + rate / 100)).quantize(D0) * it.qty
        disc = Decimal(rng.choice([0, 0, 100, 250, 500])) if total > 2000 else Decimal(0)
        net = total - disc
        taxable = (net / (1 + rate / 100)).quantize(D2, ROUND_HALF_UP)
        lines.append((total, disc, taxable, net - taxable, net))
        it.amount = taxable
        it.rate = taxable / it.qty
    bill.settle(rounding=False)
    tax = sum(x[3] for x in lines)
    if bill.intra:
        bill.cgst = (tax / 2).quantize(D2, ROUND_HALF_UP)
        bill.sgst = tax - bill.cgst
    else:
        bill.igst = tax
    bill.total = sum(x[4] for x in lines)
    bill.round_off = Decimal(0)
    c = a4_canvas()
    L, R = 70.0, 1584.0
    c.text(L, 60, "Tax Invoice", fam, 36, bold=True)
    c.text(R, 70, f"Invoice Number # {bill.number}", fam, s + 2, align="r")
    y = 140.0
    c.text(L, y, f"Sold By: {bill.seller.name},", fam, s + 2, bold=True)
    y += s * 1.6
    c.text(L, y, "Ship-from Address: " + ", ".join(bill.seller.lines), fam,
           c.fit("Ship-from Address: " + ", ".join(bill.seller.lines), fam, s, R - L))
    y += s * 1.5
    c.text(L, y, f"GSTIN - {bill.seller.gstin}", fam, s)
    y += s * 2.6
    top = y
    order = bill.date - dt.timedelta(days=rng.randint(0, 6))
    for lab, val in (("Order ID:", f"OD{rng.randint(10**17, 10**18 - 1)}"),
                     ("Order Date:", fmt_date(order, "-")), ("Invoice Date:", fmt_date(bill.date, "-")),
                     ("PAN:", bill.seller.gstin[2:12])):  # type: ignore[index]
        c.text(L, y, f"{lab} {val}", fam, s)
        y += s * 1.7
    for x, title in ((560, "Bill To"), (1080, "Ship To")):
        yy = top
        c.text(x, yy, title, fam, s + 2, bold=True)
        yy += s * 1.6
        c.text(x, yy, bill.buyer.name, fam, s, bold=True)
        yy += s * 1.5
        for line in bill.buyer.lines:
            c.text(x, yy, line, fam, s)
            yy += s * 1.45
        c.text(x, yy, f"Phone: xxxxxxxx{bill.buyer.phone[-2:]}", fam, s)
        y = max(y, yy + s * 1.5)
    y += s
    r = rupee(fam)
    tname = [f"CGST {r}", f"SGST {r}"] if bill.intra else [f"IGST {r}"]
    heads = ["Product", "Title", "Qty", f"Gross Amount {r}", f"Discounts /Coupons {r}",
             f"Taxable Value {r}", *tname, f"Total {r}"]
    rights = [R - 160 * k for k in range(len(heads) - 2)][::-1]
    hline(c, L, R, y, 1)
    hs = s * 0.85
    c.text(L, y + 10, heads[0], fam, hs, bold=True)
    c.text(L + 200, y + 10, heads[1], fam, hs, bold=True)
    two = False
    for x, h in zip(rights, heads[2:]):
        if c.measure(h, fam, hs, True) < 140:
            c.text(x, y + 10, h, fam, hs, bold=True, align="r")
        else:  # long headers wrap onto two lines, as marketplace invoices print them
            a, b = h.rsplit(" ", 1) if h.count(" ") == 1 else h.split(" ", 1)
            c.text(x, y + 10, a, fam, hs, bold=True, align="r")
            c.text(x, y + 10 + hs * 1.3, b, fam, hs, bold=True, align="r")
            two = True
    y += s * (3.2 if two else 2)
    hline(c, L, R, y, 1)
    y += 12
    cats = {"imei": "Mobiles", "sn": "Electronics", "": "Home"}
    for it, (gross, disc, taxable, tax_, net) in zip(bill.items, lines):
        kind = next((k for d, _, _, k in CATALOGUE if d == it.description), "")
        c.text(L, y, cats[kind], fam, s)
        words_ = it.description.split()
        t1, t2 = " ".join(words_[:4]), " ".join(words_[4:])
        c.text(L + 200, y, t1, fam, s)
        taxes = [(tax_ / 2).quantize(D2, ROUND_HALF_UP), tax_ - (tax_ / 2).quantize(D2, ROUND_HALF_UP)] \
            if bill.intra else [tax_]
        vals = [str(it.qty), inr(gross), inr(-disc) if disc else "0.00", inr(taxable),
                *[inr(t) for t in taxes], inr(net)]
        for x, v in zip(rights, vals):
            c.text(x, y, v, fam, s, align="r")
        y += s * 1.45
        if t2:
            c.text(L + 200, y, t2, fam, s)
            y += s * 1.45
        c.text(L + 200, y, f"HSN/SAC: {it.hsn}", fam, s * 0.9)
        y += s * 1.4
        for lab, val in it.serials:
            c.text(L + 200, y, f"{'IMEI/Serial No' if lab.startswith('IMEI') else lab}: {val}", fam, s * 0.9)
            y += s * 1.4
        y += s * 0.5
    hline(c, L, R, y, 1)
    y += 10
    sums = [str(sum(i.qty for i in bill.items)), inr(sum(x[0] for x in lines)),
            inr(-sum(x[1] for x in lines)) if any(x[1] for x in lines) else "0.00", inr(bill.taxable),
            *([inr(bill.cgst), inr(bill.sgst)] if bill.intra else [inr(bill.igst)]), inr(bill.total)]
    c.text(L + 200, y, "Total", fam, s, bold=True)
    for x, v in zip(rights, sums):
        c.text(x, y, v, fam, s, bold=True, align="r")
    y += s * 1.6
    hline(c, L, R, y, 1)
    y += s * 1.4
    c.text(R - 300, y, "Grand Total", fam, s + 6, bold=True, align="r")
    c.text(R, y, f"{r} {inr(bill.total)}", fam, s + 6, bold=True, align="r")
    y += s * 3
    c.text(R, y, bill.seller.name, fam, s, align="r")
    c.text(R, y + s * 3, "Authorized Signatory", fam, s * 0.9, align="r")
    y += s * 6
    c.text(L, y, "Returns Policy: items may be returned within the period stated on the product page.",
           fam, s * 0.8)
    c.text(L, y + s * 1.4, "The goods sold are intended for end user consumption and not for resale.",
           fam, s * 0.8)
    truth = bill.truth(rate_printed=False)
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)
