"""Tell a file's format from its first bytes, never from its name or a Content-Type.

>>> sniff(b"\\x89PNG\\r\\n\\x1a\\n....")
'png'
>>> sniff(b"%PDF-1.7 ...")
'pdf'
>>> sniff(b"<html>") is None
True
"""

from __future__ import annotations

__all__ = ["FORMATS", "sniff"]

FORMATS = ("jpeg", "png", "webp", "tiff", "pdf")


def sniff(data: bytes) -> str | None:
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    # PDF readers accept a header anywhere in the first KiB (some scanners prepend junk).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None
