"""Fake but valid people, addresses and identifiers for synthetic KYC documents.

Every identifier passes the structural rules the engine validates (PAN's 4th and 5th letters,
Aadhaar's Verhoeff digit, DL and EPIC shapes), because a generator that produced invalid numbers
would teach the evaluation nothing about extraction. Names carry a Devanagari spelling so that
Aadhaar cards can print the Hindi name above the English one.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

from stdnum import verhoeff
from stdnum.in_ import aadhaar

__all__ = [
    "Address",
    "Person",
    "STATES",
    "aadhaar_number",
    "add_years",
    "address",
    "dl_number",
    "epic_number",
    "fmt_date",
    "passport_number",
    "pan_number",
    "person",
    "random_date",
]

MALE = [
    ("Rajesh", "राजेश"), ("Amit", "अमित"), ("Suresh", "सुरेश"), ("Ramesh", "रमेश"),
    ("Sandeep", "संदीप"), ("Vikram", "विक्रम"), ("Anil", "अनिल"), ("Sunil", "सुनील"),
    ("Manoj", "मनोज"), ("Rahul", "राहुल"), ("Arjun", "अर्जुन"), ("Deepak", "दीपक"),
    ("Ajay", "अजय"), ("Vijay", "विजय"), ("Sanjay", "संजय"), ("Ravi", "रवि"), ("Mahesh", "महेश"),
    ("Ganesh", "गणेश"), ("Prakash", "प्रकाश"), ("Ashok", "अशोक"), ("Mohan", "मोहन"),
    ("Nitin", "नितिन"), ("Rohit", "रोहित"), ("Pradeep", "प्रदीप"), ("Harish", "हरीश"),
    ("Gopal", "गोपाल"), ("Naveen", "नवीन"), ("Imran", "इमरान"), ("Mohammed", "मोहम्मद"),
    ("Arif", "आरिफ"), ("Farhan", "फरहान"), ("Joseph", "जोसेफ"), ("Gurpreet", "गुरप्रीत"),
    ("Venkatesh", "वेंकटेश"), ("Srinivas", "श्रीनिवास"), ("Karthik", "कार्तिक"),
    ("Abhishek", "अभिषेक"), ("Yogesh", "योगेश"), ("Dinesh", "दिनेश"), ("Bharat", "भरत"),
]
FEMALE = [
    ("Priya", "प्रिया"), ("Sunita", "सुनीता"), ("Anita", "अनीता"), ("Kavita", "कविता"),
    ("Pooja", "पूजा"), ("Neha", "नेहा"), ("Anjali", "अंजलि"), ("Lakshmi", "लक्ष्मी"),
    ("Meena", "मीना"), ("Rekha", "रेखा"), ("Sapna", "सपना"), ("Divya", "दिव्या"),
    ("Shweta", "श्वेता"), ("Asha", "आशा"), ("Geeta", "गीता"), ("Sita", "सीता"), ("Radha", "राधा"),
    ("Swati", "स्वाति"), ("Nisha", "निशा"), ("Ritu", "रितु"), ("Fatima", "फातिमा"),
    ("Ayesha", "आयशा"), ("Mary", "मैरी"), ("Deepika", "दीपिका"), ("Shalini", "शालिनी"),
    ("Bharti", "भारती"), ("Komal", "कोमल"), ("Jyoti", "ज्योति"), ("Manisha", "मनीषा"),
    ("Savita", "सविता"), ("Usha", "उषा"), ("Pallavi", "पल्लवी"),
]
MIDDLE_M = [("Kumar", "कुमार"), ("Prasad", "प्रसाद"), ("Lal", "लाल"), ("Chand", "चंद"),
            ("Nath", "नाथ"), ("Raj", "राज")]
MIDDLE_F = [("Devi", "देवी"), ("Kumari", "कुमारी"), ("Rani", "रानी")]
SURNAMES = [
    ("Sharma", "शर्मा"), ("Verma", "वर्मा"), ("Gupta", "गुप्ता"), ("Singh", "सिंह"),
    ("Joshi", "जोशी"), ("Patel", "पटेल"), ("Shah", "शाह"), ("Mehta", "मेहता"), ("Reddy", "रेड्डी"),
    ("Rao", "राव"), ("Nair", "नायर"), ("Iyer", "अय्यर"), ("Menon", "मेनन"), ("Pillai", "पिल्लई"),
    ("Das", "दास"), ("Ghosh", "घोष"), ("Banerjee", "बनर्जी"), ("Mukherjee", "मुखर्जी"),
    ("Yadav", "यादव"), ("Mishra", "मिश्रा"), ("Pandey", "पांडे"), ("Tiwari", "तिवारी"),
    ("Dubey", "दुबे"), ("Chauhan", "चौहान"), ("Rathore", "राठौर"), ("Jain", "जैन"),
    ("Agarwal", "अग्रवाल"), ("Bansal", "बंसल"), ("Khan", "खान"), ("Ansari", "अंसारी"),
    ("Qureshi", "कुरैशी"), ("Shaikh", "शेख"), ("Deshmukh", "देशमुख"), ("Patil", "पाटिल"),
    ("Kulkarni", "कुलकर्णी"), ("Jadhav", "जाधव"), ("Pawar", "पवार"), ("Gowda", "गौड़ा"),
    ("Naidu", "नायडू"), ("Bhat", "भट"), ("Gill", "गिल"), ("Sandhu", "संधू"),
    ("Fernandes", "फर्नांडिस"), ("Thakur", "ठाकुर"), ("Saxena", "सक्सेना"),
    ("Srivastava", "श्रीवास्तव"), ("Chaudhary", "चौधरी"), ("Kapoor", "कपूर"),
]

#: state code -> (name, PIN prefixes, cities)
STATES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "MH": ("Maharashtra", ("40", "41", "42", "43", "44"),
           ("Mumbai", "Pune", "Nagpur", "Nashik", "Thane")),
    "KA": ("Karnataka", ("56", "57", "58"), ("Bengaluru", "Mysuru", "Hubballi", "Mangaluru")),
    "DL": ("Delhi", ("1100",), ("New Delhi", "Delhi")),
    "TN": ("Tamil Nadu", ("60", "62", "63", "64"), ("Chennai", "Coimbatore", "Madurai", "Salem")),
    "UP": ("Uttar Pradesh", ("20", "21", "22", "24", "25"),
           ("Lucknow", "Kanpur", "Varanasi", "Agra")),
    "GJ": ("Gujarat", ("36", "38", "39"), ("Ahmedabad", "Surat", "Vadodara", "Rajkot")),
    "RJ": ("Rajasthan", ("30", "31", "32", "34"), ("Jaipur", "Jodhpur", "Udaipur", "Kota")),
    "WB": ("West Bengal", ("70", "71", "72"), ("Kolkata", "Howrah", "Durgapur", "Siliguri")),
    "KL": ("Kerala", ("67", "68", "69"), ("Kochi", "Thiruvananthapuram", "Kozhikode")),
    "TS": ("Telangana", ("500", "501", "502"), ("Hyderabad", "Warangal", "Karimnagar")),
    "MP": ("Madhya Pradesh", ("45", "46", "47", "48"), ("Bhopal", "Indore", "Gwalior", "Jabalpur")),
    "BR": ("Bihar", ("80", "84", "85"), ("Patna", "Gaya", "Muzaffarpur")),
    "HR": ("Haryana", ("12", "13"), ("Gurugram", "Faridabad", "Panipat", "Ambala")),
    "PB": ("Punjab", ("14", "15", "16"), ("Ludhiana", "Amritsar", "Jalandhar", "Patiala")),
}
STREETS = ["Gandhi Nagar", "MG Road", "Station Road", "Nehru Colony", "Shivaji Nagar",
           "Laxmi Nagar", "Rajiv Chowk", "Ambedkar Marg", "Subhash Road", "Tilak Nagar",
           "Shanti Vihar", "Park Street", "Civil Lines", "Ram Nagar", "Patel Nagar"]
LOCALITIES = ["Sector 9", "Andheri East", "Kothrud", "Indiranagar", "Rohini", "Anna Nagar",
              "Salt Lake", "Banjara Hills", "Vaishali Nagar", "Gomti Nagar", "Navrangpura",
              "Kakkanad", "Arera Colony", "Model Town", "Old City", "Ward No 12"]
BUILDINGS = ["Sunrise Apartments", "Shree Ganesh Society", "Sai Krupa Building",
             "Green Park Residency", "Lotus Heights", "Om Shanti Niwas"]


@dataclass(frozen=True)
class Person:
    """A holder: names in Latin and Devanagari, sex, date of birth and father's names."""

    first: str
    middle: str
    surname: str
    first_hi: str
    middle_hi: str
    surname_hi: str
    gender: str  # "MALE" or "FEMALE"
    dob: dt.date
    father_first: str
    father_middle: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.surname) if p)

    @property
    def name_hi(self) -> str:
        return " ".join(p for p in (self.first_hi, self.middle_hi, self.surname_hi) if p)

    @property
    def given(self) -> str:
        return " ".join(p for p in (self.first, self.middle) if p)

    @property
    def father(self) -> str:
        return " ".join(p for p in (self.father_first, self.father_middle, self.surname) if p)


@dataclass(frozen=True)
class Address:
    """A postal address as components; ``state`` and ``pin`` end it."""

    parts: tuple[str, ...]  # house, street, locality, city (without state and PIN)
    city: str
    state: str
    state_code: str
    pin: str


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def add_years(d: dt.date, years: int) -> dt.date:
    """``d`` plus whole years (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def fmt_date(d: dt.date, sep: str = "/") -> str:
    """DD/MM/YYYY with the given separator (truth always uses ``/``)."""
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year:04d}"


def person(rng: random.Random, gender: str | None = None) -> Person:
    gender = gender or rng.choice(["MALE", "FEMALE"])
    first, first_hi = rng.choice(MALE if gender == "MALE" else FEMALE)
    middle, middle_hi = ("", "")
    if rng.random() < 0.4:
        middle, middle_hi = rng.choice(MIDDLE_M if gender == "MALE" else MIDDLE_F)
    surname, surname_hi = rng.choice(SURNAMES)
    father_first = rng.choice(MALE)[0]
    father_middle = rng.choice(MIDDLE_M)[0] if rng.random() < 0.35 else ""
    dob = random_date(rng, dt.date(1955, 1, 1), dt.date(2004, 12, 31))
    return Person(first, middle, surname, first_hi, middle_hi, surname_hi, gender, dob,
                  father_first, father_middle)


def address(rng: random.Random, state_code: str | None = None) -> Address:
    code = state_code or rng.choice(list(STATES))
    state, prefixes, cities = STATES[code]
    prefix = rng.choice(prefixes)
    pin = prefix + "".join(str(rng.randint(0, 9)) for _ in range(6 - len(prefix)))
    if pin[3:] == "000":
        pin = pin[:5] + "1"
    city = rng.choice(cities)
    house = rng.choice([
        f"H.No {rng.randint(1, 999)}", f"Flat {rng.randint(1, 20)}{rng.randint(1, 9):02d}",
        f"Plot {rng.randint(1, 300)}", f"{rng.randint(1, 99)}/{rng.randint(1, 20)}",
        f"Door No {rng.randint(1, 9)}-{rng.randint(1, 99)}", f"House No. {rng.randint(1, 500)}",
    ])
    parts = [house]
    if house.startswith("Flat") or rng.random() < 0.2:
        parts.append(rng.choice(BUILDINGS))
    parts.append(rng.choice(STREETS))
    if rng.random() < 0.7:
        parts.append(rng.choice(LOCALITIES))
    parts.append(city)
    return Address(tuple(parts), city, state, code, pin)


def pan_number(rng: random.Random, surname: str) -> str:
    """AAAPS1234X: three letters, P for a person, the surname's initial, 4 digits, a letter."""
    letters = string.ascii_uppercase
    head = "".join(rng.choice(letters) for _ in range(3))
    return f"{head}P{surname[0].upper()}{rng.randint(1, 9999):04d}{rng.choice(letters)}"


def aadhaar_number(rng: random.Random) -> str:
    """12 digits, first 2-9, Verhoeff check digit last, not a palindrome."""
    while True:
        body = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
        number = body + verhoeff.calc_check_digit(body)
        if aadhaar.is_valid(number):
            return number


def dl_number(rng: random.Random, state_code: str, year: int) -> str:
    """SS RR YYYY NNNNNNN: state code, RTO code, year of first issue, serial."""
    return f"{state_code}{rng.randint(1, 50):02d}{year:04d}{rng.randint(1, 9_999_999):07d}"


def epic_number(rng: random.Random) -> str:
    """Voter ID (EPIC): three letters and seven digits."""
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(3)) + (
        f"{rng.randint(0, 9_999_999):07d}"
    )


def passport_number(rng: random.Random) -> str:
    """A letter and seven digits, the first digit not zero."""
    return rng.choice("JKLMNPRSTUVWZ") + str(rng.randint(1, 9)) + f"{rng.randint(0, 999_999):06d}"
