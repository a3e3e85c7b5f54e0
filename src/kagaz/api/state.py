"""What the routes of one server process share: the parts the services run on
(:class:`kagaz.services.wiring.Parts`, built once by the lifespan) and the server's own
machinery: its worker pool or broker dispatcher, its callback sender, its queue metrics and the
gate that bounds concurrent password hashing."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

from kagaz.database.db import Database
from kagaz.errors import KagazError
from kagaz.services.credentials import LinkSigner, TokenService
from kagaz.services.wiring import Parts
from kagaz.settings import Settings
from kagaz.storage.base import Storage

if TYPE_CHECKING:  # annotations only
    from kagaz.worker.callback_sender import CallbackSender
    from kagaz.worker.broker import Dispatcher
    from kagaz.worker.pool import WorkerPool

__all__ = ["ServerState"]

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class ServerState:
    parts: Parts
    pool: WorkerPool | None = None
    dispatcher: Dispatcher | None = None
    callbacks: CallbackSender | None = None
    metrics_registry: Any = None  # prometheus CollectorRegistry with the queue gauges
    auth_gate: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(2)
    )

    # The parts under their own names (app.state.services.db, .links, ... in tests and tools).
    @property
    def db(self) -> Database:
        return self.parts.db

    @property
    def links(self) -> LinkSigner:
        return self.parts.links

    @property
    def tokens(self) -> TokenService:
        return self.parts.tokens

    @property
    def storage(self) -> Storage:
        return self.parts.storage

    @property
    def settings(self) -> Settings:
        return self.parts.settings

    async def read(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run a short database read. On SQLite (a local file, WAL: readers never wait) it runs
        inline, which avoids a thread hop and GIL convoys under load; on a networked database it
        runs in the thread pool so that the event loop never blocks on the network."""
        if self.parts.db.is_sqlite:
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
