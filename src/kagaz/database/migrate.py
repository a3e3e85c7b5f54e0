"""Schema migrations: Alembic, shipped inside the package so they work when kagaz is installed.

``upgrade(db)`` brings a database to the newest revision; the server and ``kagaz worker`` call it
on start, and so do the ``kagaz clients`` commands. On PostgreSQL the upgrade holds a
transaction-scoped advisory lock, so that many API servers and workers starting at once migrate
one after the other (the first applies the revisions, the others find them applied). To write a
new revision after changing ``models.py``::

    python -m kagaz.database.migrate revision -m "what changed"
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from kagaz.database.db import Database

__all__ = ["alembic_config", "current_revision", "head_revision", "upgrade"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Arbitrary, fixed: the key of the PostgreSQL advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6B6167617A  # "kagaz"


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and at ``url``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(db: Database, revision: str = "head") -> None:
    """Apply every pending migration, in one transaction per migration."""
    cfg = alembic_config(db.url.render_as_string(hide_password=False))
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    cfg = alembic_config("sqlite://")
    return ScriptDirectory.from_config(cfg).get_current_head()


def _main(argv: list[str]) -> None:  # pragma: no cover - developer tool
    from kagaz.settings import get_settings

    db = Database(get_settings().resolved_database_url())
    cfg = alembic_config(db.url.render_as_string(hide_password=False))
    if argv[:1] == ["revision"]:
        message = argv[argv.index("-m") + 1] if "-m" in argv else "change"
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True)
    else:
        upgrade(db)


if __name__ == "__main__":  # pragma: no cover
    _main(sys.argv[1:])
