"""Benchmark the demo generator against a raw insert of its activities: the figure of issue 9 ("a demo of 1,000,000
activities, recompute included: at most 2.5x a raw executemany of the same rows").

For each size, in a fresh temporary folder: ``generate_demo`` (plan, rows, bulk insert and the game rebuilt in one
transaction), timed whole and with the game's recompute apart. Then the anchor: the demo's own activity rows (its
facts, as stored) inserted by a bare ``sqlite3`` ``executemany`` in one transaction into a new database with the
same activity table and indexes, the store's pragmas and the page cache the bulk load uses. Wall and CPU seconds.

Run ``.venv/bin/python bench/demo.py [--sizes 100000,1000000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from app.demo import generate_demo  # noqa: E402
from app.services import bulk  # noqa: E402
from app.services.game import GameService  # noqa: E402
from app.store import PRAGMAS, Store, database_path  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
COLUMNS = "id, type, kind, at, recorded_at, entity_type, entity_id, payload, corrects, superseded_by"


@dataclass(frozen=True)
class Seconds:
    """Wall-clock and CPU seconds of one step."""

    wall: float
    cpu: float

    def __sub__(self, other: Seconds) -> Seconds:
        return Seconds(self.wall - other.wall, self.cpu - other.cpu)


@dataclass
class Figures:
    """What one size measured."""

    activities: int
    demo: Seconds
    game: Seconds
    anchor: Seconds
    rows: int


@contextmanager
def timed() -> Iterator[list[Seconds]]:
    """The block's seconds, in the list it yields (filled when the block ends)."""
    out: list[Seconds] = []
    wall, cpu = time.perf_counter(), time.process_time()
    yield out
    out.append(Seconds(time.perf_counter() - wall, time.process_time() - cpu))


@contextmanager
def game_timer() -> Iterator[list[Seconds]]:
    """Times every game recompute the block runs (the bulk load's rebuild), without changing what it does."""
    spent: list[Seconds] = []
    original = GameService._recompute

    def recompute(*args: Any, **kwargs: Any) -> Any:
        with timed() as took:
            result = original(*args, **kwargs)
        spent.extend(took)
        return result

    GameService._recompute = staticmethod(recompute)  # type: ignore[method-assign,assignment]
    try:
        yield spent
    finally:
        GameService._recompute = staticmethod(original)  # type: ignore[method-assign]


def measure(folder: Path, activities: int, seed: int) -> Figures:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = FixedClock(now, ZONE)
    store = Store.open(folder / "demo")
    try:
        with game_timer() as game, timed() as demo:
            counts = generate_demo(store, clock, activities=activities, seed=seed)
        assert counts["activities"] >= activities and len(game) == 1
    finally:
        store.close()
    anchor, rows = raw_insert(database_path(folder / "demo"), folder / "anchor.sqlite3")
    return Figures(activities, demo[0], game[0], anchor, rows)


def raw_insert(demo: Path, target: Path) -> tuple[Seconds, int]:
    """Insert the demo's facts, as stored, into a new database with the same activity table, by executemany."""
    with sqlite3.connect(demo) as source:
        schema = [sql for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'activity' AND sql IS NOT NULL ORDER BY type DESC"
        )]  # the table, then its indexes
        rows = source.execute(f"SELECT {COLUMNS} FROM activity WHERE kind != 'derived' ORDER BY seq").fetchall()
    db = sqlite3.connect(target, isolation_level=None)
    try:
        for name, value in PRAGMAS:
            db.execute(f"PRAGMA {name}={value}")
        db.execute(f"PRAGMA cache_size=-{bulk.CACHE_KIB}")
        for sql in schema:
            db.execute(sql)
        insert = f"INSERT INTO activity ({COLUMNS}) VALUES ({', '.join('?' * 10)})"
        with timed() as took:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(insert, rows)
            db.execute("COMMIT")
    finally:
        db.close()
    return took[0], len(rows)


def report(rows: list[Figures]) -> str:
    header = (f"{'activities':>10} {'demo s':>8} {'game s':>8} {'game %':>7} {'insert s':>9} {'anchor s':>9} "
              f"{'ratio':>6} {'w/o game':>9}   cpu: {'demo':>6} {'game':>6} {'anchor':>7} {'ratio':>6}")
    lines = [header, "-" * len(header)]
    for r in rows:
        insert = r.demo - r.game
        lines.append(
            f"{r.activities:>10,} {r.demo.wall:>8.1f} {r.game.wall:>8.1f} {100 * r.game.wall / r.demo.wall:>6.0f}% "
            f"{insert.wall:>9.1f} {r.anchor.wall:>9.1f} {r.demo.wall / r.anchor.wall:>5.2f}x "
            f"{insert.wall / r.anchor.wall:>8.2f}x        {r.demo.cpu:>6.1f} {r.game.cpu:>6.1f} {r.anchor.cpu:>7.1f} "
            f"{r.demo.cpu / r.anchor.cpu:>5.2f}x"
        )
    lines.append("demo: generate_demo whole (plan, rows, insert, game rebuilt, commit); game: its recompute; insert: "
                 "the rest; anchor: the same activity rows by one executemany")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated activity counts")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    figures: list[Figures] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="pintuan-bench-demo-") as folder:
            figures.append(measure(Path(folder), size, args.seed))
        print(f"measured {size:,} activities", flush=True)
    print(report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
