"""Survey numbers and dates of land records re-read from their lines and settled by the documents' rules.

The region reader is replaced by one that returns fixed readings, so each test states what
several passes read and checks what the rules keep."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

from kagaz.doctypes import land_reread, namuna_8
from kagaz.doctypes.base import ExtractOptions, make_field
from kagaz.doctypes.land_reread import plausible_date, settle_date, settle_dates, settle_survey
from kagaz.model import Document, Page, TextLine


class FixedReader:
    """Reads every region as the readings given for the line's text."""

    def __init__(self, readings: dict[str, list[str]]) -> None:
        self.readings = readings
        self.asked: list[tuple[float, float, float, float]] = []

    def read(self, image, box, *, numbers_only=False):  # type: ignore[no-untyped-def]
        self.asked.append(box)
        return self.readings.get(self.by_box[box], [])


def document(texts: list[str], readings: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch,
             *, text_layer: bool = False) -> tuple[Document, FixedReader]:
    lines = [TextLine(t, 0.9, (10.0, 40.0 * i + 10, 600.0, 40.0 * i + 40), 0, "ocr") for i, t in enumerate(texts)]
    page = Page(0, 700, 40 * len(texts) + 50, Image.new("L", (700, 40 * len(texts) + 50), 255), lines,
                has_text_layer=text_layer)
    reader = FixedReader(readings)
    reader.by_box = {ln.box: ln.text for ln in lines}  # type: ignore[attr-defined]
    monkeypatch.setattr(land_reread, "region_reader", lambda: reader)
    return Document(data=b"", pages=[page]), reader


def field_of(doc: Document, text: str, value: str, conf: float = 0.9):  # type: ignore[no-untyped-def]
    line = next(ln for ln in doc.lines if ln.text == text)
    return make_field(value, conf, line)


SURVEY = "भूमापन क्रमांक व उपविभाग : ३६१ Is भू-धारणा पद्धती : भोगवटादार वर्ग -१"


def test_a_survey_number_most_passes_read_replaces_the_page_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    good = "भूमापन क्रमांक व उपविभाग : ३६१/५ भू-धारणा पद्धती"
    doc, _ = document([SURVEY], {SURVEY: [good, good, good, "भूमापन क्रमांक : ३६१"]}, monkeypatch)
    doc.fields["survey_number"] = field_of(doc, SURVEY, "361")
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "361/5"
    assert doc.fields["survey_number"].confidence_score < 0.9  # 3 of 5 readings agreed


def test_readings_that_disagree_keep_the_first_with_a_lower_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "भूमापन क्रमांक : ७९/६"
    doc, _ = document([line], {line: ["भूमापन क्रमांक : ७९/९", "भूमापन क्रमांक : ७९/३"]}, monkeypatch)
    doc.fields["survey_number"] = field_of(doc, line, "79/6", 0.95)
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "79/6"
    assert doc.fields["survey_number"].confidence_score <= 0.5


def test_the_same_number_printed_elsewhere_decides_a_tie(monkeypatch: pytest.MonkeyPatch) -> None:
    line, body = "भूमापन क्रमांक : ७९/६", "सदर जमीन स.नं. ७९/९ मधील आहे"
    doc, _ = document([line, body], {line: ["भूमापन क्रमांक : ७९/९"]}, monkeypatch)
    doc.fields["survey_number"] = field_of(doc, line, "79/6")
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "79/9"


def test_a_missing_survey_number_is_found_behind_a_garbled_label(monkeypatch: pytest.MonkeyPatch) -> None:
    garbled, neighbour = "गर क्रमांक :- 887 भू-धारणा पद्धती", "दक्षिणेस : स.नं. ५७"
    read = "गट क्रमांक :- 887 भू-धारणा पद्धती"
    doc, reader = document([garbled, neighbour], {garbled: [read, read, "गर क्रमांक :- 887"],
                                                  neighbour: ["दक्षिणेस : स.नं. ५७"] * 3}, monkeypatch)
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "887"
    # a line whose page reading already gave a number (a neighbour's, left by the type) is not re-read
    assert doc.lines[1].box not in reader.asked


def test_no_survey_number_is_made_up_when_the_passes_do_not_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    garbled = "गर क्रमांक :- 887"
    doc, _ = document([garbled], {garbled: ["गट क्रमांक :- 887", "गट क्रमांक :- 881", "गर"]}, monkeypatch)
    settle_survey(doc)
    assert "survey_number" not in doc.fields


def test_a_born_digital_page_is_left_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "भूमापन क्रमांक : ७९/६"
    doc, reader = document([line], {line: ["भूमापन क्रमांक : ७९/९"] * 4}, monkeypatch, text_layer=True)
    doc.fields["survey_number"] = field_of(doc, line, "79/6")
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "79/6" and not reader.asked


def test_a_date_in_the_distant_past_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "(10)दस्त नोंदणी केल्याचा दिनांक : २४/०१/१०१३"
    good = "(10) दस्त नोंदणी केल्याचा दिनांक : २४/०१/२०१३"
    doc, _ = document([line], {line: [good, good, line]}, monkeypatch)
    doc.fields["registration_date"] = field_of(doc, line, "24/01/1013")
    settle_date(doc, "registration_date")
    assert doc.fields["registration_date"].value == "24/01/2013"


def test_a_date_that_breaks_a_rule_with_nothing_better_read_stays_doubtful(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "नोंदणी दिनांक : २४/०१/१०१३"
    doc, _ = document([line], {line: [line, "नोंदणी दिनांक : २४/०१/"]}, monkeypatch)
    doc.fields["registration_date"] = field_of(doc, line, "24/01/1013")
    settle_date(doc, "registration_date")
    assert doc.fields["registration_date"].value == "24/01/1013"
    assert doc.fields["registration_date"].confidence_score <= 0.3


def test_a_registration_is_not_before_its_execution(monkeypatch: pytest.MonkeyPatch) -> None:
    executed, registered = "आज दिनांक 16/08/2023 रोजी", "नोंदणी दिनांक : 11/08/2023"
    doc, _ = document([executed, registered],
                      {executed: [executed] * 4,
                       registered: ["नोंदणी दिनांक : 17/08/2023", "नोंदणी दिनांक : 17/08/2023", registered]},
                      monkeypatch)
    doc.fields["execution_date"] = field_of(doc, executed, "16/08/2023")
    doc.fields["registration_date"] = field_of(doc, registered, "11/08/2023")
    settle_dates(doc)
    assert doc.fields["execution_date"].value == "16/08/2023"
    assert doc.fields["registration_date"].value == "17/08/2023"


def test_a_line_with_two_dates_keeps_each_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "दिनांक 16/08/2023 नोंदणी दिनांक 18/08/2023"
    lost = "दिनांक 16/08/2023 नोंदणी दिनांक 18/08/"  # a reading that lost one date cannot say which
    doc, _ = document([line], {line: [lost, lost, lost, "दिनांक 16/08/2023 नोंदणी दिनांक 19/08/2023"]}, monkeypatch)
    doc.fields["registration_date"] = field_of(doc, line, "18/08/2023")
    settle_date(doc, "registration_date")
    assert doc.fields["registration_date"].value == "18/08/2023"


def test_plausible_dates() -> None:
    today = dt.date(2026, 6, 1)
    assert plausible_date("29/02/2024", today=today) == "29/02/2024"
    assert plausible_date("29/02/2023", today=today) is None
    assert plausible_date("02/06/2026", today=today) is None  # tomorrow
    assert plausible_date("31/12/1899", today=today) is None


def test_8a_row_with_a_rule_read_as_a_mark_after_the_survey_number() -> None:
    from kagaz.ocr.fake import lines_from_text
    from kagaz.text.layout import Layout

    text = "गाव नमुना आठ-अ\nखाते क्रमांक : 1824\nभूमापन क्रमांक व उपविभाग क्षेत्र\n231 0.26.63 6.04\n340/5 ; 2.46.81 6.43"
    lay = Layout(TextLine(l.text, l.score, l.bbox) for l in lines_from_text(text))
    assert namuna_8.extract(lay, ExtractOptions())["survey_numbers"].value == ["231", "340/5"]


def test_passes_never_put_another_digit_in_place_of_one_read_nor_drop_a_part(monkeypatch: pytest.MonkeyPatch) -> None:
    line, cut = "सर्व्हे नंबर : ४८/१", "सर्व्हे नंबर : ३७४/९"
    doc, _ = document([line, cut], {line: ["सर्व्हे नंबर : ४८/९"] * 5, cut: ["सर्व्हे नंबर : ३७४"] * 5}, monkeypatch)
    doc.fields["survey_number"] = field_of(doc, line, "48/1")
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "48/1"
    assert doc.fields["survey_number"].confidence_score <= 0.5  # flagged for a reviewer
    doc.fields["survey_number"] = field_of(doc, cut, "374/9")
    settle_survey(doc)
    assert doc.fields["survey_number"].value == "374/9"
