"""Where kagaz keeps a document's blobs: the storage key layout, written once.

* ``originals/YYYY/MM/DD/<file_uuid>.<ext>``: the document as it was submitted, stored once (by
  the upload, or by the worker after the download) and deleted by the retention sweep;
* ``derived/<file_uuid>/<artifact>``: what the engine made of it: the masked Aadhaar image
  (:data:`REDACTED_ARTIFACT`) and the review console's page images (``page_1``, ``page_2``, …).

A document's row names its keys (``original_key``, ``artifacts``), so readers never rebuild
them.

>>> import datetime as dt
>>> original_key("6f1c2b3a-1d2e-4f5a-9b8c-123456789012", "jpeg", dt.datetime(2026, 1, 5))
'originals/2026/01/05/6f1c2b3a-1d2e-4f5a-9b8c-123456789012.jpg'
>>> derived_key("6f1c2b3a-1d2e-4f5a-9b8c-123456789012", page_artifact(2))
'derived/6f1c2b3a-1d2e-4f5a-9b8c-123456789012/page_2'
"""

from __future__ import annotations

import datetime as dt
import re

from kagaz.fetch.sniff import EXTENSIONS

__all__ = [
    "PAGE_ARTIFACT",
    "REDACTED_ARTIFACT",
    "artifact_name",
    "derived_key",
    "is_page_artifact",
    "original_key",
    "page_artifact",
]

REDACTED_ARTIFACT = "aadhaar_redacted"  # the masked Aadhaar image behind ``redact_url``
PAGE_ARTIFACT = "page_"  # page_1, page_2, ...: JPEG page images for review
_PAGE = re.compile(rf"{PAGE_ARTIFACT}\d+")


def original_key(file_uuid: str, fmt: str, when: dt.datetime) -> str:
    """The key of a document's original in format ``fmt`` (``jpeg``, ``png``, ``webp``,
    ``tiff`` or ``pdf``), stored at ``when``."""
    return f"originals/{when:%Y/%m/%d}/{file_uuid}.{EXTENSIONS[fmt]}"


def derived_key(file_uuid: str, artifact: str) -> str:
    """The key of one of a document's derived images (``artifact`` from :func:`artifact_name`
    or :func:`page_artifact`)."""
    return f"derived/{file_uuid}/{artifact}"


def artifact_name(name: str) -> str:
    """An engine artifact's name as stored: letters, digits, ``_`` and ``-``, at most 64
    (empty when nothing is left).

    >>> artifact_name("aadhaar_redacted"), artifact_name("../x y")
    ('aadhaar_redacted', 'xy')
    """
    return "".join(c for c in name if c.isalnum() or c in "_-")[:64]


def page_artifact(page: int) -> str:
    """The artifact name of the review image of ``page`` (1-based)."""
    return f"{PAGE_ARTIFACT}{page}"


def is_page_artifact(name: str) -> bool:
    return _PAGE.fullmatch(name) is not None
