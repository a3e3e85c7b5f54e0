"""Statement analysis: how well planted salary, EMIs, returns and cash are found, and how fast.

Stories from ``kagaz.synth.statement_story`` (six banks' narration styles, truth from the plan)
are analysed from their planned rows, and the first ``--engine`` of them also end to end: drawn
as born-digital PDFs and read by ``Engine.process``. Then the analysis of a 60-page statement
(about 2,250 rows) is timed on its own.

    python bench/bench_statement_analysis.py [--stories 240] [--engine 12] [--seed 5]
                                             [--out docs/statement-analysis.md]

``--stories 24 --engine 2`` is a smoke run (under a minute).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import machine, write_section  # noqa: E402

from kagaz.doctypes.statement_analysis import analyse  # noqa: E402
from kagaz.evaluation.statement_analysis import score, table  # noqa: E402


def long_statement_seconds(repeat: int = 3) -> tuple[int, float]:
    """(rows, best seconds) of the analysis alone on a 60-page synthetic statement."""
    from kagaz.synth.generator import statement

    d = statement(7, "pdf_text", "sbi", pages=60)
    best = float("inf")
    for _ in range(repeat):
        rows = [dict(r) for r in d.fields["transactions"]]
        started = time.perf_counter()
        analyse(rows, opening_balance=d.fields["opening_balance"])
        best = min(best, time.perf_counter() - started)
    return len(d.fields["transactions"]), best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=240)
    parser.add_argument("--engine", type=int, default=12)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", help="write the results as the 'Measured' section of this markdown file")
    args = parser.parse_args()
    started = time.perf_counter()
    results = score(args.stories, args.engine, args.seed)
    rows, seconds = long_statement_seconds()
    text = (
        f"`python bench/bench_statement_analysis.py --stories {args.stories} --engine {args.engine} "
        f"--seed {args.seed}` on {machine()} "
        f"({time.perf_counter() - started:.0f} s in all). P / R: precision / recall; returns are "
        f"events, salary and EMI are rows; `engine`: the first {args.engine} stories drawn as "
        f"born-digital PDFs and read by the engine.\n\n{table(results)}\n\n"
        f"The analysis alone of a 60-page statement ({rows} rows): {seconds:.2f} s.\n"
    )
    print(text)
    if args.out:
        write_section(args.out, "Measured", text)


if __name__ == "__main__":
    main()
