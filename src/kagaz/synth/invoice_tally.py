"""The ``tally`` invoice layout: the boxed Tally-style "Tax Invoice", with its HSN-wise tax
summary table (a second table with "Taxable Value" and "Total", the classic distractor)."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from kagaz.synth.billing import GST_STATE, amount_words, inr, rupee
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.invoice_bill import D2, Bill, fiscal_year, hline, random_bill, vline
from kagaz.synth.layout import Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["tally"]


def tally(rng: random.Random) -> Rendered:
    """Tally-style boxed tax invoice."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    bill = random_bill(rng, n=(1, 4), durable=rng.random() < 0.3, b2b=True, font=fam, size=s, width=700)
    bill.number = rng.choice([f"{rng.randint(1, 999)}",
                              f"INV/{fiscal_year(bill.date)}/{rng.randint(1, 9999):04d}",
                              f"{fiscal_year(bill.date)}/{rng.randint(1, 999)}",
                              f"T-{rng.randint(100, 9999)}"])
    bill.settle(rounding=True)
    c = a4_canvas()
    L, R, M = 80.0, 1574.0, 880.0
    c.text(c.w / 2, 70, rng.choice(["Tax Invoice", "TAX INVOICE"]), fam, 34, bold=True, align="m")
    if rng.random() < 0.6:
        c.text(R, 80, "(ORIGINAL FOR RECIPIENT)", fam, 17, align="r")
    top = 130.0
    y = top + 14
    c.text(L + 12, y, bill.seller.name, fam, s + 3, bold=True)
    y += s * 1.6
    for line in bill.seller.lines:
        c.text(L + 12, y, line, fam, s)
        y += s * 1.45
    c.text(L + 12, y, f"GSTIN/UIN: {bill.seller.gstin}", fam, s)
    y += s * 1.45
    c.text(L + 12, y, f"State Name : {bill.seller.state}, Code : {GST_STATE[bill.seller.state_code]}", fam, s)
    y += s * 1.45
    if rng.random() < 0.5:
        c.text(L + 12, y, f"E-Mail : accounts{rng.randint(1, 99)}@example.in", fam, s)
        y += s * 1.45
    mid = max(y + 12, top + 300)
    # right-hand boxes: label above, value below
    boxes = [("Invoice No.", bill.number, "Dated", f"{bill.date.day}-{bill.date:%b-%y}"
              if rng.random() < 0.5 else f"{bill.date.day}-{bill.date:%b-%Y}"),
             ("Delivery Note", "", "Mode/Terms of Payment", rng.choice(["", "Credit 30 Days", "Cash"])),
             ("Reference No. & Date.", "", "Other References", "")]
    by = top
    bh = (mid - top) / 3
    for l1, v1, l2, v2 in boxes:
        c.text(M + 12, by + 8, l1, fam, s * 0.85)
        c.text(M + 12, by + 10 + s * 1.3, v1, fam, s, bold=True)
        c.text((M + R) / 2 + 12, by + 8, l2, fam, s * 0.85)
        c.text((M + R) / 2 + 12, by + 10 + s * 1.3, v2, fam, s, bold=True)
        hline(c, M, R, by + bh)
        by += bh
    vline(c, (M + R) / 2, top, mid)
    hline(c, L, R, top)
    hline(c, L, M, mid)
    y = mid + 10
    c.text(L + 12, y, rng.choice(["Buyer (Bill to)", "Buyer", "Consignee (Ship to)"]) , fam, s * 0.85)
    y += s * 1.4
    c.text(L + 12, y, bill.buyer.name, fam, s + 2, bold=True)
    y += s * 1.55
    for line in bill.buyer.lines:
        c.text(L + 12, y, line, fam, s)
        y += s * 1.45
    c.text(L + 12, y, f"GSTIN/UIN : {bill.buyer.gstin}", fam, s)
    y += s * 1.45
    c.text(L + 12, y, f"State Name : {bill.buyer.state}, Code : {GST_STATE[bill.buyer.state_code]}", fam, s)
    y += s * 1.6
    for k, lab in enumerate(["Buyer's Order No.", "Dispatched through", "Terms of Delivery"]):
        c.text(M + 12, mid + 10 + k * 70, lab, fam, s * 0.85)
    vline(c, M, top, y)
    # items table
    cols = [L, L + 70, M - 120, M + 60, M + 230, M + 420, M + 500, R]
    heads = ["Sl No.", "Description of Goods", "HSN/SAC", "Quantity", "Rate", "per", "Amount"]
    ty = y
    hline(c, L, R, ty)
    for i, h in enumerate(heads):
        c.text((cols[i] + cols[i + 1]) / 2, ty + 10, h, fam, s * 0.9, align="m")
    y = ty + s * 2.2
    hline(c, L, R, y)
    y += 12
    unit = rng.choice(["Nos", "Pcs", "PCS", "Nos."])
    for k, it in enumerate(bill.items, 1):
        c.text(cols[0] + 20, y, str(k), fam, s)
        c.text(cols[1] + 12, y, it.description, fam, s, bold=True)
        c.text(cols[2] + 12, y, it.hsn, fam, s)
        c.text(cols[4] - 12, y, f"{it.qty} {unit}", fam, s, bold=True, align="r")
        c.text(cols[5] - 12, y, inr(it.rate), fam, s, align="r")
        c.text(cols[5] + 12, y, unit.rstrip("."), fam, s)
        c.text(cols[7] - 12, y, inr(it.amount), fam, s, bold=True, align="r")
        y += s * 1.5
        for lab, val in it.serials:
            c.text(cols[1] + 40, y, f"{lab}: {val}", fam, s * 0.9)
            y += s * 1.4
    y += s * 0.5
    c.text(cols[7] - 12, y - s * 0.9, "-" * 12, fam, s * 0.8, align="r")
    taxes = [("CGST", bill.cgst), ("SGST", bill.sgst)] if bill.intra else [("IGST", bill.igst)]
    half = Decimal(bill.rate) / (2 if bill.intra else 1)
    for name, val in taxes:
        c.text(cols[2] - 12, y, rng.choice([name, f"Output {name}", f"{name} @ {half:g}%"]), fam, s,
               bold=True, align="r")
        c.text(cols[5] - 12, y, f"{half:g} %", fam, s, align="r")
        c.text(cols[7] - 12, y, inr(val), fam, s, bold=True, align="r")
        y += s * 1.5
    if bill.round_off:
        c.text(cols[2] - 12, y, "Round Off", fam, s, align="r")
        ro = inr(bill.round_off)
        c.text(cols[7] - 12, y, f"(-){ro[1:]}" if ro.startswith("-") else ro, fam, s, align="r")
        y += s * 1.5
    y += 20
    for x in cols[1:-1]:
        vline(c, x, ty, y)
    hline(c, L, R, y)
    c.text(cols[2] - 12, y + 10, "Total", fam, s, bold=True, align="r")
    c.text(cols[4] - 12, y + 10, f"{sum(i.qty for i in bill.items)} {unit}", fam, s, bold=True, align="r")
    c.text(cols[7] - 12, y + 10, f"{rupee(fam)} {inr(bill.total)}", fam, s + 1, bold=True, align="r")
    y += s * 2.2
    hline(c, L, R, y)
    c.text(L + 12, y + 10, "Amount Chargeable (in words)", fam, s * 0.85)
    c.text(R - 12, y + 10, "E. & O.E", fam, s * 0.85, align="r")
    c.text(L + 12, y + 12 + s * 1.3, f"INR {amount_words(int(bill.total))} Only", fam, s, bold=True)
    y += s * 3.6
    y = _tax_summary(c, bill, fam, s * 0.85, L, R, y)
    tax = bill.cgst + bill.sgst + bill.igst
    c.text(L + 12, y + 10, f"Tax Amount (in words) : INR {amount_words(int(tax))} Rupees and "
           f"{int((tax % 1) * 100)} paise Only" if tax % 1 else
           f"Tax Amount (in words) : INR {amount_words(int(tax))} Only", fam, s * 0.85)
    y += s * 2.4
    c.text(L + 12, y, f"Company's PAN : {bill.seller.gstin[2:12]}", fam, s * 0.9)  # type: ignore[index]
    c.text(L + 12, y + s * 1.6, "Declaration", fam, s * 0.85)
    c.text(L + 12, y + s * 2.9, "We declare that this invoice shows the actual price of the goods",
           fam, s * 0.8)
    c.text(L + 12, y + s * 4.0, "described and that all particulars are true and correct.", fam, s * 0.8)
    c.text(R - 12, y + s * 1.6, f"for {bill.seller.name}", fam, s * 0.9, bold=True, align="r")
    c.text(R - 12, y + s * 5, "Authorised Signatory", fam, s * 0.85, align="r")
    c.text(c.w / 2, y + s * 7, "This is a Computer Generated Invoice", fam, s * 0.8, align="m")
    return Rendered(c.img, bill.truth(), page="a4", dpi=200, canvas=c)


def _tax_summary(c: Canvas, bill: Bill, fam: str, s: float, L: float, R: float, y: float) -> float:
    """The HSN-wise tax table Tally prints under the items."""
    by_hsn: dict[str, Decimal] = {}
    for it in bill.items:
        by_hsn[it.hsn] = by_hsn.get(it.hsn, Decimal(0)) + it.amount
    heads = ["HSN/SAC", "Taxable Value"] + (["Central Tax Rate", "Amount", "State Tax Rate", "Amount"]
                                            if bill.intra else ["Integrated Tax Rate", "Amount"])
    heads.append("Total Tax Amount")
    xs = [L + (R - L) * k / len(heads) for k in range(len(heads) + 1)]
    hline(c, L, R, y)
    for i, h in enumerate(heads):
        c.text((xs[i] + xs[i + 1]) / 2, y + 8, h, fam, s * 0.85, align="m")
    y += s * 1.8
    hline(c, L, R, y)
    rate = Decimal(bill.rate) / (2 if bill.intra else 1)
    rows = [(h, v) for h, v in by_hsn.items()]
    for h, v in rows + [("Total", bill.taxable)]:
        t = (v * rate / 100).quantize(D2, ROUND_HALF_UP) if h != "Total" else None
        cells = [h, inr(v)]
        if bill.intra:
            tt = t if t is not None else bill.cgst
            cells += ["" if t is None else f"{rate:g}%", inr(tt), "" if t is None else f"{rate:g}%", inr(tt)]
            cells.append(inr(tt * 2))
        else:
            tt = t if t is not None else bill.igst
            cells += ["" if t is None else f"{rate:g}%", inr(tt), inr(tt)]
        for i, cell in enumerate(cells):
            if i == 0:
                c.text(xs[0] + 10, y + 8, cell, fam, s, bold=h == "Total")
            else:
                c.text(xs[i + 1] - 10, y + 8, cell, fam, s, bold=h == "Total", align="r")
        y += s * 1.6
    hline(c, L, R, y + 4)
    return y + 10
