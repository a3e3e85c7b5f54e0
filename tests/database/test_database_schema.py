"""Migrations create exactly the models' schema; SQLite runs in WAL with a busy timeout."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kagaz.database import Database, upgrade
from kagaz.database.migrate import alembic_config, current_revision, head_revision
from kagaz.database.models import Base


def test_migrations_match_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db)
    upgrade(db)  # idempotent
    assert current_revision(db) == head_revision() == "0006"
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []
    db.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'sub' / 'k.db'}")  # parent folder is created
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.dispose()


def test_indexes_serve_the_hot_queries(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db)
    inspector = sa.inspect(db.engine)
    indexes = {tuple(i["column_names"]) for i in inspector.get_indexes("documents")}
    uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("documents")}
    assert ("status", "available_at", "batch_id", "position") in indexes
    assert ("status", "lease_expires_at") in indexes
    assert ("batch_id", "position") in uniques
    with db.engine.connect() as conn:
        plan = " ".join(
            str(r)
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT file_uuid FROM documents "
                "WHERE batch_id = 'b' AND position >= 0 ORDER BY position LIMIT 50"
            ).all()
        )
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan
    with db.engine.connect() as conn:  # the local pool's claim order: no sort, any backlog
        plan = " ".join(
            str(r)
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT file_uuid FROM documents WHERE status = 'queued' "
                "AND available_at <= '2030-01-01' ORDER BY available_at, batch_id, position "
                "LIMIT 8"
            ).all()
        )
    assert "ix_documents_queue" in plan and "TEMP B-TREE" not in plan
    db.dispose()


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db)
    cfg = alembic_config(str(db.url))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    upgrade(db)
    assert {"clients", "batches", "documents", "signing_keys"} <= set(
        sa.inspect(db.engine).get_table_names()
    )
    db.dispose()


def test_schema_uses_portable_types(tmp_path: Path) -> None:
    # The migration renders for PostgreSQL too (offline SQL), with no SQLite-only constructs.
    import io

    out = io.StringIO()
    cfg = alembic_config("postgresql://u@h/db")
    cfg.output_buffer = out
    command.upgrade(cfg, "head", sql=True)
    sql = out.getvalue()
    assert "CREATE TABLE documents" in sql and "JSON" in sql
    assert "AUTOINCREMENT" not in sql and "PRAGMA" not in sql


def test_passwords_column_added_to_existing_documents(tmp_path: Path) -> None:
    """0005 adds documents.password_sealed to a database with documents (NULL: no password),
    and takes it away again."""
    db = Database(f"sqlite:///{tmp_path / 'k.db'}")
    upgrade(db, "0004")
    with db.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO clients (id, name, secret_hash, created_at) VALUES ('c', 'c', 'h', '2026-01-01')"
        ))
        conn.execute(sa.text(
            "INSERT INTO batches (batch_id, client_id, product_type, family, document_count, "
            "created_at) VALUES ('B', 'c', 'P', 'bulk', 1, '2026-01-01')"
        ))
        conn.execute(sa.text(
            "INSERT INTO documents (file_uuid, batch_id, position, document_id, file_url, status, "
            "attempts, completions, available_at, created_at, updated_at) VALUES "
            "('u', 'B', 0, '1', 'https://x.example/a.pdf', 'queued', 0, 0, '2026-01-01', "
            "'2026-01-01', '2026-01-01')"
        ))
    upgrade(db)
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT password_sealed FROM documents")).all() == [(None,)]
    cfg = alembic_config(str(db.url))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert "password_sealed" not in {c["name"] for c in sa.inspect(db.engine).get_columns("documents")}
    db.dispose()
