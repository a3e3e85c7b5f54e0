"""Fetching documents (``KAGAZ_FETCH__*``): sizes, timeouts, the SSRF guard's exceptions."""

from __future__ import annotations


from pydantic import BaseModel, Field

__all__ = ["FetchSettings"]


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
