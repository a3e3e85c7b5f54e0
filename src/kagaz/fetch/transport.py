"""An httpx transport whose every TCP connection goes through the SSRF guard.

httpx hands the connection pool a host name; :class:`GuardedBackend` resolves it itself, checks
every address with the :class:`~kagaz.fetch.guard.AddressPolicy`, and connects to a checked
address. TLS still uses the URL's host name for SNI and certificate checks, and the ``Host``
header is the URL's, so virtual hosting and pre-signed URLs work unchanged. Because the check
sits on the connection itself, every redirect hop (a new origin means a new connection) is
checked again, and no proxy from the environment is ever used.

A per-read timeout does not bound a download: a server that drips one byte a second (in the
body or in the headers) never trips it. :func:`deadline` sets an end-to-end limit for everything
the current thread does through a guarded connection (DNS, connect, TLS, every read and write):
each socket operation waits at most until the deadline, and none starts after it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import ssl
import time
import typing
from collections.abc import Iterator

import httpcore
import httpx

from kagaz.fetch.guard import AddressPolicy, Resolver, resolve_checked, system_resolver

__all__ = ["GuardedBackend", "GuardedTransport", "deadline", "deadline_reached", "timeouts"]

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "kagaz_fetch_deadline", default=None
)


def timeouts(connect: float, read: float) -> dict[str, float | None]:
    """httpx timeouts for a guarded request: ``connect`` also bounds the wait for a pooled
    connection, ``read`` also bounds each write (the total is bounded by :func:`deadline`)."""
    return httpx.Timeout(connect=connect, read=read, write=read, pool=connect).as_dict()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Bound every guarded socket operation in this block to end within ``seconds`` from now
    (nested blocks keep the earlier deadline). Past it, reads raise ``httpx.ReadTimeout``."""
    end = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def deadline_reached(slack: float = 0.05) -> bool:
    """True when the thread's :func:`deadline` has passed (within ``slack`` seconds)."""
    end = _DEADLINE.get()
    return end is not None and time.monotonic() >= end - slack


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to what is left before the deadline; raises ``error`` when none is."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("The total time limit was reached")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation also respects the thread's :func:`deadline`."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Resolve, check, then connect to the checked address."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        resolve_timeout: float = 10.0,
    ) -> None:
        self.policy = policy
        self.resolver = resolver
        self.resolve_timeout = resolve_timeout

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_checked(
            host,
            port,
            policy=self.policy,
            resolver=self.resolver,
            timeout=_bounded(timeout or self.resolve_timeout, httpcore.ConnectTimeout)
            or self.resolve_timeout,
        )
        error: Exception | None = None
        for ip in addresses:
            try:
                stream = super().connect_tcp(
                    str(ip),
                    port,
                    timeout=_bounded(timeout, httpcore.ConnectTimeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> typing.NoReturn:
        raise httpcore.UnsupportedProtocol("Unix sockets are never used for fetching")


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every transport (loading the CA bundle takes ~70 ms;
    contexts are safe to share between connections and threads)."""
    return httpx.create_ssl_context()


class GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` with a :class:`GuardedBackend` under its connection pool."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        resolve_timeout: float = 10.0,
        max_connections: int = 32,
    ) -> None:
        ssl_context = _ssl_context()
        super().__init__(verify=ssl_context, trust_env=False, retries=0)
        # httpx.HTTPTransport exposes no network_backend argument; its pool is replaced by an
        # identical one with the guarded backend (tests/fetch checks the guard is in the path).
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=max_connections,
            max_keepalive_connections=max_connections // 2,
            keepalive_expiry=30.0,
            http1=True,
            http2=False,
            retries=0,
            network_backend=GuardedBackend(
                policy, resolver=resolver, resolve_timeout=resolve_timeout
            ),
        )
