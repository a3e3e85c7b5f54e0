"""Passwords of locked PDFs at the API's edge: checked, then sealed at once.

``multiupload`` (both families and the Flow API) takes an optional ``password`` on each
``file_urls`` item; ``upload`` takes optional ``passwords`` parts, in the order of the files. A
missing, null or empty one means no password. A password is a string of at most
:data:`MAX_PASSWORD_LENGTH` characters without control characters; anything else is a ``400``
that names the field, never its value. Each password is sealed for its document's ``file_uuid``
(:class:`kagaz.database.passwords.PasswordBox`) before the row is written; the plaintext lives only
in the request's memory.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from kagaz.services.errors import BadRequest
from kagaz.api.schemas import MAX_PASSWORD_LENGTH, FileUrlCreate
from kagaz.database.batches import NewFile
from kagaz.database.passwords import PasswordBox

__all__ = ["MAX_PASSWORD_BYTES", "MAX_PASSWORD_LENGTH", "new_files", "parse_password_parts", "seal"]

MAX_PASSWORD_BYTES = 4 * MAX_PASSWORD_LENGTH  # UTF-8: at most four bytes a character
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def seal(box: PasswordBox, password: str | None, file_uuid: str) -> bytes | None:
    """``password`` sealed for ``file_uuid``, or None when there is none."""
    return box.seal(password, file_uuid) if password else None


def new_files(items: Sequence[FileUrlCreate], box: PasswordBox) -> list[NewFile]:
    """The rows to insert for ``file_urls``; a document with a password gets its ``file_uuid``
    here, because its sealed password is bound to it."""
    files: list[NewFile] = []
    for item in items:
        if item.password:
            file_uuid = str(uuid.uuid4())
            sealed = seal(box, item.password, file_uuid)
            files.append(NewFile(item.file_url, item.document_id, file_uuid, password_sealed=sealed))
        else:
            files.append(NewFile(item.file_url, item.document_id))
    return files


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
