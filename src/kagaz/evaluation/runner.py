"""Running the engine over many files, in parallel, one engine per worker process.

OCR models take seconds to load and hundreds of megabytes each, so every worker process builds
its engine once (in the pool initializer) and keeps it in a module-level slot: the one piece of
per-process state here, and it never crosses processes. With several workers each engine gets
one OCR thread, so that workers do not fight over cores.
"""

from __future__ import annotations

import io
import json
import re
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

__all__ = ["EngineLike", "Job", "count_pages", "default_engine", "digital_jobs",
           "estimate_seconds", "load_samples", "run_jobs", "synthetic_jobs", "write_truth"]


class EngineLike(Protocol):
    def process(self, data: bytes, filename: str | None = None) -> Any: ...


@dataclass(frozen=True)
class Job:
    """One file to run, with what it should come out as."""

    source: str
    path: str
    name: str
    expected_type: str
    truth: dict[str, Any]
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
        rec.pages = int(getattr(result, "pages", 0) or 0)
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


def load_samples(directory: Path, source: str = "samples",
                 homes: Iterable[Path] = ()) -> list[Job]:
    """Jobs for a folder of real documents with ``truth.jsonl`` next to the files (the shared
    samples; the development corpus ``tests/real`` with ``source="real"``). A file is looked
    for in ``directory``, then in each of ``homes``; truth lines whose file is nowhere are
    skipped."""
    jobs = []
    places = [directory, *homes]
    with (directory / "truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            path = next((p / row["file"] for p in places if (p / row["file"]).exists()), None)
            if path is not None:
                jobs.append(Job(source, str(path), row["file"], row["document_type"],
                                dict(row.get("fields") or {})))
    return jobs


def synthetic_jobs(out: Path, per_type: int, seed: int, variants: Iterable[str],
                   types: Iterable[str] | None = None, *, each_type_from_start: bool = False,
                   first_index: int = 0, errors: list[str] | None = None) -> list[Job]:
    """Generate synthetic documents into ``out`` and return one job per file.

    ``types`` defaults to every type the generator knows. Variants are spread as
    :func:`kagaz.synth.generator.plan` spreads them: over the whole list of types, or, with
    ``each_type_from_start``, for each type from the first variant on (so that a few documents
    per type still get the first variants of the list, e.g. a digital and a scanned PDF).
    A document the generator fails on is left out and described in ``errors`` (when given)
    instead of stopping the run; files are numbered from ``first_index``.
    """
    from kagaz.synth.generator import DOC_TYPES, plan

    kinds = list(DOC_TYPES if types is None else types)
    wanted = list(variants)
    if each_type_from_start:
        specs = [p for t in kinds for p in plan(per_type, seed, wanted, [t])]
    else:
        specs = plan(per_type, seed, wanted, kinds)
    return _generate(out, specs, first_index, errors)


def digital_jobs(out: Path, per_type: int, seed: int, types: Iterable[str], *,
                 first_index: int = 0, errors: list[str] | None = None) -> list[Job]:
    """Born-digital PDFs (``pdf_text``) of each type that has A4 layouts, taking the layouts in
    turn from the second one (the variant cycle of :func:`synthetic_jobs` draws its ``pdf_text``
    document on the first), with content seeds of their own."""
    from kagaz.synth.generator import a4_layouts, mix_seed

    specs = []
    for t in types:
        a4 = a4_layouts(t)
        for i in range(per_type if a4 else 0):
            specs.append((t, mix_seed(seed, t, "digital", i), "pdf_text", a4[(i + 1) % len(a4)]))
    return _generate(out, specs, first_index, errors)


def _generate(out: Path, specs: list[tuple[str, int, str, str]], first_index: int,
              errors: list[str] | None) -> list[Job]:
    from kagaz.synth.generator import generate

    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for k, (doc_type, doc_seed, variant, layout) in enumerate(specs):
        try:
            doc = generate(doc_type, doc_seed, variant, layout)
        except Exception as exc:  # noqa: BLE001 - a generator bug is reported, not fatal
            if errors is None:
                raise
            errors.append(f"{doc_type} {layout} {variant} (seed {doc_seed}): "
                          f"{type(exc).__name__}: {exc}")
            continue
        name = doc.filename(first_index + k)
        (out / name).write_bytes(doc.data)
        jobs.append(Job("synthetic", str(out / name), name, doc.doc_type, doc.fields,
                        doc.layout, doc.variant))
    return jobs


def write_truth(out: Path, jobs: Iterable[Job]) -> None:
    """``out/truth.jsonl`` for the jobs, in the schema of ``python -m kagaz.synth``."""
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for j in jobs:
            row = {"file": j.name, "document_type": j.expected_type, "fields": j.truth,
                   "layout": j.layout, "variant": j.variant}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def count_pages(path: str | Path) -> int:
    """Pages in a file: PDF pages or TIFF frames, else 1 (for the run-time estimate)."""
    data = Path(path).read_bytes()
    if data.startswith(b"%PDF"):
        try:
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(data)
            try:
                return max(1, len(doc))
            finally:
                doc.close()
        except Exception:  # noqa: BLE001 - a count for an estimate only
            return max(1, len(re.findall(rb"/Type\s*/Page(?![s\w])", data)))
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        try:
            from PIL import Image

            with Image.open(io.BytesIO(data)) as img:
                return max(1, int(getattr(img, "n_frames", 1)))
        except Exception:  # noqa: BLE001
            return 1
    return 1


#: Rough costs behind the run-time estimate, in seconds of one worker with one OCR thread:
#: an identity card (rotated ones are read twice), a scanned A4 page (a dense statement page
#: holds a hundred text lines), a page read from a PDF text layer.
SECONDS_CARD = 3.0
SECONDS_A4_PAGE = 6.5
SECONDS_TEXT_PAGE = 0.1


def estimate_seconds(jobs: Iterable[Job], pages: dict[str, int], business: Iterable[str],
                     workers: int) -> float:
    """Wall seconds the engine should take on ``jobs`` (``pages``: file name → page count)."""
    kinds = set(business)
    total = 0.0
    for j in jobs:
        n = pages.get(j.name, 1)
        if j.variant == "pdf_text":
            total += SECONDS_TEXT_PAGE * n
        elif j.expected_type in kinds:
            total += SECONDS_A4_PAGE * n
        else:
            total += SECONDS_CARD * n
    return total / max(1, workers)
