"""Refresh tokens (/v1/verification/authtoken): refresh_tokens, each kept as its SHA-256 only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kagaz.database.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "refresh_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name="fk_refresh_tokens_client_id_clients"
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_refresh_tokens"),
    )
    # The client's live tokens: revocation, and the oldest dropped past the per-client bound.
    op.create_index(
        "ix_refresh_tokens_client_expires", "refresh_tokens", ["client_id", "expires_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_refresh_tokens_client_expires", table_name="refresh_tokens")
    op.drop_table("refresh_tokens")
