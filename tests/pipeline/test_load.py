"""The load stage on good and hostile files: every failure is a typed error, never a crash."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from kagaz.errors import CorruptDocument, EmptyDocument, TooLarge, UnsupportedFormat
from kagaz.model import Document
from kagaz.pipeline.stages.load import LoadOptions, LoadStage
from tests.conftest import encode


def load(data: bytes, **opts) -> Document:
    return LoadStage(LoadOptions(**opts))(Document(data=data))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png_header(w: int = 100_000, h: int = 100_000) -> bytes:
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


@pytest.fixture
def small() -> Image.Image:
    return Image.new("RGB", (200, 120), "white")


@pytest.mark.parametrize("fmt,kw", [("PNG", {}), ("JPEG", {"quality": 90}), ("WEBP", {}), ("TIFF", {})])
def test_reads_each_image_format(small, fmt, kw):
    doc = load(encode(small, fmt, **kw))
    assert doc.format in {"png", "jpeg", "webp", "tiff"}
    assert len(doc.pages) == 1 and doc.pages[0].image.size == (200, 120)


def test_reads_every_tiff_page(small):
    buf = io.BytesIO()
    small.save(buf, "TIFF", save_all=True, append_images=[small.copy(), small.copy()])
    assert len(load(buf.getvalue()).pages) == 3


def test_tiff_page_limit(small):
    buf = io.BytesIO()
    small.save(buf, "TIFF", save_all=True, append_images=[small.copy()] * 4)
    with pytest.raises(TooLarge):
        load(buf.getvalue(), max_pages=3)


def test_exif_orientation_is_honoured():
    im = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 CW to display
    doc = load(encode(im, "JPEG", exif=exif))
    assert doc.pages[0].image.size == (100, 300)


def test_large_pages_are_scaled_for_ocr():
    doc = load(encode(Image.new("RGB", (5000, 1000), "white"), "PNG"), max_side=2000)
    assert max(doc.pages[0].image.size) == 2000


@pytest.mark.parametrize(
    "data,error",
    [
        (b"", EmptyDocument),
        (b"hello, this is text", UnsupportedFormat),
        (b"<html><body>not an image</body></html>", UnsupportedFormat),
        (b"%PDF-1.7\nthis is not really a pdf", CorruptDocument),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, CorruptDocument),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, CorruptDocument),
        (b"II*\x00" + b"\x00" * 30, CorruptDocument),
    ],
)
def test_hostile_bytes_raise_typed_errors(data, error):
    with pytest.raises(error):
        load(data)


def test_truncated_jpeg(small):
    data = encode(Image.effect_noise((800, 600), 60).convert("RGB"), "JPEG")
    with pytest.raises(CorruptDocument):
        load(data[: len(data) // 2])


def test_enormous_png_header_is_refused_before_decoding():
    t = time.perf_counter()
    with pytest.raises(TooLarge):
        load(huge_png_header(), max_pixels=40_000_000)
    assert time.perf_counter() - t < 1.0


def test_byte_limit():
    with pytest.raises(TooLarge):
        load(b"\x89PNG" + b"\x00" * 2000, max_bytes=1000)


def _text_pdf(text_lines: list[str], pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("dejavu", size=14)
        for t in text_lines:
            pdf.cell(0, 10, t, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_text_layer_is_used_without_ocr():
    doc = load(_text_pdf(["INCOME TAX DEPARTMENT", "Permanent Account Number", "ABCPK1234F"]))
    page = doc.pages[0]
    assert page.has_text_layer
    texts = [line.text for line in page.lines]
    assert "ABCPK1234F" in texts
    top = {line.text: line.box for line in page.lines}
    assert top["INCOME TAX DEPARTMENT"][1] < top["ABCPK1234F"][1]  # top-left origin
    # pictured on demand (redaction, review), at the size its lines' boxes are in
    assert page.image is None and page.picture().size == (page.width, page.height)
    assert page.image is not None and page.render is None  # drawn once


def test_a_text_layer_page_is_drawn_at_review_size_for_review():
    from kagaz.pipeline.review import JPEG_MAX_SIDE, review_images

    doc = load(_text_pdf(["INCOME TAX DEPARTMENT", "Permanent Account Number", "ABCPK1234F"]))
    (small,) = review_images(doc, None, 10)
    assert max(small.size) == JPEG_MAX_SIDE and doc.pages[0].image is None  # never drawn whole
    assert abs(small.width / small.height - doc.pages[0].width / doc.pages[0].height) < 0.01


def test_scanned_pdf_is_rendered(small):
    buf = io.BytesIO()
    small.save(buf, "PDF", resolution=100)
    page = load(buf.getvalue()).pages[0]
    assert not page.has_text_layer and page.image is not None and page.lines == []


def test_pdf_page_limit():
    with pytest.raises(TooLarge):
        load(_text_pdf(["x" * 30], pages=4), max_pages=3)


def _locked(pdf_bytes: bytes, password: str) -> bytes:
    pikepdf = pytest.importorskip("pikepdf")
    src = pikepdf.open(io.BytesIO(pdf_bytes))
    out = io.BytesIO()
    src.save(out, encryption=pikepdf.Encryption(owner=password + "-owner", user=password, R=6))
    return out.getvalue()


def test_password_protected_pdf():
    from kagaz.errors import PasswordRequired

    data = _locked(_text_pdf(["INCOME TAX DEPARTMENT", "Permanent Account Number", "ABCPK1234F"]), "ABCPK1234F")
    with pytest.raises(PasswordRequired):
        load(data)
    wrong = LoadStage(LoadOptions())
    with pytest.raises(PasswordRequired, match="wrong"):
        wrong(Document(data=data, password="nope"))
    doc = LoadStage(LoadOptions())(Document(data=data, password="ABCPK1234F"))
    assert any(line.text == "ABCPK1234F" for line in doc.pages[0].lines)
    assert doc.metadata["encrypted"] is True


def test_pdf_metadata_is_recorded():
    doc = load(_text_pdf(["hello world, a text layer long enough"]))
    assert doc.metadata["creationdate"].startswith("D:") and doc.metadata["encrypted"] is False


def _printed_picture(header: str, body_lines: int = 0) -> bytes:
    """A page printed from a browser: a header line as text, the document as a picture."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
    for i in range(body_lines):
        pdf.cell(0, 5, f"Line {i} of a born-digital document with its own text layer", new_x="LMARGIN", new_y="NEXT")
    buf = io.BytesIO()
    Image.new("RGB", (800, 500), (240, 240, 240)).save(buf, "PNG")
    pdf.image(buf, x=30, y=120, w=150)
    return bytes(pdf.output())


def test_a_picture_under_a_thin_text_layer_is_read_by_ocr():
    doc = load(_printed_picture("7/8/2021 Gallery chrome://media-app 1/1"))
    assert not doc.pages[0].has_text_layer and doc.pages[0].image is not None and not doc.pages[0].lines


def test_a_text_page_with_a_picture_keeps_its_text_layer():
    doc = load(_printed_picture("Tax Invoice", body_lines=12))
    assert doc.pages[0].has_text_layer and len(doc.pages[0].lines) >= 12


def test_glyphs_drawn_one_by_one_are_read_once():
    # Some invoice software draws every glyph as its own text object, kerned a little tighter
    # than the glyphs' boxes: PDFium's rects of two neighbours then touch, and reading each rect
    # at its exact bounds gave "INV/V/2023".
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=28)
    x = 20.0
    for ch in "INVOICE:INV/2023/03/0008":
        pdf.text(x, 40, ch)
        x += pdf.get_string_width(ch) * 0.97
    doc = load(bytes(pdf.output()))
    assert "".join(line.text for line in doc.pages[0].lines) == "INVOICE:INV/2023/03/0008"


def test_a_format_sniffed_upstream_is_not_sniffed_again(monkeypatch, small):
    import kagaz.pipeline.stages.load as load_stage

    def no_second_sniff(data: bytes) -> str:
        raise AssertionError("sniffed again")

    monkeypatch.setattr(load_stage, "sniff", no_second_sniff)
    doc = LoadStage().run(Document(data=encode(small, "PNG"), format="png"))
    assert doc.format == "png" and len(doc.pages) == 1


def test_an_underscore_on_the_runs_bottom_edge_is_kept():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 10, "Invoice Number BLR_WFLD20151000982590")
    doc = load(bytes(pdf.output()))
    assert [line.text for line in doc.pages[0].lines] == ["Invoice Number BLR_WFLD20151000982590"]


def test_a_row_drawn_glyph_by_glyph_is_one_line_with_its_word_spaces():
    # invoice2data's SammyMaystone fixture draws every glyph as its own text object: PDFium
    # gave one line per letter, and no label found its value.
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for y, row in ((30, "Invoice No: INV-42/7"), (45, "Total Due: $1,127.50")):
        x = 20.0
        for ch in row:
            if ch != " ":
                pdf.text(x, y, ch)
            x += pdf.get_string_width(ch)
        pdf.text(150, y, "7")  # a lone cell on the same row stays apart
    doc = load(bytes(pdf.output()))
    lines = doc.pages[0].lines
    # One line per row (the lone cell apart); its spaces are PDFium's, placed by the glyphs'
    # advances ("1,127.50" keeps its narrow "1"s together), and each word keeps its place.
    assert [ln.text.replace(" ", "") for ln in lines] == ["InvoiceNo:INV-42/7", "7", "TotalDue:$1,127.50", "7"]
    assert "$1,127.50" in lines[2].text and "INV-42/7" in lines[0].text  # numbers stay whole
    xs = [x0 for _, x0, _ in lines[0].words]
    assert xs == sorted(xs) and "".join(w for w, _, _ in lines[0].words) == "InvoiceNo:INV-42/7"
