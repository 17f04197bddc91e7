"""The change contract: what one write changed, by area (like Anki's ``OpChanges``); docs/changes.md describes it.

Every write returns an :class:`~app.services.base.OpResult` whose ``areas`` say what changed. They are derived in
one place, :attr:`Changes.areas`, from what the transaction touched (``Tx.touch``, ``Tx.append``) and what the game
measured around its run (``app/services/game_changes.py``); a page reloads when an area it shows is among them.
The mappings below tie each area to the rows and files it stands for; tests/test_change_contract.py holds every
write to them (the areas a write reports are exactly the ones whose rows or files changed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.areas import (
    AREAS,
    BACKUPS,
    BADGES,
    CONTACTS,
    DATA,
    DEALS,
    GAME,
    GAME_PARTS,
    GROUPS,
    HELPS,
    HISTORY,
    IMAGES,
    LEDGER,
    LEVEL,
    POINTS,
    PRIVACY,
    PROFILE,
    QUESTS,
    REQUESTS,
    SETTINGS,
)
from app.quests.engine import SCORE_KEY

# The areas' names are app/areas.py's, re-exported here beside what they stand for.
__all__ = [
    "AREAS", "BACKUPS", "BADGES", "CONTACTS", "DATA", "DEALS", "GAME", "GAME_PARTS", "GROUPS", "HELPS", "HISTORY",
    "IMAGES", "LEDGER", "LEVEL", "POINTS", "PRIVACY", "PROFILE", "QUESTS", "REQUESTS", "SETTINGS", "COLUMN_AREAS",
    "ENTITY_AREAS", "FOLDER_AREAS", "STATE_PREFIXES", "TABLE_AREAS", "Changes", "state_areas",
]

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
    "ledger_balance": LEDGER,  # the balances kept from the helps since each contact's last settlement
    "activity": HISTORY,
    "game_state": GAME,  # and the parts of STATE_PREFIXES, see state_areas
    "points_entry": POINTS,  # a part of GAME
    "game_checkpoint": GAME,
    "game_undo": GAME,
    "profile": PROFILE,  # but the columns of COLUMN_AREAS
    "share_preset": PRIVACY,
    "export_audit": PRIVACY,
    "image": IMAGES,
}
"""The area of each table's rows (``alembic_version``, the schema's, is no data: a migration is no write)."""

COLUMN_AREAS: dict[tuple[str, str], str] = {
    ("profile", "locale"): SETTINGS, ("profile", "timezone"): SETTINGS, ("profile", "rest_days"): SETTINGS,
}
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
    "preset": PRIVACY,
    "export": PRIVACY,
    "image": IMAGES,
}
"""The area of each entity type a transaction touches (``Tx.touch``)."""

STATE_PREFIXES: tuple[tuple[str, str], ...] = (("chain:", QUESTS), ("completed:", QUESTS), ("ach:", BADGES))
"""Game-state keys that are a part of the game; other keys (counters, balances, membership) are the game's own."""


def state_areas(key: str, before: Any, after: Any) -> set[str]:
    """The areas one changed game-state row stands for; ``before``/``after`` as stored (JSON text, or a number the
    column's affinity made of it), None when absent. Only the score's values are read."""
    areas = {GAME}
    if key == SCORE_KEY:
        old, new = _stored(before) or {}, _stored(after) or {}
        if old.get("level") != new.get("level"):
            areas.add(LEVEL)
        if old.get("points") != new.get("points"):
            areas.add(POINTS)
    for prefix, area in STATE_PREFIXES:
        if key.startswith(prefix):
            areas.add(area)
    return areas


def _stored(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


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
