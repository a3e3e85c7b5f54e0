"""Passwords of locked PDFs at the API's edge: checked here, sealed by the submission.

``multiupload`` (both families and the Flow API) takes an optional ``password`` on each
``file_urls`` item (checked by :class:`kagaz.api.schemas.FileUrlCreate`); ``upload`` takes
optional ``passwords`` parts, in the order of the files (:func:`parse_password_parts`). A
missing, null or empty one means no password. A password is a string of at most
:data:`MAX_PASSWORD_LENGTH` characters without control characters; anything else is a ``400``
that names the field, never its value. :mod:`kagaz.services.submission` seals each one for its
document's ``file_uuid`` before the row is written; the plaintext lives only in the request's
memory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kagaz.api.schemas import MAX_PASSWORD_LENGTH
from kagaz.services.errors import BadRequest

__all__ = ["MAX_PASSWORD_BYTES", "MAX_PASSWORD_LENGTH", "parse_password_parts"]

MAX_PASSWORD_BYTES = 4 * MAX_PASSWORD_LENGTH  # UTF-8: at most four bytes a character
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _invalid(index: int) -> BadRequest:
    return BadRequest(
        f"Invalid parameters: passwords[{index}] (a UTF-8 string of at most "
        f"{MAX_PASSWORD_LENGTH} characters, no control characters)"
    )


def parse_password_parts(parts: Sequence[bytes], files: int) -> list[str | None]:
    """One password (or None) per file from the ``passwords`` parts of an upload.

    >>> parse_password_parts([b"1234", b""], 3)
    ['1234', None, None]
    """
    if len(parts) > files:
        raise BadRequest(f"Invalid parameters: passwords ({len(parts)} given for {files} files)")
    out: list[str | None] = []
    for i, raw in enumerate(parts):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _invalid(i) from None
        if len(text) > MAX_PASSWORD_LENGTH or _CONTROL.search(text):
            raise _invalid(i)
        out.append(text or None)
    return out + [None] * (files - len(out))
