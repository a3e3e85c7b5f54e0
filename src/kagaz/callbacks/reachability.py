"""Can ``auth_url`` be reached? A connection to its host through the SSRF guard, and nothing more.

The reference's v3 ``multiupload`` answers 422 when Atlas "could not reach the authentication
URL you configured". kagaz checks exactly that, without calling ``auth_url``: it resolves the
host, lets the guard check every address (a private or metadata address is refused by that
decision, before any connection), opens a TCP connection to a checked address and, for
``https``, completes the TLS handshake with the URL's name; then it closes the connection. No
HTTP request is sent, so the lender's endpoint never sees a call it did not expect and no token
is minted for nothing. Whether the lender *grants* a token is learnt at delivery
(``auth_failed`` in the delivery log).
"""

from __future__ import annotations

import functools
import ssl

import httpcore
import httpx

from kagaz.errors import FetchError, FetchRefused, FetchTimeout, KagazError
from kagaz.fetch.guard import AddressPolicy, Resolver, parse_url, system_resolver
from kagaz.fetch.transport import GuardedBackend, deadline

__all__ = ["Unreachable", "check_reachable"]


class Unreachable(KagazError):
    """``auth_url`` could not be reached: refused by the guard, unresolvable, refused, timed out."""

    code = "AUTH_URL_UNREACHABLE"
    message = "The auth_url could not be reached"


def check_reachable(
    url: str,
    policy: AddressPolicy,
    *,
    resolver: Resolver = system_resolver,
    timeout: float,
) -> None:
    """Return when ``url``'s host accepts a connection (and a TLS handshake, for https) within
    ``timeout`` seconds in all; raise :class:`Unreachable` with the reason otherwise. The reason
    names no URL or address."""
    try:
        target = parse_url(url)
        port = target.port or (443 if target.scheme == "https" else 80)
        backend = GuardedBackend(policy, resolver=resolver, resolve_timeout=timeout)
        with deadline(timeout):
            stream = backend.connect_tcp(target.host, port, timeout=timeout)
            try:
                if target.scheme == "https":
                    stream = stream.start_tls(
                        _ssl_context(), server_hostname=target.host, timeout=timeout
                    )
            finally:
                stream.close()
    except FetchRefused as exc:
        raise Unreachable(exc.message) from exc
    except FetchTimeout as exc:
        raise Unreachable("Timed out") from exc
    except FetchError as exc:
        raise Unreachable(exc.message) from exc
    except (httpcore.ConnectTimeout, httpcore.ReadTimeout, httpcore.WriteTimeout) as exc:
        raise Unreachable("Timed out") from exc
    except httpcore.ConnectError as exc:
        raise Unreachable(_connect_reason(exc)) from exc
    except (httpcore.NetworkError, OSError) as exc:  # a TLS failure, a reset
        raise Unreachable(f"Connection failed ({type(exc).__name__})") from exc


@functools.lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verifying context (loading the CA bundle takes tens of milliseconds)."""
    return httpx.create_ssl_context()


def _connect_reason(exc: httpcore.ConnectError) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "Connection refused"
    if "certificate" in text or "ssl" in text:
        return "TLS handshake failed"
    return "Connection failed"
