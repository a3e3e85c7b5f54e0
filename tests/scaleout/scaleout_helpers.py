"""Real services for the scale-out tests: a fresh PostgreSQL database per test, a Redis database
number, an S3 server (moto) on loopback, and ``kagaz serve`` / ``kagaz worker`` processes.

A module, not conftest.py (see tests/api/api_helpers.py). The services are the machine's own
(PostgreSQL 127.0.0.1:5432, Redis 127.0.0.1:6379); a test skips, saying why, only when one is
unreachable. ``KAGAZ_TEST_PG_ADMIN_URL`` and ``KAGAZ_TEST_REDIS`` point elsewhere (loopback).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

SRC = Path(__file__).resolve().parents[2] / "src"
PG_ADMIN_URL = os.environ.get(
    "KAGAZ_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_BASE = os.environ.get("KAGAZ_TEST_REDIS", "redis://127.0.0.1:6379")
# Tests that flush a Redis database hold a lock on it, so that two test runs on one machine
# never flush each other's queues.
LOCK_DIR = Path(os.environ.get("TMPDIR", "/tmp"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- PostgreSQL -----------------------------------------------------------------------------


def _admin_engine() -> sa.Engine:
    return sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)


@contextlib.contextmanager
def fresh_postgres() -> Iterator[str]:
    """A new, empty database ``kagaz_test_<random>``; dropped afterwards (connections too)."""
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL unreachable at {admin.url.host}:{admin.url.port}: {exc.orig}")
    name = f"kagaz_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_postgres() as url:
        yield url


# -- Redis ----------------------------------------------------------------------------------


@contextlib.contextmanager
def redis_db(number: int) -> Iterator[str]:
    """``redis://…/<number>``, flushed before and after, held exclusively (file lock)."""
    import redis

    url = f"{REDIS_BASE}/{number}"
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis unreachable at {REDIS_BASE}: {exc}")
    with open(LOCK_DIR / f"kagaz-test-redis-{number}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        client.flushdb()
        try:
            yield url
        finally:
            client.flushdb()
            client.close()
            fcntl.flock(lock, fcntl.LOCK_UN)


# -- S3 (moto) ------------------------------------------------------------------------------


@contextlib.contextmanager
def moto_s3() -> Iterator[str]:
    """moto's S3 server on a loopback port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


S3_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "ap-south-1",
}


def make_bucket(endpoint: str, bucket: str) -> None:
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="ap-south-1", **_keys())
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-south-1"})


def _keys() -> dict[str, str]:
    return {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


# -- kagaz processes ------------------------------------------------------------------------


def base_env(**kagaz: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAGAZ_", "AWS_"))}
    env.update(S3_ENV)
    env["PYTHONPATH"] = f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(kagaz)
    return env


@dataclass
class Proc:
    """A kagaz process in its own process group (a SIGKILL takes its children too)."""

    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    base_url: str = ""

    def signal(self, sig: int) -> None:
        os.killpg(self.popen.pid, sig)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(10)

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Cluster:
    """Processes started by a test; all stopped at teardown."""

    tmp: Path
    env: dict[str, str]
    procs: list[Proc] = field(default_factory=list)

    def _start(self, name: str, args: list[str], env: dict[str, str] | None = None) -> Proc:
        log = self.tmp / f"{name}.log"
        popen = subprocess.Popen(
            [sys.executable, "-m", "kagaz.cli", *args],
            env={**self.env, **(env or {})},
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc = Proc(name, popen, log)
        self.procs.append(proc)
        return proc

    def serve(self, name: str = "api") -> Proc:
        port = free_port()
        proc = self._start(name, ["serve", "--host", "127.0.0.1", "--port", str(port)])
        proc.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.popen.poll() is None, proc.output()
            try:
                if httpx.get(f"{proc.base_url}/healthz", timeout=1).status_code == 200:
                    return proc
            except httpx.TransportError:
                time.sleep(0.1)
        proc.kill()
        raise AssertionError(f"{name} did not start:\n{proc.output()}")

    def worker(self, name: str, *args: str) -> Proc:
        return self._start(name, ["worker", "--hostname", f"{name}@%h", *args])

    def stop_all(self) -> None:
        for proc in self.procs:
            proc.stop()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name} ---\n{p.output()[-4000:]}" for p in self.procs)


def create_client(db_url: str) -> tuple[str, str]:
    from kagaz.services.credentials import hash_secret, new_credentials
    from kagaz.database import Database, clients, upgrade
    from kagaz.database.db import utcnow

    db = Database(db_url)
    upgrade(db)
    client_id, secret = new_credentials()
    with db.session() as session:
        clients.create_client(
            session, client_id=client_id, name="t", secret_hash=hash_secret(secret), now=utcnow()
        )
        session.commit()
    db.dispose()
    return client_id, secret


def token(base_url: str, creds: tuple[str, str]) -> str:
    r = httpx.post(
        f"{base_url}/v1/bulk/authtoken", headers={"Client-Id": creds[0], "Client-Secret": creds[1]}
    )
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def upload(base_url: str, tok: str, urls: list[str]) -> list[dict[str, Any]]:
    r = httpx.post(
        f"{base_url}/v1/bulk/multiupload",
        headers={"Token": tok},
        json={
            "product_type": "POC_CDL",
            "file_urls": [{"file_url": u, "document_id": str(i)} for i, u in enumerate(urls)],
        },
        timeout=60,
    )
    assert r.status_code == 201, r.text
    return list(r.json())


def rows(db_url: str) -> dict[str, Any]:
    """Every document row, by document_id."""
    from kagaz.database.models import StoredDocument

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(
                sa.select(
                    StoredDocument.document_id,
                    StoredDocument.file_uuid,
                    StoredDocument.status,
                    StoredDocument.attempts,
                    StoredDocument.completions,
                    StoredDocument.lease_owner,
                    StoredDocument.finished_at,
                    StoredDocument.result,
                    StoredDocument.error_code,
                )
            ).all()
    finally:
        engine.dispose()
    return {r.document_id: r for r in found}


def wait_until(predicate: Any, timeout: float, what: str, logs: Any = lambda: "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{logs()}")
        time.sleep(0.1)
