"""Load: 100 concurrent clients polling ``extracts`` while 1,000 documents are processed.

Runs the real server (``python -m kagaz.cli serve``: the embedded default, SQLite, worker threads,
the real engine) on a loopback port, and a plain ``http.server`` subprocess that serves the
documents (born-digital PAN card PDFs, each with its own number, read from the text layer in
tens of milliseconds, so the OCR engine never runs: bench_serve_scaling.py measures its
process-per-core layout through ``kagaz serve`` on scanned ID cards). Three phases, in one run:

1. **no load**: 1,000 documents submitted (multiupload of 250 URLs each) and processed while
   nobody polls: documents/s of the server alone;
2. **baseline**: the polling load on the idle server (every document final, nothing processing),
   for as long as phase 3 takes, or at least 20 s;
3. **load**: 1,000 more documents submitted, and 100 clients (one ``httpx.AsyncClient`` and one
   connection each, as 100 lender processes would have) polling ``GET /v1/bulk/extracts`` for
   random pages of random batches of this phase (per_page 10, 25 or 50) until every document is
   final.

Each client waits ``--think`` seconds between its polls (a lender's poll interval); 0 makes
the clients hammer the server back to back. Every answer that is not a 200 with the expected
items, and every transport error, counts as an error. Prints the numbers and writes them to the
"Load: polling extracts while documents process" section of docs/benchmarks.md.

    python bench/bench_load.py [--docs 1000] [--clients 100] [--think 0.25] [--workers 2]
                               [--out docs/benchmarks.md | --no-write]

Target: zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "api"))

from api_helpers import pan_pdf  # noqa: E402
from report import load_average, machine, write_section  # noqa: E402

from kagaz.services.credentials import hash_secret, new_credentials  # noqa: E402
from kagaz.database import Database, clients, upgrade  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402

UPLOAD_CHUNK = 250
PER_PAGE = (10, 25, 50)
TITLE = "Load: polling extracts while documents process"
N_FILES = [1000]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pan_of(i: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"AB{letters[i // 9999 // 23 % 23]}P{letters[i // 9999 % 23]}{i % 9999 + 1:04d}Z"


def wait_http(url: str, proc: subprocess.Popen[bytes], what: str) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{what} did not start")


def start_documents(folder: Path, n: int) -> tuple[subprocess.Popen[bytes], str]:
    """``n`` PDFs in ``folder`` behind ``python -m http.server``."""
    folder.mkdir()
    for i in range(n):
        (folder / f"d{i}.pdf").write_bytes(pan_pdf(pan_of(i)))
    return serve_folder(folder)


def serve_folder(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The files in ``folder`` behind ``python -m http.server`` on loopback (its own process, so
    that the load generator's event loop does not share a GIL with it)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_http(base + "/", proc, "document server")
    return proc, base


def start_server(data_dir: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KAGAZ_")},
        "PYTHONPATH": str(ROOT / "src"),
        "NO_PROXY": "127.0.0.1",
        "KAGAZ_DATA_DIR": str(data_dir),
        "KAGAZ_FETCH_ALLOW_PRIVATE": "127.0.0.1",
        "KAGAZ_STORAGE__RETENTION_DAYS": "0",
        "KAGAZ_LOG_LEVEL": "warning",
        **env_extra,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kagaz.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_http(base + "/healthz", proc, "kagaz serve")
    return proc, base


def create_client(data_dir: Path) -> tuple[str, str]:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(f"sqlite:///{data_dir / 'kagaz.db'}")
    upgrade(db)
    client_id, secret = new_credentials()
    with db.session() as s:
        clients.create_client(
            s, client_id=client_id, name="load", secret_hash=hash_secret(secret), now=utcnow()
        )
        s.commit()
    db.dispose()
    return client_id, secret


def submit(
    base: str, token: str, doc_base: str, first: int, n: int, names: list[str] | None = None
) -> list[tuple[str, int]]:
    """Upload documents ``first`` .. ``first + n - 1`` (each a URL of its own; the files, ``names``
    or the ``N_FILES`` PDFs, repeat); returns (batch_id, size) per request."""
    names = names or [f"d{k}.pdf" for k in range(N_FILES[0])]
    out = []
    with httpx.Client(base_url=base, headers={"Token": token}, timeout=60) as client:
        for at in range(first, first + n, UPLOAD_CHUNK):
            ids = range(at, min(at + UPLOAD_CHUNK, first + n))
            body = {
                "product_type": "POC_CDL",
                "file_urls": [
                    {"file_url": f"{doc_base}/{names[i % len(names)]}?n={i}", "document_id": str(i)}
                    for i in ids
                ],
            }
            r = client.post("/v1/bulk/multiupload", json=body)
            if r.status_code != 201:
                raise SystemExit(f"multiupload answered {r.status_code}: {r.text[:300]}")
            out.append((r.json()[0]["batch_id"], len(ids)))
    return out


def final_count(db_path: Path, batch_ids: list[str], statuses: str = "'done', 'failed'") -> int:
    """Final documents of ``batch_ids``, read straight from the database (not through the API,
    so that watching progress adds no requests to the measured load)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        marks = ",".join("?" * len(batch_ids))
        (n,) = conn.execute(
            f"SELECT count(*) FROM documents WHERE batch_id IN ({marks}) "  # noqa: S608
            f"AND status IN ({statuses})",
            batch_ids,
        ).fetchone()
        return int(n)
    finally:
        conn.close()


def wait_final(db_path: Path, batches: list[tuple[str, int]], every: float = 0.25) -> None:
    """Block until every document of ``batches`` is final (done or failed)."""
    ids, n = [b for b, _ in batches], sum(size for _, size in batches)
    while final_count(db_path, ids) < n:
        time.sleep(every)


def access_token(base: str, creds: tuple[str, str]) -> str:
    r = httpx.post(
        f"{base}/v1/bulk/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    return str(r.json()["access_token"])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds the server process used during the phase
    client_cpu: float = 0.0  # CPU seconds the load generator used

    def add(self, status: str, latency: float | None, ok: bool) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if latency is not None:
            self.latencies.append(latency)
        self.errors += not ok

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return 1000 * ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def poll(
    base: str,
    token: str,
    batches: list[tuple[str, int]],
    n_clients: int,
    think: float,
    done: asyncio.Event,
    stats: Stats,
    seed: int,
) -> None:
    """``n_clients`` clients polling random pages of ``batches`` until ``done`` is set."""
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    started = asyncio.Event()

    async def client_loop(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        async with httpx.AsyncClient(
            base_url=base, headers={"Token": token}, limits=limits, timeout=30
        ) as client:
            await started.wait()
            await asyncio.sleep(rng.uniform(0, think or 0.01))  # spread the first polls
            while not done.is_set():
                batch_id, size = rng.choice(batches)
                per_page = rng.choice(PER_PAGE)
                pages = -(-size // per_page)
                page = rng.randint(1, pages)
                expected = min(per_page, size - (page - 1) * per_page)
                t = time.perf_counter()
                try:
                    r = await client.get(
                        "/v1/bulk/extracts",
                        params={"batch_id": batch_id, "page": page, "per_page": per_page},
                    )
                    body = r.content
                    elapsed = time.perf_counter() - t
                    ok = r.status_code == 200 and body.count(b'"document_id"') == expected
                    stats.add(str(r.status_code) if ok or r.status_code != 200 else "bad body",
                              elapsed, ok)
                except httpx.HTTPError as exc:
                    stats.add(type(exc).__name__, None, False)
                if think:
                    await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    tasks = [asyncio.create_task(client_loop(k)) for k in range(n_clients)]
    await asyncio.sleep(0.5)  # the clients exist before the clock starts
    t = time.perf_counter()
    started.set()
    await asyncio.gather(*tasks)
    stats.seconds = time.perf_counter() - t


async def run_phase(
    base: str,
    token: str,
    batches: list[tuple[str, int]],
    args: argparse.Namespace,
    until: object,
    seed: int,
) -> Stats:
    """Poll until ``until()`` (a coroutine function) returns."""
    stats = Stats()
    server0, client0 = cpu_seconds(args.server_pid), time.process_time()
    done = asyncio.Event()
    gc.collect()
    gc.freeze()  # the load generator's own GC pauses would show up as server latency
    poller = asyncio.create_task(
        poll(base, token, batches, args.clients, args.think, done, stats, seed)
    )
    try:
        await until()  # type: ignore[operator]
    finally:
        done.set()
        await poller
        gc.unfreeze()
    stats.server_cpu = cpu_seconds(args.server_pid) - server0
    stats.client_cpu = time.process_time() - client0
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--think", type=float, default=0.25, help="seconds between a client's polls")
    ap.add_argument("--workers", type=int, default=2, help="KAGAZ_WORKER__COUNT of the server")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--no-write", action="store_true", help="Only print the results")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="kagaz-load-") as tmp:
        data_dir = Path(tmp) / "data"
        creds = create_client(data_dir)
        N_FILES[0] = min(args.docs, 1000)
        docs_proc, doc_base = start_documents(Path(tmp) / "docs", N_FILES[0])
        server_env = {
            "KAGAZ_WORKER__COUNT": str(args.workers),
            "KAGAZ_ENGINE__OCR_THREADS": "1",
        }
        proc, base = start_server(data_dir, server_env)
        args.server_pid = proc.pid
        db_path = data_dir / "kagaz.db"
        try:
            token = access_token(base, creds)

            # Warm-up: each engine process loads its models on its first document.
            wait_final(db_path, submit(base, token, doc_base, 10**6, 2 * args.workers), 0.1)

            # 1. no load: the server alone
            t = time.perf_counter()
            quiet = submit(base, token, doc_base, 0, args.docs)
            quiet_ids = [b for b, _ in quiet]
            wait_final(db_path, quiet)
            quiet_s = time.perf_counter() - t
            print(f"no load: {args.docs} documents in {quiet_s:.1f} s", flush=True)

            # 3 before 2: the baseline then runs as long as the loaded phase did.
            load_ids: list[str] = []
            loaded: list[tuple[str, int]] = []
            t_load = 0.0

            async def until_final() -> None:
                nonlocal load_ids, loaded, t_load
                t0 = time.perf_counter()
                loaded = await asyncio.to_thread(
                    submit, base, token, doc_base, args.docs, args.docs
                )
                load_ids = [b for b, _ in loaded]
                while await asyncio.to_thread(final_count, db_path, load_ids) < args.docs:
                    await asyncio.sleep(0.25)
                t_load = time.perf_counter() - t0

            # The pollers read the batches of phase 3 as soon as they exist; until then, the
            # finished ones (a lender polls what it submitted).
            polled = list(quiet)

            async def loaded_phase() -> Stats:
                async def until() -> None:
                    task = asyncio.create_task(until_final())
                    while not loaded:
                        await asyncio.sleep(0.05)
                    polled[:] = loaded
                    await task

                return await run_phase(base, token, polled, args, until, seed=3)

            load = asyncio.run(loaded_phase())
            print(f"load: {args.docs} documents in {t_load:.1f} s", flush=True)

            async def baseline_phase() -> Stats:
                async def until() -> None:
                    await asyncio.sleep(max(20.0, min(t_load, 120.0)))

                return await run_phase(base, token, quiet, args, until, seed=5)

            base_stats = asyncio.run(baseline_phase())
            # Every document should have been read (none failed): the bench measures real work.
            failed = final_count(db_path, quiet_ids + load_ids, "'failed'")
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(20)
            docs_proc.terminate()
            docs_proc.wait(10)

    report = render(args, quiet_s, t_load, load, base_stats, failed)
    print(report)
    if not args.no_write:
        write_section(args.out, TITLE, report)
        print(f"updated {args.out}")


def render(
    args: argparse.Namespace,
    quiet_s: float,
    load_s: float,
    load: Stats,
    base: Stats,
    failed: int,
) -> str:
    def row(what: str, a: str, b: str) -> str:
        return f"| {what} | {a} | {b} |"

    def rate(stats: Stats) -> str:
        return f"{stats.errors} of {stats.requests} ({100 * stats.errors / max(1, stats.requests):.2f}%)"

    think = f"{args.think:g} s (0.5-1.5x, random)" if args.think else "none (back to back)"
    ok = "met" if load.errors == 0 and base.errors == 0 else "MISSED"
    lines = [
        f"Machine: {machine()}. The server, the document server and the load generator share it.",
        f"Command: `python bench/bench_load.py --docs {args.docs} --clients {args.clients} "
        f"--think {args.think:g} --workers {args.workers}` — a real `kagaz serve` (embedded "
        f"default: SQLite, {args.workers} worker threads, the real engine; "
        "`KAGAZ_WORKER__COUNT`, every other setting at its default) on loopback; documents are "
        "born-digital PAN card PDFs served by `python -m http.server`, submitted as "
        f"multiuploads of {UPLOAD_CHUNK}. {args.clients} clients (one connection each) poll "
        "`GET /v1/bulk/extracts` for random pages (per_page 10, 25 or 50) of random batches, "
        f"waiting {think} between polls. *Load*: while {args.docs} documents process, until "
        f"all are final. *Baseline*: the same clients on the idle server (every document final), "
        "in the same run.",
        "",
        "| measurement | load (documents processing) | baseline (idle server) |",
        "|---|---|---|",
        row("`extracts` p50", f"{load.pct(50):.1f} ms", f"{base.pct(50):.1f} ms"),
        row("`extracts` p95", f"{load.pct(95):.1f} ms", f"{base.pct(95):.1f} ms"),
        row("`extracts` p99", f"{load.pct(99):.1f} ms", f"{base.pct(99):.1f} ms"),
        row("requests (throughput)",
            f"{load.requests} ({load.requests / max(load.seconds, 1e-9):.0f} req/s)",
            f"{base.requests} ({base.requests / max(base.seconds, 1e-9):.0f} req/s)"),
        row("errors (non-2xx, bad bodies, transport)", rate(load), rate(base)),
        row("answers", _statuses(load), _statuses(base)),
        row("CPU per request: server (under load: with the engine) / load generator",
            f"{_per(load.server_cpu, load)} / {_per(load.client_cpu, load)}",
            f"{_per(base.server_cpu, base)} / {_per(base.client_cpu, base)}"),
        row(f"{args.docs} documents processed",
            f"{load_s:.1f} s ({args.docs / load_s:.1f} documents/s)",
            f"{quiet_s:.1f} s without polling ({args.docs / quiet_s:.1f} documents/s)"),
        "",
        f"Documents that failed instead of being read: {failed} of {2 * args.docs}. "
        f"Target: zero errors ({ok}). Load average at the end of the run: {load_average():.1f} "
        f"(on {os.cpu_count()} cores; other jobs on the machine inflate latencies).",
    ]
    return "\n".join(lines) + "\n"


def _per(cpu: float, stats: Stats) -> str:
    return f"{1000 * cpu / max(1, stats.requests):.2f} ms"


def _statuses(stats: Stats) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(stats.statuses.items()))


if __name__ == "__main__":
    main()
