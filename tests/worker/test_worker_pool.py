"""The worker pool: real engine for normal documents, a crashing processor at the seam."""

from __future__ import annotations

import threading
import time
from typing import Any

import sqlalchemy as sa
from fpdf import FPDF

from kagaz.database import Database, batches, queue
from kagaz.database.db import utcnow
from kagaz.database.models import StoredDocument
from kagaz.fetch import Fetcher
from kagaz.fetch.testing import DocServer
from kagaz.model import ExtractResult
from kagaz.settings import WorkerSettings
from kagaz.storage import LocalStorage
from kagaz.worker.pool import WorkerPool

pytest_plugins = ["worker_fixtures"]  # fixtures: db, storage, fetcher, docs


def pan_pdf(pan: str) -> bytes:
    pdf = FPDF(format=(240, 150))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in (
        "INCOME TAX DEPARTMENT",
        "GOVT. OF INDIA",
        "Permanent Account Number Card",
        pan,
        "Name",
        "ASHA VERMA",
        "Father's Name",
        "RAJ VERMA",
        "Date of Birth",
        "01/02/1985",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _submit(db: Database, urls: list[str]) -> str:
    with db.session() as s:
        row = batches.create_batch(
            s,
            client_id="c",
            family="bulk",
            product_type="P",
            now=utcnow(),
            files=[batches.NewFile(u, str(i)) for i, u in enumerate(urls)],
        )
    return row.batch_id


def _rows(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(sa.select(StoredDocument).order_by(StoredDocument.position)))


def _wait(db: Database, n_final: int, timeout: float = 30) -> list[Any]:
    deadline = time.monotonic() + timeout
    while True:
        rows = _rows(db)
        if sum(r.status in ("done", "failed") for r in rows) >= n_final:
            return rows
        assert time.monotonic() < deadline, [(r.status, r.attempts) for r in rows]
        time.sleep(0.05)


def _pool(
    db: Database, storage: LocalStorage, fetcher: Fetcher, processor: Any, **ws: Any
) -> WorkerPool:
    settings = WorkerSettings(
        **{
            "count": 1,
            "poll_seconds": 0.05,
            "lease_seconds": 5,
            "retry_backoff_seconds": 0,
            "max_attempts": 3,
            **ws,
        }
    )
    return WorkerPool(
        db=db,
        storage=storage,
        fetcher=fetcher,
        processor_factory=lambda: processor,
        settings=settings,
    )


def test_a_crashing_document_fails_alone_after_bounded_retries(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer, engine: Any
) -> None:
    calls: list[bytes] = []
    bomb = pan_pdf("BOMBX0000X")

    def processor(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
        calls.append(data)
        if data == bomb:
            raise RuntimeError("segfault-like failure in a native library")
        return engine.process(data, filename)  # type: ignore[no-any-return]

    urls = [
        docs.add("/a.pdf", pan_pdf("AAAPA1111A")),
        docs.add("/bomb.pdf", bomb),
        docs.add("/c.pdf", pan_pdf("CCCPC3333C")),
    ]
    _submit(db, urls)
    pool = _pool(db, storage, fetcher, processor, count=2)
    pool.start()
    try:
        rows = _wait(db, 3)
    finally:
        pool.stop()
    assert [(r.status, r.error_code) for r in rows] == [
        ("done", None),
        ("failed", "ENGINE_ERROR"),
        ("done", None),
    ]
    assert rows[1].attempts == 3 and "after 3 attempts" in rows[1].error_message
    assert "segfault" not in rows[1].error_message  # exception text may carry data: not stored
    assert sum(c == bomb for c in calls) == 3
    assert docs.hits("/bomb.pdf") == 1  # the stored original was reused for the retries
    assert [r.result["pan_number"]["value"] for r in (rows[0], rows[2])] == [
        "AAAPA1111A",
        "CCCPC3333C",
    ]
    assert all(r.completions == 1 and r.lease_owner is None for r in rows)


def test_a_document_that_kills_its_process_fails_after_max_attempts(
    db: Database, storage: LocalStorage, fetcher: Fetcher
) -> None:
    # Each "process" claims the document and dies (the lease simply expires); the next claim
    # past max_attempts fails it without running the engine again.
    _submit(db, ["https://x.example/a.pdf"])
    with db.session() as s:
        for i in range(3):
            job = queue.claim_next(s, owner=f"dead{i}", lease_seconds=0.01, now=utcnow())
            assert job is not None and job.attempts == i + 1
            time.sleep(0.02)

    def never(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
        raise AssertionError("must not run")

    pool = _pool(db, storage, fetcher, never)
    assert pool.run_once("w", never)
    (row,) = _rows(db)
    assert (row.status, row.error_code, row.attempts) == ("failed", "ENGINE_ERROR", 4)


def test_lease_lost_means_no_write(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer, engine: Any
) -> None:
    _submit(db, [docs.add("/a.pdf", pan_pdf("AAAPA1111A"))])
    taken = threading.Event()

    def slow(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
        # Meanwhile another worker takes the document over (its lease expired).
        with db.session() as s:
            s.execute(sa.update(StoredDocument).values(lease_owner="other"))
            s.commit()
        taken.set()
        return engine.process(data, filename)  # type: ignore[no-any-return]

    pool = _pool(db, storage, fetcher, slow)
    assert pool.run_once("w", slow)
    (row,) = _rows(db)
    assert taken.is_set() and row.status == "processing" and row.completions == 0


def test_heartbeat_keeps_a_long_document_leased(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer, engine: Any
) -> None:
    _submit(db, [docs.add("/a.pdf", pan_pdf("AAAPA1111A"))])
    stolen: list[Any] = []

    def slow(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
        time.sleep(2.5)  # longer than the 1 s lease
        with db.session() as s:
            stolen.append(queue.claim_next(s, owner="thief", lease_seconds=1, now=utcnow()))
        return engine.process(data, filename)  # type: ignore[no-any-return]

    pool = _pool(db, storage, fetcher, slow, lease_seconds=1)
    pool.start()
    try:
        (row,) = _wait(db, 1)
    finally:
        pool.stop()
    assert stolen == [None] and row.status == "done" and row.attempts == 1


def test_engine_that_cannot_start_leaves_documents_queued(
    db: Database, storage: LocalStorage, fetcher: Fetcher
) -> None:
    def factory() -> Any:
        raise RuntimeError("model files missing")

    _submit(db, ["https://x.example/a.pdf"])
    pool = WorkerPool(
        db=db,
        storage=storage,
        fetcher=fetcher,
        processor_factory=factory,
        settings=WorkerSettings(count=1, poll_seconds=0.05),
    )
    pool.start()
    time.sleep(0.3)
    pool.stop(timeout=1)
    (row,) = _rows(db)
    assert row.status == "queued" and row.attempts == 0


def test_engine_results_and_failures_are_recorded(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer, engine: Any
) -> None:
    urls = [
        docs.add("/p.pdf", pan_pdf("ABCPK1234F")),
        docs.add("/t.pdf", b"%PDF-1.4\n%%EOF garbage"),
    ]
    _submit(db, urls)
    pool = _pool(db, storage, fetcher, engine.process)
    while pool.run_once("w", engine.process):
        pass
    ok, bad = _rows(db)
    assert ok.status == "done" and ok.document_type == "PAN" and ok.result["document_type"] == "PAN"
    assert storage.get(ok.original_key)[:5] == b"%PDF-" and ok.original_format == "pdf"
    assert bad.status == "failed" and bad.error_code in (
        "INVALID_DOC",
        "UNRECOGNISED",
        "EMPTY_DOCUMENT",
    )
    assert bad.result == {"document_type": "UNRECOGNISED"}
