"""A daemon thread that calls a function every few seconds until stopped (e.g. retention)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

__all__ = ["Periodic"]

log = logging.getLogger(__name__)


class Periodic:
    """Run ``fn`` now and then every ``interval`` seconds; exceptions are logged, not fatal."""

    def __init__(self, name: str, interval: float, fn: Callable[[], object]) -> None:
        self.name = name
        self.interval = interval
        self.fn = fn
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"kagaz-{name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.fn()
            except Exception:
                log.exception("%s failed; will try again", self.name)
            self._stop.wait(self.interval)
