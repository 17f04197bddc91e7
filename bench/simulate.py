"""Simulate honest members and cheaters day by day through the real services and game, and compare what they earn.

Run ``.venv/bin/python bench/simulate.py [--days 90] [--seed 7] [--story-days 365]``. Each archetype gets its own
temporary store and a fixed clock in Asia/Shanghai moved forward day by day; every write goes through the services,
so the game runs exactly as in the app (built-in content, fair-play rules, levels). Each starts from the same world:
three groups with the window "Mon-Sun 19:00-22:00" and a daily request limit of 2, and twelve contacts. A write the
services refuse (bad input) is counted, not fatal.

Honest members (each must reach at least 70 % of the good neighbour's points):

* good neighbour — the yardstick: helps often (different contacts, inside the windows), asks sometimes (inside
  windows and limits), pays back what it owes and settles up on Sundays, starts and joins group buys;
* rests on Wednesdays — the good neighbour, doing nothing on Wednesdays;
* two close friends — helps mostly two close friends (and is helped mostly by them), now and then someone else;
* logs a day late — the good neighbour's very days, each day's entries logged the next day (dated when they
  happened, 10-29 hours back).

Cheaters (each must stay below 50 %):

* free-rider — asks a lot, receives a lot, rarely helps;
* spammer — posts many requests, beyond the limits and outside the windows, helps a little;
* smart free-rider — receives 3-6 helps a day, gives exactly two one-click cuts to rotating people, asks exactly
  at every group's limit inside the window, "settles" every debt each Sunday;
* sock puppeteer — three new invented contacts a day, one cheap help each and a settlement with each, and a
  one-person group buy of its own that "succeeds" at once;
* patient puppeteer — the sock puppeteer who read the rules: invents three contacts a day and helps and settles
  with each the next day, when they are no longer new, and starts a group buy of one;
* reciprocal puppeteer — the patient puppeteer who also logs a help "from" each puppet before helping it back
  (so that it has "helped me"), and settles up with it;
* back-dater — logs 6-10 helps a day dated 3-30 days back, and helps to a contact added today dated the days
  before it existed; once a week a date over a year before the profile began (refused);
* limit hugger — exactly the limit of requests in every group every day, one boost a day to one friend;
* big-amount cheat — one bargain cut a day (to a rotating friend: a streak and the one-help dailies) typed as
  ¥500-¥10,000, tied to no deal, after the money badges and steps.

Others, who must only stay below the good neighbour:

* light helper — the big-amount cheat's very days with the amounts real cuts have: the gap between the two is
  what the typed amounts earn (next to nothing: an amount tied to no deal counts at most ¥5);
* minimal daily — two cuts (to two rotating people) and one request a day, nothing else: real help, the
  checklist of the dailies and no more, which once out-scored the good neighbour;
* the lurker, who rarely does anything.

The script exits 1 with a message unless all of this holds and every store's game equals a recompute. It then
prints the story chains' share (the built-in chains with no ``repeat``: their steps' and completion rewards) of a
good neighbour's points over ``--story-days`` (0 skips it).
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
from app.quests.catalogue import builtin_chains  # noqa: E402
from app.services import Services  # noqa: E402
from app.store import Store  # noqa: E402

ZONE = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.date(2026, 9, 1)
WINDOW = "Mon-Sun 19:00-22:00"
LIMIT = 2  # every group's daily request limit
GROUPS = (
    ("小区生鲜团", "fresh_food", "member"), ("宝妈互助群", "mother_baby", "member"), ("数码砍价群", "digital", "admin"),
)
CONTACTS = 12
HELP_KINDS = ("share", "boost_click", "bargain_cut", "join_group")
WEDNESDAY, SUNDAY = 2, 6

REFERENCE, HONEST, CHEATER, OTHER = "reference", "honest", "cheater", "other"
HONEST_SHARE = 0.70  # an honest variant reaches at least this share of the good neighbour
CHEATER_SHARE = 0.50  # a cheater stays below this share


def local(day: dt.date, hour: float) -> dt.datetime:
    """``hour`` (local, may exceed 24 for after midnight) of ``day`` in Shanghai, as UTC."""
    return (dt.datetime.combine(day, dt.time(), tzinfo=ZONE) + dt.timedelta(hours=hour)).astimezone(dt.UTC)


@dataclass
class Member:
    """One simulated member: the services over their store, a clock and what the simulation tracks."""

    name: str
    services: Services
    clock: FixedClock
    rng: random.Random
    day: dt.date = FIRST_DAY
    late: bool = False  # logs each day's entries the next day: ``at`` moves ``when``, not the clock
    when: dt.datetime | None = None  # a late logger's next entry: when it happened
    groups: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    owed: dict[str, int] = field(default_factory=dict)  # helps received minus given, per contact
    bargains: list[str] = field(default_factory=list)  # my open bargain deals
    puppets: list[str] = field(default_factory=list)  # contacts a sock puppeteer invented, to help tomorrow
    writes: int = 0
    refused: int = 0

    # -- time ---------------------------------------------------------------------------------------------

    def at(self, hour: float) -> None:
        """Move to ``hour`` (local, may exceed 24 for after midnight) of the simulated day."""
        moment = local(self.day, hour)
        if self.late:
            self.when = moment
        else:
            self.clock.current = max(self.clock.current, moment)

    def in_window(self) -> None:
        self.at(self.rng.uniform(19.05, 21.9))

    def outside_window(self) -> None:
        self.at(self.rng.choice([self.rng.uniform(7, 18.9), self.rng.uniform(22.05, 23.9)]))

    def dated(self, at: dt.datetime | None = None) -> dict[str, Any]:
        """The ``at`` field of a write: given, or when a late logger's entry happened, or none (the clock's now)."""
        when = at or (self.when if self.late else None)
        return {"at": when} if when is not None else {}

    # -- writes -------------------------------------------------------------------------------------------

    def write(self, call: Callable[..., Any], *args: Any, **fields: Any) -> Any:
        self.writes += 1
        try:
            return call(*args, **fields)
        except InvalidInput:
            self.refused += 1
            return None

    def give(self, contact: str, kind: str | None = None, *, amount_fen: int | None = None,
             at: dt.datetime | None = None) -> None:
        kind = kind or self.rng.choice(HELP_KINDS)
        if amount_fen is None and kind == "bargain_cut":
            amount_fen = self.rng.randrange(10, 300)
        if self.write(self.services.helps.create, direction="given", kind=kind, contact=contact,
                      group=self.rng.choice(self.groups), amount_fen=amount_fen, **self.dated(at)) is not None:
            self.owed[contact] = self.owed.get(contact, 0) - 1

    def receive(self, contact: str, kind: str | None = None) -> None:
        kind = kind or self.rng.choice(HELP_KINDS)
        fields: dict[str, Any] = {"direction": "received", "kind": kind, "contact": contact,
                                  "group": self.rng.choice(self.groups), **self.dated()}
        if kind == "bargain_cut" and self.bargains:
            fields.update(deal=self.bargains[-1], amount_fen=self.rng.randrange(10, 200))
        result = self.write(self.services.helps.create, **fields)
        if result is None and "deal" in fields:  # the bargain has nothing left to cut: a plain help then
            fields.pop("deal")
            fields.pop("amount_fen")
            result = self.write(self.services.helps.create, **fields)
        if result is not None:
            self.owed[contact] = self.owed.get(contact, 0) + 1

    def ask(self, group: str | None = None) -> None:
        self.write(self.services.requests.create, group=group or self.rng.choice(self.groups), **self.dated())

    def settle(self, contact: str) -> None:
        self.write(self.services.ledger.settle, contact, **self.dated())
        self.owed[contact] = 0

    def add_contact(self, nickname: str) -> str | None:
        result = self.write(self.services.contacts.create, nickname=nickname, groups=[self.rng.choice(self.groups)])
        return str(result.entity_id) if result is not None else None

    def start_bargain(self) -> None:
        started = self.dated().get("at")
        result = self.write(self.services.deals.create, kind="bargain", title=f"砍价 {self.day}", mine=True,
                            group=self.rng.choice(self.groups), original_fen=20_000, target_fen=15_000,
                            **({"started_at": started} if started else {}))
        if result is not None:
            self.bargains.append(str(result.entity_id))

    def group_buy(self, mine: bool, needed: int = 3, chance: float = 0.8) -> None:
        started = self.dated().get("at")
        result = self.write(self.services.deals.create, kind="group_buy", title=f"拼团 {self.day}", mine=mine,
                            group=self.rng.choice(self.groups), participants_needed=needed,
                            **({"started_at": started} if started else {}))
        if result is not None and self.rng.random() < chance:
            self.write(self.services.deals.join_count, ref=str(result.entity_id), joined=needed)


def setup(member: Member) -> None:
    """The same world for everyone: three groups with evening windows and a limit of 2, twelve contacts."""
    svc = member.services
    member.at(9)
    for name, vertical, role in GROUPS:
        member.groups.append(str(svc.groups.create(name=name, vertical=vertical, my_role=role, windows=[WINDOW],
                                                   daily_request_limit=LIMIT).entity_id))
    for i in range(CONTACTS):
        member.at(9 + i / 60)
        groups = [member.groups[i % len(member.groups)]]
        member.contacts.append(str(svc.contacts.create(nickname=f"群友{i + 1:02d}", groups=groups).entity_id))


def rotating(m: Member, count: int) -> list[str]:
    """``count`` contacts, different ones each day (what "help different people" dailies ask for, no more)."""
    first = m.day.toordinal() * count
    return [m.contacts[(first + i) % len(m.contacts)] for i in range(count)]


# -- honest members: one simulated day each -------------------------------------------------------------------


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
    if m.day.weekday() == SUNDAY:  # settle up with whoever is still uneven
        for contact in [c for c, n in m.owed.items() if n != 0][:2]:
            m.in_window()
            m.settle(contact)
    if rng.random() < 0.12:
        m.in_window()
        m.group_buy(mine=rng.random() < 0.5)


def rests_on_wednesdays(m: Member) -> None:
    if m.day.weekday() != WEDNESDAY:
        good_neighbour(m)


def two_close_friends(m: Member) -> None:
    rng = m.rng
    friends = m.contacts[:2]
    if rng.random() < 0.35:  # mostly my friends help me
        m.in_window()
        m.receive(rng.choice(friends) if rng.random() < 0.8 else rng.choice(m.contacts[2:]))
    if rng.random() < 0.85:  # two to four helps, three in four to one of my two friends
        for _ in range(rng.randint(2, 4)):
            m.in_window()
            m.give(rng.choice(friends) if rng.random() < 0.75 else rng.choice(m.contacts[2:]))
    if rng.random() < 0.3:
        m.in_window()
        m.ask()
    if m.day.weekday() == SUNDAY:
        for contact in [c for c, n in m.owed.items() if n != 0][:2]:
            m.in_window()
            m.settle(contact)
    if rng.random() < 0.12:
        m.in_window()
        m.group_buy(mine=rng.random() < 0.5)


# -- naive cheaters ---------------------------------------------------------------------------------------------


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


# -- smart cheaters: each plays exactly what the rules pay for --------------------------------------------------


def smart_free_rider(m: Member) -> None:
    rng = m.rng
    if rng.random() < 0.25:
        m.in_window()
        m.start_bargain()
    for _ in range(rng.randint(3, 6)):
        m.in_window()
        m.receive(rng.choice(m.contacts), rng.choice(["bargain_cut", "bargain_cut", "boost_click", "join_group"]))
    for contact in rotating(m, 2):  # one-click cuts, what the dailies need
        m.in_window()
        m.give(contact, "bargain_cut", amount_fen=rng.randrange(1, 30))
    for group in m.groups:  # exactly at every group's limit, inside the window
        for _ in range(LIMIT):
            m.in_window()
            m.ask(group)
    if m.day.weekday() == SUNDAY:  # "settles" every debt
        for contact in [c for c, n in m.owed.items() if n != 0]:
            m.in_window()
            m.settle(contact)


def sock_puppeteer(m: Member) -> None:
    for i in range(3):
        m.in_window()
        puppet = m.add_contact(f"小号{m.day:%m%d}-{i + 1}")
        if puppet is not None:
            m.give(puppet, "boost_click")
            m.settle(puppet)
    m.in_window()
    m.group_buy(mine=True, needed=1, chance=1.0)


def patient_puppeteer(m: Member) -> None:
    yesterdays = invent_puppets(m)
    for puppet in yesterdays:  # yesterday's puppets: no longer new today
        m.in_window()
        m.give(puppet, "boost_click")
        m.settle(puppet)
    m.in_window()
    m.group_buy(mine=True, needed=1, chance=1.0)


def reciprocal_puppeteer(m: Member) -> None:
    for puppet in invent_puppets(m):  # yesterday's puppets "help" first, and are helped back: "one of my people"
        m.in_window()
        m.receive(puppet, "boost_click")
        m.give(puppet, "boost_click")
        m.settle(puppet)


def invent_puppets(m: Member) -> list[str]:
    """Three new invented contacts for tomorrow; yesterday's, returned for today."""
    yesterdays, m.puppets = m.puppets, []
    for i in range(3):
        m.in_window()
        puppet = m.add_contact(f"小号{m.day:%m%d}-{i + 1}")
        if puppet is not None:
            m.puppets.append(puppet)
    return yesterdays


def back_dater(m: Member) -> None:
    rng = m.rng
    for _ in range(rng.randint(6, 10)):  # many helps, dated 3-30 days back
        m.in_window()
        m.give(rng.choice(m.contacts), at=local(m.day - dt.timedelta(days=rng.randint(3, 30)), rng.uniform(19, 22)))
    m.in_window()
    newcomer = m.add_contact(f"老相识{m.day:%m%d}")
    if newcomer is not None:  # helps dated before the contact existed (inside 48 hours, so only that rule sees it)
        for back in (1, 2):
            m.give(newcomer, at=local(m.day - dt.timedelta(days=back), rng.uniform(19, 22)))
    if m.day.weekday() == SUNDAY:  # a year too far: refused, and counted
        m.give(rng.choice(m.contacts), at=local(m.day - dt.timedelta(days=400), 20))


def limit_hugger(m: Member) -> None:
    for group in m.groups:
        for _ in range(LIMIT):
            m.in_window()
            m.ask(group)
    m.in_window()
    m.give(m.contacts[0], "boost_click")


def big_amount_cheat(m: Member) -> None:
    m.in_window()  # one cut a day (a streak, the one-help dailies), typed as a fortune: the money badges and steps
    m.give(rotating(m, 1)[0], "bargain_cut", amount_fen=m.rng.randrange(50_000, 1_000_001))


def light_helper(m: Member) -> None:
    m.in_window()  # the big-amount cheat's day with the amounts a real cut has: what the amounts add
    m.give(rotating(m, 1)[0], "bargain_cut", amount_fen=m.rng.randrange(10, 300))


def minimal_daily(m: Member) -> None:
    for contact in rotating(m, 2):
        m.in_window()
        m.give(contact, "bargain_cut")
    m.in_window()
    m.ask()


@dataclass(frozen=True)
class Archetype:
    """A kind of member: its day, whether it is honest or cheats, and how it logs."""

    name: str
    plan: Callable[[Member], None]
    role: str
    late: bool = False  # logs each day's entries the next day
    seed_as: str | None = None  # draws the same random choices as this archetype (the same days, lived otherwise)


ARCHETYPES: list[Archetype] = [
    Archetype("good neighbour", good_neighbour, REFERENCE),
    Archetype("rests on Wednesdays", rests_on_wednesdays, HONEST, seed_as="good neighbour"),
    Archetype("two close friends", two_close_friends, HONEST),
    Archetype("logs a day late", good_neighbour, HONEST, late=True, seed_as="good neighbour"),
    Archetype("free-rider", free_rider, CHEATER),
    Archetype("spammer", spammer, CHEATER),
    Archetype("smart free-rider", smart_free_rider, CHEATER),
    Archetype("sock puppeteer", sock_puppeteer, CHEATER),
    Archetype("patient puppeteer", patient_puppeteer, CHEATER),
    Archetype("reciprocal puppeteer", reciprocal_puppeteer, CHEATER),
    Archetype("back-dater", back_dater, CHEATER),
    Archetype("limit hugger", limit_hugger, CHEATER),
    Archetype("big-amount cheat", big_amount_cheat, CHEATER),
    Archetype("minimal daily", minimal_daily, OTHER),
    Archetype("light helper", light_helper, OTHER, seed_as="big-amount cheat"),
    Archetype("lurker", lurker, OTHER),
]


def story_ids() -> frozenset[str]:
    """The story chains: the built-in chains that do not repeat."""
    return frozenset(c.id for c in builtin_chains() if c.repeat is None)


@dataclass(frozen=True)
class Outcome:
    """What one archetype ended with."""

    name: str
    points: int
    role: str = OTHER
    level: int = 1
    badges: list[str] = field(default_factory=list)
    completions: int = 0
    chains_done: list[str] = field(default_factory=list)
    facts: int = 0
    writes: int = 0
    refused: int = 0
    seconds: float = 0.0
    verified: bool = True
    points_by_reason: dict[str, int] = field(default_factory=dict)
    points_by_chain: dict[str, int] = field(default_factory=dict)  # quest points, per chain (steps and completion)
    points_by_badge: dict[str, int] = field(default_factory=dict)  # achievement points, per badge (all its tiers)
    story_points: int = 0  # quest points from story chains


def live(arch: Archetype, store: Store, days: int, seed: int) -> Member:
    """``days`` days of ``arch`` in ``store``, from the same world as everyone's; the member as it ends."""
    clock = FixedClock(dt.datetime.combine(FIRST_DAY, dt.time(8), tzinfo=ZONE), ZONE)
    member = Member(arch.name, Services(store, clock), clock, random.Random(f"{seed}:{arch.seed_as or arch.name}"))
    setup(member)
    member.late = arch.late
    logging_hours = random.Random(f"{seed}:{arch.name}:logging")  # apart: the days' own draws stay the same
    for offset in range(days):
        member.day = FIRST_DAY + dt.timedelta(days=offset)
        if arch.late:  # the day's entries are written the next day, some time between 8:00 and 23:00
            clock.current = max(clock.current, local(member.day + dt.timedelta(days=1), logging_hours.uniform(8, 23)))
        arch.plan(member)
    return member


def archetype(name: str) -> Archetype:
    return next(a for a in ARCHETYPES if a.name == name)


def simulate(arch: Archetype, days: int, seed: int) -> Outcome:
    started = time.perf_counter()
    story = story_ids()
    with tempfile.TemporaryDirectory(prefix="pintuan-sim-") as folder:
        store = Store.open(Path(folder) / "data")
        try:
            member = live(arch, store, days, seed)
            game = member.services.game
            points = game.points()
            badges = [f"{b['id']}:{b['earned_tier']}" for b in game.badges() if b["earned_tier"]]
            by_reason: dict[str, int] = {}
            by_chain: dict[str, int] = {}
            by_badge: dict[str, int] = {}
            for entry in points["entries"]:
                by_reason[entry["reason"]] = by_reason.get(entry["reason"], 0) + entry["points"]
                if entry["source_type"] == "quest":  # "chain/step" for a step, "chain" for the completion
                    chain = entry["source_id"].split("/")[0]
                    by_chain[chain] = by_chain.get(chain, 0) + entry["points"]
                elif entry["source_type"] == "achievement":  # "badge/tier"
                    badge = entry["source_id"].split("/")[0]
                    by_badge[badge] = by_badge.get(badge, 0) + entry["points"]
            with store.read() as session:
                completions = int(session.scalar(select(func.count()).select_from(Activity).where(
                    Activity.kind == ActivityKind.derived, Activity.type == "quest.completed")) or 0)
                facts = int(session.scalar(select(func.count()).select_from(Activity).where(
                    Activity.kind == ActivityKind.fact)) or 0)
            chains_done = sorted({q["id"] for q in game.quests() if q["status"] == "done" and not q["repeat"]})
            verified = game.verify() == []
        finally:
            store.close()
    return Outcome(arch.name, points["points"], arch.role, points["level"], badges, completions, chains_done, facts,
                   member.writes, member.refused, time.perf_counter() - started, verified, by_reason, by_chain,
                   by_badge, sum(v for k, v in by_chain.items() if k in story))


def reference(rows: list[Outcome]) -> Outcome:
    return next(r for r in rows if r.role == REFERENCE)


def share(row: Outcome, good: Outcome) -> float:
    """``row``'s points as a share of the good neighbour's (0 when it has none)."""
    return row.points / good.points if good.points else 0.0


def table(rows: list[Outcome]) -> str:
    good = reference(rows)
    header = (f"{'archetype':<20} {'kind':<9} {'points':>7} {'share':>6} {'level':>5} {'badges':>6} {'quests':>6} "
              f"{'facts':>6} {'writes':>6} {'refused':>7}")
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(f"{r.name:<20} {r.role:<9} {r.points:>7} {share(r, good):>6.0%} {r.level:>5} {len(r.badges):>6} "
                     f"{r.completions:>6} {r.facts:>6} {r.writes:>6} {r.refused:>7}")
    lines.append("")
    lines.append("points by reason; quest points by chain; achievement points by badge (id:tier); one-off chains "
                 "completed:")
    for r in rows:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(r.points_by_reason.items(), key=lambda kv: -kv[1]))
        chains = ", ".join(f"{k} {v}" for k, v in sorted(r.points_by_chain.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {r.name}: {reasons or '—'}")
        lines.append(f"  {'':<4}quests: {chains or '—'}")
        tiers = dict(b.rsplit(":", 1) for b in r.badges)
        badges = ", ".join(f"{k}:{tiers.get(k, '?')} {v}"
                           for k, v in sorted(r.points_by_badge.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {'':<4}badges: {badges or '—'}")
        lines.append(f"  {'':<4}done: {', '.join(r.chains_done) or '—'}")
    lines.append("")
    lines.append("seconds / verify: " + "; ".join(
        f"{r.name} {r.seconds:.1f}s/{'ok' if r.verified else 'DIFFERS'}" for r in rows
    ))
    return "\n".join(lines)


def check(rows: list[Outcome]) -> list[str]:
    """What the game promises: the good neighbour leads every cheater and the lurker, each cheater ends below half
    of its points, each honest variant reaches at least 70 % of them, and each store's game equals a recompute."""
    good = reference(rows)
    problems = [f"{r.name} ({r.points}) is not below the good neighbour ({good.points})"
                for r in rows if r.role in (CHEATER, OTHER) and r.points >= good.points]
    problems += [f"{r.name} ({r.points}, {share(r, good):.0%}) is not below half of the good neighbour "
                 f"({good.points})" for r in rows if r.role == CHEATER and r.points >= good.points * CHEATER_SHARE]
    problems += [f"{r.name} ({r.points}, {share(r, good):.0%}) is below 70 % of the good neighbour ({good.points})"
                 for r in rows if r.role == HONEST and r.points < good.points * HONEST_SHARE]
    problems += [f"{r.name}: the stored game differs from a recompute" for r in rows if not r.verified]
    return problems


def story_line(row: Outcome, days: int) -> str:
    chains = ", ".join(f"{k} {v}" for k, v in sorted(row.points_by_chain.items(), key=lambda kv: -kv[1])
                       if k in story_ids())
    part = row.story_points / row.points if row.points else 0.0
    return (f"story chains over {days} days of a good neighbour: {row.story_points} of {row.points} points "
            f"({part:.1%}) — {chains or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--story-days", type=int, default=365,
                        help="days of the good neighbour whose story-chain share is printed (0: skip)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="simulate only these archetypes (the good neighbour always)")
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - {a.name for a in ARCHETYPES}
    if unknown:
        parser.error(f"no archetype {', '.join(sorted(unknown))}")
    chosen = [a for a in ARCHETYPES if a.role == REFERENCE or not args.only or a.name in args.only]
    rows = [simulate(arch, args.days, args.seed) for arch in chosen]
    print(f"{args.days} simulated days from {FIRST_DAY} in {ZONE.key}, seed {args.seed}")
    print(table(rows))
    if args.story_days > 0:
        print()
        print(story_line(simulate(ARCHETYPES[0], args.story_days, args.seed), args.story_days))
    problems = check(rows)
    if problems:
        print("FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("ok: the good neighbour leads; every cheater ends below 50 % of its points, every honest member reaches "
          "70 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
