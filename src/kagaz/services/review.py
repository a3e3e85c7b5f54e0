"""Reviewers' corrections: correct one field of a finished document, and export the latest
correction of every field as ground truth.

A correction replaces the value the one view shows (:mod:`kagaz.services.results`: the stored
result with earlier corrections overlaid); an Aadhaar number a reviewer types in full is masked
before it is stored, as results are. Correcting a document of a completed flow computes the
flow's cross-checks again (:func:`kagaz.services.completion.refresh_cross_checks`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from kagaz.database import corrections, flows
from kagaz.database.corrections import MAX_VALUE_LENGTH, CorrectionRow
from kagaz.database.db import utcnow
from kagaz.database.models import FINAL_STATUSES
from kagaz.services.completion import refresh_cross_checks
from kagaz.services.errors import Conflict, NotFound
from kagaz.services.results import current_value, overlay
from kagaz.services.wiring import Parts
from kagaz.storage.base import StorageError

__all__ = ["MAX_VALUE_LENGTH", "correct_field", "export_lines"]

_FINAL = {s.value for s in FINAL_STATUSES}


def correct_field(
    parts: Parts,
    *,
    client_id: str,
    file_uuid: str,
    field: str,
    value: str | None,
    reviewer: str | None,
) -> CorrectionRow:
    """Record ``value`` for ``field`` (``key`` or ``key[row].column``) of the client's
    document; ``reviewer`` defaults to the client's name. 404 for an unknown document or field,
    409 while the document is still being read."""
    path = corrections.parse_path(field)
    if path is None:
        raise NotFound("No such field")
    with parts.db.session() as session:
        doc = corrections.get_reviewable(session, file_uuid=file_uuid, client_id=client_id)
        if doc is None:
            raise NotFound("No such file")
        if doc.status not in _FINAL:
            raise Conflict("The document is still being read; correct it once it is done")
        shown = overlay(
            dict(doc.result or {}),
            corrections.latest_values(session, [file_uuid]).get(file_uuid, {}),
        )
        found, previous = current_value(shown, path)
        if not found:
            raise NotFound("No such field")
        if path.key == "aadhaar_number" and isinstance(value, str):
            # A reviewer may type the full number: it is masked before it is stored, as results are.
            value = parts.aadhaar.value(value)
        row = corrections.record(
            session,
            file_uuid=file_uuid,
            client_id=client_id,
            path=path,
            value=value,
            previous_value=previous,
            reviewer=reviewer or doc.client_name,
            original_sha256=_sha256(parts, doc.original_key),
            now=utcnow(),
        )
        flow_uuid = flows.flow_of_document(session, file_uuid=file_uuid)
        if flow_uuid is not None:
            refresh_cross_checks(session, parts.settings.callbacks.rules_dir, flow_uuid=flow_uuid)
        return row


def _sha256(parts: Parts, key: str | None) -> str | None:
    """SHA-256 of the stored original, or None once retention has deleted it."""
    if key is None:
        return None
    try:
        return hashlib.sha256(parts.storage.get(key)).hexdigest()
    except StorageError:
        return None


def export_lines(parts: Parts, *, client_id: str, since: dt.datetime | None) -> Iterator[str]:
    """The client's latest correction of every corrected field, one JSON line each, oldest
    first (read in chunks while the answer streams)."""
    with parts.db.connect() as conn:
        yield from corrections.export_rows(conn, client_id=client_id, since=since)
