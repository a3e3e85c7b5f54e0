"""``kagaz extract`` on real files: one JSON line per input, errors as lines, folders walked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import encode


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH="src")
    return subprocess.run([sys.executable, "-m", "kagaz", *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
def test_extract_files_and_folders(tmp_path, pan_card):
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "pan.jpg").write_bytes(encode(pan_card, "JPEG"))
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    (folder / "notes.txt").write_text("ignored: not a document suffix")
    missing = str(tmp_path / "missing.pdf")
    proc = run_cli("extract", str(folder), missing, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    by_file = {os.path.basename(x["file"]): x for x in lines}
    assert set(by_file) == {"pan.jpg", "broken.png", "missing.pdf"}
    assert by_file["pan.jpg"]["file_data"]["pan_number"]["value"] == "BQKPK4821M"
    assert by_file["pan.jpg"]["error_code"] is None
    assert by_file["broken.png"]["error_code"] == "INVALID_DOC"
    assert by_file["missing.pdf"]["error_code"] == "FILE_NOT_READABLE"
    assert lines[-1]["file"] == missing  # input order is kept


def test_extract_profile_times_each_stage_and_the_ocr_parts(tmp_path, pan_card):
    (tmp_path / "pan.png").write_bytes(encode(pan_card, "PNG"))
    plain = run_cli("extract", str(tmp_path / "pan.png"), "--workers", "1")
    assert "timings" not in json.loads(plain.stdout)  # only with --profile
    proc = run_cli("extract", str(tmp_path / "pan.png"), "--workers", "1", "--profile")
    assert proc.returncode == 0, proc.stderr
    timings = json.loads(proc.stdout)["timings"]
    for stage in ("load", "ocr", "classify", "extract", "total"):
        assert timings[stage] >= 0
    for part in ("detection", "angle classification", "recognition"):
        assert 0 < timings[f"part:{part}"] <= timings["ocr"]
    assert timings["total"] >= timings["ocr"]
    for name in ("where the time went", "recognition", "detection", "classify"):
        assert name in proc.stderr


def test_extract_without_inputs_fails(tmp_path):
    proc = run_cli("extract", str(tmp_path))
    assert proc.returncode == 2
