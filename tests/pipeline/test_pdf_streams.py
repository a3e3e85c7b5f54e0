"""The PDF stream-size check (decompression bombs) on small limits: what it counts and what it
lets through."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))

import hostile_files as H  # noqa: E402

from kagaz.errors import TooLarge  # noqa: E402
from kagaz.pipeline.stages.pdf_streams import check_stream_sizes  # noqa: E402

MB = 1024 * 1024


def _check(data: bytes, per_stream: int = 20 * MB, total: int = 64 * MB) -> None:
    check_stream_sizes(data, max_stream_bytes=per_stream, max_total_bytes=total)


def _pdf_with(streams: list[bytes]) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    return H.pdf(objects + streams)


def test_ordinary_documents_pass() -> None:
    _check(H.good_pdf())
    _check(H.pdf_too_many_pages())
    _check(_pdf_with([H._stream(b"/Filter /FlateDecode", zlib.compress(bytes(16 * MB)))]))


def test_one_stream_over_the_limit() -> None:
    with pytest.raises(TooLarge, match="inflates to more than"):
        _check(_pdf_with([H._stream(b"/Filter /FlateDecode", H.deflate_bomb(32 * MB))]))


def test_many_streams_over_the_total() -> None:
    stream = H._stream(b"/Filter /FlateDecode", zlib.compress(bytes(10 * MB)))
    _check(_pdf_with([stream] * 6))
    with pytest.raises(TooLarge, match="streams inflate to more than"):
        _check(_pdf_with([stream] * 7))


def test_nested_renamed_and_cut_short_bombs_are_counted() -> None:
    for build in (H.pdf_double_flate_bomb, H.pdf_disguised_flate_bomb, H.pdf_image_bomb):
        with pytest.raises(TooLarge):
            _check(build())


def test_run_length_is_counted() -> None:
    run = b"\x81\x00" * (100 * 1024) + b"\x80"  # each pair: 128 zero bytes, 12.5 MiB in all
    _check(_pdf_with([H._stream(b"/Filter /RunLengthDecode", run)]))
    with pytest.raises(TooLarge):
        _check(_pdf_with([H._stream(b"/Filter /RunLengthDecode", run)]), per_stream=10 * MB)


def _real_lzw(pixels: bytes, size: tuple[int, int]) -> bytes:
    """LZW data from libtiff (an independent encoder), taken out of a TIFF strip."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.frombytes("L", size, pixels).save(buf, "TIFF", compression="tiff_lzw", rowsperstrip=size[1])
    tif = Image.open(buf)
    offset, length = tif.tag_v2[273][0], tif.tag_v2[279][0]
    return buf.getvalue()[offset : offset + length]


def test_lzw_is_decoded_and_counted() -> None:
    from kagaz.pipeline.stages.pdf_streams import _lzw

    pixels = bytes(range(256)) * 250  # 64000 bytes: one TIFF strip
    data = _real_lzw(pixels, (1000, 64))
    assert b"".join(_lzw([data[:7], data[7:]], 1)) == pixels
    stream = H._stream(b"/Filter /LZWDecode", data)
    _check(_pdf_with([stream]))
    with pytest.raises(TooLarge):
        _check(_pdf_with([stream]), per_stream=60_000)


def test_lzw_bombs_are_counted_however_the_dictionary_is_dressed() -> None:
    for build in (H.pdf_lzw_bomb, H.pdf_hidden_lzw_bomb):
        with pytest.raises(TooLarge):
            _check(build())
    chained = H._stream(b"/Filter [/LZWDecode /FlateDecode]", H.lzw_bomb(1))
    with pytest.raises(TooLarge):  # the LZW layer alone is 7 MB; the Flate layer is garbage
        _check(_pdf_with([chained]), per_stream=4 * MB)


def test_an_outer_flate_bomb_is_counted_even_when_its_inner_layer_breaks() -> None:
    inner_head = zlib.compress(b"x" * 100)[:10]  # a valid zlib start, then zeros: corrupt
    outer = zlib.compress(inner_head + bytes(32 * MB))
    with pytest.raises(TooLarge):
        _check(_pdf_with([H._stream(b"/Filter [/FlateDecode /FlateDecode]", outer)]))


def test_bombs_wrapped_in_ascii_or_under_flate_are_counted() -> None:
    import base64
    import binascii

    bomb = H.deflate_bomb(32 * MB)
    for dictionary, data in (
        (b"/Filter [/ASCIIHexDecode /FlateDecode]", binascii.hexlify(bomb) + b">"),
        (b"/Filter [/AHx /Fl]", binascii.hexlify(bomb) + b">"),
        (b"/Filter [/ASCII85Decode /FlateDecode]", base64.a85encode(bomb) + b"~>"),
        (b"/Filter [/FlateDecode /LZWDecode]", zlib.compress(H.lzw_bomb(5))),
    ):
        with pytest.raises(TooLarge):
            _check(_pdf_with([H._stream(dictionary, data)]))
    small = zlib.compress(b"q 1 0 0 1 0 0 cm Q\n" * 100)
    _check(_pdf_with([H._stream(b"/Filter [/ASCIIHexDecode /FlateDecode]", binascii.hexlify(small) + b">")]))
