"""The game engine through the real services: goals, chains, repeats, derived events, points, fair play, levels.

Most tests give the game a small hand-built catalogue so that each rule is seen alone; a few run the built-in
content where the issue makes a promise about it. Times are set on the fixed clock in Shanghai local time, so
that a fact at 23:30 and one at 00:30 fall on two local days while sharing one UTC date.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from app.clock import FixedClock
from app.model import Activity, ActivityKind, GameCheckpoint, GameState, PointsEntry
from app.quests.catalogue import Catalogue, load_catalogue
from app.quests.engine import NAMESPACE, Engine
from app.quests.levels import level_for_points, points_for_level
from app.quests.schema import Achievement, Chain, Rules
from app.services import Services, game_store
from app.services.base import OpResult
from app.services.game import GameService
from app.store import Store
from tests.conftest import SHANGHAI

# -- building catalogues -------------------------------------------------------------------------------------


def step(ident: str, goal: dict[str, Any], points: int = 0, badge: str | None = None) -> dict[str, Any]:
    reward: dict[str, Any] = {"points": points}
    if badge:
        reward["badge"] = badge
    return {"id": ident, "title": {"en": f"Step {ident}", "zh_CN": f"步骤 {ident}"}, "goal": goal, "reward": reward}


def chain(ident: str, *steps: dict[str, Any], **extra: Any) -> Chain:
    return Chain.model_validate({
        "id": ident, "version": 1, "title": {"en": f"Chain {ident}", "zh_CN": f"任务 {ident}"},
        "story": {"en": "A story."}, "steps": list(steps), **extra,
    })


def achievement(ident: str, metric: dict[str, Any], tiers: list[int], **extra: Any) -> Achievement:
    return Achievement.model_validate({
        "id": ident, "title": {"en": f"Badge {ident}", "zh_CN": f"徽章 {ident}"},
        "description": {"en": f"About {ident}"}, "metric": metric, "tiers": tiers, **extra,
    })


def services_with(store: Store, clock: FixedClock, chains: Iterable[Chain] = (),
                  achievements: Iterable[Achievement] = (), rules: Rules | None = None) -> Services:
    """Services over a hand-built catalogue; streaks without rest days unless ``rules`` say otherwise."""
    svc = Services(store, clock)
    svc.game._catalogue = Catalogue.build(list(chains), list(achievements), rules=rules or Rules(rest_days=0))
    return svc


# -- time and the world ----------------------------------------------------------------------------------


def at_local(clock: FixedClock, text: str) -> dt.datetime:
    """Move the clock to a Shanghai wall-clock time ("2026-11-25 23:30") and return it (aware, local)."""
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)
    clock.current = moment.astimezone(dt.UTC)
    return moment


def world(svc: Services, *, contacts: int = 3, limit: int | None = 2, vertical: str = "fresh_food") -> list[str]:
    """A group "G" (windows every day 19:00-22:00, a request limit) and contacts "C0", "C1", …, added ten days
    before the clock's time (a contact added today is no "different person" yet, and an entry dated before its
    contact was added is back-dated: docs/quests.md, "Fair play")."""
    clock: Any = getattr(svc.clock, "base", svc.clock)
    now = clock.current
    clock.current = now - dt.timedelta(days=10)
    try:
        svc.groups.create(name="G", windows=["Mon-Sun 19:00-22:00"], daily_request_limit=limit, vertical=vertical)
        names = [f"C{i}" for i in range(contacts)]
        for name in names:
            svc.contacts.create(nickname=name)
    finally:
        clock.current = now
    return names


def give(svc: Services, contact: str, kind: str = "share", **extra: Any) -> OpResult:
    return svc.helps.create(direction="given", kind=kind, contact=contact, **extra)


def receive(svc: Services, contact: str, kind: str = "share", **extra: Any) -> OpResult:
    return svc.helps.create(direction="received", kind=kind, contact=contact, **extra)


# -- reading the game back -------------------------------------------------------------------------------


def quest(svc: Services, chain_id: str) -> dict[str, Any]:
    return next(c for c in svc.game.quests() if c["id"] == chain_id)


def steps(svc: Services, chain_id: str) -> list[tuple[str, str, int, int]]:
    return [(s["id"], s["status"], s["progress"], s["target"]) for s in quest(svc, chain_id)["steps"]]


def badge(svc: Services, ach_id: str) -> dict[str, Any]:
    return next(b for b in svc.game.badges() if b["id"] == ach_id)


def earned_by(store: Store, result: OpResult) -> list[tuple[int, str, str, str]]:
    """Points entries caused by the facts of one service call: (points, reason, source_type, source_id)."""
    with store.read() as session:
        rows = session.scalars(
            select(PointsEntry).where(PointsEntry.activity_id.in_(result.activities)).order_by(PointsEntry.seq)
        )
        return [(p.points, p.reason, p.source_type, p.source_id) for p in rows]


def derived(store: Store) -> list[Activity]:
    with store.read() as session:
        rows = list(session.scalars(
            select(Activity).where(Activity.kind == ActivityKind.derived).order_by(Activity.seq)
        ))
        session.expunge_all()
        return rows


def game_snapshot(store: Store) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[uuid.UUID, tuple[Any, ...]]]:
    """Everything the game stores: state rows, the points ledger in order, derived activities by id."""
    with store.read() as session:
        state = {row.key: row.value for row in session.scalars(select(GameState))}
        points = [
            (p.at, p.points, p.reason, p.source_type, p.source_id, p.activity_id)
            for p in session.scalars(select(PointsEntry).order_by(PointsEntry.seq))
        ]
        events = {
            a.id: (a.type, a.at, a.recorded_at, a.entity_type, a.entity_id, a.payload, a.corrects, a.superseded_by)
            for a in session.scalars(select(Activity).where(Activity.kind == ActivityKind.derived))
        }
    return state, points, events


def assert_matches_recompute(svc: Services) -> None:
    """The stored state equals what a full recompute rebuilds, and verify() agrees."""
    assert svc.game.verify() == []
    before = game_snapshot(svc.store)
    svc.game.recompute()
    assert game_snapshot(svc.store) == before
    assert svc.game.verify() == []


def fact_id(result: OpResult, type_: str, store: Store) -> uuid.UUID:
    with store.read() as session:
        return next(
            a.id for a in session.scalars(select(Activity).where(Activity.id.in_(result.activities)))
            if a.type == type_
        )


# == goals =====================================================================================================


def test_count_goal_completes_at_n_and_rewards_the_step(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock, [chain("cut", step("three", {"event": "help.given", "count": 3}, 30))])
    world(svc)
    give(svc, "C0")
    give(svc, "C1")
    assert steps(svc, "cut") == [("three", "active", 2, 3)]
    result = give(svc, "C2")
    assert steps(svc, "cut") == [("three", "done", 3, 3)]
    assert quest(svc, "cut")["status"] == "done"
    assert (30, "quest", "quest", "cut/three") in earned_by(store, result)
    assert [e["type"] for e in result.game] == ["quest.step_completed", "quest.completed", "level.reached"]
    give(svc, "C0")  # a finished chain takes no more
    assert [p for p in earned_by(store, give(svc, "C1")) if p[2] == "quest"] == []
    assert_matches_recompute(svc)


def test_distinct_goal_counts_different_values_only(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "distinct": "contact_id", "count": 3}
    svc = services_with(store, clock, [chain("people", step("three-people", goal, 50))])
    world(svc, contacts=4)
    for name in ("C0", "C0", "C1", "C1", "C0"):
        give(svc, name)
    assert steps(svc, "people") == [("three-people", "active", 2, 3)]
    receive(svc, "C2")  # another event: not counted
    assert steps(svc, "people") == [("three-people", "active", 2, 3)]
    give(svc, "C3")
    assert steps(svc, "people") == [("three-people", "done", 3, 3)]
    assert_matches_recompute(svc)


def test_sum_goal_adds_up_a_payload_field(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "sum": "amount_fen", "at_least": 1000}
    svc = services_with(store, clock, [chain("money", step("ten-yuan", goal, 20))])
    world(svc)
    give(svc, "C0", amount_fen=300)
    give(svc, "C1")  # no amount: adds nothing
    give(svc, "C2", amount_fen=450)
    give(svc, "C1", amount_fen=150)
    assert steps(svc, "money") == [("ten-yuan", "active", 900, 1000)]
    result = give(svc, "C0", amount_fen=100)
    assert steps(svc, "money") == [("ten-yuan", "done", 1000, 1000)]
    assert (20, "quest", "quest", "money/ten-yuan") in earned_by(store, result)
    assert_matches_recompute(svc)


def test_within_days_uses_local_days_not_utc_days(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "count": 2, "within_days": 1}
    svc = services_with(store, clock, [chain("busy-day", step("two-today", goal))])
    world(svc)
    late = at_local(clock, "2026-11-25 23:30")
    give(svc, "C0")
    early = at_local(clock, "2026-11-26 00:30")
    assert late.astimezone(dt.UTC).date() == early.astimezone(dt.UTC).date()  # one UTC day, two local days
    give(svc, "C1")
    assert steps(svc, "busy-day") == [("two-today", "active", 1, 2)]
    at_local(clock, "2026-11-26 08:00")
    give(svc, "C2")
    assert steps(svc, "busy-day") == [("two-today", "done", 2, 2)]
    assert_matches_recompute(svc)


def test_within_days_is_a_rolling_window(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "count": 3, "within_days": 3}
    svc = services_with(store, clock, [chain("rolling", step("three-in-three", goal))])
    world(svc)
    for day in ("2026-11-25", "2026-11-26"):
        at_local(clock, f"{day} 20:00")
        give(svc, "C0")
    assert steps(svc, "rolling") == [("three-in-three", "active", 2, 3)]
    at_local(clock, "2026-11-29 20:00")  # the window is now 27..29: the first two fell out
    give(svc, "C1")
    assert steps(svc, "rolling") == [("three-in-three", "active", 1, 3)]
    at_local(clock, "2026-11-30 20:00")
    give(svc, "C1")
    assert steps(svc, "rolling") == [("three-in-three", "active", 2, 3)]
    at_local(clock, "2026-12-01 20:00")
    give(svc, "C2")
    assert steps(svc, "rolling") == [("three-in-three", "done", 3, 3)]
    assert_matches_recompute(svc)


def test_within_days_with_distinct_counts_distinct_values_in_the_window(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "distinct": "contact_id", "count": 2, "within_days": 2}
    svc = services_with(store, clock, [chain("two-people", step("pair", goal))])
    world(svc)
    at_local(clock, "2026-11-25 20:00")
    give(svc, "C0")
    give(svc, "C0")
    assert steps(svc, "two-people") == [("pair", "active", 1, 2)]
    at_local(clock, "2026-11-28 20:00")
    give(svc, "C1")  # C0 is out of the window
    assert steps(svc, "two-people") == [("pair", "active", 1, 2)]
    give(svc, "C2")
    assert steps(svc, "two-people") == [("pair", "done", 2, 2)]
    assert_matches_recompute(svc)


def test_within_days_counts_a_fact_logged_a_day_late_with_the_others_of_its_day(
    store: Store, clock: FixedClock,
) -> None:
    goal = {"event": "help.given", "count": 3, "within_days": 1}
    svc = services_with(store, clock, [chain("busy-day", step("three-in-a-day", goal))])
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    day = dt.datetime(2026, 11, 24, tzinfo=SHANGHAI)
    give(svc, "C0", at=day.replace(hour=10))
    give(svc, "C1", at=day.replace(hour=11))
    give(svc, "C2")  # today
    give(svc, "C0", at=day.replace(hour=21))  # the third help of the 24th, logged the next day
    assert quest(svc, "busy-day")["status"] == "done"


def test_a_fact_back_dated_more_than_two_days_fills_no_time_boxed_step(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "count": 3, "within_days": 1}
    svc = services_with(store, clock, [chain("busy-day", step("three-in-a-day", goal))])
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    day = dt.datetime(2026, 11, 20, tzinfo=SHANGHAI)
    for hour in (10, 11, 12):
        give(svc, "C0", at=day.replace(hour=hour))  # three helps of the 20th, logged five days later
    assert quest(svc, "busy-day")["status"] == "active"
    assert len(svc.queries.helps()) == 3  # still in the ledger and the history


def test_streak_days_follows_local_days_and_a_gap_breaks_it(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "streak_days": 3}
    svc = services_with(store, clock, [chain("daily-habit", step("three-days", goal, 40))])
    world(svc)
    at_local(clock, "2026-11-25 23:30")
    give(svc, "C0")
    at_local(clock, "2026-11-26 00:30")  # the same UTC day, the next local day
    give(svc, "C0")
    assert steps(svc, "daily-habit") == [("three-days", "active", 2, 3)]
    at_local(clock, "2026-11-28 20:00")  # the 27th is missing: the streak starts again
    give(svc, "C1")
    assert steps(svc, "daily-habit") == [("three-days", "active", 2, 3)]  # the best run so far stays 2
    at_local(clock, "2026-11-29 20:00")
    give(svc, "C1")
    assert quest(svc, "daily-habit")["status"] == "active"
    at_local(clock, "2026-11-30 20:00")
    result = give(svc, "C1")
    assert steps(svc, "daily-habit") == [("three-days", "done", 3, 3)]
    assert (40, "quest", "quest", "daily-habit/three-days") in earned_by(store, result)
    assert_matches_recompute(svc)


def test_all_needs_every_part(store: Store, clock: FixedClock) -> None:
    goal = {"all": [{"event": "help.given", "count": 2}, {"event": "request.posted"}]}
    svc = services_with(store, clock, [chain("both", step("give-and-ask", goal, 10))])
    world(svc)
    give(svc, "C0")
    give(svc, "C1")
    give(svc, "C2")
    assert steps(svc, "both") == [("give-and-ask", "active", 2, 3)]
    assert quest(svc, "both")["status"] == "active"
    result = svc.requests.create(group="G")
    assert steps(svc, "both") == [("give-and-ask", "done", 3, 3)]
    assert (10, "quest", "quest", "both/give-and-ask") in earned_by(store, result)
    assert_matches_recompute(svc)


def test_any_needs_one_part(store: Store, clock: FixedClock) -> None:
    goal = {"any": [{"event": "deal.started"}, {"event": "help.given", "count": 2, "where": {"kind": "bargain_cut"}}]}
    svc = services_with(store, clock, [chain("either", step("one-of", goal, 10))])
    world(svc)
    give(svc, "C0", kind="bargain_cut")
    give(svc, "C0", kind="share")
    assert quest(svc, "either")["status"] == "active"
    result = give(svc, "C1", kind="bargain_cut")
    assert quest(svc, "either")["status"] == "done"
    assert (10, "quest", "quest", "either/one-of") in earned_by(store, result)

    other = services_with(store, clock, [chain("either2", step("one-of", goal))])
    other.game.recompute()
    other.deals.create(kind="group_buy", title="Milk", mine=True, group="G")
    assert quest(other, "either2")["status"] == "done"


def test_where_matches_list_membership_and_booleans(store: Store, clock: FixedClock) -> None:
    clicks = {"event": "help.given", "count": 2, "where": {"kind": ["share", "boost_click"]}}
    polite = {"event": "request.posted", "count": 2, "where": {"in_window": True, "over_limit": False}}
    svc = services_with(store, clock, [chain("clicks", step("two", clicks)), chain("polite", step("two", polite))])
    world(svc, limit=1)
    give(svc, "C0", kind="other")
    give(svc, "C0", kind="join_group")
    assert steps(svc, "clicks") == [("two", "active", 0, 2)]
    give(svc, "C0", kind="boost_click")
    give(svc, "C1", kind="share")
    assert steps(svc, "clicks") == [("two", "done", 2, 2)]

    at_local(clock, "2026-11-25 20:00")
    svc.requests.create(group="G")  # in the window, first of the day
    svc.requests.create(group="G")  # in the window, beyond the limit of 1
    at_local(clock, "2026-11-26 10:00")
    svc.requests.create(group="G")  # outside the window
    assert steps(svc, "polite") == [("two", "active", 1, 2)]
    at_local(clock, "2026-11-27 21:00")
    svc.requests.create(group="G")
    assert steps(svc, "polite") == [("two", "done", 2, 2)]
    assert_matches_recompute(svc)


def test_rules_read_the_snapshot_not_todays_group(store: Store, clock: FixedClock) -> None:
    goal = {"event": "help.given", "count": 2, "where": {"group_vertical": ["fresh_food", "mother_baby"]}}
    svc = services_with(store, clock, [chain("fresh", step("two", goal))])
    world(svc)
    give(svc, "C0", group="G")
    svc.groups.edit("G", vertical="digital")  # a correction: recompute; the earlier help keeps its snapshot
    assert steps(svc, "fresh") == [("two", "active", 1, 2)]
    give(svc, "C1", group="G")  # now in a digital group: does not count
    assert steps(svc, "fresh") == [("two", "active", 1, 2)]
    svc.groups.create(name="Baby", vertical="mother_baby")
    give(svc, "C1", group="Baby")
    assert steps(svc, "fresh") == [("two", "done", 2, 2)]
    assert_matches_recompute(svc)


# == chains ====================================================================================================


def test_steps_complete_in_order_and_count_only_facts_after_activation(store: Store, clock: FixedClock) -> None:
    order = chain(
        "order",
        step("ask", {"event": "request.posted"}, 5),
        step("help-two", {"event": "help.given", "count": 2}, 10),
        step("help-one", {"event": "help.given"}, 15),
        reward={"points": 7},
    )
    svc = services_with(store, clock, [order])
    world(svc)
    give(svc, "C0")
    give(svc, "C1")  # before 'help-two' is active: not counted
    assert steps(svc, "order") == [("ask", "active", 0, 1), ("help-two", "locked", 0, 2), ("help-one", "locked", 0, 1)]
    ask = svc.requests.create(group="G")
    assert steps(svc, "order") == [("ask", "done", 1, 1), ("help-two", "active", 0, 2), ("help-one", "locked", 0, 1)]
    give(svc, "C0")
    second = give(svc, "C2")  # completes 'help-two'; the same fact does not also count for 'help-one'
    assert steps(svc, "order") == [("ask", "done", 1, 1), ("help-two", "done", 2, 2), ("help-one", "active", 0, 1)]
    last = give(svc, "C1")
    assert quest(svc, "order")["status"] == "done"
    assert [p for p in earned_by(store, ask) if p[2] == "quest"] == [(5, "quest", "quest", "order/ask")]
    assert [p for p in earned_by(store, second) if p[2] == "quest"] == [(10, "quest", "quest", "order/help-two")]
    assert [p for p in earned_by(store, last) if p[2] == "quest"] == [
        (15, "quest", "quest", "order/help-one"), (7, "quest", "quest", "order"),
    ]
    assert [(e["type"], e.get("step_id")) for e in last.game] == [
        ("quest.step_completed", "help-one"), ("quest.completed", None),
    ]
    assert_matches_recompute(svc)


def test_requires_and_min_level_lock_a_chain_until_met(store: Store, clock: FixedClock) -> None:
    chains = [
        chain("a", step("one", {"event": "help.given"}, 40)),
        chain("b", step("two", {"event": "help.given", "count": 2}), requires=["a"]),
        chain("c", step("one", {"event": "help.given"}), min_level=2),
        chain("d", step("one", {"event": "help.given"}), min_level=3),
    ]
    svc = services_with(store, clock, chains)
    world(svc)
    views = {c["id"]: c for c in svc.game.quests()}
    assert views["a"]["status"] == "active" and views["a"]["locked_reason"] is None
    assert views["b"]["status"] == "locked" and views["b"]["locked_reason"] == "Complete Chain a first."
    assert views["c"]["status"] == "locked" and views["c"]["locked_reason"] == "Reach level 2."
    assert [s["status"] for s in views["b"]["steps"]] == ["locked"]

    give(svc, "C0")  # 10 (help) + 40 (chain a) = 50 points: level 2; b and c open, but this fact is before them
    assert svc.game.points()["level"] == 2
    views = {c["id"]: c for c in svc.game.quests()}
    assert views["a"]["status"] == "done"
    assert (views["b"]["status"], views["b"]["locked_reason"]) == ("active", None)
    assert (views["c"]["status"], views["c"]["locked_reason"]) == ("active", None)
    assert steps(svc, "b") == [("two", "active", 0, 2)]
    assert steps(svc, "c") == [("one", "active", 0, 1)]
    assert views["d"]["locked_reason"] == "Reach level 3."

    give(svc, "C1")
    assert steps(svc, "b") == [("two", "active", 1, 2)]
    assert quest(svc, "c")["status"] == "done"
    assert quest(svc, "d")["status"] == "locked"
    assert steps(svc, "d") == [("one", "locked", 0, 1)]
    assert_matches_recompute(svc)


def test_daily_chain_resets_at_local_midnight(store: Store, clock: FixedClock) -> None:
    daily = chain("daily", step("two", {"event": "help.given", "count": 2}, 7), repeat="daily")
    svc = services_with(store, clock, [daily])
    world(svc)
    at_local(clock, "2026-11-25 23:30")
    give(svc, "C0")
    at_local(clock, "2026-11-26 00:30")  # a new local day: yesterday's one help is not carried over
    give(svc, "C1")
    view = quest(svc, "daily")
    assert (view["status"], view["repeat"]) == ("active", "daily")
    assert steps(svc, "daily") == [("two", "active", 1, 2)]
    at_local(clock, "2026-11-26 21:00")
    first = give(svc, "C2")
    assert quest(svc, "daily")["status"] == "done"
    at_local(clock, "2026-11-26 23:59")
    assert quest(svc, "daily")["status"] == "done"
    at_local(clock, "2026-11-27 00:00")
    assert steps(svc, "daily") == [("two", "active", 0, 2)]
    give(svc, "C0")
    again = give(svc, "C1")
    assert quest(svc, "daily")["status"] == "done"
    assert [p for p in earned_by(store, first) if p[2] == "quest"] == [(7, "quest", "quest", "daily/two")]
    assert [p for p in earned_by(store, again) if p[2] == "quest"] == [(7, "quest", "quest", "daily/two")]
    periods = [e.payload["period"] for e in derived(store) if e.type == "quest.completed"]
    assert periods == ["2026-11-26", "2026-11-27"]
    assert_matches_recompute(svc)


def test_weekly_chain_resets_on_monday_local_midnight(store: Store, clock: FixedClock) -> None:
    weekly = chain("weekly", step("two", {"event": "help.given", "count": 2}, 20), repeat="weekly")
    svc = services_with(store, clock, [weekly])
    world(svc)
    at_local(clock, "2026-11-29 23:30")  # Sunday
    give(svc, "C0")
    at_local(clock, "2026-11-30 00:30")  # Monday: a new week
    give(svc, "C1")
    assert steps(svc, "weekly") == [("two", "active", 1, 2)]
    at_local(clock, "2026-12-03 12:00")
    give(svc, "C2")
    assert quest(svc, "weekly")["status"] == "done"
    at_local(clock, "2026-12-06 23:59")  # still Sunday of the same week
    assert quest(svc, "weekly")["status"] == "done"
    at_local(clock, "2026-12-07 00:00")
    assert steps(svc, "weekly") == [("two", "active", 0, 2)]
    [done] = [e for e in derived(store) if e.type == "quest.completed"]
    assert done.payload["period"] == "2026-W49"
    assert_matches_recompute(svc)


# == derived activities ========================================================================================


def test_derived_events_are_written_with_their_cause_and_deterministic_ids(store: Store, clock: FixedClock) -> None:
    chains = [chain("first", step("help", {"event": "help.given"}, 60, badge="helper"))]
    achs = [achievement("helper", {"event": "help.given"}, [1, 3]),
            achievement("asker", {"event": "request.posted"}, [1])]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    result = give(svc, "C0")
    source = fact_id(result, "help.given", store)
    events = derived(store)
    assert [(e.type, e.payload.get("achievement_id") or e.payload.get("chain_id") or e.payload.get("level"))
            for e in events] == [
        ("achievement.unlocked", "helper"), ("quest.step_completed", "first"), ("quest.completed", "first"),
        ("level.reached", 2),
    ]
    for event in events:
        assert event.id.version == 5
        assert event.payload["source_activity_id"] == str(source)
        assert event.entity_type == "game"
        assert event.corrects is None and event.superseded_by is None
    assert events[0].id == uuid.uuid5(NAMESPACE, f"{source}|ach:helper:1")
    assert events[1].id == uuid.uuid5(NAMESPACE, f"{source}|step:first:all:help")
    assert events[3].id == uuid.uuid5(NAMESPACE, f"{source}|level:2")
    with store.read() as session:
        fact = session.scalars(select(Activity).where(Activity.id == source)).one()
        assert all(e.at == fact.at and e.recorded_at == fact.recorded_at for e in events)
    # what the call returns is what it wrote
    assert [{"type": e.type, **e.payload} for e in events] == result.game
    assert set(result.activities).isdisjoint({e.id for e in events})

    svc.requests.create(group="G")
    before = game_snapshot(store)
    svc.game.recompute()
    assert len(before[2]) == 5  # the request unlocked 'asker'
    assert game_snapshot(store) == before  # the same ids, payloads, times, points and state


def test_the_game_runs_inside_the_writing_transaction(store: Store, clock: FixedClock,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    svc = services_with(store, clock, [chain("first", step("help", {"event": "help.given"}, 10))])
    world(svc)
    before = game_snapshot(store)
    original = GameService.after

    def after_then_fail(self: GameService, tx: Any) -> None:
        original(self, tx)
        assert tx.game, "the game produced its events inside the transaction"
        raise RuntimeError("the write fails after the game ran")

    monkeypatch.setattr(GameService, "after", after_then_fail)
    with pytest.raises(RuntimeError):
        give(svc, "C0")
    monkeypatch.undo()
    assert game_snapshot(store) == before
    with store.read() as session:
        assert session.scalars(select(Activity).where(Activity.type == "help.given")).first() is None


def test_facts_without_a_listener_leave_the_game_untouched(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock, [chain("first", step("help", {"event": "help.given"}, 10))])
    world(svc)
    result = svc.contacts.create(nickname="Quiet")
    assert result.game == []
    assert earned_by(store, result) == []


# == points ===================================================================================================


def test_points_ledger_names_reason_and_source(store: Store, clock: FixedClock) -> None:
    chains = [chain("c", step("s1", {"event": "help.given"}, 12), step("s2", {"event": "help.given"}, 3),
                    reward={"points": 4})]
    achs = [achievement("h", {"event": "help.given"}, [1, 2], tier_points=[6, 9])]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    one = give(svc, "C0")
    two = give(svc, "C1")
    source_one, source_two = fact_id(one, "help.given", store), fact_id(two, "help.given", store)
    assert earned_by(store, one) == [
        (10, "help", "activity", str(source_one)),
        (6, "achievement", "achievement", "h/1"),
        (12, "quest", "quest", "c/s1"),
    ]
    assert earned_by(store, two) == [
        (10, "help", "activity", str(source_two)),
        (9, "achievement", "achievement", "h/2"),
        (3, "quest", "quest", "c/s2"),
        (4, "quest", "quest", "c"),
    ]
    points = svc.game.points()
    assert points["points"] == sum(e["points"] for e in points["entries"])
    group_joined = points["entries"][0]
    assert (group_joined["points"], group_joined["reason"], group_joined["source_type"]) == (2, "joined", "activity")


def test_achievement_tiers_default_points_and_several_tiers_at_once(store: Store, clock: FixedClock) -> None:
    achs = [achievement("saver", {"event": "help.given", "sum": "amount_fen"}, [100, 200, 300])]
    svc = services_with(store, clock, (), achs)
    world(svc)
    result = give(svc, "C0", amount_fen=250)
    assert earned_by(store, result)[1:] == [
        (20, "achievement", "achievement", "saver/1"), (50, "achievement", "achievement", "saver/2"),
    ]
    assert [(e["type"], e["tier"], e["tier_name"]) for e in result.game if e["type"] == "achievement.unlocked"] == [
        ("achievement.unlocked", 1, "bronze"), ("achievement.unlocked", 2, "silver"),
    ]
    assert (badge(svc, "saver")["earned_tier"], badge(svc, "saver")["progress"]) == (2, 250)


def test_achievement_distinct_and_streak_metrics(store: Store, clock: FixedClock) -> None:
    achs = [
        achievement("friends", {"event": "help.given", "distinct": "contact_id"}, [2, 3]),
        achievement("habit", {"event": "help.given", "streak": True}, [2, 3]),
    ]
    svc = services_with(store, clock, (), achs)
    world(svc)
    at_local(clock, "2026-11-25 23:30")
    give(svc, "C0")
    give(svc, "C0")
    assert badge(svc, "friends")["progress"] == 1
    at_local(clock, "2026-11-26 00:30")
    give(svc, "C1")
    assert (badge(svc, "friends")["earned_tier"], badge(svc, "habit")["earned_tier"]) == (1, 1)
    at_local(clock, "2026-11-28 12:00")  # a gap
    give(svc, "C1")
    assert (badge(svc, "habit")["progress"], badge(svc, "habit")["earned_tier"]) == (2, 1)
    at_local(clock, "2026-11-29 12:00")
    at_local(clock, "2026-11-30 12:00")
    give(svc, "C2")
    assert badge(svc, "habit")["earned_tier"] == 1  # 28, 30: no run of three
    at_local(clock, "2026-11-29 12:00")
    give(svc, "C2")  # 28, 29, 30 now
    assert (badge(svc, "habit")["progress"], badge(svc, "habit")["earned_tier"]) == (3, 2)
    assert badge(svc, "friends")["earned_tier"] == 2
    assert_matches_recompute(svc)


def test_a_step_badge_reward_unlocks_its_first_tier(store: Store, clock: FixedClock) -> None:
    chains = [chain("intro", step("ask", {"event": "request.posted"}, 5, badge="asker"))]
    achs = [achievement("asker", {"event": "request.posted"}, [3, 5])]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    result = svc.requests.create(group="G")
    assert badge(svc, "asker")["earned_tier"] == 1
    assert (20, "achievement", "achievement", "asker/1") in earned_by(store, result)
    for day in range(26, 30):  # the metric keeps counting from the request that earned the badge
        at_local(clock, f"2026-11-{day} 20:00")
        svc.requests.create(group="G")
    assert (badge(svc, "asker")["progress"], badge(svc, "asker")["earned_tier"]) == (5, 2)
    assert_matches_recompute(svc)


# == fair play =================================================================================================


def test_helping_one_contact_again_the_same_local_day_earns_less(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    at_local(clock, "2026-11-25 20:00")
    earned = [[(p, r) for p, r, *_ in earned_by(store, give(svc, "C0"))] for _ in range(6)]
    assert earned == [[(10, "help")], [(5, "help_again_today")], [(2, "help_again_today")],
                      [(1, "help_again_today")], [], []]
    assert earned_by(store, give(svc, "C1"))[0][:2] == (10, "help")  # another contact: full points
    at_local(clock, "2026-11-25 23:30")
    assert earned_by(store, give(svc, "C2"))[0][:2] == (10, "help")
    assert earned_by(store, give(svc, "C2"))[0][:2] == (5, "help_again_today")
    at_local(clock, "2026-11-26 00:30")  # the next local day (the same UTC day): full points again
    assert earned_by(store, give(svc, "C2"))[0][:2] == (10, "help")
    assert_matches_recompute(svc)


def test_a_back_dated_help_counts_on_its_own_local_day(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    give(svc, "C0")
    yesterday = dt.datetime(2026, 11, 24, 21, 0, tzinfo=SHANGHAI)
    assert earned_by(store, give(svc, "C0", at=yesterday))[0][:2] == (10, "help")
    assert earned_by(store, give(svc, "C0", at=yesterday))[0][:2] == (5, "help_again_today")


def test_a_help_to_a_blocked_contact_earns_nothing(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    svc.contacts.create(nickname="Fraud", trust="blocked")
    assert earned_by(store, give(svc, "Fraud")) == []
    give(svc, "C0")
    svc.contacts.edit("C0", trust="blocked")
    assert earned_by(store, give(svc, "C0")) == []
    # the help given while C0 was trusted keeps its points (snapshot), after the recompute the edit caused
    assert [e["points"] for e in svc.game.points()["entries"] if e["reason"] == "help"] == [10]
    assert_matches_recompute(svc)


def test_repaying_a_blocked_contact_earns_nothing(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    receive(svc, "C0")
    svc.contacts.edit("C0", trust="blocked")
    assert earned_by(store, give(svc, "C0")) == []


def test_repaying_a_contact_you_owed_earns_the_balanced_bonus(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    assert earned_by(store, receive(svc, "C0")) == []
    assert [(p, r) for p, r, *_ in earned_by(store, give(svc, "C0"))] == [(10, "help"), (5, "balanced")]
    # owing two: the first help back is not yet even, the second is
    receive(svc, "C1")
    receive(svc, "C1")
    assert [r for _, r, *_ in earned_by(store, give(svc, "C1"))] == ["help"]
    assert [r for _, r, *_ in earned_by(store, give(svc, "C1"))] == ["help_again_today", "balanced"]
    # already even or ahead: no bonus
    assert [r for _, r, *_ in earned_by(store, give(svc, "C1"))] == ["help_again_today"]
    # settling up clears what was owed
    receive(svc, "C2")
    svc.ledger.settle("C2")
    assert [r for _, r, *_ in earned_by(store, give(svc, "C2"))] == ["help"]
    assert_matches_recompute(svc)


@pytest.mark.xfail(strict=True, reason=(
    "Known limitation, documented in docs/quests.md (Fair play): fairplay keeps its own per-contact "
    "balance (bal:<contact>) in recording order and resets it on "
    "ledger.settled whenever that is recorded, while the ledger counts the helps dated after the last settlement: "
    "after a back-dated settlement the ledger still shows the user owing a help received later, but the game "
    "has forgotten it and pays no 'balanced' bonus for the help back"
))
def test_balanced_bonus_follows_the_ledger_after_a_back_dated_settlement(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    at_local(clock, "2026-11-25 20:00")
    receive(svc, "C0")
    svc.ledger.settle("C0", at=dt.datetime(2026, 11, 25, 19, 0, tzinfo=SHANGHAI))  # even as of 19:00
    assert svc.ledger.contact("C0")["balance"] == -1  # the 20:00 help is still owed
    assert [r for _, r, *_ in earned_by(store, give(svc, "C0"))] == ["help", "balanced"]
    assert svc.ledger.contact("C0")["balance"] == 0


def test_receiving_help_earns_nothing(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc)
    for name in ("C0", "C1", "C2", "C0"):
        assert earned_by(store, receive(svc, name)) == []
    assert svc.game.points()["points"] == 2  # the group only


def test_only_the_first_request_of_the_day_in_the_window_earns(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    world(svc, limit=2)
    at_local(clock, "2026-11-25 20:00")
    first, second, third = (svc.requests.create(group="G") for _ in range(3))
    assert [(p, r) for p, r, *_ in earned_by(store, first)] == [(2, "request")]
    assert earned_by(store, second) == []  # asking again the same day earns nothing
    assert earned_by(store, third) == []
    with store.read() as session:
        payload = session.scalars(select(Activity).where(Activity.id.in_(third.activities))).one().payload
    assert (payload["requests_today"], payload["over_limit"], payload["group_request_limit"]) == (3, True, 2)
    at_local(clock, "2026-11-26 10:00")  # a new local day, outside the 19:00-22:00 window
    assert earned_by(store, svc.requests.create(group="G")) == []
    svc.groups.create(name="Open")  # no windows, no limit
    assert [(p, r) for p, r, *_ in earned_by(store, svc.requests.create(group="Open"))] == [(2, "request")]
    assert_matches_recompute(svc)


def test_achievement_penalty_subtracts_and_never_goes_below_zero(store: Store, clock: FixedClock) -> None:
    achs = [achievement("polite", {"event": "request.posted"}, [2, 4],
                        penalty={"event": "request.posted", "where": {"over_limit": True}})]
    svc = services_with(store, clock, (), achs)
    world(svc, limit=1)
    at_local(clock, "2026-11-25 20:00")
    svc.requests.create(group="G")
    svc.requests.create(group="G")  # over the limit: +1 -1
    assert (badge(svc, "polite")["progress"], badge(svc, "polite")["earned_tier"]) == (1, 0)
    svc.requests.create(group="G")
    svc.requests.create(group="G")
    assert badge(svc, "polite")["progress"] == 1
    at_local(clock, "2026-11-26 20:00")
    result = svc.requests.create(group="G")
    assert (badge(svc, "polite")["progress"], badge(svc, "polite")["earned_tier"]) == (2, 1)
    assert (20, "achievement", "achievement", "polite/1") in earned_by(store, result)

    floor = [achievement("spotless", {"event": "help.given"}, [1],
                         penalty={"event": "request.posted", "where": {"over_limit": True}})]
    other = services_with(store, clock, (), floor)
    other.game.recompute()  # another catalogue on the same store (hand-built ones share an empty fingerprint)
    other.requests.create(group="G")
    other.requests.create(group="G")  # only penalties so far: the value stays 0
    assert badge(other, "spotless")["progress"] == 0
    assert_matches_recompute(other)


def test_hidden_achievement_has_no_title_until_earned(store: Store, clock: FixedClock) -> None:
    achs = [achievement("secret", {"event": "deal.started"}, [1], hidden=True),
            achievement("open", {"event": "deal.started"}, [2])]
    svc = services_with(store, clock, (), achs)
    world(svc)
    hidden = badge(svc, "secret")
    assert (hidden["title"], hidden["hidden"], hidden["earned_tier"], hidden["tiers"]) == (None, True, 0, [])
    assert badge(svc, "open")["title"] == "Badge open"
    svc.deals.create(kind="group_buy", title="Rice", mine=True, group="G")
    shown = badge(svc, "secret")
    assert (shown["title"], shown["earned_tier"]) == ("Badge secret", 1)


# == levels ====================================================================================================


def test_level_curve() -> None:
    assert [points_for_level(level) for level in range(1, 7)] == [0, 50, 150, 300, 500, 750]
    assert [level_for_points(p) for p in (-5, 0, 49, 50, 149, 150, 299, 300, 499, 500)] == [
        1, 1, 1, 2, 2, 3, 3, 4, 4, 5,
    ]
    for level in range(1, 400):
        start = points_for_level(level)
        assert level_for_points(start) == level
        assert level_for_points(start - 1) == max(1, level - 1)
        assert points_for_level(level + 1) - start == 50 * level  # each level needs 50 more than the last


def test_level_reached_events_when_crossing(store: Store, clock: FixedClock) -> None:
    chains = [chain("big", step("one", {"event": "help.given"}, 290))]
    svc = services_with(store, clock, chains)
    world(svc)  # group.joined: 2
    result = give(svc, "C0")  # 10 + 290: 302 points, from level 1 straight to 4
    assert [e["level"] for e in result.game if e["type"] == "level.reached"] == [2, 3, 4]
    points = svc.game.points()
    assert (points["level"], points["points"], points["next_level_at"]) == (4, 302, 500)
    assert [e["type"] for e in give(svc, "C1").game] == []  # 312: still level 4
    assert_matches_recompute(svc)


# == corrections and verify ====================================================================================


def test_a_correction_recomputes_to_the_state_of_the_remaining_facts(store: Store, clock: FixedClock) -> None:
    chains = [chain("two", step("s", {"event": "help.given", "count": 2}, 30))]
    achs = [achievement("helper", {"event": "help.given"}, [2])]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    first = give(svc, "C0")
    second = give(svc, "C1")
    assert quest(svc, "two")["status"] == "done"
    total = svc.game.points()["points"]
    assert total == 2 + 10 + 10 + 30 + 20

    svc.helps.delete(str(second.entity_id))
    assert steps(svc, "two") == [("s", "active", 1, 2)]
    assert badge(svc, "helper")["earned_tier"] == 0
    assert svc.game.points()["points"] == 2 + 10
    assert [e.type for e in derived(store)] == []
    assert_matches_recompute(svc)

    svc.helps.edit(str(first.entity_id), direction="received")  # no longer a help given
    assert svc.game.points()["points"] == 2
    assert steps(svc, "two") == [("s", "active", 0, 2)]
    svc.helps.edit(str(first.entity_id), direction="given", contact="C2")
    give(svc, "C2")  # the same contact the same day: 5
    assert quest(svc, "two")["status"] == "done"
    assert svc.game.points()["points"] == 2 + 10 + 5 + 30 + 20
    assert_matches_recompute(svc)


def helper_world(store: Store, clock: FixedClock) -> tuple[Services, list[OpResult]]:
    """A group, six contacts (7 facts), then 24 helps given an hour apart, and a badge for helping."""
    svc = services_with(store, clock, achievements=[achievement("helper", {"event": "help.given"}, [3, 20])])
    world(svc, contacts=6)
    helps = []
    for i in range(24):
        clock.advance(hours=1)
        helps.append(give(svc, f"C{i % 6}"))
    return svc, helps


def test_a_correction_goes_back_only_to_the_checkpoint_before_it(
    store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing a recent help replays the facts after the checkpoint before it: what came earlier is not rewritten."""
    monkeypatch.setattr(game_store, "CHECKPOINT_EVERY", 4)
    svc, helps = helper_world(store, clock)
    with store.read() as session:
        early = list(session.execute(select(PointsEntry.seq, PointsEntry.activity_id).order_by(PointsEntry.seq)))
        marks = session.scalar(select(func.count()).select_from(GameCheckpoint))
    assert marks >= 6  # 30 facts, a checkpoint every 4

    applied: list[str] = []
    original = Engine.apply

    def counting(self: Engine, state: Any, fact: Any, out: Any) -> None:  # the real engine, counted
        applied.append(fact.type)
        original(self, state, fact, out)

    monkeypatch.setattr(Engine, "apply", counting)
    svc.helps.edit(str(helps[-1].entity_id), direction="received")  # the newest help: no longer given
    assert 1 <= len(applied) <= 4  # the facts since the last checkpoint, the edited one now among them
    with store.read() as session:
        now = list(session.execute(select(PointsEntry.seq, PointsEntry.activity_id).order_by(PointsEntry.seq)))
    # Every entry but the newest few kept its row (same number): only the last checkpoint's facts were replayed.
    kept = [row for row in early if row in now]
    assert len(early) - 4 <= len(kept) < len(early)
    assert_matches_recompute(svc)

    applied.clear()
    svc.helps.delete(str(helps[0].entity_id))  # the oldest help, the 8th fact: back to the checkpoint after the 4th
    assert len(applied) == 3 + 23  # the last three contacts added, the helps left
    assert badge(svc, "helper")["progress"] == 22
    assert_matches_recompute(svc)


def test_a_correction_far_back_commits_at_once_and_the_game_catches_up(
    store: Store, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(game_store, "CHECKPOINT_EVERY", 4)
    monkeypatch.setattr("app.services.game.REPLAY_INLINE", 10)
    monkeypatch.setattr("app.services.game.CATCH_UP_CHUNK", 7)
    svc, helps = helper_world(store, clock)
    before = svc.game.points()["points"]

    result = svc.helps.delete(str(helps[0].entity_id))  # 26 facts to count again: more than 10
    assert result.catching_up and result.game == []
    waiting = svc.game.pending()
    assert waiting == 26
    assert svc.game.points()["points"] < before  # gone back: the later helps are not counted yet
    assert any(p.startswith("catching up: 26 facts") for p in svc.game.verify())
    late = give(svc, "C1")  # recorded meanwhile: waits its turn behind the others
    assert late.catching_up and svc.game.pending() == 27
    # A correction of a recent fact meanwhile: the facts before it wait, so it waits too (not replayed inline).
    assert svc.helps.edit(str(helps[-1].entity_id), kind="boost_click").catching_up
    assert svc.game.pending() == 27

    seen: list[tuple[int, int]] = []
    assert svc.game.catch_up(lambda done, total: seen.append((done, total))).record == {"counted": 27}
    assert seen == [(7, 27), (14, 27), (21, 27), (27, 27)]  # a transaction per chunk
    assert svc.game.pending() == 0
    assert badge(svc, "helper")["progress"] == 24  # 23 left of the first 24, and the late one
    assert_matches_recompute(svc)
    assert not give(svc, "C2").catching_up  # caught up: new facts count at once again


def test_request_corrections_recompute(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock, [chain("ask", step("two", {"event": "request.posted", "count": 2}, 9))])
    world(svc, limit=5)
    at_local(clock, "2026-11-25 20:00")
    one = svc.requests.create(group="G")
    svc.requests.create(group="G")
    assert quest(svc, "ask")["status"] == "done"
    svc.requests.delete(str(one.entity_id))
    assert steps(svc, "ask") == [("two", "active", 1, 2)]
    assert_matches_recompute(svc)
    other = svc.requests.create(group="G")
    svc.requests.edit(str(other.entity_id), at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=SHANGHAI))
    assert quest(svc, "ask")["status"] == "done"
    assert_matches_recompute(svc)


def test_verify_is_empty_after_use_and_finds_tampering(store: Store, clock: FixedClock) -> None:
    chains = [chain("a", step("s", {"event": "help.given", "count": 2}, 30))]
    achs = [achievement("helper", {"event": "help.given"}, [1, 3])]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    for name in ("C0", "C1", "C2"):
        give(svc, name)
    receive(svc, "C0")
    svc.requests.create(group="G")
    assert svc.game.verify() == []

    with store.write() as session:
        row = session.get(GameState, "score")
        assert row is not None
        row.value = {**row.value, "points": row.value["points"] + 1}
    problems = svc.game.verify()
    assert problems and any(p.startswith("state score") for p in problems)
    svc.game.recompute()
    assert svc.game.verify() == []

    with store.write() as session:
        session.execute(delete(PointsEntry).where(PointsEntry.source_id == "a/s"))
    assert any("points ledger" in p for p in svc.game.verify())
    svc.game.recompute()

    with store.write() as session:
        session.execute(delete(Activity).where(Activity.type == "achievement.unlocked"))
    assert any("derived activities" in p for p in svc.game.verify())
    svc.game.recompute()

    with store.write() as session:
        key = next(k for k in session.scalars(select(GameState.key)) if k.startswith("chain:a"))
        session.get(GameState, key).value = {"step": 0, "done": False, "goal": {"done": False, "progress": 1}}
    assert any(p.startswith(f"state {key}") for p in svc.game.verify())


def test_a_correction_reports_only_what_it_earned(store: Store, clock: FixedClock) -> None:
    """A write that recomputes reports only the events the recompute added, not the whole history again."""
    svc = services_with(store, clock, [chain("a", step("s", {"event": "help.given"}, 30))],
                        [achievement("helper", {"event": "help.given"}, [1])])
    world(svc)
    first = give(svc, "C0")
    assert first.game
    source = str(fact_id(first, "help.given", store))
    later = give(svc, "C1")
    result = svc.helps.edit(str(later.entity_id), note="paid back with a coffee")
    assert [e for e in result.game if e["source_activity_id"] == source] == []
    # what it reports is caused by the replacement fact of the edited help, nothing older
    replacement = str(fact_id(result, "help.given", store))
    assert {e["source_activity_id"] for e in result.game} <= {replacement}
    assert svc.helps.delete(str(later.entity_id)).game == []


# == the shapes of the player's views ==========================================================================


def test_quests_badges_points_shapes(store: Store, clock: FixedClock) -> None:
    chains = [chain("a", step("s", {"event": "help.given"}, 5), step("t", {"event": "help.given", "count": 2})),
              chain("b", step("s", {"event": "request.posted"}), requires=["a"], repeat="weekly")]
    achs = [achievement("helper", {"event": "help.given"}, [1, 5]), achievement("x", {"event": "deal.cut"}, [1],
                                                                               hidden=True)]
    svc = services_with(store, clock, chains, achs)
    world(svc)
    give(svc, "C0")
    quests, badges, points = svc.game.quests(), svc.game.badges(), svc.game.points()
    json.dumps([quests, badges, points])

    assert [q["id"] for q in quests] == ["a", "b"]
    for q in quests:
        assert {"id", "title", "status", "locked_reason", "repeat", "steps"} <= q.keys()
        assert q["status"] in ("locked", "active", "done")
        for s in q["steps"]:
            assert {"id", "title", "status", "progress", "target"} <= s.keys()
            assert isinstance(s["progress"], int) and isinstance(s["target"], int)
    assert quests[0]["steps"] == [
        {"id": "s", "title": "Step s", "status": "done", "progress": 1, "target": 1, "unit": "count"},
        {"id": "t", "title": "Step t", "status": "active", "progress": 0, "target": 2, "unit": "count"},
    ]
    assert (quests[1]["status"], quests[1]["repeat"], quests[1]["locked_reason"]) == (
        "locked", "weekly", "Complete Chain a first.",
    )

    for b in badges:
        assert {"id", "title", "hidden", "tiers", "earned_tier", "progress"} <= b.keys()
    assert {k: badges[0][k] for k in ("id", "title", "hidden", "tiers", "earned_tier", "progress")} == {
        "id": "helper", "title": "Badge helper", "hidden": False, "tiers": [1, 5], "earned_tier": 1, "progress": 1,
    }
    assert {k: badges[1][k] for k in ("id", "title", "hidden", "tiers", "earned_tier", "progress")} == {
        "id": "x", "title": None, "hidden": True, "tiers": [], "earned_tier": 0, "progress": 0,
    }

    assert set(points) == {"level", "points", "next_level_at", "own_points", "entries"}
    assert (points["level"], points["points"], points["next_level_at"]) == (1, 2 + 10 + 20 + 5, 50)
    for entry in points["entries"]:
        assert set(entry) == {"at", "points", "reason", "source_type", "source_id"}
        assert entry["at"] in ("2026-11-15T12:00:00Z", "2026-11-25T12:00:00Z")  # the group joined ten days ago
    assert [e["source_id"] for e in points["entries"] if e["source_type"] != "activity"] == ["helper/1", "a/s"]

    zh = svc.game.quests("zh_CN")
    assert zh[0]["title"] == "任务 a" and zh[0]["steps"][0]["title"] == "步骤 s"


# == the built-in catalogue ====================================================================================


def test_builtin_catalogue_loads_and_validates() -> None:
    catalogue = load_catalogue(None)
    assert catalogue.chains and catalogue.achievements
    assert catalogue.fingerprint
    ids = [c.id for c in catalogue.chains]
    assert len(ids) == len(set(ids)) and "first-steps" in ids


def test_builtin_a_new_user_earns_a_first_badge_in_minutes(services: Services, clock: FixedClock) -> None:
    services.groups.create(name="小区团购", vertical="fresh_food", windows=["Mon-Sun 19:00-22:00"])
    clock.advance(minutes=1)
    services.contacts.create(nickname="王阿姨", groups=["小区团购"])
    clock.advance(minutes=1)
    result = services.helps.create(direction="given", kind="bargain_cut", contact="王阿姨", group="小区团购")
    unlocked = [e for e in result.game if e["type"] == "achievement.unlocked"]
    assert unlocked, result.game
    assert any(b["earned_tier"] >= 1 for b in services.game.badges())
    assert services.game.points()["points"] > 0
    assert services.game.verify() == []


def test_builtin_catalogue_incremental_equals_recompute(services: Services, clock: FixedClock) -> None:
    services.groups.create(name="G", windows=["Mon-Sun 19:00-22:00"], daily_request_limit=2, my_role="owner")
    for name in ("A", "B", "C"):
        services.contacts.create(nickname=name, groups=["G"])
    deal = services.deals.create(kind="bargain", title="Pot", mine=True, group="G", original_fen=10_000,
                                 target_fen=5_000)
    for day in range(10):
        at_local(clock, f"2026-12-{day + 1:02d} 20:00")
        services.helps.create(direction="given", kind="bargain_cut", contact="ABC"[day % 3], group="G",
                              deal=str(deal.entity_id) if day < 3 else None, amount_fen=500 if day < 3 else None)
        services.helps.create(direction="received", kind="share", contact="ABC"[(day + 1) % 3])
        for _ in range(day % 4):
            services.requests.create(group="G")
        if day % 3 == 2:
            services.ledger.settle("ABC"[day % 3])
    help_ = services.helps.create(direction="given", kind="share", contact="A")
    services.helps.edit(str(help_.entity_id), kind="boost_click")
    services.contacts.edit("C", trust="blocked")
    assert_matches_recompute(services)
