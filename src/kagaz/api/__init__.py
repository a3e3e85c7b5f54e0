"""The Atlas-compatible HTTP API (Bulk, Docstream, the Flow API v3, Address Match, the review
console's JSON): routes that parse and serialise, and call :mod:`kagaz.services`.

``create_app`` is imported on first use, so that importing a module of this package (the
ASGI middleware, the wire helpers) does not load the whole web application.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kagaz.api.app import create_app

        return create_app
    raise AttributeError(f"module 'kagaz.api' has no attribute {name!r}")
