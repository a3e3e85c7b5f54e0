"""Background processing: the worker pool and the engine seam."""

from __future__ import annotations

from kagaz.worker.periodic import Periodic
from kagaz.worker.pool import WorkerPool
from kagaz.worker.processor import Processor, ProcessorFactory, engine_processor_factory

__all__ = ["Periodic", "Processor", "ProcessorFactory", "WorkerPool", "engine_processor_factory"]
