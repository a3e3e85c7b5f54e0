"""A real kagaz server (uvicorn on a free loopback port, the real engine, a temporary data
directory) and Debian's Chromium driven by Playwright, for the console's browser tests.

Imported by each test module (``pytest_plugins``), like tests/api/api_helpers.py."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from kagaz.api import create_app
from kagaz.database import clients, migrate
from kagaz.database.db import Database, utcnow
from kagaz.services.credentials import hash_secret, new_credentials
from kagaz.settings import Settings, WorkerSettings

CHROMIUM = Path("/usr/bin/chromium")
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def text_pdf(lines: list[str]) -> bytes:
    """A born-digital PDF (the engine reads its text layer, no OCR): a card-sized page."""
    pdf = FPDF(format=(240, 150))
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pan_pdf(pan: str, name: str, father: str, dob: str) -> bytes:
    return text_pdf(
        [
            "INCOME TAX DEPARTMENT",
            "GOVT. OF INDIA",
            "Permanent Account Number Card",
            pan,
            "Name",
            name,
            "Father's Name",
            father,
            "Date of Birth",
            dob,
        ]
    )


@dataclass
class Server:
    base: str
    settings: Settings

    def new_client(self, name: str) -> tuple[str, str]:
        db = Database(self.settings.resolved_database_url())
        migrate.upgrade(db)
        client_id, secret = new_credentials()
        with db.session() as session:
            clients.create_client(
                session,
                client_id=client_id,
                name=name,
                secret_hash=hash_secret(secret),
                now=utcnow(),
            )
            session.commit()
        db.dispose()
        return client_id, secret

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        all_headers = dict(headers or {})
        if token:
            all_headers["Token"] = token
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        req = urllib.request.Request(
            self.base + path, data=data, method=method, headers=all_headers
        )
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def json(self, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
        status, _, raw = self.request(method, path, **kwargs)
        return status, json.loads(raw) if raw else None

    def token(self, creds: tuple[str, str]) -> str:
        status, body = self.json(
            "POST", "/v1/bulk/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
        )
        assert status == 200, body
        return str(body["access_token"])

    def upload(self, token: str, files: dict[str, bytes], product_type: str = "CONSOLE") -> Any:
        """``POST /v1/bulk/upload`` as multipart/form-data, the way the browser sends it."""
        boundary = "kagaz-test-boundary-7f3a"
        parts: list[bytes] = []
        for name, content in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                f'filename="{name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="product_type"\r\n\r\n'
            f"{product_type}\r\n--{boundary}--\r\n".encode()
        )
        return self.json(
            "POST",
            "/v1/bulk/upload",
            token=token,
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import uvicorn

    data_dir = tmp_path_factory.mktemp("console")
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=data_dir,
        database_url=None,
        worker=WorkerSettings(count=1, poll_seconds=0.05, lease_seconds=30, max_attempts=2),
    )
    app = create_app(settings, processor_factory=lambda: engine.process)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="console-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Server(f"http://127.0.0.1:{port}", settings)
    finally:
        srv.should_exit = True
        thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make system-deps installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def screenshot(page: Any, name: str) -> None:
    """Overwrite docs/images/<name>.png (the pages as the docs show them)."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.querySelector('#toast').className = 'toast'")  # no stray toasts
    page.wait_for_timeout(250)
    page.screenshot(path=str(IMAGES / f"{name}.png"))


def sign_in(page: Any, server: Server, creds: tuple[str, str], reviewer: str = "") -> None:
    page.goto(server.base + "/console")
    page.fill("input[name=client_id]", creds[0])
    page.fill("input[name=client_secret]", creds[1])
    if reviewer:
        page.fill("input[name=reviewer]", reviewer)
    page.click("#signin-form button[type=submit]")
    page.wait_for_selector("#dropzone")


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript expression until it is truthy. (Playwright's wait_for_function
    evaluates a string with eval(), which the console's CSP rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        time.sleep(0.05)
