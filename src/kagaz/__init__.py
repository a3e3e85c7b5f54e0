"""kagaz: offline document intelligence for Indian lending, wire-compatible with the Atlas API."""

__version__ = "0.1.0"
__all__ = ["__version__"]
