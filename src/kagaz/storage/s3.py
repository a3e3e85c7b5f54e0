"""Storage in an S3 bucket (AWS S3 or any S3-compatible store: MinIO, Ceph RGW, R2, ...).

Keys map to object names under an optional prefix (``s3://bucket/prefix``). S3 writes are atomic
(a reader sees the old object, the new one or none, never half of one), deletes are idempotent,
and every botocore error becomes a :class:`~kagaz.storage.base.StorageError` (a missing object a
:class:`~kagaz.storage.base.BlobNotFound`) raised ``from`` the original, naming the S3 error code
but never credentials. Objects are written with a ``Content-Type`` sniffed from their first bytes
and, when configured, server-side encryption (SSE-S3 or SSE-KMS).

The boto3 client is created lazily in each process (a client must not cross ``fork``); it is
thread-safe, so one serves every thread of that process. Credentials come from the settings or,
when those are unset, from boto3's usual chain (``AWS_*`` variables, profiles, instance roles).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import botocore.exceptions
from botocore.config import Config

from kagaz.storage.base import BlobNotFound, StorageError, check_key

__all__ = ["S3Storage"]

_MISSING = {"NoSuchKey", "404", "NotFound"}
_MEDIA = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def media_type(data: bytes) -> str:
    """The Content-Type of a blob, from its magic bytes.

    >>> media_type(b"\\x89PNG\\r\\n\\x1a\\n...."), media_type(b"RIFF....WEBPVP8 "), media_type(b"?")
    ('image/png', 'image/webp', 'application/octet-stream')
    """
    for magic, media in _MEDIA:
        if data.startswith(magic):
            return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def _code(exc: BaseException) -> str:
    if isinstance(exc, botocore.exceptions.ClientError):
        return str(exc.response.get("Error", {}).get("Code", "ClientError"))
    return type(exc).__name__


class S3Storage:
    """Blobs as objects ``<prefix>/<key>`` in ``bucket``."""

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        addressing_style: str = "auto",
        server_side_encryption: str | None = None,
        kms_key_id: str | None = None,
        timeout: float = 30.0,
        max_attempts: int = 5,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._client_args: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "region_name": region,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
            "config": Config(
                connect_timeout=timeout,
                read_timeout=timeout,
                retries={"max_attempts": max_attempts, "mode": "standard"},
                s3={"addressing_style": addressing_style},
                signature_version="s3v4",
                max_pool_connections=32,
            ),
        }
        self._write_args: dict[str, str] = {}
        if server_side_encryption:
            self._write_args["ServerSideEncryption"] = server_side_encryption
            if server_side_encryption == "aws:kms" and kms_key_id:
                self._write_args["SSEKMSKeyId"] = kms_key_id
        self._lock = threading.Lock()
        self._client: Any = None
        self._pid = -1

    def __repr__(self) -> str:  # never the credentials
        return f"S3Storage(bucket={self.bucket!r}, prefix={self.prefix!r})"

    @property
    def client(self) -> Any:
        """This process's boto3 S3 client."""
        with self._lock:
            if self._client is None or self._pid != os.getpid():
                import boto3

                session = boto3.session.Session()
                self._client = session.client("s3", **self._client_args)
                self._pid = os.getpid()
            return self._client

    def _name(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, data: bytes) -> None:
        name = self._name(key)
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=name,
                Body=data,
                ContentType=media_type(data),
                **self._write_args,
            )
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            raise StorageError(f"Cannot write blob {key} ({_code(exc)})") from exc

    def get(self, key: str) -> bytes:
        name = self._name(key)
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=name)
            return bytes(answer["Body"].read())
        except botocore.exceptions.ClientError as exc:
            if _code(exc) in _MISSING:
                raise BlobNotFound(f"No blob {key}") from exc
            raise StorageError(f"Cannot read blob {key} ({_code(exc)})") from exc
        except botocore.exceptions.BotoCoreError as exc:
            raise StorageError(f"Cannot read blob {key} ({_code(exc)})") from exc

    def delete(self, key: str) -> None:
        name = self._name(key)
        try:
            self.client.delete_object(Bucket=self.bucket, Key=name)
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            if _code(exc) in _MISSING:
                return
            raise StorageError(f"Cannot delete blob {key} ({_code(exc)})") from exc

    def exists(self, key: str) -> bool:
        name = self._name(key)
        try:
            self.client.head_object(Bucket=self.bucket, Key=name)
            return True
        except botocore.exceptions.ClientError as exc:
            if _code(exc) in _MISSING:
                return False
            raise StorageError(f"Cannot look up blob {key} ({_code(exc)})") from exc
        except botocore.exceptions.BotoCoreError as exc:
            raise StorageError(f"Cannot look up blob {key} ({_code(exc)})") from exc

    def check(self) -> None:
        """Raise StorageError unless the bucket is reachable with these credentials."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            raise StorageError(f"Bucket {self.bucket} is unreachable ({_code(exc)})") from exc

    def presign(self, key: str, *, expires_in: int) -> str:
        """A pre-signed GET URL of the blob, valid ``expires_in`` seconds (signed locally, no
        request is made; the object's existence is not checked)."""
        name = self._name(key)
        try:
            return str(
                self.client.generate_presigned_url(
                    "get_object",
                    Params={
                        "Bucket": self.bucket,
                        "Key": name,
                        "ResponseCacheControl": "private, no-store",
                    },
                    ExpiresIn=expires_in,
                )
            )
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as exc:
            raise StorageError(f"Cannot sign a link to {key} ({_code(exc)})") from exc
