"""Everything a request handler needs, built once per server process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

from kagaz.services.credentials import LinkSigner, TokenService, derive_key
from kagaz.errors import KagazError
from kagaz.fetch.fetcher import Fetcher
from kagaz.fetch.guard import AddressPolicy, Resolver, system_resolver
from kagaz.settings import Settings
from kagaz.storage.base import Presigner, Storage
from kagaz.storage.factory import open_storage
from kagaz.database import keys
from kagaz.database.db import Database
from kagaz.database.passwords import PasswordBox
from kagaz.text.masking import AadhaarMasking
from kagaz.worker.broker import Dispatcher
from kagaz.worker.pool import WorkerPool

__all__ = ["Services", "build_services", "master_key"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Services:
    settings: Settings
    db: Database
    storage: Storage
    tokens: TokenService
    links: LinkSigner
    fetcher: Fetcher
    passwords: PasswordBox  # seals the passwords of locked PDFs (kagaz.database.passwords)
    aadhaar: AadhaarMasking  # what results may show of Aadhaar numbers (kagaz.text.masking)
    pool: WorkerPool | None = None
    dispatcher: Dispatcher | None = None
    callbacks: Any = None  # kagaz.callbacks.sender.CallbackSender when callbacks run here
    metrics_registry: Any = None  # prometheus CollectorRegistry with the queue gauges
    auth_gate: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(2)
    )

    async def read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a short database read. On SQLite (a local file, WAL: readers never wait) it runs
        inline, which avoids a thread hop and GIL convoys under load; on a networked database it
        runs in the thread pool so that the event loop never blocks on the network."""
        if self.db.is_sqlite:
            return fn(*args, **kwargs)
        return await run_in_threadpool(fn, *args, **kwargs)

    def wake_workers(self) -> None:
        """New documents were committed: wake the local pool, or hand them to the broker (a
        failure here loses nothing: the sweeper dispatches them later)."""
        if self.pool is not None:
            self.pool.wake()
        if self.dispatcher is not None:
            try:
                self.dispatcher.dispatch()
            except KagazError as exc:
                log.warning("cannot dispatch new documents now (%s); the sweeper will", exc.code)

    def presigner(self) -> Presigner | None:
        """The store's link signer when redact_url is to be a pre-signed URL, else None."""
        if self.settings.storage.redact_links == "presigned" and isinstance(
            self.storage, Presigner
        ):
            return self.storage
        return None


def master_key(settings: Settings, db: Database) -> bytes:
    """The configured signing key, or the one generated once and kept in the database."""
    configured = settings.api.signing_key
    return keys.master_key(db, None if configured is None else configured.get_secret_value())


def build_services(
    settings: Settings, db: Database, *, resolver: Resolver = system_resolver
) -> Services:
    master = master_key(settings, db)
    policy = AddressPolicy.from_setting(settings.fetch_allow_private)
    return Services(
        settings=settings,
        db=db,
        storage=open_storage(settings),
        tokens=TokenService(
            derive_key(master, "jwt/v1"), ttl_seconds=settings.api.token_ttl_seconds
        ),
        links=LinkSigner(
            derive_key(master, "redact-link/v1"), ttl_seconds=settings.api.redact_link_ttl_seconds
        ),
        fetcher=Fetcher(settings.fetch, policy, resolver=resolver),
        passwords=PasswordBox.from_master(master),
        aadhaar=AadhaarMasking.from_settings(settings.engine),
        auth_gate=threading.BoundedSemaphore(settings.api.auth_concurrency),
    )
