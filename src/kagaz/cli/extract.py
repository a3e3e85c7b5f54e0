"""``kagaz extract``: the engine on local files, one JSON line per input (no server, no database)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated, Any

import typer

from kagaz.cli.profile import print_profile
from kagaz.services.statement_analysis import merged_analysis, reanalysed
from kagaz.services.wiring import engine_factory, engine_settings
from kagaz.settings import EngineSettings, get_settings

__all__ = ["extract", "register"]

_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".pdf"}


def _expand(paths: list[str]) -> list[tuple[str, Path]]:
    """(path as given or found, path) for files and for supported files inside folders."""
    out = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in _SUFFIXES:
                    out.append((str(f), f))
        else:
            out.append((given, p))
    return out


_READ: Any = None  # this process's engine (kagaz.services.processing.Processor)


def _init_worker(settings_json: str) -> None:
    global _READ
    _READ = engine_factory(EngineSettings.model_validate_json(settings_json))()


def _run_one(job: tuple[str, str, int, str | None]) -> dict[str, Any]:
    shown, path, max_bytes, password = job
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return _error_line(shown, "TOO_LARGE", f"The file is {size} bytes; the limit is {max_bytes}")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _error_line(shown, "FILE_NOT_READABLE", f"{type(exc).__name__}: {exc.strerror or exc}")
    result = _READ(data) if password is None else _READ(data, password=password)
    line: dict[str, Any] = {"file": shown, "file_data": result.file_data(), "error_code": result.error_code}
    if result.error_code:
        line["error_message"] = result.error_message
    line["timings"] = dict(result.timings)  # dropped from the output unless --profile
    return line


def _analysis_options(application_date: str | None, abb_days: str | None
                      ) -> tuple[dt.date | None, list[int] | None]:
    try:
        when = dt.datetime.strptime(application_date, "%d/%m/%Y").date() if application_date else None
        days = sorted({int(d) for d in abb_days.split(",")}) if abb_days else None
    except ValueError as exc:
        raise typer.BadParameter(f"--application-date is DD/MM/YYYY, --abb-days days such as 5,15,25 ({exc})")
    if days and not all(1 <= d <= 31 for d in days):
        raise typer.BadParameter("--abb-days are days of the month, 1 to 31")
    return when, days


def _error_line(shown: str, code: str, message: str) -> dict[str, Any]:
    return {"file": shown, "file_data": {"document_type": "UNRECOGNISED"}, "error_code": code, "error_message": message}


def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (searched recursively)")],
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (default: all cores)")] = 0,
    reveal_aadhaar: Annotated[
        bool, typer.Option("--reveal-aadhaar", help="Print full Aadhaar numbers (licensed entities only)")
    ] = False,
    password: Annotated[
        str | None,
        typer.Option("--password", envvar="KAGAZ_PDF_PASSWORD", help="Password for locked PDFs (e.g. bank statements)"),
    ] = None,
    statements_analysis: Annotated[bool, typer.Option(
        "--statements-analysis", help="After the inputs, one more line: the bank statements' merged analysis")] = False,
    application_date: Annotated[str | None, typer.Option(
        "--application-date", help="DD/MM/YYYY: flag statements ending over 30 days before it")] = None,
    abb_days: Annotated[str | None, typer.Option(
        "--abb-days", help="Average bank balance on these days of each month, e.g. 5,15,25")] = None,
    profile: Annotated[bool, typer.Option(
        "--profile", help="Add each input's seconds per stage to its line ('timings'), and print "
                          "where the time went (load, detection, angle classification, recognition, "
                          "Devanagari re-reads, straightening, classification, extraction…) on stderr")] = False,
) -> None:
    """Run the engine on local files and print one JSON object per input, one per line."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    when, days = _analysis_options(application_date, abb_days)

    jobs = [(shown, str(p), get_settings().engine.max_bytes, password) for shown, p in _expand(paths)]
    if not jobs:
        typer.echo("no input files", err=True)
        raise typer.Exit(2)
    n = workers or os.cpu_count() or 1
    n = max(1, min(n, len(jobs)))
    settings = engine_settings(get_settings().engine, engines=n)  # one ONNX thread per process
    if reveal_aadhaar:
        settings.reveal_aadhaar = True
    show_bar = len(jobs) > 1 and sys.stderr.isatty() or len(jobs) > 1 and os.environ.get("KAGAZ_PROGRESS") == "1"
    progress = Progress(
        TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=None, transient=False, disable=not show_bar, redirect_stdout=False,
    )
    progress.console.file = sys.stderr
    failures = 0
    spent: list[dict[str, float]] = []
    statements: list[tuple[str, dict[str, Any]]] = []
    with progress, ProcessPoolExecutor(n, initializer=_init_worker, initargs=(settings.model_dump_json(),)) as pool:
        task = progress.add_task("extract", total=len(jobs))
        for line in pool.map(_run_one, jobs):
            timings = line.pop("timings", {})
            if profile:
                line["timings"] = timings
                spent.append(timings)
            if when or days:
                line["file_data"] = reanalysed(line["file_data"], application_date=when, abb_days=days)
            if line["file_data"].get("document_type") == "BANK_STATEMENT":
                statements.append((line["file"], line["file_data"]))
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            failures += line["error_code"] is not None
            progress.advance(task)
    if statements_analysis:
        merged = merged_analysis([d for _, d in statements], application_date=when, abb_days=days) \
            if statements else None
        sys.stdout.write(json.dumps({"statements_analysis": merged, "files": [f for f, _ in statements]},
                                    ensure_ascii=False) + "\n")
    if profile:
        print_profile(spent, workers=n)
    if failures:
        typer.echo(f"{failures} of {len(jobs)} inputs carry an error_code", err=True)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to ``app``."""
    app.command("extract")(extract)
