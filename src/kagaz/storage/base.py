"""The storage interface for originals and derived images.

Keys are relative, slash-separated paths of ``[A-Za-z0-9._-]`` segments (no ``..``, no leading
slash), so that every implementation (a local directory, an S3 bucket) maps them safely.
"""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from kagaz.errors import KagazError

__all__ = ["BlobNotFound", "Presigner", "Storage", "StorageError", "check_key"]

_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
MAX_KEY_LENGTH = 255


class StorageError(KagazError):
    """The storage backend failed to read or write a blob."""

    code = "STORAGE_ERROR"
    message = "The file store is unavailable"


class BlobNotFound(StorageError):
    """No blob is stored under the key (never stored, or deleted by retention)."""

    code = "BLOB_NOT_FOUND"
    message = "The stored file does not exist"


def check_key(key: str) -> str:
    """Return ``key`` if it is a safe storage key, else raise ValueError.

    >>> check_key("originals/2025/01/02/abc.bin")
    'originals/2025/01/02/abc.bin'
    >>> check_key("../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: unsafe storage key: '../etc/passwd'
    """
    parts = key.split("/")
    if len(key) > MAX_KEY_LENGTH or not all(_SEGMENT.fullmatch(p) for p in parts):
        raise ValueError(f"unsafe storage key: {key!r}")
    return key


@runtime_checkable
class Storage(Protocol):
    """Blobs by key. Implementations MUST write atomically (a reader never sees half a blob),
    MUST raise :class:`BlobNotFound` for a missing key and :class:`StorageError` for anything
    else, and MUST make ``delete`` idempotent. ``check`` MUST raise :class:`StorageError` when
    the store cannot be reached (it backs ``/readyz``) and SHOULD be cheap."""

    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, key: str) -> None: ...

    def exists(self, key: str) -> bool: ...

    def check(self) -> None: ...


@runtime_checkable
class Presigner(Protocol):
    """A store that can hand out time-limited GET links to its blobs (S3 pre-signed URLs)."""

    def presign(self, key: str, *, expires_in: int) -> str: ...
