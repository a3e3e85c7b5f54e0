"""The scale-out path end to end: ``kagaz serve`` and two ``kagaz worker`` processes on
PostgreSQL, Redis and (in one test) S3, with a worker SIGKILLed, the broker flushed and the API
killed mid-batch. Every document must finish exactly once."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_helpers import pan_pdf  # noqa: E402
from scaleout_helpers import (  # noqa: E402
    Cluster,
    Proc,
    base_env,
    create_client,
    free_port,
    make_bucket,
    moto_s3,
    redis_db,
    rows,
    token,
    upload,
    wait_until,
)

from kagaz.fetch.testing import DocServer  # noqa: E402

pytest_plugins = ["scaleout_helpers"]  # fixtures: pg_url

pytestmark = pytest.mark.slow

N = 16
PANS = [f"ABCP{chr(65 + i)}{1000 + i}Z" for i in range(N)]
ACTIVE = ("fetching", "processing")


@pytest.fixture
def docs() -> Iterator[DocServer]:
    with DocServer("127.0.0.1") as srv:
        yield srv


def _env(tmp: Path, pg_url: str, broker: str, **extra: str) -> dict[str, str]:
    return base_env(
        KAGAZ_DATA_DIR=str(tmp / "data"),
        KAGAZ_DATABASE_URL=pg_url,
        KAGAZ_QUEUE="celery",
        KAGAZ_BROKER_URL=broker,
        KAGAZ_FETCH_ALLOW_PRIVATE="127.0.0.1",
        KAGAZ_WORKER__CELERY_QUEUE="kagaz-test",
        KAGAZ_WORKER__LEASE_SECONDS="3",
        KAGAZ_WORKER__SWEEP_INTERVAL_SECONDS="0.5",
        KAGAZ_WORKER__VISIBILITY_TIMEOUT_SECONDS="10",
        KAGAZ_WORKER__RETRY_BACKOFF_SECONDS="0",
        KAGAZ_ENGINE__OCR_THREADS="1",
        KAGAZ_STORAGE__RETENTION_DAYS="0",
        KAGAZ_FETCH__ATTEMPTS="2",
        KAGAZ_FETCH__BACKOFF_SECONDS="0",
        **extra,
    )


def _submit(
    cluster: Cluster, pg_url: str, docs: DocServer, delay: float
) -> tuple[str, tuple[str, str]]:
    creds = create_client(pg_url)
    urls = [docs.add(f"/d{i}.pdf", pan_pdf(PANS[i]), delay=delay) for i in range(N)]
    api = next(p for p in cluster.procs if p.base_url)
    answer = upload(api.base_url, token(api.base_url, creds), urls)
    return str(answer[0]["batch_id"]), creds


def _held_by(pg_url: str, prefix: str) -> Any:
    """Documents ``prefix``'s worker holds, once two others are done (the batch is under way)."""
    found = rows(pg_url)
    held = [
        r for r in found.values() if r.status in ACTIVE and (r.lease_owner or "").startswith(prefix)
    ]
    done = sum(r.status == "done" for r in found.values())
    return held if held and done >= 2 else None


def _freeze_mid_document(cluster: Cluster, proc: Proc, pg_url: str, prefix: str) -> list[Any]:
    """SIGSTOP ``proc`` while it holds a document (re-checked once it is stopped, so that a
    document finished in between does not count); returns the documents it holds."""
    for _ in range(5):
        wait_until(lambda: _held_by(pg_url, prefix), 90, f"{prefix} mid-document", cluster.logs)
        proc.signal(signal.SIGSTOP)
        held = _held_by(pg_url, prefix)
        if held:
            return list(held)
        proc.signal(signal.SIGCONT)
    raise AssertionError(f"{prefix} never caught mid-document")


def _all_final(pg_url: str) -> dict[str, Any] | None:
    found = rows(pg_url)
    done = len(found) == N and all(r.status in ("done", "failed") for r in found.values())
    return found if done else None


def _check_exactly_once(final: dict[str, Any], docs: DocServer) -> None:
    assert sorted(final, key=int) == [str(i) for i in range(N)]
    for doc_id, row in final.items():
        i = int(doc_id)
        assert row.status == "done", (doc_id, row.status, row.error_code)
        assert row.completions == 1, (doc_id, row.completions)  # one final result, ever
        assert row.result["pan_number"]["value"] == PANS[i]
        assert row.lease_owner is None
        assert docs.hits(f"/d{i}.pdf") <= row.attempts


def test_worker_sigkilled_mid_batch(tmp_path: Path, pg_url: str, docs: DocServer) -> None:
    with redis_db(9) as broker:
        cluster = Cluster(tmp_path, _env(tmp_path, pg_url, broker))
        try:
            a = cluster.worker("wa", "--pool", "prefork", "--concurrency", "1")
            cluster.worker("wb", "--pool", "solo")
            cluster.serve()
            _submit(cluster, pg_url, docs, delay=0.4)
            held = _freeze_mid_document(cluster, a, pg_url, "wa@")
            a.kill()  # the whole process group: main process and its child
            victims = {r.document_id for r in held}
            final = wait_until(lambda: _all_final(pg_url), 90, "all final", cluster.logs)
        finally:
            cluster.stop_all()
    _check_exactly_once(final, docs)
    for doc_id in victims:  # the document in flight was taken up by the other worker
        assert final[doc_id].attempts == 2, final[doc_id]
    assert "Traceback" not in cluster.procs[1].output(), cluster.procs[1].output()[-3000:]


def test_frozen_worker_cannot_write_after_losing_its_lease(
    tmp_path: Path, pg_url: str, docs: DocServer
) -> None:
    # A worker stalled past its lease (a VM pause, a stop-the-world GC) wakes up to find its
    # document finished by another: its late writes must change nothing.
    with redis_db(9) as broker:
        cluster = Cluster(tmp_path, _env(tmp_path, pg_url, broker))
        try:
            a = cluster.worker("wa", "--pool", "solo")
            cluster.worker("wb", "--pool", "solo")
            cluster.serve()
            _submit(cluster, pg_url, docs, delay=0.6)
            held = _freeze_mid_document(cluster, a, pg_url, "wa@")
            victim = held[0].document_id
            wait_until(
                lambda: rows(pg_url)[victim].status == "done", 60, "B finishing", cluster.logs
            )
            a.signal(signal.SIGCONT)
            final = wait_until(lambda: _all_final(pg_url), 90, "all final", cluster.logs)
            wait_until(lambda: "lease lost" in a.output(), 30, "A noticing", cluster.logs)
        finally:
            cluster.stop_all()
    _check_exactly_once(final, docs)
    assert final[victim].attempts == 2 and not final[victim].lease_owner


def test_broker_flushed_mid_batch(tmp_path: Path, pg_url: str, docs: DocServer) -> None:
    with redis_db(9) as broker:
        cluster = Cluster(tmp_path, _env(tmp_path, pg_url, broker))
        try:
            cluster.worker("wa", "--pool", "solo")
            cluster.worker("wb", "--pool", "solo", "--beat")
            cluster.serve()
            _submit(cluster, pg_url, docs, delay=0.3)

            def mid_batch() -> bool:
                found = rows(pg_url)
                done = sum(r.status == "done" for r in found.values())
                return 2 <= done <= N - 6

            wait_until(mid_batch, 90, "the batch under way", cluster.logs)
            client = redis.Redis.from_url(broker)
            waiting = client.llen("kagaz-test")
            client.flushdb()  # every waiting and unacknowledged task is gone
            client.close()
            final = wait_until(lambda: _all_final(pg_url), 90, "all final", cluster.logs)
        finally:
            cluster.stop_all()
    assert waiting > 0, "the flush must drop tasks that were waiting"
    _check_exactly_once(final, docs)
    api_log = cluster.procs[2].output() + cluster.procs[1].output()
    assert "lost by the broker sent again" in api_log


def test_api_restarted_mid_batch_on_s3(tmp_path: Path, pg_url: str, docs: DocServer) -> None:
    with redis_db(9) as broker, moto_s3() as endpoint:
        make_bucket(endpoint, "kagaz-docs")
        env = _env(
            tmp_path,
            pg_url,
            broker,
            KAGAZ_STORAGE_URL="s3://kagaz-docs/prod",
            KAGAZ_STORAGE__S3_ENDPOINT_URL=endpoint,
            KAGAZ_STORAGE__S3_REGION="ap-south-1",
            KAGAZ_STORAGE__S3_ADDRESSING_STYLE="path",
            # The dispatch window is smaller than the batch: the API process that hands out
            # the rest dies, and its successor (or the workers) carries on.
            KAGAZ_WORKER__DISPATCH_WINDOW="3",
        )
        cluster = Cluster(tmp_path, env)
        metrics_port = free_port()
        try:
            cluster.worker(
                "wa", "--pool", "prefork", "--concurrency", "2", "--metrics-port", str(metrics_port)
            )
            cluster.worker("wb", "--pool", "solo")
            api = cluster.serve("api1")
            batch_id, creds = _submit(cluster, pg_url, docs, delay=0.3)
            wait_until(
                lambda: sum(r.status == "done" for r in rows(pg_url).values()) >= 2,
                90,
                "two documents done",
                cluster.logs,
            )
            api.kill()
            api2 = cluster.serve("api2")
            final = wait_until(lambda: _all_final(pg_url), 90, "all final", cluster.logs)
            body = httpx.get(
                f"{api2.base_url}/v1/bulk/extracts",
                params={"batch_id": batch_id, "per_page": 50},
                headers={"Token": token(api2.base_url, creds)},
            ).json()
            ready = httpx.get(f"{api2.base_url}/readyz").json()
            worker_metrics = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics").text
        finally:
            cluster.stop_all()
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="ap-south-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="kagaz-docs")["Contents"]]
    _check_exactly_once(final, docs)
    assert [i["file_data"]["pan_number"]["value"] for i in body["data"]] == PANS
    assert ready == {
        "status": "ready",
        "checks": {"database": "ok", "storage": "ok", "broker": "ok"},
    }
    originals = [k for k in keys if k.startswith("prod/originals/")]
    assert len(originals) == N, keys
    # Worker A's two child processes counted what they finished; the main process adds up.
    done_by_a = [
        float(line.rsplit(" ", 1)[1])
        for line in worker_metrics.splitlines()
        if line.startswith("kagaz_documents_finished_total{")
        and 'document_type="PAN"' in line
        and 'status="done"' in line
    ]
    assert done_by_a and 1 <= done_by_a[0] < N, worker_metrics[-2000:]
    assert "kagaz_processing_seconds_bucket" in worker_metrics
