"""The one place that builds what kagaz runs on, from the settings.

``kagaz serve`` (:mod:`kagaz.api.app`), ``kagaz worker`` (:mod:`kagaz.cli.celery_worker` and
each worker process in :mod:`kagaz.worker.celery_app`), ``kagaz clients`` and ``kagaz extract``
all start here:

* :func:`open_database`: the embedded default's folder, the connection pool and the schema
  migrations (waiting for a database that is restarting, where asked);
* :func:`build`: the :class:`Parts` every service runs on: database, blob storage, the guarded
  fetcher, the keys derived from the one master secret (access tokens, signed links, sealed
  document passwords) and the Aadhaar masking rule;
* :func:`engine_settings`, :func:`engine_factory` and :func:`engine_pool`: the engine, one per
  process (``kagaz worker``'s children, ``kagaz extract``'s and ``kagaz serve``'s engine
  processes), one ONNX thread each where several share the machine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import sqlalchemy as sa

from kagaz.database import keys, migrate
from kagaz.database.db import Database
from kagaz.database.passwords import PasswordBox
from kagaz.fetch.fetcher import Fetcher
from kagaz.fetch.guard import AddressPolicy, Resolver, system_resolver
from kagaz.model import ExtractResult
from kagaz.services.engine_pool import EnginePool
from kagaz.services.credentials import LinkSigner, RefreshTokenCodec, TokenService, derive_key
from kagaz.settings import EngineSettings, Settings
from kagaz.storage.base import Presigner, Storage
from kagaz.storage.factory import open_storage
from kagaz.text.masking import AadhaarMasking

__all__ = [
    "Parts",
    "Processor",
    "ProcessorFactory",
    "build",
    "engine_factory",
    "engine_pool",
    "engine_settings",
    "master_key",
    "open_database",
    "upgrade_when_reachable",
]

log = logging.getLogger(__name__)

_DB_WAIT_SECONDS = 120.0


class Processor(Protocol):
    """The engine as the services see it (:meth:`kagaz.pipeline.Engine.process`, or a double in
    tests): ``(data, format=..., password=...) -> ExtractResult``; ``format`` is the one sniffed
    when the document arrived. It MUST NOT raise for a bad document (it
    reports it in ``error_code``); an exception means the processor itself broke, and the worker
    retries. ``password`` opens a locked PDF; it is passed only when the document has one, so a
    processor that never reads locked PDFs may leave it out."""

    def __call__(self, data: bytes, *, format: str | None = None,
                 password: str | None = None) -> ExtractResult: ...


# Builds one engine; called once per worker thread or process, because the engine is heavy (it
# loads OCR models) and is reused for every document that thread or process reads.
ProcessorFactory = Callable[[], Processor]


@dataclass
class Parts:
    """What the services of one process run on, built once by :func:`build`."""

    settings: Settings
    db: Database
    storage: Storage
    fetcher: Fetcher
    passwords: PasswordBox  # seals the passwords of locked PDFs (kagaz.database.passwords)
    aadhaar: AadhaarMasking  # what results may show of Aadhaar numbers (kagaz.text.masking)
    tokens: TokenService
    links: LinkSigner
    refresh: RefreshTokenCodec  # refresh tokens (kagaz.services.sessions)
    resolver: Resolver = system_resolver  # the one every guarded connection resolves with

    def presigner(self) -> Presigner | None:
        """The store's link signer when redact_url is to be a pre-signed URL, else None."""
        if self.settings.storage.redact_links == "presigned" and isinstance(
            self.storage, Presigner
        ):
            return self.storage
        return None

    def close(self) -> None:
        self.fetcher.close()
        self.db.dispose()


def open_database(settings: Settings, *, wait_seconds: float = 0.0) -> Database:
    """The database, its schema migrated; the embedded default's folder is made first. With
    ``wait_seconds``, an unreachable database is waited for that long (see
    :func:`upgrade_when_reachable`)."""
    if settings.database_url is None:  # the embedded default keeps its files there
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = Database(settings.resolved_database_url())
    upgrade_when_reachable(db, migrate.upgrade, wait=wait_seconds)
    return db


def upgrade_when_reachable(
    db: Database, upgrade: Callable[[Database], None], wait: float = _DB_WAIT_SECONDS
) -> None:
    """Apply the migrations, waiting up to ``wait`` seconds for an unreachable database.

    A worker restarted while the database restarts (the fault suite does both) would otherwise
    exit at once, and its supervisor would restart it into the same failure until it gives up
    (systemd stops after five quick failures)."""
    deadline = time.monotonic() + wait
    delay = 0.5
    while True:
        try:
            upgrade(db)
            return
        except sa.exc.OperationalError as exc:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("database unreachable at start (%s); retrying", type(exc.orig).__name__)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def master_key(settings: Settings, db: Database) -> bytes:
    """The configured signing key, or the one generated once and kept in the database: API
    servers and ``kagaz worker`` processes all resolve the same one."""
    configured = settings.api.signing_key
    return keys.master_key(db, None if configured is None else configured.get_secret_value())


def build(
    settings: Settings, *, db: Database | None = None, resolver: Resolver = system_resolver
) -> Parts:
    """The parts for ``settings``, on ``db`` (default: a new connection pool, not migrated)."""
    db = db or Database(settings.resolved_database_url())
    master = master_key(settings, db)
    policy = AddressPolicy.from_setting(settings.fetch_allow_private)
    return Parts(
        settings=settings,
        db=db,
        storage=open_storage(settings),
        fetcher=Fetcher(settings.fetch, policy, resolver=resolver),
        passwords=PasswordBox.from_master(master),
        aadhaar=AadhaarMasking.from_settings(settings.engine),
        tokens=TokenService(
            derive_key(master, "jwt/v1"), ttl_seconds=settings.api.token_ttl_seconds
        ),
        links=LinkSigner(
            derive_key(master, "redact-link/v1"), ttl_seconds=settings.api.redact_link_ttl_seconds
        ),
        refresh=RefreshTokenCodec(
            derive_key(master, "refresh-jwt/v1"),
            ttl_seconds=settings.api.refresh_token_ttl_seconds,
        ),
        resolver=resolver,
    )


def engine_settings(settings: EngineSettings, *, engines: int = 1) -> EngineSettings:
    """The engine's settings when ``engines`` engines share this machine's cores: one ONNX
    thread each unless ``ocr_threads`` says otherwise (the best throughput on few cores)."""
    engine = settings.model_copy()
    if engines > 1 and engine.ocr_threads == 0:
        engine.ocr_threads = 1
    return engine


def engine_pool(settings: Settings) -> EnginePool:
    """``kagaz serve``'s engines: one process per document it reads at once
    (``KAGAZ_WORKER__COUNT``, one per core by default), one ONNX thread each, each replaced after
    ``KAGAZ_WORKER__MAX_TASKS_PER_CHILD`` documents (:mod:`kagaz.services.engine_pool`)."""
    n = settings.worker.threads
    return EnginePool(engine_settings(settings.engine, engines=n), n,
                      max_tasks_per_child=settings.worker.max_tasks_per_child)


def engine_factory(settings: EngineSettings) -> ProcessorFactory:
    """A factory that builds one real :class:`kagaz.pipeline.Engine` per call."""

    def make() -> Processor:
        # Loaded on first use: the command line (kagaz clients, kagaz worker's parent process)
        # starts without the engine's libraries.
        from kagaz.pipeline import Engine

        return Engine(settings).process

    return make
