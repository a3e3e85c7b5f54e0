"""The review console end to end: a real server and engine, Debian's Chromium driven by
Playwright. Sign in, drop two files, watch them finish, open a document, see the field boxes,
correct a field from the keyboard, and read the correction back through the HTTP API.

Screenshots of the main pages are written to docs/images/ on every run."""

from __future__ import annotations

import base64
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from console_helpers import Server, pan_pdf, screenshot, sign_in, wait_until
from PIL import Image

from kagaz.synth.generator import generate

pytest_plugins = ["console_helpers"]  # fixtures: server, browser

DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}

DROP = """(files) => {
  const dt = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], f.name, { type: 'application/pdf' }));
  }
  const zone = document.querySelector('#dropzone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }
}"""


def _files() -> list[dict[str, str]]:
    pan = pan_pdf("BQKPK4821M", "MEERA KRISHNAN", "GOPAL KRISHNAN", "14/08/1991")
    invoice = generate("INVOICE", 2026, "pdf_text").data
    return [
        {"name": "pan-meera.pdf", "b64": base64.b64encode(pan).decode()},
        {"name": "invoice-2026.pdf", "b64": base64.b64encode(invoice).decode()},
    ]


def _extracts(server: Server, token: str, batch_id: str) -> list[dict[str, Any]]:
    status, body = server.json("GET", f"/v1/bulk/extracts?batch_id={batch_id}", token=token)
    assert status == 200, body
    return list(body["data"])


def _blank_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 500), "white").save(buf, "PNG")
    return buf.getvalue()


def _wait_final(server: Server, token: str, batch_id: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while any(i["status"] not in ("done", "failed") for i in _extracts(server, token, batch_id)):
        assert time.monotonic() < deadline, f"{batch_id} not final in {timeout}s"
        time.sleep(0.05)


def _first_paint(page: Any, server: Server) -> float:
    page.goto(server.base + "/console")
    page.wait_for_selector("#signin-form")
    wait_until(page, "performance.getEntriesByName('first-contentful-paint').length > 0")
    return float(
        page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    )


def test_sign_in_upload_review_and_correct(server: Server, browser: Any) -> None:
    creds = server.new_client("acme-lending")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # First paint of the console, cold (a fresh context: nothing cached). Best of two loads,
    # so that one scheduling hiccup on a loaded 2-core CI machine does not decide it.
    paints = [_first_paint(page, server)]
    if paints[0] >= 1000:
        retry = browser.new_context(viewport=DESKTOP)
        paints.append(_first_paint(retry.new_page(), server))
        retry.close()
    assert min(paints) < 1000, f"first contentful paint {paints} ms"
    screenshot(page, "console-signin")

    # A wrong secret stays on the sign-in page with the API's message.
    page.fill("input[name=client_id]", creds[0])
    page.fill("input[name=client_secret]", "ks_wrong")
    page.click("#signin-form button[type=submit]")
    page.wait_for_selector("#signin-error:has-text('Invalid client_id or client_secret')")
    errors.clear()  # the browser logs that 401; nothing else may fail from here on

    # An earlier batch of this client: one blank scan, which fails (EMPTY_DOCUMENT).
    token = server.token(creds)
    status, body = server.upload(token, {"blank.png": _blank_png()}, product_type="POC_CDL")
    assert status == 201, body
    _wait_final(server, token, body[0]["batch_id"])
    blank_uuid = body[0]["file_uuid"]

    sign_in(page, server, creds, reviewer="Asha Rao")
    assert page.evaluate("sessionStorage.getItem('kagaz.token')")
    assert page.evaluate("localStorage.length") == 0
    assert page.context.cookies() == []

    # Drop two files on the upload zone: one new batch through POST /v1/bulk/upload.
    page.evaluate(DROP, _files())
    created = page.wait_for_selector(".upload-status:has-text('Created BATCH-')").inner_text()
    batch_id = created.split()[1]
    row = f"table.batches tbody tr:has(a:text-is('{batch_id}'))"
    # Live progress: the row polls until both documents are final.
    page.wait_for_selector(f"{row}:not(.live) .progress-cell:has-text('finished')", timeout=60_000)
    assert page.inner_text(f"{row} td:last-child").startswith("2")
    assert page.inner_text(f"{row} td:last-child").endswith("2 done")
    # The older batch (a blank page the engine cannot read) shows its failure.
    assert "1 failed" in page.inner_text("table.batches tbody tr:nth-child(2)")
    screenshot(page, "console-batches")

    page.click(f"table.batches a:has-text('{batch_id}')")
    page.wait_for_selector("table.docs tbody tr a")
    rows = page.query_selector_all("table.docs tbody tr")
    assert len(rows) == 2
    types = sorted(r.query_selector("td").inner_text() for r in rows)
    assert types == ["INVOICE", "PAN"], types
    screenshot(page, "console-documents")

    # Filters: the invoice has fields under the threshold, the PAN none.
    page.check("input[name=low_confidence]")
    wait_until(page, "document.querySelectorAll('table.docs tbody tr a').length === 1")
    assert "INVOICE" in page.inner_text("table.docs tbody")
    page.uncheck("input[name=low_confidence]")
    wait_until(page, "document.querySelectorAll('table.docs tbody tr a').length === 2")

    # The PAN: its page image (fetched with the token) with a box over every field.
    page.click("table.docs tbody tr:has(td:text-is('PAN')) a")
    page.wait_for_selector(".overlay .box")
    wait_until(page, "document.querySelector('.page-img')?.naturalWidth > 0")
    assert page.get_attribute(".page-img", "src").startswith("blob:")
    boxes = page.eval_on_selector_all(
        ".overlay .box",
        "els => els.map(e => ({f: e.dataset.field, l: e.style.left, t: e.style.top, "
        "w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height}))",
    )
    fields = {b["f"] for b in boxes}
    assert {"pan_number", "name_as_per_pan", "father_name", "dob"} <= fields, boxes
    assert all(b["l"].endswith("%") and b["w"] > 2 and b["h"] > 2 for b in boxes), boxes
    # Each box sits over its field's words: the PAN number's box lies in the page's top half.
    pan_box = page.eval_on_selector(
        ".box[data-field=pan_number]",
        "e => { const b = e.getBoundingClientRect(), "
        "i = document.querySelector('.page-img').getBoundingClientRect(); "
        "return [(b.top - i.top) / i.height, (b.left - i.left) / i.width]; }",
    )
    assert 0.1 < pan_box[0] < 0.5 and 0 <= pan_box[1] < 0.3, pan_box

    # Correct the name from the keyboard: move to it, Enter opens the form, Enter saves.
    page.focus("li[data-field=pan_number] button.field")
    for _ in range(5):
        if (
            page.evaluate("document.activeElement.closest('li')?.dataset.field")
            == "name_as_per_pan"
        ):
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('li').dataset.field") == "name_as_per_pan"
    assert page.get_attribute(".box.active", "data-field") == "name_as_per_pan"
    page.keyboard.press("Enter")
    page.wait_for_selector("li[data-field=name_as_per_pan] form.correct input:focus")
    page.keyboard.press("Control+A")
    page.keyboard.type("MEERA K KRISHNAN")
    page.keyboard.press("Enter")
    page.wait_for_selector("li[data-field=name_as_per_pan].corrected")
    assert "MEERA K KRISHNAN" in page.inner_text("li[data-field=name_as_per_pan]")
    page.wait_for_selector(".history td:has-text('Asha Rao')")
    page.wait_for_selector(".box.corrected[data-field=name_as_per_pan]")
    screenshot(page, "console-document")

    # The API answers the corrected value with confidence 1.0 and the corrected flag.
    items = _extracts(server, token, batch_id)
    pan = next(i for i in items if i["file_data"]["document_type"] == "PAN")
    assert pan["file_data"]["name_as_per_pan"]["value"] == "MEERA K KRISHNAN"
    assert pan["file_data"]["name_as_per_pan"]["confidence_score"] == 1.0
    assert pan["file_data"]["name_as_per_pan"]["corrected"] is True
    assert pan["file_data"]["pan_number"].get("corrected") is None

    # ...and the ground-truth export carries it.
    status, headers, raw = server.request("GET", "/v1/corrections/export", token=token)
    assert status == 200 and "ndjson" in headers.get("content-type", "")
    lines = [json.loads(x) for x in raw.decode().splitlines() if x.strip()]
    assert [(x["field"], x["value"], x["reviewer"]) for x in lines] == [
        ("name_as_per_pan", "MEERA K KRISHNAN", "Asha Rao")
    ]

    # The invoice: low-confidence fields flagged, line-item rows boxed too.
    inv = next(i for i in items if i["file_data"]["document_type"] == "INVOICE")
    page.goto(f"{server.base}/console#/doc/{inv['file_uuid']}")
    page.wait_for_selector(".overlay .box.row")
    page.wait_for_selector("ol.fields > li.low .tag.low")
    wait_until(page, "document.querySelector('.page-img')?.naturalWidth > 0")
    screenshot(page, "console-document-invoice")

    # ...and on a tablet: the page image above the fields, nothing wider than the screen.
    tablet = browser.new_context(viewport=TABLET, has_touch=True)
    tpage = tablet.new_page()
    sign_in(tpage, server, creds)
    tpage.goto(f"{server.base}/console#/doc/{inv['file_uuid']}")
    tpage.wait_for_selector(".overlay .box.row")
    wait_until(tpage, "document.querySelector('.page-img')?.naturalWidth > 0")
    assert tpage.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(tpage, "console-document-tablet")
    tablet.close()

    # A document that failed: its status, error code and reason, no fields, no stray boxes.
    page.goto(f"{server.base}/console#/doc/{blank_uuid}")
    page.wait_for_selector(".page-head .badge.failed")
    assert page.inner_text(".page-head .chip.failed").isupper()
    assert page.query_selector("ol.fields") is None
    wait_until(page, "!document.querySelector('.stage').classList.contains('loading')")
    assert page.eval_on_selector_all(".overlay .box", "els => els.length") == 0

    # "Export corrections" downloads the same JSON lines (fetched with the token).
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename.endswith(".jsonl")
    exported = Path(download.value.path()).read_text()
    assert [json.loads(x)["value"] for x in exported.splitlines()] == ["MEERA K KRISHNAN"]

    # A token the server no longer accepts returns to the sign-in page.
    page.evaluate("sessionStorage.setItem('kagaz.token', 'not-a-token')")
    page.goto(f"{server.base}/console#/batch/{batch_id}")
    page.wait_for_selector("#signin:not([hidden]) #signin-error:has-text('session has ended')")
    assert page.evaluate("sessionStorage.getItem('kagaz.token')") is None
    errors.clear()  # the 401 it provoked

    # Sign out clears the token and shows the sign-in page.
    sign_in(page, server, creds)
    page.click("#signout")
    page.wait_for_selector("#signin:not([hidden])")
    assert page.evaluate("sessionStorage.getItem('kagaz.token')") is None
    context.close()
    assert not errors, errors


def test_keyboard_navigation_and_escape(server: Server, browser: Any) -> None:
    creds = server.new_client("keys")
    token = server.token(creds)
    status, body = server.upload(
        token, {"pan.pdf": pan_pdf("AFZPS7302K", "ARJUN SINGH", "HARPAL SINGH", "02/01/1985")}
    )
    assert status == 201, body
    file_uuid = body[0]["file_uuid"]
    batch_id = body[0]["batch_id"]
    _wait_final(server, token, batch_id)

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server, creds)
    page.goto(f"{server.base}/console#/doc/{file_uuid}")
    page.wait_for_selector(".overlay .box")
    order = page.eval_on_selector_all("ol.fields > li", "els => els.map(e => e.dataset.field)")
    assert len(order) >= 4
    page.focus(f"li[data-field={order[0]}] button.field")
    active = "document.activeElement.closest('li')?.dataset.field"
    page.keyboard.press("j")
    assert page.evaluate(active) == order[1]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == order[2]
    page.keyboard.press("k")
    assert page.evaluate(active) == order[1]
    # The highlighted box follows the focused field.
    assert page.get_attribute(".box.active", "data-field") == order[1]
    page.keyboard.press("Tab")
    assert page.evaluate(active) == order[2]
    # Enter opens the correction form, Esc closes it without saving and returns focus.
    page.keyboard.press("Enter")
    page.wait_for_selector(f"li[data-field={order[2]}] form.correct input:focus")
    page.keyboard.type("SHOULD NOT BE SAVED")
    page.keyboard.press("Escape")
    assert page.query_selector("form.correct") is None
    assert page.evaluate(active) == order[2]
    item = _extracts(server, token, batch_id)[0]
    assert "corrected" not in item["file_data"][order[2]]
    context.close()


def test_client_isolation(server: Server) -> None:
    """Client B's token sees none of client A's batches, documents or pages."""
    a, b = server.new_client("lender-a"), server.new_client("lender-b")
    token_a, token_b = server.token(a), server.token(b)
    status, body = server.upload(
        token_a, {"a.pdf": pan_pdf("BQKPK4821M", "MEERA KRISHNAN", "GOPAL KRISHNAN", "14/08/1991")}
    )
    assert status == 201, body
    batch_id, file_uuid = body[0]["batch_id"], body[0]["file_uuid"]

    status, mine = server.json("GET", "/v1/console/batches", token=token_a)
    assert status == 200 and [x["id"] for x in mine["data"]] == [batch_id]
    status, theirs = server.json("GET", "/v1/console/batches", token=token_b)
    assert status == 200 and theirs["data"] == [] and theirs["total_items"] == 0

    for path in (
        f"/v1/console/batches/{batch_id}/documents",
        f"/v1/console/documents/{file_uuid}",
        f"/v1/console/flows/{file_uuid}/documents",
        f"/v1/files/{file_uuid}/pages/1",
    ):
        assert server.json("GET", path, token=token_b)[0] == 404, path
        assert server.request("GET", path)[0] == 401, path
    status, own = server.json("GET", f"/v1/console/batches/{batch_id}/documents", token=token_a)
    assert status == 200 and [d["file_uuid"] for d in own["data"]] == [file_uuid]
    status, _ = server.json(
        "PUT",
        f"/v1/files/{file_uuid}/fields/pan_number",
        token=token_b,
        body={"value": "XXXXX0000X", "reviewer": "mallory"},
    )
    assert status == 404


def test_console_is_served_with_its_own_policy(server: Server) -> None:
    status, headers, body = server.request("GET", "/console")
    assert status == 200 and b'<script type="module" src="/console/assets/app.js?v=' in body
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "img-src 'self' blob: data:" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["cache-control"] == "no-cache" and headers["x-content-type-options"] == "nosniff"
    # Assets named by their content hash are cached for a year; revalidation answers 304.
    src = body.decode().split('src="', 1)[1].split('"', 1)[0]
    status, headers, js = server.request("GET", src)
    assert status == 200 and "immutable" in headers["cache-control"]
    assert headers["content-type"].startswith("text/javascript") and len(js) < 64_000
    status, _, _ = server.request("GET", src, headers={"If-None-Match": headers["etag"]})
    assert status == 304
    assert server.request("GET", "/console/assets/app.js")[1]["cache-control"] == "no-cache"
    assert server.request("GET", "/console/assets/..%2Fapp.py")[0] == 404
    assert server.request("GET", "/console/assets/index.html")[0] == 404
    # The API itself keeps its defaults (no-store) and no console policy.
    _, headers, _ = server.request("GET", "/healthz")
    assert headers["cache-control"] == "no-store" and "content-security-policy" not in headers


@pytest.mark.parametrize("bad", ["status=nope", "limit=0", "limit=101", "offset=-1"])
def test_console_filters_are_validated(server: Server, bad: str) -> None:
    token = server.token(server.new_client("params"))
    status, body = server.json("GET", f"/v1/console/batches/X/documents?{bad}", token=token)
    assert status == 400, body


def test_flow_page_lists_cross_checks(server: Server, browser: Any) -> None:
    """A Flow API flow: one row on the batches page, its documents with the failed cross-check."""
    import sqlalchemy as sa

    from kagaz.database import batches, flows
    from kagaz.database.db import Database, utcnow
    from kagaz.database.models import StoredDocument

    creds = server.new_client("flow-lender")
    db = Database(server.settings.resolved_database_url())
    pan = {
        "document_type": "PAN",
        "name_as_per_pan": {"value": "MEERA KRISHNAN", "confidence_score": 0.96},
    }
    bank = {
        "document_type": "BANK_STATEMENT",
        "account_holder_name": {"value": "RAVI SHARMA", "confidence_score": 0.72},
    }
    with db.session() as session:
        flow_uuid = flows.create_flow(
            session,
            client_id=creds[0],
            product_type="POC_CDL",
            application_id="APP-2026-0042",
            auth_url="http://127.0.0.1:9/auth",
            callback_url="http://127.0.0.1:9/callback",
            flow_params={},
            auth_config=None,
            now=utcnow(),
        )
        upload = flows.add_upload(
            session,
            flow_uuid=flow_uuid,
            client_id=creds[0],
            now=utcnow(),
            files=[
                batches.NewFile("upload:pan.pdf", "pan"),
                batches.NewFile("upload:statement.pdf", "statement"),
            ],
        )
        assert upload is not None
        (_, pan_uuid), (_, bank_uuid) = upload.files
        for file_uuid, result in ((pan_uuid, pan), (bank_uuid, bank)):
            session.execute(
                sa.update(StoredDocument)
                .where(StoredDocument.file_uuid == file_uuid)
                .values(status="done", result=result, document_type=result["document_type"])
            )
        session.commit()
    db.dispose()
    # The flow is complete: kagaz runs its cross-checks (the names differ) and records them.
    token = server.token(creds)
    deadline = time.monotonic() + 30
    while True:
        status, body = server.json("GET", f"/v1/console/flows/{flow_uuid}/documents", token=token)
        assert status == 200, body
        if body["cross_checks"]:
            break
        assert time.monotonic() < deadline, "the flow's cross-checks were never recorded"
        time.sleep(0.1)

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server, creds)
    page.wait_for_selector("table.batches a:has-text('APP-2026-0042')")
    assert "1 cross-check failed" in page.inner_text("table.batches tbody")
    page.click("table.batches a:has-text('APP-2026-0042')")
    page.wait_for_selector("table.docs tbody tr a")
    assert page.inner_text(".cross li.fail").startswith("✕")
    rows = page.inner_text("table.docs tbody")
    assert rows.count("name") == 2 and "BANK_STATEMENT" in rows
    page.check("input[name=low_confidence]")
    wait_until(page, "document.querySelectorAll('table.docs tbody tr a').length === 1")
    assert "statement" in page.inner_text("table.docs tbody")
    screenshot(page, "console-flow")
    context.close()


def test_multi_page_statement_switches_pages(server: Server, browser: Any) -> None:
    """A two-page bank statement: the page switcher, each page's row boxes, and a field on
    another page turning the viewer to it."""
    creds = server.new_client("statements")
    token = server.token(creds)
    statement = generate("BANK_STATEMENT", 3, "pdf_text").data
    status, body = server.upload(token, {"statement.pdf": statement})
    assert status == 201, body
    _wait_final(server, token, body[0]["batch_id"])

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, server, creds)
    page.goto(f"{server.base}/console#/doc/{body[0]['file_uuid']}")
    page.wait_for_selector(".viewer-bar :text('Page 1 of 2')")
    wait_until(page, "document.querySelector('.page-img')?.naturalWidth > 0")
    first_src = page.get_attribute(".page-img", "src")
    rows_on_1 = len(page.query_selector_all(".overlay .box.row"))
    page.click("button[aria-label='Next page']")
    page.wait_for_selector(".viewer-bar :text('Page 2 of 2')")
    wait_until(page, f"document.querySelector('.page-img').src !== '{first_src}'")
    wait_until(page, "document.querySelector('.page-img')?.naturalWidth > 0")
    rows_on_2 = len(page.query_selector_all(".overlay .box.row"))
    assert rows_on_1 > 0 and rows_on_2 > 0, (rows_on_1, rows_on_2)
    assert page.is_disabled("button[aria-label='Next page']")
    # A field read on page 1 (the account holder) brings page 1 back when selected.
    page.click("li[data-field=account_holder_name] button.field")
    page.wait_for_selector(".viewer-bar :text('Page 1 of 2')")
    assert page.get_attribute(".box.active", "data-field") == "account_holder_name"
    screenshot(page, "console-statement")
    context.close()
