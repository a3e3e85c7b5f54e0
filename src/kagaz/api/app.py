"""The FastAPI application: Atlas-compatible routes for the bulk and docstream families.

:func:`create_app` builds the app; its lifespan opens the database, applies migrations, builds
the services, and starts the worker pool and the retention sweep (and stops them on shutdown).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from kagaz.api import errors
from kagaz.api.middleware import BodyLimit, ConcurrencyLimit, RequestId, SecurityHeaders
from kagaz.api.ratelimit import RateLimit, limits_from_settings
from kagaz.api.routes import (
    address,
    auth,
    batches,
    console_batches,
    console_documents,
    console_page,
    files,
    flows,
    ops,
    review,
    statements,
    upload,
)
from kagaz.api.schemas import ErrorEnvelope, FileUrlCreate, MultiuploadCreate
from kagaz.api.state import ServerState
from kagaz.database.models import Family
from kagaz.fetch.guard import Resolver, system_resolver
from kagaz.matching.crosschecks import check_rules_dir
from kagaz.observability.heap import freeze_loaded
from kagaz.services import wiring
from kagaz.services.engine_pool import EnginePool
from kagaz.services.operations import queue_depth
from kagaz.services.retention import purge_originals
from kagaz.services.wiring import ProcessorFactory
from kagaz.settings import Settings, get_settings
from kagaz.worker.broker import Dispatcher
from kagaz.worker.callback_sender import CallbackSender
from kagaz.worker.leases import hold_seconds
from kagaz.worker.periodic import Periodic
from kagaz.worker.pool import WorkerPool
from kagaz.worker.sweeper import Sweeper

__all__ = ["create_app"]

log = logging.getLogger(__name__)

_DESCRIPTION = """\
Offline document intelligence for Indian lending, wire-compatible with the Atlas Bulk and
Docstream APIs. Get a token with `POST /v1/{family}/authtoken` (headers `Client-Id`,
`Client-Secret`), send it as the `Token` header, submit URLs with `multiupload` and page through
`extracts`. Every error answer is `{"error_code": "<status>", "error_message": "<Category>: ..."}`.
"""


def _fastapi(**kwargs: Any) -> FastAPI:
    """FastAPI with the Swagger UI assets served locally when fastapi-offline is installed."""
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:  # pragma: no cover - docs then load their assets from a CDN
        return FastAPI(docs_url="/docs", redoc_url=None, **kwargs)
    return FastAPIOffline(docs_url="/docs", redoc_url=None, static_url="/docs/static", **kwargs)


_ENVELOPE_ANSWER = {
    "description": "Missing or malformed parameters",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
}


_RATE_LIMITED = {
    "description": "Too many requests (rate limit); retry after Retry-After seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
}


def _openapi(app: FastAPI, extra: list[type[BaseModel]]) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        # Validation errors answer 400 with the envelope, never FastAPI's 422 body: say so
        # wherever FastAPI declared its 422 (every operation that validates parameters).
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                answer = operation.get("responses", {}).get("422", {})
                if "HTTPValidationError" in str(answer):
                    del operation["responses"]["422"]
                    operation["responses"].setdefault("400", _ENVELOPE_ANSWER)
        for name, path in schema.get("paths", {}).items():  # kagaz.api.ratelimit
            if name.endswith(("/authtoken", "/refresh-token", "/multiupload", "/upload")) and (
                "post" in path
            ):
                path["post"].setdefault("responses", {}).setdefault("429", _RATE_LIMITED)
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        for model in extra:
            components[model.__name__] = model.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            components[model.__name__].pop("$defs", None)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(
    settings: Settings | None = None,
    *,
    processor_factory: ProcessorFactory | None = None,
    resolver: Resolver = system_resolver,
    run_workers: bool = True,
) -> FastAPI:
    """The kagaz API. ``processor_factory`` defaults to the real engine (one per worker)."""
    settings = settings or get_settings()
    factory = processor_factory  # None: the real engine, one process per document read at once

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state, background = _start(settings, factory, resolver, run_workers)
        app.state.services = state
        freeze_loaded()  # everything loaded so far lives for the whole process
        try:
            yield
        finally:
            app.state.services = None
            for task in background:
                task.stop()
            state.parts.close()

    app = _fastapi(title="kagaz", version="0.1.0", description=_DESCRIPTION, lifespan=lifespan)
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(ConcurrencyLimit, max_requests=settings.api.max_concurrency)
    rate_limits = limits_from_settings(settings)
    if rate_limits is not None:  # outside ConcurrencyLimit: a refused request takes no slot
        app.add_middleware(RateLimit, limits=rate_limits[0], counter=rate_limits[1])
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestId)
    for family in (Family.BULK.value, Family.DOCSTREAM.value):
        app.include_router(auth.router(family, status_code=settings.api.authtoken_status))
        app.include_router(batches.router(family))
        app.include_router(upload.router(family))
    app.include_router(
        auth.router(
            Family.FLOW.value, status_code=settings.api.authtoken_status, prefix=flows.PREFIX
        )
    )
    app.include_router(
        auth.router("verification", status_code=settings.api.authtoken_status, with_refresh=True)
    )
    app.include_router(auth.refresh_router(status_code=settings.api.authtoken_status))
    app.include_router(flows.router())
    app.include_router(address.router())
    app.include_router(files.router())
    app.include_router(review.router())
    app.include_router(statements.router())
    app.include_router(ops.router())
    app.include_router(console_page.router())
    app.include_router(console_batches.router())
    app.include_router(console_documents.router())

    extra_models = [
        MultiuploadCreate,
        FileUrlCreate,
        ErrorEnvelope,
        flows.FlowInitCreate,
        address.AddressMatchCreate,
    ]
    app.openapi = lambda: _openapi(app, extra_models)  # type: ignore[method-assign]
    return app


def _start(
    settings: Settings, factory: ProcessorFactory | None, resolver: Resolver, run_workers: bool
) -> tuple[ServerState, list[Any]]:
    if settings.callbacks.rules_dir is not None:
        check_rules_dir(settings.callbacks.rules_dir)  # a typo stops the start, not a flow
    parts = wiring.build(settings, db=wiring.open_database(settings), resolver=resolver)
    state = ServerState(
        parts, auth_gate=threading.BoundedSemaphore(settings.api.auth_concurrency)
    )
    background: list[Any] = []
    engines: EnginePool | None = None
    if settings.queue == "celery":
        _start_broker_path(settings, state, background)
    elif run_workers and settings.worker.threads > 0:
        if factory is None:
            engines = wiring.engine_pool(settings)
            factory = lambda: engines  # noqa: E731 - every worker thread shares the processes
        pool = WorkerPool(
            db=parts.db,
            storage=parts.storage,
            fetcher=parts.fetcher,
            processor_factory=factory,
            settings=settings.worker,
            aadhaar=parts.aadhaar,
            passwords=parts.passwords,
            max_hold_seconds=hold_seconds(settings),
        )
        pool.start()
        state.pool = pool
        background.append(pool)
        if engines is not None:
            background.append(engines)  # stopped after the threads that hand it documents
    if settings.callbacks.enabled and (run_workers or settings.queue == "celery"):
        _start_callbacks(settings, state, resolver, background)
    if settings.storage.retention_days > 0:
        sweep = Periodic(
            "retention",
            settings.storage.retention_interval_seconds,
            lambda: purge_originals(
                db=parts.db, storage=parts.storage, retention_days=settings.storage.retention_days
            ),
        )
        sweep.start()
        background.append(sweep)
    state.metrics_registry = _queue_metrics(state)
    return state, background


def _start_callbacks(
    settings: Settings, state: ServerState, resolver: Resolver, background: list[Any]
) -> None:
    """Flow completion and callback delivery (docs/flows.md); a finished document wakes it."""
    sender = CallbackSender(db=state.db, settings=settings, resolver=resolver)
    sender.start()
    state.callbacks = sender
    if state.pool is not None:
        state.pool.on_finished = sender.wake
    background.append(sender)


def _start_broker_path(settings: Settings, state: ServerState, background: list[Any]) -> None:
    """``KAGAZ_QUEUE=celery``: send tasks to the broker, and sweep (unless turned off)."""
    from kagaz.worker.celery_app import create_celery  # Celery loads only on this path

    state.dispatcher = Dispatcher(
        db=state.db, celery_app=create_celery(settings), settings=settings.worker
    )
    if settings.worker.sweeper_in_api:
        sweeper = Sweeper(db=state.db, dispatcher=state.dispatcher, settings=settings.worker)
        sweeper.start()
        background.append(sweeper)


def _queue_metrics(state: ServerState) -> Any:
    from prometheus_client import CollectorRegistry

    from kagaz.observability.metrics import QueueCollector

    registry = CollectorRegistry(auto_describe=True)
    broker = state.dispatcher.broker_depth if state.dispatcher is not None else None
    registry.register(QueueCollector(lambda: queue_depth(state.db), broker))
    return registry
