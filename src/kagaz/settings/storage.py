"""Storage and retention (``KAGAZ_STORAGE__*``, ``KAGAZ_STORAGE_URL``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr

__all__ = ["StorageLocation", "StorageSettings", "parse_storage_url"]


class StorageSettings(BaseModel):
    """Where originals and derived images live (``KAGAZ_STORAGE__*``)."""

    retention_days: float = Field(
        30.0, ge=0, description="Delete downloaded originals this many days after; 0 keeps them"
    )
    retention_interval_seconds: float = Field(
        3600.0, ge=1, description="How often the server runs the retention sweep"
    )
    s3_endpoint_url: str | None = Field(
        None,
        pattern=r"^https?://[^\s/?#]+/?$",
        description="S3 endpoint of an S3-compatible store (MinIO, Ceph, ...); unset: AWS",
    )
    s3_region: str | None = Field(
        None, max_length=64, description="S3 region, e.g. ap-south-1; unset: boto3's default"
    )
    s3_access_key_id: str | None = Field(
        None,
        max_length=128,
        description="S3 access key; unset: boto3's chain (AWS_* variables, profile, instance "
        "role)",
    )
    s3_secret_access_key: SecretStr | None = Field(
        None, description="S3 secret key (with s3_access_key_id)"
    )
    s3_addressing_style: Literal["auto", "path", "virtual"] = Field(
        "auto", description="S3 bucket addressing; path for most S3-compatible stores"
    )
    s3_server_side_encryption: Literal["none", "AES256", "aws:kms"] = Field(
        "none", description="Server-side encryption asked for on every object written"
    )
    s3_kms_key_id: str | None = Field(
        None, max_length=2048, description="KMS key for aws:kms encryption; unset: the bucket's"
    )
    s3_timeout_seconds: float = Field(
        30.0, gt=0, le=600, description="S3 connect and read timeout, each"
    )
    s3_max_attempts: int = Field(
        5, ge=1, le=20, description="S3 tries per call (botocore standard retry mode)"
    )
    redact_links: Literal["signed", "presigned"] = Field(
        "signed",
        description="redact_url kind: signed (kagaz's own revocable /v1/files/redacted link) or "
        "presigned (a pre-signed GET URL of the S3 object; needs s3:// storage)",
    )
    presign_expiry_seconds: int = Field(
        3600, ge=60, le=7 * 86_400, description="Lifetime of a pre-signed redact_url"
    )


@dataclass(frozen=True, slots=True)
class StorageLocation:
    """Where blobs go: ``kind`` local (``path``) or s3 (``bucket`` and key ``prefix``)."""

    kind: Literal["local", "s3"]
    path: Path | None = None
    bucket: str = ""
    prefix: str = ""


_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_PREFIX = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")


def parse_storage_url(url: str | None, data_dir: Path) -> StorageLocation:
    """Where ``KAGAZ_STORAGE_URL`` points; raises ValueError for what kagaz cannot use.

    >>> parse_storage_url(None, Path("data"))
    StorageLocation(kind='local', path=PosixPath('data/files'), bucket='', prefix='')
    >>> parse_storage_url("s3://kyc-docs/kagaz/prod/", Path("data"))
    StorageLocation(kind='s3', path=None, bucket='kyc-docs', prefix='kagaz/prod')
    >>> parse_storage_url("gs://x", Path("data"))
    Traceback (most recent call last):
    ...
    ValueError: storage_url must be a directory, file:///path or s3://bucket/prefix
    """
    if not url:
        return StorageLocation("local", path=data_dir / "files")
    if url.startswith("s3://"):
        bucket, _, prefix = url[5:].partition("/")
        prefix = prefix.strip("/")
        if not _BUCKET.fullmatch(bucket) or ".." in bucket:
            raise ValueError(f"not a valid S3 bucket name: {bucket!r}")
        if prefix and (not _PREFIX.fullmatch(prefix) or ".." in prefix.split("/")):
            raise ValueError("the S3 prefix may hold only [A-Za-z0-9._-] segments")
        return StorageLocation("s3", bucket=bucket, prefix=prefix)
    if url.startswith("file://"):
        return StorageLocation("local", path=Path(url[7:]))
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", url):
        raise ValueError("storage_url must be a directory, file:///path or s3://bucket/prefix")
    return StorageLocation("local", path=Path(url))
