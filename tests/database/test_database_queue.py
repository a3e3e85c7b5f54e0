"""Leases: concurrent claims never overlap, expired leases are taken over, writes are fenced."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from pathlib import Path

import pytest

from kagaz.database import Database, batches, clients, keys, queue, upgrade
from kagaz.database.db import utcnow
from kagaz.database.models import DocumentStatus

T0 = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(database)
    with database.session() as s:
        clients.create_client(s, client_id="c1", name="one", secret_hash="h", now=T0)
        clients.create_client(s, client_id="c2", name="two", secret_hash="h", now=T0)
        s.commit()
    return database


def _batch(db: Database, n: int, client: str = "c1", now: dt.datetime = T0) -> batches.BatchRow:
    files = [batches.NewFile(f"https://x.example/{i}.pdf", str(i)) for i in range(n)]
    with db.session() as s:
        return batches.create_batch(
            s, client_id=client, family="bulk", product_type="P", files=files, now=now
        )


def test_batch_ids_and_order(db: Database) -> None:
    row = _batch(db, 5)
    assert row.batch_id.endswith("-20250101120000") and row.document_count == 5
    with db.session() as s:
        docs = batches.page_documents(s, batch_id=row.batch_id, offset=2, limit=2)
        assert [d.document_id for d in docs] == ["2", "3"]
        assert batches.get_batch(s, batch_id=row.batch_id, client_id="c1") is not None
        assert batches.get_batch(s, batch_id=row.batch_id, client_id="c2") is None


def test_concurrent_workers_claim_each_document_once(db: Database) -> None:
    _batch(db, 120)
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while True:
            with db.session() as s:
                job = queue.claim_next(s, owner=name, lease_seconds=60, now=utcnow())
            if job is None:
                return
            with lock:
                claimed.append(job.file_uuid)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == 120 and Counter(claimed).most_common(1)[0][1] == 1


def test_expired_lease_is_taken_over_and_old_owner_is_fenced(db: Database) -> None:
    _batch(db, 1)
    with db.session() as s:
        job = queue.claim_next(s, owner="a", lease_seconds=10, now=T0)
        assert job is not None and job.attempts == 1
        assert (
            queue.claim_next(s, owner="b", lease_seconds=10, now=T0 + dt.timedelta(seconds=5))
            is None
        )
        assert (
            queue.renew_leases(
                s,
                owner="a",
                file_uuids=[job.file_uuid],
                lease_seconds=10,
                now=T0 + dt.timedelta(seconds=5),
            )
            == 1
        )
        assert (
            queue.claim_next(s, owner="b", lease_seconds=10, now=T0 + dt.timedelta(seconds=12))
            is None
        )
        again = queue.claim_next(s, owner="b", lease_seconds=10, now=T0 + dt.timedelta(seconds=16))
        assert again is not None and again.file_uuid == job.file_uuid and again.attempts == 2
        # "a" woke up late: none of its writes land.
        assert (
            queue.renew_leases(s, owner="a", file_uuids=[job.file_uuid], lease_seconds=10, now=T0)
            == 0
        )
        assert not queue.mark_fetched(
            s, file_uuid=job.file_uuid, owner="a", key="k", fmt="pdf", size=1, now=T0
        )
        assert not queue.finish(
            s, file_uuid=job.file_uuid, owner="a", status=DocumentStatus.DONE, now=T0
        )
        assert queue.finish(
            s,
            file_uuid=job.file_uuid,
            owner="b",
            status=DocumentStatus.DONE,
            now=T0,
            result={"document_type": "PAN"},
        )
        assert not queue.finish(
            s, file_uuid=job.file_uuid, owner="b", status=DocumentStatus.DONE, now=T0
        )
        assert queue.status_counts(s) == {"done": 1}
        assert (
            queue.claim_next(s, owner="c", lease_seconds=10, now=T0 + dt.timedelta(days=1)) is None
        )


def test_released_document_waits_for_its_backoff(db: Database) -> None:
    _batch(db, 1)
    with db.session() as s:
        job = queue.claim_next(s, owner="a", lease_seconds=10, now=T0)
        assert job is not None
        assert queue.release_for_retry(
            s, file_uuid=job.file_uuid, owner="a", delay_seconds=30, now=T0
        )
        assert (
            queue.claim_next(s, owner="a", lease_seconds=10, now=T0 + dt.timedelta(seconds=29))
            is None
        )
        retry = queue.claim_next(s, owner="a", lease_seconds=10, now=T0 + dt.timedelta(seconds=31))
        assert retry is not None and retry.attempts == 2


def test_finish_rejects_non_final_status(db: Database) -> None:
    with db.session() as s, pytest.raises(ValueError):
        queue.finish(s, file_uuid="x", owner="a", status=DocumentStatus.QUEUED, now=T0)


def test_queue_is_fifo_across_batches(db: Database) -> None:
    first = _batch(db, 2, now=T0)
    second = _batch(db, 2, now=T0 + dt.timedelta(seconds=1))
    order = []
    with db.session() as s:
        while job := queue.claim_next(
            s, owner="a", lease_seconds=10, now=T0 + dt.timedelta(minutes=1)
        ):
            order.append((job.batch_id, job.document_id))
    assert order == [
        (first.batch_id, "0"),
        (first.batch_id, "1"),
        (second.batch_id, "0"),
        (second.batch_id, "1"),
    ]


def test_signing_key_is_created_once(db: Database) -> None:
    with db.session() as s:
        k1 = keys.get_or_create_key(s, name="master", now=T0)
    with db.session() as s:
        k2 = keys.get_or_create_key(s, name="master", now=T0)
    assert k1 == k2 and len(k1) == 32


def test_revoke_keeps_first_time(db: Database) -> None:
    with db.session() as s:
        assert clients.revoke_client(s, client_id="c1", now=T0)
        assert clients.revoke_client(s, client_id="c1", now=T0 + dt.timedelta(days=1))
        assert not clients.revoke_client(s, client_id="nope", now=T0)
        s.commit()
        assert clients.get_client(s, client_id="c1").revoked_at == T0  # type: ignore[union-attr]


def test_fast_query_matches_core_and_compiles_for_postgresql(db: Database) -> None:
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    from kagaz.database.db import FastQuery
    from kagaz.database.models import StoredDocument

    row = _batch(db, 5)
    stmt = (
        sa.select(StoredDocument.document_id, StoredDocument.position)
        .where(StoredDocument.batch_id == sa.bindparam("b"), StoredDocument.position >= sa.bindparam("o"))
        .order_by(StoredDocument.position)
        .limit(sa.bindparam("n"))
    )
    with db.connect() as conn:
        core = [tuple(r) for r in conn.execute(stmt, {"b": row.batch_id, "o": 1, "n": 3})]
        fast = FastQuery(stmt).all(conn, {"b": row.batch_id, "o": 1, "n": 3})
    assert fast == core == [("1", 1), ("2", 2), ("3", 3)]
    compiled, sql, order = FastQuery(stmt)._compile(postgresql.dialect())  # noqa: SLF001
    assert "%(b)s" in sql and order is None  # named parameters on psycopg


def test_driver_errors_become_store_errors(db: Database) -> None:
    import sqlalchemy as sa

    from kagaz.database.db import FastQuery, StoreError

    broken = FastQuery(sa.select(sa.column("x")).select_from(sa.table("no_such_table")))
    with pytest.raises(StoreError), db.connect() as conn:
        broken.all(conn, {})


def test_a_batch_id_collision_is_retried_with_a_fresh_id(db: Database, monkeypatch) -> None:
    from kagaz.database import flows

    first = _batch(db, 1)
    fresh = iter([first.batch_id, first.batch_id, "bat_fresh_1", first.batch_id, "bat_fresh_2"])
    monkeypatch.setattr(batches, "new_batch_id", lambda now: next(fresh))
    assert _batch(db, 1).batch_id == "bat_fresh_1"
    with db.session() as s:
        flow_uuid = flows.create_flow(s, client_id="c1", product_type="P", application_id="a",
                                      auth_url="", callback_url="", flow_params={},
                                      auth_config=None, now=T0)
        row = flows.add_upload(s, flow_uuid=flow_uuid, client_id="c1",
                               files=[batches.NewFile("https://x.example/f.pdf", "f")], now=T0)
        assert row is not None and row.batch_id == "bat_fresh_2"
        # another client's flow: nothing written, no batch
        assert flows.add_upload(s, flow_uuid=flow_uuid, client_id="c2",
                                files=[batches.NewFile("https://x.example/g.pdf", "g")], now=T0) is None
