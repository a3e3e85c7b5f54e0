"""Document types: one module each, registered explicitly in :func:`register_defaults`.

Adding a type means adding its module and one line below; nothing else changes.
"""

from __future__ import annotations

from types import ModuleType

from kagaz.doctypes.base import MIN_TYPE_SCORE, DocTypeModule, ExtractOptions

__all__ = ["MIN_TYPE_SCORE", "DocTypeModule", "ExtractOptions", "get", "registry"]

_REGISTRY: dict[str, ModuleType] = {}


def register(module: ModuleType) -> None:
    code = getattr(module, "CODE", None)
    if not isinstance(code, str) or not code.isupper():
        raise ValueError(f"{module.__name__} has no upper-case CODE")
    for name in ("score", "extract", "validate"):
        if not callable(getattr(module, name, None)):
            raise ValueError(f"{module.__name__} lacks {name}()")
    if not isinstance(getattr(module, "FIELDS", None), dict) or not module.FIELDS:
        raise ValueError(f"{module.__name__} declares no FIELDS (kagaz.doctypes.fields)")
    _REGISTRY[code] = module


def register_defaults() -> None:
    """The built-in document types, in a fixed order (ties in score go to the earlier one)."""
    from kagaz.doctypes import (
        aadhaar,
        bank_statement,
        delivery_order,
        driving_license,
        gst_cert,
        invoice,
        pan,
        passport,
        sale_deed,
        shop_act_license,
        udyam_cert,
        voter_id,
    )

    identity = (pan, aadhaar, driving_license, voter_id, passport)
    business = (gst_cert, udyam_cert, shop_act_license, invoice, delivery_order, bank_statement, sale_deed)
    for module in (*identity, *business):
        register(module)


def registry() -> dict[str, ModuleType]:
    if not _REGISTRY:
        register_defaults()
    return dict(_REGISTRY)


def get(code: str) -> ModuleType:
    mods = registry()
    if code not in mods:
        raise KeyError(f"unknown document type {code!r}; known: {', '.join(sorted(mods))}")
    return mods[code]
