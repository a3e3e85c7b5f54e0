"""The HTTP API's settings (``KAGAZ_API__*``)."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, SecretStr, field_validator

__all__ = ["ApiSettings"]


class ApiSettings(BaseModel):
    """The HTTP API: tokens, links and request limits (``KAGAZ_API__*``)."""

    token_ttl_seconds: int = Field(
        3600, ge=60, le=86_400, description="Lifetime of an access token (expires_in)"
    )
    refresh_token_ttl_seconds: int = Field(
        7 * 86_400,
        ge=300,
        le=90 * 86_400,
        description="Lifetime of a refresh token (/v1/verification/authtoken); also bounds how "
        "long access tokens may be renewed at /refresh-token without the secret",
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
