"""The Charts page's one read (app.services.charts): counts per local day and month, points and money saved, checked
against a database made by hand and against plain SQL over the same rows."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.demo import create_demo_folder
from app.model import Activity, ActivityKind, PointsEntry
from app.services import Services, open_services
from app.services.charts import ChartService, month_start, rest_days
from app.store import Store
from tests.conftest import SHANGHAI, START

UTC = dt.UTC


@pytest.fixture
def hand_made(services: Services, clock: FixedClock) -> Services:
    """In Shanghai (UTC+8), now 2026-11-25 20:00: helps on known local days, one just after local midnight (still
    the day before in UTC), deals that saved known sums and one that saved nothing for the user."""
    services.groups.create(name="宝妈拼团群")
    services.contacts.create(nickname="小美", groups=["宝妈拼团群"])
    give = {"direction": "given", "kind": "share", "contact": "小美", "group": "宝妈拼团群"}
    services.helps.create(**give, at=dt.datetime(2026, 11, 24, 17, 0, tzinfo=UTC))  # 11-25 01:00 local
    services.helps.create(**give, at=dt.datetime(2026, 11, 25, 3, 0, tzinfo=UTC))  # 11-25 11:00 local
    services.helps.create(**give, at=dt.datetime(2026, 10, 3, 1, 0, tzinfo=UTC))
    services.helps.create(direction="received", kind="boost_click", contact="小美", group="宝妈拼团群",
                          at=dt.datetime(2026, 10, 31, 16, 30, tzinfo=UTC))  # 11-01 00:30 local: November
    # Saved ¥20.00 in October (a bargain cut from ¥100 to ¥80), ¥2.00 in November (a group buy's tier reached).
    services.deals.create(kind="bargain", title="推车", mine=True, original_fen=10000, current_fen=8000)
    services.deals.set_status("推车", "succeeded", at=dt.datetime(2026, 10, 20, 5, 0, tzinfo=UTC))
    services.deals.create(kind="group_buy", title="苹果", mine=True, original_fen=1000,
                          tiers=[(2, 800), (5, 600)], participants_joined=3)
    services.deals.set_status("苹果", "succeeded", at=dt.datetime(2026, 11, 2, 5, 0, tzinfo=UTC))
    services.deals.create(kind="bargain", title="别人的", mine=False, original_fen=5000, current_fen=100)
    services.deals.set_status("别人的", "succeeded", at=dt.datetime(2026, 11, 3, 5, 0, tzinfo=UTC))
    services.deals.create(kind="bargain", title="没成", mine=True, original_fen=5000, current_fen=100)
    services.deals.set_status("没成", "failed", at=dt.datetime(2026, 11, 4, 5, 0, tzinfo=UTC))
    return services


def _facts_by_local_day(services: Services) -> dict[dt.date, int]:
    """The same count the slow way: every fact read, its day taken in Python."""
    out: dict[dt.date, int] = {}
    with services.store.read() as session:
        for at in session.scalars(select(Activity.at).where(Activity.kind == ActivityKind.fact)):
            day = at.astimezone(services.clock.tz).date()
            out[day] = out.get(day, 0) + 1
    return out


def test_counts_match_the_hand_made_database(hand_made: Services) -> None:
    data = ChartService(hand_made.store, hand_made.clock).data()
    assert data.today == dt.date(2026, 11, 25)
    assert data.heatmap.last == data.today and data.heatmap.first.weekday() == 0
    assert (data.heatmap.last - data.heatmap.first).days < 53 * 7
    expected = {d: n for d, n in _facts_by_local_day(hand_made).items() if d >= data.heatmap.first}
    assert data.heatmap.counts == expected
    assert data.heatmap.counts[dt.date(2026, 10, 3)] == 1  # the one help that day
    assert data.heatmap.total == sum(expected.values())
    helps = {m.month: (m.given, m.received) for m in data.helps}
    assert len(data.helps) == 12 and data.helps[-1].month == dt.date(2026, 11, 1)
    assert helps[dt.date(2026, 11, 1)] == (2, 1)  # the 01:00 local help on the 25th; the 00:30 receipt in November
    assert helps[dt.date(2026, 10, 1)] == (1, 0)
    assert helps[dt.date(2025, 12, 1)] == (0, 0)
    saved = {p.day: (p.value, p.total) for p in data.saved}
    assert saved[dt.date(2026, 10, 1)] == (2000, 2000)
    assert saved[dt.date(2026, 11, 1)] == (200, 2200)  # 3 joined reach the ¥8 tier (not the ¥6 one): ¥2 saved
    assert saved[dt.date(2026, 9, 1)] == (0, 0)


def test_points_are_weekly_with_the_running_total(hand_made: Services) -> None:
    data = ChartService(hand_made.store, hand_made.clock).data()
    with hand_made.store.read() as session:
        rows = session.execute(select(PointsEntry.at, PointsEntry.points)).all()
    assert rows, "the helps earned points"
    tz = hand_made.clock.tz
    by_week: dict[dt.date, int] = {}
    for at, points in rows:
        day = at.astimezone(tz).date()
        monday = day - dt.timedelta(days=day.weekday())
        by_week[monday] = by_week.get(monday, 0) + points
    assert data.points[-1].total == sum(p for _, p in rows)
    assert {p.day: p.value for p in data.points if p.value} == by_week
    assert all(a.total <= b.total for a, b in zip(data.points, data.points[1:], strict=False))


def test_an_empty_database_gives_empty_charts(services: Services) -> None:
    data = ChartService(services.store, services.clock).data()
    assert data.heatmap.total == 0 and data.heatmap.rest == frozenset()
    assert not data.has_helps
    assert all(p.total == 0 for p in data.points) and all(p.total == 0 for p in data.saved)


def test_a_zone_with_summer_time_counts_the_same_days(store: Store, tmp_path: Path) -> None:
    """New York changes its offset within the year: the quarter-hour path gives the days a slow count gives."""
    clock = FixedClock(START, ZoneInfo("America/New_York"))
    services = Services(store, clock)
    services.contacts.create(nickname="Amy")
    for moment in (dt.datetime(2026, 7, 1, 3, 30, tzinfo=UTC), dt.datetime(2026, 7, 1, 4, 30, tzinfo=UTC),
                   dt.datetime(2026, 11, 20, 4, 30, tzinfo=UTC), dt.datetime(2026, 11, 20, 5, 30, tzinfo=UTC)):
        services.helps.create(direction="given", kind="share", contact="Amy", at=moment)
    data = ChartService(services.store, clock).data()
    assert data.heatmap.counts[dt.date(2026, 6, 30)] == 1  # 23:30 EDT
    assert data.heatmap.counts[dt.date(2026, 7, 1)] == 1  # 00:30 EDT
    assert data.heatmap.counts[dt.date(2026, 11, 19)] == 1  # 04:30 UTC: 23:30 EST
    assert data.heatmap.counts[dt.date(2026, 11, 20)] == 1  # 05:30 UTC: 00:30 EST
    assert data.heatmap.counts == {d: n for d, n in _facts_by_local_day(services).items() if d >= data.heatmap.first}


def test_rest_days_are_the_gaps_a_streak_went_on_through() -> None:
    monday = dt.date(2026, 11, 2)
    days = {monday + dt.timedelta(days=n) for n in (0, 1, 3, 4, 5, 6)}  # Wednesday missed
    assert rest_days(days, monday, monday + dt.timedelta(days=6), 1) == {monday + dt.timedelta(days=2)}
    assert rest_days(days, monday, monday + dt.timedelta(days=6), 0) == frozenset()
    # Two days missed in one week with one rest day a week: the run breaks, no rest day shown.
    broken = {monday, monday + dt.timedelta(days=3)}
    assert rest_days(broken, monday, monday + dt.timedelta(days=6), 1) == frozenset()
    # The gap before the first active day of a run is no rest day.
    assert rest_days({monday + dt.timedelta(days=2)}, monday, monday + dt.timedelta(days=2), 1) == frozenset()


def test_month_start_goes_back_over_years() -> None:
    assert month_start(dt.date(2026, 2, 14), 3) == dt.date(2025, 11, 1)
    assert month_start(dt.date(2026, 12, 31)) == dt.date(2026, 12, 1)


def test_fast_on_a_large_demo(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    clock = FixedClock(dt.datetime(2026, 11, 25, 12, 0, tzinfo=UTC), SHANGHAI)
    create_demo_folder(folder, clock, activities=20_000, seed=3)
    services = open_services(folder, clock, create=False, reading=True)
    try:
        started = time.perf_counter()
        data = ChartService(services.store, clock).data()
        elapsed = time.perf_counter() - started
        assert data.heatmap.total > 0 and data.has_helps
        assert elapsed < 1.0, f"{elapsed:.2f} s for 20,000 activities"
    finally:
        services.store.close()
