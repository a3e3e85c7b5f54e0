"""v3 multiupload answers 422 when the flow's auth_url cannot be reached (the reference's
"could not reach the authentication URL you configured"), behind the SSRF guard, bounded in
time, and not at all when the check is turned off. Loopback only: a refused private address is
shown with a canary on 127.0.0.2 that must see no connection, and the metadata decision is the
guard's, taken without connecting."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Api, make_settings

from kagaz.callbacks.testing import Receiver
from kagaz.errors import FetchRefused
from kagaz.fetch.guard import AddressPolicy
from kagaz.settings import CallbackSettings

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api

V3 = "/v3/verification"
UNREACHABLE = "Unprocessable Entity: Could not reach the authentication URL you configured"
DOC_URL = "https://files.s3.ap-south-1.amazonaws.com/uploads/invoice.jpg"


class Listener:
    """A TCP socket that accepts and counts connections and never says a word (a canary, or a
    TLS server that never answers the handshake)."""

    def __init__(self, host: str) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind((host, 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            self._held.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for conn in self._held:
            conn.close()
        self._sock.close()


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(make_api: Any, tmp_path: Path, resolver: Any = None, **callbacks: Any) -> Api:
    options: dict[str, Any] = {"enabled": False, "auth_url_check_timeout": 1.0, **callbacks}
    settings = make_settings(tmp_path, callbacks=CallbackSettings(**options))
    kwargs = {"run_workers": False}
    if resolver is not None:
        kwargs["resolver"] = resolver
    return make_api(settings, **kwargs)


def v3_token(api: Api) -> str:
    creds = api.new_client()
    r = api.client.post(f"{V3}/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def init_flow(api: Api, token: str, auth_url: str) -> str:
    body = {"product_type": "POC_CDL", "application_id": "LOS-1", "auth_url": auth_url,
            "callback_url": "https://lender.example/cb"}
    r = api.client.post(f"{V3}/flow/init", json=body, headers={"Token": token})
    assert r.status_code == 201, r.text
    return str(r.json()["flow_uuid"])


def upload(api: Api, token: str, flow_uuid: str) -> Any:
    body = {"flow_uuid": flow_uuid, "file_urls": [{"file_url": DOC_URL, "document_id": "1"}]}
    return api.client.post(f"{V3}/multiupload", json=body, headers={"Token": token})


def unreachable(r: Any) -> str:
    assert r.status_code == 422, r.text
    body = r.json()
    assert set(body) == {"error_code", "error_message"} and body["error_code"] == "422"
    assert body["error_message"].startswith(UNREACHABLE)
    return str(body["error_message"])


def no_documents(api: Api, token: str, flow_uuid: str) -> bool:
    r = api.client.get(f"{V3}/extracts", params={"flow_uuid": flow_uuid}, headers={"Token": token})
    return r.status_code == 200 and r.json()["ocr_data"] == []


def test_a_reachable_auth_url_is_connected_to_but_not_called(
    make_api: Any, tmp_path: Path, rx: Receiver
) -> None:
    api = start(make_api, tmp_path)
    token = v3_token(api)
    flow_uuid = init_flow(api, token, rx.url("/auth"))
    r = upload(api, token, flow_uuid)
    assert r.status_code == 201, r.text
    assert [set(item) for item in r.json()] == [{"batch_id", "document_id", "file_uuid"}]
    assert rx.calls == []  # a connection only: the lender's auth endpoint saw no request


def test_a_refusing_auth_url_is_422_and_nothing_is_stored(make_api: Any, tmp_path: Path) -> None:
    api = start(make_api, tmp_path)
    token = v3_token(api)
    flow_uuid = init_flow(api, token, f"http://127.0.0.1:{closed_port()}/auth")
    message = unreachable(upload(api, token, flow_uuid))
    assert message == f"{UNREACHABLE} (Connection refused)"
    assert "127.0.0.1" not in message  # the reason, never the URL
    assert no_documents(api, token, flow_uuid)


def test_the_check_can_be_turned_off(make_api: Any, tmp_path: Path) -> None:
    api = start(make_api, tmp_path, auth_url_check=False)
    token = v3_token(api)
    flow_uuid = init_flow(api, token, f"http://127.0.0.1:{closed_port()}/auth")
    assert upload(api, token, flow_uuid).status_code == 201


def test_the_check_is_bounded_in_time(make_api: Any, tmp_path: Path) -> None:
    silent = Listener("127.0.0.1")  # accepts, never answers the TLS handshake
    try:
        api = start(make_api, tmp_path, auth_url_check_timeout=0.5)
        token = v3_token(api)
        flow_uuid = init_flow(api, token, f"https://127.0.0.1:{silent.port}/auth")
        started = time.monotonic()
        assert unreachable(upload(api, token, flow_uuid)).endswith("(Timed out)")
        assert time.monotonic() - started < 3
        assert silent.accepted == 1
    finally:
        silent.close()


def test_unknown_flow_is_still_409_before_any_check(make_api: Any, tmp_path: Path) -> None:
    api = start(make_api, tmp_path)
    r = upload(api, v3_token(api), "ec57821d-d766-4e24-81ef-a2768094511b")
    assert r.status_code == 409 and r.json()["error_message"] == "Resource Conflict: Flow not found"


def test_a_host_that_resolves_to_a_private_address_is_refused_unconnected(
    make_api: Any, tmp_path: Path
) -> None:
    """flow/init does not resolve host names; the check does, and the guard refuses the address
    (only 127.0.0.1 is allowed here) before any connection: the canary sees none."""
    canary = Listener("127.0.0.2")
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.2"] if host == "auth.lender.example" else []

    try:
        api = start(make_api, tmp_path, resolver=resolver)
        token = v3_token(api)
        flow_uuid = init_flow(api, token, f"http://auth.lender.example:{canary.port}/auth")
        message = unreachable(upload(api, token, flow_uuid))
        assert message == f"{UNREACHABLE} (Refused to connect to a loopback address)"
        assert asked == ["auth.lender.example"]
        time.sleep(0.1)
        assert canary.accepted == 0
        assert no_documents(api, token, flow_uuid)
    finally:
        canary.close()


@pytest.mark.parametrize("address", ["169.254.169.254", "10.0.0.5", "fd00:ec2::254"])
def test_the_guard_refuses_metadata_and_private_addresses(address: str) -> None:
    """The decision the check relies on, taken without connecting anywhere."""
    with pytest.raises(FetchRefused):
        AddressPolicy.from_setting("127.0.0.1").check(
            ipaddress.ip_address(address), host="auth.lender.example"
        )
