"""How long a typical honest member takes to reach levels 10, 20 and 30, through the real services and game.

Run ``.venv/bin/python bench/levels.py [--helps 5] [--max-days 1500]``. The member lives in Asia/Shanghai on a fixed
clock moved day by day: each day they help ``--helps`` different people among twelve contacts in three groups
(inside the groups' evening windows), are helped back about every other day and return it, ask a group once
every four days (politely: inside the window, within the limit), settle up on Sundays with whoever they are even
with, and rest one day a week (Wednesdays). Printed: the day each level is first reached, the days and weeks that
took, and the hours of real time (days × 24) since the first entry; then where a year's points came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.clock import FixedClock  # noqa: E402
from app.services import Services  # noqa: E402
from app.store import Store  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.date(2026, 9, 1)
GOALS = (10, 20, 30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--helps", type=int, default=5, help="helps given a day")
    parser.add_argument("--max-days", type=int, default=1500)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reached: dict[int, int] = {}
    by_reason: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="pintuan-levels-") as folder:
        store = Store.open(Path(folder) / "data")
        try:
            clock = FixedClock(dt.datetime.combine(FIRST_DAY, dt.time(8), tzinfo=ZONE), ZONE)
            s = Services(store, clock)

            def at(day: dt.date, hour: float) -> None:
                moment = dt.datetime.combine(day, dt.time(), tzinfo=ZONE) + dt.timedelta(hours=hour)
                clock.current = max(clock.current, moment.astimezone(dt.UTC))

            groups = [str(s.groups.create(name=name, windows=["Mon-Sun 19:00-22:00"], daily_request_limit=2)
                          .entity_id) for name in ("小区生鲜团", "宝妈互助群", "数码砍价群")]
            contacts = [str(s.contacts.create(nickname=f"群友{i + 1:02d}", groups=[groups[i % 3]]).entity_id)
                        for i in range(12)]
            owed: dict[str, int] = {}
            day_year = FIRST_DAY + dt.timedelta(days=365)
            for offset in range(args.max_days):
                day = FIRST_DAY + dt.timedelta(days=offset)
                if day == day_year:  # a year of play: where its points came from
                    for entry in s.game.points()["entries"]:
                        key = entry["reason"] if entry["source_type"] != "quest" else (
                            "story quests" if _story(s, entry["source_id"]) else "daily/weekly quests")
                        by_reason[key] = by_reason.get(key, 0) + entry["points"]
                if day.weekday() == 2:  # a rest day
                    continue
                hour = 19.1
                if offset % 2 == 0:  # helped by a friend
                    who = contacts[(offset * 5) % 12]
                    at(day, hour)
                    s.helps.create(direction="received", kind="share", contact=who, group=groups[offset % 3])
                    owed[who] = owed.get(who, 0) + 1
                    hour += 0.1
                owing = [c for c, n in owed.items() if n > 0]
                others = [contacts[(offset * 3 + i) % 12] for i in range(12)]
                for i, who in enumerate((owing + [c for c in others if c not in owing])[: args.helps]):
                    at(day, hour + 0.1 * i)
                    kind = ("bargain_cut", "share", "boost_click", "join_group")[(offset + i) % 4]
                    s.helps.create(direction="given", kind=kind, contact=who, group=groups[i % 3],
                                   amount_fen=35 if kind == "bargain_cut" else None)
                    owed[who] = owed.get(who, 0) - 1
                if offset % 4 == 0:
                    at(day, 21.5)
                    s.requests.create(group=groups[offset % 3])
                if day.weekday() == 6:
                    for who in [c for c, n in owed.items() if n == 0][:2]:
                        at(day, 21.7)
                        s.ledger.settle(who)
                        owed.pop(who)
                level = int(s.game.score()["level"])
                for goal in GOALS:
                    if level >= goal and goal not in reached:
                        reached[goal] = offset + 1
                if all(goal in reached for goal in GOALS) and by_reason:
                    break
        finally:
            store.close()
    print(f"an honest member, {args.helps} helps a day, one rest day a week, from {FIRST_DAY} in {ZONE.key}")
    for goal in GOALS:
        days = reached.get(goal)
        text = (f"day {days:>4} ({days / 7:5.1f} weeks, {days * 24:>6,} hours)" if days is not None
                else f"not within {args.max_days} days")
        print(f"  level {goal:>2}: {text}")
    total = sum(by_reason.values()) or 1
    print("a year's points by source: " + ", ".join(
        f"{k} {v} ({100 * v / total:.0f} %)" for k, v in sorted(by_reason.items(), key=lambda kv: -kv[1])))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


_STORY: dict[str, bool] = {}


def _story(services: Services, source_id: str) -> bool:
    chain_id = source_id.split("/")[0]
    if chain_id not in _STORY:
        chain = services.game.catalogue.chain(chain_id)
        _STORY[chain_id] = chain is not None and chain.repeat is None
    return _STORY[chain_id]


if __name__ == "__main__":
    sys.exit(main())
