"""The Celery application of ``kagaz worker`` and the one task it runs.

``kagaz.process_document(file_uuid)`` carries only the document's id; the database row is the
truth. The task claims that document under a lease (a conditional UPDATE: nothing happens if
it is final, held by a live worker, or waiting for a retry), keeps the lease renewed while it
works, and writes the single final result only while it still holds the lease. Delivery is
acknowledged late (``acks_late``), a task whose worker process died is handed back to the broker
(``reject_on_worker_lost``), and each worker process reserves one task at a time
(``prefetch_multiplier=1``). A worker killed mid-document loses nothing: its lease expires, the
sweeper re-queues the document, and another worker processes it; the late duplicate delivery
finds the document done and does nothing.

Each worker process builds its own :class:`WorkerContext` (the parts of
:func:`kagaz.services.wiring.build`: database pool, storage client, fetcher, keys; and one engine)
on its first task, after the fork.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
import threading
from typing import Any

from celery import Celery, Task

from kagaz.database.db import StoreError
from kagaz.observability.logs import bind
from kagaz.services import wiring
from kagaz.services.processing import DocumentRunner
from kagaz.services.wiring import Processor, ProcessorFactory
from kagaz.settings import Settings, get_settings
from kagaz.worker.broker import TASK_NAME, Dispatcher
from kagaz.worker.leases import LeaseKeeper, hold_seconds

__all__ = ["TASK_NAME", "WorkerContext", "create_celery", "install_context"]

log = logging.getLogger(__name__)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_REFILL = 4
_DB_RETRY_SECONDS = 5
_DB_RETRIES = 12


class WorkerContext:
    """What one worker process needs, built once in that process."""

    def __init__(
        self,
        settings: Settings,
        celery_app: Any,
        *,
        processor_factory: ProcessorFactory | None = None,
    ) -> None:
        self.pid = os.getpid()
        self.token = secrets.token_hex(4)
        self.settings = settings
        # The same parts as the API servers' (the master key configured, or kept in the database).
        self.parts = wiring.build(settings)
        self.db = self.parts.db
        self.runner = DocumentRunner(
            db=self.db,
            storage=self.parts.storage,
            fetcher=self.parts.fetcher,
            settings=settings.worker,
            aadhaar=self.parts.aadhaar,
            passwords=self.parts.passwords,
        )
        self.leases = LeaseKeeper(
            self.db,
            lease_seconds=settings.worker.lease_seconds,
            max_hold_seconds=hold_seconds(settings),
        )
        self.dispatcher = Dispatcher(db=self.db, celery_app=celery_app, settings=settings.worker)
        self._factory = processor_factory or wiring.engine_factory(
            wiring.engine_settings(settings.engine, engines=settings.worker.processes)
        )
        self._local = threading.local()

    def processor(self) -> Processor:
        """This process's engine, built on first use (kept per thread, though kagaz worker
        runs one task at a time per process: the PDF renderer is not thread-safe)."""
        found: Processor | None = getattr(self._local, "processor", None)
        if found is None:
            found = self._local.processor = self._factory()
        return found

    def owner(self, hostname: str) -> str:
        return f"{hostname[:60]}:{self.pid}:{self.token}:{threading.get_ident() % 100_000}"

    def run(self, file_uuid: str, hostname: str) -> str:
        """Claim ``file_uuid`` and process it; returns the outcome (``skipped`` when there was
        nothing to do)."""
        owner = self.owner(hostname)
        processor = self.processor()  # before the claim: a slow engine start holds no lease
        job = self.runner.claim(file_uuid, owner)
        if job is None:
            return "skipped"
        self.leases.start()
        self._refill()
        with self.leases.hold(job.file_uuid, owner):
            return self.runner.handle(job, owner, processor)

    def _refill(self) -> None:
        # A claimed document left the dispatch window: let the next ones in.
        try:
            self.dispatcher.dispatch(limit=_REFILL)
        except Exception as exc:
            log.warning("cannot refill the dispatch window (%s)", type(exc).__name__)

    def close(self) -> None:
        self.leases.stop()
        self.parts.close()


_context: WorkerContext | None = None
_context_lock = threading.Lock()


def install_context(context: WorkerContext | None) -> None:
    """Use ``context`` in this process (tests; ``None`` forgets it, e.g. after a fork)."""
    global _context
    with _context_lock:
        _context = context


def _current(app: Any) -> WorkerContext:
    global _context
    with _context_lock:
        if _context is None or _context.pid != os.getpid():
            _context = WorkerContext(get_settings(), app)
        return _context


def _process_document(task: Task, file_uuid: Any) -> str:
    if not isinstance(file_uuid, str) or not _UUID.fullmatch(file_uuid):
        log.error("task %s: not a document id; dropped", task.request.id)
        return "rejected"
    hostname = task.request.hostname or socket.gethostname()
    with bind(file_uuid=file_uuid, task_id=task.request.id):
        try:
            return _current(task.app).run(file_uuid, hostname)
        except StoreError as exc:  # the database is away: try again shortly, then leave it
            log.warning("database unavailable; task retried in %d s", _DB_RETRY_SECONDS)
            raise task.retry(countdown=_DB_RETRY_SECONDS, max_retries=_DB_RETRIES) from exc


def create_celery(settings: Settings) -> Celery:
    """The Celery app for ``settings`` (broker, queue, delivery guarantees, time limits)."""
    if settings.broker_url is None:
        raise ValueError("KAGAZ_BROKER_URL is not set")
    w = settings.worker
    app = Celery("kagaz", broker=settings.broker_url.get_secret_value(), set_as_current=False)
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_default_queue=w.celery_queue,
        task_time_limit=hold_seconds(settings) + 60,
        worker_max_tasks_per_child=w.max_tasks_per_child or None,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        # A broker reconnect must not throw away documents in progress: they finish, and the
        # redelivery of their unacknowledged task finds them done (the lease decides, not Celery).
        worker_cancel_long_running_tasks_on_connection_loss=False,
        worker_send_task_events=False,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=5,
        broker_transport_options={
            "visibility_timeout": w.visibility_timeout_seconds,
            "socket_timeout": 10,
            "socket_connect_timeout": 5,
            "retry_on_timeout": True,
        },
        broker_pool_limit=4,
    )
    app.task(
        name=TASK_NAME,
        bind=True,
        acks_late=True,
        reject_on_worker_lost=True,
        ignore_result=True,
    )(_process_document)
    return app
