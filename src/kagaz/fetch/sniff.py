"""Detect a document's format from its first bytes (never from the URL or Content-Type)."""

from __future__ import annotations

from kagaz.errors import EmptyDocument, UnsupportedFormat

__all__ = ["EXTENSIONS", "sniff_format"]

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "tiff": "tif", "pdf": "pdf"}


def sniff_format(data: bytes) -> str:
    """``jpeg``, ``png``, ``webp``, ``tiff`` or ``pdf``; raises for anything else.

    >>> sniff_format(b"\\x89PNG\\r\\n\\x1a\\n....")
    'png'
    >>> sniff_format(b"%PDF-1.7\\n")
    'pdf'
    >>> sniff_format(b"<!doctype html><html>")
    Traceback (most recent call last):
    ...
    kagaz.errors.UnsupportedFormat: UNSUPPORTED_FORMAT: Unsupported file format (expected JPEG, PNG, WebP, TIFF or PDF)
    """
    if not data:
        raise EmptyDocument("The downloaded file is empty")
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if b"%PDF-" in data[:1024]:  # the PDF header may follow a little junk (ISO 32000 §7.5.2)
        return "pdf"
    raise UnsupportedFormat()
