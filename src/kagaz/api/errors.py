"""The one envelope every error answer uses.

``{"error_code": "<HTTP status>", "error_message": "<Category>: <detail>"}``, as on the Atlas
error-codes page. The errors themselves (:class:`~kagaz.services.errors.ApiError` and its
subclasses, each with its status) are the services' (:mod:`kagaz.services.errors`);
:func:`install` registers handlers so that they, FastAPI's own answers (validation errors, 404,
405) and unexpected exceptions (500) all answer with it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kagaz.database.db import StoreError
from kagaz.services.errors import ApiError, ServiceUnavailable, Unprocessable
from kagaz.storage.base import StorageError

__all__ = ["describe_validation_errors", "envelope", "error_response", "install"]

log = logging.getLogger(__name__)

CATEGORIES = {
    400: "Bad Request",
    401: "Authentication Error",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Resource Conflict",
    410: "Resource Gone",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def envelope(status: int, detail: str) -> dict[str, str]:
    """The error body for ``status``.

    >>> envelope(401, "Invalid token")
    {'error_code': '401', 'error_message': 'Authentication Error: Invalid token'}
    """
    category = CATEGORIES.get(status) or HTTPStatus(status).phrase
    return {"error_code": str(status), "error_message": f"{category}: {detail}"}


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(envelope(status, detail), status_code=status, headers=headers)


def _loc_name(loc: Sequence[Any]) -> str:
    parts = [p for p in loc if p not in ("body", "query", "header", "path")]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


_EMPTY = {"missing", "string_too_short", "too_short"}


def describe_validation_errors(errors: Iterable[Mapping[str, Any]], limit: int = 10) -> str:
    """One message naming every missing, empty or malformed parameter (Atlas wording).

    >>> describe_validation_errors([{"type": "missing", "loc": ("body", "product_type")},
    ...     {"type": "int_parsing", "loc": ("query", "page"), "msg": "Input should be an integer"}])
    "Missing or empty required parameters: ['product_type']; invalid parameters: page (Input should be an integer)"
    """
    missing: list[str] = []
    invalid: list[str] = []
    for err in errors:
        name = _loc_name(err.get("loc", ()))
        if err.get("type") in _EMPTY:
            if name not in missing:
                missing.append(name)
        else:
            invalid.append(f"{name} ({err.get('msg', 'invalid')})")
    parts = []
    if missing:
        shown = missing[:limit] + (
            [f"... {len(missing) - limit} more"] if len(missing) > limit else []
        )
        parts.append(f"Missing or empty required parameters: {shown}")
    if invalid:
        shown = invalid[:limit] + (
            [f"... {len(invalid) - limit} more"] if len(invalid) > limit else []
        )
        parts.append(
            ("invalid parameters: " if parts else "Invalid parameters: ") + ", ".join(shown)
        )
    return "; ".join(parts) or "Malformed request"


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Token"} if exc.status_code == 401 else None
    return error_response(exc.status_code, exc.message, headers)


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(422, Unprocessable.message)
    return error_response(400, describe_validation_errors(errors))


async def _on_http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return error_response(exc.status_code, detail, dict(exc.headers or {}))


async def _on_infrastructure(_request: Request, exc: Exception) -> JSONResponse:
    log.error("infrastructure error: %s", exc, exc_info=exc)
    return error_response(503, ServiceUnavailable.message, {"Retry-After": "5"})


async def _on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=exc)
    return error_response(500, "An unexpected error occurred")


def install(app: FastAPI) -> None:
    """Route every error answer of ``app`` through the envelope."""
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(StoreError, _on_infrastructure)
    app.add_exception_handler(StorageError, _on_infrastructure)
    app.add_exception_handler(Exception, _on_unexpected)
