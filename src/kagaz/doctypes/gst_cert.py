"""GST registration certificate (Form GST REG-06, Goods and Services Tax Network).

What every GST registration certificate prints (CGST Rules 2017, rule 10(1) and Form GST REG-06;
rule 24(1) and Form GST REG-25 for provisional registrations): the form number, the GSTIN
("Registration Number"), the legal name, the trade name, the constitution of business, the
principal place of business, the date of liability, the period of validity, the type of
registration and the date of issue. :func:`score` needs the form or the GST wording with the
certificate's labels and a GSTIN; invoices and statements that merely print a GSTIN are declined.

Layout notes: page 1 names the form ("Form GST REG-06", "[See Rule 10(1)]", "Registration
Certificate"), prints "Registration Number" (the GSTIN) and a numbered table: Legal Name, Trade
Name (if any), Constitution of Business, Address of Principal Place of Business, Date of
Liability, Period (or Date) of Validity "From <date> To <date | Not Applicable>", Type of
Registration, Particulars of Approving Authority (a digital-signature block whose "Date:
2017.09.18" is not a field) and Date of issue of Certificate. Annexure A (additional places of
business) and Annexure B (proprietor, partners, karta or directors) repeat the GSTIN and names.
Other prints use other wordings ("GSTIN", "Legal name of the business", "Trading name", "Kind of
business", "Business address", "Valid From" / "Valid To", "Registered on", "Date of Issue") and
put labels beside or above values; :mod:`kagaz.doctypes.forms` reads all of them. ``valid_to`` is
absent when the certificate says "Not Applicable" (regular registrations do not expire).

The GSTIN (GSTN): two digits of state code, the holder's PAN, the registration count in that
state (1-9, then A-Z), "Z", and a Luhn mod 36 check character (:mod:`stdnum.in_.gstin`). The
embedded PAN's fourth letter names the holder type, which must agree with the constitution (P
proprietorship, F firm or LLP, C company, H HUF...). :func:`finish` reports ``gstin_checksum``,
``gstin_embedded_pan`` and ``gstin_state`` (the state code against the address's state).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> from kagaz.doctypes.address_format import add_formatted_addresses
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "Form GST REG-06\\nRegistration Certificate\\nRegistration Number : 27AAPFU0939F1ZV\\n"
...     "Legal Name: UNIQUE TRADERS\\nConstitution of Business: Partnership\\n"
...     "Address of Principal Place of Business: Shop 4, MG Road, Pune, Maharashtra, 411001\\n"
...     "Date of Liability: 01/07/2017\\nPeriod of Validity: From 01/07/2017 To Not Applicable")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["gst_number"].value, f["legal_name"].value, f["valid_from"].value, "valid_to" in f
('27AAPFU0939F1ZV', 'UNIQUE TRADERS', '01/07/2017', False)
>>> add_formatted_addresses(f, FIELDS)  # what the extract stage adds to every type
>>> f["formatted_address"].value["state"], f["formatted_address"].value["postcode"]
('Maharashtra', '411001')
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz
from stdnum import luhn
from stdnum.in_ import gstin as stdnum_gstin
from stdnum.in_ import pan as stdnum_pan

from kagaz.doctypes.fields import ADDRESS, DATE, IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.form_labels import Labels
from kagaz.doctypes.form_values import loose_date, text_value, tidy_address
from kagaz.doctypes.forms import FormValue, read_value, rows_of
from kagaz.model import Document, Field, TextLine
from kagaz.text.dates import parse_date, to_date
from kagaz.text.layout import Layout
from kagaz.text.repair import TO_DIGIT, TO_LETTER, coerce, only_alnum

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "GST_STATES", "extract", "find_gstin", "finish",
           "score", "validate"]

CODE = "GST_CERT"
GROUP = "business"
ORDER = 60
GENERATOR = "kagaz.synth.gst_cert"
FIELDS = declare(
    gst_number=IDENTIFIER, legal_name=NAME, trade_name=NAME, constitution_of_business=TEXT,
    address=ADDRESS, date_of_issue=DATE, date_of_liability=DATE, valid_from=DATE,
    valid_to=DATE, type_of_registration=TEXT,
)
_I = re.IGNORECASE
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

#: GST state code -> state name as :data:`kagaz.doctypes.aadhaar_address.STATES` spells it.
GST_STATES = {
    "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh",
    "05": "Uttarakhand", "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh",
    "10": "Bihar", "11": "Sikkim", "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur",
    "15": "Mizoram", "16": "Tripura", "17": "Meghalaya", "18": "Assam", "19": "West Bengal",
    "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh", "23": "Madhya Pradesh",
    "24": "Gujarat", "25": "Dadra and Nagar Haveli and Daman and Diu",
    "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra", "28": "Andhra Pradesh",
    "29": "Karnataka", "30": "Goa", "31": "Lakshadweep", "32": "Kerala", "33": "Tamil Nadu",
    "34": "Puducherry", "35": "Andaman and Nicobar Islands", "36": "Telangana",
    "37": "Andhra Pradesh", "38": "Ladakh",
}
CONSTITUTIONS = {  # printed constitution -> PAN holder letters that fit it
    "Proprietorship": "P", "Partnership": "F", "Private Limited Company": "C",
    "Public Limited Company": "C", "Limited Liability Partnership": "F",
    "Hindu Undivided Family": "H", "Society/ Club/ Trust/ AOP": "TAB",
    "Government Department": "G", "Public Sector Undertaking": "CG", "Local Authority": "L",
    "Statutory Body": "GJ", "Foreign Company": "C", "Unlimited Company": "C",
    "Others": "ABCFGHJLPT",
}
REGISTRATION_TYPES = ("Regular", "Composition", "Casual Taxable Person", "Input Service Distributor",
                      "Non Resident Taxable Person", "Tax Deductor", "Tax Collector", "UN Body",
                      "Non Resident Online Services Provider", "SEZ Unit", "SEZ Developer")

# REG-06 is the certificate of registration (CGST Rules, rule 10(1)); REG-25 the certificate of
# provisional registration given to taxpayers migrated from the earlier laws (rule 24(1)).
_REG06 = re.compile(r"\bREG\s*[-–.]?\s*(?:0?6|25)\b", _I)
_TITLE = re.compile(r"REGISTRATION\s*CERTIFICATE|CERTIFICATE\s*OF\s*(?:PROVISIONAL\s*)?REGISTRATION", _I)
_GST = re.compile(r"GOODS\s*(?:AND|&)\s*SERVICES?\s*TAX|\bGSTIN\b", _I)
_ANNEXURE = re.compile(r"ANNEXURE\s*[AB]\b|ADDITIONAL\s*PLACES?\s*OF\s*BUSINESS|AUTHORI[SZ]ED\s*PARTNERS", _I)
_L = {k: re.compile(v, _I) for k, v in {
    "legal_name": r"LEGAL\s*NAME(?:\s*OF\s*(?:THE\s*)?BUSINESS)?",
    "trade_name": r"TRAD(?:E|ING)\s*NAMES?(?:\s*,?\s*I[FTL]?\s*A[NM]Y)?",
    "constitution_of_business": r"CONSTITUTION(?:\s*OF\s*(?:THE\s*)?BUSINESS)?|KIND\s*OF\s*BUSINESS",
    "principal": r"(?:ADDRESS\s*OF\s*(?:THE\s*)?)?PRINCIPAL\s*PLACE(?:\s*OF(?:\s*BUSINESS)?)?|"
                 r"BUSINESS\s*ADDRESS",
    "address": r"ADDRESS",
    "date_of_liability": r"DATE\s*OF\s*LIABILITY",
    "period": r"(?:PERIOD|DATE)\s*OF\s*VALIDITY",
    "valid_from": r"VALID(?:ITY)?\s*FROM|EFFECTIVE\s*DATE(?:\s*OF\s*REGISTRATION)?|(?:REGISTERED\s*)?WITH\s*"
                  r"EFFECT\s*FROM|REGISTERED\s*ON|DATE\s*OF\s*REGISTRATION",
    "valid_to": r"VALID(?:ITY)?\s*(?:TO|UP\s*TO|UPTO|TILL)\b",
    "type_of_registration": r"TYPE\s*OF\s*REGISTRATION|REGISTRATION\s*TYPE",
    "date_of_issue": r"DATE\s*OF\s*ISSUE(?:\s*OF\s*(?:THE\s*)?CERTIFICATE)?|CERTIFICATE\s*ISSUED\s*ON|"
                     r"ISSUED\s*ON",
}.items()}
_STOP = re.compile("|".join([p.pattern for p in _L.values()] + [
    r"GSTIN", r"REGISTRATION\s*NUMBER", r"PARTICULARS\s*OF", r"APPROVING\s*AUTHORITY", r"SIGNATURE",
    r"DESIGNATION", r"JURISDICTION", r"NOTE\s*:", r"ADDITIONAL\s*TRADE", r"DETAILS\s*OF", r"TOTAL\s*NUMBER",
    r"RESIDENT\s*OF", r"DIGITALLY\s*SIGNED", r"THIS\s*IS\s*A", r"PAGE\s*\d", r"ISSUING\s*AUTHORITY"]), _I)
_OTHER = re.compile(
    r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|\bHSN\b|BILL\s*(?:TO|OF\s*SUPPLY)|SHIP\s*TO|TAXABLE\s*VALUE|"
    r"STATEMENT\s*OF\s*ACCOUNT|OPENING\s*BALANCE|DELIVERY\s*(?:ORDER|CHALLAN)|\bUDYAM\b|"
    r"SHOPS?\s*(?:AND|&)\s*(?:COMMERCIAL\s*)?ESTABLISHMENT|SALE\s*DEED", _I)
_LABELS = Labels({
    "legal_name": ["Legal Name", "Legal Name of Business"],
    "trade_name": ["Trade Name, if any", "Trade Name", "Trading name"],
    "constitution_of_business": ["Constitution of Business"],
    "principal": ["Address of Principal Place of Business", "Address of Principal Place of"],
    "date_of_liability": ["Date of Liability"],
    "period": ["Period of Validity", "Date of Validity"],
    "valid_from": ["Valid From"], "valid_to": ["Valid To", "Valid up to"],
    "type_of_registration": ["Type of Registration"],
    "date_of_issue": ["Date of issue of Certificate", "Date of Issue"],
    "other": ["Particulars of Approving Authority", "Registration Number", "Jurisdictional Office",
              "Additional trade names, if any"],
})
_FORM_WORDS = re.compile(
    r"LEGAL\s*NAME|CONSTITUTION|DATE\s*OF\s*LIABILITY|TYPE\s*OF\s*REGISTRATION|PRINCIPAL\s*PLACE", _I)
_DATE_FIELDS = ("date_of_liability", "date_of_issue")


def score(layout: Layout) -> float | None:
    text = layout.text
    reg06, annexure = bool(_REG06.search(text)), bool(_ANNEXURE.search(text))
    if not (reg06 or annexure or (_GST.search(text) or _TITLE.search(text)) and _FORM_WORDS.search(text)):
        return None
    labels = sum(bool(read_value(layout, rx, _STOP)) for k, rx in _L.items() if k != "address")
    found = find_gstin(layout)
    if not (reg06 or (found and (labels >= 2 or annexure))):
        return None
    s = (0.35 * reg06 + 0.15 * bool(_TITLE.search(text)) + 0.1 * bool(_GST.search(text))
         + 0.3 * bool(found and found[3]) + min(0.4, 0.08 * labels) + 0.15 * annexure)
    if _OTHER.search(text):
        s -= 0.6
    return max(0.0, min(1.0, s)) or None


def _gstin_variants(raw: str):  # type: ignore[no-untyped-def]
    """(candidate, repairs) forced into the GSTIN's shape; the two free characters are tried
    with their OCR look-alikes when the check fails."""
    fixed = coerce(raw[:13] + "Z" + raw[14], "99AAAAA9999AXZX") if len(raw) == 15 else None
    if fixed is None or raw[13] not in "Z27":
        return
    value, repairs = fixed
    repairs += raw[13] != "Z"
    yield value, repairs
    for pos in (12, 14):
        ch = value[pos]
        for alt in {TO_DIGIT.get(ch), TO_LETTER.get(ch)} - {None, ch}:
            yield value[:pos] + alt + value[pos + 1:], repairs + 1


_TOKEN = re.compile(r"(?<![A-Z0-9])[0-9A-Z]{2}\s?[0-9A-Z]{5}\s?[0-9A-Z]{4}\s?[0-9A-Z]{4}(?![A-Z0-9])")
_D = "[0-9OIJLTSZBQDGAEUCYH]"  # a digit, or a letter OCR reads for one
_LOOSE = re.compile(rf"(?=({_D}{{2}}[A-Z0-9]{{5}}{_D}{{4}}[A-Z0-9]{{2}}[Z27][A-Z0-9]))")


def find_gstin(layout: Layout) -> tuple[str, int, TextLine, bool] | None:
    """The first GSTIN-shaped number (value, repairs, line, checksum valid), valid ones first."""
    best: tuple[int, str, int, TextLine, bool] | None = None
    for rank0, row in enumerate(rows_of(layout)):
        units = [(ln.text, ln, True) for ln in row]
        if len(row) > 1:  # a number split over two boxes; only a valid one is taken from here
            units.append((" ".join(ln.text for ln in row), row[0], False))
        for text, src, single in units:
            alone = {only_alnum(t) for t in _TOKEN.findall(text.upper())} if single else set()
            for m in _LOOSE.finditer(only_alnum(text)):
                for value, repairs in _gstin_variants(m.group(1)):
                    if value[:2] not in GST_STATES or value[5] not in "ABCFGHLJPTK":
                        break
                    ok = stdnum_gstin.is_valid(value)
                    if not ok and not (m.group(1) in alone and stdnum_pan.is_valid(value[2:12])):
                        continue
                    rank = (0 if ok else 1000) + repairs * 10 + min(rank0, 9)
                    if best is None or rank < best[0]:
                        best = (rank, value, repairs, src, ok)
                    if ok:
                        break
    return best[1:] if best else None  # type: ignore[return-value]


def _text_field(v: FormValue | None, *, business: bool = False) -> tuple[str, float, TextLine | None] | None:
    return text_value(v, business=business, latin=True)


def _canonical(text: str, names: tuple[str, ...] | list[str]) -> tuple[str, bool]:
    """The closest official wording (case kept as printed when it is all capitals)."""
    best = max(names, key=lambda n: fuzz.ratio(n.lower(), text.lower()))
    if fuzz.ratio(best.lower(), text.lower()) >= 85:
        return (best.upper() if text.isupper() else best), True
    return text, False


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    found = find_gstin(layout)
    if found:
        value, repairs, line, ok = found
        fields["gst_number"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs), line)
    for key in ("legal_name", "trade_name"):
        got = _text_field(read_value(layout, _L[key], _STOP, skip=re.compile(r"ADDITIONAL", _I),
                                     fuzzy=(_LABELS, key)), business=True)
        if got:
            fields[key] = make_field(got[0], got[1], got[2])
    for key, names in (("constitution_of_business", list(CONSTITUTIONS)),
                       ("type_of_registration", REGISTRATION_TYPES)):
        v = read_value(layout, _L[key], _STOP, multiline=2, fuzzy=(_LABELS, key))
        got = _text_field(v)
        if got and v is not None:
            # A closed list: the first line alone when it names one (a two-line value otherwise).
            first = _text_field(FormValue(v.parts[0], v.lines[:1], v.label, v.how)) if v.parts else None
            text, known = _canonical(first[0], names) if first else (got[0], False)
            if not known:
                text, known = _canonical(got[0], names)
            fields[key] = make_field(text, got[1] if known else min(got[1], 0.8), got[2])
    addr = read_value(layout, _L["principal"], _STOP, multiline=4, fuzzy=(_LABELS, "principal"))
    if addr is None and not _ANNEXURE.search(layout.text):
        addr = read_value(layout, _L["address"], _STOP, multiline=4)
    got = _text_field(addr)
    if got:
        text = tidy_address(got[0])
        fields["address"] = make_field(text, got[1], got[2])  # formatted_address: the extract stage
    for key in (*_DATE_FIELDS, "valid_from", "valid_to"):
        v = read_value(layout, _L[key], _STOP, accept=_DATE_ANY, fuzzy=(_LABELS, key))
        if v is not None:
            _put_date(fields, key, v.text, v)
    period = read_value(layout, _L["period"], _STOP, multiline=2, fuzzy=(_LABELS, "period"))
    if period is not None:
        m = re.search(r"FROM\W*(.*?)(?:\bTO\b|$)", period.text, _I)
        if m and "valid_from" not in fields:
            _put_date(fields, "valid_from", m.group(1), period)
        m = re.search(r"\bTO\b\W*(.*)$", period.text, _I)
        if m and "valid_to" not in fields:
            _put_date(fields, "valid_to", m.group(1), period)
    return fields


_DATE_ANY = re.compile(r"[0-9]{1,2}\s*[/\-.]?\s*[0-9]{1,2}\s*[/\-.]?\s*[0-9]{2,4}|"
                       r"[0-9]{1,2}[\s\-]*[A-Za-z]{3}[A-Za-z]*[\s\-,]*[0-9]{4}")


def _put_date(fields: dict[str, Field], key: str, text: str, v: FormValue) -> None:
    d, repaired = parse_date(text), False
    if not d:
        d, repaired = loose_date(text), True
    if not d:
        return
    day = to_date(d)
    ok = day is not None and dt.date(2017, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=400)
    conf = confidence(v.score, checked=None if ok else False, repairs=2 * repaired)
    fields[key] = make_field(d, conf, v.line)


def _checks(fields: dict[str, Field]) -> dict[str, dict]:  # type: ignore[type-arg]
    """The reviewer's checks on the GSTIN, by name (see :func:`finish`)."""
    out: dict[str, dict] = {}  # type: ignore[type-arg]
    g = fields.get("gst_number")
    if g is None:
        return out
    number = str(g.value)
    ok = luhn.is_valid(number, _ALPHABET)
    out["gstin_checksum"] = {"valid": ok, "gstin": number, "message": (
        "The GSTIN's check character is right" if ok else
        "The GSTIN's check character is wrong: misread or altered")}
    pan = number[2:12]
    holder = pan[3]
    pan_ok = stdnum_pan.is_valid(pan)
    cons = fields.get("constitution_of_business")
    fits = None
    if cons is not None:
        key = next((k for k in CONSTITUTIONS if k.lower() == str(cons.value).lower()), None)
        fits = holder in CONSTITUTIONS[key] if key else None
    valid = pan_ok and fits is not False
    msg = (f"The embedded PAN {pan} is well formed" if pan_ok else f"The embedded PAN {pan} is not a valid PAN")
    if fits is False:
        msg += f", but its holder type '{holder}' does not fit the constitution {cons.value!r}"  # type: ignore
    out["gstin_embedded_pan"] = {"valid": valid, "pan": pan, "holder_type": holder,
                                 "fits_constitution": fits, "message": msg}
    fa = fields.get("formatted_address")
    state = fa.value.get("state") if fa is not None and isinstance(fa.value, dict) else ""
    if state:
        coded = GST_STATES.get(number[:2])
        same = coded == state
        out["gstin_state"] = {"valid": same, "state_code": number[:2], "code_state": coded,
                              "address_state": state, "message": (
            f"The GSTIN's state code {number[:2]} ({coded}) matches the address" if same else
            f"The GSTIN's state code {number[:2]} ({coded or 'unknown'}) does not match the "
            f"address's state {state}")}
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    """GSTIN checks (lowering the fields involved) and the order of the validity dates."""
    issues = []
    for name, check in _checks(fields).items():
        if check["valid"]:
            continue
        issues.append(check["message"])
        involved = {"gstin_checksum": ("gst_number",),
                    "gstin_embedded_pan": ("gst_number", "constitution_of_business"),
                    "gstin_state": ("gst_number", "formatted_address")}[name]
        for key in involved:
            if key in fields:
                fields[key].confidence_score = min(fields[key].confidence_score, 0.5)
    a, b = fields.get("valid_from"), fields.get("valid_to")
    if a and b and (to_date(b.value) or dt.date.max) < (to_date(a.value) or dt.date.min):
        issues.append("The validity ends before it starts")
        b.confidence_score = min(b.confidence_score, 0.5)
    return issues


def finish(doc: Document) -> None:
    """``doc.validations``: ``gstin_checksum``, ``gstin_embedded_pan`` and ``gstin_state``."""
    doc.validations.update(_checks(doc.fields))
