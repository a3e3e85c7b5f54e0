"""SALE_DEED (being written)."""

from __future__ import annotations

from kagaz.doctypes.base import ExtractOptions
from kagaz.pipeline.document import Field
from kagaz.text.layout import Layout

CODE = "SALE_DEED"


def score(layout: Layout) -> float | None:
    return None


def extract(layout: Layout, options: ExtractOptions) -> dict[str, Field]:
    return {}


def validate(fields: dict[str, Field]) -> list[str]:
    return []
