"""A land record's survey numbers and dates read again from their lines, and settled by vote.

The page reader reads a captured Marathi page once; a single misread Devanagari digit then makes
a survey number or a date wrong, and no rule of the text alone can tell. The type modules' finishing
step (run with the page images) hands each such value here: the line that holds it is read again
several ways (:mod:`kagaz.ocr.region_reader`), each reading parsed by the field's own rule (the
label and the number's shape; a valid calendar date, not in the future and not before 1900), and
the readings vote with the page reader's (:mod:`kagaz.text.vote`). The document's own rules
decide a tie: a survey number or a date the page prints elsewhere is confirmed; an Index II's or a
deed's registration is not before its execution. A value whose readings disagree with nothing to
decide keeps the page reader's reading with a lower confidence; nothing is made up. Born-digital
pages (read from their text layer) are left as read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection

from kagaz.doctypes.land_records import SURVEY_LABEL, marathi_rows, mend_survey, survey_number
from kagaz.matching.land import survey_numbers_in
from kagaz.model import Document, Field, TextLine
from kagaz.ocr.region_reader import region_reader
from kagaz.text.dates import parse_date, to_date
from kagaz.text.devanagari import mend_numbers
from kagaz.text.layout import Layout
from kagaz.text.vote import Verdict, vote

__all__ = ["plausible_date", "settle", "settle_date", "settle_dates", "settle_survey", "settle_survey_list"]

Parse = Callable[[str], "str | None"]
_SURVEY = re.compile(r"\d{1,5}(?:/(?:\d{1,3}|[अ-ह]))*")
_DATE = re.compile(r"(?<![\d/])\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{4}(?![\d/])")
_EARLIEST = dt.date(1900, 1, 1)  # no record a lender is handed was registered before this
_UNDECIDED = 0.5  # the highest confidence of a value its readings did not agree on
_BROKEN = 0.3  # ... and of a value that breaks a rule of the document, with nothing better read


def plausible_date(text: str, *, today: dt.date | None = None) -> str | None:
    """``text`` as ``DD/MM/YYYY`` when it is a valid calendar date from 1900 up to today.

    >>> plausible_date("24/01/2013"), plausible_date("24/01/1013"), plausible_date("31/02/2013")
    ('24/01/2013', None, None)
    >>> plausible_date("01/01/2031", today=dt.date(2026, 1, 1)) is None
    True
    """
    d = to_date(text)
    if d is None or not _EARLIEST <= d <= (today or dt.date.today()):
        return None
    return d.strftime("%d/%m/%Y")


def _scanned(doc: Document, page: int | None) -> bool:
    """A page that was read from its image (a born-digital page's text layer is exact)."""
    return page is not None and 0 <= page < len(doc.pages) and doc.pages[page].image is not None \
        and not doc.pages[page].has_text_layer


def _line_of(doc: Document, fld: Field) -> TextLine | None:
    """The line a field was read from, on a scanned page."""
    if not _scanned(doc, fld.page) or fld.bbox is None:
        return None
    return next((ln for ln in doc.pages[fld.page].lines if ln.box == fld.bbox), None)  # type: ignore[index]


def _readings(doc: Document, line: TextLine, parse: Parse) -> list[str | None]:
    reader = region_reader()
    image = doc.pages[line.page].image
    if reader is None or image is None:
        return []
    return [parse(mend_numbers(text)) for text in reader.read(image, line.box)]


def _apply(fld: Field, verdict: Verdict, *, broken: bool = False, confirmed: Collection[str] = ()) -> None:
    """The field's value and confidence as the vote left them. The passes read the line with the
    page reader's own models, so they tend to misread a digit the way it did ("१" and "९"): a
    majority of them adds what the page reader lost (the sub-division of "३६१ Is") and settles a
    value that breaks a rule, but puts another digit in place of one it read only when the
    document prints that value elsewhere, and never drops a part it read (a crop's edge loses a
    character more easily than a pass invents one); otherwise a disagreement only lowers the
    confidence."""
    first = fld.value
    if verdict.value is not None and not broken and verdict.value != first and verdict.value not in confirmed \
            and not (isinstance(first, str) and verdict.value.startswith(first + "/")):
        verdict = Verdict(first, verdict.votes, verdict.total, False)
    if verdict.value is None:
        fld.confidence_score = min(fld.confidence_score, _UNDECIDED)
        return
    if verdict.decided:
        sure = round(min(0.99, 0.5 + 0.49 * verdict.share), 4)
        fld.confidence_score = sure if verdict.value != fld.value else max(min(fld.confidence_score, sure), sure)
    else:
        fld.confidence_score = min(fld.confidence_score, _UNDECIDED)
    fld.value = verdict.value


def settle(doc: Document, fld: Field, parse: Parse, *, confirmed: Collection[str] = (),
           broken: bool = False) -> None:
    """Read the line ``fld`` was read from again and keep the value its readings vote for;
    ``parse`` turns a reading of the line (ASCII digits) into the value, or None. ``broken``:
    the page reader's value breaks a rule of the document (a date in the future, a registration
    before its execution), so it casts no vote, and stays with a low confidence when the
    readings decide nothing."""
    line = _line_of(doc, fld)
    if line is None or not isinstance(fld.value, str):
        return
    first = None if broken else parse(mend_numbers(line.text))
    if not broken and first != fld.value:
        return  # the value was not read from this line alone (a label on the line above)
    readings = _readings(doc, line, parse)
    verdict = vote(readings, first=first, confirmed=confirmed)
    if broken and not verdict.decided:
        fld.confidence_score = min(fld.confidence_score, _BROKEN)
        return
    if readings:
        _apply(fld, verdict, broken=broken, confirmed=confirmed)


def _survey_parser(labelled: bool) -> Parse:
    def parse(text: str) -> str | None:
        if labelled:
            hit = survey_number([(text, _NO_LINE)])
            return hit[0] if hit else None
        m = _SURVEY.match(re.sub(r"\s*/\s*", "/", text.strip(" .:-|")))
        return mend_survey(m.group(0)) if m else None
    return parse


_NO_LINE = TextLine("", 0.0, (0.0, 0.0, 0.0, 0.0))


def _elsewhere_surveys(doc: Document, line: TextLine | None) -> set[str]:
    """The survey numbers the document names on its other lines (a 7/12's mutation entries, a
    deed's body beside its schedule)."""
    texts = [text for text, ln in marathi_rows(Layout(doc.lines)) if ln is not line]
    return set(survey_numbers_in(texts))


def settle_survey(doc: Document, key: str = "survey_number", *, confirm: bool = True) -> None:
    """The survey number re-read and voted on; one the page reader did not find at all is looked
    for on the lines that print a number after a label OCR may have garbled. ``confirm``: the
    document's other survey numbers are the same land's (not on a boundaries certificate, whose
    other numbers are its neighbours')."""
    fld = doc.fields.get(key)
    if fld is None:
        _find_survey(doc, key)
        return
    line = _line_of(doc, fld)
    if line is None:
        return
    labelled = bool(SURVEY_LABEL.search(mend_numbers(line.text)))
    settle(doc, fld, _survey_parser(labelled), confirmed=_elsewhere_surveys(doc, line) if confirm else ())


# a number's label ("गर क्रमांक :-" for "गट क्रमांक :-", "सर्व्ह नंबर :") on a line whose page reading
# gave no survey number: its label or its number was garbled
_NUMBER_LABEL = re.compile(r"(?:क्रमांक|क्र\.|नंबर|नं\.?)\s*[:：\-–]")
_NOT_SURVEY = re.compile(r"खाते|फेरफार|दस्त|मिळकत|घर|प्लॉट|दूरध्वनी|पिन|सदनिका|जावक")
_SEARCHED = 3  # lines re-read at most when looking for a survey number the page reader missed


def _find_survey(doc: Document, key: str) -> None:
    """A survey number the page reader missed, from the first lines that print a number's label
    and gave no survey number as read (a line that gave one was weighed by the type's own rules
    and left: a boundaries certificate's neighbour)."""
    parse = _survey_parser(True)
    lines = [ln for ln in doc.lines if _scanned(doc, ln.page) and _NUMBER_LABEL.search(ln.text)
             and not _NOT_SURVEY.search(ln.text) and parse(mend_numbers(ln.text)) is None]
    for line in lines[:_SEARCHED]:
        verdict = vote(_readings(doc, line, parse))
        if verdict.decided and verdict.value:
            doc.fields[key] = Field(value=verdict.value, confidence_score=round(0.5 + 0.4 * verdict.share, 4),
                                    page=line.page, bbox=line.box)
            return


def _date_parser(index: int, count: int, not_before: dt.date | None) -> Parse:
    """The ``index``-th of the ``count`` dates on a reading of the line (a reading that found
    another number of dates lost or made one, and cannot say which is which), kept when
    plausible and not before ``not_before``."""
    def parse(text: str) -> str | None:
        found = _DATE.findall(text)
        if len(found) != count:
            return None
        value = plausible_date(re.sub(r"\s", "", found[index]))
        if value and not_before and to_date(value) < not_before:  # type: ignore[operator]
            return None
        return value
    return parse


def settle_date(doc: Document, key: str, *, not_before: str | None = None) -> None:
    """A date re-read and voted on; ``not_before``: a date it cannot precede (a registration,
    its execution)."""
    fld = doc.fields.get(key)
    line = _line_of(doc, fld) if fld is not None else None
    if fld is None or line is None or not isinstance(fld.value, str):
        return
    text = mend_numbers(line.text)
    found = [parse_date(re.sub(r"\s", "", d)) for d in _DATE.findall(text)]
    if fld.value not in found:
        return  # not printed as digits on this line (a date in words, on the next line)
    earliest = to_date(not_before) if not_before and plausible_date(not_before) else None
    parse = _date_parser(found.index(fld.value), len(found), earliest)
    others = {d for ln in doc.lines if ln is not line
              for d in map(plausible_date, _DATE.findall(mend_numbers(ln.text))) if d}
    settle(doc, fld, parse, confirmed=others, broken=parse(text) != fld.value)


def settle_dates(doc: Document, *, execution: str | None = None) -> None:
    """A deed's execution date, then its registration date, which cannot precede it (the
    Registration Act 1908, s. 23: a deed is presented for registration after it is executed);
    ``execution``: that date as printed elsewhere when the type returns none."""
    settle_date(doc, "execution_date")
    done = doc.fields.get("execution_date")
    settle_date(doc, "registration_date", not_before=done.value if done is not None else execution)


def settle_survey_list(doc: Document, key: str = "survey_numbers") -> None:
    """Each survey number of a list (an 8A's holdings, one per row) re-read from its row's
    first cell when that cell holds the number alone. (Restricting the passes to digits read a
    low-resolution cell's noise as digits, "2" and "८" for "३०", so the cell is read as text.)"""
    fld = doc.fields.get(key)
    if fld is None or not isinstance(fld.value, list) or not fld.rows or len(fld.rows) != len(fld.value):
        return
    parse = _survey_parser(False)
    values = list(fld.value)
    for i, where in enumerate(fld.rows):
        if where is None:
            continue
        cell = Field(value=values[i], confidence_score=fld.confidence_score, page=where[0], bbox=where[1])
        line = _line_of(doc, cell)
        if line is None or not _cell_only(line.text):
            continue
        settle(doc, cell, parse)
        values[i] = cell.value
        fld.confidence_score = min(fld.confidence_score, cell.confidence_score)
    fld.value = list(dict.fromkeys(values))


def _cell_only(text: str) -> bool:
    """A line that holds a number and nothing else of note (a table's cell)."""
    return not re.search(r"[\u0900-\u0963\u0972-\u097FA-Za-z]{2,}", text)
