"""What the Charts page draws, read in one call: activity per local day over the last year (with the streak's rest
days), helps given and received per month, points over time, and the money finished deals saved.

Plain data (dataclasses of dates and ints), summed by SQLite: the log is never walked row by row in Python. Days and
months are the user's local ones (the clock's zone); a zone whose offset stays the same over the year is shifted in
SQL, one with daylight saving time is summed per quarter hour in SQL and the quarters put on their local days here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Integer, cast, func, select
from sqlalchemy.orm import Session

from app.model import Activity, ActivityKind, Deal, DealStatus, Direction, HelpExchange, PointsEntry, PriceTier
from app.services.base import Service, profile_rest_days
from app.services.deal_values import price_now

WEEKS = 53  # the heatmap's columns: a year of whole weeks, Monday to Sunday (the game's weeks)
MONTHS = 12  # given vs received, money saved: the last twelve months, this one included
QUARTER = dt.timedelta(minutes=15)  # every zone's offset is a whole number of quarter hours


@dataclass(frozen=True)
class Heatmap:
    """Facts recorded per local day from ``first`` (a Monday) to ``last`` (today); ``rest``: the days without a
    help given that the streak rules counted as rest days (``rest_per_week`` a week, app/quests/goals.py)."""

    first: dt.date
    last: dt.date
    counts: dict[dt.date, int] = field(default_factory=dict)
    rest: frozenset[dt.date] = frozenset()
    rest_per_week: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class MonthPair:
    """Helps given and received in one local month (``month``: its first day)."""

    month: dt.date
    given: int
    received: int


@dataclass(frozen=True)
class Point:
    """One point of a line: ``value`` at ``day`` (points: the total earned by the end of that week; money: fen saved
    in that month, ``total`` by its end)."""

    day: dt.date
    value: int
    total: int


@dataclass(frozen=True)
class ChartData:
    today: dt.date
    heatmap: Heatmap
    helps: list[MonthPair]
    points: list[Point]  # one a week, Mondays, ``total``: the points held at the end of that week
    saved: list[Point]  # one a month, ``value`` saved that month, ``total`` saved by its end

    @property
    def has_helps(self) -> bool:
        return any(m.given or m.received for m in self.helps)


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of ``day``'s month, ``back`` months earlier."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


class ChartService(Service):
    """The charts' one read (:meth:`data`)."""

    def data(self) -> ChartData:
        tz = self.clock.tz
        today = self.clock.now().astimezone(tz).date()
        first_day = today - dt.timedelta(days=today.weekday() + 7 * (WEEKS - 1))
        first_month = month_start(today, MONTHS - 1)
        with self.store.read() as session:
            days = _Days(session, tz, min(first_day, first_month), today)
            facts = days.count(Activity.at, Activity.kind == ActivityKind.fact)
            given = days.count(HelpExchange.at, HelpExchange.direction == Direction.given)
            received = days.count(HelpExchange.at, HelpExchange.direction == Direction.received)
            points = days.total(PointsEntry.at, PointsEntry.points)
            points_before = int(session.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
                PointsEntry.at < days.start_utc)) or 0)
            stored_rest = profile_rest_days(session)
            saved = _saved_per_month(session, tz)
        if stored_rest is None:
            from app.quests.catalogue import builtin_rules

            stored_rest = builtin_rules().rest_days
        heatmap = Heatmap(first_day, today, {d: n for d, n in facts.items() if d >= first_day},
                          rest_days(set(given), first_day, today, stored_rest), stored_rest)
        months = [month_start(today, back) for back in range(MONTHS - 1, -1, -1)]
        given_months, received_months = _by_month(given), _by_month(received)
        helps = [MonthPair(m, given_months.get(m, 0), received_months.get(m, 0)) for m in months]
        return ChartData(today, heatmap, helps, _weekly(points, points_before, first_day, today),
                         _monthly(saved, months))


class _Days:
    """Sums of a table per local day from ``start`` to ``end``, in SQL."""

    def __init__(self, session: Session, tz: dt.tzinfo, start: dt.date, end: dt.date) -> None:
        self.session = session
        self.tz = tz
        self.start_utc = dt.datetime.combine(start, dt.time(), tzinfo=tz).astimezone(dt.UTC)
        self.end_utc = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=tz).astimezone(dt.UTC)
        offsets = {self.start_utc.astimezone(tz).utcoffset(), self.end_utc.astimezone(tz).utcoffset()}
        moment = self.start_utc
        while moment < self.end_utc and len(offsets) == 1:  # a change of offset within the range: the slow way
            offsets.add(moment.astimezone(tz).utcoffset())
            moment += dt.timedelta(days=7)
        only = offsets.pop() if len(offsets) == 1 else None
        self.shift = None if only is None else f"{int(only.total_seconds() // 60):+d} minutes"

    def count(self, column: Any, where: ColumnElement[bool]) -> dict[dt.date, int]:
        return self._sum(column, func.count(), where)

    def total(self, column: Any, value: Any) -> dict[dt.date, int]:
        return self._sum(column, func.sum(value), None)

    def _sum(self, column: Any, value: Any, where: ColumnElement[bool] | None) -> dict[dt.date, int]:
        bounds = [column >= self.start_utc, column < self.end_utc]
        if where is not None:
            bounds.append(where)
        out: dict[dt.date, int] = defaultdict(int)
        if self.shift is not None:
            day = func.date(column, self.shift)
            for text, n in self.session.execute(select(day, value).where(*bounds).group_by(day)):
                out[dt.date.fromisoformat(text)] += int(n or 0)
            return out
        hour = func.strftime("%Y-%m-%d %H", column)
        quarter = cast(func.strftime("%M", column), Integer) / 15
        for text, q, n in self.session.execute(select(hour, quarter, value).where(*bounds).group_by(hour, quarter)):
            moment = dt.datetime.strptime(text, "%Y-%m-%d %H").replace(tzinfo=dt.UTC) + int(q) * QUARTER
            out[moment.astimezone(self.tz).date()] += int(n or 0)
        return out


def rest_days(active: set[dt.date], first: dt.date, last: dt.date, rest: int) -> frozenset[dt.date]:
    """The days from ``first`` to ``last`` without a help given that a streak passed as rest days: the game's walk
    (app/quests/goals.py: ``rest`` a week, Monday to Sunday) over the active days, keeping the rest days only where
    the run went on after them (or is still alive today)."""
    from app.quests.goals import FREEZE_EVERY, FREEZES_HELD

    if rest <= 0 or not active:
        return frozenset()
    out: set[dt.date] = set()
    pending: list[dt.date] = []
    used: dict[tuple[int, int], int] = {}
    run = freezes = 0
    day = first
    while day <= last:
        if day in active:
            run += 1
            if run % FREEZE_EVERY == 0:
                freezes = min(FREEZES_HELD, freezes + 1)
            out.update(pending)
            pending = []
        elif run:
            week = tuple(day.isocalendar())[:2]
            key = (int(week[0]), int(week[1]))
            if used.get(key, 0) < rest:
                used[key] = used.get(key, 0) + 1
                pending.append(day)
            elif freezes > 0:
                freezes -= 1
            elif day != last:  # today is not over: no entry yet breaks nothing
                run = freezes = 0
                used = {}
                pending = []
        day += dt.timedelta(days=1)
    if run:
        out.update(pending)  # the run alive today: its rest days so far
    return frozenset(out)


def _by_month(days: dict[dt.date, int]) -> dict[dt.date, int]:
    out: dict[dt.date, int] = defaultdict(int)
    for day, n in days.items():
        out[month_start(day)] += n
    return out


def _weekly(per_day: dict[dt.date, int], before: int, first: dt.date, last: dt.date) -> list[Point]:
    """Points per week from ``first`` (a Monday), each with the running total at its end."""
    weeks: dict[dt.date, int] = defaultdict(int)
    for day, n in per_day.items():
        if day >= first:
            weeks[day - dt.timedelta(days=day.weekday())] += n
        else:
            before += n
    out, total, monday = [], before, first
    while monday <= last:
        total += weeks.get(monday, 0)
        out.append(Point(monday, weeks.get(monday, 0), total))
        monday += dt.timedelta(days=7)
    return out


def _saved_per_month(session: Session, tz: dt.tzinfo) -> dict[dt.date | None, int]:
    """What the user's own deals that succeeded saved (the original price less the price paid: ``price_now``), by
    the local month they closed in (``None``: no closing time kept). Deals are few next to the log: read as rows."""
    query = select(Deal.id, Deal.kind, Deal.original_fen, Deal.current_fen, Deal.participants_joined,
                   Deal.closed_at).where(Deal.status == DealStatus.succeeded, Deal.mine.is_(True),
                                         Deal.original_fen.is_not(None))
    rows = session.execute(query).all()
    tiers: dict[Any, list[dict[str, int]]] = defaultdict(list)
    group_buys = [row.id for row in rows if row.kind == "group_buy"]
    for start in range(0, len(group_buys), 500):
        chunk = group_buys[start:start + 500]
        for deal_id, least, price in session.execute(
                select(PriceTier.deal_id, PriceTier.min_participants, PriceTier.price_fen)
                .where(PriceTier.deal_id.in_(chunk)).order_by(PriceTier.min_participants)):
            tiers[deal_id].append({"min_participants": least, "price_fen": price})
    out: dict[dt.date | None, int] = defaultdict(int)
    for row in rows:
        record = {"kind": str(row.kind), "original_fen": row.original_fen, "current_fen": row.current_fen,
                  "participants_joined": row.participants_joined, "tiers": tiers.get(row.id, [])}
        paid = price_now(record)
        if paid is None or paid >= row.original_fen:
            continue
        month = None if row.closed_at is None else month_start(row.closed_at.astimezone(tz).date())
        out[month] += int(row.original_fen) - paid
    return out


def _monthly(saved: dict[dt.date | None, int], months: list[dt.date]) -> list[Point]:
    total = sum(v for m, v in saved.items() if m is None or m < months[0])
    out = []
    for month in months:
        total += saved.get(month, 0)
        out.append(Point(month, saved.get(month, 0), total))
    return out
