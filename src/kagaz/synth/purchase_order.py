"""Purchase orders: a buyer's letterhead, "Purchase Order", the PO number and date, the supplier
it is addressed to, an items table with GST and the grand total, terms, the buyer's signatory.

Layouts (A4, exportable as born-digital PDFs): ``classic``, ``boxed`` and ``centred``
(:mod:`kagaz.synth.trade_docs`). Truth: ``po_number``, ``po_date`` (DD/MM/YYYY), ``buyer_name``
(the issuer), ``seller_name`` (the supplier), ``total_amount`` ("118000.00").
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kagaz.synth.billing import CATALOGUE, party
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import LayoutFn, Rendered
from kagaz.synth.trade_docs import Sheet, draw

__all__ = ["A4_LAYOUTS", "LAYOUTS"]


def _po(rng: random.Random, style: str) -> Rendered:
    buyer = party(rng, width=900)
    seller = party(rng, width=700)
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 9, 30))
    fy = f"{date.year % 100:02d}-{(date.year + 1) % 100:02d}" if date.month > 3 else \
        f"{(date.year - 1) % 100:02d}-{date.year % 100:02d}"
    number = rng.choice([f"PO/{fy}/{rng.randint(1, 999):03d}", f"PO{rng.randint(10000, 99999)}",
                         f"{rng.randint(1000, 9999)}", f"KT/PO/{rng.randint(100, 9999)}"])
    items = []
    for desc, _, (lo, hi), _ in rng.sample([c for c in CATALOGUE if not c[3]], rng.randint(1, 4)):
        qty = rng.choice([1, 2, 5, 10, 20, 50, 100])
        rate = Decimal(rng.randint(lo, hi))
        items.append((desc, str(qty), rate, rate * qty))
    sub = sum((i[3] for i in items), Decimal(0))
    rate = Decimal(rng.choice([5, 12, 18]))
    half = (sub * rate / 200).quantize(Decimal("0.01"))
    total = sub + 2 * half
    totals = [("Sub Total", sub), (f"CGST @ {rate / 2}%", half), (f"SGST @ {rate / 2}%", half),
              (rng.choice(["Grand Total", "Total Amount", "Total PO Value"]), total)]
    meta = [(rng.choice(["PO No.", "P.O. No.", "Purchase Order No."]), number),
            (rng.choice(["PO Date", "Date", "Order Date"]), fmt_date(date, rng.choice(["/", "-", "."]))),
            ("Delivery Date", fmt_date(date + dt.timedelta(days=rng.randint(7, 45)))),
            ("Payment Terms", rng.choice(["30 days credit", "Advance", "45 days from delivery"]))]
    sheet = Sheet(
        issuer=buyer, title=rng.choice(["PURCHASE ORDER", "Purchase Order"]), meta=meta,
        party_label=rng.choice(["To,", "Vendor :", "Supplier :"]), party=seller, items=items,
        totals=totals, sentences=[rng.choice([
            "Please supply the following items as per the terms and conditions below.",
            "Dear Sir, we are pleased to place our order for the following items."])],
        footer=["Terms: Goods must match the approved sample. Quote our PO number on your invoice.",
                "Delivery at our Ship To address; the PO is void if not delivered by the delivery date."])
    truth = {"po_number": number, "po_date": fmt_date(date), "buyer_name": buyer.name,
             "seller_name": seller.name, "total_amount": f"{total:.2f}"}
    return draw(rng, sheet, style, truth)


def classic(rng: random.Random) -> Rendered:
    return _po(rng, "classic")


def boxed(rng: random.Random) -> Rendered:
    return _po(rng, "boxed")


def centred(rng: random.Random) -> Rendered:
    return _po(rng, "centred")


LAYOUTS: dict[str, LayoutFn] = {"classic": classic, "boxed": boxed, "centred": centred}
A4_LAYOUTS = frozenset(LAYOUTS)
