"""Downloading submitted documents behind the SSRF guard."""

from __future__ import annotations

from kagaz.fetch.fetcher import Fetched, Fetcher, parse_url
from kagaz.fetch.guard import AddressPolicy, check_url, refusal_reason, resolve_checked
from kagaz.fetch.sniff import sniff_format

__all__ = [
    "AddressPolicy",
    "Fetched",
    "Fetcher",
    "check_url",
    "parse_url",
    "refusal_reason",
    "resolve_checked",
    "sniff_format",
]
