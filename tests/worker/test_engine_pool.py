"""kagaz serve's engine processes (kagaz.services.engine_pool): documents are read in child
processes with one ONNX thread each; a child that dies fails only the document in hand."""

from __future__ import annotations

import os
import signal

import pytest

from kagaz.errors import EngineError
from kagaz.services.engine_pool import EnginePool
from kagaz.services.wiring import engine_pool
from kagaz.settings import EngineSettings, Settings, WorkerSettings
from kagaz.settings.worker import per_core
from tests.conftest import encode

pytestmark = pytest.mark.slow


def test_reads_in_a_child_process_and_survives_a_dead_one(pan_card):
    pool = EnginePool(EngineSettings(ocr_threads=1, devanagari=False), 1)
    try:
        first = pool(encode(pan_card, "PNG"), format="png")
        assert first.document_type == "PAN" and first.error_code is None
        (child,) = pool._pool()._processes  # the one engine process
        assert child != os.getpid()
        os.kill(child, signal.SIGKILL)  # as the OOM killer would
        with pytest.raises(EngineError):
            pool(encode(pan_card, "PNG"), format="png")
        again = pool(encode(pan_card, "PNG"), format="png")  # a fresh pool
        assert again.document_type == "PAN"
        assert child not in pool._pool()._processes
    finally:
        pool.close()


def test_engine_processes_are_replaced_after_max_tasks(pan_card):
    pool = EnginePool(EngineSettings(ocr_threads=1, devanagari=False), 1, max_tasks_per_child=1)
    try:
        assert pool(encode(pan_card, "PNG")).document_type == "PAN"
        executor = pool._pool()
        # Each task in a process of its own: the one that read the card has gone.
        assert executor.submit(os.getpid).result() != executor.submit(os.getpid).result()
    finally:
        pool.close()


def test_the_server_layout_is_one_engine_process_per_core_by_default():
    settings = Settings()
    assert settings.worker.threads == per_core(-1) == (os.cpu_count() or 1)
    pool = engine_pool(settings)
    assert pool.processes == settings.worker.threads
    assert pool.settings.ocr_threads == (1 if pool.processes > 1 else 0)
    assert pool.max_tasks_per_child == settings.worker.max_tasks_per_child
    assert Settings(worker=WorkerSettings(count=3)).worker.threads == 3
    assert Settings(worker=WorkerSettings(count=0)).worker.threads == 0  # the API alone
    assert Settings(worker=WorkerSettings(concurrency=0)).worker.processes == per_core(0)


def test_engine_processes_end_when_the_server_is_killed(tmp_path):
    import subprocess
    import sys
    import time

    script = tmp_path / "server.py"
    script.write_text(
        "import os, sys, time\n"
        "from kagaz.services.engine_pool import EnginePool\n"
        "from kagaz.settings import EngineSettings\n"
        "if __name__ == '__main__':\n"
        "    pool = EnginePool(EngineSettings(ocr_threads=1, devanagari=False), 1)\n"
        "    print(pool._pool().submit(os.getpid).result(), flush=True)\n"
        "    time.sleep(600)\n"
    )
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(server.stdout.readline())
        os.kill(server.pid, signal.SIGKILL)  # no shutdown: as the OOM killer or kill -9 would
        server.wait(10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                return  # the orphan ended itself
            time.sleep(0.2)
        raise AssertionError(f"engine process {child} outlived its server")
    finally:
        server.kill()
