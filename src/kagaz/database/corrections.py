"""Reviewers' corrections of extracted fields: record them, read the latest ones, export them.

A correction names a field of a final document by its key (``pan_number``) or, for a row of a
list field, by a row path (``transactions[3].debit``): a :class:`FieldPath`. The latest correction
of a field wins; earlier ones stay as history. Every answer that shows a document's fields
overlays them (:func:`kagaz.services.results.apply_corrections`). Keyword-only; :func:`record`
commits.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kagaz.database.models import Batch, Client, Correction, StoredDocument

__all__ = [
    "MAX_VALUE_LENGTH",
    "NOT_FIELDS",
    "CorrectionRow",
    "FieldPath",
    "Reviewable",
    "export_rows",
    "get_reviewable",
    "iso",
    "latest_values",
    "parse_path",
    "record",
]

MAX_VALUE_LENGTH = 4000
_KEY = r"[A-Za-z_][A-Za-z0-9_]{0,63}"
_PATH = re.compile(rf"({_KEY})(?:\[(\d{{1,6}})\]\.({_KEY}))?")
# Keys of a result that are not fields: never corrected.
NOT_FIELDS = frozenset({"document_type", "document_type_confidence", "document_type_runner_up",
                        "validations"})
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class FieldPath:
    """``key`` or ``key[row].column``."""

    key: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.key if self.row is None else f"{self.key}[{self.row}].{self.column}"


def parse_path(text: str) -> FieldPath | None:
    """A field path, or None when ``text`` is not one.

    >>> parse_path("transactions[3].debit")
    FieldPath(key='transactions', row=3, column='debit')
    >>> parse_path("pan_number"), parse_path("../x"), parse_path("document_type")
    (FieldPath(key='pan_number', row=None, column=None), None, None)
    """
    m = _PATH.fullmatch(text)
    if m is None or m.group(1) in NOT_FIELDS:
        return None
    return FieldPath(m.group(1), int(m.group(2)) if m.group(2) else None, m.group(3))


def _connection(conn: sa.Connection | Session) -> sa.Connection:
    return conn.connection() if isinstance(conn, Session) else conn


def latest_values(conn: sa.Connection | Session, file_uuids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{file_uuid: {path: latest corrected value}}`` for the documents that have corrections
    (one indexed query per 500 documents)."""
    uuids = list(dict.fromkeys(file_uuids))
    out: dict[str, dict[str, Any]] = {}
    connection = _connection(conn)
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start : start + _CHUNK]
        rows = connection.execute(
            sa.select(Correction.file_uuid, Correction.field, Correction.value)
            .where(Correction.file_uuid.in_(chunk))
            .order_by(Correction.id)
        ).all()
        for file_uuid, field, value in rows:
            out.setdefault(file_uuid, {})[field] = value  # later rows win
    return out


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    file_uuid: str
    field: str
    value: Any
    previous_value: Any
    reviewer: str
    corrected_at: dt.datetime

    def public(self) -> dict[str, Any]:
        return {
            "file_uuid": self.file_uuid,
            "field": self.field,
            "value": self.value,
            "previous_value": self.previous_value,
            "reviewer": self.reviewer,
            "corrected_at": iso(self.corrected_at),
        }


def iso(when: dt.datetime) -> str:
    """``2026-11-28T17:04:18.123456Z``."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class Reviewable:
    """What a correction needs to know about a document."""

    file_uuid: str
    status: str
    result: dict[str, Any] | None
    client_name: str
    original_key: str | None


def get_reviewable(session: Session, *, file_uuid: str, client_id: str) -> Reviewable | None:
    """The document if it belongs to ``client_id`` (else None: unknown and foreign look alike)."""
    row = session.execute(
        sa.select(StoredDocument.file_uuid, StoredDocument.status, StoredDocument.result, Client.name, StoredDocument.original_key)
        .join(Batch, Batch.batch_id == StoredDocument.batch_id)
        .join(Client, Client.id == Batch.client_id)
        .where(StoredDocument.file_uuid == file_uuid, Batch.client_id == client_id)
    ).first()
    return None if row is None else Reviewable(*row)


def record(
    session: Session,
    *,
    file_uuid: str,
    client_id: str,
    path: FieldPath,
    value: Any,
    previous_value: Any,
    reviewer: str,
    original_sha256: str | None,
    now: dt.datetime,
) -> CorrectionRow:
    """Store one correction and commit."""
    session.add(
        Correction(
            file_uuid=file_uuid,
            client_id=client_id,
            field=str(path),
            value=value,
            previous_value=previous_value,
            reviewer=reviewer,
            original_sha256=original_sha256,
            created_at=now,
        )
    )
    session.commit()
    return CorrectionRow(file_uuid, str(path), value, previous_value, reviewer, now)


def export_rows(
    conn: sa.Connection | Session, *, client_id: str, since: dt.datetime | None = None
) -> Iterator[str]:
    """The client's latest correction of every corrected field, one JSON line each (ground
    truth for the evaluation), oldest first; read in chunks, never all at once.

    ``engine_value`` is what the engine read (the first correction's previous value);
    ``previous_value`` is the value this correction replaced.
    """
    connection = _connection(conn)
    groups = (
        sa.select(sa.func.max(Correction.id).label("last"), sa.func.min(Correction.id).label("first"))
        .where(Correction.client_id == client_id)
        .group_by(Correction.file_uuid, Correction.field)
        .subquery()
    )
    pairs = connection.execute(sa.select(groups.c.last, groups.c.first).order_by(groups.c.last)).all()
    for start in range(0, len(pairs), _CHUNK):
        chunk = dict(pairs[start : start + _CHUNK])  # last id -> first id
        query = (
            sa.select(
                Correction.id,
                Correction.file_uuid,
                StoredDocument.document_id,
                StoredDocument.document_type,
                Correction.field,
                Correction.value,
                Correction.previous_value,
                Correction.reviewer,
                Correction.created_at,
                Correction.original_sha256,
            )
            .join(StoredDocument, StoredDocument.file_uuid == Correction.file_uuid)
            .where(Correction.id.in_(list(chunk)))
            .order_by(Correction.id)
        )
        if since is not None:
            query = query.where(Correction.created_at >= since)
        rows = connection.execute(query).all()
        if not rows:
            continue
        engine_values = dict(
            connection.execute(
                sa.select(Correction.id, Correction.previous_value).where(
                    Correction.id.in_([chunk[r[0]] for r in rows])
                )
            ).all()
        )
        for r in rows:
            yield json.dumps(
                {
                    "file_uuid": r[1],
                    "document_id": r[2],
                    "document_type": r[3],
                    "field": r[4],
                    "value": r[5],
                    "previous_value": r[6],
                    "engine_value": engine_values.get(chunk[r[0]]),
                    "reviewer": r[7],
                    "corrected_at": iso(r[8]),
                    "original_sha256": r[9],
                },
                ensure_ascii=False,
            ) + "\n"
