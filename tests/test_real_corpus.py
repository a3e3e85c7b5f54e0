"""tests/real: every document is traced to its source and licence, and its truth is well formed.

The documents themselves are not committed (``tests/real/README.md``): where a checkout has
them (``tests/real/docs``), each must be listed and match its hash; the manifest and the truth
are checked everywhere. No OCR runs here; ``python -m kagaz.evaluation`` scores the engine on the corpus. The checks are
functions of the folder so that the tests below can also show they fail on a broken copy.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kagaz.evaluation.scoring import SCHEMA

REAL = Path(__file__).resolve().parent / "real"
#: Licences a document may come under (SPDX ids); see tests/real/README.md.
ALLOWED_LICENCES = frozenset({"MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC",
                              "CC0-1.0", "CC-BY-4.0", "CC-BY-3.0", "Unlicense",
                              "LicenseRef-government-specimen"})
TYPES = frozenset(SCHEMA) | {"OTHER"}
MANIFEST_KEYS = {"file", "source", "commit", "path", "licence", "sha256", "note"}
DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
MAX_BYTES = 3_000_000


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def problems(root: Path) -> list[str]:
    """Everything wrong with the corpus at ``root`` (empty when it is sound)."""
    out: list[str] = []
    manifest = _lines(root / "manifest.jsonl")
    truth = _lines(root / "truth.jsonl")
    docs = root / "docs"
    on_disk = {p.relative_to(root).as_posix() for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else set()
    listed = [m.get("file") for m in manifest]
    out += [f"duplicate manifest line: {f}" for f in {f for f in listed if listed.count(f) > 1}]
    out += [f"not in the manifest: {f}" for f in sorted(on_disk - set(listed))]
    out += [f"not under docs/: {f}" for f in listed if not str(f).startswith("docs/")]
    for m in manifest:
        name = m.get("file")
        if set(m) != MANIFEST_KEYS:
            out.append(f"{name}: manifest keys {sorted(m)}")
        if m.get("licence") not in ALLOWED_LICENCES:
            out.append(f"{name}: licence {m.get('licence')!r} not allowed")
        if not re.fullmatch(r"[0-9a-f]{64}", str(m.get("sha256"))):
            out.append(f"{name}: sha256 {m.get('sha256')!r} is not 64 hex digits")
        if not re.fullmatch(r"[0-9a-f]{40}", str(m.get("commit"))):
            out.append(f"{name}: commit {m.get('commit')!r} is not 40 hex digits")
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", str(m.get("source"))):
            out.append(f"{name}: source {m.get('source')!r} is not owner/repo")
        if not str(m.get("note") or "").strip() or not str(m.get("path") or "").strip():
            out.append(f"{name}: empty note or path")
        path = root / str(name)
        if name in on_disk:
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != m.get("sha256"):
                out.append(f"{name}: sha256 does not match")
            if len(data) > MAX_BYTES:
                out.append(f"{name}: {len(data)} bytes, over {MAX_BYTES}")
    truth_files = [t.get("file") for t in truth]
    twice = {f for f in truth_files if truth_files.count(f) > 1}
    out += [f"duplicate truth line: {f}" for f in twice]
    out += [f"no truth line: {f}" for f in sorted(set(listed) - set(truth_files))]
    for t in truth:
        name, kind, fields = t.get("file"), t.get("document_type"), t.get("fields")
        if name not in listed:
            out.append(f"truth names a file not in the manifest: {name}")
        if kind not in TYPES:
            out.append(f"{name}: unknown document_type {kind!r}")
        if not isinstance(fields, dict):
            out.append(f"{name}: fields is not an object")
            continue
        known = SCHEMA.get(str(kind), frozenset())
        for field, value in fields.items():
            if field not in known:
                out.append(f"{name}: {field} is not a field of {kind}")
            if "date" in field and field != "transactions" and not DATE.fullmatch(str(value)):
                out.append(f"{name}: {field}={value!r} is not DD/MM/YYYY")
        if kind == "OTHER" and fields:
            out.append(f"{name}: a document of another type has fields in truth")
        for row in fields.get("transactions") or []:
            if set(row) != {"date", "description", "debit", "credit", "balance"}:
                out.append(f"{name}: transaction row keys {sorted(row)}")
            elif not DATE.fullmatch(row["date"]):
                out.append(f"{name}: transaction date {row['date']!r} is not DD/MM/YYYY")
    return out


def test_corpus_is_sound() -> None:
    assert problems(REAL) == []


def test_corpus_size_and_kinds() -> None:
    truth = _lines(REAL / "truth.jsonl")
    sizes = [p.stat().st_size for p in (REAL / "docs").iterdir()] if (REAL / "docs").is_dir() else []
    assert len(truth) >= 40 and sum(sizes) < 25_000_000
    kinds = {t["document_type"] for t in truth}
    assert {"INVOICE", "OTHER"} <= kinds  # documents that must come out UNRECOGNISED included


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the corpus with stand-in documents (the real ones are not committed): each
    manifest line's hash is set to its stand-in's."""
    root = tmp_path / "real"
    shutil.copytree(REAL, root, ignore=shutil.ignore_patterns("README.md", "docs"))
    manifest = _lines(root / "manifest.jsonl")
    for n, m in enumerate(manifest):
        data = f"stand-in document {n}".encode()
        (root / m["file"]).parent.mkdir(parents=True, exist_ok=True)
        (root / m["file"]).write_bytes(data)
        m["sha256"] = hashlib.sha256(data).hexdigest()
    (root / "manifest.jsonl").write_text("".join(json.dumps(m) + "\n" for m in manifest))
    assert problems(root) == []
    return root


def _first_doc(root: Path) -> Path:
    return root / _lines(root / "manifest.jsonl")[0]["file"]


def test_a_tampered_file_fails(copy: Path) -> None:
    doc = _first_doc(copy)
    doc.write_bytes(doc.read_bytes() + b"\n")
    assert problems(copy) == [f"{doc.relative_to(copy).as_posix()}: sha256 does not match"]


def test_an_unlisted_file_fails_and_an_absent_one_does_not(copy: Path) -> None:
    (copy / "docs" / "stray.pdf").write_bytes(b"%PDF-1.4")
    _first_doc(copy).unlink()  # absent from this checkout: not committed, nothing to check
    assert problems(copy) == ["not in the manifest: docs/stray.pdf"]


def test_a_bad_licence_commit_or_type_fails(copy: Path) -> None:
    manifest = _lines(copy / "manifest.jsonl")
    manifest[0]["licence"] = "GPL-3.0-only"
    manifest[1]["commit"] = "main"
    (copy / "manifest.jsonl").write_text("".join(json.dumps(m) + "\n" for m in manifest))
    truth = _lines(copy / "truth.jsonl")
    truth[2]["document_type"] = "RECEIPT"
    truth.append({"file": "docs/elsewhere.pdf", "document_type": "OTHER", "fields": {}})
    (copy / "truth.jsonl").write_text("".join(json.dumps(t) + "\n" for t in truth))
    found = "\n".join(problems(copy))
    assert "licence 'GPL-3.0-only' not allowed" in found
    assert "commit 'main' is not 40 hex digits" in found
    assert "unknown document_type 'RECEIPT'" in found
    assert "truth names a file not in the manifest: docs/elsewhere.pdf" in found
