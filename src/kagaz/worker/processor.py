"""Moved: the engine seam is :mod:`kagaz.services.processing`, the Aadhaar rule for results is
:func:`kagaz.services.results.mask_aadhaar_numbers`.

Kept only while ``tests/text/test_aadhaar_rule.py`` imports ``mask_aadhaar_numbers`` from here;
delete this module once that import names :mod:`kagaz.services.results`.
"""

from __future__ import annotations

from kagaz.services.results import mask_aadhaar_numbers

__all__ = ["mask_aadhaar_numbers"]
