"""An SQLite file looked at from outside: its header read without opening it, its integrity checked read-only.

Only the standard library: no SQLAlchemy, no Qt. The cheap header check runs on every open and on every backup
listed; the integrity checks verify a backup and a file to restore.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.files import os_reason

SQLITE_MAGIC = b"SQLite format 3\x00"
EMPTY = "empty file"
NOT_SQLITE = "not an SQLite database"

@dataclass(frozen=True)
class Header:
    """The fields of an SQLite file header that tell whether the file can be whole."""

    page_size: int
    page_count: int
    freelist_count: int
    change_counter: int
    valid_for: int
    wal: bool
    versions: tuple[int, int]  # file format write and read versions: 1 (rollback journal) or 2 (WAL)


def read_header(path: Path) -> Header | None:
    """The header of an SQLite file, or None when the file is not one (too short, wrong magic, bad page size)."""
    try:
        with open(path, "rb", buffering=0) as handle:
            raw = handle.read(100)
    except OSError:
        return None
    if len(raw) < 100 or not raw.startswith(SQLITE_MAGIC):
        return None
    (page_size,) = struct.unpack(">H", raw[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return None
    change_counter, page_count, _first_free, freelist_count = struct.unpack(">IIII", raw[24:40])
    (valid_for,) = struct.unpack(">I", raw[92:96])
    return Header(page_size, page_count, freelist_count, change_counter, valid_for, raw[18] == 2 or raw[19] == 2,
                  (raw[18], raw[19]))


def header_problem(path: Path, *, wal_beside: bool = False) -> str | None:
    """What is wrong with an SQLite file's header and size, in a few words; None when it looks whole.

    A cheap test (one read of 100 bytes and a stat) run on every open. ``wal_beside``: a write-ahead log exists,
    whose frames may hold pages past the end of the main file, so a file shorter than its header says is fine.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        return os_reason(exc)
    if size == 0:
        return EMPTY
    header = read_header(path)
    if header is None:
        return NOT_SQLITE
    if not set(header.versions) <= {1, 2}:  # SQLite would open it read-only, or not at all
        return f"unknown file format version {header.versions[0]}.{header.versions[1]}"
    if size % header.page_size:
        return f"size {size} is not a whole number of {header.page_size}-byte pages"
    pages = size // header.page_size
    if header.change_counter == header.valid_for and header.page_count:
        if header.page_count > pages and not wal_beside:
            return f"truncated: {pages} of {header.page_count} pages"
        if header.freelist_count > max(header.page_count, pages):
            return f"free-page count {header.freelist_count} exceeds the {header.page_count} pages"
    elif header.freelist_count > pages and not wal_beside:
        return f"free-page count {header.freelist_count} exceeds the {pages} pages"
    return None


def ro_uri(path: Path) -> str:
    """An SQLite URI opening ``path`` read-only (``?`` and ``#`` in a path would otherwise end it)."""
    return "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or ``quick_check``) of a file opened read-only: [] when it is whole."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(ro_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
        fk = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    problems = [] if rows == ["ok"] else rows
    problems += [f"foreign key: {row[0]} rowid {row[1]} -> {row[2]}" for row in fk]
    if "alembic_version" not in tables:
        problems.append("no Pintuan Quest schema (alembic_version is missing)")
    return problems


@contextlib.contextmanager
def read_only_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write: neither the file nor a journal or log beside it."""
    conn = sqlite3.connect(ro_uri(path), uri=True)
    try:
        yield conn
    finally:
        conn.close()
