"""Scoring the engine on synthetic documents and on the shared real samples.

``python -m kagaz.evaluation`` generates a synthetic corpus into a temporary directory, runs the
engine on every file (one engine per worker process) and writes ``docs/accuracy.md``. The pieces:
:mod:`~kagaz.evaluation.scoring` (one answer against its truth, with
:mod:`~kagaz.evaluation.values` and :mod:`~kagaz.evaluation.list_fields` for the comparison
rules), :mod:`~kagaz.evaluation.pooling` (scores pooled into a summary),
:mod:`~kagaz.evaluation.runner` (the process pool), :mod:`~kagaz.evaluation.targets` (the spec's
targets) and :mod:`~kagaz.evaluation.report` (Markdown and stdout).
"""

from __future__ import annotations

from kagaz.evaluation.pooling import summarise
from kagaz.evaluation.report import Meta, render_markdown, render_stdout
from kagaz.evaluation.runner import Job, load_samples, run_jobs, synthetic_jobs
from kagaz.evaluation.scoring import DocRecord, score_document
from kagaz.evaluation.targets import targets

__all__ = [
    "DocRecord",
    "Job",
    "Meta",
    "load_samples",
    "render_markdown",
    "render_stdout",
    "run_jobs",
    "score_document",
    "summarise",
    "synthetic_jobs",
    "targets",
]
