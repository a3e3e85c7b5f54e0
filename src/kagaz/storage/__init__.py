"""Blob storage for originals and derived images (local directory now, S3-compatible later)."""

from __future__ import annotations

from kagaz.storage.base import BlobNotFound, Storage, StorageError, check_key
from kagaz.storage.local import LocalStorage

__all__ = ["BlobNotFound", "LocalStorage", "Storage", "StorageError", "check_key"]
