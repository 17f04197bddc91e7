"""How long a typical honest member takes to reach levels 10, 20 and 30, through the real services and game.

Run ``.venv/bin/python bench/levels.py [--helps 5] [--max-days 1500] [--seed 7]``. The member lives in the world of
``bench/simulate.py`` (Asia/Shanghai on a fixed clock moved day by day; three groups of different kinds with
evening windows and a request limit of 2; twelve contacts) and plays the good neighbour's days with ``--helps``
helps a day: each day they help that many different people (first those they owe, inside the windows), are
helped about every other day, ask a group about every fourth day (politely), settle up on Sundays, start or join
a group buy now and then, and rest on Wednesdays. Printed: the day each level is first reached, the days and weeks
that took, the hours of real time (days × 24) since the first entry, the entries logged by then and the hours of
logging they took (20 seconds an entry); then where a year's points came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from app.services import Services  # noqa: E402
from app.store import Store  # noqa: E402
from bench.simulate import FIRST_DAY, SUNDAY, WEDNESDAY, ZONE, Member, local, setup, story_ids  # noqa: E402

GOALS = (10, 20, 30)
ENTRY_SECONDS = 20  # a quick log (Ctrl+N, a name, Enter): what an entry costs the member


def typical_day(m: Member, helps: int) -> None:
    """The good neighbour's day (``bench/simulate.py``) with ``helps`` helps, resting on Wednesdays."""
    rng = m.rng
    if m.day.weekday() == WEDNESDAY:
        return
    if rng.random() < 0.5:
        m.in_window()
        m.receive(rng.choice(m.contacts))
    owing = sorted((c for c, n in m.owed.items() if n > 0), key=lambda c: -m.owed[c])
    others = [c for c in rng.sample(m.contacts, len(m.contacts)) if c not in owing]
    for contact in (owing + others)[:helps]:
        m.in_window()
        m.give(contact)
    if rng.random() < 0.25:
        m.in_window()
        m.ask()
    if m.day.weekday() == SUNDAY:
        for contact in [c for c, n in m.owed.items() if n != 0][:2]:
            m.in_window()
            m.settle(contact)
    if rng.random() < 0.12:
        m.in_window()
        m.group_buy(mine=rng.random() < 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--helps", type=int, default=5, help="helps given a day")
    parser.add_argument("--max-days", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reached: dict[int, int] = {}
    entries: dict[int, int] = {}  # level -> entries logged by the day it was reached
    by_source: dict[str, int] = {}
    story = story_ids()
    with tempfile.TemporaryDirectory(prefix="pintuan-levels-") as folder:
        store = Store.open(Path(folder) / "data")
        try:
            clock = FixedClock(local(FIRST_DAY, 8), ZONE)
            member = Member("typical", Services(store, clock), clock, random.Random(f"{args.seed}:typical"))
            setup(member)
            game = member.services.game
            for offset in range(args.max_days):
                member.day = FIRST_DAY + dt.timedelta(days=offset)
                if offset == 365:  # a year of play: where its points came from
                    for entry in game.points()["entries"]:
                        chain = entry["source_id"].split("/")[0]
                        key = entry["reason"] if entry["source_type"] != "quest" else (
                            "story quests" if chain in story else "daily/weekly quests")
                        by_source[key] = by_source.get(key, 0) + entry["points"]
                typical_day(member, args.helps)
                level = int(game.score()["level"])
                for goal in GOALS:
                    if level >= goal and goal not in reached:
                        reached[goal], entries[goal] = offset + 1, member.writes
                if all(goal in reached for goal in GOALS) and by_source:
                    break
        finally:
            store.close()
    print(f"a typical honest member, {args.helps} helps a day, one rest day a week, from {FIRST_DAY} in {ZONE.key}")
    for goal in GOALS:
        days = reached.get(goal)
        text = (f"day {days:>4} ({days / 7:5.1f} weeks, {days * 24:>6,} hours); {entries[goal]:>5,} entries logged, "
                f"about {entries[goal] * ENTRY_SECONDS / 3600:4.1f} hours of logging at {ENTRY_SECONDS} s an entry"
                if days is not None else f"not within {args.max_days} days")
        print(f"  level {goal:>2}: {text}")
    total = sum(by_source.values()) or 1
    print("a year's points by source: " + ", ".join(
        f"{k} {v} ({100 * v / total:.0f} %)" for k, v in sorted(by_source.items(), key=lambda kv: -kv[1])))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
