"""Blob storage for originals and derived images: a local directory or an S3 bucket.

:func:`~kagaz.storage.factory.open_storage` opens the one ``KAGAZ_STORAGE_URL`` names.
"""

from __future__ import annotations

from kagaz.storage.base import BlobNotFound, Presigner, Storage, StorageError, check_key
from kagaz.storage.factory import open_storage
from kagaz.storage.local import LocalStorage

__all__ = [
    "BlobNotFound",
    "LocalStorage",
    "Presigner",
    "Storage",
    "StorageError",
    "check_key",
    "open_storage",
]
