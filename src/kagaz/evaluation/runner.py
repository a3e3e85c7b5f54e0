"""Running the engine over many files, in parallel, one engine per worker process.

OCR models take seconds to load and hundreds of megabytes each, so every worker process builds
its engine once (in the pool initializer) and keeps it in a module-level slot: the one piece of
per-process state here, and it never crosses processes. With several workers each engine gets
one OCR thread, so that workers do not fight over cores.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from kagaz.evaluation.scoring import DocRecord

__all__ = ["EngineLike", "Job", "default_engine", "load_samples", "run_jobs", "synthetic_jobs"]


class EngineLike(Protocol):
    def process(self, data: bytes, filename: str | None = None) -> Any: ...


@dataclass(frozen=True)
class Job:
    """One file to run, with what it should come out as."""

    source: str
    path: str
    name: str
    expected_type: str
    truth: dict[str, str]
    layout: str = ""
    variant: str = ""


def default_engine(ocr_threads: int = 0) -> EngineLike:
    """The real engine, revealing Aadhaar numbers so that they can be compared."""
    from kagaz.pipeline import Engine
    from kagaz.settings import EngineSettings

    return Engine(EngineSettings(reveal_aadhaar=True, ocr_threads=ocr_threads))


_WORKER: dict[str, EngineLike] = {}


def _init_worker(factory: Callable[[], EngineLike]) -> None:
    _WORKER["engine"] = factory()


def _fields(result: Any) -> dict[str, tuple[Any, float]]:
    out = {}
    for name, fld in (getattr(result, "fields", None) or {}).items():
        out[name] = (getattr(fld, "value", None), float(getattr(fld, "confidence_score", 0.0)))
    return out


def run_one(engine: EngineLike, job: Job) -> DocRecord:
    """Run one file; any exception is recorded on the result, never raised."""
    rec = DocRecord(job.source, job.name, job.expected_type, job.truth, job.layout, job.variant)
    data = Path(job.path).read_bytes()
    start = time.perf_counter()
    try:
        result = engine.process(data, filename=job.name)
        rec.predicted_type = getattr(result, "document_type", None)
        rec.error_code = getattr(result, "error_code", None)
        rec.predicted = _fields(result)
    except Exception as exc:  # noqa: BLE001 - a crash is a result to report
        rec.exception = f"{type(exc).__name__}: {exc}"
        rec.error_code = "EXCEPTION"
        traceback.print_exc()
    rec.seconds = time.perf_counter() - start
    return rec


def _run_in_worker(job: Job) -> DocRecord:
    return run_one(_WORKER["engine"], job)


def run_jobs(jobs: list[Job], factory: Callable[[], EngineLike] | None = None, workers: int = 1,
             progress: Callable[[int, int, DocRecord], None] | None = None) -> list[DocRecord]:
    """Run every job; results come back in job order.

    ``factory`` builds an engine (default: the real one); with ``workers`` > 1 it must be
    picklable (a module-level function or a ``functools.partial`` of one).
    """
    if factory is None:
        factory = partial(default_engine, 1 if workers > 1 else 0)
    results: list[DocRecord | None] = [None] * len(jobs)
    if workers <= 1:
        engine = factory()
        for i, job in enumerate(jobs):
            results[i] = run_one(engine, job)
            if progress:
                progress(i + 1, len(jobs), results[i])  # type: ignore[arg-type]
        return results  # type: ignore[return-value]
    done = 0
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(factory,)) as pool:
        futures = {pool.submit(_run_in_worker, job): i for i, job in enumerate(jobs)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except (BrokenProcessPool, OSError) as exc:  # a worker died (out of memory?)
                job = jobs[i]
                results[i] = DocRecord(job.source, job.name, job.expected_type, job.truth,
                                       job.layout, job.variant, error_code="EXCEPTION",
                                       exception=f"worker failed: {exc!r}")
            done += 1
            if progress:
                progress(done, len(jobs), results[i])  # type: ignore[arg-type]
    return results  # type: ignore[return-value]


def load_samples(directory: Path) -> list[Job]:
    """Jobs for the shared real samples (``truth.jsonl`` next to the files)."""
    jobs = []
    with (directory / "truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            path = directory / row["file"]
            if path.exists():
                jobs.append(Job("samples", str(path), row["file"], row["document_type"],
                                dict(row.get("fields") or {})))
    return jobs


def synthetic_jobs(out: Path, per_type: int, seed: int, variants: Iterable[str]) -> list[Job]:
    """Generate the synthetic corpus into ``out`` and return one job per file."""
    from kagaz.synth.__main__ import write_corpus

    rows = write_corpus(out, per_type, seed, variants)
    return [Job("synthetic", str(out / r["file"]), r["file"], r["document_type"], r["fields"],
                r["layout"], r["variant"]) for r in rows]
