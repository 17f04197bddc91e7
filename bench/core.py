"""Benchmark the core: time to generate demo data, and the median time to record one help on a small and a big store.

Run ``.venv/bin/python bench/core.py [--sizes 1000,1000000] [--calls 200]``. Each size gets a fresh temporary
folder. Recording a help should cost about the same on a million activities as on a thousand: every query a write
makes goes through an index.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from sqlalchemy import select  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.demo import iter_generate_demo  # noqa: E402
from app.model import ContactGroup  # noqa: E402
from app.services.helps import HelpService  # noqa: E402
from app.store import Store  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
WARM_UP = 5


@dataclass(frozen=True)
class Figures:
    """What one size measured."""

    activities: int
    generate_s: float
    create_median_ms: float
    create_p90_ms: float
    create_max_ms: float


def measure(folder: Path, activities: int, calls: int, seed: int) -> Figures:
    """Generate a demo store of ``activities`` activities in ``folder``, then time ``calls`` help recordings."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = FixedClock(now, ZONE)
    store = Store.open(folder)
    try:
        started = time.perf_counter()
        for _ in iter_generate_demo(store, clock, activities=activities, seed=seed):
            pass
        generate_s = time.perf_counter() - started
        with store.read() as session:
            pairs = session.execute(select(ContactGroup.contact_id, ContactGroup.group_id).limit(50)).all()
        service = HelpService(store, clock)
        timings: list[float] = []
        for i in range(WARM_UP + calls):
            contact, group = pairs[i % len(pairs)]
            clock.advance(seconds=1)
            began = time.perf_counter()
            service.create(
                direction="given" if i % 2 else "received", kind="boost_click" if i % 3 else "share",
                contact=str(contact), group=str(group),
            )
            if i >= WARM_UP:
                timings.append(time.perf_counter() - began)
    finally:
        store.close()
    timings.sort()
    return Figures(
        activities=activities,
        generate_s=generate_s,
        create_median_ms=statistics.median(timings) * 1000,
        create_p90_ms=timings[int(len(timings) * 0.9) - 1] * 1000,
        create_max_ms=timings[-1] * 1000,
    )


def table(rows: list[Figures]) -> str:
    """The figures as a small text table."""
    header = f"{'activities':>12} {'generate (s)':>13} {'help median (ms)':>17} {'p90 (ms)':>9} {'max (ms)':>9}"
    lines = [header, "-" * len(header)]
    lines += [
        f"{r.activities:>12,} {r.generate_s:>13.2f} {r.create_median_ms:>17.2f} {r.create_p90_ms:>9.2f} "
        f"{r.create_max_ms:>9.2f}"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, measure each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,1000000", help="comma-separated activity counts")
    parser.add_argument("--calls", type=int, default=200, help="help recordings timed per size")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    rows: list[Figures] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="pintuan-bench-") as folder:
            rows.append(measure(Path(folder), size, args.calls, args.seed))
        print(f"measured {size:,} activities", flush=True)
    print(table(rows))
    if len(rows) > 1:
        small, big = rows[0], rows[-1]
        print(f"help median ratio {big.activities:,} / {small.activities:,}: "
              f"{big.create_median_ms / small.create_median_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
