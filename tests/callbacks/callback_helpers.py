"""Shared by the callback tests (a module, not conftest.py: see tests/api/api_helpers.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from kagaz.callbacks.signing import new_secret
from kagaz.callbacks.testing import Receiver
from kagaz.database import callbacks as db_callbacks
from kagaz.database import clients, flows, migrate
from kagaz.database.batches import NewFile
from kagaz.database.db import Database, utcnow
from kagaz.database.models import StoredDocument
from kagaz.services.credentials import hash_secret, new_credentials
from kagaz.settings import CallbackSettings, Settings
from kagaz.worker.callback_sender import CallbackSender

PAN_RESULT = {
    "document_type": "PAN",
    "pan_number": {"value": "ABCPK1234F", "confidence_score": 0.99},
    "name_as_per_pan": {"value": "RAHUL KUMAR", "confidence_score": 0.96},
}


def make_settings(
    tmp_path: Path, allow: str = "127.0.0.1", database_url: str | None = None, **callbacks: Any
) -> Settings:
    options: dict[str, Any] = {
        "retry_schedule": (0.05, 0.1),
        "retry_for_seconds": 60,
        "poll_seconds": 0.05,
        "connect_timeout": 1,
        "read_timeout": 1,
        "total_timeout": 2,
        "senders": 2,
    }
    options.update(callbacks)
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path,
        database_url=database_url,
        fetch_allow_private=allow,
        callbacks=CallbackSettings(**options),
    )


class Setup:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings.resolved_database_url())
        migrate.upgrade(self.db)
        self.client_id, self.client_secret = new_credentials()
        with self.db.session() as s:
            clients.create_client(
                s,
                client_id=self.client_id,
                name="acme",
                secret_hash=hash_secret(self.client_secret),
                now=utcnow(),
            )
            s.commit()
            self.secret = db_callbacks.get_or_create_secret(
                s, client_id=self.client_id, now=utcnow(), new=new_secret
            )
        self.sender = CallbackSender(db=self.db, settings=settings)

    def flow(self, rx: Receiver, *, auth: str = "/auth", callback: str = "/cb",
             auth_config: dict[str, str] | None = None) -> str:
        with self.db.session() as s:
            flow_uuid = flows.create_flow(
                s, client_id=self.client_id, product_type="POC_CDL", application_id="LOS-42",
                auth_url=rx.url(auth), callback_url=rx.url(callback),
                flow_params={"branch": "Pune"}, auth_config=auth_config, now=utcnow(),
            )
        return flow_uuid

    def finish_documents(self, flow_uuid: str, n: int = 1) -> None:
        """Upload ``n`` documents and finish them as a worker would."""
        with self.db.session() as s:
            row = flows.add_upload(
                s, flow_uuid=flow_uuid, client_id=self.client_id,
                files=[NewFile(f"https://docs.example/{i}.pdf", str(i)) for i in range(n)],
                now=utcnow(),
            )
            assert row is not None
            now = utcnow()
            s.execute(
                sa.update(StoredDocument)
                .where(StoredDocument.batch_id == row.batch_id)
                .values(status="done", document_type="PAN", result=PAN_RESULT,
                        original_stored_at=now, finished_at=now)
            )
            s.commit()

    def run_until(self, predicate: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("condition not reached in time")
            if not self.sender.run_once("test-sender"):
                time.sleep(0.02)

    def log(self, flow_uuid: str) -> list[dict[str, Any]]:
        with self.db.connect() as conn:
            return db_callbacks.list_deliveries(conn, flow_uuid=flow_uuid)

    def close(self) -> None:
        self.sender.client.close()
        self.db.dispose()



def verify_independently(secret: str, headers: dict[str, str], body: bytes) -> None:
    """A receiver's check, written from the Standard Webhooks spec (not with kagaz's code)."""
    h = {k.lower(): v for k, v in headers.items()}
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{h['webhook-id']}.{h['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert any(
        hmac.compare_digest(sig.split(",", 1)[1], expected)
        for sig in h["webhook-signature"].split()
    )
    assert abs(time.time() - int(h["webhook-timestamp"])) < 300
