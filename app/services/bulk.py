"""Bulk loading: many rows of facts and records written through the connection in one transaction, then the game
rebuilt once in that same transaction (the demo's path, and the one an import of a whole history will take).

The rows are tuples already in the form SQLite stores the model's types (see :class:`BulkTable`), inserted with
``executemany`` on the session's own SQLite connection: SQLAlchemy's per-value processing would cost as much as
SQLite's insert itself. docs/bulk.md explains the choices (one transaction, indexes built at the end,
page cache).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, insert
from sqlalchemy.orm import Session

from app.clock import Clock
from app.model import Base
from app.services import balances
from app.services.base import Tx, profile_zone
from app.services.changes import COLUMN_AREAS, HELPS, LEDGER, TABLE_AREAS, Changes
from app.services.game import GameService
from app.store import Store

# Page cache of the loading connection while the load lasts (the default is 2 MiB): the indexes being filled stay
# in memory instead of being read back and written out again page by page. Restored when the load ends.
CACHE_KIB = 262_144

Row = tuple[Any, ...]


@dataclass(frozen=True)
class BulkTable:
    """A table as bulk rows fill it: the columns each row tuple gives, in order.

    Values go in as SQLite stores the model's column types: a UUID as its 32 hex digits, a ``DateTime`` as
    ``"YYYY-MM-DD HH:MM:SS.ffffff"`` in UTC, JSON as ``json.dumps`` text, an enum as its value, a boolean as 0 or 1.
    Python-side defaults do not apply: every column that may not be NULL must be given.
    """

    name: str
    columns: tuple[str, ...]

    @classmethod
    def of(cls, model: type[Base], *columns: str) -> BulkTable:
        """The model's table filled through ``columns`` (refused: a name that is no column, a NOT NULL one left out,
        which SQLite would only report row by row)."""
        table = Base.metadata.tables[model.__tablename__]
        known = {c.name: c for c in table.columns}
        unknown = [name for name in columns if name not in known]
        # An INTEGER PRIMARY KEY is SQLite's rowid: left out, SQLite numbers it.
        missing = [
            c.name for c in table.columns
            if not c.nullable and c.name not in columns and not (c.primary_key and isinstance(c.type, Integer))
        ]
        if unknown or missing or len(set(columns)) != len(columns):
            raise ValueError(f"bulk columns of {table.name}: unknown {unknown}, missing {missing}, given {columns}")
        return cls(str(table.name), tuple(columns))

    @property
    def sql(self) -> str:
        names = ", ".join(f'"{name}"' for name in self.columns)
        return f'INSERT INTO "{self.name}" ({names}) VALUES ({", ".join("?" * len(self.columns))})'


class BulkLoad:
    """One load in progress: rows added go into the open write transaction; ``changes`` collects their areas (and,
    once it ran, the game's), for an :class:`~app.services.base.OpResult` of the caller's."""

    def __init__(self, session: Session, db: sqlite3.Connection) -> None:
        self.session = session  # for the checks before, and what the caller reads
        self.db = db
        self.rows = 0
        self.changes = Changes()

    def add(self, table: BulkTable, rows: Sequence[Row]) -> None:
        """Insert ``rows`` (tuples in ``table.columns`` order); parents before the rows that refer to them."""
        if rows:
            self.db.executemany(table.sql, rows)
            self.rows += len(rows)
            self.mark(table.name, table.columns)

    def add_all(self, batch: Iterable[tuple[BulkTable, Sequence[Row]]]) -> None:
        for table, rows in batch:
            self.add(table, rows)

    def insert(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
        """Typed rows through the session, for the few (a profile, groups, contacts): the model's types bind them."""
        if rows:
            self.session.execute(insert(model), rows)
            self.rows += len(rows)
            self.mark(model.__tablename__, {name for row in rows for name in row})

    def mark(self, table: str, columns: Iterable[str]) -> None:
        """The areas of rows written to ``table`` (through ``columns``) outside :meth:`add` and :meth:`insert`."""
        self.changes.mark(TABLE_AREAS[table], *(COLUMN_AREAS[table, c] for c in columns if (table, c) in COLUMN_AREAS))


def connection(session: Session) -> sqlite3.Connection:
    """The session's own SQLite connection, with what the ORM holds flushed to it first."""
    session.flush()
    return session.connection().connection.driver_connection  # type: ignore[return-value]


@contextlib.contextmanager
def bulk_load(store: Store, clock: Clock, tables: Iterable[BulkTable] = (), *,
              cache_kib: int = CACHE_KIB) -> Iterator[BulkLoad]:
    """A bulk load into ``store``: one write transaction in which the rows are added, then the game is rebuilt from
    every fact, and both commit together. An error, or a cancel (the block left by an exception, a generator around
    it closed), rolls all of it back: the store never holds facts the game has not counted.

    ``tables`` are the big tables the load fills. Those still empty lose their secondary indexes for the load and
    get them back, built from the sorted rows, at its end, in the same transaction (so an interrupted load never
    leaves a table without them); a table that holds rows already keeps its indexes. Unique indexes always stay:
    they are the checks. The game's days follow the profile's zone (as the load wrote it, if it did), else
    ``clock``'s.
    """
    with store.write() as session:
        db = connection(session)
        cache = int(db.execute("PRAGMA cache_size").fetchone()[0])
        db.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        try:
            deferred = _drop_indexes(db, tables)
            load = BulkLoad(session, db)
            yield load
            for sql in deferred:
                db.execute(sql)
            if load.changes.areas:  # a load that changed nothing (a file imported again) leaves the game as it is
                rebuild_derived(store, clock, load)
        finally:
            # The connection goes back to the pool: the next user gets the usual cache (and its memory back).
            db.execute(f"PRAGMA cache_size = {cache}")


def _drop_indexes(db: sqlite3.Connection, tables: Iterable[BulkTable]) -> list[str]:
    """Drop the secondary indexes of the empty ones of ``tables``; the statements that create them again."""
    deferred: list[str] = []
    for name in dict.fromkeys(t.name for t in tables):
        if db.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None:
            continue
        for index, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name", (name,)
        ).fetchall():
            db.execute(f'DROP INDEX "{index}"')
            deferred.append(sql)
    return deferred


def rebuild_derived(store: Store, clock: Clock, load: BulkLoad) -> None:
    """Inside the load's transaction: the ledger's kept balances added up again from the helps (when the load
    wrote helps or settlements), and the game recomputed from every fact, in the profile's zone."""
    if load.changes.areas & {HELPS, LEDGER}:
        balances.refill_all(load.session)
        load.changes.mark(LEDGER)
    tx = Tx(session=load.session, clock=clock, now=clock.now(), changes=load.changes)
    GameService(store, clock).recompute_in(tx, profile_zone(load.session) or clock.tz)
