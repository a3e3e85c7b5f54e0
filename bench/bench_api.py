"""API latency: ``extracts`` under 32 concurrent clients, and one ``multiupload`` of 1,000 URLs.

Runs the real server (``python -m kagaz.api serve``) on a loopback port with a temporary data
directory and no workers, builds a finished 1,000-document batch through the store functions,
then measures over loopback with ``httpx.AsyncClient``. Prints the numbers and writes them to
the "API" section of docs/benchmarks.md.

    PYTHONPATH=src .venv/bin/python bench/bench_api.py [--requests 3200] [--no-write]

Targets: extracts p99 < 50 ms; multiupload of 1,000 URLs < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kagaz.api.security import hash_secret, new_credentials  # noqa: E402
from kagaz.store import Database, batches, clients, queue, upgrade  # noqa: E402
from kagaz.store.db import utcnow  # noqa: E402
from kagaz.store.models import DocumentStatus  # noqa: E402

N_DOCS = 1000
CONCURRENCY = 32
TARGET_P99_MS = 50.0
TARGET_UPLOAD_S = 1.0


def write_section(path: Path, title: str, markdown: str) -> None:
    """Replace the ``## title`` section of ``path`` (up to the next ``## ``), or append it."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    section = f"## {title}\n\n{markdown.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _file_data(i: int) -> dict[str, object]:
    return {
        "document_type": "PAN",
        "pan_number": {"value": f"ABCPK{i % 10000:04d}F", "confidence_score": 0.99},
        "name_as_per_pan": {"value": "RAHUL KUMAR SHARMA", "confidence_score": 0.96},
        "father_name": {"value": "SURESH KUMAR SHARMA", "confidence_score": 0.95},
        "dob": {"value": "15/08/1990", "confidence_score": 0.98},
        "document_quality_flag": {"value": "original", "confidence_score": 0.9},
    }


def build_batch(data_dir: Path) -> tuple[tuple[str, str], str]:
    """A client and a finished 1,000-document batch, written through the store functions."""
    db = Database(f"sqlite:///{data_dir / 'kagaz.db'}")
    upgrade(db)
    client_id, secret = new_credentials()
    with db.session() as s:
        clients.create_client(s, client_id=client_id, name="bench", secret_hash=hash_secret(secret), now=utcnow())
        s.commit()
        row = batches.create_batch(
            s, client_id=client_id, family="bulk", product_type="POC_CDL", now=utcnow(),
            files=[batches.NewFile(f"https://files.example.com/u/{i}.jpg?X-Amz-Signature=x", str(i))
                   for i in range(N_DOCS)],
        )
        for i in range(N_DOCS):
            job = queue.claim_next(s, owner="bench", lease_seconds=600, now=utcnow())
            assert job is not None
            queue.finish(s, file_uuid=job.file_uuid, owner="bench", status=DocumentStatus.DONE,
                         now=utcnow(), document_type="PAN", result=_file_data(int(job.document_id)))
    db.dispose()
    return (client_id, secret), row.batch_id


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KAGAZ_DATA_DIR": str(data_dir),
           "KAGAZ_WORKER__COUNT": "0", "KAGAZ_STORAGE__RETENTION_DAYS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "kagaz.api", "serve", "--port", str(port),
                             "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


async def measure_extracts(base: str, token: str, batch_id: str, n_requests: int) -> list[float]:
    latencies: list[float] = []
    pages = N_DOCS // 50
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, headers={"Token": token}, limits=limits, timeout=30) as client:
        async def one(page: int) -> float:
            t = time.perf_counter()
            r = await client.get("/v1/bulk/extracts", params={"batch_id": batch_id, "page": page, "per_page": 50})
            elapsed = time.perf_counter() - t
            assert r.status_code == 200 and len(r.json()["data"]) == 50, r.text[:200]
            return elapsed

        for _ in range(2 * CONCURRENCY):  # warm-up: connections, caches
            await one(1)
        rng = random.Random(7)
        remaining = n_requests

        async def client_loop() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                latencies.append(await one(rng.randint(1, pages)))

        await asyncio.gather(*(client_loop() for _ in range(CONCURRENCY)))
    return latencies


def measure_multiupload(base: str, token: str, runs: int) -> list[float]:
    body = {"product_type": "POC_CDL", "file_urls": [
        {"file_url": f"https://files.example.com/uploads/{i}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                     f"&X-Amz-Credential=AKIA%2F20250101%2Fap-south-1%2Fs3%2Faws4_request"
                     f"&X-Amz-Signature={'%064x' % i}", "document_id": str(i)} for i in range(N_DOCS)]}
    times = []
    with httpx.Client(base_url=base, headers={"Token": token}, timeout=30) as client:
        for _ in range(runs):
            t = time.perf_counter()
            r = client.post("/v1/bulk/multiupload", json=body)
            times.append(time.perf_counter() - t)
            assert r.status_code == 201 and len(r.json()) == N_DOCS, r.text[:200]
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3200)
    ap.add_argument("--uploads", type=int, default=5)
    ap.add_argument("--no-write", action="store_true", help="Do not update docs/benchmarks.md")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kagaz-bench-") as tmp:
        data_dir = Path(tmp)
        t = time.perf_counter()
        creds, batch_id = build_batch(data_dir)
        build_s = time.perf_counter() - t
        proc, base = start_server(data_dir)
        try:
            token = httpx.post(f"{base}/v1/bulk/authtoken", headers={
                "Client-Id": creds[0], "Client-Secret": creds[1]}).json()["access_token"]
            t = time.perf_counter()
            lat = asyncio.run(measure_extracts(base, token, batch_id, args.requests))
            wall = time.perf_counter() - t
            uploads = measure_multiupload(base, token, args.uploads)
        finally:
            proc.terminate()
            proc.wait(20)

    ms = [x * 1000 for x in lat]
    p50, p99 = pct(ms, 50), pct(ms, 99)
    up_med, up_max = statistics.median(uploads), max(uploads)
    ok_ex = "met" if p99 < TARGET_P99_MS else "MISSED"
    ok_up = "met" if up_max < TARGET_UPLOAD_S else "MISSED"
    machine = (f"{platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    report = f"""\
Measured {dt.date.today().isoformat()} on {machine}; server and load generator share the machine.
Command: `PYTHONPATH=src .venv/bin/python bench/bench_api.py` (real `kagaz serve` subprocess, SQLite
WAL, no workers; a finished {N_DOCS}-document batch built through the store functions in {build_s:.1f} s).

| measurement | result | target |
|---|---|---|
| `extracts` p50, {CONCURRENCY} concurrent clients, per_page=50 | {p50:.1f} ms | |
| `extracts` p99, {CONCURRENCY} concurrent clients, per_page=50 | {p99:.1f} ms | < {TARGET_P99_MS:.0f} ms ({ok_ex}) |
| `extracts` throughput ({len(ms)} requests) | {len(ms) / wall:.0f} req/s | |
| `multiupload` of {N_DOCS} URLs, median of {len(uploads)} | {up_med * 1000:.0f} ms | |
| `multiupload` of {N_DOCS} URLs, worst of {len(uploads)} | {up_max * 1000:.0f} ms | < {TARGET_UPLOAD_S * 1000:.0f} ms ({ok_up}) |
"""
    print(report)
    if not args.no_write:
        write_section(ROOT / "docs" / "benchmarks.md", "API", report)
        print("updated docs/benchmarks.md")


if __name__ == "__main__":
    main()
