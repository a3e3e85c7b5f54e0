"""A programmable HTTP server on a loopback address, for tests and benchmarks.

It plays the document host (an S3 bucket, a CDN, a hostile server): routes answer with a body,
a status, a redirect, a delay, or a slow drip, and every request line is recorded exactly as
received so that tests can check what reached the wire.

>>> import httpx
>>> with DocServer() as srv:
...     url = srv.add("/a.png", b"\\x89PNG\\r\\n\\x1a\\n")
...     httpx.get(url).status_code, srv.requests
(200, ['/a.png'])
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["DocServer", "Route"]


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


@dataclass
class Route:
    """How the server answers one path (query strings are ignored when matching)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between body bytes (a slow server)
    redirect: str | None = None  # Location header; status defaults to 302
    fail_times: int = 0  # answer 503 this many times first
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


class DocServer:
    """``ThreadingHTTPServer`` on ``host`` (default 127.0.0.1; an IPv6 address such as ``::1``
    works too) with an ephemeral port."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []  # raw request targets, as received
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        server_class = _Server6 if ":" in host else ThreadingHTTPServer
        self._server = server_class((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> DocServer:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes = b"", **kwargs: Any) -> str:
        """Serve ``body`` (or the given behaviour) at ``path``; returns the absolute URL."""
        self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.split("?", 1)[0] == path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                with server._lock:
                    server.requests.append(self.path)
                    server.headers.append(dict(self.headers.items()))
                route = server.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self._answer(404, b"not found", {})
                    return
                if route.handler is not None:
                    route.handler(self)
                    return
                if route.fail_times > 0:
                    route.fail_times -= 1
                    self._answer(503, b"busy", {})
                    return
                time.sleep(route.delay)
                if route.redirect is not None:
                    headers = {"Location": route.redirect, **route.headers}
                    self._answer(route.status if route.status != 200 else 302, b"", headers)
                    return
                self._answer(route.status, route.body, route.headers, drip=route.drip)

            def _answer(
                self, status: int, body: bytes, headers: dict[str, str], drip: float = 0.0
            ) -> None:
                try:
                    self.send_response(status)
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if drip:
                        for i in range(len(body)):
                            self.wfile.write(body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
