"""Getting the data back: restore a verified backup, salvage what a damaged copy still holds, or start anew.

Each of these replaces the database in one step (a file renamed into place, or SQLite's backup API over the open
database, which other connections see as an ordinary change) and backs up the current state first when there is
one worth keeping.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import stat
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app import backups
from app.backups import BACKUP_DIRNAME
from app.errors import DamagedDatabase, InvalidInput, StoreError
from app.i18n import translate
from app.store import (
    Store,
    check_file,
    copy_database,
    corrupt_copies,
    database_path,
    environment_error,
)

# Rebuilt after a salvage (the game from the facts, the ledger's balances from the helps): never copied from a
# damaged file.
DERIVED_TABLES = ("game_state", "points_entry", "game_checkpoint", "game_undo", "ledger_balance")


@dataclass
class Outcome:
    """What a restore or salvage did: where the data came from, the backup of what was there, rows per table."""

    source: Path | None
    previous: Path | None = None  # the backup of the state before, or the damaged copy it was moved to
    rows: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)  # salvage: rows it could not read or had to drop


def _regular_file(path: Path) -> Path:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InvalidInput(
            translate("store", "Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc), "backup"
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(translate("store", "{path} is not a regular file.").format(path=path), "backup")
    return path


def verify_source(path: Path) -> None:
    """A file to restore must be a whole Pintuan Quest database."""
    _regular_file(path)
    problem = backups.header_problem(path)
    problems = [problem] if problem else backups.integrity_problems(path)
    if problems:
        raise InvalidInput(
            translate("store", "{path} is not a whole Pintuan Quest database ({problem}); choose another backup.")
            .format(path=path, problem=problems[0]),
            "backup",
        )


def _current(data_dir: Path, now: dt.datetime) -> tuple[bool, Path | None]:
    """Whether a healthy database is in place, and the backup of it (or the damaged copy it was moved to)."""
    try:
        exists = check_file(data_dir, now)
    except DamagedDatabase as exc:
        return False, exc.bad_copy
    if not exists:
        return False, None
    try:
        store = Store(data_dir)
        try:
            return True, store.backup("before-restore", now=now).path
        finally:
            store.close()
    except StoreError:
        raise
    except (sqlite3.Error, OSError) as exc:
        raise environment_error(database_path(data_dir), exc) from exc


def _place(source: Path, data_dir: Path) -> None:
    """Put a copy of ``source`` where no database is: a temporary file beside, renamed into place."""
    target = database_path(data_dir)
    for suffix in ("-wal", "-shm", "-journal"):  # a log of another database must never meet this one
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    temp = target.with_name(f".pintuan-tmp-{os.getpid()}-restore.sqlite3")
    try:
        copy_database(source, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (temp, Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise backups.os_error(target, exc) from exc
        raise environment_error(target, exc) from exc


def _finish(data_dir: Path, recompute: bool) -> None:
    """Open the restored database (migrating an older one) and bring the game up to date."""
    from app.clock import SystemClock
    from app.services import balances, open_services

    services = open_services(data_dir, SystemClock())  # the game brought up to date on the way in
    try:
        if recompute:  # salvaged facts: the derived state is rebuilt from them whatever it says
            with services.store.write() as session:
                balances.refill_all(session)
            services.game.recompute()
    finally:
        services.store.close()


def restore(data_dir: Path, source: Path, *, now: dt.datetime | None = None) -> Outcome:
    """Replace the database with the backup ``source``, after backing up the current state."""
    data_dir = Path(data_dir)
    moment = now or dt.datetime.now(dt.UTC)
    source = Path(source).expanduser()
    verify_source(source)
    healthy, previous = _current(data_dir, moment)
    if healthy:
        copy_database(source, database_path(data_dir))  # in place: an open window sees the change
    else:
        _place(source, data_dir)
    _finish(data_dir, recompute=False)
    return Outcome(source, previous)


def restore_latest(data_dir: Path, *, now: dt.datetime | None = None) -> Outcome:
    latest = backups.latest_verified(Path(data_dir) / BACKUP_DIRNAME)
    if latest is None:
        raise StoreError(
            translate("store", "There is no verified backup in {path}.").format(path=Path(data_dir) / BACKUP_DIRNAME)
        )
    return restore(data_dir, latest.path, now=now)


def start_empty(data_dir: Path) -> None:
    """Create an empty database where none is, on purpose (backups and damaged copies stay where they are)."""
    if check_file(Path(data_dir)):
        raise InvalidInput(
            translate("store", "There is already a database in {path}.").format(path=data_dir), "empty"
        )
    store = Store(Path(data_dir))
    try:
        store.migrate()
    finally:
        store.close()
    _finish(Path(data_dir), recompute=False)


# -- salvage ----------------------------------------------------------------------------------------------


def salvage(data_dir: Path, bad: Path | None = None, *,
            progress: Callable[[str], None] | None = None) -> Outcome:
    """Copy every row that can still be read from a damaged copy into a new database put in place.

    ``bad`` defaults to the newest damaged copy moved aside. Refused while a healthy database is in place.
    """
    data_dir = Path(data_dir)
    if bad is None:
        copies = corrupt_copies(data_dir)
        if not copies:
            raise StoreError(translate("store", "There is no damaged copy in {path} to salvage.").format(
                path=data_dir))
        bad = copies[-1]
    bad = _regular_file(Path(bad).expanduser())
    healthy, _previous = _current_without_backup(data_dir)
    if healthy:
        raise InvalidInput(
            translate("store", "{path} is not damaged: there is nothing to salvage. Move it away first if you "
                               "really want to replace it.").format(path=database_path(data_dir)),
            "salvage",
        )
    outcome = Outcome(bad)
    with tempfile.TemporaryDirectory(prefix=".pintuan-salvage-", dir=data_dir) as building:
        Store.open(Path(building)).close()  # an empty database of this version's schema
        fresh = database_path(Path(building))
        readable = readable_copy(bad, fresh, Path(building) / "damaged.sqlite3")
        copy_rows(readable, fresh, outcome, progress)
        if not any(outcome.rows.values()):  # an empty database put in place would look like data lost for good
            raise StoreError(
                translate("store", "Nothing could be read from {path}; it stays where it is and no database was "
                                   "put in its place. Run “pintuan-quest restore --empty” to start anew.")
                .format(path=bad)
            )
        _place(fresh, data_dir)
    _finish(data_dir, recompute=True)
    return outcome


def readable_copy(bad: Path, fresh: Path, target: Path) -> Path:
    """A copy of the damaged file that SQLite will read as far as its pages allow; the damaged file stays as is.

    The header's fixed fields (magic, page size, format numbers, encoding) are taken from ``fresh``, a database
    of this app; the page count from the size, padded to whole pages. Without this, SQLite refuses a whole file
    for a wrong page count in its header or a few bytes cut off its end. A -wal beside is read with it;
    without one the copy is a plain rollback-journal file, so that reading it creates no -wal.
    """
    template = fresh.read_bytes()[:100]
    try:
        shutil.copyfile(bad, target)
        wal = Path(f"{bad}-wal")
        has_wal = wal.is_file() and wal.stat().st_size > 0
        if has_wal:
            shutil.copyfile(wal, f"{target}-wal")
        size = target.stat().st_size
        if size < 100:
            return target
        with open(target, "r+b") as handle:
            header = bytearray(handle.read(100))
            header[0:18] = template[0:18]  # magic, page size
            header[18:20] = b"\x02\x02" if has_wal else b"\x01\x01"
            header[20:24] = template[20:24]  # reserved bytes, payload fractions
            header[44:48] = template[44:48]  # schema format
            header[56:60] = template[56:60]  # text encoding
            (page_size,) = struct.unpack(">H", header[16:18])
            page_size = 65536 if page_size == 1 else page_size
            pages = -(-size // page_size)
            header[28:32] = struct.pack(">I", pages)
            header[92:96] = header[24:28]  # the page count is valid for this change counter
            handle.seek(0)
            handle.write(header)
        os.truncate(target, pages * page_size)
    except OSError as exc:
        raise backups.os_error(target, exc) from exc
    return target


def _current_without_backup(data_dir: Path) -> tuple[bool, Path | None]:
    try:
        return check_file(data_dir), None
    except DamagedDatabase as exc:
        return False, exc.bad_copy


@contextlib.contextmanager
def _connect(path: Path, *, read_only: bool) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(backups.ro_uri(path) if read_only else str(path), uri=read_only, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def _readable_rows(conn: sqlite3.Connection, table: str, columns: list[str],
                   lost: list[int]) -> Iterator[tuple[object, ...]]:
    """The rows of ``table`` in rowid order, stepping past damaged pages; for each damaged stretch, ``lost`` gets
    the number of rowids it hides (an estimate of the rows lost: rowids of deleted rows count too)."""
    names = ", ".join(f'"{c}"' for c in columns)
    query = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    following = -(2**63)  # the smallest rowid not read yet
    skipped_from: int | None = None  # the rowid after the last one read before a damaged stretch
    while True:
        try:
            for row in conn.execute(query, (following,)):
                if skipped_from is not None:
                    lost.append(max(1, int(row[0]) - skipped_from))
                    skipped_from = None
                following = int(row[0]) + 1
                yield row[1:]
            return
        except sqlite3.DatabaseError:
            pass
        # Python's cursor reads a row ahead: the rows just before the damaged page, one at a time.
        while True:
            try:
                row = conn.execute(query + " LIMIT 1", (following,)).fetchone()
            except sqlite3.DatabaseError:
                break
            if row is None:
                return
            following = int(row[0]) + 1
            yield row[1:]
        skipped_from = following if skipped_from is None else skipped_from
        past = _past_damage(conn, table, following)
        if past is None:
            lost.append(1)
            return
        following = past


def _past_damage(conn: sqlite3.Connection, table: str, failed: int) -> int | None:
    """The smallest rowid above ``failed`` (whose row cannot be read) from which a read of ``table`` works again:
    doubling the step until one does, then halving back, so that no readable row just past a damaged page is
    skipped. None when no read past ``failed`` works. (The seek for any rowid that page held lands in it.)"""

    def works(bound: int) -> bool:
        try:
            conn.execute(f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1', (bound,)).fetchall()
        except sqlite3.DatabaseError:
            return False
        return True

    failed = max(failed, 0)  # the app's rowids are positive: no need to double up from -2**63
    step = 1
    while not works(failed + step):
        step *= 2
        if failed + step >= 2**62:
            return None
    low, high = failed + step // 2, failed + step  # reading from ``low`` fails, from ``high`` works
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if works(middle) else (middle, high)
    return high


def _drop_unreadable(conn: sqlite3.Connection, table: str) -> int:
    """Delete the rows the app could not read back (a flipped bit in a date, an id, a JSON payload); how many.

    Each value goes through the reading its column type does in the app (SQLAlchemy's result processors), so
    that a salvaged database never fails later, in the middle of a recompute, on a value SQLite accepted.
    """
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.types import Integer, String

    from app.model import Base

    model = Base.metadata.tables.get(table)
    if model is None:
        return 0
    dialect = sqlite_dialect.dialect()
    names = [c.name for c in model.columns]
    checks: list[Callable[[object], object] | type] = []
    for column in model.columns:
        kind = column.type.dialect_impl(dialect)
        process = kind.result_processor(dialect, None)
        checks.append(process or (int if isinstance(kind, Integer) else str if isinstance(kind, String) else object))
    bad: list[int] = []
    selected = ", ".join(f'"{n}"' for n in names)
    for rowid, *values in conn.execute(f'SELECT rowid, {selected} FROM "{table}"').fetchall():
        for value, check in zip(values, checks, strict=True):
            if value is None:
                continue
            try:
                if isinstance(check, type):
                    if not isinstance(value, check):
                        raise TypeError(value)
                else:
                    check(value)
            except (ValueError, TypeError, LookupError):
                bad.append(rowid)
                break
    for rowid in bad:
        conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
    return len(bad)


def copy_rows(bad: Path, fresh: Path, outcome: Outcome, progress: Callable[[str], None] | None = None) -> None:
    """Copy the readable rows of every table both files have; then drop rows whose references were lost."""
    with _connect(fresh, read_only=False) as out, _connect(bad, read_only=False) as src:
        out.execute("PRAGMA foreign_keys = OFF")
        try:
            wanted = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        except sqlite3.DatabaseError:
            wanted = []  # the schema page itself is gone: try the tables this version knows
        present = [r[0] for r in out.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name <> 'alembic_version'"
        )]
        tables = [t for t in present if t not in DERIVED_TABLES and (not wanted or t in wanted)]
        out.execute("BEGIN")
        for table in tables:
            if progress:
                progress(table)
            mine = [r[1] for r in out.execute(f'PRAGMA table_info("{table}")')]
            try:
                theirs = {r[1] for r in src.execute(f'PRAGMA table_info("{table}")')}
            except sqlite3.DatabaseError:
                theirs = set(mine)
            columns = [c for c in mine if c in theirs]
            failures: list[int] = []
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            copied = 0
            for row in _readable_rows(src, table, columns, failures):
                try:
                    out.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', row)
                    copied += 1
                except sqlite3.DatabaseError:
                    failures.append(1)
            outcome.rows[table] = copied
            if failures:
                outcome.lost[table] = sum(failures)
        for table in tables:
            dropped = _drop_unreadable(out, table)
            if dropped:
                outcome.rows[table] -= dropped
                outcome.lost[table] = outcome.lost.get(table, 0) + dropped
        # Rows whose parent was lost cannot stay: drop them until the references hold (children of children too).
        for _ in range(len(tables) + 1):
            orphans = out.execute("PRAGMA foreign_key_check").fetchall()
            if not orphans:
                break
            for table, rowid, _parent, _fk in orphans:
                out.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                outcome.rows[table] = outcome.rows.get(table, 0) - 1
                outcome.lost[table] = outcome.lost.get(table, 0) + 1
        out.execute("COMMIT")
