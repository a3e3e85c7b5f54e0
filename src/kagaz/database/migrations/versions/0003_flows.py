"""Flow API v3: flows, batches.flow_uuid, callback deliveries and attempts, webhook secrets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kagaz.database.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flows",
        sa.Column("flow_uuid", sa.String(36), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("product_type", sa.String(128), nullable=False),
        sa.Column("application_id", sa.String(256), nullable=False),
        sa.Column("auth_url", sa.Text(), nullable=False),
        sa.Column("callback_url", sa.Text(), nullable=False),
        sa.Column("flow_params", sa.JSON(), nullable=False),
        sa.Column("auth_config", sa.JSON(), nullable=True),
        sa.Column("completions", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.Column("cross_checks", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"], name="fk_flows_client_id_clients"),
        sa.PrimaryKeyConstraint("flow_uuid", name="pk_flows"),
    )
    op.create_index("ix_flows_client_id", "flows", ["client_id"])
    op.create_index("ix_flows_open", "flows", ["completed_at", "updated_at"])
    with op.batch_alter_table("batches") as batch:
        batch.add_column(sa.Column("flow_uuid", sa.String(36), nullable=True))
        batch.create_foreign_key(
            "fk_batches_flow_uuid_flows", "flows", ["flow_uuid"], ["flow_uuid"]
        )
        batch.create_index("ix_batches_flow_uuid", ["flow_uuid"])
    op.create_table(
        "callback_deliveries",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("flow_uuid", sa.String(36), nullable=False),
        sa.Column("completion", sa.Integer(), nullable=False),
        sa.Column("replay", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=True),
        sa.Column("give_up_at", UTCDateTime(), nullable=False),
        sa.Column("lease_owner", sa.String(128), nullable=True),
        sa.Column("lease_expires_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["flow_uuid"], ["flows.flow_uuid"], name="fk_callback_deliveries_flow_uuid_flows"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_callback_deliveries"),
        sa.UniqueConstraint(
            "flow_uuid", "completion", "replay", name="uq_callback_deliveries_completion"
        ),
    )
    op.create_index(
        "ix_callback_deliveries_due", "callback_deliveries", ["status", "next_attempt_at"]
    )
    op.create_table(
        "callback_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("delivery_id", sa.String(40), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.String(40), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(1000), nullable=True),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["callback_deliveries.id"],
            name="fk_callback_attempts_delivery_id_callback_deliveries",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_callback_attempts"),
        sa.UniqueConstraint("delivery_id", "attempt", name="uq_callback_attempts_attempt"),
    )
    op.create_table(
        "webhook_secrets",
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("secret", sa.String(255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name="fk_webhook_secrets_client_id_clients"
        ),
        sa.PrimaryKeyConstraint("client_id", name="pk_webhook_secrets"),
    )


def downgrade() -> None:
    op.drop_table("webhook_secrets")
    op.drop_table("callback_attempts")
    op.drop_index("ix_callback_deliveries_due", table_name="callback_deliveries")
    op.drop_table("callback_deliveries")
    with op.batch_alter_table("batches") as batch:
        batch.drop_index("ix_batches_flow_uuid")
        batch.drop_constraint("fk_batches_flow_uuid_flows", type_="foreignkey")
        batch.drop_column("flow_uuid")
    op.drop_index("ix_flows_open", table_name="flows")
    op.drop_index("ix_flows_client_id", table_name="flows")
    op.drop_table("flows")
