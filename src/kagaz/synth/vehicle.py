"""Vehicles, their owners and financiers: what the RC, the RTO forms and the insurance share.

A :class:`Vehicle` is decided once per document: a maker with its world manufacturer identifier
(``MA3`` Maruti Suzuki, ``MAT`` Tata…), a 17-character VIN (ISO 3779: no I, O, Q; position 9 a
North-American check digit on some, a maker's letter on others, as on Indian vehicles), an
engine number in the maker's style, a registration mark of the owner's state (an RTO number and
a series of one to three letters, or now and then the Bharat series ``YY BH #### XX``), the
dates of manufacture and registration, and, for most, a financier.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

from kagaz.synth.identities import Address, Person, address, person, random_date

__all__ = ["FINANCIERS", "INSURERS", "Vehicle", "Owner", "owner", "vehicle"]

_VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
           **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# maker as the RC prints it, WMI, engine-number prefix, models, vehicle class, fuels
_MAKERS = [
    ("MARUTI SUZUKI INDIA LTD", "MA3", "K12M", ["SWIFT VXI", "BALENO ZETA", "WAGON R LXI", "DZIRE VXI"],
     "Motor Car (LMV)", ["PETROL", "PETROL/CNG"]),
    ("HYUNDAI MOTOR INDIA LTD", "MAL", "G4LA", ["I20 ASTA", "CRETA SX", "VENUE S"], "Motor Car (LMV)",
     ["PETROL", "DIESEL"]),
    ("TATA MOTORS LTD", "MAT", "REVOTRON", ["NEXON XZ PLUS", "TIAGO XT", "ALTROZ XM"], "Motor Car (LMV)",
     ["PETROL", "DIESEL", "ELECTRIC(BOV)"]),
    ("MAHINDRA & MAHINDRA LTD", "MA1", "MHAWK", ["XUV300 W8", "BOLERO B6", "SCORPIO N Z8"], "Motor Car (LMV)",
     ["DIESEL"]),
    ("HERO MOTOCORP LTD", "MBL", "HA11E", ["SPLENDOR PLUS", "HF DELUXE", "PASSION PRO"], "M-Cycle/Scooter (2WN)",
     ["PETROL"]),
    ("HONDA MOTORCYCLE AND SCOOTER INDIA (P) LTD", "ME4", "JF50E", ["ACTIVA 6G", "SHINE 125"],
     "M-Cycle/Scooter (2WN)", ["PETROL"]),
    ("BAJAJ AUTO LTD", "MD2", "DHZC", ["PULSAR 150", "PLATINA 110", "CT 100"], "M-Cycle/Scooter (2WN)",
     ["PETROL"]),
    ("TVS MOTOR COMPANY LTD", "MD6", "DG5", ["JUPITER", "APACHE RTR 160", "XL100"], "M-Cycle/Scooter (2WN)",
     ["PETROL"]),
]
FINANCIERS = ["HDFC BANK LTD", "ICICI BANK LTD", "STATE BANK OF INDIA", "AXIS BANK LTD",
              "BAJAJ FINANCE LTD", "MAHINDRA & MAHINDRA FINANCIAL SERVICES LTD",
              "TATA CAPITAL FINANCIAL SERVICES LTD", "SHRIRAM FINANCE LTD", "KOTAK MAHINDRA BANK LTD",
              "CHOLAMANDALAM INVESTMENT AND FINANCE CO LTD", "L&T FINANCE LTD", "IDFC FIRST BANK LTD",
              "Hero FinCorp Ltd", "TVS Credit Services Ltd", "Sundaram Finance Ltd"]
#: insurers as their documents print them (registered names)
INSURERS = ["ICICI Lombard General Insurance Company Limited", "Bajaj Allianz General Insurance Company Limited",
            "HDFC ERGO General Insurance Company Limited", "Tata AIG General Insurance Company Limited",
            "The New India Assurance Co. Ltd.", "United India Insurance Company Limited",
            "National Insurance Company Limited", "The Oriental Insurance Company Limited",
            "IFFCO-Tokio General Insurance Company Limited", "SBI General Insurance Company Limited",
            "Go Digit General Insurance Limited", "Cholamandalam MS General Insurance Company Limited",
            "Reliance General Insurance Company Limited", "Royal Sundaram General Insurance Co. Limited"]
_COLOURS = ["WHITE", "SILVER", "RED", "GREY", "BLACK", "BLUE", "PEARL ARCTIC WHITE", "MAGMA GREY"]
_RTO_COUNT = {"DL": 13, "MH": 50, "KA": 70, "TN": 99, "UP": 95, "GJ": 38, "RJ": 58, "WB": 98, "KL": 86,
              "TS": 38, "MP": 70, "BR": 57, "HR": 99, "PB": 99}


@dataclass(frozen=True)
class Owner:
    person: Person
    address: Address
    relation: str  # "S/o RAMESH KUMAR"


@dataclass(frozen=True)
class Vehicle:
    maker: str
    model: str
    vehicle_class: str
    fuel: str
    colour: str
    vin: str
    engine: str
    registration: str  # compact (truth)
    printed_registration: str  # as printed ("MH 12 AB 1234")
    manufactured: dt.date
    registered: dt.date
    financier: str | None
    state_code: str

    @property
    def maker_model(self) -> str:
        return f"{self.maker} / {self.model}"

    @property
    def valid_till(self) -> dt.date:
        years = 15
        return self.registered.replace(year=self.registered.year + years) - dt.timedelta(days=1)


def _check_digit(vin: str) -> str:
    total = sum(_VALUES[ch] * w for ch, w in zip(vin, _WEIGHTS))
    return "X" if total % 11 == 10 else str(total % 11)


def _vin(rng: random.Random, wmi: str, year: int) -> str:
    body = "".join(rng.choice(_VIN_ALPHABET) for _ in range(5))
    tail = "".join(rng.choice(string.digits) for _ in range(6))
    year_code = "ABCDEFGHJKLMNPRSTVWXY123456789"[(year - 2010) % 30]
    vin = f"{wmi}{body}{rng.choice(_VIN_ALPHABET)}{year_code}{rng.choice('ABCDEFGHJK')}{tail}"
    if rng.random() < 0.4:  # some makers put the North-American check digit in position 9
        vin = vin[:8] + _check_digit(vin) + vin[9:]
    return vin


def _mark(rng: random.Random, state: str, year: int) -> tuple[str, str]:
    """(compact, printed) registration mark."""
    sep = rng.choice([" ", " ", "-", ""])
    if rng.random() < 0.06 and year >= 2022:
        yy, num = f"{year % 100:02d}", f"{rng.randint(1, 9999):04d}"
        letters = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(2))
        return f"{yy}BH{num}{letters}", sep.join([yy, "BH", num, letters])
    rto = f"{rng.randint(1, _RTO_COUNT.get(state, 30)):{'d' if state == 'DL' else '02d'}}"
    n_series = rng.choice([1, 2, 2, 2, 3]) if state != "DL" else 2
    series = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n_series))
    if state == "DL":
        series = rng.choice("CSE") + series[1:]
    num = f"{rng.randint(1, 9999):04d}"
    return f"{state}{rto}{series}{num}", sep.join([state, rto, series, num])


def owner(rng: random.Random, state_code: str | None = None) -> Owner:
    p = person(rng)
    rel = "S/o" if p.gender == "MALE" else rng.choice(["W/o", "D/o"])
    return Owner(p, address(rng, state_code), f"{rel} {p.father}")


def vehicle(rng: random.Random, state_code: str, *, financed: float = 0.75) -> Vehicle:
    maker, wmi, eprefix, models, vclass, fuels = rng.choice(_MAKERS)
    registered = random_date(rng, dt.date(2012, 1, 1), dt.date(2025, 6, 30))
    manufactured = registered - dt.timedelta(days=rng.randint(10, 300))
    engine = eprefix + "".join(rng.choice(string.digits) for _ in range(rng.randint(6, 8)))
    if rng.random() < 0.3:
        engine = eprefix[:2] + rng.choice("ABCDEFGH") + engine[len(eprefix):]
    compact, printed = _mark(rng, state_code, registered.year)
    return Vehicle(maker, rng.choice(models), vclass, rng.choice(fuels), rng.choice(_COLOURS),
                   _vin(rng, wmi, manufactured.year), engine, compact, printed, manufactured, registered,
                   rng.choice(FINANCIERS) if rng.random() < financed else None, state_code)
