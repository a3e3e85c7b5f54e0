"""Passwords of locked PDFs: documents.password_sealed (sealed, erased when the document is final).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: existing rows simply have no password (BLOB on SQLite, bytea on
    # PostgreSQL).
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("password_sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("password_sealed")
