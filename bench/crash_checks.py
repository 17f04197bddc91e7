"""The checks after each kill of bench/crash.py: what the next start must find in a data folder.

Every acknowledged write is there, the database and every file with a backup's final name are whole, the rows of an
older-schema database survived its migration, the installed packs load and the game equals a recompute.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app import backups
from app.backups import integrity_problems, list_backups
from app.clock import SystemClock
from app.model import Contact, Group, HelpExchange
from app.quests.catalogue import load_catalogue
from app.quests.schema import load_chain
from app.services import Services
from app.services.game import differences as game_differences
from app.services.game import is_current
from app.store import Store

ROOT = Path(__file__).resolve().parents[1]
ZONE = ZoneInfo("Asia/Shanghai")
PACK = ROOT / "docs" / "examples" / "fresh-food-friend.toml"  # the pack the writer installs, a version up each time
KEEP_BACKUPS = 3  # the harness deletes older checked backups so that hundreds of kills stay small on disk
# What every start may rebuild from the facts (app/recovery.py's DERIVED_TABLES), and the schema's own version.
DERIVED_TABLES = ("game_state", "game_checkpoint", "game_undo", "points_entry", "alembic_version")


@dataclass
class Folder:
    """A data folder under test and what the writers acknowledged in it."""

    path: Path
    mirror: Path | None = None  # the second backup folder, when one is set
    rows: dict[str, set[uuid.UUID]] = field(default_factory=dict)  # "help"/"group"/"contact" -> ids
    before: Path | None = None  # the older-schema database the folder started from: its rows must all stay
    pack_version: int = 0
    checked: set[Path] = field(default_factory=set)  # backups already verified by the harness

    @property
    def backups(self) -> Path:
        return self.path / "backups"


@dataclass
class Findings:
    """What one check found: problems (each a line) and the acknowledged writes that are missing."""

    problems: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    opened: bool = True


def check_folder(folder: Folder, backups_made: Iterable[str] = ()) -> Findings:
    """Check a folder after a kill, as the next start would open it; then drop backups already checked but old."""
    found = Findings()
    backups_made = list(backups_made)
    for place in (folder.backups, folder.mirror):
        if place is not None:
            _check_backups(place, folder.checked, found)
            names = set(os.listdir(place)) if place.is_dir() else set()
            found.missing += [f"backup {name} in {place}" for name in backups_made if name not in names]
    _check_packs(folder, found)
    _check_database(folder, found)
    for place in (folder.backups, folder.mirror):
        if place is not None:
            _prune(place)
    return found


def _check_backups(place: Path, checked: set[Path], found: Findings) -> None:
    """Files with a backup's final name must be whole databases; anything else must be a temporary file."""
    if not place.is_dir():
        return
    listed = list_backups(place)
    finals = {b.path.name for b in listed}
    for backup in listed:
        if not backup.verified:
            found.problems.append(f"{backup.path} has a backup's final name but is not whole (header or journal)")
        elif backup.path not in checked:
            problems = integrity_problems(backup.path)
            if problems:
                found.problems.append(f"{backup.path} is listed as verified but fails its check: {problems[:3]}")
            checked.add(backup.path)
    for name in os.listdir(place):
        if name not in finals and not name.startswith(".pintuan-tmp-"):
            found.problems.append(f"unexpected file {place / name} (neither a backup nor a temporary file)")


def _check_packs(folder: Folder, found: Findings) -> None:

    try:
        load_catalogue(folder.path)
    except Exception as exc:  # noqa: BLE001 - any failure here is a finding, reported with its reason
        found.problems.append(f"the installed quest packs do not load: {exc}")
        return
    if folder.pack_version:
        installed = folder.path / "quests" / f"{load_chain(PACK).id}.toml"
        version = load_chain(installed).version if installed.exists() else 0
        if version < folder.pack_version:
            found.missing.append(f"pack version {folder.pack_version} (installed: {version or 'none'})")


def _check_database(folder: Folder, found: Findings) -> None:
    """Open the store (migrating, as a start would), then integrity, acknowledged rows and the game."""


    try:
        store = Store.open(folder.path, create=False)
    except Exception as exc:  # noqa: BLE001 - the finding is that the folder cannot be opened, whatever the reason
        found.problems.append(f"cannot open the folder: {type(exc).__name__}: {exc}")
        found.opened = False
        return
    try:
        report = store.check()
        if not report.ok:
            found.problems.append(f"store check failed: {report.as_dict()}")
        keys = {"help": HelpExchange.id, "group": Group.id, "contact": Contact.id}
        with store.read() as session:
            for kind, ids in folder.rows.items():
                there = {i for chunk in _chunks(sorted(ids, key=str), 500)
                         for i in session.scalars(select(keys[kind]).where(keys[kind].in_(chunk)))}
                found.missing += [f"{kind} {i}" for i in sorted(ids - there, key=str)]
        if folder.before is not None:
            found.problems += rows_changed(folder.before, store.path)
        game = Services(store, SystemClock(ZONE)).game
        with store.read() as session:
            engine = game.engine
            current = is_current(session, engine)
            differences = game_differences(session, engine) if current else []
        if differences:
            found.problems.append(f"the stored game claims to be current but differs from a recompute: {differences}")
        elif not current:
            game.ensure_current()  # what every start does after a pack changed
            differences = game.verify()
            if differences:
                found.problems.append(f"the game differs from a recompute after the start's recompute: {differences}")
    finally:
        store.close()


def _prune(place: Path) -> None:
    """Delete all but the newest few backups (already checked), as a user cleaning up would."""
    for backup in [b for b in list_backups(place) if b.verified][:-KEEP_BACKUPS]:
        backup.path.unlink(missing_ok=True)


def _chunks(items: list[uuid.UUID], size: int) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows_changed(before: Path, after: Path) -> list[str]:
    """Rows of the database ``before`` (an older schema) that ``after`` (migrated, then written to) lost or changed.

    Compared on the columns both schemas have; the game's derived rows are left out: every start may rebuild them.
    A revision that transforms stored values on purpose would show here, and this check would need to learn it.
    """
    problems = []
    with contextlib.closing(sqlite3.connect(backups.ro_uri(before), uri=True)) as old, \
            contextlib.closing(sqlite3.connect(backups.ro_uri(after), uri=True)) as new:
        tables = [row[0] for row in old.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name NOT LIKE 'sqlite%' ORDER BY name")]
        for table in tables:
            if table in DERIVED_TABLES:
                continue
            kept = {row[1] for row in new.execute(f'PRAGMA table_info("{table}")')}
            if not kept:
                problems.append(f"the migration dropped the table {table}")
                continue
            columns = ", ".join(f'"{row[1]}"' for row in old.execute(f'PRAGMA table_info("{table}")') if row[1] in kept)
            where = " WHERE kind != 'derived'" if table == "activity" else ""
            query = f'SELECT {columns} FROM "{table}"{where}'
            gone = Counter(old.execute(query)) - Counter(new.execute(query))
            if gone:
                problems.append(f"{table}: {gone.total()} rows of the old database were lost or changed, e.g. "
                                f"{next(iter(gone))} ({columns})")
    return problems
