"""The page's characters read once give what PDFium's own per-rect calls gave (the load stage
relies on it: a text layer must read the same, only faster)."""

from __future__ import annotations

import random

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from fpdf import FPDF

from kagaz.pipeline.stages import pdf_chars
from kagaz.pipeline.stages.pdf_chars import PageChars, page_rects
from kagaz.synth.generator import statement


def _overlapping() -> bytes:
    """Runs that reach into each other's rects: glyphs kerned over their neighbours, a line
    drawn a hair above another, a word on top of a number, spaces between runs."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    x = 20.0
    for ch in "INV/2023/03":
        pdf.text(x, 30, ch)
        x += pdf.get_string_width(ch) * 0.9
    pdf.text(20, 50, "Balance   1,20,000.00 Cr")
    pdf.text(60, 51.5, "OVERLAP on a second baseline")
    pdf.set_font("Helvetica", size=30)
    pdf.text(20, 80, "BIG")
    pdf.set_font("Helvetica", size=8)
    pdf.text(25, 76, "small inside big")
    pdf.text(20, 100, "trailing space ")
    pdf.text(20, 110, "  leading spaces")
    return bytes(pdf.output())


def _documents() -> list[bytes]:
    return [
        statement(3, "pdf_text", "sbi", pages=2).data,
        statement(4, "pdf_text", "hdfc", pages=1).data,
        _overlapping(),
    ]


@pytest.mark.parametrize("number", range(3))
def test_bounded_text_of_every_run_is_pdfiums(number: int) -> None:
    pdf = pdfium.PdfDocument(_documents()[number])
    runs = 0
    for page in pdf:
        textpage = page.get_textpage()
        chars = PageChars(textpage)
        assert chars.text.replace("\x02", "") == textpage.get_text_range().replace("\ufffe", "")
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            for dx in (0.0, min(0.5, 0.25 * (right - left))):
                want = textpage.get_text_bounded(left + dx, bottom, right - dx, top)
                assert chars.bounded_text(chars.meeting(left + dx, bottom, right - dx, top)) == want
                runs += 1
        # rects that span several runs and lines, as the glyph-row joining asks for
        w, h = page.get_size()
        for top in range(int(h), 0, -37):
            want = textpage.get_text_bounded(0, top - 40, w, top)
            assert chars.bounded_text(chars.meeting(0, top - 40, w, top)) == want
    assert runs > 20


def test_a_rect_over_two_baselines_takes_the_line_break_path() -> None:
    # the checks above mean something only if some rect met characters of two baselines with
    # others between them, where PDFium writes a line break
    page = pdfium.PdfDocument(_overlapping())[0]
    textpage = page.get_textpage()
    chars = PageChars(textpage)
    w, h = page.get_size()
    broken = 0
    for top in range(int(h), 0, -7):
        got = chars.bounded_text(chars.meeting(60, top - 30, w, top))
        assert got == textpage.get_text_bounded(60, top - 30, w, top)
        broken += "\r\n" in got
    assert broken


@pytest.mark.parametrize("number", range(3))
def test_index_at_a_point_is_pdfiums(number: int) -> None:
    rng = random.Random(number)
    pdf = pdfium.PdfDocument(_documents()[number])
    for page in pdf:
        textpage = page.get_textpage()
        chars = PageChars(textpage)
        points = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            points.append((left + 0.1, (bottom + top) / 2, 0.5, (top - bottom) / 2))
        w, h = page.get_size()
        points += [(rng.uniform(0, w), rng.uniform(0, h), rng.choice((0.0, 0.5, 4.0)), rng.choice((0.0, 3.0, 12.0)))
                   for _ in range(300)]
        for x, y, tx, ty in points:
            assert chars.index_at(x, y, tx, ty) == pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x, y, tx, ty)


@pytest.mark.parametrize("number", range(3))
def test_meeting_many_answers_as_meeting_one_rect_at_a_time(number: int) -> None:
    # the load stage asks for a page's rects in one batch, grouped by band; each answer must be
    # the one-rect answer (itself held against PDFium above), rects over several rows included
    rng = random.Random(number)
    pdf = pdfium.PdfDocument(_documents()[number])
    for page in pdf:
        textpage = page.get_textpage()
        chars = PageChars(textpage)
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
        w, h = page.get_size()
        rects += [(x, y, x + rng.uniform(1, 200), y + rng.uniform(0.5, 40))
                  for x, y in ((rng.uniform(0, w), rng.uniform(0, h)) for _ in range(100))]
        rects += [rects[0], (5.0, 5.0, 5.0, 5.0)]  # a repeat, and a rect of no area
        assert chars.meeting_many(rects) == [chars.meeting(*rect) for rect in rects]
        assert any(chars.meeting_many(rects))
    assert PageChars(pdfium.PdfDocument(_documents()[0])[0].get_textpage()).meeting_many([]) == []


def test_meeting_many_in_small_steps_answers_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # a page of many characters is tested in steps of pairs; a step boundary must not change
    # an answer (a step of 1 pair still takes one whole rect)
    pdf = pdfium.PdfDocument(_documents()[0])
    textpage = pdf[0].get_textpage()
    chars = PageChars(textpage)
    rects = page_rects(textpage)
    whole = chars.meeting_many(rects)
    for step in (1, 97, 5000):
        monkeypatch.setattr(pdf_chars, "_PAIRS_PER_STEP", step)
        assert chars.meeting_many(rects) == whole
    assert sum(map(bool, whole)) > 100


def test_page_rects_are_pdfiums() -> None:
    for data in _documents():
        for page in pdfium.PdfDocument(data):
            textpage = page.get_textpage()
            want = [textpage.get_rect(i) for i in range(textpage.count_rects())]
            assert page_rects(textpage).tolist() == [list(r) for r in want] and want


def test_a_page_without_characters_reads_empty() -> None:
    pdf = FPDF()
    pdf.add_page()
    textpage = pdfium.PdfDocument(bytes(pdf.output()))[0].get_textpage()
    chars = PageChars(textpage)
    assert chars.text == "" and chars.boxes.shape == (0, 4)
    assert chars.meeting_many([(0, 0, 100, 100)]) == [[]]
