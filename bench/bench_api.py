"""API latency: ``extracts`` under 32 concurrent clients, and one ``multiupload`` of 1,000 URLs.

Runs the real server (``python -m kagaz.api serve``) on a loopback port with a temporary data
directory and no workers, builds a finished 1,000-document batch through the store functions,
then measures over loopback with ``httpx.AsyncClient`` (32 clients, one connection each). Prints
the numbers and writes them to the "API: extracts and multiupload" section of docs/benchmarks.md
(via ``bench/report.py``'s ``write_section``).

    python bench/bench_api.py [--requests 4000] [--out docs/benchmarks.md | --no-write]

Targets: extracts p99 < 50 ms; multiupload of 1,000 URLs < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
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
sys.path.insert(0, str(ROOT / "bench"))

from report import load_average, machine, write_section  # noqa: E402

from kagaz.services.credentials import hash_secret, new_credentials  # noqa: E402
from kagaz.database import Database, batches, clients, queue, upgrade  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.models import DocumentStatus  # noqa: E402

N_DOCS = 1000
CONCURRENCY = 32
TARGET_P99_MS = 50.0
TARGET_UPLOAD_S = 1.0


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
        clients.create_client(
            s, client_id=client_id, name="bench", secret_hash=hash_secret(secret), now=utcnow()
        )
        s.commit()
        row = batches.create_batch(
            s,
            client_id=client_id,
            family="bulk",
            product_type="POC_CDL",
            now=utcnow(),
            files=[
                batches.NewFile(f"https://files.example.com/u/{i}.jpg?X-Amz-Signature=x", str(i))
                for i in range(N_DOCS)
            ],
        )
        for _ in range(N_DOCS):
            job = queue.claim_next(s, owner="bench", lease_seconds=600, now=utcnow())
            assert job is not None
            queue.finish(
                s,
                file_uuid=job.file_uuid,
                owner="bench",
                status=DocumentStatus.DONE,
                now=utcnow(),
                document_type="PAN",
                result=_file_data(int(job.document_id)),
            )
    db.dispose()
    return (client_id, secret), row.batch_id


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "KAGAZ_DATA_DIR": str(data_dir),
        "KAGAZ_WORKER__COUNT": "0",
        "KAGAZ_STORAGE__RETENTION_DAYS": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kagaz.api", "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
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
    """32 independent clients (one httpx.AsyncClient and connection each, as 32 lender
    processes would have), each paging at random through the batch."""
    latencies: list[float] = []
    pages = N_DOCS // 50
    rng = random.Random(7)
    remaining = n_requests
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def one(client: httpx.AsyncClient, page: int) -> float:
        request = requests[page]
        t = time.perf_counter()
        r = await client.send(request)
        body = r.content
        elapsed = time.perf_counter() - t
        if r.status_code != 200 or body.count(b'"document_id"') != 50:
            raise SystemExit(f"unexpected answer {r.status_code}: {body[:200]!r}")
        return elapsed

    requests = {
        page: httpx.Request(
            "GET",
            f"{base}/v1/bulk/extracts",
            params={"batch_id": batch_id, "page": page, "per_page": 50},
            headers={"Token": token},
        )
        for page in range(1, pages + 1)
    }

    async def client_loop() -> None:
        nonlocal remaining
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:
            for _ in range(3):  # warm-up: connection, caches
                await one(client, 1)
            await ready.wait()
            while remaining > 0:
                remaining -= 1
                latencies.append(await one(client, rng.randint(1, pages)))

    ready = asyncio.Event()
    tasks = [asyncio.create_task(client_loop()) for _ in range(CONCURRENCY)]
    await asyncio.sleep(1.0)
    # The load generator's own garbage collection would show up as server latency: pause it.
    gc.collect()
    gc.disable()
    ready.set()
    try:
        await asyncio.gather(*tasks)
    finally:
        gc.enable()
    return latencies


def measure_multiupload(base: str, token: str, runs: int) -> list[float]:
    body = {
        "product_type": "POC_CDL",
        "file_urls": [
            {
                "file_url": f"https://files.example.com/uploads/{i}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                f"&X-Amz-Credential=AKIA%2F20250101%2Fap-south-1%2Fs3%2Faws4_request"
                f"&X-Amz-Signature={i:064x}",
                "document_id": str(i),
            }
            for i in range(N_DOCS)
        ],
    }
    times = []
    with httpx.Client(base_url=base, headers={"Token": token}, timeout=30) as client:
        for _ in range(runs):
            t = time.perf_counter()
            r = client.post("/v1/bulk/multiupload", json=body)
            times.append(time.perf_counter() - t)
            assert r.status_code == 201 and len(r.json()) == N_DOCS, r.text[:200]
    return times


def _run(coro):  # type: ignore[no-untyped-def]
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--uploads", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--no-write", action="store_true", help="Only print the results")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kagaz-bench-") as tmp:
        data_dir = Path(tmp)
        t = time.perf_counter()
        creds, batch_id = build_batch(data_dir)
        build_s = time.perf_counter() - t
        proc, base = start_server(data_dir)
        try:
            token = httpx.post(
                f"{base}/v1/bulk/authtoken",
                headers={"Client-Id": creds[0], "Client-Secret": creds[1]},
            ).json()["access_token"]
            t, cpu0 = time.perf_counter(), cpu_seconds(proc.pid)
            lat = _run(measure_extracts(base, token, batch_id, args.requests))
            wall = time.perf_counter() - t - 1.0
            cpu1 = cpu_seconds(proc.pid)
            uploads = measure_multiupload(base, token, args.uploads)
        finally:
            proc.terminate()
            proc.wait(20)

    ms = [x * 1000 for x in lat]
    p50, p99 = pct(ms, 50), pct(ms, 99)
    up_med, up_max = statistics.median(uploads), max(uploads)
    ok_ex = "met" if p99 < TARGET_P99_MS else "MISSED"
    cpu_ms = (cpu1 - cpu0) * 1000 / (len(ms) + 3 * CONCURRENCY) if cpu0 and cpu1 else float("nan")
    ok_up = "met" if up_max < TARGET_UPLOAD_S else "MISSED"
    report = f"""\
Machine: {machine()}. Server and load generator share it (the server gets one core, the
{CONCURRENCY} httpx clients the other).
Command: `python bench/bench_api.py` — a real `kagaz serve` subprocess (SQLite WAL, no workers) on
loopback; a finished {N_DOCS}-document batch built through the store functions
({build_s:.1f} s); {len(ms)} `extracts` requests for random pages, after a warm-up.

| measurement | result | target |
|---|---|---|
| `extracts` p50, {CONCURRENCY} concurrent clients, per_page=50 | {p50:.1f} ms | |
| `extracts` p99, {CONCURRENCY} concurrent clients, per_page=50 | {p99:.1f} ms | \
< {TARGET_P99_MS:.0f} ms ({ok_ex}) |
| `extracts` throughput ({len(ms)} requests) | {len(ms) / wall:.0f} req/s | |
| server CPU per `extracts` request | {cpu_ms:.2f} ms | |
| `multiupload` of {N_DOCS} URLs, median of {len(uploads)} | {up_med * 1000:.0f} ms | |
| `multiupload` of {N_DOCS} URLs, worst of {len(uploads)} | {up_max * 1000:.0f} ms | \
< {TARGET_UPLOAD_S * 1000:.0f} ms ({ok_up}) |
"""
    report += f"\nLoad average at the end of the run: {load_average():.1f}.\n"
    print(report)
    if not args.no_write:
        write_section(args.out, "API: extracts and multiupload", report)
        print(f"updated {args.out}")


if __name__ == "__main__":
    main()
