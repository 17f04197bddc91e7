"""Taking values out of a database for good: the live one, its backups (both folders) and damaged copies.

An erasure (``app/services/erasure.py``) is described as :class:`Scrub` steps, applied here by plain SQL so that a
backup written by an older schema takes the same erasure as the live file. After it, nothing readable is left:
``secure_delete`` zeroes freed pages, ``VACUUM`` rewrites the file, ``wal_checkpoint(TRUNCATE)`` empties the
write-ahead log; a backup is rewritten beside itself (temporary name, checked, renamed over the old one) or, when
it cannot be, removed.

Only the standard library: no SQLAlchemy, no Qt (like :mod:`app.backups`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.backup_files import BACKUP_DIRNAME, list_backups, remove_files
from app.backups import fsync_path
from app.damage import CORRUPT_INFIX, corrupt_copies
from app.sqlite_file import integrity_problems

GAME_TABLES = ("game_state", "game_undo", "game_checkpoint")
# The table of an entity type whose name differs (the log's entity_type is the word a scrub is made for).
TABLE_OF = {"help": "help_exchange", "request": "help_request"}
BUSY_MS = 10_000


@dataclass(frozen=True)
class Scrub:
    """What to take out of one database, for some records of one table.

    ``record``: the columns those records get (a pseudonym, None, ""). ``changes``: the fields whose values in the
    corrections' ``changes`` pairs become null. ``copies``: payload keys copying a name (``merged_nickname``, a
    deletion's ``nickname``) and the value they get. ``settlements``: the contacts' settlement notes are cleared.
    ``values``: the text taken out, to look for in the game's tables (never written anywhere).
    """

    table: str  # the activities' entity_type: "contact", "deal", "group" or "help" (its table: TABLE_OF)
    ids: tuple[uuid.UUID, ...]
    record: dict[str, Any] = field(default_factory=dict)
    changes: frozenset[str] = frozenset()
    copies: dict[str, Any] = field(default_factory=dict)
    settlements: bool = False
    values: frozenset[str] = frozenset()


@dataclass
class Outcome:
    """What one scrub of a database did."""

    records: int = 0  # records of the table changed
    activities: int = 0  # log entries rewritten
    settlements: int = 0  # settlement notes cleared
    game_cleared: bool = False  # the game's tables held a value: cleared (rebuilt from the facts on the next open)

    def add(self, other: Outcome) -> None:
        self.records += other.records
        self.activities += other.activities
        self.settlements += other.settlements
        self.game_cleared = self.game_cleared or other.game_cleared


def _marks(ids: Sequence[object]) -> str:
    return ", ".join("?" for _ in ids)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')}


def scrub_payload(payload: Any, scrub: Scrub) -> Any:
    """The payload with the scrub applied (the same object when nothing in it is touched)."""
    if not isinstance(payload, dict):
        return payload
    out = payload
    changes = payload.get("changes")
    if isinstance(changes, dict) and scrub.changes & changes.keys():
        pairs = {key: ([None, None] if key in scrub.changes and isinstance(pair, list) else pair)
                 for key, pair in changes.items()}
        if pairs != changes:
            out = {**out, "changes": pairs}
    for key, value in scrub.copies.items():
        if key in out and out[key] != value:
            out = {**out, key: value}
    return out


def apply(conn: sqlite3.Connection, scrub: Scrub) -> Outcome:
    """Apply ``scrub`` in the caller's transaction on ``conn`` (the live file's, or a backup copy's)."""
    done = Outcome()
    if not scrub.ids:
        return done
    ids = [ident.hex for ident in scrub.ids]  # how SQLAlchemy keeps a UUID in SQLite
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    table = TABLE_OF.get(scrub.table, scrub.table)
    if table in tables:
        sets = {k: v for k, v in scrub.record.items() if k in _columns(conn, table)}
        if sets:
            assignments = ", ".join(f'"{k}" = ?' for k in sets)
            done.records = conn.execute(
                f'UPDATE "{table}" SET {assignments} WHERE id IN ({_marks(ids)})', [*sets.values(), *ids]
            ).rowcount
    if "activity" in tables:
        rows = conn.execute(
            f"SELECT seq, payload FROM activity WHERE entity_type = ? AND entity_id IN ({_marks(ids)})",
            [scrub.table, *ids],
        ).fetchall()
        for seq, text in rows:
            try:
                payload = json.loads(text)
            except (TypeError, ValueError):
                continue
            new = scrub_payload(payload, scrub)
            if new is not payload:
                conn.execute("UPDATE activity SET payload = ? WHERE seq = ?", (json.dumps(new), seq))
                done.activities += 1
    if scrub.settlements and "ledger_settlement" in tables:
        done.settlements = conn.execute(
            f"UPDATE ledger_settlement SET note = '' WHERE note != '' AND contact_id IN ({_marks(ids)})", ids
        ).rowcount
    return done


def text_forms(value: str) -> set[str]:
    """How a text may sit in a JSON column: as written, and with ``\\uXXXX`` escapes (``json.dumps``' default)."""
    return {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}


def game_holds(conn: sqlite3.Connection, values: Iterable[str]) -> bool:
    """Whether the game's stored state, checkpoints or undo steps hold any of ``values`` (as text)."""
    forms = {form for value in values if value for form in text_forms(value)}
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in GAME_TABLES:
        if table not in tables:
            continue
        for column in _columns(conn, table):
            for form in forms:
                found = conn.execute(
                    f'SELECT 1 FROM "{table}" WHERE instr(CAST("{column}" AS TEXT), ?) > 0 LIMIT 1', (form,)
                ).fetchone()
                if found:
                    return True
    return False


def clear_game(conn: sqlite3.Connection) -> None:
    """Empty the game's tables: the app finds the state stale and rebuilds it from the facts when it opens."""
    tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in GAME_TABLES:
        if table in tables:
            conn.execute(f'DELETE FROM "{table}"')


def compact(path: Path) -> bool:
    """Rewrite the live file without its free pages and empty its write-ahead log; True when the log is empty.

    ``secure_delete`` zeroes what is freed, ``VACUUM`` rebuilds the file (its temporary copy in memory, never in a
    file of the temporary folder), ``wal_checkpoint(TRUNCATE)`` copies the log in and cuts it to nothing. A reader
    holding an old snapshot can keep the checkpoint from finishing: it is tried a few times.
    """
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("VACUUM")
        for _ in range(5):
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
        return False
    finally:
        conn.close()


# -- backups and damaged copies ---------------------------------------------------------------------------------


@dataclass
class CopiesDone:
    """What an erasure did to the copies of the data: the files rewritten, the ones removed, the ones left."""

    rewritten: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)  # neither rewritten nor removable: still hold the data

    def as_dict(self) -> dict[str, list[str]]:
        return {"rewritten": [str(p) for p in self.rewritten], "removed": [str(p) for p in self.removed],
                "failed": [str(p) for p in self.failed]}


def copies_of(data_dir: Path, second: Path | None) -> list[Path]:
    """Every copy of the database: the backups of both folders (verified or not) and the damaged copies."""
    found = [b.path for b in list_backups(Path(data_dir) / BACKUP_DIRNAME)]
    if second is not None:
        found += [b.path for b in list_backups(second)]
    return found + corrupt_copies(Path(data_dir))


def rewrite_copy(path: Path, scrubs: Sequence[Scrub], *, verify: bool = True) -> None:
    """Apply ``scrubs`` to a copy of the file at ``path`` beside it, vacuum it, check it and put it in its place.

    Raises ``sqlite3.Error``/``OSError``/``ValueError`` when that cannot be done; ``path`` is then unchanged.
    """
    temp = path.with_name(f".pintuan-tmp-{os.getpid()}-{path.name}")
    leftovers = (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm"))
    try:
        shutil.copyfile(path, temp)
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            # A throw-away copy until it is renamed: no journal, no syncs (one fsync at the end); a failure discards it.
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA secure_delete=ON")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("BEGIN IMMEDIATE")
            for scrub in scrubs:
                apply(conn, scrub)
            if game_holds(conn, {v for s in scrubs for v in s.values}):
                clear_game(conn)
            conn.execute("COMMIT")
            conn.execute("VACUUM")
        finally:
            conn.close()
        if verify and (problems := integrity_problems(temp, quick=True)):  # it verified before; a few rows changed
            raise ValueError(problems[0])
        fsync_path(temp)
        os.replace(temp, path)
        fsync_path(path.parent)
    finally:
        remove_files(*leftovers)


def rewrite_copies(paths: Iterable[Path], scrubs: Sequence[Scrub]) -> CopiesDone:
    """Rewrite each copy with the erasure applied; remove the ones that cannot be (saying which in the result)."""
    done = CopiesDone()
    for path in paths:
        try:
            rewrite_copy(path, scrubs, verify=CORRUPT_INFIX not in path.name)  # a damaged copy never verifies
            done.rewritten.append(path)
        except (sqlite3.Error, OSError, ValueError):
            if remove(path):
                done.removed.append(path)
            else:
                done.failed.append(path)
    return done


def remove(path: Path) -> bool:
    """Overwrite a file with zeros and delete it; True when it is gone."""
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        with open(path, "r+b", buffering=0) as handle:
            chunk = b"\0" * (1 << 20)
            left = size
            while left > 0:
                left -= handle.write(chunk[: min(left, len(chunk))]) or 0
            os.fsync(handle.fileno())
    remove_files(path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm"))
    return not path.exists()


def remove_copies(paths: Iterable[Path]) -> CopiesDone:
    """Remove every copy (a wipe)."""
    done = CopiesDone()
    for path in paths:
        (done.removed if remove(path) else done.failed).append(path)
    return done
