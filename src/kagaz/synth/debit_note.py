"""Debit notes (CGST Rule 53): the issuer's letterhead, "Debit Note", its number and date, the
invoice it amends (number and date), the party debited, the reason rows, tax and the total.

Layouts (A4, exportable as born-digital PDFs): ``classic``, ``boxed`` and ``centred``
(:mod:`kagaz.synth.trade_docs`). Truth: ``debit_note_number``, ``date``, ``issuer_name``,
``recipient_name``, ``amount``, ``original_invoice_number``, ``original_invoice_date``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from kagaz.synth.billing import party
from kagaz.synth.identities import fmt_date, random_date
from kagaz.synth.layout import LayoutFn, Rendered
from kagaz.synth.trade_docs import Sheet, draw

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_REASONS = ["Rate difference on supplies", "Short supply adjustment", "Freight charges recoverable",
            "Price revision as per agreement", "Additional packing charges", "Interest on delayed payment",
            "Purchase return of damaged goods", "Quality claim on rejected material"]


def _note(rng: random.Random, style: str) -> Rendered:
    issuer = party(rng, width=900)
    recipient = party(rng, width=700)
    inv_date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 8, 31))
    date = inv_date + dt.timedelta(days=rng.randint(1, 60))
    number = rng.choice([f"DN/{date.year}/{rng.randint(1, 999):03d}", f"DN-{rng.randint(100, 9999)}",
                         f"D{rng.randint(10000, 99999)}"])
    invoice = rng.choice([f"INV-{rng.randint(1000, 99999)}", f"{rng.choice(['SI', 'TI', 'GST'])}/"
                          f"{rng.randint(100, 9999)}", f"{rng.randint(100, 9999)}"])
    items = []
    for reason in rng.sample(_REASONS, rng.randint(1, 2)):
        value = Decimal(rng.randint(5, 900) * 10)
        items.append((reason, "1", value, value))
    sub = sum((i[3] for i in items), Decimal(0))
    half = (sub * Decimal(9) / 100).quantize(Decimal("0.01"))
    total = sub + 2 * half
    totals = [("Taxable Value", sub), ("CGST @ 9%", half), ("SGST @ 9%", half),
              (rng.choice(["Total Amount", "Total", "Net Amount"]), total)]
    meta = [(rng.choice(["Debit Note No.", "Debit Note No", "DN No."]), number),
            (rng.choice(["Date", "Debit Note Date", "Dated"]), fmt_date(date, rng.choice(["/", "-"]))),
            (rng.choice(["Against Invoice No.", "Original Invoice No.", "Ref. Invoice No."]), invoice),
            ("Invoice Date", fmt_date(inv_date))]
    sheet = Sheet(
        issuer=issuer, title=rng.choice(["DEBIT NOTE", "Debit Note"]), meta=meta,
        party_label=rng.choice(["To,", "Party :", "Debit To :"]), party=recipient, items=items,
        totals=totals, sentences=[rng.choice([
            "We have debited your account for the following, against the invoice referred above.",
            "Your account has been debited with the amount below."])])
    truth = {"debit_note_number": number, "date": fmt_date(date), "issuer_name": issuer.name,
             "recipient_name": recipient.name, "amount": f"{total:.2f}",
             "original_invoice_number": invoice, "original_invoice_date": fmt_date(inv_date)}
    return draw(rng, sheet, style, truth)


def classic(rng: random.Random) -> Rendered:
    return _note(rng, "classic")


def boxed(rng: random.Random) -> Rendered:
    return _note(rng, "boxed")


def centred(rng: random.Random) -> Rendered:
    return _note(rng, "centred")


LAYOUTS: dict[str, LayoutFn] = {"classic": classic, "boxed": boxed, "centred": centred}
A4_LAYOUTS = frozenset(LAYOUTS)
