"""Backups: verified copies of the database, written safely, and copied to a second folder.

A backup is written under a temporary name, checked with ``PRAGMA integrity_check``, switched to a plain
rollback-journal file (so the ``sqlite3`` tool opens it as one file), flushed to disk and only then renamed to
``pintuan-<UTC stamp>-<reason>.sqlite3``: a backup interrupted at any moment leaves at most a temporary file,
which never counts as a backup and is swept away later. The folder's rules (names, listing, thinning, when one
is due) are in :mod:`app.backup_files`, the checks of a file in :mod:`app.sqlite_file`; both are re-exported.

Only the standard library's ``sqlite3`` is used here: no SQLAlchemy, no Qt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from app.backup_files import AUTO_INTERVAL as AUTO_INTERVAL
from app.backup_files import BACKUP_DIRNAME as BACKUP_DIRNAME
from app.backup_files import THINNING as THINNING
from app.backup_files import Backup as Backup
from app.backup_files import data_changed_since as data_changed_since
from app.backup_files import due_for_auto as due_for_auto
from app.backup_files import latest_verified as latest_verified
from app.backup_files import list_backups as list_backups
from app.backup_files import pid_alive as pid_alive
from app.backup_files import remove_files
from app.backup_files import stamp_of as stamp_of
from app.backup_files import sweep_temporary as sweep_temporary
from app.backup_files import thin as thin
from app.backup_files import to_thin as to_thin
from app.errors import BackupNotVerified, InvalidInput, StoreError
from app.files import atomic_write_bytes, os_reason
from app.i18n import translate
from app.sqlite_file import EMPTY as EMPTY
from app.sqlite_file import NOT_SQLITE as NOT_SQLITE
from app.sqlite_file import SQLITE_MAGIC as SQLITE_MAGIC
from app.sqlite_file import Header as Header
from app.sqlite_file import header_problem as header_problem
from app.sqlite_file import integrity_problems as integrity_problems
from app.sqlite_file import read_header as read_header
from app.sqlite_file import read_only_connection as read_only_connection
from app.sqlite_file import ro_uri as ro_uri


def fsync_path(path: Path) -> None:
    """Flush a file or a folder (its entries) to disk; a system that cannot is left as it is."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def os_error(path: Path, exc: OSError) -> StoreError:
    """An operating-system failure as one line that says what to do."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text = translate("store", "The disk holding {path} is full: free some space and try again.")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text = translate("store", "{path} cannot be written (read-only or no permission): check the folder's "
                                  "permissions.")
    elif exc.errno == errno.ENAMETOOLONG:
        text = translate("store", "The path {path} is too long for this system.")
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        text = translate("store", "{path} is in the way: a file stands where a folder should be, or the reverse.")
    else:
        text = translate("store", "Cannot write {path}: {reason}")
    return StoreError(text.format(path=path, reason=os_reason(exc)))


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return os_error(path, OSError(errno.ENOSPC, "disk full"))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return os_error(path, OSError(errno.EACCES, str(exc)))
    return StoreError(translate("store", "Cannot write {path}: {reason}").format(path=path, reason=exc))


def write_backup(source: Path, folder: Path, reason: str, now: dt.datetime) -> Backup:
    """Copy ``source`` into ``folder`` as a verified backup; on any failure nothing new counts as one.

    Raises :class:`StoreError` when the copy cannot be written (disk full, read-only) or does not verify.
    """
    reason = re.sub(r"[^a-z0-9_.-]+", "-", reason.lower()).strip("-.")[:40] or "backup"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(folder, exc) from exc
    sweep_temporary(folder)
    when = now.astimezone(dt.UTC)
    final = folder / f"pintuan-{stamp_of(when)}-{reason}.sqlite3"
    while final.exists():  # two backups within a microsecond: keep both
        when += dt.timedelta(microseconds=1)
        final = folder / f"pintuan-{stamp_of(when)}-{reason}.sqlite3"
    temp = folder / f".pintuan-tmp-{os.getpid()}-{final.name}"
    leftovers = (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm"))
    try:
        src = sqlite3.connect(ro_uri(source), uri=True)
        try:
            dest = sqlite3.connect(temp, isolation_level=None)
            try:
                src.backup(dest)
                # A plain one-file database: the copy carries the source's WAL flag otherwise.
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
        finally:
            src.close()
        problems = integrity_problems(temp)
        if problems:
            at_source = integrity_problems(source)  # the full check: quick_check does not compare indexes
            if at_source:  # the database itself is damaged: the caller must stop writing to it
                raise BackupNotVerified(
                    translate("store", "The backup of {path} did not verify ({problem}): the database is damaged.")
                    .format(path=source, problem=at_source[0]),
                    at_source[0],
                )
            raise StoreError(
                translate("store", "The backup copy in {folder} did not verify ({problem}) although the database "
                                   "is whole: check the disk holding that folder.").format(folder=folder,
                                                                                          problem=problems[0])
            )
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
        fsync_path(folder)
    except sqlite3.Error as exc:
        remove_files(*leftovers)
        raise _sqlite_error(folder, exc) from exc
    except OSError as exc:
        remove_files(*leftovers)
        raise os_error(folder, exc) from exc
    except BaseException:
        remove_files(*leftovers)
        raise
    return Backup(final, when, final.stat().st_size, True, reason)


# -- the second folder ------------------------------------------------------------------------------------

PREFERENCES = "preferences.json"


def second_folder(data_dir: Path) -> Path | None:
    """The folder (another drive, say) that receives a copy of each backup; None when none is set."""
    try:
        raw = json.loads((Path(data_dir) / PREFERENCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = raw.get("second_backup_folder") if isinstance(raw, dict) else None
    return Path(value) if isinstance(value, str) and value else None


def set_second_folder(data_dir: Path, folder: Path | None) -> None:
    """Choose (or with None, forget) the second backup folder; it must be an existing, writable folder."""
    if folder is not None:
        folder = Path(folder).expanduser().absolute()
        if not folder.is_dir():
            raise InvalidInput(
                translate("store", "{path} is not an existing folder.").format(path=folder), "second_folder"
            )
        if folder.resolve() == (Path(data_dir) / BACKUP_DIRNAME).resolve():
            raise InvalidInput(
                translate("store", "The second folder must not be the backups folder itself."), "second_folder"
            )
    path = Path(data_dir) / PREFERENCES
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        prefs: dict[str, Any] = raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        prefs = {}
    prefs["second_backup_folder"] = str(folder) if folder is not None else None
    try:
        atomic_write_bytes(path, json.dumps(prefs, ensure_ascii=False, indent=2).encode("utf-8"))
    except OSError as exc:
        raise os_error(path, exc) from exc


def mirror(backup: Backup, data_dir: Path, now: dt.datetime) -> str | None:
    """Copy a verified backup into the second folder (temporary name, then renamed) and thin it there.

    Returns None when done or not wanted, else why it failed: a missing second drive must not fail the backup.
    """
    folder = second_folder(data_dir)
    if folder is None:
        return None
    target = folder / backup.path.name
    temp = folder / f".pintuan-tmp-{os.getpid()}-{backup.path.name}"
    try:
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, "not found", str(folder))
        sweep_temporary(folder)
        shutil.copyfile(backup.path, temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_path(folder)
        thin(folder, now)
    except OSError as exc:
        remove_files(temp)
        return translate("store", "The backup could not be copied to the second folder {path}: {reason}").format(
            path=folder, reason=os_reason(exc)
        )
    return None


def load_backups(data_dir: Path) -> dict[str, Any]:
    """The backups newest first, the second folder and whether it is there (the Privacy page's, read in the
    database thread)."""
    folder = second_folder(data_dir)
    return {
        "backups": list(reversed(list_backups(Path(data_dir) / BACKUP_DIRNAME))),
        "second_folder": folder,
        "second_folder_missing": folder is not None and not folder.is_dir(),
    }


def mirror_latest(data_dir: Path) -> str | None:
    """Copy the newest verified backup to the second folder now (the next ones follow by themselves)."""
    latest = latest_verified(Path(data_dir) / BACKUP_DIRNAME)
    return mirror(latest, data_dir, dt.datetime.now(dt.UTC)) if latest is not None else None
