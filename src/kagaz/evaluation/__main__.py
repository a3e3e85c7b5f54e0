"""Command line: ``python -m kagaz.evaluation [--types T,..] [--synthetic-per-type N]
[--business-per-type N] [--samples DIR] [--real DIR] ...``.

The default run (``make eval``) is sized to finish within about a quarter of an hour on an idle
2-core machine (two workers, one OCR thread each). Measured costs: an identity card ~3 CPU-s, a
scanned A4 page ~6.5 CPU-s, a page read from a PDF text layer ~0.1 s, drawing an A4 document
~0.5 s. So business types get their own, smaller count (``--business-per-type``, one capture
after another), and cheap born-digital PDFs are added on top (``--digital-per-type``) so that
the digital-PDF targets rest on more than one document per type.
"""

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
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from kagaz.evaluation.pooling import Summary, summarise
from kagaz.evaluation.real import (
    RealSummary, load_real, render_line, render_section, summarise_real,
)
from kagaz.evaluation.report import Meta, render_markdown, render_stdout
from kagaz.evaluation.runner import (
    EngineLike, Job, count_pages, digital_jobs, estimate_seconds, load_samples, run_jobs,
    synthetic_jobs, write_truth,
)
from kagaz.evaluation.scoring import (
    BUSINESS_TYPES, SCHEMA, DocRecord, available_types, score_document,
)
from kagaz.synth.generator import DEFAULT_VARIANTS, VARIANTS
from kagaz.text.masking import mask_aadhaar_text

__all__ = ["BUSINESS_VARIANTS", "DEFAULT_BUSINESS_PER_TYPE", "DEFAULT_DIGITAL_PER_TYPE",
           "DEFAULT_PER_TYPE", "Outcome", "main", "machine", "plan_types", "real_dir",
           "repo_root", "run"]

DEFAULT_PER_TYPE = 12
DEFAULT_BUSINESS_PER_TYPE = 12
DEFAULT_DIGITAL_PER_TYPE = 6
#: Captures that matter for A4 business documents, digital and scanned PDFs first so that
#: even two documents per type include one of each (the default 12 per type go round once and
#: then again through the first three).
BUSINESS_VARIANTS = tuple(v for v in ("pdf_text", "pdf_scan", "photocopy", "photo", "clean",
                                      "skew", "lowres", "rot90", "jpeg") if v in VARIANTS)


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


def _types(value: str) -> list[str]:
    items = [v.strip().upper() for v in value.split(",") if v.strip()]
    known = set(SCHEMA) | set(available_types()) | {"OTHER"}
    bad = [v for v in items if v not in known]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown types {bad}; known: {', '.join(sorted(known))}")
    return items


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m kagaz.evaluation",
                                 description="Score the engine on synthetic and real documents.")
    ap.add_argument("--types", type=_types, default=None,
                    help="comma list of types to generate (default: every type the synthetic "
                         "generator makes, plus OTHER; types without a generator are skipped)")
    ap.add_argument("--synthetic-per-type", type=int, default=DEFAULT_PER_TYPE,
                    help=f"synthetic documents per identity type and OTHER (default "
                         f"{DEFAULT_PER_TYPE}; 0 skips them)")
    ap.add_argument("--business-per-type", type=int, default=DEFAULT_BUSINESS_PER_TYPE,
                    help=f"synthetic documents per business type (default "
                         f"{DEFAULT_BUSINESS_PER_TYPE}: A4 pages cost ~2 s each; 0 skips them)")
    ap.add_argument("--digital-per-type", type=int, default=DEFAULT_DIGITAL_PER_TYPE,
                    help=f"extra born-digital PDFs per business type, layouts in turn (default "
                         f"{DEFAULT_DIGITAL_PER_TYPE}: read from the text layer, they cost "
                         f"little; 0 skips them)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", type=_variants, default=list(DEFAULT_VARIANTS),
                    help="identity variants, comma list (default: " + ",".join(DEFAULT_VARIANTS)
                         + ")")
    ap.add_argument("--business-variants", type=_variants, default=list(BUSINESS_VARIANTS),
                    help="business variants, comma list, cycled per type from the first "
                         "(default: " + ",".join(BUSINESS_VARIANTS) + ")")
    ap.add_argument("--samples", type=Path, default=None,
                    help="real samples with truth.jsonl (default: ../shared/samples from the "
                         "repository root; 'none' skips them)")
    ap.add_argument("--real", type=Path, default=None,
                    help="the real-document development corpus with truth.jsonl (default: "
                         "tests/real under the repository root; 'none' skips it)")
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


def _workers(n: int) -> str:
    return "1 worker" if n == 1 else f"{n} workers"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min" if seconds >= 60 else f"{seconds:.0f} s"


def plan_types(requested: list[str] | None,
               available: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """(identity types + OTHER, business types, skipped types) to generate.

    Default: every type the generator makes, plus OTHER. A requested or known type without a
    generator is skipped, never an error.
    """
    made = set(available) | {"OTHER"}
    wanted = list(requested) if requested else [*available, "OTHER"]
    skipped = [t for t in (requested or SCHEMA) if t not in made]
    chosen = [t for t in wanted if t in made]
    business = [t for t in chosen if t in BUSINESS_TYPES]
    identity = [t for t in chosen if t not in BUSINESS_TYPES]
    return identity, business, list(dict.fromkeys(skipped))


def evaluate(args: argparse.Namespace, factory: Callable[[], EngineLike] | None = None,
             argv: list[str] | None = None) -> tuple[str, Summary | None, Summary | None]:
    """Run everything the arguments ask for; returns the report and the identity and samples
    summaries (the business summary is in the report; :func:`evaluate_all` returns it too)."""
    report, identity, samples, _ = evaluate_all(args, factory, argv)
    return report, identity, samples


class Outcome(NamedTuple):
    report: str
    identity: Summary | None
    samples: Summary | None
    business: Summary | None
    real: RealSummary | None


def real_dir(args: argparse.Namespace) -> Path | None:
    """The real-document corpus to run (``--real``; default ``tests/real``), None for 'none'."""
    value = getattr(args, "real", None)
    if value is None:
        return repo_root() / "tests" / "real"
    return None if str(value) == "none" else Path(value)


def evaluate_all(args: argparse.Namespace, factory: Callable[[], EngineLike] | None = None,
                 argv: list[str] | None = None
                 ) -> tuple[str, Summary | None, Summary | None, Summary | None]:
    """Run everything; returns the report and the identity, samples and business summaries."""
    return run(args, factory, argv)[:4]  # type: ignore[return-value]


def run(args: argparse.Namespace, factory: Callable[[], EngineLike] | None = None,
        argv: list[str] | None = None) -> Outcome:
    """Run everything; the report and every summary, the real corpus's included."""
    started = time.perf_counter()
    samples_dir = args.samples
    if samples_dir is None:
        samples_dir = repo_root().parent / "shared" / "samples"
    available = available_types()
    id_types, biz_types, skipped = plan_types(getattr(args, "types", None), available)
    per_biz = getattr(args, "business_per_type", DEFAULT_BUSINESS_PER_TYPE)
    per_digital = getattr(args, "digital_per_type", 0)
    biz_variants = list(getattr(args, "business_variants", BUSINESS_VARIANTS))
    jobs: list[Job] = []
    gen_errors: list[str] = []
    note = "skipped"
    estimate = 0.0
    with tempfile.TemporaryDirectory(prefix="kagaz-eval-") as tmp:
        corpus_dir = args.keep or Path(tmp)
        t_gen = time.perf_counter()
        if args.synthetic_per_type > 0 and id_types:
            print(f"generating {args.synthetic_per_type} per identity type into {corpus_dir} ...",
                  file=sys.stderr)
            jobs += synthetic_jobs(corpus_dir, args.synthetic_per_type, args.seed, args.variants,
                                   id_types, errors=gen_errors)
        if per_biz > 0 and biz_types:
            print(f"generating {per_biz} per business type into {corpus_dir} ...",
                  file=sys.stderr)
            jobs += synthetic_jobs(corpus_dir, per_biz, args.seed, biz_variants, biz_types,
                                   each_type_from_start=True, first_index=len(jobs),
                                   errors=gen_errors)
        if per_digital > 0 and biz_types and "pdf_text" in VARIANTS:
            print(f"generating {per_digital} born-digital PDFs per business type ...",
                  file=sys.stderr)
            jobs += digital_jobs(corpus_dir, per_digital, args.seed, biz_types,
                                 first_index=len(jobs), errors=gen_errors)
        gen_seconds = time.perf_counter() - t_gen
        if jobs:
            write_truth(corpus_dir, jobs)
        pages = {j.name: count_pages(j.path) for j in jobs}
        if str(samples_dir) != "none" and (Path(samples_dir) / "truth.jsonl").exists():
            sample_jobs = load_samples(Path(samples_dir))
            jobs += sample_jobs
            note = f"{len(sample_jobs)} documents from `{samples_dir}`"
        elif str(samples_dir) != "none":
            note = f"skipped: `{samples_dir}/truth.jsonl` not found"
        corpus = real_dir(args)
        if corpus is not None and (corpus / "truth.jsonl").exists():
            jobs += load_real(corpus, homes=[repo_root().parent / "shared" / "real"])
        workers = max(1, args.workers)
        estimate = estimate_seconds([j for j in jobs if j.source in ("synthetic", "real")], pages,
                                    BUSINESS_TYPES, workers)
        print(f"{len(jobs)} documents; engine time estimated at {_minutes(estimate)} with "
              f"{_workers(workers)}", file=sys.stderr)
        records = run_jobs(jobs, factory, workers, _progress)
    synth_ids = [score_document(r, True, available) for r in records
                 if r.source == "synthetic" and r.expected_type not in BUSINESS_TYPES]
    synth_biz = [score_document(r, True, available) for r in records
                 if r.source == "synthetic" and r.expected_type in BUSINESS_TYPES]
    real = [score_document(r, False, available) for r in records if r.source == "samples"]
    s_ids = summarise(synth_ids) if synth_ids else None
    s_biz = summarise(synth_biz) if synth_biz else None
    s_real = summarise(real) if real else None
    shown = corpus if corpus is None or not corpus.is_relative_to(repo_root()) \
        else corpus.relative_to(repo_root())
    s_corpus = summarise_real(records, available, str(shown))
    wall = time.perf_counter() - started
    types_note = "; ".join(filter(None, [
        "identity: " + (", ".join(id_types) or "none"),
        "business: " + (", ".join(biz_types) or "none"),
        ("skipped (no synthetic generator yet): " + ", ".join(skipped)) if skipped else "",
    ]))
    meta = Meta(
        command="python -m kagaz.evaluation " + shlex.join(argv if argv is not None else []),
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        synthetic=(f"{len(synth_ids)} identity and OTHER documents ({args.synthetic_per_type} "
                   f"per type, seed {args.seed}; variants {', '.join(args.variants)})"
                   if synth_ids else "identity documents skipped"),
        samples=note,
        business=(f"{len(synth_biz)} documents, {sum(d.rec.pages for d in synth_biz)} pages "
                  f"({per_biz} per type, seed {args.seed}, variants cycled per type from the "
                  f"first: {', '.join(biz_variants)}; plus {per_digital} born-digital PDFs per "
                  f"type with an A4 layout, layouts in turn)" if synth_biz else "skipped"),
        types=types_note,
        runtime=(f"{_minutes(wall)} wall with {_workers(workers)} (generation "
                 f"{_minutes(gen_seconds)}; engine estimate was {_minutes(estimate)}). "
                 f"The default run (`make eval`: {DEFAULT_PER_TYPE} documents per identity type "
                 f"and OTHER, {DEFAULT_BUSINESS_PER_TYPE} per business type, one per capture, "
                 f"plus {DEFAULT_DIGITAL_PER_TYPE} born-digital PDFs per business type) is sized "
                 f"to finish within about 15 minutes on an idle 2-core machine: about 6 minutes "
                 f"of engine time by the estimate (measured costs of ~3 CPU-s per card, ~6.5 "
                 f"CPU-s per scanned A4 page, ~0.1 s per text-layer page) "
                 f"plus 1–2 minutes to draw the corpus."),
        generation_errors=gen_errors,
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        with args.json.open("w", encoding="utf-8") as fh:
            for r in records:
                line = json.dumps(dataclasses.asdict(r), ensure_ascii=False, default=str)
                fh.write(mask_aadhaar_text(line) + "\n")
    report = render_markdown(meta, s_ids, s_real, s_biz)
    if s_corpus is not None:
        report = report.rstrip() + "\n\n" + "\n".join(render_section(s_corpus)).rstrip() + "\n"
    return Outcome(report, s_ids, s_real, s_biz, s_corpus)


def main(argv: list[str] | None = None, factory: Callable[[], EngineLike] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    report, s_ids, s_real, s_biz, s_corpus = run(args, factory, argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Compared in full, shown masked: the report is committed and may cover real samples.
    args.out.write_text(mask_aadhaar_text(report), encoding="utf-8")
    print(render_stdout(s_ids, s_real, s_biz))
    if s_corpus is not None:
        print(render_line(s_corpus))
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
