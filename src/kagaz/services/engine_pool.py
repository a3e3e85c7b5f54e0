"""The server's engines: one process per document read at once, one ONNX thread each.

On a few cores, processes beat threads for reading documents (issue 15, docs/benchmarks.md):
each engine's Python parts (layout, extraction, the OCR's pre- and post-processing) hold the
GIL, ONNX Runtime and OpenCV would otherwise start a thread per core in every engine and fight
over the cores, and the PDF renderer is not thread-safe. ``kagaz worker`` gets the same layout
from Celery's prefork pool; ``kagaz serve`` gets it here: its worker threads (claiming,
fetching, storing) hand each document to a pool of engine processes and wait for the answer.

An engine process is replaced after ``max_tasks_per_child`` documents, so memory a library
keeps per call cannot grow without bound. A process that dies (a crash in a native library on
a hostile file, the kernel's OOM killer) breaks the pool: the document in hand fails with an
:class:`~kagaz.errors.EngineError` (the worker retries it, up to its attempts), and the next
document starts a fresh pool.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kagaz.errors import EngineError
from kagaz.model import ExtractResult
from kagaz.settings import EngineSettings

__all__ = ["EnginePool"]

log = logging.getLogger(__name__)

_ENGINE: Any = None  # the engine of this (child) process
_PARENT_CHECK_SECONDS = 2.0


def _start_engine(settings_json: str, parent: int) -> None:
    global _ENGINE
    from kagaz.pipeline import Engine  # the parent (the API server) never loads the models

    threading.Thread(target=_exit_with, args=(parent,), name="kagaz-parent-watch", daemon=True).start()
    # One OpenCV thread per engine process, as one ONNX thread: the processes are the
    # parallelism. Safe here only because the process is spawned, fresh: in a forked child
    # whose parent had used OpenCV's thread pool, this call hangs.
    import cv2

    cv2.setNumThreads(1)
    _ENGINE = Engine(EngineSettings.model_validate_json(settings_json))


def _exit_with(parent: int) -> None:
    """End this engine process when the server that started it is gone (killed with SIGKILL, its
    pool never shut down): an orphan would otherwise wait on its queue for ever, holding its
    models' memory."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(0)


def _read(data: bytes, kwargs: dict[str, Any]) -> ExtractResult:
    return _ENGINE.process(data, **kwargs)  # type: ignore[no-any-return]


class EnginePool:
    """``processes`` engine processes shared by the threads of one server.

    Calling the pool reads one document in one of its processes (the caller waits); the pool
    starts on first use ("spawn": the server's threads and sockets are not copied into it).
    """

    def __init__(self, settings: EngineSettings, processes: int, *, max_tasks_per_child: int = 0) -> None:
        if processes < 1:
            raise ValueError("an engine pool needs at least one process")
        self.settings = settings
        self.processes = processes
        self.max_tasks_per_child = max_tasks_per_child or None
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_engine, initargs=(self.settings.model_dump_json(), os.getpid()),
                    max_tasks_per_child=self.max_tasks_per_child,
                )
            return self._executor

    def __call__(self, data: bytes, *, format: str | None = None, password: str | None = None) -> ExtractResult:
        kwargs: dict[str, Any] = {"format": format}
        if password is not None:
            kwargs["password"] = password
        pool = self._pool()
        try:
            return pool.submit(_read, data, kwargs).result()
        except BrokenProcessPool as exc:
            self._discard(pool)
            raise EngineError("An engine process died while reading the document") from exc

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        log.warning("engine pool: a process died; the pool starts afresh")
        broken.shutdown(wait=False, cancel_futures=True)

    def stop(self) -> None:
        """As :meth:`close` (the server stops its background parts by ``stop``)."""
        self.close()

    def close(self) -> None:
        """Stop the engine processes (waiting for documents in hand)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
