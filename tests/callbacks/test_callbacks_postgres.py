"""Flow completion and callback delivery on PostgreSQL (a throwaway database): races between
completions, uploads and senders, and the broker path (KAGAZ_QUEUE=celery, Redis db 12), where a
Celery task finishes the flow's document and the API's callback sender delivers."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from callback_helpers import Setup, make_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres, redis_db  # noqa: E402

from kagaz.callbacks.testing import Answer, Receiver  # noqa: E402
from kagaz.database.db import utcnow  # noqa: E402
from kagaz.database.models import CallbackDelivery, StoredDocument, Flow  # noqa: E402
from kagaz.services.completion import complete_flow  # noqa: E402
from kagaz.worker.callback_sender import CallbackSender  # noqa: E402


@pytest.fixture
def pg(tmp_path: Path) -> Iterator[Setup]:
    with fresh_postgres() as url:
        setup = Setup(make_settings(tmp_path, database_url=url))
        yield setup
        setup.close()


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def _in_threads(n: int, fn: object) -> None:
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        barrier.wait()
        fn(i)  # type: ignore[operator]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


def test_completions_and_senders_race_on_postgres(pg: Setup, rx: Receiver) -> None:
    rx.script("/cb", Answer(200, delay=0.2))
    flow_uuid = pg.flow(rx)
    pg.finish_documents(flow_uuid, 3)
    won: list[str] = []
    _in_threads(8, lambda i: won.extend(
        [d] if (d := complete_flow(pg.db, pg.settings.callbacks, flow_uuid=flow_uuid)) else []
    ))
    assert len(won) == 1
    senders = [CallbackSender(db=pg.db, settings=pg.settings) for _ in range(4)]
    _in_threads(4, lambda i: senders[i].run_once(f"pg-racer-{i}"))
    for s in senders:
        s.client.close()
    assert len(rx.calls_to("/cb")) == 1
    (delivery,) = pg.log(flow_uuid)
    assert delivery["status"] == "delivered" and len(delivery["attempts"]) == 1


def test_a_completion_waits_for_an_upload_in_flight(pg: Setup, rx: Receiver) -> None:
    """An upload holds the flow row until it commits; a completion claimed meanwhile must see
    the upload's new document once it may go on, and so claim nothing (without the row lock,
    PostgreSQL re-checks only the flow row after the wait, on a snapshot without the upload)."""
    flow_uuid = pg.flow(rx)
    pg.finish_documents(flow_uuid)
    session_cm = pg.db.session()
    session = session_cm.__enter__()
    try:
        # flows.add_upload up to its commit: the flow re-opened, one more queued document.
        this = Flow.flow_uuid == flow_uuid
        session.execute(sa.select(Flow.flow_uuid).where(this).with_for_update())
        session.execute(sa.update(Flow).where(this).values(completed_at=None))
        session.execute(sa.text(
            "INSERT INTO batches (batch_id, client_id, product_type, family, document_count, "
            "created_at, flow_uuid) VALUES ('BATCH-LATE', :c, 'P', 'flow', 1, now(), :f)"
        ), {"c": pg.client_id, "f": flow_uuid})
        now = utcnow()
        session.execute(sa.insert(StoredDocument).values(
            file_uuid="00000000-0000-4000-8000-00000000000a", batch_id="BATCH-LATE", position=0,
            document_id="late", file_url="https://docs.example/late.pdf", status="queued",
            attempts=0, completions=0, available_at=now, created_at=now, updated_at=now,
        ))
        result: list[str | None] = []
        t = threading.Thread(target=lambda: result.append(
            complete_flow(pg.db, pg.settings.callbacks, flow_uuid=flow_uuid)))
        t.start()
        time.sleep(0.5)
        assert t.is_alive()  # waiting for the upload's row lock
        session.commit()
    finally:
        session_cm.__exit__(None, None, None)
    t.join(10)
    assert result == [None]
    with pg.db.session() as s:
        assert s.scalar(sa.select(Flow.completed_at).where(Flow.flow_uuid == flow_uuid)) is None
        assert s.scalar(sa.select(sa.func.count()).select_from(CallbackDelivery)) == 0


def test_broker_path_delivers_from_the_api_process(pg: Setup, rx: Receiver, tmp_path: Path) -> None:
    from kagaz.model import ExtractResult, Status
    from kagaz.settings import Settings, WorkerSettings
    from kagaz.worker.celery_app import WorkerContext, create_celery

    with redis_db(12) as broker:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path,
            database_url=pg.db.url.render_as_string(hide_password=False),
            queue="celery",
            broker_url=broker,
            fetch_allow_private="127.0.0.1",
            worker=WorkerSettings(celery_queue="kagaz-flows-test"),
            callbacks=pg.settings.callbacks,
        )
        from fastapi.testclient import TestClient

        from kagaz.api import create_app
        from kagaz.fetch.testing import DocServer

        def processor(data: bytes, filename: str | None = None, **_: object) -> ExtractResult:
            return ExtractResult(status=Status.SUCCESS, document_type="PAN", fields={})

        with DocServer() as docs, TestClient(create_app(settings)) as client:
            url = docs.add("/pan.pdf", b"%PDF-1.4\n%kagaz\n")
            token = client.post(
                "/v3/verification/authtoken",
                headers={"Client-Id": pg.client_id, "Client-Secret": pg.client_secret},
            ).json()["access_token"]
            flow_uuid = client.post(
                "/v3/verification/flow/init",
                json={"product_type": "POC_CDL", "application_id": "A-1",
                      "auth_url": rx.url("/auth"), "callback_url": rx.url("/cb")},
                headers={"Token": token},
            ).json()["flow_uuid"]
            (item,) = client.post(
                "/v3/verification/multiupload",
                json={"flow_uuid": flow_uuid, "file_urls": [{"file_url": url, "document_id": "1"}]},
                headers={"Token": token},
            ).json()
            # What kagaz worker does with the task the API sent to the broker.
            context = WorkerContext(
                settings, create_celery(settings), processor_factory=lambda: processor
            )
            try:
                assert context.run(item["file_uuid"], "w1@host") in ("done", "failed")
            finally:
                context.close()
            rx.wait_for("/cb", 1)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                log = client.get("/v3/verification/callbacks", params={"flow_uuid": flow_uuid},
                                 headers={"Token": token}).json()["deliveries"]
                if log and log[0]["status"] == "delivered":
                    break
                time.sleep(0.05)
            assert log[0]["status"] == "delivered"
