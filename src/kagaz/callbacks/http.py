"""The HTTP client of callbacks: httpx through the SSRF-guarded transport, bounded in time.

Both the ``auth_url`` call and the callback POST go through
:class:`~kagaz.fetch.transport.GuardedTransport`, so they obey the same address policy as
document downloads (``KAGAZ_FETCH_ALLOW_PRIVATE``). Redirects are not followed (a 3xx is a
non-2xx answer), no proxy or cookie is used, and each request ends within
``KAGAZ_CALLBACKS__TOTAL_TIMEOUT`` seconds however slowly the receiver answers. At most 64 KiB
of an answer are read.
"""

from __future__ import annotations

import httpx

from kagaz.fetch.guard import AddressPolicy, Resolver, parse_url, system_resolver
from kagaz.fetch.transport import GuardedTransport, deadline, timeouts
from kagaz.settings import CallbackSettings

__all__ = ["MAX_ANSWER_BYTES", "CallbackClient"]

MAX_ANSWER_BYTES = 64 * 1024


class CallbackClient:
    """Sends one request and returns ``(status, answer bytes)``; thread-safe.

    Raises :class:`~kagaz.errors.FetchRefused` when the guard refuses the URL or its address,
    :class:`~kagaz.errors.FetchError` when the host does not resolve, ``httpx.TimeoutException``
    on a timeout and ``httpx.HTTPError`` on other network errors.
    """

    def __init__(
        self,
        settings: CallbackSettings,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        max_connections: int = 16,
    ) -> None:
        self.settings = settings
        self._transport = GuardedTransport(
            policy,
            resolver=resolver,
            resolve_timeout=settings.connect_timeout,
            max_connections=max_connections,
        )
        self._timeout = timeouts(settings.connect_timeout, settings.read_timeout)

    def close(self) -> None:
        self._transport.close()

    def request(
        self, method: str, url: str, *, headers: dict[str, str], body: bytes = b""
    ) -> tuple[int, bytes]:
        target = parse_url(url)
        with deadline(self.settings.total_timeout):
            request = httpx.Request(
                method,
                target,
                headers=headers,
                content=body if method != "GET" else None,
                extensions={"timeout": self._timeout},
            )
            response = self._transport.handle_request(request)
            try:
                answer = bytearray()
                for chunk in response.iter_raw():
                    answer += chunk
                    if len(answer) >= MAX_ANSWER_BYTES:
                        break
                return response.status_code, bytes(answer[:MAX_ANSWER_BYTES])
            finally:
                response.close()
