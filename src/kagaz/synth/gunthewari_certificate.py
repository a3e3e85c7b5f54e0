"""Gunthewari certificates in Marathi: the layouts of :mod:`kagaz.synth.land_certificates`."""

from __future__ import annotations

from functools import partial

from kagaz.synth.land_certificates import draw
from kagaz.synth.layout import LayoutFn

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

LAYOUTS: dict[str, LayoutFn] = {name: partial(draw, kind="gunthewari", layout=name) for name in ("letter", "form")}
A4_LAYOUTS: frozenset[str] = frozenset()  # A4 scans only: no born-digital design yet
SIZE = (1654, 2339)  # every design is an A4 page at 200 dpi
