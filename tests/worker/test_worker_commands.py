"""``kagaz worker`` is registered on the main command and refuses to run without a broker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _kagaz(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KAGAZ_")}
    clean["PYTHONPATH"] = str(SRC)
    return subprocess.run(
        [sys.executable, "-m", "kagaz.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_worker_needs_the_celery_queue(tmp_path: Path) -> None:
    done = _kagaz("worker", KAGAZ_DATA_DIR=str(tmp_path))
    assert done.returncode == 2
    assert "KAGAZ_QUEUE=celery" in done.stderr


def test_worker_help_and_bad_settings() -> None:
    assert "--concurrency" in _kagaz("worker", "--help").stdout
    bad = _kagaz("worker", KAGAZ_QUEUE="celery")  # no KAGAZ_BROKER_URL
    assert bad.returncode != 0 and "KAGAZ_BROKER_URL" in bad.stderr
