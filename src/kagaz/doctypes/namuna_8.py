"""8A holding extract (गाव नमुना आठ-अ: village form VIII-A, the register of holdings).

What every 8A extract prints (Maharashtra Land Revenue Code 1966, section 148; Maharashtra Land
Revenue Record of Rights and Registers (Preparation and Maintenance) Rules 1971): the form's
name, "गाव नमुना आठ-अ" ("८-अ"), with its title "धारण जमिनींची नोंदवही" (register of holdings);
the village, taluka and district; one account ("खाते क्रमांक") and its holders
("खातेदाराचे नाव"); every survey or gat number the account holds, with its area in hectare-are
and its assessment; and the account's total. :func:`score` needs the form's name or its title
with the account number.

Fields: values with ASCII digits, words as printed; ``holders`` rows ``{name, name_latin}``
(:func:`kagaz.matching.translit.to_latin`); ``survey_numbers`` in printed order.

>>> from kagaz.ocr.fake import lines_from_text
>>> text = '''गाव नमुना आठ-अ
... (धारण जमिनींची नोंदवही)
... गाव : वाघोली तालुका : हवेली जिल्हा : पुणे
... खाते क्रमांक : ४५६
... खातेदाराचे नाव :
... रमेश सुरेश पाटील
... सुनीता रमेश पाटील
... भूमापन क्रमांक व उपविभाग क्षेत्र (हे.आर.चौ.मी) आकारणी (रु.पै.)
... 123/2 1.20.00 2.50
... 45 0.60.00 1.10
... एकूण 1.80.00'''
>>> layout = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
>>> score(layout) > 0.8
True
>>> f = extract(layout, ExtractOptions())
>>> f["account_number"].value, f["survey_numbers"].value, f["total_area"].value
('456', ['123/2', '45'], '1.80.00')
>>> [h["name_latin"] for h in f["holders"].value]
['RAMESH SURESH PATIL', 'SUNITA RAMESH PATIL']
"""

from __future__ import annotations

import re

from kagaz.doctypes.base import ExtractOptions, confidence, make_field
from kagaz.doctypes.fields import IDENTIFIER, LIST, NAME, TABLE, TEXT, declare
from kagaz.doctypes.land_records import (
    AREA, DEVA_WORD, clean_area, digit_script, holders_field, joined_rows, marathi_rows, mend_survey, page_digits,
    place_name, section, text_field, value_after,
)
from kagaz.model import Field, TextLine
from kagaz.text.layout import Layout

__all__ = ["CODE", "FIELDS", "GENERATOR", "GROUP", "ORDER", "extract", "score", "validate"]

CODE = "NAMUNA_8"
GROUP = "business"
ORDER = 410
GENERATOR = "kagaz.synth.namuna_8"
FIELDS = declare(
    district=NAME, taluka=NAME, village=NAME, account_number=IDENTIFIER, holders=TABLE,
    survey_numbers=LIST, total_area=TEXT,
)

# "नमुना ८-अ"; OCR may read the hyphen as a half letter ("८न्‍अ")
_TITLE = re.compile(r"नमुना\s*(?:आठ|८|8)\s*(?:[-–]|[\u0915-\u0939]्[\u200c\u200d]?)?\s*(?:अ|A)(?![\u0900-\u097F])")
_REGISTER = re.compile(r"धारण\s*जमि\S*\s*नों\S*")  # "धारण जमिनींची नोंदवही", matras often lost
_ACCOUNT = re.compile(r"खाते\s*(?:क्र[^\s:：]*|नं\.?)\s*[:：\-]*\s*")
# "खातेदाराचे नाव" (older forms spell it "नांव"; OCR may read its च as य), or a bare "खातेदार :"
_HOLDERS = re.compile(r"खातेदारा[चय]े\s*ना[ंँ]?व\s*[:：\-]*|खातेदार\s*[:：]")
_HOLDERS_END = re.compile(r"भ[ूु]मापन|स\.\s*नं|सर्व्हे|गट\s*(?:क्र|नं)|क्षेत्र|एक[ूृु]ण|\d")
# A holding's row: its survey number, then its area; OCR may garble the area ("1५८०317" for
# "1.58.03") but still gives a figure of digits and dots where it stood. A cell's rule read as a
# mark after the number ("340/5 ; 2.46.81") is not part of the row.
_SURVEY_CELL = r"(?:स\.\s*न(?:[ंँ]\.?|\.)|सर्व्हे\s*नं\.?|गट\s*नं\.?)?\s*(\d{1,5}(?:\s?/\s?(?:\d{1,3}|[अ-ह]))*)"
_LAND = re.compile(r"^\s*" + _SURVEY_CELL + r"\.?(?:\s+[;:|])?\s+"
                   r"(?:क्षेत्र\s*)?(?:" + AREA + r"|\d[\d.,]{3,}(?=\s|$))")
# The table's first column, "भूमापन क्रमांक व उपविभाग" (OCR may shorten the ू or add a virama:
# "भुमापन", "क्र्मांक"), or "गट क्रमांक" / "सर्व्हे नंबर" where the village counts by gat or survey
# number; a cell under it that holds a survey number alone is a holding whose area OCR did not read.
_SURVEY_HEAD = re.compile(r"भ[ूु]मापन\s*क्र|गट\s*(?:क्र|नं)|सर्व्हे\s*(?:नं|क्र)")
_LONE_SURVEY = re.compile(r"[\s.,'‘’“”_|-]*" + _SURVEY_CELL + r"[\s.,'‘’“”_|-]*")
# "एकूण" (total); OCR may read its ू as ृ or ु ("एकृण")
_TOTAL = re.compile(r"एक[ूृु]ण\s*(?:क्षेत्र)?\s*[:：\-]?\s*")
_NAME = re.compile(r"((?:" + DEVA_WORD + r"\s?){2,4})")
_OTHER_FORM = re.compile(r"नमुना\s*(?:सात|७|7)(?![\u0900-\u097F])|(?:७|7)\s*/\s*(?:१२|12)|सूची\s*क्र|"
                         r"भोगवटादाराचे\s*नाव")


def score(layout: Layout) -> float | None:
    if not layout.lines:
        return None
    text = layout.text
    title, register = bool(_TITLE.search(text)), bool(_REGISTER.search(text))
    account = bool(_ACCOUNT.search(text))
    # the form's name and its register's name together say what it is even when OCR lost the
    # account's label ("ward क्रमांक" for "खाते क्रमांक" on a low-resolution capture)
    if not (title or register) or not (account or (title and register)):
        return None
    s = 0.5 + 0.2 * title + 0.15 * register + 0.05 * bool(_HOLDERS.search(text))
    s += 0.07 * bool(re.search(r"आकारणी", text))
    if _OTHER_FORM.search(text):
        s -= 0.5
    return round(max(0.0, min(0.97, s)), 4) or None


def _holders(rows: list[tuple[str, TextLine]]) -> Field | None:
    """The account's holders, one name a row (an 8A prints no share beside a name)."""
    found: list[tuple[str, str, TextLine]] = []
    for text, line in section(rows, _HOLDERS, _HOLDERS_END):
        for part in re.split(r"[,;]", text):
            m = _NAME.fullmatch(part.strip())
            if m:
                found.append((" ".join(m.group(1).split()), "", line))
    return holders_field(found)


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    rows = marathi_rows(layout)
    out: dict[str, Field | None] = {
        kind: text_field(place_name(rows, kind)) for kind in ("district", "taluka", "village")}
    out["account_number"] = text_field(value_after(rows, _ACCOUNT, re.compile(r"(\d{1,7})")))
    out["holders"] = _holders(rows)
    # a table's cells may come as separate lines: join each visual row first
    lands = [(mend_survey(re.sub(r"\s", "", m.group(1))), line) for text, line in joined_rows(rows)
             if (m := _LAND.search(text))]
    lands += _column_only(rows, [line for _, line in lands])
    if lands:
        lands.sort(key=lambda item: (item[1].page, item[1].cy))
        numbers = list(dict.fromkeys(n for n, _ in lands))
        out["survey_numbers"] = make_field(numbers, min(confidence(ln.score) for _, ln in lands), lands[0][1])
    total = value_after(rows, _TOTAL, re.compile(r"(" + AREA + r")"))
    out["total_area"] = make_field(clean_area(total[0]), confidence(total[1].score), total[1]) if total else None
    return {k: v for k, v in out.items() if v is not None}


def _column_only(rows: list[tuple[str, TextLine]], taken: list[TextLine]) -> list[tuple[str, TextLine]]:
    """Survey numbers standing alone in the table's first column, between its heading and the
    total, on visual rows the area-led reading did not take (``taken``: the lines it took). A cell
    read twice gives the reading in the page's digit script (see :func:`joined_rows`)."""
    # the heading itself, not a row that names its number ("गट नं. 45 क्षेत्र …")
    head = next((line for text, line in rows if _SURVEY_HEAD.search(text) and not re.search(r"\d", text)), None)
    if head is None:
        return []
    end = next((line.cy for text, line in rows if line.page == head.page and line.cy > head.cy
                and _TOTAL.match(text.strip())), float("inf"))
    script = page_digits([line for _, line in rows])

    def same_row(a: TextLine, b: TextLine) -> bool:
        return abs(a.cy - b.cy) < 0.5 * max(a.height, b.height)

    out: list[tuple[str, TextLine]] = []
    for text, line in rows:
        if line.page != head.page or not head.cy < line.cy < end or any(same_row(line, t) for t in taken):
            continue
        if not head.x0 - head.height <= (line.x0 + line.x1) / 2 <= head.x1:
            continue  # another column
        m = _LONE_SURVEY.fullmatch(text)
        if not m:
            continue
        found = (mend_survey(re.sub(r"\s", "", m.group(1))), line)
        twin = next((k for k, (_, other) in enumerate(out) if same_row(line, other)), None)
        if twin is None:
            out.append(found)
        elif script and digit_script(line.text) == script != digit_script(out[twin][1].text):
            out[twin] = found
    return out


def validate(fields: dict[str, Field]) -> list[str]:
    """Nothing to cross-check yet: the survey numbers' areas are not returned one by one."""
    return []
