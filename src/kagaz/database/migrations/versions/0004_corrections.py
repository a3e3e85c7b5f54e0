"""Review console: reviewers' corrections of extracted fields.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kagaz.database.models import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("file_uuid", sa.String(36), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("previous_value", sa.JSON(), nullable=True),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("original_sha256", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_uuid"], ["documents.file_uuid"], name="fk_corrections_file_uuid_documents"
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name="fk_corrections_client_id_clients"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_file_field", "corrections", ["file_uuid", "field", "id"])
    op.create_index("ix_corrections_client_created", "corrections", ["client_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_corrections_client_created", table_name="corrections")
    op.drop_index("ix_corrections_file_field", table_name="corrections")
    op.drop_table("corrections")
