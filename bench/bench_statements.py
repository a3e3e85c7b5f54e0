"""Bank statements: pages per second, digital (text layer) and scanned, against raw OCR.

Synthetic statements from ``kagaz.synth.bank_statement`` (every house style in turn) are run
through ``Engine.process``; for the scanned ones, RapidOCR's ``read`` on the same rendered pages
is timed beside the pipeline, so the difference is the pipeline's own cost (PDF rendering,
straightening, table parsing, reconciliation). Digital statements are not OCR'd at all: their
raw-OCR column is what reading the same pages as images would have cost.

    python bench/bench_statements.py [--docs 6] [--pages 3] [--long 60] [--out docs/benchmarks.md]

``--docs 1 --pages 1 --long 2`` is a smoke run (a minute); the default takes several minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import machine, write_section  # noqa: E402

from kagaz.model import Document  # noqa: E402
from kagaz.pipeline.stages.load import LoadOptions, LoadStage  # noqa: E402
from kagaz.settings import EngineSettings  # noqa: E402


def statements(variant: str, docs: int, pages: int) -> list[bytes]:
    from kagaz.synth.bank_statement import HOUSES
    from kagaz.synth.generator import statement

    houses = sorted(HOUSES)
    return [statement(i, variant, houses[i % len(houses)], pages=pages).data for i in range(docs)]


def page_images(data: bytes) -> list:  # type: ignore[type-arg]
    """The pages as the engine would OCR them (text layers ignored, every page rendered)."""
    doc = Document(data=data)
    opts = LoadOptions(render_text_pages=10_000)
    pages = LoadStage(opts)(doc).pages
    return [p.picture() for p in pages if p.picture() is not None]


def time_raw(files: list[bytes]) -> tuple[float, int]:
    from kagaz.ocr.rapid import RapidOcrEngine

    ocr = RapidOcrEngine(threads=1)
    images = [im for data in files for im in page_images(data)]
    ocr.read(images[0])  # warm-up
    t = time.perf_counter()
    for im in images:
        ocr.read(im)
    return time.perf_counter() - t, len(images)


def time_pool(files: list[bytes], processes: int = 2) -> float:
    """Pages per second of ``processes`` engine processes over ``files``, warm: ``kagaz
    serve``'s own layout (:class:`~kagaz.services.engine_pool.EnginePool`, spawned processes
    with one ONNX thread each, fed by as many threads), results carried back as the server
    gets them."""
    from concurrent.futures import ThreadPoolExecutor

    from kagaz.services.engine_pool import EnginePool

    pool = EnginePool(EngineSettings(ocr_threads=1), processes)
    try:
        with ThreadPoolExecutor(processes) as feeders:
            list(feeders.map(pool, files[:processes]))  # every process started and warm
            t = time.perf_counter()
            pages = sum(r.pages for r in feeders.map(pool, files))
            return pages / (time.perf_counter() - t)
    finally:
        pool.close()


def time_pipeline(engine, files: list[bytes]) -> tuple[float, int, float]:  # type: ignore[no-untyped-def]
    """(seconds, pages, transaction rows read) for ``Engine.process`` over ``files``."""
    pages, rows = 0, 0
    t = time.perf_counter()
    for data in files:
        r = engine.process(data)
        pages += r.pages
        if "transactions" in r.fields:
            rows += len(r.fields["transactions"].value)
    return time.perf_counter() - t, pages, rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=6, help="statements per kind")
    ap.add_argument("--pages", type=int, default=3, help="pages per statement")
    ap.add_argument("--long", type=int, default=60, help="pages of the one long digital statement")
    ap.add_argument("--out", default="docs/benchmarks.md")
    args = ap.parse_args()

    from kagaz.pipeline import Engine

    engine = Engine(EngineSettings(ocr_threads=1))
    rows = []
    kinds = [("digital (pdf_text)", statements("pdf_text", args.docs, args.pages)),
             ("scanned (pdf_scan)", statements("pdf_scan", args.docs, args.pages))]
    if args.long:
        kinds.append((f"digital, {args.long} pages", statements("pdf_text", 1, args.long)))
    engine.process(kinds[0][1][0])  # warm-up
    stages = ""
    for name, files in kinds:
        seconds, pages, nrows = time_pipeline(engine, files)
        raw_s, raw_pages = time_raw(files[:2]) if not name.startswith("digital,") else (0.0, 0)
        raw = f"{raw_pages / raw_s:.2f}" if raw_s else "-"
        # Two processes need two statements at least: the long one is read four times.
        pooled = f"{time_pool(files * (4 if len(files) == 1 else 1)):.2f}" if name.startswith("digital") else "-"
        rows.append(f"| {name} | {len(files)} | {pages} | {nrows} | {pages / seconds:.2f} | "
                    f"{nrows / seconds:.1f} | {pooled} | {raw} |")
        print(rows[-1], flush=True)
        if name.startswith("digital,"):
            t = engine.process(files[0]).timings
            stages = ", ".join(f"{k} {t[k]:.2f} s" for k in ("load", "classify", "extract", "validate", "total")
                               if k in t)
    md = f"""Machine: {machine()}.
Command: `python bench/bench_statements.py --docs {args.docs} --pages {args.pages} --long {args.long}` (synthetic statements from `kagaz.synth.bank_statement`, house styles in turn).

The pipeline is `Engine.process` on the PDF's bytes with one ONNX thread. Digital statements are
read from their text layer (no OCR); scanned ones are rendered and OCR'd page by page. Raw OCR is
RapidOCR's `read` on the same pages rendered as images (the first two statements of each kind):
what any OCR-only reader would pay per page.

Two processes: the same statements through `kagaz serve`'s engine pool of two spawned engine
processes on this machine's two cores (the long statement read four times), results carried back
as the server gets them.

| statements | files | pages | rows | pipeline pages/s | pipeline rows/s | 2 processes pages/s | raw OCR pages/s |
|---|---|---|---|---|---|---|---|
""" + "\n".join(rows) + (f"\n\nThe long statement's stages, one process: {stages}." if stages else "")
    write_section(args.out, "Bank statements: pages per second", md)


if __name__ == "__main__":
    main()
