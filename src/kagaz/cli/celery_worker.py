"""``kagaz worker``: a Celery worker that processes documents (``KAGAZ_QUEUE=celery``).

Start as many as you like, on as many machines as you like, against the same database, broker
and object store. ``--beat`` also runs the sweeper in this worker (the API servers run one too,
unless ``KAGAZ_WORKER__SWEEPER_IN_API=false``) and the Flow API callback sender
(every API server runs one too). ``--metrics-port`` serves Prometheus metrics of
this worker and its child processes. Stop a worker with SIGTERM: it finishes the documents in
hand first (a worker killed outright loses nothing either: see :mod:`kagaz.worker.celery_app`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Annotated, Any

import typer

__all__ = ["register"]


def worker(
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", "-c", min=1, max=64, help="Child processes (prefork)"),
    ] = None,
    pool: Annotated[str | None, typer.Option("--pool", help="prefork or solo")] = None,
    beat: Annotated[
        bool, typer.Option("--beat", help="Also run the sweeper in this worker")
    ] = False,
    hostname: Annotated[
        str | None, typer.Option("--hostname", "-n", help="Node name, e.g. kagaz1@%h")
    ] = None,
    log_level: Annotated[
        str | None, typer.Option("--log-level", help="debug, info, warning or error")
    ] = None,
    metrics_port: Annotated[
        int | None, typer.Option("--metrics-port", min=1, max=65535, help="Serve /metrics here")
    ] = None,
    metrics_host: Annotated[
        str, typer.Option("--metrics-host", help="Address of the metrics server")
    ] = "127.0.0.1",
) -> None:
    """Run a Celery worker that processes documents (needs KAGAZ_QUEUE=celery)."""
    from kagaz.settings import get_settings

    settings = get_settings()
    if settings.queue != "celery":
        typer.echo(
            "kagaz worker needs KAGAZ_QUEUE=celery and KAGAZ_BROKER_URL (with the default "
            "local queue, kagaz serve processes documents itself)",
            err=True,
        )
        raise typer.Exit(2)
    if pool is not None and pool not in ("prefork", "solo"):
        raise typer.BadParameter("--pool must be prefork or solo")
    port = metrics_port or settings.worker.metrics_port
    if port:
        # Before prometheus_client is imported: child processes then write to shared files.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="kagaz-metrics-")
    updates: dict[str, Any] = {}
    if concurrency is not None:
        updates["concurrency"] = concurrency
    if pool is not None:
        updates["pool"] = pool
    if updates:
        settings.worker = settings.worker.model_copy(update=updates)
    _run(settings, beat=beat, hostname=hostname, log_level=log_level, metrics=(metrics_host, port))


def _run(
    settings: Any,
    *,
    beat: bool,
    hostname: str | None,
    log_level: str | None,
    metrics: tuple[str, int | None],
) -> None:
    from celery import signals

    from kagaz.observability.logs import configure_logging
    from kagaz.services.wiring import open_database
    from kagaz.worker import celery_app
    from kagaz.worker.broker import Dispatcher
    from kagaz.worker.sweeper import Sweeper

    level = (log_level or settings.log_level).lower()
    configure_logging(settings.log_format, level)
    signals.setup_logging.connect(lambda **_: None, weak=False)  # keep ours, in every child
    signals.worker_process_init.connect(lambda **_: celery_app.install_context(None), weak=False)
    db = open_database(settings, wait_seconds=_DB_WAIT_SECONDS)
    app = celery_app.create_celery(settings)
    if metrics[1]:
        _serve_metrics(*metrics)  # type: ignore[arg-type]
    sweeper = None
    if beat:
        sweeper = Sweeper(
            db=db,
            dispatcher=Dispatcher(db=db, celery_app=app, settings=settings.worker),
            settings=settings.worker,
        )
        sweeper.start()
    senders = None
    if beat and settings.callbacks.enabled:  # Flow API callbacks go out from here too
        from kagaz.worker.callback_sender import CallbackSender

        senders = CallbackSender(db=db, settings=settings)
        senders.start()
    w = settings.worker
    watchdog = None
    if w.consumer_stall_seconds > 0:  # a consumer that silently stopped: exit, be restarted
        from kagaz.worker.watchdog import ConsumerWatchdog

        watchdog = ConsumerWatchdog(app, w.celery_queue, stall_seconds=w.consumer_stall_seconds)
        watchdog.start()
    argv = [
        "worker",
        f"--pool={w.pool}",
        f"--concurrency={1 if w.pool == 'solo' else w.processes}",
        f"--loglevel={level.upper()}",
        f"--queues={w.celery_queue}",
        f"--hostname={hostname or 'kagaz@%h'}",
        "--without-gossip",
        "--without-mingle",
    ]
    try:
        app.worker_main(argv)
    finally:
        if watchdog is not None:
            watchdog.stop()
        if sweeper is not None:
            sweeper.stop()
        if senders is not None:
            senders.stop()
        db.dispose()
        folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
        if metrics[1] and folder.startswith(tempfile.gettempdir()):
            shutil.rmtree(folder, ignore_errors=True)


# A worker restarted while the database restarts waits for it (kagaz.services.wiring).
_DB_WAIT_SECONDS = 120.0


def _serve_metrics(host: str, port: int) -> None:
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    start_http_server(port, addr=host, registry=registry)


def register(app: typer.Typer) -> None:
    """Add ``worker`` to ``app``."""
    app.command("worker")(worker)
