"""Revision files, applied in order by kagaz.store.migrate.upgrade."""
