"""Scan what kagaz leaves at rest (the database, the data directory, log files) for what must
never be there: full Aadhaar numbers, client secrets and access tokens.

With no known values it looks for their shapes: an Aadhaar number by the one rule of
:mod:`kagaz.text.masking` that also passes Aadhaar's structure and Verhoeff check (a checked
number: what logs and results must have masked, less the 12-digit account numbers and
references that merely look like one), a client secret (``ks_`` and 43 URL-safe characters) and
a JSON Web Token. Known values (``--needle``) are looked for exactly, in UTF-8
and UTF-16. Files are read as bytes (a SQLite file's free pages and WAL included); a database URL
is also read row by row through SQLAlchemy, which covers PostgreSQL.

Stored originals (``originals/`` under the data directory) are skipped unless ``--originals``:
they are the customer's own document, kept verbatim until the retention purge; everything kagaz
derives from them is scanned.

Usage::

    python -m kagaz.security.scan --path data --path /var/log/kagaz.log \\
        --database-url postgresql+psycopg://kagaz@db/kagaz [--needle VALUE ...]

Exit status 0 when nothing is found, 1 with one line per finding (values shown masked).
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kagaz.text.masking import find_aadhaar, masked_form

__all__ = ["Finding", "main", "scan_bytes", "scan_database", "scan_paths"]

_SECRET = re.compile(rb"(?<![A-Za-z0-9_-])ks_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
_JWT = re.compile(rb"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}")
_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    where: str  # a file path, or database:table.column
    kind: str  # aadhaar, client_secret, token or needle
    offset: int
    shown: str  # the value, masked

    def __str__(self) -> str:
        return f"{self.where} @{self.offset}: {self.kind} {self.shown}"


def _mask(value: bytes) -> str:
    text = value.decode("latin-1")
    return text[:6] + "…" + text[-4:] if len(text) > 12 else text[:2] + "…" + text[-4:]


def scan_bytes(
    data: bytes, where: str, needles: Sequence[bytes] = (), base: int = 0
) -> list[Finding]:
    """Findings in ``data`` (``base`` is its offset in the whole file).

    >>> [f.kind for f in scan_bytes(b"id 7260 1815 9082 and 1234 5678 9012", "x")]
    ['aadhaar']
    >>> scan_bytes(b"masked XXXX XXXX 9082, uuid 6f1c2b3a-1d2e-4f5a-9b8c-726018159082", "x")
    []
    """
    found: list[Finding] = []
    # Latin-1 maps each byte to one character: offsets stay byte offsets, and any file decodes.
    for m in find_aadhaar(data.decode("latin-1")):
        if m.checked:
            found.append(Finding(where, "aadhaar", base + m.start, masked_form(m.digits)))
    for kind, pattern in (("client_secret", _SECRET), ("token", _JWT)):
        for m in pattern.finditer(data):
            found.append(Finding(where, kind, base + m.start(), _mask(m.group(0))))
    for needle in needles:
        for form in {needle, needle.decode("utf-8").encode("utf-16-le")}:
            start = 0
            while (i := data.find(form, start)) >= 0:
                found.append(Finding(where, "needle", base + i, _mask(needle)))
                start = i + 1
    return found


def _files(
    paths: Iterable[Path], originals: bool, exclude: Sequence[str] = ()
) -> Iterator[Path]:
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and not p.is_symlink() and (originals or "originals" not in p.parts) \
                        and not any(fnmatch.fnmatch(str(p), pattern) for pattern in exclude):
                    yield p


def scan_paths(
    paths: Iterable[Path],
    needles: Sequence[bytes] = (),
    *,
    originals: bool = False,
    exclude: Sequence[str] = (),
) -> list[Finding]:
    """Findings in every file under ``paths`` (read in overlapping chunks: bounded memory)."""
    overlap = max([200, *(2 * len(n) + 8 for n in needles)])
    found: list[Finding] = []
    for path in _files(paths, originals, exclude):
        seen: set[tuple[str, int]] = set()
        with path.open("rb") as f:
            offset, tail = 0, b""
            while chunk := f.read(_CHUNK):
                data = tail + chunk
                for finding in scan_bytes(data, str(path), needles, base=offset - len(tail)):
                    if (finding.kind, finding.offset) not in seen:
                        seen.add((finding.kind, finding.offset))
                        found.append(finding)
                tail = data[-overlap:]
                offset += len(chunk)
    return found


def scan_database(url: str, needles: Sequence[bytes] = ()) -> list[Finding]:
    """Findings in every text or binary value of every table behind ``url``."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    found: list[Finding] = []
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                for row in conn.execute(sa.select(table)):
                    for column, value in zip(table.columns, row, strict=True):
                        if value is None:
                            continue
                        raw = value if isinstance(value, bytes) else str(value).encode()
                        where = f"database:{table.name}.{column.name}"
                        found.extend(scan_bytes(raw, where, needles))
    finally:
        engine.dispose()
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kagaz.security.scan", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--path", action="append", default=[], type=Path, help="file or directory")
    parser.add_argument("--database-url", action="append", default=[], help="SQLAlchemy URL")
    parser.add_argument("--needle", action="append", default=[],
                        help="a known secret to find; write --needle=VALUE when it may start with '-'")
    parser.add_argument("--originals", action="store_true", help="scan stored originals too")
    parser.add_argument(
        "--exclude", action="append", default=[],
        help="glob of files to skip, e.g. synthetic ground truth ('*/truth.jsonl')",
    )
    args = parser.parse_args(argv)
    needles = [n.encode() for n in args.needle if n]
    found = scan_paths(args.path, needles, originals=args.originals, exclude=args.exclude)
    for url in args.database_url:
        found.extend(scan_database(url, needles))
    files = sum(1 for _ in _files(args.path, args.originals, args.exclude))
    for finding in found:
        print(finding)
    print(
        f"scanned {files} file(s) and {len(args.database_url)} database(s): "
        f"{len(found)} finding(s)",
        file=sys.stderr,
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
