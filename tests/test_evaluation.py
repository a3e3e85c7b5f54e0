"""The evaluation harness, with a fake engine that returns canned answers (no OCR)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kagaz.doctypes import registry
from kagaz.evaluation import __main__ as cli
from kagaz.evaluation.__main__ import main, plan_types
from kagaz.evaluation.list_fields import TABLES, align_rows, score_set, score_table
from kagaz.evaluation.pooling import summarise
from kagaz.evaluation.report import Meta, render_markdown, render_stdout
from kagaz.evaluation.runner import Job, count_pages, run_jobs
from kagaz.evaluation.scoring import (
    BUSINESS_TYPES, IDENTITY_TYPES, SCHEMA, DocRecord, available_types, category, expected_label, score_document,
)
from kagaz.evaluation.targets import business_targets, targets
from kagaz.evaluation.values import address_similarity, amount, amounts_equal

ALL_TYPES = tuple(SCHEMA)


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
    return {r.file: score_document(r, True, ALL_TYPES) for r in records}


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
    assert expected_label(rec, IDENTITY_TYPES) == "OTHER"
    score = score_document(rec, False, IDENTITY_TYPES)
    assert score.classified and score.fields == []  # its fields are not checked
    rec.predicted_type = "GST_CERT"
    assert expected_label(rec, IDENTITY_TYPES) == "GST_CERT"
    assert [f.name for f in score_document(rec, False, IDENTITY_TYPES).fields] == ["gst_number"]
    # once the generator makes the type, the engine must name it
    rec.predicted_type = None
    assert expected_label(rec, (*IDENTITY_TYPES, "GST_CERT")) == "GST_CERT"
    assert not score_document(rec, False, (*IDENTITY_TYPES, "GST_CERT")).classified


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
            "--real", "none",
            "--out", str(out), "--json", str(raw), "--workers", "1", "--business-per-type", "0",
            "--types", ",".join([*IDENTITY_TYPES, "OTHER"])]
    assert main(argv, factory=fake_factory) == 0
    text = out.read_text()
    assert "--synthetic-per-type 1" in text and "Machine:" in text
    assert len(raw.read_text().splitlines()) == 6
    assert "synthetic: 6 documents" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------
# business documents: amounts, tables, code lists, types without a generator, the report


def test_amount_normalisation() -> None:
    assert amount("1,23,456.78") == amount("123456.78") == amount("123456.780")
    assert amounts_equal("1,23,456.78", "123456.78")
    assert amounts_equal("123456.80", "123456.8") and amounts_equal("₹ 1,500", "1500.00")
    assert amounts_equal("Rs. 2,00,000/-", "200000") and amounts_equal("(10.00)", "-10")
    assert not amounts_equal("123456.78", "123456.87")
    assert amount("12,34O.5O") is None and amount("") is None and amount(None) is None
    assert category("total_amount") == "amount" and category("total_employees") == "other"
    assert category("seller_gstin") == "identifier" and category("statement_period_to") == "date"
    assert category("property_address") == "address" and category("financier_name") == "name"
    assert category("transactions") == "table" and category("nic_codes") == "list"


def _txn(date: str, desc: str, debit: str | None, credit: str | None, bal: str,
         conf: float | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"date": date, "description": desc, "debit": debit, "credit": credit,
                           "balance": bal}
    if conf is not None:
        row["confidence_score"] = conf
    return row


TXN_TRUTH = [
    _txn("01/04/2024", "OPENING NEFT", None, "1,000.00", "1000.00"),
    _txn("02/04/2024", "UPI/ZOMATO", "250.00", None, "750.00"),
    _txn("03/04/2024", "ATM  WDL", "100.00", None, "650.00"),
    _txn("04/04/2024", "SALARY APR", None, "5000.00", "5650.00"),
    _txn("05/04/2024", "EMI HDFC", "1500.00", None, "4150.00"),
]
TXN_ANSWER = [
    _txn("01/04/2024", "OPENING NEFT", "", "1000.00", "1000.00", 0.99),
    _txn("02/04/2024", "UPI/ZOMATO", "250", "0.00", "750.0", 0.98),
    # 03/04 missing
    _txn("04/04/2024", "SALARY APR", None, "5000.00", "5650.00", 0.97),
    _txn("04/04/2024", "PAGE TOTAL", None, None, "5650.00", 0.6),  # extra
    _txn("05/04/2024", "EMI HDFC", "1500.00", None, "4105.00", 0.93),  # wrong balance
]


def test_transactions_alignment_missing_extra_and_wrong_balance() -> None:
    pairs = align_rows(TXN_TRUTH, TXN_ANSWER, TABLES["transactions"])
    assert pairs == [(0, 0), (1, 1), (2, None), (3, 2), (None, 3), (4, 4)]
    t = score_table("transactions", TXN_TRUTH, TXN_ANSWER, 0.6)
    assert (t.truth_rows, t.returned, t.exact, t.missing, t.extra) == (5, 5, 3, 1, 1)
    assert t.paired_wrong == 1 and not t.perfect
    wrong = [p for p in t.rows if p.truth == 4][0]
    assert wrong.wrong_columns == ("balance",) and wrong.description_ok is True
    assert wrong.confidence == pytest.approx(0.93)
    assert t.description == (4, 4)
    # descriptions are compared after collapsing whitespace, but not fixed otherwise
    t2 = score_table("transactions", TXN_TRUTH[2:3], [_txn("03/04/2024", "ATM WDL", "100", None,
                                                           "650")], 0.9)
    assert t2.exact == 1
    t3 = score_table("transactions", TXN_TRUTH[2:3], [_txn("03/04/2024", "ATM WD1", "100", None,
                                                           "650")], 0.9)
    assert t3.exact == 0 and t3.description == (0, 1) and t3.missing == 0
    # nothing returned: every row missing
    t4 = score_table("transactions", TXN_TRUTH, None, None)
    assert (t4.missing, t4.extra, t4.exact) == (5, 0, 0)


def test_line_items_alignment() -> None:
    truth = [{"description": "Fan", "hsn": "8414", "quantity": "2", "rate": "3323.66",
              "amount": "6647.32"},
             {"description": "LED Bulb", "hsn": "8539", "quantity": "2", "rate": "364.69",
              "amount": "729.38"}]
    answer = [{"description": "Fan", "hsn": "8414", "quantity": "2.00", "rate": "3,323.66",
               "amount": "6647.32", "confidence_score": 0.95},
              {"description": "LED Bu1b", "hsn": "8539", "quantity": "2", "rate": "364.69",
               "amount": "729.38", "confidence_score": 0.9}]
    t = score_table("line_items", truth, answer, 0.9)
    assert (t.exact, t.missing, t.extra, t.paired_wrong) == (1, 0, 0, 1)


def test_code_lists_as_sets() -> None:
    s = score_set("serial_numbers", ["IMEI1", "IMEI2", "IMEI3"], ["IMEI2", "IMEI1", "IMEI9"])
    assert not s.exact and s.hits == 2
    assert score_set("nic_codes", ["62011", "47411"], "47411, 62011").exact
    rec = DocRecord("synthetic", "u.pdf", "UDYAM_CERT",
                    {"udyam_number": "UDYAM-MH-01-0000001", "nic_codes": ["62011", "47411"]},
                    variant="pdf_text", predicted_type="UDYAM_CERT",
                    predicted={"udyam_number": ("UDYAM-MH-01-0000001", 0.99),
                               "nic_codes": (["47411"], 0.8)})
    d = score_document(rec, True, ALL_TYPES)
    by = {f.name: f for f in d.fields}
    assert by["udyam_number"].correct and not by["nic_codes"].correct
    s2 = summarise([d])
    totals = s2.sets["nic_codes"]
    assert totals.precision == 1.0 and totals.recall == 0.5 and totals.exact == 0
    assert s2.calibration[3].n == 1 and s2.calibration[3].hits == 0  # the list's 0.8, wrong


def test_types_without_a_generator_are_skipped() -> None:
    assert available_types(["PAN", "BANK_STATEMENT", "OTHER"]) == ("PAN", "BANK_STATEMENT")
    # every registered type, each in the group it declares (no list of types of our own)
    assert set(SCHEMA) == set(registry()) == {*IDENTITY_TYPES, *BUSINESS_TYPES}
    assert not set(IDENTITY_TYPES) & set(BUSINESS_TYPES)
    assert {"PAN", "AADHAAR", "PASSPORT"} <= set(IDENTITY_TYPES)
    assert {"GST_CERT", "BANK_STATEMENT", "SALE_DEED"} <= set(BUSINESS_TYPES)
    assert "transactions" in SCHEMA["BANK_STATEMENT"] and "nic_codes" in SCHEMA["UDYAM_CERT"]
    ids, biz, skipped = plan_types(None, ("PAN", "AADHAAR", "BANK_STATEMENT"))
    assert ids == ["PAN", "AADHAAR", "OTHER"] and biz == ["BANK_STATEMENT"]
    assert "SALE_DEED" in skipped and "GST_CERT" in skipped and "PAN" not in skipped
    ids, biz, skipped = plan_types(["SALE_DEED", "BANK_STATEMENT"], ("PAN", "BANK_STATEMENT"))
    assert (ids, biz, skipped) == ([], ["BANK_STATEMENT"], ["SALE_DEED"])
    # the schema of a type without a generator still decides what is invented
    rec = DocRecord("synthetic", "d.pdf", "SALE_DEED", {"seller_name": "A"},
                    predicted_type="SALE_DEED",
                    predicted={"seller_name": ("A", 0.9), "buyer_name": ("B", 0.9),
                               "stamp_duty": ("1", 0.9)})
    d = score_document(rec, True, ("PAN",))
    assert d.expected == "SALE_DEED" and d.classified  # the engine named it: right too
    assert d.invented == [("buyer_name", 0.9)] and d.unscored == ["stamp_duty"]


def _business_scores() -> list:
    truth = {"bank_name": "HDFC Bank", "account_number": "50100012345678",
             "ifsc": "HDFC0001234", "opening_balance": "0.00", "closing_balance": "4,150.00",
             "statement_period_from": "01/04/2024", "transactions": TXN_TRUTH}
    answer = {"bank_name": ("HDFC Bank", 0.97), "account_number": ("50100012345678", 0.99),
              "ifsc": ("HDFC0001234", 0.99), "opening_balance": ("0", 0.95),
              "closing_balance": ("4150.00", 0.96), "statement_period_from": ("01/04/2024", 0.96),
              "transactions": (TXN_ANSWER, 0.6)}
    digital = DocRecord("synthetic", "stmt_digital.pdf", "BANK_STATEMENT", truth,
                        variant="pdf_text", predicted_type="BANK_STATEMENT", predicted=answer,
                        seconds=0.4, pages=2)
    scanned = DocRecord("synthetic", "stmt_scan.pdf", "BANK_STATEMENT", truth,
                        variant="pdf_scan", predicted_type="BANK_STATEMENT",
                        predicted={**answer, "transactions": (TXN_TRUTH, 0.9)},
                        seconds=6.0, pages=3)
    invoice = DocRecord("synthetic", "inv.png", "INVOICE",
                        {"invoice_number": "INV-1", "total_amount": "1,180.00",
                         "buyer_address": "12, MG Road, Pune - 411001"},
                        variant="photocopy", predicted_type="UNRECOGNISED", seconds=2.0, pages=1)
    return [score_document(r, True, ALL_TYPES) for r in (digital, scanned, invoice)]


def test_business_summary_and_targets() -> None:
    s = summarise(_business_scores())
    assert s.table("transactions", "digital").rate.rate == pytest.approx(0.6)
    assert s.table("transactions", "scanned").rate.rate == 1.0
    allrows = s.table("transactions")
    assert (allrows.truth, allrows.exact, allrows.missing, allrows.extra) == (10, 8, 1, 1)
    # returned rows enter the calibration: 4 + 5 rows of the digital and scanned answers
    assert sum(r.n for r in s.row_calibration) == 10
    assert s.row_calibration[1].n == 1 and s.row_calibration[1].hits == 0  # the extra row
    verdicts = {t.label.split(" (")[0]: t.verdict for t in business_targets(s)}
    assert verdicts["classification"] == "FAIL"  # the invoice was not recognised
    assert verdicts["transaction rows exactly right, digital PDFs"] == "FAIL"
    assert verdicts["transaction rows exactly right, scans"] == "PASS"
    assert s.categories["amount"].n == 5 and s.categories["amount"].hits == 4


def test_report_with_business_sections(tmp_path: Path) -> None:
    identity = summarise(list(_scores(tmp_path).values()))
    business = summarise(_business_scores())
    meta = Meta("python -m kagaz.evaluation", "2025-01-01 00:00 UTC", "Test CPU, 2 cores",
                "5 documents", "skipped", business="3 documents, 6 pages",
                types="business: BANK_STATEMENT, INVOICE; skipped (no synthetic generator yet): "
                      "SALE_DEED", runtime="1 min", generation_errors=["SALE_DEED x: boom"])
    md = render_markdown(meta, identity, None, business)
    for needle in ("## Targets: identity documents", "## Targets: business documents",
                   "FAIL transaction rows exactly right, digital PDFs: 60.0% (3/5)",
                   "PASS transaction rows exactly right, scans: 100.0% (5/5)",
                   "## Business: classification", "| BANK_STATEMENT |",
                   "## Business: tables and lists", "| transactions | digital | 1 | 5 | 5 | 3 | 1 "
                   "| 1 | 60.0% |", "| stmt_digital.pdf | transactions | pdf_text | 2 | 5 | 5 | 3",
                   "balance", "(missing)", "## Business: speed", "s/page", "| 2.00 |",
                   "skipped (no synthetic generator yet): SALE_DEED", "SALE_DEED x: boom",
                   "of which rows", "Business corpus: 3 documents", "INVOICE → OTHER: 1"):
        assert needle in md, needle
    assert md.index("Targets: identity") < md.index("Targets: business") < md.index(
        "## Synthetic: classification") < md.index("## Business: classification")
    out = render_stdout(identity, None, business)
    assert "business: 3 documents, 6 pages" in out and "PASS transaction rows" in out


def _fake_synthetic_jobs(out: Path, per_type: int, seed: int, variants: Any, types: Any = None,
                         **kw: Any) -> list[Job]:
    jobs = []
    first = kw.get("first_index", 0)
    for t in types:
        for i in range(first, first + per_type):
            name = f"{t}_{i}.pdf" if t == "BANK_STATEMENT" else f"{t}_{i}.png"
            path = out / name
            out.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"%PDF-1.4 /Type /Page /Type /Page" if name.endswith("pdf") else b"x")
            truth = ({"transactions": TXN_TRUTH} if t == "BANK_STATEMENT"
                     else dict(TRUTH["pan.png"][1]))
            variant = list(variants)[i % len(list(variants))]
            jobs.append(Job("synthetic", str(path), name, t, truth, "x", variant))
    return jobs


def test_main_with_business_types(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "available_types", lambda: ("PAN", "BANK_STATEMENT"))
    monkeypatch.setattr(cli, "synthetic_jobs", _fake_synthetic_jobs)
    monkeypatch.setattr(cli, "digital_jobs", lambda out, n, seed, types, **kw:
                        _fake_synthetic_jobs(out, n, seed, ["pdf_text"], types, **kw))
    CANNED["BANK_STATEMENT_0.pdf"] = FakeResult("BANK_STATEMENT", {
        "transactions": FakeField(TXN_ANSWER, 0.6)})
    try:
        out = tmp_path / "accuracy.md"
        argv = ["--types", "BANK_STATEMENT,SALE_DEED", "--business-per-type", "2",
                "--digital-per-type", "1",
                "--synthetic-per-type", "0", "--samples", "none", "--real", "none",
                "--out", str(out),
                "--workers", "1", "--keep", str(tmp_path / "corpus")]
        assert main(argv, factory=fake_factory) == 0
    finally:
        del CANNED["BANK_STATEMENT_0.pdf"]
    md = out.read_text()
    assert "skipped (no synthetic generator yet): SALE_DEED" in md
    assert "## Business: tables and lists" in md and "## Synthetic: classification" not in md
    assert "Run time:" in md and "business: 3 documents" in capsys.readouterr().out
    assert "| BANK_STATEMENT | digital | 2 |" in md  # pdf_text from the cycle plus the extra
    assert count_pages(tmp_path / "corpus" / "BANK_STATEMENT_0.pdf") == 2  # fallback count
    assert (tmp_path / "corpus" / "truth.jsonl").read_text().count("\n") == 3


def test_digital_jobs_and_generator_failures(tmp_path: Path, monkeypatch) -> None:
    from kagaz.evaluation.runner import digital_jobs
    from kagaz.synth import generator

    jobs = digital_jobs(tmp_path, 1, 1, ["AADHAAR", "PAN"])  # PAN has no A4 layout
    assert [(j.expected_type, j.variant, j.layout) for j in jobs] == [
        ("AADHAAR", "pdf_text", "letter")]
    assert count_pages(jobs[0].path) == 1

    def broken(*args: Any, **kw: Any) -> None:
        raise RuntimeError("half-written module")

    monkeypatch.setattr(generator, "generate", broken)
    errors: list[str] = []
    assert digital_jobs(tmp_path, 2, 1, ["AADHAAR"], errors=errors) == []
    assert len(errors) == 2 and "RuntimeError: half-written module" in errors[0]
