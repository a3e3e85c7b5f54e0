"""The console's read-only JSON endpoints: batches and flows with counts, a flow's documents
with cross-check failures, filters and paging, one document with corrections. No browser.

The rows are written through the store's own functions (create_batch, create_flow, add_upload,
corrections.record) and finished by setting what a worker would have written, with the workers
off, so that each state is exact."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres  # noqa: E402

from kagaz.api import create_app  # noqa: E402
from kagaz.database import batches, clients, corrections, flows  # noqa: E402
from kagaz.database.db import Database, utcnow  # noqa: E402
from kagaz.database.models import StoredDocument  # noqa: E402
from kagaz.services.credentials import hash_secret, new_credentials  # noqa: E402
from kagaz.settings import Settings  # noqa: E402

PAN_RESULT = {
    "document_type": "PAN",
    "pan_number": {
        "value": "BQKPK4821M",
        "confidence_score": 0.99,
        "page": 1,
        "bbox": [0.05, 0.28, 0.18, 0.31],
    },
    "name_as_per_pan": {
        "value": "MEERA KRISHNAN",
        "confidence_score": 0.96,
        "page": 1,
        "bbox": [0.05, 0.42, 0.23, 0.44],
    },
}
AADHAAR_RESULT = {
    "document_type": "AADHAAR",
    "name": {
        "value": "MEERA K",
        "confidence_score": 0.71,
        "page": 1,
        "bbox": [0.1, 0.2, 0.3, 0.25],
    },
    # An old result that still had the full number: the console never shows it.
    "aadhaar_number": {"value": "2345 6789 0123", "confidence_score": 0.97},
    "validations": {"verhoeff": {"valid": False, "message": "checksum fails"}},
}
CROSS = [
    {
        "check": "name",
        "result": "MISMATCH",
        "source_document": "PAN",
        "target_document": "AADHAAR",
        "source_value": "MEERA KRISHNAN",
        "target_value": "MEERA K",
        "reasons": ["NAME_DIFFERS"],
    },
    {
        "check": "dob",
        "result": "NOT_APPLICABLE",
        "source_document": "PAN",
        "target_document": "AADHAAR",
        "reasons": [],
    },
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(fresh_postgres()) if request.param == "postgresql" else None
        yield from _env(tmp_path_factory, url)


def _env(
    tmp_path_factory: pytest.TempPathFactory, database_url: str | None
) -> Iterator[dict[str, Any]]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path_factory.mktemp("console-api"), database_url=database_url
    )
    app = create_app(settings, processor_factory=lambda: None, run_workers=False)
    with TestClient(app) as client:
        db: Database = app.state.services.db
        yield {"client": client, "db": db, "settings": settings, **_seed(db, client)}


def _new_client(db: Database, client: TestClient, name: str) -> tuple[str, str]:
    client_id, secret = new_credentials()
    with db.session() as session:
        clients.create_client(
            session, client_id=client_id, name=name, secret_hash=hash_secret(secret), now=utcnow()
        )
        session.commit()
    r = client.post("/v1/bulk/authtoken", headers={"Client-Id": client_id, "Client-Secret": secret})
    assert r.status_code == 200, r.text
    return client_id, r.json()["access_token"]


def _finish(
    db: Database,
    file_uuid: str,
    result: dict[str, Any] | None,
    status: str = "done",
    error_code: str | None = None,
) -> None:
    with db.session() as session:
        session.execute(
            sa.update(StoredDocument)
            .where(StoredDocument.file_uuid == file_uuid)
            .values(
                status=status,
                result=result,
                error_code=error_code,
                document_type=(result or {}).get("document_type"),
                artifacts={"page_1": "derived/x/page_1", "page_2": "derived/x/page_2"},
            )
        )
        session.commit()


def _seed(db: Database, client: TestClient) -> dict[str, Any]:
    client_id, token = _new_client(db, client, "acme")
    _, other = _new_client(db, client, "other")
    t0 = utcnow() - dt.timedelta(minutes=10)
    with db.session() as session:
        old = batches.create_batch(
            session,
            client_id=client_id,
            family="bulk",
            product_type="P1",
            files=[batches.NewFile(f"https://x.example/{i}.pdf", str(i)) for i in range(5)],
            now=t0,
        )
        flow_uuid = flows.create_flow(
            session,
            client_id=client_id,
            product_type="POC_CDL",
            application_id="APP-7",
            auth_url="http://127.0.0.1:9/auth",
            callback_url="http://127.0.0.1:9/callback",
            flow_params={},
            auth_config=None,
            now=t0 + dt.timedelta(minutes=1),
        )
        upload = flows.add_upload(
            session,
            flow_uuid=flow_uuid,
            client_id=client_id,
            files=[
                batches.NewFile("upload:pan.pdf", "pan"),
                batches.NewFile("upload:aadhaar.pdf", "aadhaar"),
            ],
            now=t0 + dt.timedelta(minutes=2),
        )
        assert upload is not None
        new = batches.create_batch(
            session,
            client_id=client_id,
            family="docstream",
            product_type="P2",
            files=[batches.NewFile("https://x.example/n.pdf", "n")],
            now=t0 + dt.timedelta(minutes=3),
        )
    pan_uuid, aadhaar_uuid = (u for _, u in upload.files)
    CROSS[0] |= {"source_file_uuid": pan_uuid, "target_file_uuid": aadhaar_uuid}
    CROSS[1] |= {"source_file_uuid": pan_uuid, "target_file_uuid": aadhaar_uuid}
    _finish(db, pan_uuid, PAN_RESULT)
    _finish(db, aadhaar_uuid, AADHAAR_RESULT)
    with db.session() as session:
        flows.set_cross_checks(session, flow_uuid=flow_uuid, cross_checks=CROSS)
        session.commit()
    old_uuids = [u for _, u in old.files]
    _finish(db, old_uuids[0], PAN_RESULT)
    _finish(db, old_uuids[1], AADHAAR_RESULT)
    _finish(db, old_uuids[2], {"document_type": "UNRECOGNISED"}, "failed", "UNRECOGNISED")
    return {
        "token": token,
        "other": other,
        "old": old.batch_id,
        "new": new.batch_id,
        "flow": flow_uuid,
        "pan": pan_uuid,
        "aadhaar": aadhaar_uuid,
        "old_uuids": old_uuids,
        "client_id": client_id,
    }


def _get(env: dict[str, Any], path: str, token: str | None = None, **params: Any) -> Any:
    r = env["client"].get(path, params=params, headers={"Token": token or env["token"]})
    return r.status_code, r.json()


def test_batches_and_flows_newest_first_with_counts(env: dict[str, Any]) -> None:
    status, body = _get(env, "/v1/console/batches")
    assert status == 200
    assert [(x["kind"], x["id"]) for x in body["data"]] == [
        ("batch", env["new"]),
        ("flow", env["flow"]),
        ("batch", env["old"]),
    ]
    new, flow, old = body["data"]
    assert new["counts"]["queued"] == 1 and not new["finished"] and new["total"] == 1
    assert flow["application_id"] == "APP-7" and flow["finished"] and flow["total"] == 2
    assert flow["counts"]["done"] == 2 and flow["cross_check_failures"] == 1
    assert old["counts"] == {"queued": 2, "fetching": 0, "processing": 0, "done": 2, "failed": 1}
    # The flow's upload batch is shown only inside its flow.
    assert body["total_items"] == 3
    status, page2 = _get(env, "/v1/console/batches", per_page=2, page=2)
    assert [x["id"] for x in page2["data"]] == [env["old"]] and not page2["has_next"]
    assert _get(env, "/v1/console/batches", env["other"])[1]["data"] == []


def test_flow_documents_carry_cross_check_failures(env: dict[str, Any]) -> None:
    status, body = _get(env, f"/v1/console/flows/{env['flow']}/documents")
    assert status == 200, body
    assert body["kind"] == "flow" and body["application_id"] == "APP-7"
    assert [c["failed"] for c in body["cross_checks"]] == [True, False]
    docs = {d["document_id"]: d for d in body["data"]}
    assert docs["pan"]["failed_cross_checks"] == ["name"]
    assert docs["aadhaar"]["failed_cross_checks"] == ["name"]
    assert docs["aadhaar"]["failed_validations"] == ["verhoeff"]
    assert (
        docs["aadhaar"]["lowest_confidence"] == 0.71
        and docs["aadhaar"]["low_confidence_fields"] == 1
    )
    assert docs["pan"]["low_confidence_fields"] == 0  # (its lowest field may be corrected)
    assert _get(env, f"/v1/console/flows/{env['flow']}/documents", env["other"])[0] == 404


def test_document_filters_and_paging(env: dict[str, Any]) -> None:
    path = f"/v1/console/batches/{env['old']}/documents"
    ids = lambda body: [d["document_id"] for d in body["data"]]  # noqa: E731
    assert ids(_get(env, path)[1]) == ["0", "1", "2", "3", "4"]
    assert ids(_get(env, path, status="queued")[1]) == ["3", "4"]
    assert ids(_get(env, path, type="AADHAAR")[1]) == ["1"]
    assert ids(_get(env, path, low_confidence="true")[1]) == ["1"]
    assert ids(_get(env, path, failed="true")[1]) == ["1", "2"]  # a failed check, a failed read
    first = _get(env, path, limit=2)[1]
    assert ids(first) == ["0", "1"] and first["next_offset"] == 2
    rest = _get(env, path, limit=3, offset=first["next_offset"])[1]
    assert ids(rest) == ["2", "3", "4"] and rest["next_offset"] is None
    assert first["document_types"] == ["AADHAAR", "PAN", "UNRECOGNISED"]
    assert first["counts"]["failed"] == 1 and not first["finished"]


def test_document_view_with_corrections_and_masking(env: dict[str, Any]) -> None:
    with env["db"].session() as session:
        for value in ("MEERA KRISHNA", "MEERA KRISHNAN S"):
            corrections.record(
                session,
                file_uuid=env["pan"],
                client_id=env["client_id"],
                path=corrections.FieldPath("name_as_per_pan"),
                value=value,
                previous_value="MEERA KRISHNAN",
                reviewer="Asha",
                original_sha256=None,
                now=utcnow(),
            )
    status, doc = _get(env, f"/v1/console/documents/{env['pan']}")
    assert status == 200, doc
    name = doc["file_data"]["name_as_per_pan"]
    assert name == {
        "value": "MEERA KRISHNAN S",
        "confidence_score": 1.0,
        "corrected": True,
        "page": 1,
        "bbox": [0.05, 0.42, 0.23, 0.44],
    }
    assert [c["value"] for c in doc["corrections"]] == ["MEERA KRISHNAN S", "MEERA KRISHNA"]
    assert doc["corrections"][0]["reviewer"] == "Asha" and doc["corrected_fields"] == 1
    assert doc["flow_uuid"] == env["flow"] and doc["pages"] == 2
    assert [c["name"] for c in doc["cross_checks"]] == ["name", "dob"]
    # The documents table counts the correction too.
    rows = _get(env, f"/v1/console/flows/{env['flow']}/documents")[1]["data"]
    assert next(d for d in rows if d["document_id"] == "pan")["corrected_fields"] == 1

    status, aadhaar = _get(env, f"/v1/console/documents/{env['aadhaar']}")
    assert aadhaar["file_data"]["aadhaar_number"]["value"] == "XXXX XXXX 0123"
    # The hidden digits in any spacing; a bare "2345" would also match a random UUID's hex.
    assert not re.search(r"2345\D?6789", str(aadhaar))
    assert _get(env, f"/v1/console/documents/{env['pan']}", env["other"])[0] == 404
    assert env["client"].get(f"/v1/console/documents/{env['pan']}").status_code == 401


def test_config(env: dict[str, Any]) -> None:
    status, body = _get(env, "/v1/console/config")
    assert status == 200 and body["low_confidence"] == 0.9 and body["flows"] is True
