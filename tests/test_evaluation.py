"""The evaluation harness, with a fake engine that returns canned answers (no OCR)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kagaz.evaluation.__main__ import main
from kagaz.evaluation.report import Meta, render_markdown, render_stdout, targets
from kagaz.evaluation.runner import Job, run_jobs
from kagaz.evaluation.scoring import (
    DocRecord, address_similarity, expected_label, score_document, summarise,
)


@dataclass
class FakeField:
    value: Any
    confidence_score: float


@dataclass
class FakeResult:
    document_type: str | None
    fields: dict[str, FakeField] = field(default_factory=dict)
    error_code: str | None = None


CANNED: dict[str, FakeResult] = {
    "pan.png": FakeResult("PAN", {
        "pan_number": FakeField("ABCPS1234K", 0.99),
        "name_as_per_pan": FakeField("Ravi  Sharma ", 0.96),  # spacing differs: still exact
        "father_name": FakeField("RAM SHARMA", 0.93),  # case differs: only case-insensitive
        "dob": FakeField("01/02/1990", 0.97),
        "document_quality_flag": FakeField("original", 0.8),  # not a truth field: unscored
    }),
    "aadhaar.png": FakeResult("AADHAAR", {
        "aadhaar_number": FakeField("234567890124", 0.99),
        "address": FakeField("H No 42 Gandhi Nagar, Delhi 110085", 0.9),
        "formatted_address": FakeField({"city": "Delhi", "postcode": "110085"}, 0.88),
        "date_of_birth": FakeField("09/09/1999", 0.92),  # not printed: invented
    }),
    "letter.pdf": FakeResult("PAN", {"pan_number": FakeField("ABCPS1234K", 0.6)}),
    "blank.png": FakeResult(None, {}, "UNRECOGNISED"),
}


class FakeEngine:
    def process(self, data: bytes, filename: str | None = None) -> FakeResult:
        if filename == "boom.png":
            raise RuntimeError("engine bug")
        return CANNED.get(filename or "", FakeResult(None, {}, "UNRECOGNISED"))


def fake_factory() -> FakeEngine:
    return FakeEngine()


TRUTH = {
    "pan.png": ("PAN", {"pan_number": "ABCPS1234K", "name_as_per_pan": "Ravi Sharma",
                        "father_name": "Ram Sharma", "dob": "01/02/1990"}),
    "aadhaar.png": ("AADHAAR", {"aadhaar_number": "234567890124",
                                "address": "H.No 42, Gandhi Nagar, Delhi - 110085",
                                "postcode": "110085"}),
    "letter.pdf": ("OTHER", {}),
    "blank.png": ("OTHER", {}),
    "boom.png": ("VOTER_ID", {"voter_id": "ABC1234567"}),
}


def _jobs(tmp_path: Path) -> list[Job]:
    jobs = []
    for name, (doc_type, truth) in TRUTH.items():
        path = tmp_path / name
        path.write_bytes(b"not really an image")
        jobs.append(Job("synthetic", str(path), name, doc_type, truth, "x", "clean"))
    return jobs


def _scores(tmp_path: Path):
    records = run_jobs(_jobs(tmp_path), fake_factory, workers=1)
    return {r.file: score_document(r, True) for r in records}


def test_exact_and_case_insensitive_matching(tmp_path: Path) -> None:
    pan = _scores(tmp_path)["pan.png"]
    by = {f.name: f for f in pan.fields}
    assert pan.classified
    assert by["pan_number"].correct and by["dob"].correct
    assert by["name_as_per_pan"].correct  # whitespace collapsed and trimmed
    assert not by["father_name"].correct and by["father_name"].case_insensitive
    assert pan.unscored == ["document_quality_flag"] and pan.invented == []


def test_address_similarity_postcode_lookup_and_invented(tmp_path: Path) -> None:
    doc = _scores(tmp_path)["aadhaar.png"]
    by = {f.name: f for f in doc.fields}
    assert by["address"].correct and by["address"].similarity == pytest.approx(1.0)
    assert by["postcode"].correct and by["postcode"].confidence == pytest.approx(0.88)
    assert doc.invented == [("date_of_birth", 0.92)]
    assert address_similarity("Flat 604, Sunrise Apartments, Mumbai - 400069",
                              "Flat 604 Sunrise Apts Mumbai 400069") < 0.95
    assert address_similarity("a b c", "x y z") < 0.9


def test_classification_of_other_and_errors(tmp_path: Path) -> None:
    scores = _scores(tmp_path)
    assert scores["blank.png"].classified
    letter = scores["letter.pdf"]
    assert not letter.classified and letter.got == "PAN"
    assert letter.invented == [("pan_number", 0.6)]  # every field on a wrong type is invented
    boom = scores["boom.png"]
    assert boom.rec.exception and boom.got == "OTHER" and not boom.classified
    assert boom.fields[0].predicted is None and not boom.fields[0].correct


def test_unsupported_types_must_be_unrecognised() -> None:
    rec = DocRecord("samples", "gst.png", "GST_CERT", {"gst_number": "X"}, predicted_type=None)
    assert expected_label(rec) == "OTHER"
    score = score_document(rec, False)
    assert score.classified and score.fields == []  # its fields are not checked
    rec.predicted_type = "GST_CERT"
    assert expected_label(rec) == "GST_CERT"
    assert [f.name for f in score_document(rec, False).fields] == ["gst_number"]


def test_calibration_bins_and_targets(tmp_path: Path) -> None:
    s = summarise(list(_scores(tmp_path).values()))
    counts = [b.n for b in s.calibration]
    # 0.6 invented → bin 1; 0.88 postcode → bin 3; 0.9, 0.92 (invented), 0.93 → bin 4;
    # 0.96, 0.97, 0.99, 0.99 → bin 5
    assert counts == [0, 1, 0, 1, 3, 4]
    assert s.calibration[4].hits == 1  # address right, invented DOB and father's case wrong
    assert s.confident(0.9).n == 7 and s.confident(0.9).hits == 5
    assert s.classification.n == 5 and s.classification.hits == 3
    assert s.invented == {"date_of_birth": 1, "pan_number": 1}
    verdicts = {t.label: t.verdict for t in targets(s)}
    assert verdicts["classification"] == "FAIL"
    assert verdicts["addresses (similarity ≥ 0.9)"] == "PASS"
    assert s.fields_ci["father_name"].hits == 1 and s.fields["father_name"].hits == 0


def test_report_rendering(tmp_path: Path) -> None:
    s = summarise(list(_scores(tmp_path).values()))
    meta = Meta("python -m kagaz.evaluation --x", "2025-01-01 00:00 UTC", "Test CPU, 2 cores",
                "5 documents", "skipped")
    md = render_markdown(meta, s, s)
    for needle in ("# kagaz accuracy report", "FAIL classification",
                   "FAIL identifiers exact: 66.7% (2/3)",
                   "fields with confidence ≥ 0.9: 7, correct 71.4%", "| 0.95–1.00 | 4 |",
                   "## Real samples", "mean similarity 1.000", "RuntimeError: engine bug",
                   "| PAN |", "Invented fields"):
        assert needle in md, needle
    out = render_stdout(s, None)
    assert "synthetic: 5 documents" in out and "FAIL classification" in out


def test_process_pool_path(tmp_path: Path) -> None:
    records = run_jobs(_jobs(tmp_path), fake_factory, workers=2)
    assert [r.file for r in records] == list(TRUTH)
    assert records[0].predicted["pan_number"] == ("ABCPS1234K", 0.99)


def test_main_end_to_end_with_fake_engine(tmp_path: Path, capsys) -> None:
    out = tmp_path / "accuracy.md"
    raw = tmp_path / "raw.jsonl"
    argv = ["--synthetic-per-type", "1", "--variants", "clean", "--samples", "none",
            "--out", str(out), "--json", str(raw), "--workers", "1"]
    assert main(argv, factory=fake_factory) == 0
    text = out.read_text()
    assert "--synthetic-per-type 1" in text and "Machine:" in text
    assert len(raw.read_text().splitlines()) == 6
    assert "synthetic: 6 documents" in capsys.readouterr().out
