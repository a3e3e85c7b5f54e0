"""Flow API callbacks (``KAGAZ_CALLBACKS__*``): retries, signing, rules."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator

__all__ = ["CallbackSettings"]


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
    auth_url_check: bool = Field(
        True,
        description="At v3 multiupload, check that the flow's auth_url can be reached (a "
        "connection through the SSRF guard, no request sent); 422 when it cannot",
    )
    auth_url_check_timeout: float = Field(
        3.0, gt=0, le=30, description="Seconds the auth_url check may take (DNS, connect, TLS)"
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
