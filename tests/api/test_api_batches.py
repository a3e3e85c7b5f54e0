"""multiupload and extracts, replaying the reference's examples with the real engine."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from api_helpers import Api, make_settings, pan_pdf, png_bytes

from kagaz.api.schemas import ExtractsPage
from kagaz.database.db import Database
from kagaz.database.models import StoredDocument
from kagaz.settings import ApiSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

BATCH_RE = re.compile(r"BATCH-\d{5}-[A-Z]{5}-\d{14}")


def _error(r: Any, status: int, category: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error_code", "error_message"}
    assert body["error_code"] == str(status)
    assert body["error_message"].startswith(f"{category}: ")
    return str(body["error_message"])


@pytest.mark.parametrize("family", ["bulk", "docstream"])
def test_curl_example_round_trip(api: Api, doc_server: Any, family: str) -> None:
    # The reference's journey: authtoken -> multiupload -> extracts until has_next is false.
    u1 = doc_server.add("/uploads/pan-1.pdf", pan_pdf("ABCPK1234F", "RAHUL KUMAR"))
    u2 = doc_server.add("/uploads/pan-2.pdf", pan_pdf("BXZPS5678K", "PRIYA SHARMA"))
    token = api.token(api.new_client(), family)
    r = api.client.post(
        f"/v1/{family}/multiupload",
        headers={"Token": token, "Content-Type": "application/json"},
        json={
            "product_type": "POC_CDL",
            "file_urls": [
                {"file_url": u1, "document_id": "1"},
                {"file_url": u2, "document_id": "2"},
            ],
        },
    )
    assert r.status_code == 201
    rows = r.json()
    assert [set(x) for x in rows] == [{"batch_id", "document_id", "file_uuid"}] * 2
    assert [x["document_id"] for x in rows] == ["1", "2"]
    assert rows[0]["batch_id"] == rows[1]["batch_id"] and BATCH_RE.fullmatch(rows[0]["batch_id"])
    assert all(uuid.UUID(x["file_uuid"]) for x in rows)
    items = api.wait_final(token, rows[0]["batch_id"])
    body = api.extracts(token, rows[0]["batch_id"], family).json()
    ExtractsPage.model_validate(body)  # the hand-built answer matches the documented schema
    assert set(body) == {
        "data",
        "page",
        "per_page",
        "total_pages",
        "total_items",
        "has_next",
        "has_prev",
    }
    assert {
        k: body[k]
        for k in ("page", "per_page", "total_pages", "total_items", "has_next", "has_prev")
    } == {
        "page": 1,
        "per_page": 50,
        "total_pages": 1,
        "total_items": 2,
        "has_next": False,
        "has_prev": False,
    }
    assert [i["document_id"] for i in items] == ["1", "2"]
    assert [i["file_uuid"] for i in items] == [x["file_uuid"] for x in rows]
    first, second = (i["file_data"] for i in items)
    assert first["document_type"] == "PAN" and second["document_type"] == "PAN"
    assert first["pan_number"]["value"] == "ABCPK1234F"
    assert second["pan_number"]["value"] == "BXZPS5678K"
    assert second["name_as_per_pan"]["value"] == "PRIYA SHARMA"
    for field in ("pan_number", "name_as_per_pan", "father_name", "dob"):
        assert set(first[field]) >= {"value", "confidence_score"}
        assert 0.0 <= first[field]["confidence_score"] <= 1.0
    assert all(i["status"] == "done" and i["error_code"] is None for i in items)


def test_answer_is_sent_after_commit(api: Api, doc_server: Any) -> None:
    token = api.token(api.new_client())
    urls = [doc_server.url(f"/slow/{i}.pdf") for i in range(20)]
    rows = api.upload(token, urls)
    # A separate connection (another process, as far as SQLite is concerned) sees every row.
    db = Database(api.settings.resolved_database_url())
    with db.engine.connect() as conn:
        stored = conn.execute(
            sa.select(
                StoredDocument.file_uuid, StoredDocument.document_id, StoredDocument.position, StoredDocument.file_url
            )
            .where(StoredDocument.batch_id == rows[0]["batch_id"])
            .order_by(StoredDocument.position)
        ).all()
    db.dispose()
    assert [(r.file_uuid, r.document_id) for r in stored] == [
        (x["file_uuid"], x["document_id"]) for x in rows
    ]
    assert [r.file_url for r in stored] == urls


def test_failed_commit_answers_503_and_stores_nothing(api: Api, monkeypatch: Any) -> None:
    from sqlalchemy.orm import Session

    def broken_commit(self: Session) -> None:
        raise sa.exc.OperationalError("COMMIT", {}, Exception("disk I/O error"))

    token = api.token(api.new_client())
    monkeypatch.setattr(Session, "commit", broken_commit)
    r = api.client.post(
        "/v1/bulk/multiupload",
        headers={"Token": token},
        json={
            "product_type": "X",
            "file_urls": [{"file_url": "https://example.com/a.pdf", "document_id": "1"}],
        },
    )
    monkeypatch.undo()
    _error(r, 503, "Service Unavailable")
    db = Database(api.settings.resolved_database_url())
    with db.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(StoredDocument)).scalar() == 0
    db.dispose()


def test_items_keep_upload_order_whatever_the_finishing_order(api: Api, doc_server: Any) -> None:
    doc_server.add("/a.pdf", pan_pdf("AAAPA1111A"), delay=0.6)  # first uploaded, last finished
    doc_server.add("/b.pdf", pan_pdf("BBBPB2222B"))
    doc_server.add("/c.pdf", pan_pdf("CCCPC3333C"))
    token = api.token(api.new_client())
    rows = api.upload(token, [doc_server.url(p) for p in ("/a.pdf", "/b.pdf", "/c.pdf")])
    items = api.wait_final(token, rows[0]["batch_id"])
    assert [i["file_data"]["pan_number"]["value"] for i in items] == [
        "AAAPA1111A",
        "BBBPB2222B",
        "CCCPC3333C",
    ]


def test_pagination_edges(make_api: Any, tmp_path: Any) -> None:
    api = make_api(make_settings(tmp_path, worker={"count": 0}))  # rows stay queued: no worker
    token = api.token(api.new_client())
    rows = api.upload(token, [f"https://files.example.com/{i}.jpg" for i in range(7)])
    bid = rows[0]["batch_id"]

    pages = [api.extracts(token, bid, page=p, per_page=3).json() for p in (1, 2, 3)]
    assert [[i["document_id"] for i in p["data"]] for p in pages] == [
        ["1", "2", "3"],
        ["4", "5", "6"],
        ["7"],
    ]
    assert [(p["has_prev"], p["has_next"]) for p in pages] == [
        (False, True),
        (True, True),
        (True, False),
    ]
    assert all(
        p["total_pages"] == 3 and p["total_items"] == 7 and p["per_page"] == 3 for p in pages
    )
    for p in pages:
        ExtractsPage.model_validate(p)
    queued = pages[0]["data"][0]
    assert queued["status"] == "queued" and queued["error_code"] is None
    assert queued["file_data"] == {"document_type": None}

    past = api.extracts(token, bid, page=9, per_page=3).json()
    assert past["data"] == [] and past["has_next"] is False and past["has_prev"] is True
    assert past["page"] == 9 and past["total_pages"] == 3

    capped = api.extracts(token, bid, per_page=51).json()
    assert capped["per_page"] == 50 and len(capped["data"]) == 7
    default = api.extracts(token, bid).json()
    assert default["per_page"] == 50 and default["page"] == 1

    for params, name in (
        ({"page": 0}, "page"),
        ({"page": -1}, "page"),
        ({"page": "x"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"per_page": 0}, "per_page"),
        ({"per_page": "abc"}, "per_page"),
        ({"page": 10**30}, "page"),
    ):
        msg = _error(api.extracts(token, bid, **params), 400, "Bad Request")
        assert name in msg
    r = api.client.get("/v1/bulk/extracts", headers={"Token": token})
    assert _error(r, 400, "Bad Request") == (
        "Bad Request: Missing or empty required parameters: ['batch_id']"
    )


def test_unknown_and_foreign_batch_ids_answer_the_same(make_api: Any, tmp_path: Any) -> None:
    api = make_api(make_settings(tmp_path, worker={"count": 0}))
    alice, bob = api.token(api.new_client("alice")), api.token(api.new_client("bob"))
    bid = api.upload(alice, ["https://files.example.com/a.jpg"])[0]["batch_id"]
    assert api.extracts(alice, bid).status_code == 200
    foreign = api.extracts(bob, bid)
    unknown = api.extracts(bob, "BATCH-12345-ABCDE-20250101000000")
    _error(foreign, 400, "Bad Request")
    assert foreign.json() == unknown.json()
    assert foreign.headers.get("content-length") == unknown.headers.get("content-length")


def _post(api: Api, token: str, content: bytes | str, **headers: str) -> Any:
    return api.client.post(
        "/v1/bulk/multiupload",
        content=content,
        headers={"Token": token, "Content-Type": "application/json", **headers},
    )


def test_multiupload_validation(make_api: Any, tmp_path: Any) -> None:
    api = make_api(make_settings(tmp_path, worker={"count": 0}))
    token = api.token(api.new_client())
    ok = '{"file_url": "https://x.example/a.jpg", "document_id": "1"}'

    for body in ("{not json", "", "[1, 2", '{"a": 1} trailing'):
        assert _error(_post(api, token, body), 422, "Unprocessable Entity")
    assert "JSON object" in _error(_post(api, token, "[1, 2]"), 400, "Bad Request")
    assert _error(_post(api, token, "{}"), 400, "Bad Request") == (
        "Bad Request: Missing or empty required parameters: ['product_type', 'file_urls']"
    )
    assert "['file_urls']" in _error(
        _post(api, token, '{"product_type": "P", "file_urls": []}'), 400, "Bad Request"
    )
    assert "['product_type']" in _error(
        _post(api, token, f'{{"product_type": "", "file_urls": [{ok}]}}'), 400, "Bad Request"
    )
    msg = _error(
        _post(
            api,
            token,
            f'{{"product_type": "P", "file_urls": [{ok}, {{"file_url": "https://x.example/b"}}]}}',
        ),
        400,
        "Bad Request",
    )
    assert "file_urls[1].document_id" in msg
    for bad_url in (
        "ftp://x.example/a",
        "not a url",
        "file:///etc/passwd",
        "http:///nohost",
        "https://x.example/" + "a" * 9000,
    ):
        item = f'{{"file_url": "{bad_url}", "document_id": "2"}}'
        body = f'{{"product_type": "P", "file_urls": [{ok}, {item}]}}'
        assert "file_urls[1].file_url" in _error(_post(api, token, body), 400, "Bad Request")
    msg = _error(
        _post(
            api, token, '{"product_type": "P", "file_urls": [{"file_url": 5, "document_id": "1"}]}'
        ),
        400,
        "Bad Request",
    )
    assert "file_urls[0].file_url" in msg
    # Numbers are accepted as document ids and echoed as strings; extra keys are ignored.
    r = _post(
        api,
        token,
        '{"product_type": "P", "file_urls": [{"file_url": "https://x.example/a.jpg", '
        '"document_id": 7, "submission_mode": "camera"}]}',
    )
    assert r.status_code == 201 and r.json()[0]["document_id"] == "7"


def test_too_many_urls_is_413_and_body_is_bounded(make_api: Any, tmp_path: Any) -> None:
    api = make_api(
        make_settings(
            tmp_path,
            worker={"count": 0},
            api=ApiSettings(max_urls_per_request=5, max_body_bytes=4096),
        )
    )
    token = api.token(api.new_client())
    files = [{"file_url": f"https://x.example/{i}.jpg", "document_id": str(i)} for i in range(6)]
    r = api.client.post(
        "/v1/bulk/multiupload",
        headers={"Token": token},
        json={"product_type": "P", "file_urls": files},
    )
    assert "At most 5" in _error(r, 413, "Payload Too Large")
    r = api.client.post(
        "/v1/bulk/multiupload",
        headers={"Token": token},
        json={"product_type": "P", "file_urls": files[:5]},
    )
    assert r.status_code == 201
    big = '{"product_type": "P", "pad": "' + "x" * 5000 + '"}'
    _error(_post(api, token, big), 413, "Payload Too Large")

    def chunks():  # no Content-Length: the limit applies while streaming
        yield b'{"product_type": "P", "pad": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    r = api.client.post(
        "/v1/bulk/multiupload",
        content=chunks(),
        headers={"Token": token, "Content-Type": "application/json"},
    )
    _error(r, 413, "Payload Too Large")


def test_default_url_limit_is_1000(make_api: Any, tmp_path: Any) -> None:
    api = make_api(make_settings(tmp_path, worker={"count": 0}))
    token = api.token(api.new_client())
    files = [{"file_url": f"https://x.example/{i}.jpg", "document_id": str(i)} for i in range(1001)]
    r = api.client.post(
        "/v1/bulk/multiupload",
        headers={"Token": token},
        json={"product_type": "P", "file_urls": files},
    )
    _error(r, 413, "Payload Too Large")
    r = api.client.post(
        "/v1/bulk/multiupload",
        headers={"Token": token},
        json={"product_type": "P", "file_urls": files[:1000]},
    )
    assert r.status_code == 201 and len(r.json()) == 1000


def test_envelope_for_framework_errors(api: Api) -> None:
    assert _error(api.client.get("/v1/bulk/nope"), 404, "Not Found")
    r = api.client.get("/v1/bulk/multiupload")
    _error(r, 405, "Method Not Allowed")
    assert "POST" in r.headers["allow"]
    r = api.client.get("/v1/files/redacted/short")
    _error(r, 400, "Bad Request")


def test_unexpected_error_is_a_500_envelope(api: Api, monkeypatch: Any) -> None:
    from kagaz.services import extracts as batches

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("secret internals")

    token = api.token(api.new_client())
    monkeypatch.setattr(batches.batches, "get_batch", boom)
    r = api.extracts(token, "BATCH-12345-ABCDE-20250101000000")
    assert r.status_code == 500
    assert r.json() == {
        "error_code": "500",
        "error_message": "Internal Server Error: An unexpected error occurred",
    }


def test_openapi_and_offline_docs(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    for family in ("bulk", "docstream"):
        for path in ("authtoken", "multiupload", "extracts"):
            assert f"/v1/{family}/{path}" in schema["paths"]
    comps = schema["components"]["schemas"]
    assert {"MultiuploadCreate", "FileUrlCreate", "ExtractsPage", "ErrorEnvelope"} <= set(comps)
    assert "HTTPValidationError" not in comps
    assert schema["components"]["securitySchemes"]["APIKeyHeader"]["name"] == "Token"
    docs = api.client.get("/docs")
    assert docs.status_code == 200 and "/openapi.json" in docs.text
    assert "cdn.jsdelivr.net" not in docs.text  # works offline
    js = re.search(r'src="([^"]+swagger-ui-bundle\.js)"', docs.text)
    assert js and api.client.get(js.group(1)).status_code == 200


def test_png_document_goes_through_the_engine(api: Api, doc_server: Any) -> None:
    # A real image through OCR: a blank page is read and answers UNRECOGNISED, not a crash.
    url = doc_server.add("/blank.png", png_bytes((400, 250)))
    token = api.token(api.new_client())
    rows = api.upload(token, [url])
    (item,) = api.wait_final(token, rows[0]["batch_id"], timeout=60)
    assert item["status"] == "failed" and item["error_code"] == "UNRECOGNISED"
    assert item["file_data"]["document_type"] == "UNRECOGNISED"
