"""``kagaz extract`` and the statement analysis (issue 19): each statement's line carries its
``analysis`` (with the application date and fixed ABB days asked for), and
``--statements-analysis`` adds one line with the statements' merged analysis."""

from __future__ import annotations

import json
import random

from kagaz.synth.render import to_pdf
from kagaz.synth.statement_story import plan_story, render_story
from tests.test_cli import run_cli


def test_extract_prints_each_analysis_and_the_merged_one(tmp_path):
    story = plan_story(random.Random(21), "sbi", 3)
    (tmp_path / "april.pdf").write_bytes(to_pdf(render_story(story, random.Random(2)).canvases))
    (tmp_path / "notes.png").write_bytes(b"not an image")
    r = run_cli("extract", str(tmp_path / "april.pdf"), str(tmp_path / "notes.png"), "--workers", "1",
                "--statements-analysis", "--application-date", "01/01/2030", "--abb-days", "25,5,15")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 3
    analysis = lines[0]["file_data"]["analysis"]
    assert analysis["average_bank_balance"]["days"] == [5, 15, 25]
    assert any(f["code"] == "ends_before_application" for f in analysis["flags"])
    assert lines[1]["error_code"] is not None and "analysis" not in lines[1]["file_data"]
    merged = lines[2]
    assert merged["files"] == [str(tmp_path / "april.pdf")]
    assert merged["statements_analysis"]["monthly"] == analysis["monthly"]
    assert merged["statements_analysis"]["salary"]["count"] == story.kinds.count("salary")


def test_bad_analysis_options_are_refused(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    r = run_cli("extract", str(tmp_path / "x.pdf"), "--abb-days", "0,40")
    assert r.returncode == 2 and "abb-days" in r.stderr
