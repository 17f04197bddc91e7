"""Getting the data back: restore a verified backup, salvage what a damaged copy still holds, or start anew.

Each of these replaces the database in one step (a file renamed into place, or SQLite's backup API over the open
database, which other connections see as an ordinary change) and backs up the current state first when there is
one worth keeping.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import backups
from app.backups import BACKUP_DIRNAME
from app.errors import DamagedDatabase, InvalidInput, StoreError
from app.files import os_reason
from app.i18n import translate
from app.salvage import DERIVED_TABLES as DERIVED_TABLES
from app.salvage import copy_rows as copy_rows
from app.salvage import readable_copy as readable_copy
from app.services.base import OpResult
from app.services.changes import BACKUPS, DATA, Changes
from app.store import (
    Store,
    check_file,
    copy_database,
    corrupt_copies,
    database_path,
    environment_error,
)


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
            translate("store", "Cannot read {path}: {reason}").format(path=path, reason=os_reason(exc)), "backup"
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


def restore(data_dir: Path, source: Path, *, now: dt.datetime | None = None) -> OpResult:
    """Replace the database with the backup ``source``, after backing up the current state.

    Everything the database holds may have changed (and the backups, when the state before was backed up); the
    record's ``source`` is the backup restored, its ``previous`` the backup of the state before (or the damaged
    copy it was moved to), or None.
    """
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
    changes = Changes.of(*DATA, *([BACKUPS] if healthy else []))
    return OpResult.of("restore", changes, {"source": str(source), "previous": str(previous) if previous else None})


def restore_latest(data_dir: Path, *, now: dt.datetime | None = None) -> OpResult:
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


def _current_without_backup(data_dir: Path) -> tuple[bool, Path | None]:
    try:
        return check_file(data_dir), None
    except DamagedDatabase as exc:
        return False, exc.bad_copy
