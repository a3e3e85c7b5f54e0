"""Udyam registration certificate (Ministry of Micro, Small and Medium Enterprises).

What every Udyam certificate prints (MSME notification S.O. 2119(E) of 26 June 2020, and the
Udyam portal's certificate): "UDYAM REGISTRATION CERTIFICATE", the Udyam Registration Number
(UDYAM-XX-00-0000000), the name and type of the enterprise, the major activity, the official
address, the dates of incorporation and of Udyam registration, and the NIC codes.
:func:`score` needs the title or the number, with the certificate's labels.

Layout notes: the portal's certificate has a bilingual ministry header, "UDYAM REGISTRATION
CERTIFICATE" and a table: UDYAM REGISTRATION NUMBER, NAME OF ENTERPRISE, TYPE OF ENTERPRISE (a
table of classification years, each with Micro / Small / Medium: the latest year is the current
type, whatever the row order), MAJOR ACTIVITY (Manufacturing / Services / Trading), SOCIAL
CATEGORY, NAME OF UNIT(S), OFFICIAL ADDRESS OF ENTERPRISE (a grid of Flat/Door/Block No.,
Name of Premises/Building, Village/Town, Block, Road/Street/Lane, City, State, District, Pin,
Mobile and Email: ``address`` joins the values in printed order, without mobile and e-mail),
DATE OF INCORPORATION / REGISTRATION OF ENTERPRISE, DATE OF COMMENCEMENT, NATIONAL INDUSTRY
CLASSIFICATION CODE(S) (rows of 2-, 4- and 5-digit NIC codes) and DATE OF UDYAM REGISTRATION.
Other prints label "Name of Entrepreneur" / "Owner's name" (the certificate itself names no
owner), "Enterprise Type" / "Size", "NIC Code(s): 62011, 47110". ``nic_codes`` lists the most
specific code of each row (5 digits where printed). A "Business started on" or commencement date
stands in for ``date_of_incorporation`` (at lower confidence) only when no incorporation date is
printed.

The number (MSME): ``UDYAM-XX-00-0000000``, the state's two-letter code, a two-digit district
code and a seven-digit serial; :func:`finish` reports ``udyam_format``.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "UDYAM REGISTRATION CERTIFICATE\\nUdyam Registration Number: UDYAM-MH-26-0012345\\n"
...     "Name of Enterprise: SAI ENTERPRISES\\nType of Enterprise: Micro\\n"
...     "Major Activity: SERVICES\\nNIC Code(s): 62011, 47110\\nDate of Udyam Registration: 03/02/2021")]
>>> score(Layout(lines)) > 0.8
True
>>> f = extract(Layout(lines), ExtractOptions())
>>> f["udyam_number"].value, f["type_of_enterprise"].value, f["nic_codes"].value
('UDYAM-MH-26-0012345', 'Micro', ['62011', '47110'])
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from kagaz.doctypes.fields import ADDRESS, DATE, IDENTIFIER, LIST, NAME, PERSON, TEXT, declare
from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.form_labels import Labels
from kagaz.doctypes.form_values import loose_date, text_value, tidy_address
from kagaz.doctypes.forms import FormValue, read_value, region, rows_of, strip_value
from kagaz.model import Document, Field, TextLine
from kagaz.text.dates import parse_date
from kagaz.text.layout import Layout
from kagaz.text.repair import coerce

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "STATE_CODES", "extract", "find_number", "finish",
           "score", "validate"]

CODE = "UDYAM_CERT"
GROUP = "business"
ORDER = 70
GENERATOR = "kagaz.synth.udyam_cert"
FIELDS = declare(
    udyam_number=IDENTIFIER, enterprise_name=NAME, owner_name=PERSON, type_of_enterprise=TEXT,
    major_activity=TEXT, date_of_registration=DATE, date_of_incorporation=DATE, address=ADDRESS,
    nic_codes=LIST,
)
_I = re.IGNORECASE

#: Two-letter state codes of Udyam numbers.
STATE_CODES = {
    "AN": "Andaman and Nicobar Islands", "AP": "Andhra Pradesh", "AR": "Arunachal Pradesh",
    "AS": "Assam", "BR": "Bihar", "CH": "Chandigarh", "CG": "Chhattisgarh", "CT": "Chhattisgarh",
    "DN": "Dadra and Nagar Haveli", "DD": "Daman and Diu", "DL": "Delhi", "GA": "Goa",
    "GJ": "Gujarat", "HR": "Haryana", "HP": "Himachal Pradesh", "JK": "Jammu and Kashmir",
    "JH": "Jharkhand", "KA": "Karnataka", "KL": "Kerala", "LA": "Ladakh", "LD": "Lakshadweep",
    "MP": "Madhya Pradesh", "MH": "Maharashtra", "MN": "Manipur", "ML": "Meghalaya",
    "MZ": "Mizoram", "NL": "Nagaland", "OD": "Odisha", "OR": "Odisha", "PY": "Puducherry",
    "PB": "Punjab", "RJ": "Rajasthan", "SK": "Sikkim", "TN": "Tamil Nadu", "TS": "Telangana",
    "TG": "Telangana", "TR": "Tripura", "UP": "Uttar Pradesh", "UK": "Uttarakhand",
    "UT": "Uttarakhand", "WB": "West Bengal",
}
_NUMBER = re.compile(r"[UOV0]\s*[DO0]\s*[YV]\s*[A4]\s*[MNH]\s*[-–—_.:~=\s]*([A-Z0-9]{2})\s*[-–—_.~=\s]*([0-9OIlSBZ]{2})"
                     r"\s*[-–—_.~=\s]*([0-9OIlSBZDQ]{7})(?![0-9])", _I)
_TITLE = re.compile(r"UDYAM\s*REGISTRATION|उद्यम\s*पंजीकरण", _I)
_MINISTRY = re.compile(r"MICRO,?\s*SMALL\s*(?:AND|&)\s*MEDIUM|\bMSME\b|मध्यम\s*उद्यम", _I)
_L = {k: re.compile(v, _I) for k, v in {
    "enterprise_name": r"NAME\s*OF\s*(?:THE\s*)?ENTERPRISE|ENTERPRISE\s*NAME",
    "owner_name": r"NAME\s*OF\s*(?:THE\s*)?(?:ENTREPRENEUR|OWNER|PROPRIETOR)|(?:OWNER|ENTREPRENEUR)'?S?\s*"
                  r"NAME|PROPRIETOR\s*(?:/\s*OWNER)?",
    "type_of_enterprise": r"TYPE\s*OF\s*(?:THE\s*)?ENTERPRISE|ENTERPRISE\s*(?:TYPE|CATEGORY)|CATEGORY\s*OF\s*"
                          r"ENTERPRISE|SIZE\b",
    "major_activity": r"MAJOR\s*ACTIVITY",
    "date_of_registration": r"DATE\s*OF\s*UDYAM\s*REGISTRATION|UDYAM\s*REGISTRATION\s*DATE|DATE\s*OF\s*"
                            r"REGISTRATION|REGISTERED\s*ON|REGISTRATION\s*DATE",
    "date_of_incorporation": r"DATE\s*OF\s*INCORPORATION",
    "commencement": r"DATE\s*OF\s*COMMENCEMENT|BUSINESS\s*STARTED\s*ON|COMMENCEMENT\s*DATE",
    "address": r"OFFICIAL\s*ADDRESS(?:\s*OF(?:\s*(?:THE\s*)?ENTERPRISE)?)?|ADDRESS\s*OF\s*(?:THE\s*)?ENTERPRISE|"
               r"BUSINESS\s*ADDRESS|ADDRESS",
    "nic": r"NATIONAL\s*INDUSTRY|NIC\s*CODE",
}.items()}
_STOP = re.compile("|".join([p.pattern for p in _L.values()] + [
    r"UDYAM\s*REGISTRATION\s*NUMBER", r"REGISTRATION\s*NO", r"SOCIAL\s*CATEGORY", r"NAME\s*OF\s*UNIT",
    r"TYPE\s*OF\s*ORGANI[SZ]ATION", r"PAN\b", r"MOBILE", r"E-?MAIL", r"DISCLAIMER", r"NOTE\s*:",
    r"ISSUING\s*AUTHORITY", r"GENDER", r"SPECIALLY\s*ABLED"]), _I)
_LABELS = Labels({
    "enterprise_name": ["Name of Enterprise", "Name of the enterprise"],
    "owner_name": ["Name of Entrepreneur", "Owner's name"],
    "type_of_enterprise": ["Type of Enterprise", "Enterprise Type"],
    "major_activity": ["Major Activity"],
    "date_of_registration": ["Date of Udyam Registration", "Date of Registration"],
    "date_of_incorporation": ["Date of Incorporation", "Date of Incorporation / Registration of Enterprise"],
    "commencement": ["Date of Commencement", "Date of Commencement of Production/Business"],
    "address": ["Official Address of Enterprise", "Official Address"],
    "other": ["Social Category of Entrepreneur", "Name of Unit(s)", "Udyam Registration Number",
              "National Industry Classification Code(s)", "Type of Organisation"],
})
_OTHER = re.compile(
    r"TAX\s*INVOICE|INVOICE\s*(?:NO|NUMBER|DATE)|\bHSN\b|BILL\s*TO|SHIP\s*TO|TAXABLE\s*VALUE|"
    r"STATEMENT\s*OF\s*ACCOUNT|OPENING\s*BALANCE|DELIVERY\s*(?:ORDER|CHALLAN)|\bREG\s*[-–.]?\s*0?6\b|"
    r"SHOPS?\s*(?:AND|&)\s*(?:COMMERCIAL\s*)?ESTABLISHMENT|SALE\s*DEED|QUOTATION|PURCHASE\s*ORDER", _I)
_KIND = re.compile(r"\b(MICRO|SMALL|MEDIUM)\b", _I)
_YEAR = re.compile(r"(20[0-9]{2})\s*[-–]\s*[0-9]{2,4}")
_ADDR_PART = re.compile(
    r"FLAT\s*/?\s*DOOR\s*/?\s*BLOCK\s*(?:NO\.?)?|NAME\s*OF\s*PREMISES\s*/?\s*(?:BUILDING)?|^\s*(?:BUILDING|NO\.?)\s*$|"
    r"VILLAGE\s*/?\s*TOWN|ROAD\s*/?\s*STREET\s*/?\s*LANE|\bBLOCK\b(?!\s*[-–]?\s*[A-Z]?[-–]?\d)|\bCITY\b|\bSTATE\b|"
    r"\bDISTRICT\b|\bPIN(?:\s*CODE)?\b|\bMOBILE\b|\bE-?MAIL\b", _I)


_GRID_WORDS = {"FLAT", "DOOR", "BLOCK", "NO", "NAME", "OF", "PREMISES", "BUILDING", "VILLAGE", "TOWN",
               "ROAD", "STREET", "LANE", "CITY", "STATE", "DISTRICT", "PIN", "CODE", "MOBILE", "EMAIL",
               "E", "MAIL"}
_GRID_STARTS = {"FLAT", "BLOCK", "NAME", "VILLAGE", "ROAD", "CITY", "STATE", "DISTRICT", "PIN", "MOBILE",
                "EMAIL", "E"}


def find_number(layout: Layout) -> tuple[str, int, TextLine] | None:
    """The first Udyam number: (``UDYAM-XX-00-0000000``, repairs, line)."""
    for row in rows_of(layout):
        for text, src in [(ln.text, ln) for ln in row] + [(" ".join(ln.text for ln in row), row[0])]:
            for m in _NUMBER.finditer(text):
                state = coerce(m.group(1).upper(), "AA")
                dist, serial = coerce(m.group(2), "99"), coerce(m.group(3), "9999999")
                if state and dist and serial:
                    word = re.sub(r"\s", "", m.group(0))[:5].upper()
                    repairs = state[1] + dist[1] + serial[1] + (word != "UDYAM")
                    return f"UDYAM-{state[0]}-{dist[0]}-{serial[0]}", repairs, src
    return None


def score(layout: Layout) -> float | None:
    text = layout.text
    title, found = bool(_TITLE.search(text)), find_number(layout)
    if not (title or found):
        return None
    labels = sum(bool(read_value(layout, _L[k], _STOP)) for k in
                 ("enterprise_name", "type_of_enterprise", "major_activity", "nic", "owner_name",
                  "date_of_registration", "date_of_incorporation"))
    if not (labels >= 2 or (title and found)):
        return None
    s = (0.35 * bool(re.search(r"UDYAM\s*REGISTRATION\s*CERTIFICATE|उद्यम\s*पंजीकरण", text, _I))
         + 0.1 * title + 0.15 * bool(_MINISTRY.search(text)) + 0.3 * bool(found)
         + min(0.4, 0.08 * labels))
    if _OTHER.search(text):
        s -= 0.6
    return max(0.0, min(1.0, s)) or None


def _text(v: FormValue | None, *, business: bool = False) -> tuple[str, float, TextLine | None] | None:
    return text_value(v, business=business, latin=True)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    found = find_number(layout)
    if found:
        value, repairs, line = found
        ok = value[6:8] in STATE_CODES
        fields["udyam_number"] = make_field(value, confidence(line.score, checked=ok, repairs=repairs), line)
    for key in ("enterprise_name", "owner_name"):
        got = _text(read_value(layout, _L[key], _STOP, multiline=2, fuzzy=(_LABELS, key)),
                    business=True)
        if got:
            fields[key] = make_field(*got)
    _kind(layout, fields)
    got = _text(read_value(layout, _L["major_activity"], _STOP, fuzzy=(_LABELS, "major_activity")))
    if got:
        best = max(("Manufacturing", "Services", "Trading"),
                   key=lambda n: fuzz.ratio(n.lower(), got[0].lower()))
        if fuzz.ratio(best.lower(), got[0].lower()) >= 80:
            fields["major_activity"] = make_field(best.upper() if got[0].isupper() else best, got[1], got[2])
    for key, label, cap in (("date_of_registration", "date_of_registration", 1.0),
                            ("date_of_incorporation", "date_of_incorporation", 1.0),
                            ("date_of_incorporation", "commencement", 0.8)):
        if key in fields:
            continue
        v = read_value(layout, _L[label], _STOP, accept=re.compile(r"\d"), fuzzy=(_LABELS, label),
                       skip=re.compile(r"INCORPORATION", _I) if key == "date_of_registration" else None)
        d = parse_date(v.text) if v else None
        repaired = bool(v and not d and loose_date(v.text))
        d = d or (loose_date(v.text) if v else None)
        if d and v:
            fields[key] = make_field(d, round(min(cap, confidence(v.score, repairs=2 * repaired)), 4), v.line)
    _address(layout, fields)
    _nic(layout, fields)
    return fields


def _kind(layout: Layout, fields: dict[str, Field]) -> None:
    """The latest classification year's type, else the first type word beside the label."""
    reg = region(layout, _L["type_of_enterprise"], _STOP, max_rows=6)
    if reg is None:
        return
    anchor, rows = reg
    best: tuple[int, str, TextLine] | None = None
    first: tuple[str, TextLine] | None = None
    for row in rows:
        text = " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0))
        kind = _KIND.search(text)
        if not kind:
            continue
        line = next((ln for ln in row if _KIND.search(ln.text)), row[0])
        first = first or (kind.group(1), line)
        year = _YEAR.search(text)
        if year and (best is None or int(year.group(1)) > best[0]):
            best = (int(year.group(1)), kind.group(1), line)
    pick = (best[1], best[2]) if best else first
    if pick:
        word, line = pick
        fields["type_of_enterprise"] = make_field(word if word.isupper() else word.title(),
                                                  confidence(line.score, checked=True), line)


def _address(layout: Layout, fields: dict[str, Field]) -> None:
    """The address grid's values in printed order (mobile and e-mail left out), else the text
    after an address label."""
    reg = region(layout, _L["address"], _STOP, max_rows=10)
    starts = {m.group(0).upper()[:4] for row in (reg[1] if reg else []) for ln in row
              for m in [_ADDR_PART.match(ln.text.strip())] if m}
    if reg is not None and len(starts) >= 3:
        entries: list[tuple[str, list[str]]] = []
        lines: list[TextLine] = []
        for row in reg[1]:
            for ln in sorted(row, key=lambda ln: ln.x0):
                if re.search(r"[\u0900-\u097F]", ln.text):  # a sub-label the Devanagari reader spoilt
                    entries.append(("?", []))
                    continue
                words = re.findall(r"[A-Za-z]+", ln.text)
                if words and all(w.upper() in _GRID_WORDS for w in words) and not re.search(r"[0-9]", ln.text):
                    # a sub-label alone in its box, or the wrapped rest of one ("Premises/", "No.")
                    if words[0].upper() in _GRID_STARTS:
                        entries.append((words[0].upper(), []))
                    continue
                pos = 0
                parts = [m for m in _ADDR_PART.finditer(ln.text)
                         if not ln.text[:m.start()].strip() or re.search(r"[,|]\s*$", ln.text[:m.start()])]
                for m in [*parts, None]:
                    chunk = strip_value(ln.text[pos:m.start() if m else len(ln.text)]).strip(" ,")
                    if chunk:
                        if not entries:
                            entries.append(("", []))
                        entries[-1][1].append(chunk)
                        lines.append(ln)
                    if m and not re.fullmatch(r"\s*(?:BUILDING|NO\.?)\s*", m.group(0), _I):
                        entries.append((m.group(0).upper(), []))
                    pos = m.end() if m else pos
        parts = [" ".join(v) for k, v in entries if v and not re.match(r"MOBILE|E-?MAIL|E$", k)]
        if parts:
            score = min(ln.score for ln in lines)
            fields["address"] = make_field(", ".join(parts), round(confidence(score, free_text=True) - 0.05, 4),
                                           lines[0])
            return
    got = _text(read_value(layout, _L["address"], _STOP, multiline=4, fuzzy=(_LABELS, "address")))
    if got:
        fields["address"] = make_field(tidy_address(got[0]), got[1], got[2])


def _nic(layout: Layout, fields: dict[str, Field]) -> None:
    reg = region(layout, _L["nic"], _STOP, max_rows=14)
    if reg is None:
        return
    codes: list[str] = []
    lines: list[TextLine] = []
    broken = 0
    texts = [" ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0)) for row in reg[1]]
    any_five = any(re.search(r"(?<![0-9/.])[0-9]{5}(?![0-9/])", t) for t in texts)
    for row, text in zip(reg[1], texts):
        five = re.findall(r"(?<![0-9/.])([0-9]{5})(?![0-9/])", text)
        four = re.findall(r"(?<![0-9/.])([0-9]{4})\s*[-–]", text)
        two = re.findall(r"(?<![0-9/.])([0-9]{2})\s*[-–]", text)
        got = five if any_five else (four[:1] or two[:1])
        if five and len(five) == 1 and four and not five[0].startswith(four[0]):
            broken += 1
        for code in got:
            if code not in codes:
                codes.append(code)
                lines.append(row[0])
    if codes:
        score = min(ln.score for ln in lines)
        conf = confidence(score) - 0.2 * broken
        fields["nic_codes"] = make_field(codes, round(max(0.05, conf), 4), lines[0])


def _format_check(fields: dict[str, Field]) -> dict[str, dict] | None:  # type: ignore[type-arg]
    u = fields.get("udyam_number")
    if u is None:
        return None
    value = str(u.value)
    ok = bool(re.fullmatch(r"UDYAM-[A-Z]{2}-\d{2}-\d{7}", value)) and value[6:8] in STATE_CODES
    state = STATE_CODES.get(value[6:8])
    return {"valid": ok, "udyam_number": value, "state_code": value[6:8], "state": state,
            "message": (f"The Udyam number is well formed (state {state})" if ok else
                        f"The Udyam number's state code {value[6:8]!r} is not a state's")}


def validate(fields: dict[str, Field]) -> list[str]:
    """The number's state code, and incorporation no later than Udyam registration."""
    issues = []
    check = _format_check(fields)
    if check and not check["valid"]:
        issues.append(check["message"])
        fields["udyam_number"].confidence_score = min(fields["udyam_number"].confidence_score, 0.5)
    inc, reg = fields.get("date_of_incorporation"), fields.get("date_of_registration")
    if inc and reg:
        a, b = (tuple(reversed(str(x.value).split("/"))) for x in (inc, reg))
        if a > b:
            issues.append("The enterprise was incorporated after its Udyam registration")
            inc.confidence_score = min(inc.confidence_score, 0.6)
            reg.confidence_score = min(reg.confidence_score, 0.6)
    return issues


def finish(doc: Document) -> None:
    """``doc.validations["udyam_format"]``."""
    check = _format_check(doc.fields)
    if check:
        doc.validations["udyam_format"] = check
