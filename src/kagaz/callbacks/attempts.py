"""One delivery attempt: auth_url, then the signed POST; and the backoff schedule.
(:mod:`kagaz.services.callback_delivery` claims a delivery, runs an attempt and logs it.)

Attempt statuses (the delivery log's ``status``):

* ``delivered`` — the callback answered 2xx (final).
* ``failed`` — the callback answered non-2xx, or a network error (retried).
* ``auth_failed`` — ``auth_url`` answered non-2xx, timed out, failed, or gave no token; the
  callback was not sent (retried).
* ``timeout`` — the callback did not answer within the connect/read/total timeouts (retried).
* ``refused`` — the SSRF guard refused the ``auth_url`` or ``callback_url`` address (final: the
  address will not change by waiting; fix the allow-list or the URL and replay), the payload is
  over the size cap, or the client has been revoked (nothing is sent).

After a retried status the next attempt is due after ``retry_schedule[n - 1]`` seconds (the last
value repeating), but never later than ``give_up_at`` (``retry_for_seconds`` after the delivery
was queued): the last attempt happens at that age, so a delivery is retried for at least that
long. A failure at or after ``give_up_at`` makes the delivery ``failed`` for good.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from kagaz.callbacks.auth import AuthFailed, auth_config, fetch_token
from kagaz.callbacks.http import CallbackClient
from kagaz.callbacks.signing import signed_headers
from kagaz.errors import FetchError, FetchRefused, FetchTimeout
from kagaz.settings import CallbackSettings

__all__ = [
    "AUTH_FAILED",
    "DELIVERED",
    "FAILED",
    "FINAL",
    "REFUSED",
    "TIMEOUT",
    "Delivery",
    "Outcome",
    "attempt",
    "next_attempt_at",
]

DELIVERED = "delivered"
FAILED = "failed"
AUTH_FAILED = "auth_failed"
TIMEOUT = "timeout"
REFUSED = "refused"
FINAL = (DELIVERED, REFUSED)  # an attempt ending so is never retried
_USER_AGENT = "kagaz-callbacks/0.1"


class Delivery(Protocol):
    """What one attempt sends where (:class:`kagaz.database.callbacks.DeliveryJob`)."""

    @property
    def id(self) -> str: ...  # the webhook-id
    @property
    def flow_uuid(self) -> str: ...
    @property
    def application_id(self) -> str: ...
    @property
    def auth_url(self) -> str: ...
    @property
    def callback_url(self) -> str: ...
    @property
    def auth_config(self) -> dict[str, Any] | None: ...
    @property
    def payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str
    http_status: int | None = None
    error: str | None = None


def next_attempt_at(
    settings: CallbackSettings,
    *,
    attempt: int,
    outcome: Outcome,
    now: dt.datetime,
    give_up_at: dt.datetime,
) -> dt.datetime | None:
    """When to try again after attempt number ``attempt`` (1-based); None: never.

    >>> s = CallbackSettings(retry_schedule=(5, 30))
    >>> t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC); end = t0 + dt.timedelta(seconds=100)
    >>> [(next_attempt_at(s, attempt=n, outcome=Outcome("failed"), now=t0, give_up_at=end) - t0)
    ...  .seconds for n in (1, 2, 3)]
    [5, 30, 30]
    >>> next_attempt_at(s, attempt=9, outcome=Outcome("failed"), now=end, give_up_at=end) is None
    True
    """
    if outcome.status in FINAL or now >= give_up_at:
        return None
    schedule = settings.retry_schedule
    delay = schedule[min(attempt, len(schedule)) - 1]
    return min(now + dt.timedelta(seconds=delay), give_up_at)


def _classify(exc: Exception) -> tuple[str, str]:
    """(status, error) of a network failure; the error names no URL, token or body."""
    if isinstance(exc, FetchRefused):
        return REFUSED, exc.message
    if isinstance(exc, (httpx.TimeoutException, FetchTimeout)):
        return TIMEOUT, f"Timed out ({type(exc).__name__})"
    if isinstance(exc, FetchError):
        return FAILED, exc.message
    return FAILED, f"Connection failed ({type(exc).__name__})"


def attempt(
    client: CallbackClient,
    settings: CallbackSettings,
    job: Delivery,
    *,
    secret: str,
) -> Outcome:
    """Authorise at ``auth_url``, then POST the signed payload to ``callback_url``."""
    body = json.dumps(job.payload, separators=(",", ":"), ensure_ascii=False).encode()
    if len(body) > settings.max_payload_bytes:
        return Outcome(REFUSED, None, f"The payload is larger than {settings.max_payload_bytes} B")
    config = auth_config(settings, job.auth_config)
    try:
        token = fetch_token(
            client,
            url=job.auth_url,
            config=config,
            secret=secret,
            msg_id=job.id,
            flow_uuid=job.flow_uuid,
            application_id=job.application_id,
        )
    except AuthFailed as exc:
        return Outcome(AUTH_FAILED, exc.http_status, exc.message)
    except (httpx.HTTPError, FetchError) as exc:
        status, error = _classify(exc)
        # The callback was never sent: any failure of the auth step is auth_failed, except a
        # refused address, which waiting will not fix.
        return Outcome(status if status == REFUSED else AUTH_FAILED, None, f"auth_url: {error}")
    headers = {
        "Content-Type": "application/json",
        "User-Agent": _USER_AGENT,
        config.header: f"{config.prefix}{token}",
        **signed_headers(secret, job.id, body),
    }
    try:
        status_code, _answer = client.request("POST", job.callback_url, headers=headers, body=body)
    except (httpx.HTTPError, FetchError) as exc:
        status, error = _classify(exc)
        return Outcome(status, None, error)
    if 200 <= status_code < 300:
        return Outcome(DELIVERED, status_code)
    return Outcome(FAILED, status_code, f"callback_url answered HTTP {status_code}")
