"""NACH / ACH debit mandates as borrowers sign them, in three kinds of design.

What every mandate prints (NPCI's standard mandate form; :mod:`kagaz.doctypes.ach_form`): UMRN,
date, sponsor bank code, utility code, "I/We hereby authorize <creditor> to debit", the account
number, "with Bank", IFSC or MICR, the amount in words and figures, the frequency and debit
type ticked among the printed options, references, the period "From … To … Or Until
Cancelled", signatures over "Name as in bank records".

* ``npci``: NPCI's form as lenders print it at the top of an A4 page: boxes for the UMRN, the
  date, the account number, IFSC and MICR and the period's dates (one character per box),
  ticks in the option boxes, instructions under it.
* ``lender``: a lender's own printed "NACH Debit Mandate" page: its letterhead, a table of
  labelled values ("Account Holder Name", "Bank Name", "Frequency : Monthly", "Start Date"),
  the UMRN once registered, the borrower's declaration and signature.
* ``ecs``: the older single-column form ("ECS / NACH Debit Mandate"): labelled lines with the
  values written on them, the frequency as a row of options with one ticked, "Until Cancelled"
  in place of an end date on some, the authorization line at the foot.

Banks, IFSCs and MICR codes are drawn as the cheques draw them (:mod:`kagaz.synth.cheque`).
Truth: amounts "25000.00", dates DD/MM/YYYY, names as printed.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field
from decimal import Decimal

from kagaz.synth import graphics
from kagaz.synth.billing import amount_words, inr, rupee
from kagaz.synth.cheque import BANKS
from kagaz.synth.delivery_order import financier_name
from kagaz.synth.fonts import SANS, SERIF
from kagaz.synth.identities import address, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas
from kagaz.synth.render import Canvas

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

_FREQ = {  # value -> (NPCI's abbreviation, spelled out)
    "monthly": ("Mthly", "Monthly"), "quarterly": ("Qtly", "Quarterly"),
    "half_yearly": ("H-Yrly", "Half Yearly"), "yearly": ("Yrly", "Yearly"),
    "as_presented": ("As & when presented", "As and when presented"),
}
_INK = (20, 30, 110)


@dataclass
class Mandate:
    creditor: str
    sponsor: str
    utility: str
    umrn: str | None
    date: dt.date
    bank: str
    ifsc: str
    micr: str
    account: str
    holder: str
    amount: Decimal
    frequency: str
    debit_type: str
    start: dt.date
    end: dt.date | None
    reference: str
    phone: str
    extra: dict[str, str] = field(default_factory=dict)

    def truth(self, *, umrn: bool = True, micr: bool = True, creditor: bool = True,
              debit_type: bool = True) -> dict[str, str]:
        """What the design prints: ``creditor`` where it says "authorize <creditor>",
        ``debit_type`` where it prints the debit type."""
        t = {"bank_name": self.bank, "ifsc": self.ifsc, "account_number": self.account,
             "account_holder_name": self.holder, "amount": f"{self.amount:.2f}",
             "frequency": self.frequency, "start_date": fmt_date(self.start),
             "mandate_date": fmt_date(self.date)}
        if creditor:
            t["creditor_name"] = self.creditor
        if debit_type:
            t["debit_type"] = self.debit_type
        if micr:
            t["micr"] = self.micr
        if umrn and self.umrn:
            t["umrn"] = self.umrn
        if self.end is not None:
            t["end_date"] = fmt_date(self.end)
        return t


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _mandate(rng: random.Random) -> Mandate:
    bank = BANKS[rng.choice(list(BANKS))]
    sponsor = BANKS[rng.choice(list(BANKS))].ifsc
    addr = address(rng)
    ifsc = bank.ifsc + "0" + ("0" + _digits(rng, 5) if rng.random() < 0.85 else _digits(rng, 6))
    micr = addr.pin[:3] + bank.micr + f"{rng.randint(1, 999):03d}"
    n, prefix = bank.acct
    account = prefix + _digits(rng, n - len(prefix))
    if account[0] == "0":
        account = "1" + account[1:]
    p = person(rng)
    holder = p.name.upper() if rng.random() < 0.6 else p.name
    date = random_date(rng, dt.date(2020, 1, 1), dt.date(2025, 9, 30))
    start = date + dt.timedelta(days=rng.randint(5, 40))
    end = None if rng.random() < 0.3 else start.replace(year=start.year + rng.choice([1, 2, 3, 5, 10, 40]), day=min(start.day, 28))
    amount = Decimal(rng.choice([rng.randint(5, 300) * 100, rng.randint(1000, 150000)]))
    umrn = sponsor + "7" + _digits(rng, 15) if rng.random() < 0.6 else None
    return Mandate(
        creditor=financier_name(rng), sponsor=sponsor + "0" + _digits(rng, 6),
        utility="NACH" + "0" * 8 + _digits(rng, 6), umrn=umrn, date=date, bank=bank.name,
        ifsc=ifsc, micr=micr, account=account, holder=holder, amount=amount,
        frequency=rng.choice(["monthly"] * 5 + ["quarterly", "half_yearly", "yearly", "as_presented"]),
        debit_type=rng.choice(["maximum", "maximum", "fixed"]), start=start, end=end,
        reference=f"{rng.choice(['LN', 'CD', 'TW', ''])}{_digits(rng, 10)}",
        phone=f"{rng.choice('6789')}{_digits(rng, 9)}")


def _boxes(c: Canvas, x: float, y: float, chars: str, n: int, size: float, fam: str,
           color: tuple[int, int, int], ink: tuple[int, int, int] = _INK) -> float:
    """``n`` boxes from (x, y), ``chars`` written one per box; returns the x after them. Boxes
    are narrower than tall, as the printed forms draw them, so a printed value reads as a run."""
    w = size * 0.74
    for i in range(n):
        bx = x + i * w
        c.rect((bx, y, bx + w, y + size), outline=color, width=1.2)
        if i < len(chars):
            c.text(bx + w / 2, y + size * 0.14, chars[i], fam, size * 0.7, fill=ink, align="m")
    return x + n * w


def _tick(c: Canvas, x: float, y: float, size: float, on: bool, mark: str, fam: str) -> None:
    c.rect((x, y, x + size, y + size), outline=(60, 60, 60), width=1.2)
    if on:
        # DejaVu has the tick glyphs every font does not
        c.text(x + size / 2, y - size * 0.1, mark, "dejavu_sans", size * 1.05, fill=_INK, align="m",
               bold=True)


def _ddmmyyyy(d: dt.date | None) -> str:
    return d.strftime("%d%m%Y") if d else ""


def npci(rng: random.Random) -> Rendered:
    """NPCI's mandate form at the top of an A4 page."""
    m = _mandate(rng)
    fam = rng.choice(SANS)
    hand = rng.choice(SANS + SERIF)
    grey = graphics.tint((50, 50, 60), rng, 10)
    mark = rng.choice(["X", "✓", "X"])
    c = a4_canvas()
    L, R = 70.0, 1584.0
    c.rect((L - 20, 40, R + 20, 900), outline=grey, width=2)
    c.text(L, 60, rng.choice(["NACH / ECS / DIRECT DEBIT MANDATE FORM", "NACH/ACH DEBIT MANDATE FORM",
                              "MANDATE FORM - NACH / ECS / DIRECT DEBIT"]), fam, 30, bold=True, fill=grey)
    y = 120.0
    c.text(L, y + 6, "UMRN", fam, 20, bold=True, fill=grey)
    _boxes(c, L + 90, y, m.umrn or "", 20, 34, hand, grey)
    c.text(L + 900, y + 6, "Date", fam, 20, bold=True, fill=grey)
    _boxes(c, L + 970, y, _ddmmyyyy(m.date), 8, 34, hand, grey)
    y += 60
    c.text(L, y, "Sponsor Bank Code", fam, 20, fill=grey)
    c.text(L + 220, y, m.sponsor, hand, 22, fill=_INK)
    c.text(L + 620, y, "Utility Code", fam, 20, fill=grey)
    c.text(L + 770, y, m.utility, hand, 22, fill=_INK)
    for i, word in enumerate(["CREATE", "MODIFY", "CANCEL"]):
        _tick(c, L + 1180 + i * 110, y, 22, i == 0, mark, hand)
        c.text(L + 1206 + i * 110, y + 2, word, fam, 15, fill=grey)
    y += 50
    c.text(L, y, "I/We hereby authorize", fam, 20, fill=grey)
    c.text(L + 250, y, m.creditor, hand, 22, fill=_INK)
    c.text(L + 900, y, "to debit (tick)", fam, 20, fill=grey)
    for i, word in enumerate(["SB", "CA", "CC", "Other"]):
        _tick(c, L + 1060 + i * 95, y, 22, i == 0, mark, hand)
        c.text(L + 1086 + i * 95, y + 2, word, fam, 16, fill=grey)
    y += 55
    c.text(L, y + 6, "Bank a/c number", fam, 20, fill=grey)
    _boxes(c, L + 200, y, m.account, max(18, len(m.account)), 34, hand, grey)
    y += 58
    c.text(L, y + 6, "with Bank", fam, 20, fill=grey)
    c.text(L + 120, y + 4, m.bank, hand, 24, fill=_INK)
    c.text(L + 600, y + 6, "IFSC", fam, 20, fill=grey)
    x = _boxes(c, L + 660, y, m.ifsc, 11, 32, hand, grey)
    c.text(x + 20, y + 6, "or MICR", fam, 20, fill=grey)
    _boxes(c, x + 120, y, m.micr, 9, 32, hand, grey)
    y += 58
    c.text(L, y + 4, "an amount of Rupees", fam, 20, fill=grey)
    c.text(L + 240, y + 2, amount_words(int(m.amount)) + " only", hand, 22, fill=_INK)
    c.rect((L + 1150, y - 6, R, y + 36), outline=grey, width=1.5)
    c.text(L + 1162, y + 2, f"{rupee(hand)} {inr(m.amount, grouping=rng.random() < 0.6)}", hand, 24,
           fill=_INK)
    y += 58
    c.text(L, y, "FREQUENCY", fam, 18, bold=True, fill=grey)
    x = L + 140
    for key, (abbr, _) in _FREQ.items():
        _tick(c, x, y, 22, key == m.frequency, mark, hand)
        x += 30 + c.text(x + 30, y + 2, abbr, fam, 17, fill=grey) + 25
    c.text(L + 900, y, "DEBIT TYPE", fam, 18, bold=True, fill=grey)
    _tick(c, L + 1040, y, 22, m.debit_type == "fixed", mark, hand)
    c.text(L + 1068, y + 2, "Fixed Amount", fam, 17, fill=grey)
    _tick(c, L + 1220, y, 22, m.debit_type == "maximum", mark, hand)
    c.text(L + 1248, y + 2, "Maximum Amount", fam, 17, fill=grey)
    y += 50
    c.text(L, y, "Reference 1", fam, 18, fill=grey)
    c.text(L + 140, y, m.reference, hand, 20, fill=_INK)
    c.text(L + 620, y, "Phone No.", fam, 18, fill=grey)
    c.text(L + 740, y, m.phone, hand, 20, fill=_INK)
    y += 45
    c.text(L, y, "I agree for the debit of mandate processing charges by the bank whom I am "
           "authorizing to debit my account as per latest schedule of charges of the bank.", fam, 14,
           fill=grey)
    y += 40
    c.text(L, y + 6, "PERIOD  From", fam, 18, bold=True, fill=grey)
    _boxes(c, L + 160, y, _ddmmyyyy(m.start), 8, 30, hand, grey)
    c.text(L + 420, y + 6, "To", fam, 18, bold=True, fill=grey)
    _boxes(c, L + 460, y, _ddmmyyyy(m.end), 8, 30, hand, grey)
    _tick(c, L + 60, y + 50, 22, m.end is None, mark, hand)
    c.text(L + 88, y + 52, "Or Until Cancelled", fam, 17, fill=grey)
    for i in range(3):
        sx = L + 760 + i * 260
        if i == 0:
            c.paste(graphics.signature(rng, 200, 50), sx + 10, y - 10)
        c.line([(sx, y + 45), (sx + 230, y + 45)], fill=grey, width=1)
        c.text(sx + 115, y + 48, ["Signature Primary Account holder", "Signature of Account holder",
                                  "Signature of Account holder"][i], fam, 12, fill=grey, align="m")
        if i == 0:
            c.text(sx + 115, y + 82, m.holder, hand, 20, fill=_INK, align="m")
        c.line([(sx, y + 108), (sx + 230, y + 108)], fill=grey, width=1)
        c.text(sx + 115, y + 112, f"{i + 1}. Name as in bank records", fam, 12, fill=grey, align="m")
    y = 960.0
    for line in ["Instructions:", "1. Write the UMRN, date, account number, IFSC / MICR and amount in the boxes.",
                 "2. Tick the frequency and the debit type; strike out what does not apply.",
                 "3. Sign exactly as the account is operated; the mandate is valid until cancelled or the end date."]:
        c.text(L, y, line, fam, 18, fill=(70, 70, 70))
        y += 32
    truth = m.truth()
    return Rendered(c.img, truth, page="a4", dpi=200, canvas=c)


def lender(rng: random.Random) -> Rendered:
    """A lender's printed mandate page: letterhead, labelled values, declaration."""
    m = _mandate(rng)
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    color = graphics.tint(rng.choice([(10, 50, 120), (140, 20, 30), (20, 90, 50)]), rng, 20)
    c = a4_canvas()
    c.rect((0, 0, c.w, 14), fill=color)
    c.text(100, 60, m.creditor, fam, c.fit(m.creditor, fam, 44, 1200), bold=True, fill=color)
    c.line([(100, 140), (c.w - 100, 140)], fill=color, width=3)
    c.text(c.w / 2, 180, rng.choice(["NACH Debit Mandate", "NACH DEBIT MANDATE FORM",
                                     "ACH Debit Mandate Form"]), fam, s + 10, bold=True, align="m")
    L, M = 120.0, 640.0
    y = 270.0
    freq = _FREQ[m.frequency][1]
    rows = [("UMRN", m.umrn or ""), ("Mandate Date", fmt_date(m.date)),
            ("Sponsor Bank Code", m.sponsor), ("Utility Code", m.utility),
            (rng.choice(["Account Holder Name", "Name of Account Holder"]), m.holder),
            (rng.choice(["Bank Name", "Name of the Bank"]), m.bank),
            (rng.choice(["Account Number", "Bank A/c No."]), m.account), ("IFSC", m.ifsc),
            ("MICR", m.micr),
            (rng.choice(["Maximum Amount", "Amount (in figures)", "Debit Amount"]),
             f"{rupee(fam)} {inr(m.amount)}"),
            ("Amount in words", f"Rupees {amount_words(int(m.amount))} only"),
            ("Frequency", freq), ("Debit Type", "Maximum Amount" if m.debit_type == "maximum" else "Fixed Amount"),
            ("Start Date", fmt_date(m.start)),
            ("End Date", fmt_date(m.end) if m.end else "Until Cancelled"),
            ("Loan Account No.", m.reference), ("Mobile No.", m.phone)]
    if not m.umrn:
        rows = rows[1:]
    for label, value in rows:
        c.text(L, y, label, fam, s, fill=(60, 60, 60))
        c.text(M, y, f": {value}" if rng.random() < 0.5 else value, fam, s, bold=label in ("Account Number", "IFSC"))
        y += s * 1.75
    y += s
    body = (f"I/We hereby authorize {m.creditor} to debit my/our account as above through NACH for "
            f"the repayment of my loan, and I agree to the debit of mandate processing charges.")
    from kagaz.synth.certificates import paragraph
    y = paragraph(c, body, L, y, c.w - 240, fam, s * 0.9) + s * 2
    c.paste(graphics.signature(rng, 260, 80), L, y)
    c.text(L, y + 100, "Signature of Account Holder", fam, s * 0.85, fill=(60, 60, 60))
    return Rendered(c.img, m.truth(), page="a4", dpi=200, canvas=c)


def ecs(rng: random.Random) -> Rendered:
    """The older single-column ECS / NACH form: labelled lines, ticked options."""
    m = _mandate(rng)
    fam = rng.choice(SERIF + SANS)
    hand = rng.choice(SANS)
    s = rng.uniform(21, 24)
    mark = rng.choice(["✓", "X"])
    c = a4_canvas()
    c.text(c.w / 2, 80, rng.choice(["ECS / NACH DEBIT MANDATE", "ECS (Debit) / NACH Mandate Form"]),
           fam, s + 10, bold=True, align="m")
    c.text(c.w / 2, 130, f"In favour of {m.creditor}", fam, s, align="m")
    c.text(110, 2050, f"I/We hereby authorize {m.creditor} to debit my account as above.", fam, s * 0.9)
    L, M = 110.0, 700.0
    y = 210.0

    def row(label: str, value: str) -> None:
        nonlocal y
        c.text(L, y, label, fam, s)
        c.line([(M - 10, y + s * 1.2), (c.w - 110, y + s * 1.2)], fill=(120, 120, 120), width=1)
        c.text(M, y - 2, value, hand, s + 1, fill=_INK)
        y += s * 2.2

    if m.umrn:
        row("UMRN", m.umrn)
    row("Date", fmt_date(m.date, rng.choice(["/", "-"])))
    row("Name of Account Holder", m.holder)
    row("Name of the Bank", m.bank)
    row("Account Number", m.account)
    row("IFSC Code", m.ifsc)
    row("MICR Code", m.micr)
    row("Amount (Rs.)", inr(m.amount))
    c.text(L, y, "Frequency", fam, s)
    x = M
    for key, (_, word) in _FREQ.items():
        if x + s * 1.4 + c.measure(word, fam, s * 0.85) > c.w - 110:
            x, y = M, y + s * 1.8  # the options go on under the first ones
        _tick(c, x, y, s, key == m.frequency, mark, hand)
        x += s * 1.4 + c.text(x + s * 1.4, y, word, fam, s * 0.85) + s
    y += s * 2.2
    row("Period From", fmt_date(m.start))
    if m.end:
        row("To", fmt_date(m.end))
    else:
        c.text(L, y, "To", fam, s)
        _tick(c, M, y, s, True, mark, hand)
        c.text(M + s * 1.5, y, "Until Cancelled", fam, s)
        y += s * 2.2
    row("Reference (Loan A/c No.)", m.reference)
    y += s
    c.paste(graphics.signature(rng, 260, 80), c.w - 500, y)
    c.text(c.w - 370, y + 100, "Signature of Account Holder", fam, s * 0.85, align="m")
    return Rendered(c.img, m.truth(debit_type=False), page="a4", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"npci": npci, "lender": lender, "ecs": ecs}
A4_LAYOUTS = frozenset(LAYOUTS)
