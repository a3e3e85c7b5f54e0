"""Turn reviewers' corrections (``GET /v1/corrections/export``) into evaluation ground truth.

The export has one line per corrected field; the evaluation reads ``truth.jsonl`` rows, one per
file (``{"file", "document_type", "fields"}``, as :func:`kagaz.evaluation.runner.load_samples`
reads them). Files are matched by content: every file under the samples folder is hashed and
paired with the export's ``original_sha256``. Only scalar fields with a value become truth (a
``null`` correction says "not on the document", which the samples' truth does not express, and
row cells are not scored per cell). Fields the reviewer did not correct are not added: the truth
lists what was checked, and the samples' scoring checks only listed fields.

    python -m kagaz.evaluation.truth corrections.jsonl SAMPLES_DIR >> SAMPLES_DIR/truth.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["truth_rows"]


def _hashes(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != "truth.jsonl"):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        out.setdefault(digest.hexdigest(), path.relative_to(root).as_posix())
    return out


def truth_rows(lines: Iterable[str], files: dict[str, str]) -> Iterator[dict[str, Any]]:
    """``truth.jsonl`` rows from export lines; ``files`` maps SHA-256 to a file's name.

    >>> export = [json.dumps({"file_uuid": "u1", "document_type": "PAN", "field": "dob",
    ...     "value": "01/02/1990", "original_sha256": "ab"}),
    ...     json.dumps({"file_uuid": "u1", "document_type": "PAN", "field": "transactions[0].debit",
    ...     "value": "1.00", "original_sha256": "ab"})]
    >>> list(truth_rows(export, {"ab": "docs/pan.png"}))
    [{'file': 'docs/pan.png', 'document_type': 'PAN', 'fields': {'dob': '01/02/1990'}}]
    """
    docs: dict[str, dict[str, Any]] = {}
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        name = files.get(row.get("original_sha256") or "")
        field, value = row.get("field", ""), row.get("value")
        if name is None or value is None or "[" in field:
            continue
        doc = docs.setdefault(row["file_uuid"], {"file": name, "document_type": row.get("document_type"),
                                                 "fields": {}})
        doc["fields"][field] = value
    yield from (d for d in docs.values() if d["fields"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kagaz.evaluation.truth", description=__doc__.split("\n\n")[0])
    ap.add_argument("export", type=Path, help="the corrections export (JSON lines)")
    ap.add_argument("samples", type=Path, help="the folder holding the original files")
    args = ap.parse_args(argv)
    files = _hashes(args.samples)
    with args.export.open(encoding="utf-8") as fh:
        for row in truth_rows(fh, files):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
