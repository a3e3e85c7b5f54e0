"""The store on PostgreSQL (a fresh database per test): migrations, concurrent migrations,
SKIP LOCKED claims, concurrent dispatchers, and the hot queries' plans at 100,000 documents."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres  # noqa: E402

from kagaz.database import Database, batches, clients, queue, upgrade  # noqa: E402
from kagaz.database import dispatch as db_dispatch  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.migrate import alembic_config, current_revision, head_revision  # noqa: E402
from kagaz.database.models import Base  # noqa: E402


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_postgres() as database_url:
        yield database_url


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = Database(url)
    upgrade(database)
    with database.session() as s:
        clients.create_client(s, client_id="c", name="c", secret_hash="h", now=utcnow())
        s.commit()
    yield database
    database.dispose()


def _batch(db: Database, n: int) -> batches.BatchRow:
    files = [batches.NewFile(f"https://x.example/{i}.pdf", str(i)) for i in range(n)]
    with db.session() as s:
        return batches.create_batch(
            s, client_id="c", family="bulk", product_type="P", files=files, now=utcnow()
        )


def _in_threads(n: int, fn: object) -> None:
    threads = [threading.Thread(target=fn, args=(i,)) for i in range(n)]  # type: ignore[arg-type]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)


def test_migrations_on_postgres(url: str) -> None:
    db = Database(url)
    upgrade(db)
    upgrade(db)  # idempotent
    assert current_revision(db) == head_revision() == "0006"
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
        indexes = {
            r.indexname: r.indexdef
            for r in conn.execute(sa.text("SELECT indexname, indexdef FROM pg_indexes"))
        }
    assert diff == []
    assert "WHERE" in indexes["ix_documents_undispatched"]
    assert "enqueued_at IS NOT NULL" in indexes["ix_documents_dispatched"]
    cfg = alembic_config(db.url.render_as_string(hide_password=False))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    upgrade(db)
    assert current_revision(db) == "0006"
    db.dispose()


def test_concurrent_migrations_wait_for_each_other(url: str) -> None:
    # Several API servers and workers starting at once against an empty database.
    errors: list[BaseException] = []

    def start(_: int) -> None:
        db = Database(url)
        try:
            upgrade(db)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            db.dispose()

    _in_threads(4, start)
    assert errors == []
    db = Database(url)
    assert current_revision(db) == "0006"
    db.dispose()


def test_skip_locked_claims_never_overlap(db: Database) -> None:
    _batch(db, 200)
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        while True:
            with db.session() as s:
                job = queue.claim_next(s, owner=f"w{i}", lease_seconds=60, now=utcnow())
            if job is None:
                return
            with lock:
                claimed.append(job.file_uuid)

    _in_threads(6, worker)
    assert len(claimed) == 200 and len(set(claimed)) == 200


def test_one_document_is_claimed_by_one_task(db: Database) -> None:
    (_, file_uuid), *_ = _batch(db, 1).files
    winners: list[str] = []

    def task(i: int) -> None:
        with db.session() as s:
            if queue.claim(s, file_uuid=file_uuid, owner=f"t{i}", lease_seconds=60, now=utcnow()):
                winners.append(f"t{i}")

    _in_threads(8, task)  # eight deliveries of the same task at once
    assert len(winners) == 1


def test_concurrent_dispatchers_hand_out_each_document_once(db: Database) -> None:
    _batch(db, 300)
    taken: list[str] = []
    lock = threading.Lock()

    def dispatcher(_: int) -> None:
        while True:
            with db.session() as s:
                ids = db_dispatch.take_undispatched(s, limit=7, window=10_000, now=utcnow())
            if not ids:
                return
            with lock:
                taken.extend(ids)

    _in_threads(5, dispatcher)
    assert len(taken) == 300 and Counter(taken).most_common(1)[0][1] == 1


@pytest.mark.slow
def test_a_100k_batch_pages_and_dispatches_from_indexes(db: Database) -> None:
    started = time.perf_counter()
    row = _batch(db, 100_000)
    insert_seconds = time.perf_counter() - started
    with db.engine.begin() as conn:
        conn.execute(sa.text("ANALYZE documents"))
    assert insert_seconds < 60, insert_seconds
    with db.engine.connect() as conn:
        timings = []
        for offset in (0, 50_000, 99_950):
            t = time.perf_counter()
            page = batches.page_documents(conn, batch_id=row.batch_id, offset=offset, limit=50)
            timings.append(time.perf_counter() - t)
            assert [d.document_id for d in page][:1] == [str(offset)] and len(page) == 50
        plans = {
            name: " ".join(r[0] for r in conn.execute(sa.text("EXPLAIN " + sql), params))
            for name, sql, params in (
                (
                    "page",
                    "SELECT file_uuid FROM documents WHERE batch_id = :b AND position >= :o "
                    "ORDER BY position LIMIT 50",
                    {"b": row.batch_id, "o": 99_950},
                ),
                (
                    "claim",
                    "SELECT file_uuid FROM documents WHERE status = 'queued' AND available_at "
                    "<= now() ORDER BY available_at, batch_id, position LIMIT 1",
                    {},
                ),
                (
                    "dispatch",
                    "SELECT file_uuid FROM documents WHERE status = 'queued' AND enqueued_at "
                    "IS NULL AND available_at <= now() ORDER BY available_at, batch_id, "
                    "position LIMIT 100",
                    {},
                ),
            )
        }
    assert "uq_documents_batch_position" in plans["page"], plans["page"]
    assert "ix_documents_queue" in plans["claim"], plans["claim"]
    assert "ix_documents_undispatched" in plans["dispatch"], plans["dispatch"]
    for plan in plans.values():
        assert "Seq Scan" not in plan and "Sort" not in plan, plan
    assert max(timings) < 0.25, timings  # the last page costs what the first does
    with db.session() as s:  # the window holds, at any backlog
        assert len(db_dispatch.take_undispatched(s, limit=500, window=100, now=utcnow())) == 100
        assert db_dispatch.queue_depth(s)["queued"] == 99_900
