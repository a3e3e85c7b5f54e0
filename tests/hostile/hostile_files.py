"""Hostile documents, built in memory (nothing binary is committed).

Each builder returns the bytes of one hostile file. Bombs are made without ever holding their
inflated size: a deflate stream of N copies of one byte is N identical full-flush blocks plus
an Adler-32 computed by formula, so a 10 GB bomb costs milliseconds and ~10 MB to build.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from fpdf import FPDF
from PIL import Image

__all__ = ["CASES", "Case", "deflate_bomb"]

_BLOCK = 16 * 1024 * 1024


def _adler32_of_repeated(byte: int, n: int) -> int:
    """Adler-32 of ``n`` copies of ``byte`` (A = 1 + sum, B = sum of the running A's)."""
    mod = 65521
    a = (1 + n * byte) % mod
    b = (n + byte * (n * (n + 1) // 2)) % mod
    return (b << 16) | a


def deflate_bomb(size: int, byte: int = 0, *, raw: bool = False) -> bytes:
    """A valid zlib stream (or raw deflate with ``raw``) that inflates to ``size`` copies of
    ``byte``; ``size`` is rounded down to a multiple of 16 MiB (at least one block)."""
    blocks = max(1, size // _BLOCK)
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = z.compress(bytes([byte]) * _BLOCK) + z.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # one empty final block
    body = block * blocks + tail
    if raw:
        return body
    return b"\x78\xda" + body + struct.pack(">I", _adler32_of_repeated(byte, blocks * _BLOCK))


# -- PNG -----------------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, idat: bytes, *, color_type: int = 0, depth: int = 8) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def good_png() -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def good_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buf, "JPEG", quality=90)
    return buf.getvalue()


def good_tiff() -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buf, "TIFF", compression="tiff_lzw")
    return buf.getvalue()


def good_pdf() -> bytes:
    pdf = FPDF(format=(240, 150))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for i in range(6):
        pdf.cell(0, 10, f"Line {i} of a harmless document", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def png_huge_header() -> bytes:
    """100000 x 100000 pixels claimed, a few bytes of data."""
    return png(100_000, 100_000, zlib.compress(b"\x00" * 1000))


def png_zlib_bomb() -> bytes:
    """A 1.5 MB file whose IDAT inflates to 1.6 GB (40000 x 40000 grey)."""
    return png(40_000, 40_000, deflate_bomb(40_000 * 40_001))


def png_idat_bomb_small_image() -> bytes:
    """A 100 x 100 image whose IDAT goes on inflating to 1 GB."""
    return png(100, 100, deflate_bomb(1 << 30))


def png_chunk_bomb() -> bytes:
    """A valid small image with a zTXt (compressed text) chunk that inflates to 256 MB."""
    base = good_png()
    ztxt = _chunk(b"zTXt", b"Comment\x00\x00" + deflate_bomb(256 << 20, ord("A")))
    return base[:33] + ztxt + base[33:]


def jpeg_bomb() -> bytes:
    """A real JPEG whose frame header claims 65500 x 65500 pixels."""
    data = bytearray(good_jpeg())
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            data[i + 5 : i + 9] = struct.pack(">HH", 65500, 65500)
            return bytes(data)
        i += 2 + length
    raise AssertionError("no SOF marker")


def tiff_huge_dims() -> bytes:
    """An uncompressed TIFF claiming 100000 x 100000 pixels with 64 bytes of strip data."""
    entries = [
        (256, 4, 1, 100_000),  # ImageWidth
        (257, 4, 1, 100_000),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, 100_000),  # RowsPerStrip
        (279, 4, 1, 64),  # StripByteCounts
    ]
    ifd_offset = 8 + 64
    head = b"II*\x00" + struct.pack("<I", ifd_offset) + b"\x00" * 64
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        packed = struct.pack("<HI", value, 0)[:4] if typ == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, typ, count) + packed
    return head + ifd + struct.pack("<I", 0)


def tiff_many_frames() -> bytes:
    """1000 tiny frames (the page limit is 100)."""
    frames = [Image.new("L", (16, 16), i % 256) for i in range(1000)]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def tiff_ifd_loop() -> bytes:
    """A TIFF whose first IFD names itself as the next one (an endless frame list)."""
    data = bytearray(good_tiff())
    ifd = struct.unpack("<I", data[4:8])[0]
    n = struct.unpack("<H", data[ifd : ifd + 2])[0]
    next_at = ifd + 2 + 12 * n
    data[next_at : next_at + 4] = struct.pack("<I", ifd)
    return bytes(data)


# -- PDF -----------------------------------------------------------------------------------------


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF from object bodies (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R ".encode()
        + trailer_extra
        + f">>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>"
_CONTENT = _stream(b"", b"0 0 0 rg 72 72 100 100 re f")


def pdf_billion_pages() -> bytes:
    """A page tree that claims 10^9 pages (and has one)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
        _PAGE,
        _CONTENT,
    ])


def pdf_wide_page_tree() -> bytes:
    """A page tree whose one Kids array lists the same page 200000 times."""
    kids = b"[" + b"3 0 R " * 200_000 + b"]"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids " + kids + b" /Count 200000 >>",
        _PAGE,
        _CONTENT,
    ])


def pdf_recursive_kids() -> bytes:
    """A Pages node that is its own kid (and a second one that points back)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 5 0 R 3 0 R] /Count 3 >>",
        _PAGE,
        _CONTENT,
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 5 0 R] /Count 2 >>",
    ])


def pdf_self_referencing() -> bytes:
    """Objects that refer to themselves: a Length that is its own reference, a Resources loop."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 5 0 R >>",
        b"<< /Length 4 0 R >>\nstream\n0 0 0 rg 72 72 100 100 re f\nendstream",
        b"<< /XObject << /X1 5 0 R >> /Font 5 0 R /Self 5 0 R >>",
    ])


def pdf_flate_bomb() -> bytes:
    """A page whose content stream inflates to 4 GB of spaces."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"/Filter /FlateDecode", deflate_bomb(4 << 30, ord(" "))),
    ])


def pdf_image_bomb() -> bytes:
    """A page drawing an image XObject of 60000 x 60000 grey pixels (3.6 GB inflated)."""
    image = _stream(
        b"/Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode",
        deflate_bomb(60_000 * 60_000, 0xFF),
    )
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"", b"q 540 0 0 720 36 36 cm /Im1 Do Q"),
        image,
    ])


def pdf_huge_mediabox() -> bytes:
    """A page of 10^9 x 10^9 points."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1000000000 1000000000] /Contents 4 0 R >>",
        _CONTENT,
    ])


def pdf_largest_mediabox() -> bytes:
    """A page of 14400 x 14400 points (200 inches: PDF's own maximum), rendered within the pixel
    limit."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
        _CONTENT,
    ])


def pdf_too_many_pages() -> bytes:
    doc = FPDF()
    for _ in range(150):
        doc.add_page()
    return bytes(doc.output())


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def corrupted(data: bytes) -> bytes:
    """Every 7th byte after the first 200 flipped."""
    out = bytearray(data)
    for i in range(200, len(out), 7):
        out[i] ^= 0xA5
    return bytes(out)


def pdf_plus_zip() -> bytes:
    """A PDF with a ZIP archive appended (opens as either)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("payload.sh", "#!/bin/sh\necho owned\n")
    return good_pdf() + buf.getvalue()


def jpeg_plus_pdf() -> bytes:
    return good_jpeg() + good_pdf()


def html_with_pdf_header() -> bytes:
    """HTML with ``%PDF-`` in its first KiB: sniffed as PDF, and not a valid one."""
    return b"<html><body><script>alert(1)</script><!-- %PDF-1.7 --></body></html>\n" * 3


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>x</body></html>"


def pdf_double_flate_bomb() -> bytes:
    """A content stream compressed twice: 4 GB inside 4 MB inside a few KB."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(deflate_bomb(4 << 30, 32), 9)),
    ])


def pdf_disguised_flate_bomb() -> bytes:
    """A Flate bomb behind an escaped filter name (``/Fl#61teDecode``) whose data spells
    ``endstream`` in a stored block before the bomb (a scanner that stops there misses it)."""
    stored = b"endstream\n"
    block = b"\x00" + struct.pack("<HH", len(stored), 0xFFFF ^ len(stored)) + stored
    data = b"\x78\xda" + block + deflate_bomb(4 << 30, 32, raw=True) + b"\x00\x00\x00\x00"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"/Filter /Fl#61teDecode", data),
    ])


def lzw_bomb(cycles: int) -> bytes:
    """LZWDecode data (EarlyChange 1) that decodes to about ``cycles`` x 7 MB of zero bytes:
    codes 0, 258, 259, ... each add and emit one zero more than the last, then Clear, again.
    Eight cycles end on a byte boundary, so one block of eight is built and repeated."""
    out = bytearray()
    acc = nbits = 0

    def put(code: int, width: int) -> None:
        nonlocal acc, nbits
        acc = (acc << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
        acc &= (1 << nbits) - 1

    for _ in range(8):
        put(0, 9)
        for next_code in range(258, 4000):
            put(next_code, min(12, max(9, (next_code + 1).bit_length())))
        put(256, 12)  # Clear: back to 9-bit codes
    assert nbits == 0
    return bytes(out) * max(1, cycles // 8) + b"\x80\x80"  # then EOD (257) in 9 bits, padded


def pdf_lzw_bomb() -> bytes:
    """A page whose content stream is an LZW bomb (~3.8 GB of zero bytes; unguarded, PDFium
    aborts the whole process when memory runs out)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"/Filter /LZWDecode", lzw_bomb(540)),
    ])


def pdf_hidden_lzw_bomb() -> bytes:
    """The LZW bomb behind a dictionary whose strings spell ``1 0 obj`` and ``endstream`` after
    an escaped filter name (a scanner that looks back for the object header misses it)."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _stream(b"/Filter /LZWDec#6fde /Note (\\) 1 0 obj endstream \\() (<<)", lzw_bomb(540)),
    ])


@dataclass(frozen=True)
class Case:
    build: Callable[[], bytes]
    codes: frozenset[str]  # the error codes the engine may answer


def _case(build: Callable[[], bytes], *codes: str) -> Case:
    return Case(build, frozenset(codes))


# Decoded fine but blank: with the fake OCR there is no text, so the answer is UNRECOGNISED.
CASES: dict[str, Case] = {
    "empty": _case(lambda: b"", "EMPTY_DOCUMENT"),
    "png_huge_header": _case(png_huge_header, "TOO_LARGE"),
    "png_zlib_bomb": _case(png_zlib_bomb, "TOO_LARGE"),
    "png_idat_bomb_small_image": _case(png_idat_bomb_small_image, "UNRECOGNISED"),
    "png_chunk_bomb": _case(png_chunk_bomb, "INVALID_DOC"),
    "jpeg_bomb": _case(jpeg_bomb, "TOO_LARGE"),
    "tiff_huge_dims": _case(tiff_huge_dims, "TOO_LARGE"),
    "tiff_many_frames": _case(tiff_many_frames, "TOO_LARGE"),
    "tiff_ifd_loop": _case(tiff_ifd_loop, "UNRECOGNISED"),
    "pdf_billion_pages": _case(pdf_billion_pages, "UNRECOGNISED"),  # PDFium counts the real tree
    "pdf_wide_page_tree": _case(pdf_wide_page_tree, "TOO_LARGE"),
    "pdf_recursive_kids": _case(pdf_recursive_kids, "INVALID_DOC"),
    "pdf_self_referencing": _case(pdf_self_referencing, "UNRECOGNISED"),
    "pdf_flate_bomb": _case(pdf_flate_bomb, "TOO_LARGE"),
    "pdf_double_flate_bomb": _case(pdf_double_flate_bomb, "TOO_LARGE"),
    "pdf_disguised_flate_bomb": _case(pdf_disguised_flate_bomb, "TOO_LARGE"),
    "pdf_image_bomb": _case(pdf_image_bomb, "TOO_LARGE"),
    "pdf_lzw_bomb": _case(pdf_lzw_bomb, "TOO_LARGE"),
    "pdf_hidden_lzw_bomb": _case(pdf_hidden_lzw_bomb, "TOO_LARGE"),
    "pdf_huge_mediabox": _case(pdf_huge_mediabox, "INVALID_DOC"),
    "pdf_largest_mediabox": _case(pdf_largest_mediabox, "UNRECOGNISED"),
    "pdf_too_many_pages": _case(pdf_too_many_pages, "TOO_LARGE"),
    "truncated_jpeg": _case(lambda: truncated(good_jpeg()), "INVALID_DOC"),
    "truncated_png": _case(lambda: truncated(good_png()), "INVALID_DOC"),
    "truncated_tiff": _case(lambda: truncated(good_tiff()), "INVALID_DOC"),
    "truncated_pdf": _case(lambda: truncated(good_pdf()), "INVALID_DOC"),
    "corrupted_jpeg": _case(lambda: corrupted(good_jpeg()), "INVALID_DOC"),
    "corrupted_png": _case(lambda: corrupted(good_png()), "INVALID_DOC"),
    "corrupted_tiff": _case(lambda: corrupted(good_tiff()), "INVALID_DOC"),
    "corrupted_pdf": _case(lambda: corrupted(good_pdf()), "INVALID_DOC"),
    "polyglot_pdf_zip": _case(pdf_plus_zip, "UNRECOGNISED"),  # read as the PDF it starts as
    "polyglot_jpeg_pdf": _case(jpeg_plus_pdf, "UNRECOGNISED"),  # read as the JPEG it starts as
    "polyglot_html_pdf_header": _case(html_with_pdf_header, "INVALID_DOC"),
    "html_page": _case(html_page, "UNSUPPORTED_FORMAT"),
}

