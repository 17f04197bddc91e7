"""Reading what a damaged database still holds: a copy SQLite will open, and its readable rows copied, table by
table, into a fresh database of this version's schema (rows the app could not read back, or whose parent was
lost, dropped). :func:`app.recovery.salvage` puts the result in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app import backups

if TYPE_CHECKING:
    from app.recovery import Outcome

# Rebuilt from the facts by a recompute: never copied from a damaged file.
DERIVED_TABLES = ("game_state", "points_entry", "game_checkpoint", "game_undo", "ledger_balance")


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
