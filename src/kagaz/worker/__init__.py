"""Background processing: the in-process pool, the Celery worker and the engine seam.

Names are imported on first use, so that ``kagaz worker`` can prepare the process (metrics
folder, logging) before the modules that need it load.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Periodic", "Processor", "ProcessorFactory", "WorkerPool", "engine_processor_factory"]

_WHERE = {
    "Periodic": "kagaz.worker.periodic",
    "Processor": "kagaz.worker.processor",
    "ProcessorFactory": "kagaz.worker.processor",
    "WorkerPool": "kagaz.worker.pool",
    "engine_processor_factory": "kagaz.worker.processor",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'kagaz.worker' has no attribute {name!r}")
