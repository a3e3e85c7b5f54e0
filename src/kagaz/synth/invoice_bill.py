"""The bill behind every invoice layout, and the drawing helpers the layouts share.

:func:`random_bill` draws the seller, the buyer (in the same state or another), items from the
catalogue (with IMEIs and serial numbers where the product has them) and the GST rate;
:meth:`Bill.settle` then works the taxes and the total out exactly, and :meth:`Bill.truth` says
what the layout printed. Each layout sets the invoice number its billing tool would print.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kagaz.synth.billing import CATALOGUE, GST_STATE, Party, imei, party, serial_no
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.render import Canvas

__all__ = ["D0", "D2", "Bill", "Item", "fiscal_year", "hline", "random_bill", "vline"]

D0, D2 = Decimal("1"), Decimal("0.01")  # the quantums of whole rupees and of paise


@dataclass
class Item:
    description: str
    hsn: str
    qty: int
    rate: Decimal
    amount: Decimal
    serials: list[tuple[str, str]] = field(default_factory=list)  # (label, value)


def _items(rng: random.Random, n: int, durable: bool, serials: bool) -> list[Item]:
    pool = [c for c in CATALOGUE if bool(c[3]) == durable] if durable or rng.random() < 0.7 \
        else CATALOGUE
    out = []
    for desc, hsn, (lo, hi), kind in rng.sample(pool, min(n, len(pool))):
        qty = 1 if kind else rng.choice([1, 2, 3, 5, 10, 12, 20, 25, 50])
        rate = Decimal(rng.randint(lo * 100, hi * 100)) / 100 if rng.random() < 0.6 \
            else Decimal(rng.randint(lo, hi))
        item = Item(desc, hsn, qty, rate, (rate * qty).quantize(D2))
        if not serials:
            pass
        elif kind == "imei":
            first = imei(rng)
            item.serials = [("IMEI 1", first), ("IMEI 2", imei(rng))] if rng.random() < 0.75 \
                else [("IMEI", first)]
        elif kind == "sn" and rng.random() < 0.9:
            item.serials = [(rng.choice(["S/N", "Serial No", "Sr. No."]), serial_no(rng))]
        out.append(item)
    return out


@dataclass
class Bill:
    number: str
    date: dt.date
    seller: Party
    buyer: Party
    items: list[Item]
    rate: int  # GST percent
    intra: bool
    taxable: Decimal = D2
    cgst: Decimal = D2
    sgst: Decimal = D2
    igst: Decimal = D2
    round_off: Decimal = D2
    total: Decimal = D2

    def settle(self, rounding: bool) -> None:
        self.taxable = sum((i.amount for i in self.items), Decimal(0))
        tax = (self.taxable * self.rate / 100).quantize(D2, ROUND_HALF_UP)
        if self.intra:
            self.cgst = self.sgst = (tax / 2).quantize(D2, ROUND_HALF_UP)
            self.igst = Decimal(0)
        else:
            self.igst, self.cgst, self.sgst = tax, Decimal(0), Decimal(0)
        exact = self.taxable + self.cgst + self.sgst + self.igst
        self.total = exact.quantize(D0, ROUND_HALF_UP) if rounding else exact
        self.round_off = self.total - exact

    def truth(self, *, rate_printed: bool = True, buyer_address: bool = True,
              serials: bool = True) -> dict:
        t: dict = {
            "invoice_number": self.number, "invoice_date": fmt_date(self.date),
            "seller_name": self.seller.name, "dealer_address": self.seller.address,
            "buyer_name": self.buyer.name, "taxable_value": f"{self.taxable:.2f}",
            "total_amount": f"{self.total:.2f}",
            "line_items": [{"description": i.description, "hsn": i.hsn, "quantity": str(i.qty),
                            "rate": f"{i.rate:.2f}" if rate_printed else None,
                            "amount": f"{i.amount:.2f}"} for i in self.items],
        }
        if self.seller.gstin:
            t["seller_gstin"] = self.seller.gstin
        if self.buyer.gstin:
            t["buyer_gstin"] = self.buyer.gstin
        if buyer_address:
            t["buyer_address"] = self.buyer.address
        if self.intra:
            t["cgst"], t["sgst"] = f"{self.cgst:.2f}", f"{self.sgst:.2f}"
        else:
            t["igst"] = f"{self.igst:.2f}"
        sn = [v for i in self.items for _, v in i.serials]
        if serials and sn:
            t["serial_numbers"] = sn
        return t


def random_bill(rng: random.Random, *, n: tuple[int, int], durable: bool, b2b: bool, font: str,
                size: float = 24, width: float = 620, serials: bool = True) -> Bill:
    """A bill with ``n`` (low, high) items and no number yet; :meth:`Bill.settle` is still to run."""
    seller = party(rng, font=font, size=size, width=width)
    intra = rng.random() < 0.7
    code = seller.state_code if intra else rng.choice([c for c in GST_STATE if c != seller.state_code])
    buyer = party(rng, business=b2b, state_code=code, font=font, size=size, width=width)
    items = _items(rng, rng.randint(*n), durable, serials)
    rate = 18 if durable else rng.choice([5, 12, 18, 18, 28])
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 3, 31))
    return Bill("", date, seller, buyer, items, rate, intra)


def fiscal_year(d: dt.date) -> str:
    """The Indian financial year (April to March) of ``d`` as invoice numbers print it: ``24-25``."""
    y = d.year if d.month >= 4 else d.year - 1
    return f"{y % 100:02d}-{(y + 1) % 100:02d}"


def hline(c: Canvas, x0: float, x1: float, y: float, w: float = 2) -> None:
    """A dark horizontal rule, as the invoice layouts draw their boxes and tables."""
    c.line([(x0, y), (x1, y)], fill=(40, 40, 40), width=w)


def vline(c: Canvas, x: float, y0: float, y1: float) -> None:
    """A dark vertical rule."""
    c.line([(x, y0), (x, y1)], fill=(40, 40, 40), width=2)
