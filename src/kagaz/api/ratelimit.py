"""Per-client rate limits on the endpoints worth abusing: ``*/authtoken`` and the batch
submissions (``*/multiupload``, ``*/upload``).

* ``authtoken`` has no authenticated client, so it is limited per source address (every
  attempt), and failed attempts (401) are limited per (``Client-Id``, source address): a brute
  force against one client id stops there, while the same client id from its owner's address is
  not locked out by someone else's failures. ``*/refresh-token`` counts the same way (it has no
  ``Client-Id``: its failures are counted per source address).
* Submissions are limited per client, the one whose valid token the request carries (an
  invalid token is limited per source address; the route answers 401 anyway). One client's
  flood never spends another client's allowance.

Over a limit the answer is 429 in the Atlas envelope with ``Retry-After``. Counters are fixed
windows of ``api.rate_limit_window_seconds``: in-process by default, or shared in Redis
(``api.rate_limit_redis_url``, else the broker URL when ``KAGAZ_QUEUE=celery`` runs on Redis) so
that several API processes enforce one limit. If Redis is unreachable the limiter lets requests
through and logs a warning: it is a defence in depth, and authentication must not fail with it.

The source address is the ASGI ``client``; behind a reverse proxy run uvicorn with
``--proxy-headers --forwarded-allow-ips`` so that it is the caller's, not the proxy's.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kagaz.api.middleware import _send_error
from kagaz.services.errors import ApiError
from kagaz.settings import Settings

__all__ = [
    "MemoryCounter",
    "RateLimit",
    "RateLimits",
    "RedisCounter",
    "WindowCounter",
    "limits_from_settings",
]

log = logging.getLogger(__name__)

_SUBMISSIONS = ("/multiupload", "/upload")


class WindowCounter(Protocol):
    """Fixed-window counters: ``hit`` adds one and returns the new count, ``peek`` reads."""

    async def hit(self, key: str, window: int, seconds: int) -> int: ...

    async def peek(self, key: str, window: int) -> int: ...


class MemoryCounter:
    """Counters in this process (the embedded default). Used from the event loop only."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._counts: dict[tuple[str, int], int] = {}
        self._window = -1
        self._max_keys = max_keys

    def _prune(self, window: int) -> None:
        if window != self._window or len(self._counts) > self._max_keys:
            self._window = window
            self._counts = {k: v for k, v in self._counts.items() if k[1] >= window}
            if len(self._counts) > self._max_keys:  # a flood of distinct keys: start over
                self._counts.clear()

    async def hit(self, key: str, window: int, seconds: int) -> int:
        self._prune(window)
        count = self._counts.get((key, window), 0) + 1
        self._counts[(key, window)] = count
        return count

    async def peek(self, key: str, window: int) -> int:
        self._prune(window)
        return self._counts.get((key, window), 0)


class RedisCounter:
    """Counters shared by every API process through Redis (``INCR`` + ``EXPIRE``)."""

    def __init__(self, url: str, *, prefix: str = "kagaz:rl:") -> None:
        import redis.asyncio as aioredis

        self._redis = aioredis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5
        )
        self._prefix = prefix

    async def hit(self, key: str, window: int, seconds: int) -> int:
        name = f"{self._prefix}{key}:{window}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, seconds + 1)
            count, _ = await pipe.execute()
        return int(count)

    async def peek(self, key: str, window: int) -> int:
        value = await self._redis.get(f"{self._prefix}{key}:{window}")
        return int(value or 0)

    async def aclose(self) -> None:
        await self._redis.aclose()


@dataclass(frozen=True)
class RateLimits:
    window_seconds: int
    authtoken_per_address: int
    authtoken_failures: int
    submissions_per_client: int


def limits_from_settings(settings: Settings) -> tuple[RateLimits, WindowCounter] | None:
    """The limits and the counter store the settings ask for, or None when turned off."""
    api = settings.api
    if not api.rate_limit_enabled:
        return None
    limits = RateLimits(
        window_seconds=api.rate_limit_window_seconds,
        authtoken_per_address=api.rate_limit_authtoken_per_address,
        authtoken_failures=api.rate_limit_authtoken_failures,
        submissions_per_client=api.rate_limit_submissions_per_client,
    )
    url = api.rate_limit_redis_url.get_secret_value() if api.rate_limit_redis_url else None
    if url is None and settings.queue == "celery" and settings.broker_url is not None:
        broker = settings.broker_url.get_secret_value()
        if broker.startswith(("redis://", "rediss://")):
            url = broker
    counter: WindowCounter = RedisCounter(url) if url else MemoryCounter()
    return limits, counter


class RateLimit:
    """ASGI middleware applying :class:`RateLimits` (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, limits: RateLimits, counter: WindowCounter) -> None:
        self.app = app
        self.limits = limits
        self.counter = counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path.endswith(("/authtoken", "/refresh-token")):
            await self._authtoken(scope, receive, send)
        elif path.endswith(_SUBMISSIONS):
            await self._submission(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _window(self) -> tuple[int, int]:
        """The current window's index and the seconds until the next one."""
        seconds = self.limits.window_seconds
        now = time.time()
        return int(now // seconds), max(1, math.ceil(seconds - now % seconds))

    async def _count(self, key: str, window: int, *, peek: bool = False) -> int:
        try:
            if peek:
                return await self.counter.peek(key, window)
            return await self.counter.hit(key, window, self.limits.window_seconds)
        except Exception as exc:  # Redis down: let the request through (see module docstring)
            log.warning("rate limiter unavailable (%s); not limiting", type(exc).__name__)
            return 0

    async def _authtoken(self, scope: Scope, receive: Receive, send: Send) -> None:
        window, retry = self._window()
        address = _address(scope)
        client_id = _header(scope, b"client-id")[:256]
        failures_key = f"auth-fail:{client_id}:{address}"
        if await self._count(f"auth-addr:{address}", window) > self.limits.authtoken_per_address:
            await _too_many(send, retry, "Too many authentication attempts from this address")
            return
        if await self._count(failures_key, window, peek=True) >= self.limits.authtoken_failures:
            await _too_many(send, retry, "Too many failed authentication attempts")
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status == 401:
            await self._count(failures_key, window)

    async def _submission(self, scope: Scope, receive: Receive, send: Send) -> None:
        window, retry = self._window()
        key = f"submit-addr:{_address(scope)}"
        token = _header(scope, b"token").strip()
        services = getattr(scope.get("app"), "state", None)
        services = getattr(services, "services", None)
        if token and services is not None:
            try:
                key = f"submit-client:{services.tokens.verify(token).client_id}"
            except ApiError:
                pass  # an invalid token: limited by address; the route answers 401
        if await self._count(key, window) > self.limits.submissions_per_client:
            await _too_many(send, retry, "Too many submissions; slow down")
            return
        await self.app(scope, receive, send)


def _address(scope: Scope) -> str:
    client: Any = scope.get("client")
    return str(client[0]) if client else "unknown"


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


async def _too_many(send: Send, retry_after: int, detail: str) -> None:
    await _send_error(send, 429, detail, [(b"retry-after", str(retry_after).encode())])
