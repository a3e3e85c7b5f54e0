"""Callback delivery against a real receiver on 127.0.0.1: auth, signature, retries with
backoff, the attempt log, timeouts, the SSRF guard, and races between senders.

Flows are set up through the store and their documents finished by hand (no engine): these
tests are about what happens once a flow completes. tests/api/test_api_flows.py runs the whole
thing end to end with real documents.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from callback_helpers import PAN_RESULT, Setup, make_settings, verify_independently

from kagaz.callbacks.testing import Answer, Receiver
from kagaz.database import clients, flows
from kagaz.database.batches import NewFile
from kagaz.database.db import utcnow
from kagaz.database.models import CallbackAttempt, CallbackDelivery
from kagaz.services.completion import complete_flow
from kagaz.settings import CallbackSettings
from kagaz.worker.callback_sender import CallbackSender


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    s = Setup(make_settings(tmp_path))
    yield s
    s.close()


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def test_delivery_is_authorised_signed_and_logged(setup: Setup, rx: Receiver) -> None:
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid, 2)
    setup.run_until(lambda: rx.calls_to("/cb"))
    (auth,) = rx.calls_to("/auth")
    (cb,) = rx.calls_to("/cb")
    assert auth.method == "POST" and auth.json() == {
        "flow_uuid": flow_uuid, "application_id": "LOS-42"
    }
    verify_independently(setup.secret, auth.headers, auth.body)
    verify_independently(setup.secret, cb.headers, cb.body)
    assert cb.headers["Token"] == "lender-token-1"
    assert cb.headers["Content-Type"] == "application/json"
    assert cb.headers["webhook-id"] == auth.headers["webhook-id"]
    payload = cb.json()
    assert payload["application_id"] == "LOS-42"
    assert payload["flow_params"] == {"branch": "Pune"}
    assert payload["flow_uuid"] == flow_uuid and payload["master_status"] == "SUCCESS"
    assert [d["document_id"] for d in payload["ocr_data"]] == ["0", "1"]
    assert payload["ocr_data"][0]["pan_number"] == PAN_RESULT["pan_number"]
    assert isinstance(payload["cross_checks"], list)
    setup.run_until(lambda: setup.log(flow_uuid)[0]["status"] == "delivered")
    (delivery,) = setup.log(flow_uuid)
    assert delivery["webhook_id"] == cb.headers["webhook-id"]
    assert delivery["completion"] == 1 and delivery["replay"] == 0
    (attempt,) = delivery["attempts"]
    assert attempt["attempt"] == 1 and attempt["status"] == "delivered"
    assert attempt["http_status"] == 200 and attempt["next_attempt_at"] is None
    assert attempt["webhook_id"] == cb.headers["webhook-id"]
    assert attempt["started_at"] <= attempt["finished_at"]


def test_receiver_failing_twice_then_succeeding(setup: Setup, rx: Receiver) -> None:
    rx.script("/cb", Answer(500), Answer(503))
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["status"]
                    == "delivered")
    (delivery,) = setup.log(flow_uuid)
    attempts = delivery["attempts"]
    assert [a["status"] for a in attempts] == ["failed", "failed", "delivered"]
    assert [a["http_status"] for a in attempts] == [500, 503, 200]
    assert attempts[0]["error"] == "callback_url answered HTTP 500"
    assert all(a["next_attempt_at"] for a in attempts[:2]) and not attempts[2]["next_attempt_at"]
    calls = rx.calls_to("/cb")
    assert len(calls) == 3
    assert len({c.headers["webhook-id"] for c in calls}) == 1  # one message, retried
    # The backoff: the 2nd try waited the 1st delay (50 ms), the 3rd the 2nd delay (100 ms).
    assert calls[1].at - calls[0].at >= 0.05 and calls[2].at - calls[1].at >= 0.1
    time.sleep(0.2)
    setup.sender.run_once("test-sender")
    assert len(rx.calls_to("/cb")) == 3  # delivered: never sent again


def test_auth_url_refusal_is_logged_and_retried(setup: Setup, rx: Receiver) -> None:
    rx.script("/auth", Answer(401, {"error": "nope"}))
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["status"]
                    == "delivered")
    attempts = setup.log(flow_uuid)[0]["attempts"]
    assert [a["status"] for a in attempts] == ["auth_failed", "delivered"]
    assert attempts[0]["http_status"] == 401
    assert attempts[0]["error"] == "auth_url answered HTTP 401"
    assert len(rx.calls_to("/auth")) == 2
    assert len(rx.calls_to("/cb")) == 1  # nothing was POSTed without a token


def test_auth_answer_without_a_token_is_auth_failed(setup: Setup, rx: Receiver) -> None:
    rx.script("/auth", Answer(200, {"expires_in": 3600}))
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    setup.run_until(lambda: len(rx.calls_to("/cb")) == 1)
    first = setup.log(flow_uuid)[0]["attempts"][0]
    assert first["status"] == "auth_failed"
    assert "no token" in first["error"]


def test_auth_config_per_flow(setup: Setup, rx: Receiver) -> None:
    rx.script("/auth", default=Answer(200, {"data": {"jwt": "abc.def"}}))
    flow_uuid = setup.flow(
        rx, auth_config={"method": "GET", "token_field": "data.jwt", "header": "Authorization",
                         "prefix": "Bearer "},
    )
    setup.finish_documents(flow_uuid)
    setup.run_until(lambda: rx.calls_to("/cb"))
    assert rx.calls_to("/auth")[0].method == "GET"
    assert rx.calls_to("/cb")[0].headers["Authorization"] == "Bearer abc.def"


def test_receiver_that_never_answers_is_bounded(tmp_path: Path, rx: Receiver) -> None:
    setup = Setup(make_settings(tmp_path, read_timeout=0.3, total_timeout=0.6))
    try:
        rx.script("/cb", Answer(200, delay=60), Answer(200, delay=60))
        flow_uuid = setup.flow(rx)
        setup.finish_documents(flow_uuid)
        started = time.monotonic()
        setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["attempts"])
        assert time.monotonic() - started < 3
        first = setup.log(flow_uuid)[0]["attempts"][0]
        assert first["status"] == "timeout" and first["next_attempt_at"] is not None
        setup.run_until(lambda: setup.log(flow_uuid)[0]["status"] == "delivered", timeout=10)
        assert [a["status"] for a in setup.log(flow_uuid)[0]["attempts"]] == [
            "timeout", "timeout", "delivered"
        ]
    finally:
        setup.close()


def test_guard_refuses_loopback_without_the_allow_list(tmp_path: Path, rx: Receiver) -> None:
    setup = Setup(make_settings(tmp_path, allow=""))
    try:
        flow_uuid = setup.flow(rx)
        setup.finish_documents(flow_uuid)
        setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["attempts"])
        (delivery,) = setup.log(flow_uuid)
        assert delivery["status"] == "failed"  # refused is final: waiting will not fix it
        (attempt,) = delivery["attempts"]
        assert attempt["status"] == "refused" and "loopback" in attempt["error"]
        assert rx.calls == []
    finally:
        setup.close()


def test_gives_up_after_the_retry_window(tmp_path: Path, rx: Receiver) -> None:
    setup = Setup(make_settings(tmp_path, retry_schedule=(0.1,), retry_for_seconds=0.35))
    try:
        rx.script("/cb", default=Answer(500))
        flow_uuid = setup.flow(rx)
        setup.finish_documents(flow_uuid)
        setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["status"]
                        == "failed")
        (delivery,) = setup.log(flow_uuid)
        attempts = delivery["attempts"]
        assert 3 <= len(attempts) <= 6
        assert attempts[-1]["next_attempt_at"] is None
        # The last attempt is made at (or after) the end of the window, never before it.
        assert attempts[-1]["started_at"] >= delivery["give_up_at"]
    finally:
        setup.close()


def test_racing_senders_post_once(setup: Setup, rx: Receiver) -> None:
    rx.script("/cb", Answer(200, delay=0.3))
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    senders = [CallbackSender(db=setup.db, settings=setup.settings) for _ in range(4)]
    barrier = threading.Barrier(len(senders))

    def run(i: int) -> None:
        barrier.wait()
        senders[i].run_once(f"racer-{i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(senders))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(rx.calls_to("/cb")) == 1
    with setup.db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(CallbackDelivery)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(CallbackAttempt)) == 1
    for sender in senders:
        sender.client.close()


def test_one_delivery_per_completion_under_races(setup: Setup, rx: Receiver) -> None:
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    barrier = threading.Barrier(6)
    results: list[str | None] = []

    def race() -> None:
        barrier.wait()
        results.append(complete_flow(setup.db, setup.settings.callbacks, flow_uuid=flow_uuid))

    threads = [threading.Thread(target=race) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len([r for r in results if r]) == 1
    # A later upload re-opens the flow; its completion is a new one with its own delivery.
    setup.finish_documents(flow_uuid)
    assert complete_flow(setup.db, setup.settings.callbacks, flow_uuid=flow_uuid) is not None
    assert complete_flow(setup.db, setup.settings.callbacks, flow_uuid=flow_uuid) is None
    assert [(d["completion"], d["replay"]) for d in setup.log(flow_uuid)] == [(1, 0), (2, 0)]


def test_flow_with_pending_documents_does_not_complete(setup: Setup, rx: Receiver) -> None:
    flow_uuid = setup.flow(rx)
    with setup.db.session() as s:
        flows.add_upload(s, flow_uuid=flow_uuid, client_id=setup.client_id,
                         files=[NewFile("https://docs.example/a.pdf", "1")], now=utcnow())
    assert complete_flow(setup.db, setup.settings.callbacks, flow_uuid=flow_uuid) is None
    empty = setup.flow(rx)
    assert complete_flow(setup.db, setup.settings.callbacks, flow_uuid=empty) is None
    assert setup.log(flow_uuid) == [] and setup.log(empty) == []


def test_next_attempt_schedule_defaults_cover_a_day() -> None:
    s = CallbackSettings()
    assert sum(s.retry_schedule) < 86_400 <= s.retry_for_seconds
    assert list(s.retry_schedule) == sorted(s.retry_schedule)
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    from kagaz.callbacks.attempts import Outcome, next_attempt_at

    end = t0 + dt.timedelta(seconds=s.retry_for_seconds)
    now, n = t0, 0
    while True:
        n += 1
        nxt = next_attempt_at(s, attempt=n, outcome=Outcome("failed"), now=now, give_up_at=end)
        if nxt is None:
            break
        now = nxt
    assert now == end and 10 <= n <= 20  # retried for 24 h, the last try at 24 h


def test_a_revoked_clients_callback_is_not_sent(setup: Setup, rx: Receiver) -> None:
    flow_uuid = setup.flow(rx)
    setup.finish_documents(flow_uuid)
    with setup.db.session() as s:
        clients.revoke_client(s, client_id=setup.client_id, now=utcnow())
        s.commit()
    setup.run_until(lambda: setup.log(flow_uuid) and setup.log(flow_uuid)[0]["attempts"])
    (attempt,) = setup.log(flow_uuid)[0]["attempts"]
    assert attempt["status"] == "refused" and attempt["error"] == "The client was revoked"
    assert not rx.calls_to("/auth") and not rx.calls_to("/cb")
