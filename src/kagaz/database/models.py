"""Tables of the service, as SQLAlchemy 2 declarative models.

Types are portable (no SQLite-only SQL): strings with explicit lengths, ``sqlalchemy.JSON`` for
results, and :class:`UTCDateTime`, which stores naive UTC on every backend and hands back
timezone-aware datetimes. The schema itself is created only by the Alembic migrations in
``kagaz/database/migrations``; a test checks that these models and the migrations agree.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "DISPATCHED",
    "FINAL_STATUSES",
    "UNDISPATCHED",
    "Base",
    "Batch",
    "CallbackAttempt",
    "CallbackDelivery",
    "Client",
    "Correction",
    "DocumentStatus",
    "Family",
    "Flow",
    "RefreshToken",
    "SigningKey",
    "StoredDocument",
    "UTCDateTime",
    "WebhookSecret",
]


class DocumentStatus(StrEnum):
    """Life of one document; ``done`` and ``failed`` are final."""

    QUEUED = "queued"
    FETCHING = "fetching"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


FINAL_STATUSES = (DocumentStatus.DONE, DocumentStatus.FAILED)

# Predicates of the partial indexes of the broker path, as literal SQL: a planner uses a partial
# index only when it can see that the query implies the predicate, so queries spell them out the
# same way (never with bound parameters).
UNDISPATCHED = "status = 'queued' AND enqueued_at IS NULL"
DISPATCHED = "status = 'queued' AND enqueued_at IS NOT NULL"


class Family(StrEnum):
    """Which Atlas API family a batch was submitted through."""

    BULK = "bulk"
    DOCSTREAM = "docstream"
    FLOW = "flow"


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and read back as aware UTC."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to UTCDateTime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=_NAMING)


class Client(Base):
    """An API client (tenant): credentials and revocation."""

    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    secret_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Batch(Base):
    """One multiupload request: its documents share the ``batch_id``."""

    __tablename__ = "batches"

    batch_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.ForeignKey("clients.id"), index=True)
    product_type: Mapped[str] = mapped_column(sa.String(128))
    family: Mapped[str] = mapped_column(sa.String(16))
    document_count: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Set only for uploads through the Flow API v3 (family ``flow``).
    flow_uuid: Mapped[str | None] = mapped_column(
        sa.ForeignKey("flows.flow_uuid"), nullable=True, index=True
    )


class StoredDocument(Base):
    """One submitted URL or file, from acceptance to its single final result: the row (the
    engine's document in flight is :class:`kagaz.model.Document`)."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.UniqueConstraint("batch_id", "position", name="uq_documents_batch_position"),
        # The local pool's claim order, read straight off the index (no sort, any backlog).
        sa.Index("ix_documents_queue", "status", "available_at", "batch_id", "position"),
        sa.Index("ix_documents_lease", "status", "lease_expires_at"),
        sa.Index("ix_documents_original_stored_at", "original_stored_at"),
        # The broker path (KAGAZ_QUEUE=celery): documents not yet handed to the broker, in
        # dispatch order, and those handed over but not started (the dispatch window).
        sa.Index(
            "ix_documents_undispatched",
            "available_at",
            "batch_id",
            "position",
            sqlite_where=sa.text(UNDISPATCHED),
            postgresql_where=sa.text(UNDISPATCHED),
        ),
        sa.Index(
            "ix_documents_dispatched",
            "enqueued_at",
            sqlite_where=sa.text(DISPATCHED),
            postgresql_where=sa.text(DISPATCHED),
        ),
    )

    file_uuid: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(sa.ForeignKey("batches.batch_id"))
    position: Mapped[int] = mapped_column(sa.Integer)
    document_id: Mapped[str] = mapped_column(sa.String(256))
    file_url: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16))
    error_code: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    error_message: Mapped[str | None] = mapped_column(sa.String(1000), nullable=True)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    completions: Mapped[int] = mapped_column(sa.Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(sa.String(128), nullable=True)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    available_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    enqueued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    original_key: Mapped[str | None] = mapped_column(sa.String(255), nullable=True)
    original_format: Mapped[str | None] = mapped_column(sa.String(8), nullable=True)
    original_size: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    original_stored_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    original_purged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    document_type: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON(none_as_null=True), nullable=True)
    artifacts: Mapped[dict[str, str] | None] = mapped_column(
        sa.JSON(none_as_null=True), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # A locked PDF's password, sealed (kagaz.database.passwords); NULL once the document is final.
    password_sealed: Mapped[bytes | None] = mapped_column(sa.LargeBinary(), nullable=True)


class SigningKey(Base):
    """A secret generated once and shared by every server process (e.g. the token key)."""

    __tablename__ = "signing_keys"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    secret: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Flow(Base):
    """A Flow API v3 session (one loan application): its uploads are batches of family ``flow``.

    ``completions`` counts how often every document of the flow reached a final status; each
    completion produces exactly one callback delivery. ``completed_at`` is cleared when a later
    upload re-opens the flow.
    """

    __tablename__ = "flows"
    # Open flows (completed_at IS NULL) in the order the completion scan reads them.
    __table_args__ = (sa.Index("ix_flows_open", "completed_at", "updated_at"),)

    flow_uuid: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.ForeignKey("clients.id"), index=True)
    product_type: Mapped[str] = mapped_column(sa.String(128))
    application_id: Mapped[str] = mapped_column(sa.String(256))
    auth_url: Mapped[str] = mapped_column(sa.Text)
    callback_url: Mapped[str] = mapped_column(sa.Text)
    flow_params: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # Per-flow override of the auth_url call (method, token field, header); None = settings.
    auth_config: Mapped[dict[str, Any] | None] = mapped_column(
        sa.JSON(none_as_null=True), nullable=True
    )
    completions: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cross_checks: Mapped[list[dict[str, Any]] | None] = mapped_column(
        sa.JSON(none_as_null=True), nullable=True
    )


class CallbackDelivery(Base):
    """One callback message (one ``webhook-id``), retried until delivered or given up.

    ``replay`` is 0 for the delivery a completion produces and 1, 2, ... for deliveries queued by
    a replay request; the unique key makes a completion produce one delivery even under races.
    """

    __tablename__ = "callback_deliveries"
    __table_args__ = (
        sa.UniqueConstraint(
            "flow_uuid", "completion", "replay", name="uq_callback_deliveries_completion"
        ),
        sa.Index("ix_callback_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    flow_uuid: Mapped[str] = mapped_column(sa.ForeignKey("flows.flow_uuid"))
    completion: Mapped[int] = mapped_column(sa.Integer)
    replay: Mapped[int] = mapped_column(sa.Integer, default=0)
    status: Mapped[str] = mapped_column(sa.String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    give_up_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    lease_owner: Mapped[str | None] = mapped_column(sa.String(128), nullable=True)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CallbackAttempt(Base):
    """One try of a delivery: the delivery log ``GET /v3/verification/callbacks`` reads."""

    __tablename__ = "callback_attempts"
    __table_args__ = (
        sa.UniqueConstraint("delivery_id", "attempt", name="uq_callback_attempts_attempt"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(sa.ForeignKey("callback_deliveries.id"))
    attempt: Mapped[int] = mapped_column(sa.Integer)
    webhook_id: Mapped[str] = mapped_column(sa.String(40))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status: Mapped[str] = mapped_column(sa.String(16))
    http_status: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(sa.String(1000), nullable=True)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class WebhookSecret(Base):
    """A client's Standard Webhooks signing secret (``whsec_`` + base64), kept to sign with."""

    __tablename__ = "webhook_secrets"

    client_id: Mapped[str] = mapped_column(sa.ForeignKey("clients.id"), primary_key=True)
    secret: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Correction(Base):
    """A reviewer's correction of one field of one document; the latest per field wins, and
    earlier ones stay as history. ``field`` is the field key, or a row path such as
    ``transactions[3].debit``; ``value`` and ``previous_value`` are JSON (a string or null)."""

    __tablename__ = "corrections"
    __table_args__ = (
        sa.Index("ix_corrections_file_field", "file_uuid", "field", "id"),
        sa.Index("ix_corrections_client_created", "client_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    file_uuid: Mapped[str] = mapped_column(sa.ForeignKey("documents.file_uuid"))
    client_id: Mapped[str] = mapped_column(sa.ForeignKey("clients.id"))
    field: Mapped[str] = mapped_column(sa.String(200))
    value: Mapped[Any] = mapped_column(sa.JSON(none_as_null=True), nullable=True)
    previous_value: Mapped[Any] = mapped_column(sa.JSON(none_as_null=True), nullable=True)
    reviewer: Mapped[str] = mapped_column(sa.String(200))
    # SHA-256 of the stored original when the correction was made: ties the ground truth to
    # the exact file even after retention deletes it.
    original_sha256: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class RefreshToken(Base):
    """A refresh token handed out by ``/v1/verification/authtoken``, kept only as its SHA-256
    (the token itself is never stored); revoking the client revokes it."""

    __tablename__ = "refresh_tokens"
    __table_args__ = (sa.Index("ix_refresh_tokens_client_expires", "client_id", "expires_at"),)

    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.ForeignKey("clients.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), nullable=True)
