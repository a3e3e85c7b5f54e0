"""POST /v1/{family}/upload: files in a multipart body go through the same storage, queue and
engine as URLs, and the answer is multiupload's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from api_helpers import Api, make_settings, pan_pdf

from kagaz.settings import ApiSettings, FetchSettings, WorkerSettings
from kagaz.database.db import Database
from kagaz.database.models import StoredDocument

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _post(api: Api, token: str | None, files: list[tuple[str, bytes]], family: str = "bulk",
          **data: Any) -> Any:
    headers = {"Token": token} if token else {}
    parts = [("files", (name, blob, "application/octet-stream")) for name, blob in files]
    return api.client.post(f"/v1/{family}/upload", files=parts, data=data, headers=headers)


def _documents(settings: Any) -> list[Any]:
    db = Database(settings.resolved_database_url())
    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(StoredDocument.file_uuid, StoredDocument.file_url, StoredDocument.original_key,
                                      StoredDocument.original_format, StoredDocument.status)).all()
    db.dispose()
    return list(rows)


def _originals(settings: Any) -> list[Path]:
    root = settings.data_dir / "files" / "originals"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("family", ["bulk", "docstream"])
def test_uploaded_files_are_read_like_urls(api: Api, family: str) -> None:
    token = api.token(api.new_client(), family)
    r = _post(api, token, [("pan one.pdf", pan_pdf()), ("b.pdf", pan_pdf("BNZPM2501F", "ASHA MEHTA"))],
              family, document_ids=["doc-1", "doc-2"], product_type="POC_CDL")
    assert r.status_code == 201, r.text
    body = r.json()
    assert [set(x) for x in body] == [{"batch_id", "document_id", "file_uuid"}] * 2
    assert [x["document_id"] for x in body] == ["doc-1", "doc-2"]
    assert len({x["batch_id"] for x in body}) == 1
    items = api.wait_final(token, body[0]["batch_id"])
    assert [i["status"] for i in items] == ["done", "done"]
    assert items[0]["file_data"]["pan_number"]["value"] == "ABCPK1234F"
    assert items[1]["file_data"]["pan_number"]["value"] == "BNZPM2501F"
    assert items[0]["file_data"]["pan_number"]["page"] == 1  # provenance rides along
    docs = {d.file_uuid: d for d in _documents(api.settings)}
    first = docs[body[0]["file_uuid"]]
    assert first.file_url == "upload:pan one.pdf"  # never a fetchable URL
    assert first.original_format == "pdf" and first.original_key.endswith(".pdf")


def test_document_ids_default_to_file_names(api: Api) -> None:
    token = api.token(api.new_client())
    r = _post(api, token, [("C:\\scans\\pan.pdf", pan_pdf())])
    assert r.status_code == 201, r.text
    assert r.json()[0]["document_id"] == "pan.pdf"


BAD = [
    ([], {}, 400, "files"),
    ([("x.html", b"<!doctype html><html></html>")], {}, 400, "files[0] is not a JPEG"),
    ([("a.pdf", b"%PDF-1.4 fine"), ("empty.pdf", b"")], {}, 400, "files[1] is empty"),
    ([("a.pdf", b"%PDF-1.4 a"), ("b.pdf", b"%PDF-1.4 b")], {"document_ids": ["only-one"]}, 400,
     "document_ids (1 given for 2 files)"),
    ([("a.pdf", b"%PDF-1.4 a")], {"product_type": "x\x01y"}, 400, "product_type"),
    ([("a.pdf", b"%PDF-1.4 a")], {"product_type": ["A", "B"]}, 400, "product_type (given more"),
]


def test_bad_uploads_are_refused_and_nothing_is_kept(api: Api) -> None:
    token = api.token(api.new_client())
    for files, data, status, message in BAD:
        r = _post(api, token, files, **data)
        assert r.status_code == status, r.text
        assert message in r.json()["error_message"], r.text
    assert _documents(api.settings) == [] and _originals(api.settings) == []


def test_json_body_and_missing_token_are_refused(api: Api) -> None:
    token = api.token(api.new_client())
    r = api.client.post("/v1/bulk/upload", json={"files": []}, headers={"Token": token})
    assert r.status_code == 400 and "multipart/form-data" in r.json()["error_message"]
    assert _post(api, None, [("a.pdf", pan_pdf())]).status_code == 401


def test_limits_on_files_and_sizes(make_api: Any, tmp_path: Path) -> None:
    pdf = pan_pdf()
    settings = make_settings(
        tmp_path,
        api=ApiSettings(max_urls_per_request=2, max_body_bytes=4 * len(pdf)),
        fetch=FetchSettings(max_bytes=len(pdf) + 10),
        worker=WorkerSettings(count=0),
    )
    api = make_api(settings)
    token = api.token(api.new_client())
    r = _post(api, token, [("a.pdf", pdf)] * 3)  # one file too many
    assert r.status_code == 413 and "At most 2 files" in r.json()["error_message"]
    r = _post(api, token, [("big.pdf", pdf + b"\0" * 100)])  # over the per-file cap
    assert r.status_code == 413 and "files[0] exceeds" in r.json()["error_message"]
    r = api.client.post("/v1/bulk/upload", headers={"Token": token},
                        files=[("files", ("a.pdf", pdf, "application/pdf"))] * 2,
                        data={"product_type": "P" * 100, "document_ids": ["1", "2"]})
    assert r.status_code == 201, r.text
    stored = len(_originals(settings))
    # Over the request body cap without a Content-Length (chunked): refused while streaming,
    # after two files were stored, and those are removed again.
    boundary = "kagazboundary"
    part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n"
            "Content-Type: application/pdf\r\n\r\n").encode() + pdf + b"\r\n"
    filler = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"filler\"\r\n\r\n").encode()

    def chunks() -> Any:
        yield part
        yield part
        yield filler
        for _ in range(8):
            yield b"\0" * len(pdf)

    r = api.client.post("/v1/bulk/upload", content=chunks(),
                        headers={"Token": token, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413, r.text
    assert "request body exceeds" in r.json()["error_message"]
    assert len(_originals(settings)) == stored


def test_worker_never_fetches_an_upload(make_api: Any, tmp_path: Path) -> None:
    """An uploaded document whose stored original vanished fails with ORIGINAL_MISSING; the
    worker does not try to fetch ``upload:<name>``."""
    idle = make_settings(tmp_path, worker=WorkerSettings(count=0))
    api = make_api(idle)
    token = api.token(api.new_client())
    r = _post(api, token, [("gone.pdf", pan_pdf())])
    assert r.status_code == 201
    for path in _originals(idle):
        path.unlink()
    busy = make_api(make_settings(tmp_path))  # same database and storage, with a worker
    (item,) = busy.wait_final(token, r.json()[0]["batch_id"])
    assert item["status"] == "failed" and item["error_code"] == "ORIGINAL_MISSING"
