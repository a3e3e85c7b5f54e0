"""Boundaries certificate (चतुःसीमा दाखला): what lies on each side of a survey number.

What every चतुःसीमा prints (a talathi's or Gram Panchayat's certificate from the village map and
the Record of Rights, Maharashtra Land Revenue Code 1966; lenders ask for it with a 7/12): the
title "चतुःसीमा" (often "चतुःसीमा दाखला / प्रमाणपत्र"), the village ("मौजे" / "गाव :"), the
survey or gat number, and the four boundaries, each after its direction: "पूर्वेस" (east),
"पश्चिमेस" (west), "उत्तरेस" (north), "दक्षिणेस" (south), usually the neighbouring survey numbers
or a road. :func:`score` needs the title with at least three directions.

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''चतुःसीमा दाखला
... मौजे वाघोली, ता. हवेली, जि. पुणे
... सर्व्हे नंबर : १२३/२
... पूर्वेस : स.नं. १२४
... पश्चिमेस : गाव रस्ता
... उत्तरेस : स.नं. ११८/१
... दक्षिणेस : नाला'''
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(lay) > 0.9
True
>>> f = extract(lay, ExtractOptions())
>>> f["village"].value, f["survey_number"].value, f["boundaries"].value
('वाघोली', '123/2', {'east': 'स.नं. 124', 'west': 'गाव रस्ता', 'north': 'स.नं. 118/1', 'south': 'नाला'})
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import IDENTIFIER, NAME, TEXT, declare
from kagaz.doctypes.land_records import (
    joined_rows, marathi_rows, mend_survey, place_name, survey_number, text_field, value_after,
)
from kagaz.model import Field
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "CHATUSIMA"
GROUP = "business"
ORDER = 450
GENERATOR = "kagaz.synth.chatusima"
FIELDS = declare(village=NAME, survey_number=IDENTIFIER, boundaries=TEXT)

_TITLE = re.compile(r"चतु[ःः:]?\s*सीमा")
_CERTIFICATE = re.compile(r"चतु[ःः:]?\s*सीमा\s*(?:दाखला|प्रमाणपत्र)")
# Index II, deeds and the village forms may print a property's boundaries too: not this type.
_OTHER = re.compile(r"सूची\s*क्र|गाव\s*नमुना|खरेदीखत|बक्षीसपत्र|दानपत्र|दस्तऐवज\s*करुन")
_SIDES = {"east": r"पूर्वे(?:स|कडे|ला)?", "west": r"पश्चिमे(?:स|कडे|ला)?", "north": r"उत्तरे(?:स|कडे|ला)?",
          "south": r"दक्षिणे(?:स|कडे|ला)?"}
_SIDE = {k: re.compile(r"(?:^|(?<=\s))" + v + r"\s*[:：\-–]+\s*(.+?)\s*(?=(?:पूर्वे|पश्चिमे|उत्तरे|दक्षिणे)\S*\s*[:：\-–]|$)")
         for k, v in _SIDES.items()}


# "स.नं." (survey number) before a neighbour's number, as OCR reads its anusvara and dots:
# "स.ने.", "स.न॑.", "स.जे.", "स. नं ."
_NUMBER_LABEL = re.compile(r"(?:नंबर|नं\.)\s*[:：\-–]+\s*")
_NUMBER = re.compile(r"(\d{1,5}(?:\s?/\s?(?:\d{1,3}|[अ-ह]))*)")
_SURVEY_ABBR = re.compile(r"स\s*\.\s*[नज][ंॅ॑ेै]?\s*\.?\s*(?=\d)")


def score(layout: Layout) -> float | None:
    text = layout.text
    if not layout.lines or not _TITLE.search(text):
        return None
    sides = sum(bool(re.search(v + r"\s*[:：\-–]", text)) for v in _SIDES.values())
    # The certificate's own name as its title ("चतुःसीमा दाखला") says what it is even when the
    # table of sides was lost (a tilted photo's ruled table); a mention in running text does not.
    titled = any(_CERTIFICATE.fullmatch(line.text.strip(" .:-")) for line in layout.lines)
    if sides < 3 and not titled:
        return None
    s = (0.7 if sides >= 3 else 0.6) + 0.05 * sides + 0.05 * bool(re.search(r"मौजे|गाव", text))
    if _OTHER.search(text):
        s -= 0.5
    return round(max(0.0, min(0.97, s)), 4) or None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    # a ruled table's direction and its neighbour are two cells: join each visual row first
    rows = joined_rows(marathi_rows(layout))
    # the land's own number comes before its sides; a side's "स.नं. 124" is a neighbour's
    first_side = next((i for i, (text, _) in enumerate(rows) if any(rx.search(text) for rx in _SIDE.values())),
                      len(rows))
    # the land's number after its label, or (a label OCR garbled: "ae नंबर: 381/5") after "नंबर"
    survey = survey_number(rows[:first_side]) or value_after(rows[:first_side], _NUMBER_LABEL, _NUMBER)
    if survey:
        survey = (mend_survey(re.sub(r"\s", "", survey[0])), survey[1])
    out: dict[str, Field | None] = {"village": text_field(place_name(rows, "village")),
                                    "survey_number": text_field(survey)}
    sides, lines = {}, []
    for key, rx in _SIDE.items():
        for text, line in rows:
            if m := rx.search(text):
                sides[key] = _SURVEY_ABBR.sub("स.नं. ", " ".join(m.group(1).split())).strip(" ,.;")
                lines.append(line)
                break
    if sides:
        out["boundaries"] = make_field(sides, min(confidence(ln.score, free_text=True) for ln in lines), lines[0])
    return {k: v for k, v in out.items() if v is not None}


def validate(fields: dict[str, Field]) -> list[str]:
    """A certificate naming fewer than four sides is incomplete."""
    b = fields.get("boundaries")
    if b is not None and len(b.value) < 4:
        b.confidence_score = min(b.confidence_score, 0.6)
        return [f"boundaries name {len(b.value)} of the four sides"]
    return []
