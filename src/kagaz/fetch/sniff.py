"""Detect a document's format from its first bytes (never from the URL or Content-Type)."""

from __future__ import annotations

from kagaz.errors import EmptyDocument, UnsupportedFormat
from kagaz.imaging.formats import sniff

__all__ = ["EXTENSIONS", "sniff_format"]

EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "tiff": "tif", "pdf": "pdf"}


def sniff_format(data: bytes) -> str:
    """``jpeg``, ``png``, ``webp``, ``tiff`` or ``pdf`` (:func:`kagaz.imaging.formats.sniff`);
    raises for anything else.

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
    fmt = sniff(data)
    if fmt is not None:
        return fmt
    raise UnsupportedFormat()
