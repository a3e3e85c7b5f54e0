"""Hostile document servers: the fetcher stops at the size cap or the total deadline with the
right error code, in bounded time and memory, whatever the server claims or does.

Memory is measured with tracemalloc here (and that is enough): everything the fetcher holds is
Python objects (httpx/h11 buffers and the body bytearray); no native decoder is involved.
"""

from __future__ import annotations

import gzip
import time
import tracemalloc
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from kagaz.errors import FetchError, FetchTimeout, KagazError, TooLarge
from kagaz.fetch import AddressPolicy, Fetcher
from kagaz.fetch.testing import DocServer
from kagaz.settings import FetchSettings

CAP = 1_000_000
TOTAL = 1.0
PDF = b"%PDF-1.7\n"
GZIP_BOMB = gzip.compress(PDF + b"\x00" * 50_000_000, compresslevel=6)  # 50 KB -> 50 MB


@pytest.fixture(scope="module")
def server() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


def fetcher(**overrides: Any) -> Fetcher:
    settings: dict[str, Any] = {
        "max_bytes": CAP,
        "attempts": 1,
        "connect_timeout": 1,
        "read_timeout": 1,
        "total_timeout": TOTAL,
        **overrides,
    }
    return Fetcher(FetchSettings(**settings), AddressPolicy.from_setting("127.0.0.1"))


def _measure(url: str, **overrides: Any) -> tuple[KagazError | None, float, float]:
    """(the error raised, seconds, peak MB allocated while fetching)."""
    f = fetcher(**overrides)
    tracemalloc.start()
    t = time.monotonic()
    error: KagazError | None = None
    try:
        f.fetch(url)
    except KagazError as exc:
        error = exc
    seconds = time.monotonic() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    f.close()
    return error, seconds, peak / 1e6


def _endless(headers: dict[str, str], chunked: bool = False, pause: float = 0.0) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that sends ``headers`` then body bytes until the client goes away."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        for k, v in headers.items():
            h.send_header(k, v)
        h.end_headers()
        chunk = PDF + b"0" * 65_527
        try:
            for _ in range(100_000):  # 6.5 GB at most: the client must stop long before
                if chunked:
                    h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                else:
                    h.wfile.write(chunk)
                if pause:
                    time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return handle


def _header_drip(h: BaseHTTPRequestHandler) -> None:
    """Headers a byte at a time, 20 a second, forever: every read is in time."""
    try:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        h.wfile.flush()
        while True:
            for byte in b"X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n":
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                time.sleep(0.05)
    except (BrokenPipeError, ConnectionResetError):
        pass


def _silent(h: BaseHTTPRequestHandler) -> None:
    time.sleep(TOTAL + 2)


CASES: dict[str, tuple[dict[str, Any], type[KagazError], float]] = {
    # name: (route, expected error, seconds allowed)
    "content_length_1gb_then_endless": (
        {"handler": _endless({"Content-Length": "1073741824"})},
        TooLarge,
        2.0,
    ),
    "no_length_endless": ({"handler": _endless({"Connection": "close"})}, TooLarge, 2.0),
    "chunked_past_the_cap": ({"handler": _endless({"Transfer-Encoding": "chunked"}, chunked=True)}, TooLarge, 2.0),
    "small_length_then_endless": (  # claims 2 MB (over the cap) and keeps going
        {"handler": _endless({"Content-Length": str(2 * CAP)})},
        TooLarge,
        2.0,
    ),
    "gzip_bomb_lying_length": (
        {
            "body": GZIP_BOMB,
            "headers": {"Content-Encoding": "gzip", "Content-Length": "1000"},
        },
        FetchError,  # h11 reads the 1000 bytes it was promised: a truncated gzip, refused
        2.0,
    ),
    "gzip_bomb": (
        {"body": GZIP_BOMB, "headers": {"Content-Encoding": "gzip"}},
        TooLarge,
        2.0,
    ),
    "slow_drip_body": ({"body": PDF * 1000, "drip": 0.05}, FetchTimeout, TOTAL + 1.5),
    "slow_endless_body": (
        {"handler": _endless({"Connection": "close"}, pause=0.5)},
        FetchTimeout,
        TOTAL + 1.5,
    ),
    "slow_drip_headers": ({"handler": _header_drip}, FetchTimeout, TOTAL + 1.5),
    "silent": ({"handler": _silent}, FetchTimeout, TOTAL + 1.5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_server_is_cut_off(name: str, server: DocServer) -> None:
    route, expected, seconds = CASES[name]
    url = server.add(f"/{name}", **route)
    error, took, peak_mb = _measure(url)
    assert isinstance(error, expected), (name, error)
    assert took < seconds, (name, took)
    assert peak_mb < 3 * CAP / 1e6 + 2, (name, peak_mb)  # the cap, its copy and httpx's buffers


def test_the_total_deadline_covers_every_retry(server: DocServer) -> None:
    """attempts x total_timeout (plus backoff) bounds a URL, even when each try drips."""
    url = server.add("/drip-headers", handler=_header_drip)
    t = time.monotonic()
    with pytest.raises(FetchTimeout, match="longer than"):
        Fetcher(
            FetchSettings(attempts=2, backoff_seconds=0, read_timeout=1, total_timeout=0.6),
            AddressPolicy.from_setting("127.0.0.1"),
            sleep=lambda s: None,
        ).fetch(url)
    assert time.monotonic() - t < 2 * 0.6 + 1.0
