"""Synthetic Indian KYC documents with ground truth, for testing and scoring the engine.

``generate("PAN", seed=7, variant="photo")`` draws one document; :func:`corpus` spreads
layouts and capture variants over many. Nothing here is used by the engine itself.
"""

from __future__ import annotations

from kagaz.synth.degrade import DEGRADATIONS, degrade
from kagaz.synth.generator import (
    DEFAULT_VARIANTS,
    DOC_TYPES,
    VARIANTS,
    SynthDoc,
    corpus,
    generate,
    layouts,
    plan,
)

__all__ = [
    "DEFAULT_VARIANTS",
    "DEGRADATIONS",
    "DOC_TYPES",
    "VARIANTS",
    "SynthDoc",
    "corpus",
    "degrade",
    "generate",
    "layouts",
    "plan",
]
