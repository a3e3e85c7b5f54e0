"""S3 storage against moto's S3 server on loopback (the same code talks to AWS S3 by
configuration: endpoint unset, region and credentials from the settings or boto3's chain)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import make_bucket, moto_s3  # noqa: E402

from kagaz.settings import Settings  # noqa: E402
from kagaz.storage import BlobNotFound, Presigner, Storage, StorageError, open_storage  # noqa: E402
from kagaz.storage.s3 import S3Storage  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_s3() as url:
        make_bucket(url, "kagaz-test")
        yield url


def _store(endpoint: str, **kwargs: object) -> S3Storage:
    args: dict[str, object] = {
        "bucket": "kagaz-test",
        "prefix": "p/q",
        "endpoint_url": endpoint,
        "region": "ap-south-1",
        "access_key_id": "testing",
        "secret_access_key": "testing",
        "addressing_style": "path",
    }
    args.update(kwargs)
    return S3Storage(**args)  # type: ignore[arg-type]


def _raw(endpoint: str) -> object:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_round_trip_under_the_prefix(endpoint: str) -> None:
    store = _store(endpoint)
    assert isinstance(store, Storage) and isinstance(store, Presigner)
    store.check()
    store.put("derived/u1/aadhaar_redacted", PNG)
    assert store.get("derived/u1/aadhaar_redacted") == PNG
    assert store.exists("derived/u1/aadhaar_redacted")
    head = _raw(endpoint).head_object(  # type: ignore[attr-defined]
        Bucket="kagaz-test", Key="p/q/derived/u1/aadhaar_redacted"
    )
    assert head["ContentType"] == "image/png"
    store.put("derived/u1/aadhaar_redacted", PNG + b"2")  # overwrite
    assert store.get("derived/u1/aadhaar_redacted") == PNG + b"2"
    store.delete("derived/u1/aadhaar_redacted")
    store.delete("derived/u1/aadhaar_redacted")  # idempotent
    assert not store.exists("derived/u1/aadhaar_redacted")
    with pytest.raises(BlobNotFound):
        store.get("derived/u1/aadhaar_redacted")
    with pytest.raises(ValueError):
        store.put("../escape", b"x")


def test_server_side_encryption_is_requested(endpoint: str) -> None:
    store = _store(endpoint, server_side_encryption="AES256")
    store.put("originals/a.pdf", b"%PDF-1.4")
    head = _raw(endpoint).head_object(  # type: ignore[attr-defined]
        Bucket="kagaz-test", Key="p/q/originals/a.pdf"
    )
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/pdf"


def test_presigned_link_serves_the_object(endpoint: str) -> None:
    store = _store(endpoint)
    store.put("derived/u2/aadhaar_redacted", PNG)
    url = store.presign("derived/u2/aadhaar_redacted", expires_in=600)
    assert url.startswith(f"{endpoint}/kagaz-test/p/q/derived/u2/aadhaar_redacted?")
    assert "X-Amz-Expires=600" in url and "X-Amz-Signature=" in url
    r = httpx.get(url)
    assert r.status_code == 200 and r.content == PNG
    assert r.headers["cache-control"] == "private, no-store"


def test_failures_are_storage_errors(endpoint: str) -> None:
    with pytest.raises(StorageError) as missing_bucket:
        _store(endpoint, bucket="no-such-bucket").check()
    assert "testing" not in str(missing_bucket.value)  # never the credentials
    down = _store("http://127.0.0.1:1", max_attempts=1, timeout=1)
    for call in (down.check, lambda: down.get("a"), lambda: down.put("a", b"x")):
        with pytest.raises(StorageError) as err:
            call()
        assert not isinstance(err.value, BlobNotFound)


def test_opened_from_settings(endpoint: str, tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path,
        storage_url="s3://kagaz-test/from-settings",
        storage={
            "s3_endpoint_url": endpoint,
            "s3_region": "ap-south-1",
            "s3_access_key_id": "testing",
            "s3_secret_access_key": "testing",
            "s3_addressing_style": "path",
        },
    )
    store = open_storage(settings)
    assert isinstance(store, S3Storage) and "testing" not in repr(store)
    store.put("k", b"v")
    assert (
        _raw(endpoint)
        .get_object(  # type: ignore[attr-defined]
            Bucket="kagaz-test", Key="from-settings/k"
        )["Body"]
        .read()
        == b"v"
    )
    local = open_storage(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
    local.check()
    assert (tmp_path / "files").is_dir()
