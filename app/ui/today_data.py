"""What the Today page shows, read in the database thread as plain data: all of it, or what moves with the clock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services import Services

DUE_WITHIN = dt.timedelta(days=3)
ACTIVITY_LIMIT = 20
RECORDED = ("fact", "correction")  # what the user did; the game shows its own events


def _game_summary(services: Services) -> dict[str, Any]:
    # "pending": facts a correction far back left to the background catch-up; until it ends the score is the one
    # from before the correction, so Today says the game is being recounted instead of showing it.
    return {**services.game.score(), "quests": services.game.quests(), "pending": services.game.pending()}


def _named(activities: list[dict[str, Any]]) -> set[str]:
    """The ids the latest entries show names for: their record's and those in their payload."""
    ids: set[str] = set()
    for activity in activities:
        payload = activity.get("payload") or {}
        ids.update(str(payload[k]) for k in ("group_id", "contact_id", "deal_id") if payload.get(k))
        if activity.get("entity_id"):
            ids.add(str(activity["entity_id"]))
    return ids


def _clock_part(services: Services) -> dict[str, Any]:
    from app.services.history import HistoryFilter, HistoryQuery

    # As History reads them: without what an Undo took back.
    activities = HistoryQuery(services.store, services.clock).page(HistoryFilter(kinds=RECORDED), None, ACTIVITY_LIMIT)
    return {
        "now": services.clock.now(),
        "tz": services.clock.tz,
        "due": services.queries.deals_due(DUE_WITHIN),
        "activities": activities,
        "names": services.queries.names(_named(activities)),  # not every name: 20 entries show a few
        "day": services.queries.day_summary(),
    }


def load_today_clock(services: Services) -> dict[str, Any]:
    """What the Today page shows that moves with the clock alone, with no write: the greeting and date, the
    deadlines and time left, "Today"/"Yesterday" in the latest entries, the streak, the day's helps, the
    groups open now and "only takes" (the last 30 days). Cheap at any size: the window reads it every minute
    (runs in the database thread)."""
    return {**_clock_part(services), "only_takes": services.ledger.only_takes()}


def load_today(services: Services) -> dict[str, Any]:
    """Everything the Today page shows, as plain data (runs in the database thread)."""
    ledger = services.ledger.summary()  # has "only takes" already: not read a second time
    return {
        **_clock_part(services),
        "only_takes": ledger["only_takes"],
        "counts": services.queries.counts(history=False),  # the cards: not the million activities counted
        "game": _game_summary(services),
        "ledger": ledger,
    }
