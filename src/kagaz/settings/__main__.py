"""``python -m kagaz.settings --markdown``: every setting as the tables of docs/configuration.md."""

from __future__ import annotations

import sys

from kagaz.settings.markdown import markdown_tables

if sys.argv[1:] == ["--markdown"]:
    sys.stdout.write(markdown_tables())
else:
    sys.stderr.write("usage: python -m kagaz.settings --markdown\n")
    raise SystemExit(2)
