"""Benchmark the game: the cost of one recorded help with the game on, at a small and a big history, and a recompute.

Run ``.venv/bin/python bench/game.py [--sizes 1000,1000000] [--calls 200]``. Each size gets a fresh temporary
folder filled by the demo generator (which recomputes the game at the end). Then ``--calls`` helps are recorded
through the services with the game on (each one a transaction that also runs the engine on its facts), and as
many without the game for comparison; finally the whole game is recomputed from the facts of the biggest store.
The game is incremental: a help should cost about the same on a million activities as on a thousand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.demo import create_demo_folder  # noqa: E402
from app.model import Activity, ActivityKind, ContactGroup, GameState, PointsEntry  # noqa: E402
from app.paths import database_path  # noqa: E402
from app.services import Services  # noqa: E402
from app.services.helps import HelpService  # noqa: E402
from app.store import Store  # noqa: E402
from bench.common import bare_scan  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
WARM_UP = 5


@dataclass(frozen=True)
class Figures:
    """What one size measured."""

    activities: int
    demo_s: float
    game_rows: int
    points_entries: int
    derived: int
    with_game_median_ms: float
    with_game_p90_ms: float
    with_game_max_ms: float
    without_game_median_ms: float
    recompute_s: float | None
    scan_s: float | None = None  # a bare Python scan of the same facts, payloads parsed: the recompute's anchor


def _percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[max(0, int(len(sorted_values) * fraction) - 1)]


def _time_helps(service: HelpService, clock: FixedClock, pairs: list[tuple[object, object]], calls: int,
                offset: int) -> list[float]:
    timings: list[float] = []
    for i in range(WARM_UP + calls):
        contact, group = pairs[(i + offset) % len(pairs)]
        clock.advance(seconds=7)
        began = time.perf_counter()
        service.create(
            direction="received" if i % 3 == 0 else "given", kind=("share", "boost_click", "join_group")[i % 3],
            contact=str(contact), group=str(group),
        )
        if i >= WARM_UP:
            timings.append(time.perf_counter() - began)
    timings.sort()
    return timings


def measure(folder: Path, activities: int, calls: int, seed: int, recompute: bool,
            prepared: Path | None = None) -> Figures:
    """Build a demo store of ``activities`` in ``folder`` (or copy ``prepared``), time ``calls`` helps with and
    without the game."""
    clock = FixedClock(NOW, ZONE)
    started = time.perf_counter()
    if prepared is not None:
        shutil.copytree(prepared, folder)
    else:
        create_demo_folder(folder, clock, activities=activities, seed=seed)
    demo_s = time.perf_counter() - started
    store = Store.open(folder)
    try:
        services = Services(store, clock)
        # The content changed since the demo recomputed: catch up first.
        if (services.game.ensure_current().record or {})["recomputed"]:
            print("  (content changed since the demo was built: recomputed before timing)", flush=True)
        with store.read() as session:
            pairs = list(session.execute(select(ContactGroup.contact_id, ContactGroup.group_id).limit(50)).all())
        with_game = _time_helps(services.helps, clock, pairs, calls, 0)
        without_game = _time_helps(HelpService(store, clock), clock, pairs, calls, 17)
        recompute_s = scan_s = None
        if recompute:
            scan_s, _ = bare_scan(database_path(folder))
            began = time.perf_counter()
            services.game.recompute()
            recompute_s = time.perf_counter() - began
        with store.read() as session:
            game_rows = int(session.scalar(select(func.count()).select_from(GameState)) or 0)
            points_entries = int(session.scalar(select(func.count()).select_from(PointsEntry)) or 0)
            derived = int(session.scalar(
                select(func.count()).select_from(Activity).where(Activity.kind == ActivityKind.derived)
            ) or 0)
    finally:
        store.close()
    return Figures(
        activities=activities,
        demo_s=demo_s,
        game_rows=game_rows,
        points_entries=points_entries,
        derived=derived,
        with_game_median_ms=statistics.median(with_game) * 1000,
        with_game_p90_ms=_percentile(with_game, 0.9) * 1000,
        with_game_max_ms=with_game[-1] * 1000,
        without_game_median_ms=statistics.median(without_game) * 1000,
        recompute_s=recompute_s,
        scan_s=scan_s,
    )


def table(rows: list[Figures]) -> str:
    header = (f"{'activities':>11} {'demo+recompute (s)':>18} {'help, game on: median':>22} {'p90':>7} {'max':>7} "
              f"{'game off: median':>17} {'full recompute (s)':>18} {'state rows':>10} {'points':>8} {'derived':>8}")
    lines = [header, "-" * len(header)]
    for r in rows:
        recompute = f"{r.recompute_s:.1f}" if r.recompute_s is not None else "—"
        lines.append(
            f"{r.activities:>11,} {r.demo_s:>18.1f} {r.with_game_median_ms:>19.2f} ms {r.with_game_p90_ms:>7.2f} "
            f"{r.with_game_max_ms:>7.2f} {r.without_game_median_ms:>14.2f} ms {recompute:>18} {r.game_rows:>10,} "
            f"{r.points_entries:>8,} {r.derived:>8,}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,1000000", help="comma-separated activity counts")
    parser.add_argument("--calls", type=int, default=200, help="helps timed per size (with and without the game)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--recompute", default="last", choices=["last", "all", "none"],
                        help="which sizes also time a full recompute (default: the biggest)")
    parser.add_argument("--data-dir", action="append", default=[], metavar="SIZE=DIR",
                        help="a prepared folder for a size, copied instead of building a demo (its time is then the "
                             "copy's), e.g. 1000000=/path/data")
    args = parser.parse_args(argv)
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.data_dir)}
    sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    rows: list[Figures] = []
    for index, size in enumerate(sizes):
        recompute = args.recompute == "all" or (args.recompute == "last" and index == len(sizes) - 1)
        with tempfile.TemporaryDirectory(prefix="pintuan-game-bench-") as tmp:
            rows.append(measure(Path(tmp) / "data", size, args.calls, args.seed, recompute, given.get(size)))
        print(f"measured {size:,} activities", flush=True)
    print("times in ms unless marked; 'help' = one services.helps.create call, its own transaction")
    print(table(rows))
    if len(rows) > 1:
        small, big = rows[0], rows[-1]
        if big.recompute_s is not None and big.scan_s:
            print(f"full recompute at {big.activities:,}: {big.recompute_s:.1f} s; bare Python scan of the same facts "
                  f"(payloads parsed): {big.scan_s:.1f} s; ratio {big.recompute_s / big.scan_s:.1f}x (goal <= 4x)")
        print(f"help median with the game, {big.activities:,} / {small.activities:,}: "
              f"{big.with_game_median_ms / small.with_game_median_ms:.2f}x; game share of a help at "
              f"{big.activities:,}: {big.with_game_median_ms - big.without_game_median_ms:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
