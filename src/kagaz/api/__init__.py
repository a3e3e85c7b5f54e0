"""The Atlas-compatible HTTP API (bulk and docstream families), its CLI commands and services.

``create_app`` is imported on first use, so that the command line (``kagaz worker``, ``kagaz
clients``) starts without loading the web application.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kagaz.api.app import create_app

        return create_app
    raise AttributeError(f"module 'kagaz.api' has no attribute {name!r}")
