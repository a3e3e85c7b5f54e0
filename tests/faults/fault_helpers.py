"""Fault injection with real processes: ``kagaz serve`` and ``kagaz worker`` SIGKILLed at random
points of a batch, PostgreSQL and Redis restarted under them; afterwards every document must
have exactly one final result (``completions == 1``), none lost, none written twice.

A module, not conftest.py (see tests/api/api_helpers.py). The short runs are
``tests/faults/test_faults.py`` (part of ``make test``); ``make faults`` runs 1,000 documents::

    python tests/faults/fault_helpers.py embedded --docs 1000 --kills 6
    python tests/faults/fault_helpers.py scaleout --docs 1000 --kills 6

**Embedded** (the default deployment: SQLite, worker threads in the server): the server is
killed with SIGKILL at random progress points and started again each time.

**Scale-out** (PostgreSQL, Celery over Redis): a *private* PostgreSQL cluster (``initdb`` in a
temporary directory, trust authentication, a free loopback port; as root it runs as the
``postgres`` user through ``runuser``, because PostgreSQL refuses to run as root) and a private
``redis-server --save ''`` (no persistence: a restart loses every queued task), so that
restarting them disturbs no other test. Worker processes are SIGKILLed (each restarted at once),
PostgreSQL is stopped in ``immediate`` mode (a crash: no checkpoint, open connections cut) and
started again, and Redis is SIGKILLed and started again empty.

Documents are born-digital PAN card PDFs (text layer, no OCR) served by a
:class:`~kagaz.fetch.testing.DocServer` on 127.0.0.1, each with its own PAN so that every result
can be checked against its document.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "api"))
sys.path.insert(0, str(HERE.parent / "scaleout"))

from api_helpers import pan_pdf  # noqa: E402
from scaleout_helpers import Cluster, Proc, base_env, create_client, free_port  # noqa: E402

from kagaz.callbacks.testing import Receiver  # noqa: E402
from kagaz.fetch.testing import DocServer  # noqa: E402

PG_BIN = Path(os.environ.get("KAGAZ_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
FINAL = ("done", "failed")
ACTIVE = ("fetching", "processing")
UPLOAD_CHUNK = 250  # documents per multiupload: a batch of 1,000 arrives as four requests


def pan_of(i: int) -> str:
    """A distinct, valid PAN for document ``i`` (5 letters, serial 0001-9999, 1 letter)."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return f"AB{letters[i // 9999 // 23 % 23]}P{letters[i // 9999 % 23]}{i % 9999 + 1:04d}Z"


# -- private services --------------------------------------------------------------------


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free loopback port (trust auth, fsync off)."""

    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL binaries not found in {PG_BIN}")
        self.dir = Path(tempfile.mkdtemp(prefix="kagaz-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.restarts = 0
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(["initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"])
        self.start()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, args: list[str], check: bool = True) -> None:
        cmd = _as_postgres([str(PG_BIN / args[0]), *args[1:]])
        done = subprocess.run(cmd, capture_output=True, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.decode()[-2000:]}")

    def start(self) -> None:
        options = (
            # fsync off only spares the disk: an immediate stop is not an OS crash, so what
            # was committed (synchronous_commit stays on) survives it.
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c max_connections=200"
        )
        log = str(self.dir / "postgres.log")
        self._run(["pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start"])

    def crash_restart(self) -> float:
        """Stop without a checkpoint (like a crash: connections cut), start again; returns the
        seconds the database was away."""
        t = time.monotonic()
        self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        time.sleep(1.0)
        self.start()
        self.restarts += 1
        return time.monotonic() - t

    def close(self) -> None:
        self._run(["pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """``redis-server`` on a free loopback port without persistence."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.restarts = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    client.close()
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill_restart(self) -> int:
        """SIGKILL and start again, empty; returns how many tasks were waiting when killed."""
        import redis

        waiting = 0
        with contextlib.suppress(redis.RedisError):
            client = redis.Redis(port=self.port, socket_connect_timeout=1)
            waiting = int(client.llen("kagaz-faults"))
            client.close()
        self.kill()
        time.sleep(1.0)
        self.start()
        self.restarts += 1
        return waiting

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def close(self) -> None:
        self.kill()


# -- the run -------------------------------------------------------------------------------


@dataclass
class FaultReport:
    mode: str
    documents: int = 0
    kills: int = 0
    killed_in_flight: int = 0  # documents held (fetching/processing) at the moment of a kill
    db_restarts: int = 0
    broker_restarts: int = 0
    supervisor_restarts: int = 0  # workers that exited on their own (watchdog) and were restarted
    tasks_lost_with_broker: int = 0
    final: int = 0
    done: int = 0
    failed: int = 0
    lost: int = 0
    duplicates: int = 0  # documents whose final result was written more than once
    retried: int = 0  # documents claimed more than once
    max_attempts: int = 0
    wall_seconds: float = 0.0
    flows: int = 0
    flow_completions: int = 0
    callbacks_delivered: int = 0  # deliveries (one webhook-id each) marked delivered
    callback_posts: int = 0  # POSTs the lender received (a retry re-sends the same webhook-id)
    events: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{self.mode}: {self.documents} documents, {self.kills} SIGKILLs "
            f"({self.killed_in_flight} documents in flight when killed), "
            f"{self.db_restarts} database restart(s), {self.broker_restarts} broker restart(s) "
            f"({self.tasks_lost_with_broker} waiting tasks lost with it), "
            f"{self.supervisor_restarts} worker(s) restarted after exiting on their own",
            f"  final {self.final} (done {self.done}, failed {self.failed}), lost {self.lost}, "
            f"written twice {self.duplicates}; claimed more than once {self.retried} "
            f"(most claims of one document: {self.max_attempts}); wall {self.wall_seconds:.0f} s",
        ]
        if self.flows:
            lines.append(
                f"  Flow API: {self.flows} flows, {self.flow_completions} completions, "
                f"{self.callbacks_delivered} callbacks delivered ({self.callback_posts} POSTs "
                "received)"
            )
        lines += [f"  - {e}" for e in self.events]
        lines += [f"  PROBLEM: {p}" for p in self.problems[:20]]
        return "\n".join(lines)


def _progress(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT status, count(*) FROM documents GROUP BY status"))
        return {str(s): int(n) for s, n in found}


def _held(engine: sa.Engine, prefix: str = "") -> list[str]:
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT lease_owner FROM documents WHERE status IN ('fetching', 'processing') "
                "AND lease_owner IS NOT NULL"
            )
        )
        return [str(o) for (o,) in found if str(o).startswith(prefix)]


def _wait_progress(
    engine: sa.Engine,
    at_least: int,
    timeout: float,
    cluster: Cluster | None = None,
    tick: Any = lambda: None,
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        tick()
        with contextlib.suppress(sa.exc.OperationalError):
            counts = _progress(engine)
            if sum(counts.get(s, 0) for s in FINAL) >= at_least:
                return
        if time.monotonic() > deadline:
            logs = cluster.logs() if cluster else ""
            raise AssertionError(f"no progress to {at_least} final in {timeout} s\n{logs}")
        time.sleep(0.1)


def _upload(base_url: str, token: str, urls: list[str], start: int) -> tuple[list[str], list[str]]:
    """Submit ``urls`` in requests of UPLOAD_CHUNK; returns the accepted file_uuids in order
    and the batch ids."""
    accepted: list[str] = []
    batch_ids: list[str] = []
    with httpx.Client(base_url=base_url, headers={"Token": token}, timeout=60) as client:
        for at in range(0, len(urls), UPLOAD_CHUNK):
            chunk = urls[at : at + UPLOAD_CHUNK]
            body = {
                "product_type": "POC_CDL",
                "file_urls": [
                    {"file_url": u, "document_id": str(start + at + i)} for i, u in enumerate(chunk)
                ],
            }
            r = client.post("/v1/bulk/multiupload", json=body)
            assert r.status_code == 201, r.text[:500]
            accepted += [item["file_uuid"] for item in r.json()]
            batch_ids.append(r.json()[0]["batch_id"])
    return accepted, batch_ids


def _token(base_url: str, creds: tuple[str, str]) -> str:
    r = httpx.post(
        f"{base_url}/v1/bulk/authtoken",
        headers={"Client-Id": creds[0], "Client-Secret": creds[1]},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def _submit_all(
    base_url: str, creds: tuple[str, str], rx: Any, urls: list[str], n_bulk: int
) -> tuple[list[str], list[str], list[str]]:
    """The first ``n_bulk`` URLs as bulk multiuploads, the rest as Flow API flows, interleaved
    (flows between the bulk requests), so that flows complete, and their callbacks go out, all
    along the batch rather than only at its end. Returns (file_uuids, batch_ids, flows)."""
    token = _token(base_url, creds)
    bulk = [urls[at : min(at + UPLOAD_CHUNK, n_bulk)] for at in range(0, n_bulk, UPLOAD_CHUNK)]
    flow_urls = urls[n_bulk:]
    per_gap = -(-len(flow_urls) // (len(bulk) + 1) // FLOW_DOCS) * FLOW_DOCS
    accepted: list[str] = []
    batch_ids: list[str] = []
    flows: list[str] = []
    at_bulk, at_flow = 0, 0
    for k in range(len(bulk) + 1):
        group = flow_urls[at_flow : at_flow + per_gap]
        if group:
            f, a = _start_flows(base_url, creds, rx, group, n_bulk + at_flow)
            flows += f
            accepted += a
            at_flow += len(group)
        if k < len(bulk):
            a, b = _upload(base_url, token, bulk[k], at_bulk)
            accepted += a
            batch_ids += b
            at_bulk += len(bulk[k])
    return accepted, batch_ids, flows


def _kill_points(rng: random.Random, n_docs: int, events: int) -> list[int]:
    """Progress points (documents final) spread over the batch, at least 3% apart."""
    lo, hi = max(2, n_docs * 5 // 100), n_docs * 85 // 100
    span = (hi - lo) // events
    return [lo + k * span + rng.randrange(max(1, span // 2)) for k in range(events)]


FLOW_DOCS = 5  # documents per flow


def _start_flows(
    base_url: str, creds: tuple[str, str], rx: Any, urls: list[str], first: int
) -> tuple[list[str], list[str]]:
    """One Flow API v3 flow (a loan application, callback to ``rx``) per FLOW_DOCS documents
    of ``urls`` (numbered from ``first``); returns the flows and the accepted file_uuids."""
    r = httpx.post(
        f"{base_url}/v3/verification/authtoken",
        headers={"Client-Id": creds[0], "Client-Secret": creds[1]},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    headers = {"Token": r.json()["access_token"]}
    flows: list[str] = []
    accepted: list[str] = []
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as client:
        for at in range(0, len(urls), FLOW_DOCS):
            r = client.post(
                "/v3/verification/flow/init",
                json={
                    "product_type": "POC_CDL",
                    "application_id": f"LOS-{first + at}",
                    "auth_url": rx.url("/auth"),
                    "callback_url": rx.url("/cb"),
                },
            )
            assert r.status_code == 201, r.text
            flow_uuid = r.json()["flow_uuid"]
            chunk = urls[at : at + FLOW_DOCS]
            r = client.post(
                "/v3/verification/multiupload",
                json={
                    "flow_uuid": flow_uuid,
                    "file_urls": [
                        {"file_url": u, "document_id": str(first + at + i)}
                        for i, u in enumerate(chunk)
                    ],
                },
            )
            assert r.status_code == 201, r.text
            flows.append(flow_uuid)
            accepted += [item["file_uuid"] for item in r.json()]
    return flows, accepted


def _deliveries(engine: sa.Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                sa.text(
                    "SELECT f.flow_uuid, f.completions, d.completion, d.replay, d.status "
                    "FROM flows f LEFT JOIN callback_deliveries d ON d.flow_uuid = f.flow_uuid"
                )
            )
        )


def _check_flows(
    report: FaultReport, engine: sa.Engine, rx: Any, flows: list[str], timeout: float
) -> None:
    """Each flow completed once, and its one completion produced one delivered callback
    (one webhook-id, however often it had to be sent)."""
    report.flows = len(flows)
    deadline = time.monotonic() + timeout
    while True:
        rows_ = _deliveries(engine)
        delivered = [r for r in rows_ if r.status == "delivered"]
        if len(delivered) >= len(flows) or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    by_flow: dict[str, list[Any]] = {}
    for r in rows_:
        by_flow.setdefault(r.flow_uuid, []).append(r)
    for flow_uuid in flows:
        found = by_flow.get(flow_uuid, [])
        completions = found[0].completions if found else 0
        report.flow_completions += completions
        if completions != 1:
            report.problems.append(f"flow {flow_uuid}: completions={completions}")
        sent = [r for r in found if r.completion is not None and r.replay == 0]
        ok = [r for r in sent if r.status == "delivered"]
        report.callbacks_delivered += len(ok)
        if len(sent) != completions or len(ok) != completions:
            report.problems.append(
                f"flow {flow_uuid}: {len(sent)} deliveries ({len(ok)} delivered) for "
                f"{completions} completion(s)"
            )
    posts = [c for c in rx.calls if c.path == "/cb" and c.method == "POST"]
    report.callback_posts = len(posts)
    ids_by_flow: dict[str, set[str]] = {}
    for call in posts:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            flow_uuid = str(call.json().get("flow_uuid"))
            ids_by_flow.setdefault(flow_uuid, set()).add(call.headers.get("webhook-id", ""))
    for flow_uuid in flows:
        ids = ids_by_flow.get(flow_uuid, set())
        if len(ids) != 1:
            report.problems.append(f"flow {flow_uuid}: lender received webhook-ids {ids}")


def _check(report: FaultReport, engine: sa.Engine, accepted: list[str], docs: DocServer) -> None:
    with engine.connect() as conn:
        found = {
            r.file_uuid: r
            for r in conn.execute(
                sa.text(
                    "SELECT file_uuid, document_id, status, completions, attempts, lease_owner, "
                    "error_code, result FROM documents"
                )
            )
        }
    report.documents = len(accepted)
    for file_uuid in accepted:
        row = found.get(file_uuid)
        if row is None:
            report.lost += 1
            report.problems.append(f"{file_uuid}: missing")
            continue
        if row.status in FINAL:
            report.final += 1
        else:
            report.lost += 1
            report.problems.append(f"{row.document_id}: still {row.status}")
        report.done += row.status == "done"
        report.failed += row.status == "failed"
        if row.completions != 1:
            report.duplicates += row.completions > 1
            report.problems.append(f"{row.document_id}: completions={row.completions}")
        report.retried += row.attempts > 1
        report.max_attempts = max(report.max_attempts, row.attempts)
        if row.lease_owner is not None:
            report.problems.append(f"{row.document_id}: lease still held by {row.lease_owner}")
        i = int(row.document_id)
        if row.status == "done":
            result = row.result if isinstance(row.result, dict) else _json(row.result)
            got = (result or {}).get("pan_number", {}).get("value")
            if got != pan_of(i):
                report.problems.append(f"{row.document_id}: PAN {got!r}, expected {pan_of(i)}")
        else:
            report.problems.append(f"{row.document_id}: failed with {row.error_code}")
        if docs.hits(f"/d{i}.pdf") > row.attempts:
            report.problems.append(
                f"{row.document_id}: fetched {docs.hits(f'/d{i}.pdf')} times in "
                f"{row.attempts} claims"
            )


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value


def _documents(docs: DocServer, n_docs: int) -> list[str]:
    return [docs.add(f"/d{i}.pdf", pan_pdf(pan_of(i))) for i in range(n_docs)]


def _common_env(tmp: Path, **extra: str) -> dict[str, str]:
    return base_env(
        KAGAZ_DATA_DIR=str(tmp / "data"),
        KAGAZ_FETCH_ALLOW_PRIVATE="127.0.0.1",
        KAGAZ_ENGINE__OCR_THREADS="1",
        KAGAZ_STORAGE__RETENTION_DAYS="0",
        KAGAZ_FETCH__ATTEMPTS="2",
        KAGAZ_FETCH__BACKOFF_SECONDS="0",
        # A short lease, so that the documents of a killed process are taken up within seconds
        # (a deployment keeps the 60 s default and waits longer after a crash).
        KAGAZ_WORKER__LEASE_SECONDS="3",
        KAGAZ_WORKER__RETRY_BACKOFF_SECONDS="0",
        KAGAZ_LOG_LEVEL="warning",
        # Flow callbacks: a killed sender's delivery is taken up after its lease, retried soon.
        KAGAZ_CALLBACKS__LEASE_SECONDS="3",
        KAGAZ_CALLBACKS__POLL_SECONDS="0.2",
        KAGAZ_CALLBACKS__RETRY_SCHEDULE="[0.2, 0.5, 1]",
        **extra,
    )


def run_embedded(
    n_docs: int, kills: int, *, seed: int = 7, tmp: Path | None = None, timeout: float = 900
) -> FaultReport:
    """``kagaz serve`` (SQLite, worker threads) SIGKILLed ``kills`` times mid-batch."""
    rng = random.Random(seed)
    report = FaultReport("embedded (SQLite, worker threads in kagaz serve)")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        tmp = tmp or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kagaz-f-")))
        docs = stack.enter_context(DocServer("127.0.0.1"))
        env = _common_env(tmp, KAGAZ_WORKER__COUNT="2", KAGAZ_WORKER__POLL_SECONDS="0.2")
        db_url = f"sqlite:///{tmp / 'data' / 'kagaz.db'}"
        (tmp / "data").mkdir(parents=True, exist_ok=True)
        creds = create_client(db_url)
        cluster = Cluster(tmp, env)
        stack.callback(cluster.stop_all)
        engine = sa.create_engine(db_url)
        stack.callback(engine.dispose)
        rx = stack.enter_context(Receiver())
        n_flow_docs = FLOW_DOCS * max(2, n_docs // 100)
        urls = _documents(docs, n_docs + n_flow_docs)
        api = cluster.serve("api0")
        accepted, batch_ids, flows = _submit_all(api.base_url, creds, rx, urls, n_docs)
        n_docs += n_flow_docs
        for k, point in enumerate(_kill_points(rng, n_docs, kills)):
            _wait_progress(engine, point, timeout, cluster)
            time.sleep(rng.uniform(0, 0.3))
            api.kill()
            held = len(_held(engine))
            report.kills += 1
            report.killed_in_flight += held
            report.events.append(f"SIGKILL kagaz serve at {point}+ final ({held} in flight)")
            api = cluster.serve(f"api{k + 1}")
        _wait_progress(engine, n_docs, timeout, cluster)
        # The answer clients see agrees with the database.
        _check_extracts(
            api.base_url, _token(api.base_url, creds), batch_ids, n_docs - n_flow_docs
        )
        _check(report, engine, accepted, docs)
        _check_flows(report, engine, rx, flows, timeout=60)
        _crash_loops(report, cluster)
    report.wall_seconds = time.monotonic() - started
    return report


def _check_extracts(base_url: str, token: str, batch_ids: list[str], n_docs: int) -> None:
    """Every accepted document is final in ``extracts`` too."""
    seen = 0
    with httpx.Client(base_url=base_url, headers={"Token": token}, timeout=30) as client:
        for batch_id in batch_ids:
            page = 1
            while True:
                body = client.get(
                    "/v1/bulk/extracts", params={"batch_id": batch_id, "page": page}
                ).json()
                for item in body["data"]:
                    assert item["status"] in FINAL, item
                    seen += 1
                if not body["has_next"]:
                    break
                page += 1
    assert seen == n_docs, (seen, n_docs)


# What the processes logged about the faults (evidence that each one was felt and handled).
_NOTES = {
    "database unavailable; task retried": "tasks retried while the database was away",
    "lease lost": "late writes refused (lease lost)",
    "expired leases re-queued": "sweeps that re-queued expired leases",
    "lost by the broker sent again": "sweeps that re-sent tasks the broker lost",
    "worker consumer stalled": "watchdog exits of a stalled consumer",
    "crashed": "attempts that crashed (put back in the queue, or failed after the last)",
}


def _crash_loops(report: FaultReport, cluster: Cluster) -> None:
    counts = dict.fromkeys(_NOTES, 0)
    for proc in cluster.procs:
        out = proc.output()
        for phrase in _NOTES:
            counts[phrase] += out.count(phrase)
        if proc.name.endswith("-exited"):
            continue
        if "Traceback" in out and "Error" in out and proc.popen.poll() not in (None, -9, 75):
            report.problems.append(f"{proc.name} exited {proc.popen.poll()}: {out[-800:]}")
    report.events += [f"logged: {n} {_NOTES[p]}" for p, n in counts.items() if n]


def run_scaleout(
    n_docs: int,
    kills: int,
    *,
    seed: int = 11,
    tmp: Path | None = None,
    timeout: float = 900,
    db_restart: bool = True,
    broker_restart: bool = True,
) -> FaultReport:
    """``kagaz serve`` and two ``kagaz worker`` processes on a private PostgreSQL and Redis:
    workers SIGKILLed ``kills`` times, PostgreSQL and Redis each restarted once, mid-batch."""
    rng = random.Random(seed)
    report = FaultReport("scale-out (PostgreSQL, Celery over Redis, 2 worker processes)")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        tmp = tmp or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kagaz-f-")))
        pg = PrivatePostgres()
        stack.callback(pg.close)
        broker = PrivateRedis()
        stack.callback(broker.close)
        docs = stack.enter_context(DocServer("127.0.0.1"))
        env = _common_env(
            tmp,
            KAGAZ_DATABASE_URL=pg.url,
            KAGAZ_QUEUE="celery",
            KAGAZ_BROKER_URL=broker.url,
            KAGAZ_WORKER__CELERY_QUEUE="kagaz-faults",
            KAGAZ_WORKER__SWEEP_INTERVAL_SECONDS="0.5",
            KAGAZ_WORKER__VISIBILITY_TIMEOUT_SECONDS="10",
            KAGAZ_WORKER__DISPATCH_WINDOW="100",
            KAGAZ_WORKER__CONSUMER_STALL_SECONDS="10",
        )
        creds = create_client(pg.url)
        cluster = Cluster(tmp, env)
        stack.callback(cluster.stop_all)
        engine = sa.create_engine(pg.url, pool_pre_ping=True)
        stack.callback(engine.dispose)
        rx = stack.enter_context(Receiver())
        n_flow_docs = FLOW_DOCS * max(2, n_docs // 100)
        urls = _documents(docs, n_docs + n_flow_docs)
        workers = {name: cluster.worker(name, "--pool", "solo") for name in ("wa", "wb")}

        def supervise() -> None:
            """What systemd or Kubernetes does: start a worker that exited again."""
            for name, proc in list(workers.items()):
                code = proc.popen.poll()
                if code is not None and code != -9:
                    tail = proc.output()[-3000:]
                    errors = re.findall(r"(\w+(?:Error|Exception)\b[^\n]{0,200})", tail)
                    why = "consumer stalled" if code == 75 else (errors or ["?"])[-1]
                    report.events.append(
                        f"worker {name} exited with {code} ({why[:160].strip()}); restarted"
                    )
                    report.supervisor_restarts += 1
                    proc.name += "-exited"  # its exit was answered, not a crash loop
                    workers[name] = cluster.worker(name, "--pool", "solo")
        api = cluster.serve("api")
        accepted, batch_ids, flows = _submit_all(api.base_url, creds, rx, urls, n_docs)
        n_docs += n_flow_docs
        plan = ["kill"] * kills
        if db_restart:
            plan.append("database")
        if broker_restart:
            plan.append("broker")
        rng.shuffle(plan)
        restarts = 0
        for event, point in zip(plan, _kill_points(rng, n_docs, len(plan)), strict=True):
            _wait_progress(engine, point, timeout, cluster, supervise)
            time.sleep(rng.uniform(0, 0.3))
            if event == "kill":
                # Prefer a worker caught mid-document (that is the interesting kill).
                busy = sorted({o.split("@")[0] for o in _held(engine)} & set(workers))
                name = rng.choice(busy or sorted(workers))
                victim: Proc = workers[name]
                victim.kill()  # the whole process group
                held = len(_held(engine, f"{name}@"))
                report.kills += 1
                report.killed_in_flight += held
                restarts += 1
                workers[name] = cluster.worker(f"{name}", "--pool", "solo")
                report.events.append(f"SIGKILL worker {name} at {point}+ final ({held} held)")
            elif event == "database":
                away = pg.crash_restart()
                report.db_restarts += 1
                report.events.append(f"PostgreSQL crash-restart at {point}+ final ({away:.1f} s)")
            else:
                lost = broker.kill_restart()
                report.broker_restarts += 1
                report.tasks_lost_with_broker += lost
                report.events.append(f"Redis SIGKILL + empty restart at {point}+ final ({lost} lost)")
        _wait_progress(engine, n_docs, timeout, cluster, supervise)
        _check_extracts(
            api.base_url, _token(api.base_url, creds), batch_ids, n_docs - n_flow_docs
        )
        _check(report, engine, accepted, docs)
        _check_flows(report, engine, rx, flows, timeout=60)
        _crash_loops(report, cluster)
    report.wall_seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Kill kagaz mid-batch; check exactly-once results")
    ap.add_argument("mode", choices=["embedded", "scaleout"])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=6)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args(argv)
    run = run_embedded if args.mode == "embedded" else run_scaleout
    kwargs: dict[str, Any] = {} if args.seed is None else {"seed": args.seed}
    report = run(args.docs, args.kills, timeout=1800, **kwargs)
    print(report.summary(), flush=True)
    return 1 if report.problems or report.lost or report.duplicates else 0


if __name__ == "__main__":
    raise SystemExit(main())
