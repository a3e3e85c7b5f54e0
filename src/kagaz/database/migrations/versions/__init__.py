"""Revision files, applied in order by kagaz.database.migrate.upgrade."""
