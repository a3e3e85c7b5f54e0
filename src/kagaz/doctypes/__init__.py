"""Document types: one module each, found by what it declares.

A module of this package is a document type when it defines ``CODE`` and ``FIELDS`` (the
contract: :mod:`kagaz.doctypes.base`); helpers (``statement_*.py``, ``forms.py``…) define
neither. :func:`registry` imports the package's modules once, keeps the types and orders them
by their declared ``ORDER`` (ties in classification score go to the earlier one). Adding a type
is its module, its generator and its tests; no list here or elsewhere names it.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from kagaz.doctypes.base import GROUPS, MIN_TYPE_SCORE, DocTypeModule, ExtractOptions

__all__ = ["GROUPS", "MIN_TYPE_SCORE", "DocTypeModule", "ExtractOptions", "discover", "get",
           "registry"]

_REGISTRY: dict[str, ModuleType] = {}


def register(module: ModuleType) -> None:
    """Check a type module's declarations and add it (:func:`register_defaults` orders them)."""
    code = getattr(module, "CODE", None)
    if not isinstance(code, str) or not code.isupper():
        raise ValueError(f"{module.__name__} has no upper-case CODE")
    for name in ("score", "extract", "validate"):
        if not callable(getattr(module, name, None)):
            raise ValueError(f"{module.__name__} lacks {name}()")
    if not isinstance(getattr(module, "FIELDS", None), dict) or not module.FIELDS:
        raise ValueError(f"{module.__name__} declares no FIELDS (kagaz.doctypes.fields)")
    if getattr(module, "GROUP", None) not in GROUPS:
        raise ValueError(f"{module.__name__}: GROUP must be one of {GROUPS}")
    if not isinstance(getattr(module, "ORDER", None), int):
        raise ValueError(f"{module.__name__} declares no integer ORDER")
    generator = getattr(module, "GENERATOR", None)
    if generator is not None and not isinstance(generator, str):
        raise ValueError(f"{module.__name__}: GENERATOR is a dotted module name or None")
    if code in _REGISTRY and _REGISTRY[code] is not module:
        raise ValueError(f"{module.__name__} and {_REGISTRY[code].__name__} both declare {code}")
    _REGISTRY[code] = module


def discover() -> list[ModuleType]:
    """The type modules of this package (those defining ``CODE`` and ``FIELDS``), by
    ``ORDER`` then ``CODE``."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "CODE") and hasattr(module, "FIELDS"):
            found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 0), m.CODE))


def register_defaults() -> None:
    """Every type module of the package, in declared ``ORDER``."""
    for module in discover():
        register(module)


def registry() -> dict[str, ModuleType]:
    """Wire code -> type module, in ``ORDER`` (the order classification breaks ties in)."""
    if not _REGISTRY:
        register_defaults()
    return dict(_REGISTRY)


def get(code: str) -> ModuleType:
    mods = registry()
    if code not in mods:
        raise KeyError(f"unknown document type {code!r}; known: {', '.join(sorted(mods))}")
    return mods[code]
