"""Command line: ``python -m kagaz.evaluation [--synthetic-per-type N] [--samples DIR] ...``."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kagaz.evaluation.report import Meta, render_markdown, render_stdout
from kagaz.evaluation.runner import EngineLike, Job, load_samples, run_jobs, synthetic_jobs
from kagaz.evaluation.scoring import DocRecord, Summary, score_document, summarise
from kagaz.synth.generator import DEFAULT_VARIANTS, VARIANTS

__all__ = ["main", "machine", "repo_root"]


def repo_root() -> Path:
    """The checkout this module runs from (the folder holding ``src/``), else the cwd."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if parent.name == "src":
            return parent.parent
    return Path.cwd()


def machine() -> str:
    """CPU model, core count, OS and Python version."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{model}, {cores} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _variants(value: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in VARIANTS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown variants {bad}; known: {', '.join(VARIANTS)}")
    return items


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m kagaz.evaluation",
                                 description="Score the engine on synthetic and real documents.")
    ap.add_argument("--synthetic-per-type", type=int, default=12,
                    help="synthetic documents per type (default 12; 0 skips them)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", type=_variants, default=list(DEFAULT_VARIANTS),
                    help="comma list (default: " + ",".join(DEFAULT_VARIANTS) + ")")
    ap.add_argument("--samples", type=Path, default=None,
                    help="real samples with truth.jsonl (default: ../shared/samples from the "
                         "repository root; 'none' skips them)")
    ap.add_argument("--out", type=Path, default=Path("docs/accuracy.md"))
    ap.add_argument("--json", type=Path, default=None, help="write raw per-document results")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ap.add_argument("--workers", type=int, default=cores or 1)
    ap.add_argument("--keep", type=Path, default=None,
                    help="generate the synthetic corpus here and keep it (default: a temp dir)")
    return ap


def _progress(done: int, total: int, rec: DocRecord) -> None:
    mark = "!" if rec.exception else "."
    print(f"\r[{done}/{total}] {mark} {rec.file[:60]:60}", end="", file=sys.stderr, flush=True)
    if done == total:
        print(file=sys.stderr)


def evaluate(args: argparse.Namespace, factory: Callable[[], EngineLike] | None = None,
             argv: list[str] | None = None) -> tuple[str, Summary | None, Summary | None]:
    """Run everything the arguments ask for; returns the report and both summaries."""
    samples_dir = args.samples
    if samples_dir is None:
        samples_dir = repo_root().parent / "shared" / "samples"
    jobs: list[Job] = []
    note = "skipped"
    with tempfile.TemporaryDirectory(prefix="kagaz-eval-") as tmp:
        corpus_dir = args.keep or Path(tmp)
        if args.synthetic_per_type > 0:
            print(f"generating {args.synthetic_per_type} per type into {corpus_dir} ...",
                  file=sys.stderr)
            jobs += synthetic_jobs(corpus_dir, args.synthetic_per_type, args.seed, args.variants)
        if str(samples_dir) != "none" and (Path(samples_dir) / "truth.jsonl").exists():
            sample_jobs = load_samples(Path(samples_dir))
            jobs += sample_jobs
            note = f"{len(sample_jobs)} documents from `{samples_dir}`"
        elif str(samples_dir) != "none":
            note = f"skipped: `{samples_dir}/truth.jsonl` not found"
        records = run_jobs(jobs, factory, max(1, args.workers), _progress)
    synth = [score_document(r, True) for r in records if r.source == "synthetic"]
    real = [score_document(r, False) for r in records if r.source == "samples"]
    s_synth = summarise(synth) if synth else None
    s_real = summarise(real) if real else None
    meta = Meta(
        command="python -m kagaz.evaluation " + shlex.join(argv if argv is not None else []),
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        synthetic=(f"{len(synth)} documents ({args.synthetic_per_type} per type, seed "
                   f"{args.seed}; variants {', '.join(args.variants)})" if synth else "skipped"),
        samples=note,
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        with args.json.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(dataclasses.asdict(r), ensure_ascii=False, default=str) + "\n")
    return render_markdown(meta, s_synth, s_real), s_synth, s_real


def main(argv: list[str] | None = None, factory: Callable[[], EngineLike] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    report, s_synth, s_real = evaluate(args, factory, argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(render_stdout(s_synth, s_real))
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
