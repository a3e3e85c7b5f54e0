"""``python -m kagaz.api serve|clients …`` (the same commands as ``kagaz serve|clients``)."""

from __future__ import annotations

from kagaz.cli import app

if __name__ == "__main__":
    app()
