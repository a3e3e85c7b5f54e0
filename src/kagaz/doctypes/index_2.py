"""Index II (सूची क्र. २): the sub-registrar's index entry of a registered document.

What every Index II prints (Registration Act 1908, sections 51 and 55: Book I's Index No. II
holds, for each registered document, the property and the parties; Maharashtra Registration
Rules 1961 give its clauses, which the Inspector General of Registration's printout numbers):
the title "सूची क्र.2" with the sub-registrar's office ("दुय्यम निबंधक") and the document number
("दस्त क्रमांक"), the village ("गावाचे नाव"), then (1) the kind of deed, (2) the consideration
("मोबदला"), (3) the market value ("बाजारभाव"), (4) the survey, sub-division and house number,
(5) the area, (7) the executants ("दस्तऐवज करुन देणा-या ... पक्षकाराचे नाव"), (8) the claimants
("... करुन घेणा-या ..."), (9) the date of execution, (10) the date of registration, (11) the
serial number, volume and page, (12) the stamp duty and (13) the registration fee, both on the
market value. :func:`score` needs the title or the sub-registrar with the parties' clauses.

Clauses are found by their words, not their numbers (printouts differ in numbering); a clause's
value runs from the colon after its words to the next clause.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''सूची क्र.2 दुय्यम निबंधक : सह दु.नि. हवेली 3
... दस्त क्रमांक : १२३४/२०२१
... गावाचे नाव : वाघोली
... (2)मोबदला : 4500000
... (3) बाजारभाव : 3800000
... (4) भू-मापन,पोटहिस्सा व घरक्रमांक(असल्यास) : 1) इतर माहिती: सदनिका क्र. 302, सर्व्हे नं. 123/2
... (7) दस्तऐवज करुन देणा-या/लिहून ठेवणा-या पक्षकाराचे नाव : 1): नाव:-रमेश सुरेश पाटील वय:-45
... (8)दस्तऐवज करुन घेणा-या पक्षकाराचे नाव : 1): नाव:-अनिता रमेश कदम वय:-38 2): नाव:-विजय अशोक कदम वय:-40
... (10)दस्त नोंदणी केल्याचा दिनांक : 12/03/2021
... (12)बाजारभावाप्रमाणे मुद्रांक शुल्क : 228000
... (13)बाजारभावाप्रमाणे नोंदणी शुल्क : 30000'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["document_number"].value, f["registration_date"].value, f["sub_registrar_office"].value
('1234/2021', '12/03/2021', 'सह दु.नि. हवेली 3')
>>> f["consideration_amount"].value, f["market_value"].value, f["stamp_duty"].value
('4500000.00', '3800000.00', '228000.00')
>>> f["claimants"].value, f["claimants_latin"].value
(['अनिता रमेश कदम', 'विजय अशोक कदम'], ['ANITA RAMESH KADAM', 'VIJAY ASHOK KADAM'])
>>> f["property_description"].value
'सदनिका क्र. 302, सर्व्हे नं. 123/2'
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import ADDRESS, AMOUNT, DATE, IDENTIFIER, LIST, NAME, TEXT, declare
from kagaz.doctypes.land_records import joined_rows, marathi_rows, place_name
from kagaz.matching.translit import to_latin
from kagaz.model import Field, TextLine
from kagaz.text.amounts import format_amount, to_decimal
from kagaz.text.dates import parse_date
from kagaz.text.devanagari import mend_name
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "INDEX_2"
GROUP = "business"
ORDER = 420
GENERATOR = "kagaz.synth.index_2"
FIELDS = declare(
    document_number=IDENTIFIER, registration_date=DATE, sub_registrar_office=TEXT, village=NAME,
    property_description=ADDRESS, consideration_amount=AMOUNT, market_value=AMOUNT,
    executants=LIST, claimants=LIST, executants_latin=LIST, claimants_latin=LIST,
    stamp_duty=AMOUNT, registration_fee=AMOUNT,
)

_TITLE = re.compile(r"सूची\s*(?:क्र\.?|क्रमांक)\s*(?:2|२|दोन|II)(?!\d)")
_OFFICE = re.compile(r"दुय्यम\s*निबंधक|सह\s*दु\.\s*नि\.")
# the office's label, "दुय्यम" as OCR may read it ("दुप्यम", "दुय्पम")
_OFFICE_LABEL = re.compile(r"दु[\u0900-\u097F]{1,4}म\s*निबंधक\s*[:：\-]+\s*(.+)$")
_OFFICE_WORD = re.compile(r"दु[\u0900-\u097F]{1,4}म(?=\s*निबंधक)")
# a clause's label opens its row, after its number in brackets (which OCR may have half lost)
_LABEL_START = r"^\s*(?:\(?\s*[^\s()]{0,3}\s*\)\s*)?"
_CLAUSES: dict[str, re.Pattern[str]] = {
    "consideration_amount": re.compile(r"मोबदला"),
    "market_value": re.compile(_LABEL_START + r"बाजारभाव(?!ाप्रमाणे)"),
    "property_description": re.compile(r"भू-?\s*मापन|पोटहिस्सा|घरक्रमांक"),
    "executants": re.compile(r"करुन\s*देणा|करून\s*देणा|लिहून\s*ठेवणा"),
    "claimants": re.compile(r"करुन\s*घेणा|करून\s*घेणा"),
    "registration_date": re.compile(r"नोंदणी\s*केल्याचा\s*दिनांक"),
    "stamp_duty": re.compile(r"मुद्रांक\s*शुल्क"),
    "registration_fee": re.compile(r"नोंदणी\s*(?:शुल्क|फी)"),
    "serial": re.compile(r"अनुक्रमांक\s*,?\s*खंड"),
    # clauses kagaz does not return: found by their words all the same, so that a clause whose
    # bracket OCR lost ("5) क्षेत्रफळ") still ends the one before it
    "deed_kind": re.compile(_LABEL_START + r"विलेखाचा\s*प्रकार"),
    "area": re.compile(_LABEL_START + r"क्षेत्रफळ"),
    "assessment": re.compile(_LABEL_START + r"आकारणी\s*किंवा"),
    "execution_date": re.compile(_LABEL_START + r"दस्तऐवज\s*कर[ुू]न\s*दिल्याचा"),
    "remarks": re.compile(_LABEL_START + r"शेरा"),
}
_CLAUSE_START = re.compile(r"^\s*\(\s*(\d{1,2})\s*\)")
# The IGR printout's clause numbers, for a clause whose words OCR garbled ("(2)मोक्दला").
_BY_NUMBER = {1: "deed_kind", 2: "consideration_amount", 3: "market_value", 4: "property_description",
              5: "area", 6: "assessment", 7: "executants", 8: "claimants", 9: "execution_date",
              10: "registration_date", 11: "serial", 12: "stamp_duty", 13: "registration_fee", 14: "remarks"}
_DOC_NO = re.compile(r"दस्त\s*क्र\S*\s*[:：\-]*\s*(\d{1,6}\s*/\s*(?:19|20)\d{2})")
_SERIAL = re.compile(r"(\d{1,6}\s*/\s*(?:19|20)\d{2})")
# "नाव:-रमेश सुरेश पाटील वय:-45": OCR reads the व of "नाव" and "वय" as ब or य, and the य of
# "वय" as प or ष ("बप:-69")
_PARTY = re.compile(r"ना[वबय]\s*[:：]?\s*[-–]?\s*((?:[\u0900-\u0963\u0971-\u097F]+\s?){1,5}?)\s*"
                    r"(?=[वबय][यपष]\s*[:：]|पत्ता|पॅन|,|\d|$)")
# a value's colon as OCR may read it in front of a figure: "१ 12300000", "+ 546750"
_VALUE_COLON = re.compile(r"^\s*(?:[;+!1]\s+)?")


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title, office = bool(_TITLE.search(text)), bool(_OFFICE.search(text))
    parties = sum(bool(_CLAUSES[k].search(text)) for k in ("executants", "claimants"))
    if not title and not (office and parties == 2):
        return None
    s = 0.55 * title + 0.15 * office + 0.1 * parties
    s += 0.1 * bool(_CLAUSES["consideration_amount"].search(text))
    s += 0.05 * bool(re.search(r"बाजारभाव", text))
    return round(max(0.0, min(0.97, s)), 4) or None


def _clauses(rows: list[tuple[str, TextLine]]) -> dict[str, tuple[str, TextLine]]:
    """Each known clause's value (text after its colon, wrapped lines joined) and first line."""
    out: dict[str, tuple[str, TextLine]] = {}
    current: str | None = None
    for text, line in joined_rows(rows):
        key = next((k for k, rx in _CLAUSES.items() if rx.search(text)), None)
        numbered = _CLAUSE_START.match(text)
        if key is None and numbered:
            key = _BY_NUMBER.get(int(numbered.group(1)))
        if key is not None or numbered:
            current = key
            if key is not None and key not in out:
                out[key] = (_value(text, key), line)
            elif key is not None:
                current = None  # a repeated clause: keep the first
            continue
        if current is not None and current in out:
            value, first = out[current]
            out[current] = (f"{value} {text.strip(' :')}".strip(), first)
    return out


def _value(text: str, key: str) -> str:
    """A clause's value: after the colon that follows its words, or, where OCR lost or misread
    that colon, after the words themselves.

    >>> _value("(2)मोबदला 1 12300000", "consideration_amount"), _value("(2)मोबदला : 4500000", "consideration_amount")
    ('12300000', '4500000')
    """
    m = _CLAUSES[key].search(text) if key in _CLAUSES else None
    rest = text[m.end():] if m else text
    if ":" in rest:
        return rest.partition(":")[2].strip()
    return _VALUE_COLON.sub("", rest).strip() if m else ""


def _amount(hit: tuple[str, TextLine] | None) -> Field | None:
    if hit is None:
        return None
    m = re.search(r"\d[\d,]*(?:\.\d{1,2})?", hit[0])
    value = to_decimal(m.group(0)) if m else None
    return make_field(format_amount(value), confidence(hit[1].score), hit[1]) if value is not None else None


def _parties(hit: tuple[str, TextLine] | None) -> list[str]:
    if hit is None:
        return []
    names = [mend_name(" ".join(m.group(1).split())) for m in _PARTY.finditer(hit[0])]
    return [n for n in names if len(n.split()) >= 2]


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    rows = marathi_rows(layout)
    clauses = _clauses(rows)
    out: dict[str, Field | None] = {}
    doc = next(((m.group(1), ln) for t, ln in rows if (m := _DOC_NO.search(t))), None)
    if doc is None and "serial" in clauses and (m := _SERIAL.search(clauses["serial"][0])):
        doc = (m.group(1), clauses["serial"][1])
    if doc:
        out["document_number"] = make_field(re.sub(r"\s", "", doc[0]), confidence(doc[1].score), doc[1])
    office = next(((t, ln, m) for t, ln in rows if (m := _OFFICE_LABEL.search(t))), None)
    if office:
        # the office's own name spells "दुय्यम" as its label does: a misread of that fixed word is mended
        name = _OFFICE_WORD.sub("दुय्यम", " ".join(office[2].group(1).split()))
        out["sub_registrar_office"] = make_field(name, confidence(office[1].score), office[1])
    village = place_name(rows, "village")
    out["village"] = make_field(village[0], confidence(village[1].score), village[1]) if village else None
    if "registration_date" in clauses:
        date = parse_date(clauses["registration_date"][0])
        out["registration_date"] = make_field(date, confidence(clauses["registration_date"][1].score),
                                              clauses["registration_date"][1]) if date else None
    if "property_description" in clauses:
        text, line = clauses["property_description"]
        # "इतर माहिती :" ("other particulars") is the IGR's label, its colon OCR may read as ";"
        text = re.sub(r"^\s*(?:\d\)\s*)?(?:[^:;]{0,20}इत[ंँ]?र\s*माहिती\s*[:：;]\s*)?", "", text).strip(" ,.")
        out["property_description"] = make_field(text, confidence(line.score, free_text=True), line) if text else None
    for key in ("consideration_amount", "market_value", "stamp_duty", "registration_fee"):
        out[key] = _amount(clauses.get(key))
    for key in ("executants", "claimants"):
        names = _parties(clauses.get(key))
        if names:
            line = clauses[key][1]
            conf = confidence(line.score, free_text=True)
            out[key] = make_field(names, conf, line)
            out[f"{key}_latin"] = make_field([to_latin(n)[0] for n in names], conf, line)
    return {k: v for k, v in out.items() if v is not None}


def validate(fields: dict[str, Field]) -> list[str]:
    """Stamp duty is a share of the market value (Maharashtra: 5-7%); a duty above the value
    means a misread figure."""
    duty, market = fields.get("stamp_duty"), fields.get("market_value")
    if duty is None or market is None:
        return []
    d, m = to_decimal(duty.value), to_decimal(market.value)
    if d is None or m is None or d <= m:
        return []
    duty.confidence_score = min(duty.confidence_score, 0.5)
    return [f"stamp duty {duty.value} exceeds the market value {market.value}"]
