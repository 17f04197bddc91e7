"""Simulate four kinds of members over 90 days through the real services and game, and compare what they earn.

Run ``.venv/bin/python bench/simulate.py [--days 90] [--seed 7]``. Each archetype gets its own temporary store and
a fixed clock in Asia/Shanghai moved forward day by day; every write goes through the services, so the game runs
exactly as in the app (built-in content, fair-play rules, levels). Each starts from the same world: three groups
with the window "Mon-Sun 19:00-22:00" and a daily request limit of 2, and twelve contacts.

* good neighbour — helps often (different contacts, inside the windows), asks sometimes (inside windows and
  limits), pays back what it owes and settles up, starts and joins group buys;
* free-rider — asks a lot, receives a lot, rarely helps;
* spammer — posts many requests, beyond the limits and outside the windows, helps a little;
* lurker — rarely does anything.

The good neighbour must lead, and the free-rider and the spammer must each end below half of its points; the
script exits 1 with a message otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.errors import InvalidInput  # noqa: E402
from app.model import Activity, ActivityKind  # noqa: E402
from app.services import Services  # noqa: E402
from app.store import Store  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.date(2026, 9, 1)
WINDOW = "Mon-Sun 19:00-22:00"
GROUPS = (
    ("小区生鲜团", "fresh_food", "member"), ("宝妈互助群", "mother_baby", "member"), ("数码砍价群", "digital", "admin"),
)
CONTACTS = 12
HELP_KINDS = ("share", "boost_click", "bargain_cut", "join_group")


@dataclass
class Member:
    """One simulated member: the services over their store, a clock and what the simulation tracks."""

    name: str
    services: Services
    clock: FixedClock
    rng: random.Random
    day: dt.date = FIRST_DAY
    groups: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    owed: dict[str, int] = field(default_factory=dict)  # helps received minus given, per contact
    bargains: list[str] = field(default_factory=list)  # my open bargain deals
    writes: int = 0
    refused: int = 0

    # -- time ---------------------------------------------------------------------------------------------

    def at(self, hour: float) -> None:
        """Move the clock to ``hour`` (local, may exceed 24 for after midnight) of the simulated day."""
        local = dt.datetime.combine(self.day, dt.time(), tzinfo=ZONE) + dt.timedelta(hours=hour)
        self.clock.current = max(self.clock.current, local.astimezone(dt.UTC))

    def in_window(self) -> None:
        self.at(self.rng.uniform(19.05, 21.9))

    def outside_window(self) -> None:
        self.at(self.rng.choice([self.rng.uniform(7, 18.9), self.rng.uniform(22.05, 23.9)]))

    # -- writes -------------------------------------------------------------------------------------------

    def write(self, call: Callable[..., Any], **fields: Any) -> Any:
        self.writes += 1
        try:
            return call(**fields)
        except InvalidInput:
            self.refused += 1
            return None

    def give(self, contact: str, kind: str | None = None, **extra: Any) -> None:
        kind = kind or self.rng.choice(HELP_KINDS)
        amount = self.rng.randrange(10, 300) if kind == "bargain_cut" else None
        self.write(self.services.helps.create, direction="given", kind=kind, contact=contact,
                   group=self.rng.choice(self.groups), amount_fen=amount, **extra)
        self.owed[contact] = self.owed.get(contact, 0) - 1

    def receive(self, contact: str, kind: str | None = None) -> None:
        kind = kind or self.rng.choice(HELP_KINDS)
        fields: dict[str, Any] = {"direction": "received", "kind": kind, "contact": contact,
                                  "group": self.rng.choice(self.groups)}
        if kind == "bargain_cut" and self.bargains:
            fields.update(deal=self.bargains[-1], amount_fen=self.rng.randrange(10, 200))
        result = self.write(self.services.helps.create, **fields)
        if result is None and "deal" in fields:  # the bargain has nothing left to cut: a plain help then
            fields.pop("deal")
            fields.pop("amount_fen")
            self.write(self.services.helps.create, **fields)
        self.owed[contact] = self.owed.get(contact, 0) + 1

    def ask(self, group: str | None = None) -> None:
        self.write(self.services.requests.create, group=group or self.rng.choice(self.groups))

    def settle(self, contact: str) -> None:
        self.write(self.services.ledger.settle, ref=contact)
        self.owed[contact] = 0

    def start_bargain(self) -> None:
        result = self.write(self.services.deals.create, kind="bargain", title=f"砍价 {self.day}", mine=True,
                            group=self.rng.choice(self.groups), original_fen=20_000, target_fen=15_000)
        if result is not None:
            self.bargains.append(str(result.entity_id))

    def group_buy(self, mine: bool) -> None:
        result = self.write(self.services.deals.create, kind="group_buy", title=f"拼团 {self.day}", mine=mine,
                            group=self.rng.choice(self.groups), participants_needed=3)
        if result is not None and self.rng.random() < 0.8:
            self.write(self.services.deals.join_count, ref=str(result.entity_id), joined=3)


def setup(member: Member) -> None:
    """The same world for everyone: three groups with evening windows and a limit of 2, twelve contacts."""
    svc = member.services
    member.at(9)
    for name, vertical, role in GROUPS:
        member.groups.append(str(svc.groups.create(name=name, vertical=vertical, my_role=role, windows=[WINDOW],
                                                   daily_request_limit=2).entity_id))
    for i in range(CONTACTS):
        member.at(9 + i / 60)
        groups = [member.groups[i % len(member.groups)]]
        member.contacts.append(str(svc.contacts.create(nickname=f"群友{i + 1:02d}", groups=groups).entity_id))


# -- the archetypes: one simulated day each ---------------------------------------------------------------------


def good_neighbour(m: Member) -> None:
    rng = m.rng
    if rng.random() < 0.35:  # someone helps me
        m.in_window()
        m.receive(rng.choice(m.contacts))
    if rng.random() < 0.85:  # I help two to four different people, first those I owe
        owing = sorted((c for c, n in m.owed.items() if n > 0), key=lambda c: -m.owed[c])
        others = [c for c in rng.sample(m.contacts, len(m.contacts)) if c not in owing]
        for contact in (owing + others)[: rng.randint(2, 4)]:
            m.in_window()
            m.give(contact)
    if rng.random() < 0.3:  # I ask sometimes, politely
        m.in_window()
        m.ask()
    if m.day.weekday() == 6:  # Sunday: settle up with whoever is still uneven
        for contact in [c for c, n in m.owed.items() if n != 0][:2]:
            m.in_window()
            m.settle(contact)
    if rng.random() < 0.12:
        m.in_window()
        m.group_buy(mine=rng.random() < 0.5)


def free_rider(m: Member) -> None:
    rng = m.rng
    if rng.random() < 0.25:
        m.in_window()
        m.start_bargain()
    for _ in range(rng.randint(2, 5)):  # asks a lot, mostly where it suits them
        m.in_window() if rng.random() < 0.6 else m.outside_window()
        m.ask()
    for _ in range(rng.randint(2, 6)):  # receives a lot
        m.in_window()
        m.receive(rng.choice(m.contacts), rng.choice(["bargain_cut", "bargain_cut", "boost_click", "join_group"]))
    if rng.random() < 0.07:  # rarely helps back
        m.in_window()
        m.give(rng.choice(m.contacts))
    if rng.random() < 0.1:
        m.in_window()
        m.group_buy(mine=False)


def spammer(m: Member) -> None:
    rng = m.rng
    group = rng.choice(m.groups)
    for _ in range(rng.randint(5, 12)):  # floods one group, at any hour, far beyond the limit
        m.in_window() if rng.random() < 0.3 else m.outside_window()
        m.ask(group if rng.random() < 0.7 else None)
    if rng.random() < 0.25:
        m.in_window()
        m.receive(rng.choice(m.contacts))
    if rng.random() < 0.2:  # helps a little, always the same friend
        m.in_window()
        m.give(m.contacts[0], "boost_click")
    if rng.random() < 0.15:
        m.outside_window()
        m.start_bargain()


def lurker(m: Member) -> None:
    rng = m.rng
    if rng.random() < 0.05:
        m.in_window()
        m.give(rng.choice(m.contacts))
    if rng.random() < 0.03:
        m.in_window()
        m.ask()
    if rng.random() < 0.04:
        m.in_window()
        m.receive(rng.choice(m.contacts))


ARCHETYPES: dict[str, Callable[[Member], None]] = {
    "good neighbour": good_neighbour,
    "free-rider": free_rider,
    "spammer": spammer,
    "lurker": lurker,
}


@dataclass(frozen=True)
class Outcome:
    name: str
    points: int
    level: int
    badges: list[str]
    completions: int
    chains_done: list[str]
    facts: int
    writes: int
    refused: int
    seconds: float
    verified: bool
    points_by_reason: dict[str, int]


def simulate(name: str, day_plan: Callable[[Member], None], days: int, seed: int) -> Outcome:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pintuan-sim-") as folder:
        store = Store.open(Path(folder) / "data")
        try:
            clock = FixedClock(dt.datetime.combine(FIRST_DAY, dt.time(8), tzinfo=ZONE), ZONE)
            member = Member(name, Services(store, clock), clock, random.Random(f"{seed}:{name}"))
            setup(member)
            for offset in range(days):
                member.day = FIRST_DAY + dt.timedelta(days=offset)
                day_plan(member)
            game = member.services.game
            points = game.points()
            badges = [f"{b['id']}:{b['earned_tier']}" for b in game.badges() if b["earned_tier"]]
            by_reason: dict[str, int] = {}
            for entry in points["entries"]:
                key = entry["reason"]
                by_reason[key] = by_reason.get(key, 0) + entry["points"]
            with store.read() as session:
                completions = int(session.scalar(select(func.count()).select_from(Activity).where(
                    Activity.kind == ActivityKind.derived, Activity.type == "quest.completed")) or 0)
                facts = int(session.scalar(select(func.count()).select_from(Activity).where(
                    Activity.kind == ActivityKind.fact)) or 0)
            chains_done = sorted({q["id"] for q in game.quests() if q["status"] == "done" and not q["repeat"]})
            verified = game.verify() == []
        finally:
            store.close()
    return Outcome(name, points["points"], points["level"], badges, completions, chains_done, facts, member.writes,
                   member.refused, time.perf_counter() - started, verified, by_reason)


def table(rows: list[Outcome]) -> str:
    header = (f"{'archetype':<15} {'points':>7} {'level':>5} {'badges':>6} {'quests done':>11} {'facts':>6}  "
              "badges earned (id:tier)")
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(f"{r.name:<15} {r.points:>7} {r.level:>5} {len(r.badges):>6} {r.completions:>11} "
                     f"{r.facts:>6}  {', '.join(r.badges) or '—'}")
    lines.append("")
    lines.append("chains completed (one-off) and points by reason:")
    for r in rows:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(r.points_by_reason.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {r.name:<15} {', '.join(r.chains_done) or '—'}")
        lines.append(f"  {'':<15} {reasons}")
    lines.append("")
    lines.append("writes / refused / seconds / verify: " + "; ".join(
        f"{r.name} {r.writes}/{r.refused}/{r.seconds:.1f}s/{'ok' if r.verified else 'DIFFERS'}" for r in rows
    ))
    return "\n".join(lines)


def check(rows: list[Outcome]) -> list[str]:
    """What the game promises: the good neighbour leads, takers and spammers earn less than half of it."""
    by_name = {r.name: r for r in rows}
    good = by_name["good neighbour"]
    problems = [f"{r.name} ({r.points}) is not below the good neighbour ({good.points})"
                for r in rows if r is not good and r.points >= good.points]
    problems += [f"{name} ({by_name[name].points}) is not below half of the good neighbour ({good.points / 2:g})"
                 for name in ("free-rider", "spammer") if by_name[name].points * 2 >= good.points]
    problems += [f"{r.name}: the stored game differs from a recompute" for r in rows if not r.verified]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rows = [simulate(name, plan, args.days, args.seed) for name, plan in ARCHETYPES.items()]
    print(f"{args.days} simulated days from {FIRST_DAY} in {ZONE.key}, seed {args.seed}")
    print(table(rows))
    problems = check(rows)
    if problems:
        print("FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("ok: the good neighbour leads; free-rider and spammer each end below half of its points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
