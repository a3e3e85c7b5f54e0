"""Reading and writing the wire format where several routes share it: a JSON object body, the
``file_urls`` items of a multiupload, the submission's answer (``[{batch_id, document_id,
file_uuid}]``) and JSON text for answers built without a dict per item."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.background import BackgroundTask

from kagaz.api.state import ServerState
from kagaz.database.batches import BatchRow
from kagaz.errors import KagazError
from kagaz.fetch.fetcher import parse_url
from kagaz.services.errors import BadRequest, Unprocessable

__all__ = [
    "accepted_json",
    "accepted_response",
    "bad_urls",
    "base_url",
    "json_object",
    "json_opt",
    "json_str",
    "url_is_acceptable",
]

json_str = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]  # the C encoder


def json_opt(value: str | None) -> str:
    """``value`` as JSON text; ``null`` for None."""
    return "null" if value is None else json_str(value)


def json_object(raw: bytes, what: str = "The body must be a JSON object") -> dict[str, Any]:
    """The body as a JSON object: 422 if it is not JSON, 400 (``what``) if not an object."""
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise Unprocessable() from exc
    if not isinstance(payload, dict):
        raise BadRequest(what)
    return payload  # type: ignore[no-any-return]


# Plain http(s) URLs with an ASCII host name or IPv4 address and printable ASCII after it: what
# nearly every submitted URL (a pre-signed S3 URL included) looks like. These pass without the
# full parse, which costs ~40 µs a URL (4 s for a 100,000-URL batch); anything else is parsed.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_URL = re.compile(rf"https?://{_LABEL}(?:\.{_LABEL})*\.?(?::(\d{{1,5}}))?(?:[/?#][!-~]*)?")


def url_is_acceptable(url: str, max_length: int) -> bool:
    """True for an absolute http(s) URL with a host, of at most ``max_length`` characters.

    >>> url_is_acceptable("https://b.s3.ap-south-1.amazonaws.com/k.pdf?X-Amz-Signature=a%2F", 8192)
    True
    >>> [url_is_acceptable(u, 8192) for u in ("ftp://x/y", "https:///p", "mailto:a@b.example")]
    [False, False, False]
    """
    if len(url) > max_length:
        return False
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None and (plain.group(1) is None or int(plain.group(1)) <= 65535):
        return True
    try:
        parse_url(url)
    except (KagazError, ValueError):
        return False
    return True


def bad_urls(items: Any, max_length: int) -> list[str]:
    """The names (``file_urls[i].file_url``) of the items whose URL is not acceptable."""
    return [
        f"file_urls[{i}].file_url"
        for i, item in enumerate(items)
        if not url_is_acceptable(item.file_url, max_length)
    ]


def accepted_json(row: BatchRow) -> bytes:
    """The answer to every submission (multiupload, upload, the Flow API's multiupload): one
    ``{batch_id, document_id, file_uuid}`` per file, as JSON text (no dict per file)."""
    head = f'{{"batch_id":{json_str(row.batch_id)},"document_id":'
    return (
        "["
        + ",".join(
            f'{head}{json.dumps(doc_id, ensure_ascii=False)},"file_uuid":"{file_uuid}"}}'
            for doc_id, file_uuid in row.files
        )
        + "]"
    ).encode()


def accepted_response(answer: bytes, state: ServerState) -> Response:
    """201 with a submission's answer; the workers are woken (or the tasks sent to the broker)
    once it is on its way, after the rows were committed."""
    return Response(
        answer,
        status_code=201,
        media_type="application/json",
        background=BackgroundTask(state.wake_workers),
    )


def base_url(request: Request, state: ServerState) -> str:
    """Where links kagaz hands out start: the configured public base URL, else the request's."""
    return state.settings.api.public_base_url or str(request.base_url).rstrip("/")
