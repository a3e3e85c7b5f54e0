"""All of kagaz's settings, in one typed object read from ``KAGAZ_*`` environment variables.

Nested groups use a double underscore: ``KAGAZ_ENGINE__OCR_THREADS=1``. Top-level settings that
operators set most (``KAGAZ_DATA_DIR``, ``KAGAZ_DATABASE_URL``, ``KAGAZ_FETCH_ALLOW_PRIVATE``) are
flat. Stages never read settings themselves: the pipeline builds their options from this object.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "ApiSettings",
    "EngineSettings",
    "FetchSettings",
    "Settings",
    "StorageSettings",
    "WorkerSettings",
    "get_settings",
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


class ApiSettings(BaseModel):
    """The HTTP API: tokens, links and request limits (``KAGAZ_API__*``)."""

    token_ttl_seconds: int = Field(
        3600, ge=60, le=86_400, description="Lifetime of an access token (expires_in)"
    )
    signing_key: SecretStr | None = Field(
        None,
        min_length=32,
        description="Master key for tokens and signed links; default: generated once, kept in the DB",
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
        1000, ge=1, le=100_000, description="Most file_urls one multiupload may carry (else 413)"
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


class WorkerSettings(BaseModel):
    """The in-process worker pool (``KAGAZ_WORKER__*``)."""

    count: int = Field(
        1, ge=0, le=64, description="Worker threads in the server; 0 runs the API alone"
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


class StorageSettings(BaseModel):
    """Where originals and derived images live (``KAGAZ_STORAGE__*``)."""

    retention_days: float = Field(
        30.0, ge=0, description="Delete downloaded originals this many days after; 0 keeps them"
    )
    retention_interval_seconds: float = Field(
        3600.0, ge=1, description="How often the server runs the retention sweep"
    )


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
        None, description="SQLAlchemy URL; default: SQLite file in the data directory"
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

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kagaz.db').resolve()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
