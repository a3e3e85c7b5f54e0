"""The pure ASGI middleware: concurrency and body limits answer in the error envelope."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from kagaz.api.middleware import BodyLimit, ConcurrencyLimit, SecurityHeaders
from kagaz.services.errors import PayloadTooLarge


def _scope(headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": "/", "headers": headers or []}


async def _call(app: Any, scope: dict[str, Any], body: bytes = b"") -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


def test_concurrency_limit_answers_503_envelope() -> None:
    release = asyncio.Event()

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = ConcurrencyLimit(slow_app, max_requests=1)

    async def main() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        first = asyncio.create_task(_call(app, _scope()))
        await asyncio.sleep(0.01)
        second = await _call(app, _scope())
        release.set()
        return await first, second

    first, second = asyncio.run(main())
    assert first[0]["status"] == 200
    assert second[0]["status"] == 503 and (b"retry-after", b"1") in second[0]["headers"]
    assert json.loads(second[1]["body"])["error_code"] == "503"
    assert app.in_flight == 0


def test_body_limit_by_header_and_by_stream() -> None:
    async def reader(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = BodyLimit(reader, max_bytes=10)
    sent = asyncio.run(_call(app, _scope([(b"content-length", b"11")])))
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"]) == {
        "error_code": "413",
        "error_message": "Payload Too Large: The request body exceeds 10 bytes",
    }
    try:
        asyncio.run(_call(app, _scope(), body=b"x" * 11))
    except PayloadTooLarge:
        pass  # raised into the app, whose exception handler answers 413
    else:
        raise AssertionError("streamed body over the limit was accepted")
    assert asyncio.run(_call(app, _scope(), body=b"x" * 10))[0]["status"] == 200


def test_security_headers_do_not_override_the_route() -> None:
    async def route(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"cache-control", b"private, no-store")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    sent = asyncio.run(_call(SecurityHeaders(route), _scope()))
    headers = sent[0]["headers"]
    assert (b"cache-control", b"private, no-store") in headers
    assert (b"cache-control", b"no-store") not in headers
    assert (b"x-content-type-options", b"nosniff") in headers
