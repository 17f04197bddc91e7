"""Fair play against smart cheaters (issue 11): back-dating, settling while owing, typed-in big amounts, invented
contacts, adds in bulk, the "balanced" ping-pong, and a user's pack that pays for taking. Each test tries the
cheat and checks what the honest way still earns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import InvalidInput
from app.model import Activity
from app.quests.schema import Rules
from app.services import Services
from app.store import Store
from tests.conftest import SHANGHAI
from tests.test_engine import (
    achievement,
    assert_matches_recompute,
    at_local,
    badge,
    chain,
    give,
    quest,
    receive,
    services_with,
    step,
    world,
)


def points(svc: Services) -> int:
    return int(svc.game.score()["points"])


def payload_of(store: Store, result: Any) -> dict[str, Any]:
    with store.read() as session:
        facts = session.scalars(select(Activity).where(Activity.id.in_(result.activities))).all()
        return next(dict(f.payload) for f in facts if f.type.startswith("help."))


def test_a_help_dated_more_than_two_days_back_is_late_and_earns_no_daily_quest_or_streak_day(
    store: Store, clock: FixedClock,
) -> None:
    chains = [chain("daily", step("one", {"event": "help.given"}, 5), repeat="daily")]
    achs = [achievement("habit", {"event": "help.given", "streak": True}, [2, 3])]
    svc = services_with(store, clock, chains, achs)
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    late = give(svc, "C0", at=dt.datetime(2026, 11, 22, 20, tzinfo=SHANGHAI))  # three days back
    assert payload_of(store, late)["late"] is True
    assert quest(svc, "daily")["status"] == "active"  # today's daily: not filled by an old entry
    give(svc, "C0", at=dt.datetime(2026, 11, 23, 19, tzinfo=SHANGHAI))  # 49 hours back
    assert badge(svc, "habit")["progress"] == 0  # no streak day either
    assert len(svc.queries.helps()) == 2  # both in the ledger and the history
    fresh = give(svc, "C1", at=dt.datetime(2026, 11, 24, 9, tzinfo=SHANGHAI))  # yesterday: within 48 hours
    assert "late" not in payload_of(store, fresh)
    give(svc, "C1")
    assert badge(svc, "habit")["progress"] == 2 and quest(svc, "daily")["status"] == "done"
    assert_matches_recompute(svc)


def test_a_help_dated_before_its_contact_was_added_is_late(store: Store, clock: FixedClock) -> None:
    at_local(clock, "2026-11-25 20:00")
    svc = services_with(store, clock)
    svc.contacts.create(nickname="新人")
    result = give(svc, "新人", at=dt.datetime(2026, 11, 25, 8, tzinfo=SHANGHAI))  # this morning, before adding her
    assert payload_of(store, result)["late"] is True


def test_an_edit_of_an_honest_old_help_does_not_make_it_late(store: Store, clock: FixedClock) -> None:
    chains = [chain("daily", step("one", {"event": "help.given"}, 5), repeat="daily")]
    svc = services_with(store, clock, chains)
    at_local(clock, "2026-11-20 20:00")
    world(svc)
    done = give(svc, "C0")
    assert quest(svc, "daily")["status"] == "done"
    at_local(clock, "2026-11-25 20:00")
    edited = svc.helps.edit(str(done.entity_id), note="补个备注")
    assert "late" not in payload_of(store, edited)
    assert_matches_recompute(svc)
    history = [q for q in svc.game.quests() if q["id"] == "daily"]
    assert history  # the chain is still there; the help of the 20th still filled the 20th's daily
    assert points(svc) >= 5


def test_a_date_before_2000_or_over_a_year_before_the_profile_is_refused(store: Store, clock: FixedClock) -> None:
    at_local(clock, "2026-11-25 20:00")
    svc = services_with(store, clock)
    svc.profile.ensure()
    world(svc)
    for when in (dt.datetime(1999, 12, 31, tzinfo=SHANGHAI), dt.datetime(2025, 11, 1, tzinfo=SHANGHAI)):
        with pytest.raises(InvalidInput):
            give(svc, "C0", at=when)
        with pytest.raises(InvalidInput):
            svc.ledger.settle("C0", at=when)
    assert svc.queries.helps() == []
    give(svc, "C0", at=dt.datetime(2026, 1, 1, tzinfo=SHANGHAI))  # within the year: taken (and late)


def test_settling_while_the_user_owes_is_allowed_but_earns_nothing(store: Store, clock: FixedClock) -> None:
    achs = [achievement("settler", {"event": "ledger.settled"}, [1, 2])]
    chains = [chain("even", step("settle", {"event": "ledger.settled"}, 35))]
    svc = services_with(store, clock, chains, achs)
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    for _ in range(5):
        receive(svc, "C0")
    before = points(svc)
    svc.ledger.settle("C0")
    assert points(svc) == before and badge(svc, "settler")["progress"] == 0
    give(svc, "C1")
    svc.ledger.settle("C1")  # the contact owed the user: settling is earned
    assert badge(svc, "settler")["progress"] == 1 and quest(svc, "even")["status"] == "done"
    assert_matches_recompute(svc)


def test_a_big_amount_tied_to_no_deal_counts_as_five_yuan(store: Store, clock: FixedClock) -> None:
    achs = [achievement("saver", {"event": "help.given", "where": {"kind": "bargain_cut"}, "sum": "amount_fen"},
                        [500, 5000, 20000])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    give(svc, "C0", kind="bargain_cut", amount_fen=100_000)  # ¥1,000 typed in
    assert badge(svc, "saver")["progress"] == 500 and badge(svc, "saver")["earned_tier"] == 1
    assert [h["amount_fen"] for h in svc.queries.helps()] == [100_000]  # the ledger keeps what was typed
    give(svc, "C1", kind="bargain_cut", amount_fen=35)
    assert badge(svc, "saver")["progress"] == 535


def test_a_contact_added_today_counts_in_the_game_from_tomorrow(store: Store, clock: FixedClock) -> None:
    achs = [achievement("people", {"event": "help.given", "distinct": "contact_id"}, [3, 5]),
            achievement("settler", {"event": "ledger.settled"}, [1, 2])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 09:00")
    world(svc)  # the log began ten days ago
    before = points(svc)
    for name in ("甲", "乙", "丙"):
        svc.contacts.create(nickname=name)
        give(svc, name)  # invented and helped at once: the sock puppeteer's day
        svc.ledger.settle(name)
    receive(svc, "甲")  # "甲 helped me": typed as easily as the rest
    give(svc, "甲")
    assert points(svc) == before
    assert badge(svc, "people")["progress"] == 0 and badge(svc, "settler")["progress"] == 0
    assert len(svc.queries.helps()) == 5  # all in the ledger and the history
    at_local(clock, "2026-11-26 09:00")
    give(svc, "乙")  # the next day: a first help, to someone not yet one of the user's people
    assert badge(svc, "people")["progress"] == 0 and points(svc) == before + 5
    at_local(clock, "2026-11-27 09:00")
    give(svc, "乙")  # helped again on another day: one of the user's people now
    assert badge(svc, "people")["progress"] == 1 and points(svc) == before + 5 + 10
    assert_matches_recompute(svc)


def test_one_help_to_someone_makes_no_different_person_a_second_day_or_their_help_does(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("people", {"event": "help.given", "distinct": "contact_id"}, [2, 5]),
            achievement("fair", {"event": "ledger.settled", "distinct": "contact_id"}, [1, 5])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-20 20:00")
    world(svc)
    for name in ("puppet1", "puppet2", "邻居"):  # added yesterday: the patient puppeteer's way
        svc.contacts.create(nickname=name)
    at_local(clock, "2026-11-21 20:00")
    before = points(svc)
    for name in ("puppet1", "puppet2"):
        give(svc, name)
        svc.ledger.settle(name)
    assert points(svc) - before == 2 * 5  # a first help pays 5
    assert badge(svc, "people")["progress"] == 0 and badge(svc, "fair")["progress"] == 0
    receive(svc, "邻居")  # a real neighbour helps the user first
    give(svc, "邻居")
    assert badge(svc, "people")["progress"] == 1
    at_local(clock, "2026-11-22 20:00")
    give(svc, "puppet1")  # helped again, on another day: one of the user's people
    svc.ledger.settle("puppet1")
    assert badge(svc, "people")["progress"] == 2 and badge(svc, "fair")["progress"] == 1
    assert_matches_recompute(svc)


def test_a_stream_of_new_contacts_who_help_and_are_helped_back_makes_two_new_people_a_week(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("people", {"event": "help.given", "distinct": "contact_id"}, [2, 5])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-16 20:00")  # a Monday
    world(svc)
    names = [f"小号{i}" for i in range(4)]
    for name in names:
        svc.contacts.create(nickname=name)
    at_local(clock, "2026-11-17 20:00")
    before = points(svc)
    for name in names:  # the reciprocal puppeteer: "they helped me", then a help back
        receive(svc, name)
        give(svc, name)
    # Two become the user's people this week (10 and the balanced bonus each, and the badge's first tier); the
    # others stay strangers (5, no bonus).
    assert points(svc) - before == 2 * (10 + 5) + 20 + 2 * 5
    assert badge(svc, "people")["progress"] == 2
    at_local(clock, "2026-11-23 20:00")  # the next Monday: room for two more
    for name in names[2:]:
        give(svc, name)
    assert badge(svc, "people")["progress"] == 4
    assert_matches_recompute(svc)


def test_contacts_added_on_the_day_the_log_begins_count_at_once(store: Store, clock: FixedClock) -> None:
    achs = [achievement("people", {"event": "help.given", "distinct": "contact_id"}, [3, 5])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 20:00")
    for name in ("甲", "乙", "丙"):  # a new member types in the people of their groups, then logs today's helps
        svc.contacts.create(nickname=name)
        give(svc, name)
    assert badge(svc, "people")["progress"] == 3 and points(svc) == 3 * 10 + 20  # three helps, the first tier
    assert_matches_recompute(svc)


def test_back_dated_entries_earn_for_three_a_day_and_all_stay_in_the_ledger(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("hand", {"event": "help.given"}, [1, 10, 50])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 20:00")
    world(svc, contacts=5)
    before = points(svc)
    for back in range(3, 13):  # ten helps, 3 to 12 days back, to different people on different days
        give(svc, f"C{back % 5}", at=dt.datetime(2026, 11, 25 - back, 20, tzinfo=SHANGHAI))
    assert points(svc) - before == 3 * 10 + 20  # three paid (and the badge's first tier), the rest ledger only
    assert badge(svc, "hand")["progress"] == 3
    assert len(svc.queries.helps()) == 10
    at_local(clock, "2026-11-26 20:00")  # the next day, catching up again: three more
    for back in range(3, 8):
        give(svc, f"C{back % 5}", at=dt.datetime(2026, 11, 26 - back, 19, tzinfo=SHANGHAI))
    assert badge(svc, "hand")["progress"] == 6
    give(svc, "C0")  # today's own help is never part of the allowance
    assert badge(svc, "hand")["progress"] == 7
    assert_matches_recompute(svc)


def test_a_request_while_a_help_is_overdue_earns_nothing_until_it_is_returned(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("manners", {"event": "request.posted", "where": {"over_limit": False, "in_window": True}},
                        [1, 5])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-10 20:00")
    world(svc)
    receive(svc, "C0")
    at_local(clock, "2026-11-16 20:00")  # six days: not overdue yet
    svc.requests.create(group="G")
    assert badge(svc, "manners")["progress"] == 1
    at_local(clock, "2026-11-17 20:00")  # a week old, not returned
    before = points(svc)
    svc.requests.create(group="G")
    assert points(svc) == before and badge(svc, "manners")["progress"] == 1
    give(svc, "C0")  # returned
    before = points(svc)
    at_local(clock, "2026-11-18 20:00")
    svc.requests.create(group="G")
    assert points(svc) == before + 2 and badge(svc, "manners")["progress"] == 2
    assert_matches_recompute(svc)


def test_adding_contacts_counts_for_five_a_day(store: Store, clock: FixedClock) -> None:
    achs = [achievement("networker", {"event": "contact.added"}, [5, 10])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 09:00")
    for i in range(12):
        svc.contacts.create(nickname=f"群友{i}")
    assert badge(svc, "networker")["progress"] == 5
    assert len(svc.queries.contacts()) == 12
    at_local(clock, "2026-11-26 09:00")
    svc.contacts.create(nickname="明天的")
    assert badge(svc, "networker")["progress"] == 6


def test_the_balanced_bonus_is_paid_once_per_contact_a_day(store: Store, clock: FixedClock) -> None:
    svc = services_with(store, clock)
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    earned = []
    for _ in range(4):  # ping-pong: received, given back, received, given back…
        receive(svc, "C0")
        before = points(svc)
        give(svc, "C0")
        earned.append(points(svc) - before)
    assert earned == [10 + 5, 5, 2, 1]  # the bonus once; the help itself less each time the same day
    at_local(clock, "2026-11-26 20:00")
    receive(svc, "C0")
    before = points(svc)
    give(svc, "C0")
    assert points(svc) - before == 10 + 5


GREEDY = '''id = "greedy"
version = 1
title = { en = "Greedy" }
story = { en = "Take" }
[[steps]]
id = "take"
title = { en = "Take" }
goal = { event = "help.received" }
reward = { points = 10000 }
'''

BIG = '''id = "big"
version = 1
title = { en = "Big" }
story = { en = "Pays a lot" }
[[steps]]
id = "give"
title = { en = "Give" }
goal = { event = "help.given" }
reward = { points = 10000 }
'''


@pytest.mark.parametrize("goal", [
    'goal = { event = "help.received" }',
    'goal = { event = "request.posted", where = { over_limit = true } }',
    'goal = { event = "request.posted", where = { in_window = [false, true] } }',
    'goal = { any = [{ event = "help.given" }, { event = "help.received" }] }',
])
def test_a_pack_that_pays_for_taking_is_refused(services: Services, tmp_path: Path, goal: str) -> None:
    pack = tmp_path / "greedy.toml"
    pack.write_text(GREEDY.replace('goal = { event = "help.received" }', goal), encoding="utf-8")
    with pytest.raises(InvalidInput, match="never rewards taking"):
        services.game.install(pack)
    assert services.game.quests() == [q for q in services.game.quests() if q["id"] != "greedy"]


def test_a_packs_rewards_are_capped_and_a_taking_step_slipped_in_pays_nothing(
    services: Services, clock: FixedClock,
) -> None:
    folder = services.store.data_dir / "quests"
    folder.mkdir(exist_ok=True)
    (folder / "greedy.toml").write_text(GREEDY, encoding="utf-8")  # put there by hand, past `quests install`
    (folder / "big.toml").write_text(BIG, encoding="utf-8")
    cap = services.game.catalogue.reward_cap
    assert services.game.catalogue.installed == {"greedy", "big"} and 0 < cap < 1000
    services.contacts.create(nickname="小美")
    clock.advance(days=2)
    level = services.game.score()["level"]
    receive(services, "小美")
    assert services.game.score()["level"] == level  # the taking step paid nothing
    before = services.game.score()
    give(services, "小美")
    after = services.game.score()
    assert after["own_points"] - before["own_points"] == cap  # the big step paid the cap, not 10,000…
    own = [(e["points"], e["source_id"]) for e in services.game.points()["entries"] if e["reason"] == "own_quest"]
    assert own == [(cap, "big/give")]  # …and apart: not in "points", so never toward the level
    built_in = sum(e["points"] for e in services.game.points()["entries"] if e["reason"] != "own_quest")
    assert after["points"] == built_in
    assert json.dumps(services.game.score())


def test_a_group_buy_of_one_earns_nothing_and_one_of_two_does(store: Store, clock: FixedClock) -> None:
    achs = [achievement("captain", {"event": "deal.succeeded", "where": {"deal_kind": "group_buy"}}, [1, 2])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 20:00")
    before = points(svc)
    alone = svc.deals.create(kind="group_buy", title="一人团", mine=True, participants_needed=1)
    svc.deals.join_count(str(alone.entity_id), 1)  # "succeeds" at once
    assert svc.queries.deals()[0]["status"] == "succeeded"
    assert points(svc) == before and badge(svc, "captain")["progress"] == 0
    pair = svc.deals.create(kind="group_buy", title="两人团", mine=True, participants_needed=2)
    assert points(svc) == before + 3  # starting a real group buy earns
    svc.deals.join_count(str(pair.entity_id), 2)
    assert badge(svc, "captain")["progress"] == 1
    assert_matches_recompute(svc)


def test_helps_left_unreturned_for_a_week_cut_what_the_dailies_pay_until_returned(
    store: Store, clock: FixedClock,
) -> None:
    chains = [chain("daily", step("one", {"event": "help.given"}, 20), repeat="daily")]
    svc = services_with(store, clock, chains)
    at_local(clock, "2026-11-10 20:00")
    world(svc)
    receive(svc, "C0")
    receive(svc, "C0")
    receive(svc, "C1")

    def daily_pays() -> int:
        before = points(svc)
        give(svc, "C2")  # a help to someone else: the daily, and 10 for the help itself
        return points(svc) - before - 10

    at_local(clock, "2026-11-16 20:00")
    assert daily_pays() == 20  # six days: not overdue yet
    at_local(clock, "2026-11-17 20:00")
    assert daily_pays() == 5  # three helps a week old, unreturned: 20 × (1 − 3 × 25 %)
    svc.ledger.settle("C0")  # "we are even" while owing: no help back, still owed for the game
    at_local(clock, "2026-11-18 20:00")
    assert daily_pays() == 5
    give(svc, "C0")
    give(svc, "C1")  # two returned
    at_local(clock, "2026-11-19 20:00")
    assert daily_pays() == 15
    assert_matches_recompute(svc)


def test_a_member_who_rests_on_wednesdays_keeps_a_long_streak(store: Store, clock: FixedClock) -> None:
    achs = [achievement("habit", {"event": "help.given", "streak": True}, [10, 30])]
    svc = services_with(store, clock, (), achs, rules=Rules(rest_days=1))
    at_local(clock, "2026-11-01 20:00")
    world(svc)
    day = dt.date(2026, 11, 2)  # a Monday
    active = 0
    for offset in range(35):
        today = day + dt.timedelta(days=offset)
        if today.weekday() == 2:  # Wednesday: a rest day
            continue
        at_local(clock, f"{today.isoformat()} 20:00")
        give(svc, "C0")
        active += 1
    assert badge(svc, "habit")["progress"] == active == 30  # every active day of five weeks, one run
    assert badge(svc, "habit")["earned_tier"] == 2


def test_a_streak_freeze_covers_a_missed_day_after_a_week_and_two_missed_days_in_a_row_break_it_early(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("habit", {"event": "help.given", "streak": True}, [100])]
    svc = services_with(store, clock, (), achs, rules=Rules(rest_days=0))
    at_local(clock, "2026-11-01 20:00")
    world(svc)

    def helped(days: list[str]) -> int:
        for text in days:
            at_local(clock, f"{text} 20:00")
            give(svc, "C0")
        return int(badge(svc, "habit")["progress"])

    assert helped(["2026-11-02", "2026-11-04"]) == 1  # no freeze yet: the 3rd breaks the run
    week = [f"2026-11-{d:02d}" for d in range(5, 12)]  # seven days in a row: a freeze earned
    assert helped(week) == 8  # the 4th and the seven after it
    assert helped(["2026-11-13"]) == 9  # the 12th missed: the freeze covers it
    assert helped(["2026-11-16"]) == 9  # the 14th and 15th missed, no freeze left: a new run
    assert_matches_recompute(svc)


def test_logging_a_streak_day_late_gives_the_same_run_as_on_time(store: Store, clock: FixedClock) -> None:
    achs = [achievement("habit", {"event": "help.given", "streak": True}, [100])]
    svc = services_with(store, clock, (), achs, rules=Rules(rest_days=1))
    at_local(clock, "2026-11-01 20:00")
    world(svc)
    for text in ("2026-11-02", "2026-11-04", "2026-11-05"):
        at_local(clock, f"{text} 20:00")
        give(svc, "C0")
    at_local(clock, "2026-11-06 10:00")
    give(svc, "C0", at=dt.datetime(2026, 11, 3, 20, tzinfo=SHANGHAI))  # 62 hours late: no streak day
    assert badge(svc, "habit")["progress"] == 3  # the 3rd was a rest day anyway
    give(svc, "C0", at=dt.datetime(2026, 11, 5, 9, tzinfo=SHANGHAI))  # the same day twice: nothing new
    assert badge(svc, "habit")["progress"] == 3


def test_a_big_cut_on_a_bargain_without_a_price_counts_as_five_yuan_and_one_on_a_priced_bargain_is_bounded(
    store: Store, clock: FixedClock,
) -> None:
    achs = [achievement("saver", {"event": "help.given", "where": {"kind": "bargain_cut"}, "sum": "amount_fen"},
                        [500, 5000, 20000])]
    svc = services_with(store, clock, (), achs)
    at_local(clock, "2026-11-25 20:00")
    world(svc)
    svc.deals.create(kind="bargain", title="没标价")
    give(svc, "C0", kind="bargain_cut", deal="没标价", amount_fen=100_000)
    assert badge(svc, "saver")["progress"] == 500
    svc.deals.create(kind="bargain", title="标价", original_fen=20_000, target_fen=15_000)
    with pytest.raises(InvalidInput):
        give(svc, "C1", kind="bargain_cut", deal="标价", amount_fen=6_000)  # only 5,000 left to cut
    give(svc, "C1", kind="bargain_cut", deal="标价", amount_fen=4_000)
    assert badge(svc, "saver")["progress"] == 4500


def test_money_steps_show_yuan_not_fen(services: Services, cli: Any) -> None:
    from app.services.game_views import step_progress

    money = [s for q in services.game.quests() for s in q["steps"] if s["unit"] == "fen"]
    assert money, "the built-in content has a money step"
    assert step_progress({**money[0], "progress": 430, "target": 1000}) == "¥4.30/¥10.00"
    assert step_progress({"unit": "count", "progress": 2, "target": 3}) == "2/3"
    text = cli.ok("quests")
    assert "/¥" in text and not any(f"/{s['target']})" in text for s in money)


def test_a_locked_chain_names_what_to_complete_as_each_language_writes_it(services: Services) -> None:
    from app import i18n

    locked = next(q for q in services.game.quests("en") if q["locked_reason"] and "Complete" in q["locked_reason"])
    assert locked["locked_reason"].startswith("Complete ") and "「" not in locked["locked_reason"]
    i18n.set_language("zh_CN")
    try:
        reason = next(q for q in services.game.quests("zh_CN") if q["id"] == locked["id"])["locked_reason"]
    finally:
        i18n.set_language("en")
    assert reason.startswith("请先完成「") and reason.endswith("」。") and " " not in reason


def test_adding_a_contact_already_blocked_counts_for_the_guardian_badge(services: Services) -> None:
    def guardian() -> int:
        return int(next(b for b in services.game.badges() if b["id"] == "guardian")["progress"])

    services.contacts.create(nickname="假客服", trust="blocked")  # the scammer, blocked as they are added
    assert guardian() == 1
    services.contacts.create(nickname="陌生人")
    services.contacts.edit("陌生人", trust="blocked")  # blocked the same day they were added: counts too
    assert guardian() == 2


def test_rest_days_are_the_users_to_set_and_the_game_counts_streaks_again(
    services: Services, clock: FixedClock, cli: Any,
) -> None:
    streak = next(a.id for a in services.game.catalogue.achievements
                  if a.metric.streak and not a.metric.where and not a.hidden)  # helping on days in a row
    services.contacts.create(nickname="小美")
    start = clock.now()
    for offset in range(10):
        if offset in (3, 8):  # two missed days, in two different weeks
            continue
        clock.current = start + dt.timedelta(days=1 + offset)
        give(services, "小美")

    def progress() -> int:
        return int(next(b for b in services.game.badges() if b["id"] == streak)["progress"])

    assert progress() == 8  # one rest day a week by default: one run of eight active days
    services.profile.set_rest_days(0)
    assert services.profile.get()["rest_days"] == 0 and progress() == 4  # no rest days: the longest run is 4
    assert services.game.verify() == []
    assert "Rest days a week (streaks): 0" in cli.ok("profile")
    services.profile.set_rest_days(1)
    assert progress() == 8
    with pytest.raises(InvalidInput):
        services.profile.set_rest_days(4)


def test_the_command_line_says_which_rule_held_a_write_back(cli: Any, clock: FixedClock) -> None:
    cli.ok("add", "group", "--name", "G")
    cli.ok("add", "contact", "--nickname", "老王")
    cli.ok("add", "help", "--direction", "received", "--kind", "share", "--contact", "老王")
    out = cli.ok("settle", "老王")
    assert "Settled while you owe them" in out
    out = cli.ok("add", "help", "--direction", "given", "--kind", "bargain_cut", "--contact", "老王", "--amount",
                 "1000")
    assert "counts at most ¥5 in the game" in out
    assert "counts at most" not in cli.ok("add", "help", "--direction", "given", "--kind", "bargain_cut",
                                          "--contact", "老王", "--amount", "0.35")
    out = cli.ok("add", "deal", "--kind", "group_buy", "--title", "一人团", "--mine", "--needed", "1")
    assert "fewer than two people" in out
    for day in range(1, 5):
        out = cli.ok("add", "help", "--direction", "given", "--kind", "share", "--contact", "老王", "--at",
                     f"2026-11-0{day}T20:00")
    assert "beyond the 3 a day the game pays" in out
    assert len(cli.json("list", "helps")) == 7  # all of them in the ledger
    assert cli.ok("recompute", "--verify").strip() == "The game state matches the facts."
