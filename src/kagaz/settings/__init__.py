"""All of kagaz's settings, in one typed object read from ``KAGAZ_*`` environment variables;
one module per section (engine, api, fetch, worker, storage, callbacks).

Nested groups use a double underscore: ``KAGAZ_ENGINE__OCR_THREADS=1``. Top-level settings that
operators set most (``KAGAZ_DATA_DIR``, ``KAGAZ_DATABASE_URL``, ``KAGAZ_QUEUE``,
``KAGAZ_BROKER_URL``, ``KAGAZ_STORAGE_URL``, ``KAGAZ_FETCH_ALLOW_PRIVATE``) are flat. Stages never
read settings themselves: the pipeline builds their options from this object.

``python -m kagaz.settings --markdown`` (:mod:`kagaz.settings.markdown`) prints every setting as the
tables of ``docs/configuration.md`` (a test fails when that file is out of date).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kagaz.settings.api import ApiSettings
from kagaz.settings.callbacks import CallbackSettings
from kagaz.settings.engine import EngineSettings
from kagaz.settings.fetch import FetchSettings
from kagaz.settings.storage import StorageLocation, StorageSettings, parse_storage_url
from kagaz.settings.worker import WorkerSettings

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
