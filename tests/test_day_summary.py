"""The Today page's day: helps given today, the streak of days with a help, the groups open right now."""

from __future__ import annotations

import datetime as dt

from app.clock import FixedClock
from app.services import Services

# The clock: Wednesday 2026-11-25, 20:00 in Shanghai (UTC+8).
EMPTY = {"given_today": 0, "streak": 0, "freezes": 0, "open_groups": [], "name": ""}


def give(services: Services, local: str, tz: dt.tzinfo) -> None:
    at = dt.datetime.fromisoformat(local).replace(tzinfo=tz)
    services.helps.create(direction="given", kind="boost_click", contact="小美", at=at)


def test_nothing_recorded(services: Services) -> None:
    assert services.queries.day_summary() == EMPTY


def test_helps_today_count_by_local_day_and_only_given(services: Services, clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    tz = clock.tz
    give(services, "2026-11-25 00:10", tz)  # 16:10 UTC the day before: still today in Shanghai
    give(services, "2026-11-25 19:59", tz)
    give(services, "2026-11-24 23:59", tz)  # yesterday
    services.helps.create(direction="received", kind="boost_click", contact="小美")
    summary = services.queries.day_summary()
    assert summary["given_today"] == 2
    assert summary["streak"] == 2


def test_streak_runs_back_through_consecutive_days(services: Services, clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    services.profile.set_rest_days(0)  # no rest day: every missed day breaks the streak
    tz = clock.tz
    for day in ("2026-11-20", "2026-11-22", "2026-11-23", "2026-11-24"):
        give(services, f"{day} 12:00", tz)
        give(services, f"{day} 13:00", tz)
    # Nothing yet today: the run up to yesterday still counts (the day is not over).
    assert services.queries.day_summary()["streak"] == 3
    give(services, "2026-11-25 08:00", tz)
    assert services.queries.day_summary()["streak"] == 4
    # Two days later with no help in between: broken.
    clock.advance(days=2)
    assert services.queries.day_summary() == EMPTY


def test_a_rest_day_a_week_keeps_the_streak_as_the_game_counts_it(services: Services, clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    tz = clock.tz
    # Fri 20, (Sat 21 missed), Sun 22, Mon 23, Tue 24: the missed Saturday is that week's rest day (the default).
    for day in ("2026-11-20", "2026-11-22", "2026-11-23", "2026-11-24"):
        give(services, f"{day} 12:00", tz)
    assert services.queries.day_summary()["streak"] == 4
    give(services, "2026-11-25 08:00", tz)
    clock.advance(days=2)  # Friday 27: Thursday missed, this week's rest day
    assert services.queries.day_summary()["streak"] == 5
    clock.advance(days=1)  # Saturday 28: Friday missed too, and five days earn no freeze yet
    assert services.queries.day_summary()["streak"] == 0


def test_seven_days_earn_a_freeze_that_the_today_chip_shows_and_a_missed_day_spends(
    services: Services, clock: FixedClock,
) -> None:
    services.contacts.create(nickname="小美")
    services.profile.set_rest_days(0)
    tz = clock.tz
    for back in range(7, 0, -1):  # Wed 18 … Tue 24
        give(services, f"{dt.date(2026, 11, 25) - dt.timedelta(days=back)} 12:00", tz)
    assert services.queries.day_summary()["freezes"] == 1
    clock.advance(days=1)  # Thursday 26: Wednesday missed, the freeze covers it
    assert (services.queries.day_summary()["streak"], services.queries.day_summary()["freezes"]) == (7, 0)


def test_deleting_the_only_help_of_a_day_breaks_the_streak(services: Services, clock: FixedClock) -> None:
    services.contacts.create(nickname="小美")
    services.profile.set_rest_days(0)
    give(services, "2026-11-24 09:00", clock.tz)
    middle = services.helps.create(direction="given", kind="boost_click", contact="小美",
                                   at=dt.datetime(2026, 11, 23, 9, 0, tzinfo=clock.tz))
    give(services, "2026-11-22 09:00", clock.tz)
    assert services.queries.day_summary()["streak"] == 3
    services.helps.delete(str(middle.entity_id))
    assert services.queries.day_summary()["streak"] == 1


def test_groups_open_now_with_closing_time(services: Services, clock: FixedClock) -> None:
    mums = services.groups.create(name="宝妈拼团群", windows=["Mon-Fri 19:00-22:00"])
    owls = services.groups.create(name="夜猫子群", windows=["Wed 19:30-01:00"])  # across midnight
    services.groups.create(name="周末群", windows=["Sat,Sun 09:00-11:00"])
    services.groups.create(name="没有时段的群")
    services.groups.create(name="旧群", windows=["daily 00:00-23:59"])
    services.groups.archive("旧群")
    assert services.queries.day_summary()["open_groups"] == [
        {"id": str(mums.entity_id), "name": "宝妈拼团群", "until": "22:00"},
        {"id": str(owls.entity_id), "name": "夜猫子群", "until": "01:00"},
    ]
    clock.advance(hours=4, minutes=30)  # Thursday 00:30: only the window that crossed midnight
    assert [g["name"] for g in services.queries.day_summary()["open_groups"]] == ["夜猫子群"]
    clock.advance(hours=1)
    assert services.queries.day_summary()["open_groups"] == []


def test_group_rules_say_what_a_request_there_would_meet(services: Services, clock: FixedClock) -> None:
    """A limit of one request a day and a window Mon–Fri 20:00–22:00: a second request at 19:23 saved without a
    word. What the quick log shows before saving comes from here."""
    tz = clock.tz
    services.groups.create(name="宝妈拼团群", daily_request_limit=1, windows=["Mon-Fri 20:00-22:00"])
    services.contacts.create(nickname="小美")
    assert services.queries.group_rules("没有这个群") is None
    at_1923 = dt.datetime(2026, 11, 25, 19, 23, tzinfo=tz)
    rules = services.queries.group_rules("宝妈拼团群", at_1923)
    assert rules is not None
    assert (rules["window_open"], rules["until"], rules["windows"]) == (False, None, "Mon-Fri 20:00-22:00")
    assert (rules["limit"], rules["requests_today"]) == (1, 0)
    services.requests.create(group="宝妈拼团群", at=dt.datetime(2026, 11, 25, 9, 0, tzinfo=tz))
    services.helps.create(direction="given", kind="boost_click", contact="小美", group="宝妈拼团群")
    services.helps.create(direction="given", kind="boost_click", contact="小美", group="宝妈拼团群")
    services.helps.create(direction="received", kind="boost_click", contact="小美", group="宝妈拼团群")
    services.helps.create(direction="received", kind="boost_click", contact="小美")  # in no group
    rules = services.queries.group_rules("宝妈拼团群", at_1923)
    assert rules is not None and rules["requests_today"] == 1  # the limit is reached
    assert (rules["given"], rules["received"]) == (2, 1)
    now = services.queries.group_rules("宝妈拼团群")  # 20:00 on a Wednesday: open
    assert now is not None and (now["window_open"], now["until"]) == (True, "22:00")
    services.groups.create(name="临时群")
    free = services.queries.group_rules("临时群")
    assert free is not None and free["window_open"] is None and free["limit"] is None


def test_group_rules_of_a_name_no_group_may_have_read_nothing(services: Services) -> None:
    """What a careless or hostile user types into the quick log's group field is only looked up, never fails."""
    services.groups.create(name="宝妈拼团群")
    services.groups.create(name="宝妈拼团群 ")  # a near twin: the lookup by name may find two
    for typed in ("\t", "宝妈\t拼团群", "x" * 10_000_000, "\ud800", "../宝妈拼团群", "\u202e群团拼妈宝"):
        assert services.queries.group_rules(typed) is None
