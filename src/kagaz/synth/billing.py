"""What the business-document generators share: parties, identifiers, the catalogue, money.

Invoices, delivery orders and sale deeds draw their sellers, dealers and buyers here (a business
with a GSTIN whose check character is valid, or a person, with a wrapped address), as well as
IMEIs with a valid Luhn digit, manufacturers' serial numbers, the product catalogue, Indian
digit grouping, amounts in words and the rupee sign.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from decimal import Decimal

from stdnum import luhn

from kagaz.synth.identities import address, person
from kagaz.synth.layout import a4_canvas, wrap_parts

__all__ = [
    "CATALOGUE", "GST_STATE", "Party", "amount_words", "business_name", "gstin", "imei", "inr",
    "party", "rupee", "serial_no",
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


def rupee(family: str) -> str:
    """The rupee sign where the font has one (Liberation fonts lack it), else "Rs."."""
    return "Rs." if family.startswith("liberation") else "₹"
