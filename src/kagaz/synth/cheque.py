"""Cancelled and specimen cheques in the CTS-2010 format, three banks' kinds of design.

What every leaf prints (RBI's CTS-2010 standard; :mod:`kagaz.doctypes.cheque`): the bank's name
and the branch's address with its IFSC, the date boxes (``D D M M Y Y Y Y``), the payee line
("Pay … or Bearer"), the amount in words ("Rupees") and in figures (a ₹ box), the account
number, the holder's name over the place to sign, and the MICR band at the bottom:
``⑈cheque no.⑈ MICR code⑆ base no.⑈ transaction code`` (6, 9, 6 and 2 digits). The MICR code is
the branch's city (the first three digits of its PIN), the bank's code and the branch's code;
the base number is mostly the account number's last six digits here, the transaction code one
of 10, 11, 29, 31 (nothing checks it). The E-13B symbols are drawn as bars and squares, the
digits in a monospace font. "CANCELLED" is written across most leaves (between two lines, as a
hand would), the rest are specimen leaves, unmarked.

* ``private``: a private bank's leaf (HDFC, ICICI, Axis, Kotak): the bank's name top left, the
  branch and "RTGS/NEFT IFSC" under it, "Payable at par", the holder's name over "Please sign
  above" or "Authorised Signatories".
* ``bilingual``: a public-sector bank's leaf (SBI, PNB, Bank of Baroda, Canara, Bank of India,
  Union Bank): the name in Hindi and English, bilingual labels ("अदा करें / Pay", "रुपये / Rupees",
  "या धारक को / OR BEARER", "खाता सं. / A/c No."), "IFS Code" beside the branch code, "Valid for
  three months".
* ``current``: a current account of a firm, any of those banks: the bank's block on the right,
  "Account No." with the type, "For <FIRM>" over "Authorised Signatory" (or "Proprietor",
  "Partner"), "CTS-2010" small print.

Truth: ``bank_name`` (the bank's usual name, as :data:`kagaz.doctypes.statement_fields.BANKS`
spells it), ``ifsc``, ``micr``, ``account_number``, ``account_holder_name`` (as printed, without
"For"), ``cheque_number`` (six digits, leading zeros kept).
"""

from __future__ import annotations

import math
import random
import string
from dataclasses import dataclass

from kagaz.synth import graphics
from kagaz.synth.billing import business_name, rupee
from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.identities import LOCALITIES, STREETS, address, person
from kagaz.synth.layout import LayoutFn, Rendered, security_background
from kagaz.synth.render import Canvas, Color

__all__ = ["BANKS", "LAYOUTS", "SIZE"]

#: A leaf is 8 x 3.67 inches (CTS-2010); drawn at 200 dpi in these design units, ±15 %.
SIZE = (1600, 733)


@dataclass(frozen=True)
class Bank:
    name: str  # usual name (truth)
    printed: str  # as the leaf prints it
    hindi: str
    ifsc: str  # 4 letters
    micr: str  # 3 digits
    color: Color
    acct: tuple[int, str]  # digits, prefix


#: The banks drawn, with their MICR bank codes (kagaz.doctypes.cheque_micr.MICR_BANK_CODES).
BANKS: dict[str, Bank] = {
    "SBIN": Bank("State Bank of India", "State Bank of India", "भारतीय स्टेट बैंक", "SBIN", "002",
                 (20, 90, 160), (11, "3")),
    "PUNB": Bank("Punjab National Bank", "Punjab National Bank", "पंजाब नैशनल बैंक", "PUNB", "024",
                 (150, 30, 40), (16, "")),
    "BARB": Bank("Bank of Baroda", "Bank of Baroda", "बैंक ऑफ़ बड़ौदा", "BARB", "012",
                 (220, 90, 20), (14, "")),
    "CNRB": Bank("Canara Bank", "Canara Bank", "केनरा बैंक", "CNRB", "015", (0, 110, 170),
                 (13, "")),
    "BKID": Bank("Bank of India", "Bank of India", "बैंक ऑफ़ इंडिया", "BKID", "013",
                 (230, 110, 30), (15, "")),
    "UBIN": Bank("Union Bank of India", "Union Bank of India", "यूनियन बैंक ऑफ़ इंडिया", "UBIN",
                 "026", (200, 30, 40), (15, "")),
    "HDFC": Bank("HDFC Bank", "HDFC BANK", "", "HDFC", "240", (0, 60, 130), (14, "50100")),
    "ICIC": Bank("ICICI Bank", "ICICI Bank", "", "ICIC", "229", (170, 60, 20), (12, "")),
    "UTIB": Bank("Axis Bank", "AXIS BANK", "", "UTIB", "211", (150, 20, 70), (15, "91")),
    "KKBK": Bank("Kotak Mahindra Bank", "Kotak Mahindra Bank", "", "KKBK", "485",
                 (200, 20, 40), (10, "")),
}
_PRIVATE = ("HDFC", "ICIC", "UTIB", "KKBK")
_PUBLIC = ("SBIN", "PUNB", "BARB", "CNRB", "BKID", "UBIN")
_INK: tuple[Color, ...] = ((20, 30, 120), (15, 15, 20), (30, 40, 90))


@dataclass
class Leaf:
    """One leaf's content, decided before drawing."""

    bank: Bank
    branch: str
    branch_lines: list[str]
    ifsc: str
    micr: str
    account: str
    current: bool
    holder: str
    cheque_no: str
    base: str
    tc: str
    cancelled: bool

    def truth(self) -> dict[str, str]:
        return {"bank_name": self.bank.name, "ifsc": self.ifsc, "micr": self.micr,
                "account_number": self.account, "account_holder_name": self.holder,
                "cheque_number": self.cheque_no}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _leaf(rng: random.Random, banks: tuple[str, ...], *, current: bool | None = None) -> Leaf:
    bank = BANKS[rng.choice(banks)]
    addr = address(rng)
    locality = rng.choice(LOCALITIES)
    branch = f"{locality}, {addr.city}" if rng.random() < 0.6 else addr.city
    street = rng.choice(STREETS)
    plot = rng.choice([f"Plot No. {rng.randint(1, 300)}", f"Shop No. {rng.randint(1, 40)}",
                       f"{rng.randint(1, 999)}", f"Ground Floor, {rng.choice(['Sai', 'Om', 'Shree'])} "
                       f"{rng.choice(['Plaza', 'Complex', 'Arcade', 'Chambers'])}"])
    branch_lines = [f"{plot}, {street}", f"{addr.city} - {addr.pin}, {addr.state}"]
    if bank.ifsc == "BARB" and rng.random() < 0.6:  # Bank of Baroda's branch codes are letters
        letters = "".join(ch for ch in (locality + addr.city).upper() if ch.isalpha())
        branch_code = (letters + "XXXXXX")[:6]
    else:
        branch_code = "0" + _digits(rng, 5) if rng.random() < 0.8 else _digits(rng, 6)
    ifsc = bank.ifsc + "0" + branch_code
    micr = addr.pin[:3] + bank.micr + f"{rng.randint(1, 999):03d}"
    n, prefix = bank.acct
    account = prefix + _digits(rng, n - len(prefix))
    if account[0] == "0" and not prefix:
        account = str(rng.randint(1, 9)) + account[1:]
    if current is None:
        current = rng.random() < 0.35
    if current:
        holder = business_name(rng)
        holder = holder.upper() if rng.random() < 0.7 else holder
    else:
        p = person(rng)
        holder = p.name.upper() if rng.random() < 0.75 else p.name
    cheque_no = f"{rng.randint(1, 999999):06d}"
    base = account[-6:] if rng.random() < 0.8 else _digits(rng, 6)
    tc = rng.choice(("11", "31") if current else ("10", "29"))
    return Leaf(bank, branch, branch_lines, ifsc, micr, account, current, holder, cheque_no, base,
                tc, rng.random() < 0.8)


def _canvas(rng: random.Random) -> Canvas:
    scale = rng.uniform(0.86, 1.14)
    w, h = SIZE
    bg = graphics.tint((246, 244, 236), rng, 6)
    return Canvas(round(w * scale), round(h * scale), scale, bg, dpi=200)


def _paper(c: Canvas, rng: random.Random, leaf: Leaf) -> None:
    """Pantograph tint, the bank's colour faint over it, and the blank MICR clear band."""
    light = tuple(min(255, 205 + v // 5) for v in leaf.bank.color)
    top = graphics.tint((244, 242, 232), rng, 6)
    security_background(c, rng, top, light, graphics.tint(leaf.bank.color, rng, 20), alpha=22,
                        waves=rng.random() < 0.5)
    c.rect((0, SIZE[1] - 130, c.w, c.h), fill=graphics.tint((250, 250, 246), rng, 4))


def _date_boxes(c: Canvas, rng: random.Random, x: float, y: float, label: str,
                font: str, color: Color) -> None:
    """Eight boxes with the D D M M Y Y Y Y guides CTS-2010 asks for."""
    c.text(x - 12, y + 8, label, font, 22, fill=color, align="r")
    size = 38
    for i, ch in enumerate("DDMMYYYY"):
        bx = x + i * (size + 3) + (8 if i >= 2 else 0) + (8 if i >= 4 else 0)
        c.rect((bx, y, bx + size, y + size), outline=color, width=1.5)
        c.text(bx + size / 2, y + size + 3, ch, font, 14, fill=color, align="m")


def _rule(c: Canvas, x0: float, x1: float, y: float, color: Color) -> None:
    c.line([(x0, y), (x1, y)], color, 1.5)


def _micr_symbol(c: Canvas, x: float, y: float, kind: str, h: float) -> float:
    """E-13B's on-us (⑈) or transit (⑆) symbol, made of bars and squares; returns its width."""
    ink = (10, 10, 10)
    bar = h * 0.16
    if kind == "on_us":
        c.rect((x, y, x + bar, y + h * 0.72), fill=ink)
        c.rect((x + bar * 2, y, x + bar * 3, y + h * 0.72), fill=ink)
        c.rect((x, y + h * 0.84, x + bar * 3, y + h), fill=ink)
    else:
        c.rect((x, y, x + bar, y + h), fill=ink)
        c.rect((x + bar * 2, y, x + bar * 3.2, y + h * 0.3), fill=ink)
        c.rect((x + bar * 2, y + h * 0.7, x + bar * 3.2, y + h), fill=ink)
    return bar * 3.4


def _micr_band(c: Canvas, rng: random.Random, leaf: Leaf) -> None:
    """``⑈cheque⑈ micr⑆ base⑈ tc`` in the clear band, at the standard's height (0.117 inch)."""
    font = rng.choice(MONO)
    size = rng.uniform(30, 34)
    h = size * 0.7
    x, y = rng.uniform(330, 430), SIZE[1] - rng.uniform(80, 92)
    ink = (10, 10, 10)
    gap = size * 0.2
    x += _micr_symbol(c, x, y + 2, "on_us", h) + gap
    x += c.text(x, y - size * 0.05, leaf.cheque_no, font, size, fill=ink) + gap
    x += _micr_symbol(c, x, y + 2, "on_us", h) + size * 0.9
    x += c.text(x, y - size * 0.05, leaf.micr, font, size, fill=ink) + gap
    x += _micr_symbol(c, x, y + 2, "transit", h) + size * 0.9
    x += c.text(x, y - size * 0.05, leaf.base, font, size, fill=ink) + gap
    x += _micr_symbol(c, x, y + 2, "on_us", h) + size * 0.9
    c.text(x, y - size * 0.05, leaf.tc, font, size, fill=ink)


def _cancel(c: Canvas, rng: random.Random) -> None:
    """"CANCELLED" written across the leaf between two slanting lines, in pen."""
    ink = rng.choice(_INK)
    angle = rng.uniform(8, 20)
    x, y = rng.uniform(380, 620), rng.uniform(150, 300)
    size = rng.uniform(70, 95)
    family = rng.choice(("dejavu_serif", "free_serif", "dejavu_sans", "free_sans"))
    c.text_rotated(x, y, rng.choice(("CANCELLED", "CANCELLED", "Cancelled")), family, size,
                   round(angle), fill=ink, bold=rng.random() < 0.5)
    width = 480 + size * 2.2
    slope = math.tan(math.radians(angle))
    for dy in (-size * 0.25, size * 1.25):
        x0, y0 = x - 20, y + dy + width * slope + 20
        c.line([(x0, y0), (x0 + width, y0 - width * slope)], ink, rng.uniform(2, 3.5))


def _sign(c: Canvas, rng: random.Random, x: float, y: float) -> None:
    if rng.random() < 0.5:
        c.paste(graphics.signature(rng, c.px(260), c.px(70), rng.choice(_INK)), x, y)


def _holder(c: Canvas, text: str, x: float, y: float, family: str, size: float) -> None:
    """The holder's name centred over the place to sign, smaller when it would leave the leaf."""
    room = 2 * min(SIZE[0] - 40 - x, 480)
    size = c.fit(text, family, size, room, bold=True)
    c.text(x, y + (24 - size) / 2, text, family, size, bold=True, fill=(15, 15, 20), align="m")


def _fonts(rng: random.Random) -> tuple[str, str]:
    label = rng.choice(SANS + SERIF)
    value = label if rng.random() < 0.6 else rng.choice(SANS)
    return label, value


def private(rng: random.Random) -> Rendered:
    leaf = _leaf(rng, _PRIVATE)
    c = _canvas(rng)
    _paper(c, rng, leaf)
    label_font, value_font = _fonts(rng)
    grey = graphics.tint((55, 55, 60), rng, 10)
    color = graphics.tint(leaf.bank.color, rng, 15)
    # the bank's block, top left
    c.rect((40, 34, 92, 86), fill=color, radius=6)
    c.text(108, 34, leaf.bank.printed, rng.choice(SANS), rng.uniform(40, 48), bold=True,
           fill=color)
    y = 96
    c.text(108, y, f"{leaf.branch.upper()} BRANCH" if rng.random() < 0.5 else
           f"Branch : {leaf.branch}", label_font, 20, fill=grey)
    for line in leaf.branch_lines:
        y += 25
        c.text(108, y, line, label_font, 19, fill=grey)
    y += 27
    c.text(108, y, rng.choice(("RTGS/NEFT IFSC : ", "IFSC : ", "RTGS / NEFT IFSC: ")) + leaf.ifsc,
           value_font, 22, bold=True, fill=(20, 20, 25))
    _date_boxes(c, rng, 1180, 40, "Date", label_font, grey)
    c.text(1180, 112, rng.choice(("Payable at par at all our branches in India",
                                  "PAYABLE AT PAR AT ALL BRANCHES OF " + leaf.bank.name.upper())),
           label_font, 15, fill=grey, align="m")
    # payee, words and figures
    c.text(60, 238, "Pay", label_font, 28, fill=grey)
    _rule(c, 120, 1330, 270, grey)
    c.text(1540, 240, rng.choice(("OR BEARER", "or Bearer", "Or Bearer")), label_font, 22,
           fill=grey, align="r")
    c.text(60, 300, "Rupees", label_font, 24, fill=grey)
    _rule(c, 160, 1120, 330, grey)
    _rule(c, 60, 1120, 380, grey)
    c.rect((1170, 300, 1540, 372), outline=grey, width=2)
    c.text(1185, 318, rupee(label_font), label_font, 30, bold=True, fill=grey)
    # account, holder, signature
    kind = rng.choice(("SB", "SAVINGS", "")) if not leaf.current else rng.choice(("CA", "CURRENT", ""))
    c.text(60, 430, rng.choice(("A/c No. ", "A/C No. ", "A/c No ")) + leaf.account, value_font,
           26, bold=True, fill=(15, 15, 20))
    if kind:
        c.text(560, 432, kind, label_font, 22, fill=grey)
    _holder(c, "For " + leaf.holder if leaf.current else leaf.holder, 1440, 470, value_font, 24)
    _sign(c, rng, 1300, 500)
    c.text(1440, 575, "Authorised Signatories" if leaf.current else
           rng.choice(("Please sign above", "Authorised Signatories")), label_font, 17, fill=grey,
           align="m")
    if leaf.cancelled:
        _cancel(c, rng)
    _micr_band(c, rng, leaf)
    return Rendered(c.img, leaf.truth(), page="cheque", dpi=200, canvas=c)


def bilingual(rng: random.Random) -> Rendered:
    leaf = _leaf(rng, _PUBLIC)
    c = _canvas(rng)
    _paper(c, rng, leaf)
    label_font, value_font = _fonts(rng)
    deva = "deva_serif" if label_font in SERIF else "deva_sans"
    grey = graphics.tint((45, 50, 70), rng, 10)
    color = graphics.tint(leaf.bank.color, rng, 15)
    c.ellipse((40, 30, 110, 100), fill=color)
    c.text(126, 26, leaf.bank.hindi, deva, 30, bold=True, fill=color)
    c.text(126, 70, leaf.bank.printed.upper() if rng.random() < 0.5 else leaf.bank.printed,
           rng.choice(SANS), 34, bold=True, fill=color)
    y = 118
    c.text(126, y, f"{leaf.branch} Branch", label_font, 20, bold=True, fill=grey)
    for line in leaf.branch_lines:
        y += 25
        c.text(126, y, line, label_font, 18, fill=grey)
    branch_code = leaf.ifsc[-5:] if leaf.ifsc[5:].isdigit() else ""
    y += 27
    code = rng.choice(("IFS Code : ", "IFSC : ", "IFS Code: "))
    c.text(126, y, code + leaf.ifsc, value_font, 21, bold=True, fill=(20, 20, 25))
    if branch_code:
        c.text(520, y + 2, f"Branch Code : {branch_code}", label_font, 18, fill=grey)
    _date_boxes(c, rng, 1180, 40, "दिनांक / Date", label_font, grey)
    c.text(1180, 112, "Valid for three months only from the date of issue", label_font, 14,
           fill=grey, align="m")
    c.text(60, 236, "अदा करें / Pay", label_font, 24, fill=grey, deva=deva)
    _rule(c, 230, 1280, 270, grey)
    c.text(1540, 238, "या धारक को / OR BEARER", label_font, 20, fill=grey, align="r", deva=deva)
    c.text(60, 300, "रुपये / Rupees", label_font, 22, fill=grey, deva=deva)
    _rule(c, 230, 1120, 330, grey)
    _rule(c, 60, 1120, 380, grey)
    c.rect((1170, 296, 1540, 370), outline=grey, width=2)
    c.text(1185, 314, "₹", "dejavu_sans", 30, bold=True, fill=grey)
    c.text(60, 426, "खाता सं. / A/c No.", label_font, 20, fill=grey, deva=deva)
    c.text(290, 422, leaf.account, value_font, 27, bold=True, fill=(15, 15, 20))
    c.text(60, 470, rng.choice(("Payable at par at all branches of " + leaf.bank.name,
                                "Multi-City Cheque: payable at par at all our branches")),
           label_font, 15, fill=grey)
    _holder(c, leaf.holder, 1440, 470, value_font, 24)
    _sign(c, rng, 1300, 498)
    c.text(1440, 575, "कृपया यहाँ हस्ताक्षर करें / Please sign above", label_font, 16, fill=grey,
           align="m", deva=deva)
    if leaf.cancelled:
        _cancel(c, rng)
    _micr_band(c, rng, leaf)
    return Rendered(c.img, leaf.truth(), page="cheque", dpi=200, canvas=c)


def current(rng: random.Random) -> Rendered:
    leaf = _leaf(rng, _PRIVATE + _PUBLIC, current=True)
    c = _canvas(rng)
    _paper(c, rng, leaf)
    label_font, value_font = _fonts(rng)
    grey = graphics.tint((50, 50, 55), rng, 10)
    color = graphics.tint(leaf.bank.color, rng, 15)
    # date top left, the bank's block on the right
    _date_boxes(c, rng, 140, 40, "Date", label_font, grey)
    right = 1550
    c.text(right, 30, leaf.bank.printed, rng.choice(SANS), rng.uniform(36, 44), bold=True,
           fill=color, align="r")
    y = 84
    c.text(right, y, leaf.branch, label_font, 19, fill=grey, align="r")
    for line in leaf.branch_lines:
        y += 24
        c.text(right, y, line, label_font, 17, fill=grey, align="r")
    y += 28
    c.text(right, y, rng.choice(("IFSC: ", "IFSC Code: ", "IFS Code : ")) + leaf.ifsc,
           value_font, 21, bold=True, fill=(20, 20, 25), align="r")
    c.text(60, 150, "CTS-2010", label_font, 14, fill=grey)
    c.text(60, 238, "Pay", label_font, 28, fill=grey)
    _rule(c, 120, 1330, 270, grey)
    c.text(1540, 240, "or Bearer", label_font, 22, fill=grey, align="r")
    c.text(60, 300, "Rupees", label_font, 24, fill=grey)
    _rule(c, 160, 1120, 330, grey)
    _rule(c, 60, 1120, 380, grey)
    c.rect((1170, 300, 1540, 372), outline=grey, width=2)
    c.text(1185, 318, rupee(label_font), label_font, 30, bold=True, fill=grey)
    c.text(60, 420, rng.choice(("Account No. ", "A/c. No. ", "Account No : ")) + leaf.account,
           value_font, 26, bold=True, fill=(15, 15, 20))
    c.text(60, 458, rng.choice(("Current Account", "CA", "CURRENT A/C")), label_font, 18,
           fill=grey)
    _holder(c, "For " + leaf.holder, 1420, 462, value_font, 23)
    _sign(c, rng, 1290, 492)
    c.text(1420, 575, rng.choice(("Authorised Signatory", "Proprietor", "Partner",
                                  "Authorised Signatory / Partner")),
           label_font, 17, fill=grey, align="m")
    if leaf.cancelled:
        _cancel(c, rng)
    _micr_band(c, rng, leaf)
    return Rendered(c.img, leaf.truth(), page="cheque", dpi=200, canvas=c)


LAYOUTS: dict[str, LayoutFn] = {"private": private, "bilingual": bilingual, "current": current}
