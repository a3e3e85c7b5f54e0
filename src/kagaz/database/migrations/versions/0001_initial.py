"""Initial schema: clients, batches, documents, signing keys.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kagaz.database.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clients",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("secret_hash", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_clients"),
    )
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(40), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("product_type", sa.String(128), nullable=False),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("document_count", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name="fk_batches_client_id_clients"),
        sa.PrimaryKeyConstraint("batch_id", name="pk_batches"),
    )
    op.create_index("ix_batches_client_id", "batches", ["client_id"])
    op.create_table(
        "documents",
        sa.Column("file_uuid", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(256), nullable=False),
        sa.Column("file_url", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.String(1000), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("completions", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(128), nullable=True),
        sa.Column("lease_expires_at", UTCDateTime(), nullable=True),
        sa.Column("available_at", UTCDateTime(), nullable=False),
        sa.Column("original_key", sa.String(255), nullable=True),
        sa.Column("original_format", sa.String(8), nullable=True),
        sa.Column("original_size", sa.Integer(), nullable=True),
        sa.Column("original_stored_at", UTCDateTime(), nullable=True),
        sa.Column("original_purged_at", UTCDateTime(), nullable=True),
        sa.Column("document_type", sa.String(64), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("artifacts", sa.JSON(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.batch_id"], name="fk_documents_batch_id_batches"
        ),
        sa.PrimaryKeyConstraint("file_uuid", name="pk_documents"),
        sa.UniqueConstraint("batch_id", "position", name="uq_documents_batch_position"),
    )
    op.create_index("ix_documents_queue", "documents", ["status", "available_at"])
    op.create_index("ix_documents_lease", "documents", ["status", "lease_expires_at"])
    op.create_index("ix_documents_original_stored_at", "documents", ["original_stored_at"])
    op.create_table(
        "signing_keys",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("secret", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_signing_keys"),
    )


def downgrade() -> None:
    op.drop_table("signing_keys")
    op.drop_index("ix_documents_original_stored_at", table_name="documents")
    op.drop_index("ix_documents_lease", table_name="documents")
    op.drop_index("ix_documents_queue", table_name="documents")
    op.drop_table("documents")
    op.drop_index("ix_batches_client_id", table_name="batches")
    op.drop_table("batches")
    op.drop_table("clients")
