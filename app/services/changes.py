"""The change contract: what one write changed, by area (like Anki's ``OpChanges``); docs/changes.md describes it.

Every write returns an :class:`~app.services.base.OpResult` whose ``areas`` say what changed. They are derived in
one place, :attr:`Changes.areas`, from what the transaction touched (``Tx.touch``, ``Tx.append``) and what the game
measured around its run (``app/services/game_changes.py``); a page reloads when an area it shows is among them.
The mappings below tie each area to the rows and files it stands for; tests/test_change_contract.py holds every
write to them (the areas a write reports are exactly the ones whose rows or files changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.quests.engine import SCORE_KEY

GROUPS = "groups"  # groups and their activity windows
CONTACTS = "contacts"  # contacts and the groups they are met in
DEALS = "deals"  # deals, their price tiers and bargain cuts
HELPS = "helps"  # help exchanges
REQUESTS = "requests"  # help requests
LEDGER = "ledger"  # settlements ("we are even")
HISTORY = "history"  # the activity log: facts, corrections and the game's derived events
GAME = "game"  # any of the game's rows (state, points ledger, checkpoints) or its content (quest packs)
QUESTS = "quests"  # a quest chain's progress, a chain completed, or the chains installed
BADGES = "badges"  # an achievement's progress or tier
POINTS = "points"  # the points ledger (entries added or removed) or the score's points
LEVEL = "level"  # the score's level
PROFILE = "profile"  # the profile record (its name; created on first use)
SETTINGS = "settings"  # the profile's language and time zone: how every date, day and text is shown and counted
BACKUPS = "backups"  # the files in the data folder's backups/

GAME_PARTS = frozenset({QUESTS, BADGES, POINTS, LEVEL})  # each comes with GAME
DATA = frozenset({GROUPS, CONTACTS, DEALS, HELPS, REQUESTS, LEDGER, HISTORY, GAME, *GAME_PARTS, PROFILE, SETTINGS})
"""Every area the database holds: what replacing the database (a restore, a demo reset) reports."""
AREAS = DATA | {BACKUPS}

TABLE_AREAS: dict[str, str] = {
    "group": GROUPS,
    "activity_window": GROUPS,
    "contact": CONTACTS,
    "contact_group": CONTACTS,  # a link is the contact's list of groups
    "deal": DEALS,
    "price_tier": DEALS,
    "bargain_cut": DEALS,
    "help_exchange": HELPS,
    "help_request": REQUESTS,
    "ledger_settlement": LEDGER,
    "activity": HISTORY,
    "game_state": GAME,  # and the parts of STATE_PREFIXES, see state_areas
    "points_entry": POINTS,  # a part of GAME
    "game_checkpoint": GAME,
    "game_undo": GAME,
    "profile": PROFILE,  # but the columns of COLUMN_AREAS
}
"""The area of each table's rows (``alembic_version``, the schema's, is no data: a migration is no write)."""

COLUMN_AREAS: dict[tuple[str, str], str] = {("profile", "locale"): SETTINGS, ("profile", "timezone"): SETTINGS}
"""Columns whose area is not their table's."""

FOLDER_AREAS: dict[str, str] = {"backups": BACKUPS, "quests": QUESTS}
"""Folders of the data folder, by name (``BACKUP_DIRNAME``, ``PACKS_DIRNAME``): the backups, the installed packs."""

ENTITY_AREAS: dict[str, str] = {
    "group": GROUPS,
    "contact": CONTACTS,
    "deal": DEALS,
    "help": HELPS,
    "request": REQUESTS,
    "settlement": LEDGER,
    "activity": HISTORY,
    "profile": PROFILE,
}
"""The area of each entity type a transaction touches (``Tx.touch``)."""

STATE_PREFIXES: tuple[tuple[str, str], ...] = (("chain:", QUESTS), ("completed:", QUESTS), ("ach:", BADGES))
"""Game-state keys that are a part of the game; other keys (counters, balances, membership) are the game's own."""


def state_areas(key: str, before: Any, after: Any) -> set[str]:
    """The areas one changed game-state row stands for (``before``/``after`` decoded, None when absent)."""
    areas = {GAME}
    if key == SCORE_KEY:
        old, new = before or {}, after or {}
        if old.get("level") != new.get("level"):
            areas.add(LEVEL)
        if old.get("points") != new.get("points"):
            areas.add(POINTS)
    for prefix, area in STATE_PREFIXES:
        if key.startswith(prefix):
            areas.add(area)
    return areas


@dataclass
class Changes:
    """What one write changed: the entity types it touched and the areas it marked; :attr:`areas` is the contract."""

    entities: set[str] = field(default_factory=set)
    marked: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, *areas: str) -> Changes:
        changes = cls()
        changes.mark(*areas)
        return changes

    def touch(self, entity_type: str) -> None:
        if entity_type not in ENTITY_AREAS:
            raise ValueError(f"no area for the entity type {entity_type!r}: add it to ENTITY_AREAS")
        self.entities.add(entity_type)

    def mark(self, *areas: str) -> None:
        unknown = set(areas) - AREAS
        if unknown:
            raise ValueError(f"unknown areas {sorted(unknown)}")
        self.marked.update(areas)

    def merge(self, other: Changes) -> None:
        self.entities |= other.entities
        self.marked |= other.marked

    @property
    def areas(self) -> frozenset[str]:
        areas = {ENTITY_AREAS[t] for t in self.entities} | self.marked
        if areas & GAME_PARTS:
            areas.add(GAME)
        return frozenset(areas)
