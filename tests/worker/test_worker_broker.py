"""The broker path in one process: the dispatch window, the sweeper, a broker that is down, and
the task's claim on PostgreSQL with a real Redis broker."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres, redis_db  # noqa: E402

from kagaz.model import ExtractResult  # noqa: E402
from kagaz.settings import Settings, WorkerSettings  # noqa: E402
from kagaz.database import Database, batches, clients, queue, upgrade  # noqa: E402
from kagaz.database import dispatch as db_dispatch  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.models import StoredDocument  # noqa: E402
from kagaz.worker.celery_app import WorkerContext, create_celery  # noqa: E402
from kagaz.worker.broker import Dispatcher  # noqa: E402
from kagaz.worker.sweeper import Sweeper  # noqa: E402

QUEUE = "kagaz-unit"


@pytest.fixture
def db() -> Iterator[Database]:
    with fresh_postgres() as url:
        database = Database(url)
        upgrade(database)
        with database.session() as s:
            clients.create_client(s, client_id="c", name="c", secret_hash="h", now=utcnow())
            s.commit()
        yield database
        database.dispose()


@pytest.fixture
def broker() -> Iterator[str]:
    with redis_db(10) as url:
        yield url


def _settings(broker: str, db: Database, tmp_path: Path, **worker: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path,
        database_url=db.url.render_as_string(hide_password=False),
        queue="celery",
        broker_url=broker,
        fetch_allow_private="127.0.0.1",
        worker=WorkerSettings(celery_queue=QUEUE, **worker),
    )


def _batch(db: Database, n: int) -> list[str]:
    files = [batches.NewFile(f"https://x.example/{i}.pdf", str(i)) for i in range(n)]
    with db.session() as s:
        row = batches.create_batch(
            s, client_id="c", family="bulk", product_type="P", files=files, now=utcnow()
        )
    return [u for _, u in row.files]


def _waiting(broker: str) -> list[str]:
    """Document ids of the tasks waiting at the broker, oldest first."""
    import json

    client = redis.Redis.from_url(broker)
    messages = [json.loads(m) for m in reversed(client.lrange(QUEUE, 0, -1))]
    client.close()
    return [json.loads(_body(m))[0][0] for m in messages]


def _body(message: dict[str, Any]) -> str:
    import base64

    return base64.b64decode(message["body"]).decode()


def test_the_window_bounds_what_the_broker_holds(db: Database, broker: str, tmp_path: Path) -> None:
    ids = _batch(db, 50)
    settings = _settings(broker, db, tmp_path, dispatch_window=10)
    dispatcher = Dispatcher(db=db, celery_app=create_celery(settings), settings=settings.worker)
    assert dispatcher.dispatch() == 10
    assert dispatcher.dispatch() == 0  # full: the rest wait in the database
    assert _waiting(broker) == ids[:10]  # one task per document, only its id, upload order
    with db.session() as s:  # three start
        for file_uuid in ids[:3]:
            assert queue.claim(s, file_uuid=file_uuid, owner="w", lease_seconds=60, now=utcnow())
    assert dispatcher.dispatch() == 3
    assert _waiting(broker) == ids[:13]
    assert dispatcher.broker_depth() == 13
    with db.session() as s:
        depth = db_dispatch.queue_depth(s)
    assert depth == {"queued": 37, "dispatched": 10, "fetching": 3, "processing": 0}


def test_the_sweeper_requeues_expired_leases_and_lost_tasks(
    db: Database, broker: str, tmp_path: Path
) -> None:
    ids = _batch(db, 6)
    settings = _settings(broker, db, tmp_path, dispatch_window=4, requeue_after_seconds=600)
    dispatcher = Dispatcher(db=db, celery_app=create_celery(settings), settings=settings.worker)
    sweeper = Sweeper(db=db, dispatcher=dispatcher, settings=settings.worker)
    t0 = utcnow()
    assert sweeper.sweep(now=t0).dispatched == 4
    with db.session() as s:  # a worker takes the first document, then dies
        job = queue.claim(s, file_uuid=ids[0], owner="dead", lease_seconds=1, now=t0)
        assert job is not None and job.attempts == 1
    report = sweeper.sweep(now=t0 + dt.timedelta(seconds=1))  # lease still valid
    assert (report.expired, report.lost, report.dispatched) == (0, 0, 1)
    report = sweeper.sweep(now=t0 + dt.timedelta(seconds=2))
    assert report.expired == 1 and report.lost == 0  # broker depth 6 >= 5 dispatched
    assert _waiting(broker).count(ids[0]) == 2  # sent again; the old task finds nothing to do
    redis.Redis.from_url(broker).flushdb()  # the broker loses everything
    report = sweeper.sweep(now=t0 + dt.timedelta(seconds=3))
    assert report.broker_depth == 0 and report.lost == 0  # sent too recently to call lost
    report = sweeper.sweep(now=t0 + dt.timedelta(seconds=3 + sweeper.grace_seconds + 1))
    assert report.lost == 5  # every dispatched, unstarted document, oldest dispatch first
    assert _waiting(broker) == [ids[1], ids[2], ids[3], ids[4], ids[0]]
    report = sweeper.sweep(now=t0 + dt.timedelta(seconds=30))  # nothing more to do
    assert (report.expired, report.lost, report.dispatched) == (0, 0, 0)
    with db.session() as s:
        job = queue.claim(
            s, file_uuid=ids[0], owner="w2", lease_seconds=60, now=t0 + dt.timedelta(seconds=31)
        )
    assert job is not None and job.attempts == 2


def test_a_broker_that_is_down_loses_nothing(db: Database, tmp_path: Path) -> None:
    ids = _batch(db, 3)
    settings = _settings("redis://127.0.0.1:1/0", db, tmp_path)  # nothing listens there
    dispatcher = Dispatcher(db=db, celery_app=create_celery(settings), settings=settings.worker)
    assert dispatcher.dispatch() == 0
    with db.engine.connect() as conn:
        marked = conn.scalar(sa.select(sa.func.count()).where(StoredDocument.enqueued_at.is_not(None)))
    assert marked == 0  # unmarked again: dispatched at the next chance
    started = time.perf_counter()
    assert dispatcher.dispatch() == 0  # requests skip a broker known to be down ...
    assert time.perf_counter() - started < 0.1
    assert dispatcher.dispatch(probe=True) == 0  # ... the sweeper keeps trying
    with pytest.raises(Exception):  # noqa: B017 - whatever kombu raises
        dispatcher.ping()
    assert len(ids) == 3


def test_a_task_processes_its_document_once(db: Database, broker: str, tmp_path: Path) -> None:
    from fpdf import FPDF

    from kagaz.fetch.testing import DocServer
    from kagaz.model import Status

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "hello")
    calls: list[bytes] = []

    def processor(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
        calls.append(data)
        return ExtractResult(status=Status.SUCCESS, document_type="PAN", fields={})

    with DocServer() as docs:
        url = docs.add("/a.pdf", bytes(pdf.output()))
        files = [batches.NewFile(url, "1")]
        with db.session() as s:
            row = batches.create_batch(
                s, client_id="c", family="bulk", product_type="P", files=files, now=utcnow()
            )
        (file_uuid,) = [u for _, u in row.files]
        settings = _settings(broker, db, tmp_path)
        context = WorkerContext(
            settings, create_celery(settings), processor_factory=lambda: processor
        )
        try:
            assert context.run(file_uuid, "w1@host") == "done"
            assert context.run(file_uuid, "w2@host") == "skipped"  # a duplicate delivery
            assert context.run("00000000-0000-4000-8000-000000000000", "w@h") == "skipped"
        finally:
            context.close()
    with db.engine.connect() as conn:
        done = conn.execute(sa.select(StoredDocument)).one()
    assert (done.status, done.completions, done.attempts) == ("done", 1, 1)
    assert len(calls) == 1 and docs.hits("/a.pdf") == 1
