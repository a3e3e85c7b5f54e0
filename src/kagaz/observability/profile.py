"""Where a document's time goes, below the engine's stages: detection, angle classification,
recognition, Devanagari re-reads, straightening.

The engine times its stages itself; the parts inside a stage (the OCR engine's models, the
Devanagari reader) report through :func:`timed`, which adds to the collector of the document
being read, if any (a context variable: each thread and each document has its own). Outside a
collection it costs one lookup, so it is always on; ``kagaz extract --profile`` and the bench
print what it gathered.

>>> with collect() as spent:
...     with timed("detection"):
...         pass
...     with timed("detection"):
...         pass
>>> sorted(spent), spent["detection"] >= 0
(['detection'], True)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["collect", "timed"]

_CURRENT: ContextVar[dict[str, float] | None] = ContextVar("kagaz_profile", default=None)


@contextmanager
def collect() -> Iterator[dict[str, float]]:
    """Gather :func:`timed` seconds by name (summed over repeats) while the block runs."""
    spent: dict[str, float] = {}
    token = _CURRENT.set(spent)
    try:
        yield spent
    finally:
        _CURRENT.reset(token)


@contextmanager
def timed(name: str) -> Iterator[None]:
    """Add the block's wall time to ``name`` in the current collection (nothing outside one)."""
    spent = _CURRENT.get()
    if spent is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
