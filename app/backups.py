"""Backups: verified copies of the database, thinned like Anki's, listed and restored.

A backup is written under a temporary name, checked with ``PRAGMA integrity_check``, switched to a plain
rollback-journal file (so the ``sqlite3`` tool opens it as one file), flushed to disk and only then renamed to
``pintuan-<UTC stamp>-<reason>.sqlite3``: a backup interrupted at any moment leaves at most a temporary file,
which never counts as a backup and is swept away later. Only files with the final name and a sane header are
*verified*; only verified backups count when old ones are thinned out.

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
import struct
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import BackupNotVerified, InvalidInput, StoreError
from app.files import atomic_write_bytes
from app.i18n import translate

BACKUP_DIRNAME = "backups"
AUTO_INTERVAL = dt.timedelta(minutes=30)
SQLITE_MAGIC = b"SQLite format 3\x00"
_NAME = re.compile(r"^pintuan-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z0-9][a-z0-9_.-]{0,40})\.sqlite3$")
_TEMP = re.compile(r"^\.pintuan-tmp-(?P<pid>\d+)-.*")
_STAMP = "%Y%m%dT%H%M%S%fZ"
EMPTY = "empty file"
NOT_SQLITE = "not an SQLite database"


@dataclass(frozen=True)
class Backup:
    """One file in the backups folder: where, when, how large, and whether it is a verified backup."""

    path: Path
    at: dt.datetime
    size: int
    verified: bool
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "at": self.at.isoformat().replace("+00:00", "Z"),
            "size": self.size,
            "verified": self.verified,
        }


# -- checking a file --------------------------------------------------------------------------------------


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
        return exc.strerror or str(exc)
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


# -- writing ----------------------------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


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
    return StoreError(text.format(path=path, reason=exc.strerror or exc))


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return os_error(path, OSError(errno.ENOSPC, "disk full"))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return os_error(path, OSError(errno.EACCES, str(exc)))
    return StoreError(translate("store", "Cannot write {path}: {reason}").format(path=path, reason=exc))


def stamp_of(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime(_STAMP)


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
        _fsync_dir(folder)
    except sqlite3.Error as exc:
        _remove(*leftovers)
        raise _sqlite_error(folder, exc) from exc
    except OSError as exc:
        _remove(*leftovers)
        raise os_error(folder, exc) from exc
    except BaseException:
        _remove(*leftovers)
        raise
    return Backup(final, when, final.stat().st_size, True, reason)


def sweep_temporary(folder: Path) -> None:
    """Remove temporary files of backups whose process is gone (killed mid-copy)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match and not _alive(int(match["pid"])):
            _remove(Path(entry.path))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# -- listing and thinning ---------------------------------------------------------------------------------


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, oldest first; files of other names are not backups and are not listed."""
    found: list[Backup] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match:
            continue
        path = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            size = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        at = dt.datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=dt.UTC)
        verified = (
            header_problem(path) is None
            and not Path(f"{path}-journal").exists()
            and not Path(f"{path}-wal").exists()
        )
        found.append(Backup(path, at, size, verified, match["reason"]))
    found.sort(key=lambda b: (b.at, b.path.name))
    return found


# (age up to, keep one per period): everything for 48 hours, then a day for 14 days, a week for 8 weeks,
# a month for a year. None: keep every backup of that age.
THINNING: tuple[tuple[dt.timedelta, dt.timedelta | None], ...] = (
    (dt.timedelta(hours=48), None),
    (dt.timedelta(days=14), dt.timedelta(days=1)),
    (dt.timedelta(weeks=8), dt.timedelta(weeks=1)),
    (dt.timedelta(days=365), dt.timedelta(days=30)),
)


def to_thin(backups: Iterable[Backup], now: dt.datetime) -> list[Backup]:
    """The verified backups the thinning rule lets go: the newest of each period is kept, and always the newest.

    Unverified files are neither kept nor removed here: they never count as backups.
    """
    verified = sorted((b for b in backups if b.verified), key=lambda b: b.at, reverse=True)
    if not verified:
        return []
    kept_periods: set[tuple[int, int]] = set()
    remove: list[Backup] = []
    for backup in verified[1:]:
        age = now - backup.at
        for tier, (limit, period) in enumerate(THINNING):
            if age <= limit:
                if period is not None:  # calendar periods (UTC), so what is kept stays kept as time goes on
                    key = (tier, int(backup.at.timestamp() // period.total_seconds()))
                    if key in kept_periods:
                        remove.append(backup)
                    kept_periods.add(key)
                break
        else:
            remove.append(backup)  # older than a year
    return remove


def thin(folder: Path, now: dt.datetime) -> list[Path]:
    """Remove the backups :func:`to_thin` lets go; returns their paths."""
    gone = []
    for backup in to_thin(list_backups(folder), now):
        _remove(backup.path)
        gone.append(backup.path)
    return gone


def latest_verified(folder: Path) -> Backup | None:
    verified = [b for b in list_backups(folder) if b.verified]
    return verified[-1] if verified else None


def data_changed_since(db_path: Path, when: dt.datetime) -> bool:
    """Whether the database (or its write-ahead log) was modified after ``when``."""
    latest = 0.0
    for suffix in ("", "-wal"):
        with contextlib.suppress(OSError):
            latest = max(latest, Path(f"{db_path}{suffix}").stat().st_mtime)
    return latest > when.timestamp()


def due_for_auto(db_path: Path, folder: Path, now: dt.datetime) -> bool:
    """An automatic backup is due when the data changed and the newest verified one is 30 minutes old."""
    newest = latest_verified(folder)
    if newest is None:
        return True
    return now - newest.at >= AUTO_INTERVAL and data_changed_since(db_path, newest.at)


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
        _fsync_dir(folder)
        thin(folder, now)
    except OSError as exc:
        _remove(temp)
        return translate("store", "The backup could not be copied to the second folder {path}: {reason}").format(
            path=folder, reason=exc.strerror or exc
        )
    return None


@contextlib.contextmanager
def read_only_connection(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(ro_uri(path), uri=True)
    try:
        yield conn
    finally:
        conn.close()
