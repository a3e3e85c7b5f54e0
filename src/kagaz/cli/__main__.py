"""``python -m kagaz.cli …``: the ``kagaz`` command."""

from kagaz.cli import app

app()
