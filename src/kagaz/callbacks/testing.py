"""A webhook receiver on a loopback address, for tests and for trying callbacks by hand.

It plays the lender: an ``auth_url`` that hands out a token and a ``callback_url`` that answers
scripted statuses (fail twice, then succeed), or slowly, or never. Every request is recorded
with its method, path, headers and raw body, so tests can verify signatures independently.

>>> import httpx
>>> with Receiver() as rx:
...     rx.script("/cb", Answer(500), Answer(200))
...     [httpx.post(rx.url("/cb"), content=b"{}").status_code for _ in range(3)]
[500, 200, 200]
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Answer", "Call", "Receiver"]

_MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """One scripted answer: ``status`` with a JSON ``body`` after ``delay`` seconds."""

    status: int = 200
    body: Any = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """``ThreadingHTTPServer`` on ``host`` with an ephemeral port; answers 200 ``{}`` unless
    scripted. ``/auth`` answers ``{"access_token": token}`` by default."""

    def __init__(self, host: str = "127.0.0.1", *, token: str = "lender-token-1") -> None:
        self.host = host
        self.calls: list[Call] = []
        self._scripts: dict[str, deque[Answer]] = {}
        self._defaults: dict[str, Answer] = {"/auth": Answer(200, {"access_token": token})}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._closing.set()  # hanging handlers give up
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def script(self, path: str, *answers: Answer, default: Answer | None = None) -> None:
        """Answer the next requests to ``path`` with ``answers`` in order, then ``default``."""
        with self._lock:
            self._scripts[path] = deque(answers)
            if default is not None:
                self._defaults[path] = default

    def calls_to(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path.split("?", 1)[0] == path]

    def wait_for(self, path: str, count: int, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(path)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"{len(self.calls_to(path))} call(s) to {path}, wanted {count}")

    def _next(self, path: str) -> Answer:
        with self._lock:
            queue = self._scripts.get(path)
            if queue:
                return queue.popleft()
            return self._defaults.get(path, Answer())

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        rx = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, _MAX_BODY)) if length else b""
                path = self.path.split("?", 1)[0]
                with rx._lock:
                    rx.calls.append(
                        Call(self.command, self.path, dict(self.headers.items()), body, time.time())
                    )
                answer = rx._next(path)
                if answer.delay:
                    rx._closing.wait(answer.delay)
                    if rx._closing.is_set():
                        return
                data = json.dumps(answer.body).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_POST = do_GET = do_PUT = _handle  # noqa: N815

        return Handler
