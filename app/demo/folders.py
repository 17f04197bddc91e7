"""Demo folders: one made aside and moved in when complete, or an existing demo replaced in one step."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from app.clock import Clock
from app.demo.generate import DEMO_ACTIVITIES, generate_demo
from app.services.base import OpResult
from app.services.changes import DATA, Changes
from app.store import Store, copy_database, database_path


def create_demo_folder(data_dir: Path, clock: Clock, *, activities: int = DEMO_ACTIVITIES,
                       seed: int = 1) -> dict[str, int]:
    """Fill ``data_dir`` with demo data; a folder without a database is built aside and moved in only when complete,
    so an interrupted run never leaves a half-filled demo behind."""
    data_dir = Path(data_dir)
    if Store.exists(data_dir):
        store = Store.open(data_dir)
        try:
            return generate_demo(store, clock, activities=activities, seed=seed)
        finally:
            store.close()
    with _built_aside(data_dir, clock, activities=activities, seed=seed) as (building, counts):
        data_dir.mkdir(parents=True, exist_ok=True)
        database_path(building).replace(database_path(data_dir))
    return counts


def reset_demo_folder(data_dir: Path, clock: Clock, *, activities: int = DEMO_ACTIVITIES, seed: int = 1,
                      progress: Callable[[int], None] | None = None) -> OpResult:
    """Replace whatever is in the demo folder ``data_dir`` with fresh demo data; the record is the counts, and
    every area the database holds may have changed.

    The new demo is built aside, then copied over the old database in one step (SQLite's backup API), so a window
    that has the demo open shows the fresh data at its next poll. ``progress(done)`` gets the activities written
    so far (out of ``activities``); an exception it raises (a cancel) stops the work and changes nothing.
    """
    data_dir = Path(data_dir)
    with _built_aside(data_dir, clock, activities=activities, seed=seed, progress=progress) as (building, counts):
        target = database_path(data_dir)
        if Store.exists(data_dir):
            try:
                copy_database(database_path(building), target)
                return OpResult.of("demo", Changes.of(*DATA), dict(counts))
            except sqlite3.DatabaseError:
                # A damaged demo cannot be copied over (nothing can have it open): put the new file in its place.
                for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
                    leftover.unlink(missing_ok=True)
        data_dir.mkdir(parents=True, exist_ok=True)
        database_path(building).replace(target)
    return OpResult.of("demo", Changes.of(*DATA), dict(counts))


@contextlib.contextmanager
def _built_aside(data_dir: Path, clock: Clock, *, activities: int, seed: int,
                 progress: Callable[[int], None] | None = None) -> Iterator[tuple[Path, dict[str, int]]]:
    """A complete demo database in a temporary sibling folder of ``data_dir``, removed after the block."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.partial-", dir=data_dir.parent))
    try:
        store = Store.open(building)
        try:
            counts = generate_demo(store, clock, activities=activities, seed=seed, progress=progress)
        finally:
            store.close()
        yield building, counts
    finally:
        shutil.rmtree(building, ignore_errors=True)
