"""After a realistic session, the database, the data directory and the logs hold no full Aadhaar
number, no client secret and no access token (kagaz.security.scan, the same scan as
``make scan-secrets``)."""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_helpers import Api, add_client, make_settings, text_pdf  # noqa: E402

from kagaz.api import create_app  # noqa: E402
from kagaz.fetch.testing import DocServer  # noqa: E402
from kagaz.observability.logs import configure_logging  # noqa: E402
from kagaz.ocr.fake import FakeOcrEngine  # noqa: E402
from kagaz.pipeline import Engine  # noqa: E402
from kagaz.security.scan import main, scan_bytes, scan_database, scan_paths  # noqa: E402
from kagaz.settings import EngineSettings  # noqa: E402

AADHAAR = "726018159082"  # Verhoeff-valid, synthetic
FORMS = [AADHAAR, f"{AADHAAR[:4]} {AADHAAR[4:8]} {AADHAAR[8:]}", f"{AADHAAR[:4]}-{AADHAAR[4:8]}-{AADHAAR[8:]}"]


def aadhaar_pdf() -> bytes:
    return text_pdf(
        [
            "Government of India",
            "RAHUL KUMAR",
            "DOB: 15/08/1990",
            "Male",
            FORMS[1],
            "Aadhaar - Aam Aadmi ka Adhikar",
        ]
    )


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The project's logging (JSON lines, every logger, debug level) into a file."""
    path = tmp_path / "logs" / "kagaz.log"
    path.parent.mkdir()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    with path.open("w") as stream:
        handler = configure_logging("json", "debug", stream=stream)
        try:
            yield path
        finally:
            handler.flush()
            root.removeHandler(handler)
            for h in saved[0]:
                root.addHandler(h)
            root.setLevel(saved[1])


def test_no_secret_or_full_aadhaar_at_rest(tmp_path: Path, log_file: Path) -> None:
    data_dir = tmp_path / "data"
    settings = make_settings(data_dir)
    engine = Engine(EngineSettings(devanagari=False), ocr=FakeOcrEngine([]))
    with DocServer("127.0.0.1") as docs, TestClient(
        create_app(settings, processor_factory=lambda: engine.process)
    ) as client:
        api = Api(client, settings)
        cid, secret = add_client(settings, "lender")
        bad = client.post("/v1/bulk/authtoken", headers={"Client-Id": cid, "Client-Secret": secret[:-1] + "x"})
        assert bad.status_code == 401
        token = api.token((cid, secret))
        url = docs.add("/kyc/aadhaar.pdf", aadhaar_pdf())
        rows = api.upload(token, [url + "?X-Amz-Signature=abcdef0123456789&X-Amz-Credential=AKIAEXAMPLE"])
        (item,) = api.wait_final(token, rows[0]["batch_id"])
        # The number was really read (else this test would prove nothing) and answered masked.
        assert item["status"] == "done", item
        assert item["file_data"]["document_type"] == "AADHAAR"
        field = item["file_data"]["aadhaar_number"]
        assert field["value"] == "XXXX XXXX 9082"
        image = client.get(urlsplit(field["redact_url"]).path)
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
        with_token_in_query = client.get("/v1/bulk/extracts", params={"batch_id": rows[0]["batch_id"], "token": token})
        assert with_token_in_query.status_code == 401
    logging.getLogger().handlers[0].flush()

    log_text = log_file.read_text()
    assert "batch accepted" in log_text and rows[0]["batch_id"] in log_text  # logs were captured
    assert list(data_dir.rglob("originals/*/*/*/*")), "the original was stored (and is skipped)"
    assert list(data_dir.rglob("derived/*/*")), "derived images were stored (and are scanned)"
    needles = [v.encode() for v in (*FORMS, secret, token, token.split(".")[2])]
    found = scan_paths([data_dir, log_file], needles)
    found += scan_database(settings.resolved_database_url(), needles)
    assert found == [], [str(f) for f in found]
    # The command-line form (make scan-secrets) agrees.
    args = ["--path", str(data_dir), "--path", str(log_file), "--database-url", settings.resolved_database_url()]
    # "--needle=VALUE": a token's base64url signature may start with "-", which argparse would
    # otherwise take for an option (1 run in 64 failed so)
    assert main([*args, *(f"--needle={n.decode()}" for n in needles)]) == 0


def test_the_scan_finds_what_it_looks_for() -> None:
    """The negative result above means something: each kind of secret is found when present.
    (Planted outside pytest's basetemp, which ``make scan-secrets`` scans after a test run.)"""
    with tempfile.TemporaryDirectory(prefix="kagaz-planted-") as tmp:
        _planted(Path(tmp))


def _planted(tmp_path: Path) -> None:
    jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrY18xMjM0NTY3ODkwIn0.dGhpc2lzYXNpZ25hdHVyZWZvcnRlc3Rpbmc"
    secret = "ks_" + "A" * 43
    planted = tmp_path / "dir" / "nested.log"
    planted.parent.mkdir()
    planted.write_bytes(b"x" * 9_000_000 + f"aadhaar {FORMS[2]} {secret} {jwt}".encode())
    (tmp_path / "dir" / "wide.bin").write_bytes("needle-value".encode("utf-16-le"))
    originals = tmp_path / "dir" / "originals"
    originals.mkdir()
    (originals / "doc.pdf").write_bytes(FORMS[0].encode())
    kinds = sorted(f.kind for f in scan_paths([tmp_path / "dir"], [b"needle-value"]))
    assert kinds == ["aadhaar", "client_secret", "needle", "token"]
    assert len(scan_paths([tmp_path / "dir"], originals=True)) == 4
    assert scan_bytes(b"7260 1815 9083", "x") == []  # fails Verhoeff: not an Aadhaar number
    assert main(["--path", str(planted)]) == 1


def test_bank_references_and_excluded_synthetic_truth_are_not_findings() -> None:
    # a Verhoeff-valid 12-digit reference inside a narration is no Aadhaar number
    narration = b'"description":"BY TRANSFER-NEFT*OM SAI MOTORS*298404935897","x":"UPI/DR/298404935897/A"'
    assert scan_bytes(narration, "x") == []
    assert [f.kind for f in scan_bytes(b'"aadhaar_number":"298404935897"', "x")] == ["aadhaar"]
    with tempfile.TemporaryDirectory(prefix="kagaz-planted-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        (corpus / "truth.jsonl").write_text('{"aadhaar_number": "2984 0493 5897"}\n')
        assert len(scan_paths([corpus])) == 1
        assert scan_paths([corpus], exclude=["*/truth.jsonl"]) == []
