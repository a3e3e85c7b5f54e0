"""Kill the real server mid-batch, start it again: every document finishes exactly once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from api_helpers import add_client, make_settings, pan_pdf

from kagaz.fetch.testing import DocServer
from kagaz.database.db import Database
from kagaz.database.models import StoredDocument

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

SRC = Path(__file__).resolve().parents[2] / "src"
N = 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(data_dir: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KAGAZ_")},
        "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "KAGAZ_DATA_DIR": str(data_dir),
        "KAGAZ_FETCH_ALLOW_PRIVATE": "127.0.0.1",
        "KAGAZ_WORKER__LEASE_SECONDS": "2",
        "KAGAZ_WORKER__POLL_SECONDS": "0.1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "kagaz.api", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not start: " + log.read_text())


def _rows(data_dir: Path) -> dict[str, Any]:
    db = Database(f"sqlite:///{data_dir / 'kagaz.db'}")
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                StoredDocument.file_uuid,
                StoredDocument.document_id,
                StoredDocument.status,
                StoredDocument.attempts,
                StoredDocument.completions,
                StoredDocument.finished_at,
                StoredDocument.result,
            )
        ).all()
    db.dispose()
    return {r.document_id: r for r in rows}


def _mid_batch(rows: dict[str, Any]) -> bool:
    statuses = [r.status for r in rows.values()]
    return statuses.count("done") >= 3 and any(s in ("fetching", "processing") for s in statuses)


def test_kill_mid_batch_and_restart(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "data", tmp_path / "server.log"
    creds = add_client(make_settings(data_dir))
    pans = [f"ABCP{chr(65 + i)}{1000 + i}Z" for i in range(N)]
    with DocServer("127.0.0.1") as docs:
        urls = [docs.add(f"/doc{i}.pdf", pan_pdf(pans[i]), delay=0.25) for i in range(N)]
        proc, base = _serve(data_dir, log)
        try:
            token = httpx.post(
                f"{base}/v1/bulk/authtoken",
                headers={"Client-Id": creds[0], "Client-Secret": creds[1]},
            ).json()["access_token"]
            r = httpx.post(
                f"{base}/v1/bulk/multiupload",
                headers={"Token": token},
                json={
                    "product_type": "POC_CDL",
                    "file_urls": [
                        {"file_url": u, "document_id": str(i)} for i, u in enumerate(urls)
                    ],
                },
            )
            assert r.status_code == 201
            batch_id = r.json()[0]["batch_id"]
            deadline = time.monotonic() + 60
            while not _mid_batch(_rows(data_dir)):  # some done, one being fetched or processed
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.02)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)

        before = _rows(data_dir)
        done_before = {k: r for k, r in before.items() if r.status == "done"}
        assert 3 <= len(done_before) < N, "the kill must land mid-batch"
        assert any(r.status in ("fetching", "processing") for r in before.values()), (
            "a document should be in flight when the server dies"
        )

        proc, base = _serve(data_dir, log)
        try:
            deadline = time.monotonic() + 60
            while True:
                body = httpx.get(
                    f"{base}/v1/bulk/extracts",
                    params={"batch_id": batch_id},
                    headers={"Token": token},
                ).json()
                if all(i["status"] in ("done", "failed") for i in body["data"]):
                    break
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
        after = _rows(data_dir)
        hits = {f"/doc{i}.pdf": docs.hits(f"/doc{i}.pdf") for i in range(N)}

    assert [i["document_id"] for i in body["data"]] == [str(i) for i in range(N)]
    assert [i["file_data"]["pan_number"]["value"] for i in body["data"]] == pans  # one result each
    for doc_id, row in after.items():
        assert row.status == "done" and row.completions == 1, (doc_id, row)
        if doc_id in done_before:  # finished before the kill: never processed again
            assert row.finished_at == done_before[doc_id].finished_at
            assert row.attempts == 1 and hits[f"/doc{doc_id}.pdf"] == 1
        else:
            assert row.attempts <= 2
    assert max(r.attempts for r in after.values()) == 2  # the one in flight was taken up again
