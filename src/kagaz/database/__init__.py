"""The database: its handle, models, migrations and keyword-only query functions.

Submodules by resource: :mod:`kagaz.database.clients`, :mod:`kagaz.database.batches`,
:mod:`kagaz.database.queue` (leases and results), :mod:`kagaz.database.keys` (shared secrets).
"""

from __future__ import annotations

from kagaz.database.db import Database, StoreError, utcnow
from kagaz.database.migrate import upgrade
from kagaz.database.models import DocumentStatus, Family

__all__ = ["Database", "DocumentStatus", "Family", "StoreError", "upgrade", "utcnow"]
