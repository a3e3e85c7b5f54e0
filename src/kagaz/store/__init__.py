"""Persistence: the database handle, models, migrations and keyword-only store functions.

Submodules by resource: :mod:`kagaz.store.clients`, :mod:`kagaz.store.batches`,
:mod:`kagaz.store.queue` (leases and results), :mod:`kagaz.store.keys` (shared secrets).
"""

from __future__ import annotations

from kagaz.store.db import Database, StoreError, utcnow
from kagaz.store.migrate import upgrade
from kagaz.store.models import DocumentStatus, Family

__all__ = ["Database", "DocumentStatus", "Family", "StoreError", "upgrade", "utcnow"]
