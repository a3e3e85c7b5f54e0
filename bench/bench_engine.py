"""Engine speed against plain RapidOCR, side by side in one run (issue 15).

The baseline is RapidOCR 3.x exactly as a user would run it: ``RapidOCR()`` with its default
settings (one ONNX thread, to compare like with like) on the decoded image. The engine is
``Engine.process`` on the file's bytes, one ONNX thread: loading, OCR, Devanagari re-reads,
straightening, classification, extraction, validation, redaction. Both read the same files, in
turn, in one process, so machine load hits both alike; thread CPU seconds are reported beside
wall seconds because they are what load does not inflate.

Then throughput: the server's engine pool (``kagaz serve``'s layout: spawned processes, one ONNX
thread each) with 1 and with 2 processes over the same files, against the baseline's one-thread
rate; and memory: one engine process's resident set after
each document, over ``--memory-docs`` documents.

    python bench/bench_engine.py [--per-type 4] [--memory-docs 2000] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import load_average, machine, write_section  # noqa: E402

from kagaz.model import Document  # noqa: E402
from kagaz.pipeline.stages.load import LoadStage  # noqa: E402
from kagaz.settings import EngineSettings  # noqa: E402

CARD_TYPES = ("PAN", "AADHAAR", "DRIVING_LICENSE", "VOTER_ID", "PASSPORT")
CARD_VARIANTS = ("clean", "photo", "photocopy", "skew")
PAGE_TYPES = ("INVOICE", "GST_CERT", "DELIVERY_ORDER", "SALE_DEED", "UDYAM_CERT")


def corpus(per_type: int) -> dict[str, list[bytes]]:
    """ID cards and card photos; scanned A4 pages (one page each)."""
    from kagaz.synth import generate

    out: dict[str, list[bytes]] = {"ID card or card photo": [], "scanned A4 page": []}
    for doc_type in CARD_TYPES:
        for i in range(per_type):
            d = generate(doc_type, 9000 + i, CARD_VARIANTS[i % len(CARD_VARIANTS)])
            if d.ext != "pdf":
                out["ID card or card photo"].append(d.data)
    for doc_type in PAGE_TYPES:
        for i in range(max(1, per_type // 2)):
            d = generate(doc_type, 9100 + i, "photocopy")
            if d.ext != "pdf" and len(LoadStage()(Document(data=d.data)).pages) == 1:
                out["scanned A4 page"].append(d.data)
    return out


def _raw_ocr():  # type: ignore[no-untyped-def]
    from rapidocr import RapidOCR

    return RapidOCR(params={
        "Global.log_level": "warning",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    })


def side_by_side(files: list[bytes], engine) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Wall and thread-CPU seconds of the baseline and of the engine, file by file, in turn."""
    import numpy as np

    raw = _raw_ocr()
    images = [np.asarray(LoadStage()(Document(data=d)).pages[0].image.convert("RGB"))[:, :, ::-1].copy()
              for d in files]
    raw(images[0])
    engine.process(files[0])  # both warm
    out: dict[str, list[float]] = {"raw": [], "raw_cpu": [], "engine": [], "engine_cpu": []}
    stages: dict[str, float] = {}
    for data, image in zip(files, images):
        w, c = time.perf_counter(), time.thread_time()
        raw(image)
        out["raw"].append(time.perf_counter() - w)
        out["raw_cpu"].append(time.thread_time() - c)
        w, c = time.perf_counter(), time.thread_time()
        result = engine.process(data)
        out["engine"].append(time.perf_counter() - w)
        out["engine_cpu"].append(time.thread_time() - c)
        for k, v in result.timings.items():
            stages[k] = stages.get(k, 0.0) + v
    out["stages"] = [stages]  # type: ignore[list-item]
    return out


def throughput(files: list[bytes], workers: int) -> float:
    """Documents per second of ``workers`` engine processes, warm, over ``files``: the server's
    own layout (``kagaz serve``'s :class:`~kagaz.services.engine_pool.EnginePool`, spawned
    processes with one ONNX thread each, fed by as many threads)."""
    from kagaz.services.engine_pool import EnginePool

    pool = EnginePool(EngineSettings(ocr_threads=1), workers)
    try:
        with ThreadPoolExecutor(workers) as feeders:
            list(feeders.map(pool, files[:2 * workers]))  # every process started and warm
            t = time.perf_counter()
            list(feeders.map(pool, files))
            return len(files) / (time.perf_counter() - t)
    finally:
        pool.close()


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _memory_run(files: list[bytes], n: int) -> list[float]:
    from kagaz.pipeline import Engine

    engine = Engine(EngineSettings(ocr_threads=1))
    out = []
    for i in range(n):
        engine.process(files[i % len(files)])
        out.append(_rss_mib())
    return out


def memory(files: list[bytes], n: int) -> list[float]:
    """One engine process's resident set (MiB) after each of ``n`` documents."""
    with ProcessPoolExecutor(1) as pool:
        return pool.submit(_memory_run, files, n).result()


def _mean(xs: list[float]) -> float:
    return statistics.mean(xs) if xs else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-type", type=int, default=4)
    ap.add_argument("--memory-docs", type=int, default=2000)
    ap.add_argument("--out", default="docs/benchmarks.md")
    args = ap.parse_args()
    from kagaz.pipeline import Engine

    docs = corpus(args.per_type)
    engine = Engine(EngineSettings(ocr_threads=1))
    load_start = load_average()
    rows, profile_rows, card_rate = [], [], 0.0
    for kind, files in docs.items():
        m = side_by_side(files, engine)
        r, e, rc, ec = (_mean(m[k]) for k in ("raw", "engine", "raw_cpu", "engine_cpu"))
        rows.append(f"| {kind} | {len(files)} | {r:.2f} s | {e:.2f} s | **{e / r:.2f}×** | "
                    f"{rc:.2f} s | {ec:.2f} s | **{ec / rc:.2f}×** |")
        print(rows[-1], flush=True)
        stages = m["stages"][0]  # type: ignore[index]
        total = stages.get("total", 1.0)
        profile_rows.append(f"| {kind} | " + ", ".join(
            f"{k.removeprefix('part:')} {v / len(files):.3f}" for k, v in stages.items()
            if k != "total" and v / total >= 0.005) + " |")
        if kind.startswith("ID"):
            card_rate = 1 / r
    cards = docs["ID card or card photo"] * 2
    one, two = throughput(cards, 1), throughput(cards, 2)
    print(f"throughput: 1 process {one:.2f}/s, 2 processes {two:.2f}/s", flush=True)
    mem = memory(docs["ID card or card photo"], args.memory_docs) if args.memory_docs else []
    load_end = load_average()
    tenth = max(1, len(mem) // 10)
    mem_line = (
        f"One engine process over {len(mem)} documents (ID cards and photos in turn): "
        f"{mem[tenth - 1]:.0f} MiB after the first {tenth}, {max(mem):.0f} MiB at most, "
        f"{mem[-1]:.0f} MiB at the end; mean of the last tenth {_mean(mem[-tenth:]):.0f} MiB against "
        f"{_mean(mem[tenth:2 * tenth]):.0f} MiB for the second tenth "
        f"({_mean(mem[-tenth:]) - _mean(mem[tenth:2 * tenth]):+.0f} MiB)."
        if mem else "Memory run skipped (`--memory-docs 0`).")
    md = f"""Machine: {machine()}. Load average {load_start:.1f} at the start, {load_end:.1f} at the end
(the cores are shared with anything else running: compare the ratios, which both sides feel alike).
Command: `python bench/bench_engine.py --per-type {args.per_type} --memory-docs {args.memory_docs}`
(synthetic documents from `kagaz.synth`, seeds the evaluation does not use).

*Baseline*: plain RapidOCR 3.x, `RapidOCR()` with its default settings and one ONNX thread, on
the decoded image. *Engine*: `Engine.process` on the file, one ONNX thread: load, OCR,
Devanagari re-reads, straightening, classification, extraction, validation, redaction. One
process, the two in turn on each file. Target (issue 15): engine ≤ 0.6× the baseline.

| documents | n | baseline, wall | engine, wall | engine / baseline | baseline, CPU | engine, CPU | engine / baseline (CPU) |
|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + f"""

Where the engine's time goes (mean seconds per document by stage, and the parts inside the OCR
stage; `kagaz extract --profile` prints the same for any files):

| documents | seconds per stage and part |
|---|---|
""" + "\n".join(profile_rows) + f"""

Throughput on ID cards and photos ({len(cards)} documents) through `kagaz serve`'s engine pool (`services/engine_pool.py`: spawned processes, one ONNX thread and one OpenCV thread each, fed by as many threads):

| layout | documents per second | against the baseline's one-thread rate ({card_rate:.2f}/s) |
|---|---|---|
| 1 process | {one:.2f} | {one / card_rate:.2f}× |
| 2 processes | {two:.2f} ({two / one:.2f}× one process) | {two / card_rate:.2f}× |

Targets: 2 processes ≥ 3× the baseline's one-thread rate, and ≥ 1.8× one process.

Memory: {mem_line} `kagaz serve` and `kagaz worker` replace an engine process after
`KAGAZ_WORKER__MAX_TASKS_PER_CHILD` (1000) documents all the same.
"""
    write_section(args.out, "Engine: documents per second", md)


if __name__ == "__main__":
    main()
