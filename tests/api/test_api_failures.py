"""Documents that fail: each fails alone, with a stable error_code, next to ones that succeed."""

from __future__ import annotations

from typing import Any

from api_helpers import make_settings, pan_pdf, png_bytes

from kagaz.fetch.testing import DocServer
from kagaz.settings import FetchSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def test_each_failure_has_its_code(make_api: Any, tmp_path: Any, doc_server: DocServer) -> None:
    settings = make_settings(
        tmp_path,
        fetch=FetchSettings(
            attempts=2,
            backoff_seconds=0,
            connect_timeout=1,
            read_timeout=0.5,
            total_timeout=3,
            max_bytes=200_000,
        ),
    )
    api = make_api(settings)
    with DocServer("127.0.0.2") as canary:
        canary.add("/secret", b"internal")
        cases = {
            "ok": doc_server.add("/ok.pdf", pan_pdf()),
            "not_found": doc_server.url("/missing.pdf"),
            "server_error": doc_server.add("/err.pdf", b"", status=500),
            "forbidden": doc_server.add("/expired.pdf", b"<Error>AccessDenied</Error>", status=403),
            "timeout": doc_server.add("/slow.pdf", pan_pdf(), delay=2.0),
            "oversize": doc_server.add("/big.pdf", b"%PDF-1.4\n" + b"0" * 300_000),
            "html": doc_server.add(
                "/page.jpg",
                b"<!DOCTYPE html><html><body>login</body></html>",
                headers={"Content-Type": "image/jpeg"},
            ),
            "text": doc_server.add("/notes.txt", b"just some text\n"),
            "empty": doc_server.add("/empty.png", b""),
            "truncated_png": doc_server.add("/cut.png", png_bytes((300, 200))[:80]),
            "redirect_private": doc_server.add("/r", redirect=canary.url("/secret")),
            "ok_after_redirect": doc_server.add("/r2", redirect="/ok.pdf"),
        }
        token = api.token(api.new_client())
        rows = api.upload(token, list(cases.values()))
        items = api.wait_final(token, rows[0]["batch_id"], timeout=60)
        assert canary.requests == []  # refused before connecting
    got = {name: (i["status"], i["error_code"]) for name, i in zip(cases, items, strict=True)}
    assert got == {
        "ok": ("done", None),
        "not_found": ("failed", "FETCH_FAILED"),
        "server_error": ("failed", "FETCH_FAILED"),
        "forbidden": ("failed", "FETCH_FAILED"),
        "timeout": ("failed", "FETCH_TIMEOUT"),
        "oversize": ("failed", "TOO_LARGE"),
        "html": ("failed", "UNSUPPORTED_FORMAT"),
        "text": ("failed", "UNSUPPORTED_FORMAT"),
        "empty": ("failed", "EMPTY_DOCUMENT"),
        "truncated_png": ("failed", "INVALID_DOC"),
        "redirect_private": ("failed", "FETCH_REFUSED"),
        "ok_after_redirect": ("done", None),
    }
    by_name = dict(zip(cases, items, strict=True))
    assert "404" in by_name["not_found"]["error_message"]
    assert by_name["not_found"]["file_data"] == {"document_type": None}
    assert doc_server.hits("/err.pdf") == 2  # 5xx retried (attempts=2)
    assert doc_server.hits("/missing.pdf") == 1  # 4xx not retried
    for item in items:
        assert item["error_message"] is None or "127.0.0" not in item["error_message"]


def test_private_addresses_refused_with_empty_allow_list(make_api: Any, tmp_path: Any) -> None:
    with DocServer("127.0.0.2") as canary:
        canary.add("/a.pdf", pan_pdf())
        api = make_api(make_settings(tmp_path, fetch_allow_private=""))
        token = api.token(api.new_client())
        rows = api.upload(token, [canary.url("/a.pdf"), "http://localhost:9/x", "http://[::1]:9/x"])
        items = api.wait_final(token, rows[0]["batch_id"])
        assert canary.requests == []
    assert [(i["status"], i["error_code"]) for i in items] == [("failed", "FETCH_REFUSED")] * 3


def test_redirect_to_127_0_0_1_refused_when_not_allowed(make_api: Any, tmp_path: Any) -> None:
    # The document host (127.0.0.2) is allowed; the redirect target 127.0.0.1 is not.
    with DocServer("127.0.0.2") as host, DocServer("127.0.0.1") as canary:
        canary.add("/latest/meta-data/", b"secret")
        host.add("/doc.pdf", redirect=canary.url("/latest/meta-data/"))
        api = make_api(make_settings(tmp_path, fetch_allow_private="127.0.0.2/32"))
        token = api.token(api.new_client())
        rows = api.upload(token, [host.url("/doc.pdf")])
        (item,) = api.wait_final(token, rows[0]["batch_id"])
        assert host.hits("/doc.pdf") == 1
        assert canary.requests == []
    assert (item["status"], item["error_code"]) == ("failed", "FETCH_REFUSED")
