"""Workers, the queue and the sweeper (``KAGAZ_WORKER__*``)."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["WorkerSettings", "per_core"]


def per_core(n: int) -> int:
    """``n``, or this machine's cores where ``n`` asks for one per core (0 or less).

    >>> per_core(3), per_core(0) == per_core(-1) == (os.cpu_count() or 1)
    (3, True)
    """
    return n if n > 0 else os.cpu_count() or 1


class WorkerSettings(BaseModel):
    """Processing documents: the in-process pool (``KAGAZ_QUEUE=local``) or ``kagaz worker``
    processes fed through a Celery broker (``KAGAZ_QUEUE=celery``) (``KAGAZ_WORKER__*``)."""

    count: int = Field(
        -1,
        ge=-1,
        le=64,
        description="Documents the server reads at once (local queue only), each in an engine "
        "process of its own with one ONNX thread; -1 is one per core, 0 runs the API alone",
    )
    lease_seconds: float = Field(
        60.0, ge=1, le=86_400, description="How long a claimed document stays claimed unrenewed"
    )
    max_attempts: int = Field(
        3, ge=1, le=20, description="Processing tries per document before it fails for good"
    )
    poll_seconds: float = Field(1.0, gt=0, le=60, description="Idle wait between queue checks")
    retry_backoff_seconds: float = Field(
        2.0, ge=0, le=3600, description="Wait before a crashed document is tried again"
    )
    concurrency: int = Field(
        0, ge=0, le=64,
        description="Child processes of one kagaz worker (prefork pool), one ONNX thread each; "
        "0 is one per core",
    )

    pool: Literal["prefork", "solo"] = Field(
        "prefork",
        description="Celery execution pool of kagaz worker: prefork (one engine per child "
        "process) or solo (one document at a time in the main process). There is no thread "
        "pool: the PDF renderer is not thread-safe",
    )
    celery_queue: str = Field(
        "kagaz",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Broker queue that carries document tasks",
    )
    dispatch_window: int = Field(
        1000,
        ge=1,
        le=100_000,
        description="Most documents handed to the broker and not yet started; the rest wait "
        "in the database (back-pressure)",
    )
    sweep_interval_seconds: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="How often the sweeper re-queues expired leases and lost tasks and refills "
        "the broker",
    )
    requeue_after_seconds: float = Field(
        900.0,
        ge=1,
        le=86_400,
        description="A document whose task was sent this long ago and never started is sent "
        "again (sooner when the broker reports fewer messages than there should be)",
    )
    sweeper_in_api: bool = Field(
        True, description="Run the sweeper in every API process (celery queue only)"
    )
    visibility_timeout_seconds: float = Field(
        3600.0,
        ge=10,
        le=7 * 86_400,
        description="Redis broker: an unacknowledged task is redelivered after this long",
    )
    consumer_stall_seconds: float = Field(
        60.0,
        ge=0,
        le=3600,
        description="kagaz worker exits (code 75, for its supervisor to restart it) when tasks "
        "have waited this long in its Redis queue while it sat idle: a Celery consumer that "
        "silently stopped after a broker restart; 0 turns the check off",
    )
    max_tasks_per_child: int = Field(
        1000, ge=0,
        description="Replace an engine process (a kagaz worker child, or one of the server's "
        "engine processes) after this many documents, so memory a library keeps per call "
        "cannot grow without bound; 0 never",
    )
    metrics_port: int | None = Field(
        None,
        ge=1,
        le=65_535,
        description="Serve Prometheus metrics of kagaz worker on this port; unset: off",
    )

    @property
    def threads(self) -> int:
        """Documents the server reads at once: ``count`` resolved (-1: one per core)."""
        return per_core(self.count) if self.count else 0

    @property
    def processes(self) -> int:
        """Child processes of one ``kagaz worker``: ``concurrency`` resolved (0: one per core)."""
        return per_core(self.concurrency)
