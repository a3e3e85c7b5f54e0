"""Locked PDFs through the API: a password per document (multiupload of both families, the Flow
API's multiupload, and ``passwords`` parts of an upload) opens the PDF; none or a wrong one gives
PASSWORD_REQUIRED. The password is sealed at rest while the document waits, erased when it is
final, and never appears in a log line, an answer, the console API or a callback."""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import sqlalchemy as sa
from api_helpers import Api, make_settings, pan_pdf
from test_api_flows import flow_settings, init_flow, upload, v3_token, wait_master

from kagaz.callbacks.testing import Receiver
from kagaz.fetch.testing import DocServer
from kagaz.security.scan import scan_database, scan_paths
from kagaz.settings import WorkerSettings
from kagaz.database.db import Database
from kagaz.database.models import StoredDocument

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

PASSWORD = "kz-Locked-7Qf93"  # distinctive: found only if it leaked
WRONG = "kz-Wrong-2Lm81"
SECRETS = (PASSWORD, WRONG)


def locked(pdf: bytes, password: str = PASSWORD) -> bytes:
    """``pdf`` encrypted (AES-256) with a user password, as banks lock e-statements."""
    with pikepdf.open(io.BytesIO(pdf)) as src:
        out = io.BytesIO()
        src.save(out, encryption=pikepdf.Encryption(user=password, owner=f"owner-{password}"))
    return out.getvalue()


@pytest.fixture
def raw_logs() -> Iterator[list[str]]:
    """Every log record of every logger, unredacted: a leak must not hide behind the filter."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.msg} {record.args!r} {record.getMessage()}")
            if record.exc_info:
                lines.append("".join(traceback.format_exception(*record.exc_info)))

    root = logging.getLogger()
    handler, level = Keep(logging.DEBUG), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lines
    root.removeHandler(handler)
    root.setLevel(level)


def _sealed(api: Api) -> dict[str, bytes | None]:
    db = Database(api.settings.resolved_database_url())
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(StoredDocument.file_uuid, StoredDocument.password_sealed)).all()
    db.dispose()
    return {u: (None if s is None else bytes(s)) for u, s in rows}


def _assert_nowhere(api: Api, answers: list[str], logs: list[str]) -> None:
    """Not in an answer, a log record, the database (every table) or the data directory."""
    needles = [s.encode() for s in SECRETS]
    for secret in SECRETS:
        assert not [a for a in answers if secret in a]
        assert not [line for line in logs if secret in line]
    assert scan_database(api.settings.resolved_database_url(), needles) == []
    assert scan_paths([api.settings.data_dir], needles) == []


def _multiupload(api: Api, token: str, family: str, items: list[dict[str, Any]]) -> Any:
    body = {"product_type": "POC_CDL", "file_urls": items}
    return api.client.post(f"/v1/{family}/multiupload", json=body, headers={"Token": token})


@pytest.mark.parametrize("family", ["bulk", "docstream"])
def test_multiupload_opens_a_locked_pdf_with_its_password(
    api: Api, doc_server: DocServer, raw_logs: list[str], family: str
) -> None:
    url = doc_server.add("/statement.pdf", locked(pan_pdf()))
    token = api.token(api.new_client(), family)
    r = _multiupload(api, token, family, [
        {"file_url": url, "document_id": "right", "password": PASSWORD},
        {"file_url": url, "document_id": "none"},
        {"file_url": url, "document_id": "empty", "password": ""},
        {"file_url": url, "document_id": "null", "password": None},
        {"file_url": url, "document_id": "wrong", "password": WRONG},
    ])
    assert r.status_code == 201, r.text
    answers = [r.text]
    items = api.wait_final(token, r.json()[0]["batch_id"])
    right, *others = items
    assert right["status"] == "done" and right["error_code"] is None
    assert right["file_data"]["pan_number"]["value"] == "ABCPK1234F"
    assert [(i["status"], i["error_code"]) for i in others] == [("failed", "PASSWORD_REQUIRED")] * 4
    answers.append(api.extracts(token, r.json()[0]["batch_id"], family).text)
    for item in items:  # the review console shows the document, never its password
        doc = api.client.get(f"/v1/console/documents/{item['file_uuid']}", headers={"Token": token})
        assert doc.status_code == 200, doc.text
        answers.append(doc.text)
    assert set(_sealed(api).values()) == {None}  # erased once final
    _assert_nowhere(api, answers, raw_logs)


def test_the_password_is_sealed_while_queued_and_erased_when_final(
    make_api: Any, tmp_path: Path, doc_server: DocServer, raw_logs: list[str]
) -> None:
    idle = make_api(make_settings(tmp_path, worker=WorkerSettings(count=0)))
    token = idle.token(idle.new_client())
    url = doc_server.add("/locked.pdf", locked(pan_pdf()))
    r = _multiupload(idle, token, "bulk", [
        {"file_url": url, "document_id": "1", "password": PASSWORD},
        {"file_url": url, "document_id": "2"},
    ])
    assert r.status_code == 201, r.text
    with_password, without = (x["file_uuid"] for x in r.json())
    sealed = _sealed(idle)
    assert sealed[without] is None
    stored = sealed[with_password]
    assert stored is not None and len(stored) > len(PASSWORD)
    for form in (PASSWORD.encode(), PASSWORD.encode("utf-16-le")):
        assert form not in stored
    _assert_nowhere(idle, [r.text], raw_logs)  # nor anywhere else, the SQLite file and WAL too
    busy = make_api(make_settings(tmp_path))  # same database and storage, with a worker
    done, failed = busy.wait_final(token, r.json()[0]["batch_id"])
    assert done["status"] == "done" and done["file_data"]["pan_number"]["value"] == "ABCPK1234F"
    assert failed["error_code"] == "PASSWORD_REQUIRED"
    assert _sealed(busy) == {with_password: None, without: None}
    _assert_nowhere(busy, [], raw_logs)


def test_upload_takes_passwords_parts_in_the_order_of_the_files(
    api: Api, raw_logs: list[str]
) -> None:
    token = api.token(api.new_client())
    statement = locked(pan_pdf())
    files = [("a.pdf", statement), ("b.pdf", statement), ("c.pdf", pan_pdf()), ("d.pdf", statement)]
    r = api.client.post(
        "/v1/bulk/upload",
        files=[("files", (name, blob, "application/pdf")) for name, blob in files],
        data={"passwords": [PASSWORD, "", PASSWORD]},  # the fourth file has none
        headers={"Token": token},
    )
    assert r.status_code == 201, r.text
    items = api.wait_final(token, r.json()[0]["batch_id"])
    assert [(i["status"], i["error_code"]) for i in items] == [
        ("done", None), ("failed", "PASSWORD_REQUIRED"), ("done", None),
        ("failed", "PASSWORD_REQUIRED"),
    ]
    assert items[0]["file_data"]["pan_number"]["value"] == "ABCPK1234F"
    answers = [r.text, api.extracts(token, r.json()[0]["batch_id"]).text]
    assert set(_sealed(api).values()) == {None}
    _assert_nowhere(api, answers, raw_logs)


def test_flow_multiupload_takes_a_password(
    make_api: Any, tmp_path: Path, doc_server: DocServer, raw_logs: list[str]
) -> None:
    api = make_api(flow_settings(tmp_path))
    url = doc_server.add("/statement.pdf", locked(pan_pdf()))
    with Receiver() as rx:
        token = v3_token(api, api.new_client())
        flow_uuid = init_flow(api, token, rx)
        r = api.client.post("/v3/verification/multiupload", headers={"Token": token}, json={
            "flow_uuid": flow_uuid,
            "file_urls": [{"file_url": url, "document_id": "1", "password": PASSWORD}],
        })
        assert r.status_code == 201, r.text
        assert wait_master(api, token, flow_uuid)["master_status"] == "SUCCESS"
        upload(api, token, flow_uuid, [url])  # no password: the flow fails on it
        assert wait_master(api, token, flow_uuid)["master_status"] == "FAILED"
        extracts = api.client.get(
            "/v3/verification/extracts", params={"flow_uuid": flow_uuid}, headers={"Token": token}
        )
        callbacks = [c.body.decode() for c in rx.wait_for("/cb", 2)]
    opened, refused = extracts.json()["ocr_data"]
    assert opened["status"] == "done" and opened["pan_number"]["value"] == "ABCPK1234F"
    assert (refused["status"], refused["error_code"]) == ("failed", "PASSWORD_REQUIRED")
    assert "PASSWORD_REQUIRED" in callbacks[-1]
    assert set(_sealed(api).values()) == {None}
    _assert_nowhere(api, [r.text, extracts.text, *callbacks], raw_logs)


BAD_PASSWORDS = [
    ("x" * 257, "String should have at most 256 characters"),
    (1234, "Input should be a valid string"),
    ({"user": PASSWORD}, "Input should be a valid string"),
    (f"{PASSWORD}\n", "String should match pattern"),
]


@pytest.mark.parametrize(("password", "why"), BAD_PASSWORDS)
def test_a_malformed_password_is_a_400_that_does_not_echo_it(
    api: Api, doc_server: DocServer, password: Any, why: str
) -> None:
    url = doc_server.add("/a.pdf", pan_pdf())
    token = api.token(api.new_client())
    items = [{"file_url": url, "document_id": "1"}, {"file_url": url, "document_id": "2",
                                                     "password": password}]
    r = _multiupload(api, token, "bulk", items)
    assert r.status_code == 400, r.text
    message = r.json()["error_message"]
    assert message.startswith("Bad Request: Invalid parameters: file_urls[1].password (" + why)
    assert PASSWORD not in r.text and "x" * 257 not in r.text
    v3 = v3_token(api, api.new_client("flows"))
    r = api.client.post("/v3/verification/multiupload", headers={"Token": v3},
                        json={"flow_uuid": "f", "file_urls": items})
    assert r.status_code == 400 and "file_urls[1].password" in r.text and PASSWORD not in r.text
    assert _sealed(api) == {}  # nothing was accepted


@pytest.mark.parametrize(
    ("parts", "why"),
    [
        ([PASSWORD, PASSWORD, PASSWORD], "passwords (3 given for 2 files)"),
        (["x" * 257], "passwords[0] (a UTF-8 string of at most 256 characters"),
        (["", f"{PASSWORD}\t"], "passwords[1] (a UTF-8 string"),
        (["é" * 300 * 4], "passwords[0] (too long)"),
    ],
)
def test_malformed_passwords_parts_are_a_400(api: Api, parts: list[str], why: str) -> None:
    token = api.token(api.new_client())
    files = [("files", (name, pan_pdf(), "application/pdf")) for name in ("a.pdf", "b.pdf")]
    r = api.client.post("/v1/bulk/upload", files=files, data={"passwords": parts},
                        headers={"Token": token})
    assert r.status_code == 400, r.text
    assert r.json()["error_message"].startswith(f"Bad Request: Invalid parameters: {why}")
    assert PASSWORD not in r.text
    assert _sealed(api) == {}
    originals = api.settings.data_dir / "files" / "originals"
    assert not originals.exists() or not [p for p in originals.rglob("*") if p.is_file()]


def test_a_password_part_that_is_not_utf8_is_a_400(api: Api) -> None:
    token = api.token(api.new_client())
    boundary = "kagaz-test-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n'
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + pan_pdf() + (
        f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="passwords"\r\n\r\n'
    ).encode() + b"\xff\xfe\xfd" + f"\r\n--{boundary}--\r\n".encode()
    r = api.client.post("/v1/bulk/upload", content=body, headers={
        "Token": token, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 400, r.text
    assert "passwords[0]" in r.json()["error_message"]
