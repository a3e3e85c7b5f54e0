"""The wire format of stored results, pinned byte for byte.

One database state, written row by row with fixed ids and times: a Bulk batch, a Docstream
batch and a Flow, whose documents carry reviewers' corrections, Aadhaar numbers with a masked
image (``redact_url``), non-ASCII values, a failure and a document still waiting. Every surface
that shows a stored result renders it: Bulk and Docstream ``extracts``, the Flow API's
``extracts``, the callback as the lender's receiver gets it, and the review console's views.
Each answer is compared with the golden file captured from the code before the service layer
(``tests/api/golden/``); regenerate them only on purpose, with ``KAGAZ_GEN_TEST_DATA=1``.

Redact links expire, so their tokens differ from run to run: each is checked (it verifies, and
names the document, the artifact and the client) and then written as ``<link:file_uuid:artifact>``
before the comparison. Everything else is compared as the bytes the client receives.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Api
from fastapi.testclient import TestClient

from kagaz.api import create_app
from kagaz.callbacks.signing import new_secret
from kagaz.callbacks.testing import Receiver
from kagaz.database import callbacks as db_callbacks
from kagaz.database import migrate
from kagaz.database.db import Database
from kagaz.database.models import Batch, Client, Correction, StoredDocument, Flow
from kagaz.services.credentials import hash_secret
from kagaz.settings import ApiSettings, CallbackSettings, Settings, StorageSettings, WorkerSettings

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("KAGAZ_GEN_TEST_DATA") == "1"

CLIENT_ID = "kc_0123456789abcdef0123"
SECRET = "ks_golden-wire-secret-not-a-real-one-000000000"
BASE_URL = "https://kagaz.lender.example"
SIGNING_KEY = "golden-wire-signing-key-0123456789abcdef"
T0 = dt.datetime(2026, 1, 5, 10, 0, 0, tzinfo=dt.UTC)
FLOW_UUID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
BULK = "BATCH-10001-GOLDA-20260105100000"
DOCSTREAM = "BATCH-10002-GOLDB-20260105100100"
FLOW_BATCH = "BATCH-10003-GOLDC-20260105100200"


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def _field(value: Any, score: float, page: int | None = 1, bbox: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "confidence_score": score}
    if page is not None:
        out["page"] = page
        out["bbox"] = bbox or [0.1, 0.2, 0.55, 0.26]
    return out


def _aadhaar(name: str, number_tail: str) -> dict[str, Any]:
    return {
        "document_type": "AADHAAR",
        "document_type_confidence": 0.97,
        "name": _field(name, 0.91),
        "name_hindi": _field("राहुल कुमार", 0.72, bbox=[0.1, 0.3, 0.5, 0.34]),
        "date_of_birth": _field("15/08/1990", 0.88, bbox=[0.1, 0.4, 0.4, 0.44]),
        "gender": _field("MALE", 0.95, bbox=[0.1, 0.45, 0.3, 0.49]),
        "aadhaar_number": _field(f"XXXX XXXX {number_tail}", 0.99, bbox=[0.3, 0.8, 0.7, 0.86]),
        "address": _field("12, MG Road, Pune 411001", 0.81, page=2, bbox=[0.05, 0.2, 0.9, 0.4]),
        "validations": {"aadhaar_number": {"valid": True}, "date_of_birth": {"valid": True}},
    }


def _pan(name: str, pan: str = "ABCPK1234F") -> dict[str, Any]:
    return {
        "document_type": "PAN",
        "document_type_confidence": 0.99,
        "pan_number": _field(pan, 0.99),
        "name_as_per_pan": _field(name, 0.87, bbox=[0.1, 0.3, 0.6, 0.35]),
        "father_name": _field("SURESH KUMAR", 0.93, bbox=[0.1, 0.4, 0.6, 0.45]),
        "date_of_birth": _field("15/08/1990", 0.95, bbox=[0.1, 0.5, 0.4, 0.55]),
        "validations": {"pan_number": {"valid": True, "checks": ["format", "fourth_letter"]}},
    }


def _statement() -> dict[str, Any]:
    rows = [
        {"date": "01/04/2025", "narration": "UPI/राहुल/PAYTM", "debit": "1,250.00",
         "credit": None, "balance": "48,750.00", "page": 1, "bbox": [0.05, 0.4, 0.95, 0.43]},
        {"date": "02/04/2025", "narration": "SALARY APR", "debit": None,
         "credit": "85,000.00", "balance": "1,33,750.00", "page": 1,
         "bbox": [0.05, 0.44, 0.95, 0.47]},
    ]
    return {
        "document_type": "BANK_STATEMENT",
        "document_type_confidence": 0.93,
        "account_holder_name": _field("RAHUL KUMAR", 0.9),
        "account_number": _field("XXXXXXXX4321", 0.85, bbox=[0.5, 0.1, 0.9, 0.14]),
        "transactions": {"value": rows, "confidence_score": 0.8},
        "validations": {"balances": {"valid": False, "unreconciled": 1}},
    }


# (file_uuid, document_id, status, document_type, result, artifacts, error)
Row = tuple[str, str, str, str | None, dict[str, Any] | None, dict[str, str] | None, Any]


def _derived(n: int, *names: str) -> dict[str, str]:
    return {name: f"derived/{_uuid(n)}/{name}" for name in names}


BULK_DOCS: list[Row] = [
    # corrected Aadhaar with a masked image: corrections and a redact link
    (_uuid(1), "aadhaar-1", "done", "AADHAAR", _aadhaar("RAHUL KUMAB", "9012"),
     _derived(1, "aadhaar_redacted", "page_1", "page_2"), None),
    # an Aadhaar with a masked image and no correction (non-ASCII values)
    (_uuid(2), "aadhaar-2", "done", "AADHAAR", _aadhaar("प्रिया शर्मा", "4455"),
     _derived(2, "aadhaar_redacted", "page_1"), None),
    # a corrected PAN without images
    (_uuid(3), "pan-1", "done", "PAN", _pan("RAHUL KUMAB"), _derived(3, "page_1"), None),
    # a PAN as stored, nothing to change
    (_uuid(4), "pan-2", "done", "PAN", _pan("अमित / AMIT", "BQKPK4821M"), {}, None),
    # a statement with a row correction
    (_uuid(5), "statement-1", "done", "BANK_STATEMENT", _statement(), _derived(5, "page_1"),
     None),
    # failures and a document still waiting
    (_uuid(6), "unreadable", "failed", None, None, {},
     ("UNSUPPORTED_FORMAT", "Unsupported file format (expected JPEG, PNG, WebP, TIFF or PDF)")),
    (_uuid(7), "blank", "failed", "UNRECOGNISED", {"document_type": "UNRECOGNISED"}, {},
     ("UNRECOGNISED", "The document type could not be recognised")),
    (_uuid(8), "waiting", "queued", None, None, None, None),
    # an Aadhaar with the masked image's artifact but no number field (no link to add)
    (_uuid(9), "aadhaar-3", "done", "AADHAAR",
     {"document_type": "AADHAAR", "name": _field("MEERA K", 0.9)},
     _derived(9, "aadhaar_redacted"), None),
]
DOCSTREAM_DOCS: list[Row] = [
    (_uuid(21), "ds-aadhaar", "done", "AADHAAR", _aadhaar("RAHUL KUMAR", "7788"),
     _derived(21, "aadhaar_redacted"), None),
    (_uuid(22), "ds-pan", "done", "PAN", _pan("RAHUL KUMAR"), {}, None),
    (_uuid(23), "ds-waiting", "processing", None, None, None, None),
]
FLOW_DOCS: list[Row] = [
    (_uuid(31), "f-pan", "done", "PAN", _pan("RAHUL KUMAB"), _derived(31, "page_1"), None),
    (_uuid(32), "f-aadhaar", "done", "AADHAAR", _aadhaar("RAHUL KUMAR", "9012"),
     _derived(32, "aadhaar_redacted", "page_1"), None),
    (_uuid(33), "f-statement", "done", "BANK_STATEMENT", _statement(), {}, None),
    (_uuid(34), "f-blank", "failed", "UNRECOGNISED", {"document_type": "UNRECOGNISED"}, {},
     ("UNRECOGNISED", "The document type could not be recognised")),
]
# (file_uuid, field, value, previous value, reviewer): later rows of a field win
CORRECTIONS = [
    (_uuid(1), "name", "RAHUL KUMR", "RAHUL KUMAB", "asha"),
    (_uuid(1), "name", "RAHUL KUMAR", "RAHUL KUMR", "asha"),
    (_uuid(1), "date_of_birth", None, "15/08/1990", "ravi"),
    (_uuid(1), "aadhaar_number", "XXXX XXXX 9013", "XXXX XXXX 9012", "ravi"),
    (_uuid(3), "name_as_per_pan", "राहुल KUMAR", "RAHUL KUMAB", "asha"),
    (_uuid(5), "transactions[1].credit", "85,500.00", "85,000.00", "ravi"),
    (_uuid(5), "account_number", "XXXXXXXX4322", "XXXXXXXX4321", "ravi"),
    (_uuid(31), "name_as_per_pan", "RAHUL KUMAR", "RAHUL KUMAB", "asha"),
    (_uuid(32), "address", "12, M.G. Road, Pune 411001", "12, MG Road, Pune 411001", "ravi"),
    (_uuid(33), "transactions[0].narration", "UPI/RAHUL/PAYTM", "UPI/राहुल/PAYTM", "ravi"),
]


def _documents(batch_id: str, rows: list[Row], at: dt.datetime) -> list[StoredDocument]:
    out = []
    for position, (file_uuid, doc_id, status, doc_type, result, artifacts, error) in enumerate(
        rows
    ):
        final = status in ("done", "failed")
        out.append(
            StoredDocument(
                file_uuid=file_uuid,
                batch_id=batch_id,
                position=position,
                document_id=doc_id,
                file_url=f"https://docs.lender.example/{doc_id}.pdf",
                status=status,
                error_code=error[0] if error else None,
                error_message=error[1] if error else None,
                attempts=1 if status != "queued" else 0,
                completions=1 if final else 0,
                available_at=at,
                created_at=at,
                updated_at=at + dt.timedelta(seconds=30),
                finished_at=at + dt.timedelta(seconds=30) if final else None,
                original_stored_at=at + dt.timedelta(seconds=5) if status != "queued" else None,
                document_type=doc_type,
                result=result,
                artifacts=artifacts,
            )
        )
    return out


def _seed(settings: Settings, callback_url: str, auth_url: str) -> None:
    db = Database(settings.resolved_database_url())
    migrate.upgrade(db)
    with db.session() as s:
        s.add(Client(id=CLIENT_ID, name="Acme Finance", secret_hash=hash_secret(SECRET),
                     created_at=T0))
        s.flush()
        db_callbacks.get_or_create_secret(s, client_id=CLIENT_ID, now=T0, new=new_secret)
        s.add(Flow(flow_uuid=FLOW_UUID, client_id=CLIENT_ID, product_type="POC_CDL",
                   application_id="LOS-2291", auth_url=auth_url, callback_url=callback_url,
                   flow_params={"branch": "Pune", "रेफ़": [1, 2.5, None]}, auth_config=None,
                   completions=0, created_at=T0 + dt.timedelta(minutes=2),
                   updated_at=T0 + dt.timedelta(minutes=2)))
        batches = [
            (BULK, "bulk", "POC_CDL", None, BULK_DOCS, T0),
            (DOCSTREAM, "docstream", "PROD_CDL", None, DOCSTREAM_DOCS, T0 + dt.timedelta(minutes=1)),
            (FLOW_BATCH, "flow", "POC_CDL", FLOW_UUID, FLOW_DOCS, T0 + dt.timedelta(minutes=2)),
        ]
        for batch_id, family, product, flow_uuid, rows, at in batches:
            s.add(Batch(batch_id=batch_id, client_id=CLIENT_ID, product_type=product,
                        family=family, document_count=len(rows), created_at=at,
                        flow_uuid=flow_uuid))
            s.flush()
            s.add_all(_documents(batch_id, rows, at))
        s.flush()
        for i, (file_uuid, field, value, previous, reviewer) in enumerate(CORRECTIONS):
            s.add(Correction(file_uuid=file_uuid, client_id=CLIENT_ID, field=field, value=value,
                             previous_value=previous, reviewer=reviewer, original_sha256=None,
                             created_at=T0 + dt.timedelta(hours=1, minutes=i)))
        s.commit()
    db.dispose()


_LINK = re.compile(r"(?<=/v1/files/redacted/)[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


def _links_named(text: str, api: Api) -> str:
    """Each redact link's token, verified, written as ``<link:file_uuid:artifact>``."""
    links = api.client.app.state.services.links  # type: ignore[attr-defined]

    def name(m: re.Match[str]) -> str:
        claims = links.verify(m.group(0))
        assert claims.client_id == CLIENT_ID
        assert time.time() + 3500 < claims.expires_at <= time.time() + 3601
        return f"<link:{claims.file_uuid}:{claims.artifact}>"

    return _LINK.sub(name, text)


def _compare(name: str, body: bytes, api: Api) -> None:
    text = _links_named(body.decode("utf-8"), api)
    path = GOLDEN / f"{name}.json"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text + "\n" == expected, f"{name}: the wire format changed (golden {path.name})"


@pytest.fixture
def golden_api(tmp_path: Path) -> Any:
    with Receiver() as rx:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=tmp_path,
            database_url=None,
            fetch_allow_private="127.0.0.1",
            api=ApiSettings(signing_key=SIGNING_KEY, public_base_url=BASE_URL,
                            redact_link_ttl_seconds=3600),
            worker=WorkerSettings(count=0),
            storage=StorageSettings(retention_days=0),
            callbacks=CallbackSettings(poll_seconds=0.05, senders=1, retry_schedule=(0.05,)),
        )
        _seed(settings, rx.url("/cb"), rx.url("/auth"))
        app = create_app(settings, processor_factory=lambda: None)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield Api(client, settings), rx


def test_one_stored_result_on_every_surface(golden_api: Any) -> None:
    api, rx = golden_api
    (call,) = rx.wait_for("/cb", 1, timeout=20)  # the flow completes, its callback goes out
    _compare("callback", call.body, api)
    # The completion's own time is the only value of the flow that depends on the clock.
    services = api.client.app.state.services
    with services.db.session() as s:
        s.get(Flow, FLOW_UUID).completed_at = T0 + dt.timedelta(hours=3)
        s.commit()
    token = api.token((CLIENT_ID, SECRET))
    headers = {"Token": token}
    surfaces = {
        "bulk_extracts": f"/v1/bulk/extracts?batch_id={BULK}",
        "bulk_extracts_page_2": f"/v1/bulk/extracts?batch_id={BULK}&page=2&per_page=4",
        "docstream_extracts": f"/v1/docstream/extracts?batch_id={DOCSTREAM}",
        "flow_extracts": f"/v3/verification/extracts?flow_uuid={FLOW_UUID}",
        "flow_status": f"/v3/verification/status?flow_uuid={FLOW_UUID}",
        "console_batches": "/v1/console/batches",
        "console_batch_documents": f"/v1/console/batches/{BULK}/documents",
        "console_batch_documents_low": f"/v1/console/batches/{BULK}/documents?low_confidence=true",
        "console_flow_documents": f"/v1/console/flows/{FLOW_UUID}/documents?failed=true",
        "console_document_aadhaar": f"/v1/console/documents/{_uuid(1)}",
        "console_document_statement": f"/v1/console/documents/{_uuid(5)}",
        "console_document_flow": f"/v1/console/documents/{_uuid(32)}",
        "corrections_export": "/v1/corrections/export",
    }
    for name, path in surfaces.items():
        r = api.client.get(path, headers=headers)
        assert r.status_code == 200, (name, r.text)
        _compare(name, r.content, api)
    # A correction's answer, and the document as every surface shows it afterwards.
    r = api.client.put(f"/v1/files/{_uuid(2)}/fields/aadhaar_number", headers=headers,
                       json={"value": "2345 6789 4456", "reviewer": "golden"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body.pop("corrected_at").endswith("Z")
    assert body == {"file_uuid": _uuid(2), "field": "aadhaar_number", "value": "XXXX XXXX 4456",
                    "previous_value": "XXXX XXXX 4455", "reviewer": "golden"}
    r = api.client.get(f"/v1/bulk/extracts?batch_id={BULK}&per_page=2", headers=headers)
    _compare("bulk_extracts_after_correction", r.content, api)


def test_the_regeneration_flag_is_off() -> None:
    """Golden files are rewritten only on purpose; a run that leaves the flag on fails."""
    assert not REGENERATE, "unset KAGAZ_GEN_TEST_DATA: the golden files were just rewritten"
