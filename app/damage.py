"""What can be wrong with a database file, and what is done about it: the cheap check on every open, the
damaged file moved aside, the refusal to start silently on an empty database, and one line for each failure.

Only the standard library's ``sqlite3``: no SQLAlchemy, so the command line's error path stays cheap.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import traceback
from pathlib import Path

from app import backups
from app.backups import BACKUP_DIRNAME
from app.errors import DamagedDatabase, MissingDatabase, StoreError
from app.i18n import translate
from app.paths import DB_FILENAME, database_path

CORRUPT_INFIX = ".corrupt-"
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
NO_TABLES = "an SQLite file without tables"


def read_only_medium(path: Path) -> bool:
    """Whether the file system holding ``path`` (or its nearest existing parent) is mounted read-only."""
    for candidate in (path, *path.parents):
        try:
            return bool(os.statvfs(candidate).f_flag & os.ST_RDONLY)
        except OSError:
            continue
    return False


def disk_full(path: Path) -> bool:
    """Whether the file system holding ``path`` has (next to) no room left for SQLite's pages and logs."""
    for candidate in (path, *path.parents):
        try:
            info = os.statvfs(candidate)
        except OSError:
            continue
        return info.f_bavail * info.f_frsize < 256 * 1024
    return False


def environment_error(path: Path, exc: BaseException) -> StoreError:
    text = str(exc).lower()
    if ("i/o error" in text or "unable to open" in text or "full" in text) and disk_full(path):
        message = translate("store", "The disk holding {path} is full: free some space and try again.")
    elif ("unable to open" in text or "readonly" in text) and read_only_medium(path):
        message = translate("store", "{path} is on a read-only disk: nothing can be saved there. Copy the data "
                                     "folder to a writable disk, or use --data-dir.")
    elif "not a database" in text or "malformed" in text:
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


def is_corruption(exc: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), not merely unusable."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(orig).lower()
    # Python's own error for text that is not UTF-8: this app only ever writes UTF-8, so the bytes were damaged.
    return "malformed" in text or "not a database" in text or "could not decode to utf-8" in text


_DAMAGED_VALUES = ("invalid isoformat string", "badly formed hexadecimal uuid string")
_READING_ROWS = ("sqlalchemy/engine/", "app/services/game_store.py")


def damaged_value(exc: BaseException) -> bool:
    """Whether ``exc`` is a stored value that no longer parses as it was written, met while reading rows.

    Times are stored as ISO text, ids as hex and payloads as JSON, in one form only: one that fails to parse had
    its bytes changed under SQLite, which checks pages, not values (the integrity check may pass). Only errors
    raised inside the code that decodes rows count, so that a parse error of ours is never taken for damage.
    """
    if not isinstance(exc, ValueError):
        return False
    if type(exc).__name__ != "JSONDecodeError" and not str(exc).lower().startswith(_DAMAGED_VALUES):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return any(part in frame.filename.replace("\\", "/") for frame in frames for part in _READING_ROWS)


def quarantine(data_dir: Path, now: dt.datetime | None = None) -> Path:
    """Move a damaged database (and its -wal and -shm) aside as ``pintuan.sqlite3.corrupt-<time>``; its path."""
    path = database_path(data_dir)
    when = now or dt.datetime.now(dt.UTC)
    bad = path.with_name(f"{DB_FILENAME}{CORRUPT_INFIX}{backups.stamp_of(when)}")
    while os.path.lexists(bad):  # never over an earlier damaged copy
        when += dt.timedelta(microseconds=1)
        bad = path.with_name(f"{DB_FILENAME}{CORRUPT_INFIX}{backups.stamp_of(when)}")
    try:
        os.rename(path, bad)
        for suffix in ("-wal", "-shm"):
            if os.path.lexists(f"{path}{suffix}"):
                os.rename(f"{path}{suffix}", f"{bad}{suffix}")
    except OSError as exc:
        raise backups.os_error(path, exc) from exc
    return bad


def corrupt_copies(data_dir: Path) -> list[Path]:
    """The damaged databases moved aside in ``data_dir``, oldest first."""
    return sorted(
        p for p in Path(data_dir).glob(f"{DB_FILENAME}{CORRUPT_INFIX}*")
        if not p.name.endswith(("-wal", "-shm", "-journal"))
    )


def damaged(data_dir: Path, problem: str, now: dt.datetime | None = None) -> DamagedDatabase:
    """Move the damaged database aside and say so in one line, naming the bad copy and what to run next."""
    path = database_path(data_dir)
    bad = quarantine(data_dir, now)
    latest = backups.latest_verified(Path(data_dir) / BACKUP_DIRNAME)
    if latest is not None:
        hint = translate(
            "store", "Run “pintuan-quest restore --latest” to restore the newest verified backup ({when})."
        ).format(when=latest.at.astimezone().strftime("%Y-%m-%d %H:%M"))
    elif problem in (backups.EMPTY, backups.NOT_SQLITE, NO_TABLES):
        hint = translate("store", "It holds nothing that can be read and there is no backup: run “pintuan-quest "
                                  "restore --empty” to start anew.")
    else:
        hint = translate(
            "store", "There is no backup: run “pintuan-quest restore --salvage” to recover what can still be read."
        )
    message = translate(
        "store", "{path} is damaged ({problem}); nothing was written to it and it was moved to {bad}. {hint}"
    ).format(path=path, problem=problem, bad=bad, hint=hint)
    return DamagedDatabase(message, bad)


def check_file(data_dir: Path, now: dt.datetime | None = None) -> bool:
    """The cheap check on every open: True when a database file is there and looks whole, False when none is.

    Raises :class:`StoreError` for what stands in the database's place (a folder, a dangling link, a device) and
    :class:`DamagedDatabase` (after moving the file aside) for a file that cannot be a whole database.
    """
    path = database_path(data_dir)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise backups.os_error(path, exc) from exc
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except OSError:
            raise StoreError(
                translate("store", "{path} is a link to {target}, which does not exist: restore the file it "
                                   "points to, or remove the link.").format(path=path, target=os.readlink(path))
            ) from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(
            translate("store", "{path} is a folder, not a database: move it away and try again.").format(path=path)
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            translate("store", "{path} is not a regular file (a device, pipe or socket): move it away and try "
                               "again.").format(path=path)
        )
    problem = backups.header_problem(path, wal_beside=os.path.exists(f"{path}-wal"))
    if problem is not None:
        raise damaged(data_dir, problem, now)
    return True


def refuse_new(data_dir: Path) -> None:
    """Refuse to create an empty database where backups or damaged copies show that one existed."""
    latest = backups.latest_verified(Path(data_dir) / BACKUP_DIRNAME)
    bad = corrupt_copies(data_dir)
    if latest is None and not bad:
        return
    if latest is not None:
        message = translate(
            "store", "There is no database in {path}, but there are backups (the newest from {when}): run "
                     "“pintuan-quest restore --latest”, or “pintuan-quest restore --empty” to start anew."
        ).format(path=data_dir, when=latest.at.astimezone().strftime("%Y-%m-%d %H:%M"))
    else:
        message = translate(
            "store", "There is no database in {path}, only the damaged copy {bad}: run “pintuan-quest restore "
                     "--salvage” to recover what can be read, or “pintuan-quest restore --empty” to start anew."
        ).format(path=data_dir, bad=bad[-1])
    raise MissingDatabase(message)
