"""Margin money receipts: a vehicle or consumer-durable dealer's receipt for the down payment,
"Received with thanks from …", the sum in words and figures, "towards margin money for
<vehicle> financed by <financier>", the mode of payment, "For <dealer>".

Layouts (A4, exportable as born-digital PDFs): ``classic``, ``boxed`` and ``centred``
(:mod:`kagaz.synth.trade_docs`). Truth: ``receipt_number``, ``receipt_date``,
``customer_name`` (without Mr. / Mrs.), ``dealer_name``, ``amount``, ``product_description``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kagaz.synth.billing import amount_words, inr, party
from kagaz.synth.delivery_order import financier_name
from kagaz.synth.identities import fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered
from kagaz.synth.trade_docs import Sheet, draw, money

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_DEALER = ["Motors", "Automobiles", "Honda", "Hyundai", "Auto Agencies", "TVS", "Wheels", "Electronics",
           "Home Appliances", "Bajaj"]
_GOODS = ["Hero Splendor Plus", "Honda Activa 6G", "Bajaj Pulsar 150", "TVS Jupiter", "Royal Enfield Classic 350",
          "Maruti Suzuki Swift VXI", "Tata Punch Adventure", "Mahindra Bolero Neo", "Hyundai Creta SX",
          "LG 43 inch 4K Smart LED TV", "Whirlpool 265L Frost Free Refrigerator", "Voltas 1.5 Ton Split AC"]


def _receipt(rng: random.Random, style: str) -> Rendered:
    dealer = party(rng, width=900)
    dealer.name = f"{dealer.name.split()[0]} {rng.choice(['Sai', 'Shree', 'Om', 'Jai'])} {rng.choice(_DEALER)}"
    p = person(rng)
    customer = p.name.upper() if rng.random() < 0.25 else p.name
    title = ("Mr." if p.gender == "MALE" else rng.choice(["Mrs.", "Ms."])) if rng.random() < 0.7 else ""
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 9, 30))
    number = rng.choice([f"MMR/{date.year}/{rng.randint(1, 9999):04d}", f"{rng.randint(100, 99999)}",
                         f"R-{rng.randint(1000, 9999)}"])
    goods = rng.choice(_GOODS)
    amount = Decimal(rng.choice([rng.randint(5, 250) * 1000, rng.randint(2000, 200000)]))
    what = rng.choice(["margin money", "down payment", "margin money"])
    meta = [(rng.choice(["Receipt No.", "Receipt No", "Rcpt No."]), number),
            (rng.choice(["Date", "Receipt Date"]), fmt_date(date, rng.choice(["/", "-", "."])))]
    sentences = [f"Received with thanks from {title} {customer}".replace("  ", " "),
                 f"the sum of Rupees {amount_words(int(amount))} only",
                 f"towards {what} for {goods} financed by {financier_name(rng)}."]
    rows = [(rng.choice(["Amount", "Amount Received"]), money(rng, "dejavu_sans", amount)),
            ("Mode of Payment", rng.choice(["Cash", "UPI", f"Cheque No. {rng.randint(100000, 999999)}", "NEFT"]))]
    sheet = Sheet(issuer=dealer, title=rng.choice(["MARGIN MONEY RECEIPT", "Margin Money Receipt",
                                                   "DOWN PAYMENT RECEIPT", "RECEIPT", "MONEY RECEIPT"]),
                  meta=meta, party_label="", party=None, sentences=sentences, rows=rows,
                  footer=["Subject to realisation of cheque. This receipt is not a tax invoice."])
    truth = {"receipt_number": number, "receipt_date": fmt_date(date), "customer_name": customer,
             "dealer_name": dealer.name, "amount": f"{amount:.2f}", "product_description": goods}
    return draw(rng, sheet, style, truth)


def classic(rng: random.Random) -> Rendered:
    return _receipt(rng, "classic")


def boxed(rng: random.Random) -> Rendered:
    return _receipt(rng, "boxed")


def centred(rng: random.Random) -> Rendered:
    return _receipt(rng, "centred")


LAYOUTS: dict[str, LayoutFn] = {"classic": classic, "boxed": boxed, "centred": centred}
A4_LAYOUTS = frozenset(LAYOUTS)
