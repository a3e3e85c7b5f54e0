"""Corrections exported by the API become truth.jsonl rows the evaluation reads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kagaz.evaluation.runner import load_samples
from kagaz.evaluation.truth import main


def test_export_becomes_samples_truth(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    samples = tmp_path / "samples"
    (samples / "docs").mkdir(parents=True)
    (samples / "docs" / "pan.pdf").write_bytes(b"%PDF-1.4 pan")
    sha = hashlib.sha256(b"%PDF-1.4 pan").hexdigest()
    export = tmp_path / "corrections.jsonl"
    export.write_text("\n".join(json.dumps(r) for r in [
        {"file_uuid": "u1", "document_type": "PAN", "field": "name_as_per_pan", "value": "RAHUL K SINGH",
         "original_sha256": sha},
        {"file_uuid": "u1", "document_type": "PAN", "field": "dob", "value": None, "original_sha256": sha},
        {"file_uuid": "u2", "document_type": "PAN", "field": "dob", "value": "01/01/1990",
         "original_sha256": "0" * 64},  # the file is not in the folder
    ]) + "\n")
    assert main([str(export), str(samples)]) == 0
    (samples / "truth.jsonl").write_text(capsys.readouterr().out)
    (job,) = load_samples(samples)
    assert job.name == "docs/pan.pdf" and job.expected_type == "PAN"
    assert job.truth == {"name_as_per_pan": "RAHUL K SINGH"}
