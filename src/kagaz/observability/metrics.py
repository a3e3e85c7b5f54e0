"""Prometheus metrics.

Counters and histograms live in the process that does the work: the API server (accepted
documents; with ``KAGAZ_QUEUE=local`` also everything its worker threads do) and each
``kagaz worker`` (``--metrics-port``; its child processes write to a shared folder,
``PROMETHEUS_MULTIPROC_DIR``, and the main process adds them up). Gauges of the queue are read
from the database (and the broker) by the API server when it is scraped, so every API server
shows the same cluster-wide depth.

=====================================  ==========  ======================================
metric                                 type        labels
=====================================  ==========  ======================================
``kagaz_documents_accepted_total``     counter     ``family``
``kagaz_documents_finished_total``     counter     ``status``, ``document_type``
``kagaz_processing_seconds``           histogram   ``document_type`` (engine time)
``kagaz_document_seconds``             histogram   fetch + engine + storage, per attempt
``kagaz_fetch_failures_total``         counter     ``error_code``
``kagaz_requeued_total``               counter     ``reason`` (expired_lease, lost_task)
``kagaz_leases_lost_total``            counter     (a worker lost a document to another)
``kagaz_queue_depth``                  gauge       ``state`` (queued, dispatched, fetching,
                                                   processing)
``kagaz_broker_messages``              gauge       (tasks waiting or unacknowledged)
=====================================  ==========  ======================================
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

__all__ = [
    "DOCUMENTS_ACCEPTED",
    "DOCUMENTS_FINISHED",
    "DOCUMENT_SECONDS",
    "FETCH_FAILURES",
    "LEASES_LOST",
    "PROCESSING_SECONDS",
    "REQUEUED",
    "QueueCollector",
    "document_type_label",
    "render",
]

log = logging.getLogger(__name__)

_SECONDS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)

DOCUMENTS_ACCEPTED = Counter(
    "kagaz_documents_accepted", "Documents accepted by multiupload", ["family"]
)
DOCUMENTS_FINISHED = Counter(
    "kagaz_documents_finished",
    "Documents that reached their final status",
    ["status", "document_type"],
)
PROCESSING_SECONDS = Histogram(
    "kagaz_processing_seconds", "Engine time per document", ["document_type"], buckets=_SECONDS
)
DOCUMENT_SECONDS = Histogram(
    "kagaz_document_seconds",
    "Time a worker spent on one attempt at a document (fetch, engine, storage)",
    buckets=_SECONDS,
)
FETCH_FAILURES = Counter("kagaz_fetch_failures", "Downloads that failed", ["error_code"])
REQUEUED = Counter("kagaz_requeued", "Documents the sweeper sent to the broker again", ["reason"])
LEASES_LOST = Counter(
    "kagaz_leases_lost", "Documents a worker gave up because another worker took them over"
)

_LABEL = re.compile(r"[A-Z][A-Z0-9_]{0,39}")


def document_type_label(document_type: str | None) -> str:
    """A bounded label value: the wire code, ``none`` or ``OTHER``.

    >>> document_type_label("PAN"), document_type_label(None), document_type_label("x; drop")
    ('PAN', 'none', 'OTHER')
    """
    if document_type is None:
        return "none"
    return document_type if _LABEL.fullmatch(document_type) else "OTHER"


class QueueCollector(Collector):
    """Queue depth from the database (and the broker), read at scrape time and cached for
    ``ttl`` seconds so that frequent scrapes cost the database little."""

    def __init__(
        self,
        depth: Callable[[], dict[str, int]],
        broker: Callable[[], int | None] | None = None,
        ttl: float = 2.0,
    ) -> None:
        self._depth = depth
        self._broker = broker
        self._ttl = ttl
        self._lock = threading.Lock()
        self._cached: tuple[float, dict[str, int] | None, int | None] = (-1e9, None, None)

    def _read(self) -> tuple[dict[str, int] | None, int | None]:
        with self._lock:
            at, depth, broker = self._cached
            if time.monotonic() - at < self._ttl:
                return depth, broker
            try:
                depth = self._depth()
            except Exception as exc:
                log.warning("metrics: cannot read the queue depth (%s)", type(exc).__name__)
                depth = None
            try:
                broker = self._broker() if self._broker is not None else None
            except Exception as exc:
                log.warning("metrics: cannot read the broker depth (%s)", type(exc).__name__)
                broker = None
            self._cached = (time.monotonic(), depth, broker)
            return depth, broker

    def describe(self) -> Iterator[Metric]:
        """The families, without reading anything (registration must not query the DB)."""
        yield GaugeMetricFamily("kagaz_queue_depth", "Unfinished documents by state")
        if self._broker is not None:
            yield GaugeMetricFamily("kagaz_broker_messages", "Document tasks at the broker")

    def collect(self) -> Iterator[Metric]:
        depth, broker = self._read()
        if depth is not None:
            gauge = GaugeMetricFamily(
                "kagaz_queue_depth", "Unfinished documents by state", labels=["state"]
            )
            for state, n in sorted(depth.items()):
                gauge.add_metric([state], n)
            yield gauge
        if broker is not None:
            yield GaugeMetricFamily(
                "kagaz_broker_messages",
                "Document tasks at the broker, waiting or unacknowledged",
                value=broker,
            )


def render(extra: CollectorRegistry | None = None) -> bytes:
    """The exposition text of this process's metrics, plus ``extra``'s."""
    body = generate_latest(REGISTRY)
    return body + generate_latest(extra) if extra is not None else body
