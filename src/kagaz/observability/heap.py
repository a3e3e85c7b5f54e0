"""What a process loaded at start-up (models, tables, modules) lives as long as the process:
kept out of the cyclic GC's full scans, which otherwise walk every one of those objects each
time the objects a request or a document makes trigger one (tens of milliseconds for an unlucky
request; 0.3 s of a 60-page statement's 3 s)."""

from __future__ import annotations

import gc

__all__ = ["freeze_loaded"]


def freeze_loaded() -> None:
    """Collect what is garbage now, then freeze the rest (``gc.freeze``): objects made later are
    collected as usual."""
    gc.collect()
    gc.freeze()
