"""7/12 extract (सातबारा उतारा: village forms VII and XII of Maharashtra's Record of Rights).

What every 7/12 prints (Maharashtra Land Revenue Code 1966, sections 148-150; Maharashtra Land
Revenue Record of Rights and Registers (Preparation and Maintenance) Rules 1971, rules 3, 5, 6
and 7): the form's name, "गाव नमुना सात" (form VII, "अधिकार अभिलेख पत्रक", the record of
rights) with "गाव नमुना बारा" (form XII, "पिकांची नोंदवही", the crop register) on the same
extract; the village, taluka and district; the survey or gat number with its sub-division; the
occupants ("भोगवटादाराचे नाव"), each with their share of the area in hectare-are and the
mutation entry that put them on record, in brackets; the account number; "इतर अधिकार" (other
rights: a bank's or a society's charge, "बोजा", tenancies); the mutation entries. Computerised
extracts (since 2017) add the square metres ("हे.आर.चौ.मी") and the last mutation's number and
date. :func:`score` needs form VII's name (or "7/12") with the occupants' column.

Fields: values with ASCII digits, words as printed in Devanagari; ``holders`` rows
``{name, name_latin, area}`` (``name_latin``: :func:`kagaz.matching.translit.to_latin`, so
that a PAN's name can be matched); ``other_rights`` and ``mutation_numbers`` are lists.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''गाव नमुना सात
... अधिकार अभिलेख पत्रक
... गाव : वाघोली तालुका : हवेली जिल्हा : पुणे
... भूमापन क्रमांक व उपविभाग : १२३/२
... क्षेत्र एकक : हे.आर.चौ.मी भोगवटादाराचे नाव खाते क्रमांक
... जिरायत : 1.20.00 रमेश सुरेश पाटील 0.80.00 (1234) 456
... एकूण क्षेत्र : 1.20.00 सुनीता रमेश पाटील 0.40.00 (1301)
... इतर अधिकार
... बँक ऑफ महाराष्ट्र शाखा वाघोली यांचा रु. 5,00,000/- चा बोजा (2345)
... शेवटचा फेरफार क्रमांक : 2345 व दिनांक : 12/03/2021'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["survey_number"].value, f["village"].value, f["total_area"].value, f["area_unit"].value
('123/2', 'वाघोली', '1.20.00', 'हे.आर.चौ.मी')
>>> [(h["name"], h["name_latin"], h["area"]) for h in f["holders"].value]
[('रमेश सुरेश पाटील', 'RAMESH SURESH PATIL', '0.80.00'), ('सुनीता रमेश पाटील', 'SUNITA RAMESH PATIL', '0.40.00')]
>>> f["mutation_numbers"].value, f["other_rights"].value[0].endswith("चा बोजा (2345)")
(['1234', '1301', '2345'], True)
>>> validate(f)[0][:30]
'existing charge in other right'
>>> doc = Document(data=b"", fields=f)
>>> finish(doc)
>>> doc.validations["encumbrance"]["valid"]
False
"""

from __future__ import annotations

import itertools
import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import IDENTIFIER, LIST, NAME, TABLE, TEXT, declare
from kagaz.doctypes.land_records import (
    AREA, area_unit, clean_area, holder_matches, holders_field, joined_rows, marathi_rows, place_name, section,
    survey_number, text_field, value_after,
)
from kagaz.model import Document, Field, TextLine
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "charges", "extract", "finish", "score", "validate"]

CODE = "SATBARA"
GROUP = "business"
ORDER = 400
GENERATOR = "kagaz.synth.satbara"
FIELDS = declare(
    district=NAME, taluka=NAME, village=NAME, survey_number=IDENTIFIER, holders=TABLE,
    total_area=TEXT, area_unit=TEXT, other_rights=LIST, mutation_numbers=LIST,
)

# "गाव नमुना सात", "नमुना ७ व १२" (OCR may join "७व"), "७/१२ उतारा"
_TITLE = re.compile(r"नमुना\s*(?:सात|७|7)(?:\s*व|(?![\u0900-\u097F\d]))|(?:७|7)\s*/\s*(?:१२|12)(?!\d)")
# "भोगवटादार" (occupant); OCR often reads its व as ब, drops its ा or garbles its first letters
# ("ओशवटादाराचे नाव"); "नांव" in older forms
_HOLDERS = re.compile(r"भोग[वब]टा?दार|[\u0900-\u097F]{1,3}[वब]टा?दारा[चय]े\s*ना[ंँ]?व|खातेदारा[चय]े\s*ना[ंँ]?व")
_OTHER_FORM = re.compile(r"नमुना\s*(?:आठ|८|8)\s*[-–]?\s*(?:अ|a)|धारण\s*जमिनींची|सूची\s*क्र|दुय्यम\s*निबंधक")
_RIGHTS = re.compile(r"इतर\s*अधिकार\s*[:：]?")
_RIGHTS_END = re.compile(r"फेरफार|प्रलंबित|नमुना|पिकांची|नोंदवही|सीमा\s*आणि|वर्ष\s+हंगाम")
_HOLDERS_END = re.compile(r"इतर\s*अधिकार|शेवटचा\s*फेरफार|फेरफार\s*क्रमांक\s*:|गाव\s*नमुना\s*बारा|पिकांची")
# "एकूण" (total); OCR may read its ू as ृ or ु ("एकृण")
_TOTAL = re.compile(r"एक[ूृु]ण\s*(?:क्षेत्र)?\s*[:：\-]?\s*")
_PLACEHOLDER = re.compile(r"^[\s\-–—:.]*(?:नाही|निरंक|कुळाचे\s*नाव\s*[:：]?\s*[-–—]*)?[\s\-–—:.]*$")
# An existing charge on the land: a "बोजा" (encumbrance), a mortgage, a loan, or a lender named.
_CHARGE = re.compile(r"बोजा|गहाण|तारण|कर्ज|बँक|बैंक|सोसायटी|पतसंस्था|Bank", re.IGNORECASE)
_MUTATION = re.compile(r"फेरफार\s*(?:क्रमांक|क्र\.?|नं\.?)\s*[:：]?\s*[-–]?\s*((?:\d{1,6}\s*[,;]?\s*)+)")


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    holders = bool(_HOLDERS.search(text))
    # form VII is the record of rights: "अधिकार अभिलेख (पत्रक)", "अधिकार पत्रक" on typed forms,
    # and every extract has its "इतर अधिकार" (other rights)
    record = bool(re.search(r"अधिकार\s*(?:अभिलेख|पत्रक)|इतर\s*अधिकार", text))
    # Form VII's name, or (when OCR garbled it) the record of rights with its occupants.
    title = bool(_TITLE.search(text)) or (record and holders)
    if not title or not (holders or record):
        return None
    s = 0.55 + 0.15 * holders
    s += 0.1 * bool(re.search(r"अधिकार\s*(?:अभिलेख|पत्रक)|इतर\s*अधिकार", text))
    s += 0.1 * bool(re.search(r"पिकांची|नमुना\s*बारा|नमुना\s*(?:७|7)\s*व", text))
    s += 0.07 * bool(re.search(r"भूमापन|सर्व्हे|गट\s*(?:क्रमांक|नं)", text))
    if _OTHER_FORM.search(text):
        s -= 0.5
    return round(max(0.0, min(0.97, s)), 4) or None


def _holders(rows: list[tuple[str, TextLine]]) -> tuple[list[tuple[str, str, TextLine]], list[str]]:
    """Each holder (name, share, line) in the occupants' column, and their mutation entries."""
    found, entries = [], []
    # a ruled table's cells may come as separate lines: join each visual row first
    joined = joined_rows(rows)
    table = section(joined, _HOLDERS, _HOLDERS_END)
    labelled = bool(table) or any(_HOLDERS.search(text) for text, _ in joined)
    if not labelled:
        # the column's label lost to OCR ("— ara | an"): the holders are still the rows of a name
        # and a share in hectare-are above the extract's total
        table = list(itertools.takewhile(lambda row: not _TOTAL.match(row[0].strip()), joined))
    for text, line in table:
        for name, area, entry in holder_matches(text):
            if not labelled and not area:
                continue
            found.append((name, area, line))
            if entry:
                entries.append(entry)
    return found, entries


def _rights(rows: list[tuple[str, TextLine]]) -> list[tuple[str, TextLine]]:
    out = []
    for text, line in section(rows, _RIGHTS, _RIGHTS_END):
        text = " ".join(text.split())
        # a right is a phrase ("... यांचा रु. ... चा बोजा"), not a stray word of a misread line
        words = re.findall(r"[\u0900-\u097F]{2,}", text)
        if not _PLACEHOLDER.match(text) and len(words) >= 3 and line.score >= 0.5:
            out.append((text, line))
    return out


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    rows = marathi_rows(layout)
    out: dict[str, Field | None] = {
        kind: text_field(place_name(rows, kind)) for kind in ("district", "taluka", "village")}
    survey = survey_number(rows)
    out["survey_number"] = text_field(survey)
    found, entries = _holders(rows)
    out["holders"] = holders_field(found)
    total = value_after(rows, _TOTAL, re.compile(r"(" + AREA + r")"))
    out["total_area"] = make_field(clean_area(total[0]), confidence(total[1].score), total[1]) if total else None
    unit = next(((u, line) for text, line in rows if (u := area_unit(text))), None)
    out["area_unit"] = text_field(unit)
    rights = _rights(rows)
    if rights:
        out["other_rights"] = make_field([t for t, _ in rights], min(confidence(ln.score, free_text=True)
                                                                    for _, ln in rights), rights[0][1])
    for text, line in rows:
        for m in _MUTATION.finditer(text):
            entries += re.findall(r"\d{1,6}", m.group(1))
    for text, _ in rights:
        entries += re.findall(r"\((\d{1,6})\)\s*$", text)
    if entries:
        numbers = sorted(set(entries), key=int)
        out["mutation_numbers"] = make_field(numbers, confidence(min(ln.score for _, ln in rows)))
    return {k: v for k, v in out.items() if v is not None}


def charges(fields: dict[str, Field]) -> list[str]:
    """The other rights that record a charge on the land (a bank's or a society's "बोजा")."""
    rights = fields.get("other_rights")
    return [r for r in (rights.value if rights else []) if _CHARGE.search(r)]


def finish(doc: Document) -> None:
    """Validation ``encumbrance``: valid when no other right records a charge; a lender must
    see an existing charge before lending against the land."""
    if not doc.fields:
        return
    found = charges(doc.fields)
    doc.validations["encumbrance"] = {
        "valid": not found, "charges": found,
        "message": "No charge is recorded in the other rights" if not found else
        f"The other rights record {len(found)} existing charge(s) on the land"}


def validate(fields: dict[str, Field]) -> list[str]:
    """The holders' shares add up to the total area (a misread digit breaks the sum); an
    existing charge is reported."""
    issues = [f"existing charge in other rights: {c}" for c in charges(fields)]
    return issues + _shares_add_up(fields)


def _shares_add_up(fields: dict[str, Field]) -> list[str]:
    holders, total = fields.get("holders"), fields.get("total_area")
    if holders is None or total is None:
        return []
    try:
        shares = sum(_square_metres(h.get("area", "")) for h in holders.value)
        whole = _square_metres(total.value)
    except ValueError:
        return []
    if shares == whole:
        return []
    holders.confidence_score = min(holders.confidence_score, 0.6)
    total.confidence_score = min(total.confidence_score, 0.6)
    return [f"holders' shares ({shares} sq m) do not add up to the total area ({whole} sq m)"]


def _square_metres(area: str) -> int:
    """ "1.20.50" (hectare.are.sq-m) or "1.20" (hectare.are) in square metres."""
    parts = [int(p) for p in area.split(".")]
    if len(parts) not in (2, 3):
        raise ValueError(area)
    return parts[0] * 10000 + parts[1] * 100 + (parts[2] if len(parts) == 3 else 0)
