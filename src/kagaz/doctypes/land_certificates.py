"""What a Gavthan and a Gunthewari certificate share: one holder, one property, its village, its
area and the date of issue, in a Marathi certifying sentence.

Both are certificates about one property, issued on letterhead in Marathi: the office's name,
the title, a certifying paragraph ("प्रमाणित करण्यात येते की ..." / "दाखला देण्यात येतो की ...")
naming the holder ("श्री." / "श्रीमती"), the property ("मिळकत क्रमांक", "घर क्रमांक", "प्लॉट
क्रमांक"), the village ("मौजे"), its area ("क्षेत्र", in sq. m or sq. ft as printed), and the
date ("दिनांक"). The title tells them apart (each type module's docstring).

>>> from kagaz.ocr.fake import lines_from_text
>>> from kagaz.model import TextLine
>>> text = '''गावठाण दाखला
... दिनांक : 12/03/2021
... प्रमाणित करण्यात येते की, मौजे वाघोली, ता. हवेली, जि. पुणे येथील मिळकत क्रमांक 452
... श्री. रमेश सुरेश पाटील यांच्या नावे असून तिचे क्षेत्र 120.50 चौ.मी. आहे.'''
>>> lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> f = certificate_fields(lay)
>>> [f[k].value for k in ("holder_name", "holder_name_latin", "property_number", "village", "area", "issue_date")]
['रमेश सुरेश पाटील', 'RAMESH SURESH PATIL', '452', 'वाघोली', '120.50 चौ.मी.', '12/03/2021']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import confidence, make_field
from kagaz.doctypes.fields import DATE, IDENTIFIER, NAME, PERSON, TEXT, declare
from kagaz.doctypes.land_records import DEVA_WORD, marathi_rows, place_name
from kagaz.matching.translit import to_latin
from kagaz.model import Field
from kagaz.text.dates import parse_date
from kagaz.text.devanagari import mend_name
from kagaz.text.layout import Layout

__all__ = ["CERTIFICATE_FIELDS", "certificate_fields"]

CERTIFICATE_FIELDS = declare(holder_name=PERSON, holder_name_latin=NAME, property_number=IDENTIFIER,
                             village=NAME, area=TEXT, issue_date=DATE)

# OCR of a photocopy may read the space between two names as a hyphen ("सरस्वती-सचिन पवार")
_HOLDER = re.compile(r"(?:श्री(?:मती)?|श्रीम\.|सौ)\s*\.?\s*((?:" + DEVA_WORD + r"[\s\-]+){1,3}" + DEVA_WORD +
                     r")\s+(?=यांच्या|यांचे|यांचा|यांनी|यांना|यांची)")
# ... and a speck as an anusvara inside a label ("मिळकंत")
_PROPERTY = re.compile(r"(?:मिळक[ंँ]?त|घर|प्लॉट|भूखंड|मालमत्ता)\s*(?:क्रमांक|क्र\.?|नं\.?|नंबर)\s*[:：\-]?\s*"
                       r"(\d{1,6}(?:\s?/\s?[\dअ-ह]{1,4})*)")
# the unit may follow the figure on the next line, after specks read as dots ("३३०.५४ .. चौ.फूट"),
# its चौ read as वौ
_AREA = re.compile(r"क्षेत्र(?:फळ)?\s*[:：\-]?\s*(\d{1,6}(?:\.\d{1,2})?)[\s.]*((?:[चव]ौ\s*\.?\s*(?:मी|फूट|फु)\.?|"
                   r"sq\.?\s*(?:m|ft)\.?))", re.IGNORECASE)
_DATE = re.compile(r"दिनांक\s*[:：\-]?\s*(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})")
_ANY_DATE = re.compile(r"(?<![\d/.])\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}(?![\d/])")


def certificate_fields(layout: Layout) -> dict[str, Field]:
    rows = marathi_rows(layout)
    body = " ".join(text for text, _ in rows)
    first = rows[0][1] if rows else None
    out: dict[str, Field] = {}

    def line_with(fragment: str):  # type: ignore[no-untyped-def]
        return next((line for text, line in rows if fragment in text), first)

    if m := _HOLDER.search(body):
        name = mend_name(" ".join(m.group(1).replace("-", " ").split()))
        line = line_with(name.split()[-1])
        conf = confidence(line.score if line else 0.5, free_text=True)
        out["holder_name"] = make_field(name, conf, line)
        out["holder_name_latin"] = make_field(to_latin(name)[0], conf, line)
    if m := _PROPERTY.search(body):
        value = re.sub(r"\s", "", m.group(1))
        line = line_with(m.group(1).split()[0])
        out["property_number"] = make_field(value, confidence(line.score if line else 0.5), line)
    if hit := place_name(rows, "village"):
        out["village"] = make_field(hit[0], confidence(hit[1].score), hit[1])
    if m := _AREA.search(body):
        # "चौ" as OCR may read it ("वौ.मी.")
        value = f"{m.group(1)} {' '.join(re.sub('^वौ', 'चौ', m.group(2)).split())}"
        line = line_with(m.group(1))
        out["area"] = make_field(value, confidence(line.score if line else 0.5), line)
    # the date after "दिनांक"; when OCR garbled that one ("25/09/206"), the certificate's only
    # other full date (its issue date, repeated by the seal or a second reading of the line)
    dates = [m.group(1) for m in _DATE.finditer(body)] + [m.group(0) for m in _ANY_DATE.finditer(body)]
    for text in dates:
        if date := parse_date(re.sub(r"\s", "", text)):
            line = line_with(text.split()[0])
            out["issue_date"] = make_field(date, confidence(line.score if line else 0.5), line)
            break
    return out
