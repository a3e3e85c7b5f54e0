"""Broker path: documents.enqueued_at, dispatch indexes, and a claim index without sorts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kagaz.database.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_UNDISPATCHED = "status = 'queued' AND enqueued_at IS NULL"
_DISPATCHED = "status = 'queued' AND enqueued_at IS NOT NULL"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("enqueued_at", UTCDateTime(), nullable=True))
    op.drop_index("ix_documents_queue", table_name="documents")
    op.create_index(
        "ix_documents_queue", "documents", ["status", "available_at", "batch_id", "position"]
    )
    op.create_index(
        "ix_documents_undispatched",
        "documents",
        ["available_at", "batch_id", "position"],
        sqlite_where=sa.text(_UNDISPATCHED),
        postgresql_where=sa.text(_UNDISPATCHED),
    )
    op.create_index(
        "ix_documents_dispatched",
        "documents",
        ["enqueued_at"],
        sqlite_where=sa.text(_DISPATCHED),
        postgresql_where=sa.text(_DISPATCHED),
    )


def downgrade() -> None:
    op.drop_index("ix_documents_dispatched", table_name="documents")
    op.drop_index("ix_documents_undispatched", table_name="documents")
    op.drop_index("ix_documents_queue", table_name="documents")
    op.create_index("ix_documents_queue", "documents", ["status", "available_at"])
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("enqueued_at")
