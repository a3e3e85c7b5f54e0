"""``python -m kagaz.api serve|clients …`` (the same commands as ``kagaz serve|clients``)."""

from __future__ import annotations

import typer

from kagaz.api.commands import register

app = typer.Typer(no_args_is_help=True)
register(app)

if __name__ == "__main__":
    app()
