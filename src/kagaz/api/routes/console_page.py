"""The review console's page at ``/console``: plain HTML, CSS and one ES module
(``kagaz/console/static``), served with a strict Content-Security-Policy of its own (scripts,
styles and connections only from this origin, images also from ``blob:`` for the page images
fetched with the token). Assets are addressed with their content hash (``?v=<sha256 prefix>``)
and cached for a year; the index is revalidated by ETag, so a new release is picked up at once.

The JSON the page reads is :mod:`~kagaz.api.routes.console_batches` and
:mod:`~kagaz.api.routes.console_documents`; corrections, page images, uploads and the
ground-truth export are the API's own endpoints, which the console calls as any client would.
See docs/console.md.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from kagaz.services.errors import NotFound

__all__ = ["CSP", "router"]

# No inline script or style, nothing from another origin; blob: images are the page images
# the script fetched with the token. frame-ancestors keeps the console out of other sites' frames.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_ASSETS = ("app.js", "app.css")
_IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True, slots=True)
class _Asset:
    body: bytes
    media_type: str
    etag: str


@lru_cache(maxsize=1)
def _assets() -> dict[str, _Asset]:
    """The static files, read once, each with its content hash; index.html gets the hashes."""
    root = resources.files("kagaz.console") / "static"
    out: dict[str, _Asset] = {}
    for name in _ASSETS:
        body = (root / name).read_bytes()
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name.endswith(".js"):
            media = "text/javascript"
        out[name] = _Asset(body, f"{media}; charset=utf-8", hashlib.sha256(body).hexdigest()[:16])
    index = (root / "index.html").read_text("utf-8")
    for name, asset in out.items():
        index = index.replace(f'"{name}"', f'"/console/assets/{name}?v={asset.etag}"')
    body = index.encode()
    out["index.html"] = _Asset(
        body, "text/html; charset=utf-8", hashlib.sha256(body).hexdigest()[:16]
    )
    return out


def _serve(request: Request, asset: _Asset, cache_control: str) -> Response:
    etag = f'"{asset.etag}"'
    headers = {**_PAGE_HEADERS, "ETag": etag, "Cache-Control": cache_control}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)


def router() -> APIRouter:
    api = APIRouter()

    @api.get("/console", include_in_schema=False)
    def index(request: Request) -> Response:
        return _serve(request, _assets()["index.html"], "no-cache")

    @api.get("/console/", include_in_schema=False)
    def index_slash() -> Response:
        return RedirectResponse("/console", status_code=308)

    @api.get("/console/assets/{name}", include_in_schema=False)
    def asset(request: Request, name: str, v: str | None = None) -> Response:
        found = _assets().get(name) if name in _ASSETS else None
        if found is None:
            raise NotFound("No such file")
        # Only a URL naming the current hash may be cached for good.
        return _serve(request, found, _IMMUTABLE if v == found.etag else "no-cache")

    return api
