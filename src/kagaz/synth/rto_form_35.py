"""Form 35 of the Central Motor Vehicles Rules, 1989, filled in, in three designs.

The designs and their truth are :mod:`kagaz.synth.rto_forms`' (``statute``, ``state``, ``financier``).
"""

from __future__ import annotations

from kagaz.synth.layout import LayoutFn
from kagaz.synth.rto_forms import layouts

__all__ = ["A4_LAYOUTS", "LAYOUTS"]

LAYOUTS: dict[str, LayoutFn] = layouts(35)
A4_LAYOUTS = frozenset(LAYOUTS)
