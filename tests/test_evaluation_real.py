"""The real-document corpus's scoring and report section, with a fake engine (no OCR)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kagaz.evaluation.__main__ import main, real_dir, repo_root
from kagaz.evaluation.real import SOURCE, load_real, render_line, render_section, summarise_real
from kagaz.evaluation.runner import run_jobs
from kagaz.evaluation.scoring import SCHEMA

TYPES = tuple(SCHEMA)


@dataclass
class Field:
    value: Any
    confidence_score: float


@dataclass
class Result:
    document_type: str | None
    fields: dict[str, Field] = field(default_factory=dict)
    error_code: str | None = None


ROWS = [{"date": "01/04/2024", "description": "UPI/ZOMATO", "debit": "250.00", "credit": "",
         "balance": "1,59,750.00"},
        {"date": "02/04/2024", "description": "NEFT SALARY", "debit": "", "credit": "50,000.00",
         "balance": "2,09,750.00"}]
ANSWERS = {
    "docs/inv.pdf": Result("INVOICE", {
        "invoice_number": Field("INV-7", 0.95), "invoice_date": Field("05/01/2024", 0.9),
        "total_amount": Field("1,180.00", 0.9), "seller_gstin": Field("27AAAAA0000A1Z5", 0.9)}),
    "docs/inv2.png": Result(None, {}, "UNRECOGNISED"),
    "docs/stmt.pdf": Result("BANK_STATEMENT", {
        "account_number": Field("XXXX1234", 0.9),
        "transactions": Field([ROWS[0], {**ROWS[1], "credit": "5,000.00"}], 0.8)}),
    "docs/receipt.pdf": Result("INVOICE", {"seller_gstin": Field("06AABCO6063D1ZQ", 0.7),
                                           "total_amount": Field("1939", 0.7)}),
    "docs/letter.pdf": Result(None, {}, "UNRECOGNISED"),
}
TRUTH = [
    {"file": "docs/inv.pdf", "document_type": "INVOICE",
     "fields": {"invoice_number": "INV-7", "invoice_date": "05/01/2024", "total_amount": "1180.00",
                "seller_gstin": "27AAAAA0000A1Z5"}},
    {"file": "docs/inv2.png", "document_type": "INVOICE",
     "fields": {"invoice_number": "A/12", "total_amount": "99.00"}},
    {"file": "docs/stmt.pdf", "document_type": "BANK_STATEMENT",
     "fields": {"account_number": "XXXX1234", "transactions": ROWS}},
    {"file": "docs/receipt.pdf", "document_type": "OTHER", "fields": {}},
    {"file": "docs/letter.pdf", "document_type": "OTHER", "fields": {}},
    {"file": "docs/missing.pdf", "document_type": "OTHER", "fields": {}},  # no such file: skipped
]


class FakeEngine:
    def process(self, data: bytes, filename: str | None = None) -> Result:
        return ANSWERS[filename or ""]


def fake_factory() -> FakeEngine:
    return FakeEngine()


def _corpus(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    for row in TRUTH[:-1]:
        (root / row["file"]).write_bytes(b"not really a document")
    (root / "truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in TRUTH))
    return root


def _summary(tmp_path: Path):
    jobs = load_real(_corpus(tmp_path / "real"))
    assert [j.source for j in jobs] == [SOURCE] * 5 and jobs[0].name == "docs/inv.pdf"
    records = run_jobs(jobs, fake_factory, workers=1)
    rs = summarise_real(records, TYPES, "tests/real")
    assert rs is not None
    return rs


def test_headline_counts(tmp_path: Path) -> None:
    rs = _summary(tmp_path)
    assert (rs.summary.classification.hits, rs.summary.classification.n) == (3, 5)
    assert (rs.recognised("INVOICE").hits, rs.recognised("INVOICE").n) == (1, 2)
    assert (rs.recognised("BANK_STATEMENT").hits, rs.recognised("BANK_STATEMENT").n) == (1, 1)
    inv_no = rs.field_rate("INVOICE", "invoice_number")
    assert (inv_no.hits, inv_no.n) == (1, 2)  # the unrecognised invoice's number is a miss
    assert (rs.field_rate("INVOICE", "total_amount").hits) == 1  # "1,180.00" = "1180.00"
    assert (rs.rows.truth, rs.rows.exact, rs.rows.returned) == (2, 1, 2)
    assert (rs.identifiers.hits, rs.identifiers.n) == (3, 4)  # number, GSTIN, account; A/12 missed
    # the receipt came out as an invoice with a GSTIN: counted; its amount is no identifier
    assert [(o.file, o.answered, o.name, o.value) for o in rs.other_identifiers] == [
        ("docs/receipt.pdf", "INVOICE", "seller_gstin", "06AABCO6063D1ZQ")]
    assert rs.other_docs_with_identifiers == 1 and len(rs.other_docs) == 2


def test_section_and_terminal_line(tmp_path: Path) -> None:
    rs = _summary(tmp_path)
    md = "\n".join(render_section(rs))
    for needle in ("## Real documents (tests/real)", "- classification: 60.0% (3/5)",
                   "- invoices recognised: 50.0% (1/2)",
                   "- bank statements recognised: 100.0% (1/1)",
                   "- transaction rows exactly right: 50.0% (1/2)",
                   "- identifiers exact: 75.0% (3/4)",
                   "- identifiers returned on documents of other types (target 0): 1 on 1 of 2",
                   "| docs/receipt.pdf | INVOICE | seller_gstin | 06AABCO6063D1ZQ | 0.70 |",
                   "| docs/inv2.png | INVOICE | OTHER | 0/2 |", "UNRECOGNISED",
                   "Transaction rows: 2 in truth, 2 returned, 1 exactly right"):
        assert needle in md, needle
    line = render_line(rs)
    assert line.startswith("real (tests/real): 5 documents")
    assert "identifiers returned on documents of other types (target 0) 1 on 1" in line


def test_no_real_records_means_no_section() -> None:
    assert summarise_real([], TYPES) is None


def test_main_runs_the_real_corpus(tmp_path: Path, capsys) -> None:
    corpus = _corpus(tmp_path / "real")
    out = tmp_path / "accuracy.md"
    argv = ["--synthetic-per-type", "0", "--business-per-type", "0", "--digital-per-type", "0",
            "--samples", "none", "--real", str(corpus), "--out", str(out), "--workers", "1"]
    assert main(argv, factory=fake_factory) == 0
    md = out.read_text()
    # shown relative to the repository when it lies inside it (the test run's basetemp may)
    shown = corpus.relative_to(repo_root()) if corpus.is_relative_to(repo_root()) else corpus
    assert f"## Real documents ({shown})" in md and "- classification: 60.0% (3/5)" in md
    assert "real (" in capsys.readouterr().out
    argv[argv.index(str(corpus))] = "none"
    assert main(argv, factory=fake_factory) == 0
    assert "## Real documents" not in out.read_text()


def test_default_corpus_is_tests_real() -> None:
    class Args:
        real = None

    default = real_dir(Args())
    assert default is not None and default.parts[-2:] == ("tests", "real")
    Args.real = Path("none")
    assert real_dir(Args()) is None
