"""A watchdog for ``kagaz worker``: exit when the Celery consumer has silently stopped consuming.

After a Redis restart a Celery worker can lose its consumer while its process stays up: it logs
``Couldn't ack …`` once and then never takes another task, though tasks wait in the queue (a
known Celery/kombu failure on the Redis transport). The database keeps every document safe, but
nothing is processed until the worker is restarted. The fault-injection suite (tests/faults)
found this; the watchdog turns the silent stall into an exit that a supervisor (systemd
``Restart=always``, Kubernetes, docker ``restart: always``) answers with a fresh worker.

The check, every few seconds, in the worker's main process: the broker holds tasks waiting in
this worker's queue, and this worker has neither a task running nor one reserved. A live
consumer with a free slot takes a waiting task within milliseconds, so when that has been true
for ``stall_seconds`` on end the consumer is dead. Brokers whose queue length kagaz cannot read
(anything but Redis) are not watched.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["EXIT_CODE", "ConsumerWatchdog"]

log = logging.getLogger(__name__)

EXIT_CODE = 75  # EX_TEMPFAIL: restart me


def _idle() -> bool:
    from celery.worker import state

    return not state.active_requests and not state.reserved_requests


class ConsumerWatchdog:
    """Exit the process (``EXIT_CODE``) once tasks have waited ``stall_seconds`` while this
    worker sat idle."""

    def __init__(
        self,
        celery_app: Any,
        queue: str,
        *,
        stall_seconds: float,
        interval: float | None = None,
        idle: Callable[[], bool] = _idle,
        exit: Callable[[int], None] = os._exit,
    ) -> None:
        self.app = celery_app
        self.queue = queue
        self.stall_seconds = stall_seconds
        self.interval = interval or max(0.5, min(5.0, stall_seconds / 4))
        self._idle = idle
        self._exit = exit
        self._stop = threading.Event()
        self._since: float | None = None

    def waiting(self) -> int | None:
        """Tasks waiting in the queue (Redis), or None when the broker cannot say."""
        with self.app.connection_for_write() as conn:
            size = getattr(conn.default_channel, "_size", None)
            return None if size is None else int(size(self.queue))

    def check(self, now: float | None = None) -> bool:
        """One look; True when the consumer counts as stalled (and the process should go)."""
        now = time.monotonic() if now is None else now
        try:
            waiting = self.waiting()
        except Exception as exc:  # the broker is away: that is not a stall of ours
            log.debug("watchdog: cannot read the queue (%s)", type(exc).__name__)
            waiting = None
        if not waiting or not self._idle():
            self._since = None
            return False
        if self._since is None:
            self._since = now
        return now - self._since >= self.stall_seconds

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.check():
                log.critical(
                    "worker consumer stalled: tasks waited %.0f s in queue %s while this worker "
                    "was idle; exiting (code %d) so that the supervisor restarts it",
                    self.stall_seconds,
                    self.queue,
                    EXIT_CODE,
                )
                logging.shutdown()
                self._exit(EXIT_CODE)
                return

    def start(self) -> None:
        threading.Thread(target=self._run, name="kagaz-watchdog", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
