"""The settings as Markdown tables: ``python -m kagaz.settings --markdown`` prints them, and
docs/configuration.md holds them (tests/test_settings.py fails when it is out of date)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from kagaz.settings import Settings

__all__ = ["markdown_tables"]

_GROUP_TITLES = {
    "engine": "Engine",
    "api": "HTTP API",
    "fetch": "Fetching documents",
    "worker": "Workers, queue and sweeper",
    "storage": "Storage and retention",
    "callbacks": "Flow API callbacks",
}


def _number(value: float) -> str:
    """
    >>> _number(86400), _number(0.5), _number(300.0)
    ('86,400', '0.5', '300')
    """
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return f"{int(value):,}"


def _default_text(field: Any) -> str:
    if field.default_factory is not None or field.default is None:
        return "unset"
    value = field.default
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (int, float)):
        return f"`{_number(value)}`"
    return f"`{value}`" if value != "" else "empty"


def _bounds_text(field: Any) -> str:
    choices = getattr(field.annotation, "__args__", None)
    if getattr(field.annotation, "__origin__", None) is Literal and choices:
        return "one of " + ", ".join(f"`{c}`" for c in choices)
    parts = []
    for item in field.metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            bound = getattr(item, attr, None)
            if bound is not None:
                parts.append(f"{sign} {_number(bound)}")
    return ", ".join(parts)


def _row(env: str, field: Any) -> str:
    meaning = (field.description or "").replace("|", "\\|")
    bounds = _bounds_text(field)
    if bounds:
        meaning = f"{meaning} ({bounds})"
    return f"| `{env}` | {_default_text(field)} | {meaning} |"


def markdown_tables() -> str:
    """Every setting as Markdown tables: one for the top level, one per nested group."""
    head = "| Variable | Default | Meaning |\n|---|---|---|"
    top = [head]
    groups: list[str] = []
    for name, field in Settings.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            rows = [head]
            for sub_name, sub_field in sub.model_fields.items():
                rows.append(_row(f"KAGAZ_{name.upper()}__{sub_name.upper()}", sub_field))
            title = _GROUP_TITLES.get(name, name)
            doc = " ".join((sub.__doc__ or "").split())
            doc = re.sub(r"\s*\(``KAGAZ_[A-Z]+__\*``\)", "", doc).replace("``", "`")
            groups.append(f"### {title} (`KAGAZ_{name.upper()}__*`)\n\n{doc}\n\n" + "\n".join(rows))
        else:
            top.append(_row(f"KAGAZ_{name.upper()}", field))
    return "### Top level\n\n" + "\n".join(top) + "\n\n" + "\n\n".join(groups) + "\n"
