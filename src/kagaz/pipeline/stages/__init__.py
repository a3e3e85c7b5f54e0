"""The engine's stages, one module each; the order is written once in ``kagaz.pipeline``."""
