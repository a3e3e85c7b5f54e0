"""Retention: delete downloaded originals some days after their document finished.

Derived images (the masked Aadhaar) and results are kept; only originals, which hold the full
unmasked document, go. The URL's query string (pre-signed credentials) is dropped at the same time.
"""

from __future__ import annotations

import datetime as dt
import logging

from kagaz.database.db import Database, utcnow
from kagaz.database.queue import originals_to_purge, set_original_purged
from kagaz.storage.base import Storage

__all__ = ["purge_originals"]

log = logging.getLogger(__name__)


def purge_originals(
    *,
    db: Database,
    storage: Storage,
    retention_days: float,
    now: dt.datetime | None = None,
    batch_size: int = 500,
) -> int:
    """Delete originals stored more than ``retention_days`` ago; returns how many went.

    ``retention_days == 0`` keeps everything. Documents still being processed are never touched.
    """
    if retention_days <= 0:
        return 0
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=retention_days)
    purged = 0
    while True:
        with db.session() as session:
            rows = originals_to_purge(session, older_than=cutoff, limit=batch_size)
        if not rows:
            break
        for file_uuid, key in rows:
            storage.delete(key)
            with db.session() as session:
                set_original_purged(session, file_uuid=file_uuid, now=now)
            purged += 1
        if len(rows) < batch_size:
            break
    if purged:
        log.info("retention: deleted %d original(s) older than %s days", purged, retention_days)
    return purged
