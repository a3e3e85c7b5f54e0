"""The Atlas-compatible HTTP API (bulk and docstream families), its CLI commands and services."""

from __future__ import annotations

from kagaz.api.app import create_app

__all__ = ["create_app"]
