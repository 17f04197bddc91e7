"""The change contract on the window's side: the areas a write touched, and the areas each page shows.

A write announces ``(result, initiator)`` once (:class:`~app.ui.context.PageContext.operation_done`); every page
declares the areas it shows in a class attribute ``AREAS`` and is reloaded only when they meet the write's
(:func:`areas_of`). The names are the contract with the services' ``OpResult.areas``.
"""

from __future__ import annotations

from typing import Any

GROUPS, CONTACTS, DEALS, HELPS, REQUESTS, LEDGER = "groups", "contacts", "deals", "helps", "requests", "ledger"
GAME, QUESTS, BADGES, POINTS, LEVEL = "game", "quests", "badges", "points", "level"
HISTORY, SETTINGS, PROFILE = "history", "settings", "profile"

ALL_AREAS: frozenset[str] = frozenset({
    GROUPS, CONTACTS, DEALS, HELPS, REQUESTS, LEDGER, GAME, QUESTS, BADGES, POINTS, LEVEL, HISTORY, SETTINGS, PROFILE,
})
GAME_AREAS: frozenset[str] = frozenset({GAME, QUESTS, BADGES, POINTS, LEVEL})

# What a changed entity type means for the pages, until every service names its areas itself. Conservative where
# a service does not report all it changed yet: a help may cut a deal's price and add its contact to a group.
_BY_ENTITY: dict[str, frozenset[str]] = {
    "group": frozenset({GROUPS}),
    "contact": frozenset({CONTACTS}),
    "deal": frozenset({DEALS}),
    "help": frozenset({HELPS, LEDGER, DEALS, CONTACTS}),
    "request": frozenset({REQUESTS}),
    "settlement": frozenset({LEDGER}),
    # Every fact or correction is in the history, and the game counts it: points, quest and badge progress move
    # even when nothing is earned.
    "activity": frozenset({HISTORY}) | GAME_AREAS,
    # The profile holds the time zone: a new one moves every day key, streak and daily quest.
    "profile": ALL_AREAS,
}

_BY_EVENT: dict[str, frozenset[str]] = {
    "quest.step_completed": frozenset({QUESTS, POINTS}),
    "quest.completed": frozenset({QUESTS, POINTS}),
    "achievement.unlocked": frozenset({BADGES, POINTS}),
    "level.reached": frozenset({LEVEL}),
}


def areas_of(result: Any) -> frozenset[str]:
    """The areas a write changed: ``result.areas`` when the services say it, else derived from what it touched.

    ``None`` (a restore, a rebuild of the game, fresh demo data) changed everything.
    """
    if result is None:
        return ALL_AREAS
    areas = getattr(result, "areas", None)
    if areas is not None:
        return frozenset(areas)
    found: set[str] = set()
    for entity in getattr(result, "changed", {}) or {}:
        found |= _BY_ENTITY.get(entity, ALL_AREAS)  # an entity this table does not know: assume the worst
    events = getattr(result, "game", None) or []
    if events:
        found |= {GAME, HISTORY}  # the game's events are in the history too
        for event in events:
            found |= _BY_EVENT.get(str(event.get("type", "")), GAME_AREAS)
            if event.get("points"):
                found.add(POINTS)
    if getattr(result, "catching_up", False):
        found |= GAME_AREAS  # the game went back to before a correction and counts the rest in the background
    return frozenset(found)


def areas_shown(page: Any) -> frozenset[str]:
    """The areas ``page`` shows (its ``AREAS``); a page that does not say is reloaded for every change."""
    areas = getattr(page, "AREAS", None)
    return ALL_AREAS if areas is None else frozenset(areas)


def reloads_itself(page: Any) -> bool:
    """Whether ``page`` reloads itself after its own writes (then the window does not reload it a second time)."""
    return bool(getattr(page, "RELOADS_AFTER_OWN_WRITES", False))
