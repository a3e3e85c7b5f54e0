"""Write one section of docs/benchmarks.md, replacing the section of the same title."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

__all__ = ["machine", "write_section"]

HEADER = "# Benchmarks\n\nMeasured by `make bench`; each section says how it was run. Numbers are from the machine named in the section.\n"


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {dt.date.today().isoformat()}"


def load_average() -> float:
    """The 1-minute load average (NaN where the system does not keep one): every bench states
    the load it ran under, since the cores are shared."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def write_section(path: str | Path, title: str, markdown: str) -> None:
    p = Path(path)
    text = p.read_text() if p.exists() else HEADER
    block = f"## {title}\n\n{markdown.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block + "\n", text)
    else:
        text = text.rstrip() + "\n\n" + block
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text.rstrip() + "\n")
