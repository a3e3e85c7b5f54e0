"""All of kagaz's settings, in one typed object read from ``KAGAZ_*`` environment variables.

Nested groups use a double underscore: ``KAGAZ_ENGINE__OCR_THREADS=1``. Top-level settings that
operators set most (``KAGAZ_DATA_DIR``, ``KAGAZ_DATABASE_URL``, ``KAGAZ_QUEUE``,
``KAGAZ_BROKER_URL``, ``KAGAZ_STORAGE_URL``, ``KAGAZ_FETCH_ALLOW_PRIVATE``) are flat. Stages never
read settings themselves: the pipeline builds their options from this object.

``python -m kagaz.settings --markdown`` (:mod:`kagaz.settings_doc`) prints every setting as the
tables of ``docs/configuration.md`` (a test fails when that file is out of date).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "ApiSettings",
    "CallbackSettings",
    "EngineSettings",
    "FetchSettings",
    "Settings",
    "StorageLocation",
    "StorageSettings",
    "WorkerSettings",
    "get_settings",
    "parse_storage_url",
]


class EngineSettings(BaseModel):
    """Limits and choices of the document engine."""

    ocr_engine: Literal["rapidocr", "tesseract"] = Field(
        "rapidocr", description="OCR engine for Latin text"
    )
    ocr_threads: int = Field(
        0, ge=0, le=64, description="Threads per OCR engine; 0 lets the engine decide"
    )
    devanagari: bool = Field(
        True, description="Re-read Devanagari lines with Tesseract 'hin' when its data is installed"
    )
    max_bytes: int = Field(20 * 1024 * 1024, ge=1, description="Largest input file, in bytes")
    max_pixels: int = Field(
        40_000_000, ge=1, description="Largest image, in pixels (decompression-bomb guard)"
    )
    max_pages: int = Field(100, ge=1, description="Most pages read from one PDF or TIFF")
    pdf_max_stream_bytes: int = Field(
        128 * 1024 * 1024,
        ge=1024 * 1024,
        description="Largest decompressed size of one PDF stream (decompression-bomb guard)",
    )
    pdf_max_decoded_bytes: int = Field(
        4 * 1024 * 1024 * 1024,
        ge=1024 * 1024,
        description="Largest decompressed size of all of a PDF's streams together",
    )
    ocr_max_side: int = Field(
        2400, ge=320, description="Pages are scaled down so that their longer side fits this"
    )
    pdf_dpi: int = Field(200, ge=72, le=600, description="Resolution for rendering PDF pages")
    timeout_seconds: float = Field(
        300.0, gt=0, description="Time budget for one document in a worker"
    )
    reveal_aadhaar: bool = Field(
        False,
        description="Return the full Aadhaar number (only for entities licensed to hold it)",
    )
    page_images: int = Field(
        10,
        ge=0,
        le=100,
        description="Pages of each document kept as JPEG images for the review console "
        "(Aadhaar numbers masked); 0 keeps none",
    )


class ApiSettings(BaseModel):
    """The HTTP API: tokens, links and request limits (``KAGAZ_API__*``)."""

    token_ttl_seconds: int = Field(
        3600, ge=60, le=86_400, description="Lifetime of an access token (expires_in)"
    )
    signing_key: SecretStr | None = Field(
        None,
        min_length=32,
        description="Master key: tokens, signed links, PDF passwords; default: made once, kept in DB",
    )
    public_base_url: str | None = Field(
        None,
        description="Absolute base of links kagaz hands out (redact_url); default: the request's",
    )
    authtoken_status: int = Field(
        200,
        ge=200,
        le=201,
        description="HTTP status of a successful authtoken call, 200 or 201 (the reference is "
        "ambiguous)",
    )
    max_urls_per_request: int = Field(
        1000,
        ge=1,
        le=100_000,
        description="Most file_urls one multiupload may carry (else 413); raise it (and "
        "max_body_bytes) for archive batches",
    )
    max_url_length: int = Field(8192, ge=256, le=65_536, description="Longest accepted file_url")
    max_body_bytes: int = Field(
        16 * 1024 * 1024, ge=1024, description="Largest request body, in bytes (else 413)"
    )
    redact_link_ttl_seconds: int = Field(
        3600, ge=10, le=7 * 86_400, description="Lifetime of a redact_url link"
    )
    max_concurrency: int = Field(
        512, ge=1, description="Requests in flight before the server answers 503"
    )
    auth_concurrency: int = Field(
        2, ge=1, le=64, description="Secret-hash checks run at once (argon2id, 19 MiB each)"
    )
    rate_limit_enabled: bool = Field(
        True, description="Limit authtoken attempts and batch submissions (429 with Retry-After)"
    )
    rate_limit_window_seconds: int = Field(
        60, ge=1, le=3600, description="Length of one rate-limit window (fixed windows)"
    )
    rate_limit_authtoken_per_address: int = Field(
        300, ge=1, description="authtoken calls per window from one source address"
    )
    rate_limit_authtoken_failures: int = Field(
        10,
        ge=1,
        description="Failed authtoken calls (401) per window for one Client-Id from one address",
    )
    rate_limit_submissions_per_client: int = Field(
        600, ge=1, description="multiupload and upload calls per window for one client"
    )
    rate_limit_redis_url: SecretStr | None = Field(
        None,
        description="Redis for counters shared by several API processes; default: the broker "
        "URL when KAGAZ_QUEUE=celery runs on Redis, else counters in the process",
    )

    @field_validator("public_base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", value):
            raise ValueError("public_base_url must be an absolute http(s) URL without query")
        return value.rstrip("/")


class FetchSettings(BaseModel):
    """Downloading the submitted URLs (``KAGAZ_FETCH__*``)."""

    max_bytes: int = Field(20 * 1024 * 1024, ge=1, description="Largest download, in bytes")
    connect_timeout: float = Field(10.0, gt=0, le=120, description="Seconds to connect (and DNS)")
    read_timeout: float = Field(30.0, gt=0, le=600, description="Seconds to wait for any byte")
    total_timeout: float = Field(
        120.0, gt=0, le=3600, description="Seconds for one download attempt, end to end"
    )
    max_redirects: int = Field(3, ge=0, le=10, description="Redirects followed (each re-checked)")
    attempts: int = Field(
        3, ge=1, le=10, description="Tries per URL; only timeouts and 5xx answers are retried"
    )
    backoff_seconds: float = Field(
        0.5, ge=0, le=60, description="First wait between tries; doubles each time (max 8 s)"
    )
    user_agent: str = Field("kagaz/0.1", max_length=200, description="User-Agent header sent")
    max_url_length: int = Field(
        8192,
        ge=256,
        le=65_536,
        description="Longest URL fetched, redirect targets included (longer ones are refused)",
    )


class WorkerSettings(BaseModel):
    """Processing documents: the in-process pool (``KAGAZ_QUEUE=local``) or ``kagaz worker``
    processes fed through a Celery broker (``KAGAZ_QUEUE=celery``) (``KAGAZ_WORKER__*``)."""

    count: int = Field(
        1,
        ge=0,
        le=64,
        description="Worker threads in the server (local queue only); 0 runs the API alone",
    )
    lease_seconds: float = Field(
        60.0, ge=1, le=86_400, description="How long a claimed document stays claimed unrenewed"
    )
    max_attempts: int = Field(
        3, ge=1, le=20, description="Processing tries per document before it fails for good"
    )
    poll_seconds: float = Field(1.0, gt=0, le=60, description="Idle wait between queue checks")
    retry_backoff_seconds: float = Field(
        2.0, ge=0, le=3600, description="Wait before a crashed document is tried again"
    )
    concurrency: int = Field(
        1, ge=1, le=64, description="Child processes of one kagaz worker (prefork pool)"
    )
    pool: Literal["prefork", "solo"] = Field(
        "prefork",
        description="Celery execution pool of kagaz worker: prefork (one engine per child "
        "process) or solo (one document at a time in the main process). There is no thread "
        "pool: the PDF renderer is not thread-safe",
    )
    celery_queue: str = Field(
        "kagaz",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Broker queue that carries document tasks",
    )
    dispatch_window: int = Field(
        1000,
        ge=1,
        le=100_000,
        description="Most documents handed to the broker and not yet started; the rest wait "
        "in the database (back-pressure)",
    )
    sweep_interval_seconds: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="How often the sweeper re-queues expired leases and lost tasks and refills "
        "the broker",
    )
    requeue_after_seconds: float = Field(
        900.0,
        ge=1,
        le=86_400,
        description="A document whose task was sent this long ago and never started is sent "
        "again (sooner when the broker reports fewer messages than there should be)",
    )
    sweeper_in_api: bool = Field(
        True, description="Run the sweeper in every API process (celery queue only)"
    )
    visibility_timeout_seconds: float = Field(
        3600.0,
        ge=10,
        le=7 * 86_400,
        description="Redis broker: an unacknowledged task is redelivered after this long",
    )
    consumer_stall_seconds: float = Field(
        60.0,
        ge=0,
        le=3600,
        description="kagaz worker exits (code 75, for its supervisor to restart it) when tasks "
        "have waited this long in its Redis queue while it sat idle: a Celery consumer that "
        "silently stopped after a broker restart; 0 turns the check off",
    )
    max_tasks_per_child: int = Field(
        0, ge=0, description="Replace a worker child process after this many tasks; 0 never"
    )
    metrics_port: int | None = Field(
        None,
        ge=1,
        le=65_535,
        description="Serve Prometheus metrics of kagaz worker on this port; unset: off",
    )


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


_DEFAULT_RETRY_SCHEDULE = (5.0, 30.0, 120.0, 600.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0)


class CallbackSettings(BaseModel):
    """Flow API callbacks: the auth_url call, the signed POST to callback_url, retries and the
    sender threads (``KAGAZ_CALLBACKS__*``)."""

    enabled: bool = Field(
        True, description="Run the callback sender (and flow completion) in this process"
    )
    senders: int = Field(
        4, ge=1, le=64, description="Callback deliveries sent at once by one process"
    )
    poll_seconds: float = Field(
        1.0, gt=0, le=60, description="How often idle senders look for completed flows and due "
        "deliveries (a finished document wakes them at once)"
    )
    connect_timeout: float = Field(
        5.0, gt=0, le=60, description="Seconds to connect to auth_url or callback_url (and DNS)"
    )
    read_timeout: float = Field(
        10.0, gt=0, le=120, description="Seconds to wait for the receiver's answer (any byte)"
    )
    total_timeout: float = Field(
        30.0, gt=0, le=300, description="Seconds for one auth or callback request, end to end"
    )
    retry_schedule: tuple[float, ...] = Field(
        _DEFAULT_RETRY_SCHEDULE,
        min_length=1,
        description="Seconds to wait after the 1st, 2nd, ... failed attempt (JSON list); the last "
        "value repeats",
    )
    retry_for_seconds: float = Field(
        86_400.0,
        ge=0,
        le=30 * 86_400,
        description="Keep retrying a delivery this long after its first attempt was due; the last "
        "attempt happens at or after this age",
    )
    lease_seconds: float = Field(
        120.0, ge=1, le=3600, description="A claimed delivery stays claimed this long unfinished"
    )
    auth_method: Literal["POST", "GET"] = Field(
        "POST", description="HTTP method of the auth_url call (a flow's auth_config overrides)"
    )
    auth_token_fields: tuple[str, ...] = Field(
        ("access_token", "token"),
        min_length=1,
        description="JSON fields of the auth_url answer read for the token, first found wins "
        "(JSON list; dotted paths such as data.token allowed)",
    )
    auth_header: str = Field(
        "Token",
        pattern=r"^[A-Za-z0-9-]{1,64}$",
        description="Header that carries the token on the callback POST",
    )
    auth_header_prefix: str = Field(
        "", max_length=32, description="Text before the token in that header, e.g. 'Bearer '"
    )
    max_payload_bytes: int = Field(
        8 * 1024 * 1024, ge=1024, description="Largest callback body sent"
    )
    rules_dir: Path | None = Field(
        None,
        description="Folder of cross-check rule files (<PRODUCT_TYPE>.yaml) searched before the "
        "packaged ones; see docs/cross-checks.md",
    )

    @field_validator("retry_schedule")
    @classmethod
    def _check_schedule(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if any(not 0 <= v <= 86_400 for v in value):
            raise ValueError("retry_schedule values must be between 0 and 86400 seconds")
        return value


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


class Settings(BaseSettings):
    """The whole configuration of one kagaz process."""

    model_config = SettingsConfigDict(
        env_prefix="KAGAZ_", env_nested_delimiter="__", extra="ignore"
    )

    env: Literal["development", "production", "test"] = Field(
        "development", description="Deployment kind; production rejects unsafe defaults"
    )
    data_dir: Path = Field(Path("data"), description="Where the embedded default keeps its files")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL, e.g. postgresql+psycopg://user:pass@host/kagaz; default: "
        "SQLite file in the data directory",
    )
    queue: Literal["local", "celery"] = Field(
        "local",
        description="How documents reach workers: local (threads in the API process; the "
        "database is the queue) or celery (kagaz worker processes over the broker)",
    )
    broker_url: SecretStr | None = Field(
        None,
        description="Celery broker, e.g. redis://host:6379/0 (required with KAGAZ_QUEUE=celery)",
    )
    storage_url: str | None = Field(
        None,
        description="Where originals and derived images go: a directory, file:///path or "
        "s3://bucket/prefix (see the s3_* settings); default: files/ in the data directory",
    )
    log_format: Literal["json", "text"] = Field(
        "json", description="Log lines as JSON objects (one per line) or plain text"
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", description="Least severe level logged"
    )
    fetch_allow_private: str = Field(
        "",
        description="Comma list of CIDRs or host names that may be fetched despite the SSRF guard",
    )
    engine: EngineSettings = Field(default_factory=EngineSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    storage: StorageSettings = Field(default_factory=StorageSettings)
    callbacks: CallbackSettings = Field(default_factory=CallbackSettings)

    @field_validator("storage_url")
    @classmethod
    def _check_storage_url(cls, value: str | None) -> str | None:
        parse_storage_url(value, Path("."))
        return value or None

    @field_validator("broker_url")
    @classmethod
    def _check_broker_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not re.match(r"^(redis|rediss|amqp|amqps|sentinel)://", value.get_secret_value()):
            raise ValueError("broker_url must be a redis://, rediss://, amqp:// or sentinel:// URL")
        return value

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        if self.queue == "celery" and self.broker_url is None:
            raise ValueError("KAGAZ_BROKER_URL is required when KAGAZ_QUEUE=celery")
        location = self.storage_location()
        if self.storage.redact_links == "presigned" and location.kind != "s3":
            raise ValueError("KAGAZ_STORAGE__REDACT_LINKS=presigned needs an s3:// storage_url")
        return self

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kagaz.db').resolve()}"

    def storage_location(self) -> StorageLocation:
        return parse_storage_url(self.storage_url, self.data_dir)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()


if __name__ == "__main__":  # pragma: no cover - exercised by tests/test_settings.py
    if sys.argv[1:] == ["--markdown"]:
        from kagaz.settings_doc import markdown_tables

        sys.stdout.write(markdown_tables())
    else:
        sys.stderr.write("usage: python -m kagaz.settings --markdown\n")
        raise SystemExit(2)
