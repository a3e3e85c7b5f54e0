"""Passwords of locked PDFs in the workers: opened from the row just before the engine runs, for
the in-process runner and for ``kagaz worker`` (Celery) alike; never in the broker's message;
erased with the final result. A sealed password that no longer opens is left out."""

from __future__ import annotations

import base64
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres, redis_db  # noqa: E402

from kagaz.database import Database, batches, clients, queue, upgrade  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.models import StoredDocument  # noqa: E402
from kagaz.database.passwords import PasswordBox, UnreadablePassword, password_box  # noqa: E402
from kagaz.fetch import Fetcher  # noqa: E402
from kagaz.fetch.testing import DocServer  # noqa: E402
from kagaz.model import ExtractResult, Status  # noqa: E402
from kagaz.services.processing import DocumentRunner  # noqa: E402
from kagaz.settings import Settings, WorkerSettings  # noqa: E402
from kagaz.storage import LocalStorage  # noqa: E402
from kagaz.worker.broker import Dispatcher  # noqa: E402
from kagaz.worker.celery_app import WorkerContext, create_celery  # noqa: E402

pytest_plugins = ["worker_fixtures"]  # fixtures: db, storage, fetcher, docs

PASSWORD = "kz-Locked-7Qf93"
QUEUE = "kagaz-locked"


class Recorder:
    """A processor that records the password it was given (``absent`` when none was)."""

    def __init__(self) -> None:
        self.passwords: list[Any] = []

    def __call__(self, data: bytes, filename: str | None = None, **kw: Any) -> ExtractResult:
        self.passwords.append(kw.get("password", "absent"))
        return ExtractResult(status=Status.SUCCESS, document_type="PAN", fields={})


def _insert(db: Database, url: str, box: PasswordBox | None) -> str:
    file_uuid = "6f1c2b3a-1d2e-4f5a-9b8c-000000000001"
    sealed = None if box is None else box.seal(PASSWORD, file_uuid)
    files = [batches.NewFile(url, "1", file_uuid, password_sealed=sealed)]
    with db.session() as s:
        batches.create_batch(s, client_id="c", family="bulk", product_type="P", files=files,
                             now=utcnow())
    return file_uuid


def _sealed(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        return [None if v is None else bytes(v) for v in conn.scalars(sa.select(StoredDocument.password_sealed))]


def test_the_box_binds_a_password_to_its_document() -> None:
    box = PasswordBox.from_master(b"m" * 32)
    sealed = box.seal(PASSWORD, "a")
    assert PASSWORD.encode() not in sealed and box.seal(PASSWORD, "a") != sealed  # random nonce
    assert box.open(sealed, "a") == PASSWORD
    assert "m" * 8 not in repr(box)
    for bad in (
        lambda: box.open(sealed, "b"),  # copied onto another row
        lambda: PasswordBox.from_master(b"n" * 32).open(sealed, "a"),  # the master key changed
        lambda: box.open(sealed[:-1] + bytes([sealed[-1] ^ 1]), "a"),  # altered
        lambda: box.open(b"", "a"),
    ):
        with pytest.raises(UnreadablePassword) as caught:
            bad()
        assert caught.value.code == "PASSWORD_UNREADABLE" and PASSWORD not in str(caught.value)


def _runner(db: Database, storage: LocalStorage, fetcher: Fetcher, box: PasswordBox) -> Any:
    settings = WorkerSettings(lease_seconds=5, retry_backoff_seconds=0, max_attempts=2)
    return DocumentRunner(db=db, storage=storage, fetcher=fetcher, settings=settings, passwords=box)


def _run_once(db: Database, runner: DocumentRunner, processor: Recorder) -> str:
    with db.session() as s:
        job = queue.claim_next(s, owner="w", lease_seconds=5, now=utcnow())
    assert job is not None and PASSWORD not in repr(job)
    return runner.handle(job, "w", processor)


def test_the_runner_opens_the_password_and_the_final_write_erases_it(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer
) -> None:
    box = PasswordBox.from_master(b"m" * 32)
    _insert(db, docs.add("/a.pdf", b"%PDF-1.7\n%%EOF\n"), box)
    recorder = Recorder()
    assert _run_once(db, _runner(db, storage, fetcher, box), recorder) == "done"
    assert recorder.passwords == [PASSWORD]
    assert _sealed(db) == [None]


def test_a_password_that_no_longer_opens_is_left_out(
    db: Database, storage: LocalStorage, fetcher: Fetcher, docs: DocServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _insert(db, docs.add("/a.pdf", b"%PDF-1.7\n%%EOF\n"), PasswordBox.from_master(b"old" * 11))
    recorder = Recorder()
    with caplog.at_level(logging.DEBUG):
        runner = _runner(db, storage, fetcher, PasswordBox.from_master(b"new" * 11))
        assert _run_once(db, runner, recorder) == "done"
    assert recorder.passwords == ["absent"]  # a locked PDF then fails with PASSWORD_REQUIRED
    assert "PASSWORD_UNREADABLE" in caplog.text and PASSWORD not in caplog.text
    assert _sealed(db) == [None]


# -- kagaz worker: PostgreSQL and a real Redis broker ----------------------------------------


@pytest.fixture
def pg() -> Iterator[Database]:
    with fresh_postgres() as url:
        database = Database(url)
        upgrade(database)
        with database.session() as s:
            clients.create_client(s, client_id="c", name="c", secret_hash="h", now=utcnow())
            s.commit()
        yield database
        database.dispose()


def test_kagaz_worker_reads_the_password_from_the_database_not_the_message(
    pg: Database, docs: DocServer, tmp_path: Path
) -> None:
    with redis_db(11) as broker:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=tmp_path,
            database_url=pg.url.render_as_string(hide_password=False),
            queue="celery",
            broker_url=broker,
            fetch_allow_private="127.0.0.1",
            worker=WorkerSettings(celery_queue=QUEUE),
        )
        # The API servers' box: the master key kept in the database (no signing key set).
        file_uuid = _insert(pg, docs.add("/a.pdf", b"%PDF-1.7\n%%EOF\n"), password_box(pg, None))
        stored = _sealed(pg)[0]
        assert stored is not None and PASSWORD.encode() not in stored  # bytea on PostgreSQL
        app = create_celery(settings)
        assert Dispatcher(db=pg, celery_app=app, settings=settings.worker).dispatch() == 1
        client = redis.Redis.from_url(broker)
        (message,) = client.lrange(QUEUE, 0, -1)
        client.close()
        assert PASSWORD.encode() not in message and stored not in message
        args, kwargs, _ = json.loads(base64.b64decode(json.loads(message)["body"]))
        assert (args, kwargs) == ([file_uuid], {})  # the task names its document, nothing more
        recorder = Recorder()
        context = WorkerContext(settings, app, processor_factory=lambda: recorder)
        try:
            assert context.run(file_uuid, "w1@host") == "done"
        finally:
            context.close()
    assert recorder.passwords == [PASSWORD]
    assert _sealed(pg) == [None]
