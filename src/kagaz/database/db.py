"""The database handle: one SQLAlchemy engine per process, sessions per unit of work.

SQLite (the embedded default) runs in WAL mode with ``synchronous=FULL`` so that a committed
transaction survives a crash of the process or the machine, a ``busy_timeout`` so that
concurrent writers wait instead of failing, and foreign keys on. Nothing here is SQLite-only:
the same code runs on PostgreSQL, where only the engine options differ.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kagaz.errors import KagazError

__all__ = ["Database", "FastQuery", "StoreError", "utcnow"]

_SQLITE_BUSY_MS = 10_000


class StoreError(KagazError):
    """The database could not be read or written (infrastructure, not the caller's fault)."""

    code = "STORE_ERROR"
    message = "The database is unavailable"


def utcnow() -> dt.datetime:
    """Now, in UTC, timezone-aware: the only clock the store uses."""
    return dt.datetime.now(dt.UTC)


def _compact_json(value: Any) -> str:
    """JSON columns are stored compact (results are spliced into answers as stored).

    >>> import numpy as np
    >>> _compact_json({"a": np.float32(0.5), "b": [1, "x"]})
    '{"a":0.5,"b":[1,"x"]}'
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return item()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        cur.close()


class Database:
    """An engine plus a session factory for one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        kwargs: dict[str, Any] = {"echo": echo, "future": True, "json_serializer": _compact_json}
        if self.is_sqlite:
            _ensure_sqlite_dir(self.url.database)
            kwargs["connect_args"] = {"timeout": _SQLITE_BUSY_MS / 1000, "check_same_thread": False}
            kwargs["pool_size"] = 20
            kwargs["max_overflow"] = 40
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = sa.create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that is rolled back unless the caller commits; errors become StoreError."""
        session = self._sessions()
        try:
            yield session
        except sa.exc.SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"Database error: {type(exc).__name__}") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A Core connection for hot read paths (lighter than a Session); errors, including the
        driver's own from :class:`FastQuery`, become StoreError."""
        driver_error = getattr(self.engine.dialect.loaded_dbapi, "Error", sa.exc.SQLAlchemyError)
        try:
            with self.engine.connect() as conn:
                yield conn
        except (sa.exc.SQLAlchemyError, driver_error) as exc:
            raise StoreError(f"Database error: {type(exc).__name__}") from exc

    def dispose(self) -> None:
        self.engine.dispose()


def _ensure_sqlite_dir(database: str | None) -> None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True, mode=0o700)


class FastQuery:
    """A SELECT compiled once for a dialect and run straight on the driver's cursor.

    For the few queries on the hottest path (``extracts``): it skips SQLAlchemy's per-execution
    work (cache lookup, parameter processing, result wrapping), about a third of a short query's
    cost. Selected columns must need no result processing (strings, integers, ``CAST(… AS
    TEXT)``); the SQL stays the dialect's own, so it is as portable as the statement.
    """

    def __init__(self, statement: sa.ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, tuple[Any, str, list[str] | None]] = {}

    def _compile(self, dialect: sa.Dialect) -> tuple[Any, str, list[str] | None]:
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled: Any = self.statement.compile(dialect=dialect)  # a SQLCompiler
            order = list(compiled.positiontup or []) if compiled.positional else None
            found = self._compiled[dialect.name] = (compiled, str(compiled), order)
        return found

    def all(self, conn: sa.Connection, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        compiled, sql, order = self._compile(conn.dialect)
        values = compiled.construct_params(params)
        args = tuple(values[name] for name in order) if order is not None else values
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, args)
            return list(cursor.fetchall())
        finally:
            cursor.close()
