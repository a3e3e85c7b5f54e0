"""Download one submitted document: streamed, size- and time-bounded, SSRF-guarded.

Each try follows at most ``max_redirects`` redirects by hand (scheme and address are checked on
every hop), reads at most ``max_bytes`` (decoding gzip/deflate itself, with the same bound), and
must finish within ``total_timeout`` (a deadline on every socket operation, headers included:
:func:`kagaz.fetch.transport.deadline`). URLs are checked by :func:`~kagaz.fetch.guard.parse_url`
(no credentials, at most ``max_url_length`` characters, redirect targets included). Tries are repeated with exponential backoff only for
timeouts and 5xx answers. The URL is sent exactly as submitted: the query string of a pre-signed
S3 URL is passed through byte for byte. URLs are never logged (they carry credentials).
"""

from __future__ import annotations

import time
import urllib.parse
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from kagaz.errors import FetchError, FetchRefused, FetchTimeout, KagazError, TooLarge
from kagaz.fetch.guard import AddressPolicy, Resolver, parse_url, system_resolver
from kagaz.fetch.sniff import EXTENSIONS, sniff_format
from kagaz.fetch.transport import GuardedTransport, deadline, deadline_reached, timeouts
from kagaz.settings import FetchSettings

__all__ = ["Fetched", "Fetcher", "parse_url"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document."""

    data: bytes
    format: str  # jpeg, png, webp, tiff or pdf, from the magic bytes
    filename: str  # a safe name derived from the URL path, with the detected extension


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, FetchTimeout) or bool(getattr(exc, "retryable", False))


def _server_error(status: int) -> FetchError:
    err = FetchError(f"The server answered HTTP {status}")
    err.retryable = True  # type: ignore[attr-defined]
    return err


class _Decoder:
    """Bounded decoding of a Content-Encoding (identity, gzip or deflate)."""

    def __init__(self, encoding: str | None) -> None:
        enc = (encoding or "identity").strip().lower()
        if enc in ("", "identity"):
            self._z = None
        elif enc in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self._z = zlib.decompressobj()
        else:
            raise FetchError(f"Unsupported Content-Encoding {enc[:20]!r}")

    def decode(self, chunk: bytes, room: int) -> bytes:
        if self._z is None:
            return chunk
        try:
            out = self._z.decompress(chunk, room + 1)
        except zlib.error as exc:
            raise FetchError("The response body is not valid compressed data") from exc
        if self._z.unconsumed_tail:
            raise TooLarge("The document exceeds the download size limit")
        return out

    def finish(self) -> None:
        """Raise if a compressed body ended before its compressed stream did (a truncated
        download must not pass as a shorter document)."""
        if self._z is not None and not self._z.eof:
            raise FetchError("The compressed response body is truncated")


class Fetcher:
    """Downloads documents under the limits of :class:`~kagaz.settings.FetchSettings`.

    Thread-safe: one instance serves every worker. There is no cookie jar, no stored auth and no
    proxy; each request is sent straight through the guarded transport.
    """

    def __init__(
        self,
        settings: FetchSettings,
        policy: AddressPolicy,
        *,
        resolver: Resolver = system_resolver,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self._transport = transport or GuardedTransport(
            policy, resolver=resolver, resolve_timeout=settings.connect_timeout
        )
        self._sleep = sleep
        self._timeout = timeouts(settings.connect_timeout, settings.read_timeout)

    def close(self) -> None:
        self._transport.close()

    def fetch(self, url: str) -> Fetched:
        """Download ``url``; raises a :class:`~kagaz.errors.KagazError` subclass on failure."""
        first = parse_url(url, max_length=self.settings.max_url_length)
        s = self.settings
        retrying = Retrying(
            stop=stop_after_attempt(s.attempts),
            wait=wait_exponential(multiplier=s.backoff_seconds, max=8.0),
            retry=retry_if_exception(_retryable),
            sleep=self._sleep,
            reraise=True,
        )
        data, final = retrying(self._attempt, first)
        fmt = sniff_format(data)
        return Fetched(data=data, format=fmt, filename=_filename(final, fmt))

    def _attempt(self, url: httpx.URL) -> tuple[bytes, httpx.URL]:
        # The deadline also bounds every socket read inside httpx (a server dripping its headers
        # a byte at a time), not only the gaps between body chunks checked in _read.
        with deadline(self.settings.total_timeout):
            return self._hops(url, time.monotonic() + self.settings.total_timeout)

    def _hops(self, url: httpx.URL, until: float) -> tuple[bytes, httpx.URL]:
        for _hop in range(self.settings.max_redirects + 1):
            response = self._send(parse_url(url, max_length=self.settings.max_url_length))
            try:
                if response.status_code in _REDIRECTS:
                    url = self._next_hop(response)
                    continue
                if response.status_code >= 500:
                    raise _server_error(response.status_code)
                if response.status_code != 200:
                    raise FetchError(f"The server answered HTTP {response.status_code}")
                return self._read(response, until), url
            finally:
                response.close()
        raise FetchError(f"More than {self.settings.max_redirects} redirects")

    def _send(self, url: httpx.URL) -> httpx.Response:
        request = httpx.Request(
            "GET",
            url,
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept": "*/*",
                "Accept-Encoding": "identity, gzip, deflate",
            },
            extensions={"timeout": self._timeout},
        )
        try:
            response = self._transport.handle_request(request)
        except httpx.TimeoutException as exc:
            raise self._timeout_error(exc) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"Connection failed: {type(exc).__name__}") from exc
        response.request = request
        return response

    def _next_hop(self, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("location")
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
        try:
            target = response.request.url.join(location)
            return parse_url(target, max_length=self.settings.max_url_length)
        except KagazError:
            raise
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchRefused("The redirect target is malformed") from exc

    def _read(self, response: httpx.Response, until: float) -> bytes:
        cap = self.settings.max_bytes
        length = response.headers.get("content-length", "")
        if length.strip().isdigit() and int(length) > cap:
            raise TooLarge(f"The document is larger than {cap} bytes")
        decoder = _Decoder(response.headers.get("content-encoding"))
        body = bytearray()
        try:
            for chunk in response.iter_raw():  # as received: no buffering
                if time.monotonic() > until:
                    raise FetchTimeout(
                        f"The download took longer than {self.settings.total_timeout:g} s"
                    )
                body += decoder.decode(chunk, cap - len(body))
                if len(body) > cap:
                    raise TooLarge(f"The document is larger than {cap} bytes")
            decoder.finish()
        except httpx.TimeoutException as exc:
            raise self._timeout_error(exc) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"Connection failed: {type(exc).__name__}") from exc
        return bytes(body)

    def _timeout_error(self, exc: httpx.TimeoutException) -> FetchTimeout:
        if deadline_reached():
            return FetchTimeout(f"The download took longer than {self.settings.total_timeout:g} s")
        return FetchTimeout(f"Timed out: {type(exc).__name__}")


def _filename(url: httpx.URL, fmt: str) -> str:
    """A harmless file name from the URL's last path segment, with the detected extension."""
    last = urllib.parse.unquote(url.path.rsplit("/", 1)[-1])
    stem = "".join(c for c in last.rsplit(".", 1)[0] if c.isalnum() or c in "-_")[:100]
    return f"{stem or 'document'}.{EXTENSIONS[fmt]}"
