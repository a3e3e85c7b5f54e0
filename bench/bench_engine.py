"""Engine speed: documents per second for ID cards and A4 pages, pipeline against raw OCR.

Both sides run in this process on the same decoded images with one ONNX thread, so the
difference is the pipeline's own cost (loading, straightening, Devanagari re-reads, classifying,
extracting, validating). A second table runs the pipeline in one process per core.

    python bench/bench_engine.py [--per-type 4] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import machine, write_section  # noqa: E402

from kagaz.model import Document  # noqa: E402
from kagaz.pipeline.stages.load import LoadStage  # noqa: E402
from kagaz.settings import EngineSettings  # noqa: E402


def corpus(per_type: int) -> dict[str, list[bytes]]:
    from kagaz.synth import generate

    out: dict[str, list[bytes]] = {"card": [], "a4": []}
    for doc_type in ("PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT"):
        for seed in range(per_type * 3):
            d = generate(doc_type, seed, "clean")
            if d.ext == "pdf":
                continue
            page = LoadStage()(Document(data=d.data)).pages[0]
            kind = "a4" if max(page.width, page.height) > 1500 else "card"
            if len(out[kind]) < per_type * (5 if kind == "card" else 2):
                out[kind].append(d.data)
    return out


def time_raw(images: list[bytes]) -> list[float]:
    from kagaz.ocr.rapid import RapidOcrEngine

    ocr = RapidOcrEngine(threads=1)
    pages = [LoadStage()(Document(data=d)).pages[0].image for d in images]
    ocr.read(pages[0])  # warm-up
    times = []
    for im in pages:
        t = time.perf_counter()
        ocr.read(im)
        times.append(time.perf_counter() - t)
    return times


def time_pipeline(images: list[bytes]) -> list[float]:
    from kagaz.pipeline import Engine

    engine = Engine(EngineSettings(ocr_threads=1))
    engine.process(images[0])
    times = []
    for data in images:
        t = time.perf_counter()
        engine.process(data)
        times.append(time.perf_counter() - t)
    return times


_ENGINE = None


def _init() -> None:
    global _ENGINE
    from kagaz.pipeline import Engine

    _ENGINE = Engine(EngineSettings(ocr_threads=1))
    _ENGINE.process(_WARM)


def _one(data: bytes) -> None:
    _ENGINE.process(data)  # type: ignore[union-attr]


_WARM = b""


def throughput(images: list[bytes], workers: int) -> float:
    global _WARM
    _WARM = images[0]
    with ProcessPoolExecutor(workers, initializer=_init) as pool:
        list(pool.map(_one, images[:workers]))  # all workers warm
        t = time.perf_counter()
        list(pool.map(_one, images))
        return len(images) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-type", type=int, default=4)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default="docs/benchmarks.md")
    args = ap.parse_args()
    docs = corpus(args.per_type)
    rows = []
    for kind, images in docs.items():
        if not images:
            continue
        raw = time_raw(images)
        pipe = time_pipeline(images)
        r, p = statistics.mean(raw), statistics.mean(pipe)
        tput = throughput(images * 2, args.workers)
        rows.append(
            f"| {kind} | {len(images)} | {r:.3f} s ({1 / r:.2f}/s) | {p:.3f} s ({1 / p:.2f}/s) | "
            f"{(p / r - 1) * 100:+.0f}% | {statistics.median(pipe):.3f} s | {tput:.2f}/s |"
        )
        print(rows[-1], flush=True)
    md = f"""Machine: {machine()}.
Command: `python bench/bench_engine.py --per-type {args.per_type} --workers {args.workers}` (clean synthetic documents from `kagaz.synth`).

Raw OCR is RapidOCR's `read` on the decoded page; the pipeline is `Engine.process` on the file's
bytes (load, OCR, Devanagari re-reads, straightening, classification, extraction, validation).
Both use one ONNX thread in one process; the last column runs the pipeline in {args.workers} processes.

| pages | n | raw OCR, mean (docs/s) | pipeline, mean (docs/s) | pipeline overhead | pipeline p50 | pipeline, {args.workers} processes |
|---|---|---|---|---|---|---|
""" + "\n".join(rows) + f"\n\nLoad average at the end of the run: {os.getloadavg()[0]:.1f} (other jobs on the machine inflate every number)."
    write_section(args.out, "Engine: documents per second", md)


if __name__ == "__main__":
    main()
