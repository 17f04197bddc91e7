"""Benchmark corrections: editing, deleting and undoing a help, newest, from the middle and oldest, with the game on.

Run ``.venv/bin/python bench/corrections.py [--sizes 1000,1000000] [--data-dir-1000000 DIR] [--repeat 5]``.
Each size gets a demo folder (or a copy of the one given, which is never written), opened as the app opens it
(``open_services``: a game built by other content or another layout is rebuilt first, and that is timed too).
For each help position it times, ``--repeat`` times: an edit (the amount changed), its Undo (the amount put
back), and for the newest also recording a new help and its Undo (deleting it). A correction goes back to the
game's checkpoint before the fact it corrects and replays what follows; the issue's goal for a help recorded in
the last day is a median of at most 100 ms on 1,000,000 activities. The full recompute is printed beside its
anchor, a bare Python scan of the same rows with their JSON payloads parsed (goal: at most 4x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.model import Activity, ActivityKind, GameCheckpoint, GameUndo, HelpExchange  # noqa: E402
from app.paths import database_path  # noqa: E402
from app.services import Services, open_services  # noqa: E402
from app.services.base import OpResult  # noqa: E402
from bench.common import bare_scan, demo_folder  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.1f} ms (max {max(values) * 1000:.0f})"


def _timed(services: Services, catch_ups: list[float], write: Callable[[], OpResult]) -> float:
    """Seconds the write took (what the user waits for); a catch-up it left is timed apart and run at once, so
    that the next write starts from a game up to date."""
    began = time.perf_counter()
    result = write()
    took = time.perf_counter() - began
    if result.catching_up:
        began = time.perf_counter()
        services.game.catch_up()
        catch_ups.append(time.perf_counter() - began)
    return took


def _record(services: Services, contact: str, made: list[OpResult]) -> OpResult:
    made.append(services.helps.create(direction="given", kind="share", contact=contact))
    return made[-1]


def _helps(services: Services) -> dict[str, str]:
    """The newest, a middle and the oldest help still current, by recording order of their facts."""
    with services.store.read() as session:
        ids = list(session.scalars(
            select(Activity.entity_id).where(
                Activity.kind == ActivityKind.fact, Activity.superseded_by.is_(None),
                Activity.type.in_(["help.given", "help.received"]),
            ).order_by(Activity.seq)
        ))
        present = {str(h) for h in session.scalars(select(HelpExchange.id))}
    ordered = [str(i) for i in ids if str(i) in present]
    return {"newest": ordered[-1], "middle": ordered[len(ordered) // 2], "oldest": ordered[0]}


def measure(folder: Path, activities: int, repeat: int, positions: list[str]) -> None:
    clock = FixedClock(NOW, ZONE)
    began = time.perf_counter()
    services = open_services(folder, clock)
    opened = time.perf_counter() - began
    try:
        with services.store.read() as session:
            total = int(session.scalar(select(func.count()).select_from(Activity)) or 0)
            marks = int(session.scalar(select(func.count()).select_from(GameCheckpoint)) or 0)
            steps = int(session.scalar(select(func.count()).select_from(GameUndo)) or 0)
        print(f"\n{activities:,} asked, {total:,} activities; opened in {opened:.1f} s "
              f"(includes a rebuild if the game was stale); {marks:,} checkpoints, {steps:,} undo steps", flush=True)
        helps = _helps(services)
        for position in positions:
            ident = helps[position]
            edits: list[float] = []
            undos: list[float] = []
            catch_ups: list[float] = []
            for i in range(repeat):
                clock.advance(seconds=5)
                edits.append(_timed(services, catch_ups, partial(services.helps.edit, ident, amount_fen=1000 + i)))
                undos.append(_timed(services, catch_ups, partial(services.helps.edit, ident, amount_fen=None)))
            waited = f"; {len(catch_ups)} left the rest to a catch-up, which took {_ms(catch_ups)}" if catch_ups else ""
            print(f"  {position:>6} help: edit {_ms(edits)}   its Undo {_ms(undos)}{waited}", flush=True)
        records: list[float] = []
        deletes: list[float] = []
        with services.store.read() as session:
            contact = str(session.scalar(select(HelpExchange.contact_id).limit(1)))
        waits: list[float] = []
        for _ in range(repeat):
            clock.advance(seconds=5)
            made: list[OpResult] = []
            records.append(_timed(services, waits, partial(_record, services, contact, made)))
            deletes.append(_timed(services, waits, partial(services.helps.delete, str(made[-1].entity_id))))
        print(f"  record a help {_ms(records)}   its Undo (delete) {_ms(deletes)}", flush=True)
        scan, rows = bare_scan(database_path(folder))
        began = time.perf_counter()
        services.game.recompute()
        full = time.perf_counter() - began
        with services.store.read() as session:
            marks = int(session.scalar(select(func.count()).select_from(GameCheckpoint)) or 0)
            steps = int(session.scalar(select(func.count()).select_from(GameUndo)) or 0)
            undo_bytes = int(session.scalar(select(func.sum(func.length(GameUndo.step)))) or 0)
        print(f"  full recompute {full:.2f} s; bare scan of the {rows:,} current facts {scan:.2f} s; "
              f"ratio {full / scan:.1f}x (goal <= 4x); after it: {marks:,} checkpoints, {steps:,} undo steps "
              f"({undo_bytes / 1e6:.1f} MB)", flush=True)
        assert services.game.verify() == [], "the game differs from a recompute"
    finally:
        services.store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--positions", default="newest,middle,oldest")
    parser.add_argument("--data-dir", action="append", default=[], metavar="SIZE=DIR",
                        help="a prepared folder for a size (copied, never written), e.g. 1000000=/path/data")
    args = parser.parse_args(argv)
    given = dict(item.split("=", 1) for item in args.data_dir)
    for size in (int(s) for s in args.sizes.split(",")):
        scratch = Path(tempfile.mkdtemp(prefix="pintuan-corrections-"))
        folder = scratch / "data"
        try:
            if str(size) in given:
                began = time.perf_counter()
                shutil.copytree(given[str(size)], folder)
                print(f"copied {given[str(size)]} in {time.perf_counter() - began:.0f} s", flush=True)
            else:
                demo_folder(folder, FixedClock(NOW, ZONE), size)
            measure(folder, size, args.repeat, args.positions.split(","))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
