"""The callback sender: threads that complete flows (:mod:`kagaz.services.completion`) and
deliver their callbacks (:mod:`kagaz.services.callback_delivery`).

Every API process runs one (``KAGAZ_CALLBACKS__ENABLED``), and so does ``kagaz worker --beat``,
so callbacks go out with either queue. Each of ``KAGAZ_CALLBACKS__SENDERS`` threads loops:
complete the flows whose documents are all final (one thread at a time per process), claim one
due delivery under a lease, send it; idle for ``poll_seconds`` when nothing is due. A finished
document wakes the threads at once (:meth:`CallbackSender.wake`). Any number of processes may run
senders against one database: completions and deliveries are claimed, never shared.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time

from kagaz.callbacks.http import CallbackClient
from kagaz.database.db import Database
from kagaz.fetch.guard import AddressPolicy, Resolver, system_resolver
from kagaz.services.callback_delivery import deliver_next
from kagaz.services.completion import complete_ready_flows
from kagaz.settings import Settings

__all__ = ["CallbackSender"]

log = logging.getLogger(__name__)


class CallbackSender:
    """Flow completion and callback delivery, on demand (:meth:`run_once`) or in threads."""

    def __init__(
        self, *, db: Database, settings: Settings, resolver: Resolver = system_resolver
    ) -> None:
        self.db = db
        self.settings = settings.callbacks
        policy = AddressPolicy.from_setting(settings.fetch_allow_private)
        self.client = CallbackClient(
            self.settings, policy, resolver=resolver, max_connections=2 * self.settings.senders
        )
        self.owner_prefix = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._completing = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for i in range(self.settings.senders):
            t = threading.Thread(
                target=self._run,
                args=(f"{self.owner_prefix}:cb{i}",),
                name=f"kagaz-callbacks-{i}",
                daemon=True,
            )
            self._threads.append(t)
            t.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop sending; wait up to ``timeout`` in all for attempts in flight (an attempt cut
        short is retried by any sender once its lease expires)."""
        self._stop.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self.client.close()

    def wake(self, *_args: object) -> None:
        """A document finished (or a delivery was queued): look now."""
        self._wake.set()

    def complete(self) -> int:
        """Complete ready flows, unless another thread of this process is doing it."""
        if not self._completing.acquire(blocking=False):
            return 0
        try:
            return complete_ready_flows(self.db, self.settings)
        finally:
            self._completing.release()

    def run_once(self, owner: str) -> bool:
        """Complete ready flows, then send one due delivery; False when none was due."""
        self.complete()
        return deliver_next(self.db, self.client, self.settings, owner=owner)

    def _run(self, owner: str) -> None:
        while not self._stop.is_set():
            try:
                worked = self.run_once(owner)
            except Exception:
                log.exception("callback sender %s: unexpected error; continuing", owner)
                worked = False
            if not worked:
                self._wake.wait(self.settings.poll_seconds)
                self._wake.clear()
