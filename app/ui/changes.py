"""The change contract on the window's side: the areas a write touched, and the areas each page shows.

A write announces ``(result, initiator)`` once (:class:`~app.ui.context.PageContext.operation_done`); every page
declares the areas it shows in a class attribute ``AREAS`` and is reloaded only when they meet the write's
``OpResult.areas`` (:func:`areas_of`). The names are the services' (``app/areas.py``, docs/changes.md).
"""

from __future__ import annotations

from typing import Any

from app.areas import (
    AREAS,
    BACKUPS,
    BADGES,
    CONTACTS,
    DEALS,
    GAME,
    GAME_PARTS,
    GROUPS,
    HELPS,
    HISTORY,
    LEDGER,
    LEVEL,
    POINTS,
    PROFILE,
    QUESTS,
    REQUESTS,
    SETTINGS,
)

__all__ = [
    "ALL_AREAS", "BACKUPS", "BADGES", "CONTACTS", "DEALS", "GAME", "GAME_AREAS", "GROUPS", "HELPS", "HISTORY",
    "LEDGER", "LEVEL", "POINTS", "PROFILE", "QUESTS", "REQUESTS", "SETTINGS", "areas_of", "areas_shown",
    "reloads_itself",
]

ALL_AREAS: frozenset[str] = AREAS
GAME_AREAS: frozenset[str] = GAME_PARTS | {GAME}


def areas_of(result: Any) -> frozenset[str]:
    """The areas a write changed (its ``OpResult.areas``); ``None`` (the data may have changed everywhere: a
    change from outside the window) and a change of the settings stand for every area."""
    if result is None:
        return ALL_AREAS
    areas = frozenset(result.areas)
    if SETTINGS in areas:  # a new time zone or language: every page shows its dates, days and words anew
        return ALL_AREAS
    return areas


def areas_shown(page: Any) -> frozenset[str]:
    """The areas ``page`` shows (its ``AREAS``); a page that does not say is reloaded for every change."""
    areas = getattr(page, "AREAS", None)
    return ALL_AREAS if areas is None else frozenset(areas)


def reloads_itself(page: Any) -> bool:
    """Whether ``page`` reloads itself after its own writes (then the window does not reload it a second time)."""
    return bool(getattr(page, "RELOADS_AFTER_OWN_WRITES", False))
