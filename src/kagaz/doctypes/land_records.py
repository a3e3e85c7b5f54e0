"""What Maharashtra's land records share: Marathi labels, places, survey numbers, areas, holders.

The Record of Rights (Maharashtra Land Revenue Code 1966, sections 148-150; the Maharashtra Land
Revenue Record of Rights and Registers (Preparation and Maintenance) Rules 1971) prescribes
village forms that every talathi keeps in the same shape: form VII-XII (the 7/12 extract) and
form VIII-A (the holding register). Each names its village, taluka and district ("गाव",
"तालुका", "जिल्हा"; abbreviated "मौजे", "ता.", "जि."), identifies land by survey or gat number
with its sub-division ("भूमापन क्रमांक व उपविभाग", "सर्व्हे नंबर / हिस्सा नंबर", "गट क्रमांक")
and measures it in hectare-are ("हे.आर", with square metres in computerised extracts:
"1.20.00" is one hectare, twenty are). Numbers come in Devanagari or ASCII digits; values are
returned with ASCII digits (:func:`kagaz.text.devanagari.ascii_digits`), words as printed.

>>> from kagaz.ocr.fake import lines_from_text
>>> lines = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "गाव : मुरगूड तालुका : कागल जिल्हा : कोल्हापूर\\nभूमापन क्रमांक व उपविभाग : २५४/८")]
>>> rows = marathi_rows(Layout(lines))
>>> [place_name(rows, k)[0] for k in ("village", "taluka", "district")]
['मुरगूड', 'कागल', 'कोल्हापूर']
>>> survey_number(rows)[0]
'254/8'
>>> holder_matches("क्षेत्र एकक : हे.आर राजेंद्र मारुती शिंदे 1.25.75 (465) 888")
[('राजेंद्र मारुती शिंदे', '1.25.75', '465')]
>>> holder_matches("सुनिल रामचंद्र पाटील 0.40.50 2.15 0.00.00 (1234)")
[('सुनिल रामचंद्र पाटील', '0.40.50', '1234')]
>>> garbled = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text(
...     "गाव :- मुरगूड (५७५४०९) तातुका <> कागल जिल्ह्य :- कोल्हापूर")]
>>> [place_name(marathi_rows(Layout(garbled)), k)[0] for k in ("village", "taluka", "district")]
['मुरगूड', 'कागल', 'कोल्हापूर']
>>> specks = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text("गाव : हुपरी “तांलुका : हातकणंगले")]
>>> [place_name(marathi_rows(Layout(specks)), k)[0] for k in ("village", "taluka")]
['हुपरी', 'हातकणंगले']
>>> stray = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text("तालुका : हातकणंगले न")]
>>> place_name(marathi_rows(Layout(stray)), "taluka")[0]
'हातकणंगले'
>>> under = [TextLine(l.text, l.score, l.bbox) for l in lines_from_text("तालुका :\\nहवेली")]
>>> place_name(marathi_rows(Layout(under)), "taluka")[0]
'हवेली'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kagaz.doctypes.base import confidence, make_field
from kagaz.matching.translit import to_latin
from kagaz.model import Field, TextLine
from kagaz.text.devanagari import mend_letters, mend_name, mend_numbers
from kagaz.text.layout import Layout

__all__ = ["AREA", "DEVA_WORD", "Row", "area_unit", "digit_script", "holder_matches", "holders_field",
           "joined_rows", "marathi_rows", "mend_survey", "page_digits", "place_name", "section", "survey_number",
           "text_field", "value_after"]

Row = tuple[str, TextLine]  # a line's text with ASCII digits, and the line
# a table's vertical rule read as a bar ("| बाळासाहेब नामदेव सावंत | १.४५") or as a danda standing
# alone ("। पार्वती सचिन माने"), not text
_TABLE_BAR = re.compile(r"\s*(?:[|¦]|(?:(?<=\s)|^)।(?=\s|$))\s*")
DEVA_WORD = r"[\u0900-\u0963\u0971-\u097F]+"  # Devanagari letters and signs, no digits or dandas
# hectare-are(-square metre): "1.20" or "1.20.00"; OCR may read a dot as a comma or a colon
AREA = r"\d{1,3}\s?[.,:]\s?\d{2}(?:\s?[.,:]\s?\d{2})?"
_UNIT = re.compile(r"हे\s*\.?\s*आर(?:\s*\.?\s*चौ\s*\.?\s*मी)?\.?")
_PLACE_LABELS = {
    # "गाव" needs its colon: "गाव नमुना सात" is the form's name, not a village
    # "गांव" in older typed forms; "मोजे" is how OCR often reads "मौजे"
    "village": r"(?:गा[ंँ]?व\s*\.?\s*[:：\-–]|म[ौो]जे|मौजा|गा[ंँ]?वाचे\s*ना[ंँ]?व)",
    # OCR may add an anusvara to a label's vowel signs ("तालुकां", "तांलुका", "जिं."), read its ल
    # as त ("तातुका") or drop the ा of "जिल्हा" ("जिल्ह्य")
    "taluka": r"(?:ता[ंँ]?[लत]ु[ंँ]?का[ंँ]?|ता[ंँ]?\.)",
    "district": r"(?:जि[ंँ]?ल्ह(?:ा[ंँ]?|्?य)|जि[ंँ]?\.)",
}
# Between a label and its value: a colon, a dash, or the specks OCR reads for them ("<>", "«")
_LABEL_GAP = r"[\s:：\-–—<>«»=~;'\"]*"
# A place's name: one to three words, each opening with a letter (a lone sign is a label's
# stray mark), none ending with a virama (Tesseract's "अडावद्" for "अडावद" is put right before)
_PLACE_WORDS = r"(?:[\u0905-\u0939\u0958-\u0961\u0972-\u097F]" + DEVA_WORD[:-1] + r"*\s?){1,3}"
_FINAL_VIRAMA = re.compile(r"्(?=\s|$|[,.;:)])")
_ZERO_WIDTH = re.compile("[\u200c\u200d]")
# Where a place name stops: the next label, punctuation (quote marks OCR reads for specks), digits.
# ("ताल...", "जिल्..." also: the next label as OCR garbles it, "तालुळा")
_PLACE_STOP = re.compile(r"\s*(?:[,;:|()\[\]\d“”\x22'«»<>]|\s(?:ता[ंँ]?[लत][ुू]\S*|ता[ंँ]?\.|जि[ंँ]?ल्\S*|जि[ंँ]?\.|गाव|मौजे|भूमापन|गट|खाते|सर्व्हे|"
                         r"पिन|भू-धारणा|येथील|येथे|हद्दीतील|गावातील)(?![\u0900-\u097F]))")
# "भूमापन क्रमांक व उपविभाग", "भूमापन क्र.", "सर्व्हे नंबर / हिस्सा नंबर", "स.नं.", "गट क्रमांक"; OCR
# often garbles "सर्व्हे" ("सर्व्ह", "सकें") but reads "नंबर" after it, reads "गट" as "गर", drops the
# anusvara of "स.नं." ("स.न.") and garbles the word after "भूमापन" ("ळपांक")
_SURVEY_LABEL = re.compile(r"(?:भूमापन\s*(?:क्रमांक|क्र\.?|[\u0900-\u097F]{2,6})(?:\s*व\s*उपविभाग)?|सर्व्हे?\s*(?:नंबर|नं\.?|क्रमांक)"
                           r"(?:\s*/\s*हिस्सा\s*(?:नंबर|नं\.?))?|स[\u0900-\u097F]{1,5}\s*नंबर(?:\s*/\s*हिस्सा\s*नंबर)?|"
                           r"स\.\s*न(?:[ंँ]\.?|\.)|ग[टर]\s*(?:क्रमांक|क्र\.|नंबर|नं\.?))\s*[:：\-–]*\s*")
_DEVA_DIGIT = re.compile(r"[०-९]")
_ASCII_DIGIT = re.compile(r"[0-9]")
_SURVEY = re.compile(r"(\d{1,5}(?:\s?/\s?(?:\d{1,3}|[अ-ह]))*)")
# Words that label a column or a row of the area block, never part of a holder's name.
_NOT_NAME = frozenset("क्षेत्र एकूण जिरायत बागायत पोटखराब आकारणी एकक खाते क्रमांक नाव भोगवटादाराचे "
                      "भोगवटादार वर्ग इतर अधिकार फेरफार हिस्सा गट नंबर भूमापन भुमापन उपविभाग एकुण "
                      "शेरा".split())
# name, share, then the mutation entry: in brackets, after up to three other figures of the row
# (the Mahabhumi extract prints the assessment and the pot-kharab between), or bare
_HOLDER = re.compile(r"(?:(?<=\s)|^)((?:" + DEVA_WORD + r"\s+){1,4}?)(?:क्षेत्र\s*[:\-]?\s*)?(" + AREA +
                     r")(?:[.,]?\s*(?:हे\.?\s*आर[.\w]*)?\s*(?:(?:[\d.,\-]+\s+){0,3}\(\s*(\d{1,6})\s*\)|"
                     r"(\d{1,6})(?![\u0900-\u097F\d])))?")


# A holder's line whose share OCR garbled: the name, a figure with digits, the entry in brackets.
# The entry may stand bare in its own column ("पार्वती सचिन माने 1.5 978").
_GARBLED = re.compile(r"((?:" + DEVA_WORD + r"\s+){2,4}?)(?:क्षेत्र\s*[:\-]?\s*)?\S{0,3}\d\S*"
                      r"(?:\s*\(\s*(\d{1,6})\s*\)|\s+(\d{1,6}))?\s*$")


def marathi_rows(layout: Layout) -> list[Row]:
    """Every line, its digits made ASCII and its numbers' slashes mended
    (:func:`kagaz.text.devanagari.mend_numbers`), a ``ळ`` read as a conjunct put right
    (:func:`~kagaz.text.devanagari.mend_letters`), a ruled table's bars dropped, zero-width joiners
    and a word-final virama (Tesseract adds one: "अडावद्‌") removed, in reading order."""
    return [(_FINAL_VIRAMA.sub("", _TABLE_BAR.sub(" ", mend_letters(mend_numbers(_ZERO_WIDTH.sub("", line.text))))),
             line) for line in layout.lines]


def value_after(rows: Sequence[Row], label: re.Pattern[str], value: re.Pattern[str]
                ) -> tuple[str, TextLine] | None:
    """The first ``value`` after ``label`` on its line, or at the start of the next line."""
    for i, (text, line) in enumerate(rows):
        m = label.search(text)
        if not m:
            continue
        v = value.match(text, m.end()) or value.search(text, m.end())
        if v and v.group(1).strip():
            return v.group(1).strip(), line
        if i + 1 < len(rows):
            v = value.match(rows[i + 1][0].strip())
            if v and v.group(1).strip():
                return v.group(1).strip(), rows[i + 1][1]
    return None


def place_name(rows: Sequence[Row], kind: str) -> tuple[str, TextLine] | None:
    """The village, taluka or district after its label ("गाव : वाघोली", "ता. हवेली")."""
    label = _PLACE_LABELS[kind]
    # not inside a word (a quote mark OCR put before the label is no letter)
    rx = re.compile(r"(?<![\u0900-\u097F])" + label + _LABEL_GAP)
    for i, (text, line) in enumerate(rows):
        for m in rx.finditer(text):
            rest = text[m.end():]
            if not rest.strip(" .:-") and i + 1 < len(rows):
                # the label alone on its line (a form's cell): the value is the line under it
                text, line, rest = rows[i + 1][0], rows[i + 1][1], rows[i + 1][0]
            cut = _PLACE_STOP.search(rest)
            words = (rest[: cut.start()] if cut else rest).split()[:3]
            while len(words) > 1 and len(words[-1].strip(" .-")) <= 1:
                words.pop()  # a lone letter after the name is a mark OCR read ("हातकणंगले न")
            name = " ".join(words).strip(" .-")
            if name and re.fullmatch(_PLACE_WORDS, name):
                return name, line
    return None


def survey_number(rows: Sequence[Row]) -> tuple[str, TextLine] | None:
    """The survey (or gat) number with its sub-division, spaces dropped: "123/2"."""
    hit = value_after(rows, _SURVEY_LABEL, _SURVEY)
    return (mend_survey(re.sub(r"\s", "", hit[0])), hit[1]) if hit else None


def mend_survey(number: str) -> str:
    """A survey number whose sub-division's slash OCR read as a "1" put right.

    A village's survey or gat numbers run to a few thousand at most, so five digits or more
    with no slash are a number, a slash read as "1" and a sub-division of one or two digits.

    >>> mend_survey("63515"), mend_survey("33712"), mend_survey("2415"), mend_survey("123/2")
    ('635/5', '337/2', '2415', '123/2')
    """
    if "/" in number or not re.fullmatch(r"\d{5,7}", number):
        return number
    m = re.fullmatch(r"(\d{1,4})1(\d{1,2})", number)
    return f"{m.group(1)}/{m.group(2)}" if m else number


def area_unit(text: str) -> str | None:
    """The hectare-are unit as printed, spaces dropped ("हे.आर.चौ.मी")."""
    m = _UNIT.search(text)
    return re.sub(r"\s", "", m.group(0)) if m else None


def clean_area(text: str) -> str:
    """An area with OCR's stray spaces and its dots read as commas or colons put right:
    "1 ,20" -> "1.20", "2:31.35" -> "2.31.35"."""
    return re.sub(r"\s", "", text).replace(",", ".").replace(":", ".")


def _name_words(words: list[str]) -> str | None:
    while words and words[0] in _NOT_NAME:
        words.pop(0)
    if len(words) < 2 or any(w in _NOT_NAME for w in words):
        return None
    return " ".join(words)


def holder_matches(text: str) -> list[tuple[str, str, str]]:
    """(name, area, mutation entry or "") for each holder's share on a line; a line that opens
    with a name and a figure OCR garbled (">.25.07") still gives the name, with no area.

    >>> holder_matches("मंगल अशोक जाधव क्षेत्र >.25.07 (2128)")
    [('मंगल अशोक जाधव', '', '2128')]
    >>> holder_matches("पार्वती सचिन माने 1.5 978")
    [('पार्वती सचिन माने', '', '978')]
    """
    out = []
    for m in _HOLDER.finditer(text):
        name = _name_words(m.group(1).split())
        if name:
            out.append((name, clean_area(m.group(2)), m.group(3) or m.group(4) or ""))
    if not out and (m := _GARBLED.match(text.strip())):
        name = _name_words(m.group(1).split())
        if name:
            out.append((name, "", m.group(2) or m.group(3) or ""))
    return out


def section(rows: Sequence[Row], start: re.Pattern[str], stop: re.Pattern[str]) -> list[Row]:
    """The rows after the first row matching ``start`` (that row's text after the match
    included) up to the first row matching ``stop``."""
    out: list[Row] = []
    inside = False
    for text, line in rows:
        if not inside:
            m = start.search(text)
            if m:
                inside = True
                rest = text[m.end():].strip(" :-")
                if rest:
                    out.append((rest, line))
            continue
        if stop.search(text):
            break
        out.append((text, line))
    return out


def joined_rows(rows: list[tuple[str, TextLine]]) -> list[tuple[str, TextLine]]:
    """Lines on one visual row (a label and, in its own column, its value; a table's cells) joined
    left to right. A value may sit most of a line height above or below its words on a page
    skewed by a degree or two; rows of a form are two line heights apart, so that does not merge two."""
    groups: list[list[tuple[str, TextLine]]] = []
    for text, line in rows:
        if groups:
            prev = groups[-1][0][1]
            # a box far taller than its neighbour is a block read wrong, not a cell of this row
            tall = max(prev.height, line.height) > 2.5 * max(1.0, min(prev.height, line.height))
            if prev.page == line.page and not tall and \
                    abs(prev.cy - line.cy) <= max(1.0, max(prev.height, line.height) * 0.8):
                groups[-1].append((text, line))
                continue
        groups.append([(text, line)])
    script = page_digits([line for _, line in rows])
    out = []
    for group in groups:
        group.sort(key=lambda item: item[1].x0)
        cells = _one_reading_per_cell(group, script)
        out.append((" ".join(text for text, _ in cells), cells[0][1]))
    return out


def digit_script(text: str) -> str | None:
    """"deva" or "ascii": the script of most of the digits ``text`` prints; None without digits.

    >>> digit_script("१८३/४"), digit_script("स.नं. 36/4"), digit_script("एकूण")
    ('deva', 'ascii', None)
    """
    deva = len(_DEVA_DIGIT.findall(text))
    ascii_ = len(_ASCII_DIGIT.findall(text))
    if deva == ascii_:
        return None
    return "deva" if deva > ascii_ else "ascii"


def page_digits(lines: Sequence[TextLine]) -> str | None:
    """The script a form prints its figures in, by the digits of all its lines as read: a talathi's
    extract uses one script throughout, so a cell read in the other is most likely misread."""
    return digit_script("".join(line.text for line in lines))


def _one_reading_per_cell(cells: list[Row], script: str | None = None) -> list[Row]:
    """A row's cells, left to right, with a cell read twice kept once: the page reader and the
    line reader may both read one cell, their boxes a few pixels apart. Of two readings with figures
    in different scripts, the one in the page's script wins ("| ३०." over "20" on a page of
    Devanagari figures); otherwise the surer one."""
    kept: list[Row] = []
    for text, line in cells:
        if kept:
            prev = kept[-1][1]
            shared = min(prev.x1, line.x1) - max(prev.x0, line.x0)
            widths = sorted((max(1.0, prev.x1 - prev.x0), max(1.0, line.x1 - line.x0)))
            # one cell's two readings are of a size; a label over a whole row's line is not one
            if shared > 0.5 * widths[0] and widths[1] <= 3 * widths[0]:
                mine, theirs = digit_script(line.text), digit_script(prev.text)
                if script and mine and theirs and mine != theirs:
                    better = mine == script
                else:
                    better = line.score > prev.score
                if better:
                    kept[-1] = (text, line)
                continue
        kept.append((text, line))
    return kept


def holders_field(found: Sequence[tuple[str, str, TextLine]]) -> Field | None:
    """The ``holders`` list field: ``{name, name_latin, area}`` rows, one per holder, each name
    with OCR's slips that no name writes put right (:func:`~kagaz.text.devanagari.mend_name`)."""
    if not found:
        return None
    rows = []
    for name, area, _ in found:
        name = mend_name(name)
        rows.append({"name": name, "name_latin": to_latin(name)[0], **({"area": area} if area else {})})
    conf = min(confidence(line.score, free_text=True) for _, _, line in found)
    fld = make_field(rows, conf, found[0][2])
    fld.rows = [(line.page, line.box) for _, _, line in found]
    return fld


def text_field(hit: tuple[str, TextLine] | None, *, free_text: bool = False) -> Field | None:
    if hit is None:
        return None
    return make_field(hit[0], confidence(hit[1].score, free_text=free_text), hit[1])
