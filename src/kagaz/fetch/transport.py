"""An httpx transport whose every TCP connection goes through the SSRF guard.

httpx hands the connection pool a host name; :class:`GuardedBackend` resolves it itself, checks
every address with the :class:`~kagaz.fetch.guard.AddressPolicy`, and connects to a checked
address. TLS still uses the URL's host name for SNI and certificate checks, and the ``Host``
header is the URL's, so virtual hosting and pre-signed URLs work unchanged. Because the check
sits on the connection itself, every redirect hop (a new origin means a new connection) is
checked again, and no proxy from the environment is ever used.
"""

from __future__ import annotations

import typing

import httpcore
import httpx

from kagaz.fetch.guard import AddressPolicy, Resolver, resolve_checked, system_resolver

__all__ = ["GuardedBackend", "GuardedTransport"]


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
            timeout=timeout or self.resolve_timeout,
        )
        error: Exception | None = None
        for ip in addresses:
            try:
                return super().connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> typing.NoReturn:
        raise httpcore.UnsupportedProtocol("Unix sockets are never used for fetching")


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
        super().__init__(trust_env=False, retries=0)
        ssl_context = httpx.create_ssl_context()
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
