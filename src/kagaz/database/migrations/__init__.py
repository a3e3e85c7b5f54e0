"""Alembic migrations of kagaz's schema (a package so that installs ship them)."""
