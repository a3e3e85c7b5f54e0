"""Aadhaar Secure QR read rates on synthetic cards and letters, per layout and capture variant.

Every synthetic Aadhaar back and e-Aadhaar letter (and most fronts) prints a real Secure QR
signed by the test signer (kagaz.synth.aadhaar); this reads each captured image the way the
engine reads an uploaded one (kagaz.imaging.qr.read_qr_codes) and counts the images whose code
is decoded to exactly the number printed. Fronts are counted apart: the issue's targets are for
backs and letters (both-sides layouts carry a back).

    python bench/bench_secure_qr.py [--per-layout 20] [--variants clean,photo]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kagaz.imaging.qr import read_qr_codes  # noqa: E402
from kagaz.synth import aadhaar  # noqa: E402
from kagaz.synth.degrade import degrade  # noqa: E402
from kagaz.synth.generator import mix_seed  # noqa: E402

FRONTS = ("front", "front_pvc")


def rates(per_layout: int, variant: str) -> dict[str, tuple[int, int]]:
    """{layout: (decoded, printed)} for ``per_layout`` seeds of every layout."""
    out: dict[str, tuple[int, int]] = {}
    for layout, draw in aadhaar.LAYOUTS.items():
        read = printed = 0
        for seed in range(per_layout):
            rendered = draw(random.Random(mix_seed(seed, "AADHAAR", layout)))
            number = rendered.notes.get("secure_qr")
            if number is None:
                continue
            img = degrade(rendered.image, variant, random.Random(mix_seed(seed, "AADHAAR", layout, variant)))
            printed += 1
            read += any(c.text == number for c in read_qr_codes(img))
        out[layout] = (read, printed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-layout", type=int, default=20)
    ap.add_argument("--variants", default="clean,photo")
    args = ap.parse_args()
    print("| variant | backs and letters | fronts | per layout | seconds |")
    print("|---|---|---|---|---|")
    for variant in args.variants.split(","):
        t = time.perf_counter()
        got = rates(args.per_layout, variant)
        main_ = [v for k, v in got.items() if k not in FRONTS]
        fronts = [v for k, v in got.items() if k in FRONTS]
        share = lambda vs: f"{100 * sum(a for a, _ in vs) / max(1, sum(b for _, b in vs)):.1f}% ({sum(a for a, _ in vs)}/{sum(b for _, b in vs)})"  # noqa: E731
        detail = ", ".join(f"{k} {a}/{b}" for k, (a, b) in got.items())
        print(f"| {variant} | {share(main_)} | {share(fronts)} | {detail} | {time.perf_counter() - t:.0f} |", flush=True)


if __name__ == "__main__":
    main()
