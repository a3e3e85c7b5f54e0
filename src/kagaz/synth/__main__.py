"""Write a synthetic corpus and its truth file.

    python -m kagaz.synth --out /tmp/synth --per-type 12 --seed 1 --variants clean,photo

Files are named ``<doc_type>_<layout>_<variant>_<i>.<ext>``; ``truth.jsonl`` has one line per
file in the schema of the shared samples (``file``, ``document_type``, ``fields``) plus
``layout`` and ``variant``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from kagaz.synth.generator import DEFAULT_VARIANTS, DOC_TYPES, VARIANTS, corpus

__all__ = ["main", "write_corpus"]


def write_corpus(out: Path, per_type: int, seed: int, variants: Iterable[str],
                 types: Iterable[str] = DOC_TYPES) -> list[dict]:
    """Generate into ``out`` and write ``out/truth.jsonl``; returns the truth rows."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, doc in enumerate(corpus(per_type, seed, list(variants), list(types))):
        name = doc.filename(i)
        (out / name).write_bytes(doc.data)
        rows.append({"file": name, "document_type": doc.doc_type, "fields": doc.fields,
                     "layout": doc.layout, "variant": doc.variant})
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def _csv(value: str, allowed: tuple[str, ...], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown {what}: {', '.join(bad)}; "
                                         f"known: {', '.join(allowed)}")
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kagaz.synth", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--per-type", type=int, default=12, help="documents per type (default 12)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", type=lambda v: _csv(v, VARIANTS, "variant"),
                    default=list(DEFAULT_VARIANTS),
                    help=f"comma list among {','.join(VARIANTS)} "
                         f"(default: {','.join(DEFAULT_VARIANTS)})")
    ap.add_argument("--types", type=lambda v: _csv(v, DOC_TYPES, "type"), default=list(DOC_TYPES),
                    help=f"comma list among {','.join(DOC_TYPES)}")
    args = ap.parse_args(argv)
    rows = write_corpus(args.out, args.per_type, args.seed, args.variants, args.types)
    print(f"wrote {len(rows)} documents and truth.jsonl to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
