"""GST tax invoices from several billing tools, with their arithmetic worked out exactly.

Layouts (all A4, all exportable as born-digital PDFs):

* ``tally``: the boxed Tally-style "Tax Invoice": seller box with "GSTIN/UIN", "Invoice No." and
  "Dated" boxes with the value under the label, "Buyer (Bill to)" box, items table with the tax
  and "Round Off" lines inside it, amount in words and the HSN-wise tax summary table (a second
  table with "Taxable Value" and "Total", the classic distractor).
* ``pos``: a retail point-of-sale bill on A4: centred shop header, "Bill No" / "Date", a
  B2C customer line, a ruled items table, "Sub Total", "CGST @ x%", "Round Off", "Grand Total".
* ``durable``: a consumer-durable dealer's invoice: coloured header, customer and finance
  boxes, items with "IMEI 1:" / "IMEI 2:" / "S/N:" lines under the description, and labelled
  totals ("Taxable Value", "CGST @ 9%", "Total Invoice Value").
* ``modern``: a cloud accounting tool's invoice: "Invoice#", dates as "12 Apr 2024" with a "Due
  Date" beside, "Bill To" with the buyer's GSTIN, "Sub Total", "CGST9 (9%)", "Total", "Balance Due".
* ``marketplace``: a marketplace seller's invoice: "Sold By", "Invoice Number #", order and
  invoice dates, "Bill To" / "Ship To", a table with gross, discount, taxable value, tax and total
  per line and a "Total" row, "Grand Total".

Truth: amounts as ``"123456.78"``, dates ``DD/MM/YYYY``, identifiers as printed without spaces;
``line_items`` is a list of ``{description, hsn, quantity, rate, amount}`` (``rate`` None where
the layout prints none, ``amount`` the line's taxable value), ``serial_numbers`` the IMEIs and
serial numbers in print order. Taxes appear in the truth only where printed (CGST + SGST inside
a state, IGST across states).

The module also holds what the other business generators share: GSTINs with a valid check
character, IMEIs with a valid Luhn digit, Indian digit grouping and amounts in words.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from stdnum import luhn

from kagaz.synth import graphics
from kagaz.synth.fonts import MONO, SANS, SERIF
from kagaz.synth.identities import address, fmt_date, person, random_date
from kagaz.synth.layout import LayoutFn, Rendered, a4_canvas, wrap_parts
from kagaz.synth.render import Canvas

__all__ = [
    "A4_LAYOUTS", "CATALOGUE", "GST_STATE", "LAYOUTS", "Party", "amount_words", "business_name", "gstin",
    "imei", "inr", "party", "rupee", "serial_no",
]

GST_STATE = {"MH": "27", "KA": "29", "DL": "07", "TN": "33", "UP": "09", "GJ": "24", "RJ": "08",
             "WB": "19", "KL": "32", "TS": "36", "MP": "23", "BR": "10", "HR": "06", "PB": "03"}
_B36 = string.digits + string.ascii_uppercase
_FIRST = ["Shree Ganesh", "Sai", "Balaji", "Krishna", "Om Sai", "Mahalaxmi", "Royal", "New India",
          "Jai Hind", "Kaveri", "Sunrise", "Vinayak", "Laxmi", "Galaxy", "Metro", "Star", "Prime",
          "City", "Annapurna", "Bharat", "Venkateshwara", "Ambica", "Siddhi", "Shiv Shakti"]
_TRADE = ["Electronics", "Mobile Gallery", "Enterprises", "Traders", "Home Appliances",
          "Agencies", "Digital World", "Distributors", "Furniture", "Hardware Stores",
          "Super Mart", "Retail", "Marketing", "Sales Corporation", "Steel Centre"]
_LEGAL = ["", "", "", " Pvt. Ltd.", " Private Limited", " LLP", " & Co.", " & Sons"]
D0, D2 = Decimal("1"), Decimal("0.01")


def business_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_TRADE)}{rng.choice(_LEGAL)}"


def gstin(rng: random.Random, state_code: str, entity: str | None = None) -> str:
    """State code, a business PAN, registration count, 'Z', Luhn mod 36 check character."""
    pan = ("".join(rng.choice(string.ascii_uppercase) for _ in range(3))
           + (entity or rng.choice("CCFFPPH")) + rng.choice(string.ascii_uppercase)
           + f"{rng.randint(1, 9999):04d}" + rng.choice(string.ascii_uppercase))
    body = GST_STATE[state_code] + pan + rng.choice("1112A") + "Z"
    return body + luhn.calc_check_digit(body, alphabet=_B36)


def imei(rng: random.Random) -> str:
    """15 digits: an 8-digit type allocation code, a serial and the Luhn check digit."""
    body = rng.choice(["35", "86", "35", "01"]) + "".join(str(rng.randint(0, 9)) for _ in range(12))
    return body + luhn.calc_check_digit(body)


def serial_no(rng: random.Random) -> str:
    """A manufacturer's serial: letters and digits, as appliance and TV makers print them."""
    up, dg = "ABCDEFGHJKLMNPRSTUVWXYZ", string.digits  # makers avoid I, O and Q
    pattern = rng.choice(["AA9A9999999", "999AAAA9A999", "AA99999999999", "A9A9AA99999",
                          "99999AA9999A"])
    return "".join(rng.choice(up if ch == "A" else dg) for ch in pattern)


def inr(value: Decimal, *, grouping: bool = True) -> str:
    """Indian digit grouping: ``123456.5`` -> ``1,23,456.50``.

    >>> inr(Decimal("123456.5")), inr(Decimal("-999.99")), inr(Decimal("45")), inr(Decimal("1000000"))
    ('1,23,456.50', '-999.99', '45.00', '10,00,000.00')
    """
    sign = "-" if value < 0 else ""
    whole, frac = f"{abs(value):.2f}".split(".")
    if grouping and len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        whole = ",".join(([head] if head else []) + groups + [tail])
    return f"{sign}{whole}.{frac}"


_ONES = ("Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen "
         "Fifteen Sixteen Seventeen Eighteen Nineteen").split()
_TENS = "_ _ Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety".split()


def amount_words(n: int) -> str:
    """Rupees in words, Indian style (lakh, crore).

    >>> amount_words(4500000)
    'Forty Five Lakh'
    >>> amount_words(29500)
    'Twenty Nine Thousand Five Hundred'
    """
    def below_100(k: int) -> list[str]:
        if k < 20:
            return [_ONES[k]] if k else []
        return [_TENS[k // 10]] + ([_ONES[k % 10]] if k % 10 else [])

    if n == 0:
        return "Zero"
    out: list[str] = []
    for unit, size in (("Crore", 10**7), ("Lakh", 10**5), ("Thousand", 1000), ("Hundred", 100)):
        if n >= size:
            q = n // size
            out += (amount_words(q).split() if q >= 100 else below_100(q)) + [unit]
            n %= size
    return " ".join(out + below_100(n))


@dataclass
class Party:
    name: str
    lines: list[str]  # address lines as printed
    state: str
    state_code: str
    gstin: str | None = None
    phone: str = ""

    @property
    def address(self) -> str:
        return ", ".join(self.lines)


def party(rng: random.Random, *, business: bool = True, state_code: str | None = None,
          width: float = 620, font: str = "dejavu_sans", size: float = 24,
          with_gstin: bool | None = None) -> Party:
    """A seller, dealer or buyer: a business (with GSTIN) or a person, with wrapped address."""
    code = state_code or rng.choice(list(GST_STATE))
    addr = address(rng, code)
    if business:
        name = business_name(rng)
    else:
        name = person(rng).name
        name = name.upper() if rng.random() < 0.3 else name
    c = a4_canvas()
    parts = list(addr.parts) + [f"{addr.state} - {addr.pin}"]
    lines = wrap_parts(c, parts, width, font, size)
    has = business if with_gstin is None else with_gstin
    phone = f"{rng.choice('6789')}{rng.randint(0, 999999999):09d}"
    return Party(name, lines, addr.state, code, gstin(rng, code) if has else None, phone)


@dataclass
class Item:
    description: str
    hsn: str
    qty: int
    rate: Decimal
    amount: Decimal
    serials: list[tuple[str, str]] = field(default_factory=list)  # (label, value)


CATALOGUE = [  # description, HSN, price range, serial kind
    ("Samsung Galaxy M34 5G (8GB/128GB) Blue", "8517", (11000, 19000), "imei"),
    ("Redmi Note 13 5G (6GB/128GB) Black", "85171300", (12000, 18000), "imei"),
    ("Vivo Y28 (8GB/128GB) Glitter Aqua", "8517", (11000, 16000), "imei"),
    ("Oppo A79 5G (8GB/128GB)", "85171300", (14000, 20000), "imei"),
    ("LG 43 inch 4K Smart LED TV 43UR7500", "8528", (26000, 36000), "sn"),
    ("Sony Bravia 55 inch LED TV KD-55X74L", "85287219", (52000, 68000), "sn"),
    ("Whirlpool 265L Frost Free Refrigerator", "8418", (21000, 30000), "sn"),
    ("Godrej 190L Direct Cool Refrigerator", "84182100", (14000, 19000), "sn"),
    ("IFB 7kg Front Load Washing Machine", "8450", (26000, 34000), "sn"),
    ("Voltas 1.5 Ton 3 Star Split AC", "8415", (30000, 42000), "sn"),
    ("HP 15s Laptop i5 12th Gen 16GB 512GB", "8471", (48000, 62000), "sn"),
    ("Bajaj Mixer Grinder 750W", "8509", (2500, 4500), "sn"),
    ("Philips Air Fryer HD9252", "8516", (6000, 9000), "sn"),
    ("Havells Ceiling Fan 1200mm", "8414", (1800, 3500), ""),
    ("Steel Almirah 4 Door", "9403", (9000, 16000), ""),
    ("Cotton Shirting Fabric", "5208", (120, 450), ""),
    ("PVC Pipe 4 inch 6 kg", "3917", (300, 900), ""),
    ("Cement OPC 53 Grade 50kg", "2523", (330, 420), ""),
    ("TMT Steel Bar 12mm", "7214", (60, 75), ""),
    ("LED Bulb 9W Pack of 4", "8539", (250, 450), ""),
    ("Office Chair Revolving", "9401", (3500, 7500), ""),
    ("Printer Cartridge 88A", "8443", (700, 1600), ""),
    ("Basmati Rice 25kg Bag", "1006", (1400, 2600), ""),
    ("Sunflower Oil 15L Tin", "1512", (1600, 2300), ""),
]


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


def _bill(rng: random.Random, *, n: tuple[int, int], durable: bool, b2b: bool, font: str,
          size: float = 24, width: float = 620, serials: bool = True) -> Bill:
    seller = party(rng, font=font, size=size, width=width)
    intra = rng.random() < 0.7
    code = seller.state_code if intra else rng.choice([c for c in GST_STATE if c != seller.state_code])
    buyer = party(rng, business=b2b, state_code=code, font=font, size=size, width=width)
    items = _items(rng, rng.randint(*n), durable, serials)
    rate = 18 if durable else rng.choice([5, 12, 18, 18, 28])
    date = random_date(rng, dt.date(2019, 4, 1), dt.date(2025, 3, 31))
    return Bill("", date, seller, buyer, items, rate, intra)


def rupee(family: str) -> str:
    """The rupee sign where the font has one (Liberation fonts lack it), else "Rs."."""
    return "Rs." if family.startswith("liberation") else "₹"


def _fy(d: dt.date) -> str:
    y = d.year if d.month >= 4 else d.year - 1
    return f"{y % 100:02d}-{(y + 1) % 100:02d}"


def _hline(c: Canvas, x0: float, x1: float, y: float, w: float = 2) -> None:
    c.line([(x0, y), (x1, y)], fill=(40, 40, 40), width=w)


def _vline(c: Canvas, x: float, y0: float, y1: float) -> None:
    c.line([(x, y0), (x, y1)], fill=(40, 40, 40), width=2)


def tally(rng: random.Random) -> Rendered:
    """Tally-style boxed tax invoice."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    bill = _bill(rng, n=(1, 4), durable=rng.random() < 0.3, b2b=True, font=fam, size=s, width=700)
    bill.number = rng.choice([f"{rng.randint(1, 999)}", f"INV/{_fy(bill.date)}/{rng.randint(1, 9999):04d}",
                              f"{_fy(bill.date)}/{rng.randint(1, 999)}", f"T-{rng.randint(100, 9999)}"])
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
        _hline(c, M, R, by + bh)
        by += bh
    _vline(c, (M + R) / 2, top, mid)
    _hline(c, L, R, top)
    _hline(c, L, M, mid)
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
    _vline(c, M, top, y)
    # items table
    cols = [L, L + 70, M - 120, M + 60, M + 230, M + 420, M + 500, R]
    heads = ["Sl No.", "Description of Goods", "HSN/SAC", "Quantity", "Rate", "per", "Amount"]
    ty = y
    _hline(c, L, R, ty)
    for i, h in enumerate(heads):
        c.text((cols[i] + cols[i + 1]) / 2, ty + 10, h, fam, s * 0.9, align="m")
    y = ty + s * 2.2
    _hline(c, L, R, y)
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
        _vline(c, x, ty, y)
    _hline(c, L, R, y)
    c.text(cols[2] - 12, y + 10, "Total", fam, s, bold=True, align="r")
    c.text(cols[4] - 12, y + 10, f"{sum(i.qty for i in bill.items)} {unit}", fam, s, bold=True, align="r")
    c.text(cols[7] - 12, y + 10, f"{rupee(fam)} {inr(bill.total)}", fam, s + 1, bold=True, align="r")
    y += s * 2.2
    _hline(c, L, R, y)
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
    _hline(c, L, R, y)
    for i, h in enumerate(heads):
        c.text((xs[i] + xs[i + 1]) / 2, y + 8, h, fam, s * 0.85, align="m")
    y += s * 1.8
    _hline(c, L, R, y)
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
    _hline(c, L, R, y + 4)
    return y + 10


def pos(rng: random.Random) -> Rendered:
    """A retail point-of-sale tax invoice (B2C)."""
    fam = rng.choice(SANS + MONO)
    s = rng.uniform(23, 26)
    bill = _bill(rng, n=(2, 7), durable=False, b2b=False, font=fam, size=s, width=900,
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


def durable(rng: random.Random) -> Rendered:
    """A consumer-durable dealer's invoice with IMEIs and serial numbers under the items."""
    fam = rng.choice(SANS + SERIF)
    s = rng.uniform(22, 25)
    bill = _bill(rng, n=(1, 3), durable=True, b2b=False, font=fam, size=s, width=620)
    if rng.random() < 0.25:
        bill.buyer.gstin = gstin(rng, bill.buyer.state_code, "P")
    bill.number = rng.choice([f"SE/{_fy(bill.date)}/{rng.randint(1, 9999):04d}",
                              f"GST-{rng.randint(1000, 99999)}", f"{rng.randint(100, 9999)}",
                              f"INV{bill.date:%y}{rng.randint(10000, 99999)}"])
    bill.settle(rounding=rng.random() < 0.5)
    c = a4_canvas()
    L, R = 90.0, 1564.0
    band = graphics.tint(rng.choice([(20, 60, 130), (150, 20, 30), (10, 100, 60), (60, 60, 60)]), rng, 20)
    c.rect((0, 0, c.w, 200), fill=band)
    if rng.random() < 0.5:
        bill.seller.name = bill.seller.name.upper()
    name = bill.seller.name
    c.text(L, 40, name, fam, c.fit(name, fam, 50, R - L), bold=True, fill=(255, 255, 255))
    brands = rng.sample(["Samsung", "LG", "Sony", "Whirlpool", "Vivo", "Oppo", "Godrej", "Voltas"], 3)
    c.text(L, 120, "Authorised Dealer: " + " | ".join(brands), fam, 24, fill=(235, 235, 235))
    y = 230.0
    for line in bill.seller.lines:
        c.text(L, y, line, fam, s)
        y += s * 1.4
    c.text(L, y, f"Mob: {bill.seller.phone}   GSTIN: {bill.seller.gstin}", fam, s)
    y += s * 2.4
    c.text(c.w / 2, y, "TAX INVOICE", fam, s + 8, bold=True, align="m")
    y += s * 2.4
    sep = rng.choice([": ", " : ", ":"])
    c.text(L, y, f"Invoice No{sep}{bill.number}", fam, s, bold=True)
    c.text(R, y, f"Invoice Date{sep}{fmt_date(bill.date, rng.choice(['/', '-', '.']))}", fam, s,
           bold=True, align="r")
    y += s * 2
    box = y
    c.text(L + 12, y + 10, "Customer Details", fam, s, bold=True)
    yy = y + 10 + s * 1.6
    c.text(L + 12, yy, f"Name{sep}{bill.buyer.name}", fam, s)
    yy += s * 1.45
    for k, line in enumerate(bill.buyer.lines):
        c.text(L + 12, yy, (f"Address{sep}" if k == 0 else "") + line, fam, s)
        yy += s * 1.45
    c.text(L + 12, yy, f"Mobile{sep}{bill.buyer.phone}", fam, s)
    yy += s * 1.45
    if bill.buyer.gstin:
        c.text(L + 12, yy, f"Customer GSTIN{sep}{bill.buyer.gstin}", fam, s)
        yy += s * 1.45
    fin = rng.choice(["Bajaj Finance Ltd", "HDB Financial Services", "TVS Credit Services Ltd",
                      "Home Credit India", "IDFC First Bank", "Cash / UPI"])
    c.text(900, y + 10, "Payment / Finance", fam, s, bold=True)
    c.text(900, y + 10 + s * 1.6, f"Financier{sep}{fin}", fam, s)
    if "Cash" not in fin:
        c.text(900, y + 10 + s * 3.05, f"DO No{sep}{rng.randint(10**7, 10**8 - 1)}", fam, s)
    y = yy + 16
    c.rect((L, box, R, y), outline=(80, 80, 80), width=2)
    y += 24
    cols = [L, L + 70, L + 820, L + 960, L + 1040, L + 1240, R]
    heads = ["S.No", "Product Description", "HSN", "Qty", "Unit Price", "Taxable Value"]
    c.rect((L, y, R, y + s * 1.8), fill=graphics.tint((225, 230, 240), rng, 8))
    for i, h in enumerate(heads):
        if i < 2:
            c.text(cols[i] + 8, y + 8, h, fam, s * 0.95, bold=True)
        else:
            c.text(cols[i + 1] - 8, y + 8, h, fam, s * 0.95, bold=True, align="r")
    y += s * 1.8 + 14
    for k, it in enumerate(bill.items, 1):
        c.text(cols[0] + 8, y, str(k), fam, s)
        c.text(cols[1] + 8, y, it.description, fam, c.fit(it.description, fam, s, cols[2] - cols[1] - 20))
        for i, v in ((2, it.hsn), (3, str(it.qty)), (4, inr(it.rate)), (5, inr(it.amount))):
            c.text(cols[i + 1] - 8, y, v, fam, s, align="r")
        y += s * 1.45
        for lab, val in it.serials:
            c.text(cols[1] + 8, y, f"{lab}: {val}", fam, s * 0.92)
            y += s * 1.35
        y += s * 0.4
    _hline(c, L, R, y)
    y += 16
    rows = [("Taxable Value", bill.taxable)]
    if bill.intra:
        rows += [(f"CGST @ {bill.rate // 2}%", bill.cgst), (f"SGST @ {bill.rate // 2}%", bill.sgst)]
    else:
        rows += [(f"IGST @ {bill.rate}%", bill.igst)]
    if bill.round_off:
        rows.append(("Round Off", bill.round_off))
    rows.append((rng.choice(["Total Invoice Value", "Grand Total", "Total Amount"]), bill.total))
    for lab, val in rows:
        bold = lab == rows[-1][0]
        c.text(cols[3], y, lab, fam, s, bold=bold)
        c.text(R - 8, y, ("Rs. " if bold and rng.random() < 0.5 else "") + inr(val), fam, s,
               bold=bold, align="r")
        y += s * 1.5
    y += s
    c.text(L, y, f"Amount in words: Rupees {amount_words(int(bill.total))} Only", fam, s * 0.9)
    y += s * 2.5
    c.text(L, y, "Terms: Warranty as per manufacturer. Subject to local jurisdiction.", fam, s * 0.8)
    c.text(L, y + s * 4, "Customer Signature", fam, s * 0.9)
    c.text(R, y + s * 4, f"For {bill.seller.name}", fam, s * 0.9, align="r")
    return Rendered(c.img, bill.truth(), page="a4", dpi=200, canvas=c)


def marketplace(rng: random.Random) -> Rendered:
    """A marketplace seller's invoice: per-line taxable value, tax and total, "Grand Total"."""
    fam = rng.choice(SANS)
    s = rng.uniform(20, 22)
    bill = _bill(rng, n=(1, 3), durable=rng.random() < 0.6, b2b=False, font=fam, size=s, width=440)
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
    _hline(c, L, R, y, 1)
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
    _hline(c, L, R, y, 1)
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
    _hline(c, L, R, y, 1)
    y += 10
    sums = [str(sum(i.qty for i in bill.items)), inr(sum(x[0] for x in lines)),
            inr(-sum(x[1] for x in lines)) if any(x[1] for x in lines) else "0.00", inr(bill.taxable),
            *([inr(bill.cgst), inr(bill.sgst)] if bill.intra else [inr(bill.igst)]), inr(bill.total)]
    c.text(L + 200, y, "Total", fam, s, bold=True)
    for x, v in zip(rights, sums):
        c.text(x, y, v, fam, s, bold=True, align="r")
    y += s * 1.6
    _hline(c, L, R, y, 1)
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


def modern(rng: random.Random) -> Rendered:
    """A cloud accounting tool's invoice: "Invoice#", "Bill To" with the buyer's GSTIN, per-line
    tax columns, "Sub Total", "CGST9 (9%)", "Total", "Balance Due"."""
    fam = rng.choice(SANS)
    s = rng.uniform(20, 23)
    bill = _bill(rng, n=(1, 4), durable=rng.random() < 0.4, b2b=rng.random() < 0.6, font=fam, size=s,
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


LAYOUTS: dict[str, LayoutFn] = {
    "modern": modern,
    "tally": tally,
    "pos": pos,
    "durable": durable,
    "marketplace": marketplace,
}
A4_LAYOUTS = frozenset(LAYOUTS)
