"""/healthz, /readyz (which dependency failed) and /metrics; pre-signed S3 redact links."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from api_helpers import Api, make_settings, pan_pdf
from test_api_redact import MASKED_PNG, aadhaar_processor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scaleout"))

from scaleout_helpers import fresh_postgres, make_bucket, moto_s3  # noqa: E402

from kagaz.settings import StorageSettings  # noqa: E402

pytest_plugins = ["api_helpers"]  # fixtures: doc_server, settings, make_api, api


def _metric(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        m = re.fullmatch(rf"{re.escape(name)}(?:\{{(.*)\}})? (\S+)", line)
        if m and ",".join(sorted((m.group(1) or "").split(","))) == wanted:
            return float(m.group(2))
    return 0.0


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    r = api.client.get("/readyz")
    assert r.status_code == 200
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "storage": "ok"}}
    shutil.rmtree(api.settings.data_dir / "files")
    r = api.client.get("/readyz")
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    body = r.json()
    assert body["checks"] == {"database": "ok", "storage": "failed: StorageError"}
    assert body["error_code"] == "503" and "storage" in body["error_message"]


def test_readiness_names_a_lost_database(make_api: Any, tmp_path: Path) -> None:
    with fresh_postgres() as url:
        api = make_api(make_settings(tmp_path, database_url=url, worker={"count": 0}))
        assert api.client.get("/readyz").status_code == 200
        admin = sa.create_engine(url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()
        r = api.client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"]["database"].startswith("failed: ")
    assert r.json()["checks"]["storage"] == "ok"


def test_readiness_names_an_unreachable_broker(make_api: Any, tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, queue="celery", broker_url="redis://127.0.0.1:1/0", worker={"count": 0}
    )
    api = make_api(settings)
    r = api.client.get("/readyz")
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert checks["database"] == "ok" and checks["storage"] == "ok"
    assert checks["broker"].startswith("failed: ")
    # Uploads are still accepted: the documents are durable and wait for the broker.
    creds = api.new_client()
    rows = api.upload(api.token(creds), ["https://x.example/a.pdf"])
    assert len(rows) == 1


def test_metrics(api: Api, doc_server: Any) -> None:
    before = api.client.get("/metrics").text
    token = api.token(api.new_client())
    rows = api.upload(token, [doc_server.add("/p.pdf", pan_pdf()), doc_server.url("/missing.pdf")])
    items = api.wait_final(token, rows[0]["batch_id"])
    assert [i["status"] for i in items] == ["done", "failed"]
    r = api.client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    after = r.text

    def delta(name: str, **labels: str) -> float:
        return _metric(after, name, **labels) - _metric(before, name, **labels)

    assert delta("kagaz_documents_accepted_total", family="bulk") == 2
    assert delta("kagaz_documents_finished_total", status="done", document_type="PAN") == 1
    assert delta("kagaz_documents_finished_total", status="failed", document_type="none") == 1
    assert delta("kagaz_fetch_failures_total", error_code="FETCH_FAILED") == 1
    assert delta("kagaz_processing_seconds_count", document_type="PAN") == 1
    assert _metric(after, "kagaz_queue_depth", state="queued") == 0
    assert 'kagaz_queue_depth{state="processing"}' in after
    assert "kagaz_broker_messages" not in after  # no broker with the local queue


def test_presigned_redact_links(make_api: Any, tmp_path: Path, doc_server: Any) -> None:
    with moto_s3() as endpoint:
        make_bucket(endpoint, "kagaz-redact")
        storage = StorageSettings(
            s3_endpoint_url=endpoint,
            s3_region="ap-south-1",
            s3_access_key_id="testing",
            s3_secret_access_key="testing",  # type: ignore[arg-type]
            s3_addressing_style="path",
            redact_links="presigned",
            presign_expiry_seconds=120,
        )
        api = make_api(
            make_settings(tmp_path, storage_url="s3://kagaz-redact/k", storage=storage),
            processor_factory=lambda: aadhaar_processor,
        )
        token = api.token(api.new_client())
        rows = api.upload(token, [doc_server.add("/a.pdf", pan_pdf())])
        (item,) = api.wait_final(token, rows[0]["batch_id"])
        url = item["file_data"]["aadhaar_number"]["redact_url"]
        assert url.startswith(f"{endpoint}/kagaz-redact/k/derived/")
        assert "X-Amz-Expires=120" in url
        image = httpx.get(url)
        assert image.status_code == 200 and image.content == MASKED_PNG
        assert item["file_data"]["aadhaar_number"]["value"] == "XXXX XXXX 9012"
