"""Evaluation reports and raw results show Aadhaar numbers masked."""

from __future__ import annotations

import json
from pathlib import Path

from kagaz.security.scan import scan_paths
from kagaz.text.masking import mask_aadhaar_text


def test_aadhaar_numbers_are_masked_and_other_numbers_kept() -> None:
    text = "aadhaar 2984 0493 5897 / 298404935897; account 298404935896; amount 1234567.00"
    assert mask_aadhaar_text(text) == (
        "aadhaar XXXX XXXX 5897 / XXXX XXXX 5897; account 298404935896; amount 1234567.00"
    )


def test_the_evaluation_writes_no_full_aadhaar_number(tmp_path: Path) -> None:
    from kagaz.evaluation.__main__ import main

    out, raw = tmp_path / "accuracy.md", tmp_path / "raw.jsonl"
    main(["--types", "AADHAAR", "--synthetic-per-type", "1", "--business-per-type", "0",
          "--digital-per-type", "0", "--variants", "clean", "--workers", "1",
          "--out", str(out), "--json", str(raw), "--keep", str(tmp_path / "corpus")])
    truth = [json.loads(x) for x in (tmp_path / "corpus" / "truth.jsonl").read_text().splitlines()]
    assert any(len(str(r["fields"].get("aadhaar_number", "")).replace(" ", "")) == 12 for r in truth)
    assert scan_paths([out, raw]) == []
