"""Scale-out throughput: documents per second with 1 and 2 ``kagaz worker`` processes, and the
time to accept a 100,000-URL batch.

Runs the real thing on loopback: a fresh PostgreSQL database, a Redis database (number 11), a
``kagaz serve`` process with ``KAGAZ_QUEUE=celery``, ``kagaz worker --pool solo`` processes, and
born-digital PAN PDFs (text layer, so the engine is quick) served by ``kagaz.fetch.testing``.
Each worker count gets a warm-up batch (engines load lazily) and then a measured batch; the
figure is documents finished per second from submission to the last final status. Then one
multiupload of 100,000 URLs goes to the same server (workers stopped), timed from request to
answer, with the server's peak memory. Prints the numbers and writes the "Scale-out: workers
and batch acceptance" section of docs/benchmarks.md.

    python bench/bench_scaleout.py [--docs 400] [--accept 100000]
                                   [--out docs/benchmarks.md | --no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "scaleout"))
sys.path.insert(0, str(ROOT / "tests" / "api"))

from api_helpers import pan_pdf  # noqa: E402
from report import machine, write_section  # noqa: E402
from scaleout_helpers import (  # noqa: E402
    Cluster,
    base_env,
    create_client,
    fresh_postgres,
    redis_db,
    token,
    upload,
)

from kagaz.fetch.testing import DocServer  # noqa: E402
from kagaz.database.models import StoredDocument  # noqa: E402

TITLE = "Scale-out: workers and batch acceptance"


def _final(db_url: str, batch_id: str, n: int) -> bool:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        done = conn.scalar(
            sa.select(sa.func.count()).where(
                StoredDocument.batch_id == batch_id, StoredDocument.status.in_(("done", "failed"))
            )
        )
    engine.dispose()
    return int(done or 0) >= n


def _run_batch(base: str, tok: str, db_url: str, urls: list[str], timeout: float) -> float:
    started = time.perf_counter()
    answer = upload(base, tok, urls)
    batch_id = answer[0]["batch_id"]
    deadline = time.monotonic() + timeout
    while not _final(db_url, batch_id, len(urls)):
        if time.monotonic() > deadline:
            raise SystemExit(f"batch of {len(urls)} not final after {timeout} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def _throughput(tmp: Path, n_docs: int, workers: int) -> float:
    with fresh_postgres() as db_url, redis_db(11) as broker, DocServer() as docs:
        env = base_env(
            KAGAZ_DATA_DIR=str(tmp / f"data{workers}"),
            KAGAZ_DATABASE_URL=db_url,
            KAGAZ_QUEUE="celery",
            KAGAZ_BROKER_URL=broker,
            KAGAZ_FETCH_ALLOW_PRIVATE="127.0.0.1",
            KAGAZ_WORKER__CELERY_QUEUE="kagaz-bench",
            KAGAZ_ENGINE__OCR_THREADS="1",
            KAGAZ_LOG_LEVEL="warning",
        )
        cluster = Cluster(tmp, env)
        try:
            for i in range(workers):
                cluster.worker(f"bench{workers}-{i}", "--pool", "solo")
            api = cluster.serve(f"api{workers}")
            tok = token(api.base_url, create_client(db_url))
            pdfs = [pan_pdf(f"ABCP{chr(65 + i % 26)}{1000 + i % 9000:04d}Z") for i in range(50)]
            urls = [docs.add(f"/d{i}.pdf", pdfs[i % 50]) for i in range(n_docs)]
            _run_batch(api.base_url, tok, db_url, urls[: 4 * workers], 120)  # warm-up
            seconds = _run_batch(api.base_url, tok, db_url, urls, 30 + n_docs)
        finally:
            cluster.stop_all()
    return n_docs / seconds


def _accept(tmp: Path, n_urls: int) -> tuple[float, float, float]:
    """(seconds to answer, answer MiB, server peak RSS MiB) for one multiupload."""
    with fresh_postgres() as db_url, redis_db(11) as broker:
        env = base_env(
            KAGAZ_DATA_DIR=str(tmp / "accept"),
            KAGAZ_DATABASE_URL=db_url,
            KAGAZ_QUEUE="celery",
            KAGAZ_BROKER_URL=broker,
            KAGAZ_WORKER__CELERY_QUEUE="kagaz-bench",
            KAGAZ_API__MAX_URLS_PER_REQUEST=str(max(n_urls, 1000)),
            KAGAZ_API__MAX_BODY_BYTES=str(256 * 1024 * 1024),
            KAGAZ_LOG_LEVEL="warning",
        )
        cluster = Cluster(tmp, env)
        try:
            api = cluster.serve("api-accept")
            tok = token(api.base_url, create_client(db_url))
            body = json.dumps(
                {
                    "product_type": "ARCHIVE",
                    "file_urls": [
                        {
                            "file_url": f"https://kyc-archive.s3.ap-south-1.amazonaws.com/2019/"
                            f"{i:07d}.pdf?X-Amz-Signature={i:064x}",
                            "document_id": f"LN-{i}",
                        }
                        for i in range(n_urls)
                    ],
                }
            ).encode()
            started = time.perf_counter()
            r = httpx.post(
                f"{api.base_url}/v1/bulk/multiupload",
                content=body,
                headers={"Token": tok, "Content-Type": "application/json"},
                timeout=600,
            )
            seconds = time.perf_counter() - started
            assert r.status_code == 201, r.text[:300]
            peak = _peak_rss_mib(api.popen.pid)
        finally:
            cluster.stop_all()
    return seconds, len(r.content) / 2**20, peak


def _peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="documents per measured batch")
    parser.add_argument("--accept", type=int, default=100_000, help="URLs in the big upload")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kagaz-bench-") as tmp:
        one = _throughput(Path(tmp), args.docs, 1)
        print(f"1 worker process:  {one:.1f} documents/s")
        two = _throughput(Path(tmp), args.docs, 2)
        print(f"2 worker processes: {two:.1f} documents/s (efficiency {two / one / 2:.0%})")
        seconds, answer_mib, peak = _accept(Path(tmp), args.accept)
        print(
            f"accept {args.accept} URLs: {seconds:.1f} s, answer {answer_mib:.1f} MiB, "
            f"server peak RSS {peak:.0f} MiB"
        )
    text = f"""
Machine: {machine()}. Everything on this one machine: PostgreSQL, Redis, the API server, the
workers and the document server share its cores.
Command: `python bench/bench_scaleout.py --docs {args.docs} --accept {args.accept}` — a real
`kagaz serve` (`KAGAZ_QUEUE=celery`, PostgreSQL, Redis) and `kagaz worker --pool solo`
processes; born-digital PAN PDFs (text layer) over loopback; throughput is documents finished
per second from submission to the last final status, after a warm-up batch.

| measurement | result |
|---|---|
| throughput, 1 worker process | {one:.1f} documents/s |
| throughput, 2 worker processes | {two:.1f} documents/s |
| scaling efficiency (2 processes vs 2 × 1) | {two / one / 2:.0%} |
| accept a {args.accept:,}-URL multiupload (request to 201) | {seconds:.1f} s |
| its answer | {answer_mib:.1f} MiB |
| API server peak memory (whole process) | {peak:.0f} MiB |
"""
    print(text)
    if not args.no_write:
        write_section(args.out, TITLE, text)


if __name__ == "__main__":
    main()
