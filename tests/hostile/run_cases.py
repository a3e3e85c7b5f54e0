"""Run hostile documents through the real engine, one forked child per document, and print one
JSON line per case: its error code, seconds, and the peak resident memory the child added.

Peak memory is the child's ``ru_maxrss`` (native allocations included: PDFium, zlib, Pillow)
minus its resident size when forked, so every case starts from the same baseline: the engine
built and warmed up, the document's bytes in memory. A child that runs past ``--timeout`` is
killed and reported as such. Usage: ``python tests/hostile/run_cases.py [name ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile_files  # noqa: E402

from kagaz.ocr.fake import FakeOcrEngine  # noqa: E402
from kagaz.pipeline import Engine  # noqa: E402
from kagaz.settings import EngineSettings  # noqa: E402


def _rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def run(engine: Engine, name: str, data: bytes, timeout: float) -> dict[str, object]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: process once, report, exit without cleanup
        os.close(read_end)
        start_rss = _rss_kib()
        t = time.perf_counter()
        result = engine.process(data, name)
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        report = {
            "case": name,
            "code": result.error_code,
            "message": result.error_message,
            "seconds": round(seconds, 3),
            "peak_added_mb": round(max(0, peak - start_rss) / 1024, 1),
            "bytes": len(data),
        }
        os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], timeout)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        return {"case": name, "code": None, "message": f"killed after {timeout} s", "seconds": timeout}
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"case": name, "code": None, "message": f"child died (status {status})"}
    return json.loads(b"".join(chunks))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    # The real engine settings; only OCR is faked (these documents are about loading).
    engine = Engine(EngineSettings(devanagari=False), ocr=FakeOcrEngine([]))
    engine.process(hostile_files.good_png(), "warm.png")
    engine.process(hostile_files.good_pdf(), "warm.pdf")
    for name in args.names or list(hostile_files.CASES):
        data = hostile_files.CASES[name].build()
        print(json.dumps(run(engine, name, data, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
