"""The backups folder: how a backup file is named, which files are backups, which to thin out, when one is due.

A backup is named ``pintuan-<UTC stamp>-<reason>.sqlite3``. Only files with that name and a sane header are
*verified*; only verified backups count when old ones are thinned out (like Anki's). Temporary files of a copy
whose process is gone are swept away.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.sqlite_file import header_problem

BACKUP_DIRNAME = "backups"
AUTO_INTERVAL = dt.timedelta(minutes=30)
NAME = re.compile(r"^pintuan-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z0-9][a-z0-9_.-]{0,40})\.sqlite3$")
TEMPORARY = re.compile(r"^\.pintuan-tmp-(?P<pid>\d+)-.*")
STAMP = "%Y%m%dT%H%M%S%fZ"


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


def stamp_of(when: dt.datetime) -> str:
    """A moment as it appears in a backup's name (UTC, to the microsecond)."""
    return when.astimezone(dt.UTC).strftime(STAMP)


def remove_files(*paths: Path) -> None:
    """Remove what can be removed; a file already gone or held elsewhere is left."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def sweep_temporary(folder: Path) -> None:
    """Remove temporary files of backups whose process is gone (killed mid-copy)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = TEMPORARY.match(entry.name)
        if match and not pid_alive(int(match["pid"])):
            remove_files(Path(entry.path))


def pid_alive(pid: int) -> bool:
    """Whether a process of that id runs (ours, or one we may not signal, counts)."""
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
        match = NAME.match(entry.name)
        if not match:
            continue
        path = Path(entry.path)
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            size = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        at = dt.datetime.strptime(match["stamp"], STAMP).replace(tzinfo=dt.UTC)
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
        remove_files(backup.path)
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

