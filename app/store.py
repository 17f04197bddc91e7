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

from app.errors import NewerSchema, StoreError
from app.i18n import translate

DB_FILENAME = "pintuan.sqlite3"
BACKUP_DIRNAME = "backups"
BACKUPS_KEPT = 10
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


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_FILENAME


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


def environment_error(path: Path, exc: BaseException) -> StoreError:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        message = translate(
            "store", "{path} is not a readable Pintuan Quest database (damaged or another kind of file)."
        )
    elif "readonly" in text or "read-only" in text:
        message = translate("store", "{path} is read-only: check the folder's permissions.")
    elif "disk" in text and "full" in text:
        message = translate("store", "The disk holding {path} is full: free some space and try again.")
    elif "locked" in text or "busy" in text:
        message = translate("store", "{path} is busy in another program: try again in a moment.")
    else:
        message = translate("store", "Cannot open {path}: {reason}")
    return StoreError(message.format(path=path, reason=exc))


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
        event.listen(self.engine, "begin", _on_begin)
        self._writer = self.engine.execution_options(pintuan_write=True)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._watch: sqlite3.Connection | None = None

    # -- opening ----------------------------------------------------------------------------------------

    @classmethod
    def exists(cls, data_dir: Path) -> bool:
        return database_path(data_dir).is_file()

    @classmethod
    def open(cls, data_dir: Path, *, migrate: bool = True) -> Store:
        """Open (and create, when missing) the database in ``data_dir``, migrating it to the app's schema."""
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                translate("store", "Cannot create the data folder {path}: {reason}").format(
                    path=data_dir, reason=exc.strerror or exc
                )
            ) from exc
        store = cls(data_dir)
        try:
            if migrate:
                store.migrate()
        except (OperationalError, DatabaseError) as exc:
            store.close()
            raise environment_error(store.path, exc.orig or exc) from exc
        except BaseException:
            store.close()
            raise
        return store

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self) -> bool:
        """Bring the schema to the app's head; back up first when there is data. True when it migrated."""
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
        if current is not None or self._has_tables():
            self.backup(f"before-{head}")
        with self._writer.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        return True

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

    # -- maintenance ------------------------------------------------------------------------------------

    def backup(self, reason: str = "manual", *, now: dt.datetime | None = None) -> Path:
        """Copy the database with SQLite's online backup API into ``backups/``, keeping the newest few."""
        folder = self.data_dir / BACKUP_DIRNAME
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"pintuan-{stamp}-{reason}.sqlite3"
        copy_database(self.path, target)
        self._rotate_backups(folder)
        return target

    @staticmethod
    def _rotate_backups(folder: Path) -> None:
        backups = sorted(folder.glob("pintuan-*.sqlite3"))
        for old in backups[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

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


def _on_begin(conn: Any) -> None:
    # Writers take the write lock up front, so two writers wait (busy_timeout) instead of failing mid-way.
    if conn.get_execution_options().get("pintuan_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")
