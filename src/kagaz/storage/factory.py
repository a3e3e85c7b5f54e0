"""Open the storage that the settings name (``KAGAZ_STORAGE_URL``)."""

from __future__ import annotations

from kagaz.settings import Settings
from kagaz.storage.base import Storage
from kagaz.storage.local import LocalStorage

__all__ = ["open_storage"]


def open_storage(settings: Settings) -> Storage:
    """A directory (the default: ``$KAGAZ_DATA_DIR/files``) or an S3 bucket and prefix."""
    location = settings.storage_location()
    if location.kind == "local":
        assert location.path is not None
        return LocalStorage(location.path)
    from kagaz.storage.s3 import S3Storage

    s = settings.storage
    return S3Storage(
        bucket=location.bucket,
        prefix=location.prefix,
        endpoint_url=s.s3_endpoint_url,
        region=s.s3_region,
        access_key_id=s.s3_access_key_id,
        secret_access_key=(
            s.s3_secret_access_key.get_secret_value() if s.s3_secret_access_key else None
        ),
        addressing_style=s.s3_addressing_style,
        server_side_encryption=(
            None if s.s3_server_side_encryption == "none" else s.s3_server_side_encryption
        ),
        kms_key_id=s.s3_kms_key_id,
        timeout=s.s3_timeout_seconds,
        max_attempts=s.s3_max_attempts,
    )
