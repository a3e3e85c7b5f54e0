"""The fetcher against a loopback document server: limits, retries, redirects, SSRF, bytes."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kagaz.errors import (
    EmptyDocument,
    FetchError,
    FetchRefused,
    FetchTimeout,
    TooLarge,
    UnsupportedFormat,
)
from kagaz.fetch import AddressPolicy, Fetcher
from kagaz.fetch.testing import DocServer
from kagaz.fetch.transport import GuardedTransport
from kagaz.settings import FetchSettings

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"1 0 obj\n" * 10
PRESIGNED = (
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIA%2F20250101%2Fap-south-1%2Fs3%2Faws4_request"
    "&X-Amz-Date=20250101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=abc%2Fdef%2B%3D&response-content-disposition=inline%3B%20filename%3D%22a.pdf%22"
)


@pytest.fixture
def server() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


@pytest.fixture
def canary() -> Iterator[DocServer]:
    with DocServer("127.0.0.2") as srv:
        srv.add("/", PNG)
        yield srv


def fetcher(allow: str = "127.0.0.1", **overrides: Any) -> Fetcher:
    base: dict[str, Any] = {
        "attempts": 3,
        "backoff_seconds": 0,
        "connect_timeout": 2,
        "read_timeout": 0.5,
        "total_timeout": 3,
    }
    base.update(overrides)
    return Fetcher(FetchSettings(**base), AddressPolicy.from_setting(allow), sleep=lambda s: None)


@pytest.mark.parametrize(
    ("body", "fmt"),
    [
        (PNG, "png"),
        (PDF, "pdf"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "jpeg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"II*\x00" + b"\x00" * 8, "tiff"),
        (b"MM\x00*" + b"\x00" * 8, "tiff"),
    ],
)
def test_formats_come_from_magic_bytes(server: DocServer, body: bytes, fmt: str) -> None:
    url = server.add("/download", body, headers={"Content-Type": "text/html"})
    got = fetcher().fetch(url)
    assert (got.format, got.data) == (fmt, body)


def test_presigned_query_passes_byte_for_byte(server: DocServer) -> None:
    server.add("/bucket/key%20with%20space.pdf", PDF)
    url = server.url("/bucket/key%20with%20space.pdf") + PRESIGNED
    got = fetcher().fetch(url)
    assert server.requests == ["/bucket/key%20with%20space.pdf" + PRESIGNED]
    assert got.filename == "keywithspace.pdf"
    assert server.headers[0]["Host"] == f"127.0.0.1:{server.port}"


def test_not_found_and_forbidden_are_not_retried(server: DocServer) -> None:
    server.add("/denied", b"AccessDenied", status=403)
    for path, status in (("/missing", 404), ("/denied", 403)):
        with pytest.raises(FetchError, match=f"HTTP {status}") as info:
            fetcher().fetch(server.url(path))
        assert type(info.value) is FetchError
        assert server.hits(path) == 1


def test_5xx_is_retried_then_succeeds(server: DocServer) -> None:
    url = server.add("/flaky", PNG, fail_times=2)
    waits: list[float] = []
    f = Fetcher(
        FetchSettings(attempts=3, backoff_seconds=0.5),
        AddressPolicy.from_setting("127.0.0.1"),
        sleep=waits.append,
    )
    assert f.fetch(url).data == PNG
    assert server.hits("/flaky") == 3
    assert waits == [0.5, 1.0]  # exponential backoff


def test_5xx_exhausts_attempts(server: DocServer) -> None:
    url = server.add("/down", b"", status=502)
    with pytest.raises(FetchError, match="HTTP 502"):
        fetcher(attempts=2).fetch(url)
    assert server.hits("/down") == 2


def test_read_timeout_is_retried_then_fails(server: DocServer) -> None:
    url = server.add("/slow", PNG, delay=1.0)
    t = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetcher(attempts=2, read_timeout=0.3).fetch(url)
    assert server.hits("/slow") == 2
    assert time.monotonic() - t < 2.0


def test_slow_drip_hits_the_total_deadline(server: DocServer) -> None:
    url = server.add("/drip", PNG * 4, drip=0.05)  # every byte in time, the whole far too slow
    t = time.monotonic()
    with pytest.raises(FetchTimeout, match="longer than"):
        fetcher(attempts=1, read_timeout=1, total_timeout=0.5).fetch(url)
    assert time.monotonic() - t < 2.5


def test_size_cap_by_header_and_by_stream(server: DocServer) -> None:
    big = PDF + b"0" * 5000
    url = server.add("/big", big)
    with pytest.raises(TooLarge):
        fetcher(max_bytes=1000).fetch(url)

    def chunked_no_length(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for _ in range(50):
            chunk = b"0" * 1000
            handler.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")

    server.add("/chunked", handler=chunked_no_length)
    with pytest.raises(TooLarge):
        fetcher(max_bytes=10_000).fetch(server.url("/chunked"))
    assert fetcher(max_bytes=len(big)).fetch(url).data == big  # exactly at the cap is fine


def test_gzip_bomb_is_bounded(server: DocServer) -> None:
    bomb = gzip.compress(PDF + b"\x00" * 50_000_000)  # ~50 KB that inflates to 50 MB
    url = server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge):
        fetcher(max_bytes=1_000_000).fetch(url)
    small = server.add("/small", gzip.compress(PNG), headers={"Content-Encoding": "gzip"})
    assert fetcher().fetch(small).data == PNG


def test_html_and_empty_bodies(server: DocServer) -> None:
    html = server.add(
        "/login", b"<!DOCTYPE html><title>Sign in</title>", headers={"Content-Type": "image/png"}
    )
    with pytest.raises(UnsupportedFormat):
        fetcher().fetch(html)
    with pytest.raises(EmptyDocument):
        fetcher().fetch(server.add("/empty", b""))


def test_redirects_are_followed_up_to_the_limit(server: DocServer) -> None:
    server.add("/doc", PNG)
    server.add("/r1", redirect="/doc", status=301)
    server.add("/r2", redirect=server.url("/r1"), status=307)
    server.add("/r3", redirect="/r2", status=308)
    server.add("/r4", redirect="/r3")
    assert fetcher().fetch(server.url("/r3")).data == PNG
    with pytest.raises(FetchError, match="More than 3 redirects"):
        fetcher().fetch(server.url("/r4"))
    server.add("/nowhere", status=302, headers={})
    server.routes["/nowhere"].redirect = None
    with pytest.raises(FetchError):
        fetcher().fetch(server.url("/nowhere"))


def test_redirect_to_a_refused_address_never_connects(server: DocServer, canary: DocServer) -> None:
    url = server.add("/r", redirect=canary.url("/"))
    with pytest.raises(FetchRefused, match="loopback"):
        fetcher(allow="127.0.0.1").fetch(url)
    assert canary.requests == []
    # The same canary is reachable once allowed, proving the test can observe a request.
    assert fetcher(allow="127.0.0.0/30").fetch(server.add("/r", redirect=canary.url("/")))
    assert canary.requests == ["/"]


def test_redirect_to_another_scheme_is_refused(server: DocServer) -> None:
    for target in ("file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x"):
        url = server.add("/r", redirect=target)
        with pytest.raises(FetchRefused, match="http"):
            fetcher().fetch(url)


def test_host_names_are_resolved_and_checked(server: DocServer, canary: DocServer) -> None:
    table = {"docs.example": ["127.0.0.1"], "evil.example": ["127.0.0.2"]}
    f = Fetcher(
        FetchSettings(),
        AddressPolicy.from_setting("127.0.0.1"),
        resolver=lambda host, port: table[host],
    )
    server.add("/a.png", PNG)
    assert f.fetch(f"http://docs.example:{server.port}/a.png").data == PNG
    assert server.headers[-1]["Host"] == f"docs.example:{server.port}"  # Host kept, IP pinned
    with pytest.raises(FetchRefused):
        f.fetch(f"http://evil.example:{canary.port}/")
    assert canary.requests == []


def test_refused_urls_before_any_connection(canary: DocServer) -> None:
    for url in (
        canary.url("/"),
        f"http://localhost:{canary.port}/",
        "http://[::1]:9/",
        "http://0.0.0.0:9/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http:///x",
    ):
        with pytest.raises(FetchRefused):
            fetcher(allow="").fetch(url)
    assert canary.requests == []


def test_guard_sits_on_the_transport_itself(canary: DocServer) -> None:
    transport = GuardedTransport(AddressPolicy())
    with pytest.raises(FetchRefused):
        transport.handle_request(httpx.Request("GET", canary.url("/")))
    assert canary.requests == []
    with pytest.raises(FetchRefused):  # and no environment proxy can route around it
        httpx.Client(transport=transport).get(canary.url("/"))


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="Connection failed"):
        fetcher().fetch(f"http://127.0.0.1:{port}/x")


def test_request_headers_carry_no_cookies_or_auth(server: DocServer) -> None:
    url = server.add("/c.png", PNG, headers={"Set-Cookie": "session=secret; Path=/"})
    f = fetcher()
    f.fetch(url)
    f.fetch(url)
    assert "Cookie" not in server.headers[1]
    assert server.headers[1]["User-Agent"].startswith("kagaz/")
