"""The embedded store: one SQLite file, its pragmas, migrations on open, backups and integrity checks.

Everything SQLite-specific lives here; services and queries use SQLAlchemy constructs only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from app import backups
from app.backups import BACKUP_DIRNAME, Backup
from app.damage import CORRUPT_INFIX as CORRUPT_INFIX
from app.damage import NO_TABLES
from app.damage import check_file as check_file
from app.damage import corrupt_copies as corrupt_copies
from app.damage import damaged as damaged
from app.damage import environment_error as environment_error
from app.damage import is_corruption as is_corruption
from app.damage import quarantine as quarantine
from app.damage import refuse_new as refuse_new
from app.errors import MissingDatabase, NewerSchema, StoreError
from app.files import os_reason
from app.i18n import translate
from app.paths import DB_FILENAME as DB_FILENAME
from app.paths import database_path as database_path
from app.revisions import script_head, stored_revision

BUSY_TIMEOUT_MS = 10_000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

PRAGMAS = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    ("trusted_schema", "OFF"),
    ("secure_delete", "ON"),
)


@dataclass
class CheckReport:
    """What ``check`` found; ``ok`` only when every check passed."""

    quick_check: list[str] = field(default_factory=list)
    integrity_check: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    revision: str | None = None
    head: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.quick_check == ["ok"]
            and self.integrity_check == ["ok"]
            and not self.foreign_key_problems
            and self.revision == self.head
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "quick_check": self.quick_check,
            "integrity_check": self.integrity_check,
            "foreign_key_problems": self.foreign_key_problems,
            "revision": self.revision,
            "head": self.head,
        }


def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def copy_database(source: Path, target: Path) -> None:
    """Copy one SQLite database over another with the online backup API, in one step.

    Safe while either is open elsewhere: the copy waits for writers, and other connections to ``target`` see the
    new content as a change like any other (their next read, or ``data_version`` poll, finds it).
    """
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()


class Store:
    """One open database: sessions for reading and writing, backups and checks."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = database_path(self.data_dir)
        self.engine: Engine = create_engine(f"sqlite:///{self.path}")
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", self._on_begin)
        self._writer = self.engine.execution_options(pintuan_write=True)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._watch: sqlite3.Connection | None = None
        self.mirror_error: str | None = None  # why the last backup could not be copied to the second folder

    # -- opening ----------------------------------------------------------------------------------------

    @classmethod
    def exists(cls, data_dir: Path) -> bool:
        return database_path(data_dir).is_file()

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True, create: bool = True) -> Store:
        """Open the database in ``data_dir`` after the cheap check, migrating it to the app's schema.

        A missing database is created (``create``) unless backups or damaged copies show that one existed: then
        :class:`MissingDatabase`, so that the app never starts silently on an empty database.
        """
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                translate("store", "Cannot create the data folder {path}: {reason}").format(
                    path=data_dir, reason=os_reason(exc)
                )
            ) from exc
        exists = check_file(data_dir)
        if not exists:
            refuse_new(data_dir)
            if not create:
                raise StoreError(translate("store", "There is no database in {path}.").format(path=data_dir))
        store = cls(data_dir)
        try:
            if exists and not store._check_schema():
                # An SQLite file without tables is as good as none: where backups or damaged copies show that
                # there was data, it is moved aside instead of silently becoming a new, empty database.
                store.close()
                try:
                    refuse_new(data_dir)
                except MissingDatabase:
                    raise damaged(data_dir, NO_TABLES) from None
            if migrate:
                store.migrate()
        except (OperationalError, DatabaseError, sqlite3.Error) as exc:
            store.close()
            if is_corruption(exc):
                raise damaged(data_dir, str(getattr(exc, "orig", None) or exc)) from exc
            raise environment_error(store.path, getattr(exc, "orig", None) or exc) from exc
        except BaseException:
            store.close()
            raise
        return store

    def _check_schema(self) -> bool:
        """An existing file must be this app's database (or an empty one), never another program's; True when it
        has tables."""
        # Read-only, before any connection of ours sets its pragmas: journal_mode=WAL would rewrite another
        # program's file, and closing our last connection would checkpoint a -wal that is not ours into it.
        query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        try:
            with backups.read_only_connection(self.path) as conn:
                tables = {row[0] for row in conn.execute(query)}
        except sqlite3.OperationalError as exc:
            if not str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_READONLY"):
                raise
            # A hot rollback journal left by a crash (a kill while the file was being switched to WAL, say): a
            # read-only connection may not roll it back. A plain one does, as SQLite would for any program.
            with contextlib.closing(sqlite3.connect(self.path)) as conn:
                tables = {row[0] for row in conn.execute(query)}
        if tables and "alembic_version" not in tables:
            raise StoreError(
                translate("store", "{path} is an SQLite database of another program, not Pintuan Quest's: move it "
                                   "away or choose another data folder.").format(path=self.path)
            )
        return bool(tables)

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def at_head(self) -> bool:
        """Whether the schema is at the migration scripts' head, told without importing Alembic (False when
        unsure: then :meth:`migrate` asks Alembic)."""
        head = script_head(MIGRATIONS_DIR)
        if head is None:
            return False
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return stored_revision(raw) == head

    def migrate(self) -> bool:
        """Bring the schema to the app's head; back up first when there is data. True when it migrated."""
        if self.at_head():  # the usual case, and a command's start-up does not pay for importing Alembic
            return False
        from alembic import command

        current = self.current_revision()
        head = head_revision()
        if current == head:
            return False
        if current is not None and current not in _known_revisions():
            raise NewerSchema(
                translate(
                    "store",
                    "{path} was written by a newer version of Pintuan Quest (schema {revision}); "
                    "update the app to open it.",
                ).format(path=self.path, revision=current)
            )
        before = self.backup(f"before-{head}") if current is not None or self._has_tables() else None
        try:
            self._upgrade(command)
        except BaseException as exc:
            if before is None:
                raise
            # The upgrade ran in one transaction that SQLite rolled back; copy the backup in all the same, so
            # that whatever the failure left behind, the data is as it was before.
            self.engine.dispose()
            copy_database(before.path, self.path)
            raise StoreError(
                translate("store", "Upgrading {path} to this version failed ({reason}); the data was put back as it "
                                   "was before (backup {backup}).").format(path=self.path,
                                                                          reason=getattr(exc, "orig", None) or exc,
                                                                          backup=before.path)
            ) from exc
        return True

    def _upgrade(self, command: Any) -> None:
        """Run the revisions in one transaction with foreign keys off, checked before the commit.

        SQLite rebuilds a table in a batch migration by copying it: with foreign keys on, dropping the old copy
        would fire the children's ON DELETE actions (nulling or deleting their rows) or fail. Alembic's advice for
        SQLite: switch them off outside the transaction, then check that every reference still holds.
        """
        with self._writer.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, where SQLite honours it
            try:
                with conn.begin():
                    command.upgrade(_alembic_config(conn), "head")
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(5)
                    if broken:
                        raise StoreError(
                            translate("store", "The upgrade would break references ({table} row {row}).").format(
                                table=broken[0][0], row=broken[0][1]
                            )
                        )
            finally:
                raw.execute("PRAGMA foreign_keys = ON")

    def _has_tables(self) -> bool:
        with self.engine.connect() as conn:
            return bool(inspect(conn).get_table_names())

    # -- sessions ---------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self._read_sessions() as session:
            yield session
            session.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction (``BEGIN IMMEDIATE``): commits at the end, rolls back on any error."""
        with self._write_sessions() as session, session.begin():
            yield session

    def _on_begin(self, conn: Any) -> None:
        # Writers take the write lock up front, so two writers wait (busy_timeout) instead of failing mid-way.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("pintuan_write") else "BEGIN")

    # -- maintenance ------------------------------------------------------------------------------------

    def backup(self, reason: str = "manual", *, now: dt.datetime | None = None) -> Backup:
        """A verified copy in ``backups/`` (and the second folder, if one is set); older ones thinned out."""
        moment = now or dt.datetime.now(dt.UTC)
        folder = self.data_dir / BACKUP_DIRNAME
        made = backups.write_backup(self.path, folder, reason, moment)
        backups.thin(folder, moment)
        self.mirror_error = backups.mirror(made, self.data_dir, moment)
        return made

    def auto_backup(self, *, now: dt.datetime | None = None) -> Backup | None:
        """A backup when the data changed and the newest verified one is 30 minutes old; None when not due."""
        moment = now or dt.datetime.now(dt.UTC)
        if not backups.due_for_auto(self.path, self.data_dir / BACKUP_DIRNAME, moment):
            return None
        return self.backup("auto", now=moment)

    def check(self) -> CheckReport:
        """quick_check, integrity_check, foreign_key_check and the schema revision."""
        report = CheckReport(head=head_revision())
        with self.engine.connect() as conn:
            report.quick_check = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check")]
            report.integrity_check = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            report.foreign_key_problems = [
                f"{row[0]} rowid {row[1]} -> {row[2]}" for row in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
        report.revision = self.current_revision()
        return report

    def quick_check(self) -> bool:
        with self.engine.connect() as conn:
            return [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check")] == ["ok"]

    def pragmas(self) -> dict[str, str]:
        """The pragmas in force on a pooled connection (for tests and ``check``)."""
        with self.engine.connect() as conn:
            return {
                name: str(conn.exec_driver_sql(f"PRAGMA {name}").scalar()).lower() for name, _ in PRAGMAS
            }

    def data_version(self) -> int:
        """Changes whenever another connection (this process's sessions or another program) commits."""
        if self._watch is None:
            self._watch = sqlite3.connect(self.path, check_same_thread=False)
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def raw_connection(self) -> Any:
        """A DBAPI connection for bulk loading (demo data); the caller commits and closes it."""
        return self._writer.raw_connection()

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def _on_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event decide how transactions start (the pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for name, value in PRAGMAS:
        cursor.execute(f"PRAGMA {name}={value}")
    cursor.close()
