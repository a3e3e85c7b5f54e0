"""The ``kagaz`` command: ``extract`` (the engine on local files), ``serve`` (the API server),
``worker`` (a Celery worker) and ``clients`` (API credentials), one module each.

Each command imports what it runs when it runs: ``kagaz worker`` prepares the process (the
metrics folder, logging) before the modules that need it load, and ``kagaz extract`` starts
without the web application.
"""

from __future__ import annotations

import typer

from kagaz.cli import celery_worker, clients, extract, serve

__all__ = ["app", "main"]

app = typer.Typer(help="kagaz: offline document intelligence for Indian lending.", no_args_is_help=True)


@app.callback()
def _root() -> None:
    """kagaz: offline document intelligence for Indian lending."""


for _command in (extract, serve, clients, celery_worker):
    _command.register(app)


def main() -> None:  # pragma: no cover
    app()
