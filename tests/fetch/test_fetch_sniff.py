"""Format detection from magic bytes."""

from __future__ import annotations

import pytest

from kagaz.errors import EmptyDocument, UnsupportedFormat
from kagaz.fetch.sniff import sniff_format


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"\xff\xd8\xff\xdb", "jpeg"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"RIFF\x00\x00\x00\x00WEBP", "webp"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"%PDF-1.4", "pdf"),
        (b"\xef\xbb\xbf\r\n%PDF-1.7", "pdf"),  # a little junk before the header
    ],
)
def test_known_formats(data: bytes, fmt: str) -> None:
    assert sniff_format(data) == fmt


@pytest.mark.parametrize(
    "data",
    [
        b"<html>",
        b"GIF89a",
        b"RIFF\x00\x00\x00\x00WAVE",
        b"PK\x03\x04",
        b"\x89PNG",
        b"\xff\xd8",
        b'{"error": "AccessDenied"}',
        b" " * 2000 + b"%PDF-1.4",
        b"BM\x00\x00",
    ],
)
def test_everything_else_is_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedFormat):
        sniff_format(data)


def test_empty() -> None:
    with pytest.raises(EmptyDocument):
        sniff_format(b"")
